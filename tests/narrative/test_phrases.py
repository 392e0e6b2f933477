"""The phrase filters write the word the figure calls for, and say nothing false when it is
withheld or missing."""

from __future__ import annotations

import pytest

from assessment_doc.narrative.areas import AREAS_KEY, area_directory, label_from_slug
from assessment_doc.narrative.phrases import join_names, sign_as_printed
from assessment_doc.values import SUPPRESSED

from .helpers import only_problem, render_text


def filled(template: str, facts: dict) -> str:
    section = render_text(template, facts).section
    (paragraph,) = section.children
    return "".join(run.text for run in paragraph.runs)


@pytest.mark.parametrize(
    ("form", "value", "text"),
    [
        ("rose", 12.7, "rose"),
        ("rose", -2.47, "fell"),
        ("rose", 0.04, "did not change"),  # prints as +0.0%: no direction is claimed
        ("rose", -0.05, "fell"),  # prints as -0.1%
        ("has risen", -1.9, "has fallen"),
        ("a rise", 191, "a rise"),
        ("an increase", -3, "a reduction"),
        ("rising", -3, "falling"),
        ("more", -152, "fewer"),
        ("more", 18, "more"),
        ("higher", 0, "the same"),
    ],
)
def test_direction_follows_the_sign_as_printed(form, value, text):
    assert filled(f"{{{{ x | direction('{form}') }}}}", {"x": value}) == text


def test_direction_of_a_withheld_figure_claims_no_direction():
    assert filled("{{ x | direction('has risen') }}", {"x": SUPPRESSED}) == "has changed"
    assert filled("{{ x | direction }}", {"x": SUPPRESSED}) == "changed"


def test_direction_refuses_a_form_it_does_not_know_and_names_the_known_ones():
    problem = only_problem("{{ recorded_crime.focus.offences.pct_change | direction('soared') }}")
    assert "the 'direction' filter knows the forms 'rose', 'risen', 'has risen'" in problem
    assert "not the text 'soared'" in problem


def test_an_unavailable_fact_is_refused_by_name_with_the_condition_to_write():
    problem = only_problem("{{ iom.focus.reoffending_rate | direction }}")
    assert "the fact 'iom.focus.reoffending_rate' is not available" in problem


@pytest.mark.parametrize(
    ("template", "value", "text"),
    [
        ("{{ x | compare_words('the Kent average') }}", -4.2, "below the Kent average"),
        ("{{ x | compare_words('the Kent average') }}", 2.3, "above the Kent average"),
        ("{{ x | compare_words('the Kent average') }}", 0.04, "in line with the Kent average"),
        ("{{ x | compare_words('the county average', 'higher') }}", -0.2,
         "lower than the county average"),
        ("{{ x | compare_words('the county average', 'higher') }}", 0.0,
         "the same as the county average"),
        # 0.35 against 0.39 per 1,000: equal at one decimal, not at the two it is printed with
        ("{{ x | compare_words('the Kent districts', 'above', 2) }}", -0.04,
         "below the Kent districts"),
        ("{{ x | compare_words('the Kent districts', 'above') }}", -0.04,
         "in line with the Kent districts"),
        ("{{ x | compare_words('the Kent average') }}", SUPPRESSED,
         "not comparable with the Kent average (the figure is withheld)"),
    ],
)
def test_compare_words(template, value, text):
    assert filled(template, {"x": value}) == text


def test_compare_words_needs_what_is_compared_with():
    problem = only_problem("{{ recorded_crime.focus.offences.pct_change | compare_words }}")
    assert problem.endswith("'compare_words' needs what is compared with, such as "
                            "compare_words('the Kent average')")


@pytest.mark.parametrize(
    ("value", "word", "text"),
    [(1, "highest", "the highest"), (2, "highest", "the 2nd highest"),
     (5, "lowest", "the 5th lowest"), (4, "largest rise", "the 4th largest rise"),
     (SUPPRESSED, "lowest", "the [c] lowest")],
)
def test_rank_words(value, word, text):
    assert filled(f"{{{{ x | rank_words('{word}') }}}}", {"x": value}) == text


def test_rank_words_refuses_a_rank_below_one():
    assert "needs a rank of 1 or more, not 0" in only_problem(
        "{{ x | rank_words('highest') }}", {"x": 0})


@pytest.mark.parametrize(
    ("falls", "rises", "text"),
    [(3, 0, "has fallen for the third year running"),
     (2, 0, "has fallen for the second year running"),
     (1, 0, "has fallen on the year before"),
     (0, 1, "has risen on the year before"),
     (0, 12, "has risen for the 12th year running"),
     (0, 0, "has not changed on the year before"),
     (SUPPRESSED, SUPPRESSED, "cannot be compared with earlier years (a figure is withheld)")],
)
def test_trend_words_reads_the_runs_of_falls_and_rises(falls, rises, text):
    facts = {"asb": {"focus": {"incidents": {"consecutive_falls": falls,
                                             "consecutive_rises": rises}}}}
    assert filled("{{ asb.focus.incidents | trend_words }}", facts) == text


def test_trend_words_needs_a_measure_not_a_figure():
    assert "'trend_words' needs a group of facts" in only_problem(
        "{{ recorded_crime.focus.offences.value | trend_words }}")


