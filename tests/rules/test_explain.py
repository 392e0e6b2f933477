"""The decisions in the document: recommendations, the 9.1 list, the explanation table, the
changes paragraph, and the decision log for build-report.json."""

from __future__ import annotations

import json

from assessment_doc.model import (
    NumberedList,
    Paragraph,
    Recommendation,
    Table,
    plain_text,
)
from assessment_doc.rules import (
    changes_paragraph,
    decision_log,
    explanation_table,
    priorities_list,
    recommendation_for,
)
from assessment_doc.values import SUPPRESSED

from .helpers import (
    SEED_PREVIOUS_PRIORITIES,
    SEED_PRIORITIES_LIST,
    bundled_project,
    decide_bundled,
    with_values,
)


def listed_texts(numbered: NumberedList) -> list[str]:
    texts = []
    for item in numbered.items:
        (paragraph,) = item.blocks
        assert isinstance(paragraph, Paragraph)
        texts.append(plain_text(paragraph.runs))
    return texts


def test_the_priorities_list_is_the_seeds_five_in_its_order() -> None:
    numbered = priorities_list(decide_bundled())
    assert numbered.start == 1
    assert listed_texts(numbered) == list(SEED_PRIORITIES_LIST)


def test_asb_kept_joins_the_list_at_its_configured_position() -> None:
    facts = with_values(bundled_project().facts, {"asb.focus.incidents.consecutive_falls": 0})
    assert listed_texts(priorities_list(decide_bundled(facts))) == [
        SEED_PRIORITIES_LIST[0], "Anti-Social Behaviour (ASB)", *SEED_PRIORITIES_LIST[1:]]


def test_a_group_lists_only_its_kept_members() -> None:
    facts = with_values(bundled_project().facts, {
        "violent_crime.focus.offences.pct_change": -3.0,
        "violent_crime.focus.offences.rank_highest_first": 7,
    })
    assert listed_texts(priorities_list(decide_bundled(facts)))[0] == (
        "Violent Crime (specifically Domestic Abuse)")


def test_each_section_closes_with_its_rules_recommendation() -> None:
    decisions = decide_bundled()
    asb = recommendation_for(decisions, "anti_social_behaviour")
    assert isinstance(asb, Recommendation)
    assert plain_text(asb.runs) == decisions["Anti-Social Behaviour (ASB)"].plain_text
    violent = recommendation_for(decisions, "violent_crime")
    assert violent is not None
    assert plain_text(violent.runs) == (
        decisions["Violent Crime – Domestic Abuse"].plain_text + " "
        + decisions["Violent Crime – Night-Time Economy"].plain_text)
    assert recommendation_for(decisions, "total_recorded_crime") is None


def test_every_recommendation_closes_a_content_section() -> None:
    decisions = decide_bundled()
    sections = {d.section for d in decisions}
    assert sections == {"violent_crime", "anti_social_behaviour", "substance_misuse",
                        "reducing_re_offending", "road_safety", "community_resilience"}
    for section in sections:
        assert recommendation_for(decisions, section) is not None


def test_the_explanation_table_gives_priority_decision_and_the_deciding_figures_in_words() -> None:
    table = explanation_table(decide_bundled())
    assert isinstance(table, Table)
    assert table.caption == "How the recommendations were reached"
    assert [c.title for c in table.columns] == ["Priority", "Decision", "What decided it"]
    assert table.text_rows() == [
        ["Violent Crime – Domestic Abuse", "Kept",
         "The 3rd highest number of domestic abuse incidents in Kent, and a share of repeat "
         "victims higher than Kent's (26.0% against 25.3%)."],
        ["Violent Crime – Night-Time Economy", "Kept",
         "Violent crime rose (+12.7% on a year earlier), the 2nd highest number in Kent."],
        ["Anti-Social Behaviour (ASB)", "Removed; continued as a service",
         "ASB has fallen for the second year running (-1.9% in the latest year) and is below the "
         "Kent rate (22.3 against 26.5 incidents per 1,000 residents)."],
        ["Substance Misuse", "Kept",
         "Hospital admissions for substance use rose from 542 in 2012-13 to 734; drug offences "
         "fell (-35.3% on a year earlier)."],
        ["Reducing Re-offending", "Kept",
         "Not yet available: the proven re-offending rate compared with Kent (re-offending data "
         "for the Kent, Surrey & Sussex Community Rehabilitation Company is first due from the "
         "Ministry of Justice in October 2017). Reducing re-offending spans all of the other "
         "priorities."],
        ["Road Safety (Killed or seriously injured)", "Kept",
         "The highest number of road traffic collisions in Kent, and the 3rd highest number of "
         "people killed or seriously injured."],
        ["Community Resilience", "Added",
         "5 of the police Control Strategy's themes are among this year's emerging themes (at "
         "least 2 make it a priority)."],
    ]
    assert table.notes == ()


