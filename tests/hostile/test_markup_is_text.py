"""Markup in names and sources is text: printed as written in both formats, never obeyed.

A partnership, subtitle or data source may hold characters that mean something to ReportLab's
paragraph markup or to XML (``<font>``, ``&amp;``, ``]]>``). They are legitimate text, so the
build succeeds and each reader sees exactly what was written.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pikepdf
import pytest
from bundled_build import copy_bundled_project
from clients import pdf_text, qpdf_check
from document_text import squash
from lxml import etree

from assessment_doc.cli import main

PARTNERSHIP = 'Safer <font name="Courier" size="30">Maidstone</font> & Co ]]> <b>'
SUBTITLE = "Appendix 1 <br/> &amp; <![CDATA[x]]>"
SOURCE = "Kent Police <para>&nbsp;</para> ]]> & <i> \"quoted\""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    project = copy_bundled_project(tmp_path_factory.mktemp("markup") / "project")
    settings = project / "assessment.yaml"
    text = settings.read_text(encoding="utf-8")
    text = text.replace("partnership: Safer Maidstone Partnership",
                        f"partnership: '{PARTNERSHIP}'", 1)
    text = text.replace("subtitle: Appendix 1", f"subtitle: '{SUBTITLE}'", 1)
    settings.write_text(text, encoding="utf-8")
    manifest = project / "data" / "datasets.yaml"
    text = manifest.read_text(encoding="utf-8")
    start = text.index("  - id: recorded_crime")
    source = text.index("    source:", start)
    end = text.index("\n    transcribed_from:", source)
    manifest.write_text(text[:source] + f"    source: '{SOURCE}'" + text[end:], encoding="utf-8")
    assert main(["build", str(project)]) == 0
    out = project / "out"
    return {"pdf": next(out.glob("*.pdf")), "docx": next(out.glob("*.docx"))}


def test_the_pdf_prints_the_markup_as_written(built: dict[str, Path]) -> None:
    assert qpdf_check(built["pdf"]).returncode == 0
    text = squash(pdf_text(built["pdf"], "-raw"))
    for written in (PARTNERSHIP, SUBTITLE, SOURCE):
        assert squash(written) in text, written
    with pikepdf.open(built["pdf"]) as pdf:
        assert str(pdf.docinfo.Author) == PARTNERSHIP


def test_the_word_file_holds_the_markup_as_text(built: dict[str, Path]) -> None:
    with zipfile.ZipFile(built["docx"]) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        core = etree.fromstring(package.read("docProps/core.xml"))
    text = squash("".join(body.itertext()))
    for written in (PARTNERSHIP, SUBTITLE, SOURCE):
        assert squash(written) in text, written
    assert core.findtext("{http://purl.org/dc/elements/1.1/}creator") == PARTNERSHIP
