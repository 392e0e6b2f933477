"""Settings an analyst makes or changes in Python get the checks ``assessment.yaml`` gets, with
the same problems as an InputError: the API never builds what the settings file would refuse,
and never stops on a missing logo with a traceback."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from fixtures.small_project import small_project

import assessment_doc as ad
from assessment_doc.settings import GIVEN_IN_CODE, Settings, StyleSettings, checked_settings


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> ad.Project:
    return ad.load_project(small_project(tmp_path_factory.mktemp("in_code") / "project"))


def only_problem(error: pytest.ExceptionInfo[ad.InputError]) -> str:
    (problem,) = error.value.problems
    assert problem.file == GIVEN_IN_CODE
    return str(problem)


def test_a_colour_with_too_little_contrast_set_by_model_copy_stops_the_build_writing_nothing(
        project: ad.Project, tmp_path: Path) -> None:
    pale = project.settings.model_copy(update={"style": {"accent_colour": "#ffee00"}})
    out = tmp_path / "out"
    with pytest.raises(ad.InputError) as error:
        ad.build(replace(project, settings=pale), out, formats=["pdf"])
    assert "the accent colour #FFEE00 has a contrast ratio of 1.20:1" in only_problem(error)
    assert "column 'style.accent_colour'" in only_problem(error)
    assert not out.exists() or list(out.iterdir()) == []


def test_a_logo_missing_from_the_project_is_a_problem_not_a_crash(project: ad.Project) -> None:
    made = Settings(**{**project.settings.model_dump(), "style": StyleSettings(
        logo="images/logo.png")})  # made in code: pydantic alone cannot look for the file
    with pytest.raises(ad.InputError) as error:
        ad.build_document(replace(project, settings=made))
    assert "the logo 'images/logo.png' is not in the project folder" in only_problem(error)


def test_settings_given_as_a_dict_are_checked_and_used(project: ad.Project) -> None:
    given = {"title": "Community Safety 2017", "partnership": "Safer Maidstone Partnership",
             "area": "Maidstone", "date": "2017-03-01", "style": {"heading_colour": "#1f3864"}}
    document = ad.build_document(replace(project, settings=given))
    assert document.metadata.title == "Community Safety 2017"
    assert document.metadata.style.heading_colour == "#1F3864"
    with pytest.raises(ad.InputError) as error:
        ad.build_document(replace(project, settings={**given, "colour": "red"}))
    assert "unknown key 'colour'" in only_problem(error)


def test_every_problem_is_listed_at_once_as_the_settings_file_lists_them(
        project: ad.Project) -> None:
    broken = Settings.model_construct(title="A title", language="English")
    with pytest.raises(ad.InputError) as error:
        checked_settings(broken, project.root)
    messages = [problem.message for problem in error.value.problems]
    assert messages == ["missing key 'partnership'", "missing key 'area'", "missing key 'date'",
                        "the language 'English' is not a language tag"]


def test_checked_settings_keep_the_focus_area_and_equal_the_loaded_ones(
        project: ad.Project) -> None:
    assert checked_settings(project.settings, project.root) == project.settings
    swale = project.settings.with_area("Swale")
    checked = checked_settings(swale, project.root)
    assert (checked.area, checked.home_area, checked.is_home_area) == (
        "Swale", "Maidstone", False)
    with pytest.raises(ad.InputError, match="are of the type list"):
        checked_settings([], project.root)  # type: ignore[arg-type]
