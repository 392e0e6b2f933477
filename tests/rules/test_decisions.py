"""Decisions from the bundled rules and data (the seed's conclusions), and how inputs change them."""

from __future__ import annotations

import pytest

from assessment_doc.errors import InputError
from assessment_doc.facts import Fact, Facts
from assessment_doc.model import plain_text
from assessment_doc.rules import (
    Change,
    DecisionKind,
    OutcomeKind,
    Override,
    decide,
    load_rules,
    read_rules,
)
from assessment_doc.values import SUPPRESSED

from .helpers import (
    FIXTURE_FACTS,
    FIXTURE_SECTIONS,
    FIXTURES,
    SEED_EMERGING_THEMES,
    SEED_PREVIOUS_PRIORITIES,
    bundled_project,
    bundled_rules,
    context_for,
    decide_bundled,
    with_values,
)

SEED_DECISIONS = {
    # priority: (rule, outcome, decision, change)
    "Violent Crime – Domestic Abuse":
        ("domestic_abuse", OutcomeKind.CONDITION_TRUE, DecisionKind.KEEP, Change.KEPT),
    "Violent Crime – Night-Time Economy":
        ("night_time_economy", OutcomeKind.CONDITION_TRUE, DecisionKind.KEEP, Change.KEPT),
    "Anti-Social Behaviour (ASB)":
        ("anti_social_behaviour", OutcomeKind.CONDITION_TRUE, DecisionKind.CONTINUE_AS_SERVICE,
         Change.CONTINUED_AS_SERVICE),
    "Substance Misuse":
        ("substance_misuse", OutcomeKind.CONDITION_TRUE, DecisionKind.KEEP, Change.KEPT),
    "Reducing Re-offending":
        ("reducing_reoffending", OutcomeKind.INSUFFICIENT_DATA, DecisionKind.KEEP, Change.KEPT),
    "Road Safety (Killed or seriously injured)":
        ("road_safety", OutcomeKind.CONDITION_TRUE, DecisionKind.KEEP, Change.KEPT),
    "Community Resilience":
        ("community_resilience", OutcomeKind.CONDITION_TRUE, DecisionKind.ADD, Change.ADDED),
}


# --- the bundled data gives the seed's decisions ------------------------------------------------


def test_the_bundled_rules_load_against_the_bundled_facts_and_sections() -> None:
    assert [rule.id for rule in bundled_rules()] == [
        "domestic_abuse", "night_time_economy", "anti_social_behaviour", "substance_misuse",
        "reducing_reoffending", "road_safety", "community_resilience"]


def test_the_bundled_data_gives_exactly_the_seeds_decisions() -> None:
    decisions = decide_bundled()
    assert {d.priority: (d.rule, d.outcome, d.decision, d.change) for d in decisions} == \
        SEED_DECISIONS
    assert decisions.warnings == ()


def test_deciding_asks_the_facts_by_name_and_never_looks_for_close_names(monkeypatch) -> None:
    """The rules ask ``name in facts`` and ``facts.get(name)``: a name the data lacks (the
    awaited re-offending fact) is simply unavailable, with no search of every fact for close
    names, which only a ``facts[name]`` miss does."""
    import assessment_doc.facts as facts_module

    def close_names(*args, **kwargs):
        raise AssertionError("looked for close names")

    monkeypatch.setattr(facts_module, "get_close_matches", close_names)
    decisions = decide_bundled()
    assert {d.priority: (d.rule, d.outcome, d.decision, d.change) for d in decisions} == \
        SEED_DECISIONS
    assert decisions["Reducing Re-offending"].reason.startswith(
        "not available: proven_reoffending.focus.reoffending_rate.vs_kent, the proven "
        "re-offending rate compared with Kent (re-offending data")


