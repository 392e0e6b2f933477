"""The phrases that replace statements typed beside figures: ``largest_rises`` (the wards
whose figure rose most), ``highest_since`` (since when a ward has had the most, every year),
``highest_value`` (the other districts' highest figure) and the tests ``over`` and ``under``."""

from __future__ import annotations

from typing import Any

import pytest

from assessment_doc.narrative.areas import AREAS_KEY
from assessment_doc.values import SUPPRESSED

from .helpers import only_problem, render_text

PERIODS = ("p2011_07_2012_06", "p2012_07_2013_06", "p2013_07_2014_06", "p2014_07_2015_06")
"""The four years of the bundled road collisions, oldest first."""

NAMES = {"boxley": "Boxley", "north_downs": "North Downs", "high_street": "High Street",
         "loose": "Loose", "downswood_and_otham": "Downswood and Otham",
         "allington": "Allington"}


def filled(template: str, facts: dict) -> str:
    section = render_text(template, facts).section
    if not section.children:
        return ""
    (paragraph,) = section.children
    return "".join(run.text for run in paragraph.runs)


def collisions(years: dict[str, tuple[Any, ...]], current: str = "2014-07/2015-06") -> dict:
    """The facts of road collisions by ward, one value a year (oldest first), with the current
    period's value and the previous year's as ``value`` and ``previous``, and the Maidstone
    district row a list of wards must leave out."""
    wards: dict[str, Any] = {}
    for slug, values in years.items():
        facts = dict(zip(PERIODS, values, strict=False))
        facts.update(value=values[-1], previous=values[-2])
        wards[slug] = {"collisions": facts}
    directory = {slug: {"name": NAMES[slug], "type": "ward"} for slug in years}
    directory["maidstone"] = {"name": "Maidstone", "type": "district"}
    return {
        "road_collisions": {**wards, "maidstone": {"collisions": {
            "value": 709, "previous": 693, PERIODS[-1]: 709}}},
        AREAS_KEY: {"road_collisions": directory},
        "periods": {"road_collisions": {"current_id": current}},
    }


BUNDLED = {  # data/road_collisions.csv
    "boxley": (121, 95, 118, 113),
    "north_downs": (51, 53, 52, 79),
    "high_street": (53, 66, 66, 78),
    "loose": (11, 5, 2, 6),
    "downswood_and_otham": (3, 8, 5, 3),
    "allington": (2, 5, 9, 2),
}

RISES = "{{ road_collisions | largest_rises('collisions', 2) }}"
SINCE = "{{ road_collisions.boxley.collisions | highest_since }}"


# --- largest_rises -------------------------------------------------------------------------------


def test_largest_rises_names_the_wards_that_rose_most_in_number_with_both_figures():
    # Loose rose most in per cent (2 to 6, +200%) but least in number: listed by number
    assert filled(RISES, collisions(BUNDLED)) == (
        "North Downs (from 52 to 79) and High Street (from 66 to 78)")


def test_largest_rises_follow_the_data_when_the_order_of_the_rises_swaps():
    swapped = {**BUNDLED, "north_downs": (51, 53, 52, 60), "high_street": (53, 66, 66, 90)}
    assert filled(RISES, collisions(swapped)) == (
        "High Street (from 66 to 90) and North Downs (from 52 to 60)")


def test_largest_rises_list_only_wards_that_rose_and_ties_at_the_cut():
    one_rise = {**BUNDLED, "north_downs": (51, 53, 52, 40), "high_street": (53, 66, 66, 66)}
    assert filled(RISES, collisions(one_rise)) == "Loose (from 2 to 6)"
    tied = {**BUNDLED, "loose": (11, 5, 2, 14)}  # +12, as High Street
    assert filled(RISES, collisions(tied)) == (
        "North Downs (from 52 to 79), High Street (from 66 to 78) and Loose (from 2 to 14)")


def test_largest_rises_is_empty_when_no_ward_rose_so_the_sentence_can_say_so():
    fell = {slug: (*values[:3], values[2] - 1) for slug, values in BUNDLED.items()}
    fell["allington"] = (2, 5, 9, 9)  # no change is not a rise
    body = ("{% set rises = road_collisions | largest_rises('collisions', 2) %}"
            "{% if rises %}Collisions rose most in {{ rises }}.{% else %}Collisions did not "
            "rise in any ward.{% endif %}\n")
    assert filled(body, collisions(fell)) == "Collisions did not rise in any ward."


def test_largest_rises_leave_out_withheld_figures():
    withheld = {**BUNDLED, "north_downs": (51, 53, SUPPRESSED, 79)}
    assert filled(RISES, collisions(withheld)) == (
        "High Street (from 66 to 78) and Loose (from 2 to 6)")


