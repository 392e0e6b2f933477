"""One PDF layout pass (issue 18): the page numbers only known at the end are drawn at the end.

The footers' "Page X of Y" and the contents' (and the lists of tables' and figures') leaders and
page numbers are form XObjects that the pages paint during the one layout pass and that are
filled in when the canvas is saved. These tests show that this is the two-pass result: a render
forced to lay the story out twice gives the same bytes (the bundled Appendix, with and without
its lists of tables and figures, the small fixture project and the fixture document); every
number the contents prints is the page pdftotext finds its heading (or caption) on, and the
number belongs to the entry's Link element; every footer reads "Page n of N". A contents laid
out from entries that are not the ones drawn is laid out again (the fallback), with the same
bytes as a render that needed no second pass.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest
from document_text import squash
from fixtures.small_project import small_project

from assessment_doc.api import build_document
from assessment_doc.model import Contents, Document, Paragraph, runs
from assessment_doc.project import load_project
from assessment_doc.render import pdf as pdf_module
from assessment_doc.render import pdf_flowables

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bundled_doc() -> Document:
    return build_document(load_project(REPOSITORY))


@pytest.fixture(scope="module")
def bundled_with_lists(bundled_doc: Document) -> Document:
    """The bundled Appendix with a list of tables and a list of figures after its contents."""
    return replace(bundled_doc, children=tuple(
        replace(child, lists_of_tables_and_figures=True) if isinstance(child, Contents) else child
        for child in bundled_doc.children))


@pytest.fixture(scope="module")
def small_doc(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return build_document(load_project(small_project(tmp_path_factory.mktemp("small") / "project")))


DOCUMENTS = ["bundled_doc", "bundled_with_lists", "small_doc", "fixture_doc"]


@pytest.fixture(scope="module")
def rendered(request: pytest.FixtureRequest) -> dict[str, bytes]:
    """Each document's PDF, rendered once for the module (as ``render_pdf`` renders it)."""
    return {name: pdf_module.render_pdf(request.getfixturevalue(name)) for name in DOCUMENTS}


def _count_passes(monkeypatch: pytest.MonkeyPatch) -> tuple[list[int], list[int]]:
    """Each render's number of layout passes, and the page count of each pass, from now on."""
    passes: list[int] = []
    pages: list[int] = []
    template = pdf_module._AssessmentDocTemplate
    multi_build, build = template.multiBuild, template.build

    def counting(self: pdf_module._AssessmentDocTemplate, story: list, **kwargs: object) -> int:
        count = multi_build(self, story, **kwargs)
        passes.append(count)
        return count

    def paging(self: pdf_module._AssessmentDocTemplate, *args: object, **kwargs: object) -> None:
        build(self, *args, **kwargs)
        pages.append(self.canv.pages_shown())

    monkeypatch.setattr(template, "multiBuild", counting)
    monkeypatch.setattr(template, "build", paging)
    return passes, pages


