"""The outputs are one set, in a real build process: killed at any moment of its write phase, a
build leaves either last time's complete set or its own, and the next build leaves no
leftovers; a folder that cannot take the files (full, size-limited, read-only, a file in its
place) is told as the clerk's problem, exit 2, with the earlier set untouched.

Each build here is a real ``assessment-doc build`` process of a small project (two datasets,
one page of narrative), so a build takes seconds and a test can afford many.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.small_project import NARRATIVE, SETTINGS, small_project

from assessment_doc.render.save import recover

STEM = "strategic-assessment-2016-17-appendix-1"
REPORT = "build-report.json"
JOURNAL = f".{REPORT}.commit.tmp"
@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small project: the loader's two fixture datasets and one short section."""
    return small_project(tmp_path / "project")


def edit(project: Path, words: str) -> None:
    """A narrative edit: the next build's every file differs from the last one's."""
    (project / "content" / "01-summary.md").write_text(f"{NARRATIVE}\n{words}\n", encoding="utf-8")


MEMORY_LIMIT = 1 << 30
"""Every build here runs within 1 GB of address space, as a small council laptop might give."""


def start_build(project: Path, out: Path, prefix: tuple[str, ...] | list[str] = (),
                extra: tuple[str, ...] | list[str] = (), file_size: int | None = None,
                ) -> subprocess.Popen[str]:
    """``assessment-doc build`` in a process of its own, under ``prlimit`` (util-linux): 1 GB
    of address space, and ``file_size`` as ``ulimit -f`` would (Python ignores SIGXFSZ, so a
    write past it fails with EFBIG)."""
    limits = ["prlimit", f"--as={MEMORY_LIMIT}"]
    if file_size is not None:
        limits.append(f"--fsize={file_size}")
    return subprocess.Popen(
        [*prefix, *limits, sys.executable, "-m", "assessment_doc", "build", str(project),
         "-o", str(out), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "COLUMNS": "200"})


def run_build(project: Path, out: Path, prefix: tuple[str, ...] | list[str] = (),
              extra: tuple[str, ...] | list[str] = (), file_size: int | None = None,
              ) -> tuple[int, str]:
    process = start_build(project, out, prefix, extra, file_size)
    _, stderr = process.communicate(timeout=300)
    return process.returncode, stderr


def built(project: Path, out: Path) -> None:
    status, stderr = run_build(project, out)
    assert status == 0, stderr


def visible(out: Path) -> dict[str, bytes]:
    """The files a clerk sees in ``out``: every file whose name does not start with a dot."""
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name[0] != "."}


def hidden(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith("."))


def is_complete_set(files: dict[str, bytes]) -> bool:
    """Whether ``files`` is one build's whole set: a report whose output hashes are exactly
    those of the documents beside it."""
    if REPORT not in files:
        return False
    outputs = json.loads(files[REPORT])["outputs"]
    documents = {name: data for name, data in files.items() if name != REPORT}
    return outputs == {name: hashlib.sha256(data).hexdigest() for name, data in documents.items()}


def kill_at(process: subprocess.Popen[str], out: Path, moment: str, old_docx_inode: int) -> str:
    """Poll ``out`` and SIGKILL the build at ``moment``: when a temporary of the .docx, the PDF
    or the report appears, when the commit journal appears, or when the first file is renamed
    into place. What happened: 'killed' or 'finished' (the moment passed unseen)."""
    docx = out / f"{STEM}.docx"
    while process.poll() is None:
        names = os.listdir(out) if out.is_dir() else []
        if moment == "rename":
            with contextlib.suppress(FileNotFoundError):
                seen = os.stat(docx).st_ino != old_docx_inode
                if seen:
                    break
            continue
        if any(name.startswith(f".{moment}.") and name.endswith(".tmp") for name in names):
            break
        if moment == "journal" and JOURNAL in names:
            break
    else:  # the moment passed between two looks: the build ran to its end
        _, stderr = process.communicate(timeout=60)
        assert process.returncode == 0, stderr
        return "finished"
    process.kill()
    process.wait(timeout=60)
    return "killed"


