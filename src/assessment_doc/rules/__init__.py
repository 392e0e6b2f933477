"""The rule engine: the assessment's recommendations decided by declared rules over the facts.

``content/rules.yaml`` holds one rule per priority. Each rule's condition is a test on computed
facts, read by a small whitelist evaluator (never ``eval``); its decision and recommendation text
follow from the test, from missing data, or from an override the partnership writes in the
settings with a reason. The decisions close their sections as highlighted recommendations, make
the list of recommended priorities, are explained in a table, and are logged in the build report.

The rules file
--------------
::

    thresholds:                        # named values the conditions use (no magic numbers)
      asb_falls_in_a_row: 2
      high_rank: 4
    themes:                            # emerging themes a condition can test: themes.<id>
      human_trafficking: Human Trafficking
    awaited:                           # facts named before any data provides them:
      reoffending.focus.proven_rate.value: Proven re-offending rate (first published 2017)
    groups:                            # how a group of priorities is listed (optional)
      Violent Crime:
        listed_as: Violent Crime (specifically {members})
    rules:
      - id: anti_social_behaviour      # snake_case, unique
        priority: Anti-Social Behaviour (ASB)   # matches previous priorities and overrides
        listed_as: Anti-Social Behaviour        # wording in the list (default: priority)
        group: Violent Crime           # optional; a group's members share one list item
        section: anti_social_behaviour # the content section it closes (file 04-anti-social-behaviour.md)
        order: 2                       # its position in the list of priorities
        summary: ASB fell {{ thresholds.asb_falls_in_a_row | count }} years running …
        condition: >-
          asb.focus.incidents.consecutive_falls >= asb_falls_in_a_row
          and asb.focus.incidents.vs_kent < 0
        requires: [asb.focus.incidents.pct_change]   # further facts that must be available
        evidence:                      # cited in the explanation: a fact name, or
          - fact: asb.focus.incidents.pct_change    # fact, label and format
            label: ASB incidents, change on a year earlier
            format: change             # count rate percent number signed change gbp ordinal listed
        when_true:                     # the decision, the recommendation, and the finding:
          decision: continue_as_service  # the deciding figures in one short sentence for the
          text: "…{{ placeholders }}…"   # table 'How the recommendations were reached'
          finding: ASB {{ asb.focus.incidents | trend_words }} and is {{ … | compare_words(…) }}
        otherwise:  {decision: keep, text: "…", finding: "…"}
        insufficient_data: {decision: keep, text: "…"}   # required when the rule reads facts

Decisions are ``keep``, ``add``, ``remove`` and ``continue_as_service``; keep and add put the
priority in the list. Compared with the previous priorities each becomes kept, added, removed,
continued as a service, or not added.

A condition may use comparisons (``< <= > >= == !=``), ``and``/``or``/``not``, ``+ - * /``,
numbers, fact names (``asb.focus.incidents.pct_change``), ``themes.<id>`` (1 when the theme is
among the settings' emerging themes, else 0) and threshold names; see :mod:`.conditions`. A fact
the rule needs (its condition's facts and ``requires``) that is unavailable or suppressed takes
the rule to its ``insufficient_data`` branch.

Texts and findings are placeholder templates, filled in like the narrative (:mod:`.templates`),
with ``thresholds.<name>`` and ``themes.<id>`` (1 or 0) beside the facts and ``settings``, and
``previous.known``, ``previous.listed`` and ``previous.remains`` for the words that depend on last
year's priorities: "remains a priority" is true only of a priority that was one, so a text writes
``{{ previous.remains }} a priority`` ("remains", "becomes", or "is" when the list is not
recorded, as for another area than the settings' own). A word
that depends on a figure (rose or fell, above or below Kent, "the highest") is written inside
``{% if %}`` on the facts, never typed beside the figure, so that each branch's words stay true
whatever the data: the ``otherwise`` branch in particular covers every way the condition can fail.

In the explanation table a row is the priority, its decision and the branch's finding; an
insufficient-data row names the missing figures by their evidence labels (or the ``awaited``
description), and an override row gives the partnership's reason and what the figures alone
showed. A branch without a finding shows the rule's summary and whether it was met.

Settings (``assessment.yaml``) that :func:`decide` takes as arguments (``previous_priorities``
None when they are not recorded: the decisions are then Recommended, Not recommended or
Recommended as a service, never Kept, Added or Removed)::

    previous_priorities: [Anti-Social Behaviour (ASB), Substance Misuse, …]
    emerging_themes: [Human Trafficking, Modern Slavery, …]
    overrides:
      Anti-Social Behaviour (ASB):
        decision: keep
        reason: The board asked for one more year of focus after the summer disorder.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names

if TYPE_CHECKING:
    from .conditions import Condition, ConditionError, parse_condition
    from .decisions import (
        Change,
        Decision,
        Decisions,
        Evidence,
        OutcomeKind,
        decide,
        format_evidence,
        with_home_overrides_unused,
    )
    from .explain import (
        changes_paragraph,
        decision_log,
        explanation_table,
        priorities_list,
        recommendation_for,
        unrecorded_changes_paragraph,
    )
    from .loading import Rule, RuleSet, load_rules, read_rules
    from .schema import RULES_FILE, DecisionKind, Override

_HOME = {  # every name of __all__, by the module that defines it
    "Condition": "conditions",
    "ConditionError": "conditions",
    "parse_condition": "conditions",
    "Change": "decisions",
    "Decision": "decisions",
    "Decisions": "decisions",
    "Evidence": "decisions",
    "OutcomeKind": "decisions",
    "decide": "decisions",
    "format_evidence": "decisions",
    "with_home_overrides_unused": "decisions",
    "changes_paragraph": "explain",
    "decision_log": "explain",
    "explanation_table": "explain",
    "priorities_list": "explain",
    "recommendation_for": "explain",
    "unrecorded_changes_paragraph": "explain",
    "Rule": "loading",
    "RuleSet": "loading",
    "load_rules": "loading",
    "read_rules": "loading",
    "RULES_FILE": "schema",
    "DecisionKind": "schema",
    "Override": "schema",
}
"""The names are imported on first use (PEP 562), so that the settings, which need only
:class:`Override`, do not import the engine, the narrative and Jinja with it."""


__all__ = [
    "RULES_FILE",
    "Change",
    "Condition",
    "ConditionError",
    "Decision",
    "DecisionKind",
    "Decisions",
    "Evidence",
    "OutcomeKind",
    "Override",
    "Rule",
    "RuleSet",
    "changes_paragraph",
    "decide",
    "decision_log",
    "explanation_table",
    "format_evidence",
    "load_rules",
    "parse_condition",
    "priorities_list",
    "read_rules",
    "recommendation_for",
    "unrecorded_changes_paragraph",
    "with_home_overrides_unused",
]


__getattr__, __dir__ = lazy_names(__name__, _HOME, globals())
