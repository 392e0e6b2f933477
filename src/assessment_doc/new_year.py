"""Starting next year's project from this year's: the March board pack's first step.

``start_next_year(old, new)`` copies the settings, content, rules and data into a new folder,
moves every dataset's assessment period on by a year (written explicitly into the new settings,
so the check asks for the new rows), moves the title's years and the date on, and lists the
datasets that still lack rows for their new period: what to ask the data owners for. The old
project is never modified, so last year's pack still rebuilds from its own inputs.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from .builder import make_decisions, narrative_context
from .errors import InputError, Problem
from .narrative import content_paths
from .periods import Period, current_period
from .project import Project, load_project
from .settings import SETTINGS_FILE

_ACADEMIC_YEAR = re.compile(r"\b(\d{4})([-/])(\d{2})\b")


@dataclass(frozen=True)
class NewYear:
    """What :func:`start_next_year` made."""

    root: Path
    title: str
    periods: dict[str, str]
    """Dataset id -> its new assessment period."""
    missing: dict[str, str]
    """Dataset id -> the new period it has no rows for yet."""
    previous_priorities: tuple[str, ...]


def start_next_year(source: Path | str, target: Path | str) -> NewYear:
    """Create next year's project in ``target`` (which must not exist or be empty).

    This year's decided priorities (by the rules, with the settings' overrides) become the new
    year's ``previous_priorities``.
    """
    project = load_project(source)
    priorities = decided_priorities(project)
    target = Path(target).resolve()
    if target.exists() and any(target.iterdir()):
        raise InputError(Problem(str(target), "the folder already exists and is not empty",
                                 expected="a new folder for next year's project"))
    periods = {dataset: str(period.shift(1)) for dataset, period in current_periods(project).items()}
    settings = _next_settings(project, periods, priorities)
    _write_project(project.root, target, settings)
    missing = {
        dataset: period for dataset, period in periods.items()
        if period not in set(project.datasets.frames[dataset]["period"])
    }
    return NewYear(target, settings["title"], periods, missing, priorities)


def decided_priorities(project: Project) -> tuple[str, ...]:
    """The priorities this year's rules keep or add (empty without a rules file)."""
    problems: list[Problem] = []
    decisions = make_decisions(project, narrative_context(project),
                               content_paths(project.content_dir), problems)
    if problems:
        raise InputError(problems)
    return tuple(d.priority for d in decisions.listed()) if decisions else ()


def current_periods(project: Project) -> dict[str, Period]:
    """Each dataset's assessment period: the settings' choice, else its latest period."""
    chosen = project.settings.periods
    return {dataset: current_period(frame["period"].unique(), chosen.get(dataset))
            for dataset, frame in project.datasets.frames.items()}


def next_title(title: str) -> str:
    """'Strategic Assessment 2016-17' -> 'Strategic Assessment 2017-18'."""
    def move_on(match: re.Match[str]) -> str:
        first = int(match.group(1))
        if int(match.group(3)) != (first + 1) % 100:
            return match.group(0)
        return f"{first + 1}{match.group(2)}{(first + 2) % 100:02d}"

    return _ACADEMIC_YEAR.sub(move_on, title)


def _next_settings(project: Project, periods: dict[str, str], priorities: tuple[str, ...]) -> dict:
    settings = project.settings.model_dump(mode="json", exclude_defaults=False)
    settings["title"] = next_title(project.settings.title)
    date = project.settings.date
    settings["date"] = date.replace(year=date.year + 1).isoformat()
    settings["periods"] = periods
    if priorities:
        settings["previous_priorities"] = list(priorities)
    return settings


def _files_the_settings_name(settings: dict) -> list[str]:
    """The project's own files the settings point at (the Word template, the logo), relative
    to the project: next year's project needs them as much as its content and data."""
    named = [settings.get("word_template"), (settings.get("style") or {}).get("logo")]
    return [name for name in named if isinstance(name, str) and name]


def _write_project(source: Path, target: Path, settings: dict) -> None:
    """Copy content and data and write the settings into a temporary folder, then rename it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for folder in ("content", "data"):
            shutil.copytree(source / folder, staging / folder)
        for name in _files_the_settings_name(settings):
            if not (staging / name).exists():  # not already copied with content/ or data/
                (staging / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source / name, staging / name)
        header = (f"# Settings of {settings['title']}, started from {source.name} by "
                  "'assessment-doc new-year'.\n# Review the narrative in content/ before building.\n")
        text = yaml.safe_dump(settings, sort_keys=False, allow_unicode=True)
        (staging / SETTINGS_FILE).write_text(header + text, encoding="utf-8")
        if target.exists():
            target.rmdir()
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
