"""Open data tables: every table of a document as an accessible spreadsheet (ODS) and as CSV files.

The layout follows the Analysis Function's guidance "Releasing statistics in spreadsheets": a
cover sheet, a table of contents, a notes sheet, then one table a sheet, each starting in A1 with
its title and the markers of its notes (``[note 3]``), a line saying where the notes are, its
source, the header row (the document's column titles) and the body, with no blank rows and no
merged cells. :func:`release` lays the tables out once; :func:`render_ods` writes the workbook
(:mod:`.open_data_ods`) and :func:`render_csv` one CSV file a table with the notes and contents.

A figure is the number the document prints, rounded as printed and typed as a number (the
spreadsheet never shows a digit the report does not); a suppressed cell is the text ``[c]`` and
an empty one ``[z]`` (not applicable), each explained in the notes. What the report shows by type
becomes a column: the row in bold (the focus area) is "Yes" under "Focus area", and an indented
sub-category names its category under "Sub-category of". Nothing here computes a figure.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..errors import RenderError
from ..model import (
    BlockQuote,
    BulletList,
    CellFormat,
    CellValue,
    Column,
    Document,
    ListItem,
    Metadata,
    NumberedList,
    Section,
    Table,
    assign_numbers,
    format_cell,
)
from ..values import SUPPRESSED_NOTE, SUPPRESSED_SYMBOL, Suppressed
from .translator import Translator

Cell = str | int | float
"""A released cell: text, or a number as the document prints it."""

NOT_APPLICABLE = "[z]"
"""The guidance's shorthand for a cell with no figure to show (the report leaves it empty)."""
NOT_APPLICABLE_NOTE = (f"{NOT_APPLICABLE} Not applicable: the report leaves this cell empty, "
                       "such as the ranking of a total, which is not ranked.")
FOCUS_COLUMN = "Focus area"
CATEGORY_COLUMN = "Sub-category of"
CATEGORY_NOTE = (f"“{CATEGORY_COLUMN}” names the category a row is part of (the report indents "
                 f"such a row under it); {NOT_APPLICABLE} where the row is not a sub-category.")

COVER_SHEET = "Cover_sheet"
CONTENTS_SHEET = "Table_of_contents"
NOTES_SHEET = "Notes"
CSV_PREFIX = "-table"
"""What every CSV file's name adds to the documents' file name (``<stem>-table-02-….csv``): the
files lie beside the documents, written with them as one set."""

_UNITS = {CellFormat.GBP: "£", CellFormat.PERCENT: "%", CellFormat.CHANGE: "%"}
"""The unit a column's cells print and a bare number loses, added to a header that lacks it."""
_PRINTED_MARKS = re.compile(r"[£,%]|^\+")


@dataclass(frozen=True, slots=True)
class ReleaseNote:
    """A note of the notes sheet: its number, its text and the sheets that refer to it."""

    number: int
    text: str
    sheets: tuple[str, ...]

    @property
    def marker(self) -> str:
        return f"[note {self.number}]"


@dataclass(frozen=True, slots=True)
class DataTable:
    """One table laid out for release."""

    sheet: str
    """The sheet's name: ``Table_2``."""
    label: str
    """The document's label: 'Table 2: Total recorded crime …'."""
    notes: tuple[ReleaseNote, ...]
    source: str | None
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    file_name: str
    """What the CSV file's name adds to the documents' file name:
    ``-table-02-recorded-crime-by-district.csv``."""

    @property
    def title(self) -> str:
        """The sheet's title: the label and the markers of its notes."""
        return " ".join((self.label, *(note.marker for note in self.notes)))


