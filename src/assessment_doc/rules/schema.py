"""The shape of ``content/rules.yaml``, validated with pydantic and told back with YAML lines.

This module checks the file's structure only: keys, types and allowed words. Whether the names
in conditions, evidence and placeholders exist is checked by :mod:`.loading`, which needs the
facts. Every problem is reported as the file, the line where it was written, the rule's id and
what was expected, and all problems are reported at once.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..data.wording import did_you_mean, quote
from ..data.yaml_source import (
    Location,
    UnprintableText,
    YamlSource,
    YamlSyntaxError,
    parse_yaml,
)
from ..errors import InputError, Problem

RULES_FILE = "content/rules.yaml"
"""Where the bundled project keeps its rules, as shown in problems."""

SNAKE_CASE = re.compile(r"^[a-z][a-z0-9_]*$")
"""Rule ids, section ids, threshold names and theme ids."""

FACT_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
"""A fact's dotted name, as a condition can write it."""

MEMBERS = "{members}"
"""Where a group's ``listed_as`` puts the names of its members."""

DEFAULT_GROUP_LISTING = "{group} (specifically {members})"
"""How a group is listed when the file does not say: 'Violent Crime (specifically A and B)'."""


class DecisionKind(str, Enum):
    """What a rule decides for its priority."""

    KEEP = "keep"
    ADD = "add"
    REMOVE = "remove"
    CONTINUE_AS_SERVICE = "continue_as_service"

    @property
    def listed(self) -> bool:
        """Whether the priority is in the list of recommended priorities."""
        return self in (DecisionKind.KEEP, DecisionKind.ADD)

    @property
    def words(self) -> str:
        """The decision as the document says it, after the priority's name."""
        return _DECISION_WORDS[self]

    @property
    def would_words(self) -> str:
        """The decision as what the figures alone would have decided, beside an override."""
        return _WOULD_WORDS[self]


_DECISION_WORDS = {
    DecisionKind.KEEP: "remains a priority",
    DecisionKind.ADD: "is added as a priority",
    DecisionKind.REMOVE: "is removed as a priority",
    DecisionKind.CONTINUE_AS_SERVICE: "is removed as a priority and continued as a service",
}

_WOULD_WORDS = {
    DecisionKind.KEEP: "would remain a priority",
    DecisionKind.ADD: "would be added as a priority",
    DecisionKind.REMOVE: "would be removed as a priority",
    DecisionKind.CONTINUE_AS_SERVICE: "would be removed as a priority and continued as a service",
}

DecisionName = Literal["keep", "add", "remove", "continue_as_service"]
DECISIONS = ("keep", "add", "remove", "continue_as_service")

EvidenceFormat = Literal[
    "count", "rate", "percent", "number", "signed", "change", "gbp", "ordinal", "listed"
]
EVIDENCE_FORMATS = ("count", "rate", "percent", "number", "signed", "change", "gbp", "ordinal",
                    "listed")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class OutcomeSpec(_Strict):
    """One way a rule can end: the decision and the recommendation text."""

    decision: DecisionName = Field(description="keep, add, remove or continue_as_service")
    text: str = Field(
        min_length=1,
        description="the recommendation, one paragraph, with {{ placeholders }} for figures",
    )
    finding: str | None = Field(
        None, min_length=1,
        description="the deciding figures in one short sentence, for the table 'How the "
        "recommendations were reached', e.g. ASB fell for the 2nd year in a row and is below "
        "the Kent rate",
    )


class EvidenceSpec(_Strict):
    """A figure the explanation cites: a fact (or ``themes.<id>``), its label and format."""

    fact: str = Field(description="a fact name such as asb.focus.incidents.pct_change")
    label: str | None = Field(None, min_length=1,
                              description="the words shown before the value")
    format: EvidenceFormat | None = Field(
        None, description="count, rate, percent, number, signed, change, gbp, ordinal or listed")


