"""Saving is atomic as a set: a failed or interrupted write leaves the earlier outputs whole."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import signal
from pathlib import Path

import pytest

from assessment_doc.errors import OutputError
from assessment_doc.render.save import check_writable, recover, write_all, write_atomic, write_set


def test_it_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "out" / "a.pdf"
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["a.pdf"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")

    def broken_replace(source: str, destination: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("assessment_doc.render.save.os.replace", broken_replace)
    with pytest.raises(OutputError, match="cannot write to this folder: the disk is full"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]


def old_set(folder: Path) -> dict[Path, bytes]:
    files = {folder / "a.docx": b"old docx", folder / "a.pdf": b"old pdf",
             folder / "build-report.json": b"old report"}
    write_set(files)
    return files


def new_set(folder: Path) -> dict[Path, bytes]:
    return {folder / "a.docx": b"new docx", folder / "a.pdf": b"new pdf",
            folder / "build-report.json": b"new report"}


def on_disk(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_full_disk_at_the_second_file_keeps_the_whole_old_set(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = old_set(tmp_path)
    real_fsync, calls = os.fsync, []

    def full_at_the_second_file(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(descriptor)

    monkeypatch.setattr("assessment_doc.render.save.os.fsync", full_at_the_second_file)
    with pytest.raises(OutputError) as raised:
        write_set(new_set(tmp_path))
    assert str(raised.value) == (
        f"{tmp_path}: cannot write to this folder: the disk is full (expected a folder you can "
        "write to, with room for the files, or another folder given with -o; the last build's "
        "files are kept)")
    assert on_disk(tmp_path) == dict(sorted(before.items()))


def test_the_file_size_limit_and_a_read_only_disk_are_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for code, words in ((errno.EFBIG, "the file is larger than the file-size limit allows"),
                        (errno.EROFS, "the disk is read-only"),
                        (errno.EDQUOT, "the disk quota is used up")):
        def refuse(*args: object, code: int = code) -> None:
            raise OSError(code, os.strerror(code))

        monkeypatch.setattr("assessment_doc.render.save.os.fsync", refuse)
        with pytest.raises(OutputError, match=f"cannot write to this folder: {words}"):
            write_set({tmp_path / "a.pdf": b"pdf"})
        assert list(tmp_path.iterdir()) == []


def test_ctrl_c_during_the_switch_waits_until_the_whole_set_is_in_place(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old_set(tmp_path)
    real_replace, renames = os.replace, []

    def interrupted_replace(source: str, destination: str) -> None:
        renames.append(Path(destination).name)
        if Path(destination).name == "a.docx":
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C after the commit, before the renames
        real_replace(source, destination)

    monkeypatch.setattr("assessment_doc.render.save.os.replace", interrupted_replace)
    with pytest.raises(KeyboardInterrupt):
        write_set(new_set(tmp_path))
    assert renames == [".build-report.json.commit.tmp", "a.docx", "a.pdf",
                       "build-report.json"]
    assert on_disk(tmp_path) == dict(sorted(new_set(tmp_path).items()))


def test_a_journal_left_by_a_kill_between_renames_is_finished_by_the_next_write(
        tmp_path: Path) -> None:
    old_set(tmp_path)
    # As a build killed after its first rename leaves the folder: the new .docx, the old PDF
    # and report, the new PDF and report in their temporaries, and the journal naming them.
    (tmp_path / "a.docx").write_bytes(b"new docx")
    (tmp_path / ".a.pdf.k1ll3d00.tmp").write_bytes(b"new pdf")
    (tmp_path / ".build-report.json.k1ll3d01.tmp").write_bytes(b"new report")
    (tmp_path / ".build-report.json.commit.tmp").write_text(json.dumps([
        [".a.docx.k1ll3d02.tmp", "a.docx"], [".a.pdf.k1ll3d00.tmp", "a.pdf"],
        [".build-report.json.k1ll3d01.tmp", "build-report.json"]]))
    (tmp_path / ".a.docx.0dd1eft0.tmp").write_bytes(b"a half-written temporary")
    recover(tmp_path)
    assert on_disk(tmp_path) == dict(sorted(new_set(tmp_path).items()))


def test_the_next_write_finishes_every_journal_and_removes_every_leftover_only(
        tmp_path: Path) -> None:
    # Another set's build killed between its renames, and temporaries of names no longer
    # written (a title changed since): all the next write's to clear.
    (tmp_path / "b.pdf").write_bytes(b"new b pdf")
    (tmp_path / ".b-report.json.abcdefgh.tmp").write_bytes(b"new b report")
    (tmp_path / ".b-report.json.commit.tmp").write_text(json.dumps([
        [".b.pdf.abcdefg0.tmp", "b.pdf"], [".b-report.json.abcdefgh.tmp", "b-report.json"]]))
    leftovers = [".old-title.pdf.abcdefgh.tmp", ".a.html.x_y_z_12.tmp", ".a.pdf.commit.tmp"]
    kept = [".a.pdf.tmp", "a.pdf.abcdefgh.tmp", ".notes.txt", ".b.pdf.toolong123.tmp"]
    for name in leftovers + kept:
        (tmp_path / name).write_text("[]")
    write_set({tmp_path / "a.pdf": b"pdf", tmp_path / "build-report.json": b"{}"})
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        kept + ["a.pdf", "build-report.json", "b.pdf", "b-report.json"])
    assert (tmp_path / "b-report.json").read_bytes() == b"new b report"


def test_a_file_in_the_place_of_the_folder_is_named(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("a file")
    with pytest.raises(OutputError, match="out: is a file, so it cannot be the output folder"):
        write_set({tmp_path / "out" / "a.pdf": b"pdf"})
    with pytest.raises(OutputError, match="out: is a file, so it cannot be a folder above"):
        check_writable(tmp_path / "out" / "deeper")
    check_writable(tmp_path / "not yet made")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_another_build_writing_into_the_folder_is_waited_for_then_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("assessment_doc.render.save.LOCK_WAIT_SECONDS", 0.2)
    descriptor = os.open(tmp_path, os.O_RDONLY)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    try:
        with pytest.raises(OutputError, match="another build is writing into this folder"):
            write_set({tmp_path / "a.pdf": b"pdf"})
    finally:
        os.close(descriptor)
    write_set({tmp_path / "a.pdf": b"pdf"})
    assert (tmp_path / "a.pdf").read_bytes() == b"pdf"


def test_write_all_writes_every_file(tmp_path: Path) -> None:
    files = {tmp_path / "a.pdf": b"1", tmp_path / "b.docx": b"2"}
    assert write_all(files) == list(files)
    assert (tmp_path / "b.docx").read_bytes() == b"2"