@dataclass(frozen=True, slots=True)
class Release:
    """The document's tables laid out for release, with what the cover and notes say."""

    metadata: Metadata
    tables: tuple[DataTable, ...]
    notes: tuple[ReleaseNote, ...]

    @property
    def title(self) -> str:
        parts = (self.metadata.title, self.metadata.subtitle)
        return ": ".join(part for part in parts if part)

    @property
    def sources(self) -> tuple[str, ...]:
        """The sources the tables cite, each once, in the order of the tables."""
        return tuple(dict.fromkeys(t.source for t in self.tables if t.source))

    @property
    def shorthand(self) -> tuple[str, ...]:
        """The explanations of the shorthand the tables use ([c], [z])."""
        used = {text for table in self.tables for row in table.rows for text in row
                if isinstance(text, str)}
        explained = ((SUPPRESSED_SYMBOL, SUPPRESSED_NOTE), (NOT_APPLICABLE, NOT_APPLICABLE_NOTE))
        return tuple(note for symbol, note in explained if symbol in used)


def release(document: Document) -> Release:
    """The document's tables, in document order, laid out for release, and their notes numbered
    once for the whole workbook (a note several tables share keeps one number)."""
    document = assign_numbers(document)
    numbers: dict[str, int] = {}
    referring: dict[str, list[str]] = {}
    drafts = []
    for position, table in enumerate(_tables(document), start=1):
        number = table.number or position
        sheet = f"Table_{number}"
        headers, rows, added = _layout(table, document.metadata)
        texts = tuple(dict.fromkeys((*table.all_notes, *added)))
        for text in texts:
            numbers.setdefault(text, len(numbers) + 1)
            referring.setdefault(text, []).append(sheet)
        drafts.append((table, number, sheet, headers, rows, texts))
    notes = {text: ReleaseNote(numbers[text], text, tuple(referring[text])) for text in numbers}
    width = max(2, len(str(len(drafts))))
    tables = tuple(
        DataTable(sheet, table.label,
                  tuple(sorted((notes[text] for text in texts), key=lambda n: n.number)),
                  table.source,
                  headers, rows, f"{CSV_PREFIX}-{number:0{width}d}-{_file_words(table)}.csv")
        for table, number, sheet, headers, rows, texts in drafts
    )
    return Release(document.metadata, tables, tuple(notes.values()))


def _tables(document: Document) -> list[Table]:
    collector = TableCollector()
    collector.visit(document)
    return collector.tables


class TableCollector(Translator):
    """Walks a document as the other renderers do, keeping its tables in document order; a
    node of a type the model does not have is a RenderError here as there, never skipped."""

    def __init__(self) -> None:
        self.tables: list[Table] = []

    def _each(self, nodes: tuple[object, ...]) -> None:
        for node in nodes:
            self.visit(node)

    def visit_Document(self, node: Document) -> None:
        self._each(node.children)

    def visit_Section(self, node: Section) -> None:
        self._each(node.children)

    def visit_BulletList(self, node: BulletList) -> None:
        self._each(node.items)

    def visit_NumberedList(self, node: NumberedList) -> None:
        self._each(node.items)

    def visit_ListItem(self, node: ListItem) -> None:
        self._each(node.blocks)

    def visit_BlockQuote(self, node: BlockQuote) -> None:
        self._each(node.blocks)

    def visit_Table(self, node: Table) -> None:
        self.tables.append(node)

    def _no_table(self, node: object) -> None:
        """A node that holds no table."""

    visit_Cover = visit_Contents = visit_Paragraph = visit_Figure = _no_table
    visit_Recommendation = visit_Note = visit_PageBreak = _no_table


def _layout(table: Table, metadata: Metadata
            ) -> tuple[tuple[str, ...], tuple[tuple[Cell, ...], ...], tuple[str, ...]]:
    """The header and body of a table, with the columns that stand for the report's bold and
    indents, and the notes those columns and the [z] cells need."""
    headers = [_header(column) for column in table.columns]
    rows = [[_cell(table, value, column) for value, column in zip(row.cells, table.columns)]
            for row in table.rows]
    added: list[str] = []
    if any(row.indent for row in table.rows):
        headers.append(CATEGORY_COLUMN)
        for cells, category in zip(rows, _categories(table)):
            cells.append(category)
        added.append(CATEGORY_NOTE)
    if any(row.emphasis for row in table.rows):
        headers.append(FOCUS_COLUMN)
        for cells, row in zip(rows, table.rows):
            cells.append("Yes" if row.emphasis else "No")
        added.append(_focus_note(metadata))
    if any(cell == NOT_APPLICABLE for cells in rows for cell in cells):
        added.append(NOT_APPLICABLE_NOTE)
    return tuple(headers), tuple(tuple(cells) for cells in rows), tuple(added)