def test_asb_is_continued_as_a_service_on_its_two_falls_and_rate_below_kent() -> None:
    asb = decide_bundled()["Anti-Social Behaviour (ASB)"]
    assert [(e.name, e.value, e.formatted) for e in asb.evidence] == [
        ("asb.focus.incidents.value", 3608, "3,608"),
        ("asb.focus.incidents.pct_change", pytest.approx(-1.92987, abs=1e-5), "-1.9%"),
        ("asb.focus.incidents.consecutive_falls", 2, "2"),
        ("asb.focus.incidents.rate_per_1000", pytest.approx(22.2991, abs=1e-4), "22.3"),
        ("asb.kent.incidents.rate_per_1000", pytest.approx(26.4879, abs=1e-4), "26.5"),
        ("asb.focus.incidents.vs_kent", pytest.approx(-4.1888, abs=1e-4), "-4.2"),
    ]
    assert asb.plain_text.startswith(
        "ASB in Maidstone has fallen for the second year running (a reduction of 1.9% in the "
        "latest year) and, at 22.3 incidents per 1,000 residents, is below the Kent rate of 26.5. "
        "Based on the reduction in ASB, the current legislation and the partnership working that "
        "is in place, it is recommended that ASB is removed as a priority.")
    assert asb.plain_text.endswith(
        "The ASB sub-group remains, meeting when a Community Trigger is prompted or new ASB "
        "powers emerge.")  # the home partnership's own sub-group
    assert not asb.listed


def test_re_offending_is_kept_for_want_of_data_and_says_which_data() -> None:
    reoffending = decide_bundled()["Reducing Re-offending"]
    assert reoffending.missing == ("proven_reoffending.focus.reoffending_rate.vs_kent",)
    assert reoffending.reason == (
        "not available: proven_reoffending.focus.reoffending_rate.vs_kent, the proven "
        "re-offending rate compared with Kent (re-offending data for the Kent, Surrey & Sussex "
        "Community Rehabilitation Company is first due from the Ministry of Justice in October "
        "2017)")
    assert reoffending.missing_in_words == (
        "Not yet available: the proven re-offending rate compared with Kent (re-offending data "
        "for the Kent, Surrey & Sussex Community Rehabilitation Company is first due from the "
        "Ministry of Justice in October 2017).")
    assert reoffending.plain_text.startswith(
        "No up-to-date re-offending figures are available for this assessment.")
    assert [(e.label, e.formatted) for e in reoffending.evidence] == [
        ("Proven re-offending rate compared with Kent", "not available"),
        ("Offences by the Kent IOM cohort, change on a year earlier", "-55.3%"),
        ("Change in the cost of crime after joining IOM, West Division", "-£198,726"),
    ]


def test_road_safety_cites_the_highest_collisions_in_kent() -> None:
    road = decide_bundled()["Road Safety (Killed or seriously injured)"]
    assert road.plain_text == (
        "Maidstone had the highest number of road traffic collisions in Kent (709, an increase "
        "of 2.3%) and the 3rd highest number of people killed or seriously injured (57). Due to "
        "the high numbers of road traffic collisions and of people killed or seriously injured, "
        "it is recommended that road safety remains a priority for the Safer Maidstone "
        "Partnership.")


def test_community_resilience_is_added_from_the_emerging_themes() -> None:
    resilience = decide_bundled()["Community Resilience"]
    assert not resilience.previous
    assert [(e.name, e.formatted) for e in resilience.evidence] == [
        ("themes.child_sexual_exploitation", "listed"),
        ("themes.prevent", "listed"),
        ("themes.human_trafficking", "listed"),
        ("themes.modern_slavery", "listed"),
        ("themes.serious_organised_crime", "listed"),
    ]


# --- changing an input flips the decision it should ---------------------------------------------


def test_asb_rising_again_keeps_asb_as_a_priority() -> None:
    facts = with_values(bundled_project().facts, {
        "asb.focus.incidents.pct_change": 4.2,
        "asb.focus.incidents.consecutive_falls": 0,
        "asb.focus.incidents.consecutive_rises": 1,
    })
    asb = decide_bundled(facts)["Anti-Social Behaviour (ASB)"]
    assert (asb.outcome, asb.decision, asb.change) == (
        OutcomeKind.CONDITION_FALSE, DecisionKind.KEEP, Change.KEPT)
    assert asb.listed
    assert asb.plain_text == (
        "ASB in Maidstone rose in the latest year (an increase of 4.2%) and, at 22.3 incidents "
        "per 1,000 residents, is below the Kent rate of 26.5. It has not fallen for 2 years in a "
        "row, so it is recommended that ASB remains a priority for the partnership.")
    assert plain_text(asb.finding) == (
        "ASB has risen on the year before (+4.2% in the latest year) and is below the Kent rate "
        "(22.3 against 26.5 incidents per 1,000 residents).")


