"""Content files: front matter read with its lines; every problem in it reported at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment_doc.errors import InputError
from assessment_doc.model import SectionKind
from assessment_doc.narrative import load_content_file
from assessment_doc.narrative.content import default_id, parse_content_text

from .facts import PROJECT


def problems(text: str) -> list[str]:
    with pytest.raises(InputError) as raised:
        parse_content_text(text, Path("content/03-x.md"), "content/03-x.md")
    return [str(problem) for problem in raised.value.problems]


def test_it_reads_title_order_id_kind_and_the_body_with_its_offset():
    content = load_content_file(PROJECT / "content" / "01-summary.md", PROJECT)
    assert (content.file, content.title, content.order, content.id, content.kind) == (
        "content/01-summary.md", "Executive Summary", 1, "summary", SectionKind.NUMBERED
    )
    assert content.line_offset == 5
    assert content.body.startswith("{{ settings.partnership }} covers")


def test_kind_appendix_and_the_id_from_the_file_name():
    content = load_content_file(PROJECT / "content" / "02-appendix.md", PROJECT)
    assert (content.kind, content.id, content.order) == (SectionKind.APPENDIX, "appendix", 20)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("02-total-crime.md", "total_crime"), ("11_Case Studies.md", "case_studies"),
     ("intro.md", "intro"), ("07-.md", "section")],
)
def test_the_default_id_is_the_file_name_without_its_number(name, expected):
    assert default_id(Path(name)) == expected


def test_windows_line_endings_and_a_bom_are_read(tmp_path):
    path = tmp_path / "content" / "01-a.md"
    path.parent.mkdir()
    path.write_bytes(b"\xef\xbb\xbf---\r\ntitle: A\r\norder: 1\r\n---\r\nText\r\n")
    content = load_content_file(path, tmp_path)
    assert (content.title, content.body, content.line_offset) == ("A", "Text\n", 4)


def test_a_file_that_is_not_utf8_is_reported_with_its_line(tmp_path):
    path = tmp_path / "01-a.md"
    path.write_bytes(b"---\ntitle: A\norder: 1\n---\nCaf\xe9\n")
    with pytest.raises(InputError) as raised:
        load_content_file(path, tmp_path)
    assert str(raised.value) == (
        "01-a.md, line 5: is not UTF-8 text (byte 0xE9) (expected a file saved as UTF-8)"
    )


def test_missing_front_matter_is_reported_at_line_1():
    assert problems("# Title\n\nText") == [
        ("content/03-x.md, line 1: does not start with front matter (a line '---') (expected "
        "front matter between two '---' lines, such as 'title: Total Recorded Crime' and "
        "'order: 2')")
    ]


def test_unclosed_front_matter_is_reported():
    assert problems("---\ntitle: A\norder: 1\nText")[0].startswith(
        "content/03-x.md, line 1: the front matter is not closed by a line '---'"
    )


def test_missing_title_and_order_are_both_reported():
    assert problems("---\nid: x\n---\n") == [
        ("content/03-x.md, line 1: the front matter has no title "
        "(expected a line such as 'title: Total Recorded Crime')"),
        ("content/03-x.md, line 1: the front matter has no order "
        "(expected a line such as 'order: 2' (sections are placed by order))"),
    ]


def test_bad_values_are_reported_at_their_own_lines():
    text = "---\ntitle: [A]\norder: true\nid: Total-Crime\nkind: annex\ncolour: red\n---\n"
    assert problems(text) == [
        ("content/03-x.md, line 6: unknown front matter key 'colour' "
        "(expected title, order, id, kind)"),
        ("content/03-x.md, line 2: the title must be text "
        "(expected a line such as 'title: Total Recorded Crime')"),
        ("content/03-x.md, line 3: the order must be a whole number, not True "
        "(expected a line such as 'order: 2')"),
        ("content/03-x.md, line 4: the id 'Total-Crime' is not a snake_case name "
        "(expected lower case words joined by _)"),
        ("content/03-x.md, line 5: unknown kind 'annex' "
        "(expected numbered, appendix or unnumbered)"),
    ]


def test_bad_yaml_is_reported_at_the_file_line():
    assert problems("---\ntitle: A\norder: 1\n  bad: indent\n---\n")[0].startswith(
        "content/03-x.md, line 4: the front matter is not valid YAML: mapping values are not "
        "allowed here"
    )


def test_front_matter_that_is_not_a_mapping_is_refused():
    assert problems("---\n- a\n- b\n---\n")[0].startswith(
        "content/03-x.md, line 2: the front matter must be 'key: value' lines"
    )
