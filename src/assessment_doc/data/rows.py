"""One data row's cells checked and typed: a known area type, a period, a declared measure, a value.

The value is a published number, or ``None`` when suppressed at source (``[c]``, ``*``). Its
plausibility depends on the measure's unit (no negative counts, percentages within 0-100), so
the dataset's units come in through the validation context.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator

from ..errors import Problem
from ..periods import PERIOD_FORMS, Period, PeriodError
from ..values import SUPPRESSED_INPUT_SYMBOLS
from .csv_file import CsvRow
from .manifest import Unit
from .wording import did_you_mean, quote

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

    model_config = ConfigDict(frozen=True)

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
            "a percentage from 0 to 100 (a % change is computed, never stored)",
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