def test_asb_falling_but_above_the_kent_rate_keeps_asb() -> None:
    facts = with_values(bundled_project().facts, {"asb.focus.incidents.vs_kent": 1.5})
    asb = decide_bundled(facts)["Anti-Social Behaviour (ASB)"]
    assert asb.decision is DecisionKind.KEEP
    assert asb.plain_text == (
        "ASB in Maidstone fell in the latest year (a reduction of 1.9%) and, at 22.3 incidents "
        "per 1,000 residents, is above the Kent rate of 26.5. It has fallen for 2 years in a row "
        "but is not below the county's level, so it is recommended that ASB remains a priority "
        "for the partnership.")
    assert plain_text(asb.finding) == (
        "ASB has fallen for the second year running (-1.9% in the latest year) and is above the "
        "Kent rate (22.3 against 26.5 incidents per 1,000 residents).")


def test_asb_neither_falling_twice_nor_below_kent_says_both() -> None:
    facts = with_values(bundled_project().facts, {
        "asb.focus.incidents.consecutive_falls": 1, "asb.focus.incidents.vs_kent": 0.0})
    asb = decide_bundled(facts)["Anti-Social Behaviour (ASB)"]
    assert asb.decision is DecisionKind.KEEP
    assert ("is in line with the Kent rate of 26.5. It has neither fallen for 2 years in a row "
            "nor come below the county's level") in asb.plain_text
    assert plain_text(asb.finding).startswith(
        "ASB has fallen on the year before (-1.9% in the latest year) and is in line with the "
        "Kent rate")


def test_road_collisions_falling_to_mid_table_changes_the_road_safety_evidence_text() -> None:
    facts = with_values(bundled_project().facts, {
        "road_collisions.focus.collisions.rank_highest_first": 6,
        "road_collisions.focus.collisions.pct_change": -8.0,
    })
    road = decide_bundled(facts)["Road Safety (Killed or seriously injured)"]
    assert road.decision is DecisionKind.KEEP  # people killed or seriously injured: still 3rd
    assert road.plain_text == (
        "Maidstone had the 6th highest number of road traffic collisions in Kent (709, a "
        "reduction of 8.0%) and the 3rd highest number of people killed or seriously injured "
        "(57). Due to the high number of people killed or seriously injured, it is recommended "
        "that road safety remains a priority for the Safer Maidstone Partnership.")
    assert ("Road traffic collisions, place among the Kent districts (highest first)", "6th") in [
        (e.label, e.formatted) for e in road.evidence]


def test_road_collisions_and_ksi_both_mid_table_remove_road_safety() -> None:
    facts = with_values(bundled_project().facts, {
        "road_collisions.focus.collisions.rank_highest_first": 6,
        "road_ksi.focus.casualties_ksi.rank_highest_first": 7,
    })
    road = decide_bundled(facts)["Road Safety (Killed or seriously injured)"]
    assert (road.outcome, road.decision, road.change) == (
        OutcomeKind.CONDITION_FALSE, DecisionKind.REMOVE, Change.REMOVED)


def test_too_few_control_strategy_themes_do_not_add_community_resilience() -> None:
    resilience = decide_bundled(themes=("Human Trafficking", "Self-Neglect and Hoarding"))[
        "Community Resilience"]
    assert (resilience.decision, resilience.change) == (DecisionKind.REMOVE, Change.NOT_ADDED)


def test_re_offending_data_arriving_is_used_by_the_same_rule() -> None:
    name = "proven_reoffending.focus.reoffending_rate.vs_kent"
    facts = Facts({**bundled_project().facts,
                   name: Fact(name, 1.2, "percentage_points", "Re-offending rate minus Kent's")})
    decision = decide_bundled(facts)["Reducing Re-offending"]
    assert decision.outcome is OutcomeKind.CONDITION_TRUE
    assert decision.evidence[0].formatted == "+1.2 percentage points"


# --- missing and suppressed facts take the insufficient-data branch ---------------------------


