"""What the preview looks at on each poll: every file of the settings, ``data/`` and
``content/`` (subfolders too), by size and modification time; not hidden files or editors'
backups; and the files the settings name (the logo)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fixtures.small_project import SETTINGS, small_project

from assessment_doc import preview as preview_module
from assessment_doc.preview import Preview, stamp


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return small_project(tmp_path / "project")


def test_an_edit_of_the_same_size_a_new_file_in_a_subfolder_and_a_removal_are_seen(
        project: Path) -> None:
    first = stamp(project)
    summary = project / "content" / "01-summary.md"
    os.utime(summary, ns=(1, 1))  # the same bytes, saved again: only the time differs
    second = stamp(project)
    assert second[1] != first[1] and second[0] == first[0]
    (project / "data" / "more").mkdir()
    (project / "data" / "more" / "extra.csv").write_text("area\n")
    third = stamp(project)
    assert str(project / "data" / "more" / "extra.csv") in {path for path, _, _ in third[0]}
    (project / "data" / "more" / "extra.csv").unlink()
    assert stamp(project) == second
    (project / "assessment.yaml").write_text(SETTINGS + "\n")
    assert stamp(project)[0] != second[0]


def test_hidden_files_and_editors_backups_are_not_watched(project: Path) -> None:
    before = stamp(project)
    for name in (".01-summary.md.swp", "01-summary.md~", "#01-summary.md#", ".git"):
        (project / "content" / name).write_text("typing")
    (project / "data" / ".cache").mkdir()
    (project / "data" / ".cache" / "x.csv").write_text("typing")
    assert stamp(project) == before


def test_one_poll_stats_each_file_once_and_reads_each_folder_once(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cost of a poll in calls (not in time): one scandir of each folder, one stat of
    each file (rglob with is_file and stat made two a file, and more for each folder)."""
    (project / "content" / "notes").mkdir()
    (project / "content" / "notes" / "a.md").write_text("x")
    calls = {"scandir": 0}
    real_scandir = os.scandir

    def counted_scandir(path: str):  # type: ignore[no-untyped-def]
        calls["scandir"] += 1
        return real_scandir(path)

    monkeypatch.setattr(preview_module.os, "scandir", counted_scandir)
    files = stamp(project)
    watched = len(files[0]) + len(files[1])
    assert watched == 1 + len(list((project / "data").iterdir())) + 2
    assert calls["scandir"] == 3  # data/, content/, content/notes/


def test_a_logo_the_settings_name_is_watched_once_the_project_is_loaded(
        project: Path, tmp_path: Path) -> None:
    from PIL import Image

    (project / "images").mkdir()
    Image.new("RGB", (40, 20), "#1F3864").save(project / "images" / "logo.png")
    (project / "assessment.yaml").write_text(SETTINGS + "style:\n  logo: images/logo.png\n")
    lines: list[str] = []
    watching = Preview(project, ["html"], report=lines.append)
    assert watching.refresh() is True, lines
    assert watching.refresh() is False
    loaded = watching._project
    Image.new("RGB", (40, 20), "#0B6E4F").save(project / "images" / "logo.png")
    os.utime(project / "images" / "logo.png", ns=(2, 2))
    assert watching.refresh() is True, lines
    assert watching._project is not loaded  # the logo is read with the settings
    assert watching.refresh() is False
