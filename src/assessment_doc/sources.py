"""The appendix "Information sources": the content's own text, then a table generated from
data/datasets.yaml.

The words around the table (how the partnership's data were gathered, what "recorded" and
"committed" dates mean, which organisations contributed) are the clerk's, in the content file
whose id is ``information_sources`` (``content/10-information-sources.md`` in the bundled
project). The table is generated, so it can never fall out of step with the data: each dataset
the document cites (:mod:`.citations`) with its source, what its figures are and the periods
its rows cover. Only the manifest's reader-facing words are printed (title, publisher, source,
description); its notes and ``transcribed_from`` are for the data's maintainers and never
reach a reader.

A dataset with more than :data:`MAX_LISTED` periods is summarised ("44 periods of 3 months, from
April 2005 - June 2005 to January 2016 - March 2016"): years of history would otherwise make one
table cell taller than a page.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace

from .data import Datasets
from .data.manifest import DatasetSpec
from .model import Column, Paragraph, Section, SectionKind, Table, TableRow, runs
from .periods import Period, PeriodKind

TITLE = "Information sources"

SECTION_ID = "information_sources"
"""The id of the content appendix the table joins (the file name ``NN-information-sources.md``
gives it)."""

CAPTION = "Datasets used in this assessment"

MAX_LISTED = 4
"""Periods listed one by one at most; more are summarised by their number, first and last."""

_DEFAULT_INTRO = (
    "Every figure in this assessment is computed from the datasets below. Rates, changes, "
    "ranks and totals are derived from the published counts, not copied."
)
"""The appendix's only text when the content has no Information sources file of its own."""


def with_information_sources(appendices: Sequence[Section], datasets: Datasets,
                             cited: Collection[str] | None = None) -> list[Section]:
    """The appendices with the dataset table at the end of the content's Information sources
    appendix (so the clerk's last subsection can introduce it, and the text before it is not
    pushed pages away from its heading). A project without such an appendix gets a generated
    one, first among the appendices. ``cited``: the ids of the datasets the document cites
    (see :mod:`.citations`), the only ones listed; None lists every dataset."""
    table = dataset_table(datasets, cited)
    placed = [_append(section, table) if section.id == SECTION_ID else section
              for section in appendices]
    if any(section.id == SECTION_ID for section in appendices):
        return placed
    return [information_sources(datasets, cited), *placed]


def information_sources(datasets: Datasets, cited: Collection[str] | None = None) -> Section:
    """The appendix as generated alone: a sentence and the dataset table."""
    return Section(TITLE, (Paragraph(runs(_DEFAULT_INTRO)), dataset_table(datasets, cited)),
                   kind=SectionKind.APPENDIX, id=SECTION_ID)


def dataset_table(datasets: Datasets, cited: Collection[str] | None = None) -> Table:
    """One row per dataset, in the manifest's order: title, source, what the figures are, and
    the periods its rows cover. With ``cited``, only the datasets it names: the appendix says
    every figure comes from the datasets listed, so a dataset no figure comes from (no longer
    quoted, or left out with the parts about another area) is not listed."""
    rows = tuple(
        TableRow((spec.title, source_cell(spec), what_cell(spec),
                  periods_covered(datasets.frames[spec.id]["period"].unique())))
        for spec in datasets.manifest.datasets if cited is None or spec.id in cited
    )
    columns = (Column("Dataset"), Column("Source"), Column("What the figures are"),
               Column("Periods covered"))
    return Table(caption=CAPTION, columns=columns, rows=rows, id=SECTION_ID)


def source_cell(spec: DatasetSpec) -> str:
    """The source as cited; the publisher is put before it only when the citation does not
    already name it ("Kent Police: Kent Police recorded crime" says it twice)."""
    if spec.publisher is None or spec.publisher.casefold() in spec.source.casefold():
        return spec.source
    return f"{spec.publisher}: {spec.source}"


def what_cell(spec: DatasetSpec) -> str:
    """The dataset's description for readers; without one, the labels of its measures, which
    at least say what is counted."""
    if spec.description:
        return spec.description
    return "; ".join(measure.label for measure in spec.measures.values())


def _append(section: Section, table: Table) -> Section:
    """``section`` with ``table`` last, inside its last subsection when it ends with one: the
    table then belongs to the subsection that introduces it, as the contents shows it."""
    *before, last = section.children or (None,)
    if isinstance(last, Section):
        return replace(section, children=(*before, _append(last, table)))
    return replace(section, children=(*section.children, table))


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
