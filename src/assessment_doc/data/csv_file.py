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
from itertools import repeat

import numpy as np
import pandas as pd

from ..errors import Problem
from .wording import MAX_LISTED, more_problems, quote

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


@dataclass(frozen=True, slots=True)
class CsvColumns:
    """The rows of one CSV file whose shape is right, column by column (cells stripped, as in
    :class:`CsvRow`), and the problems with the rest. What the loader reads a file into: an
    array per column costs a fraction of a :class:`CsvRow` per row."""

    cells: dict[str, np.ndarray]
    """Each column's cells (an object array of str), in file order."""
    rows: np.ndarray
    """Each row's 1-based data row number (int64)."""
    lines: np.ndarray
    """Each row's 1-based starting line (int64)."""
    problems: tuple[Problem, ...]

    def __len__(self) -> int:
        return len(self.rows)

    def row(self, index: int) -> CsvRow:
        """The ``index``-th row (0-based) as a :class:`CsvRow`."""
        return CsvRow(int(self.rows[index]), int(self.lines[index]),
                      {column: str(self.cells[column][index]) for column in COLUMNS})


def read_csv_columns(text: str, shown_as: str) -> CsvColumns:
    """:func:`read_csv_text`, column by column: the same rows, numbers, lines and problems.

    A file with no quote marks and no lone carriage returns (what spreadsheets and scripts
    write for tidy data) is split on its line ends and commas, which for such text is exactly
    what the ``csv`` module does, in a few calls over the whole text rather than a few for
    each row; any other file goes through :func:`read_csv_text`.
    """
    simple = _simple_columns(text, shown_as)
    if simple is not None:
        return simple
    table = read_csv_text(text, shown_as)
    counted = _FieldCounts(shown_as)
    problems = [p for p in table.problems if p.row is None or counted.add(p)]
    return _columns([[r.cells[column] for column in COLUMNS] for r in table.rows],
                    [r.row for r in table.rows], [r.line for r in table.rows],
                    (*problems, *counted.rest()))


class _FieldCounts:
    """The rows with too many or too few cells: the first :data:`MAX_LISTED` listed, the rest
    counted."""

    def __init__(self, shown_as: str) -> None:
        self.shown_as = shown_as
        self.count = 0

    def add(self, problem: Problem | None) -> bool:
        """Count ``problem``; whether it is one of those listed."""
        self.count += 1
        return self.count <= MAX_LISTED

    def rest(self) -> list[Problem]:
        if self.count <= MAX_LISTED:
            return []
        return [more_problems(self.shown_as, self.count - MAX_LISTED,
                              "with more or fewer cells than five", f"5 cells: {HEADER}")]


def _simple_columns(text: str, shown_as: str) -> CsvColumns | None:
    """The columns of ``text`` if it has no quote marks, no carriage return except in CRLF and
    no line as long as the ``csv`` module's field limit (whose error it must then report);
    else None.

    The text is split a megabyte at a time, and the cells of a column that repeat (areas,
    periods, measures) share one string: a large file then takes a few times its size in
    memory, not twelve."""
    if '"' in text:
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    limit = csv.field_size_limit()
    at, number = 0, 1
    while True:  # the header: the first line with a cell that is not blank
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        line = text[at:end]
        if len(line) >= limit:
            return None
        if _filled(line):
            break
        if end == len(text):
            return _columns([], [], [], (_empty_file(shown_as),))
        at, number = end + 1, number + 1
    header = _without_trailing_empty_cells(line.split(","))
    if [field.strip() for field in header] != list(COLUMNS):
        return _columns([], [], [], (_header_problem(shown_as, number, header),))
    chunk = _Chunk(shown_as, strip=_space_at_an_edge(text), first_line=number + 1)
    at = end + 1
    while at < len(text):
        end = text.find("\n", at + _CHUNK)
        end = len(text) if end < 0 else end
        if not chunk.add(text[at:end].split("\n"), limit):
            return None
        at = end + 1
    return chunk.columns()


_CHUNK = 2**20
"""Characters of a file split at a time."""


