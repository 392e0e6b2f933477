"""Totals follow their parts: a variant of the bundled project in which one district's count was
mistyped, so that the published KCC total is no longer the sum of its districts.

Maidstone's recorded crime for October 2014 - September 2015 is 9,719 instead of 9,178 (541
more). The KCC districts row (89,643, as published) then sits 541 below its twelve districts
(90,184). ``check`` and ``build`` must say so as a data-quality warning naming the file, the
rows, the published and the computed totals; Table 2 keeps the published total and its note
tells the reader what the districts add up to. Kent (KCC districts + Medway = 108,903) still
adds up, so it is not named.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessment_doc.cli import main
from assessment_doc.data import load_datasets
from assessment_doc.quality import total_warnings

from .variant_build import Built, build, set_value, variant_project

LATEST = "2014-10/2015-09"
WARNING = (
    "data/recorded_crime.csv, row 14, column 'value': data quality: the total 'KCC districts' of "
    "'No. of offences' for Oct 2014 - Sep 2015 is 89,643 as published, but its 12 district rows "
    "(rows 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13) add up to 90,184, 541 more than the total")
NOTE = ("KCC Total row (No. of offences: 89,643 as published): the 12 districts above add up to "
        "90,184.")
BUNDLED_WARNINGS = 3
"""The bundled project's own: the violent crime KCC total (28,026 against 28,019), the IOM
cost after joining (£404,685 against £402,685) and Table 8's difference column."""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = variant_project(tmp_path_factory.mktemp("totals") / "kcc-off")
    set_value(project, "recorded_crime.csv", area="Maidstone", period=LATEST,
              measure="offences", value="9719")
    return project


@pytest.fixture(scope="module")
def built(project: Path) -> Built:
    return build(project)


def test_the_bundled_recorded_crime_totals_add_up() -> None:
    root = Path(__file__).resolve().parents[2]
    warnings = total_warnings(load_datasets(root / "data"))
    assert [w.file for w in warnings] == ["data/violent_crime.csv",
                                          "data/iom_cost_of_offending.csv"]


def test_build_warns_of_the_total_naming_file_rows_and_both_values(built: Built) -> None:
    assert len(built.warnings) == BUNDLED_WARNINGS + 1
    [warning] = [w for w in built.warnings if w.startswith("data/recorded_crime.csv")]
    assert warning.startswith(WARNING)
    assert "Kent'" not in warning  # Kent = KCC districts + Medway still adds up


def test_check_warns_of_it_too_and_finds_no_problem(project: Path, capsys) -> None:
    assert main(["check", str(project)]) == 0
    printed = " ".join(capsys.readouterr().out.split())
    assert WARNING in printed
    assert "No problems found" in printed


@pytest.mark.parametrize("reader", ["pdf_text", "docx_text"])
def test_the_table_keeps_the_published_total_and_says_what_its_districts_add_up_to(
        built: Built, reader: str) -> None:
    text = getattr(built, reader)
    assert NOTE in text
    assert "KCC Total 89,643 59.4" in text  # the published total is shown, its rate from it


def test_the_build_report_lists_the_total_as_a_disclosure(built: Built) -> None:
    report = json.loads((built.out / "build-report.json").read_text(encoding="utf-8"))
    [entry] = [d for d in report["disclosures"] if d["table"] == "recorded_crime_by_district"
               and d["row"] == "KCC Total"]
    assert entry == {"table": "recorded_crime_by_district", "row": "KCC Total",
                     "column": "No. of offences", "published": "89,643", "shown": "89,643",
                     "rows_add_up_to": "90,184", "note": NOTE}
