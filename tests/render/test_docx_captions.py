"""Captions Word knows as captions: "Table 2" is a SEQ field pre-filled with the model's number,
bookmarked for cross-references, in the Caption style."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from clients import pdf_text
from lxml import etree

from assessment_doc.model import (
    Document,
    Figure,
    Table,
    iter_nodes,
)
from assessment_doc.render.docx import caption_bookmark

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def body(docx: Path | bytes) -> etree._Element:
    data = docx.read_bytes() if isinstance(docx, Path) else docx
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def text(node: etree._Element) -> str:
    return "".join(node.xpath(".//w:t/text()", namespaces=NS))


def captions(root: etree._Element) -> list[etree._Element]:
    return root.xpath("//w:p[w:pPr/w:pStyle/@w:val='Caption']", namespaces=NS)


def field_result(paragraph: etree._Element, instruction: str) -> str:
    """The shown result of the complex field whose instruction is ``instruction``: the text of
    the runs between its 'separate' and its 'end'."""
    runs = paragraph.findall(f"{{{W}}}r")
    start = next(i for i, r in enumerate(runs) if r.xpath("string(w:instrText)", namespaces=NS)
                 .strip() == instruction)
    separate = next(i for i in range(start, len(runs))
                    if runs[i].xpath("w:fldChar[@w:fldCharType='separate']", namespaces=NS))
    end = next(i for i in range(separate, len(runs))
               if runs[i].xpath("w:fldChar[@w:fldCharType='end']", namespaces=NS))
    return "".join(text(r) for r in runs[separate + 1:end])


def test_captions_are_seq_fields_prefilled_with_the_models_numbers(
        fixture_doc: Document, fixture_docx: Path) -> None:
    """Tables 1 and 2 and Figures 1 and 2 of the fixture, in the document's order (Table 1,
    Figure 1, Figure 2, Table 2): each caption's SEQ field shows its own number."""
    nodes = [n for n in iter_nodes(fixture_doc) if isinstance(n, (Table, Figure))]
    found = captions(body(fixture_docx))
    assert [text(p) for p in found] == [n.label for n in nodes]
    expected = []
    for paragraph, node in zip(found, nodes):
        kind = "Table" if isinstance(node, Table) else "Figure"
        expected.append((kind, str(node.number)))
        assert field_result(paragraph, f"SEQ {kind} \\* ARABIC") == str(node.number)
    assert [(kind, number) for kind, number in expected] == [
        ("Table", "1"), ("Figure", "1"), ("Figure", "2"), ("Table", "2")]


def test_each_caption_bookmarks_its_label_and_number(fixture_doc: Document, fixture_docx: Path) -> None:
    """The bookmark holds "Table 2", what Word's cross-reference "only label and number"
    prints, and is named from the id: _Ref_table_small_table."""
    root = body(fixture_docx)
    for paragraph, node in zip(captions(root), [n for n in iter_nodes(fixture_doc)
                                                if isinstance(n, (Table, Figure))]):
        kind = "table" if isinstance(node, Table) else "figure"
        start = paragraph.find(f"{{{W}}}bookmarkStart")
        assert start.get(f"{{{W}}}name") == f"_Ref_{kind}_{node.id}"
        inside, sibling = [], start.getnext()
        while sibling.tag != f"{{{W}}}bookmarkEnd":
            inside.append(sibling)
            sibling = sibling.getnext()
        assert sibling.get(f"{{{W}}}id") == start.get(f"{{{W}}}id")
        assert "".join(text(r) for r in inside) == f"{kind.title()} {node.number}"
    ids = root.xpath("//w:bookmarkStart/@w:id", namespaces=NS)
    assert len(ids) == len(set(ids))  # unique with the headings' bookmarks


def test_a_caption_bookmark_is_a_word_bookmark_name() -> None:
    assert caption_bookmark("table:recorded_crime_by_district") == "_Ref_table_recorded_crime_by_district"
    long = caption_bookmark("table:recorded_crime_by_district_and_community_safety_unit")
    other = caption_bookmark("table:recorded_crime_by_district_and_community_safety_units")
    assert len(long) == len(other) == 40 and long != other
    assert caption_bookmark("figure:a-b.c é") == "_Ref_figure_a_b_c__"


def test_libreoffice_prints_the_captions_numbers(fixture_doc: Document,
                                                 fixture_docx_via_libreoffice: Path) -> None:
    printed = pdf_text(fixture_docx_via_libreoffice, "-raw").replace("\n", " ")
    for node in iter_nodes(fixture_doc):
        if isinstance(node, (Table, Figure)):
            assert node.label in printed


def test_a_cross_reference_is_a_ref_field_linked_to_the_caption() -> None:
    """'see Table 2' in the text: a REF field to the caption's bookmark, pre-filled with what
    the model printed, inside a link to the bookmark; the writer's own words are kept as they
    are, linked; a reference to nothing in the document stays plain text."""
    from dataclasses import replace

    from fixtures.documents import fixture_document

    from assessment_doc.model import Paragraph, Run, Section, assign_numbers
    from assessment_doc.render import render_docx

    document = fixture_document()
    sentence = Paragraph((Run("See "), Run("", ref="table:small_table"), Run(", "),
                          Run("the blue chart", strong=True, ref="figure:fig_blue"),
                          Run(" and "), Run("Table 9", ref="table:nowhere"), Run(".")))
    document = assign_numbers(replace(document, children=(
        *document.children[:2], Section("References", children=(sentence,)),
        *document.children[2:])))
    root = body(render_docx(document))
    [paragraph] = [p for p in root.iter(f"{{{W}}}p") if text(p).startswith("See ")]
    assert text(paragraph) == "See Table 2, the blue chart and Table 9."
    links = paragraph.findall(f"{{{W}}}hyperlink")
    assert [link.get(f"{{{W}}}anchor") for link in links] == [
        "_Ref_table_small_table", "_Ref_figure_fig_blue"]
    assert field_result(links[0], "REF _Ref_table_small_table \\h") == "Table 2"
    assert not links[1].xpath(".//w:instrText", namespaces=NS)
    assert all(r.xpath("w:rPr/w:b", namespaces=NS) for r in links[1].findall(f"{{{W}}}r"))
    bookmarks = root.xpath("//w:bookmarkStart/@w:name", namespaces=NS)
    assert {"_Ref_table_small_table", "_Ref_figure_fig_blue"} <= set(bookmarks)
