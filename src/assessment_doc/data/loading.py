"""Loading a project's data folder: the manifest and every CSV, checked together, in one pass.

Every problem in every file is collected before anything is refused, so a clerk sees the whole
list at once; :class:`~assessment_doc.errors.InputError` carries it, sorted by file then row.
Loading only reads: it never writes, moves or creates a file.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from ..errors import InputError, Problem
from ..periods import Period, PeriodError
from . import checks
from .checks import LoadedTable
from .csv_file import read_csv_columns
from .datasets import Datasets, build_frame, frame_of_columns
from .files import EXPECTED_FILE, UnsafePath, locate
from .manifest import MANIFEST_NAME, ManifestEntry, ManifestReading, read_manifest
from .rows import validate_columns
from .text_files import read_utf8


def load_datasets(
    data_dir: Path,
    *,
    focus_area: str | None = None,
    required_periods: Mapping[str, str | Period] | None = None,
    collect: list[Problem] | None = None,
) -> Datasets:
    """Read and check ``data_dir`` (datasets.yaml and its CSVs); InputError lists every problem.

    ``focus_area``: every dataset must have rows for it, unless its manifest entry says
    ``focus_area_required: false``. ``required_periods``: dataset id -> the period that dataset
    must have rows for. ``collect``: instead of raising, add the problems to this list and
    return the datasets and rows that passed (for a check that goes on to report the content's
    problems too).
    """
    folder = _DataFolder(Path(data_dir))
    problems: list[Problem] = []
    reading = _read_manifest(folder, problems)
    tables = [table for entry in reading.entries
              if (table := _load_table(folder, entry, problems)) is not None]
    problems += _cross_checks(folder, reading, tables, focus_area, required_periods or {})
    if problems and collect is None:
        raise InputError(sorted(problems, key=_reading_order))
    frames = {t.dataset_id: t.frame.drop(columns="line") for t in tables}
    if collect is not None:
        collect.extend(sorted(problems, key=_reading_order))
        # every listed dataset gets a frame: one whose file could not be read has no rows
        empty = build_frame([]).drop(columns="line")
        frames = {spec.id: frames.get(spec.id, empty) for spec in reading.manifest.datasets}
    return Datasets(reading.manifest, frames)


class _DataFolder:
    """The data folder, and how its files are named in problems (relative to the project)."""

    def __init__(self, path: Path):
        self.path = path
        self._name = Path(os.path.abspath(path)).name

    def shown(self, file: str) -> str:
        return str(PurePosixPath(self._name, *PurePosixPath(file.replace("\\", "/")).parts))


def _read_manifest(folder: _DataFolder, problems: list[Problem]) -> ManifestReading:
    shown = folder.shown(MANIFEST_NAME)
    if not folder.path.is_dir():
        problems.append(Problem(folder.shown(""), "the data folder does not exist",
                                expected="a folder holding datasets.yaml and the CSV files"))
        return ManifestReading((), ())
    text = read_utf8(folder.path / MANIFEST_NAME, shown) if (
        folder.path / MANIFEST_NAME).is_file() else _missing_manifest(shown)
    if isinstance(text, Problem):
        problems.append(text)
        return ManifestReading((), ())
    reading = read_manifest(text, shown)
    problems += reading.problems
    return reading


def _missing_manifest(shown: str) -> Problem:
    return Problem(shown, "is missing",
                   expected="a datasets.yaml listing each dataset (see docs/data-contract.md)")


MAX_FILE_BYTES = 16 * 2**20
"""The largest data file read: 16 MB, some 400,000 rows. The published figures of an
assessment are a few thousand rows (the bundled project's largest file has 76); every ward of
a county, month by month for ten years, is about a million, which is record-level work for a
database, not a board paper. A file at the limit loads in 250 MB (a million rows, 42 MB, took
460 MB), so a build stays within a few hundred megabytes; one beyond it is
refused before it is read, in no time and no memory."""


def _too_large(shown: str, size: int) -> Problem:
    return Problem(
        shown,
        f"is {size / 2**20:.1f} MB, larger than the {MAX_FILE_BYTES // 2**20} MB a data file may be",
        expected="the published figures only, one row for each area, period and measure "
        "(not record-level data)",
    )


def _load_table(
    folder: _DataFolder, entry: ManifestEntry, problems: list[Problem]
) -> LoadedTable | None:
    """Check one dataset's CSV; None if its file cannot be found or read at all."""
    if entry.file is None:
        return None
    try:
        path = locate(folder.path, entry.file)
    except UnsafePath as unsafe:
        problems.append(Problem(folder.shown(MANIFEST_NAME), str(unsafe), line=entry.line,
                                column="file", expected=EXPECTED_FILE))
        return None
    shown = folder.shown(entry.file)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.append(_too_large(shown, size))
        return None
    text = read_utf8(path, shown, limit=MAX_FILE_BYTES)
    if isinstance(text, Problem):
        problems.append(text)
        return None
    return _check_rows(text, shown, entry, problems)


def _check_rows(
    text: str, shown: str, entry: ManifestEntry, problems: list[Problem]
) -> LoadedTable:
    table = read_csv_columns(text, shown)
    problems += table.problems
    dataset_id = entry.dataset_id or PurePosixPath(shown).stem
    checked = validate_columns(table, shown, dataset_id, entry.units)
    problems += checked.problems
    return LoadedTable(
        dataset_id,
        shown,
        frame_of_columns(checked),
        areas_written=frozenset(table.cells["area"].tolist()),
        periods_written=frozenset(map(_canonical, set(table.cells["period"].tolist()))),
    )


def _canonical(period: str) -> str:
    try:
        return str(Period.parse(period))
    except PeriodError:
        return period


def _cross_checks(
    folder: _DataFolder,
    reading: ManifestReading,
    tables: list[LoadedTable],
    focus_area: str | None,
    required_periods: Mapping[str, str | Period],
) -> list[Problem]:
    problems = checks.one_type_per_area(tables) + checks.one_spelling_per_area(tables)
    exempt = {e.dataset_id for e in reading.entries if not e.focus_area_required}
    for table in tables:
        problems += checks.duplicate_rows(table)
        if focus_area is not None and table.dataset_id not in exempt:
            problems += checks.focus_area_present(table, focus_area)
    problems += _required_periods(folder, reading, tables, required_periods)
    return problems


def _required_periods(
    folder: _DataFolder,
    reading: ManifestReading,
    tables: list[LoadedTable],
    required_periods: Mapping[str, str | Period],
) -> list[Problem]:
    by_id = {table.dataset_id: table for table in tables}
    declared = {entry.dataset_id for entry in reading.entries}
    problems = []
    for dataset_id, period in required_periods.items():
        canonical = str(Period.parse(str(period)))  # a caller's bad period is a ValueError
        if dataset_id in by_id:
            problems += checks.required_period_present(by_id[dataset_id], canonical)
        elif dataset_id not in declared and reading.entries:
            problems.append(Problem(
                folder.shown(MANIFEST_NAME),
                f"the assessment needs dataset '{dataset_id}' (period {canonical}), "
                "which is not listed",
                column="id",
                expected="an entry '- id: " + dataset_id + "' under datasets:",
            ))
    return problems


def _reading_order(problem: Problem) -> tuple[str, int, int, str, str]:
    return (problem.file, problem.row or 0, problem.line or 0, problem.column or "",
            problem.message)
