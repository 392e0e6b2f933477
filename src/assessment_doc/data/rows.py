"""One data row's cells checked and typed: a known area type, a period, a declared measure, a value.

The value is a published number, or ``None`` when suppressed at source (``[c]``, ``*``). Its
plausibility depends on the measure's unit (no negative counts, percentages within 0-100), so
the dataset's units come in through the validation context.

:class:`DataRow` is the definition. A file is checked column by column
(:func:`validate_columns`): each distinct area, period and value is tested once, with the same
rules; only the rows that fail are validated one by one, to report every bad cell as
:func:`validate_row` words it. Checking every row of a 35 MB file through pydantic took minutes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator

from ..errors import Problem
from ..periods import PERIOD_FORMS, Period, PeriodError
from ..values import SUPPRESSED_INPUT_SYMBOLS
from .csv_file import CsvColumns, CsvRow
from .manifest import Unit
from .wording import MAX_LISTED, did_you_mean, more_problems, quote

AREA_TYPES: tuple[str, ...] = (
    "ward", "district", "unitary", "county", "police_force_area", "country", "police_division",
)
"""The kinds of area a row may describe (see docs/data-contract.md)."""

VALUE_EXPECTED = "a number as published, e.g. 9178 or 56.7, or [c] if suppressed at source"

MAX_VALUE = 1e15
"""No published figure reaches a thousand million million; past it, sums and rates lose
precision (and past 1e308 a float is infinite)."""

_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_THOUSANDS = re.compile(r"-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")
_FORMULA_STARTS = ("=", "+", "@", "-")  # what spreadsheets evaluate (OWASP "CSV injection")
_NOT_NUMBERS = frozenset({"nan", "inf", "infinity"})
_OTHER_SUPPRESSION_MARKS = frozenset({"c", "x", "[x]", "[z]", "..", ":", "-", "n/a", "na"})


class CellError(ValueError):
    """A cell that cannot be accepted: what is wrong with it and what was expected."""

    def __init__(self, message: str, expected: str | None):
        super().__init__(message)
        self.message = message
        self.expected = expected


class DataRow(BaseModel):
    """A checked data row. ``value`` is None exactly when the figure is suppressed at source."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    area: str
    area_type: str
    period: str
    measure: str
    value: float | None

    @field_validator("area")
    @classmethod
    def _area_named(cls, area: str) -> str:
        if not area:
            raise CellError("area is empty", "the area's name as printed, e.g. Maidstone")
        if not area.isprintable():
            raise CellError(f"area {quote(area)} has an invisible or non-standard space character",
                            "the area's name in plain characters, with ordinary spaces")
        if area.startswith(_FORMULA_STARTS):
            raise CellError(f"area {quote(area)} starts with '{area[0]}', which a spreadsheet "
                            "would run as a formula", "the area's name as printed, e.g. Maidstone")
        return area

    @field_validator("area_type")
    @classmethod
    def _known_area_type(cls, area_type: str) -> str:
        if area_type not in AREA_TYPES:
            raise CellError(
                f"unknown area type {quote(area_type)}{did_you_mean(area_type, AREA_TYPES)}",
                "one of " + ", ".join(AREA_TYPES),
            )
        return area_type

    @field_validator("period")
    @classmethod
    def _canonical_period(cls, period: str) -> str:
        try:
            return str(Period.parse(period))
        except PeriodError as error:
            raise CellError(error.reason, PERIOD_FORMS) from None

    @field_validator("measure")
    @classmethod
    def _declared_measure(cls, measure: str, info: ValidationInfo) -> str:
        units: Mapping[str, Unit | None] | None = (info.context or {}).get("units")
        if units is not None and measure not in units:
            dataset = (info.context or {}).get("dataset_id")
            raise CellError(
                f"unknown measure {quote(measure)} for dataset '{dataset}'"
                + did_you_mean(measure, units),
                "a measure declared for this dataset in datasets.yaml: " + ", ".join(units),
            )
        return measure

    @field_validator("value", mode="before")
    @classmethod
    def _plausible_value(cls, given: object, info: ValidationInfo) -> float | None:
        value = _as_value(given)
        units: Mapping[str, Unit | None] = (info.context or {}).get("units") or {}
        unit = units.get(info.data.get("measure", ""))
        if value is not None and unit is not None:
            text = given if isinstance(given, str) else f"{value:g}"
            check_range(text, value, unit, info.data["measure"])
        return value