class RuleSpec(_Strict):
    """One rule: which priority it decides, on what condition, and what it says."""

    id: str = Field(pattern=SNAKE_CASE.pattern,
                    description="a snake_case name, e.g. anti_social_behaviour")
    priority: str = Field(min_length=1,
                          description="the priority's name, e.g. Anti-Social Behaviour (ASB)")
    listed_as: str | None = Field(None, min_length=1,
                                  description="its wording in the list of priorities")
    group: str | None = Field(None, min_length=1,
                              description="a priority group, e.g. Violent Crime")
    section: str = Field(pattern=SNAKE_CASE.pattern,
                         description="the id of the content section it closes, "
                         "e.g. anti_social_behaviour")
    order: int = Field(ge=1, description="its position in the list of priorities, e.g. 2")
    summary: str | None = Field(None, min_length=1,
                                description="the test in words, for the explanation table")
    condition: str = Field(min_length=1, description="a test on facts, e.g. "
                           "asb.focus.incidents.pct_change < 0")
    requires: list[str] = Field(default_factory=list,
                                description="facts that must be available for the test")
    evidence: list[EvidenceSpec] = Field(default_factory=list,
                                         description="facts cited in the explanation")
    when_true: OutcomeSpec = Field(description="'decision:' and 'text:' when the test holds")
    otherwise: OutcomeSpec = Field(description="'decision:' and 'text:' when it does not")
    insufficient_data: OutcomeSpec | None = Field(
        None, description="'decision:' and 'text:' when a fact it needs is not available")

    @field_validator("evidence", mode="before")
    @classmethod
    def _fact_names_as_evidence(cls, items: Any) -> Any:
        if isinstance(items, list):
            return [{"fact": item} if isinstance(item, str) else item for item in items]
        return items


class Override(_Strict):
    """A decision the partnership takes instead of the rule's, with its reason (mandatory)."""

    decision: DecisionName = Field(description="keep, add, remove or continue_as_service")
    reason: str = Field(min_length=1, description="why the partnership decided otherwise")
    text: str | None = Field(None, min_length=1,
                             description="the recommendation text to print instead of the rule's")

    @field_validator("reason")
    @classmethod
    def _reason_has_words(cls, reason: str) -> str:
        if not reason.strip():
            raise ValueError("the reason is blank")
        return reason.strip()


class GroupSpec(_Strict):
    """How a group of priorities is listed."""

    listed_as: str = Field(min_length=1, description="e.g. Violent Crime (specifically {members})")


TOP_LEVEL_KEYS = ("thresholds", "themes", "awaited", "groups", "rules")
MAX_THRESHOLD = 1e15
"""The largest threshold: a count, rate, rank or share is never near a thousand million million,
and a larger whole number need not fit a float (10**400 does not)."""

EXAMPLE = """\
thresholds:
  asb_falls_in_a_row: 2
rules:
  - id: anti_social_behaviour
    priority: Anti-Social Behaviour (ASB)
    section: anti_social_behaviour
    order: 2
    condition: asb.focus.incidents.consecutive_falls >= asb_falls_in_a_row
    when_true: {decision: continue_as_service, text: ...}
    otherwise: {decision: keep, text: ...}
    insufficient_data: {decision: keep, text: ...}"""


@dataclass(frozen=True, slots=True)
class RulesFile:
    """A rules file whose structure is valid: its parts, and the YAML that remembers lines."""

    file: str
    thresholds: Mapping[str, int | float]
    themes: Mapping[str, str]
    awaited: Mapping[str, str]
    groups: Mapping[str, GroupSpec]
    rules: tuple[RuleSpec, ...]
    """The rules that are valid (with their index in the file: see ``indices``)."""
    source: YamlSource | None
    written_thresholds: frozenset[str] = frozenset()
    """Every threshold name written, valid or not (so a bad value is not also 'unknown')."""
    indices: tuple[int, ...] = ()
    """Each valid rule's position in the file's list."""

    def line(self, location: Location) -> int | None:
        return None if self.source is None else self.source.line_of(location)

    def rule_line(self, index: int, *location: str | int) -> int | None:
        """The line of ``location`` inside the rule at ``index`` (the rule's line if absent)."""
        return self.line(("rules", index, *location))


