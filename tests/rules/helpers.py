"""Shared by the rule engine's tests: the bundled project, small fixture facts, modified facts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from assessment_doc.facts import Fact, Facts, Value
from assessment_doc.narrative.content import default_id
from assessment_doc.project import Project, load_project
from assessment_doc.rules import Decisions, RuleSet, decide, load_rules
from assessment_doc.values import SUPPRESSED

ROOT = Path(__file__).parents[2]
BUNDLED_RULES = ROOT / "content" / "rules.yaml"
FIXTURES = Path(__file__).parents[1] / "fixtures" / "rules"
BAD = FIXTURES / "bad"

SEED_PREVIOUS_PRIORITIES = (
    # Seed section 1.2, "Priorities Identified from the last strategic assessment".
    "Anti-Social Behaviour (ASB)",
    "Reducing Re-offending",
    "Road Safety (Killed or seriously injured)",
    "Substance Misuse",
    "Violent Crime – Domestic Abuse",
    "Violent Crime – Night-Time Economy",
)

SEED_EMERGING_THEMES = (
    # Seed section 1.2's emerging themes and the Control Strategy themes its section 9 names.
    "Child Sexual Exploitation (CSE)",
    "Prevent (extremism and radicalisation)",
    "New Psychoactive Substances (NPS)",
    "Self-Neglect and Hoarding",
    "Victim Support and Restorative Justice",
    "Human Trafficking",
    "Modern Slavery",
    "Serious Organised Crime (SOC)",
)

SEED_PRIORITIES_LIST = (
    # Seed section 9.1, in its order.
    "Violent Crime (specifically Domestic Abuse and Night Time Economy)",
    "Substance Misuse",
    "Reduce Re-offending",
    "Road Safety – Killed & Seriously Injured",
    ("Community Resilience (emerging issues around CSE, Prevent, Human Trafficking, Modern "
    "Slavery, SOC and Safeguarding)"),
)

SETTINGS_CONTEXT = {"area": "Maidstone", "partnership": "Safer Maidstone Partnership",
                    "is_home_area": True}


@lru_cache(maxsize=1)
def bundled_project() -> Project:
    return load_project(ROOT)


def section_ids() -> set[str]:
    return {default_id(path) for path in (ROOT / "content").glob("*.md")}


@lru_cache(maxsize=1)
def bundled_rules() -> RuleSet:
    return load_rules(BUNDLED_RULES, bundled_project().facts, section_ids=section_ids())


def context_for(facts: Facts) -> dict[str, Any]:
    """What the builder gives texts: the facts tree and ``settings``."""
    return {**facts.as_tree(), "settings": dict(SETTINGS_CONTEXT)}


def with_values(facts: Facts, values: Mapping[str, Value]) -> Facts:
    """The facts with some values replaced (every name must exist)."""
    changed = dict(facts.items())
    for name, value in values.items():
        changed[name] = replace(facts[name], value=value)
    return Facts(changed)


def decide_bundled(
    facts: Facts | None = None,
    *,
    previous: tuple[str, ...] | None = SEED_PREVIOUS_PRIORITIES,
    themes: tuple[str, ...] = SEED_EMERGING_THEMES,
    overrides: Mapping[str, Any] | None = None,
) -> Decisions:
    facts = bundled_project().facts if facts is None else facts
    return decide(bundled_rules(), facts, previous_priorities=previous, emerging_themes=themes,
                  overrides=overrides or {}, context=context_for(facts))


def fact(name: str, value: Value, unit: str = "count") -> Fact:
    return Fact(name, value, unit, f"{name} (fixture)")


FIXTURE_FACTS = Facts({f.name: f for f in (
    fact("asb.focus.incidents.value", 3608),
    fact("asb.focus.incidents.pct_change", -1.93, "percent"),
    fact("asb.focus.incidents.consecutive_falls", 2, "periods"),
    fact("asb.focus.incidents.vs_kent", -4.19, "rate_per_1000"),
    fact("asb.focus.incidents.rank_highest_first", 5, "rank"),
    fact("asb.kent.incidents.rate_per_1000", 26.5, "rate_per_1000"),
    fact("road_ksi.focus.casualties_ksi.value", 57, "persons"),
    fact("road_ksi.focus.casualties_ksi.previous", None, "persons"),
    fact("hospital_admissions.focus.admissions.value", SUPPRESSED),
)})
"""A few facts shaped like the bundled ones, for rules files written for the tests."""

FIXTURE_SECTIONS = {"anti_social_behaviour", "road_safety", "substance_misuse"}
