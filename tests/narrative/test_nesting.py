"""Lists and quotes nest at most eight levels deep; deeper is a problem at its line."""

from __future__ import annotations

import pytest

from assessment_doc.errors import InputError
from assessment_doc.narrative.markdown import parse_body
from assessment_doc.narrative.nesting import MAX_LIST_DEPTH, MAX_QUOTE_DEPTH
from assessment_doc.narrative.source_lines import FilledMarkdown


def _parse(text: str) -> None:
    lines = text.split("\n")
    parse_body(FilledMarkdown(text, tuple(range(4, 4 + len(lines)))), "content/09-x.md")


def _nested_list(levels: int) -> str:
    return "Intro\n\n" + "".join("  " * level + "- item\n" for level in range(levels))


def test_eight_levels_of_list_are_read() -> None:
    _parse(_nested_list(MAX_LIST_DEPTH))


@pytest.mark.parametrize("levels", [MAX_LIST_DEPTH + 1, 200])
def test_a_ninth_level_of_list_is_a_problem_at_its_line(levels: int) -> None:
    with pytest.raises(InputError) as caught:
        _parse(_nested_list(levels))
    # Intro is file line 4, the blank 5, the first item 6: the ninth level is on line 14
    assert str(caught.value) == (
        "content/09-x.md, line 14: a list inside a list goes 9 levels deep, more than the 8 a "
        "page can lay out (expected at most 8 levels: make the deepest items part of the level "
        "above)")


@pytest.mark.parametrize(("levels", "fails"), [(MAX_QUOTE_DEPTH, False), (9, True), (200, True)])
def test_quotes_nest_at_most_eight_deep(levels: int, fails: bool) -> None:
    text = "Intro\n\n" + "> " * levels + "deep\n"
    if not fails:
        _parse(text)
        return
    with pytest.raises(InputError) as caught:
        _parse(text)
    assert len(caught.value.problems) == 1
    assert str(caught.value).startswith(
        "content/09-x.md, line 6: a quote ('>') inside a quote goes 9 levels deep")
