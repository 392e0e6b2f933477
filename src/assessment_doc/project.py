"""A project folder loaded as one object: settings, validated data, facts, content location.

A project is a folder with ``assessment.yaml``, ``content/`` and ``data/``. The repository root
is itself the bundled 2016-17 Maidstone project.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .data import Datasets, load_datasets
from .data.wording import did_you_mean
from .errors import InputError, Problem
from .facts import Facts, compute_facts
from .settings import Settings, load_settings


@dataclass(frozen=True)
class Project:
    """Everything a build reads, validated."""

    root: Path
    settings: Settings
    datasets: Datasets
    facts: Facts
    """Every computed fact, for the focus area."""
    home_area: str
    """The area the settings file names; ``settings.area`` differs from it after ``--area``."""

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"


def load_project(
    root: Path | str = ".", *, area: str | None = None, collect: list[Problem] | None = None
) -> Project:
    """Load and validate a project folder; ``area`` overrides the settings' focus area.

    Every dataset must have rows for the settings' own area (a gap there is a data error). An
    ``area`` asked for on top of the settings is a what-if: data that does not cover it leaves
    its narrative out, with warnings (see :mod:`assessment_doc.coverage`). ``collect``: add the
    data's problems to this list and go on with the rows that passed, instead of raising.
    """
    root = Path(root).resolve()
    settings = load_settings(root)
    _check_content_folder(root / "content")
    home_area = settings.area
    datasets = load_datasets(root / "data", focus_area=settings.area,
                             required_periods=settings.periods, collect=collect)
    if area is not None and area != settings.area:
        _check_area_is_known(datasets, area)
        settings = settings.with_area(area)
    facts = compute_facts(datasets, focus_area=settings.area, periods=settings.periods or None)
    return Project(root, settings, datasets, facts, home_area)


def _check_content_folder(content: Path) -> None:
    """A project without its narrative would build an empty document without complaint."""
    if not content.is_dir():
        raise InputError(Problem("content", "the content folder does not exist", expected=(
            "a folder content/ holding the sections as Markdown files, e.g. 01-summary.md")))
    if not any(content.glob("*.md")):
        raise InputError(Problem("content", "the content folder holds no sections", expected=(
            "the sections as Markdown files (.md), e.g. 01-summary.md")))


def _check_area_is_known(datasets: Datasets, area: str) -> None:
    districts = sorted({
        name for frame in datasets.frames.values()
        for name, kind in zip(frame["area"], frame["area_type"]) if kind in ("district", "unitary")
    })
    if area not in districts:
        raise InputError(Problem(
            "--area", f"'{area}' is not a district in the data{did_you_mean(area, districts)}",
            expected="one of " + ", ".join(districts)))
