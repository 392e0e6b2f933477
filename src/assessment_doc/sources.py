"""The appendix "Information sources", generated from data/datasets.yaml.

Every dataset the document draws on is listed with its publisher, source, the periods its rows
cover and its notes, so the appendix can never fall out of step with the data.
"""

from __future__ import annotations

from .data import Datasets
from .model import Column, Paragraph, Section, SectionKind, Table, TableRow, runs
from .periods import Period

TITLE = "Information sources"


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
    periods = sorted({Period.parse(p) for p in datasets.frames[dataset_id]["period"]})
    return "; ".join(period.label for period in periods)
