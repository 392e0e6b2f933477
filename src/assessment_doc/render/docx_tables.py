"""Word tables laid out as the PDF lays them out: widths, padding, rules and page breaks.

A table is written as a ``w:tbl`` element directly (python-docx's cell objects made the tables
most of the Word renderer's time). It follows the PDF so that a reader sees one layout in both
files and their pages fall alike:

- columns as wide as the PDF's (:mod:`.table_widths`, measured in the PDF's own font, whose
  widths are Arial's when it is Liberation Sans, and wider when it is DejaVu Sans), not
  stretched to the text width, in a fixed layout so that Word keeps them;
- the cell padding of the house style (the PDF's) and the PDF's grey 0.5 pt grid;
- the PDF's page breaks (:mod:`.pdf_pagination`) as Word's keeps: the header row repeated on
  each page and no row split; a short table (``SHORT_TABLE_ROWS`` body rows or fewer) never
  split, each of its rows keeping with the next (how Word keeps a table together), and with its
  notes; a longer one keeps its header and first ``LINES_KEPT`` rows together, and its last
  ``LINES_KEPT`` rows (never one or two alone under the header repeated on a page), and its
  notes together, which may start the next page, as in the PDF. (Keeping a long table's last
  rows with its notes as well put 30 of the 48 contents numbers a page out in LibreOffice, the
  PDF not doing so.)
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.shared import Mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..model import Align, Table
from . import house_style as hs
from .docx_xml import child, element, run
from .pdf import FONT_BOLD, register_fonts
from .pdf_pagination import LINES_KEPT, SHORT_TABLE_ROWS
from .table_widths import column_widths

GRID_EIGHTHS_PT = "4"
"""The grid's line width in eighths of a point: the PDF's 0.5 pt."""


def _twips(points: float) -> int:
    return round(points * 20)


def _bold_pdf_width(text: str) -> float:
    """A text's width in the PDF's bold table font (:data:`.pdf.FONT_BOLD` at the table size)."""
    return stringWidth(text, FONT_BOLD, hs.TABLE_PT)


WORD_ALLOWANCE_PT = 1.5
"""Added to each column: a column the PDF makes exactly as wide as its longest word plus
padding leaves Word and LibreOffice (which take the grid lines out of the cell and round to
twips) a hair too little, and they break the word ("Residen-t")."""


def word_column_widths(node: Table, text_width_pt: float = hs.TEXT_WIDTH_PT) -> list[int]:
    """Each column's width in twips: the PDF's width for it (same rule, same font, same
    padding) and :data:`WORD_ALLOWANCE_PT`, so that a table is as wide in Word as in the PDF;
    a table as wide as the text gives the allowance back from its widest column."""
    register_fonts()
    padding = hs.TABLE_CELL_PADDING_PT["left"] + hs.TABLE_CELL_PADDING_PT["right"]
    widths = [width + WORD_ALLOWANCE_PT
              for width in column_widths(node, text_width_pt, _bold_pdf_width, padding)]
    excess = sum(widths) - text_width_pt
    if excess > 0:
        widest = widths.index(max(widths))
        widths[widest] -= excess
    return [_twips(width) for width in widths]


def table_element(node: Table, style_id: str, text_style_id: str, *, notes_follow: bool,
                  text_width_pt: float = hs.TEXT_WIDTH_PT, house_style: bool = True,
                  focus_fill: str = hs.EMPHASIS_ROW_FILL) -> OxmlElement:
    """The ``w:tbl`` of ``node``; ``notes_follow``: notes follow it (a short table's last row
    keeps with them). ``house_style``: the grid and the header row's fill are the house
    style's; else (a reference template's table style) the table style's. ``focus_fill``:
    behind the focus area's (and totals') rows."""
    widths = word_column_widths(node, text_width_pt)
    table = element("w:tbl")
    properties = child(table, "w:tblPr")
    _table_properties(properties, style_id, sum(widths), grid=house_style)
    child(properties, "w:tblCaption", val=node.label)  # the title and description of Word's
    child(properties, "w:tblDescription", val=table_description(node))  # "Alt Text"
    grid = child(table, "w:tblGrid")
    for width in widths:
        child(grid, "w:gridCol", w=str(width))
    whole = len(node.rows) <= SHORT_TABLE_ROWS
    aligns = [column.alignment for column in node.columns]
    header = _row(table, header=True)
    for column, width in zip(node.columns, widths):
        _cell(header, column.title, width, text_style_id, align=column.alignment, bold=True,
              fill=hs.TABLE_HEADER_FILL if house_style else None, keep_with_next=True)
    for position, (row, texts) in enumerate(zip(node.rows, node.text_rows()), start=1):
        last = position == len(node.rows)
        keep = (notes_follow and whole) if last else (
            whole or position < LINES_KEPT or position > len(node.rows) - LINES_KEPT)
        word_row = _row(table, header=False)
        fill = focus_fill if row.emphasis else None
        for index, (text, width, align) in enumerate(zip(texts, widths, aligns)):
            _cell(word_row, text, width, text_style_id, align=align, bold=row.emphasis,
                  fill=fill, indent=row.indent if index == 0 else 0, keep_with_next=keep)
    return table


def _table_properties(properties: OxmlElement, style_id: str, width: int, *, grid: bool) -> None:
    """Style, width, the grid and the padding, in the schema's order. The table is indented
    by its left padding: in Word 2010's layout (this file's compatibility mode) the indent is
    where the first cell's text starts, so its border then lines up with the text margin, as in
    the PDF."""
    child(properties, "w:tblStyle", val=style_id)
    child(properties, "w:tblW", w=str(width), type="dxa")
    child(properties, "w:jc", val="left")
    child(properties, "w:tblInd", w=str(_twips(hs.TABLE_CELL_PADDING_PT["left"])), type="dxa")
    if grid:
        borders = child(properties, "w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            child(borders, f"w:{side}", val="single", sz=GRID_EIGHTHS_PT, space="0",
                  color=hs.RULE_COLOUR.lstrip("#"))
    child(properties, "w:tblLayout", type="fixed")
    margins = child(properties, "w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        child(margins, f"w:{side}", w=str(_twips(hs.TABLE_CELL_PADDING_PT[side])), type="dxa")
    child(properties, "w:tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="1",
          lastColumn="0", noHBand="0", noVBand="1")


def table_description(node: Table) -> str:
    """What Word's table "Alt Text" says a table holds: its columns, and its notes and source
    (the words printed under it), for a reader who meets the table before its notes."""
    parts = ["Columns: " + "; ".join(column.title for column in node.columns), *node.all_notes]
    if node.source:
        parts.append(f"Source: {node.source}")
    return " ".join(part if part.endswith((".", "!", "?")) else f"{part}." for part in parts)


def _row(table: OxmlElement, *, header: bool) -> OxmlElement:
    row = child(table, "w:tr")
    properties = child(row, "w:trPr")
    child(properties, "w:cantSplit")
    if header:
        child(properties, "w:tblHeader")
    return row


def _cell(row: OxmlElement, text: str, width: int, style_id: str, *, align: Align, bold: bool,
          fill: str | None, keep_with_next: bool, indent: int = 0) -> None:
    cell = child(row, "w:tc")
    properties = child(cell, "w:tcPr")
    child(properties, "w:tcW", w=str(width), type="dxa")
    if fill is not None:
        child(properties, "w:shd", val="clear", color="auto", fill=fill.lstrip("#"))
    paragraph = child(cell, "w:p")
    paragraph_properties = child(paragraph, "w:pPr")
    child(paragraph_properties, "w:pStyle", val=style_id)
    if keep_with_next:
        child(paragraph_properties, "w:keepNext")
    if indent:
        child(paragraph_properties, "w:ind", left=str(int(Mm(hs.INDENT_MM * indent).twips)))
    child(paragraph_properties, "w:jc", val="right" if align is Align.RIGHT else "left")
    text_run = run(text)
    if bold:
        text_run.insert(0, element("w:rPr"))
        text_run[0].append(element("w:b"))
    paragraph.append(text_run)
