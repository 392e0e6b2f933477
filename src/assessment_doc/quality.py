"""Data quality: which figures a published document prints that do not follow from its own data.

A :class:`PublishedFigure` is one derived figure as a document printed it (a rate, a % change, a
total, a rank) with the way to compute it from the facts. :func:`check_published` recomputes every
one at the precision it was printed and sorts them into reproduced figures and
:class:`QualityRecord` s: contradictions (the computed figure rounds to something else), figures
with no data behind them, and figures that depend on a suppressed value.
:func:`aggregate_checks` needs no printed figures: it checks that every total row of the data
(KCC districts, Kent, Kent and Medway) is the sum of its parts.
:func:`write_quality_report` writes the records as a Markdown table.

The bundled seed's printed figures live with the tests (``tests/seed_expectations.py``): printed
derived figures are never stored as data.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

from .data import Datasets
from .facts import TOTAL_AREAS, Facts, Value
from .format import round_half_up
from .values import Suppressed

CONTRADICTION = "contradiction"
"""The figure computed from the data rounds to something other than the printed figure."""

NO_DATA = "no data"
"""Nothing in the data lets the printed figure be computed."""

SUPPRESSED_INPUT = "suppressed"
"""The printed figure depends on a value suppressed at source, so it cannot be checked."""


@dataclass(frozen=True, slots=True)
class PublishedFigure:
    """One derived figure as printed, and how to compute it from the facts."""

    section: str
    """Where it is printed, e.g. '2.2 table' or '2.1 text'."""
    dataset: str
    figure: str
    """What it is, in words: 'Maidstone, rate per 1,000, Oct 2014 - Sep 2015'."""
    printed: str
    """Exactly as printed: '56.7', '-2.50%', '-£191,402', '6th', '-' (printed for zero)."""
    fact: str | None = None
    """The fact that computes it, if one does."""
    compute: Callable[[Facts], Value] | None = None
    """Otherwise, how to compute it from facts; neither means nothing in the data can."""
    places: int | None = None
    """Decimal places it was rounded to, when the print shows more or fewer ('12.70%' is 1)."""
    note: str = ""
    """Why it may not reproduce; shown in the report when it does not."""

    @property
    def value(self) -> Decimal:
        """The printed figure as a number."""
        text = self.printed.strip()
        if text == "-":
            return Decimal(0)
        number = re.sub(r"(st|nd|rd|th)$", "", text.replace("£", "").replace(",", ""))
        return Decimal(number.rstrip("%").strip())

    @property
    def precision(self) -> int:
        """The decimal places the comparison rounds to."""
        if self.places is not None:
            return self.places
        exponent = self.value.as_tuple().exponent
        return -exponent if isinstance(exponent, int) and exponent < 0 else 0

    def computed(self, facts: Facts) -> Value:
        """The figure computed from ``facts``; None when nothing can compute it."""
        if self.fact is not None:
            return facts.value(self.fact)
        if self.compute is not None:
            return self.compute(facts)
        return None


@dataclass(frozen=True, slots=True)
class QualityRecord:
    """A printed figure that the data does not reproduce."""

    dataset: str
    figure: str
    section: str
    printed: str
    computed: str
    """The computed figure rounded as printed, '[c]' if suppressed, '' if it cannot be computed."""
    status: str
    """CONTRADICTION, NO_DATA or SUPPRESSED_INPUT."""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Reproduction:
    """The outcome of checking printed figures: those reproduced, and the records of the rest."""

    reproduced: tuple[PublishedFigure, ...]
    records: tuple[QualityRecord, ...]


def check_published(facts: Facts, figures: Iterable[PublishedFigure]) -> Reproduction:
    """Recompute each printed figure from ``facts`` and compare at its printed precision."""
    reproduced: list[PublishedFigure] = []
    records: list[QualityRecord] = []
    for figure in figures:
        record = _check(facts, figure)
        if record is None:
            reproduced.append(figure)
        else:
            records.append(record)
    return Reproduction(tuple(reproduced), tuple(records))


def quality_report(facts: Facts, figures: Iterable[PublishedFigure]) -> list[QualityRecord]:
    """The printed figures the data does not reproduce, in the order given."""
    return list(check_published(facts, figures).records)


def _check(facts: Facts, figure: PublishedFigure) -> QualityRecord | None:
    computed = figure.computed(facts)

    def record(shown: str, status: str) -> QualityRecord:
        return QualityRecord(figure.dataset, figure.figure, figure.section, figure.printed,
                             shown, status, figure.note)

    if computed is None:
        return record("", NO_DATA)
    if isinstance(computed, Suppressed):
        return record(str(computed), SUPPRESSED_INPUT)
    rounded = round_half_up(computed, figure.precision)
    if rounded == figure.value:
        return None
    return record(f"{rounded:,}", CONTRADICTION)


AGGREGATES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("county", ("district",)),
    ("police_force_area", ("county", "unitary")),
)
"""Area types whose rows are the sums of other area types' rows (Kent = KCC districts + Medway)."""


