"""The literal-figure check: warn where a fact's value is typed instead of a placeholder."""

from __future__ import annotations

import pytest

from assessment_doc.narrative import flatten_facts, literal_figures
from assessment_doc.values import SUPPRESSED

from .facts import FACTS

FILE = "content/02-total-crime.md"
HEAD = "---\ntitle: Total Recorded Crime\norder: 2\n---\n"


def warnings(body: str, facts=FACTS) -> list[str]:
    return [str(p) for p in literal_figures(HEAD + body, FILE, facts)]


def test_a_typed_count_is_reported_with_the_placeholder_to_write_instead():
    assert warnings("Intro.\n\nThere were 9,178 offences.") == [
        ("content/02-total-crime.md, line 7: the number 9,178 equals fact "
        "recorded_crime.focus.offences.value (and 1 other fact); write "
        "{{ recorded_crime.focus.offences.value | count }} instead")
    ]


@pytest.mark.parametrize(
    ("text", "fact", "placeholder"),
    [
        ("a rise of 12.7%", "violent_crime.focus.offences.pct_change", "percent"),
        ("a change of +12.7%", "violent_crime.focus.offences.pct_change", "change"),
        ("a reduction of 2.5%", "recorded_crime.focus.offences.pct_change", "percent"),
        ("a rate of 56.7 per 1,000", "recorded_crime.focus.offences.rate_per_1000", "rate"),
        ("a rate of 56.73", "recorded_crime.focus.offences.rate_per_1000", "number(2)"),
        ("saving £198,726", "iom.focus.cost_difference.value", "gbp"),
        ("+333 more", "violent_crime.focus.offences.change", "signed"),
        ("Kent had 108903 offences", "recorded_crime.kent.offences.value", "count"),
    ],
)
def test_numbers_are_matched_at_their_printed_precision(text, fact, placeholder):
    (warning,) = warnings(text)
    assert warning.endswith(f"equals fact {fact}; write {{{{ {fact} | {placeholder} }}}} instead")


def test_the_focus_fact_is_suggested_before_the_same_value_for_a_named_area():
    (warning,) = warnings("9,178")
    assert "equals fact recorded_crime.focus.offences.value (and 1 other fact)" in warning


@pytest.mark.parametrize(
    "text",
    [
        "{{ recorded_crime.focus.offences.value | count }} offences",
        "{% if recorded_crime.focus.offences.value > 9178 %}x{% endif %}",
        "{# 9178 was last year's figure #}",
        "In 2015 and 2014-15 and 2015/16 and 2013–2014.",
        "On 30 September 2015.",
        "## 2.1 Total crime",
        "3. third point",
        "> Crime and Disorder Act 1998, section 17, 9,178 times",
        "Kept as typed: 9,178 offences. {# literal #}",
        "Aged 16 to 24; 22% of 56 wards; 6th floor.",
        "A rate of 56.8 is not the fact.",
        "9,179 offences is not the fact.",
        "See table_9178 and crime9178.",
    ],
)
def test_no_warning_where_the_number_is_no_literal_figure(text):
    assert warnings(text) == []


def test_a_whole_number_is_compared_with_whole_valued_facts_only():
    assert warnings("1,234 and 1,235", {"a": {"rate": 1234.4, "count": 1235.0}}) == [
        ("content/02-total-crime.md, line 5: the number 1,235 equals fact a.count; "
        "write {{ a.count | count }} instead")
    ]


def test_suppressed_unavailable_and_text_facts_are_not_compared():
    facts = {"a": {"x": SUPPRESSED, "y": None, "z": "9178", "b": True}}
    assert warnings("9,178 and 1", facts) == []


def test_lines_count_from_the_top_of_the_file_and_a_body_alone_counts_from_1():
    assert literal_figures("x\n\n108,903", FILE, FACTS)[0].line == 3
    assert warnings("x\n\n108,903")[0].startswith("content/02-total-crime.md, line 7:")


def test_flatten_facts_names_every_leaf_by_its_path():
    assert flatten_facts({"a": {"b": {"c": 1}, "d": None}, "e": 2}) == {
        "a.b.c": 1, "a.d": None, "e": 2
    }
