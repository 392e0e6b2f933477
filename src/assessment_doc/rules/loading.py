"""Loading ``content/rules.yaml``: the structure, then every name, condition and text checked.

:func:`load_rules` is the one entry point. After the structure (:mod:`.schema`), it reads each
condition with the whitelist evaluator (:mod:`.conditions`), looks up every fact, threshold and
theme a rule names, parses its texts, and checks the rules against each other (one rule per
priority, one position per priority in the list, a group's members listed together). Every
problem found, in any rule, is reported at once, before anything is built.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..data.text_files import read_utf8
from ..data.wording import did_you_mean
from ..errors import InputError, Problem
from .conditions import Condition, ConditionError, NameKind, Number, parse_condition
from .names import KnownNames
from .schema import (
    DEFAULT_GROUP_LISTING,
    RULES_FILE,
    DecisionKind,
    EvidenceSpec,
    OutcomeSpec,
    RulesFile,
    RuleSpec,
    read_rules_text,
)
from .templates import THEMES, THRESHOLDS, TextTemplate, template_problems

THEMES_PREFIX = "themes."


@dataclass(frozen=True, slots=True)
class Branch:
    """A decision and its text: what a rule gives in one case (when true, otherwise …)."""

    decision: DecisionKind
    text: TextTemplate
    finding: TextTemplate | None = None
    """The deciding figures in a short sentence, for the table of how the decisions were reached."""


@dataclass(frozen=True, slots=True)
class Citation:
    """A figure a rule cites: a fact name or ``themes.<id>``, with its label and format."""

    name: str
    label: str
    format: str | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """One checked rule."""

    id: str
    priority: str
    listed_as: str
    """The priority's wording in the list (within its group: the member's wording)."""
    group: str | None
    section: str
    order: int
    condition: Condition
    requires: tuple[str, ...]
    evidence: tuple[Citation, ...]
    when_true: Branch
    otherwise: Branch
    insufficient_data: Branch | None
    summary: TextTemplate | None = None
    line: int | None = None
    condition_line: int | None = None

    @property
    def needed_facts(self) -> tuple[str, ...]:
        """The facts that must be available to decide: ``requires`` and the condition's."""
        return tuple(dict.fromkeys((*self.requires, *self.condition.facts)))


@dataclass(frozen=True)
class RuleSet:
    """The rules of a project, checked, with the thresholds and themes they use."""

    file: str
    rules: tuple[Rule, ...]
    thresholds: Mapping[str, int | float]
    themes: Mapping[str, str]
    """Theme id: the theme's name; a condition tests ``themes.<id>``."""
    awaited: Mapping[str, str]
    """Fact name: what the data is and when it is expected."""
    group_listings: Mapping[str, str]
    """Group name: how the group is listed, with ``{members}``."""

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(f"no rule '{rule_id}'{did_you_mean(rule_id, [r.id for r in self.rules])}")

    def group_listing(self, group: str) -> str:
        """How ``group`` is listed, ``{members}`` standing for its members."""
        return self.group_listings.get(group, DEFAULT_GROUP_LISTING.replace("{group}", group))


def load_rules(
    path: Path,
    facts: Collection[str],
    *,
    shown_as: str = RULES_FILE,
    section_ids: Collection[str] | None = None,
) -> RuleSet:
    """Read and check a rules file against the project's facts; InputError lists every problem.

    ``facts`` is the project's :class:`~assessment_doc.facts.Facts` (only the names are used
    here). When ``section_ids`` is given, each rule's ``section`` must be one of them.
    """
    path = Path(path)
    if not path.exists():  # a pipe or a device is refused by read_utf8, never read
        raise InputError(Problem(shown_as, "the rules file is missing",
                                 expected=f"a file {shown_as} (see the rules documentation)"))
    text = read_utf8(path, shown_as)
    if isinstance(text, Problem):
        raise InputError(text)
    return read_rules(text, facts, shown_as=shown_as, section_ids=section_ids)


def read_rules(
    text: str,
    facts: Collection[str],
    *,
    shown_as: str = RULES_FILE,
    section_ids: Collection[str] | None = None,
) -> RuleSet:
    """:func:`load_rules` for the text of a rules file."""
    parsed, problems = read_rules_text(text, shown_as)
    known = KnownNames.of(facts, parsed.awaited, parsed.written_thresholds, parsed.themes)
    checker = _Checker(parsed, known, section_ids)
    checker.problems.extend(problems)
    checker.structure_ok = not problems
    rules = tuple(checker.rule(index, spec) for index, spec in zip(parsed.indices, parsed.rules))
    checker.across(rules, parsed.indices)
    if checker.problems:
        raise InputError(sorted(checker.problems, key=lambda p: p.line or 0))
    listings = {name: group.listed_as for name, group in parsed.groups.items()}
    return RuleSet(shown_as, rules, dict(parsed.thresholds), dict(parsed.themes),
                   dict(parsed.awaited), listings)


