"""The Word renderer, read back as XML parts and through LibreOffice."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from clients import pdf_info, pdf_text
from document_text import headings, missing_from, table_cells
from fixtures.documents import HOSTILE_AREA, LONG_WARD, fixture_document
from lxml import etree

from assessment_doc.model import Document, Figure, Table, iter_nodes
from assessment_doc.render import render_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def part(docx: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(docx) as archive:
        return etree.fromstring(archive.read(name))


def paragraph_text(paragraph: etree._Element) -> str:
    return "".join(paragraph.xpath(".//w:t/text()", namespaces=NS))


def test_headings_use_heading_styles_at_their_levels(fixture_doc: Document, fixture_docx: Path) -> None:
    body = part(fixture_docx, "word/document.xml")
    found = [
        (p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS), paragraph_text(p))
        for p in body.iter(f"{{{W}}}p")
        if p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS).startswith("Heading")
    ]
    assert [text for _, text in found] == headings(fixture_doc)
    assert [style for style, _ in found] == [
        "Heading1", "Heading2", "Heading2", "Heading1", "Heading2", "Heading2", "Heading3", "Heading1",
    ]


def test_every_picture_has_alt_text(fixture_doc: Document, fixture_docx: Path) -> None:
    body = part(fixture_docx, "word/document.xml")
    descriptions = body.xpath("//wp:docPr/@descr", namespaces=NS)
    expected = [node.alt_text for node in iter_nodes(fixture_doc) if isinstance(node, Figure)]
    assert descriptions == expected
    assert len(body.xpath("//wp:docPr", namespaces=NS)) == 2


def test_every_table_has_a_flagged_header_row(fixture_doc: Document, fixture_docx: Path) -> None:
    tables = part(fixture_docx, "word/document.xml").xpath("//w:tbl", namespaces=NS)
    assert len(tables) == sum(isinstance(n, Table) for n in iter_nodes(fixture_doc))
    for table in tables:
        rows = table.xpath("w:tr", namespaces=NS)
        assert rows[0].xpath("w:trPr/w:tblHeader", namespaces=NS)
        assert not any(row.xpath("w:trPr/w:tblHeader", namespaces=NS) for row in rows[1:])


def test_numbers_are_right_aligned_and_the_focus_row_bold(fixture_docx: Path) -> None:
    table = part(fixture_docx, "word/document.xml").xpath("//w:tbl", namespaces=NS)[0]
    focus = next(r for r in table.xpath("w:tr", namespaces=NS) if "Maidstone (focus)" in paragraph_text(r))
    cells = focus.xpath("w:tc", namespaces=NS)
    assert [paragraph_text(c) for c in cells] == ["Maidstone (focus)", "9,410", "9,178", "56.7", "-2.5%"]
    assert all(c.xpath("string(.//w:jc/@w:val)", namespaces=NS) == "right" for c in cells[1:])
    assert all(c.xpath(".//w:r/w:rPr/w:b", namespaces=NS) for c in cells)


def test_columns_are_as_wide_as_their_content_and_fill_the_text_width(fixture_docx: Path) -> None:
    """Fixed widths from the content (the PDF's rule, with Arial's metrics and room for a wider
    substitute font), the spare shared: a long ward name gets a wide column, no number or word
    is broken, and LibreOffice (which shows DejaVu Sans here) keeps every cell on its lines."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text_width_twips = round((210 - 2 * 22) / 25.4 * 1440)
    for table in part(fixture_docx, "word/document.xml").xpath("//w:tbl", namespaces=NS):
        assert table.xpath("string(w:tblPr/w:tblLayout/@w:type)", namespaces=NS) == "fixed"
        grid = [int(w) for w in table.xpath("w:tblGrid/w:gridCol/@w:w", namespaces=NS)]
        assert abs(sum(grid) - text_width_twips) <= len(grid)
        for row in table.xpath("w:tr", namespaces=NS):
            cells = row.xpath("w:tc", namespaces=NS)
            assert [int(c.xpath("string(w:tcPr/w:tcW/@w:w)", namespaces=NS)) for c in cells] == grid
            for cell, width in zip(cells, grid):
                words = paragraph_text(cell).split() or [""]
                longest = max(stringWidth(w, "Helvetica-Bold", 9.5) for w in words)
                assert longest * 20 < width, paragraph_text(cell)
    long_ward = next(t for t in part(fixture_docx, "word/document.xml").xpath("//w:tbl", namespaces=NS)
                     if LONG_WARD in "".join(t.xpath(".//w:t/text()", namespaces=NS)))
    grid = [int(w) for w in long_ward.xpath("w:tblGrid/w:gridCol/@w:w", namespaces=NS)]
    assert grid[0] > 2 * max(grid[1:])  # the wards' column takes what the numbers leave