@pytest.mark.parametrize("name", DOCUMENTS)
def test_one_pass_gives_the_bytes_of_two(name: str, request: pytest.FixtureRequest,
                                         rendered: dict[str, bytes],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    document = request.getfixturevalue(name)
    passes, _ = _count_passes(monkeypatch)
    once = pdf_module._render_pdf(document, glyphless_allowed=False)
    twice = pdf_module._render_pdf(document, glyphless_allowed=False, passes=2)
    assert passes == [1, 2]
    assert once == twice == rendered[name]


def _pages(pdf: bytes) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    return text.split("\f")[:-1]  # the text ends with a form feed


def _contents_links(pdf: bytes, *, squashed: bool = True) -> list[tuple[str, str]]:
    """Each Link of the contents (and of the lists of tables and figures) as the structure tree
    reads it (``pdfinfo -struct-text``): the entry's words (without spaces, unless not
    ``squashed``), and the number its last marked content holds."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:  # pdfinfo reads no pipe
        file.write(pdf)
        file.flush()
        with_path = subprocess.run(["pdfinfo", "-struct-text", file.name], capture_output=True,
                                   check=True).stdout.decode()
    links: list[tuple[str, str]] = []
    lines = with_path.splitlines()
    toc_depth: int | None = None  # the indentation of the outermost TOC we are in
    for index, line in enumerate(lines):
        stripped, depth = line.strip(), len(line) - len(line.lstrip())
        if toc_depth is not None and depth <= toc_depth and stripped != "TOC":
            toc_depth = None
        if stripped == "TOC" and toc_depth is None:
            toc_depth = depth
        if toc_depth is None or stripped != "Link (inline)":
            continue
        texts = []
        for inner in lines[index + 1:]:
            if len(inner) - len(inner.lstrip()) <= depth:
                break
            if inner.strip().startswith('"'):
                texts.append(inner.strip()[1:-1])
        words = " ".join(texts[:-1])
        links.append((squash(words) if squashed else words, texts[-1]))
    return links


@pytest.mark.parametrize("name", DOCUMENTS)
def test_each_contents_number_is_the_page_its_heading_is_on(
        name: str, request: pytest.FixtureRequest, rendered: dict[str, bytes]) -> None:
    """The number each contents entry's Link holds (the form's text, read through the
    structure tree) is the page pdftotext first finds the entry's words at the start of a line
    on, after the contents; every heading the contents lists has its entry."""
    pdf = rendered[name]
    pages = _pages(pdf)
    links = _contents_links(pdf)
    document = request.getfixturevalue(name)
    contents = next(child for child in document.children if isinstance(child, Contents))
    listed = [section for section in pdf_module.iter_sections(document.children)
              if section.level <= contents.depth]
    assert len(links) >= len(listed) > 0
    with_leaders = [number for number, page in enumerate(pages, start=1) if ". . . . ." in page]
    after_contents = max(with_leaders) + 1
    for words, number in links:
        assert number.isdigit(), (words, number)
        start = words[:30]
        found = next(page for page in range(after_contents, len(pages) + 1)
                     if any(squash(line).startswith(start)
                            for line in pages[page - 1].splitlines()))
        assert int(number) == found, words
    if name == "bundled_with_lists":  # the lists' entries too: "Table 1: ..." and "Figure 1: ..."
        assert {"Table", "Figure"} <= {words.split(maxsplit=1)[0].rstrip("0123456789:")
                                       for words, _ in _contents_links(pdf, squashed=False)}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_footer_reads_page_n_of_the_page_count(name: str, rendered: dict[str, bytes]) -> None:
    pages = _pages(rendered[name])
    count = len(pages)
    assert "Page " not in pages[0]  # the cover has no footer
    for number, text in enumerate(pages[1:], start=2):
        footer = [line for line in text.splitlines() if line.strip()][-1]
        assert footer.strip().endswith(f"Page {number} of {count}"), (number, footer)


def test_the_late_forms_hold_no_marked_content_and_are_painted_inside_some(
        rendered: dict[str, bytes]) -> None:
    """A form painted inside marked content belongs to it whole, and may hold none of its own
    (ISO 32000-1, 14.7.4.2): each page paints its late forms between BDC and EMC only."""
    with pikepdf.open(io.BytesIO(rendered["bundled_with_lists"])) as pdf:
        painted = 0
        for page in pdf.pages:
            forms = {name: xobject for name, xobject in page.Resources.get("/XObject", {}).items()
                     if xobject.get("/Subtype") == "/Form"}
            depth = 0
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) in ("BDC", "BMC"):
                    depth += 1
                elif str(operator) == "EMC":
                    depth -= 1
                elif str(operator) == "Do" and str(operands[0]) in forms:
                    assert depth == 1, operands[0]
                    painted += 1
                    inner = {str(op) for _, op in pikepdf.parse_content_stream(
                        forms[str(operands[0])])}
                    assert not inner & {"BDC", "BMC", "EMC", "MP", "DP"}
        pages = len(pdf.pages)
    links = len(_contents_links(rendered["bundled_with_lists"]))
    assert painted == (pages - 1) + 2 * links  # a footer a page, leaders and number an entry


@pytest.mark.parametrize("change", ["shorter", "longer"])
def test_a_contents_laid_out_wrong_is_laid_out_again(
        change: str, bundled_doc: Document, rendered: dict[str, bytes],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The fallback: when the contents laid out first is not the one the headings make (here
    it is given half its entries, or each twice, so that it is a page shorter or longer and
    every later page moves), the story is laid out again with the entries drawn, and the
    result is the one-pass render's."""
    original = pdf_flowables.Contents.__init__

    def wrong(self: pdf_flowables.Contents, *args: object, expected: list = (),
              **kwargs: object) -> None:
        expected = list(expected)
        expected = expected[: len(expected) // 2] if change == "shorter" else [
            entry for entry in expected for _ in (1, 2)]
        original(self, *args, expected=expected, **kwargs)

    monkeypatch.setattr(pdf_flowables.Contents, "__init__", wrong)
    passes, pages = _count_passes(monkeypatch)
    pdf = pdf_module.render_pdf(bundled_doc)
    assert passes == [2]
    assert pages[0] != pages[1]  # the first pass's numbering was not the document's
    assert pdf == rendered["bundled_doc"]


def test_heading_pages_lay_the_document_out_once(fixture_doc: Document,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The Word file's page numbers, for a document this process has not rendered: one pass."""
    changed = replace(fixture_doc, children=(*fixture_doc.children, Paragraph(runs("One more."))))
    passes, _ = _count_passes(monkeypatch)
    pages = pdf_module.heading_pages(changed)
    assert passes == [1]
    assert pages == pdf_module.heading_pages(changed)  # remembered: no layout again
    assert passes == [1]


def test_a_contents_with_no_heading_to_list_draws_no_entry() -> None:
    """Nothing to list: no row (two-pass layout drew its first pass's placeholder line, "Placeholder
    for table of contents", into the finished file); the text goes on after the contents' page."""
    from assessment_doc.model import Metadata

    pages = _pages(pdf_module.render_pdf(Document(Metadata("No sections"), (
        Contents(), Paragraph(runs("Only a paragraph."))))))
    assert [[line.strip() for line in page.splitlines() if line.strip()] for page in pages] == [
        ["Contents"], ["Only a paragraph."]]  # (no cover: the cover template goes on, unnumbered)
