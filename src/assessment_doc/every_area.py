"""Every area the data offers, built (or checked) at once: ``--area all``.

A partnership's analyst, or the county's, may want the same assessment for every district and
unitary authority in the data, one pair of files each in one folder, to compare or to hand on.
Each area is its own what-if build (:func:`assessment_doc.project.load_project` with ``area``),
run in a pool of worker processes, one per CPU: a build is mostly Python work, which threads
would not share out. Where ``fork`` exists the workers are forked from this process, so they
start with its imports done.

Every file names its area (``…-appendix-1-swale.pdf``, ``build-report-swale.json``), the
settings' own area too, so the folder reads the same for each.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from .data import Datasets
from .errors import InputError

ALL = "all"
"""The ``--area`` value that asks for every area."""

_AREA_TYPES = ("district", "unitary")


@dataclass(frozen=True)
class AreaDone:
    """What one area's build (or check) gave."""

    area: str
    paths: tuple[Path, ...] = ()
    warnings: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    """Why the area could not be built (its input errors); empty when it was."""

    @property
    def ok(self) -> bool:
        return not self.problems


def focus_areas(datasets: Datasets) -> list[str]:
    """Every district and unitary authority with a row in some dataset, in alphabetical order."""
    return sorted({
        name for frame in datasets.frames.values()
        for name, kind in zip(frame["area"], frame["area_type"]) if kind in _AREA_TYPES
    })


def for_every_area(
    root: Path,
    areas: Sequence[str],
    *,
    out: Path | None = None,
    formats: Sequence[str] = ("docx", "pdf"),
    cache: bool = True,
    submitted: Callable[[], None] = lambda: None,
    done: Callable[[AreaDone], None] = lambda result: None,
) -> list[AreaDone]:
    """Build each area of ``areas`` into ``out`` (or, with ``out`` None, check it: nothing is
    written; no chart is drawn), in worker processes; ``cache`` False draws every chart and
    keeps none (``--no-cache``). ``done`` hears of each as it finishes, and ``submitted`` once
    all are under way (the workers are started by then, so a progress display may start its
    thread). Returns the results in the order of ``areas``."""
    workers = max(1, min(os.cpu_count() or 1, len(areas)))
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
        futures: dict[Future[AreaDone], str] = {
            pool.submit(_one_area, root, area, out, tuple(formats), cache): area
            for area in areas}
        submitted()
        results: dict[str, AreaDone] = {}
        try:
            for future in as_completed(futures):
                result = future.result()
                results[result.area] = result
                done(result)
        except KeyboardInterrupt:  # Ctrl-C, or SIGTERM sent to this process alone
            _stop_workers(pool)
            raise
    return [results[area] for area in areas]


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """The areas not started are dropped, and the workers still building one are killed, so
    that leaving the pool does not wait for every area to be built first. A worker killed
    while it wrote an area's files leaves that area as any build killed outright does: its
    last files whole, or hidden temporaries that the next build into the folder tidies away
    (:mod:`.render.save`). (Sent SIGTERM instead, a worker stops like the command, but the pool's
    worker loop catches that and reports it with a traceback.)"""
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in multiprocessing.active_children():
        worker.kill()


def _context() -> multiprocessing.context.BaseContext:
    """Fork where there is fork (workers start with this process's imports); else spawn."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _one_area(root: Path, area: str, out: Path | None, formats: tuple[str, ...],
              cache: bool = True) -> AreaDone:
    """In a worker: one area's build (``out`` given) or check, which works out every chart's
    data and words as ``check`` does and draws none. Input errors are the area's result;
    anything else is a bug and reaches the parent as an exception."""
    from .api import build
    from .builder import assemble
    from .figures import FigureCache
    from .project import load_project

    try:
        project = load_project(root, area=area)
        if out is None:
            figures = FigureCache(draws=False)
            assembly = assemble(project, figure_cache=figures)
            return AreaDone(area, warnings=tuple(str(w) for w in dict.fromkeys(
                (*assembly.warnings, *figures.warnings))))
        result = build(project, out, formats=formats, name_the_area=True, cache=cache)
    except InputError as error:
        return AreaDone(area, problems=tuple(str(p) for p in error.problems))
    return AreaDone(area, result.paths, tuple(str(w) for w in result.warnings))
