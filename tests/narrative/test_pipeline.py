"""The pipeline over real files: render a section; check every file and collect all problems."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assessment_doc.errors import InputError
from assessment_doc.narrative import (
    NarrativeSection,
    Placement,
    check_content,
    content_paths,
    render_content,
    render_section,
)

from .facts import BAD, FACTS, PROJECT
from .helpers import dump

EXPECTED_PROBLEMS = yaml.safe_load((BAD / "expected.yaml").read_text(encoding="utf-8"))


def test_a_content_file_renders_to_a_section_with_its_placements():
    narrative = render_section(PROJECT / "content" / "01-summary.md", PROJECT, FACTS)
    assert (narrative.order, narrative.file, narrative.id) == (1, "content/01-summary.md",
                                                               "summary")
    assert narrative.placements == (
        Placement("table", "recorded_crime_by_district", "content/01-summary.md", 22),
    )
    assert dump(narrative.section).split("\n") == [
        "Section[1] 'Executive Summary'",
        "  Paragraph 'Safer Maidstone Partnership covers Maidstone.[1]'",
        "  Note '[1] See the [partnership plan](https://example.org/plan).'",
        "  Section[2] 'Headline figures'",
        ("    Paragraph 'Recorded crime fell to 9,178 offences, a reduction of 2.5%, a rate of "
        "56.7 per 1,000 residents. It ranks 6th in Kent.'"),
        "    BulletList",
        "      ListItem",
        "        Paragraph 'Violent crime: +12.7%'",
        "        NumberedList start=1",
        "          ListItem",
        "            Paragraph 'more offences: +333'",
        "          ListItem",
        "            Paragraph 'cost: £198,726'",
        "      ListItem",
        "        Paragraph 'Suppressed: [c]'",
        "    Paragraph '<table recorded_crime_by_district at line 22>'",
        "    Section[3] 'Legal definition'",
        "      BlockQuote",
        ("        Paragraph 'Anti-social behaviour means *conduct* that has caused harassment, "
        "alarm or distress.'"),
        "        Paragraph 'Anti-social Behaviour, Crime and Policing Act 2014, section 2.'",
        "      Recommendation 'Recommendation: keep **anti-social behaviour** a priority.'",
    ]


def test_an_appendix_file_renders_as_an_appendix_section():
    narrative = render_section(PROJECT / "content" / "02-appendix.md", PROJECT, FACTS)
    assert narrative.section.kind.value == "appendix"
    assert narrative.placements == (
        Placement("figure", "crime_trend", "content/02-appendix.md", 10),
    )


def test_render_content_returns_the_sections_by_order():
    sections = render_content(content_paths(PROJECT / "content"), PROJECT, FACTS)
    assert [(s.order, s.section.title) for s in sections] == [
        (1, "Executive Summary"), (20, "Information Sources")
    ]
    assert all(isinstance(s, NarrativeSection) for s in sections)


@pytest.mark.parametrize("name", sorted(EXPECTED_PROBLEMS))
def test_each_bad_file_gives_exactly_its_expected_problems(name):
    with pytest.raises(InputError) as raised:
        render_section(BAD / name, BAD.parent, FACTS)
    assert [str(problem) for problem in raised.value.problems] == EXPECTED_PROBLEMS[name]


def test_every_bad_fixture_has_expected_problems():
    assert sorted(path.name for path in BAD.glob("*.md")) == sorted(EXPECTED_PROBLEMS)


def test_check_content_collects_the_problems_of_every_file():
    paths = sorted(BAD.glob("*.md")) + content_paths(PROJECT / "content")
    check = check_content(paths, BAD.parent, FACTS)
    expected = [problem for name in sorted(EXPECTED_PROBLEMS) for problem in EXPECTED_PROBLEMS[name]]
    assert [str(problem) for problem in check.errors] == expected
    assert [s.order for s in check.sections] == [1, 20]
    with pytest.raises(InputError) as raised:
        check.raise_for_errors()
    assert len(raised.value.problems) == len(expected)


def test_check_content_reports_two_files_with_the_same_order_or_id(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "01-a.md").write_text("---\ntitle: A\norder: 1\nid: same\n---\nA.\n")
    (content / "02-b.md").write_text("---\ntitle: B\norder: 1\nid: same\n---\nB.\n")
    check = check_content(content_paths(content), tmp_path, FACTS)
    assert [str(problem) for problem in check.errors] == [
        ("content/02-b.md, column 'order': the order 1 is also used by content/01-a.md "
        "(expected a different order in each content file)"),
        ("content/02-b.md, column 'id': the id 'same' is also used by content/01-a.md "
        "(expected a different id in each content file)"),
    ]


def test_check_content_warns_about_literal_figures(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "01-a.md").write_text("---\ntitle: A\norder: 1\n---\nThere were 9,178.\n")
    check = check_content(content_paths(content), tmp_path, FACTS)
    assert check.errors == ()
    assert [str(w) for w in check.warnings] == [
        ("content/01-a.md, line 5: the number 9,178 equals fact "
        "recorded_crime.focus.offences.value (and 1 other fact); write "
        "{{ recorded_crime.focus.offences.value | count }} instead")
    ]


def test_a_missing_file_is_a_problem_not_a_traceback(tmp_path):
    check = check_content([tmp_path / "content" / "09-gone.md"], tmp_path, FACTS)
    assert [p.file for p in check.errors] == ["content/09-gone.md"]
    assert check.errors[0].message.startswith("cannot be read")


def test_paths_outside_the_project_are_shown_as_given():
    with pytest.raises(InputError) as raised:
        render_section(BAD / "image.md", Path("/nonexistent"), FACTS)
    assert raised.value.problems[0].file == (BAD / "image.md").as_posix()


def _rebuild_project(folder: Path, files: int) -> list[Path]:
    """Content files whose text no other test uses (so the process's caches have not seen it)."""
    content = folder / "content"
    content.mkdir()
    for number in range(1, files + 1):
        (content / f"0{number}-part.md").write_text(
            f"---\ntitle: Part {number}\norder: {number}\n---\n"
            f"Text of {folder.name} {number}, with {{{{ settings.area }}}}.\n\n"
            "Recorded crime: {{ recorded_crime.focus.offences.value | count }}.\n",
            encoding="utf-8")
    return content_paths(content)


def _work_done() -> tuple[int, int, int]:
    """How many times a file was read, compiled and parsed as Markdown for want of a kept one."""
    from assessment_doc.narrative import content as content_module
    from assessment_doc.narrative import literals, markdown, placeholders

    return (content_module._parse_content_text.cache_info().misses
            + literals._written_numbers.cache_info().misses,
            placeholders._compiled.cache_info().misses,
            markdown._parse_body.cache_info().misses)


def test_a_rebuild_in_the_same_process_reads_again_only_the_file_that_changed(tmp_path):
    paths = _rebuild_project(tmp_path, 3)
    first = check_content(paths, tmp_path, FACTS)
    before = _work_done()
    again = check_content(paths, tmp_path, FACTS)
    assert _work_done() == before  # nothing changed: nothing read again
    assert again == first

    paths[1].write_text(paths[1].read_text(encoding="utf-8") + "\nA sentence added.\n",
                        encoding="utf-8")
    edited = check_content(paths, tmp_path, FACTS)
    read, compiled, parsed = (after - then for after, then in zip(_work_done(), before))
    assert (read, compiled, parsed) == (2, 1, 1)  # front matter and figures; placeholders; Markdown
    assert dump(edited.sections[1].section).endswith("Paragraph 'A sentence added.'")
    assert [dump(s.section) for s in edited.sections[::2]] == [
        dump(s.section) for s in first.sections[::2]]


def test_kept_work_follows_the_facts(tmp_path):
    """Filling in is done every time: the same text with other facts gives other figures."""
    paths = _rebuild_project(tmp_path, 1)
    check_content(paths, tmp_path, FACTS)
    other = {**FACTS, "settings": {**FACTS["settings"], "area": "Swale"}}
    assert "with Swale." in dump(check_content(paths, tmp_path, other).sections[0].section)