def test_a_missing_fact_takes_the_insufficient_data_path() -> None:
    facts = with_values(bundled_project().facts, {"asb.focus.incidents.consecutive_falls": None})
    asb = decide_bundled(facts)["Anti-Social Behaviour (ASB)"]
    assert (asb.outcome, asb.decision, asb.change) == (
        OutcomeKind.INSUFFICIENT_DATA, DecisionKind.KEEP, Change.KEPT)
    assert asb.missing == ("asb.focus.incidents.consecutive_falls",)
    assert asb.reason == "not available: asb.focus.incidents.consecutive_falls"
    assert asb.plain_text == (
        "The figures needed to judge the trend in ASB in Maidstone are not all available, so it "
        "is recommended that ASB remains a priority until they are.")
    assert asb.missing_in_words == "Not available: ASB incidents, yearly falls in a row."
    assert ("ASB incidents, yearly falls in a row", "not available") in [
        (e.label, e.formatted) for e in asb.evidence]


def test_a_required_fact_missing_takes_the_insufficient_data_path() -> None:
    facts = with_values(bundled_project().facts, {"asb.kent.incidents.rate_per_1000": None})
    asb = decide_bundled(facts)["Anti-Social Behaviour (ASB)"]
    assert asb.outcome is OutcomeKind.INSUFFICIENT_DATA
    assert asb.missing == ("asb.kent.incidents.rate_per_1000",)


def test_a_suppressed_fact_takes_the_insufficient_data_path_and_shows_c() -> None:
    facts = with_values(bundled_project().facts, {"asb.focus.incidents.vs_kent": SUPPRESSED})
    asb = decide_bundled(facts)["Anti-Social Behaviour (ASB)"]
    assert asb.outcome is OutcomeKind.INSUFFICIENT_DATA
    assert asb.reason == "suppressed at source: asb.focus.incidents.vs_kent"
    assert asb.missing_in_words == ("Suppressed at source (too few to publish): ASB incidents "
                                    "per 1,000 residents, difference from Kent.")


def test_suppressed_evidence_that_is_not_needed_shows_c() -> None:
    facts = with_values(bundled_project().facts, {"asb.focus.incidents.value": SUPPRESSED})
    asb = decide_bundled(facts)["Anti-Social Behaviour (ASB)"]
    assert asb.outcome is OutcomeKind.CONDITION_TRUE
    assert asb.evidence[0].formatted == "[c]"


def test_a_division_by_zero_takes_the_insufficient_data_path() -> None:
    text = (FIXTURES / "good.yaml").read_text(encoding="utf-8").replace(
        "asb.focus.incidents.vs_kent < 0", "asb.focus.incidents.vs_kent / (falls_needed - 2) < 0")
    rules = read_rules(text, FIXTURE_FACTS)
    decisions = decide(rules, FIXTURE_FACTS, previous_priorities=[], emerging_themes=[],
                       overrides={}, context=context_for(FIXTURE_FACTS))
    assert (decisions["Anti-Social Behaviour"].outcome,
            decisions["Anti-Social Behaviour"].reason) == (
        OutcomeKind.INSUFFICIENT_DATA, "the condition divides by zero")


# --- overrides -------------------------------------------------------------------------------


REASON = "The board asked for one more year of focus on ASB after the summer's disorder."


def test_an_override_is_applied_and_recorded_with_its_reason() -> None:
    decisions = decide_bundled(overrides={
        "Anti-Social Behaviour (ASB)": {"decision": "keep", "reason": REASON}})
    asb = decisions["Anti-Social Behaviour (ASB)"]
    assert (asb.outcome, asb.decision, asb.rule_decision, asb.reason, asb.change) == (
        OutcomeKind.OVERRIDE, DecisionKind.KEEP, DecisionKind.CONTINUE_AS_SERVICE, REASON,
        Change.KEPT)
    assert asb.listed
    assert asb.plain_text == (
        "By decision of the partnership, Anti-Social Behaviour (ASB) remains a priority (on the "
        "figures alone it would be removed as a priority and continued as a service): The board "
        "asked for one more year of focus on ASB after the summer's "
        "disorder.")
    assert asb.evidence[1].formatted == "-1.9%"  # the evidence is still shown