_DASHES = re.compile(r"[\u2010-\u2015\u2212-]+")


def priority_key(name: str) -> str:
    """A priority's name compared without case, dash style or spacing differences."""
    return " ".join(_DASHES.sub("-", name).casefold().replace(" - ", "-").split())


class _Checker:
    """Checks each rule's names, condition and texts, then the rules against each other."""

    def __init__(self, parsed: RulesFile, known: KnownNames, section_ids: Collection[str] | None):
        self.parsed = parsed
        self.file = parsed.file
        self.known = known
        self.section_ids = section_ids
        self.problems: list[Problem] = []
        self.structure_ok = True

    def add(self, rule_id: str, message: str, line: int | None, *, column: str | None = None,
            expected: str | None = None) -> None:
        self.problems.append(Problem(self.file, f"rule '{rule_id}': {message}", line=line,
                                     column=column, expected=expected))

    def rule(self, index: int, spec: RuleSpec) -> Rule:
        line = self.parsed.rule_line
        condition = self.condition(index, spec)
        requires = tuple(spec.requires)
        for position, name in enumerate(requires):
            self.fact_name(spec.id, name, line(index, "requires", position), "requires")
        evidence = tuple(self.evidence(index, spec, position, item)
                         for position, item in enumerate(spec.evidence))
        uses_facts = bool(requires or condition.facts)
        if uses_facts and spec.insufficient_data is None:
            self.add(spec.id, "missing key 'insufficient_data': the rule reads facts, so it must "
                     "say what happens when one of them is not available", line(index),
                     column="insufficient_data",
                     expected="'insufficient_data:' with 'decision:' and 'text:'")
        if spec.section and self.section_ids is not None and spec.section not in self.section_ids:
            self.add(spec.id, f"no content section '{spec.section}'"
                     f"{did_you_mean(spec.section, self.section_ids)}", line(index, "section"),
                     column="section", expected="the id of a content file's section, e.g. "
                     "04-anti-social-behaviour.md -> anti_social_behaviour")
        summary = None
        if spec.summary is not None:
            summary = TextTemplate(spec.summary, line(index, "summary"))
            self.text(spec.id, summary, "summary")
        return Rule(
            id=spec.id,
            priority=spec.priority.strip(),
            listed_as=(spec.listed_as or spec.priority).strip(),
            group=None if spec.group is None else spec.group.strip(),
            section=spec.section,
            order=spec.order,
            condition=condition,
            requires=requires,
            evidence=evidence,
            when_true=self.outcome(index, spec, "when_true", spec.when_true),
            otherwise=self.outcome(index, spec, "otherwise", spec.otherwise),
            insufficient_data=None if spec.insufficient_data is None else self.outcome(
                index, spec, "insufficient_data", spec.insufficient_data),
            summary=summary,
            line=line(index),
            condition_line=line(index, "condition"),
        )

    def condition(self, index: int, spec: RuleSpec) -> Condition:
        where = self.parsed.rule_line(index, "condition")
        try:
            condition = parse_condition(spec.condition)
        except ConditionError as error:
            self.add(spec.id, error.message, where, column="condition", expected=error.expected)
            return Condition(spec.condition, _NOTHING)
        except OverflowError:  # a whole number too long to compare as a float
            self.add(spec.id, "a number in the condition is too large", where,
                     column="condition", expected="a number of at most 300 digits")
            return Condition(spec.condition, _NOTHING)
        for ref in dict.fromkeys(condition.names()):
            if ref.kind is NameKind.FACT:
                self.fact_name(spec.id, ref.name, where, "condition")
            elif ref.kind is NameKind.THEME and ref.name not in self.known.themes:
                self.add(spec.id, f"unknown theme 'themes.{ref.name}'"
                         f"{self.known.closest_theme(ref.name)}", where, column="condition",
                         expected="a theme declared under 'themes:' at the top of the file")
            elif ref.kind is NameKind.THRESHOLD and ref.name not in self.known.thresholds:
                self.add(spec.id, f"unknown threshold '{ref.name}'"
                         f"{self.known.closest_threshold(ref.name)}", where, column="condition",
                         expected="a threshold declared under 'thresholds:' at the top of the "
                         "file, or a fact's full dotted name")
        return condition

    def fact_name(self, rule_id: str, name: str, line: int | None, column: str) -> None:
        if self.known.is_fact(name):
            return
        if name in self.known.groups:
            example = next((f for f in sorted(self.known.facts) if f.startswith(name + ".")), "")
            self.add(rule_id, f"'{name}' is a group of facts, not one fact", line,
                     column=column, expected=f"one fact, such as '{example}'")
            return
        self.add(rule_id, f"unknown fact '{name}'{self.known.closest_fact(name)}", line,
                 column=column, expected="a fact name from 'assessment-doc facts', or one "
                 "declared under 'awaited:'")

    def evidence(self, index: int, spec: RuleSpec, position: int, item: EvidenceSpec) -> Citation:
        line = self.parsed.rule_line(index, "evidence", position)
        name = item.fact
        if name.startswith(THEMES_PREFIX):
            theme = name[len(THEMES_PREFIX):]
            if theme not in self.known.themes:
                self.add(spec.id, f"unknown theme '{name}'{self.known.closest_theme(theme)}",
                         line, column="evidence",
                         expected="a theme declared under 'themes:'")
        else:
            self.fact_name(spec.id, name, line, "evidence")
        return Citation(name, item.label or name, item.format)

    def outcome(self, index: int, spec: RuleSpec, key: str, outcome: OutcomeSpec) -> Branch:
        text = TextTemplate(outcome.text, self.parsed.rule_line(index, key, "text"))
        self.text(spec.id, text, f"{key} text")
        finding = None
        if outcome.finding is not None:
            finding = TextTemplate(outcome.finding, self.parsed.rule_line(index, key, "finding"))
            self.text(spec.id, finding, f"{key} finding")
        return Branch(DecisionKind(outcome.decision), text, finding)

    def text(self, rule_id: str, text: TextTemplate, what: str) -> None:
        self.problems.extend(template_problems(text, self.file, f"rule '{rule_id}', {what}",
                                               self.known))

    def across(self, rules: tuple[Rule, ...], indices: tuple[int, ...]) -> None:
        """Checks between rules: ids, priorities, positions and groups."""
        seen_ids: dict[str, Rule] = {}
        seen_priorities: dict[str, Rule] = {}
        position_holder: dict[int, Rule] = {}
        group_order: dict[str, Rule] = {}
        for index, rule in zip(indices, rules):
            if rule.id in seen_ids:
                self.add(rule.id, f"the id is used twice (first on line {seen_ids[rule.id].line})",
                         rule.line, column="id", expected="a different id for each rule")
            seen_ids.setdefault(rule.id, rule)
            key = priority_key(rule.priority)
            if key in seen_priorities:
                first = seen_priorities[key]
                self.add(rule.id, f"the priority '{rule.priority}' is already decided by rule "
                         f"'{first.id}'", rule.line, column="priority",
                         expected="one rule for each priority")
            seen_priorities.setdefault(key, rule)
            self.position(rule, self.parsed.rule_line(index, "order"), position_holder,
                          group_order)
        used_groups = {rule.group for rule in rules}
        # A group's rule may be among those whose structure was wrong: say nothing then.
        for group in self.parsed.groups if self.structure_ok else ():
            if group not in used_groups:
                self.problems.append(Problem(
                    self.file, f"group '{group}' has no rule", line=self.parsed.line(
                        ("groups", group)), expected="a rule with 'group: " + group + "'"
                    f"{did_you_mean(group, [g for g in used_groups if g])}"))
        for hiding, what in ((THRESHOLDS, "thresholds"), (THEMES, "themes")):
            if hiding in self.known.facts or any(
                    f.startswith(hiding + ".") for f in self.known.facts):
                self.problems.append(Problem(self.file, f"facts named '{hiding}.…' would be "
                                     f"hidden by the rules' {what} in texts"))

    def position(self, rule: Rule, line: int | None, holders: dict[int, Rule],
                 group_order: dict[str, Rule]) -> None:
        if rule.group is not None and rule.group in group_order:
            first = group_order[rule.group]
            if first.order != rule.order:
                self.add(rule.id, f"'order' is {rule.order} but rule '{first.id}' of the same "
                         f"group '{rule.group}' has {first.order}", line, column="order",
                         expected=f"the members of a group listed together: order {first.order}")
            return
        holder = holders.get(rule.order)
        if holder is not None:
            self.add(rule.id, f"'order' {rule.order} is already taken by rule '{holder.id}'",
                     line, column="order",
                     expected="a different position for each priority (a group's members "
                     "share one)")
            return
        holders[rule.order] = rule
        if rule.group is not None:
            group_order[rule.group] = rule


_NOTHING = Number(0)
"""The tree kept for a condition that could not be read (the load fails anyway)."""