def test_contents_is_a_prefilled_toc_field(fixture_doc: Document, fixture_docx: Path) -> None:
    body = part(fixture_docx, "word/document.xml")
    instructions = " ".join(body.xpath("//w:instrText/text()", namespaces=NS))
    assert 'TOC \\o "1-2"' in instructions
    entries = [
        paragraph_text(p)
        for p in body.iter(f"{{{W}}}p")
        if p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS).startswith("TOC")
        and p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS) != "TOCHeading"
    ]
    assert entries == [h for h in headings(fixture_doc) if h != "2.2.1 Third level"]


def test_settings_ask_for_field_update(fixture_docx: Path) -> None:
    settings = part(fixture_docx, "word/settings.xml")
    assert settings.xpath("string(w:updateFields/@w:val)", namespaces=NS) == "true"


def test_language_is_en_gb(fixture_docx: Path) -> None:
    styles = part(fixture_docx, "word/styles.xml")
    assert styles.xpath("string(//w:docDefaults//w:lang/@w:val)", namespaces=NS) == "en-GB"
    core = part(fixture_docx, "docProps/core.xml")
    assert core.xpath("string(dc:language)", namespaces=NS) == "en-GB"
    assert core.xpath("string(dc:title)", namespaces=NS) == "Fixture Strategic Assessment"
    assert core.xpath("string(dc:subject)", namespaces=NS) == "Appendix 1 — Safer Fixture Partnership"


def test_no_python_docx_leftovers(fixture_docx: Path) -> None:
    with zipfile.ZipFile(fixture_docx) as archive:
        names = archive.namelist()
        core = archive.read("docProps/core.xml").decode()
        relationships = archive.read("_rels/.rels").decode() + archive.read("word/_rels/document.xml.rels").decode()
    assert not [n for n in names if n.startswith("customXml") or "thumbnail" in n or "stylesWithEffects" in n]
    assert "python-docx" not in core
    assert "thumbnail" not in relationships and "customXml" not in relationships


def test_footer_says_page_x_of_y(fixture_docx: Path) -> None:
    with zipfile.ZipFile(fixture_docx) as archive:
        footers = [archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer")]
    assert any(" PAGE " in f and " NUMPAGES " in f and "Page " in f for f in footers)


def test_lists_use_real_numbering(fixture_docx: Path) -> None:
    body = part(fixture_docx, "word/document.xml")
    levels = body.xpath("//w:numPr/w:ilvl/@w:val", namespaces=NS)
    assert levels == ["0", "0", "1", "1", "2", "0"]
    numbering = part(fixture_docx, "word/numbering.xml")
    assert numbering.xpath("//w:lvl[@w:ilvl='0']/w:numFmt/@w:val", namespaces=NS) == ["bullet", "decimal"]


def test_two_renders_are_byte_identical(fixture_doc: Document) -> None:
    assert render_docx(fixture_doc) == render_docx(fixture_document())


def test_libreoffice_converts_it_with_every_heading_and_cell(
    fixture_doc: Document, fixture_docx_via_libreoffice: Path
) -> None:
    assert int(pdf_info(fixture_docx_via_libreoffice)["Pages"]) > 1
    text = pdf_text(fixture_docx_via_libreoffice, "-raw")
    assert missing_from(text, headings(fixture_doc)) == []
    assert missing_from(text, table_cells(fixture_doc)) == []
    assert HOSTILE_AREA in text.replace("\n", " ")


@pytest.mark.parametrize("name", ["word/document.xml", "word/styles.xml", "word/numbering.xml"])
def test_parts_are_well_formed_xml(fixture_docx: Path, name: str) -> None:
    assert part(fixture_docx, name) is not None
