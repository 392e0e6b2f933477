"""Charts kept by content: the same chart, from the same spec and data, is drawn only once.

A chart's key is a SHA-256 of everything its picture depends on: its spec, the specs file's
population setting, the focus area and as-of period, every dataset (its rows and the manifest),
the look the house style gives it (colours, font and the font's files: :mod:`.look`), the source
code of this package, and the versions of matplotlib, NumPy, Pillow, FreeType and zlib. Change
any of them and the key changes, so a kept picture is never stale.

Only the PNG is kept. The alt text, caption and source are written again from the spec and the
data at every build (cheaply: no drawing), so nothing read from a cache file reaches a reader's
words.

Pictures are kept in memory for the life of the process (a rebuild after a narrative edit draws
nothing) and, by default, in the user's cache folder (:func:`user_cache_folder`:
``$XDG_CACHE_HOME/assessment_doc/figures``, else the platform's own, ``~/.cache/...`` on
Linux), one JSON file a chart (never pickle), so that the next build in a new process draws
none. The folder is bounded (:data:`FOLDER_BUDGET`, the least recently used charts go first),
each file is written to a temporary name and renamed into place, and each file read is checked
(its format version, its key, the SHA-256 of its PNG, the PNG's chunks and size): a damaged
file is drawn again, with a warning, and replaced. A folder that cannot be used (a file stands
there, it is read-only) is left alone, with a warning, and the charts are drawn.

``--keep-figures`` also keeps them in ``OUT/.cache/figures`` (for a machine whose user cache is
not kept, a CI runner say), written only after the build has succeeded and holding only that
build's charts; a later build reads them from there too.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import struct
import sys
import tempfile
import weakref
import zlib
from collections import OrderedDict
from pathlib import Path
from typing import Any

from ..data import Datasets
from ..errors import Problem
from .look import DEFAULT_LOOK, ChartLook

CACHE_VERSION = "2"
"""Bump when the form of a kept chart changes (2: the PNG alone, with its SHA-256)."""
MEMORY_BUDGET = 64 * 1024 * 1024
"""Bytes of PNG kept in memory at most; the least recently used charts go first."""
FOLDER_BUDGET = 200 * 1024 * 1024
"""Bytes of files the user's cache folder holds at most; the least recently used go first."""
MAX_PIXELS = (2000, 2000)
"""The largest PNG a kept file may hold (a chart is at most 6.3 by 8 inches at 200 dpi)."""

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class _Memory:
    """The process's pictures by key, least recently used first."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.size = 0
        self.images: OrderedDict[str, bytes] = OrderedDict()

    def get(self, key: str) -> bytes | None:
        image = self.images.get(key)
        if image is not None:
            self.images.move_to_end(key)
        return image

    def put(self, key: str, image: bytes) -> None:
        if key in self.images:
            return
        self.images[key] = image
        self.size += len(image)
        while self.size > self.budget and len(self.images) > 1:
            _key, dropped = self.images.popitem(last=False)
            self.size -= len(dropped)

    def clear(self) -> None:
        self.images.clear()
        self.size = 0


MEMORY = _Memory(MEMORY_BUDGET)
"""Every chart drawn in this process, by key (see :func:`figure_key`)."""


def user_cache_folder() -> Path:
    """Where charts are kept between builds: ``$XDG_CACHE_HOME/assessment_doc/figures`` when
    that is set, else the platform's user cache folder (platformdirs)."""
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "assessment_doc" / "figures"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("assessment_doc", appauthor=False)) / "figures"


