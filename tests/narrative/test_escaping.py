"""Text from data is pasted into Markdown as literal text: it never becomes markup or HTML."""

from __future__ import annotations

import pytest

from assessment_doc.model import BulletList, NumberedList, Paragraph, Run
from assessment_doc.narrative.escaping import escape_markdown

from .helpers import render_text


def rendered_runs(value: str, template: str = "Area: {{ x }} here") -> tuple[Run, ...]:
    (block,) = render_text(template, {"x": value}).section.children
    assert isinstance(block, Paragraph)
    return block.runs


@pytest.mark.parametrize(
    "value",
    [
        "Tonbridge & Malling",
        "<b>x</b>",
        "*x*",
        "_x_",
        "**x**",
        "[link](https://example.org)",
        "[^1]",
        "`code`",
        "&amp; &copy;",
        "\\*",
        "![img](a.png)",
        "<https://example.org>",
        "::: table x",
        "{{ not_a_placeholder }}",
    ],
)
def test_a_value_from_data_comes_out_as_one_literal_text_run(value):
    assert rendered_runs(value) == (Run(f"Area: {value} here"),)


@pytest.mark.parametrize(
    "value",
    ["+12.7% change", "- a dash", "1. first", "2) second", "# hash", "> quote", "::: table x",
     "Recommendation: none", "---", "    indented"],
)
def test_a_value_at_the_start_of_a_line_does_not_start_a_block(value):
    (block,) = render_text("{{ x }}", {"x": value}).section.children
    assert type(block) is Paragraph
    assert block.runs == (Run(value.strip()),)


def test_line_breaks_in_a_value_become_spaces():
    assert rendered_runs("North\n\n## West\r\nEast") == (Run("Area: North ## West East here"),)


def test_escaping_keeps_letters_and_digits_and_escapes_punctuation():
    assert escape_markdown("Tonbridge & Malling 9,178") == "Tonbridge \\& Malling 9\\,178"


def test_markup_written_in_the_template_itself_still_works():
    runs = rendered_runs("Maidstone", "**{{ x }}** and *{{ x }}*")
    assert runs == (Run("Maidstone", strong=True), Run(" and "), Run("Maidstone", emphasis=True))


def test_a_value_inside_a_list_item_stays_in_the_item():
    (block,) = render_text("- {{ x }}\n- two", {"x": "1. *a*"}).section.children
    assert isinstance(block, BulletList)
    assert block.items[0].blocks == (Paragraph((Run("1. *a*"),)),)
    assert not isinstance(block, NumberedList)


def test_control_characters_in_a_value_are_dropped_and_tabs_become_spaces():
    assert rendered_runs("a\x00b\x1fc\td") == (Run("Area: abc d here"),)
