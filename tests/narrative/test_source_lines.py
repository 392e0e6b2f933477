"""Each line of filled-in Markdown knows the content-file line it came from."""

from __future__ import annotations

import pytest

from assessment_doc.narrative.placeholders import fill_placeholders

from .facts import FACTS

FILE = "content/x.md"


def traced(body: str, offset: int = 0) -> list[tuple[str, int]]:
    filled = fill_placeholders(body, FILE, FACTS, line_offset=offset)
    return list(zip(filled.text.split("\n"), filled.source_lines, strict=True))


def test_plain_text_maps_line_for_line_after_the_front_matter():
    assert traced("a\nb\n\nc", offset=4) == [("a", 5), ("b", 6), ("", 7), ("c", 8)]


def test_a_false_if_block_drops_its_lines_and_later_lines_keep_theirs():
    body = "a\n{% if false %}\nx\ny\n{% endif %}\nb"
    assert traced(body) == [("a", 1), ("b", 6)]


def test_a_loop_repeats_the_line_of_its_body():
    body = "a\n{% for n in [1, 2] %}\nrow\n{% endfor %}\nb"
    assert traced(body) == [("a", 1), ("row", 3), ("row", 3), ("b", 5)]


def test_a_line_starting_with_a_placeholder_keeps_its_line():
    body = "a\n{% if false %}\nx\n{% endif %}\n{{ settings.area }} is\nb"
    assert traced(body) == [("a", 1), ("Maidstone is", 5), ("b", 6)]


def test_a_last_line_made_only_of_a_placeholder_follows_the_line_before():
    assert traced("a\n{{ settings.area }}") == [("a", 1), ("Maidstone", 2)]


@pytest.mark.parametrize("body", ["", "\n", "{{ settings.area }}", "{% if true %}{% endif %}"])
def test_every_output_line_has_a_line(body):
    filled = fill_placeholders(body, FILE, FACTS)
    assert len(filled.source_lines) == filled.text.count("\n") + 1
    assert all(line >= 1 for line in filled.source_lines)
