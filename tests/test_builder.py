"""The builder keeps what it read from the spec and rules files, and the facts' index, for a
rebuild in the same process; a file read again is one whose bytes changed."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bundled_build import copy_bundled_project

from assessment_doc import builder
from assessment_doc.model import pformat
from assessment_doc.project import load_project


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times the builder reads each of the rules, tables and figures files."""
    counted: Counter[str] = Counter()
    for name in ("load_rules", "load_table_specs", "load_figure_specs"):
        original = getattr(builder, name)

        def counting(*args, _original=original, _name=name, **kwargs):
            counted[_name] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(builder, name, counting)
    return counted


def test_a_rebuild_reads_again_only_the_files_that_changed(tmp_path: Path, reads) -> None:
    project = load_project(copy_bundled_project(tmp_path / "project"))
    first = builder.assemble(project)
    assert set(reads) == {"load_rules", "load_table_specs", "load_figure_specs"}
    read_once = dict(reads)
    assert read_once["load_figure_specs"] == 1  # once for drawing ahead and placing

    again = builder.assemble(project)
    assert dict(reads) == read_once
    assert pformat(again.document) == pformat(first.document)
    assert again.decisions == first.decisions

    rules = project.content_dir / "rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    edited = builder.assemble(project)
    assert reads["load_rules"] == read_once["load_rules"] + 1
    assert reads["load_table_specs"] == read_once["load_table_specs"]
    assert pformat(edited.document) == pformat(first.document)


def test_the_facts_index_is_kept_for_the_same_facts_only(tmp_path: Path) -> None:
    project = load_project(copy_bundled_project(tmp_path / "project"))
    index = builder._fact_index(project)
    assert builder._fact_index(project) is index
    reloaded = load_project(project.root)
    assert builder._fact_index(reloaded) is not index


def test_footnotes_of_two_content_files_are_numbered_through_the_document(tmp_path: Path) -> None:
    from assessment_doc.api import build_document
    from assessment_doc.model import Note, iter_nodes

    root = copy_bundled_project(tmp_path / "project")
    fixture = Path(__file__).parent / "fixtures" / "narrative" / "footnotes" / "content"
    for order, path in enumerate(sorted(fixture.glob("*.md")), start=90):
        text = path.read_text(encoding="utf-8").replace("order: ", f"order: {order}\n# was ", 1)
        (root / "content" / f"{order}-{path.name}").write_text(text, encoding="utf-8")
    document = build_document(load_project(root))
    notes = [node.runs[0].text for node in iter_nodes(document) if isinstance(node, Note)
             and node.key is not None]
    import re

    bundled = sum(len(re.findall(r"^\[\^[^\]]+\]:", path.read_text(encoding="utf-8"), re.M))
                  for path in (root / "content").glob("*.md") if not re.match(r"9\d-", path.name))
    assert notes == [f"[{number}]" for number in range(1, 7 + bundled)]  # the fixture's 6 too


# --- the partnership and its contact follow the focus area --------------------------------------


def _settings_seen(project) -> dict:
    return builder.narrative_context(project)["settings"]


def test_the_home_area_names_its_own_partnership_and_contact(tmp_path: Path) -> None:
    seen = _settings_seen(load_project(copy_bundled_project(tmp_path / "project")))
    assert seen["partnership"] == "Safer Maidstone Partnership"
    assert (seen["home_area"], seen["is_home_area"]) == ("Maidstone", True)
    assert seen["contact"].startswith("For more information about the Safer Maidstone Partnership")
    assert seen["contact"].endswith("[www.maidstone.org.uk](http://www.maidstone.org.uk/).")


def test_another_area_is_never_given_the_home_partnership_or_its_address(tmp_path: Path) -> None:
    seen = _settings_seen(load_project(copy_bundled_project(tmp_path / "project"), area="Swale"))
    assert seen["partnership"] == "Swale Community Safety Partnership"
    assert (seen["area"], seen["home_area"], seen["is_home_area"]) == ("Swale", "Maidstone", False)
    assert seen["contact"] == ""


def test_an_area_named_in_the_settings_gets_its_partnership_and_contact(tmp_path: Path) -> None:
    root = copy_bundled_project(tmp_path / "project")
    settings = root / "assessment.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + (
        "partnerships:\n  Swale: Safer Swale Partnership\n"
        "contacts:\n  Swale: Write to *Swale House*, [swale.gov.uk](https://swale.gov.uk/).\n"),
        encoding="utf-8")
    project = load_project(root, area="Swale")
    seen = _settings_seen(project)
    assert seen["partnership"] == "Safer Swale Partnership"
    document = builder.assemble(project).document
    assert document.metadata.partnership == "Safer Swale Partnership"
    assert document.children[0].lines[0] == "Safer Swale Partnership"  # the cover


def test_the_contact_is_markdown_a_figure_from_data_is_not() -> None:
    from assessment_doc.narrative.escaping import MarkdownText, escape_markdown

    written = "Write to *Swale House*, [swale.gov.uk](https://swale.gov.uk/)."
    assert escape_markdown(MarkdownText(written)) == written
    assert escape_markdown(written) == r"Write to \*Swale House\*\, \[swale\.gov\.uk\]" \
        r"\(https\:\/\/swale\.gov\.uk\/\)\."


def test_a_second_name_for_the_home_partnership_is_refused_at_its_key(tmp_path: Path) -> None:
    from assessment_doc.errors import InputError

    root = copy_bundled_project(tmp_path / "project")
    settings = root / "assessment.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + (
        "partnerships:\n  Maidstone: Maidstone CSP\n"), encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_project(root)
    assert "partnerships names Maidstone's partnership 'Maidstone CSP', but partnership is " \
        "'Safer Maidstone Partnership'" in str(error.value)


def test_a_partnership_for_an_area_not_in_the_data_is_a_warning(tmp_path: Path) -> None:
    root = copy_bundled_project(tmp_path / "project")
    settings = root / "assessment.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + (
        "partnerships:\n  Swael: Safer Swale Partnership\n"), encoding="utf-8")
    warnings = [str(w) for w in builder.assemble(load_project(root)).warnings]
    assert warnings[0].startswith("assessment.yaml, column 'partnerships': partnerships names "
                                  "'Swael', which is not an area in the data (did you mean "
                                  "'Swale'?)")
