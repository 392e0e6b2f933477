"""The decisions in the document and in the build report: model nodes and the decision log.

- :func:`recommendation_for` — the highlighted paragraph that closes a section;
- :func:`priorities_list` — section 9.1's numbered list, in the configured order, a group's
  members merged into one item ("Violent Crime (specifically Domestic Abuse and Night Time
  Economy)");
- :func:`explanation_table` — "How the recommendations were reached": priority, decision, and
  the deciding figures in words;
- :func:`changes_paragraph` — what changed since the previous assessment: kept, added, removed
  (:func:`unrecorded_changes_paragraph` when the previous priorities are not recorded);
- :func:`decision_log` — the same, as plain data for ``build-report.json``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model import (
    Column,
    ListItem,
    NumberedList,
    Paragraph,
    Recommendation,
    Run,
    Table,
    TableRow,
    plain_text,
    runs,
)
from ..values import Suppressed
from .decisions import Change, Decision, Decisions, OutcomeKind, would_words
from .loading import priority_key
from .schema import DEFAULT_GROUP_LISTING, MEMBERS, DecisionKind

EXPLANATION_CAPTION = "How the recommendations were reached"
EXPLANATION_TABLE_ID = "recommendations_reached"


def recommendation_for(decisions: Decisions, section_id: str) -> Recommendation | None:
    """The recommendation closing ``section_id``: the texts of its rules, in the file's order."""
    texts = [d.text for d in decisions.for_section(section_id) if d.text]
    if not texts:
        return None
    joined: list[Run] = []
    for text in texts:
        if joined:
            joined.append(Run(" "))
        joined.extend(text)
    return Recommendation(tuple(joined))


def priorities_list(decisions: Decisions) -> NumberedList:
    """The recommended priorities, numbered in their configured order; groups as one item."""
    items: list[ListItem] = []
    done_groups: set[str] = set()
    for decision in decisions.listed():
        if decision.group is None:
            items.append(_item(decision.listed_as))
            continue
        if decision.group in done_groups:
            continue
        done_groups.add(decision.group)
        members = [d.listed_as for d in decisions.listed() if d.group == decision.group]
        listing = decisions.group_listings.get(
            decision.group, DEFAULT_GROUP_LISTING.replace("{group}", decision.group))
        items.append(_item(listing.replace(MEMBERS, _and_list(members))))
    return NumberedList(tuple(items))


def _item(text: str) -> ListItem:
    return ListItem((Paragraph(runs(text)),))