class FigureCache:
    """The charts of one build: the process's memory, and optionally a folder on disk.

    ``folder``: read from and written to as charts are drawn (the user's cache, bounded by
    :data:`FOLDER_BUDGET`). ``keep_in``: read from, and written by :meth:`save` to hold only
    this build's charts (``--keep-figures``). ``draws``: False for ``check``, which works out
    every chart's data and words but draws none (see :func:`~.api.build_figure`).
    """

    def __init__(self, folder: Path | None = None, *, keep_in: Path | None = None,
                 draws: bool = True) -> None:
        self.folder = folder
        self.keep_in = keep_in
        self.draws = draws
        self.used: dict[str, bytes] = {}
        self.warnings: list[Problem] = []
        """Warnings about the charts themselves (characters their font cannot draw)."""
        self.faults: list[Problem] = []
        """What went wrong with the folder (it is then not used) or a file in it (drawn again):
        about this machine, not the project, so never in the build report."""
        self.drawn = 0
        """Charts drawn by this build (not found in memory or the folder)."""

    @classmethod
    def for_user(cls, *, keep_in: Path | None = None) -> FigureCache:
        """The user's cache folder (see :func:`user_cache_folder`)."""
        return cls(user_cache_folder(), keep_in=keep_in)

    def get(self, key: str) -> bytes | None:
        """The PNG kept under ``key``, or None (a damaged file is reported, then drawn again)."""
        image = MEMORY.get(key)
        for folder in (self.folder, self.keep_in):
            if image is None and folder is not None:
                image = self._read(folder, key)
                if image is not None:
                    MEMORY.put(key, image)
                    if folder is self.keep_in and self.folder is not None:
                        self._write(self.folder, key, image)
        if image is not None:
            self.used[key] = image
        return image

    def put(self, key: str, image: bytes) -> None:
        """Keep a chart just drawn (in the user's folder at once: a later build, even one that
        fails, can use it)."""
        MEMORY.put(key, image)
        self.used[key] = image
        if self.folder is not None:
            self._write(self.folder, key, image)

    def save(self) -> None:
        """After a build succeeded: keep the user's folder within its budget; write this
        build's charts to ``keep_in`` and remove any others from it."""
        if self.folder is not None:
            trim(self.folder, FOLDER_BUDGET)
        if self.keep_in is None:
            return
        for key, image in self.used.items():
            if self.keep_in is not None and not (self.keep_in / f"{key}.json").exists():
                self._write(self.keep_in, key, image)
        if self.keep_in is not None:
            for path in self.keep_in.glob("*.json"):
                if path.stem not in self.used:
                    path.unlink(missing_ok=True)

    # --- the folder ------------------------------------------------------------------------

    def _read(self, folder: Path, key: str) -> bytes | None:
        path = folder / f"{key}.json"
        try:
            text = path.read_bytes()
        except FileNotFoundError:
            return None
        except NotADirectoryError:
            self._unusable(folder, "a file stands where the folder should be")
            return None
        except OSError as error:
            self._unusable(folder, error.strerror or str(error))
            return None
        try:
            image = read_entry(text, key)
        except ValueError as error:
            self.faults.append(Problem(
                str(path), f"the kept chart is damaged ({error}); it is drawn again and replaced"))
            return None
        try:
            os.utime(path)  # the least recently used go first when the folder is trimmed
        except OSError:
            pass
        return image

    def _write(self, folder: Path, key: str, image: bytes) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(prefix=f".{key[:16]}-", suffix=".tmp",
                                                     dir=folder)
            try:
                with os.fdopen(descriptor, "wb") as file:
                    file.write(entry_bytes(key, image))
                os.replace(temporary, folder / f"{key}.json")
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except (FileExistsError, NotADirectoryError):
            self._unusable(folder, "a file stands where the folder should be")
        except OSError as error:
            self._unusable(folder, error.strerror or str(error))

    def _unusable(self, folder: Path, why: str) -> None:
        """Stop using ``folder`` for this build, with one warning."""
        self.faults.append(Problem(
            str(folder), f"the chart cache cannot be used ({why}); charts are drawn instead",
            expected="a folder you can write to, or build with --no-cache"))
        if folder is self.folder:
            self.folder = None
        else:
            self.keep_in = None


def entry_bytes(key: str, image: bytes) -> bytes:
    """The file that keeps ``image`` under ``key``: JSON, the PNG in base64 and its SHA-256."""
    return json.dumps({"version": CACHE_VERSION, "key": key,
                       "sha256": hashlib.sha256(image).hexdigest(),
                       "figure": {"image": base64.b64encode(image).decode("ascii")}}
                      ).encode("ascii")


def read_entry(data: bytes, key: str) -> bytes:
    """The PNG a kept file holds for ``key``; ValueError saying what is wrong with it."""
    try:
        entry = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise ValueError("not JSON") from None
    if not isinstance(entry, dict) or entry.get("version") != CACHE_VERSION:
        raise ValueError("not a chart kept by this version")
    if entry.get("key") != key:
        raise ValueError("kept under another key")
    try:
        image = base64.b64decode(entry["figure"]["image"], validate=True)
    except (binascii.Error, TypeError, ValueError, KeyError):
        raise ValueError("the picture is not base64") from None
    if hashlib.sha256(image).hexdigest() != entry.get("sha256"):
        raise ValueError("the picture does not match its SHA-256")
    check_png(image)
    return image


