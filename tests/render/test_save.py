"""Saving is atomic: a failed render or write leaves earlier outputs untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment_doc.render.save import write_all, write_atomic


def test_it_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "out" / "a.pdf"
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["a.pdf"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")

    def broken_replace(source: str, destination: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("assessment_doc.render.save.os.replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]


def test_write_all_writes_every_file(tmp_path: Path) -> None:
    files = {tmp_path / "a.pdf": b"1", tmp_path / "b.docx": b"2"}
    assert write_all(files) == list(files)
    assert (tmp_path / "b.docx").read_bytes() == b"2"