def test_an_override_may_give_its_own_text_and_a_pydantic_override_is_accepted() -> None:
    override = Override(decision="keep", reason=REASON,
                        text="ASB remains a priority in {{ settings.area }} for one more year.")
    asb = decide_bundled(overrides={"anti-social behaviour (asb)": override})[
        "Anti-Social Behaviour (ASB)"]
    assert asb.plain_text == "ASB remains a priority in Maidstone for one more year."


@pytest.mark.parametrize(("override", "message"), [
    ({"decision": "keep"}, "override for 'Anti-Social Behaviour (ASB)': a reason is mandatory"),
    ({"decision": "keep", "reason": "   "},
     "override for 'Anti-Social Behaviour (ASB)': a reason is mandatory"),
    ({"decision": "stay", "reason": REASON},
     ("override for 'Anti-Social Behaviour (ASB)': 'decision': input should be 'keep', 'add', "
     "'remove' or 'continue_as_service'")),
])
def test_an_override_without_a_reason_or_with_a_bad_decision_is_refused(
    override: dict, message: str
) -> None:
    with pytest.raises(InputError) as raised:
        decide_bundled(overrides={"Anti-Social Behaviour (ASB)": override})
    assert [p.message for p in raised.value.problems] == [message]
    assert raised.value.problems[0].file == "assessment.yaml"
    assert raised.value.problems[0].column == "overrides"


def test_an_override_for_an_unknown_priority_is_refused() -> None:
    with pytest.raises(InputError) as raised:
        decide_bundled(overrides={"Anti-Social Behavior (ASB)": {"decision": "keep",
                                                                  "reason": REASON}})
    assert str(raised.value) == (
        "assessment.yaml, column 'overrides': override for 'Anti-Social Behavior (ASB)': no "
        "rule decides that priority (did you mean 'Anti-Social Behaviour (ASB)'?) (expected the "
        "priority names of the rules: Violent Crime – Domestic Abuse; Violent Crime – "
        "Night-Time Economy; Anti-Social Behaviour (ASB); Substance Misuse; Reducing "
        "Re-offending; Road Safety (Killed or seriously injured); Community Resilience)")


# --- settings the decisions depend on ----------------------------------------------------------


def test_a_previous_priority_without_a_rule_is_refused() -> None:
    with pytest.raises(InputError) as raised:
        decide_bundled(previous=(*SEED_PREVIOUS_PRIORITIES, "Substance Abuse"))
    assert raised.value.problems[0].message == (
        "previous priority 'Substance Abuse' has no rule in content/rules.yaml (did you mean "
        "'Substance Misuse'?)")


def test_previous_priorities_match_without_regard_to_case_or_dashes() -> None:
    decisions = decide_bundled(previous=("violent crime - domestic abuse",))
    assert decisions["Violent Crime – Domestic Abuse"].change is Change.KEPT
    assert decisions["Substance Misuse"].change is Change.ADDED


def test_an_emerging_theme_no_rule_knows_is_a_warning() -> None:
    decisions = decide_bundled(themes=(*SEED_EMERGING_THEMES, "Human Traficking"))
    assert [str(w) for w in decisions.warnings] == [
        ("assessment.yaml, column 'emerging_themes': emerging theme 'Human Traficking' is not "
        "tested by any rule (did you mean 'Human Trafficking'?) (expected a theme of the rules: "
        "Child Sexual Exploitation (CSE); Prevent (extremism and radicalisation); Human "
        "Trafficking; Modern Slavery; Serious Organised Crime (SOC); New Psychoactive Substances "
        "(NPS); Self-Neglect and Hoarding; Victim Support and Restorative Justice)")]


def test_an_emerging_theme_matches_by_id_or_name() -> None:
    decisions = decide_bundled(themes=("human_trafficking", "MODERN SLAVERY"))
    assert decisions.themes["human_trafficking"] and decisions.themes["modern_slavery"]
    assert not decisions.themes["prevent"]


