"""A project folder loaded as one object: settings, validated data, facts, content location.

A project is a folder with ``assessment.yaml``, ``content/`` and ``data/``. The repository root
is itself the bundled 2016-17 Maidstone project.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .data import Datasets, load_datasets
from .facts import Facts, compute_facts
from .settings import Settings, load_settings


@dataclass(frozen=True)
class Project:
    """Everything a build reads, validated."""

    root: Path
    settings: Settings
    datasets: Datasets
    facts: Facts
    """Every computed fact, for the settings' focus area."""

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"


def load_project(root: Path | str = ".", *, area: str | None = None) -> Project:
    """Load and validate a project folder; ``area`` overrides the settings' focus area."""
    root = Path(root).resolve()
    settings = load_settings(root)
    if area is not None:
        settings = settings.with_area(area)
    datasets = load_datasets(root / "data", focus_area=settings.area,
                             required_periods=settings.periods)
    facts = compute_facts(datasets, focus_area=settings.area, periods=settings.periods or None)
    return Project(root, settings, datasets, facts)
