"""One check for text no document can hold, wherever YAML is read (data/characters.py)."""

from __future__ import annotations

import pytest

from assessment_doc.data.characters import describe, first_unprintable
from assessment_doc.data.yaml_source import UnprintableText, parse_yaml


@pytest.mark.parametrize(("escape", "named"), [
    ("\\v", "U+000B (a vertical tab)"), ("\\0", "U+0000 (a zero byte)"),
    ("\\e", "U+001B (an escape)"), ("\\x7f", "U+007F (a delete)"),
    ("\\uFFFE", "U+FFFE (a noncharacter)"), ("\\uFFFF", "U+FFFF (a noncharacter)"),
    ("\\ud800", "U+D800 (half of a surrogate pair, not a character on its own)"),
    ("\\x01", "U+0001 (a control character)"),
])
def test_a_yaml_escape_no_document_can_hold_is_named_at_its_line(escape: str, named: str) -> None:
    with pytest.raises(UnprintableText) as caught:
        parse_yaml(f'title: ok\nitems:\n  - {{name: "Safer{escape} Kent"}}\n')
    assert caught.value.line == 3
    assert caught.value.message == (
        f"the character {named} after 'Safer' cannot be printed in a document")
    problem = caught.value.problem("content/tables.yaml", line_offset=1)
    assert (problem.file, problem.line) == ("content/tables.yaml", 4)


def test_a_key_is_checked_as_well_as_a_value() -> None:
    with pytest.raises(UnprintableText) as caught:
        parse_yaml('a: 1\n"b\\x08": 2\n')
    assert caught.value.line == 2


@pytest.mark.parametrize("text", ["tab\there", "line\nbreak", "\u00a0nbsp", "\u2028", "emoji 😀",
                                  "\ufdd0", "\U0010fffd"])
def test_what_xml_holds_passes(text: str) -> None:
    assert first_unprintable(text) is None


def test_describe_never_prints_the_character_itself() -> None:
    assert "\ud800" not in describe("\ud800")
