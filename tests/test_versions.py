"""Library releases outside the supported ones are refused before a build, with both versions
named; pyproject.toml bounds the same libraries the same way."""

from __future__ import annotations

import importlib.metadata
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

import assessment_doc as ad
from assessment_doc import cli, versions
from assessment_doc.model import Document
from assessment_doc.versions import SUPPORTED, UnsupportedLibrary, require_supported

REPOSITORY = Path(__file__).resolve().parents[1]


def _installed_as(monkeypatch: pytest.MonkeyPatch, **releases: str) -> None:
    """Make importlib.metadata report ``releases`` (distribution -> version) as installed."""
    real = importlib.metadata.version

    def version(distribution: str) -> str:
        return releases.get(distribution.replace("-", "_"), None) or real(distribution)

    monkeypatch.setattr(importlib.metadata, "version", version)


def test_pyproject_bounds_each_supported_library_as_versions_says() -> None:
    project = tomllib.loads((REPOSITORY / "pyproject.toml").read_text(encoding="utf-8"))
    declared = {Requirement(line).name: str(Requirement(line).specifier)
                for line in project["project"]["dependencies"]}
    for distribution, supported in SUPPORTED.items():
        assert sorted(declared[distribution].split(",")) == sorted(supported.split(","))


def test_pillow_and_packaging_are_declared() -> None:
    project = tomllib.loads((REPOSITORY / "pyproject.toml").read_text(encoding="utf-8"))
    names = {Requirement(line).name.lower() for line in project["project"]["dependencies"]}
    assert {"pillow", "packaging"} <= names


def test_the_installed_releases_are_supported() -> None:
    assert versions.unsupported(SUPPORTED) == []


def test_reportlab_5_2_is_refused_naming_both_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    _installed_as(monkeypatch, reportlab="5.2.0")
    with pytest.raises(UnsupportedLibrary) as raised:
        require_supported(["pdf"])
    (problem,) = raised.value.problems
    assert problem.message.startswith("reportlab 5.2.0 is installed, but assessment_doc ")
    assert "supports only reportlab>=4.2.5,<5.2" in problem.message
    assert "pip install 'reportlab>=4.2.5,<5.2'" in problem.message


def test_a_release_below_the_bound_is_refused_too(monkeypatch: pytest.MonkeyPatch) -> None:
    _installed_as(monkeypatch, reportlab="4.0.0")
    with pytest.raises(UnsupportedLibrary, match="reportlab 4.0.0 is installed"):
        require_supported(["pdf"])


def test_only_the_libraries_of_the_formats_built_are_checked(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _installed_as(monkeypatch, reportlab="5.2.0")
    require_supported(["docx"])  # the Word file does not go through ReportLab
    _installed_as(monkeypatch, python_docx="2.0.0", Jinja2="4.0.1")
    with pytest.raises(UnsupportedLibrary) as raised:
        require_supported(["docx"])
    assert [p.message.split(" is installed")[0] for p in raised.value.problems] == [
        "Jinja2 4.0.1", "python-docx 2.0.0"]


def test_a_version_that_is_no_release_number_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    _installed_as(monkeypatch, reportlab="unknown")
    with pytest.raises(UnsupportedLibrary, match="reportlab unknown is installed"):
        require_supported(["pdf"])


def test_the_build_command_exits_2_naming_the_versions_and_writes_nothing(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _installed_as(monkeypatch, reportlab="5.2.0")
    out = tmp_path / "out"
    status = cli.main(["build", str(REPOSITORY), "-o", str(out)])
    err = capsys.readouterr().err
    assert status == 2
    assert "reportlab 5.2.0 is installed" in err and "reportlab>=4.2.5,<5.2" in err
    assert "Internal error" not in err and "Traceback" not in err
    assert not out.exists()


def test_to_bytes_checks_the_format_s_library(monkeypatch: pytest.MonkeyPatch,
                                              fixture_doc: Document) -> None:
    _installed_as(monkeypatch, python_docx="2.0.0")
    with pytest.raises(UnsupportedLibrary, match="python-docx 2.0.0 is installed"):
        ad.to_bytes(fixture_doc, "docx")
