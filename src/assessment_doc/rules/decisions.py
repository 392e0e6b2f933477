"""Decisions: each rule applied to the facts, giving a priority's decision, text and evidence.

:func:`decide` takes the checked rules, the facts and, as plain arguments, the settings the
decisions depend on: the previous assessment's priorities (to say what changed; None when they
are not recorded, as for another area than the settings' own, so that nothing is said to be
kept, added or removed against another partnership's list), the emerging
themes (``themes.<id>`` is 1 in a condition when the theme is listed) and the partnership's
overrides (each with its mandatory reason). For every rule, in the file's order:

1. a fact the rule needs (``requires`` and the condition's facts) that is unavailable or
   suppressed leads to the rule's ``insufficient_data`` branch — never to a crash;
2. otherwise the condition is evaluated: ``when_true`` or ``otherwise``;
3. an override, if the settings give one for the priority, replaces the decision and is
   recorded with its reason (the rule's own decision is kept beside it);
4. the text is filled in from the facts, and the evidence is looked up and formatted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any, NamedTuple

from pydantic import ValidationError

from .. import format as fmt
from ..data.wording import did_you_mean, quote
from ..errors import InputError, Problem
from ..facts import Fact, Value
from ..model import Run, Runs, plain_text
from ..values import Suppressed
from .conditions import EvaluationError, NameKind, Ref
from .loading import THEMES_PREFIX, Branch, Citation, Rule, RuleSet, priority_key
from .schema import DecisionKind, Override
from .templates import PREVIOUS, THEMES, THRESHOLDS, TextTemplate, render_runs

SETTINGS_FILE = "assessment.yaml"
"""Where previous priorities, emerging themes and overrides are written, as shown in problems."""

NOT_AVAILABLE = "not available"
"""How an unavailable figure is shown in the evidence."""


class OutcomeKind(str, Enum):
    """How a decision was reached."""

    CONDITION_TRUE = "condition true"
    CONDITION_FALSE = "condition false"
    INSUFFICIENT_DATA = "insufficient data"
    OVERRIDE = "override"


class Change(str, Enum):
    """What happened to a priority compared with the previous assessment."""

    KEPT = "kept"
    ADDED = "added"
    REMOVED = "removed"
    CONTINUED_AS_SERVICE = "continued as a service"
    NOT_ADDED = "not added"
    RECOMMENDED = "recommended"
    """Listed, the previous priorities being unknown (so neither kept nor added)."""
    NOT_RECOMMENDED = "not recommended"
    """Not listed, the previous priorities being unknown (so neither removed nor not added)."""
    RECOMMENDED_AS_SERVICE = "recommended as a service"
    """Continued as a service, the previous priorities being unknown."""


class Evidence(NamedTuple):
    """A figure cited for a decision: ``(name, value, formatted, label)``."""

    name: str
    """A fact name, or ``themes.<id>``."""
    value: Value
    formatted: str
    """As shown: '-1.9%', '5th', '[c]', 'not available', 'listed'."""
    label: str


@dataclass(frozen=True, slots=True)
class Decision:
    """What was decided for one priority, by which rule, on what evidence."""

    priority: str
    group: str | None
    rule: str
    """The id of the rule that decided."""
    decision: DecisionKind
    text: Runs
    """The recommendation, filled in."""
    evidence: tuple[Evidence, ...]
    outcome: OutcomeKind
    change: Change
    previous: bool | None
    """Whether the priority was a priority of the previous assessment; None when the previous
    priorities are not recorded."""
    section: str
    order: int
    listed_as: str
    summary: str
    """The rule's test in words (its ``summary``, else its condition)."""
    condition: str
    rule_decision: DecisionKind
    """What the rule itself decided (differs from ``decision`` when overridden)."""
    reason: str | None = None
    """The override's reason, or what data was missing for an insufficient-data outcome."""
    missing: tuple[str, ...] = ()
    """Facts the rule needed that were unavailable or suppressed."""
    finding: Runs = ()
    """The deciding figures in a short sentence (the branch's ``finding``), filled in; for an
    override, what the figures alone showed."""
    missing_in_words: str | None = None
    """For an insufficient-data outcome, what was missing as a reader says it: the evidence's
    labels and the awaited facts' descriptions, never fact names."""

    @property
    def listed(self) -> bool:
        """Whether the priority is among the recommended priorities."""
        return self.decision.listed

    @property
    def plain_text(self) -> str:
        return plain_text(self.text)


