"""Periods named relative to a dataset's current period, and period words in titles.

A spec says ``current``, ``previous`` or ``current-2`` rather than ``2014-10/2015-09``, so that
next year's rebuild moves on by itself when new rows are appended. The current period is the
latest one the dataset holds for the measure (or the latest ending on or before ``as_of``).
Titles and captions name periods with ``{current}``, ``{previous:short}`` or ``{current:year}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from ..periods import Period, PeriodError, PeriodKind, YearMonth

PERIOD_REFERENCES = (
    "current, previous (a year earlier), current-N (N years earlier), previous_month, "
    "or a period written as in the data, e.g. 2014-10/2015-09"
)
"""What a period reference may be, for messages."""

_YEARS_BACK = re.compile(r"current-([0-9]{1,2})")
_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)(?::([a-z]+))?\}")
PERIOD_STYLES = ("label", "short", "year", "span")
"""How a period is written in a title: 'October 2014 - September 2015', 'Oct 2014 - Sep 2015',
'2015' (the year it ends), '2014/15' (the years it spans)."""


def check_reference(text: str) -> str:
    """``text`` if it is a period reference; ValueError saying what is accepted if not."""
    if text in ("current", "previous", "previous_month") or _YEARS_BACK.fullmatch(text):
        return text
    try:
        return str(Period.parse(text))
    except PeriodError:
        raise ValueError(f"'{text}' is not a period reference") from None


def latest_period(periods: Iterable[str], as_of: Period | None = None) -> Period | None:
    """The latest of ``periods`` (ending on or before ``as_of`` when given); None if none is."""
    parsed = [Period.parse(text) for text in set(periods)]
    if as_of is not None:
        parsed = [p for p in parsed if p.end <= as_of.end]
    return max(parsed, default=None)


def resolve(reference: str, current: Period) -> Period:
    """The period ``reference`` names, given the dataset's ``current`` period."""
    if reference == "current":
        return current
    if reference == "previous":
        return current.previous()
    if reference == "previous_month":
        return shift_months(current, -1)
    if match := _YEARS_BACK.fullmatch(reference):
        return current.shift(-int(match.group(1)))
    return Period.parse(reference)


def last_periods(count: int, current: Period) -> tuple[Period, ...]:
    """The ``count`` periods a year apart ending with ``current``, oldest first."""
    return tuple(current.shift(-back) for back in range(count - 1, -1, -1))


def shift_months(period: Period, months: int) -> Period:
    """The period of the same form and length, ``months`` later (earlier when negative)."""

    def move(when: YearMonth) -> YearMonth:
        index = when.year * 12 + when.month - 1 + months
        return YearMonth(index // 12, index % 12 + 1)

    if period.kind is PeriodKind.YEAR:
        if months % 12:
            raise ValueError(f"a year ({period}) cannot move by {months} months")
        return period.shift(months // 12)
    return Period(move(period.start), move(period.end), period.kind)


def period_words(period: Period, style: str = "label") -> str:
    """``period`` as a title writes it in ``style`` (one of :data:`PERIOD_STYLES`)."""
    if style == "short":
        return period.short_label
    if style == "year":
        return str(period.end.year)
    if style == "span":
        start, end = period.start.year, period.end.year
        return str(end) if start == end else f"{start}/{end % 100:02d}"
    return period.label


def placeholders(text: str) -> list[tuple[str, str | None]]:
    """The ``{name}`` / ``{name:style}`` placeholders of ``text``."""
    return [(m.group(1), m.group(2)) for m in _PLACEHOLDER.finditer(text)]


def fill(text: str, periods: Mapping[str, Period]) -> str:
    """``text`` with each ``{name}`` / ``{name:style}`` replaced by that period's words.

    KeyError names an unknown period; ValueError an unknown style. Braces that are not a
    placeholder are left as written.
    """

    def one(match: re.Match[str]) -> str:
        name, style = match.group(1), match.group(2) or "label"
        if name not in periods:
            raise KeyError(name)
        if style not in PERIOD_STYLES:
            raise ValueError(style)
        return period_words(periods[name], style)

    return _PLACEHOLDER.sub(one, text)
