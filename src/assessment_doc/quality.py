"""Data quality: which figures a published document prints that do not follow from its own data.

A :class:`PublishedFigure` is one derived figure as a document printed it (a rate, a % change, a
total, a rank) with the way to compute it from the facts. :func:`check_published` recomputes every
one at the precision it was printed and sorts them into reproduced figures and
:class:`QualityRecord` s: contradictions (the computed figure rounds to something else), figures
with no data behind them, and figures that depend on a suppressed value.
:func:`total_mismatches` needs no printed figures: it checks every published total row of the data
(KCC districts, Kent, Kent and Medway) against its parts' rows, by the rule
:class:`TotalMismatch` states; :func:`total_warnings` gives each difference as the data-quality
warning ``check`` and ``build`` print, :func:`aggregate_checks` as a report record.
:func:`write_quality_report` writes the records as a Markdown table.

The bundled seed's printed figures live with the tests (``tests/seed_expectations.py``): printed
derived figures are never stored as data.
"""

from __future__ import annotations

import math
import re
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from .data import Datasets
from .errors import Problem
from .facts import ADDITIVE_UNITS, TOTAL_AREAS, Facts, Value
from .format import format_value, round_half_up
from .periods import Period
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
    ("police_division", ("police_division",)),
)
"""Area types whose rows are the sums of other area types' rows (Kent = KCC districts + Medway;
the Kent and Medway police division = the other divisions)."""


def part_type_words(part_types: tuple[str, ...]) -> str:
    """The parts' area types in words, as warnings and table notes name them: 'district',
    'county or unitary', 'police division'."""
    return " or ".join(t.replace("_", " ") for t in part_types)


@dataclass(frozen=True, slots=True)
class TotalMismatch:
    """A published total row that its parts' rows do not add up to.

    The rule (docs in data/QUALITY.md): when every part the data knows of has a row, the parts
    must add up to the total exactly (whole numbers; values with decimals within the rounding of
    their last place); when some part has no row or is suppressed, the parts listed must not add
    up to more than the total (a county total legitimately includes districts a dataset leaves
    out).
    """

    dataset: str
    file: str
    """As problems name it: data/violent_crime.csv."""
    measure: str
    label: str
    """The measure as tables print it."""
    unit: str
    period: str
    total: str
    total_row: int
    published: float
    part_type: str
    """The parts' area type in words: 'district', 'county or unitary', 'police division'."""
    parts: tuple[tuple[str, int], ...]
    """Each part listed: (area, data row)."""
    computed: float
    complete: bool
    """Every part has a row: the sum must equal the total, not merely stay below it."""

    def warning(self) -> Problem:
        """The data-quality warning for a clerk: file, rows, published and computed values."""
        when = Period.parse(self.period).short_label
        shown = lambda value: format_value(value, self.unit)
        rows = ", ".join(str(row) for _, row in sorted(self.parts, key=lambda part: part[1]))
        parts = (f"its {len(self.parts)} {self.part_type} rows (rows {rows}) add up to "
                 f"{shown(self.computed)}" if self.complete else
                 f"the {len(self.parts)} {self.part_type} rows with figures (rows {rows}) add up to "
                 f"{shown(self.computed)}, more than the total")
        gap = self.published - self.computed
        side = "less" if gap > 0 else "more"
        return Problem(
            self.file,
            f"data quality: the total '{self.total}' of '{self.label}' for {when} is "
            f"{shown(self.published)} as published, but {parts}"
            + (f", {shown(abs(gap))} {side} than the total" if self.complete else ""),
            row=self.total_row,
            column="value",
            expected="a total equal to the sum of its parts: correct a mistyped figure; a total "
            "published this way is kept, and the table placing it says so in a note",
        )


def total_mismatches(datasets: Datasets) -> list[TotalMismatch]:
    """Every published total row (for additive measures we did not derive) that its parts'
    rows do not add up to, by dataset, measure and period. A suppressed total is not checked."""
    expected = expected_parts(datasets)
    found: list[TotalMismatch] = []
    for spec in datasets.manifest.datasets:
        frame = datasets.frames[spec.id]
        for measure, about in spec.measures.items():
            if about.unit not in ADDITIVE_UNITS or about.derived:
                continue
            for period, rows in _rows_by_period(frame[frame["measure"] == measure]):
                found += _mismatches(spec.id, f"data/{spec.file}", measure, about.label,
                                     about.unit, period, rows, expected)
    return found


class _Row(NamedTuple):
    area: str
    area_type: str
    value: float
    suppressed: bool
    row: int


def _rows_by_period(rows: pd.DataFrame) -> list[tuple[str, list[_Row]]]:
    """A measure's rows as plain tuples, by period in order (a few dozen rows a period, which
    pandas would filter again for every total: this is the same work in a tenth of the time)."""
    by_period: dict[object, list[_Row]] = {}
    for period, *fields in zip(rows["period"].tolist(), rows["area"].tolist(),
                               rows["area_type"].tolist(), rows["value"].tolist(),
                               rows["suppressed"].tolist(), rows["row"].tolist()):
        by_period.setdefault(period, []).append(_Row(*fields))
    return [(str(period), by_period[period]) for period in sorted(by_period)]


