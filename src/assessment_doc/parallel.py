"""Work done in a forked child process while this one goes on: the second core of a small machine.

:func:`in_child` forks (Linux and other POSIX systems with ``fork``), runs a function in the
child, and hands back its result through a pipe, pickled. The child sees the parent's memory as
it was at the fork, so nothing is pickled on the way in. Anything that goes wrong in the child —
an exception, a result that cannot be pickled, a crash — makes :meth:`Forked.result` run the
function again in this process, so errors surface exactly as without the child.

Forking is refused (the function then runs when its result is asked for) where it is unsafe or
useless: no ``fork``, one CPU, other threads running (a notebook's kernel: a child forked from a
threaded process can deadlock on a lock another thread held), or no CPU free.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_OK, _FAILED = b"k", b"x"


def can_fork() -> bool:
    """True where :func:`in_child` really forks: ``fork`` exists, no other thread runs, and
    a CPU is free (the load average of the last minute leaves at least one idle). On a busy
    machine a child only adds work: the copy of the parent's pages it writes to, and the
    imports both processes make."""
    cpus = os.cpu_count() or 1
    return (hasattr(os, "fork") and cpus > 1 and threading.active_count() == 1
            and os.getloadavg()[0] <= cpus - 1)


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
        """Stop waiting for the child: its result is not needed (it ends on its own)."""
        if self._read is not None:
            os.close(self._read)
            self._read = None
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
