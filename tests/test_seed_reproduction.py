"""The bundled data reproduces every derived figure the seed prints, or the figure is listed.

Each printed rate, % change, difference, total and rank (tests/seed_expectations.py) is
recomputed from the stored counts by assessment_doc.facts and compared at the precision it was
printed. Those that do not follow from the seed's own counts are the data quality report: the
test asserts that exact list, and that data/QUALITY.md is the report generated from it.

Run this file as a script to rewrite data/QUALITY.md after changing the data or the expectations:
``python tests/test_seed_reproduction.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from seed_expectations import DISTRICTS, EXPECTED_RECORDS, PUBLISHED_FIGURES, TABLES

from assessment_doc.data import load_datasets
from assessment_doc.facts import Facts, compute_facts, slug
from assessment_doc.quality import (
    PublishedFigure,
    QualityRecord,
    aggregate_checks,
    check_published,
    report_markdown,
)

DATA = Path(__file__).resolve().parents[1] / "data"
REPORT = DATA / "QUALITY.md"
REPORT_TITLE = "Data quality report: the seed's printed figures that its own data does not reproduce"
FOCUS_AREA = "Maidstone"


def seed_facts() -> Facts:
    return compute_facts(load_datasets(DATA, focus_area=FOCUS_AREA), focus_area=FOCUS_AREA)


@pytest.fixture(scope="module")
def facts() -> Facts:
    return seed_facts()


def _row(record: QualityRecord) -> tuple[str, str, str, str, str]:
    return (record.section, record.figure, record.printed, record.computed, record.status)


def _listed(figure: PublishedFigure) -> bool:
    return any(row[:3] == (figure.section, figure.figure, figure.printed)
               for row in EXPECTED_RECORDS)


def summary(facts: Facts) -> list[tuple[str, int, int]]:
    """(table, reproduced, listed) for each table of the seed."""
    rows = []
    for table, figures in TABLES.items():
        result = check_published(facts, figures)
        rows.append((table, len(result.reproduced), len(result.records)))
    return rows


def the_report(facts: Facts) -> str:
    records = check_published(facts, PUBLISHED_FIGURES).records
    return report_markdown(records, REPORT_TITLE, summary(facts))


def test_the_figures_that_do_not_follow_from_the_data_are_exactly_the_listed_ones(facts):
    records = check_published(facts, PUBLISHED_FIGURES).records
    assert [_row(r) for r in records] == EXPECTED_RECORDS


@pytest.mark.parametrize(
    "figure",
    [f for f in PUBLISHED_FIGURES if not _listed(f)],
    ids=lambda f: f"{f.section}: {f.figure}",
)
def test_printed_figure_is_reproduced_from_the_counts(facts, figure):
    assert check_published(facts, [figure]).reproduced == (figure,)


def test_every_printed_figure_is_checked_once():
    keys = [(f.section, f.figure, f.printed) for f in PUBLISHED_FIGURES]
    assert len(keys) == len(set(keys))


def test_reproduction_table_by_table(facts):
    rows = summary(facts)
    print("\nSeed figures, table by table: reproduced / listed in the data quality report")
    for table, done, listed in rows:
        print(f"  {table:45s} {done:4d} {listed:4d}")
    print(f"  {'All':45s} {sum(r[1] for r in rows):4d} {sum(r[2] for r in rows):4d}")
    assert sum(r[1] for r in rows) + sum(r[2] for r in rows) == len(PUBLISHED_FIGURES)
    assert sum(r[2] for r in rows) == len(EXPECTED_RECORDS)


def test_only_two_total_rows_of_the_data_are_not_the_sum_of_their_parts():
    records = aggregate_checks(load_datasets(DATA))
    assert [(r.dataset, r.figure, r.printed, r.computed) for r in records] == [
        ("violent_crime", "KCC districts offences, 2014-10/2015-09 (sum of district rows)",
         "28,026", "28,019"),
        ("iom_cost_of_offending",
         "Kent and Medway cost_after_joining, 2015 (sum of police division rows)",
         "404,685", "402,685"),
    ]


def test_the_implied_populations_add_up(facts):
    def population(area: str) -> float:
        for measure in ("population", "population_implied_by_rates"):
            value = facts.value(f"population.{slug(area)}.{measure}.value")
            if value is not None:
                return value
        raise AssertionError(f"no population for {area}")

    districts = sum(population(d) for d in DISTRICTS)
    assert population("KCC districts") == districts == 1_510_100
    assert population("Kent") == districts + population("Medway") == 1_784_100


def test_the_committed_quality_report_is_the_generated_one(facts):
    assert REPORT.read_text(encoding="utf-8") == the_report(facts), (
        "data/QUALITY.md is out of date: run python tests/test_seed_reproduction.py"
    )


def test_the_report_is_written_where_asked(facts, tmp_path):
    from assessment_doc.quality import write_quality_report

    records = check_published(facts, PUBLISHED_FIGURES).records
    target = tmp_path / "quality.md"
    write_quality_report(records, target, REPORT_TITLE, summary(facts))
    assert target.read_text(encoding="utf-8") == the_report(facts)


if __name__ == "__main__":
    REPORT.write_text(the_report(seed_facts()), encoding="utf-8")
    print(f"wrote {REPORT}")
