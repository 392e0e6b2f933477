"""The PDF renderer, read back with poppler, qpdf and pypdf."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from clients import pdf_fonts, pdf_info, pdf_text, qpdf_check
from document_text import headings, missing_from, table_cells
from fixtures.documents import HOSTILE_AREA, LONG_WARD, fixture_document
from pypdf import PdfReader

from assessment_doc.errors import RenderError
from assessment_doc.model import Document, Metadata, Paragraph, runs
from assessment_doc.render import render_pdf


def test_it_shows_every_heading_in_order(fixture_doc: Document, fixture_pdf: Path) -> None:
    text = pdf_text(fixture_pdf, "-raw")
    body = text[text.index("1 Introduction\n", text.index("Appendix 1 – Information sources")) :]
    positions = [body.index(heading) for heading in headings(fixture_doc)]
    assert positions == sorted(positions)
    assert len(headings(fixture_doc)) == 8


def test_it_shows_every_table_cell(fixture_doc: Document, fixture_pdf: Path) -> None:
    assert missing_from(pdf_text(fixture_pdf, "-raw"), table_cells(fixture_doc)) == []


def test_contents_lists_each_heading_with_the_page_it_is_on(fixture_doc: Document, fixture_pdf: Path) -> None:
    pages = pdf_text(fixture_pdf).split("\f")
    contents = pages[1]
    assert "2.2.1 Third level" not in contents  # the contents lists levels 1 and 2
    for heading in [h for h in headings(fixture_doc) if h != "2.2.1 Third level"]:
        match = re.search(re.escape(heading) + r"[ .]*?(\d+)\s*$", contents, re.MULTILINE)
        assert match, f"{heading!r} not in the contents"
        page = int(match.group(1))
        assert heading in pages[page - 1], f"{heading!r} is not on page {page}"


def test_every_page_after_the_cover_says_page_x_of_y(fixture_pdf: Path) -> None:
    pages = [page for page in pdf_text(fixture_pdf).split("\f") if page.strip()]
    total = len(pages)
    assert total == int(pdf_info(fixture_pdf)["Pages"])
    assert "Page 1 of" not in pages[0]
    for number, page in enumerate(pages[1:], start=2):
        assert f"Page {number} of {total}" in page


def test_the_long_table_spans_three_pages_with_its_header_repeated(fixture_pdf: Path) -> None:
    pages = pdf_text(fixture_pdf).split("\f")
    with_rows = [page for page in pages if "Ward number" in page]
    assert len(with_rows) >= 3
    assert all(re.search(r"Ward\s+Incidents", page) for page in with_rows)


def test_the_long_paragraph_splits_across_a_page(fixture_pdf: Path) -> None:
    pages = pdf_text(fixture_pdf, "-raw").split("\f")
    first = next(i for i, page in enumerate(pages) if "Sentence 1 of a long" in page)
    last = next(i for i, page in enumerate(pages) if "Sentence 40 of a long" in page)
    assert last == first + 1


def test_text_from_data_is_escaped_not_interpreted(fixture_pdf: Path) -> None:
    raw = pdf_text(fixture_pdf, "-raw")
    assert HOSTILE_AREA in raw.replace("\n", " ")
    assert missing_from(raw, [LONG_WARD]) == []


def test_qpdf_finds_no_errors(fixture_pdf: Path) -> None:
    result = qpdf_check(fixture_pdf)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_every_font_is_embedded_truetype(fixture_pdf: Path) -> None:
    fonts = pdf_fonts(fixture_pdf)
    assert {font["name"].split("+")[-1] for font in fonts} == {
        "LiberationSans", "LiberationSans-Bold", "LiberationSans-Italic",
    }
    assert all(font["emb"] == "yes" and font["uni"] == "yes" for font in fonts)


def test_metadata_title_language_and_display_title(fixture_pdf: Path) -> None:
    info = pdf_info(fixture_pdf)
    assert info["Title"] == "Fixture Strategic Assessment"
    assert info["Author"] == "Safer Fixture Partnership"
    assert info["Subject"] == "Appendix 1 — Safer Fixture Partnership"
    root = PdfReader(fixture_pdf).trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True


def test_the_outline_has_every_section_nested(fixture_doc: Document, fixture_pdf: Path) -> None:
    def flatten(items: list, depth: int = 0) -> list[tuple[int, str]]:
        out = []
        for item in items:
            if isinstance(item, list):
                out.extend(flatten(item, depth + 1))
            else:
                out.append((depth, item.title))
        return out

    outline = flatten(PdfReader(fixture_pdf).outline)
    assert [title for _, title in outline] == headings(fixture_doc)
    assert [depth for depth, _ in outline] == [0, 1, 1, 0, 1, 1, 2, 0]


def test_two_renders_are_byte_identical(fixture_doc: Document) -> None:
    assert render_pdf(fixture_doc) == render_pdf(fixture_document())


def test_an_unreadable_picture_is_a_render_error() -> None:
    from assessment_doc.model import Figure

    broken = Figure(b"\x89PNG\r\n\x1a\n" + b"not really", "alt", "Broken")
    with pytest.raises(RenderError, match="cannot be read"):
        render_pdf(Document(Metadata("t"), (broken,)))


def test_a_minimal_document_renders() -> None:
    pdf = render_pdf(Document(Metadata("Only text"), (Paragraph(runs("Hello")),)))
    assert pdf.startswith(b"%PDF-")


def _count_passes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each render's number of multiBuild passes, from now on."""
    from assessment_doc.render import pdf as pdf_module

    counted: list[int] = []
    original = pdf_module._AssessmentDocTemplate.multiBuild

    def counting(self: object, story: list, **kwargs: object) -> int:
        passes = original(self, story, **kwargs)
        counted.append(passes)
        return passes

    monkeypatch.setattr(pdf_module._AssessmentDocTemplate, "multiBuild", counting)
    return counted


