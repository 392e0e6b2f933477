"""Tables that read well: widths from content (render/table_widths.py), headers on few lines, like
numeric columns equally wide and right-aligned, a gap before the notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.enums import TA_RIGHT

from assessment_doc.builder import build_document
from assessment_doc.model import CellFormat, Column, Document, Table, TableRow, assign_numbers, iter_nodes
from assessment_doc.project import load_project
from assessment_doc.render import house_style as hs
from assessment_doc.render import reportlab_internals as rl
from assessment_doc.render.pdf import PdfTranslator, register_fonts
from assessment_doc.render.pdf_flowables import DataTable
from assessment_doc.render.table_widths import column_widths, header_width

REPO = Path(__file__).resolve().parents[2]
TEXT_WIDTH = hs.TEXT_WIDTH_MM * 72 / 25.4


def by_characters(text: str) -> float:
    """A measure of 5 points a character, so that widths can be worked out by hand."""
    return 5.0 * len(text)


def test_a_header_is_as_narrow_as_its_lines_allow() -> None:
    # "No. of offences": one line 75 pt; two lines "No. of" / "offences" 40 pt; three lines the
    # same 40 pt, as no line can be narrower than its longest word.
    assert header_width("No. of offences", 1, by_characters) == pytest.approx(75.5)
    assert header_width("No. of offences", 2, by_characters) == pytest.approx(40.5)
    assert header_width("No. of offences", 3, by_characters) == pytest.approx(40.5)
    assert header_width("", 2, by_characters) == 0


def _table(*columns: Column, rows: int = 3, cell: str = "12,345") -> Table:
    return Table("t", columns, tuple(
        TableRow(tuple(cell if c.format is not CellFormat.TEXT else "Tunbridge Wells" for c in columns))
        for _ in range(rows)))


def test_a_narrow_table_is_as_wide_as_its_content_not_the_page() -> None:
    table = _table(Column("Area"), Column("Offences", CellFormat.COUNT))
    widths = column_widths(table, 400, by_characters, padding=8)
    # "Tunbridge Wells" 75 pt and "Offences" 40 pt, each with half a point to spare and padding
    assert widths == pytest.approx([83.5, 48.5])


def test_headers_go_onto_more_lines_only_when_one_line_would_not_fit() -> None:
    table = _table(Column("Area"), Column("Rate per 1,000 people", CellFormat.RATE))
    assert column_widths(table, 400, by_characters, padding=8)[1] == pytest.approx(113.5)
    # in 160 pt, the header goes onto two lines ("Rate per" / "1,000 people": 60 pt) ...
    assert column_widths(table, 160, by_characters, padding=8)[1] == pytest.approx(68.5)
    # ... and in 150 pt onto three ("Rate per" / "1,000" / "people": 40 pt)
    assert column_widths(table, 150, by_characters, padding=8)[1] == pytest.approx(48.5)


def test_like_numeric_columns_are_equally_wide() -> None:
    table = _table(Column("Area"), Column("Offences 2015", CellFormat.COUNT),
                   Column("Offences in the year to September 2014", CellFormat.COUNT),
                   Column("% change", CellFormat.CHANGE))
    widths = column_widths(table, 300, by_characters, padding=8)
    assert widths[1] == widths[2] > widths[3]
    assert sum(widths) <= 300


def test_text_columns_wrap_when_the_numbers_and_headers_fill_the_page() -> None:
    table = _table(Column("District name"), *(Column(f"Count{n}", CellFormat.COUNT) for n in range(6)))
    widths = column_widths(table, 300, by_characters, padding=8)
    assert sum(widths) == pytest.approx(300)
    assert widths[1:] == [pytest.approx(38.5)] * 6  # "12,345": 30 pt, half a point to spare, padding
    # "Tunbridge Wells" (83.5 with padding) wraps, in the 69 pt left, never inside a word (53.5)
    assert widths[0] == pytest.approx(69)


@pytest.fixture(scope="module")
def bundled_tables() -> list[tuple[Table, DataTable]]:
    """Each table of the bundled Appendix with the PDF table drawn for it, laid out."""
    register_fonts()
    document: Document = assign_numbers(build_document(load_project(REPO)))
    translator = PdfTranslator()
    tables = []
    for node in iter_nodes(document):
        if isinstance(node, Table):
            drawn = next(f for f in translator.visit_Table(node) if isinstance(f, DataTable))
            drawn.wrap(TEXT_WIDTH, 10_000)
            tables.append((node, drawn))
    return tables


def test_bundled_headers_take_at_most_three_lines_in_tables_no_wider_than_the_text(
        bundled_tables: list[tuple[Table, DataTable]]) -> None:
    assert len(bundled_tables) >= 12
    for node, drawn in bundled_tables:
        lines = [rl.line_count(rl.cell_flowable(drawn, 0, c)) for c in range(len(node.columns))]
        assert max(lines) <= 3, (node.label, lines)
        assert sum(rl.column_widths_of(drawn)) <= TEXT_WIDTH + 0.01, node.label
    node, table_5 = next((n, d) for n, d in bundled_tables if n.number == 5)
    repeat = next(c for c, col in enumerate(node.columns) if col.title.startswith("% of repeat"))
    assert rl.line_count(rl.cell_flowable(table_5, 0, repeat)) <= 3  # it took six


def test_bundled_numbers_are_right_aligned_in_equal_columns_by_kind(
        bundled_tables: list[tuple[Table, DataTable]]) -> None:
    for node, drawn in bundled_tables:
        widths: dict[CellFormat, set[float]] = {}
        for index, column in enumerate(node.columns):
            if column.format is CellFormat.TEXT:
                continue
            widths.setdefault(column.format, set()).add(round(rl.column_widths_of(drawn)[index], 3))
            assert all(rl.cell_flowable(drawn, row, index).style.alignment == TA_RIGHT
                       for row in range(rl.row_count(drawn))), node.label
        assert all(len(kind) == 1 for kind in widths.values()), (node.label, widths)


def test_the_notes_stand_a_small_gap_below_the_table() -> None:
    table = Table("t", (Column("Area"),), (TableRow(("Kent",)),), notes=("A note.", "Another."))
    flowables = PdfTranslator().visit_Table(table)
    notes = flowables[flowables.index(next(f for f in flowables if isinstance(f, DataTable))) + 1:]
    assert notes[0].getSpaceBefore() == hs.TABLE_NOTES_GAP_PT > 0
    assert notes[1].getSpaceBefore() == 0
