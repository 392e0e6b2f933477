"""Atomic saving: render everything first, then replace each file in one rename.

A failed render raises before any file is touched, so the previous outputs stay as they were;
each file is written beside its target and renamed over it, so no reader ever sees half a file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_all(files: Mapping[Path, bytes]) -> list[Path]:
    """Write every already-rendered file atomically; returns the paths written."""
    for path, data in files.items():
        write_atomic(path, data)
    return list(files)