def test_a_text_that_prints_an_unavailable_fact_is_a_problem_at_its_line() -> None:
    text = (FIXTURES / "good.yaml").read_text(encoding="utf-8").replace(
        "text: ASB remains a priority.",
        "text: ASB remains a priority ({{ road_ksi.focus.casualties_ksi.previous | count }}).")
    rules = read_rules(text, FIXTURE_FACTS)
    facts = with_values(FIXTURE_FACTS, {"asb.focus.incidents.vs_kent": 3.0})
    with pytest.raises(InputError) as raised:
        decide(rules, facts, previous_priorities=[], emerging_themes=[], overrides={},
               context=context_for(facts))
    assert str(raised.value) == (
        "content/rules.yaml, line 27: rule 'asb', otherwise text: the fact "
        "'road_ksi.focus.casualties_ksi.previous' is not available (its data is missing), so it "
        "cannot be printed (expected {% if road_ksi.focus.casualties_ksi.previous is defined %} "
        "… {% endif %} around the text that uses it)")


def test_the_fixture_rules_decide_from_fixture_facts() -> None:
    rules = load_rules(FIXTURES / "good.yaml", FIXTURE_FACTS, section_ids=FIXTURE_SECTIONS)
    decisions = decide(rules, FIXTURE_FACTS, previous_priorities=["Anti-Social Behaviour"],
                       emerging_themes=["Human Trafficking"], overrides={},
                       context=context_for(FIXTURE_FACTS))
    assert [(d.rule, d.outcome.value, d.decision.value, d.change.value) for d in decisions] == [
        ("asb", "condition true", "continue_as_service", "continued as a service"),
        ("substance_misuse", "insufficient data", "keep", "added"),
        ("reoffending", "insufficient data", "keep", "added"),
        ("community_resilience", "condition false", "remove", "not added"),
    ]
    assert next(plain_text(d.text) for d in decisions) == "ASB saw a reduction of 1.9%."


def test_every_rules_text_problem_is_reported_at_once() -> None:
    unavailable = "{{ road_ksi.focus.casualties_ksi.previous | count }}"
    text = (FIXTURES / "good.yaml").read_text(encoding="utf-8").replace(
        "text: ASB saw {{", f"text: Before {unavailable} ASB saw {{{{").replace(
        "text: Community Resilience is not added.", f'text: "Not added, {unavailable}."')
    rules = read_rules(text, FIXTURE_FACTS)
    with pytest.raises(InputError) as raised:
        decide(rules, FIXTURE_FACTS, previous_priorities=[], emerging_themes=[], overrides={},
               context=context_for(FIXTURE_FACTS))
    assert [(p.line, p.message.split(":")[0]) for p in raised.value.problems] == [
        (24, "rule 'asb', when_true text"),
        (57, "rule 'community_resilience', otherwise text"),
    ]


def test_a_finding_counts_the_emerging_themes_and_names_its_place_in_problems() -> None:
    text = (FIXTURES / "good.yaml").read_text(encoding="utf-8").replace(
        "otherwise: {decision: remove, text: Community Resilience is not added.}",
        "otherwise:\n      decision: remove\n      text: Community Resilience is not added.\n"
        "      finding: >-\n        {{ (themes.human_trafficking + themes.modern_slavery) | count"
        " }} of 2 themes emerged.")
    rules = read_rules(text, FIXTURE_FACTS)
    decisions = decide(rules, FIXTURE_FACTS, previous_priorities=[],
                       emerging_themes=["Human Trafficking"], overrides={},
                       context=context_for(FIXTURE_FACTS))
    assert plain_text(decisions["Community Resilience"].finding) == "1 of 2 themes emerged."
    with pytest.raises(InputError) as raised:
        read_rules(text.replace("themes.modern_slavery) |", "themes.modern_slavry) |"),
                   FIXTURE_FACTS)
    assert [str(p) for p in raised.value.problems] == [
        "content/rules.yaml, line 60: rule 'community_resilience', otherwise finding: unknown "
        "placeholder 'themes.modern_slavry' (closest known: 'themes.modern_slavery')"]


