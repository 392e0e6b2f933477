"""Real clients read every file we generate: LibreOffice, qpdf, pdffonts and openxml-audit.

The files are the bundled Appendix (built through the command line, once per session) and the
fixture document (every node type). openxml-audit is a pure-Python port of the Open XML SDK's
validator; it is advisory, so what it reports is either fixed or listed below as a known false
positive with the reason it is one.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from bundled_build import BundledBuild, bundled_build, bundled_libreoffice_pdf
from clients import pdf_fonts, pdf_info, qpdf_check
from openxml_audit import OpenXmlValidator


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
