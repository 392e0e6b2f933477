"""Work in a forked child: its result comes back as if worked out here, and so do its errors."""

from __future__ import annotations

import os

import pytest

from assessment_doc import parallel
from assessment_doc.errors import InputError, Problem
from assessment_doc.parallel import can_fork, in_child


def pid_and_square(number: int) -> tuple[int, int]:
    return os.getpid(), number * number


def bad_input() -> None:
    raise InputError(Problem("content/x.md", "bad", line=3))


@pytest.fixture
def idle(monkeypatch: pytest.MonkeyPatch) -> None:
    """The machine's load average as if nothing else ran."""
    monkeypatch.setattr(parallel.os, "getloadavg", lambda: (0.0, 0.0, 0.0))


@pytest.mark.usefixtures("idle")
def test_the_result_comes_from_a_child_process() -> None:
    if not can_fork():
        pytest.skip("this machine does not fork (no fork, one CPU, or threads running)")
    pid, square = in_child(pid_and_square, 12).result()
    assert square == 144
    assert pid != os.getpid()


def test_a_busy_machine_does_the_work_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel.os, "getloadavg", lambda: (64.0, 64.0, 64.0))
    assert not can_fork()
    assert in_child(pid_and_square, 3).result() == (os.getpid(), 9)


@pytest.mark.usefixtures("idle")
def test_an_error_in_the_child_is_raised_here_as_the_work_done_again_raises_it() -> None:
    with pytest.raises(InputError) as raised:
        in_child(bad_input).result()
    assert raised.value.problems == (Problem("content/x.md", "bad", line=3),)


@pytest.mark.usefixtures("idle")
def test_a_result_that_cannot_be_sent_back_is_worked_out_here() -> None:
    assert in_child(lambda: (lambda: 5)).result()() == 5


def test_without_fork_the_work_is_done_here_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    assert in_child(pid_and_square, 3).result() == (os.getpid(), 9)


@pytest.mark.usefixtures("idle")
def test_a_discarded_child_is_reaped() -> None:
    child = in_child(pid_and_square, 2)
    child.discard()
    if child.pid is not None:
        with pytest.raises(ChildProcessError):
            os.waitpid(child.pid, os.WNOHANG)
