"""Rendering narrative text in tests without writing files."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from assessment_doc.errors import InputError, Problem
from assessment_doc.model import Paragraph, Run, Section, pformat, runs
from assessment_doc.narrative import Placement, resolve_placements
from assessment_doc.narrative.content import parse_content_text
from assessment_doc.narrative.pipeline import NarrativeSection, render_content_file

from .facts import FACTS

FILE = "content/02-total-crime.md"
FRONT_MATTER = "---\ntitle: Total Recorded Crime\norder: 2\n---\n"
"""Four lines: body line n is file line n + 4."""


def render_text(body: str, facts: Mapping[str, Any] = FACTS) -> NarrativeSection:
    """Render a body (front matter added) as the file content/02-total-crime.md."""
    content = parse_content_text(FRONT_MATTER + body, Path(FILE), FILE)
    return render_content_file(content, facts)


def problems_of(body: str, facts: Mapping[str, Any] = FACTS) -> list[str]:
    """The problems rendering ``body`` gives, as printed; fails if it renders."""
    try:
        render_text(body, facts)
    except InputError as error:
        return [str(problem) for problem in error.problems]
    raise AssertionError("expected an InputError")


def only_problem(body: str, facts: Mapping[str, Any] = FACTS) -> str:
    found = problems_of(body, facts)
    assert len(found) == 1, found
    return found[0]


def marker(number: int, file: str = FILE) -> Run:
    """The marker of footnote ``number`` of ``file`` as the narrative writes it (numbered in
    the file; :func:`~assessment_doc.model.assign_numbers` numbers it in the document)."""
    return Run(f"[{number}]", note=f"{file}#{number}")


def shown_placement(placement: Placement) -> Paragraph:
    return Paragraph(runs(f"<{placement.kind} {placement.id} at line {placement.line}>"))


def dump(section: Section) -> str:
    """``model.pformat`` of a section, placements shown as ``<table id at line n>``."""
    return pformat(resolve_placements(section, shown_placement))


def first_block(body: str) -> object:
    return render_text(body).section.children[0]


__all__ = ["FILE", "Problem", "dump", "first_block", "marker", "only_problem", "problems_of",
           "render_text"]
