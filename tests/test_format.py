"""Number formatting: one place, half-up rounding, [c] for suppressed."""

from __future__ import annotations

import pytest

from assessment_doc.format import (
    change_in_words,
    format_change,
    format_count,
    format_currency,
    format_percent,
    format_rate,
    format_signed,
    format_value,
    ordinal,
    round_half_up,
)
from assessment_doc.values import SUPPRESSED


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [(12.75, 1, "12.8"), (12.65, 1, "12.7"), (-2.465, 2, "-2.47"), (0.5, 0, "1"), (2.5, 0, "3")],
)
def test_rounding_is_half_up_on_the_decimal_value(value: float, places: int, expected: str) -> None:
    assert str(round_half_up(value, places)) == expected


def test_counts_rates_and_percentages() -> None:
    assert format_count(108903) == "108,903"
    assert format_rate(56.725) == "56.7"
    assert format_percent(26.0) == "26.0%"
    assert format_percent(-0.04) == "0.0%"


def test_changes_are_signed() -> None:
    assert format_change(-2.4655) == "-2.5%"
    assert format_change(12.749) == "+12.7%"
    assert format_change(0.01) == "0.0%"
    assert format_signed(333) == "+333"
    assert format_signed(-232) == "-232"
    assert format_signed(0) == "0"


def test_currency() -> None:
    assert format_currency(-198726) == "-£198,726"
    assert format_currency(955601) == "£955,601"


def test_change_in_words() -> None:
    assert change_in_words(-2.4655) == "a reduction of 2.5%"
    assert change_in_words(12.7) == "an increase of 12.7%"
    assert change_in_words(0.02) == "no change"


def test_ordinals() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st",
    ]


def test_suppressed_shows_as_c_everywhere() -> None:
    for formatter in (format_count, format_rate, format_percent, format_change, format_signed, format_currency):
        assert formatter(SUPPRESSED) == "[c]"


def test_a_published_percent_change_prints_as_a_change_of_either_sign() -> None:
    assert format_value(28.6, "percent_change") == "+28.6%"
    assert format_value(-9.14, "percent_change") == "-9.1%"
    assert format_value(SUPPRESSED, "percent_change") == "[c]"
