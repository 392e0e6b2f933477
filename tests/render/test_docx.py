"""The Word renderer, read back as XML parts and through LibreOffice."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from clients import pdf_info, pdf_text
from document_text import headings, missing_from, table_cells
from fixtures.documents import HOSTILE_AREA, LONG_WARD, fixture_document
from lxml import etree

from assessment_doc.model import Document, Figure, Table, iter_nodes, iter_sections
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


def pdf_tables(document: Document) -> list[object]:
    """The PDF renderer's ReportLab tables of ``document``, in order."""
    from assessment_doc.render.pdf import PdfTranslator
    from assessment_doc.render.pdf_flowables import DataTable

    return [f for f in PdfTranslator().story_for(document) if isinstance(f, DataTable)]


def test_columns_are_as_wide_as_the_pdfs(fixture_doc: Document, fixture_docx: Path) -> None:
    """Each column is the PDF's width for it and the 1.5 pt Word needs for its grid lines (a
    table as wide as the text takes it from its widest column): no table is stretched to the
    text width (Table 2, two short numbers wide, stays narrow)."""
    from assessment_doc.render.docx_tables import WORD_ALLOWANCE_PT

    text_width_twips = round((210 - 2 * 22) / 25.4 * 1440)
    tables = part(fixture_docx, "word/document.xml").xpath("//w:tbl", namespaces=NS)
    for table, pdf in zip(tables, pdf_tables(fixture_doc), strict=True):
        assert table.xpath("string(w:tblPr/w:tblLayout/@w:type)", namespaces=NS) == "fixed"
        grid = [int(w) for w in table.xpath("w:tblGrid/w:gridCol/@w:w", namespaces=NS)]
        expected = [(width + WORD_ALLOWANCE_PT) * 20 for width in pdf._colWidths]
        if sum(expected) > text_width_twips:  # as wide as the text: the widest gives it back
            expected[expected.index(max(expected))] -= sum(expected) - text_width_twips
        assert grid == pytest.approx(expected, abs=1)
        for row in table.xpath("w:tr", namespaces=NS):
            cells = row.xpath("w:tc", namespaces=NS)
            assert [int(c.xpath("string(w:tcPr/w:tcW/@w:w)", namespaces=NS)) for c in cells] == grid
    narrow = [int(w) for w in tables[1].xpath("w:tblGrid/w:gridCol/@w:w", namespaces=NS)]
    assert sum(narrow) < 0.8 * text_width_twips
    long_ward = next(t for t in tables if LONG_WARD in "".join(t.xpath(".//w:t/text()", namespaces=NS)))
    grid = [int(w) for w in long_ward.xpath("w:tblGrid/w:gridCol/@w:w", namespaces=NS)]
    assert grid[0] > 2 * max(grid[1:])  # the wards' column takes what the numbers leave


def test_cell_padding_and_grid_are_the_pdfs(fixture_doc: Document, fixture_docx: Path) -> None:
    """Word's cell margins are the PDF's cell padding (top 2 pt, sides 4 pt, bottom 2.5 pt, in
    twentieths of a point), and the grid the PDF's 0.5 pt grey rule."""
    pdf = pdf_tables(fixture_doc)[0]
    cell = pdf._cellStyles[1][1]
    padding = {"top": cell.topPadding, "left": cell.leftPadding, "bottom": cell.bottomPadding,
               "right": cell.rightPadding}
    assert padding == {"top": 2, "left": 4, "bottom": 2.5, "right": 4}
    for table in part(fixture_docx, "word/document.xml").xpath("//w:tbl", namespaces=NS):
        margins = table.xpath("w:tblPr/w:tblCellMar/*", namespaces=NS)
        assert {etree.QName(m).localname: int(m.get(f"{{{W}}}w")) for m in margins} == {
            side: round(points * 20) for side, points in padding.items()}
        borders = table.xpath("w:tblPr/w:tblBorders/*", namespaces=NS)
        assert {(b.get(f"{{{W}}}sz"), b.get(f"{{{W}}}color")) for b in borders} == {("4", "7F7F7F")}


def keeps(paragraph: etree._Element) -> bool:
    return bool(paragraph.xpath("w:pPr/w:keepNext", namespaces=NS))