def read_rules_file(text: str, shown_as: str = RULES_FILE) -> RulesFile:
    """Parse and validate the structure of a rules file; InputError lists every problem."""
    rules_file, problems = read_rules_text(text, shown_as)
    if problems:
        raise InputError(problems)
    return rules_file


def read_rules_text(text: str, shown_as: str = RULES_FILE) -> tuple[RulesFile, list[Problem]]:
    """Parse a rules file: its valid parts and the problems of the others."""
    try:
        source = parse_yaml(text)
    except UnprintableText as error:
        raise InputError(error.problem(shown_as)) from None
    except YamlSyntaxError as error:
        raise InputError(Problem(
            shown_as, f"is not valid YAML: {error.message}", line=error.line,
            expected="well-formed YAML (check the indentation, colons and quotes on this line "
            "and the one before)")) from None
    return read_rules_data(source.data, shown_as, source)


def validate_rules_data(
    data: Any, shown_as: str = RULES_FILE, source: YamlSource | None = None
) -> RulesFile:
    """Validate rules already read (from YAML, or built by an analyst as dicts and lists)."""
    rules_file, problems = read_rules_data(data, shown_as, source)
    if problems:
        raise InputError(problems)
    return rules_file


def read_rules_data(
    data: Any, shown_as: str = RULES_FILE, source: YamlSource | None = None
) -> tuple[RulesFile, list[Problem]]:
    """The parts of the file that are valid, and the problems of the others (sorted by line).

    Raises InputError only when there is no list of rules to read at all.
    """
    reader = _Reader(shown_as, source)
    reader.duplicates()
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        where = ("rules",) if isinstance(data, dict) and "rules" in data else ()
        reader.add("has no 'rules:' list", where, expected=f"a file such as\n{EXAMPLE}")
        raise InputError(reader.problems)
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            reader.add(f"unknown top-level key '{key}'{did_you_mean(str(key), TOP_LEVEL_KEYS)}",
                       (key,), column=str(key),
                       expected="the keys " + ", ".join(TOP_LEVEL_KEYS))
    thresholds = reader.thresholds(data.get("thresholds"))
    themes = reader.names_with_text(data.get("themes"), "themes", SNAKE_CASE,
                                    "a theme id in snake_case, e.g. human_trafficking")
    awaited = reader.names_with_text(data.get("awaited"), "awaited", FACT_NAME,
                                     "a fact name such as reoffending.focus.rate.value")
    groups = reader.groups(data.get("groups"))
    rules = reader.rules(data["rules"])
    rules_file = RulesFile(shown_as, thresholds, themes, awaited, groups, rules, source,
                           frozenset(reader.written_thresholds), tuple(reader.indices))
    return rules_file, sorted(reader.problems, key=lambda p: p.line or 0)


