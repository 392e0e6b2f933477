"""Where a dataset's file lives: a file inside the data folder, never anywhere else.

The manifest is clerk-edited text, so a ``file:`` entry is checked before anything is opened: no
absolute paths, no ``..``, no symbolic link that leads out of the folder.
"""

from __future__ import annotations

import difflib
from pathlib import Path, PurePosixPath, PureWindowsPath

EXPECTED_FILE = "a CSV file name inside data/, e.g. recorded_crime.csv"


class UnsafePath(Exception):
    """A ``file:`` entry that cannot be used; the message says why."""


def locate(data_dir: Path, file: str) -> Path:
    """The path of ``file`` inside ``data_dir``; UnsafePath if it is absent or leads outside."""
    if not file.strip():
        raise UnsafePath("file name is empty")
    if PurePosixPath(file).is_absolute() or PureWindowsPath(file).anchor:
        raise UnsafePath(f"'{file}' is an absolute path")
    if ".." in PureWindowsPath(file).parts:
        raise UnsafePath(f"'{file}' leads out of the data folder (it contains '..')")
    path = data_dir / file
    if not path.resolve().is_relative_to(data_dir.resolve()):
        raise UnsafePath(f"'{file}' leads out of the data folder through a symbolic link")
    if path.is_dir():
        raise UnsafePath(f"'{file}' is a folder, not a file")
    if not path.exists():
        raise UnsafePath(f"'{file}' does not exist in the data folder{_suggestion(data_dir, file)}")
    return path


def _suggestion(data_dir: Path, file: str) -> str:
    present = sorted(p.name for p in data_dir.glob("*.csv"))
    close = difflib.get_close_matches(file, present, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
