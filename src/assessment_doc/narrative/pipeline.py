"""The narrative pipeline for one content file, and the check of all of them at once.

content file --front matter--> ContentFile --placeholders (Jinja sandbox)--> FilledMarkdown
--markdown-it--> ParsedBody --sections--> model.Section (holding Placement objects)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from ..model import Section
from .content import ContentFile, load_content_file, read_content_text, shown_path
from .directives import Placement, iter_placements
from .claims import contradicted_claims
from .literals import FactIndex, flatten_facts, literal_figures
from .inline import CrossReference
from .markdown import parse_body
from .placeholders import fill_placeholders
from .sections import build_section


@dataclass(frozen=True, slots=True)
class NarrativeSection:
    """One content file rendered: a level-1 section, placed by ``order``.

    ``section`` is a :class:`~assessment_doc.model.Section` whose children (and its
    subsections' children) may include :class:`~.directives.Placement` objects: the builder
    must replace every one (:func:`~.directives.resolve_placements`) before the section goes into
    a Document.
    """

    order: int
    file: str
    section: Section
    references: tuple[CrossReference, ...] = ()
    """Its cross-references to tables and figures (``[](#table:<id>)``), with their lines."""

    @property
    def id(self) -> str | None:
        return self.section.id

    @property
    def placements(self) -> tuple[Placement, ...]:
        """The tables and figures this section asks for, in document order."""
        return tuple(iter_placements(self.section))


@dataclass(frozen=True, slots=True)
class ContentCheck:
    """What checking every content file found: the sections that rendered, and all problems."""

    sections: tuple[NarrativeSection, ...]
    """The files that rendered without error, sorted by order."""
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    """Literal figures (numbers typed where a placeholder should be) and typed claims that the
    facts of their sentence contradict (:mod:`.claims`)."""

    def raise_for_errors(self) -> None:
        """Raise one :class:`InputError` holding every error, if there are any."""
        if self.errors:
            raise InputError(self.errors)


def render_content_file(content: ContentFile, facts: Mapping[str, Any]) -> NarrativeSection:
    """Fill in, parse and fold an already loaded content file."""
    filled = fill_placeholders(content.body, content.file, facts, content.line_offset)
    body = parse_body(filled, content.file)
    section = build_section(content.title, content.kind, content.id, body, content.file)
    return NarrativeSection(content.order, content.file, section, body.references)


def render_section(path: Path, project_root: Path, context: Mapping[str, Any]) -> NarrativeSection:
    """Render the content file at ``path`` with the facts tree ``context``.

    Raises :class:`InputError` at the first stage that finds a problem (all the problems that
    stage found).
    """
    return render_content_file(load_content_file(path, project_root), context)


def content_paths(content_dir: Path) -> list[Path]:
    """The content files of a project: every ``*.md`` in ``content/``, by name."""
    return sorted(content_dir.glob("*.md"))


Prepare = Callable[[ContentFile], tuple[ContentFile | None, list[Problem]]]
"""A step between reading a content file and filling it in: it may change the file, or drop it
(None), and say why in warnings."""


def check_content(
    paths: Iterable[Path],
    project_root: Path,
    context: Mapping[str, Any],
    prepare: Prepare | None = None,
    *,
    facts_index: FactIndex | None = None,
) -> ContentCheck:
    """Render every content file, collecting every file's problems instead of stopping.

    Also checks across files (two files with the same order or id) and warns about literal
    figures and about typed words the facts contradict. ``prepare`` (optional) sees each file
    after it is read and before it is filled in.
    ``facts_index``: the facts of ``context`` indexed for the literal-figure check (default:
    made here; pass one kept from an earlier build of the same facts to save the time).

    Reading, compiling the placeholders and reading the Markdown of a file are kept by its
    text, so that a rebuild in the same process does them again only for the files that
    changed (filling in, which depends on the facts, is done every time).
    """
    sections: list[NarrativeSection] = []
    errors: list[Problem] = []
    warnings: list[Problem] = []
    if facts_index is None:
        facts_index = FactIndex(context)  # one index for every file
    flat_facts = flatten_facts(context)
    for path in paths:
        try:
            content: ContentFile | None = load_content_file(path, project_root)
            if prepare is not None:
                content, notes = prepare(content)
                warnings.extend(notes)
            if content is not None:
                sections.append(render_content_file(content, context))
        except InputError as error:
            errors.extend(error.problems)
        warnings.extend(_literal_warnings(path, project_root, facts_index, flat_facts))
    errors.extend(_clashes(sections))
    sections.sort(key=lambda narrative: narrative.order)
    return ContentCheck(tuple(sections), tuple(errors), tuple(warnings))


def render_content(
    paths: Iterable[Path], project_root: Path, context: Mapping[str, Any]
) -> tuple[NarrativeSection, ...]:
    """Every content file rendered, by order; one InputError with all problems if any."""
    check = check_content(paths, project_root, context)
    check.raise_for_errors()
    return check.sections


def _literal_warnings(path: Path, project_root: Path, facts_index: FactIndex,
                      flat_facts: Mapping[str, Any]) -> list[Problem]:
    file = shown_path(path, project_root)
    try:
        text = read_content_text(path, file)
    except InputError:
        return []  # already reported as an error
    claims = sorted(contradicted_claims(text, file, flat_facts), key=lambda p: p.line or 0)
    return literal_figures(text, file, facts_index) + claims


def _clashes(sections: list[NarrativeSection]) -> list[Problem]:
    problems = []
    for attribute in ("order", "id"):
        first: dict[object, str] = {}
        for narrative in sections:
            value = getattr(narrative, attribute)
            if value in first:
                problems.append(Problem(
                    narrative.file, f"the {attribute} {value!r} is also used by {first[value]}",
                    line=None, column=attribute,
                    expected=f"a different {attribute} in each content file"))
            else:
                first[value] = narrative.file
    return problems