@dataclass(frozen=True)
class Decisions:
    """Every rule's decision, in the rules file's order, with what they were decided from."""

    items: tuple[Decision, ...]
    previous_priorities: tuple[str, ...] | None
    """None when not recorded (see :func:`decide`)."""
    emerging_themes: tuple[str, ...]
    themes: Mapping[str, bool]
    """Each theme id the rules know: whether it is among the emerging themes."""
    group_listings: Mapping[str, str]
    thresholds: Mapping[str, int | float]
    awaited: Mapping[str, str]
    warnings: tuple[Problem, ...] = ()
    """Emerging themes no rule knows (possibly misspelt)."""

    @property
    def previous_known(self) -> bool:
        """Whether the previous assessment's priorities are recorded, so changes can be told."""
        return self.previous_priorities is not None

    def __iter__(self) -> Iterator[Decision]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, priority: str) -> Decision:
        for decision in self.items:
            if priority_key(decision.priority) == priority_key(priority):
                return decision
        raise KeyError(f"no decision for '{priority}'"
                       f"{did_you_mean(priority, [d.priority for d in self.items])}")

    def for_section(self, section_id: str) -> tuple[Decision, ...]:
        return tuple(d for d in self.items if d.section == section_id)

    def listed(self) -> tuple[Decision, ...]:
        """The recommended priorities, in their configured order (stable within a group)."""
        return tuple(sorted((d for d in self.items if d.listed), key=lambda d: d.order))


def decide(
    rules: RuleSet,
    facts: Mapping[str, Fact],
    *,
    previous_priorities: Sequence[str] | None,
    emerging_themes: Sequence[str],
    overrides: Mapping[str, Override | Mapping[str, Any]],
    context: Mapping[str, Any],
    settings_file: str = SETTINGS_FILE,
) -> Decisions:
    """Apply every rule, in the file's order.

    ``previous_priorities=None`` says they are not recorded: each decision's ``change`` is then
    recommended, not recommended or recommended as a service, and the texts see
    ``previous.known`` false (see :func:`previous_names`).

    Raises InputError listing every settings entry that names no rule's priority, every override
    without a reason, and every text that cannot be filled in (at its line in the rules file).
    """
    checked = _SettingsCheck(rules, settings_file)
    previous = None if previous_priorities is None else checked.previous(previous_priorities)
    valid_overrides = checked.overrides(overrides)
    themes, warnings = checked.themes(emerging_themes)
    if checked.problems:
        raise InputError(checked.problems)
    text_context = {**context, THRESHOLDS: dict(rules.thresholds),
                    THEMES: {theme: int(listed) for theme, listed in themes.items()}}
    decider = _Decider(rules, facts, themes, text_context, settings_file)
    items: list[Decision] = []
    problems: list[Problem] = []
    for rule in rules:
        try:
            items.append(decider.decision(rule, previous,
                                          valid_overrides.get(priority_key(rule.priority))))
        except InputError as error:  # go on: every rule's problems are reported at once
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    recorded = None if previous_priorities is None else tuple(previous_priorities)
    return Decisions(tuple(items), recorded, tuple(emerging_themes), themes,
                     dict(rules.group_listings), dict(rules.thresholds), dict(rules.awaited),
                     tuple(warnings))