def _as_value(given: object) -> float | None:
    """A cell's text parsed; a number or None given directly (building a row in code) as is."""
    if isinstance(given, str):
        return parse_value(given)
    if given is None or (isinstance(given, int | float) and not isinstance(given, bool)
                         and math.isfinite(given)):
        return None if given is None else float(given)
    raise CellError(f"{quote(repr(given))} is not a number", VALUE_EXPECTED)


def parse_value(text: str) -> float | None:
    """The number written in ``text``, None if suppressed; CellError if it is not a number."""
    if text in SUPPRESSED_INPUT_SYMBOLS:
        return None
    if _NUMBER.fullmatch(text):
        value = float(text) + 0.0  # + 0.0 turns -0 into 0
        if abs(value) >= MAX_VALUE:
            raise CellError(f"{quote(text)} is too large to be a published figure",
                            f"a number below {MAX_VALUE:,.0f}")
        return value
    raise CellError(_why_not_a_number(text), VALUE_EXPECTED)


def check_range(text: str, value: float, unit: Unit, measure: str) -> None:
    """Refuse a value its unit cannot take: negative counts and persons, percent beyond 0-100."""
    if unit in ("count", "persons", "rate_per_1000") and value < 0:
        raise CellError(f"{quote(text)} is negative, but measure '{measure}' is a {unit}",
                        "a number of 0 or more")
    if unit == "percent" and not 0 <= value <= 100:
        raise CellError(
            f"{quote(text)} is outside 0-100, but measure '{measure}' is a percent",
            "a percentage from 0 to 100 (a % change published without its counts has unit "
            "percent_change)",
        )


def _why_not_a_number(text: str) -> str:
    if not text:
        return "value is empty"
    if _THOUSANDS.fullmatch(text):
        return f"{quote(text)} has a thousands separator: write {text.replace(',', '')}"
    if text.endswith("%") and _NUMBER.fullmatch(text[:-1].strip()):
        return f"{quote(text)} has a % sign: write {text[:-1].strip()}"
    if text.startswith("£") and _NUMBER.fullmatch(text[1:].strip()):
        return f"{quote(text)} has a £ sign: write {text[1:].strip()}"
    if text.lower() in _OTHER_SUPPRESSION_MARKS:
        return f"{quote(text)} is not a number (if the figure was suppressed at source, write [c])"
    if text.lstrip("+-").lower() in _NOT_NUMBERS:
        return f"{quote(text)} is not a number"
    if text.startswith(_FORMULA_STARTS):
        return f"{quote(text)} starts with '{text[0]}', which a spreadsheet would run as a formula"
    return f"{quote(text)} is not a number"


def validate_row(
    raw: CsvRow, shown_as: str, dataset_id: str, units: Mapping[str, Unit | None] | None
) -> DataRow | list[Problem]:
    """The checked row, or a Problem for every bad cell.

    ``units`` maps each declared measure to its unit; a None unit skips the range check of that
    measure, and ``units`` None skips measure checks altogether (the manifest could not say).
    """
    context = {"units": units, "dataset_id": dataset_id}
    try:
        return DataRow.model_validate(raw.cells, context=context)
    except ValidationError as error:
        return [_cell_problem(detail, raw, shown_as) for detail in error.errors()]


def _cell_problem(detail: Any, raw: CsvRow, shown_as: str) -> Problem:
    column = str(detail["loc"][0]) if detail["loc"] else None
    cause = (detail.get("ctx") or {}).get("error")
    if isinstance(cause, CellError):
        message, expected = cause.message, cause.expected
    else:
        message, expected = f"{detail['msg']} (got {quote(str(detail['input']))})", None
    return Problem(shown_as, message, line=raw.line, column=column, expected=expected, row=raw.row)


@dataclass(frozen=True, slots=True)
class CheckedColumns:
    """The rows of a file that passed, as typed columns, and the problems of those that did not."""

    area: np.ndarray
    """An object array of str, as are area_type, period and measure."""
    area_type: np.ndarray
    period: np.ndarray
    """Canonical, as :class:`DataRow` writes it."""
    measure: np.ndarray
    value: np.ndarray
    """float64; NaN where suppressed."""
    suppressed: np.ndarray
    """bool"""
    row: np.ndarray
    line: np.ndarray
    problems: list[Problem]


