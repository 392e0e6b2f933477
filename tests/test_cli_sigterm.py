"""SIGTERM (``kill``, a CI runner's timeout) stops a build as Ctrl-C does: exit 143, one line
saying so and no traceback, the output folder holding one whole set (the last build's, or this
one's if the signal came while the files were switched) and no temporary.

Each build is a real ``assessment-doc build`` process of the small project. A hook, run before
the command line, makes the moment the signal must land last long enough to hit it: it waits
there (a marker file says it has arrived) instead of racing a fast build."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixtures.small_project import NARRATIVE, small_project

REPORT = "build-report.json"

HOOK = """
import os, sys, time
from pathlib import Path
from assessment_doc import api, cli
from assessment_doc.render import save

moment, marker = sys.argv[1], Path(sys.argv[2])

def arrived():
    marker.write_text("here")

if moment == "render":
    real_render_all = api.render_all
    def render_all(*args, **kwargs):
        arrived()
        time.sleep(60)
        return real_render_all(*args, **kwargs)
    api.render_all = render_all
elif moment == "write":  # the second temporary being flushed: the first is whole beside it
    real_fsync, flushed = os.fsync, []
    def fsync(descriptor):
        flushed.append(descriptor)
        if len(flushed) == 2:
            arrived()
            time.sleep(60)
        real_fsync(descriptor)
    save.os.fsync = fsync
elif moment == "switch":
    real_replace = os.replace
    def replace(source, target):
        if not str(target).endswith(".commit.tmp") and not marker.exists():
            arrived()
            os.kill(os.getpid(), 15)
            time.sleep(0.5)
        real_replace(source, target)
    save.os.replace = replace
sys.exit(cli.main(sys.argv[3:]))
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return small_project(tmp_path / "project")


def visible(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}


def hidden(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith("."))


def is_complete_set(files: dict[str, bytes]) -> bool:
    outputs = json.loads(files[REPORT])["outputs"]
    return outputs == {name: hashlib.sha256(data).hexdigest()
                       for name, data in files.items() if name != REPORT}


def build(project: Path, out: Path, moment: str | None, marker: Path
          ) -> subprocess.Popen[str]:
    command = ["-c", HOOK, moment or "none", str(marker)]
    return subprocess.Popen(
        [sys.executable, *command, "build", str(project), "-o", str(out), "--format", "docx,pdf"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "COLUMNS": "200"})


def wait_for(marker: Path, process: subprocess.Popen[str], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not marker.exists():
        if process.poll() is not None:
            pytest.fail(f"the build ended before the moment: {process.communicate()[1]}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("the build never reached the moment")
        time.sleep(0.02)


def first_build(project: Path, out: Path, tmp_path: Path) -> dict[str, bytes]:
    process = build(project, out, None, tmp_path / "unused")
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr
    (project / "content" / "01-summary.md").write_text(f"{NARRATIVE}\nAn edit.\n",
                                                       encoding="utf-8")
    return visible(out)


def assert_terminated(process: subprocess.Popen[str]) -> None:
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 143, stderr
    assert stderr.strip().splitlines()[-1] == "terminated; last build's files kept"
    assert "Traceback" not in stderr


@pytest.mark.parametrize("moment", ["render", "write"])
def test_sigterm_before_the_commit_keeps_the_last_set_whole_and_no_temporary(
        project: Path, tmp_path: Path, moment: str) -> None:
    out = tmp_path / "out"
    before = first_build(project, out, tmp_path)
    marker = tmp_path / "arrived"
    process = build(project, out, moment, marker)
    wait_for(marker, process)
    if moment == "write":
        assert any(name.endswith(".tmp") for name in hidden(out))  # the signal lands mid-write
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    assert_terminated(process)
    assert time.monotonic() - started < 30  # it stopped; it did not sleep the hook's minute out
    assert visible(out) == before
    assert hidden(out) == []


def test_sigterm_during_the_switch_waits_for_the_whole_new_set(
        project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    before = first_build(project, out, tmp_path)
    marker = tmp_path / "arrived"
    process = build(project, out, "switch", marker)
    assert_terminated(process)
    assert marker.exists()
    after = visible(out)
    assert after != before and set(after) == set(before)
    assert is_complete_set(after)
    assert hidden(out) == []


def test_a_handler_the_caller_set_is_kept(project: Path) -> None:
    """Called from a program with its own SIGTERM handler, ``main`` leaves it alone."""
    from assessment_doc.cli import main

    def own(number: int, frame: object) -> None:
        pass

    previous = signal.signal(signal.SIGTERM, own)
    try:
        assert main(["facts", str(project), "no-such-fact"]) == 0
        assert signal.getsignal(signal.SIGTERM) is own
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert main(["facts", str(project), "no-such-fact"]) == 0
    assert signal.getsignal(signal.SIGTERM) is previous  # put back after the command


def test_sigterm_to_a_build_of_every_area_stops_its_workers_too(tmp_path: Path) -> None:
    """``--area all`` builds the areas in worker processes; SIGTERM sent to the command alone
    stops the workers' builds too (every area's hook would sleep a minute) rather than waiting
    for each area to be built, and leaves no temporary."""
    from bundled_build import copy_bundled_project

    project = copy_bundled_project(tmp_path / "project")
    out, marker = tmp_path / "out", tmp_path / "arrived"
    process = subprocess.Popen(
        [sys.executable, "-c", HOOK, "render", str(marker), "build", str(project), "-o", str(out),
         "--format", "pdf", "--area", "all"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "COLUMNS": "200"})
    wait_for(marker, process)
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 143, stderr
    assert "Traceback" not in stderr
    assert time.monotonic() - started < 30  # not the workers' sleeping minutes, nor 13 areas
    assert not out.exists() or hidden(out) == []
