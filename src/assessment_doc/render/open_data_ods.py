"""The ODS workbook of a :class:`~.open_data.Release`: cover, contents, notes, one sheet a table.

Written with odfpy, the OpenDocument library pandas' own ``odf`` engine reads and writes with:
pandas' writer cannot link the contents to the sheets, keep a figure's decimals on show or set
the document's title and language, and gptables (the Analysis Function's package) writes only
.xlsx. Each figure is a float cell whose number format shows the decimals the document prints
and thousands separators, aligned right with its column's header and any [c] or [z] among it;
titles and header rows are bold, long text wraps, nothing is merged or coloured, and each sheet
prints on one landscape page. The zip is written again with a fixed time and order, and meta.xml carries
the document's date rather than the clock's, so the same document gives the same bytes.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from odf import dc, meta
from odf.number import Number, NumberStyle
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import (
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TableRowProperties,
    TextProperties,
)
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import A, P

from ..model import Runs
from .open_data import (
    CONTENTS_SHEET,
    COVER_SHEET,
    NOTES_SHEET,
    Cell,
    DataTable,
    Release,
)

_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_WIDEST_CM = 12.0
_COVER_WIDTH_CM = 18.0
_NARROWEST_CM = 2.2
_CM_A_CHARACTER = 0.21
_HEADER_LINE = 22
"""Characters a header shows on a line before it wraps (headers wrap; figures never do)."""


class _Styles:
    """The workbook's cell, column and number styles, each made when first needed."""

    def __init__(self, document: OpenDocumentSpreadsheet) -> None:
        self.document = document
        self.title = self._cell("title", bold=True, size="14pt")
        self.heading = self._cell("heading", bold=True, wrap=True)
        self.figures_heading = self._cell("figures_heading", bold=True, wrap=True, end=True)
        """The header of a column of figures, aligned with them (to the right)."""
        self.figure_text = self._cell("figure_text", end=True)
        self.text = self._cell("text", wrap=True)
        self._numbers: dict[int, Style] = {}
        self._columns: dict[str, Style] = {}
        self._rows: dict[int, Style] = {}
        self.sheet = self._printed_on_one_page()

    def _printed_on_one_page(self) -> Style:
        """The sheets' style: each prints on one landscape A4 page, scaled to fit (a printed or
        PDF copy shows each table whole, its columns beside its first one)."""
        layout = PageLayout(name="landscape")
        layout.addElement(PageLayoutProperties(printorientation="landscape", pagewidth="29.7cm",
                                               pageheight="21cm", margin="1.5cm",
                                               scaletopages="1"))
        self.document.automaticstyles.addElement(layout)
        self.document.masterstyles.addElement(MasterPage(name="Default", pagelayoutname=layout))
        style = Style(name="sheet", family="table", masterpagename="Default")
        style.addElement(TableProperties(display="true"))
        self.document.automaticstyles.addElement(style)
        return style

    def _cell(self, name: str, *, bold: bool = False, size: str | None = None,
              wrap: bool = False, number: str | None = None, end: bool = False) -> Style:
        style = Style(name=name, family="table-cell")
        if number is not None:
            style.setAttribute("datastylename", number)
        style.addElement(TableCellProperties(wrapoption="wrap" if wrap else "no-wrap",
                                             verticalalign="top", padding="0.05cm"))
        style.addElement(ParagraphProperties(textalign="end") if end else ParagraphProperties())
        text = {"fontweight": "bold"} if bold else {}
        if size is not None:
            text["fontsize"] = size
        if text:
            style.addElement(TextProperties(**text))
        self.document.automaticstyles.addElement(style)
        return style

    def number(self, places: int) -> Style:
        """A figure shown with ``places`` decimals and thousands separators."""
        if places not in self._numbers:
            name = f"N{places}"
            number_style = NumberStyle(name=name)
            number_style.addElement(Number(decimalplaces=places, minintegerdigits=1,
                                           grouping="true"))
            self.document.automaticstyles.addElement(number_style)
            self._numbers[places] = self._cell(f"figure{places}", number=name)
        return self._numbers[places]

    def row(self, lines: int) -> Style:
        """A row tall enough for ``lines`` lines of text."""
        if lines not in self._rows:
            style = Style(name=f"row{lines}", family="table-row")
            style.addElement(TableRowProperties(rowheight=f"{0.45 * lines + 0.05:.2f}cm",
                                                useoptimalrowheight="false"))
            self.document.automaticstyles.addElement(style)
            self._rows[lines] = style
        return self._rows[lines]

    def column(self, width_cm: float) -> Style:
        width = f"{width_cm:.1f}cm"
        if width not in self._columns:
            style = Style(name=f"column{len(self._columns) + 1}", family="table-column")
            style.addElement(TableColumnProperties(columnwidth=width))
            self.document.automaticstyles.addElement(style)
            self._columns[width] = style
        return self._columns[width]