class _Reader:
    """Collects the problems of one rules file while reading its parts."""

    def __init__(self, file: str, source: YamlSource | None):
        self.file = file
        self.source = source
        self.problems: list[Problem] = []
        self.written_thresholds: set[str] = set()
        self.indices: list[int] = []

    def line(self, location: Location) -> int | None:
        return None if self.source is None else self.source.line_of(location)

    def add(self, message: str, location: Location, *, column: str | None = None,
            expected: str | None = None) -> None:
        self.problems.append(Problem(self.file, message, line=self.line(location),
                                     column=column, expected=expected))

    def duplicates(self) -> None:
        if self.source is None:
            return
        for key, first, repeated in self.source.duplicates:
            self.problems.append(Problem(
                self.file, f"the key '{key}' is written twice (first on line {first})",
                line=repeated, column=key, expected="each key once"))

    def thresholds(self, raw: Any) -> dict[str, int | float]:
        section = self.mapping(raw, "thresholds", "name: number lines, e.g. asb_falls_in_a_row: 2")
        thresholds: dict[str, int | float] = {}
        for name, value in section.items():
            self.written_thresholds.add(str(name))
            where = ("thresholds", name)
            if not self.name_ok(name, where, "threshold", SNAKE_CASE,
                                "a snake_case name, e.g. asb_falls_in_a_row"):
                continue
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            if number and abs(value) > MAX_THRESHOLD:  # 400 digits would overflow a float
                self.add(f"threshold '{name}' is too large ({len(str(int(value)))} digits)",
                         where, column=str(name),
                         expected=f"a number no larger than {MAX_THRESHOLD:,.0f}")
                continue
            if not number or not math.isfinite(value):
                self.add(f"threshold '{name}' should be a number, not {_shown(value)}", where,
                         column=str(name), expected="a number such as 2 or 0.5")
                continue
            thresholds[str(name)] = value
        return thresholds

    def names_with_text(self, raw: Any, section_key: str, pattern: re.Pattern[str],
                        name_expected: str) -> dict[str, str]:
        section = self.mapping(raw, section_key, f"name: description lines ({name_expected})")
        read: dict[str, str] = {}
        noun = {"themes": "theme", "awaited": "awaited fact"}[section_key]
        for name, text in section.items():
            where = (section_key, name)
            if not self.name_ok(name, where, noun, pattern, name_expected):
                continue
            if not isinstance(text, str) or not text.strip():
                self.add(f"{noun} '{name}' needs a description, not {_shown(text)}", where,
                         column=str(name), expected="a line of text saying what it is")
                continue
            read[str(name)] = text.strip()
        return read

    def groups(self, raw: Any) -> dict[str, GroupSpec]:
        section = self.mapping(raw, "groups", "group name: then 'listed_as:' indented under it")
        groups: dict[str, GroupSpec] = {}
        for name, spec in section.items():
            where: tuple[str | int, ...] = ("groups", name)
            try:
                group = GroupSpec.model_validate(spec)
            except ValidationError as error:
                for detail in error.errors():
                    self.add(f"group '{name}': {_detail_message(detail, GroupSpec)}",
                             (*where, *detail["loc"]), column=_key(detail["loc"]),
                             expected=_detail_expected(detail, GroupSpec))
                continue
            if MEMBERS not in group.listed_as:
                self.add(f"group '{name}': 'listed_as' does not say where the members go",
                         (*where, "listed_as"), column="listed_as",
                         expected=f"{MEMBERS} in it, e.g. '{name} (specifically {MEMBERS})'")
                continue
            groups[str(name)] = group
        return groups

    def rules(self, raw: list[Any]) -> tuple[RuleSpec, ...]:
        rules: list[RuleSpec] = []
        if not raw:
            self.add("the 'rules:' list is empty", ("rules",),
                     expected="at least one rule, each starting '- id: …'")
        for index, item in enumerate(raw):
            where: tuple[str | int, ...] = ("rules", index)
            if not isinstance(item, dict):
                self.add(f"rule {index + 1} should be 'key: value' lines, not {_shown(item)}",
                         where, expected="'- id: …' followed by the rule's keys")
                continue
            label = _rule_label(item, index)
            try:
                rules.append(RuleSpec.model_validate(item))
                self.indices.append(index)
            except ValidationError as error:
                for detail in _pruned(error.errors()):
                    loc = detail["loc"]
                    self.add(f"{label}: {_detail_message(detail, RuleSpec)}", (*where, *loc),
                             column=_key(loc), expected=_detail_expected(detail, RuleSpec))
        return tuple(rules)

    def mapping(self, raw: Any, key: str, expected: str) -> dict[Any, Any]:
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            self.add(f"'{key}:' should hold {expected.split(' (')[0]}, not {_shown(raw)}",
                     (key,), column=key, expected=expected)
            return {}
        return raw

    def name_ok(self, name: Any, where: Location, noun: str, pattern: re.Pattern[str],
                expected: str) -> bool:
        if isinstance(name, str) and pattern.match(name) and name != "themes":
            return True
        self.add(f"{noun} name {_shown(name)} cannot be used in a condition", where,
                 column=str(name), expected=expected)
        return False


