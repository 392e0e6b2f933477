"""Work in a forked child: its result comes back as if worked out here, and so do its errors;
the child is forked where it is safe and worth it, whatever the load average says."""

from __future__ import annotations

import os
import threading
import time

import pytest

from assessment_doc import parallel
from assessment_doc.errors import InputError, Problem
from assessment_doc.parallel import SERIAL_VARIABLE, can_fork, in_child, worth_forking


def pid_and_square(number: int) -> tuple[int, int]:
    return os.getpid(), number * number


def bad_input() -> None:
    raise InputError(Problem("content/x.md", "bad", line=3))


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine that forks, with a CPU free (as if nothing else ran): skip where this one
    cannot (no fork, one CPU, threads running)."""
    monkeypatch.delenv(SERIAL_VARIABLE, raising=False)
    monkeypatch.setattr(parallel, "runnable_now", lambda: 1)
    if not can_fork():
        pytest.skip("this machine does not fork (no fork, one CPU, or threads running)")


@pytest.mark.usefixtures("forking")
def test_the_result_comes_from_a_child_process() -> None:
    pid, square = in_child(pid_and_square, 12).result()
    assert square == 144
    assert pid != os.getpid()


@pytest.mark.usefixtures("forking")
def test_a_machine_with_no_cpu_free_now_does_the_work_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two processes runnable on two CPUs: the child would wait for a CPU, and cost memory."""
    monkeypatch.setattr(parallel, "cpus_for_this_process", lambda: 2)
    monkeypatch.setattr(parallel, "runnable_now", lambda: 2)
    assert not parallel.cpu_free()
    assert not can_fork()
    assert in_child(pid_and_square, 3).result() == (os.getpid(), 9)


@pytest.mark.usefixtures("forking")
def test_a_cpu_free_now_is_used_whatever_the_last_minute_was(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The load average is not asked where the kernel tells what runs at this instant."""
    monkeypatch.setattr(parallel.os, "getloadavg", lambda: (64.0, 64.0, 64.0))
    monkeypatch.setattr(parallel, "cpus_for_this_process", lambda: 2)
    assert can_fork()
    pid, square = in_child(pid_and_square, 3).result()
    assert (square, pid != os.getpid()) == (9, True)


def test_the_processes_runnable_now_are_the_kernels_count() -> None:
    """This process is running as it reads /proc/loadavg, so it counts itself."""
    with open("/proc/loadavg", encoding="ascii") as loadavg:
        fields = loadavg.read().split()
    assert parallel.runnable_now() >= 1
    assert fields[3].split("/")[0].isdigit()


@pytest.mark.usefixtures("forking")
@pytest.mark.parametrize("value", ["1", "yes"])
def test_the_environment_variable_keeps_the_work_here(monkeypatch: pytest.MonkeyPatch,
                                                      value: str) -> None:
    monkeypatch.setenv(SERIAL_VARIABLE, value)
    assert not can_fork()
    child = in_child(pid_and_square, 3)
    assert child.pid is None
    assert child.result() == (os.getpid(), 9)


@pytest.mark.usefixtures("forking")
@pytest.mark.parametrize("value", ["", "0", " "])
def test_the_environment_variable_empty_or_0_allows_a_child(monkeypatch: pytest.MonkeyPatch,
                                                            value: str) -> None:
    monkeypatch.setenv(SERIAL_VARIABLE, value)
    assert can_fork()


@pytest.mark.usefixtures("forking")
def test_a_process_running_threads_never_forks() -> None:
    """As in a notebook's kernel, or the preview's server: a thread may hold a lock the child
    would wait on for ever."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        assert not can_fork()
        assert not worth_forking(60.0)
        assert in_child(pid_and_square, 4).result() == (os.getpid(), 16)
    finally:
        stop.set()
        thread.join()
    assert can_fork()


@pytest.mark.usefixtures("forking")
def test_one_cpu_for_this_process_never_forks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two CPUs in the machine, but this process pinned to one (taskset, a container)."""
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: {1})
    assert parallel.cpus_for_this_process() == 1
    assert not can_fork()


@pytest.mark.usefixtures("forking")
def test_only_work_worth_more_than_a_fork_is_forked() -> None:
    assert parallel.WORTH_FORKING >= 4 * parallel.FORK_COST
    assert not worth_forking(parallel.WORTH_FORKING / 2)
    assert worth_forking(parallel.WORTH_FORKING)
    assert not worth_forking(0.3)  # the bundled Appendix's ODS: not worth 40 MB
    assert worth_forking(0.7)  # two thirds of its charts, drawn afresh


def test_an_error_in_the_child_is_raised_here_as_the_work_done_again_raises_it() -> None:
    with pytest.raises(InputError) as raised:
        in_child(bad_input).result()
    assert raised.value.problems == (Problem("content/x.md", "bad", line=3),)


def test_a_result_that_cannot_be_sent_back_is_worked_out_here() -> None:
    assert in_child(lambda: (lambda: 5)).result()() == 5


def test_without_fork_the_work_is_done_here_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    assert in_child(pid_and_square, 3).result() == (os.getpid(), 9)


@pytest.mark.usefixtures("forking")
def test_a_discarded_child_is_stopped_and_reaped_at_once() -> None:
    started = time.monotonic()
    child = in_child(time.sleep, 60)
    assert child.pid is not None
    child.discard()
    assert time.monotonic() - started < 30  # killed, not waited for
    with pytest.raises(ChildProcessError):
        os.waitpid(child.pid, os.WNOHANG)


def in_a_pool_worker(_: int) -> tuple[bool, bool]:
    return parallel.in_a_pool_worker(), can_fork()


@pytest.mark.usefixtures("forking")
def test_a_worker_of_a_process_pool_never_forks() -> None:
    """``--area all`` runs one worker a CPU: the CPUs are shared out already."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    assert not parallel.in_a_pool_worker()
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        assert pool.submit(in_a_pool_worker, 0).result() == (True, False)
