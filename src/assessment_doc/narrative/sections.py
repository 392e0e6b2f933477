"""Folding a body's parts into one level-1 section with its level-2 and level-3 subsections.

Text before the first ``##`` stays in the level-1 section; a ``##`` opens a level-2 section and
a ``###`` a level-3 section inside the current level-2 one (a ``###`` before any ``##`` is an
error). Each footnote becomes a :class:`~assessment_doc.model.Note` — its marker, then its
text: ``[1] Source: Kent Police.`` — at the end of the own text of the section that first
references it (after that section's blocks, before its subsections). Markers are numbered
within the file here, and through the whole document by
:func:`~assessment_doc.model.assign_numbers` (a Note's ``key`` and its markers' ``note``).
Subsections of an appendix are appendix sections too, so they are not numbered as 1.1, 1.2.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..errors import InputError, Problem
from ..model import Block, Note, Run, Runs, Section, SectionKind
from .directives import Placement
from .inline import footnote_key, marker_run, merge_runs
from .markdown import Heading, ParsedBody


@dataclass
class _OpenSection:
    """A section still being filled."""

    title: str
    level: int
    id: str | None = None
    blocks: list[Block | Placement] = field(default_factory=list)
    footnotes: list[int] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)

    def close(self, kind: SectionKind, notes: Mapping[int, Runs], file: str) -> Section:
        placed_notes = tuple(_note(footnote, notes, file) for footnote in self.footnotes)
        children = (*self.blocks, *placed_notes, *self.subsections)
        return Section(self.title, children, self.level, kind, self.id)  # type: ignore[arg-type]


def _note(footnote: int, notes: Mapping[int, Runs], file: str) -> Note:
    runs = merge_runs((marker_run(file, footnote), Run(" "), *notes.get(footnote, ())))
    return Note(runs, footnote_key(file, footnote))


def build_section(
    title: str, kind: SectionKind, section_id: str, body: ParsedBody, file: str
) -> Section:
    """The level-1 section titled ``title`` holding ``body``; raise InputError on bad nesting."""
    stack = [_OpenSection(title, 1, section_id)]
    placed: set[int] = set()
    problems: list[Problem] = []
    for part in body.parts:
        if isinstance(part.item, Heading):
            heading = part.item
            if heading.level == 3 and len(stack) < 2:
                problems.append(Problem(
                    file, f"the '###' heading '{heading.title}' comes before any '##' heading",
                    line=heading.line, expected="a '## Subsection' heading before '###' ones"))
                continue
            while len(stack) >= heading.level:
                closed = stack.pop().close(kind, body.notes, file)
                stack[-1].subsections.append(closed)
            stack.append(_OpenSection(heading.title, heading.level))
        else:
            stack[-1].blocks.append(part.item)
        for footnote in part.footnotes:
            if footnote not in placed:
                placed.add(footnote)
                stack[-1].footnotes.append(footnote)
    if problems:
        raise InputError(problems)
    # A footnote referenced only from another footnote goes with the level-1 section's text.
    stack[0].footnotes.extend(sorted(set(body.notes) - placed))
    while len(stack) > 1:
        closed = stack.pop().close(kind, body.notes, file)
        stack[-1].subsections.append(closed)
    return stack[0].close(kind, body.notes, file)
