"""A build replaces the last build's set, not only the files of the same names: the files the
last report lists that this build does not write are removed with the commit, and nothing
else (the clerk's own files, a file edited by hand since, another area's set) ever is."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.small_project import small_project

from assessment_doc.errors import OutputError
from assessment_doc.render.save import recover, write_atomic, write_set

REPORT = "build-report.json"
STEM = "strategic-assessment-2016-17-appendix-1"


def report(documents: dict[str, bytes]) -> bytes:
    """A build report as :func:`assessment_doc.api.build_report` writes its ``outputs``."""
    outputs = {name: hashlib.sha256(data).hexdigest() for name, data in documents.items()}
    return json.dumps({"area": "Maidstone", "outputs": outputs}, indent=2).encode()


def a_set(folder: Path, documents: dict[str, bytes], report_name: str = REPORT
          ) -> dict[Path, bytes]:
    files = {folder / name: data for name, data in documents.items()}
    files[folder / report_name] = report(documents)
    return files


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


FIRST = {"a.pdf": b"pdf 1", "a-table-01-crime.csv": b"csv 1", "a-table-02-asb.csv": b"csv 2"}


def test_files_of_the_last_set_this_one_does_not_write_are_removed(tmp_path: Path) -> None:
    write_set(a_set(tmp_path, FIRST))
    write_set(a_set(tmp_path, {"a.pdf": b"pdf 2", "a.docx": b"docx 2"}))
    assert names(tmp_path) == ["a.docx", "a.pdf", REPORT]
    assert (tmp_path / "a.pdf").read_bytes() == b"pdf 2"


def test_a_file_the_clerk_put_or_changed_and_another_areas_set_are_kept(tmp_path: Path) -> None:
    write_set(a_set(tmp_path, FIRST))
    swale = {"a-swale.pdf": b"swale pdf", "a-swale-table-01-crime.csv": b"swale csv"}
    write_set(a_set(tmp_path, swale, "build-report-swale.json"))
    (tmp_path / "notes.txt").write_text("the clerk's own file")
    (tmp_path / "a-table-02-asb.csv").write_bytes(b"csv 2, with the clerk's column added")
    write_set(a_set(tmp_path, {"a.pdf": b"pdf 2"}))
    assert names(tmp_path) == sorted([
        "a.pdf", REPORT, "notes.txt", "a-table-02-asb.csv", "a-swale.pdf",
        "a-swale-table-01-crime.csv", "build-report-swale.json"])
    assert (tmp_path / "a-table-02-asb.csv").read_bytes().endswith(b"column added")


def test_a_report_naming_files_outside_the_folder_hidden_or_links_removes_none(
        tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    outside = tmp_path / "precious.txt"
    outside.write_bytes(b"precious")
    (folder / ".hidden").write_bytes(b"hidden")
    (folder / "link.csv").symlink_to(outside)
    digest = hashlib.sha256(b"precious").hexdigest()
    outputs = {"../precious.txt": digest, ".hidden": hashlib.sha256(b"hidden").hexdigest(),
               "link.csv": digest, str(outside): digest, "": digest, "a.pdf": 7}
    (folder / REPORT).write_text(json.dumps({"outputs": outputs}))
    (folder / "a.pdf").write_bytes(b"pdf 1")
    write_set(a_set(folder, {"b.pdf": b"pdf 2"}))
    assert outside.read_bytes() == b"precious"
    assert names(folder) == [".hidden", "a.pdf", "b.pdf", REPORT, "link.csv"]


@pytest.mark.parametrize("last_report", [b"not JSON {", b"[1, 2]", b'{"outputs": "a.pdf"}',
                                         b"\xff\xfe", b'{"area": "Maidstone"}'])
def test_a_last_report_that_is_not_one_of_ours_retires_nothing(
        tmp_path: Path, last_report: bytes) -> None:
    (tmp_path / "a.csv").write_bytes(b"csv")
    (tmp_path / REPORT).write_bytes(last_report)
    write_set(a_set(tmp_path, {"a.pdf": b"pdf"}))
    assert names(tmp_path) == ["a.csv", "a.pdf", REPORT]


def test_a_failed_write_retires_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = a_set(tmp_path, FIRST)
    write_set(first)
    real_fsync, calls = os.fsync, []

    def full_at_the_second_file(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(descriptor)

    monkeypatch.setattr("assessment_doc.render.save.os.fsync", full_at_the_second_file)
    with pytest.raises(OutputError, match="the disk is full"):
        write_set(a_set(tmp_path, {"a.pdf": b"pdf 2", "a.docx": b"docx 2"}))
    assert {p: p.read_bytes() for p in tmp_path.iterdir()} == first


def test_a_journal_left_by_a_kill_retires_the_files_it_names_that_still_hold_the_same(
        tmp_path: Path) -> None:
    write_set(a_set(tmp_path, FIRST))
    new = a_set(tmp_path, {"a.pdf": b"pdf 2"})
    # Killed after its renames, before it retired the tables: the new PDF and report are in
    # place; one table has been replaced by the clerk since, and is no longer the last build's.
    for path, data in new.items():
        path.write_bytes(data)
    (tmp_path / "a-table-02-asb.csv").write_bytes(b"the clerk's own table")
    retired = {name: hashlib.sha256(FIRST[name]).hexdigest()
               for name in ("a-table-01-crime.csv", "a-table-02-asb.csv")}
    (tmp_path / f".{REPORT}.commit.tmp").write_text(json.dumps({
        "renames": [[".a.pdf.k1ll3d00.tmp", "a.pdf"], [f".{REPORT}.k1ll3d01.tmp", REPORT]],
        "retired": retired}))
    recover(tmp_path)
    assert names(tmp_path) == ["a-table-02-asb.csv", "a.pdf", REPORT]


def test_a_file_written_alone_retires_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes(b"csv")
    write_atomic(tmp_path / REPORT, report({"a.csv": b"csv"}))
    write_atomic(tmp_path / REPORT, report({}))
    assert names(tmp_path) == ["a.csv", REPORT]


# --- in a real build --------------------------------------------------------------------------


def run_build(project: Path, out: Path, *formats: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assessment_doc", "build", str(project), "-o", str(out),
         "--format", ",".join(formats)],
        check=False, capture_output=True, text=True, timeout=300,
        env={**os.environ, "COLUMNS": "200"})


def test_a_csv_build_then_a_pdf_build_leaves_the_pdf_set_and_the_clerks_file_only(
        tmp_path: Path) -> None:
    project = small_project(tmp_path / "project")
    out = tmp_path / "out"
    first = run_build(project, out, "csv", "pdf")
    assert first.returncode == 0, first.stderr
    tables = [name for name in names(out) if name.endswith(".csv")]
    assert tables and all(name.startswith(f"{STEM}-table-") for name in tables)
    (out / "notes.txt").write_text("the clerk's own file")

    second = run_build(project, out, "pdf")
    assert second.returncode == 0, second.stderr
    assert names(out) == sorted([f"{STEM}.pdf", REPORT, "notes.txt"])
    written = json.loads((out / REPORT).read_text())["outputs"]
    assert list(written) == [f"{STEM}.pdf"]

    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (project / "data" / "datasets.yaml").write_text("datasets: [", encoding="utf-8")
    failed = run_build(project, out, "docx")
    assert failed.returncode == 2, failed.stderr
    assert "datasets.yaml" in failed.stderr and "Traceback" not in failed.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