def validate_columns(
    table: CsvColumns, shown_as: str, dataset_id: str, units: Mapping[str, Unit | None] | None
) -> CheckedColumns:
    """Every row of ``table`` checked as :func:`validate_row` checks it: the rows that pass,
    typed, in file order, and a Problem for every bad cell of the rest (the same Problems)."""
    cells = table.cells
    bad = ~_good(cells["area"], _good_area)
    bad |= ~pd.Series(cells["area_type"], dtype=object).isin(AREA_TYPES).to_numpy()
    period_codes, period_uniques = pd.factorize(cells["period"])
    canonical = np.array([_canonical_or_none(p) for p in period_uniques] + [None], dtype=object)
    periods = canonical[period_codes]
    bad |= pd.isna(periods)
    measures = cells["measure"]
    if units is not None:
        bad |= ~pd.Series(measures).isin(list(units)).to_numpy()
    values, suppressed, good_values = _values(cells["value"])
    bad |= ~good_values
    if units:
        bad |= _out_of_range(measures, values, units)
    problems: list[Problem] = []
    keep = ~bad
    flagged = np.flatnonzero(bad)
    bad_rows = 0
    for index in flagged:
        if bad_rows == MAX_LISTED:
            problems.append(more_problems(
                shown_as, len(flagged) - MAX_LISTED, "with problems like these",
                "a row of five cells as the data contract describes: an area, its type, a "
                "period, a declared measure and a published number"))
            break
        result = validate_row(table.row(int(index)), shown_as, dataset_id, units)
        if isinstance(result, DataRow):  # the quick checks were stricter than the rules
            keep[index] = True
            periods[index] = result.period
            values[index] = math.nan if result.value is None else result.value
            suppressed[index] = result.value is None
        else:
            problems += result
            bad_rows += 1
    return CheckedColumns(
        area=cells["area"][keep], area_type=cells["area_type"][keep], period=periods[keep],
        measure=measures[keep], value=values[keep], suppressed=suppressed[keep],
        row=table.rows[keep], line=table.lines[keep], problems=problems)


def _good_area(area: str) -> bool:
    return bool(area) and area.isprintable() and not area.startswith(_FORMULA_STARTS)


def _good(cells: np.ndarray, test: Any) -> np.ndarray:
    """``test`` of each cell, tried once for each distinct cell."""
    codes, uniques = pd.factorize(cells)
    return np.array([test(cell) for cell in uniques] + [False], dtype=bool)[codes]


def _canonical_or_none(period: str) -> str | None:
    try:
        return str(Period.parse(period))
    except PeriodError:
        return None


def _values(cells: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each cell's number (NaN if suppressed), whether it is suppressed, and whether it is
    certainly good (a cell that is not goes through :func:`parse_value` for its message)."""
    codes, uniques = pd.factorize(cells)
    numbers = np.empty(len(uniques) + 1, dtype="float64")
    hidden = np.zeros(len(uniques) + 1, dtype=bool)
    good = np.zeros(len(uniques) + 1, dtype=bool)
    number = _NUMBER.fullmatch
    for at, text in enumerate(uniques):
        if text in SUPPRESSED_INPUT_SYMBOLS:
            numbers[at], hidden[at], good[at] = math.nan, True, True
        elif number(text):
            value = float(text) + 0.0
            numbers[at], good[at] = value, abs(value) < MAX_VALUE
        else:
            numbers[at] = math.nan
    return numbers[codes], hidden[codes], good[codes]


def _out_of_range(measures: np.ndarray, values: np.ndarray,
                  units: Mapping[str, Unit | None]) -> np.ndarray:
    """Where a value is one its measure's unit cannot take (as :func:`check_range` decides)."""
    unit = pd.Series(measures).map(dict(units)).to_numpy()
    with np.errstate(invalid="ignore"):
        negative = np.isin(unit, ("count", "persons", "rate_per_1000")) & (values < 0)
        percent = (unit == "percent") & ((values < 0) | (values > 100))
    return negative | percent
