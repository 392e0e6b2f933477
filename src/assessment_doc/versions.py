"""The library releases assessment_doc supports, checked before it renders, and what a build was
made with (for ``build-report.json``).

Three libraries are reached below their documented surface, so a new major (or, for ReportLab, a
new minor) release may change what we rely on without notice: ReportLab's private names for tagged
PDF (all in :mod:`.render.reportlab_internals`), python-docx's ``oxml`` elements and the
``_p``/``_r`` elements behind its paragraphs and runs, and Jinja's ``Undefined`` internals and lexer
tokens. ``pyproject.toml`` bounds each of them the same way as :data:`SUPPORTED` (a test holds the
two together); :func:`require_supported` turns an installed release outside those bounds into a
clear error naming both versions (exit status 2), instead of an internal error half-way through
a build.
"""

from __future__ import annotations

import importlib.metadata
import platform
from collections.abc import Iterable, Mapping
from pathlib import Path

from packaging.specifiers import SpecifierSet
from packaging.version import InvalidVersion, Version

from .errors import InputError, Problem

PROJECT = "assessment_doc"
"""This package's distribution name."""

SUPPORTED: Mapping[str, str] = {
    "Jinja2": ">=3.1,<4",
    "python-docx": ">=1.1,<2",
    "reportlab": ">=4.2.5,<5.2",
}
"""Distribution -> the releases supported, for each library whose private API we touch."""

NEEDED_TO_BUILD: Mapping[str, tuple[str, ...]] = {
    "docx": ("Jinja2", "python-docx"),
    "pdf": ("Jinja2", "reportlab"),
}
"""Output format -> the bounded libraries a build of it goes through (the narrative's Jinja, and
the format's writer)."""

RECORDED: tuple[str, ...] = (
    "python-docx", "reportlab", "pandas", "matplotlib", "numpy", "Pillow", "markdown-it-py",
    "mdit-py-plugins", "Jinja2", "PyYAML", "pydantic", "lxml", "odfpy",
)
"""The libraries whose versions a build report records: those that shape its output."""


class UnsupportedLibrary(InputError):
    """An installed library release outside :data:`SUPPORTED` (exit status 2, like bad input:
    the fix is on the user's side, in the environment)."""


def installed_version(distribution: str) -> str | None:
    """The installed release of ``distribution``, or None when it is not installed."""
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def unsupported(distributions: Iterable[str]) -> list[Problem]:
    """One problem for each of ``distributions`` whose installed release is outside its bounds."""
    problems = []
    for distribution in sorted(set(distributions), key=str.lower):
        supported = SUPPORTED[distribution]
        installed = installed_version(distribution)
        if installed is not None and _within(installed, supported):
            continue
        found = f"{installed} is installed" if installed else "is not installed"
        ours = f"{PROJECT} {installed_version(PROJECT) or ''}".rstrip()
        problems.append(Problem(
            file="installed libraries",
            message=(f"{distribution} {found}, but {ours} supports only {distribution}{supported}"
                     f"; install a supported release with pip install '{distribution}{supported}'"),
        ))
    return problems


def require_supported(formats: Iterable[str]) -> None:
    """Raise :class:`UnsupportedLibrary` when a library building ``formats`` is a release
    outside :data:`SUPPORTED` (checked before anything is imported or drawn)."""
    problems = unsupported(name for format_name in formats
                           for name in NEEDED_TO_BUILD.get(format_name, ()))
    if problems:
        raise UnsupportedLibrary(problems)


def _within(installed: str, supported: str) -> bool:
    try:
        return Version(installed) in SpecifierSet(supported)
    except InvalidVersion:  # not a release number at all: not a tested one
        return False


# --- provenance -----------------------------------------------------------------------------


def built_with() -> dict[str, object]:
    """What a build was made with: this package's version (and commit, when it runs from a git
    checkout of its source), Python's version and each library's that shapes the output."""
    made_with: dict[str, object] = {PROJECT: installed_version(PROJECT)}
    commit = source_commit()
    if commit is not None:
        made_with["commit"] = commit
    made_with["python"] = platform.python_version()
    made_with["libraries"] = {name: installed_version(name) for name in RECORDED}
    return made_with


def source_commit(package_dir: Path | None = None) -> str | None:
    """The commit checked out where this package's source lies, when it is installed from a git
    checkout (``pip install -e``): read from ``.git`` without running git. None otherwise
    (installed from a wheel, no ``.git``, or a ``.git`` this cannot read)."""
    package_dir = package_dir or Path(__file__).resolve().parent
    root = package_dir.parent.parent  # <root>/src/assessment_doc
    if package_dir.parent.name != "src" or not (root / "pyproject.toml").is_file():
        return None
    try:
        return _head_commit(_git_dir(root / ".git"))
    except (OSError, ValueError):
        return None


def _git_dir(dot_git: Path) -> Path:
    """The git directory: ``.git`` itself, or where a worktree's ``.git`` file points."""
    if dot_git.is_file():
        pointer = dot_git.read_text(encoding="utf-8").strip()
        if not pointer.startswith("gitdir:"):
            raise ValueError(f"not a git pointer: {pointer!r}")
        return (dot_git.parent / pointer.removeprefix("gitdir:").strip()).resolve()
    return dot_git


def _head_commit(git_dir: Path) -> str:
    """HEAD's commit: detached (a hash), or a branch's (a loose ref, else packed-refs)."""
    head = (git_dir / "HEAD").read_text(encoding="utf-8").strip()
    if not head.startswith("ref:"):
        return _commit_hash(head)
    ref = head.removeprefix("ref:").strip()
    common = _common_dir(git_dir)
    for base in (git_dir, common):
        loose = base / ref
        if loose.is_file():
            return _commit_hash(loose.read_text(encoding="utf-8").strip())
    packed = common / "packed-refs"
    for line in packed.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1] == ref:
            return _commit_hash(parts[0])
    raise ValueError(f"{ref} not found")


def _common_dir(git_dir: Path) -> Path:
    """A linked worktree's shared git directory (its branches live there), else ``git_dir``."""
    pointer = git_dir / "commondir"
    if pointer.is_file():
        return (git_dir / pointer.read_text(encoding="utf-8").strip()).resolve()
    return git_dir


def _commit_hash(text: str) -> str:
    if len(text) not in (40, 64) or any(c not in "0123456789abcdef" for c in text):
        raise ValueError(f"not a commit: {text!r}")
    return text
