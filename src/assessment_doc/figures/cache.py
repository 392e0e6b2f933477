"""Figures kept by content: the same chart, from the same spec and data, is drawn only once.

A figure's key is a SHA-256 of everything its bytes and words depend on: its spec, the specs
file's population setting, the focus area and as-of period, every dataset (its rows and the
manifest), the source code of this package, and the versions of matplotlib, NumPy, Pillow,
FreeType and zlib. Change any of them and the key changes, so a kept figure is never stale.

Figures are kept in memory for the life of the process (a rebuild after a narrative edit draws
nothing), and, when a build asks for it, in a folder (``OUT/.cache/figures``, one JSON file a
figure, never pickle): a later build into the same folder then reads them instead of drawing.
The folder is written only after a build has succeeded, and holds only that build's figures.
"""

from __future__ import annotations

import base64
import hashlib
import json
import sys
import weakref
import zlib
from collections import OrderedDict
from pathlib import Path
from typing import Any

import pandas as pd

from ..data import Datasets
from ..model import Figure

CACHE_VERSION = "1"
"""Bump when the form of a kept figure changes."""
MEMORY_BUDGET = 64 * 1024 * 1024
"""Bytes of PNG kept in memory at most; the least recently used figures go first."""

_FIELDS = ("image", "alt_text", "caption", "source", "id", "width")


class _Memory:
    """The process's figures by key, least recently used first."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.size = 0
        self.figures: OrderedDict[str, Figure] = OrderedDict()

    def get(self, key: str) -> Figure | None:
        figure = self.figures.get(key)
        if figure is not None:
            self.figures.move_to_end(key)
        return figure

    def put(self, key: str, figure: Figure) -> None:
        if key in self.figures:
            return
        self.figures[key] = figure
        self.size += len(figure.image)
        while self.size > self.budget and len(self.figures) > 1:
            _key, dropped = self.figures.popitem(last=False)
            self.size -= len(dropped.image)

    def clear(self) -> None:
        self.figures.clear()
        self.size = 0


MEMORY = _Memory(MEMORY_BUDGET)
"""Every figure drawn in this process, by key (see :func:`figure_key`)."""


class FigureCache:
    """The figures of one build: the process's memory, and optionally a folder on disk."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self.used: dict[str, Figure] = {}

    def get(self, key: str) -> Figure | None:
        figure = MEMORY.get(key)
        if figure is None and self.folder is not None:
            figure = _read(self.folder / f"{key}.json")
            if figure is not None:
                MEMORY.put(key, figure)
        if figure is not None:
            self.used[key] = figure
        return figure

    def put(self, key: str, figure: Figure) -> None:
        MEMORY.put(key, figure)
        self.used[key] = figure

    def save(self) -> None:
        """Write this build's figures to the folder and remove any others (call after success)."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for key, figure in self.used.items():
            path = self.folder / f"{key}.json"
            if not path.exists():
                temporary = path.with_suffix(".tmp")
                temporary.write_text(json.dumps(_as_json(figure)), encoding="utf-8")
                temporary.replace(path)
        for path in self.folder.glob("*.json"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)


def _as_json(figure: Figure) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(figure, name) for name in _FIELDS}
    data["image"] = base64.b64encode(figure.image).decode("ascii")
    return {"version": CACHE_VERSION, "figure": data}


def _read(path: Path) -> Figure | None:
    """The figure kept in ``path``; None if there is none or it cannot be read whole."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != CACHE_VERSION:
            return None
        fields = dict(data["figure"])
        fields["image"] = base64.b64decode(fields["image"], validate=True)
        return Figure(**{name: fields[name] for name in _FIELDS})
    except (OSError, ValueError, KeyError, TypeError):
        return None


# --- keys ------------------------------------------------------------------------------------


def figure_key(spec: Any, population: Any, datasets: Datasets, focus_area: str,
               as_of: object) -> str:
    """The key of a figure: a hash of its spec, data, code and libraries (see the module doc)."""
    digest = hashlib.sha256()
    for part in (CACHE_VERSION, _environment(), spec.model_dump_json(),
                 population.model_dump_json(), focus_area, str(as_of), _datasets_digest(datasets)):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


_DATASETS: weakref.WeakKeyDictionary[Datasets, str] = weakref.WeakKeyDictionary()


def _datasets_digest(datasets: Datasets) -> str:
    """A hash of every dataset's rows and of the manifest, worked out once per Datasets."""
    found = _DATASETS.get(datasets)
    if found is None:
        digest = hashlib.sha256(datasets.manifest.model_dump_json().encode("utf-8"))
        for dataset_id, frame in sorted(datasets.frames.items()):
            digest.update(f"\0{dataset_id}\0{list(frame.columns)}\0{len(frame)}\0".encode())
            digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
        found = _DATASETS[datasets] = digest.hexdigest()
    return found


_ENVIRONMENT: list[str] = []


def _environment() -> str:
    """The code and the libraries a figure's bytes depend on, as one string (worked out once)."""
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