class _Chunk:
    """The columns of a simple file, read a chunk of lines at a time."""

    def __init__(self, shown_as: str, *, strip: bool, first_line: int) -> None:
        self.shown_as = shown_as
        self.strip = strip
        self.first_line = first_line
        """The file line of the next chunk's first line."""
        self.rows_before = 0
        self.parts: list[tuple[list[np.ndarray], np.ndarray, np.ndarray]] = []
        self.problems: list[Problem] = []
        self.shared: dict[str, str] = {}
        self.field_counts = _FieldCounts(shown_as)

    def add(self, body: list[str], limit: int) -> bool:
        """Read the lines ``body``; False if one is too long for this way of reading."""
        if max(map(len, body)) >= limit:
            return False
        width = len(COLUMNS)
        commas = np.array(list(map(str.count, body, repeat(",", len(body)))), dtype=np.int64)
        # Lines of five cells, split all at once: the cells of the k-th are at 5k to 5k + 4.
        five = np.flatnonzero(commas == width - 1)
        flat = np.array(",".join([body[i] for i in five]).split(",") if len(five) else [],
                        dtype=object)
        records = [self._cells(flat[k::width], shared=k < width - 1) for k in range(width)]
        del flat
        filled = np.zeros(len(body), dtype=bool)
        filled[five] = records[0] != ""
        for at in np.flatnonzero(~filled):  # blank, an empty area, or not five cells
            filled[at] = _filled(body[at])
        row_of = np.cumsum(filled) + self.rows_before
        whole = filled[five]
        extra: list[tuple[int, list[str]]] = []
        for at in np.flatnonzero(filled & (commas != width - 1)):  # not five cells
            fields = _without_trailing_empty_cells(body[at].split(","))
            if len(fields) == width:
                extra.append((int(at), [field.strip() for field in fields]))
            elif self.field_counts.add(None):
                self.problems.append(_field_count_problem(
                    self.shown_as, int(row_of[at]), int(at) + self.first_line, fields))
        cells = [column[whole] for column in records]
        at_lines = five[whole]
        if extra:  # the rows with trailing empty cells, in their places
            at_lines = np.concatenate([at_lines, [at for at, _ in extra]])
            cells = [np.concatenate([column, np.asarray([f[k] for _, f in extra], dtype=object)])
                     for k, column in enumerate(cells)]
            order = np.argsort(at_lines, kind="stable")
            at_lines, cells = at_lines[order], [column[order] for column in cells]
        self.parts.append((cells, row_of[at_lines], at_lines + self.first_line))
        self.rows_before = int(row_of[-1]) if len(row_of) else self.rows_before
        self.first_line += len(body)
        return True

    def _cells(self, cells: np.ndarray, *, shared: bool) -> np.ndarray:
        """A column's cells stripped if the file needs it; those of a column whose cells repeat
        (``shared``) as one string object for each distinct cell."""
        if not len(cells) or not (shared or self.strip):
            return cells
        codes, uniques = pd.factorize(cells)
        if self.strip:
            uniques = [cell.strip() for cell in uniques]
        if shared:
            uniques = [self.shared.setdefault(cell, cell) for cell in uniques]
        return np.asarray(uniques, dtype=object)[codes]

    def columns(self) -> CsvColumns:
        self.problems += self.field_counts.rest()
        if not self.parts or not any(len(rows) for _cells, rows, _lines in self.parts):
            if not self.problems:
                self.problems.append(_no_rows(self.shown_as))
            return _columns([], [], [], tuple(self.problems))
        cells = {name: np.concatenate([part[0][k] for part in self.parts])
                 for k, name in enumerate(COLUMNS)}
        return CsvColumns(cells, np.concatenate([part[1] for part in self.parts]).astype("int64"),
                          np.concatenate([part[2] for part in self.parts]).astype("int64"),
                          tuple(self.problems))


_SPACES = tuple(
    "\t\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
"""What :meth:`str.strip` removes (every character :meth:`str.isspace` is true of), but the line
feed that has already split the lines."""


def _space_at_an_edge(text: str) -> bool:
    """Whether a cell of ``text`` (no quotes, lines ending in LF) starts or ends with white space:
    if none does, its cells need no stripping. A handful of substring searches, each at the
    speed of memory."""
    return any(
        text.startswith(space) or text.endswith(space)
        or f",{space}" in text or f"{space}," in text
        or f"\n{space}" in text or f"{space}\n" in text
        for space in _SPACES if space in text)


def _columns(records: list[list[str]], rows: list[int], lines: list[int],
             problems: tuple[Problem, ...]) -> CsvColumns:
    """CsvColumns from rows of five cells (stripped already)."""
    columns = list(zip(*records)) if records else [()] * len(COLUMNS)
    cells = {name: np.asarray(column, dtype=object) if len(column) else np.empty(0, dtype=object)
             for name, column in zip(COLUMNS, columns)}
    return CsvColumns(cells, np.asarray(rows, dtype="int64"), np.asarray(lines, dtype="int64"),
                      problems)


def _filled(line: str) -> bool:
    """Whether a line (with no quote marks) has a cell that is not blank."""
    return bool(line.replace(",", "").strip())


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
