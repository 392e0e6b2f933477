"""Library releases outside the supported ones are refused before a build, with both versions
named; pyproject.toml bounds the same libraries the same way."""

from __future__ import annotations

import importlib.metadata
import json
import platform
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from bundled_build import BundledBuild, bundled_build
from packaging.requirements import Requirement

import assessment_doc as ad
from assessment_doc import cli, versions
from assessment_doc.model import Document
from assessment_doc.versions import SUPPORTED, UnsupportedLibrary, require_supported

REPOSITORY = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> BundledBuild:
    return bundled_build(tmp_path_factory)


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


# --- provenance in build-report.json -----------------------------------------------------------


def test_the_build_report_records_the_package_python_and_library_versions(
        bundled: BundledBuild) -> None:
    built_with = json.loads(bundled.report.read_text(encoding="utf-8"))["built_with"]
    assert built_with["assessment_doc"] == importlib.metadata.version("assessment_doc")
    assert built_with["python"] == platform.python_version()
    libraries = built_with["libraries"]
    assert libraries["reportlab"] == importlib.metadata.version("reportlab")
    assert libraries["python-docx"] == importlib.metadata.version("python-docx")
    assert libraries["Pillow"] == importlib.metadata.version("Pillow")
    assert {"pandas", "matplotlib", "numpy", "markdown-it-py", "Jinja2", "PyYAML",
            "pydantic"} <= set(libraries)
    assert None not in libraries.values()


def test_the_build_report_records_the_checkout_s_commit(bundled: BundledBuild) -> None:
    if not (REPOSITORY / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not run from a git checkout")
    commit = json.loads(bundled.report.read_text(encoding="utf-8"))["built_with"]["commit"]
    # HEAD itself, or (when commits landed since the session's build) one of its ancestors
    ancestor = subprocess.run(["git", "merge-base", "--is-ancestor", commit, "HEAD"],
                              cwd=REPOSITORY, capture_output=True)
    assert len(commit) == 40 and ancestor.returncode == 0, commit


COMMIT = "0123456789abcdef0123456789abcdef01234567"


def _source_tree(root: Path) -> Path:
    """A source checkout's layout (``src/assessment_doc`` beside ``pyproject.toml``)."""
    package = root / "src" / "assessment_doc"
    package.mkdir(parents=True)
    (root / "pyproject.toml").write_text("[project]\nname = 'assessment_doc'\n")
    return package


def test_the_commit_is_read_from_a_loose_branch_ref(tmp_path: Path) -> None:
    package = _source_tree(tmp_path)
    (tmp_path / ".git" / "refs" / "heads").mkdir(parents=True)
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (tmp_path / ".git" / "refs" / "heads" / "main").write_text(COMMIT + "\n")
    assert versions.source_commit(package) == COMMIT


def test_the_commit_is_read_from_packed_refs_and_a_detached_head(tmp_path: Path) -> None:
    package = _source_tree(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/release\n")
    (tmp_path / ".git" / "packed-refs").write_text(
        "# pack-refs with: peeled fully-peeled sorted\n"
        f"{'f' * 40} refs/heads/main\n{COMMIT} refs/heads/release\n")
    assert versions.source_commit(package) == COMMIT
    (tmp_path / ".git" / "HEAD").write_text("e" * 40 + "\n")
    assert versions.source_commit(package) == "e" * 40


def test_a_linked_worktree_s_commit_is_read_through_its_git_file(tmp_path: Path) -> None:
    main_git = tmp_path / "main" / ".git"
    (main_git / "refs" / "heads").mkdir(parents=True)
    (main_git / "refs" / "heads" / "topic").write_text(COMMIT + "\n")
    linked = main_git / "worktrees" / "topic"
    linked.mkdir(parents=True)
    (linked / "HEAD").write_text("ref: refs/heads/topic\n")
    (linked / "commondir").write_text("../..\n")
    package = _source_tree(tmp_path / "topic")
    (tmp_path / "topic" / ".git").write_text(f"gitdir: {linked}\n")
    assert versions.source_commit(package) == COMMIT


def test_no_commit_outside_a_readable_checkout(tmp_path: Path) -> None:
    installed = tmp_path / "site-packages" / "assessment_doc"
    installed.mkdir(parents=True)
    (tmp_path / ".git").mkdir()  # a repository around a virtual environment is not ours
    (tmp_path / ".git" / "HEAD").write_text("e" * 40 + "\n")
    assert versions.source_commit(installed) is None
    package = _source_tree(tmp_path / "checkout")
    assert versions.source_commit(package) is None  # no .git
    (tmp_path / "checkout" / ".git").mkdir()
    (tmp_path / "checkout" / ".git" / "HEAD").write_text("ref: refs/heads/gone\n")
    assert versions.source_commit(package) is None  # a branch with no commit yet
    (tmp_path / "checkout" / ".git" / "HEAD").write_text("not a commit\n")
    assert versions.source_commit(package) is None