def test_a_short_table_keeps_together_with_its_caption_and_notes(fixture_docx: Path) -> None:
    """Table 2 (2 rows and a source): every row keeps with the next, as Word keeps a table on
    one page, the last with the source below; its caption (by its style) keeps with it."""
    body = part(fixture_docx, "word/document.xml")
    table = body.xpath("//w:tbl", namespaces=NS)[1]
    rows = table.xpath("w:tr", namespaces=NS)
    assert [all(keeps(p) for p in row.xpath(".//w:p", namespaces=NS)) for row in rows] == [
        True, True, True]
    assert paragraph_text(table.getnext()) == "Source: Kent Police IOM"
    assert not keeps(table.getnext())
    caption_style = part(fixture_docx, "word/styles.xml").xpath(
        "//w:style[@w:styleId='Caption']/w:pPr/w:keepNext", namespaces=NS)
    assert caption_style and table.getprevious().xpath("string(w:pPr/w:pStyle/@w:val)",
                                                       namespaces=NS) == "Caption"


def test_a_long_table_splits_after_its_first_rows_and_keeps_its_notes(fixture_docx: Path) -> None:
    """Table 1 (130 rows): the header and three rows keep together, and so do the last three
    rows (never one or two alone on a page), the rest may split; the notes and source keep
    together (as in the PDF, they may start the next page), the first 4 pt below the table's
    bottom rule."""
    body = part(fixture_docx, "word/document.xml")
    table = body.xpath("//w:tbl", namespaces=NS)[0]
    kept = [all(keeps(p) for p in row.xpath(".//w:p", namespaces=NS))
            for row in table.xpath("w:tr", namespaces=NS)]
    assert kept == [True, True, True] + [False] * 125 + [True, True, False]
    notes = [table.getnext(), table.getnext().getnext(), table.getnext().getnext().getnext()]
    assert [paragraph_text(n) for n in notes] == [
        "Rates use the mid-2014 population.",
        "[c] Figure suppressed at source to protect confidentiality.",
        "Source: Kent Police & the Kent Community Safety Unit"]
    assert [keeps(n) for n in notes] == [True, True, False]
    assert notes[0].xpath("string(w:pPr/w:spacing/@w:before)", namespaces=NS) == "80"


def test_a_short_paragraph_after_a_heading_keeps_whole_with_it() -> None:
    """As the PDF keeps a heading with all of a paragraph of four lines or fewer (else three
    lines): the short one keeps its lines together in Word, the long one relies on widow
    control (two lines)."""
    from assessment_doc.model import Metadata, Paragraph, Section, runs

    short, long = "A short paragraph. " * 10, "A long paragraph of many words. " * 60
    document = Document(Metadata(title="Keeps"), children=(
        Section("Short", children=(Paragraph(runs(short)), Paragraph(runs(short)))),
        Section("Long", children=(Paragraph(runs(long)),)),
    ))
    with zipfile.ZipFile(io.BytesIO(render_docx(document))) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    kept = [(paragraph_text(p)[:7], bool(p.xpath("w:pPr/w:keepLines", namespaces=NS)))
            for p in body.iter(f"{{{W}}}p") if "paragraph" in paragraph_text(p)]
    assert kept == [("A short", True), ("A short", False), ("A long ", False)]


def test_no_empty_paragraph_makes_space(fixture_docx: Path) -> None:
    """Space comes from paragraph spacing and a new page from "page break before": every
    paragraph of the body holds text or a picture (a table cell's paragraphs hold their text)."""
    body = part(fixture_docx, "word/document.xml").find(f"{{{W}}}body")
    empty = [p for p in body.findall(f"{{{W}}}p")
             if not p.xpath(".//w:t[normalize-space()] | .//w:drawing", namespaces=NS)]
    assert empty == []
    assert not body.xpath(".//w:br[@w:type='page']", namespaces=NS)
    starts = [paragraph_text(p) for p in body.findall(f"{{{W}}}p")
              if p.xpath("w:pPr/w:pageBreakBefore", namespaces=NS)]
    assert starts[:2] == ["Contents", "1 Introduction"]