def test_one_pass_and_the_same_bytes_again(
        fixture_doc: Document, fixture_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The contents is laid out from the headings the document has and the page numbers are
    drawn at the end, so the story is laid out once, every time: the same bytes each render."""
    passes = _count_passes(monkeypatch)
    first = render_pdf(fixture_doc)
    second = render_pdf(fixture_doc)
    assert passes == [1, 1]
    assert first == second == fixture_pdf.read_bytes()


def test_an_edit_that_moves_every_later_page_is_numbered_in_one_pass(
        fixture_doc: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page break early on moves every later heading: still one pass, the footers count the
    pages there are, and the contents follows the headings (see test_pdf_one_pass for more)."""
    from dataclasses import replace

    from assessment_doc.model import PageBreak, Section

    index, section = next((i, child) for i, child in enumerate(fixture_doc.children)
                          if isinstance(child, Section))
    moved_section = replace(section, children=(PageBreak(), *section.children))
    moved = replace(fixture_doc, children=(*fixture_doc.children[:index], moved_section,
                                           *fixture_doc.children[index + 1:]))
    passes = _count_passes(monkeypatch)
    before, after = pdf_text_of(render_pdf(fixture_doc)), pdf_text_of(render_pdf(moved))
    assert passes == [1, 1]
    pages_before, pages_after = before.count("\f"), after.count("\f")
    assert pages_after == pages_before + 1
    import re

    footers = re.findall(r"Page (\d+) of (\d+)", after)
    assert [(int(n), int(total)) for n, total in footers] == [
        (n, pages_after) for n in range(2, pages_after + 1)]  # the cover has no footer


def pdf_text_of(pdf: bytes) -> str:
    import subprocess

    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()


def test_heading_pages_name_the_page_each_heading_is_printed_on(
        fixture_doc: Document, fixture_pdf: Path) -> None:
    """Every section at every level (2.2.1 too, which the contents leaves out), keyed by its
    bookmark, with the page that pdftotext finds its heading on; the page break before Appendix
    1 puts it after the long table's pages."""
    from assessment_doc.model import iter_sections
    from assessment_doc.render.pdf import heading_pages

    pages = heading_pages(fixture_doc)
    sections = list(iter_sections(fixture_doc.children))
    captions = {"Table 1", "Table 2", "Figure 1", "Figure 2"}  # for Word's lists of them
    assert set(pages) == {section.anchor for section in sections} | captions
    texts = pdf_text(fixture_pdf, "-raw").split("\f")
    assert all(f"{label}:" in texts[pages[label] - 1] for label in captions)
    for section in sections:
        assert section.heading in texts[pages[section.anchor] - 1], section.heading
    ordered = [pages[section.anchor] for section in sections]
    assert ordered == sorted(ordered) and ordered[0] == 3


def test_heading_pages_lay_out_a_document_not_rendered_yet(fixture_doc: Document) -> None:
    """Asked about a document this process never rendered, it lays the PDF out itself: a page
    break after the first heading moves the headings of that section one page on, and those
    after it no further (later pages may take up the slack)."""
    from dataclasses import replace

    from assessment_doc.model import PageBreak, Section, iter_sections
    from assessment_doc.render.pdf import heading_pages

    index, section = next((i, child) for i, child in enumerate(fixture_doc.children)
                          if isinstance(child, Section))
    moved = replace(fixture_doc, children=(*fixture_doc.children[:index],
                                           replace(section, children=(PageBreak(), *section.children)),
                                           *fixture_doc.children[index + 1:]))
    before, after = heading_pages(fixture_doc), heading_pages(moved)
    assert after[section.anchor] == before[section.anchor]
    inside = [s.anchor for s in iter_sections(section.children)]
    assert inside and all(after[key] == before[key] + 1 for key in inside)
    assert all(before[key] <= after[key] <= before[key] + 1 for key in before)
