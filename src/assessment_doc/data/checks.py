"""Checks that need more than one row: duplicates, areas, and the rows an assessment cannot lack.

Each check takes loaded frames (with the loader's ``line`` column) and returns Problems; none
raises. A problem sits on the later of two rows in conflict and names the earlier one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from ..errors import Problem
from .wording import MAX_LISTED, did_you_mean, more_problems, quote

KEY = ["area", "period", "measure"]


@dataclass(frozen=True, slots=True)
class LoadedTable:
    """One dataset's checked rows, with what it was written with for presence checks."""

    dataset_id: str
    shown_as: str
    frame: pd.DataFrame
    areas_written: frozenset[str]
    periods_written: frozenset[str]


def duplicate_rows(table: LoadedTable) -> list[Problem]:
    """A problem for each row that repeats an earlier row's area, period and measure (the first
    :data:`MAX_LISTED`, and one problem counting the rest)."""
    frame = table.frame
    again = frame.duplicated(KEY, keep="first").to_numpy()
    if not again.any():
        return []
    groups = frame.groupby(KEY, sort=False)
    first_row = groups["row"].transform("first").to_numpy()[again]
    first_line = groups["line"].transform("first").to_numpy()[again]
    repeated = frame[again]
    problems = [
        Problem(
            table.shown_as,
            f"repeats row {row_first} (line {line_first}): area {quote(area)}, "
            f"period '{period}', measure '{measure}' appear in both",
            row=int(row),
            line=int(line),
            expected="one row for each area, period and measure",
        )
        for area, period, measure, row, line, row_first, line_first in zip(
            repeated["area"].iloc[:MAX_LISTED], repeated["period"].iloc[:MAX_LISTED],
            repeated["measure"].iloc[:MAX_LISTED], repeated["row"].iloc[:MAX_LISTED],
            repeated["line"].iloc[:MAX_LISTED], first_row[:MAX_LISTED],
            first_line[:MAX_LISTED])
    ]
    if len(repeated) > MAX_LISTED:
        problems.append(more_problems(
            table.shown_as, len(repeated) - MAX_LISTED,
            "repeat an earlier row's area, period and measure",
            "the published figures only, one row for each area, period and measure "
            "(not record-level data)"))
    return problems


def focus_area_present(table: LoadedTable, focus_area: str) -> list[Problem]:
    """A problem if the dataset has no row for the area the assessment is about."""
    if not table.areas_written or focus_area in table.areas_written:
        return []
    return [Problem(
        table.shown_as,
        f"has no rows for the focus area '{focus_area}'"
        + did_you_mean(focus_area, table.areas_written),
        column="area",
        expected=f"rows for {focus_area}, or 'focus_area_required: false' for dataset "
        f"'{table.dataset_id}' in datasets.yaml if it has no rows by district",
    )]


def required_period_present(table: LoadedTable, period: str) -> list[Problem]:
    """A problem if the dataset has no row for the period the assessment reports on."""
    if not table.periods_written or period in table.periods_written:
        return []
    present = ", ".join(sorted(table.periods_written))
    return [Problem(
        table.shown_as,
        f"has no rows for period {period}, which the assessment reports on",
        column="period",
        expected=f"rows for {period} (the file has {present})",
    )]


def one_type_per_area(tables: Sequence[LoadedTable]) -> list[Problem]:
    """A problem where an area is given a different area_type than where it first appears."""
    rows = _all_rows(tables)
    first = rows.drop_duplicates("area")[["area", "area_type", "file", "row"]]
    rows = rows.merge(first, on="area", suffixes=("", "_first"))
    clashes = rows[rows["area_type"] != rows["area_type_first"]]
    return [
        Problem(
            clash.file,
            f"area {quote(clash.area)} has area_type '{clash.area_type}' here but "
            f"'{clash.area_type_first}' in {clash.file_first} row {clash.row_first}",
            row=int(clash.row),
            line=int(clash.line),
            column="area_type",
            expected="one area_type for each area in every file",
        )
        for clash in clashes.drop_duplicates(["file", "area", "area_type"]).itertuples()
    ]


def one_spelling_per_area(tables: Sequence[LoadedTable]) -> list[Problem]:
    """A problem where an area is spelled differently from its first spelling ('&' for 'and')."""
    rows = _all_rows(tables).drop_duplicates(["file", "area"])
    rows = rows.assign(sameness=rows["area"].map(_spelling_key))
    first = rows.drop_duplicates("sameness")[["sameness", "area", "file", "row"]]
    rows = rows.merge(first, on="sameness", suffixes=("", "_first"))
    variants = rows[rows["area"] != rows["area_first"]]
    return [
        Problem(
            variant.file,
            f"area {quote(variant.area)} is spelled {quote(variant.area_first)} in "
            f"{variant.file_first} row {variant.row_first}",
            row=int(variant.row),
            line=int(variant.line),
            column="area",
            expected="one spelling for each area in every file (record printed variants "
            "in the manifest notes)",
        )
        for variant in variants.itertuples()
    ]


def _spelling_key(area: str) -> str:
    return re.sub(r"[\s\-]+", " ", area.lower().replace("&", " and ")).strip()


def _all_rows(tables: Iterable[LoadedTable]) -> pd.DataFrame:
    frames = [t.frame.assign(file=t.shown_as) for t in tables]
    columns = ["area", "area_type", "row", "line", "file"]
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype="str") for c in columns})
    return pd.concat(frames, ignore_index=True)[columns]