def _focus_note(metadata: Metadata) -> str:
    about = f", for {metadata.area}, the area of this assessment" if metadata.area else ""
    return f"“{FOCUS_COLUMN}” is Yes on the row the report shows in bold{about}."


def _header(column: Column) -> str:
    unit = _UNITS.get(column.format)
    if unit is None or unit in column.title:
        return column.title
    return f"{column.title} ({unit})"


def _categories(table: Table) -> Iterator[str]:
    """Each row's category: the label of the nearest row above it that is indented less."""
    above: list[tuple[int, str]] = []
    for row in table.rows:
        while above and above[-1][0] >= row.indent:
            above.pop()
        yield above[-1][1] if above and row.indent else NOT_APPLICABLE
        above.append((row.indent, str(row.cells[0])))


def _cell(table: Table, value: CellValue, column: Column) -> Cell:
    if isinstance(value, Suppressed):
        return SUPPRESSED_SYMBOL
    if value is None:
        return NOT_APPLICABLE
    if isinstance(value, str):
        return value
    if column.format is CellFormat.TEXT:
        return int(value) if float(value).is_integer() else float(value)
    return printed_number(format_cell(value, column.format), table, column)


def printed_number(printed: str, table: Table, column: Column) -> int | float:
    """The number a cell prints ('-£193,402' -> -193402, '+12.7%' -> 12.7), typed: int when it
    prints no decimals."""
    try:
        return _typed(Decimal(_PRINTED_MARKS.sub("", printed)))
    except InvalidOperation:
        raise RenderError(f"{table.label}, column '{column.title}': the printed figure "
                          f"{printed!r} is not a number") from None


def _typed(number: Decimal) -> int | float:
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= 0:
        return int(number)
    return float(number)


def _file_words(table: Table) -> str:
    """The words of a table's CSV file name: its id, else the first words of its caption."""
    words = table.id or " ".join(table.caption.split()[:6])
    return re.sub(r"[^a-z0-9]+", "-", words.lower()).strip("-") or "table"


# --- the files -------------------------------------------------------------------------------


def render_ods(document: Document) -> bytes:
    """The document's tables as an OpenDocument spreadsheet (the same document, the same bytes)."""
    from .open_data_ods import workbook_bytes

    return workbook_bytes(release(document))


def render_csv(document: Document) -> Mapping[str, bytes]:
    """The document's tables as CSV files (UTF-8, one header row, numbers unformatted), by what
    each file's name adds to the documents' file name: one file a table
    (``-table-02-recorded-crime-by-district.csv``), the notes (``-table-notes.csv``) and the
    list of tables with their titles and sources (``-table-contents.csv``)."""
    laid_out = release(document)
    files = {table.file_name: _csv([table.headers, *table.rows]) for table in laid_out.tables}
    files[f"{CSV_PREFIX}-notes.csv"] = _csv(
        [("Note number", "Note text", "Tables"),
         *((note.marker.strip("[]"), note.text, ", ".join(note.sheets))
           for note in laid_out.notes)])
    files[f"{CSV_PREFIX}-contents.csv"] = _csv(
        [("File name ends with", "Table title", "Source", "Notes"),
         *((table.file_name.lstrip("-"), table.label, table.source or "",
            ", ".join(note.marker.strip("[]") for note in table.notes))
           for table in laid_out.tables)])
    return files


def _csv(rows: list[tuple[Cell, ...]] | list[object]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(_csv_text(cell) for cell in row)  # type: ignore[union-attr]
    return buffer.getvalue().encode("utf-8")


def _csv_text(cell: Cell) -> str:
    """A cell as CSV text: a number in plain digits (no thousands separators, no exponent)."""
    if isinstance(cell, float):
        return format(Decimal(repr(cell)), "f")
    return str(cell)
