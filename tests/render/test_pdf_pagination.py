"""Where the PDF's pages break (render/pdf_pagination.py), read back with pdftotext.

Each test moves a heading, table or figure down the page through every position near the foot
(by lengthening the text before it) and checks the rule at each: a layout that happens to fall
well once proves nothing.
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from fixtures.documents import png
from pypdf import PdfReader
from test_pdf_tagging import struct_tree

from assessment_doc.model import (
    CellFormat,
    Column,
    Document,
    Figure,
    Metadata,
    Paragraph,
    Section,
    Table,
    TableRow,
    runs,
)
from assessment_doc.render.pdf import render_pdf

FILLER_WORDS = range(560, 800, 16)
"""Lengths of the text before the thing under test: about 40 to 55 lines, one line a step."""


def _filler(words: int) -> Paragraph:
    return Paragraph(runs(" ".join(["filler"] * words)))


def _pages(document: Document) -> list[str]:
    return _text_pages(render_pdf(document))


def _text_pages(pdf: bytes) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    return text.split("\f")


def _document(*sections: Section) -> Document:
    return Document(Metadata("Pagination"), children=sections)


def _table(rows: int) -> Table:
    return Table("Offences by ward", (Column("Area"), Column("Offences", CellFormat.COUNT)),
                 tuple(TableRow((f"Ward {n}", n * 10)) for n in range(1, rows + 1)),
                 notes=("A note on the wards.",))


def _lines_after(page: str, marker: str) -> list[str]:
    lines = page.splitlines()
    start = next(i for i, line in enumerate(lines) if marker in line)
    return [line for line in lines[start + 1:] if line.strip()]


@pytest.mark.parametrize("words", FILLER_WORDS)
def test_a_heading_keeps_three_lines_of_its_text_with_it(words: int) -> None:
    follower = " ".join(f"Line {n} of the text under the heading, which runs on to fill a line."
                        for n in range(1, 12))
    pages = _pages(_document(Section("Before", (_filler(words),)),
                             Section("Kept heading", (Paragraph(runs(follower)),))))
    page = next(p for p in pages if "Kept heading" in p)
    assert len(_lines_after(page, "Kept heading")) >= 3, words


@pytest.mark.parametrize("words", FILLER_WORDS)
def test_a_short_table_is_never_split_from_its_caption_or_notes(words: int) -> None:
    pages = _pages(_document(Section("Before", (_filler(words), _table(12),
                                                Paragraph(runs("After the table."))))))
    page = next(p for p in pages if "Offences by ward" in p)
    assert all(f"Ward {n} " in page for n in range(1, 13)), words
    assert "A note on the wards." in page


@pytest.mark.parametrize("words", FILLER_WORDS)
def test_a_long_table_under_a_heading_splits_with_its_header_repeated(words: int) -> None:
    pages = _pages(_document(Section("Before", (_filler(words),)),
                             Section("Long table", (_table(40),))))
    first = next(i for i, p in enumerate(pages) if "Offences by ward" in p)
    assert "Long table" in pages[first]
    assert all(f"Ward {n} " in pages[first] for n in (1, 2, 3)), words
    with_rows = [p for p in pages if "Ward " in p]
    assert all("Area" in p and "Offences" in p for p in with_rows)


@pytest.mark.parametrize("words", range(0, 200, 15))
def test_a_long_table_leaves_at_least_three_rows_for_the_next_page(words: int) -> None:
    """Forty rows after a text of up to a dozen lines: the table fits whole, or it splits with
    at least three rows on the second page (not one or two alone under the repeated header)."""
    pages = _pages(_document(Section("Before", (_filler(words), _table(40)))))
    with_rows = [p for p in pages if "Ward " in p]
    assert len(with_rows) == 1 or with_rows[-1].count("Ward ") >= 3, words


def test_a_long_table_starts_on_the_page_it_follows_rather_than_jumping_whole() -> None:
    pages = _pages(_document(Section("Before", (_filler(300),)),
                             Section("Long table", (_table(45),))))
    assert "Before" in pages[0] and "Long table" in pages[0] and "Ward 3 " in pages[0]
    assert "Ward 45 " in pages[1] and "Area" in pages[1]


@pytest.fixture(scope="module")
def chart() -> bytes:
    return png((0.2, 0.4, 0.6), "Chart")


def test_a_figure_that_does_not_fit_floats_past_the_text_after_it(chart: bytes, tmp_path: Path) -> None:
    """Near the foot of a page the chart goes to the top of the next page and the paragraph
    after it fills the page; the tagged reading order is still chart, then paragraph."""
    document = _document(Section("Before", (
        _filler(620),
        Figure(chart, alt_text="A bar chart", caption="The chart"),
        Paragraph(runs("The paragraph after the chart.")),
    )))
    pages = _pages(document)
    assert "The paragraph after the chart." in pages[0]
    assert "The chart" in pages[1]
    path = tmp_path / "float.pdf"
    path.write_bytes(render_pdf(document))
    kinds = [node.type for node in struct_tree(path).walk() if node.type in ("Figure", "P")]
    assert kinds[-2:] == ["Figure", "P"]


@pytest.mark.parametrize("words", FILLER_WORDS)
def test_a_figure_stays_with_its_caption(chart: bytes, words: int) -> None:
    pdf = render_pdf(_document(Section("Before", (
        _filler(words), Figure(chart, alt_text="A bar chart", caption="The chart", source="Police"),
        Section("Next", (_filler(40),), level=2)))))
    pages = _text_pages(pdf)
    page = next(i for i, p in enumerate(pages) if "The chart" in p)
    assert "Source: Police" in pages[page]
    assert [len(p.images) for p in PdfReader(io.BytesIO(pdf)).pages][page] == 1, words