WARDS = {
    "hospital_admissions": {
        "focus": {"admissions": {"value": 734}},
        "maidstone": {"admissions": {"value": 734}},
        "high_street": {"admissions": {"value": 121, "rank_highest_first": SUPPRESSED}},
        "fant": {"admissions": {"value": SUPPRESSED, "rank_highest_first": SUPPRESSED}},
        "east": {"admissions": {"value": 54, "rank_highest_first": SUPPRESSED}},
        "marden_and_yalding": {"admissions": {"value": 53, "rank_highest_first": SUPPRESSED}},
        "loose": {"admissions": {"value": 53, "rank_highest_first": SUPPRESSED}},
        "detling_and_thurnham": {"admissions": {"value": SUPPRESSED,
                                                "rank_highest_first": SUPPRESSED}},
        "barming": {"admissions": {"value": None, "rank_highest_first": None}},
    }
}


def test_top_areas_leaves_out_withheld_wards_and_lists_ties_at_the_cut():
    assert filled("{{ hospital_admissions | top_areas('admissions', 3) }}", WARDS) == (
        "High Street (121), East (54), Loose (53), and Marden and Yalding (53)")


def test_bottom_areas_lists_the_lowest_first():
    assert filled("{{ hospital_admissions | bottom_areas('admissions', 1) }}", WARDS) == (
        "Loose (53), and Marden and Yalding (53)")


def test_withheld_areas_names_every_suppressed_ward_from_the_data():
    assert filled("{{ hospital_admissions | withheld_areas('admissions') }}", WARDS) == (
        "Detling and Thurnham, and Fant")


def test_a_sentence_about_withheld_wards_is_left_out_when_there_are_none():
    facts = {"hospital_admissions": {k: v for k, v in WARDS["hospital_admissions"].items()
                                     if k not in ("fant", "detling_and_thurnham")}}
    body = ("Admissions.\n{% set withheld = hospital_admissions | withheld_areas('admissions') %}"
            "\n{% if withheld %}\nThe figures for {{ withheld }} are withheld.\n{% endif %}\n")
    assert filled(body, facts) == "Admissions."


def test_the_directory_names_areas_as_published_and_keeps_wards_apart_from_districts():
    facts = {
        "road_collisions": {
            "maidstone": {"collisions": {"value": 709, "rank_highest_first": 1}},
            "tonbridge_and_malling": {"collisions": {"value": 500, "rank_highest_first": 2}},
            "boxley": {"collisions": {"value": 113, "rank_highest_first": 1}},
            "north_downs": {"collisions": {"value": 79, "rank_highest_first": 2}},
        },
        AREAS_KEY: {"road_collisions": {
            "maidstone": {"name": "Maidstone", "type": "district"},
            "tonbridge_and_malling": {"name": "Tonbridge & Malling", "type": "district"},
            "boxley": {"name": "Boxley", "type": "ward"},
            "north_downs": {"name": "North Downs", "type": "ward"},
        }},
    }
    assert filled("{{ road_collisions | top_areas('collisions', 5) }}", facts) == (
        "Boxley (113) and North Downs (79)")
    assert filled("{{ road_collisions | top_areas('collisions', 5, 'districts') }}", facts) == (
        "Maidstone (709) and Tonbridge & Malling (500)")


def test_a_list_filter_names_an_unknown_measure():
    assert "has no wards with the measure 'admisions'" in only_problem(
        "{{ hospital_admissions | top_areas('admisions') }}", WARDS)


def test_area_directory_reads_each_datasets_areas_and_types():
    import pandas as pd

    frame = pd.DataFrame({"area": ["Boxley", "Boxley", "Tonbridge & Malling"],
                          "area_type": ["ward", "ward", "district"]})
    assert area_directory({"road": frame}) == {"road": {
        "boxley": {"name": "Boxley", "type": "ward"},
        "tonbridge_and_malling": {"name": "Tonbridge & Malling", "type": "district"}}}


def test_label_from_slug_keeps_small_words_lower_case():
    assert label_from_slug("detling_and_thurnham") == "Detling and Thurnham"
    assert label_from_slug("and_more") == "And More"


def test_join_names_adds_a_comma_only_where_a_name_holds_and():
    assert join_names(["Leeds", "Loose"]) == "Leeds and Loose"
    assert join_names(["A", "B", "C"]) == "A, B and C"
    assert join_names(["Leeds", "Detling and Thurnham"]) == "Leeds, and Detling and Thurnham"
    assert join_names([]) == ""


@pytest.mark.parametrize(("value", "sign"), [(0.049, 0), (0.05, 1), (-0.05, -1), (-12, -1)])
def test_sign_as_printed_rounds_half_up_first(value, sign):
    assert sign_as_printed(value) == sign


def test_rise_and_fall_tests_choose_the_sentence():
    body = "{% if x is rise %}up{% elif x is fall %}down{% else %}flat{% endif %}"
    assert filled(body, {"x": 3}) == "up"
    assert filled(body, {"x": -3}) == "down"
    assert filled(body, {"x": 0.01}) == "flat"
    assert filled(body, {"x": SUPPRESSED}) == "flat"
