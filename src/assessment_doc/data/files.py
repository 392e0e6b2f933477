"""Where a dataset's file lives: a file inside the data folder, never anywhere else.

The manifest is clerk-edited text, so a ``file:`` entry is checked before anything is opened: no
absolute paths, no ``..``, no symbolic link that leads out of the folder. The files a build
reads, and so lists with their hashes in its report, are the manifest and the files it names.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path, PurePosixPath, PureWindowsPath

from .wording import did_you_mean, quote

EXPECTED_FILE = "a CSV file name inside data/, e.g. recorded_crime.csv"


class UnsafePath(Exception):
    """A ``file:`` entry that cannot be used; the message says why."""


def locate(data_dir: Path, file: str) -> Path:
    """The path of ``file`` inside ``data_dir``; UnsafePath if it is absent or leads outside."""
    if not file.strip():
        raise UnsafePath("file name is empty")
    if PurePosixPath(file).is_absolute() or PureWindowsPath(file).anchor:
        raise UnsafePath(f"{quote(file)} is an absolute path")
    if ".." in PureWindowsPath(file).parts:
        raise UnsafePath(f"{quote(file)} leads out of the data folder (it contains '..')")
    try:
        return _inside(data_dir, file)
    except (OSError, ValueError):  # a NUL byte, a name too long for the system
        raise UnsafePath(f"{quote(file)} cannot be used as a file name") from None


def _inside(data_dir: Path, file: str) -> Path:
    path = data_dir / file
    if not path.resolve().is_relative_to(data_dir.resolve()):
        raise UnsafePath(f"{quote(file)} leads out of the data folder through a symbolic link")
    if path.is_dir():
        raise UnsafePath(f"{quote(file)} is a folder, not a file")
    if not path.exists():
        raise UnsafePath(f"{quote(file)} does not exist in the data folder"
                         + _suggestion(data_dir, file))
    if not path.is_file():  # a pipe or a device would be read for ever
        raise UnsafePath(f"{quote(file)} is not an ordinary file")
    return path


def _suggestion(data_dir: Path, file: str) -> str:
    return did_you_mean(file, sorted(path.name for path in data_dir.glob("*.csv")))


# --- the inputs of a build, as its report lists them --------------------------------------------

SETTINGS_NAME = "assessment.yaml"
MANIFEST_FILE = "datasets.yaml"


def input_files(project_root: Path, data_files: Iterable[str]) -> list[Path]:
    """The files a build reads: the settings, every file in content/ (sections, specs, images)
    and, of data/, the manifest and the files it names. Other files in data/ (notes, a stray
    export of a gigabyte) are not inputs and are never opened; nor is a pipe, a device or a link
    that leads out of its folder."""
    content = project_root / "content"
    found = [path for path in sorted(content.rglob("*")) if _ordinary_inside(path, content)]
    data = project_root / "data"
    named = sorted({MANIFEST_FILE, *data_files})
    found += [data / name for name in named if _ordinary_inside(data / name, data)]
    settings = project_root / SETTINGS_NAME
    return [*found, settings] if _ordinary_inside(settings, project_root) else found


def _ordinary_inside(path: Path, folder: Path) -> bool:
    try:
        return path.is_file() and path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


def file_sha256(path: Path) -> str:
    """The SHA-256 of the file at ``path``, read in chunks (never whole)."""
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()
