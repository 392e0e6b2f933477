"""The Word file against the accessibility checker's findings: no empty paragraphs, every table
titled and described, the document's language from the settings, recommendations said in words."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path

from lxml import etree

from assessment_doc.model import (
    Document,
    Metadata,
    Recommendation,
    Section,
    Table,
    assign_numbers,
    iter_nodes,
    runs,
)
from assessment_doc.render import render_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def parts(docx: bytes | Path, prefix: str = "word/") -> dict[str, etree._Element]:
    data = docx.read_bytes() if isinstance(docx, Path) else docx
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: etree.fromstring(archive.read(name)) for name in archive.namelist()
                if name.startswith(prefix) and name.endswith(".xml")}


def text(node: etree._Element) -> str:
    return "".join(node.xpath(".//w:t/text()", namespaces=NS))


def empty_paragraphs(root: etree._Element) -> list[etree._Element]:
    """Paragraphs holding no text, picture, field or page break: what Word's accessibility
    checker flags as spacing by empty lines. Exempt: the one paragraph of an empty table cell,
    which Word requires (a w:tc must end with a w:p)."""
    found = []
    for paragraph in root.iter(f"{{{W}}}p"):
        if paragraph.xpath(".//w:t[normalize-space()] | .//w:drawing | .//w:fldChar"
                           " | .//w:br[@w:type='page']", namespaces=NS):
            continue
        cell = paragraph.getparent()
        if cell.tag == f"{{{W}}}tc" and len(cell.findall(f"{{{W}}}p")) == 1:
            continue
        found.append(paragraph)
    return found


def test_no_empty_paragraph_in_any_part(fixture_docx: Path) -> None:
    """Body, headers and footers: every paragraph holds something; the fixture has empty table
    cells, whose one paragraph each is the only exemption."""
    xml = parts(fixture_docx)
    assert empty_paragraphs(xml["word/document.xml"]) == []
    for name in [n for n in xml if n.startswith(("word/footer", "word/header"))]:
        assert empty_paragraphs(xml[name]) == [], name
    cells = xml["word/document.xml"].xpath("//w:tc[not(.//w:t)]", namespaces=NS)
    assert cells, "the fixture has empty cells (the exemption is exercised)"


def test_the_cover_is_spaced_by_paragraph_properties(fixture_docx: Path) -> None:
    body = parts(fixture_docx)["word/document.xml"].find(f"{{{W}}}body")
    cover = []
    for paragraph in body.findall(f"{{{W}}}p"):
        if paragraph.xpath("w:pPr/w:pageBreakBefore", namespaces=NS):
            break
        cover.append(paragraph)
    assert [text(p) for p in cover] == [
        "Fixture Strategic Assessment", "Appendix 1", "Safer Fixture Partnership", "Fixtureshire",
        "March 2016"]
    assert cover[0].xpath("string(w:pPr/w:spacing/@w:before)", namespaces=NS) == "3402"


def test_every_table_has_a_title_and_a_description(fixture_doc: Document, fixture_docx: Path) -> None:
    tables = [n for n in iter_nodes(assign_numbers(fixture_doc)) if isinstance(n, Table)]
    found = parts(fixture_docx)["word/document.xml"].xpath("//w:tbl", namespaces=NS)
    assert len(found) == len(tables) >= 2
    for element, table in zip(found, tables):
        properties = element.find(f"{{{W}}}tblPr")
        names = [etree.QName(c).localname for c in properties]
        assert names[-2:] == ["tblCaption", "tblDescription"]  # the schema's order: last
        caption = properties.find(f"{{{W}}}tblCaption").get(f"{{{W}}}val")
        description = properties.find(f"{{{W}}}tblDescription").get(f"{{{W}}}val")
        assert caption == f"Table {table.number}: {table.caption}"
        assert description.startswith("Columns: " + "; ".join(c.title for c in table.columns))
        for note in table.all_notes:
            assert note in description
        if table.source:
            assert f"Source: {table.source}" in description
    first = found[0].find(f"{{{W}}}tblPr/{{{W}}}tblDescription").get(f"{{{W}}}val")
    assert first == ("Columns: Ward; Incidents 2014; Incidents 2015; Rate per 1,000; % change. "
                     "Rates use the mid-2014 population. [c] Figure suppressed at source to "
                     "protect confidentiality. Source: Kent Police & the Kent Community Safety "
                     "Unit.")


def _languages(docx: bytes) -> tuple[set[str], str, str]:
    xml = parts(docx)
    lang = xml["word/styles.xml"].xpath("//w:docDefaults/w:rPrDefault//w:lang", namespaces=NS)[0]
    theme = xml["word/settings.xml"].xpath("w:themeFontLang", namespaces=NS)[0]
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        core = archive.read("docProps/core.xml").decode()
    return ({lang.get(f"{{{W}}}{a}") for a in ("val", "eastAsia", "bidi")},
            theme.get(f"{{{W}}}val"), core)


def test_language_follows_the_settings(fixture_doc: Document) -> None:
    """en-GB by default; cy-GB when the settings say so: in the styles' defaults, Word's theme
    font language (en-US in python-docx's template) and the core properties."""
    languages, theme, core = _languages(render_docx(fixture_doc))
    assert (languages, theme) == ({"en-GB"}, "en-GB")
    welsh = replace(fixture_doc, metadata=replace(fixture_doc.metadata, language="cy-GB"))
    languages, theme, core = _languages(render_docx(welsh))
    assert (languages, theme) == ({"cy-GB"}, "cy-GB")
    assert "<dc:language>cy-GB</dc:language>" in core
    assert "en-GB" not in core and "en-US" not in core


def test_a_recommendation_says_it_is_one_in_bold() -> None:
    document = Document(Metadata(title="Recommendations"), children=(
        Section("Priorities", children=(Recommendation(runs("Keep ASB as a priority.")),)),))
    body = parts(render_docx(document))["word/document.xml"]
    boxed = body.xpath("//w:p[w:pPr/w:pStyle/@w:val='Recommendation']", namespaces=NS)
    assert [text(p) for p in boxed] == ["Recommendation: Keep ASB as a priority."]
    first, second = boxed[0].findall(f"{{{W}}}r")
    assert first.xpath("w:rPr/w:b", namespaces=NS) and text(first) == "Recommendation: "
    assert not second.xpath("w:rPr/w:b", namespaces=NS)
