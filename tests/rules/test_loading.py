"""Loading rules: conditions refused at load, names checked against the facts, texts checked."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment_doc.errors import InputError
from assessment_doc.rules import RuleSet, decide, format_evidence, read_rules
from assessment_doc.values import SUPPRESSED

from .helpers import FIXTURE_FACTS, FIXTURES, context_for

GOOD = (FIXTURES / "good.yaml").read_text(encoding="utf-8")
ASB_CONDITION = """\
    condition: >-
      asb.focus.incidents.consecutive_falls >= falls_needed
      and asb.focus.incidents.vs_kent < 0
"""
assert ASB_CONDITION in GOOD


def with_asb_condition(condition: str) -> str:
    """The good fixture with the first rule's condition replaced (written as a YAML string)."""
    written = yaml.safe_dump({"condition": condition}, allow_unicode=True, width=10_000)
    return GOOD.replace(ASB_CONDITION, "    " + written.strip().replace("\n", "\n    ") + "\n")


REFUSED_AT_LOAD = {
    "__import__('os').system('true')":
        "calling a function is not allowed in a condition "
        "(found __import__('os').system('true'))",
    "().__class__":
        "only names may be written with dots in a condition, such as "
        "asb.focus.incidents.value (found ().__class__)",
    "a.__class__":
        "names starting with '_' are not allowed in a condition (found a.__class__)",
    "[x for x in y]":
        "comprehensions are not allowed in a condition (found [x for x in y])",
    "'text'":
        "text in quotes is not allowed in a condition: conditions compare numbers "
        "(found 'text')",
    "lambda: 1":
        "lambda is not allowed in a condition (found lambda: 1)",
    "asb.focus.incidents.value.__class__.__mro__":
        "names starting with '_' are not allowed in a condition "
        "(found asb.focus.incidents.value.__class__.__mro__)",
    "open('/etc/passwd')":
        "calling a function is not allowed in a condition (found open('/etc/passwd'))",
}


@pytest.mark.parametrize(("condition", "message"), list(REFUSED_AT_LOAD.items()),
                         ids=list(REFUSED_AT_LOAD))
def test_a_dangerous_condition_is_refused_when_the_rules_load(
    condition: str, message: str
) -> None:
    with pytest.raises(InputError) as raised:
        read_rules(with_asb_condition(condition), FIXTURE_FACTS)
    (problem,) = raised.value.problems
    assert (problem.file, problem.line, problem.column) == ("content/rules.yaml", 14, "condition")
    assert problem.message == f"rule 'asb': {message}"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=50))
def test_any_condition_loads_or_gives_the_projects_error(condition: str) -> None:
    try:
        rules = read_rules(with_asb_condition(condition), FIXTURE_FACTS)
    except InputError as error:
        assert all(p.file == "content/rules.yaml" for p in error.problems)
        return
    assert isinstance(rules, RuleSet)


def test_an_awaited_fact_that_the_data_now_has_is_an_ordinary_fact() -> None:
    text = GOOD.replace("reoffending.focus.proven_rate.value:", "road_ksi.focus.casualties_ksi"
                        ".value:").replace("condition: reoffending.focus.proven_rate.value > 25",
                                           "condition: road_ksi.focus.casualties_ksi.value > 25")
    rules = read_rules(text, FIXTURE_FACTS)
    assert rules.rule("reoffending").condition.facts == ("road_ksi.focus.casualties_ksi.value",)


def test_an_awaited_fact_needs_a_fact_shaped_name_and_a_description() -> None:
    text = GOOD.replace("  reoffending.focus.proven_rate.value: Proven re-offending rate, first "
                        "published in 2017", "  reoffending: \n  a.b.c:")
    with pytest.raises(InputError) as raised:
        read_rules(text, FIXTURE_FACTS)
    assert [str(p) for p in raised.value.problems][:2] == [
        ("content/rules.yaml, line 8, column 'reoffending': awaited fact name 'reoffending' cannot "
        "be used in a condition (expected a fact name such as reoffending.focus.rate.value)"),
        ("content/rules.yaml, line 9, column 'a.b.c': awaited fact 'a.b.c' needs a description, "
        "not nothing (expected a line of text saying what it is)"),
    ]


def test_a_rule_needs_the_facts_of_its_condition_and_its_requires() -> None:
    rules = read_rules(GOOD, FIXTURE_FACTS)
    assert rules.rule("asb").needed_facts == (
        "asb.focus.incidents.pct_change", "asb.focus.incidents.consecutive_falls",
        "asb.focus.incidents.vs_kent")
    assert rules.rule("community_resilience").needed_facts == ()


def test_an_unknown_rule_id_names_the_closest() -> None:
    with pytest.raises(KeyError, match="did you mean 'asb'"):
        read_rules(GOOD, FIXTURE_FACTS).rule("ASB")


def test_without_section_ids_any_section_is_accepted() -> None:
    rules = read_rules(GOOD.replace("section: substance_misuse", "section: anything"),
                       FIXTURE_FACTS)
    assert rules.rule("substance_misuse").section == "anything"


# --- texts -----------------------------------------------------------------------------------


def with_asb_text(text: str) -> str:
    return GOOD.replace("text: ASB remains a priority.", f"text: {json_quoted(text)}")