MOMENTS = (f"{STEM}.docx", f"{STEM}.pdf", REPORT, "journal", "rename")


def test_a_build_killed_at_any_moment_of_its_write_leaves_a_whole_set_old_or_new(
        project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    built(project, out)
    outcomes: dict[str, int] = {}
    started = time.monotonic()
    for attempt, moment in enumerate(MOMENTS * 2):
        before = visible(out)
        assert is_complete_set(before)
        edit(project, f"Edit number {attempt}.")
        process = start_build(project, out)
        what = kill_at(process, out, moment, os.stat(out / f"{STEM}.docx").st_ino)
        after = visible(out)
        if after == before:
            outcome = "old set"
        elif is_complete_set(after):
            outcome = "new set"
        else:  # killed between renames: only a commit journal may explain a mixed set
            assert JOURNAL in hidden(out), (moment, what, hidden(out))
            recover(out)  # what the next build does first
            assert is_complete_set(visible(out)) and visible(out) != before
            outcome = "new set after the next build finished the journal"
        outcomes[f"{what} at {moment}: {outcome}"] = outcomes.get(
            f"{what} at {moment}: {outcome}", 0) + 1
    print(outcomes, f"{time.monotonic() - started:.1f} s")
    assert any(key.startswith("killed") for key in outcomes), outcomes
    assert any("old set" in key for key in outcomes), outcomes

    before = visible(out)
    edit(project, "The last edit.")
    built(project, out)
    assert hidden(out) == [], "the next build removes every leftover"
    assert is_complete_set(visible(out))
    assert set(visible(out)) == set(before)
    assert visible(out)[REPORT] != before[REPORT]


def test_after_a_kill_the_next_build_removes_the_leftovers_and_writes_its_set(
        project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    built(project, out)
    for attempt in range(5):  # the PDF's temporary lives a few milliseconds: a loaded machine
        edit(project, f"An edit killed in its write, attempt {attempt}.")  # may miss it
        process = start_build(project, out)
        if kill_at(process, out, f"{STEM}.pdf", 0) == "killed":
            break
    else:
        pytest.fail("no build of 5 was caught writing its PDF")
    leftovers = hidden(out)
    assert leftovers and all(name.endswith(".tmp") for name in leftovers)
    (out / "notes.txt").write_text("the clerk's own file")
    (out / ".old-title.pdf.abcdefgh.tmp").write_text("left when the title was another")
    built(project, out)
    assert hidden(out) == []
    assert (out / "notes.txt").read_text() == "the clerk's own file"
    assert is_complete_set({n: d for n, d in visible(out).items() if n != "notes.txt"})


# --- the folder cannot take the files ---------------------------------------------------------


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "1m") -> Iterator[Path]:
    """A tmpfs of ``size`` mounted on ``folder`` (skips where mounting is not permitted)."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                             capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(disk: Path, leave: int) -> None:
    """Fill ``disk`` with one file so that about ``leave`` bytes are free."""
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    (disk / "filler").write_bytes(b"\0" * max(free - leave, 0))


def assert_refused(status: int, stderr: str, says: str) -> None:
    assert status == 2, stderr
    assert says in stderr, stderr
    assert "Traceback" not in stderr and "Internal error" not in stderr, stderr


def test_a_full_disk_with_earlier_outputs_keeps_them_whole(project: Path, tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as out:
        built(project, out)
        fill(out, leave=40_000)  # room for the new .docx, not for the PDF beside it
        before = visible(out)
        edit(project, "A narrative edit.")
        status, stderr = run_build(project, out)
        assert_refused(status, stderr, "cannot write to this folder: the disk is full")
        assert visible(out) == before
        assert hidden(out) == []


def test_a_full_empty_disk_gets_no_lone_file(project: Path, tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as out:
        fill(out, leave=40_000)
        status, stderr = run_build(project, out)
        assert_refused(status, stderr, "the disk is full")
        assert sorted(p.name for p in out.iterdir()) == ["filler"]


def test_the_file_size_limit_is_the_clerks_problem_and_keeps_the_old_set(
        project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    built(project, out)
    before = visible(out)
    edit(project, "A narrative edit.")
    status, stderr = run_build(project, out, file_size=40_000)  # the .docx fits, the PDF not
    assert_refused(status, stderr, "the file is larger than the file-size limit allows")
    assert visible(out) == before
    assert hidden(out) == []


def test_a_read_only_disk_is_refused_before_any_work(project: Path, tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as out:
        built(project, out)
        before = visible(out)
        subprocess.run(["mount", "-o", "remount,ro", str(out)], check=True)
        edit(project, "A narrative edit.")
        started = time.monotonic()
        status, stderr = run_build(project, out)
        assert_refused(status, stderr, f"{out}: cannot write to this folder: the disk is "
                       "read-only")
        assert visible(out) == before
        assert time.monotonic() - started < 30


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="needs setpriv (util-linux)")
def test_a_folder_the_clerk_may_not_write_to_is_refused(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    built(project, out)
    before = visible(out)
    out.chmod(0o555)
    # Without the power to override file permissions (which root has, and a clerk has not).
    status, stderr = run_build(project, out, prefix=[
        "setpriv", "--bounding-set", "-dac_override,-dac_read_search"])
    out.chmod(0o755)
    assert_refused(status, stderr, f"{out}: cannot write to this folder: permission denied")
    assert visible(out) == before


def test_an_output_folder_that_is_a_file_is_refused(project: Path, tmp_path: Path) -> None:
    afile = tmp_path / "out"
    afile.write_text("a file")
    status, stderr = run_build(project, afile)
    assert_refused(status, stderr, f"{afile}: is a file, so it cannot be the output folder")
    status, stderr = run_build(project, afile / "sub")
    assert_refused(status, stderr, f"{afile}: is a file, so it cannot be a folder above")
    assert afile.read_text() == "a file"


def test_a_long_or_chinese_title_still_gives_visible_files_with_short_names(
        project: Path, tmp_path: Path) -> None:
    settings = project / "assessment.yaml"
    # 300 characters of title and subtitle (a Word file's title property holds 255)
    settings.write_text(SETTINGS.replace("Strategic Assessment 2016-17", "Community " * 25)
                        .replace("Appendix 1", "Appendix " * 6), encoding="utf-8")
    out = tmp_path / "long"
    status, stderr = run_build(project, out, extra=["--format", "docx"])
    assert status == 0, stderr
    assert sorted(p.name for p in out.iterdir()) == [
        REPORT, f"{'-'.join(['community'] * 10)}.docx"]  # 99 characters: one more would pass 100
    settings.write_text(SETTINGS.replace("Strategic Assessment 2016-17", "战略评估")
                        .replace("Appendix 1", "附录一"), encoding="utf-8")
    out = tmp_path / "chinese"
    status, stderr = run_build(project, out, extra=["--format", "docx"])
    assert status == 0, stderr
    assert sorted(p.name for p in out.iterdir()) == [REPORT, "maidstone-2016.docx"]


def test_ctrl_c_while_the_files_are_written_keeps_the_last_set_and_says_so(
        project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    built(project, out)
    before = visible(out)
    edit(project, "An edit interrupted.")
    process = start_build(project, out)
    while process.poll() is None and not any(
            name.startswith(f".{STEM}.pdf.") for name in os.listdir(out)):
        pass
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    if process.returncode == 0:  # the build wrote its set before the signal came
        pytest.skip("the build finished before Ctrl-C reached it")
    assert process.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1] == "interrupted; last build's files kept"
    assert "Traceback" not in stderr
    assert visible(out) == before or is_complete_set(visible(out))
    assert hidden(out) == [], "the interrupted build removes its own temporaries"


def test_two_builds_into_one_folder_at_once_leave_one_whole_set(
        project: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(project, other)
    edit(other, "The other project's words.")
    out = tmp_path / "out"
    first, second = start_build(project, out), start_build(other, out)
    for process in (first, second):
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
    assert is_complete_set(visible(out)), "the report's hashes are those of the files beside it"
    assert hidden(out) == []