def aggregate_checks(datasets: Datasets) -> list[QualityRecord]:
    """Total rows that are not the sum of their parts, for every additive measure and period.

    A county row is checked against the districts, a police force area against the county and
    unitary rows, a police division total (``Kent and Medway``) against the other divisions.
    Measures we derived (``derived: true``) are not checked. A total is not checked when fewer
    than two of its parts have rows, or when a part is suppressed. A dataset that lists only
    some of the parts (two of three divisions) is reported: read the report, not just its length.
    """
    records = []
    for spec in datasets.manifest.datasets:
        frame = datasets.frames[spec.id]
        additive = [m for m, measure in spec.measures.items()
                    if measure.unit in ("count", "persons", "gbp") and not measure.derived]
        for measure in additive:
            rows = frame[(frame["measure"] == measure) & ~frame["suppressed"]]
            for period, in_period in rows.groupby("period", sort=True):
                records += _aggregate_records(spec.id, spec.transcribed_from or "", measure,
                                              str(period), in_period, frame)
    return records


def _aggregate_records(dataset: str, section: str, measure: str, period: str,
                       rows: pd.DataFrame, frame: pd.DataFrame) -> list[QualityRecord]:
    suppressed = frame[(frame["measure"] == measure) & (frame["period"] == period)
                       & frame["suppressed"]]
    checks = [*AGGREGATES, ("police_division", ("police_division",))]
    records = []
    for total_type, part_types in checks:
        totals = rows[rows["area_type"] == total_type]
        if total_type == "police_division":
            totals = totals[totals["area"] == TOTAL_AREAS["police_division"]]
        for total_row in totals.itertuples():
            parts = rows[rows["area_type"].isin(part_types) & (rows["area"] != total_row.area)]
            blocked = suppressed["area_type"].isin(part_types).any()
            if len(parts) < 2 or blocked:
                continue
            computed = parts["value"].sum()
            if round(computed, 6) != round(total_row.value, 6):
                records.append(QualityRecord(
                    dataset, f"{total_row.area} {measure}, {period} (sum of "
                    f"{', '.join(t.replace('_', ' ') for t in part_types)} rows)", section,
                    f"{total_row.value:,.0f}", f"{computed:,.0f}", CONTRADICTION))
    return records


REPORT_COLUMNS = ("Section", "Dataset", "Figure", "Printed", "Computed", "Status", "Note")


def report_markdown(
    records: Iterable[QualityRecord],
    title: str,
    summary: Iterable[tuple[str, int, int]] = (),
) -> str:
    """The records as a Markdown document; ``summary`` rows are (table, reproduced, listed)."""
    lines = [
        f"# {title}",
        "",
        ("Figures printed in the source document that its own data does not reproduce. "
         "Computed figures are rounded as the printed figure was; the published counts are kept."),
        "",
    ]
    summary = list(summary)
    if summary:
        lines += ["| Table | Reproduced | Listed below |", "|---|---:|---:|"]
        lines += [f"| {_cell(table)} | {done} | {listed} |" for table, done, listed in summary]
        done_total = sum(done for _, done, _ in summary)
        listed_total = sum(listed for _, _, listed in summary)
        lines += [f"| All | {done_total} | {listed_total} |", ""]
    lines += [
        "| " + " | ".join(REPORT_COLUMNS) + " |",
        "|" + "---|" * len(REPORT_COLUMNS),
    ]
    for r in records:
        cells = (r.section, r.dataset, r.figure, r.printed, r.computed, r.status, r.note)
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def write_quality_report(
    records: Iterable[QualityRecord],
    path: Path,
    title: str = "Data quality report",
    summary: Iterable[tuple[str, int, int]] = (),
) -> None:
    """Write the records (and the summary rows) as Markdown to ``path``."""
    Path(path).write_text(report_markdown(records, title, summary), encoding="utf-8")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
