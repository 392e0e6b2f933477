"""Leaving out the narrative that another district's data cannot support."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment_doc.coverage import Coverage, coverage, leave_out_uncovered, spec_datasets, text_gaps
from assessment_doc.data import load_datasets
from assessment_doc.narrative import ContentFile
from assessment_doc.model import SectionKind

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def swale() -> Coverage:
    return coverage(load_datasets(DATA), "Swale")


def test_maidstone_is_covered_by_every_dataset() -> None:
    assert coverage(load_datasets(DATA), "Maidstone").complete


def test_swale_lacks_maidstone_only_data(swale: Coverage) -> None:
    assert "crime_by_type" in swale.no_focus_rows
    assert "marac" in swale.no_focus_rows
    assert "recorded_crime" not in swale.no_focus_rows
    assert set(swale.other_district) == {
        "violent_crime_wards", "hospital_admissions", "road_collisions",
        "iom_cohort", "iom_offending", "iom_cost_of_offending", "iom_needs",
    }


def test_a_district_row_of_a_mixed_dataset_is_still_covered(swale: Coverage) -> None:
    assert swale.cited_gap("road_collisions", "focus") is None
    assert swale.cited_gap("road_collisions", "kent_districts") is None
    assert swale.cited_gap("road_collisions", "boxley") == "the wards or divisions of dataset road_collisions are Maidstone's"


def content(body: str) -> ContentFile:
    return ContentFile(Path("content/02-x.md"), "content/02-x.md", "Crime", 2, "x",
                       SectionKind.NUMBERED, body, 4)


FACTS = {
    "recorded_crime.focus.offences.value": 9533,
    "recorded_crime.focus.offences.previous": None,
    "crime_by_type.maidstone.all_crime.value": 9178,
}


def no_placements(kind: str, spec_id: str) -> list[tuple[str, bool]]:
    return [("crime_by_type", False)] if spec_id == "crime_by_type" else [("recorded_crime", False)]


def test_a_subsection_citing_missing_data_is_blanked_keeping_line_numbers(swale: Coverage) -> None:
    body = "Intro {{ recorded_crime.focus.offences.value }}\n## Kept\n::: table recorded_crime_by_district\n## Gone\n::: table crime_by_type\nmore\n## Also gone\n{{ recorded_crime.focus.offences.previous }}\n"
    kept, warnings = leave_out_uncovered(content(body), lambda t: text_gaps(t, swale, FACTS, no_placements))
    assert kept is not None
    assert kept.body.split("\n") == [
        "Intro {{ recorded_crime.focus.offences.value }}", "## Kept",
        "::: table recorded_crime_by_district", "", "", "", "", "", "",
    ]
    assert [str(w) for w in warnings] == [
        "content/02-x.md, line 8: subsection 'Gone' left out: dataset crime_by_type has no rows for Swale",
        "content/02-x.md, line 11: subsection 'Also gone' left out: "
        "recorded_crime.focus.offences.previous is not available for Swale",
    ]


def test_an_opening_that_cites_missing_data_leaves_the_section_out(swale: Coverage) -> None:
    body = "We had {{ crime_by_type.focus.all_crime.value }} crimes.\n## A\ntext\n"
    kept, warnings = leave_out_uncovered(content(body), lambda t: text_gaps(t, swale, FACTS, no_placements))
    assert kept is None
    assert [str(w) for w in warnings] == [
        "content/02-x.md, line 5: section 'Crime' left out: dataset crime_by_type has no rows for Swale"
    ]


def test_spec_datasets_finds_nested_dataset_keys() -> None:
    spec = {"dataset": "domestic_abuse", "columns": [{"dataset": "domestic_abuse_repeat_victims"}]}
    assert spec_datasets(spec) == ["domestic_abuse", "domestic_abuse_repeat_victims"]
