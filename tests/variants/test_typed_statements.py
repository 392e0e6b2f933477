"""The statements the source typed beside its figures follow the data: variants of the bundled
project, whose narrative is rendered (every content file, as the build fills it in) and whose
*sentences* must be true for the changed data.

- The bundled data: the sentences read as the source wrote them.
- Wards swapped: High Street's collisions rise more than North Downs' (66 to 100); the wards
  whose collisions rose most are named in the new order.
- Boxley overtaken: another ward had more collisions than Boxley one earlier year, or this year;
  "every year since July 2011" moves on, or is no longer printed (nor "the most of any ward").
- A new year: a year of rows added after the latest for ASB, KSI, hospital admissions and IOM
  offences. The source's words on figures data/ does not hold (ASB and KSI by ward, admissions
  by age, IOM offences by type) were true of the source's year; they are left out.
- Thresholds: another district larger than Maidstone, more women on the IOM cohort, a smaller share of violence against the person, a
  higher charge rate, thinking and behaviour no longer the most common need, IOM offences up,
  robberies up by more than 1% of all crime: the words that depended on each go with it; a
  withheld figure ([c]) leaves them out too, and the build does not stop.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import assessment_doc as ad
from assessment_doc.builder import narrative_context
from assessment_doc.model import Paragraph, iter_nodes, plain_text
from assessment_doc.narrative.pipeline import check_content, content_paths

from .variant_build import set_value, variant_project

ROAD_YEAR = "2014-07/2015-06"
ROAD_YEAR_BEFORE = "2013-07/2014-06"

KSI_WARDS = "The wards most affected by people being killed or seriously injured are Detling"
BOXLEY_NO_KSI = "Comparing collisions with KSI casualties ward by ward shows that Boxley had no KSI"
ASB_WARDS = "The wards most affected by ASB, in order of the number of incidents recorded"
ASB_AND_ADMISSIONS = "The wards with the highest rates of anti-social behaviour are also"
MEN_45_64 = "Men aged 45 to 64 have the highest rates of hospital admission"
WOMEN_AGES = "the age groups with the highest admission rates among them"
ALCOHOL = "Alcohol-related admissions show a different pattern"
BURGLARY = "The largest fall was in burglary of a dwelling, down by 63 offences."
AGES = "Maidstone has more young people aged 17 to 22 involved than average"


def narrative(project: Path) -> str:
    """Every paragraph of the project's narrative, as the build fills it in, one a line."""
    loaded = ad.load_project(project)
    check = check_content(content_paths(project / "content"), project, narrative_context(loaded))
    check.raise_for_errors()
    return "\n".join(" ".join(plain_text(node.runs).split())
                     for section in check.sections for node in iter_nodes(section.section)
                     if isinstance(node, Paragraph))


def varied(tmp_path_factory: pytest.TempPathFactory, name: str,
           *cells: tuple[str, str, str, str, str]) -> str:
    """The narrative of the bundled project with each (file, area, period, measure, value) set."""
    project = variant_project(tmp_path_factory.mktemp("typed") / name)
    for file, area, period, measure, value in cells:
        set_value(project, file, area=area, period=period, measure=measure, value=value)
    return narrative(project)