def with_home_overrides_unused(decisions: Decisions, overrides: Mapping[str, Any], area: str,
                               home_area: str, settings_file: str = SETTINGS_FILE) -> Decisions:
    """The decisions for another area than the settings' own, with a warning that the settings'
    overrides were not applied: they are the home partnership's board decisions, and applied to
    another area they would print "By decision of the partnership" of a partnership that never
    took them. Without overrides, the decisions are returned as they are."""
    if not overrides:
        return decisions
    names = ", ".join(quote(str(name)) for name in overrides)
    warning = Problem(
        settings_file, f"the overrides for {names} are decisions of the {home_area} partnership, "
        f"so they are not applied to {area}: its decisions follow the rules alone",
        column="overrides",
        expected=f"overrides applied when building about {home_area} (the settings' area)")
    return replace(decisions, warnings=(*decisions.warnings, warning))


# --- the settings the decisions depend on ----------------------------------------------------


class _SettingsCheck:
    """Checks previous priorities, overrides and emerging themes against the rules."""

    def __init__(self, rules: RuleSet, file: str):
        self.rules = rules
        self.file = file
        self.problems: list[Problem] = []
        self.by_key = {priority_key(rule.priority): rule for rule in rules}

    def known(self) -> list[str]:
        return [rule.priority for rule in self.rules]

    def previous(self, names: Iterable[str]) -> set[str]:
        keys = set()
        for name in names:
            key = priority_key(str(name))
            if key not in self.by_key:
                self.problems.append(Problem(
                    self.file, f"previous priority {quote(str(name))} has no rule in "
                    f"{self.rules.file}{did_you_mean(str(name), self.known())}",
                    column="previous_priorities",
                    expected="the priority names of the rules: " + "; ".join(self.known())))
            keys.add(key)
        return keys

    def overrides(self, raw: Mapping[str, Override | Mapping[str, Any]]) -> dict[str, Override]:
        valid = {}
        for name, given in raw.items():
            key = priority_key(str(name))
            if key not in self.by_key:
                self.problems.append(Problem(
                    self.file, f"override for {quote(str(name))}: no rule decides that priority"
                    f"{did_you_mean(str(name), self.known())}", column="overrides",
                    expected="the priority names of the rules: " + "; ".join(self.known())))
                continue
            try:
                override = given if isinstance(given, Override) else Override.model_validate(given)
            except ValidationError as error:
                for detail in error.errors():
                    field = ".".join(str(part) for part in detail["loc"]) or "override"
                    message = ("a reason is mandatory" if field == "reason"
                               and detail["type"] in ("missing", "string_too_short", "value_error")
                               else f"'{field}': {detail['msg'].lower()}")
                    self.problems.append(Problem(
                        self.file, f"override for {quote(str(name))}: {message}",
                        column="overrides", expected="'decision:' (keep, add, remove or "
                        "continue_as_service) and 'reason:' saying why"))
                continue
            valid[key] = override
        return valid

    def themes(self, emerging: Iterable[str]) -> tuple[dict[str, bool], list[Problem]]:
        listed = {theme_id: False for theme_id in self.rules.themes}
        names = {theme_key(name): theme_id for theme_id, name in self.rules.themes.items()}
        warnings = []
        for theme in emerging:
            key = theme_key(str(theme))
            theme_id = key if key in listed else names.get(key)
            if theme_id is None:
                warnings.append(Problem(
                    self.file, f"emerging theme {quote(str(theme))} is not tested by any rule"
                    f"{did_you_mean(str(theme), self.rules.themes.values())}",
                    column="emerging_themes",
                    expected="a theme of the rules: " + "; ".join(self.rules.themes.values())))
                continue
            listed[theme_id] = True
        return listed, warnings


def theme_key(name: str) -> str:
    """A theme's name as an id: 'Human Trafficking' -> 'human_trafficking'."""
    return re.sub(r"[^a-z0-9]+", "_", name.casefold()).strip("_")


# --- deciding --------------------------------------------------------------------------------


