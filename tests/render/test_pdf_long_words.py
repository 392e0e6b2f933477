"""A word longer than a line, or than a page, is laid out: broken across lines (and pages).

ReportLab stopped the build (LayoutError, reported as an internal error) on a 5,000-letter word
in a heading (its contents entry, one table row, was taller than a page), in a table cell or
header (the other columns squeezed to nothing, then a row taller than a page). Each case here is a
tiny document built in the test; its PDF must pass the tagging checks, and the word must read
whole, with no space put into it where it was broken, in the element that holds it.
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from clients import qpdf_check
from test_pdf_tagging import pdfua_errors, struct_tree, tagging_problems

from assessment_doc.model import (
    Block,
    BlockQuote,
    BulletList,
    CellFormat,
    Column,
    Contents,
    Cover,
    Document,
    ListItem,
    Metadata,
    Paragraph,
    Recommendation,
    Section,
    Table,
    TableRow,
    assign_numbers,
    runs,
)
from assessment_doc.render.pdf import _CELL_PADDING, _bold_table_width, _column_widths, render_pdf
from assessment_doc.render.table_widths import column_widths

WORD = "Llanfair" * 625
"""5,000 letters, no space."""


def _document(*blocks: Block, heading: str = "Heading") -> Document:
    return Document(
        metadata=Metadata(title="Long words", subtitle="Appendix", partnership="Partnership",
                          area="Area", date="2016-03-01"),
        children=(Cover("Long words", "Appendix", ("Partnership",)), Contents(),
                  Section(heading, blocks or (Paragraph(runs("Text.")),))),
    )


def _counts(word: str = WORD) -> Table:
    return Table("Counts", (Column("Ward"), Column("Offences", CellFormat.COUNT)),
                 (TableRow((word, 1)), TableRow(("High Street", 2))))


CASES = {
    "heading": (_document(heading=WORD), "H1"),
    "paragraph": (_document(Paragraph(runs(f"Before {WORD} after."))), "P"),
    "list item": (_document(BulletList((ListItem((Paragraph(runs(WORD)),)),))), "P"),
    "table cell": (_document(_counts()), "TH"),  # the first column heads its row
    "table header": (_document(Table("Counts", (Column(WORD), Column("Offences", CellFormat.COUNT)),
                                     (TableRow(("High Street", 2)),))), "TH"),
    "caption": (_document(Table(WORD, (Column("Ward"),), (TableRow(("High Street",)),))), "Caption"),
    "recommendation": (_document(Recommendation(runs(WORD))), "P"),
    "block quote": (_document(BlockQuote((Paragraph(runs(WORD)),))), "P"),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def rendered(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
             ) -> tuple[str, Path]:
    document, element = CASES[request.param]
    path = tmp_path_factory.mktemp("long") / "long.pdf"
    path.write_bytes(render_pdf(assign_numbers(document)))
    return element, path


def test_the_pdf_is_whole_and_tagged(rendered: tuple[str, Path]) -> None:
    _, path = rendered
    assert qpdf_check(path).returncode == 0
    assert tagging_problems(path) == []
    assert pdfua_errors(path) == []


def test_the_word_reads_whole_in_its_element(rendered: tuple[str, Path]) -> None:
    """The text painted in the element's marked content, over every line and page it takes."""
    element, path = rendered
    texts = [node.all_text() for node in struct_tree(path).walk() if node.type == element]
    assert any(WORD in text for text in texts), [text[:40] for text in texts]


def test_a_long_heading_is_in_the_contents_whole_and_linked() -> None:
    with pikepdf.open(io.BytesIO(render_pdf(assign_numbers(_document(heading=WORD))))) as pdf:
        with pdf.open_outline() as outline:
            assert [item.title for item in outline.root] == [f"1 {WORD}"]
        links = [annotation for page in pdf.pages for annotation in page.obj.get("/Annots", [])]
        assert links and all(str(link.Contents) == f"1 {WORD}" for link in links)


def test_a_cell_too_long_for_the_page_leaves_the_other_columns_their_room() -> None:
    """Without the cap, the column of the long name took the page and 'Offences' got less than
    its padding (ReportLab: negative width). A table whose words fit is sized as before."""
    widths = _column_widths(_counts())
    assert len(widths) == 2 and widths[1] > 40  # "Offences" in bold at 9 pt, and padding
    assert sum(widths) <= 170 / 25.4 * 72 + 0.01
    ordinary = _counts("High Street")
    assert _column_widths(ordinary) == column_widths(ordinary, 170 / 25.4 * 72,
                                                     _bold_table_width, _CELL_PADDING)
