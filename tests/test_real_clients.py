"""Real clients read every file we generate: LibreOffice, qpdf, pdffonts and openxml-audit.

The files are the bundled Appendix (built through the command line, once per session) and the
fixture document (every node type). openxml-audit is a pure-Python port of the Open XML SDK's
validator; it is advisory, so what it reports is either fixed or listed below as a known false
positive with the reason it is one.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from bundled_build import BundledBuild, bundled_build, bundled_libreoffice_pdf
from clients import pdf_fonts, pdf_info, pdf_text, qpdf_check, run
from lxml import etree
from openxml_audit import OpenXmlValidator

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> BundledBuild:
    return bundled_build(tmp_path_factory)


@pytest.fixture(scope="module")
def bundled_via_libreoffice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bundled_libreoffice_pdf(tmp_path_factory)


@pytest.fixture(scope="module")
def pdfs(bundled: BundledBuild, fixture_pdf: Path) -> dict[str, Path]:
    return {"bundled": bundled.pdf, "fixture": fixture_pdf}


@pytest.fixture(scope="module")
def docxs(bundled: BundledBuild, fixture_docx: Path) -> dict[str, Path]:
    return {"bundled": bundled.docx, "fixture": fixture_docx}


def pages(pdf: Path) -> int:
    return int(pdf_info(pdf)["Pages"])


def assert_similar_page_counts(ours: int, libreoffice: int) -> None:
    """LibreOffice lays the Word file out itself, but with the PDF's metrics: Liberation Sans
    for the Arial the file names (the font our PDF embeds, both installed by .ci/run), the PDF's
    line heights, spacing, table widths and keeps. Only its own way of filling a page is left,
    so the page counts differ by two at most, and the Word contents' page numbers (the PDF's)
    stay close to true in LibreOffice and Word."""
    print(f"pages: our PDF {ours}, LibreOffice's PDF of the .docx {libreoffice}")
    assert abs(libreoffice - ours) <= 2, (
        f"LibreOffice made {libreoffice} pages of the .docx; our PDF of the same model has {ours}")


# --- LibreOffice --------------------------------------------------------------------------------


def test_libreoffice_converts_the_bundled_appendix(bundled: BundledBuild, bundled_via_libreoffice: Path) -> None:
    info = pdf_info(bundled_via_libreoffice)
    assert "A4" in info["Page size"]
    assert_similar_page_counts(pages(bundled.pdf), pages(bundled_via_libreoffice))


def contents_of(docx: Path) -> list[tuple[str, int]]:
    """The Word contents as written: each line's heading and the page it prints (the shown
    result of its PAGEREF field, the line's last text)."""
    with zipfile.ZipFile(docx) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    lines = []
    for link in body.xpath("//w:p[starts-with(w:pPr/w:pStyle/@w:val, 'TOC') and "
                           "w:pPr/w:pStyle/@w:val != 'TOCHeading']/w:hyperlink",
                           namespaces={"w": W}):
        texts = link.xpath(".//w:t/text()", namespaces={"w": W})
        lines.append((texts[0], int(texts[-1])))
    return lines


def test_the_word_contents_pages_hold_in_libreoffice(bundled: BundledBuild,
                                                     bundled_via_libreoffice: Path) -> None:
    """The page numbers the Word contents prints (the PDF's) are where LibreOffice puts each
    heading, give or take a page: LibreOffice fills a page with the PDF's metrics and keeps,
    but cannot set text before a table or figure that floats to the next page, as the PDF
    does."""
    pages = [[" ".join(line.split()) for line in page.splitlines()]
             for page in pdf_text(bundled_via_libreoffice, "-raw").split("\f")]
    contents = contents_of(bundled.docx)
    found = {}
    for heading, printed in contents:  # a heading's line, or the first line of a long one
        found[heading] = next(number for number, lines in enumerate(pages, start=1)
                              if number > 3 and any(line == heading or (
                                  len(line) > 30 and heading.startswith(line)) for line in lines))
    exact = sum(found[heading] == printed for heading, printed in contents)
    print(f"Word contents: {exact} of {len(contents)} page numbers exact in LibreOffice")
    assert {heading: (printed, found[heading]) for heading, printed in contents
            if abs(found[heading] - printed) > 1} == {}


def test_libreoffice_draws_the_cover_as_our_pdf_does(fixture_pdf: Path,
                                                     fixture_docx_via_libreoffice: Path) -> None:
    """The cover's title, subtitle and lines stand where the PDF has them, within 10 pt: each
    program places a line's text within its line height its own way (ReportLab a leading below
    the top of the paragraph, LibreOffice an ascent below), which moves a line by some points,
    not by a line."""
    def first_page_lines(pdf: Path) -> dict[str, float]:
        words = re.findall(r'yMin="([\d.]+)"[^>]*>([^<]+)<',
                           run("pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-").stdout)
        return {word: float(y) for y, word in reversed(words)}
    ours, libreoffice = first_page_lines(fixture_pdf), first_page_lines(fixture_docx_via_libreoffice)
    words = ("Fixture", "Appendix", "Fixtureshire", "March")
    assert {word: round(libreoffice[word] - ours[word], 1) for word in words
            if abs(libreoffice[word] - ours[word]) > 10} == {}
    assert ours["March"] - ours["Fixture"] > 100  # the lines are apart: a cover, not a list


def test_libreoffice_converts_the_fixture_document(fixture_pdf: Path, fixture_docx_via_libreoffice: Path) -> None:
    info = pdf_info(fixture_docx_via_libreoffice)
    assert "A4" in info["Page size"]
    assert_similar_page_counts(pages(fixture_pdf), pages(fixture_docx_via_libreoffice))


# --- qpdf and pdffonts ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["bundled", "fixture"])
def test_qpdf_finds_no_error(pdfs: dict[str, Path], name: str) -> None:
    result = qpdf_check(pdfs[name])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


@pytest.mark.parametrize("name", ["bundled", "fixture"])
def test_every_font_is_embedded_with_a_unicode_map(pdfs: dict[str, Path], name: str) -> None:
    fonts = pdf_fonts(pdfs[name])
    assert fonts, "pdffonts lists no font"
    assert [f["name"] for f in fonts if f["emb"] != "yes"] == []
    assert [f["name"] for f in fonts if f["uni"] != "yes"] == []  # text can be copied and read aloud


# --- openxml-audit --------------------------------------------------------------------------------

# openxml-audit first reported two real schema errors (w:pBdr and w:updateFields out of schema
# order, fixed in 3564a82) and one false positive: tblHeader/cantSplit written w:val="true",
# which ECMA-376 allows (CT_OnOff) but the Open XML SDK's rules do not. They are now written
# bare, as Word writes them, so the audit must find nothing at all.


@pytest.fixture(scope="module")
def audit(docxs: dict[str, Path]) -> dict[str, Counter[tuple[str, str, str]]]:
    """Each .docx's schema, semantic and package errors, counted by kind and place."""
    validator = OpenXmlValidator(max_errors=100_000)
    found = {}
    for name, docx in docxs.items():
        result = validator.validate(str(docx))
        found[name] = Counter(
            (error.part_uri or "", re.sub(r"\[\d+\]", "", error.path or ""), error.description)
            for error in result.errors
        )
    return found


@pytest.mark.parametrize("name", ["bundled", "fixture"])
def test_openxml_audit_reports_no_error(audit: dict[str, Counter[tuple[str, str, str]]], name: str) -> None:
    assert dict(audit[name]) == {}