def test_a_rank_of_1_reads_the_highest_not_1st_highest() -> None:
    facts = with_values(bundled_project().facts, {
        "domestic_abuse.focus.incidents.rank_highest_first": 1,
        "road_ksi.focus.casualties_ksi.rank_highest_first": 1})
    decisions = decide_bundled(facts)
    for priority in ("Violent Crime – Domestic Abuse", "Road Safety (Killed or seriously injured)"):
        said = decisions[priority].plain_text + " " + plain_text(decisions[priority].finding)
        assert "1st" not in said
    assert plain_text(decisions["Violent Crime – Domestic Abuse"].finding).startswith(
        "The highest number of domestic abuse incidents in Kent")


def test_road_safety_kept_on_collisions_alone_does_not_call_the_ksi_number_high() -> None:
    facts = with_values(bundled_project().facts, {
        "road_ksi.focus.casualties_ksi.rank_highest_first": 6})
    road = decide_bundled(facts)["Road Safety (Killed or seriously injured)"]
    assert road.decision is DecisionKind.KEEP
    assert "the 6th highest number of people killed or seriously injured (57). Due to the high " \
        "number of road traffic collisions, it is recommended" in road.plain_text


def test_substance_misuse_says_which_figure_rose() -> None:
    facts = with_values(bundled_project().facts, {
        "crime_by_type.focus.drug_offences.pct_change": 5.0,
        "hospital_admissions.focus.admissions.value": 500})
    misuse = decide_bundled(facts)["Substance Misuse"]
    assert misuse.decision is DecisionKind.KEEP
    assert misuse.plain_text.startswith(
        "Recorded drug offences rose (an increase of 5.0%), while hospital admissions for "
        "disorders due to psychoactive substance use fell from 542 in 2012-13 to 500 in the "
        "latest year. Given the rise in drug offences,")
    facts = with_values(bundled_project().facts, {"hospital_admissions.focus.admissions.value": 500})
    misuse = decide_bundled(facts)["Substance Misuse"]
    assert misuse.decision is DecisionKind.REMOVE
    assert plain_text(misuse.finding) == (
        "Hospital admissions for substance use fell from 542 in 2012-13 to 500; drug offences "
        "fell (-35.3% on a year earlier).")


# --- words that depend on the previous assessment's priorities ----------------------------------


WITHOUT_SUBSTANCE_MISUSE = tuple(p for p in SEED_PREVIOUS_PRIORITIES if p != "Substance Misuse")


def test_a_priority_not_on_last_years_list_becomes_one_and_does_not_remain() -> None:
    decisions = decide_bundled(previous=WITHOUT_SUBSTANCE_MISUSE)
    substance = decisions["Substance Misuse"]
    assert (substance.decision, substance.previous, substance.change) == (
        DecisionKind.KEEP, False, Change.ADDED)
    assert substance.plain_text.endswith(
        "it is recommended that substance misuse, including alcohol and NPS (legal highs), "
        "becomes a priority.")
    assert "remains" not in substance.plain_text
    # the others were on the list and still remain
    assert decisions["Violent Crime – Domestic Abuse"].plain_text.endswith(
        "it is recommended that Violent Crime (domestic abuse) remains a priority for the "
        "partnership.")


def test_re_offending_not_on_last_years_list_becomes_a_priority_not_continues() -> None:
    previous = tuple(p for p in SEED_PREVIOUS_PRIORITIES if p != "Reducing Re-offending")
    text = decide_bundled(previous=previous)["Reducing Re-offending"].plain_text
    assert text.endswith("therefore the recommendation is made that this becomes a priority.")
    assert decide_bundled()["Reducing Re-offending"].plain_text.endswith(
        "therefore the recommendation is made that this continues to be a priority.")


def test_asb_not_on_last_years_list_is_not_said_to_be_removed() -> None:
    previous = tuple(p for p in SEED_PREVIOUS_PRIORITIES if p != "Anti-Social Behaviour (ASB)")
    asb = decide_bundled(previous=previous)["Anti-Social Behaviour (ASB)"]
    assert asb.change is Change.CONTINUED_AS_SERVICE and asb.previous is False
    assert "it is recommended that ASB is not a priority. Given" in asb.plain_text
    assert "removed" not in asb.plain_text
    assert "it is recommended that ASB is removed as a priority. Given" in decide_bundled()[
        "Anti-Social Behaviour (ASB)"].plain_text


