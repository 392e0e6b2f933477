"""The placeholder filters write figures exactly as format.py does, through a template."""

from __future__ import annotations

import pytest

from assessment_doc.errors import InputError
from assessment_doc.values import SUPPRESSED

from .helpers import first_block, only_problem, render_text


def filled(template: str, **values: object) -> str:
    """The plain text a one-paragraph body renders to."""
    section = render_text(template, {"x": values.get("x"), **values}).section
    (paragraph,) = section.children
    return "".join(run.text for run in paragraph.runs)


@pytest.mark.parametrize(
    ("template", "value", "text"),
    [
        ("{{ x | count }}", 9178, "9,178"),
        ("{{ x | count }}", 108903.0, "108,903"),
        ("{{ x | rate }}", 56.725, "56.7"),
        ("{{ x | rate }}", 61, "61.0"),
        ("{{ x | percent }}", 26, "26.0%"),
        ("{{ x | percent(0) }}", 57.5, "58%"),
        ("{{ x | number(2) }}", 56.725, "56.73"),
        ("{{ x | number }}", 1234.56, "1,234.6"),
        ("{{ x | signed }}", 333, "+333"),
        ("{{ x | signed }}", -232, "-232"),
        ("{{ x | signed }}", 0, "0"),
        ("{{ x | change }}", 12.7, "+12.7%"),
        ("{{ x | change }}", -2.4655, "-2.5%"),
        ("{{ x | change_words }}", -2.4655, "a reduction of 2.5%"),
        ("{{ x | change_words }}", 12.7, "an increase of 12.7%"),
        ("{{ x | change_words }}", 0.04, "no change"),
        ("{{ x | gbp }}", 198726, "£198,726"),
        ("{{ x | gbp }}", -191402, "-£191,402"),
        ("{{ x | ordinal }}", 6, "6th"),
        ("{{ x | ordinal }}", 22, "22nd"),
        ("{{ x | ordinal }}", 11.0, "11th"),
        ("{{ x | abs | change }}", -2.4655, "+2.5%"),
        ("{{ x | abs | count }}", -232, "232"),
    ],
)
def test_each_filter_writes_the_figure_as_format_does(template, value, text):
    assert filled(template, x=value) == text


@pytest.mark.parametrize(
    ("template", "text"),
    [
        ("{{ x | count }}", "[c]"),
        ("{{ x | rate }}", "[c]"),
        ("{{ x | change }}", "[c]"),
        ("{{ x | ordinal }}", "[c]"),
        ("{{ x | abs | gbp }}", "[c]"),
        ("{{ x | change_words }}", "a change that cannot be shown ([c])"),
        ("{{ x }}", "[c]"),
    ],
)
def test_a_suppressed_fact_prints_as_c(template, text):
    assert filled(template, x=SUPPRESSED) == text


def test_a_filter_given_text_names_the_filter_and_the_text():
    assert only_problem("{{ neighbour.name | count }}") == (
        "content/02-total-crime.md, line 5: the 'count' format needs a number, "
        "not the text 'Tonbridge & Malling'"
    )


def test_decimal_places_out_of_range_are_refused():
    assert only_problem("{{ recorded_crime.focus.offences.value | number(9) }}") == (
        "content/02-total-crime.md, line 5: the 'number' format takes a number of decimal "
        "places from 0 to 6, not 9"
    )


def test_ordinal_refuses_a_fraction():
    with pytest.raises(InputError, match="the 'ordinal' format needs a whole number, not 6.5"):
        render_text("{{ x | ordinal }}", {"x": 6.5})


def test_jinja_number_filters_that_bypass_format_are_not_available():
    assert only_problem("{{ recorded_crime.focus.offences.rate_per_1000 | round }}") == (
        "content/02-total-crime.md, line 5: unknown filter 'round' (expected one of: abs, "
        "bottom_areas, capitalize, change, change_words, compare_words, count, d, default, "
        "direction, gbp, highest_since, highest_value, largest_rises, lower, number, ordinal, "
        "percent, rank_words, rate, replace, signed, title, top_areas, trend_words, trim, upper, "
        "withheld_areas)"
    )


def test_a_misspelt_filter_is_named_with_the_closest_one():
    assert only_problem("\n{{ recorded_crime.focus.offences.value | coutn }}") == (
        "content/02-total-crime.md, line 6: unknown filter 'coutn'; did you mean 'count'?"
    )


def test_a_filter_given_a_group_of_facts_names_the_group():
    assert only_problem("{{ recorded_crime.focus | rate }}") == (
        "content/02-total-crime.md, line 5: the 'rate' format needs a number, "
        "not the group of facts 'recorded_crime.focus'"
    )


def test_text_filters_are_kept_for_wording():
    paragraph = first_block("{{ settings.area | upper }} {{ neighbour.name | lower }}")
    assert paragraph.runs[0].text == "MAIDSTONE tonbridge & malling"