class _Decider:
    def __init__(self, rules: RuleSet, facts: Mapping[str, Fact], themes: Mapping[str, bool],
                 context: Mapping[str, Any], settings_file: str):
        self.rules = rules
        self.settings_file = settings_file
        self.facts = facts
        self.themes = themes
        self.context = context

    def fact(self, name: str) -> Fact | None:
        return self.facts.get(name)

    def value(self, name: str) -> Value:
        fact = self.fact(name)
        return None if fact is None else fact.value

    def decision(self, rule: Rule, previous: set[str] | None,
                 override: Override | None) -> Decision:
        was_previous = None if previous is None else priority_key(rule.priority) in previous
        self.rule_context = {**self.context, PREVIOUS: previous_names(was_previous)}
        outcome, branch, reason, missing = self.branch(rule)
        finding: Runs = ()
        if branch.finding is not None:
            finding = self.render(rule, branch.finding, _branch_name(rule, branch, "finding"))
        missing_in_words = None
        if outcome is OutcomeKind.INSUFFICIENT_DATA:
            missing_in_words = self.missing_in_words(rule, missing) or _sentence(
                f"the rule's test could not be worked out: {reason}")
        if override is None:
            decision = branch.decision
            text = self.render(rule, branch.text, _branch_name(rule, branch, "text"))
        else:
            decision = DecisionKind(override.decision)
            outcome, reason = OutcomeKind.OVERRIDE, override.reason
            text = self.override_text(rule, override, branch.decision, was_previous)
        summary = rule.condition.text
        if rule.summary is not None:
            summary = plain_text(self.render(rule, rule.summary, "summary"))
        return Decision(
            priority=rule.priority, group=rule.group, rule=rule.id, decision=decision,
            text=text, evidence=tuple(self.evidence(c) for c in rule.evidence), outcome=outcome,
            change=change(decision, was_previous), previous=was_previous, section=rule.section,
            order=rule.order, listed_as=rule.listed_as, summary=summary,
            condition=rule.condition.text, rule_decision=branch.decision, reason=reason,
            missing=missing, finding=finding, missing_in_words=missing_in_words)

    def branch(self, rule: Rule) -> tuple[OutcomeKind, Branch, str | None, tuple[str, ...]]:
        unavailable = [n for n in rule.needed_facts if self.value(n) is None]
        suppressed = [n for n in rule.needed_facts if isinstance(self.value(n), Suppressed)]
        if unavailable or suppressed:
            parts = []
            if unavailable:
                parts.append("not available: " + ", ".join(
                    self._unavailable_words(n) for n in unavailable))
            if suppressed:
                parts.append("suppressed at source: " + ", ".join(suppressed))
            return (OutcomeKind.INSUFFICIENT_DATA, self.insufficient(rule), "; ".join(parts),
                    (*unavailable, *suppressed))
        try:
            holds = rule.condition.evaluate(self.condition_value)
        except EvaluationError as error:
            if rule.insufficient_data is None:
                raise InputError(Problem(self.rules.file, f"rule '{rule.id}': {error}",
                                         line=rule.condition_line, column="condition")) from None
            return OutcomeKind.INSUFFICIENT_DATA, rule.insufficient_data, str(error), ()
        if holds:
            return OutcomeKind.CONDITION_TRUE, rule.when_true, None, ()
        return OutcomeKind.CONDITION_FALSE, rule.otherwise, None, ()

    def _unavailable_words(self, name: str) -> str:
        awaited = self.rules.awaited.get(name)
        return f"{name}, {awaited}" if awaited and name not in self.facts else name

    def missing_in_words(self, rule: Rule, missing: Sequence[str]) -> str | None:
        """'Not yet available: …; suppressed at source: ….' in the words of the evidence's
        labels and the awaited facts' descriptions (a fact's own description when not cited)."""
        labels = {citation.name: citation.label for citation in rule.evidence
                  if citation.label != citation.name}
        awaited, unavailable, suppressed = [], [], []
        for name in missing:
            if isinstance(self.value(name), Suppressed):
                suppressed.append(self._figure_words(name, labels))
            elif name in self.rules.awaited and name not in self.facts:
                awaited.append(self.rules.awaited[name])
            else:
                unavailable.append(self._figure_words(name, labels))
        parts = [f"{words}: {'; '.join(names)}" for words, names in (
            ("not yet available", awaited), ("not available", unavailable),
            ("suppressed at source (too few to publish)", suppressed)) if names]
        return _sentence("; ".join(parts)) if parts else None

    def _figure_words(self, name: str, labels: Mapping[str, str]) -> str:
        if name in labels:
            return labels[name]
        fact = self.fact(name)
        return fact.description if fact is not None and fact.description else name

    def insufficient(self, rule: Rule) -> Branch:
        if rule.insufficient_data is None:  # pragma: no cover - refused when the rules load
            raise AssertionError(f"rule '{rule.id}' reads facts but has no insufficient_data")
        return rule.insufficient_data

    def condition_value(self, ref: Ref) -> int | float:
        if ref.kind is NameKind.THRESHOLD:
            return self.rules.thresholds[ref.name]
        if ref.kind is NameKind.THEME:
            return 1 if self.themes.get(ref.name) else 0
        value = self.value(ref.name)
        if not isinstance(value, (int, float)):  # pragma: no cover - checked before evaluating
            raise EvaluationError(f"'{ref.name}' has no number")
        return value

    def render(self, rule: Rule, text: TextTemplate, what: str) -> Runs:
        return render_runs(text, self.rules.file, f"rule '{rule.id}', {what}", self.rule_context)

    def override_text(self, rule: Rule, override: Override, ruled: DecisionKind,
                      was_previous: bool | None) -> Runs:
        if override.text is not None:
            template = TextTemplate(override.text)
            return render_runs(template, self.settings_file, f"override for '{rule.priority}'",
                               self.rule_context)
        kind = DecisionKind(override.decision)
        decided = decision_words(kind, was_previous)
        said = f"By decision of the partnership, {rule.priority} {decided}"
        if ruled is not kind:
            said += f" (on the figures alone it {would_words(ruled, was_previous)})"
        return (Run(f"{said}: {override.reason.rstrip('.')}."),)

    def evidence(self, citation: Citation) -> Evidence:
        if citation.name.startswith(THEMES_PREFIX):
            listed = self.themes.get(citation.name[len(THEMES_PREFIX):], False)
            return Evidence(citation.name, 1 if listed else 0,
                            "listed" if listed else "not listed", citation.label)
        fact = self.fact(citation.name)
        value = None if fact is None else fact.value
        unit = "" if fact is None else fact.unit
        return Evidence(citation.name, value,
                        format_evidence(value, unit, citation.name, citation.format),
                        citation.label)


