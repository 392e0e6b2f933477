"""Data quality: printed figures checked against the facts, and totals against their parts."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from assessment_doc.data import load_datasets
from assessment_doc.facts import compute_facts
from assessment_doc.quality import (
    CONTRADICTION,
    NO_DATA,
    SUPPRESSED_INPUT,
    PublishedFigure,
    QualityRecord,
    aggregate_checks,
    check_published,
    total_mismatches,
    total_warnings,
    report_markdown,
    write_quality_report,
)

FIXTURE = Path(__file__).parent / "fixtures" / "facts" / "data"


@pytest.fixture(scope="module")
def facts():
    return compute_facts(load_datasets(FIXTURE), focus_area="Alpha")


def figure(printed: str, fact: str | None = None, **kwargs) -> PublishedFigure:
    return PublishedFigure("1.1 table", "crime", "a figure", printed, fact=fact, **kwargs)


class TestPrintedFigures:
    @pytest.mark.parametrize(("printed", "value", "places"), [
        ("56.7", Decimal("56.7"), 1),
        ("-2.50%", Decimal("-2.5"), 2),
        ("-£191,402", Decimal(-191402), 0),
        ("6th", Decimal(6), 0),
        ("2nd", Decimal(2), 0),
        ("-", Decimal(0), 0),
        ("89643", Decimal(89643), 0),
    ])
    def test_it_reads_a_figure_as_printed(self, printed, value, places):
        assert (figure(printed).value, figure(printed).precision) == (value, places)

    def test_it_takes_the_precision_it_was_rounded_to_when_given(self):
        assert figure("12.70%", places=1).precision == 1

    def test_it_reproduces_a_figure_at_its_printed_precision(self, facts):
        # Alpha violence 70 -> 60 is -14.2857%
        result = check_published(facts, [figure("-14.3%", "crime.alpha.violence.pct_change")])
        assert len(result.reproduced) == 1
        assert result.records == ()

    def test_it_rounds_halves_up(self, facts):
        # 30 of 45 admissions is 66.666...%; Beta's 230 / 20,000 is 11.5 per 1,000
        assert check_published(facts, [
            figure("67%", "admissions.north.admissions.share_of_total"),
            figure("12", "crime.beta.violence.rate_per_1000"),
        ]).records == ()

    def test_it_records_a_contradiction_with_the_computed_figure(self, facts):
        printed = figure("-14.2%", "crime.alpha.violence.pct_change", note="why")
        assert check_published(facts, [printed]).records == (QualityRecord(
            "crime", "a figure", "1.1 table", "-14.2%", "-14.3", CONTRADICTION, "why"),)

    def test_it_records_a_figure_with_no_data_behind_it(self, facts):
        records = check_published(facts, [
            figure("28.6%"), figure("5%", "crime.kent.violence.pct_change")]).records
        assert [r.status for r in records] == [NO_DATA, NO_DATA]
        assert records[0].computed == ""

    def test_it_records_a_figure_that_depends_on_a_suppressed_value(self, facts):
        records = check_published(facts, [figure("3", "crime.gamma.violence.previous")]).records
        assert [(r.computed, r.status) for r in records] == [("[c]", SUPPRESSED_INPUT)]

    def test_it_computes_with_a_function_of_the_facts(self, facts):
        total = figure("100", compute=lambda f: f.value("crime.alpha.violence.value")
                       + f.value("crime.alpha.theft.value"))
        assert check_published(facts, [total]).records == ()


class TestAggregateChecks:
    def test_it_finds_nothing_wrong_in_totals_that_add_up(self):
        assert aggregate_checks(load_datasets(FIXTURE)) == []

    def test_it_reports_a_county_total_that_is_not_the_sum_of_its_districts(self, tmp_path):
        data = _edited(tmp_path, "crime.csv", ("KCC districts,county,2015,violence,310",
                                               "KCC districts,county,2015,violence,311"))
        records = aggregate_checks(load_datasets(data))
        assert [(r.figure, r.printed, r.computed) for r in records] == [
            ("KCC districts violence, 2015 (sum of district rows)", "311", "310"),
            ("Kent violence, 2015 (sum of county, unitary rows)", "400", "401"),
        ]

    def test_it_checks_a_police_division_total_against_the_divisions(self, tmp_path):
        data = _edited(tmp_path, "costs.csv",
                       ("Kent and Medway,police_division,2015,after,190",
                        "Kent and Medway,police_division,2015,after,200"))
        records = aggregate_checks(load_datasets(data))
        assert [(r.dataset, r.printed, r.computed) for r in records] == [("costs", "200", "190")]

    def test_it_cannot_check_a_total_with_a_suppressed_part(self, tmp_path):
        data = _edited(tmp_path, "crime.csv", ("Gamma,district,2015,theft,20",
                                               "Gamma,district,2015,theft,[c]"))
        assert [r.figure for r in aggregate_checks(load_datasets(data))] == []


def _edited(tmp_path: Path, file: str, *edits: tuple[str, str]) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    path = data / file
    text = path.read_text()
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text)
    return data


class TestTotalWarnings:
    def test_a_total_off_its_parts_is_a_warning_naming_file_rows_and_both_values(self, tmp_path):
        data = _edited(tmp_path, "crime.csv", ("Beta,district,2015,violence,230",
                                               "Beta,district,2015,violence,771"))
        warnings = total_warnings(load_datasets(data))
        assert [(w.file, w.row) for w in warnings] == [("data/crime.csv", 19)]
        assert warnings[0].message == (
            "data quality: the total 'KCC districts' of 'Violence' for 2015 is 310 as published, "
            "but its 3 district rows (rows 3, 9, 15) add up to 851, 541 more than the total")

    def test_a_list_missing_some_parts_may_add_up_to_less_than_the_total(self, tmp_path):
        # Gamma has no 2015 rows: Alpha and Beta (60 + 230) stay below the county's 310
        data = _edited(tmp_path, "crime.csv", ("Gamma,district,2015,violence,20\n", ""),
                       ("Gamma,district,2015,theft,20\n", ""))
        assert total_mismatches(load_datasets(data)) == []

    def test_a_list_missing_some_parts_must_not_add_up_to_more(self, tmp_path):
        data = _edited(tmp_path, "crime.csv", ("Gamma,district,2015,violence,20\n", ""),
                       ("Gamma,district,2015,theft,20\n", ""),
                       ("Alpha,district,2015,violence,60", "Alpha,district,2015,violence,100"))
        [mismatch] = total_mismatches(load_datasets(data))
        assert (mismatch.total, mismatch.published, mismatch.computed, mismatch.complete) == (
            "KCC districts", 310, 330, False)
        assert mismatch.warning().message.endswith(
            "but the 2 district rows with figures (rows 3, 9) add up to 330, more than the total")

    def test_a_suppressed_part_leaves_the_others_below_the_total(self, tmp_path):
        data = _edited(tmp_path, "crime.csv", ("Beta,district,2015,violence,230",
                                               "Beta,district,2015,violence,[c]"))
        assert total_warnings(load_datasets(data)) == []

    def test_parts_with_figures_beside_a_suppressed_one_must_not_exceed_the_total(self, tmp_path):
        data = _edited(tmp_path, "crime.csv", ("Beta,district,2015,violence,230",
                                               "Beta,district,2015,violence,[c]"),
                       ("Alpha,district,2015,violence,60", "Alpha,district,2015,violence,300"))
        [warning] = total_warnings(load_datasets(data))
        assert warning.message.endswith(
            "but the 2 district rows with figures (rows 3, 15) add up to 320, more than the total")

    def test_values_with_decimals_may_differ_by_their_rounding(self, tmp_path):
        # 60.4 + 230.4 + 19.4 = 310.2, which the county's 310 rounds away (0.5 a row of 4 values
        # at one decimal place allows 0.2); 311 does not
        edits = [("Alpha,district,2015,violence,60", "Alpha,district,2015,violence,60.4"),
                 ("Beta,district,2015,violence,230", "Beta,district,2015,violence,230.4"),
                 ("Gamma,district,2015,violence,20", "Gamma,district,2015,violence,19.4")]
        assert total_mismatches(load_datasets(_edited(tmp_path / "a", "crime.csv", *edits))) == []
        edits.append(("KCC districts,county,2015,violence,310",
                      "KCC districts,county,2015,violence,311"))
        found = total_mismatches(load_datasets(_edited(tmp_path / "b", "crime.csv", *edits)))
        assert [(m.total, m.published) for m in found] == [("KCC districts", 311),
                                                           ("Kent", 400)]


class TestReport:
    def test_it_writes_the_records_as_a_markdown_table(self, tmp_path):
        record = QualityRecord("asb", "Maidstone | ranking", "4.1 table", "7", "8",
                               CONTRADICTION, "swapped")
        target = tmp_path / "report.md"
        write_quality_report([record], target, "Report", [("4.1 ASB", 49, 1)])
        text = target.read_text(encoding="utf-8")
        assert text == report_markdown([record], "Report", [("4.1 ASB", 49, 1)])
        assert text.startswith("# Report\n")
        assert "| 4.1 ASB | 49 | 1 |" in text
        assert "| All | 49 | 1 |" in text
        assert ("| 4.1 table | asb | Maidstone \\| ranking | 7 | 8 | contradiction | swapped |"
                in text)