def test_largest_rises_refuses_a_count_below_one():
    assert "'largest_rises' takes how many areas to list (1 or more)" in only_problem(
        "{{ road_collisions | largest_rises('collisions', 0) }}", collisions(BUNDLED))


# --- highest_since -------------------------------------------------------------------------------


def test_highest_since_is_the_start_of_the_unbroken_run_of_years_as_the_highest():
    assert filled(SINCE, collisions(BUNDLED)) == "July 2011"


def test_highest_since_starts_after_the_last_year_another_ward_had_more():
    # High Street had more in July 2012 - June 2013: Boxley's run starts a year later
    overtaken = {**BUNDLED, "high_street": (53, 96, 66, 78)}
    assert filled(SINCE, collisions(overtaken)) == "July 2013"


@pytest.mark.parametrize("high_street", [
    (53, 66, 66, 113),  # a tie this year: not 'the most'
    (53, 66, 66, 120),  # overtaken this year
    (53, 66, 118, 78),  # tied last year: a run of one year is not 'every year'
])
def test_highest_since_is_empty_unless_highest_this_year_and_the_year_before(high_street):
    assert filled(SINCE, collisions({**BUNDLED, "high_street": high_street})) == ""


def test_highest_since_ends_the_run_at_a_withheld_figure():
    withheld = {**BUNDLED, "loose": (SUPPRESSED, 5, 2, 6)}
    assert filled(SINCE, collisions(withheld)) == "July 2012"


def test_highest_since_counts_back_from_the_settings_current_period():
    # the settings pin last year: Boxley 118 against 66, and 95 against 66 the year before
    assert filled(SINCE, collisions(BUNDLED, current="2013-07/2014-06")) == "July 2011"


def test_highest_since_needs_one_areas_measure():
    assert "'highest_since' needs one area's measure" in only_problem(
        "{{ road_collisions.boxley | highest_since }}", collisions(BUNDLED))


# --- highest_value -------------------------------------------------------------------------------


def population(**others: Any) -> dict:
    """Maidstone's published population (the focus) and the implied ones of other areas."""
    facts: dict[str, Any] = {
        "focus": {"population": {"value": 161800}},
        "maidstone": {"population": {"value": 161800}},
        "kcc_districts": {"population_implied_by_rates": {"value": 1510100}},
        "medway": {"population_implied_by_rates": {"value": 274000}},
    }
    directory = {"maidstone": {"name": "Maidstone", "type": "district"},
                 "kcc_districts": {"name": "KCC districts", "type": "county"},
                 "medway": {"name": "Medway", "type": "unitary"}}
    for slug, value in others.items():
        facts[slug] = {"population_implied_by_rates": {"value": value}}
        directory[slug] = {"name": slug.capitalize(), "type": "district"}
    return {"population": facts, AREAS_KEY: {"population": directory},
            "settings": {"area": "Maidstone"}}


LARGEST = ("{% if population.focus.population.value > population | highest_value(['population', "
           "'population_implied_by_rates'], 'districts') %}the largest district{% else %}not the "
           "largest{% endif %}\n")


def test_highest_value_compares_the_focus_with_the_other_districts_only():
    # the county total and Medway (a unitary authority) are larger, but not districts
    assert filled(LARGEST, population(canterbury=157600, swale=140800)) == "the largest district"
    assert filled(LARGEST, population(canterbury=170000, swale=140800)) == "not the largest"


def test_highest_value_prefers_the_first_measure_an_area_has():
    facts = population(canterbury=150000)
    facts["population"]["canterbury"]["population"] = {"value": 165000}  # published, larger
    assert filled(LARGEST, facts) == "not the largest"


def test_highest_value_leaves_out_withheld_figures():
    assert filled(LARGEST, population(canterbury=SUPPRESSED, swale=140800)) == (
        "the largest district")


def test_highest_value_names_a_measure_no_other_district_has():
    assert "has no other districts with a figure for populaton" in only_problem(
        "{{ population | highest_value('populaton') }}", population(swale=140800))


# --- over and under ------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "over", "under"), [
    (51, "yes", "no"), (50, "no", "no"), (49.9, "no", "yes"), (SUPPRESSED, "no", "no")])
def test_over_and_under_compare_known_figures_and_claim_nothing_of_a_withheld_one(
        value, over, under):
    facts = {"x": {"value": value}}
    assert filled("{% if x.value is over(50) %}yes{% else %}no{% endif %}\n", facts) == over
    assert filled("{% if x.value is under(50) %}yes{% else %}no{% endif %}\n", facts) == under
    assert filled("{% if 50 is over(x.value) %}yes{% else %}no{% endif %}\n", facts) == (
        "no" if value == SUPPRESSED else under)