def test_the_cover_is_the_pdfs(fixture_docx: Path) -> None:
    """The title 60 mm down the page (as spacing, not empty lines), in the PDF's sizes, without
    the rule and list number python-docx's Title and Subtitle styles come with."""
    body = part(fixture_docx, "word/document.xml").find(f"{{{W}}}body")
    title, subtitle = body[0], body[1]
    assert paragraph_text(title) == "Fixture Strategic Assessment"
    assert title.xpath("string(w:pPr/w:spacing/@w:before)", namespaces=NS) == str(round(60 / 25.4 * 1440))
    assert paragraph_text(subtitle) == "Appendix 1"
    styles = part(fixture_docx, "word/styles.xml")
    for style_id, half_points in (("Title", "60"), ("Subtitle", "40")):
        style = styles.xpath(f"//w:style[@w:styleId='{style_id}']", namespaces=NS)[0]
        assert not style.xpath("w:pPr/w:pBdr | w:pPr/w:numPr | w:rPr/w:i", namespaces=NS)
        assert style.xpath("string(w:rPr/w:sz/@w:val)", namespaces=NS) == half_points


def contents_lines(docx: Path) -> list[etree._Element]:
    return [p for p in part(docx, "word/document.xml").iter(f"{{{W}}}p")
            if p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS).startswith("TOC")
            and p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS) != "TOCHeading"]


def test_contents_is_a_prefilled_toc_field_with_the_pdfs_page_numbers(
        fixture_doc: Document, fixture_docx: Path) -> None:
    """Each line: the heading, a tab to the dotted right tab stop, and a PAGEREF field to the
    heading's bookmark whose shown result is the page the PDF prints the heading on."""
    from assessment_doc.render.docx import bookmark_name
    from assessment_doc.render.pdf import heading_pages

    body = part(fixture_docx, "word/document.xml")
    instructions = body.xpath("//w:instrText/text()", namespaces=NS)
    assert 'TOC \\o "1-2" \\h \\z \\u' in " ".join(instructions)
    listed = [s for s in iter_sections(fixture_doc.children) if s.level <= 2]
    pages = heading_pages(fixture_doc)
    lines = contents_lines(fixture_docx)
    assert [paragraph_text(p) for p in lines] == [f"{s.heading}{pages[s.anchor]}" for s in listed]
    assert [p.xpath("string(.//w:instrText[contains(., 'PAGEREF')])", namespaces=NS).split()[1]
            for p in lines] == [s.anchor for s in listed]
    assert all(p.xpath(".//w:hyperlink/w:r/w:tab", namespaces=NS) for p in lines)
    assert len(set(pages.values())) > 2  # not all on one page: real numbers


def test_contents_prints_the_page_numbers_it_is_given(fixture_doc: Document) -> None:
    """A build of both formats hands the PDF's pages over; any mapping is printed as given, and
    a heading without a page has none (no field)."""
    first = next(s for s in iter_sections(fixture_doc.children))
    docx = render_docx(fixture_doc, pages={first.anchor: 17})
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    lines = [p for p in body.iter(f"{{{W}}}p")
             if p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS) in ("TOC1", "TOC2")]
    assert paragraph_text(lines[0]) == f"{first.heading}17"
    assert [paragraph_text(p) for p in lines[1:3]] == [
        s.heading for s in list(iter_sections(fixture_doc.children))[1:3]]
    assert len(body.xpath("//w:instrText[contains(., 'PAGEREF')]", namespaces=NS)) == 1


def test_a_bookmark_name_is_never_longer_than_word_allows() -> None:
    """Word refuses bookmark names over 40 characters: an appendix's unnumbered subsection is
    named by its title, which may be longer; two such titles starting alike stay distinct."""
    from assessment_doc.render.docx import bookmark_name

    short = "sec_2_1"
    first = "sec_kent_community_safety_unit_crime_data_by_ward"
    second = "sec_kent_community_safety_unit_crime_data_by_month"
    assert bookmark_name(short) == short
    assert len(bookmark_name(first)) == len(bookmark_name(second)) == 40
    assert bookmark_name(first) != bookmark_name(second)
    assert bookmark_name(first).startswith("sec_kent_community_safety_unit")


def test_settings_do_not_ask_word_to_update_fields(fixture_docx: Path) -> None:
    """The contents is complete as written: Word opens the file without asking to update."""
    settings = part(fixture_docx, "word/settings.xml")
    assert not settings.xpath("w:updateFields", namespaces=NS)


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