def expected_parts(datasets: Datasets) -> dict[str, frozenset[str]]:
    """For each total area type, every area of its part types in any dataset: the parts a
    complete list has (the twelve KCC districts, KCC districts and Medway, the divisions).
    Worked out once for the same loaded data (every district table asks)."""
    kept = _EXPECTED.get(datasets)
    if kept is not None:
        return kept
    areas_of: dict[str, set[str]] = {}
    for frame in datasets.frames.values():
        pairs = frame[["area", "area_type"]].drop_duplicates()
        for area, area_type in zip(pairs["area"].tolist(), pairs["area_type"].tolist()):
            areas_of.setdefault(area_type, set()).add(area)
    expected = {
        total_type: frozenset(area for part_type in part_types
                              for area in areas_of.get(part_type, ())
                              if area != TOTAL_AREAS.get(part_type))
        for total_type, part_types in AGGREGATES
    }
    _EXPECTED[datasets] = expected
    return expected


_EXPECTED: weakref.WeakKeyDictionary[Datasets, dict[str, frozenset[str]]] = (
    weakref.WeakKeyDictionary())


def _mismatches(dataset: str, file: str, measure: str, label: str, unit: str, period: str,
                rows: list[_Row], expected: dict[str, frozenset[str]]) -> list[TotalMismatch]:
    found = []
    for total_type, part_types in AGGREGATES:
        totals = [row for row in rows if row.area_type == total_type and not row.suppressed]
        if total_type == "police_division":
            totals = [row for row in totals if row.area == TOTAL_AREAS["police_division"]]
        for total in totals:
            parts = [row for row in rows if row.area_type in part_types and row.area != total.area]
            known = [row for row in parts if not row.suppressed]
            if not known:
                continue
            computed = float(sum(row.value for row in known if not math.isnan(row.value)))
            complete = (len(known) == len(parts)
                        and {row.area for row in parts} >= expected[total_type])
            values = [float(total.value), *(row.value for row in known)]
            if complete and abs(computed - total.value) <= _rounding(values):
                continue
            if not complete and computed <= total.value + _rounding(values):
                continue
            found.append(TotalMismatch(
                dataset, file, measure, label, unit, period, str(total.area), int(total.row),
                float(total.value), part_type_words(part_types),
                tuple((row.area, int(row.row)) for row in known),
                computed, complete))
    return found


def _rounding(values: list[float]) -> float:
    """How far a sum may be from its total through rounding alone: nothing for whole numbers,
    half a unit of the last decimal place for each value otherwise."""
    places = max(_places(value) for value in values)
    return 0.0 if places == 0 else 0.5 * 10 ** -places * len(values)


def _places(value: float) -> int:
    text = f"{value:.6f}".rstrip("0")
    return len(text) - text.index(".") - 1


def total_warnings(datasets: Datasets) -> list[Problem]:
    """The data-quality warnings of every total row its parts do not add up to."""
    return [mismatch.warning() for mismatch in total_mismatches(datasets)]


def aggregate_checks(datasets: Datasets) -> list[QualityRecord]:
    """Total rows that are not the sum of their parts (see :class:`TotalMismatch` for the
    rule), as records of the data quality report."""
    records = []
    for m in total_mismatches(datasets):
        section = datasets.manifest.dataset(m.dataset).transcribed_from or ""
        listed = "rows" if m.complete else "rows listed, more than the total"
        records.append(QualityRecord(
            m.dataset, f"{m.total} {m.measure}, {m.period} (sum of "
            f"{m.part_type.replace(' or ', ', ')} {listed})", section,
            f"{m.published:,.0f}", f"{m.computed:,.0f}", CONTRADICTION))
    return records


HOW_THE_DOCUMENT_TELLS = """\
## Totals

`check` and `build` check every published total row against the rows of its parts: KCC districts
against the districts, Kent against KCC districts and Medway, Kent and Medway against the police
divisions, for every measure counted in people, offences or pounds that is not derived.

- When every part the data knows of has a row, the parts must add up to the total exactly
  (whole numbers; values with decimals may differ by half a unit of their last place for each
  value added, the most rounding can explain).
- When a part has no row, or is suppressed, the parts listed must only not add up to more than
  the total: a county total rightly counts districts a dataset leaves out, and suppressed values
  hold the rest.

A difference is a data-quality warning naming the file, the rows, the published and the computed
totals. The published total is kept: the table showing it says in a note what its rows add up to.
A column the tables compute (a difference) that no longer adds up to its total row, and a ward
list's published total that its wards exceed, are warnings too.

## Figures shown otherwise than published

Where a table shows a figure worked out from the data that the source printed otherwise (a rank,
a difference, a percentage change), `content/tables.yaml` records what was published
(`published:`, for the period it was published for), and the table carries a note saying what
was published, what is shown and why. `build-report.json` lists each under `disclosures`.
Contradictions between the source's text and its tables are settled in the narrative: it quotes
the figures the tables show, and a footnote tells of reported figures with nothing published
behind them.
"""
"""How the document deals with the figures above; the end of every report."""


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
    return "\n".join(lines) + "\n\n" + HOW_THE_DOCUMENT_TELLS


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