def test_unrecorded_previous_priorities_give_only_what_is_recommended() -> None:
    decisions = decide_bundled(previous=None)
    assert decisions.previous_priorities is None and not decisions.previous_known
    changes = {d.priority: d.change for d in decisions}
    assert changes == {
        "Violent Crime – Domestic Abuse": Change.RECOMMENDED,
        "Violent Crime – Night-Time Economy": Change.RECOMMENDED,
        "Anti-Social Behaviour (ASB)": Change.RECOMMENDED_AS_SERVICE,
        "Substance Misuse": Change.RECOMMENDED,
        "Reducing Re-offending": Change.RECOMMENDED,
        "Road Safety (Killed or seriously injured)": Change.RECOMMENDED,
        "Community Resilience": Change.RECOMMENDED,
    }
    texts = {d.priority: d.plain_text for d in decisions}
    assert texts["Road Safety (Killed or seriously injured)"].endswith(
        "it is recommended that road safety is a priority for the Safer Maidstone Partnership.")
    assert "it is recommended that ASB is not a priority. Given" in texts[
        "Anti-Social Behaviour (ASB)"]
    for text in texts.values():
        assert not any(word in text for word in ("remains a", "continues to be", "removed as"))


@pytest.mark.parametrize(("previous", "said"), [
    (SEED_PREVIOUS_PRIORITIES,
     "By decision of the partnership, Anti-Social Behaviour (ASB) remains a priority (on the "
     "figures alone it would be removed as a priority and continued as a service)"),
    (WITHOUT_ASB := tuple(p for p in SEED_PREVIOUS_PRIORITIES if "ASB" not in p),
     "By decision of the partnership, Anti-Social Behaviour (ASB) is added as a priority (on the "
     "figures alone it would be continued as a service, not as a priority)"),
    (None,
     "By decision of the partnership, Anti-Social Behaviour (ASB) is a priority (on the figures "
     "alone it would be provided for as a service, not as a priority)"),
])
def test_an_overrides_words_follow_what_is_known_of_last_years_list(
    previous: tuple[str, ...] | None, said: str
) -> None:
    asb = decide_bundled(previous=previous, overrides={
        "Anti-Social Behaviour (ASB)": {"decision": "keep", "reason": REASON}})[
        "Anti-Social Behaviour (ASB)"]
    assert asb.plain_text.startswith(said + ": ")


def test_a_text_sees_previous_known_listed_and_remains(tmp_path) -> None:
    rules_file = tmp_path / "rules.yaml"
    rules_file.write_text(
        (FIXTURES / "good.yaml").read_text(encoding="utf-8").replace(
            "text: ASB saw {{ asb.focus.incidents.pct_change | change_words }}.",
            "text: '{% if previous.known %}known{% else %}not known{% endif %}, {% if "
            "previous.listed %}listed{% else %}not listed{% endif %}: ASB "
            "{{ previous.remains }} a priority.'"), encoding="utf-8")
    rules = load_rules(rules_file, FIXTURE_FACTS, section_ids=FIXTURE_SECTIONS)
    said = {}
    for previous in (["Anti-Social Behaviour"], [], None):
        decisions = decide(rules, FIXTURE_FACTS, previous_priorities=previous,
                           emerging_themes=[], overrides={}, context=context_for(FIXTURE_FACTS))
        said[None if previous is None else len(previous)] = decisions.items[0].plain_text
    assert said == {1: "known, listed: ASB remains a priority.",
                    0: "known, not listed: ASB becomes a priority.",
                    None: "not known, not listed: ASB is a priority."}


def test_an_unknown_previous_name_is_refused_when_the_rules_load(tmp_path) -> None:
    rules_file = tmp_path / "rules.yaml"
    rules_file.write_text(
        (FIXTURES / "good.yaml").read_text(encoding="utf-8").replace(
            "text: ASB saw {{ asb.focus.incidents.pct_change | change_words }}.",
            "text: ASB {{ previous.stays }}."),
        encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_rules(rules_file, FIXTURE_FACTS, section_ids=FIXTURE_SECTIONS)
    assert "unknown placeholder 'previous.stays' (expected one of: previous.known, " \
        "previous.listed, previous.remains)" in str(raised.value)
