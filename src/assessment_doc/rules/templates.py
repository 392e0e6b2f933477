"""Recommendation texts: placeholder templates checked when the rules load, filled in when decided.

A rule's texts are written like the narrative: ``{{ asb.focus.incidents.pct_change | change }}``,
``{% if … %}``, and filled in by the narrative's sandboxed environment
(:mod:`assessment_doc.narrative.placeholders`), so figures read the same everywhere. Besides the
facts and ``settings``, a text can name the rules file's thresholds, ``{{ thresholds.x | count }}``,
and its themes, ``themes.<id>``: 1 when the theme is among the emerging themes, else 0, as in a
condition (so a text can count them: ``{{ (themes.prevent + themes.modern_slavery) | count }}``),
and ``previous.known``, ``previous.listed`` and ``previous.remains``: whether the previous
assessment's priorities are recorded, whether the rule's priority was among them, and the verb
true either way ("remains", "becomes" or "is" a priority; see
:func:`assessment_doc.rules.decisions.previous_names`).

Words that depend on a figure (rose or fell, above or below Kent, "the highest") are never typed
beside it: a text states them inside ``{% if %}`` on the facts, so they stay true when the data
move, whichever branch of the rule was taken.

When the rules load, each text is parsed and every name it uses is looked up: an unknown fact is
reported then, at the text's line, before anything is built.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import TemplateSyntaxError, nodes

from ..errors import InputError, Problem
from ..model import Paragraph, Recommendation, Runs
from ..narrative.markdown import parse_body
from ..narrative.placeholders import fill_placeholders, narrative_environment
from .names import KnownNames

THRESHOLDS = "thresholds"
"""The name under which a text sees the rules file's thresholds."""

SETTINGS = "settings"
"""The name under which a text sees the project's settings."""

THEMES = "themes"
"""The name under which a text sees the rules file's themes (1 when emerging, else 0)."""

PREVIOUS = "previous"
"""The name under which a text sees what is known of its priority in the previous assessment."""

PREVIOUS_NAMES = ("known", "listed", "remains")
"""What ``previous`` offers (filled in by :func:`assessment_doc.rules.decisions.previous_names`)."""


@dataclass(frozen=True, slots=True)
class TextTemplate:
    """A text as written in the rules file, and the line it was written on."""

    source: str
    line: int | None = None


def template_problems(text: TextTemplate, file: str, where: str, known: KnownNames) -> list[Problem]:
    """Problems with a text: placeholder syntax, and names that are not facts or thresholds."""
    try:
        tree = narrative_environment().parse(text.source)
    except TemplateSyntaxError as error:
        return [Problem(file, f"{where}: placeholder syntax error: {error.message}",
                        line=text.line, expected="placeholders written {{ name.of.fact | filter }}")]
    local = {node.name for node in tree.find_all(nodes.Name) if node.ctx in ("store", "param")}
    problems = []
    for path in dict.fromkeys(_paths(tree)):
        if path[0] in local or path[0] == SETTINGS:
            continue
        message = _unknown_path(path, known)
        if message:
            problems.append(Problem(file, f"{where}: {message}", line=text.line))
    return problems


def _unknown_path(path: tuple[str, ...], known: KnownNames) -> str | None:
    name = ".".join(path)
    if path[0] == THRESHOLDS:
        if len(path) == 1 or (len(path) == 2 and path[1] in known.thresholds):
            return None
        closest = known.closest_threshold(path[1], prefix=THRESHOLDS + ".")
        return f"unknown placeholder '{name}'{closest}"
    if path[0] == THEMES:
        if len(path) == 1 or (len(path) == 2 and path[1] in known.themes):
            return None
        return f"unknown placeholder '{name}'{known.closest_theme(path[1])}"
    if path[0] == PREVIOUS and not known.is_fact_or_group(name):
        if len(path) == 2 and path[1] in PREVIOUS_NAMES:
            return None
        return (f"unknown placeholder '{name}'"
                f" (expected one of: {', '.join(PREVIOUS + '.' + n for n in PREVIOUS_NAMES)})")
    if known.is_fact_or_group(name):
        return None
    return f"unknown placeholder '{name}'{known.closest_fact(name)}"


def _paths(node: nodes.Node) -> Iterator[tuple[str, ...]]:
    """Every name a template reads, as the longest dotted path it is read through."""
    path = _path(node)
    if path is not None:
        yield path
        return
    for child in node.iter_child_nodes():
        yield from _paths(child)


def _path(node: nodes.Node) -> tuple[str, ...] | None:
    """``a.b['c'].d`` as ('a', 'b', 'c', 'd'); None for anything else."""
    if isinstance(node, nodes.Name) and node.ctx == "load":
        return (node.name,)
    if isinstance(node, nodes.Getattr):
        parent = _path(node.node)
        return None if parent is None else (*parent, node.attr)
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        parent = _path(node.node)
        if parent is not None and isinstance(node.arg.value, str):
            return (*parent, node.arg.value)
    return None


def render_runs(text: TextTemplate, file: str, where: str, context: Mapping[str, Any]) -> Runs:
    """The text filled in and read as one paragraph of inline Markdown; InputError if it cannot be."""
    offset = 0 if text.line is None else text.line - 1
    try:
        filled = fill_placeholders(text.source, file, context, line_offset=offset)
        parts = parse_body(filled, file).parts
    except InputError as error:
        raise InputError([_with_where(problem, where) for problem in error.problems]) from None
    blocks = [part.item for part in parts]
    if not blocks:
        return ()
    if len(blocks) > 1 or not isinstance(blocks[0], (Paragraph, Recommendation)):
        raise InputError(Problem(file, f"{where}: the text should be one paragraph of words",
                                 line=text.line,
                                 expected="text without blank lines, lists or headings"))
    return blocks[0].runs


def _with_where(problem: Problem, where: str) -> Problem:
    return Problem(problem.file, f"{where}: {problem.message}", line=problem.line,
                   column=problem.column, expected=problem.expected, row=problem.row)
