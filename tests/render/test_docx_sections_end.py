"""A landscape table at the end of the document: its landscape section is the document's last
(the body's own ``w:sectPr``), so no portrait section follows it with a near-empty page. Checked
in the XML and by LibreOffice's page count and page sizes."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest
from clients import libreoffice_to_pdf, pdf_text
from lxml import etree

from assessment_doc.model import (
    Contents,
    Cover,
    Document,
    Metadata,
    Paragraph,
    Section,
    Table,
    assign_numbers,
    runs,
)
from assessment_doc.render import render_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def _document(*tables: Table, after: str | None = None) -> Document:
    """A cover, a contents and one section: a paragraph, then ``tables``, then ``after``."""
    children = [Paragraph(runs("The table below compares the divisions."))]
    children += tables
    if after is not None:
        children.append(Paragraph(runs(after)))
    return assign_numbers(Document(
        Metadata(title="Landscape at the end", date="2016-03-01"),
        (Cover("Landscape at the end", "", ("Maidstone",)), Contents(),
         Section("Costs", tuple(children), level=1, id="costs"))))


def _small(table_id: str = "small_table") -> Table:
    from fixtures.documents import small_table

    return replace(small_table(), orientation="landscape", id=table_id)


def _sections(docx: bytes) -> list[etree._Element]:
    """Every w:sectPr in order, the body's own last."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        body = etree.fromstring(package.read("word/document.xml")).find(f"{{{W}}}body")
    return body.findall(".//w:sectPr", NS)


def _orientation(section: etree._Element) -> str:
    size = section.find("w:pgSz", NS)
    return size.get(f"{{{W}}}orient") or "portrait"


def _page_shapes(pdf: Path) -> list[str]:
    with pikepdf.open(pdf) as opened:
        return ["L" if float(b[2]) - float(b[0]) > float(b[3]) - float(b[1]) else "P"
                for b in (page.MediaBox for page in opened.pages)]


def test_the_last_section_is_the_landscape_tables_when_nothing_follows_it() -> None:
    sections = _sections(render_docx(_document(_small())))
    assert [_orientation(s) for s in sections] == ["portrait", "landscape"]
    last = sections[-1]
    assert last.getparent().tag == f"{{{W}}}body"  # the body's own, not a paragraph's
    size = last.find("w:pgSz", NS)
    assert int(size.get(f"{{{W}}}w")) > int(size.get(f"{{{W}}}h"))
    assert last.find("w:titlePg", NS) is None  # only the cover's section has no footer


def test_a_portrait_section_still_follows_when_text_comes_after() -> None:
    sections = _sections(render_docx(_document(_small(), after="Back to portrait.")))
    assert [_orientation(s) for s in sections] == ["portrait", "landscape", "portrait"]


def test_two_landscape_tables_at_the_end_share_the_last_section() -> None:
    sections = _sections(render_docx(_document(_small("one"), _small("two"))))
    assert [_orientation(s) for s in sections] == ["portrait", "landscape"]


@pytest.mark.parametrize("after", [None, "Back to portrait."])
def test_libreoffice_prints_no_near_empty_page_after_the_last_table(
        tmp_path: Path, after: str | None) -> None:
    docx = tmp_path / "end.docx"
    docx.write_bytes(render_docx(_document(_small(), after=after)))
    pdf = libreoffice_to_pdf(docx, tmp_path)
    shapes = _page_shapes(pdf)
    pages = pdf_text(pdf).split("\f")[:-1]
    assert "Cost of offending by division" in pages[shapes.index("L")]
    if after is None:
        assert shapes[-1] == "L"  # the table's page is the last: no page after it
        assert all(page.strip() for page in pages)
    else:
        assert shapes[-1] == "P" and "Back to portrait." in pages[-1]
