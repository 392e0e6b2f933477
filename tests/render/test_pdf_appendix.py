"""The bundled 2016-17 Appendix, built from the repository's own project, is a tagged PDF.

The same checks as the fixture document's (see ``test_pdf_tagging``), on the real document:
``pdfinfo`` says it is tagged, its reading order (headings, table header cells, figures with their
alt text) is the model's, every marked-content id is claimed once and nothing is painted untagged,
qpdf and the pdfua package find nothing wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from clients import pdf_info, qpdf_check
from test_pdf_tagging import (
    font_program_problems,
    heading_level_problems,
    model_order,
    pdfua_errors,
    reading_order,
    struct_tree,
    tagging_problems,
)

from assessment_doc.builder import build_document
from assessment_doc.model import Document, Figure, Table, assign_numbers, iter_nodes
from assessment_doc.project import load_project
from assessment_doc.render.pdf import render_pdf

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def appendix() -> Document:
    return assign_numbers(build_document(load_project(REPO)))


@pytest.fixture(scope="module")
def appendix_pdf(tmp_path_factory: pytest.TempPathFactory, appendix: Document) -> Path:
    path = tmp_path_factory.mktemp("appendix") / "appendix.pdf"
    path.write_bytes(render_pdf(appendix))
    return path


def test_pdfinfo_says_tagged(appendix_pdf: Path) -> None:
    info = pdf_info(appendix_pdf)
    assert info["Tagged"] == "yes"
    assert int(info["Pages"]) > 30


def test_the_reading_order_is_the_models(appendix: Document, appendix_pdf: Path) -> None:
    order = reading_order(appendix_pdf)
    assert order == model_order(appendix)
    kinds = [kind for kind, _ in order]
    assert kinds.count("figure") == sum(isinstance(n, Figure) for n in iter_nodes(appendix)) > 0
    assert kinds.count("header cell") == sum(
        len(n.columns) for n in iter_nodes(appendix) if isinstance(n, Table)) > 0


def test_every_marked_content_is_claimed_once_and_nothing_is_painted_untagged(appendix_pdf: Path) -> None:
    assert tagging_problems(appendix_pdf) == []


def test_the_pdfua_package_finds_nothing(appendix_pdf: Path) -> None:
    assert pdfua_errors(appendix_pdf) == []


def test_fonts_are_symbolic_truetype_with_the_programs_widths(appendix_pdf: Path) -> None:
    assert font_program_problems(appendix_pdf) == []


def test_headings_start_at_h1_and_skip_no_level(appendix_pdf: Path) -> None:
    assert heading_level_problems(struct_tree(appendix_pdf)) == []


def test_two_renders_are_byte_identical(appendix: Document, appendix_pdf: Path) -> None:
    assert render_pdf(appendix) == appendix_pdf.read_bytes()


def test_qpdf_finds_no_errors(appendix_pdf: Path) -> None:
    result = qpdf_check(appendix_pdf)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout
