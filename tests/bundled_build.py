"""The bundled project built once per test session, through the command line, for the tests that
read its files with real clients and accessibility checks.

Several test modules need the same .docx and .pdf; building takes seconds, so the first caller
builds a copy of the bundled project in a temporary folder and later callers get the same files.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from clients import libreoffice_to_pdf

from assessment_doc.cli import main

REPOSITORY = Path(__file__).resolve().parents[1]
STEM = "strategic-assessment-2016-17-appendix-1"


@dataclass(frozen=True)
class BundledBuild:
    """A copy of the bundled project and what ``assessment-doc build`` wrote for it."""

    project: Path
    docx: Path
    pdf: Path
    report: Path


_built: list[BundledBuild] = []
_converted: list[Path] = []


def copy_bundled_project(target: Path) -> Path:
    """A copy of the bundled project's inputs (settings, content, data) at ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPOSITORY / "assessment.yaml", target)
    shutil.copytree(REPOSITORY / "data", target / "data")
    shutil.copytree(REPOSITORY / "content", target / "content")
    return target


def bundled_build(factory: pytest.TempPathFactory) -> BundledBuild:
    """The bundled project built with ``assessment-doc build`` (once per session)."""
    if not _built:
        project = copy_bundled_project(factory.mktemp("bundled") / "project")
        status = main(["build", str(project)])
        assert status == 0, "the bundled project does not build"
        out = project / "out"
        _built.append(BundledBuild(project, out / f"{STEM}.docx", out / f"{STEM}.pdf",
                                   out / "build-report.json"))
    return _built[0]


def bundled_libreoffice_pdf(factory: pytest.TempPathFactory) -> Path:
    """LibreOffice's PDF of the bundled .docx (converted once per session)."""
    if not _converted:
        docx = bundled_build(factory).docx
        _converted.append(libreoffice_to_pdf(docx, factory.mktemp("libreoffice-bundled")))
    return _converted[0]
