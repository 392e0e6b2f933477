"""The document model: numbering once, validation of nodes, and the plain-text dump."""

from __future__ import annotations

from pathlib import Path

import pytest
from document_text import headings
from fixtures.documents import png

from assessment_doc.model import (
    Column,
    Document,
    Figure,
    Metadata,
    Section,
    SectionKind,
    Table,
    TableRow,
    assign_numbers,
    iter_nodes,
    pformat,
)
from assessment_doc.values import SUPPRESSED, SUPPRESSED_NOTE

SNAPSHOT = Path(__file__).parent / "fixtures" / "fixture_document.txt"


def test_sections_tables_and_figures_are_numbered_in_order(fixture_doc: Document) -> None:
    assert headings(fixture_doc) == [
        "1 Introduction",
        "1.1 Escaping & quoting",
        "1.2 A long paragraph",
        "2 Tables and figures",
        "2.1 Long table",
        "2.2 Figures",
        "2.2.1 Third level",
        "Appendix 1 – Information sources",
    ]
    tables = [n.label for n in iter_nodes(fixture_doc) if isinstance(n, Table)]
    figures = [n.label for n in iter_nodes(fixture_doc) if isinstance(n, Figure)]
    assert tables == [
        "Table 1: Incidents by ward, a table that spans three pages",
        "Table 2: Cost of offending by division",
    ]
    assert figures == ["Figure 1: Blue bars by year", "Figure 2: Orange bars by year"]


def test_numbering_is_idempotent(fixture_doc: Document) -> None:
    assert assign_numbers(fixture_doc) == fixture_doc


def test_a_deeper_level_restarts_under_each_parent() -> None:
    document = assign_numbers(
        Document(
            Metadata("t"),
            (
                Section("A", (Section("A1", level=2), Section("A2", level=2))),
                Section("B", (Section("B1", level=2, children=(Section("B1a", level=3),)),)),
                Section("Unnumbered", kind=SectionKind.UNNUMBERED),
                Section("Sources", kind=SectionKind.APPENDIX),
                Section("Case studies", kind=SectionKind.APPENDIX),
            ),
        )
    )
    assert headings(document) == [
        "1 A", "1.1 A1", "1.2 A2", "2 B", "2.1 B1", "2.1.1 B1a", "Unnumbered",
        "Appendix 1 – Sources", "Appendix 2 – Case studies",
    ]


def test_the_dump_matches_the_snapshot(fixture_doc: Document) -> None:
    assert pformat(fixture_doc) + "\n" == SNAPSHOT.read_text(encoding="utf-8")


def test_a_figure_needs_alt_text() -> None:
    with pytest.raises(ValueError, match="has no alt text"):
        Figure(png((0, 0, 0), "x"), "  ", "A chart")


def test_a_figure_must_be_a_png() -> None:
    with pytest.raises(ValueError, match="not a PNG"):
        Figure(b"GIF89a", "alt", "A chart")


def test_table_rows_must_fit_the_columns() -> None:
    with pytest.raises(ValueError, match="row 1 has 1 cells, expected 2"):
        Table("T", (Column("a"), Column("b")), (TableRow(("x",)),))


def test_a_suppressed_cell_adds_the_suppression_note_once() -> None:
    table = Table("T", (Column("a"),), (TableRow((SUPPRESSED,)),), notes=(SUPPRESSED_NOTE,))
    assert table.all_notes == (SUPPRESSED_NOTE,)
    assert Table("T", (Column("a"),), (TableRow((SUPPRESSED,)),)).all_notes == (SUPPRESSED_NOTE,)
    assert table.text_rows() == [["[c]"]]


def test_a_section_level_is_one_to_three() -> None:
    with pytest.raises(ValueError, match="level must be 1-3"):
        Section("Deep", level=4)
