"""Saving the outputs as one set: the .docx, the PDF and the build report are all last time's or
all this build's, never a mix, and a failed or killed build leaves nothing of itself behind.

Why this design. The files must stay plain files at their usual names in the clerk's folder
(they are attached to board papers, opened from Explorer, and ``build --area all`` writes many
areas' sets into one folder side by side), so the set cannot be swapped in with one rename of a
folder or a symbolic link. POSIX renames one name at a time. So the set is committed by a
journal, as a database commits a transaction:

1. **Write ahead.** Every new file is written beside its target as ``.<name>.<random>.tmp``
   and flushed to the disk (``fsync``). Nothing the clerk sees has changed; a full disk, a
   file-size limit, a read-only folder or a kill here leaves the old set as it was, and the
   temporaries are removed (by this build, or by the next one after a kill).
2. **Commit.** A journal ``.<report>.commit.tmp`` listing each temporary and its target is
   written and flushed (itself through a temporary and a rename, so it is whole or absent).
   From this moment the new set is the set.
3. **Switch.** Each temporary is renamed over its target, the build report last, with Ctrl-C
   and SIGTERM held back until the last rename is done; then the files of the last set that
   this one does not write are removed (see below), and then the journal. These renames move
   no data (it is on the disk already): the whole switch takes microseconds.
4. **Recover.** Only SIGKILL or a power cut can stop a process inside step 3. The next build
   into the folder first finishes every journal it finds (renames the temporaries still
   there, so that set becomes the complete new one), then removes every leftover temporary
   (``.<name>.<8 characters>.tmp``, whatever the name: a title changed since leaves the old
   name's too). It holds the folder's lock, so no other build is writing. A journal never
   outlives the next build.

**The last set's other files.** A set replaces the last set of its report, not only the files
of the same names: a build with ``--format csv`` and then one without it would otherwise leave
the first build's tables beside the second's PDF, files of two builds in one folder. The last
report (``build-report.json``) lists the files its build wrote, with their SHA-256; each of
them that this set does not write, and that still holds the bytes that build wrote, is
*retired*: named in the journal and removed in the switch. Nothing else is ever removed: a
file the clerk put in the folder is in no report; a file the clerk changed since (a Word file
edited by hand) no longer has its hash; another area's set has a report of its own
(``build-report-swale.json``); and a failed or interrupted build retires nothing.

Two builds writing into one folder at once take turns for these steps (an advisory lock on the
folder, held for well under a second), so each leaves a whole set; the later one wins.

Every failure of the folder itself (full disk, quota, size limit, read-only, a file where a
folder should be) is an :class:`~assessment_doc.errors.OutputError`: the clerk's environment,
told in words, exit status 2, the previous outputs untouched.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from ..errors import OutputError, Problem

LOCK_WAIT_SECONDS = 30.0
"""How long a build waits for another build to finish writing into the same folder."""

_HELD_SIGNALS = (signal.SIGINT, signal.SIGTERM)
"""Signals held back while the temporaries are renamed into place (SIGKILL cannot be)."""

_WHY = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file is larger than the file-size limit allows (ulimit -f)",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.ENOTDIR: "a file stands where a folder should be",
    errno.EEXIST: "a file stands where a folder should be",
}


def write_set(files: Mapping[Path, bytes], *, retire: bool = True) -> list[Path]:
    """Write ``files`` (all in one folder; the last one is the set's report) as one set.

    ``retire``: also remove the files the report's last version lists as its build's outputs
    that this set does not write and that are unchanged since (see the module doc).

    Raises :class:`OutputError` when the folder cannot take the files; the previous files are
    then as they were and no temporary is left."""
    if not files:
        return []
    paths = list(files)
    folder = paths[0].parent
    if any(path.parent != folder for path in paths):
        raise ValueError("write_set writes into one folder")
    make_folder(folder)
    journal = folder / f".{paths[-1].name}.commit.tmp"
    with _fault_as_output_error(folder), _locked(folder):
        recover(folder)
        retired = _retired(paths[-1], files) if retire else {}
        temporaries = _write_ahead(files)
        with _signals_held():  # from the commit to the last rename: all of it or none
            try:
                _commit(journal, temporaries, retired)
            except BaseException:
                _remove(temporaries.values())
                raise
            _switch(folder, journal, temporaries, retired)
    return paths


def write_all(files: Mapping[Path, bytes]) -> list[Path]:
    """Write every already-rendered file; the files of each folder as one set."""
    written: list[Path] = []
    by_folder: dict[Path, dict[Path, bytes]] = {}
    for path, data in files.items():
        by_folder.setdefault(path.parent, {})[path] = data
    for group in by_folder.values():
        written += write_set(group)
    return written


def write_atomic(path: Path, data: bytes) -> None:
    """Write one file as a set of one (a reader sees the old file or the new, whole)."""
    write_set({path: data}, retire=False)


def make_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents); :class:`OutputError` where it cannot be one."""
    existing = next((p for p in (folder, *folder.parents) if os.path.lexists(p)), None)
    if existing is not None and not existing.is_dir():
        what = "the output folder" if existing == folder else f"a folder above {folder}"
        raise OutputError(Problem(
            str(existing), f"is a file, so it cannot be {what}",
            expected="a folder: move the file away, or give another folder with -o"))
    with _fault_as_output_error(folder):
        folder.mkdir(parents=True, exist_ok=True)


def check_writable(folder: Path) -> None:
    """:class:`OutputError` now, before any work, when ``folder`` could never take the files
    (a file in its place, a read-only disk, no permission); nothing is created."""
    existing = next((p for p in (folder, *folder.parents) if os.path.lexists(p)), None)
    if existing is None:
        return
    if not existing.is_dir():
        make_folder(folder)  # raises, saying which file is in the way
    if not os.access(existing, os.W_OK | os.X_OK):
        code = errno.EROFS if _read_only_disk(existing) else errno.EACCES
        raise _output_error(OSError(code, os.strerror(code), str(existing)), folder)


def recover(folder: Path) -> None:
    """Finish the switch of every build killed after its commit (its journal), then remove
    every leftover temporary of interrupted builds. Call with the folder locked."""
    for journal in sorted(folder.glob(".*.commit.tmp")):
        pairs, retired = _read_journal(journal)
        for temporary, target in pairs:
            source = folder / Path(temporary).name
            if source.exists():
                os.replace(source, folder / Path(target).name)
        _retire({folder / Path(name).name: digest for name, digest in retired.items()},
                recheck=True)
        _sync_folder(folder)
        journal.unlink(missing_ok=True)
    for leftover in folder.iterdir():
        if _LEFTOVER.fullmatch(leftover.name) and leftover.is_file():
            leftover.unlink(missing_ok=True)


_LEFTOVER = re.compile(r"\..+\.(?:[a-z0-9_]{8}|commit)\.tmp")
"""A temporary, ``.<name>.<mkstemp's 8 characters>.tmp``, or a commit journal."""


def _read_journal(journal: Path) -> tuple[list[list[str]], dict[str, str]]:
    """A journal's renames ([temporary, target] pairs) and retired files (name -> SHA-256).
    A journal is renamed into place whole, so a damaged one was never committed: nothing."""
    try:
        entries = json.loads(journal.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        return [], {}
    if isinstance(entries, list):  # written before files were retired: renames only
        return entries, {}
    if not isinstance(entries, dict):
        return [], {}
    retired = entries.get("retired")
    return entries.get("renames", []), retired if isinstance(retired, dict) else {}


REPORT_LIMIT = 16 * 1024 * 1024
"""A last report larger than this is not read for files to retire (a build report is a few KB)."""


def _retired(report: Path, files: Mapping[Path, bytes]) -> dict[Path, str]:
    """The files the last version of ``report`` lists as its build's outputs that ``files``
    does not include and that still hold what that build wrote: path -> their SHA-256."""
    try:
        if os.lstat(report).st_size > REPORT_LIMIT:
            return {}
        last = json.loads(report.read_bytes())
    except (OSError, ValueError, UnicodeDecodeError):  # no last report, or not one of ours
        return {}
    outputs = last.get("outputs") if isinstance(last, dict) else None
    if not isinstance(outputs, dict):
        return {}
    retired = {}
    for name, digest in outputs.items():
        path = report.parent / str(name)
        if (_plain_file_name(name) and isinstance(digest, str) and path not in files
                and _holds(path, digest)):
            retired[path] = digest
    return retired


def _plain_file_name(name: object) -> bool:
    """A name in the folder itself: no folder part, not hidden, not '.' or '..'."""
    return (isinstance(name, str) and bool(name) and not name.startswith(".")
            and "/" not in name and "\\" not in name and "\0" not in name)


def _holds(path: Path, digest: str) -> bool:
    """Whether ``path`` is a regular file (not a link) whose SHA-256 is ``digest``."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return False
        with open(path, "rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest() == digest
    except OSError:
        return False


def _retire(retired: Mapping[Path, str], *, recheck: bool = False) -> None:
    """Remove the retired files (``recheck``: only those that still hold what the journal
    says: between a kill and the next build the clerk may have put a file there). A file that
    cannot be removed stays: it is the last build's, whole, and the new set is complete."""
    for path, digest in retired.items():
        if recheck and not _holds(path, digest):
            continue
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def _write_ahead(files: Mapping[Path, bytes]) -> dict[Path, Path]:
    """Each file written to a flushed temporary beside it: target -> temporary. On any failure
    the temporaries made so far are removed and the error raised."""
    temporaries: dict[Path, Path] = {}
    try:
        for path, data in files.items():
            temporaries[path] = _temporary_with(path, data)
    except BaseException:
        _remove(temporaries.values())
        raise
    return temporaries


def _temporary_with(path: Path, data: bytes) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _commit(journal: Path, temporaries: Mapping[Path, Path],
            retired: Mapping[Path, str]) -> None:
    """Write the journal whole (a temporary renamed into place), flushed with its folder."""
    entries = {"renames": [[temporary.name, target.name]
                           for target, temporary in temporaries.items()],
               "retired": {path.name: digest for path, digest in retired.items()}}
    staged = _temporary_with(journal.with_name(journal.name.removesuffix(".commit.tmp")[1:]),
                             json.dumps(entries).encode())
    try:
        os.replace(staged, journal)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    _sync_folder(journal.parent)


def _switch(folder: Path, journal: Path, temporaries: Mapping[Path, Path],
            retired: Mapping[Path, str]) -> None:
    """Rename every temporary over its target (in order: the report last), remove the last
    set's retired files, then drop the journal (a failure halfway leaves the journal, and the
    next build finishes the switch)."""
    for target, temporary in temporaries.items():
        os.replace(temporary, target)
    _retire(retired)
    _sync_folder(folder)
    journal.unlink()
    _sync_folder(folder)


def _remove(paths: Iterable[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entries (the renames) to the disk."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    except OSError as error:  # some file systems cannot sync a folder; the renames still hold
        if error.errno not in (errno.EINVAL, errno.EBADF, errno.ENOTSUP):
            raise
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold back Ctrl-C and SIGTERM until the block ends, then deliver them to the handlers
    there were before. Python's own handlers, not a signal mask: a mask is per thread, and the
    libraries' worker threads (OpenBLAS's) would take the signal instead. Only the main thread
    may set handlers; elsewhere no Python handler runs during the block anyway."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []
    previous = {held: signal.signal(held, lambda number, frame: pending.append(number))
                for held in _HELD_SIGNALS}
    try:
        yield
    finally:
        for held, handler in previous.items():
            signal.signal(held, signal.SIG_DFL if handler is None else handler)
        for number in dict.fromkeys(pending):
            signal.raise_signal(number)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An advisory lock on ``folder`` itself (no lock file is left behind), released when the
    block ends or the process dies; waits :data:`LOCK_WAIT_SECONDS` for another build."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks on folders
        yield
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise OutputError(Problem(
                        str(folder), "another build is writing into this folder",
                        expected="one build at a time into one folder: try again when it has "
                        "finished; the last build's files are kept")) from None
                time.sleep(0.05)
            except OSError as error:  # a file system without locks (some network shares)
                if error.errno not in (errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL):
                    raise
                break
        yield
    finally:
        os.close(descriptor)  # closing the descriptor releases the lock


@contextlib.contextmanager
def _fault_as_output_error(folder: Path) -> Iterator[None]:
    """An OSError of the folder (full, read-only, …) as the clerk's :class:`OutputError`."""
    try:
        yield
    except OutputError:
        raise
    except OSError as error:
        raise _output_error(error, folder) from None


def _output_error(error: OSError, folder: Path) -> OutputError:
    why = _WHY.get(error.errno or 0) or (error.strerror or str(error)).lower()
    where = Path(error.filename) if error.filename else folder
    if where.name.startswith(".") and where.name.endswith(".tmp"):
        where = folder  # a temporary's name means nothing to a clerk
    what = "this folder" if where == folder or where.is_dir() else "this file"
    return OutputError(Problem(
        str(where), f"cannot write to {what}: {why}",
        expected="a folder you can write to, with room for the files, or another folder given "
        "with -o; the last build's files are kept"))


def _read_only_disk(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False