def test_the_explanation_table_says_what_holds_when_asb_rises() -> None:
    """The row follows the signs: a rise is stated, and the rate is still below Kent's."""
    facts = with_values(bundled_project().facts, {
        "asb.focus.incidents.pct_change": 12.8, "asb.focus.incidents.consecutive_falls": 0,
        "asb.focus.incidents.consecutive_rises": 1, "asb.focus.incidents.rate_per_1000": 25.6,
        "asb.focus.incidents.vs_kent": -0.9})
    row = explanation_table(decide_bundled(facts)).text_rows()[2]
    assert row == ["Anti-Social Behaviour (ASB)", "Kept",
                   "ASB has risen on the year before (+12.8% in the latest year) and is below "
                   "the Kent rate (25.6 against 26.5 incidents per 1,000 residents)."]


def test_an_insufficient_data_row_names_the_missing_figures_in_words() -> None:
    facts = with_values(bundled_project().facts, {"asb.focus.incidents.vs_kent": SUPPRESSED,
                                                  "asb.kent.incidents.rate_per_1000": None})
    row = explanation_table(decide_bundled(facts)).text_rows()[2]
    assert row == ["Anti-Social Behaviour (ASB)", "Kept",
                   "Not available: ASB incidents per 1,000 residents, Kent; suppressed at source "
                   "(too few to publish): ASB incidents per 1,000 residents, difference from "
                   "Kent."]
    assert "asb." not in row[2]


def test_the_explanation_table_shows_an_override_and_its_reason() -> None:
    decisions = decide_bundled(overrides={
        "Anti-Social Behaviour (ASB)": {"decision": "keep", "reason": "The board's choice."}})
    row = explanation_table(decisions).text_rows()[2]
    assert row[1] == "Kept, by decision of the partnership"
    assert row[2] == (
        "The board's choice. On the figures alone it would be removed as a priority and "
        "continued as a service: ASB has fallen for the second year running (-1.9% in the latest "
        "year) and is below the Kent rate (22.3 against 26.5 incidents per 1,000 residents).")


def test_the_changes_paragraph_says_what_was_kept_added_and_removed() -> None:
    paragraph = changes_paragraph(decide_bundled(), SEED_PREVIOUS_PRIORITIES)
    assert plain_text(paragraph.runs) == (
        "Kept from the previous assessment: Violent Crime – Domestic Abuse, Violent Crime – "
        "Night-Time Economy, Substance Misuse, Reducing Re-offending and Road Safety (Killed or "
        "seriously injured). Added: Community Resilience. Removed as a priority and continued as "
        "a service: Anti-Social Behaviour (ASB).")


def test_the_changes_paragraph_names_an_override() -> None:
    decisions = decide_bundled(overrides={
        "Community Resilience": {"decision": "remove", "reason": "Covered by the county."}})
    assert plain_text(changes_paragraph(decisions, SEED_PREVIOUS_PRIORITIES).runs).endswith(
        "Removed as a priority and continued as a service: Anti-Social Behaviour (ASB).")
    assert "Community Resilience" not in plain_text(
        changes_paragraph(decisions, SEED_PREVIOUS_PRIORITIES).runs)
    decisions = decide_bundled(overrides={
        "Substance Misuse": {"decision": "remove", "reason": "Covered by the county."}})
    assert "Removed: Substance Misuse (by decision of the partnership)." in plain_text(
        changes_paragraph(decisions, SEED_PREVIOUS_PRIORITIES).runs)


def test_the_decision_log_is_plain_json_with_every_decision() -> None:
    log = decision_log(decide_bundled())
    assert json.loads(json.dumps(log)) == log
    assert [(e["rule"], e["decision"], e["change"], e["position"]) for e in log] == [
        ("domestic_abuse", "keep", "kept", 1),
        ("night_time_economy", "keep", "kept", 1),
        ("anti_social_behaviour", "continue_as_service", "continued as a service", None),
        ("substance_misuse", "keep", "kept", 2),
        ("reducing_reoffending", "keep", "kept", 3),
        ("road_safety", "keep", "kept", 4),
        ("community_resilience", "add", "added", 5),
    ]
    asb = log[2]
    assert asb["outcome"] == "condition true"
    assert asb["condition"] == (
        "asb.focus.incidents.consecutive_falls >= asb_falls_in_a_row and "
        "asb.focus.incidents.vs_kent < 0")
    assert asb["evidence"][2] == {"fact": "asb.focus.incidents.consecutive_falls",
                                  "label": "ASB incidents, yearly falls in a row", "value": 2,
                                  "formatted": "2"}
    assert log[4]["missing"] == ["proven_reoffending.focus.reoffending_rate.vs_kent"]
    assert [entry["finding"] for entry in log] == [
        row[2] for row in explanation_table(decide_bundled()).text_rows()]


def test_the_decision_log_writes_suppressed_as_c() -> None:
    facts = with_values(bundled_project().facts, {"asb.focus.incidents.value": SUPPRESSED})
    log = decision_log(decide_bundled(facts))
    assert log[2]["evidence"][0]["value"] == "[c]"
    json.dumps(log)