def add_next_year(path: Path, latest: str, following: str) -> None:
    """A copy of each row of the ``latest`` period, for the ``following`` one (same values)."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    added = [{**row, "period": following} for row in rows if row["period"] == latest]
    assert added, (path, latest)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows + added)


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> str:
    return narrative(variant_project(tmp_path_factory.mktemp("typed") / "bundled"))


@pytest.fixture(scope="module")
def next_year(tmp_path_factory: pytest.TempPathFactory) -> str:
    project = variant_project(tmp_path_factory.mktemp("typed") / "next-year")
    for file, latest, following in (
            ("asb.csv", "2014-10/2015-09", "2015-10/2016-09"),
            ("road_ksi.csv", ROAD_YEAR, "2015-07/2016-06"),
            ("hospital_admissions.csv", "2014-04/2015-03", "2015-04/2016-03"),
            ("iom_offending.csv", "2015", "2016"),
            ("road_casualties_by_user.csv", "2014", "2015")):
        add_next_year(project / "data" / file, latest, following)
    return narrative(project)


# --- the bundled data ----------------------------------------------------------------------------


def test_the_bundled_data_keep_the_sources_sentences(bundled: str) -> None:
    for sentence in (KSI_WARDS, BOXLEY_NO_KSI, ASB_WARDS, ASB_AND_ADMISSIONS, MEN_45_64,
                     WOMEN_AGES, ALCOHOL, BURGLARY, AGES):
        assert sentence in bundled
    assert ("As the chart below shows, collisions rose most in the wards of North Downs (from "
            "52 to 79) and High Street (from 66 to 78).") in bundled
    assert ("despite recording 113 collisions this year, the most of any ward. This has been "
            "the case every year since July 2011.") in bundled
    assert "Almost all offenders managed through IOM are men: only 7 women" in bundled
    assert "Most of the violent crime recorded in Maidstone" in bundled
    assert "This is borne out by the low rate of charges: in December 2015 only 22%" in bundled
    assert "the main causes of offending behaviour were reported to be thinking" in bundled
    assert "IOM is a successful way of helping ex-offenders" in bundled
    assert ("Robbery rose by 30% and vehicle interference rose by 35%. These are small numbers, "
            "though: 18 more robberies and 21 more offences of vehicle interference") in bundled
    assert ("According to the Road Casualties review published by Kent County Council in August "
            "2015, 69%") in bundled
    assert ("161,800 people live in the borough of Maidstone, which makes it the largest local "
            "authority district in Kent.") in bundled


def test_no_sentence_the_data_cannot_back_is_left_in_the_bundled_narrative(bundled: str) -> None:
    assert "make up the largest group of those out of work" not in bundled
    assert "Young people aged 16 to 24 account for 26% of all unemployed people" in bundled
    assert "West division had the smallest IOM cohort" not in bundled
    assert "West division's IOM cohort had 64 offenders (27% of the Kent and Medway" in bundled
    assert "where it has stayed since" not in bundled


# --- wards swapped -------------------------------------------------------------------------------


def test_the_wards_that_rose_most_follow_the_data(tmp_path_factory) -> None:
    text = varied(tmp_path_factory, "high-street-rises",
                  ("road_collisions.csv", "High Street", ROAD_YEAR, "collisions", "100"))
    assert ("collisions rose most in the wards of High Street (from 66 to 100) and North Downs "
            "(from 52 to 79).") in text


def test_no_ward_said_to_rise_when_none_rose(tmp_path_factory) -> None:
    text = varied(tmp_path_factory, "no-rise",
                  ("road_collisions.csv", "North Downs", ROAD_YEAR, "collisions", "52"),
                  ("road_collisions.csv", "High Street", ROAD_YEAR, "collisions", "60"),
                  ("road_collisions.csv", "Loose", ROAD_YEAR, "collisions", "1"))
    assert "rose most" not in text
    assert "As the chart below shows, collisions did not rise in any of these wards" in text


# --- Boxley overtaken ----------------------------------------------------------------------------


def test_every_year_since_moves_on_when_boxley_was_not_the_highest_one_year(
        tmp_path_factory) -> None:
    text = varied(tmp_path_factory, "overtaken-2012-13",
                  ("road_collisions.csv", "High Street", "2012-07/2013-06", "collisions", "100"))
    assert "This has been the case every year since July 2013." in text
    assert "July 2011" not in text


def test_every_year_since_is_not_printed_when_boxley_is_not_the_highest_this_year(
        tmp_path_factory) -> None:
    text = varied(tmp_path_factory, "overtaken-now",
                  ("road_collisions.csv", "North Downs", ROAD_YEAR, "collisions", "120"))
    assert "despite recording 113 collisions this year." in text
    assert "the most of any ward" not in text
    assert "every year since" not in text


# --- a new year ----------------------------------------------------------------------------------


def test_a_new_year_leaves_out_the_sources_words_on_figures_data_does_not_hold(
        next_year: str) -> None:
    for sentence in (KSI_WARDS, BOXLEY_NO_KSI, ASB_WARDS, ASB_AND_ADMISSIONS, MEN_45_64,
                     WOMEN_AGES, ALCOHOL, BURGLARY, AGES, "in August 2015"):
        assert sentence not in next_year
    # what the data hold stays, in the same paragraph as before
    assert "Women account for 34% of the admissions." in next_year
    assert "In 2016 members of the cohort committed 123 offences" in next_year
    assert ("According to the Road Casualties review published by Kent County Council, 69% of "
            "all road casualties") in next_year
    assert "Pedestrians made up 10% of the road casualties reported in 2015," in next_year
    # no 'two years earlier' or 'the year between', which a new year makes three and two
    assert ("killed or seriously injured on the borough's roads in July 2015 to June 2016, "
            "compared with 57 in July 2014 to June 2015 and 54 in July 2012 to June 2013.") in (
        next_year)
    assert "In October 2012 to September 2013, the borough recorded 4,026 incidents." in next_year
    assert "two years earlier" not in next_year.lower()


# --- thresholds ----------------------------------------------------------------------------------


def test_another_district_larger_and_maidstone_is_not_called_the_largest(
        tmp_path_factory) -> None:
    text = varied(tmp_path_factory, "canterbury-larger",
                  ("population.csv", "Canterbury", "2014", "population_implied_by_rates",
                   "170000"))
    assert "largest local authority district" not in text
    assert "161,800 people live in the borough of Maidstone." in text


def test_women_not_few_on_the_cohort_is_not_almost_all_men(tmp_path_factory) -> None:
    text = varied(tmp_path_factory, "women",
                  ("iom_cohort.csv", "Kent and Medway", "2015-10", "women", "70"))
    assert "Almost all" not in text
    assert "70 women were on the cohort this year (30% of it)." in text


def test_violence_against_the_person_not_most_of_violent_crime(tmp_path_factory) -> None:
    text = varied(tmp_path_factory, "vatp",
                  ("crime_by_type.csv", "Maidstone", "2014-10/2015-09",
                   "violence_against_the_person", "100"))
    assert "Most of the violent crime" not in text
    assert "Part of the violent crime recorded in Maidstone" in text


def test_a_charge_rate_over_half_is_not_called_low(tmp_path_factory) -> None:
    text = varied(tmp_path_factory, "charges",
                  ("violence_charges.csv", "Maidstone", "2015-12", "charged_or_summonsed_pct",
                   "64"))
    assert "low rate of charges" not in text
    assert " only 64%" not in text
    assert ("In December 2015, 64% of perpetrators of a violence against the person offence "
            "were charged or summonsed.") in text


def test_needs_in_another_order_are_not_called_main_and_least_common(tmp_path_factory) -> None:
    text = varied(tmp_path_factory, "needs",
                  ("iom_needs.csv", "Kent and Medway", "2015-10", "alcohol_misuse_pct", "90"))
    assert "main causes" not in text and "least common" not in text
    assert ("Across Kent, needs in thinking and behaviour were reported for 85% of the cohort; "
            "the other criminogenic needs reported were emotional wellbeing and alcohol misuse, "
            "applying to 36% and 90% of offenders respectively.") in text


def test_iom_offending_up_is_not_called_a_success(tmp_path_factory) -> None:
    text = varied(tmp_path_factory, "iom-up",
                  ("iom_offending.csv", "Kent and Medway", "2015", "offences", "300"))
    assert "IOM is a successful way" not in text
    assert BURGLARY not in text
    assert "a rise of 25 offences, or 9%" in text


def test_changes_not_small_beside_all_crime_are_not_called_small(tmp_path_factory) -> None:
    text = varied(tmp_path_factory, "robbery",
                  ("crime_by_type.csv", "Maidstone", "2014-10/2015-09", "robbery", "500"))
    assert "small numbers" not in text
    assert ("That is 440 more robberies and 21 more offences of vehicle interference over the "
            "year.") in text


def test_withheld_figures_leave_out_the_words_that_compare_them(tmp_path_factory) -> None:
    text = varied(tmp_path_factory, "withheld",
                  ("iom_cohort.csv", "Kent and Medway", "2015-10", "women", "[c]"),
                  ("violence_charges.csv", "Maidstone", "2015-12", "charged_or_summonsed_pct",
                   "[c]"),
                  ("iom_needs.csv", "Kent and Medway", "2015-10", "alcohol_misuse_pct", "[c]"))
    assert "Almost all" not in text
    assert "[c] women were on the cohort this year ([c] of it)." in text
    assert "low rate of charges" not in text
    assert "In December 2015, [c] of perpetrators" in text
    assert "main causes" not in text
