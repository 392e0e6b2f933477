"""The list of tables and the list of figures after the contents (the settings'
``lists_of_tables_and_figures``): Word's TOC \\c fields over the captions' SEQ fields,
pre-filled with each caption's page."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from clients import libreoffice_to_pdf, pdf_text
from lxml import etree

from assessment_doc.model import Contents, Document, Figure, Table, assign_numbers, iter_nodes
from assessment_doc.render import render_docx
from assessment_doc.render.docx import caption_page_key

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
CAPTION_PAGES = {"Table 1": 4, "Figure 1": 8, "Figure 2": 8, "Table 2": 9}


def with_lists(document: Document) -> Document:
    return assign_numbers(replace(document, children=tuple(
        replace(block, lists_of_tables_and_figures=True) if isinstance(block, Contents) else block
        for block in document.children)))


@pytest.fixture(scope="module")
def listed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from fixtures.documents import fixture_document

    from assessment_doc.render.pdf import heading_pages

    document = with_lists(fixture_document())
    docx = tmp_path_factory.mktemp("lists") / "lists.docx"
    docx.write_bytes(render_docx(document, pages={**heading_pages(document), **CAPTION_PAGES}))
    return docx


def part(docx: Path | bytes, name: str) -> etree._Element:
    data = docx.read_bytes() if isinstance(docx, Path) else docx
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def text(node: etree._Element) -> str:
    return "".join(node.xpath(".//w:t/text()", namespaces=NS))


def lines(docx: Path | bytes) -> list[etree._Element]:
    return part(docx, "word/document.xml").xpath(
        "//w:p[w:pPr/w:pStyle/@w:val='TableofFigures']", namespaces=NS)


def test_the_lists_follow_the_contents_with_each_captions_page(fixture_doc: Document,
                                                               listed: Path) -> None:
    body = part(listed, "word/document.xml")
    titles = [text(p) for p in body.xpath("//w:p[w:pPr/w:pStyle/@w:val='TOCHeading']",
                                          namespaces=NS)]
    assert titles == ["Contents", "List of tables", "List of figures"]
    captioned = [n for n in iter_nodes(fixture_doc) if isinstance(n, (Table, Figure))]
    tables = [n for n in captioned if isinstance(n, Table)]
    figures = [n for n in captioned if isinstance(n, Figure)]
    assert [text(p) for p in lines(listed)] == [
        f"{n.label}{CAPTION_PAGES[caption_page_key(n)]}" for n in (*tables, *figures)]
    assert [text(p) for p in lines(listed)][0] == (
        "Table 1: Incidents by ward, a table that spans three pages4")
    # one TOC \c field a list, opened in its first line and closed in its last
    instructions = [i.strip() for i in body.xpath("//w:instrText/text()", namespaces=NS)]
    assert 'TOC \\h \\z \\c "Table"' in instructions and 'TOC \\h \\z \\c "Figure"' in instructions
    first, last = lines(listed)[0], lines(listed)[len(tables) - 1]
    assert first.xpath("w:r/w:fldChar/@w:fldCharType", namespaces=NS)[:2] == ["begin", "separate"]
    assert last.xpath("w:r/w:fldChar/@w:fldCharType", namespaces=NS)[-1:] == ["end"]
    # each line links to its caption's bookmark and shows the page through PAGEREF to it
    bookmarks = set(body.xpath("//w:bookmarkStart/@w:name", namespaces=NS))
    for line, node in zip(lines(listed), (*tables, *figures)):
        anchor = line.xpath("string(w:hyperlink/@w:anchor)", namespaces=NS)
        kind = "table" if isinstance(node, Table) else "figure"
        assert anchor == f"_Ref_{kind}_{node.id}" and anchor in bookmarks
        assert line.xpath("string(.//w:instrText[contains(., 'PAGEREF')])",
                          namespaces=NS).split() == ["PAGEREF", anchor, "\\h"]


def test_the_lines_have_a_dotted_tab_to_the_margin(listed: Path) -> None:
    style = part(listed, "word/styles.xml").xpath("//w:style[@w:styleId='TableofFigures']",
                                                  namespaces=NS)[0]
    assert style.xpath("string(w:pPr/w:tabs/w:tab/@w:leader)", namespaces=NS) == "dot"
    assert style.xpath("string(w:pPr/w:tabs/w:tab/@w:pos)", namespaces=NS) == str(
        round(166 / 25.4 * 1440))


def test_a_caption_without_a_known_page_is_listed_without_one() -> None:
    from fixtures.documents import fixture_document

    docx = render_docx(with_lists(fixture_document()), pages={"Table 2": 12})
    assert [text(p) for p in lines(docx)] == [
        "Table 1: Incidents by ward, a table that spans three pages",
        "Table 2: Cost of offending by division12",
        "Figure 1: Blue bars by year", "Figure 2: Orange bars by year"]


def test_without_the_switch_there_are_no_lists(fixture_docx: Path) -> None:
    assert lines(fixture_docx) == []
    assert not part(fixture_docx, "word/styles.xml").xpath(
        "//w:style[@w:styleId='TableofFigures']", namespaces=NS)


def test_libreoffice_shows_the_lists_with_their_page_numbers(listed: Path, tmp_path: Path) -> None:
    printed = pdf_text(libreoffice_to_pdf(listed, tmp_path), "-layout")
    contents_page = printed.split("\f")[1]
    found = [" ".join(line.split()) for line in contents_page.splitlines()
             if line.startswith(("Table ", "Figure ", "List of"))]
    assert [line.replace(".", "").replace(" ", "") for line in found] == [
        "Listoftables", "Table1:Incidentsbyward,atablethatspansthreepages4",
        "Table2:Costofoffendingbydivision9", "Listoffigures", "Figure1:Bluebarsbyyear8",
        "Figure2:Orangebarsbyyear8"]


def test_the_settings_switch_reaches_the_model(tmp_path: Path) -> None:
    from bundled_build import copy_bundled_project

    from assessment_doc.api import build_document
    from assessment_doc.project import load_project

    project = copy_bundled_project(tmp_path / "project")
    settings = project / "assessment.yaml"
    settings.write_text(settings.read_text() + "lists_of_tables_and_figures: true\n")
    document = build_document(load_project(project))
    [contents] = [b for b in document.children if isinstance(b, Contents)]
    assert contents.lists_of_tables_and_figures
    titles = [text(p) for p in part(render_docx(document), "word/document.xml").xpath(
        "//w:p[w:pPr/w:pStyle/@w:val='TOCHeading']", namespaces=NS)]
    assert titles == ["Contents", "List of tables", "List of figures"]
