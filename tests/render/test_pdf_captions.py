"""The PDF's cross-references and its lists of tables and figures.

- A cross-reference ("Table 2") is an internal link, a Link element holding its annotation
  (OBJR), to the top left corner of its target's caption (/XYZ left top null).
- With ``lists_of_tables_and_figures``, a "List of tables" and a "List of figures" follow the
  contents: each caption with dot leaders and the page it is on, linked to it, tagged as the
  contents is (TOC > TOCI > Reference > Link). Word's pre-filled lists read the same pages.
- Without either, no caption is a destination (the PDF is as it was).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest
from clients import pdf_text, qpdf_check, run
from test_pdf_tagging import pdfua_errors, struct_tree, tagging_problems

from assessment_doc.model import (
    Contents,
    Document,
    Figure,
    Paragraph,
    Run,
    Section,
    Table,
    assign_numbers,
    iter_nodes,
)
from assessment_doc.render.pdf import heading_pages, render_pdf


def _with_references_and_lists(document: Document, *, lists: bool = True) -> Document:
    """The fixture document with a first paragraph "As Table 2 and Figure 2 show." in its first
    section, and (``lists``) the lists of tables and figures switched on."""
    done = False

    def edit(block: object) -> object:
        nonlocal done
        if isinstance(block, Section) and not done:
            done = True
            sentence = Paragraph((Run("As "), Run("", ref="table:small_table"), Run(" and "),
                                  Run("", ref="figure:fig_orange"), Run(" show.")))
            return replace(block, children=(sentence, *block.children))
        if isinstance(block, Contents):
            return replace(block, lists_of_tables_and_figures=lists)
        return block

    return assign_numbers(replace(document, children=tuple(edit(b) for b in document.children)))


@pytest.fixture(scope="module")
def referring(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, Path]:
    from fixtures.documents import fixture_document

    document = _with_references_and_lists(fixture_document())
    path = tmp_path_factory.mktemp("captions") / "captions.pdf"
    path.write_bytes(render_pdf(document))
    return document, path


def _words(path: Path, page: int) -> list[tuple[str, float, float]]:
    html = run("pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-").stdout
    return [(word, float(x), float(y)) for x, y, word in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>', html)]


def _caption_pages(path: Path, labels: list[str]) -> dict[str, int]:
    """The page (after the contents) where each "Table 2:" caption's words stand."""
    pages = pdf_text(path, "-raw").split("\f")
    found = {}
    for label in labels:
        found[label] = next(number for number, text in enumerate(pages, 1)
                            if number > 2 and f"{label}:" in text)
    return found


def _annotations(pdf: pikepdf.Pdf) -> list[tuple[int, pikepdf.Dictionary]]:
    return [(number, annotation) for number, page in enumerate(pdf.pages, 1)
            for annotation in page.obj.get("/Annots", [])]


def test_a_reference_links_to_the_top_of_its_caption(referring: tuple[Document, Path]) -> None:
    _, path = referring
    with pikepdf.open(path) as pdf:
        numbers = {page.obj.objgen: number for number, page in enumerate(pdf.pages, 1)}
        height = float(pdf.pages[0].MediaBox[3])
        on_page_3 = {str(a.Contents): a for number, a in _annotations(pdf) if number == 3}
        for label in ("Table 2", "Figure 2"):
            page, fit, left, top, zoom = list(on_page_3[label].Dest)
            assert fit == "/XYZ" and zoom is None
            target = numbers[page.objgen]
            assert target == _caption_pages(path, [label])[label]
            word, number = label.split()
            words = _words(path, target)
            starts = [(x, y) for (w, x, y), (n, _, _) in zip(words, words[1:])
                      if w == word and n == f"{number}:"]
            # the caption's first word at the destination's left, just below its top
            assert len(starts) == 1, (label, starts)
            x, y = starts[0]
            assert abs(x - float(left)) < 1 and 0 <= y - (height - float(top)) < 6, (label, x, y)


