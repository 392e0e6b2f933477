"""The appendix "Information sources", generated from data/datasets.yaml.

Every dataset the document draws on is listed with its publisher, source, the periods its rows
cover and its notes, so the appendix can never fall out of step with the data. A dataset with
more than :data:`MAX_LISTED` periods is summarised ("44 periods of 3 months, from April 2005 -
June 2005 to January 2016 - March 2016"): years of history would otherwise make one table cell
taller than a page.
"""

from __future__ import annotations

from collections.abc import Iterable

from .data import Datasets
from .model import Column, Paragraph, Section, SectionKind, Table, TableRow, runs
from .periods import Period, PeriodKind

TITLE = "Information sources"

MAX_LISTED = 4
"""Periods listed one by one at most; more are summarised by their number, first and last."""


def information_sources(datasets: Datasets) -> Section:
    """An appendix section with one table row per dataset, and each dataset's notes after it."""
    rows = []
    for spec in datasets.manifest.datasets:
        rows.append(TableRow((spec.title, _publisher_and_source(spec.publisher, spec.source),
                              _periods_covered(datasets, spec.id))))
    table = Table(
        caption="Datasets used in this assessment",
        columns=(Column("Dataset"), Column("Publisher and source"), Column("Periods covered")),
        rows=tuple(rows),
        id="information_sources",
    )
    intro = Paragraph(runs(
        "Every figure in this assessment is computed from the datasets below. Rates, changes, "
        "ranks and totals are derived from the published counts, not copied."
    ))
    return Section(TITLE, (intro, table), kind=SectionKind.APPENDIX, id="information_sources")


def _publisher_and_source(publisher: str | None, source: str) -> str:
    return f"{publisher}: {source}" if publisher else source


def _periods_covered(datasets: Datasets, dataset_id: str) -> str:
    return periods_covered(datasets.frames[dataset_id]["period"].unique())


def periods_covered(written: Iterable[str]) -> str:
    """The periods of a dataset in words: each one, or, past :data:`MAX_LISTED`, how many,
    of what length and from when to when."""
    periods = sorted({Period.parse(p) for p in written})
    if len(periods) <= MAX_LISTED:
        return "; ".join(period.label for period in periods)
    first, last = periods[0].label, periods[-1].label
    kinds = {period.kind for period in periods}
    lengths = {period.months for period in periods}
    if kinds == {PeriodKind.YEAR}:
        what = "years"
    elif kinds == {PeriodKind.MONTH}:
        what = "single months"
    elif len(lengths) == 1:
        what = f"periods of {lengths.pop()} months"
    else:
        what = "periods"
    return f"{len(periods):,} {what}, from {first} to {last}"
