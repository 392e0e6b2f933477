"""Shared fixtures: the fixture document rendered once per test session, and its client views."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from clients import libreoffice_to_pdf  # noqa: E402
from fixtures.documents import fixture_document  # noqa: E402

from assessment_doc.model import Document, assign_numbers  # noqa: E402
from assessment_doc.render import render_docx, render_pdf  # noqa: E402


@pytest.fixture(scope="session")
def fixture_doc() -> Document:
    return assign_numbers(fixture_document())


@pytest.fixture(scope="session")
def fixture_pdf(tmp_path_factory: pytest.TempPathFactory, fixture_doc: Document) -> Path:
    """The fixture document written by the PDF renderer."""
    pdf = tmp_path_factory.mktemp("pdf") / "fixture.pdf"
    pdf.write_bytes(render_pdf(fixture_doc))
    return pdf


@pytest.fixture(scope="session")
def fixture_docx(tmp_path_factory: pytest.TempPathFactory, fixture_doc: Document) -> Path:
    """The fixture document written by the Word renderer."""
    docx = tmp_path_factory.mktemp("docx") / "fixture.docx"
    docx.write_bytes(render_docx(fixture_doc))
    return docx


@pytest.fixture(scope="session")
def fixture_docx_via_libreoffice(tmp_path_factory: pytest.TempPathFactory, fixture_docx: Path) -> Path:
    """LibreOffice's PDF of the fixture .docx."""
    return libreoffice_to_pdf(fixture_docx, tmp_path_factory.mktemp("libreoffice"))