def test_a_reference_is_a_link_element_holding_its_annotation(
        referring: tuple[Document, Path]) -> None:
    _, path = referring
    tree = struct_tree(path)
    links = [kid for node in tree.walk() if node.type == "P"
             for kid in node.kids if kid.type == "Link"]
    assert len(links) >= 2  # the two references (the text is the paragraph's, as a web link's)
    with pikepdf.open(path) as pdf:
        annotations = {a.objgen: a for _, a in _annotations(pdf)}
        reference = next(a for a in annotations.values() if str(a.Contents) == "Table 2")
        parent = pdf.Root.StructTreeRoot.ParentTree.Nums[
            list(pdf.Root.StructTreeRoot.ParentTree.Nums).index(reference.StructParent) + 1]
        assert parent.S == "/Link"
        kids = parent.K if isinstance(parent.K, pikepdf.Array) else [parent.K]
        objr = [kid for kid in kids if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"]
        assert [kid.Obj.objgen for kid in objr] == [reference.objgen]


def test_the_lists_follow_the_contents_with_each_captions_page(
        referring: tuple[Document, Path]) -> None:
    document, path = referring
    captioned = [n for n in iter_nodes(document) if isinstance(n, (Table, Figure))]
    labels = [f"{'Table' if isinstance(n, Table) else 'Figure'} {n.number}" for n in captioned]
    pages = _caption_pages(path, labels)
    contents_page = pdf_text(path).split("\f")[1]
    assert contents_page.index("Contents") < contents_page.index("List of tables") < \
        contents_page.index("List of figures")
    listed = dict(re.findall(r"^\s*((?:Table|Figure) \d+): .*?(\d+)\s*$", contents_page, re.M))
    assert {label: int(page) for label, page in listed.items()} == pages
    assert pages == {"Table 1": 4, "Table 2": 8, "Figure 1": 8, "Figure 2": 8}
    # Word's pre-filled lists are given the same pages (docx.caption_page_key: "Table 2")
    assert {label: heading_pages(document)[label] for label in labels} == pages


def test_each_list_entry_is_a_toci_whose_link_goes_to_its_caption(
        referring: tuple[Document, Path]) -> None:
    _, path = referring
    tree = next(node for node in struct_tree(path).walk() if node.type == "Document")
    tocs = [node for node in tree.kids if node.type == "TOC"]
    assert len(tocs) == 3  # the contents, the list of tables, the list of figures
    titles = [node.text[0] for node in tree.kids if node.type in ("H1", "H2")][:3]
    assert titles == ["Contents", "List of tables", "List of figures"]
    for toc, expected in zip(tocs[1:], (["Table 1:", "Table 2:"],
                                               ["Figure 1:", "Figure 2:"])):
        entries = [kid for kid in toc.kids if kid.type == "TOCI"]
        links = [entry.kids[0].kids[0] for entry in entries]
        assert [entry.kids[0].type for entry in entries] == ["Reference"] * 2
        assert [link.type for link in links] == ["Link"] * 2
        assert [link.text[0].split()[:2] for link in links] == [e.split() for e in expected]
        assert all(re.fullmatch(r"\d+", link.text[-1]) for link in links)
    with pikepdf.open(path) as pdf:
        on_contents = {str(a.Contents) for number, a in _annotations(pdf) if number == 2}
    assert "Table 2: Cost of offending by division" in on_contents


def test_the_file_passes_the_checks(referring: tuple[Document, Path]) -> None:
    _, path = referring
    assert pdfua_errors(path) == []
    assert tagging_problems(path) == []
    assert qpdf_check(path).returncode == 0


def test_without_references_or_lists_nothing_links_to_a_caption(fixture_pdf: Path) -> None:
    assert "List of tables" not in pdf_text(fixture_pdf)
    with pikepdf.open(fixture_pdf) as pdf:
        internal = [str(a.Contents) for _, a in _annotations(pdf) if "/Dest" in a]
    assert internal and not [text for text in internal if text.startswith(("Table", "Figure"))]


def test_references_alone_bookmark_only_their_targets(tmp_path: Path) -> None:
    from fixtures.documents import fixture_document

    path = tmp_path / "refs.pdf"
    path.write_bytes(render_pdf(_with_references_and_lists(fixture_document(), lists=False)))
    assert "List of tables" not in pdf_text(path)
    with pikepdf.open(path) as pdf:
        internal = {str(a.Contents) for _, a in _annotations(pdf) if "/Dest" in a}
    assert {"Table 2", "Figure 2"} <= internal
    assert not [text for text in internal if text.startswith(("Table 1", "Figure 1"))]
