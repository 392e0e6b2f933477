"""The words follow the data: variants of the bundled project, each built once and read back from
the PDF and the .docx, whose *sentences* must be true for the new figures.

- ASB up 15%: Maidstone's latest ASB incidents 4,149 instead of 3,608. The narrative must state
  the rise (an increase of 12.8%, from 3,679 to 4,149), no longer say ASB has fallen, and still
  compare the rate (25.6 per 1,000) correctly with Kent's (26.5: below).
- ASB falling a third year: a year before the first one is added (October 2011 - September 2012,
  every area 100 higher than a year later, so Maidstone falls 4,126 -> 4,026 -> 3,679 -> 3,608).
- Fant withheld: Fant's hospital admissions suppressed at source ([c]). The prose must not list
  "Fant ([c])" among the wards with the most admissions, and must name Fant among the wards too
  small to show.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from .variant_build import Built, build, set_value, variant_project

LATEST = "2014-10/2015-09"


def both(built: Built) -> tuple[str, str]:
    return built.pdf_text, built.docx_text


@pytest.fixture(scope="module")
def asb_up(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = variant_project(tmp_path_factory.mktemp("words") / "asb-up")
    set_value(project, "asb.csv", area="Maidstone", period=LATEST, measure="incidents",
              value="4149")
    return build(project)


@pytest.fixture(scope="module")
def asb_third_fall(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = variant_project(tmp_path_factory.mktemp("words") / "asb-third-fall")
    _add_year_before(project / "data" / "asb.csv", "2012-10/2013-09", "2011-10/2012-09", 100)
    return build(project)


@pytest.fixture(scope="module")
def fant_withheld(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = variant_project(tmp_path_factory.mktemp("words") / "fant-withheld")
    set_value(project, "hospital_admissions.csv", area="Fant", period="2014-04/2015-03",
              measure="admissions", value="[c]")
    return build(project)


def _add_year_before(path: Path, first: str, earlier: str, more: int) -> None:
    """A row for ``earlier`` beside each row of ``first``, ``more`` higher for every district
    and unitary (and the totals higher by as much as their parts)."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    districts = sum(1 for r in rows if r["period"] == first and r["area_type"] == "district")
    added = []
    for row in rows:
        if row["period"] != first:
            continue
        step = {"district": more, "unitary": more}.get(row["area_type"])
        if step is None:  # a total: KCC districts, or Kent with Medway
            step = more * districts + (more if row["area"] == "Kent" else 0)
        added.append({**row, "period": earlier, "value": str(int(row["value"]) + step)})
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(added + rows)


# --- ASB up 15% ----------------------------------------------------------------------------------


def test_asb_up_says_asb_rose_and_never_that_it_fell(asb_up: Built) -> None:
    for text in both(asb_up):
        assert "Anti-social behaviour (ASB) in Maidstone has risen on the year before." in text
        assert "has fallen for the second year running" not in text
        assert "largely thanks to the strong partnership working" not in text


def test_asb_up_states_the_rise_with_its_figures(asb_up: Built) -> None:
    for text in both(asb_up):
        assert ("reported ASB shows an increase of 12.8% on the previous year, from 3,679 to "
                "4,149 incidents.") in text
        assert ("recorded ASB in Maidstone shows an increase of 12.8% on the previous year"
                in text)


def test_asb_up_compares_the_rate_with_kent_as_it_is(asb_up: Built) -> None:
    for text in both(asb_up):
        assert ("That is 25.6 incidents of ASB for every 1,000 residents, below the Kent "
                "average of 26.5.") in text


def test_asb_up_has_no_claim_the_facts_contradict(asb_up: Built) -> None:
    assert not [w for w in asb_up.warnings if "beside" in w or "compares" in w]


# --- ASB falling a third year --------------------------------------------------------------------


def test_asb_falling_a_third_year_says_so(asb_third_fall: Built) -> None:
    for text in both(asb_third_fall):
        assert ("Anti-social behaviour (ASB) in Maidstone has fallen for the third year "
                "running.") in text
        assert "second year running" not in text


# --- Fant withheld -------------------------------------------------------------------------------


def test_fant_withheld_is_not_listed_among_the_wards_with_the_most_admissions(
        fant_withheld: Built) -> None:
    for text in both(fant_withheld):
        assert "Fant ([c])" not in text
        # three wards tie on 53 for third: all are named, none left out by the order of rows
        assert ("The most were from the wards of High Street (121), East (54), Marden and "
                "Yalding (53), Shepway North (53), and Shepway South (53).") in text


def test_fant_withheld_is_named_among_the_wards_too_small_to_show(fant_withheld: Built) -> None:
    for text in both(fant_withheld):
        assert ("The figures for Detling and Thurnham, Fant, and Leeds are too small to show and "
                "are withheld at source.") in text


def test_the_bundled_wording_of_withheld_wards_names_the_two_the_data_withhold(
        fant_withheld: Built) -> None:
    # the sentence is computed: the bundled data withhold Leeds and Detling and Thurnham only
    assert "The figures for Detling and Thurnham, and Leeds are too small" not in (
        fant_withheld.pdf_text)
