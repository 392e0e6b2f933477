"""Assemble the Document: cover, contents, the numbered sections, then the appendices.

The narrative sections come from ``content/*.md`` (filled in with the facts); each
``::: table <id>`` and ``::: figure <id>`` placement is swapped for the Table or Figure built from
``content/tables.yaml`` and ``content/figures.yaml``; the appendix "Information sources" is
generated from the data manifest and comes first among the appendices.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .coverage import SUB_DISTRICT, coverage, leave_out_uncovered, spec_datasets, text_gaps
from .data.wording import did_you_mean
from .errors import InputError, Problem
from .figures import build_figure, load_figure_specs
from .model import Block, Contents, Cover, Document, Metadata, Section, SectionKind
from .narrative import NarrativeSection, Placement, check_content, content_paths, resolve_placements
from .narrative.pipeline import Prepare
from .project import Project
from .sources import information_sources
from .tables import build_table, load_table_specs


@dataclass(frozen=True)
class Assembly:
    """A built document model and the warnings met on the way (literal figures and the like)."""

    document: Document
    warnings: tuple[Problem, ...]


def narrative_context(project: Project) -> dict[str, Any]:
    """What placeholders can name: every fact (as a tree) and ``settings``."""
    settings = project.settings
    context: dict[str, Any] = dict(project.facts.as_tree())
    context["settings"] = {
        "title": settings.title,
        "subtitle": settings.subtitle,
        "partnership": settings.partnership,
        "area": settings.area,
        "date": f"{settings.date.day} {settings.date:%B %Y}",
    }
    return context


def assemble(project: Project) -> Assembly:
    """Build the whole document model; one InputError lists every problem found."""
    resolver = _Resolver(project)
    check = check_content(content_paths(project.content_dir), project.root,
                          narrative_context(project), _coverage_filter(project, resolver))
    problems = list(check.errors)
    sections = [resolver.resolve(narrative, problems) for narrative in check.sections]
    if problems:
        raise InputError(problems)
    numbered = [s for s in sections if s.kind is not SectionKind.APPENDIX]
    appendices = [s for s in sections if s.kind is SectionKind.APPENDIX]
    children: list[Block] = [_cover(project), Contents(), *numbered,
                             information_sources(project.datasets), *appendices]
    return Assembly(Document(_metadata(project), tuple(children)), check.warnings)


def build_document(project: Project) -> Document:
    """The document model of a project (see :func:`assemble` for the warnings too)."""
    return assemble(project).document


def _coverage_filter(project: Project, resolver: "_Resolver") -> Prepare | None:
    """Leave out the narrative whose data does not describe the focus area (None: all does)."""
    cover = coverage(project.datasets, project.settings.area)
    if cover.complete:
        return None
    values = {name: fact.value for name, fact in project.facts.items()}

    def gaps(text: str) -> list[str]:
        return text_gaps(text, cover, values, resolver.datasets_of)

    return lambda content: leave_out_uncovered(content, gaps)


def _metadata(project: Project) -> Metadata:
    settings = project.settings
    return Metadata(
        title=settings.title,
        subtitle=settings.subtitle,
        partnership=settings.partnership,
        area=settings.area,
        date=settings.date.isoformat(),
        language=settings.language,
    )


def _cover(project: Project) -> Cover:
    settings = project.settings
    return Cover(settings.title, settings.subtitle,
                 (settings.partnership, settings.area, settings.date.strftime("%B %Y")))


class _Resolver:
    """Swaps placements for tables and figures, loading each spec file once, when first needed."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.builders: dict[str, Callable[[str], Block]] = {
            "table": self._table, "figure": self._figure,
        }
        self._specs: dict[str, Any] = {}

    def resolve(self, narrative: NarrativeSection, problems: list[Problem]) -> Section:
        def swap(placement: Placement) -> Block:
            try:
                return self.builders[placement.kind](placement.id)
            except _UnknownId as unknown:
                problems.append(Problem(
                    placement.file, f"no {placement.kind} '{placement.id}'"
                    f"{did_you_mean(placement.id, unknown.known)}", line=placement.line,
                    expected=f"an id from content/{placement.kind}s.yaml"))
            except InputError as error:
                problems.extend(error.problems)
            return placement  # type: ignore[return-value]  # never reaches a Document

        return resolve_placements(narrative.section, swap)

    def _table(self, table_id: str) -> Block:
        specs = self._spec_file("tables", load_table_specs)
        if table_id not in specs:
            raise _UnknownId(specs)
        return build_table(table_id, self.project.datasets, focus_area=self.project.settings.area,
                           specs=specs)

    def _figure(self, figure_id: str) -> Block:
        specs = self._spec_file("figures", load_figure_specs)
        if figure_id not in specs:
            raise _UnknownId(specs)
        return build_figure(figure_id, self.project.datasets,
                            focus_area=self.project.settings.area, specs=specs)

    def datasets_of(self, kind: str, spec_id: str) -> list[tuple[str, bool]]:
        """The datasets a table or figure draws on, each with whether it shows wards or
        police divisions (rows below district level)."""
        specs = self._spec_file(f"{kind}s", load_table_specs if kind == "table" else load_figure_specs)
        if spec_id not in specs:
            return []  # reported as an unknown id when the placement is resolved
        spec = specs[spec_id].model_dump()
        below = spec.get("kind") in _SUB_DISTRICT_KINDS or spec.get("area_type") in SUB_DISTRICT
        return [(dataset, below) for dataset in spec_datasets(spec)]

    def _spec_file(self, name: str, load: Callable[..., Any]) -> Any:
        if name not in self._specs:
            path = self.project.content_dir / f"{name}.yaml"
            self._specs[name] = load(path, shown_as=f"content/{name}.yaml")
        return self._specs[name]


_SUB_DISTRICT_KINDS = frozenset({"ward_list", "cost"})
"""Table kinds whose rows are wards or police divisions."""


class _UnknownId(Exception):
    def __init__(self, known: Mapping[str, Any]) -> None:
        super().__init__()
        self.known = list(known)
