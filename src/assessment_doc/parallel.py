"""Work done in a forked child process while this one goes on: the second core of a small machine.

:func:`in_child` forks (Linux and other POSIX systems with ``fork``), runs a function in the
child, and hands back its result through a pipe, pickled. The child sees the parent's memory as
it was at the fork, so nothing is pickled on the way in. Anything that goes wrong in the child —
an exception, a result that cannot be pickled, a crash — makes :meth:`Forked.result` run the
function again in this process, so errors surface exactly as without the child.

Forking is refused (the function then runs when its result is asked for) where it is unsafe or
cannot help: no ``fork``, one CPU for this process (:func:`os.sched_getaffinity`), other threads
running (a notebook's kernel, the preview's server: a child forked from a threaded process can
deadlock on a lock another thread held), a worker of a pool that has the CPUs shared out
already (``--area all``), :data:`SERIAL_VARIABLE` set, or no CPU free at this instant
(:func:`cpu_free`). The callers fork only for work of half a second of CPU or more
(:func:`worth_forking`): the work that does not wait for the PDF's page numbers (HTML, ODS,
CSV, and Word's draft when the PDF and Word are both asked) rendered beside the PDF
(:mod:`assessment_doc.render.ahead`); the charts drawn while the narrative is read
(:func:`assessment_doc.figures.draw_ahead`, about 0.2 s a chart, two thirds of them in the
child, which asks only :func:`can_fork`).

The rule comes from ``benchmarks/run.py --only parallel`` (builds of every format, serial
against each child forced, interleaved run by run, medians of 5; ``benchmarks/README.md``,
"Second CPU"). On the shared 2-CPU machine, in two sessions at load averages of 3 to 11, the
children did not shorten a build: wall time / serial's 1.12 and 1.21 (fresh build, both
children), 1.01 and 1.07 (second build), within a noise of 0.7-2.0 run to run; they cost up to
18% more CPU in all (a fork itself is 11-14 ms, but each process pays matplotlib's first
drawing, and both copy the pages they write) and 40-70 MB more peak memory (PSS 140-151 ->
200-209 MB fresh, 114-124 -> 156-166 MB second build). What they take off the build process
itself, which is what a free CPU gives back as wall time, is small: 8-14% of its CPU for a
fresh build (both children), 0-2% for a second build (the ODS: 0.2-0.3 s). Hence: a child only
while a CPU is free, and only for half a second or more.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_OK, _FAILED = b"k", b"x"

SERIAL_VARIABLE = "ASSESSMENT_DOC_SERIAL"
"""Set (to anything but empty or ``0``), every piece of work is done in this process: for tests
that compare a serial build with a parallel one, and for measuring."""

FORK_COST = 0.015
"""CPU seconds a fork costs the parent and its child together, in a process the size of a
build's (107 MB resident): the fork, the page tables copied, the pipe, the child's exit and
reaping. Measured by ``benchmarks/run.py --only parallel``: 11.7-15.2 ms, median 14.0 ms, the
child doing nothing (30-60 ms of wall time at a load average of 6 to 11 on 2 CPUs)."""

WORTH_FORKING = 0.5
"""The least work (CPU seconds, as measured in a build process) a child is forked for. Not
the fork's own cost (3% of this) but its memory decides: a child adds some 40 MB to the
build's peak (the pages either process writes while both live are copied: peak PSS 121 ->
162 MB for a second build with the ODS in a child), and gives back at most the work it takes
over, and only while a CPU is free for it."""


def cpus_for_this_process() -> int:
    """The CPUs this process may run on (its affinity, as ``taskset`` or a container sets it;
    the machine's count where the system cannot tell)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def serial_forced() -> bool:
    """Whether :data:`SERIAL_VARIABLE` asks for every piece of work to be done here."""
    return os.environ.get(SERIAL_VARIABLE, "").strip() not in ("", "0")


def in_a_pool_worker() -> bool:
    """Whether this process is a worker of a :mod:`multiprocessing` pool (``--area all`` runs
    one per CPU: the CPUs are shared out already, and a child would only add a fork's cost
    and memory). Asked without importing :mod:`multiprocessing`: a worker has it imported."""
    process = sys.modules.get("multiprocessing.process")
    return process is not None and process.parent_process() is not None


def runnable_now() -> int:
    """Processes (threads) running or ready to run on the machine at this instant, this one
    included: the kernel's count in ``/proc/loadavg`` (what the load average averages over a
    minute). Where there is no such file, the last minute's load average, rounded up."""
    try:
        with open("/proc/loadavg", encoding="ascii") as loadavg:
            return int(loadavg.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return int(-(-os.getloadavg()[0] // 1)) + 1 if hasattr(os, "getloadavg") else 1


def cpu_free() -> bool:
    """Whether a CPU is free for a child now: fewer runnable processes, this one included,
    than the CPUs this process may use. Asked at the moment of forking, not over the last
    minute: on the shared machine this is built on the load average stayed between 6 and 11
    while the number of runnable processes changed from second to second."""
    return runnable_now() < cpus_for_this_process()


def can_fork() -> bool:
    """True where :func:`in_child` really forks: ``fork`` exists, this process may run on two
    CPUs or more, no other thread runs, it is no pool's worker, :data:`SERIAL_VARIABLE` is not
    set, and a CPU is free now (:func:`cpu_free`)."""
    return (hasattr(os, "fork") and cpus_for_this_process() > 1
            and threading.active_count() == 1 and not serial_forced()
            and not in_a_pool_worker() and cpu_free())


def worth_forking(seconds: float) -> bool:
    """Whether work of about ``seconds`` of CPU is worth a child: :func:`can_fork`, and the work
    at least :data:`WORTH_FORKING`."""
    return seconds >= WORTH_FORKING and can_fork()


class Forked(Generic[T]):
    """A function running in a child process; :meth:`result` waits for what it returned."""

    def __init__(self, function: Callable[..., T], *args: Any) -> None:
        self.function = function
        self.args = args
        self.pid: int | None = None
        self._read: int | None = None
        if can_fork():
            self._fork()

    def _fork(self) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(read)
            _run_in_child(self.function, self.args, write)
        os.close(write)
        self.pid, self._read = pid, read

    def result(self) -> T:
        """The function's result: from the child, or worked out here if the child failed."""
        if self._read is None:
            return self.function(*self.args)
        with os.fdopen(self._read, "rb") as pipe:
            data = pipe.read()
        self._read = None
        self._reap()
        if data[:1] != _OK:
            return self.function(*self.args)
        try:
            return pickle.loads(data[1:])  # our own child's bytes
        except Exception:  # noqa: BLE001 - fall back to the work done here
            return self.function(*self.args)

    def discard(self) -> None:
        """Stop the child: its result is not needed (an error here ends the work it was
        for). It is killed rather than waited for: it writes nothing but to its pipe."""
        if self._read is not None:
            os.close(self._read)
            self._read = None
            try:
                os.kill(self.pid, signal.SIGKILL)  # type: ignore[arg-type]
            except ProcessLookupError:
                pass
            self._reap()

    def _reap(self) -> None:
        try:
            os.waitpid(self.pid, 0)  # type: ignore[arg-type]
        except ChildProcessError:
            pass


def _run_in_child(function: Callable[..., Any], args: tuple[Any, ...], write: int) -> None:
    status = 1
    try:
        try:
            data = _OK + pickle.dumps(function(*args), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # noqa: BLE001 - the parent does the work again and reports
            data = _FAILED
        with os.fdopen(write, "wb") as pipe:
            pipe.write(data)
        status = 0
    finally:
        os._exit(status)  # no atexit handlers, no flushing of the parent's buffers


def in_child(function: Callable[..., T], *args: Any) -> Forked[T]:
    """Start ``function(*args)`` in a forked child (see the module doc); ``.result()`` waits."""
    return Forked(function, *args)
