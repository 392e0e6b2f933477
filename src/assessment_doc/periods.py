"""Reporting periods: a span of months, a single month, or a calendar year, as written in the data.

The data stores a period as ISO 8601 text (``2014-10/2015-09``, ``2015-09``, ``2014``); every
label shown in the document ("October 2014 - September 2015") is derived here, never stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import total_ordering
from collections.abc import Iterable
from typing import NamedTuple

PERIOD_FORMS = "YYYY-MM/YYYY-MM (a span of months), YYYY-MM (one month) or YYYY (a year)"
"""The accepted spellings, for error messages."""

_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fixed English names: the document is en-GB whatever the machine's locale
_MONTH = r"([0-9]{4})-([0-9]{2})"
_INTERVAL = re.compile(rf"{_MONTH}/{_MONTH}")
_SINGLE_MONTH = re.compile(_MONTH)
_YEAR = re.compile(r"([0-9]{4})")


class PeriodError(ValueError):
    """Text that is not a period. ``reason`` says why without repeating the accepted forms."""

    def __init__(self, reason: str, hint: bool = False):
        super().__init__(f"{reason}: write it as {PERIOD_FORMS}" if hint else reason)
        self.reason = reason


class YearMonth(NamedTuple):
    """A calendar month; tuples order chronologically."""

    year: int
    month: int

    def shift(self, years: int) -> YearMonth:
        return YearMonth(self.year + years, self.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


class PeriodKind(Enum):
    """How a period is written: the form decides its text, label and key."""

    INTERVAL = "interval"
    MONTH = "month"
    YEAR = "year"


@total_ordering
@dataclass(frozen=True, slots=True, repr=False)
class Period:
    """A reporting period from ``start`` to ``end`` (both months inclusive). Orders by start."""

    start: YearMonth
    """First month of the period."""
    end: YearMonth
    """Last month of the period (equal to ``start`` for a single month)."""
    kind: PeriodKind
    """Which of the three written forms this period takes."""

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``2014-10/2015-09``, ``2015-09`` or ``2014``; raise PeriodError (a ValueError)
        on anything else."""
        if not isinstance(text, str):
            raise PeriodError(f"a period must be text, not {type(text).__name__}", hint=True)
        if match := _INTERVAL.fullmatch(text):
            start = _year_month(text, match.group(1), match.group(2))
            end = _year_month(text, match.group(3), match.group(4))
            if end < start:
                raise PeriodError(f"period '{text}' ends ({end}) before it starts ({start})")
            return cls(start, end, PeriodKind.INTERVAL)
        if match := _SINGLE_MONTH.fullmatch(text):
            _refuse_financial_year(text, int(match.group(1)), int(match.group(2)))
            month = _year_month(text, match.group(1), match.group(2))
            return cls(month, month, PeriodKind.MONTH)
        if match := _YEAR.fullmatch(text):
            year = int(match.group(1))
            return cls(YearMonth(year, 1), YearMonth(year, 12), PeriodKind.YEAR)
        raise PeriodError(f"'{text}' is not a period", hint=True)

    @property
    def months(self) -> int:
        """Number of months covered, both ends included."""
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def label(self) -> str:
        """Words for the period: 'October 2014 - September 2015', 'September 2015', '2014'."""
        return self._words(full_names=True)

    @property
    def short_label(self) -> str:
        """Short words for the period: 'Oct 2014 - Sep 2015', 'Sep 2015', '2014'."""
        return self._words(full_names=False)

    @property
    def key(self) -> str:
        """An identifier-safe name: 'p2014_10_2015_09', 'p2015_09', 'p2014'."""
        return "p" + re.sub(r"[-/]", "_", str(self))

    def shift(self, years: int) -> Period:
        """The period of the same form and length, ``years`` later (earlier when negative)."""
        return Period(self.start.shift(years), self.end.shift(years), self.kind)

    def previous(self) -> Period:
        """The same period a year earlier."""
        return self.shift(-1)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key() < other._sort_key()

    def _sort_key(self) -> tuple[YearMonth, YearMonth, str]:
        return (self.start, self.end, self.kind.value)

    def __repr__(self) -> str:
        return f"Period('{self}')"

    def __str__(self) -> str:
        if self.kind is PeriodKind.YEAR:
            return f"{self.start.year:04d}"
        if self.kind is PeriodKind.MONTH:
            return str(self.start)
        return f"{self.start}/{self.end}"

    def _words(self, full_names: bool) -> str:
        def month(when: YearMonth) -> str:
            name = _MONTH_NAMES[when.month - 1]
            return f"{name if full_names else name[:3]} {when.year}"

        if self.kind is PeriodKind.YEAR:
            return str(self.start.year)
        if self.kind is PeriodKind.MONTH:
            return month(self.start)
        return f"{month(self.start)} - {month(self.end)}"


def current_period(written: Iterable[str], chosen: str | None) -> Period:
    """A dataset's assessment period: the settings' choice, else the latest period it has rows for."""
    return Period.parse(chosen) if chosen else max(Period.parse(text) for text in written)


def _refuse_financial_year(text: str, year: int, second: int) -> None:
    """Say what to write for '2014-15', the usual spelling of a financial year."""
    if second > 12 and second == (year + 1) % 100:
        raise PeriodError(
            f"'{text}' looks like a financial year: write {year}-04/{year + 1}-03 "
            f"for April {year} - March {year + 1}"
        )


def _year_month(text: str, year: str, month: str) -> YearMonth:
    if not 1 <= int(month) <= 12:
        raise PeriodError(f"period '{text}' has month {month}: months run from 01 to 12")
    return YearMonth(int(year), int(month))
