"""The tagged text of the PDF reads word by word: what a screen reader speaks for each element.

ReportLab sets each line of a paragraph without the space it broke at, so the marked content of
a paragraph, a table cell or a heading read "eachyear" and "Totalunemployedas atSeptember2015"
across every wrap. Each element's tagged text (``pdfinfo -struct-text``, one string per marked
content sequence, joined as a reader joins them) is compared with the model's text for it, spaces
and all: two words run together, or one word broken by a space, fail.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from fixtures.documents import LONG_PARAGRAPH, LONG_WARD
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph as RLParagraph
from test_pdf_tagging import StructNode, struct_tree

from assessment_doc.model import (
    Document,
    Paragraph,
    Section,
    Table,
    iter_nodes,
    plain_text,
)
from assessment_doc.render.pdf_flowables import TaggedParagraph, _LineSpaces
from assessment_doc.render.pdf_structure import StructElement, TaggingCanvas


def _words(text: str) -> str:
    """Text with each run of spaces as one space (how the model's words are compared)."""
    return re.sub(r"\s+", " ", text).strip()


def _texts(tree: StructNode, kind: str) -> list[str]:
    return [_words(node.all_text()) for node in tree.walk() if node.type == kind]


def test_every_paragraph_reads_as_the_models_words(fixture_doc: Document, fixture_pdf: Path) -> None:
    tagged = _texts(struct_tree(fixture_pdf), "P")
    expected = [_words(plain_text(node.runs)) for node in iter_nodes(fixture_doc)
                if isinstance(node, Paragraph)]
    missing = [text for text in expected if text not in tagged]
    assert missing == []
    assert _words(LONG_PARAGRAPH) in tagged  # 40 sentences: many wraps and a page break


def test_the_paragraph_split_across_pages_keeps_the_space_at_the_page_break(fixture_pdf: Path) -> None:
    paragraph = next(node for node in struct_tree(fixture_pdf).walk()
                     if node.type == "P" and node.all_text().startswith("Sentence 1 of"))
    first_page, second_page = paragraph.text
    assert first_page.endswith(" ") and not second_page.startswith(" ")


def test_table_cells_read_as_the_models_cells(fixture_doc: Document, fixture_pdf: Path) -> None:
    tree = struct_tree(fixture_pdf)
    tables = [node for node in iter_nodes(fixture_doc) if isinstance(node, Table)]
    headers = [_words(column.title) for table in tables for column in table.columns]
    cells = [_words(text) for table in tables for row in table.text_rows() for text in row]

    def cells_of(part: str) -> list[str]:
        return [_words(cell.all_text()) for node in tree.walk() if node.type == part
                for row in node.kids for cell in row.kids]

    assert cells_of("THead") == headers
    assert cells_of("TBody") == cells
    assert _words(LONG_WARD) in cells_of("TBody")  # wraps over three lines of its cell


def test_headings_read_as_the_models_headings(fixture_doc: Document, fixture_pdf: Path) -> None:
    tree = struct_tree(fixture_pdf)
    tagged = [text for level in ("H1", "H2", "H3") for text in _texts(tree, level)]
    for section in (node for node in iter_nodes(fixture_doc) if isinstance(node, Section)):
        assert any(text.endswith(_words(section.heading)) for text in tagged), section.heading


@pytest.mark.parametrize(("text", "lines", "ends"), [
    ("each year 452 incidents", ["each", "year 452", "incidents"], [" ", " ", ""]),
    ("Total unemployed as at", ["Total", "unemployed as", "at"], [" ", " ", ""]),
    ("a" * 30, ["a" * 10, "a" * 10, "a" * 10], ["", "", ""]),  # one word broken: no space
    ("ends with a space ", ["ends with a ", "space"], ["", " "]),  # already ends with one
    ("no\u00a0break here", ["no\u00a0break", "here"], [" ", ""]),  # the no-break space stays
    ("soft\u00adhyphen next", ["softhyphen", "next"], [" ", ""]),
])
def test_a_line_ends_with_a_space_only_where_the_text_has_one(text: str, lines: list[str],
                                                              ends: list[str]) -> None:
    spaces = _LineSpaces(text)
    assert [spaces(line) for line in lines] == ends


@pytest.mark.parametrize("markup", [
    "each year and 452 incidents in the borough",
    "each <b>year</b> and <i>452</i> incidents in the borough",  # set in fragments
])
def test_the_spaces_are_drawn_past_each_line_so_nothing_moves(markup: str) -> None:
    """Each wrapped line's text operator carries its space; every position is ReportLab's."""
    def content(paragraph_class: type[RLParagraph]) -> str:
        canvas = TaggingCanvas(io.BytesIO(), structure=StructElement("Document"), xmp=b"",
                               invariant=1, pageCompression=0)
        paragraph = paragraph_class(markup,
                                    ParagraphStyle("p", fontName="Helvetica", fontSize=10,
                                                   leading=12))
        paragraph.structure = canvas.structure.add("P")
        paragraph.wrapOn(canvas, 60, 500)
        paragraph.drawOn(canvas, 0, 0)
        canvas.showPage()
        return canvas.getpdfdata().decode("latin-1")

    plain, spaced = content(RLParagraph), content(TaggedParagraph)
    drawn = re.findall(r"\((.*?)\) Tj( T\*)?", spaced)
    line_ends = [text for text, t_star in drawn if t_star]
    assert len(line_ends) > 2
    assert all(text.endswith(" ") for text in line_ends[:-1]) and not line_ends[-1].endswith(" ")
    assert "".join(text for text, _ in drawn) == "each year and 452 incidents in the borough"

    def text_object(pdf: str) -> str:
        return pdf[pdf.index("BT"):pdf.index("ET")]

    assert text_object(spaced).replace(" ) Tj", ") Tj") == text_object(plain)

