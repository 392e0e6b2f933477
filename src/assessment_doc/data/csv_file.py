"""A data CSV read into rows of text cells, each row knowing its data-row number and file line.

Only the shape of the file is checked here (encoding, header, number of fields); what the cells
mean is checked in :mod:`assessment_doc.data.rows`. Blank lines (and Excel's all-empty ``,,,,``
lines) are skipped wherever they are, so rows are numbered as a clerk sees data in a spreadsheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import Problem
from .wording import quote

COLUMNS: tuple[str, ...] = ("area", "area_type", "period", "measure", "value")
"""The header of every data CSV, in this order."""

HEADER = ",".join(COLUMNS)


@dataclass(frozen=True, slots=True)
class CsvRow:
    """One data row as written: its cells (surrounding spaces removed) and where it sits."""

    row: int
    """1-based data row (the header and blank lines are not counted)."""
    line: int
    """1-based line of the file where the row starts."""
    cells: dict[str, str]


@dataclass(frozen=True, slots=True)
class CsvTable:
    """The rows of one CSV file whose shape is right, and the problems with the rest."""

    rows: tuple[CsvRow, ...]
    problems: tuple[Problem, ...]


def read_csv_text(text: str, shown_as: str) -> CsvTable:
    """Split ``text`` (already decoded) into data rows; ``shown_as`` names the file in problems."""
    records = _records(text, shown_as)
    problems: list[Problem] = []
    first = next(records, None)
    if first is None:
        return CsvTable((), (_empty_file(shown_as),))
    if isinstance(first, Problem):
        return CsvTable((), (first,))
    if [field.strip() for field in first[1]] != list(COLUMNS):
        return CsvTable((), (_header_problem(shown_as, *first),))
    rows: list[CsvRow] = []
    for row, record in enumerate(records, start=1):
        if isinstance(record, Problem):
            problems.append(record)
            break
        line, fields = record
        if len(fields) == len(COLUMNS):
            rows.append(CsvRow(row, line, dict(zip(COLUMNS, (f.strip() for f in fields)))))
        else:
            problems.append(_field_count_problem(shown_as, row, line, fields))
    if not rows and not problems:
        problems.append(_no_rows(shown_as))
    return CsvTable(tuple(rows), tuple(problems))


def _records(text: str, shown_as: str) -> Iterator[tuple[int, list[str]] | Problem]:
    """Non-blank records with their starting line; a Problem ends the file if it cannot be split."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line = 1
    try:
        for fields in reader:
            if any(field.strip() for field in fields):
                yield line, _without_trailing_empty_cells(fields)
            line = reader.line_num + 1
    except csv.Error as error:
        yield Problem(
            shown_as,
            f"cannot be read as CSV: {error}",
            line=reader.line_num or line,
            expected="comma-separated values, with quotes only around whole cells",
        )


def _without_trailing_empty_cells(fields: list[str]) -> list[str]:
    """Drop empty cells past the fifth: spreadsheets add them after a stray edit to column F."""
    while len(fields) > len(COLUMNS) and not fields[-1].strip():
        fields = fields[:-1]
    return fields


def _empty_file(shown_as: str) -> Problem:
    return Problem(shown_as, "is empty", line=1, expected=f"the header line {HEADER} and data rows")


def _no_rows(shown_as: str) -> Problem:
    return Problem(shown_as, "has a header but no data rows", line=2, expected="at least one row")


def _header_problem(shown_as: str, line: int, fields: list[str]) -> Problem:
    written = quote(",".join(fields), limit=80)
    separator = next((name for mark, name in _OTHER_SEPARATORS.items()
                      if ",".join(fields).replace(mark, ",").strip() == HEADER), None)
    if separator is not None:
        message = f"is separated by {separator}, not commas"
    elif fields and fields[0].startswith("\ufeff"):
        message = "starts with a second byte-order mark (U+FEFF) before the header"
    elif set(COLUMNS).isdisjoint(field.strip().lower() for field in fields):
        message = f"has no header: the first line is {written}"
    else:
        message = f"has the wrong header {written}"
    return Problem(shown_as, message, line=line, expected=f"the header {HEADER}")


_OTHER_SEPARATORS = {";": "semicolons", "\t": "tabs", "|": "bars"}
"""What spreadsheets in other settings separate cells with ('CSV' from a European Excel, 'Text
(Tab delimited)')."""


def _field_count_problem(shown_as: str, row: int, line: int, fields: list[str]) -> Problem:
    hint = ""
    if len(fields) > len(COLUMNS) and all(f.strip().isdigit() for f in fields[len(COLUMNS) - 1:]):
        hint = " (a number written with a thousands separator, such as 1,234?)"
    return Problem(
        shown_as,
        f"has {len(fields)} cells instead of {len(COLUMNS)}{hint}",
        row=row,
        line=line,
        expected=f"5 cells: {HEADER}",
    )
