"""Periods: parsed from the data's ISO text, labelled, shifted and ordered."""

from __future__ import annotations

import pytest

from assessment_doc.periods import Period, PeriodError, PeriodKind, YearMonth


def test_it_reads_a_span_of_months():
    period = Period.parse("2014-10/2015-09")
    assert (period.start, period.end, period.kind) == (
        YearMonth(2014, 10), YearMonth(2015, 9), PeriodKind.INTERVAL
    )
    assert period.months == 12


@pytest.mark.parametrize(
    ("text", "label", "short_label", "key"),
    [
        ("2014-10/2015-09", "October 2014 - September 2015", "Oct 2014 - Sep 2015",
         "p2014_10_2015_09"),
        ("2015-09", "September 2015", "Sep 2015", "p2015_09"),
        ("2014", "2014", "2014", "p2014"),
        ("2015-04/2016-03", "April 2015 - March 2016", "Apr 2015 - Mar 2016", "p2015_04_2016_03"),
    ],
)
def test_it_derives_labels_and_keys_from_the_text(text, label, short_label, key):
    period = Period.parse(text)
    assert (str(period), period.label, period.short_label, period.key) == (
        text, label, short_label, key
    )
    assert key.isidentifier()


@pytest.mark.parametrize(
    ("text", "previous"),
    [("2014-10/2015-09", "2013-10/2014-09"), ("2015-09", "2014-09"), ("2014", "2013")],
)
def test_previous_is_the_same_period_a_year_earlier(text, previous):
    assert str(Period.parse(text).previous()) == previous


def test_shift_moves_by_whole_years_both_ways():
    period = Period.parse("2014-10/2015-09")
    assert str(period.shift(2)) == "2016-10/2017-09"
    assert period.shift(-3) == Period.parse("2011-10/2012-09")
    assert period.shift(0) == period


def test_periods_order_by_start():
    texts = ["2015", "2014-10/2015-09", "2013-10/2014-09", "2015-09", "2014"]
    ordered = sorted(Period.parse(t) for t in texts)
    assert [str(p) for p in ordered] == [
        "2013-10/2014-09", "2014", "2014-10/2015-09", "2015", "2015-09"
    ]


def test_a_year_and_the_same_twelve_months_are_distinct_but_ordered():
    year, months = Period.parse("2014"), Period.parse("2014-01/2014-12")
    assert year != months
    assert months < year and not year < months


def test_periods_are_hashable_values():
    assert {Period.parse("2014"), Period.parse("2014")} == {Period.parse("2014")}
    assert repr(Period.parse("2015-09")) == "Period('2015-09')"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2014/15", "'2014/15' is not a period: write it as YYYY-MM/YYYY-MM (a span of months), "
         "YYYY-MM (one month) or YYYY (a year)"),
        ("2014-13", "period '2014-13' has month 13: months run from 01 to 12"),
        ("2015-16", "'2015-16' looks like a financial year: write 2015-04/2016-03 "
         "for April 2015 - March 2016"),
        ("1999-00", "period '1999-00' has month 00: months run from 01 to 12"),
        ("2014-00/2015-09", "period '2014-00/2015-09' has month 00: months run from 01 to 12"),
        ("2015-09/2014-10", "period '2015-09/2014-10' ends (2014-10) before it starts (2015-09)"),
        ("", "'' is not a period: write it as YYYY-MM/YYYY-MM (a span of months), "
         "YYYY-MM (one month) or YYYY (a year)"),
        (" 2014", "' 2014' is not a period: write it as YYYY-MM/YYYY-MM (a span of months), "
         "YYYY-MM (one month) or YYYY (a year)"),
        ("October 2014", "'October 2014' is not a period: write it as YYYY-MM/YYYY-MM "
         "(a span of months), YYYY-MM (one month) or YYYY (a year)"),
        ("２０１４", "'２０１４' is not a period: write it as YYYY-MM/YYYY-MM "
         "(a span of months), "
         "YYYY-MM (one month) or YYYY (a year)"),
    ],
)
def test_malformed_text_raises_a_value_error_that_says_why(text, message):
    with pytest.raises(ValueError) as raised:
        Period.parse(text)
    assert str(raised.value) == message
    assert isinstance(raised.value, PeriodError)