def _branch_name(rule: Rule, branch: Branch, part: str) -> str:
    """Where a text is in the rules file, for problems: 'when_true text', 'otherwise finding'."""
    if branch is rule.when_true:
        return f"when_true {part}"
    if branch is rule.otherwise:
        return f"otherwise {part}"
    return f"insufficient_data {part}"


def _sentence(words: str) -> str:
    """Words as a sentence: a capital first letter and a full stop."""
    words = words.strip().rstrip(".")
    return words[:1].upper() + words[1:] + "."


def change(decision: DecisionKind, previous: bool | None) -> Change:
    """What a decision means against the previous assessment's priorities (None: not recorded,
    so only what is recommended)."""
    if previous is None:
        if decision.listed:
            return Change.RECOMMENDED
        if decision is DecisionKind.CONTINUE_AS_SERVICE:
            return Change.RECOMMENDED_AS_SERVICE
        return Change.NOT_RECOMMENDED
    if decision.listed:
        return Change.KEPT if previous else Change.ADDED
    if decision is DecisionKind.CONTINUE_AS_SERVICE:
        return Change.CONTINUED_AS_SERVICE
    return Change.REMOVED if previous else Change.NOT_ADDED


def previous_names(was_previous: bool | None) -> dict[str, Any]:
    """What a rule's texts see as ``previous``, for the words that depend on last year's list.

    - ``previous.known``: whether the previous priorities are recorded;
    - ``previous.listed``: whether this rule's priority was among them (false when not known);
    - ``previous.remains``: the verb before "a priority" that is true either way: "remains"
      when it was one, "becomes" when the list is known and it was not, else "is".

    So a text says "remains a priority" only of a priority that was one:
    ``it is recommended that ASB {{ previous.remains }} a priority``.
    """
    remains = "is" if was_previous is None else "remains" if was_previous else "becomes"
    return {"known": was_previous is not None, "listed": bool(was_previous), "remains": remains}