def json_quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.mark.parametrize("text", [
    "Kept after {{ thresholds.falls_needed | count }} falls.",
    "{% for name, value in asb.focus.incidents|dictsort %}{{ name }}{% endfor %}",
    "{% set x = asb.focus.incidents.value %}{{ x | count }} in {{ settings.area }}.",
    "{{ asb['focus'].incidents['value'] | count }}",
    "{% if asb.focus.incidents.pct_change is defined %}yes{% endif %}",
])
def test_a_text_may_use_facts_thresholds_settings_and_its_own_names(text: str) -> None:
    read_rules(with_asb_text(text), FIXTURE_FACTS)


@pytest.mark.parametrize(("text", "message"), [
    ("{{ thresholds.falls_neede | count }}",
     "unknown placeholder 'thresholds.falls_neede' (closest known: 'thresholds.falls_needed')"),
    ("{{ asb.focus.incidents.value.real | count }}",
     "unknown placeholder 'asb.focus.incidents.value.real'"),
    ("{{ asb.focus.incidnts.value | count }}",
     ("unknown placeholder 'asb.focus.incidnts.value' (closest known: "
     "'asb.focus.incidents.value', 'asb.focus.incidents.vs_kent', "
     "'asb.focus.incidents.pct_change')")),
    ("{{ road_safety | count }}", ("unknown placeholder 'road_safety' (closest known: "
     "'road_ksi')")),
])
def test_a_text_naming_an_unknown_placeholder_is_refused_at_load(text: str, message: str) -> None:
    with pytest.raises(InputError) as raised:
        read_rules(with_asb_text(text), FIXTURE_FACTS)
    (problem,) = raised.value.problems
    assert problem.line == 27
    assert problem.message.startswith(f"rule 'asb', otherwise text: {message}")


def test_a_summary_is_a_text_too() -> None:
    text = GOOD.replace("    order: 1\n", "    order: 1\n    summary: '{{ thresholds.nope }}'\n")
    with pytest.raises(InputError) as raised:
        read_rules(text, FIXTURE_FACTS)
    assert raised.value.problems[0].message == (
        "rule 'asb', summary: unknown placeholder 'thresholds.nope'")


def test_a_text_of_two_paragraphs_is_refused_when_decided() -> None:
    rules = read_rules(GOOD.replace("text: ASB saw {{", "text: \"One.\\n\\nTwo {{")
                       .replace("change_words }}.", "change_words }}.\""), FIXTURE_FACTS)
    with pytest.raises(InputError) as raised:
        decide(rules, FIXTURE_FACTS, previous_priorities=[], emerging_themes=[], overrides={},
               context=context_for(FIXTURE_FACTS))
    assert str(raised.value) == (
        "content/rules.yaml, line 24: rule 'asb', when_true text: the text should be one "
        "paragraph of words (expected text without blank lines, lists or headings)")


# --- evidence formats ------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "unit", "name", "chosen", "shown"), [
    (9178, "count", "x.focus.offences.value", None, "9,178"),
    (-2.4655, "percent", "x.focus.offences.pct_change", None, "-2.5%"),
    (26.0, "percent", "x.focus.repeat_pct.value", None, "26.0%"),
    (22.2991, "rate_per_1000", "x.focus.offences.rate_per_1000", None, "22.3"),
    (-4.1887, "rate_per_1000", "x.focus.offences.vs_kent", None, "-4.2"),
    (0.7, "percentage_points", "x.focus.repeat_pct.vs_kent", None, "+0.7 percentage points"),
    (-232, "count", "x.focus.offences.change", None, "-232"),
    (3, "rank", "x.focus.offences.rank_highest_first", None, "3rd"),
    (4, "rank", "x.focus.offences.pct_change_rank_highest_first", None, "4th"),
    (-198726, "gbp", "x.west.cost_difference.value", None, "-£198,726"),
    (2, "periods", "x.focus.offences.consecutive_falls", None, "2"),
    (56.72, "rate_per_1000", "x.focus.offences.rate_per_1000", "number", "56.7"),
    (12.5, "percent", "x.focus.offences.value", "change", "+12.5%"),
    (1, "", "themes.prevent", "listed", "listed"),
    (0, "", "themes.prevent", "listed", "not listed"),
    (None, "count", "x.focus.offences.value", None, "not available"),
    (SUPPRESSED, "count", "x.focus.offences.value", None, "[c]"),
])
def test_evidence_is_formatted_by_its_unit_or_its_format(
    value: object, unit: str, name: str, chosen: str | None, shown: str
) -> None:
    assert format_evidence(value, unit, name, chosen) == shown  # type: ignore[arg-type]


def test_a_text_naming_a_group_of_facts_is_checked_without_working_out_every_group() -> None:
    """``{{ asb.focus.incidents | trend_words }}`` names a group: it is found by its prefix, so a
    large project's rules load without listing every group of its facts."""
    from assessment_doc.rules.names import KnownNames
    from assessment_doc.rules.templates import TextTemplate, template_problems

    known = KnownNames.of(["asb.focus.incidents.consecutive_falls", "asb.focus.incidents.value"])
    assert template_problems(TextTemplate("ASB {{ asb.focus.incidents | trend_words }}."),
                             "content/rules.yaml", "rule 'asb', finding", known) == []
    assert "groups" not in known.__dict__
    problems = template_problems(TextTemplate("ASB {{ asb.focus.incident | trend_words }}."),
                                 "content/rules.yaml", "rule 'asb', finding", known)
    assert [p.message for p in problems] == [
        "rule 'asb', finding: unknown placeholder 'asb.focus.incident' (closest known: "
        "'asb.focus.incidents')"]
