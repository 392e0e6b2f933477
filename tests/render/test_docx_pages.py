"""The Word file in two steps: a draft that needs no page layout (so a second CPU can write it
while the PDF is laid out), and its page numbers filled in from the PDF's."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import pytest
from fixtures.documents import fixture_document
from lxml import etree

from assessment_doc.model import (Contents, Document, Figure, Table, assign_numbers, iter_nodes,
                                  iter_sections)
from assessment_doc.render import docx as docx_module
from assessment_doc.render import pdf as pdf_module
from assessment_doc.render.docx import (bookmark_name, caption_page_key, draft_docx, fill_page_numbers,
                                        render_docx)
from assessment_doc.render.pdf import heading_pages

NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
TO_COME = "\ue000"


@pytest.fixture(scope="module")
def document() -> Document:
    return assign_numbers(replace(fixture_document(), children=tuple(
        replace(block, lists_of_tables_and_figures=True) if isinstance(block, Contents) else block
        for block in fixture_document().children)))


def body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def page_fields(data: bytes) -> dict[str, str]:
    """Each PAGEREF field's bookmark -> the page it shows."""
    shown = {}
    for link in body(data).iterfind(".//w:hyperlink", NS):
        instruction = "".join(link.xpath(".//w:instrText/text()", namespaces=NS)).split()
        if instruction[:1] == ["PAGEREF"]:
            runs = link.findall("w:r", NS)
            separate = next(i for i, r in enumerate(runs)
                            if r.find("w:fldChar[@w:fldCharType='separate']", NS) is not None)
            shown[instruction[1]] = "".join(runs[separate + 1].xpath(".//w:t/text()", namespaces=NS))
    return shown


def test_the_draft_and_its_filling_are_the_word_file(document: Document) -> None:
    pages = heading_pages(document)
    assert fill_page_numbers(draft_docx(document), pages) == render_docx(document, pages)
    assert fill_page_numbers(draft_docx(document), pages) == render_docx(document)


def shown_keys(document: Document) -> set[str]:
    """The anchors of the sections the contents lists (those down to its depth)."""
    depth = next(block.depth for block in document.children if isinstance(block, Contents))
    return {section.anchor for section in iter_sections(document.children) if section.level <= depth}


def test_every_page_number_is_filled_and_nothing_of_the_draft_is_left(document: Document) -> None:
    pages = heading_pages(document)
    filled = render_docx(document, pages)
    shown = page_fields(filled)
    expected = {bookmark_name(key): str(page) for key, page in pages.items() if key in shown_keys(document)}
    expected |= {docx_module._caption_bookmark(node): str(pages[caption_page_key(node)])
                 for node in iter_nodes(document) if isinstance(node, (Table, Figure))}
    assert shown == expected
    assert len(shown) > 5
    with zipfile.ZipFile(io.BytesIO(filled)) as archive:
        assert all(TO_COME.encode() not in archive.read(name) for name in archive.namelist())


def test_a_line_whose_page_is_unknown_keeps_its_title_alone(document: Document) -> None:
    pages = heading_pages(document)
    first_section = next(key for key in pages if key.startswith("sec_"))
    filled = render_docx(document, {key: page for key, page in pages.items() if key != first_section})
    shown = page_fields(filled)
    assert len(shown) == len(page_fields(render_docx(document, pages))) - 1
    assert TO_COME not in "".join(body(filled).itertext())
    leaders = body(filled).xpath("//w:hyperlink[not(.//w:instrText)]/w:r/w:tab", namespaces=NS)
    assert leaders == []  # no dots leading to a number that is not there


def test_the_draft_lays_nothing_out(document: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_layout(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("the draft laid out the PDF")

    monkeypatch.setattr(pdf_module, "_render_pdf", no_layout)
    monkeypatch.setattr(docx_module, "heading_pages", no_layout)
    draft = draft_docx(document)
    assert all(value.startswith(TO_COME) for value in page_fields(draft).values())