def _and_list(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def explanation_table(decisions: Decisions) -> Table:
    """Each priority, its decision, and in a sentence the figures that decided it.

    A board member reads it at a glance: the words are the rule's ``finding`` filled in from the
    facts (so a direction or a comparison is as true as the figures), an insufficient-data
    decision says in the row which figures were missing, and an override gives the
    partnership's reason beside what the figures alone showed. The rule, its condition and every
    cited value are for clerks: ``assessment-doc explain`` and the build report.
    """
    rows = tuple(TableRow((decision.priority, _decision_words(decision), _why(decision)))
                 for decision in decisions)
    return Table(
        caption=EXPLANATION_CAPTION,
        columns=(Column("Priority"), Column("Decision"), Column("What decided it")),
        rows=rows,
        id=EXPLANATION_TABLE_ID,
    )


def _why(decision: Decision) -> str:
    finding = plain_text(decision.finding)
    if decision.outcome is OutcomeKind.INSUFFICIENT_DATA:
        return f"{decision.missing_in_words or ''} {finding}".strip()
    if decision.outcome is OutcomeKind.OVERRIDE:
        reason = (decision.reason or "").strip().rstrip(".")
        alone = would_words(decision.rule_decision, decision.previous)
        found = _continued(finding or _test_words(decision))
        return f"{reason}. On the figures alone it {alone}: {found}"
    if finding:
        return finding
    return _test_words(decision)


def _test_words(decision: Decision) -> str:
    """For a rule written without a finding: its summary and whether the figures met it (an
    override does not record which), or failing a summary, the cited figures."""
    if decision.summary != decision.condition:
        summary = decision.summary.strip().rstrip(".")
        if decision.outcome is OutcomeKind.CONDITION_TRUE:
            return f"{summary}: met."
        if decision.outcome is OutcomeKind.CONDITION_FALSE:
            return f"{summary}: not met."
        return f"the test is {_continued(summary)}."
    return "; ".join(f"{e.label}: {e.formatted}" for e in decision.evidence) or "—"


def _continued(sentence: str) -> str:
    """A sentence continued after a colon: 'The 3rd …' -> 'the 3rd …'; a name keeps its capital."""
    first = sentence.split(" ", 1)[0]
    return sentence[:1].lower() + sentence[1:] if first in ("The", "A", "An") else sentence


def _decision_words(decision: Decision) -> str:
    """The decision in a word or two (the column is about priorities): 'Kept', 'Added' …; when
    the previous priorities are not recorded, only what is recommended: 'Recommended' …"""
    words = {
        Change.KEPT: "Kept",
        Change.ADDED: "Added",
        Change.REMOVED: "Removed",
        Change.CONTINUED_AS_SERVICE: "Removed; continued as a service"
        if decision.previous else "Continued as a service",
        Change.NOT_ADDED: "Not added",
        Change.RECOMMENDED: "Recommended",
        Change.NOT_RECOMMENDED: "Not recommended",
        Change.RECOMMENDED_AS_SERVICE: "Recommended as a service",
    }[decision.change]
    if decision.outcome is OutcomeKind.OVERRIDE:
        words += ", by decision of the partnership"
    return words


def changes_paragraph(decisions: Decisions, previous_priorities: Sequence[str]) -> Paragraph:
    """What changed since the previous assessment, in sentences: kept, added, removed."""
    previous = {priority_key(name) for name in previous_priorities}
    groups: dict[str, list[str]] = {}
    for decision in decisions:
        was = priority_key(decision.priority) in previous
        label = _change_label(decision, was)
        if label is None:
            continue
        name = decision.priority
        if decision.outcome is OutcomeKind.OVERRIDE:
            name += " (by decision of the partnership)"
        groups.setdefault(label, []).append(name)
    sentences = [f"{label}: {_and_list(names)}." for label, names in
                 sorted(groups.items(), key=lambda item: _LABEL_ORDER.index(item[0]))]
    if not sentences:
        sentences = ["No priorities were set before and none are recommended."]
    return Paragraph(runs(" ".join(sentences)))


def unrecorded_changes_paragraph(partnership: str) -> Paragraph:
    """For an area whose previous priorities are not recorded (the settings' list is the home
    partnership's): say so, rather than compare with another partnership's list."""
    return Paragraph(runs(
        f"This document does not record the priorities that the {partnership} set in its last "
        "assessment, so it does not say which priorities were kept, added or removed."))


_LABEL_ORDER = [
    "Kept from the previous assessment",
    "Added",
    "Removed",
    "Removed as a priority and continued as a service",
    "Continued as a service",
]


def _change_label(decision: Decision, previous: bool) -> str | None:
    if decision.decision.listed:
        return _LABEL_ORDER[0] if previous else _LABEL_ORDER[1]
    if decision.decision is DecisionKind.CONTINUE_AS_SERVICE:
        return _LABEL_ORDER[3] if previous else _LABEL_ORDER[4]
    return _LABEL_ORDER[2] if previous else None


def decision_log(decisions: Decisions) -> list[dict[str, Any]]:
    """Every decision as plain data (text, numbers, lists) for ``build-report.json``."""
    listed = decisions.listed()
    positions: dict[str, int] = {}
    number = 0
    for decision in listed:
        key = decision.group or decision.priority
        if key not in positions:
            number += 1
            positions[key] = number
    log = []
    for decision in decisions:
        log.append({
            "priority": decision.priority,
            "group": decision.group,
            "rule": decision.rule,
            "section": decision.section,
            "condition": decision.condition,
            "outcome": decision.outcome.value,
            "rule_decision": decision.rule_decision.value,
            "decision": decision.decision.value,
            "reason": decision.reason,
            "missing": list(decision.missing),
            "previous": decision.previous,
            "change": decision.change.value,
            "position": positions.get(decision.group or decision.priority)
            if decision.listed else None,
            "evidence": [
                {"fact": e.name, "label": e.label, "value": _plain(e.value),
                 "formatted": e.formatted}
                for e in decision.evidence
            ],
            "text": decision.plain_text,
            "finding": _why(decision),
        })
    return log


def _plain(value: Any) -> Any:
    if isinstance(value, Suppressed):
        return str(value)
    return value