def decision_words(kind: DecisionKind, was_previous: bool | None) -> str:
    """The decision after the priority's name, true of the previous list: 'remains a priority'
    only when it was one, 'is removed' only when there was something to remove."""
    return _words(kind, was_previous)[0]


def would_words(kind: DecisionKind, was_previous: bool | None) -> str:
    """What the figures alone would have decided, in words as true as :func:`decision_words`."""
    return _words(kind, was_previous)[1]


def _words(kind: DecisionKind, was_previous: bool | None) -> tuple[str, str]:
    """(the decision, what the figures alone would have decided), by the previous list."""
    if was_previous:
        return kind.words, kind.would_words
    return (_WORDS_WHEN_NOT_PREVIOUS if was_previous is False else _NEUTRAL_WORDS)[kind]


_WORDS_WHEN_NOT_PREVIOUS = {  # (the decision, what the figures alone would have decided)
    DecisionKind.KEEP: ("is added as a priority", "would be added as a priority"),
    DecisionKind.ADD: ("is added as a priority", "would be added as a priority"),
    DecisionKind.REMOVE: ("is not made a priority", "would not be made a priority"),
    DecisionKind.CONTINUE_AS_SERVICE: ("is continued as a service, not as a priority",
                                       "would be continued as a service, not as a priority"),
}

_NEUTRAL_WORDS = {  # the previous priorities not recorded
    DecisionKind.KEEP: ("is a priority", "would be a priority"),
    DecisionKind.ADD: ("is a priority", "would be a priority"),
    DecisionKind.REMOVE: ("is not a priority", "would not be a priority"),
    DecisionKind.CONTINUE_AS_SERVICE: ("is provided for as a service, not as a priority",
                                       "would be provided for as a service, not as a priority"),
}


def format_evidence(value: Value, unit: str, name: str, format_name: str | None = None) -> str:
    """A cited figure as shown in the explanation, by its format (or its unit and name)."""
    if value is None:
        return NOT_AVAILABLE
    if isinstance(value, Suppressed):
        return str(value)
    chosen = format_name or _default_format(unit, name)
    number: Any = value
    if chosen == "listed":
        return "listed" if value else "not listed"
    if chosen == "ordinal":
        return fmt.ordinal(int(number)) if float(number).is_integer() else fmt.format_number(
            number, 1)
    if chosen == "signed":
        places = 0 if isinstance(number, int) else 1
        shown = fmt.format_signed(number, places)
        return f"{shown} percentage points" if unit == "percentage_points" else shown
    formatter = {
        "count": fmt.format_count, "rate": fmt.format_rate, "percent": fmt.format_percent,
        "number": fmt.format_number, "change": fmt.format_change, "gbp": fmt.format_currency,
    }[chosen]
    return formatter(number)


def _default_format(unit: str, name: str) -> str:
    last = name.rsplit(".", 1)[-1]
    if last.startswith("pct_change") and "rank" not in last:
        return "change"
    if unit == "rank":
        return "ordinal"
    if last.startswith(("vs_", "change")) or unit == "percentage_points":
        return "signed"
    return {"rate_per_1000": "rate", "percent": "percent", "percent_change": "change", "gbp": "gbp"}.get(unit, "count")