def workbook_bytes(release: Release) -> bytes:
    """The release as the bytes of an .ods file."""
    document = OpenDocumentSpreadsheet()
    _describe(document, release)
    styles = _Styles(document)
    sheets = [_cover(release, styles), _contents(release, styles), _notes(release, styles)]
    sheets.extend(_table_sheet(table, styles) for table in release.tables)
    for sheet in sheets:
        document.spreadsheet.addElement(sheet)
    buffer = io.BytesIO()
    document.write(buffer)
    return _fixed_zip(buffer.getvalue(), release.metadata.date)


def _describe(document: OpenDocumentSpreadsheet, release: Release) -> None:
    """Title, language and dates in meta.xml: the document's own, never the clock's."""
    document.meta.addElement(dc.Title(text=f"{release.title} – data tables"))
    if release.metadata.partnership:
        document.meta.addElement(dc.Creator(text=release.metadata.partnership))
    document.meta.addElement(dc.Language(text=release.metadata.language))
    if release.metadata.date:
        stamp = f"{release.metadata.date}T00:00:00"
        document.meta.addElement(meta.CreationDate(text=stamp))
        document.meta.addElement(dc.Date(text=stamp))


# --- sheets ------------------------------------------------------------------------------------


def _cover(release: Release, styles: _Styles) -> Table:
    data = release.metadata
    lines: list[tuple[Style, str | Runs]] = [
        (styles.title, f"{release.title} – data tables"),
        (styles.text, _about(release)),
    ]

    def part(heading: str, *texts: str | Runs) -> None:
        if texts:
            lines.append((styles.heading, heading))
            lines.extend((styles.text, text) for text in texts)

    part("Partnership", *[data.partnership] if data.partnership else [])
    part("Area", *[data.area] if data.area else [])
    period = getattr(data, "period", "")
    part("Period covered", *[f"{period}. Each table's title gives the period of its figures."]
         if period else [])
    part("Published", *[_long_date(data.date)] if data.date else [])
    part("Sources", *release.sources)
    part("Shorthand", *release.shorthand)
    part("Notes", f"The notes are on the {NOTES_SHEET} sheet; a table's title lists the notes "
                  "that apply to it, such as [note 1].")
    contact = getattr(data, "contact", ())
    part("Contact", *[contact] if contact else [])
    sheet = _sheet(COVER_SHEET, [_COVER_WIDTH_CM], styles)
    for style, text in lines:
        height = None if isinstance(text, str) else styles.row(_lines(text, _COVER_WIDTH_CM))
        sheet.addElement(_row([_text_cell(text, style)], height))
    return sheet


def _lines(text: Runs, width_cm: float) -> int:
    """The lines a text with links takes in a wrapping cell ``width_cm`` wide: LibreOffice
    sizes such a row for its text without the links, which would be cut off."""
    characters = sum(len(run.text) for run in text)
    return max(1, math.ceil(characters * _CM_A_CHARACTER / (width_cm - 0.5)))


def _about(release: Release) -> str:
    by = f" by the {release.metadata.partnership}" if release.metadata.partnership else ""
    count = len(release.tables)
    if count == 0:
        return f"The report “{release.title}”{by} has no tables."
    tables = "one table" if count == 1 else f"{count} tables"
    return (f"The {tables} of the report “{release.title}”{by}, as data: one table a "
            f"sheet, listed in the {CONTENTS_SHEET} sheet.")


def _long_date(iso: str) -> str:
    when = date.fromisoformat(iso)
    return f"{when.day} {when:%B %Y}"


def _contents(release: Release, styles: _Styles) -> Table:
    rows: list[Sequence[Cell]] = [(NOTES_SHEET, "Notes", "")]
    rows.extend((table.sheet, table.label, table.source or "") for table in release.tables)
    header = ("Sheet name", "Table title", "Source")
    sheet = _sheet(CONTENTS_SHEET, _widths(header, rows), styles)
    sheet.addElement(_row([_text_cell("Table of contents", styles.title)]))
    sheet.addElement(_row([_text_cell("This worksheet contains one table. Select a sheet name "
                                      "to go to that sheet.")]))
    sheet.addElement(_row([_text_cell(title, styles.heading) for title in header]))
    for name, title, source in rows:
        sheet.addElement(_row([_link_cell(str(name), f"#{name}.A1"),
                               _text_cell(str(title), styles.text),
                               _text_cell(str(source), styles.text)]))
    return sheet


def _notes(release: Release, styles: _Styles) -> Table:
    header = ("Note number", "Note text", "Tables")
    rows = [(note.marker.strip("[]"), note.text, ", ".join(note.sheets))
            for note in release.notes]
    sheet = _sheet(NOTES_SHEET, _widths(header, rows, widest=(3.0, 16.0, 5.0)), styles)
    sheet.addElement(_row([_text_cell("Notes", styles.title)]))
    sheet.addElement(_row([_text_cell("This worksheet contains one table. The tables' titles "
                                      "refer to these notes, as [note 1].")]))
    sheet.addElement(_row([_text_cell(title, styles.heading) for title in header]))
    for row in rows:
        sheet.addElement(_row([_text_cell(text, styles.text) for text in row]))
    return sheet