def check_png(image: bytes) -> None:
    """ValueError unless ``image`` is a whole PNG: its signature, a header no larger than
    :data:`MAX_PIXELS`, every chunk's CRC, and the end chunk last."""
    if not image.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG")
    at, first = len(PNG_SIGNATURE), True
    while True:
        if at + 12 > len(image):
            raise ValueError("the PNG is cut short")
        length, kind = struct.unpack(">I4s", image[at:at + 8])
        body = image[at + 8:at + 8 + length]
        if len(body) < length or at + 12 + length > len(image):
            raise ValueError("the PNG is cut short")
        (crc,) = struct.unpack(">I", image[at + 8 + length:at + 12 + length])
        if zlib.crc32(kind + body) != crc:
            raise ValueError(f"the PNG's {kind.decode('latin-1')} chunk is damaged")
        if first:
            if kind != b"IHDR" or length != 13:
                raise ValueError("the PNG has no header")
            width, height = struct.unpack(">II", body[:8])
            if not (0 < width <= MAX_PIXELS[0] and 0 < height <= MAX_PIXELS[1]):
                raise ValueError(f"the PNG is {width} by {height} pixels, larger than a chart")
            first = False
        at += 12 + length
        if kind == b"IEND":
            if at != len(image):
                raise ValueError("the PNG has data after its end")
            return


def trim(folder: Path, budget: int) -> None:
    """Remove the least recently used files of ``folder`` until it holds at most ``budget``
    bytes, and temporary files left by a build that was stopped (an hour old or more)."""
    import time

    try:
        entries = []
        for path in folder.iterdir():
            stat = path.stat()
            if path.suffix == ".tmp":
                if stat.st_mtime < time.time() - 3600:
                    path.unlink(missing_ok=True)
            elif path.suffix == ".json":
                entries.append((stat.st_mtime, stat.st_size, path))
    except OSError:
        return
    total = sum(size for _time, size, _path in entries)
    for _time, size, path in sorted(entries):
        if total <= budget:
            break
        try:
            path.unlink(missing_ok=True)
        except OSError:
            return
        total -= size


def folder_summary(folder: Path) -> tuple[int, int]:
    """How many charts ``folder`` keeps, and their bytes (0, 0 when there is no folder)."""
    count = size = 0
    try:
        for path in folder.glob("*.json"):
            count += 1
            size += path.stat().st_size
    except OSError:
        pass
    return count, size


def clear_folder(folder: Path) -> int:
    """Remove every kept chart (and temporary file) of ``folder``; how many files went."""
    removed = 0
    try:
        paths = [p for p in folder.iterdir() if p.suffix in (".json", ".tmp")]
    except OSError:
        return 0
    for path in paths:
        try:
            path.unlink()
            removed += 1
        except OSError:
            pass
    return removed


# --- keys ------------------------------------------------------------------------------------


def figure_key(spec: Any, population: Any, datasets: Datasets, focus_area: str,
               as_of: object, look: ChartLook = DEFAULT_LOOK) -> str:
    """The key of a chart: a hash of its spec, data, look, code and libraries (see the module
    doc)."""
    digest = hashlib.sha256()
    for part in (CACHE_VERSION, _environment(), spec.model_dump_json(),
                 population.model_dump_json(), focus_area, str(as_of), _datasets_digest(datasets),
                 look.key):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


_DATASETS: weakref.WeakKeyDictionary[Datasets, str] = weakref.WeakKeyDictionary()


def _datasets_digest(datasets: Datasets) -> str:
    """A hash of every dataset's rows and of the manifest, worked out once per Datasets."""
    found = _DATASETS.get(datasets)
    if found is None:
        import pandas as pd

        digest = hashlib.sha256(datasets.manifest.model_dump_json().encode("utf-8",
                                                                           "surrogatepass"))
        for dataset_id, frame in sorted(datasets.frames.items()):
            digest.update(f"\0{dataset_id}\0{list(frame.columns)}\0{len(frame)}\0"
                          .encode("utf-8", "surrogatepass"))
            digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
        found = _DATASETS[datasets] = digest.hexdigest()
    return found


_ENVIRONMENT: list[str] = []


def _environment() -> str:
    """The code and the libraries a chart's bytes depend on, as one string (worked out once;
    the libraries' versions are read from their metadata, without importing them)."""
    if not _ENVIRONMENT:
        from importlib.metadata import version

        package = Path(__file__).resolve().parent.parent
        code = hashlib.sha256()
        for path in sorted(package.rglob("*.py")):
            code.update(path.relative_to(package).as_posix().encode())
            code.update(path.read_bytes())
        versions = [f"{name}={version(name)}" for name in ("matplotlib", "numpy", "pillow")]
        # matplotlib's wheels carry their own FreeType, so its version stands for both
        _ENVIRONMENT.append(";".join([code.hexdigest(), *versions, zlib.ZLIB_RUNTIME_VERSION,
                                      sys.version]))
    return _ENVIRONMENT[0]
