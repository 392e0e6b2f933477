"""Placeholders: strict, sandboxed, and every failure told at the content file's line."""

from __future__ import annotations

import pytest

from assessment_doc.errors import InputError
from assessment_doc.narrative.placeholders import fill_placeholders

from .facts import FACTS
from .helpers import FILE, first_block, only_problem, problems_of, render_text


def text_of(body: str, facts=FACTS) -> str:
    return "".join(run.text for run in first_block(body).runs)


def test_a_placeholder_is_filled_from_the_nested_facts_tree():
    body = "{{ settings.area }} had {{ recorded_crime.focus.offences.value | count }} offences."
    assert text_of(body) == "Maidstone had 9,178 offences."


def test_an_unknown_name_gives_file_line_and_the_closest_known_name():
    body = "Intro.\n\nRecorded crime:\n\nIn total {{ recorded_crime.focus.offence }} offences."
    assert only_problem(body) == (
        "content/02-total-crime.md, line 9: unknown placeholder "
        "'recorded_crime.focus.offence'; did you mean 'recorded_crime.focus.offences'?"
    )


def test_an_unknown_name_with_no_close_match_lists_the_names_there():
    assert only_problem("{{ recorded_crime.focus.burglary }}") == (
        "content/02-total-crime.md, line 5: unknown placeholder 'recorded_crime.focus.burglary' "
        "(expected a name under 'recorded_crime.focus': offences)"
    )


def test_an_unknown_top_level_name_is_matched_against_the_top_level():
    assert only_problem("{{ recorded_crimes.focus.offences.value | count }}") == (
        "content/02-total-crime.md, line 5: unknown placeholder 'recorded_crimes'; "
        "did you mean 'recorded_crime'?"
    )


def test_an_unknown_name_inside_a_statement_is_found_too():
    body = "a\n{% if recorded_crime.focus.ofences.value > 1 %}\nyes\n{% endif %}"
    assert only_problem(body) == (
        "content/02-total-crime.md, line 6: unknown placeholder "
        "'recorded_crime.focus.ofences'; did you mean 'recorded_crime.focus.offences'?"
    )


def test_the_methods_of_a_mapping_are_not_facts():
    assert only_problem("{{ recorded_crime.focus.items }}").startswith(
        "content/02-total-crime.md, line 5: unknown placeholder 'recorded_crime.focus.items'"
    )


def test_a_syntax_error_is_reported_at_its_line_in_the_file():
    body = "Fine.\n\n{% if true %}\nBroken {{ settings.area }\n{% endif %}"
    assert only_problem(body) == (
        "content/02-total-crime.md, line 8: placeholder syntax error: unexpected '}' "
        "(expected placeholders written {{ name.of.fact | filter }}, statements {% if ... %})"
    )


def test_an_unclosed_if_is_a_syntax_error():
    assert "placeholder syntax error: Unexpected end of template" in only_problem(
        "{% if true %}\nno end"
    )


def test_an_unavailable_fact_cannot_be_printed_and_says_how_to_guard_it():
    assert only_problem("\n\n{{ iom.focus.reoffending_rate | percent }}") == (
        "content/02-total-crime.md, line 7: the fact 'iom.focus.reoffending_rate' is not "
        "available (its data is missing), so it cannot be printed (expected {% if "
        "iom.focus.reoffending_rate is defined %} … {% endif %} around the text that uses it)"
    )


def test_an_unavailable_fact_is_undefined_for_if_and_default():
    body = (
        "{% if iom.focus.reoffending_rate is defined %}rate{% else %}no rate{% endif %}, "
        "{{ iom.focus.reoffending_rate | default('not available') }}"
    )
    assert text_of(body) == "no rate, not available"


def test_an_unavailable_top_level_fact_is_named():
    assert "the fact 'gone' is not available" in only_problem("{{ gone }}", {"gone": None})


def test_a_bare_number_needs_a_filter():
    assert only_problem("{{ recorded_crime.focus.offences.value }}") == (
        "content/02-total-crime.md, line 5: the number 9178 needs a format (expected a filter "
        "such as {{ … | count }}, | rate, | percent, | number(1), | change, | change_words, "
        "| signed, | gbp or | ordinal)"
    )


def test_a_group_of_facts_cannot_be_printed():
    assert only_problem("{{ recorded_crime.focus }}") == (
        "content/02-total-crime.md, line 5: 'recorded_crime.focus' is a group of facts, not one "
        "value (expected one fact, such as 'recorded_crime.focus.offences')"
    )


@pytest.mark.parametrize(
    "body",
    [
        "{{ ''.__class__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ settings.__class__ }}",
        "{{ settings.area.__class__.__base__ }}",
        "{{ lipsum.__globals__['os'] }}",
        "{{ range(10) }}",
        "{% import os %}",
        "{% import 'os' as os %}{{ os.system('echo hi') }}",
        "{% include '/etc/passwd' %}",
        "{% extends 'base.html' %}",
        "{% from 'x' import y %}",
        "{{ self.__init__.__globals__ }}",
        "{{ ''.format.__globals__ }}",
        "{{ 'a' * 100000 }}",
        "{{ 9 ** 9999 }}",
    ],
)
def test_sandbox_escapes_are_refused_as_input_errors(body):
    with pytest.raises(InputError) as raised:
        render_text(body)
    (problem,) = raised.value.problems
    assert problem.file == FILE
    assert problem.line == 5


def test_an_attribute_marked_unsafe_is_named():
    assert only_problem("{{ ''.__class__ }}") == (
        "content/02-total-crime.md, line 5: not allowed in a placeholder: access to attribute "
        "'__class__' of 'str' object is unsafe. (expected names of facts and filters only)"
    )


def test_include_is_refused_with_a_message():
    assert only_problem("{% include 'other.md' %}") == (
        "content/02-total-crime.md, line 5: content files cannot include or import other "
        "files (other.md)"
    )


def test_statements_are_rendered_over_the_whole_file():
    body = (
        "{% if recorded_crime.focus.offences.pct_change < 0 %}\n"
        "Crime fell.\n"
        "{% else %}\n"
        "Crime rose.\n"
        "{% endif %}"
    )
    assert text_of(body) == "Crime fell."


def test_output_lines_keep_the_file_line_they_were_written_on():
    body = "one\n{% if false %}\nhidden\nhidden\n{% endif %}\ntwo {{ settings.area }}\nthree\n"
    filled = fill_placeholders(body, FILE, FACTS, line_offset=4)
    assert filled.text == "one\ntwo Maidstone\nthree\n"
    assert filled.source_lines == (5, 10, 11, 12)


def test_a_markdown_problem_after_a_dropped_block_is_reported_at_its_file_line():
    body = "one\n\n{% if false %}\nhidden\n\nhidden\n{% endif %}\n\n# Wrong"
    assert only_problem(body).startswith("content/02-total-crime.md, line 13: a '#' heading")


def test_the_reserved_line_mark_characters_are_refused():
    assert only_problem("ok\nbad \ue000 char") == (
        "content/02-total-crime.md, line 6: contains the private-use character U+E000, which is "
        "reserved (expected ordinary text)"
    )


def test_control_characters_in_a_content_file_are_refused_at_their_lines():
    assert problems_of("ok\nbell \x07\n\nnul \x00") == [
        ("content/02-total-crime.md, line 6: contains the control character U+0007, which cannot "
        "be printed (expected ordinary text)"),
        ("content/02-total-crime.md, line 8: contains the control character U+0000, which cannot "
        "be printed (expected ordinary text)"),
    ]
