"""What a build reads and lists in its report: never a file the manifest does not name, never a
pipe or a device, and hashes taken a chunk at a time."""

from __future__ import annotations

import hashlib
import os
import tracemalloc
from pathlib import Path

from assessment_doc.data.files import file_sha256, input_files
from assessment_doc.data.text_files import read_utf8


def _project(root: Path) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "assessment.yaml").write_text("title: x\n")
    (root / "content" / "01-summary.md").write_text("---\ntitle: S\norder: 1\n---\n")
    (root / "data" / "datasets.yaml").write_text("datasets: []\n")
    (root / "data" / "crime.csv").write_text("area,area_type,period,measure,value\n")
    return root


def test_only_the_manifest_and_the_files_it_names_are_inputs_of_the_data_folder(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path / "project")
    (root / "data" / "QUALITY.md").write_text("notes for the makers\n")
    with (root / "data" / "export.csv").open("wb") as stream:  # a gigabyte, sparse
        stream.truncate(2**30)
    os.mkfifo(root / "data" / "pipe.csv")
    os.mkfifo(root / "content" / "pipe.md")
    (root / "content" / "passwd").symlink_to("/etc/passwd")
    listed = [p.relative_to(root).as_posix() for p in input_files(root, ["crime.csv"])]
    assert listed == ["content/01-summary.md", "data/crime.csv", "data/datasets.yaml",
                      "assessment.yaml"]


def test_a_file_is_hashed_a_chunk_at_a_time(tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    with big.open("wb") as stream:
        stream.write(b"head")
        stream.truncate(300 * 2**20)
    tracemalloc.start()  # this call's own peak (the process's peak RSS may be higher already)
    try:
        digest = file_sha256(big)
        peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    assert peak_mb < 50, f"the peak was {peak_mb:.0f} MB"
    expected = hashlib.sha256(b"head" + bytes(300 * 2**20 - 4)).hexdigest()
    assert digest == expected


def test_a_pipe_a_device_and_a_large_file_are_refused_unread(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    (tmp_path / "mem.yaml").symlink_to("/proc/self/mem")
    with (tmp_path / "big.yaml").open("wb") as stream:
        stream.truncate(2 * 2**20)
    assert str(read_utf8(tmp_path / "pipe.yaml", "pipe.yaml")) == (
        "pipe.yaml: is not an ordinary file: it is not read (expected a text file saved in the "
        "project)")
    assert "zero.yaml: is not an ordinary file (a link to /dev/zero)" in str(
        read_utf8(tmp_path / "zero.yaml", "zero.yaml"))
    assert "mem.yaml: is not an ordinary file (a link to /proc/" in str(
        read_utf8(tmp_path / "mem.yaml", "mem.yaml"))
    assert str(read_utf8(tmp_path / "big.yaml", "big.yaml")).startswith(
        "big.yaml: is 2.0 MB, larger than the 1.0 MB such a file may be")