def _rule_label(item: Mapping[str, Any], index: int) -> str:
    rule_id = item.get("id")
    if isinstance(rule_id, str) and rule_id.strip():
        return f"rule '{rule_id}'"
    return f"rule {index + 1} (no id)"


def _pruned(details: Iterable[Any]) -> list[Any]:
    """Drop pydantic's follow-on errors: a union's other branch, and model errors of a None."""
    kept = []
    for detail in details:
        loc = detail["loc"]
        if detail["type"] in ("model_type", "model_attributes_type") and detail["input"] is None:
            detail = {**detail, "type": "missing_value"}
        if loc and loc[-1] in ("EvidenceSpec", "OutcomeSpec", "str"):
            continue
        kept.append(detail)
    return kept


def _key(loc: tuple[Any, ...]) -> str | None:
    keys = [str(part) for part in loc if isinstance(part, str)]
    return keys[-1] if keys else None


def _field_for(loc: tuple[Any, ...], model: type[BaseModel]) -> Any:
    """The pydantic field a location ends at, following nested models."""
    current: Any = model
    field = None
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return field
        field = fields[part]
        current = _nested_model(field.annotation)
    return field


def _nested_model(annotation: Any) -> Any:
    for candidate in getattr(annotation, "__args__", ()) or (annotation,):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        inner = _nested_model(candidate) if getattr(candidate, "__args__", None) else None
        if inner is not None:
            return inner
    return None


def _detail_message(detail: Any, model: type[BaseModel]) -> str:
    loc = detail["loc"]
    key = _key(loc) or "the rule"
    kind = detail["type"]
    value = detail.get("input")
    if kind == "missing":
        return f"missing key '{key}'"
    if loc[-1:] and isinstance(loc[-1], int) and kind in ("model_type", "model_attributes_type"):
        return f"item {loc[-1] + 1} of '{key}' should be a fact name, not {_shown(value)}"
    if kind == "missing_value":
        return f"'{key}' is empty"
    if kind == "extra_forbidden":
        parent = _field_for(loc[:-1], model)
        nested = _nested_model(parent.annotation) if parent is not None else model
        known = list((nested or model).model_fields)
        return f"unknown key '{key}'{did_you_mean(key, known)}"
    if kind == "literal_error":
        choices = DECISIONS if key == "decision" else EVIDENCE_FORMATS
        return f"'{key}' is {_shown(value)}{did_you_mean(str(value), choices)}"
    if kind == "string_pattern_mismatch":
        return f"'{key}' is {_shown(value)}, which is not a snake_case name"
    if kind == "string_too_short":
        return f"'{key}' is empty"
    if kind in ("string_type", "int_type", "list_type", "model_type", "model_attributes_type",
                "dict_type"):
        wanted = {"string_type": "text", "int_type": "a whole number", "list_type": "a list",
                  "dict_type": "'key: value' lines"}.get(kind, "'key: value' lines")
        return f"'{key}' should be {wanted}, not {_shown(value)}"
    if kind == "greater_than_equal":
        return f"'{key}' should be {detail['ctx']['ge']} or more, not {_shown(value)}"
    return f"'{key}': {detail['msg']}"


def _detail_expected(detail: Any, model: type[BaseModel]) -> str | None:
    kind = detail["type"]
    loc = detail["loc"]
    if kind == "literal_error":
        choices = DECISIONS if _key(loc) == "decision" else EVIDENCE_FORMATS
        return "one of " + ", ".join(choices)
    if kind == "extra_forbidden":
        parent = _field_for(loc[:-1], model)
        nested = _nested_model(parent.annotation) if parent is not None else model
        return "one of the keys " + ", ".join((nested or model).model_fields)
    field = _field_for(loc, model)
    return None if field is None else field.description


def _shown(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, (int, float)):
        return f"the number {value}" if math.isfinite(value) else "an endless number"
    if isinstance(value, dict):
        return "'key: value' lines"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__
