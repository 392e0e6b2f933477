"""The bundled rules decide other districts' priorities truly: every recommendation and every row
of the table 'How the recommendations were reached' says what holds in that district's data
(above or below Kent, rose or fell, the highest), whichever branch the rule took.

Each area's facts are computed from the bundled data with that area as the focus; the rules are
the bundled ones (checked against Maidstone's facts, so a figure another area lacks is simply
unavailable and takes the rule's insufficient-data branch). As the builder does for an area other
than the settings' own, the previous priorities are not recorded (None): the settings' list is
Maidstone's, so nothing may be called kept, added or removed, nor said to "remain" a priority.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pytest

from assessment_doc.model import plain_text
from assessment_doc.project import load_project
from assessment_doc.rules import Decisions, decide, explanation_table

from .helpers import ROOT, SEED_EMERGING_THEMES, bundled_rules

FACT_NAME = re.compile(r"\b[a-z_]+\.[a-z_]+\.[a-z_0-9]+")


@lru_cache(maxsize=None)
def decisions_for(area: str) -> Decisions:
    facts = load_project(ROOT, area=area).facts
    context = {**facts.as_tree(), "settings": {
        "area": area, "partnership": f"{area} Community Safety Partnership",
        "is_home_area": False}}
    return decide(bundled_rules(), facts, previous_priorities=None,
                  emerging_themes=SEED_EMERGING_THEMES, overrides={}, context=context)


def rows_for(area: str) -> dict[str, tuple[str, str]]:
    return {row[0]: (row[1], row[2]) for row in explanation_table(decisions_for(area)).text_rows()}


@pytest.mark.parametrize("area", ["Canterbury", "Dartford", "Thanet", "Medway"])
def test_no_row_or_recommendation_shows_a_fact_name_or_a_1st_highest(area: str) -> None:
    said = [row[1] for row in rows_for(area).values()]
    said += [decision.plain_text for decision in decisions_for(area)]
    for text in said:
        assert not FACT_NAME.search(text), text
        assert "1st highest" not in text
        assert "{{" not in text and "{%" not in text


def test_canterbury_asb_falling_twice_but_above_kent_is_kept_and_says_above() -> None:
    asb = decisions_for("Canterbury")["Anti-Social Behaviour (ASB)"]
    assert asb.listed
    assert asb.plain_text == (
        "ASB in Canterbury fell in the latest year (a reduction of 2.6%) and, at 26.9 incidents "
        "per 1,000 residents, is above the Kent rate of 26.5. It has fallen for 2 years in a row "
        "but is not below the county's level, so it is recommended that ASB is a priority for "
        "the partnership.")
    assert rows_for("Canterbury")["Anti-Social Behaviour (ASB)"] == (
        "Recommended", "ASB has fallen for the second year running (-2.6% in the latest year) and is "
        "above the Kent rate (26.9 against 26.5 incidents per 1,000 residents).")


def test_dartford_asb_below_kent_after_one_fall_is_kept_and_says_below() -> None:
    assert rows_for("Dartford")["Anti-Social Behaviour (ASB)"] == (
        "Recommended", "ASB has fallen on the year before (-12.1% in the latest year) and is below the "
        "Kent rate (25.4 against 26.5 incidents per 1,000 residents).")
    assert "It has not fallen for 2 years in a row, so it is recommended" in decisions_for(
        "Dartford")["Anti-Social Behaviour (ASB)"].plain_text


def test_thanet_has_the_most_domestic_abuse_but_fewer_repeat_victims_than_kent() -> None:
    thanet = decisions_for("Thanet")
    abuse = thanet["Violent Crime – Domestic Abuse"]
    assert not abuse.listed
    assert abuse.plain_text.startswith(
        "Thanet recorded 3,417 domestic abuse incidents, the highest number of the Kent "
        "districts, and 25.1% of its victims were repeat victims, against 25.3% across Kent. As "
        "the share of repeat victims is not above the county's, it is recommended")
    assert rows_for("Thanet")["Violent Crime – Domestic Abuse"] == (
        "Not recommended", "The highest number of domestic abuse incidents in Kent, and a share of repeat "
        "victims lower than Kent's (25.1% against 25.3%).")
    assert plain_text(thanet["Violent Crime – Night-Time Economy"].finding) == (
        "Violent crime rose (+7.3% on a year earlier), the highest number in Kent.")


def test_medway_rows_name_the_missing_figures_in_words() -> None:
    rows = rows_for("Medway")
    assert rows["Road Safety (Killed or seriously injured)"] == (
        "Recommended", "Not available: Road traffic collisions; Road traffic collisions, change on a "
        "year earlier; People killed or seriously injured; Road traffic collisions, place among "
        "the Kent districts (highest first); People killed or seriously injured, place among the "
        "Kent districts (highest first).")
    assert rows["Violent Crime – Domestic Abuse"] == (
        "Recommended", "Not available: Domestic abuse incidents, place among the Kent districts "
        "(highest first). Domestic abuse is a local, county and national priority.")


CHANGE_WORDS = re.compile(r"\b(Kept|Added|Removed|Not added|remains?|remain|continues to be|"
                          r"continued as a service|removed as a priority)\b")
"""Words that compare with a previous list of priorities (the settings' list is Maidstone's)."""


@pytest.mark.parametrize("area", ["Swale", "Canterbury", "Dartford", "Thanet", "Medway"])
def test_no_decision_or_text_compares_with_maidstones_previous_priorities(area: str) -> None:
    decisions = decisions_for(area)
    assert decisions.previous_priorities is None and not decisions.previous_known
    for decision in decisions:
        assert decision.previous is None
        assert decision.change.value in ("recommended", "not recommended",
                                         "recommended as a service")
        assert not CHANGE_WORDS.search(decision.plain_text), decision.plain_text
    for priority, (said, why) in rows_for(area).items():
        assert said in ("Recommended", "Not recommended", "Recommended as a service"), priority
        assert not CHANGE_WORDS.search(why), why


def test_swale_decisions_say_what_is_recommended_and_nothing_of_last_year() -> None:
    rows = rows_for("Swale")
    assert {priority: said for priority, (said, _) in rows.items()} == {
        "Violent Crime – Domestic Abuse": "Not recommended",  # 2nd highest, 23.4% < 25.3%
        "Violent Crime – Night-Time Economy": "Recommended",
        "Anti-Social Behaviour (ASB)": "Recommended",  # above Kent: 28.8 against 26.5
        "Substance Misuse": "Recommended",
        "Reducing Re-offending": "Recommended",
        "Road Safety (Killed or seriously injured)": "Recommended",
        "Community Resilience": "Recommended",
    }
    swale = decisions_for("Swale")
    assert swale["Anti-Social Behaviour (ASB)"].plain_text.endswith(
        "so it is recommended that ASB is a priority for the partnership.")
    assert swale["Violent Crime – Night-Time Economy"].plain_text.endswith(
        "It is recommended that violence in the night-time economy is part of the Violent Crime "
        "priority.")
    assert swale["Reducing Re-offending"].plain_text.endswith(
        "therefore the recommendation is made that this is a priority.")


def test_ashford_asb_as_a_service_is_not_removed_nor_given_maidstones_sub_group() -> None:
    asb = decisions_for("Ashford")["Anti-Social Behaviour (ASB)"]
    assert asb.plain_text.startswith(
        "ASB in Ashford has fallen for the second year running (a reduction of 11.3% in the "
        "latest year) and, at 13.3 incidents per 1,000 residents, is below the Kent rate of "
        "26.5.")
    assert "it is recommended that ASB is not a priority. Given" in asb.plain_text
    assert "sub-group" not in asb.plain_text  # the ASB sub-group is the home partnership's
    assert rows_for("Ashford")["Anti-Social Behaviour (ASB)"][0] == "Recommended as a service"
