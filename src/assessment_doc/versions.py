"""The library releases assessment_doc supports, checked before it renders.

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
from collections.abc import Iterable, Mapping

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

