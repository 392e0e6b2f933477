"""Directives: where a computed table, figure or decision goes in the narrative.

Syntax — a paragraph of its own (blank lines before and after), exactly one line::

    ::: table <id>                  a table of content/tables.yaml
    ::: figure <id>                 a figure of content/figures.yaml
    ::: recommendation <section>    the recommendation the rules decide for a section
    ::: decisions priorities        the recommended priorities, as a numbered list
    ::: decisions changes           what changed since the last assessment's priorities
    ::: decisions explanation       the table "How the recommendations were reached"

``<id>`` is a snake_case id (``::: table crime_by_district``). The directive becomes a
:class:`Placement` in the section's children; the builder swaps each one for the real model
node with :func:`resolve_placements`. A directive may stand only directly in a section, not inside a
list or a quote. A paragraph with a line starting ``:::`` that is not a well-formed directive
is an error at its line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Literal, cast

from ..errors import Problem
from ..model import Block, Section

PlacementKind = Literal["table", "figure", "recommendation", "decisions"]
DIRECTIVE_KINDS: tuple[PlacementKind, ...] = ("table", "figure", "recommendation", "decisions")
DIRECTIVE_EXPECTED = (
    "a paragraph of its own: '::: table <id>', '::: figure <id>', "
    "'::: recommendation <section id>' or '::: decisions priorities|changes|explanation'"
)

_FENCE = ":::"
_DIRECTIVE = re.compile(r":::[ \t]*(?P<kind>\S*)[ \t]*(?P<id>\S*)[ \t]*(?P<rest>.*)\Z")
_SNAKE_CASE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*\Z")


@dataclass(frozen=True, slots=True)
class Placement:
    """A computed table, figure or decision to be put here; a narrative-level stand-in, not a
    model node."""

    kind: PlacementKind
    id: str
    """The snake_case id: of a table or figure spec, a section, or what of the decisions."""
    file: str
    line: int
    """Where the directive was written, for messages such as 'no table named x'."""


def is_directive(text: str) -> bool:
    """Whether a paragraph's source text has a line meant as a directive (starting ``:::``)."""
    return any(line.lstrip().startswith(_FENCE) for line in text.split("\n"))


def parse_directive(text: str, file: str, line: int) -> Placement | Problem:
    """The placement a directive paragraph asks for, or the Problem with how it is written."""
    lines = text.strip().split("\n")
    if len(lines) > 1:
        return Problem(file, "a directive must be a paragraph of its own, on one line",
                       line=line, expected="a blank line before and after '::: table <id>'")
    found = _DIRECTIVE.match(lines[0].strip())
    if found is None or not found["kind"]:
        return Problem(file, "the directive ':::' does not say what to place", line=line,
                       expected=DIRECTIVE_EXPECTED)
    kind, placement_id, rest = found["kind"], found["id"], found["rest"]
    if kind not in DIRECTIVE_KINDS:
        close = difflib.get_close_matches(kind, DIRECTIVE_KINDS, n=1, cutoff=0.5)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return Problem(file, f"unknown directive '{kind}'{hint}", line=line,
                       expected=DIRECTIVE_EXPECTED)
    if not placement_id:
        return Problem(file, f"the directive '::: {kind}' has no id", line=line,
                       expected=f"'::: {kind} <id>', the id of a {kind} spec")
    if not _SNAKE_CASE.match(placement_id):
        return Problem(file, f"the {kind} id '{placement_id}' is not a snake_case name",
                       line=line, expected="lower case letters, digits and _ (crime_by_district)")
    if rest:
        return Problem(file, f"unexpected text after '::: {kind} {placement_id}': '{rest}'",
                       line=line, expected=DIRECTIVE_EXPECTED)
    return Placement(cast(PlacementKind, kind), placement_id, file, line)


def iter_placements(section: Section) -> Iterator[Placement]:
    """Every placement in ``section`` and its subsections, in document order."""
    for child in section.children:
        if isinstance(child, Placement):
            yield child
        elif isinstance(child, Section):
            yield from iter_placements(child)


def resolve_placements(section: Section, resolve: Callable[[Placement], Block]) -> Section:
    """``section`` with each placement replaced by ``resolve(placement)`` (a Table or Figure)."""
    children = tuple(
        resolve(child) if isinstance(child, Placement)
        else resolve_placements(child, resolve) if isinstance(child, Section)
        else child
        for child in section.children
    )
    return replace(section, children=children)