def _table_sheet(table: DataTable, styles: _Styles) -> Table:
    sheet = _sheet(table.sheet, _widths(table.headers, table.rows), styles)
    sheet.addElement(_row([_text_cell(table.title, styles.title)]))
    where = " Its notes are on the Notes sheet." if table.notes else ""
    sheet.addElement(_row([_text_cell(f"This worksheet contains one table.{where}")]))
    if table.source:
        sheet.addElement(_row([_text_cell(f"Source: {table.source}")]))
    figures = [any(not isinstance(row[index], str) for row in table.rows)
               for index in range(len(table.headers))]
    sheet.addElement(_row([_text_cell(header, styles.figures_heading if figures[index]
                                      else styles.heading)
                           for index, header in enumerate(table.headers)]))
    for cells in table.rows:
        sheet.addElement(_row([_cell(cell, styles, figures[index])
                               for index, cell in enumerate(cells)]))
    return sheet


# --- cells -------------------------------------------------------------------------------------


def _sheet(name: str, widths: Iterable[float], styles: _Styles) -> Table:
    sheet = Table(name=name, stylename=styles.sheet)
    for width in widths:
        sheet.addElement(TableColumn(stylename=styles.column(width)))
    return sheet


def _widths(header: Sequence[str], rows: Iterable[Sequence[Cell]],
            widest: Sequence[float] | None = None) -> list[float]:
    """Each column's width: enough for its longest cell (headers wrap), within bounds."""
    characters = [min(len(title), _HEADER_LINE) for title in header]
    for row in rows:
        for index, cell in enumerate(row):
            characters[index] = max(characters[index], len(_shown(cell)))
    limits = widest or [_WIDEST_CM] * len(characters)
    return [min(limit, max(_NARROWEST_CM, count * _CM_A_CHARACTER + 0.4))
            for count, limit in zip(characters, limits)]


def _row(cells: Iterable[TableCell], height: Style | None = None) -> TableRow:
    row = TableRow() if height is None else TableRow(stylename=height)
    for cell in cells:
        row.addElement(cell)
    return row


def _cell(value: Cell, styles: _Styles, among_figures: bool = False) -> TableCell:
    """A body cell; a shorthand among figures ([c], [z]) is aligned with them."""
    if isinstance(value, str):
        return _text_cell(value, styles.figure_text if among_figures else styles.text)
    places = _places(value)
    cell = TableCell(valuetype="float", value=_plain(value), stylename=styles.number(places))
    cell.addElement(P(text=_shown(value)))
    return cell


def _text_cell(text: str | Runs, style: Style | None = None) -> TableCell:
    """A text cell; with no style, text that runs on over the empty cells beside it."""
    cell = TableCell(valuetype="string") if style is None else TableCell(valuetype="string",
                                                                          stylename=style)
    paragraph = P()
    if isinstance(text, str):
        paragraph.addText(text)
    else:
        for run in text:
            if run.link:
                paragraph.addElement(A(type="simple", href=run.link, text=run.text))
            else:
                paragraph.addText(run.text)
    cell.addElement(paragraph)
    return cell


def _link_cell(text: str, target: str) -> TableCell:
    cell = TableCell(valuetype="string")
    paragraph = P()
    paragraph.addElement(A(type="simple", href=target, text=text))
    cell.addElement(paragraph)
    return cell


def _places(value: int | float) -> int:
    exponent = Decimal(repr(value)).as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _plain(value: int | float) -> str:
    return format(Decimal(repr(value)), "f")


def _shown(value: Cell) -> str:
    """A cell's text as a spreadsheet shows it: a figure with thousands separators."""
    if isinstance(value, str):
        return value
    return f"{Decimal(repr(value)):,}"


# --- bytes -------------------------------------------------------------------------------------


def _fixed_zip(data: bytes, when: str) -> bytes:
    """The package written again with every entry at one fixed time (the document's date), the
    mimetype first and stored, as ODF asks."""
    stamp = date.fromisoformat(when) if when else date(1980, 1, 1)
    fixed = (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(data))
    names = ["mimetype", *sorted(n for n in source.namelist() if n != "mimetype")]
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=fixed)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            part = source.read(name)
            target.writestr(info, _used_namespaces(part) if name.endswith(".xml") else part)
    return output.getvalue()


_ROOT = re.compile(rb"<office:document[-\w]*[^>]*>")
_DECLARATION = re.compile(rb' xmlns:([-\w]+)="[^"]*"')


def _used_namespaces(xml: bytes) -> bytes:
    """The part with its root declaring only the namespaces it uses, in prefix order: odfpy
    declares every namespace any element made so far in the process has used (its class
    keeps one dictionary), which would make the bytes depend on what ran before."""
    root = _ROOT.search(xml)
    if root is None:
        return xml
    tag = _DECLARATION.sub(b"", root.group(0))
    names = tag + xml[root.end():]
    declarations = sorted((m.group(1), m.group(0)) for m in _DECLARATION.finditer(root.group(0)))
    kept = b"".join(text for prefix, text in declarations
                    if re.search(rb"[</\s]" + re.escape(prefix) + rb":", names))
    body = xml[root.end():]
    name_end = tag.index(b" ") if b" " in tag else len(tag) - 1
    return xml[:root.start()] + tag[:name_end] + kept + tag[name_end:] + body
