"""The same inputs give byte-identical files, whatever the process around the build.

Copies of the bundled project, at different paths, are built at the same time by separate
processes that differ in working directory, time zone, hash seed and locale; the .docx, the .pdf
and build-report.json must be the same bytes. The PDF renderer is also run with
SOURCE_DATE_EPOCH set, which reproducible-build tools set and ReportLab reads.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from bundled_build import STEM, copy_bundled_project

from assessment_doc.model import Document
from assessment_doc.render import every_format, render_pdf

OUTPUTS = [*(f"{STEM}.{name}" for name in every_format()), "build-report.json"]
"""What a build writes by default (--format all: Word, PDF, the HTML edition, the open data)."""


@dataclass(frozen=True)
class Run:
    cwd: Path
    args: list[str]
    env: dict[str, str]
    out: Path


def environment(overrides: dict[str, str]) -> dict[str, str]:
    varied = ("TZ", "PYTHONHASHSEED", "LANG", "LANGUAGE", "SOURCE_DATE_EPOCH")
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in varied}
    return {**inherited, **overrides}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two builds run at once; each name maps to the folder it wrote."""
    root = tmp_path_factory.mktemp("determinism")
    first = copy_bundled_project(root / "first" / "project")
    second = copy_bundled_project(root / "elsewhere" / "deeper" / "copy")
    working = root / "working"
    working.mkdir()
    runs = {
        # from inside the project, with the default output folder
        "base": Run(first, ["build"], {"TZ": "UTC", "PYTHONHASHSEED": "0", "LANG": "C.UTF-8"},
                    first / "out"),
        # from another folder, naming the project and the output folder by relative paths;
        # de_DE may not be installed: the build must not depend on it either way
        "elsewhere": Run(working, ["build", os.path.relpath(second, working), "-o", "built"],
                         {"TZ": "Pacific/Auckland", "PYTHONHASHSEED": "4242",
                          "LANG": "de_DE.UTF-8"}, working / "built"),
        }
    processes = {
        name: subprocess.Popen([sys.executable, "-m", "assessment_doc", *run.args], cwd=run.cwd,
                               env=environment(run.env), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
        for name, run in runs.items()
    }
    for process in processes.values():
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr
    return {name: run.out for name, run in runs.items()}


def differing(one: Path, other: Path, names: list[str]) -> list[str]:
    return [name for name in names if (one / name).read_bytes() != (other / name).read_bytes()]


def test_builds_in_different_folders_time_zones_hash_seeds_and_locales_are_byte_identical(
    builds: dict[str, Path],
) -> None:
    assert sorted(p.name for p in builds["base"].iterdir()) == sorted(OUTPUTS)
    assert differing(builds["base"], builds["elsewhere"], OUTPUTS) == []


def test_source_date_epoch_does_not_change_the_pdf(fixture_doc: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    without = render_pdf(fixture_doc)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")
    assert render_pdf(fixture_doc) == without


def test_the_pdf_is_dated_with_the_settings_date(fixture_pdf: Path, fixture_doc: Document) -> None:
    date = fixture_doc.metadata.date.replace("-", "")
    with pikepdf.open(fixture_pdf) as pdf:
        assert str(pdf.docinfo.CreationDate).startswith(f"D:{date}")
        assert str(pdf.docinfo.ModDate).startswith(f"D:{date}")
