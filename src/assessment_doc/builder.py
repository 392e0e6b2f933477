"""Assemble the Document: cover, contents, the numbered sections, then the appendices.

The rules (``content/rules.yaml``) decide the priorities once. The narrative sections come from
``content/*.md`` (filled in with the facts); each ``::: table <id>`` and ``::: figure <id>``
placement is swapped for the Table or Figure built from ``content/tables.yaml`` and
``content/figures.yaml``, each ``::: recommendation <section>`` and ``::: decisions …`` for what
the rules decided (a section the rules decide on ends with its recommendation even when no
directive places it). The appendix "Information sources" holds its content file's text (if any)
and a table generated from the data manifest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from .about import contact_runs, data_span
from .citations import RULES, CitedDatasets, shows_rates
from .coverage import SUB_DISTRICT, coverage, gaps_finder, spec_datasets
from .data.text_files import MAX_MARKDOWN_BYTES, MAX_TEXT_BYTES, unreadable
from .data.wording import did_you_mean
from .errors import InputError, Problem
from .every_area import focus_areas
from .facts import compute_facts
from .figures import (
    FigureCache,
    FiguresAhead,
    FigureSpecs,
    build_figure,
    draw_ahead,
    load_figure_specs,
)
from .figures.alt_text import holds_the_data, naming_the_table
from .figures.alt_text import names as listed
from .model import (
    Block,
    Contents,
    Cover,
    Document,
    Figure,
    Metadata,
    Paragraph,
    Section,
    SectionKind,
    Table,
    assign_numbers,
    iter_nodes,
    runs,
)
from .narrative import NarrativeSection, Placement, check_content, content_paths, resolve_placements
from .narrative.content import default_id
from .narrative.areas import AREAS_KEY, area_directory
from .narrative.escaping import MarkdownText
from .narrative.literals import FactIndex
from .narrative.pipeline import Prepare
from .narrative.period_words import period_words
from .narrative.placeholders import fill_placeholders
from .omission import leave_out_uncovered
from .project import Project
from .render.docx_template import WordTemplate, read_word_template
from .render.house_style import HouseStyle, house_style_from
from .rules import (
    Decision,
    Decisions,
    changes_paragraph,
    decide,
    explanation_table,
    load_rules,
    priorities_list,
    recommendation_for,
    unrecorded_changes_paragraph,
    with_home_overrides_unused,
)
from .sources import TITLE as SOURCES_TITLE
from .sources import with_information_sources
from .quality import total_warnings
from .warm import KeptFor, same
from .tables import Disclosure, compute_table, load_table_specs

_T = TypeVar("_T")


@dataclass(frozen=True)
class Assembly:
    """A built document model, the rules' decisions, and the warnings met on the way."""

    document: Document
    warnings: tuple[Problem, ...]
    decisions: Decisions | None = None
    """None when the project has no content/rules.yaml."""
    disclosures: tuple[Disclosure, ...] = ()
    """What the placed tables tell their readers besides their figures: a value shown otherwise
    than published, a total its rows do not add up to (each with its note)."""
    not_assessed: tuple[str, ...] = ()
    """Priorities left out with their sections (built about another area)."""


def narrative_context(project: Project) -> dict[str, Any]:
    """What placeholders can name: every fact (as a tree), ``settings`` and ``periods`` (the words
    for each dataset's current and previous period, :mod:`.narrative.period_words`).

    ``settings.partnership`` and ``settings.contact`` are the focus area's (see
    :attr:`Settings.focus_partnership`), so the same narrative names Swale's partnership when
    built about Swale; ``settings.home_area`` is the settings file's own area and
    ``settings.is_home_area`` whether the focus is it (for text only true of the home area).
    ``settings.previous_priorities`` are the last assessment's priorities: the home area's
    (``previous_priorities`` in the settings), none for another area, whose are not recorded.
    """
    settings = project.settings
    context: dict[str, Any] = dict(project.facts.as_tree())
    context["settings"] = {
        "title": settings.title,
        "subtitle": settings.subtitle,
        "partnership": settings.focus_partnership,
        "area": settings.area,
        "home_area": project.home_area,
        "is_home_area": settings.is_home_area,
        "contact": MarkdownText(settings.focus_contact),
        "previous_priorities": list(_recorded_previous_priorities(project)),
        "date": f"{settings.date.day} {settings.date:%B %Y}",
    }
    context["periods"] = period_words(project.datasets, settings.periods)
    context[AREAS_KEY] = _BY_DATASETS.get(  # for the list filters
        project.datasets, "areas", lambda: area_directory(project.datasets.frames))
    return context


def _recorded_previous_priorities(project: Project) -> tuple[str, ...]:
    """The focus area's previous priorities as far as the settings record them: the settings'
    list is the home partnership's, so another area's are unknown (empty)."""
    settings = project.settings
    return tuple(settings.previous_priorities) if settings.is_home_area else ()


def assemble(project: Project, *, figure_cache: FigureCache | None = None) -> Assembly:
    """Build the whole document model; one InputError lists every problem found.

    ``figure_cache``: figures kept by content (default: this process's memory). The figures
    the content places are drawn ahead, partly in a child process, while the rest is worked out.
    """
    figures = figure_cache if figure_cache is not None else FigureCache()
    citations = CitedDatasets(project.datasets)
    context = citations.watch(narrative_context(project))
    paths = content_paths(project.content_dir)
    style = house_style_from(project.settings.style, project.root, project.settings.partnership)
    ahead = _draw_figures_ahead(project, paths, figures, style)
    try:
        problems: list[Problem] = []
        template = _word_template(project, problems)
        with citations.reading(RULES):
            decisions = make_decisions(project, context, paths, problems)
        resolver = _Resolver(project, decisions, figures, style)
        check = check_content(paths, project.root, context,
                              citations.prepare(_coverage_filter(project, resolver, context)),
                              facts_index=_fact_index(project))
        citations.stop()
        ahead.finish()
    finally:
        ahead.discard()
    problems += check.errors
    narratives, left_out = _with_narrative(project, check.sections)
    if decisions is not None:
        decisions = resolver.leave_out_sections(decisions, {n.section.id for n in narratives})
    sections = [resolver.resolve(narrative, problems) for narrative in narratives]
    problems += resolver.reference_problems(narratives)
    if problems:
        raise InputError(problems)
    numbered = [s for s in sections if s.kind is not SectionKind.APPENDIX]
    appendices = [s for s in sections if s.kind is SectionKind.APPENDIX]
    cited = (citations.of(n.file for n in narratives) | resolver.placed_datasets()
             | citations.of_decisions(decisions))
    contents = Contents(lists_of_tables_and_figures=project.settings.lists_of_tables_and_figures)
    children: list[Block] = [_cover(project), contents, *numbered,
                             *with_information_sources(appendices, project.datasets, cited)]
    warnings = (*_unknown_settings_areas(project), *check.warnings, *left_out,
                *resolver.left_out_warnings,
                *(decisions.warnings if decisions else ()),
                *_BY_DATASETS.get(project.datasets, "totals",
                                  lambda: total_warnings(project.datasets)),
                *(d.warning for d in resolver.disclosures if d.warning is not None),
                *(template.warnings if template is not None else ()))
    document = resolver.naming_data_tables(Document(_metadata(project, template, style),
                                                    tuple(children)))
    return Assembly(document, warnings, decisions, tuple(resolver.disclosures),
                    tuple(_priorities(resolver.left_out)))


_FIGURE_DIRECTIVE = re.compile(r"^[ \t]*:::[ \t]*figure[ \t]+([a-z][a-z0-9_]*)[ \t]*$", re.MULTILINE)


def _draw_figures_ahead(project: Project, paths: list[Path], figures: FigureCache,
                        style: HouseStyle | None = None) -> FiguresAhead:
    """Start drawing the figures the content files name in '::: figure <id>' lines (read from
    the files' text; a guess, which the placements later confirm). Nothing is reported here:
    a bad spec or file is reported where it always is."""
    ids = []
    for path in paths:
        if unreadable(path, path.name, MAX_MARKDOWN_BYTES) is not None:
            continue  # a pipe, a device or a huge file: reported when the file is read
        try:
            ids += _FIGURE_DIRECTIVE.findall(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            continue
    try:
        specs = _spec_file(project, "figures", load_figure_specs) if ids else None
    except InputError:
        specs = None
    if specs is None:
        return draw_ahead([], project.datasets, focus_area=project.settings.area,
                          specs=FigureSpecs("", {}), cache=figures)
    return draw_ahead(ids, project.datasets, focus_area=project.settings.area, specs=specs,
                      cache=figures, style=style)


def make_decisions(
    project: Project, context: Mapping[str, Any], paths: list[Path], problems: list[Problem]
) -> Decisions | None:
    """The rules' decisions for the project (None without content/rules.yaml); problems with the
    rules or the settings they read are added to ``problems``."""
    path = project.content_dir / "rules.yaml"
    if not path.exists():  # a pipe or a link to a device is told, never read
        return None
    settings = project.settings
    try:
        names = frozenset(_fact_names(project))
        section_ids = tuple(default_id(p) for p in paths)
        rules = _kept(path, ("rules", names, section_ids), lambda: load_rules(
            path, names, shown_as="content/rules.yaml", section_ids=section_ids))
        if settings.is_home_area:
            return decide(rules, project.facts, previous_priorities=settings.previous_priorities,
                          emerging_themes=settings.emerging_themes, overrides=settings.overrides,
                          context=context)
        # another area: the previous priorities and the overrides are the home partnership's
        decisions = decide(rules, project.facts, previous_priorities=None,
                           emerging_themes=settings.emerging_themes, overrides={},
                           context=context)
        return with_home_overrides_unused(decisions, settings.overrides, settings.area,
                                          project.home_area)
    except InputError as error:
        problems.extend(error.problems)
        return None


def build_document(project: Project) -> Document:
    """The document model of a project (see :func:`assemble` for the warnings too)."""
    return assemble(project).document


def _fact_names(project: Project) -> set[str]:
    """The fact names rules may use: the focus area's, and, for a what-if about another area,
    the home area's too (a name the other area's data lacks is then unavailable, which the rule
    answers with its insufficient-data branch, not a load error)."""
    names = set(project.facts)
    if not project.settings.is_home_area:
        names |= _home_fact_names(project)
    return names


_BY_FACTS = KeptFor()
"""The home area's fact names and the literal-figure index, kept for the same loaded facts."""
_BY_DATASETS = KeptFor()
"""The totals check and the computed tables, kept for the same loaded datasets."""


def _home_fact_names(project: Project) -> frozenset[str]:
    """The names of the home area's facts, worked out once for the same loaded project (the
    rules and the coverage both ask)."""
    return _BY_FACTS.get(project.facts, "home names", lambda: frozenset(compute_facts(
        project.datasets, focus_area=project.home_area,
        periods=project.settings.periods or None)))


def _coverage_filter(project: Project, resolver: _Resolver,
                     context: Mapping[str, Any]) -> Prepare | None:
    """Leave out the narrative whose data does not describe the focus area (None: the focus is
    the settings' own area, whose data must cover it all)."""
    if project.settings.is_home_area:
        return None
    cover = coverage(project.datasets, project.settings.area)
    values = {name: fact.value for name, fact in project.facts.items()}
    home_names = _home_fact_names(project) - frozenset(values)
    gaps = gaps_finder(cover, values, resolver.datasets_of, home_names)

    def printed(source: str) -> str:
        return _printed(source, context)

    return lambda content: leave_out_uncovered(content, gaps, printed)


_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _printed(source: str, context: Mapping[str, Any]) -> str:
    """A heading's source as a reader sees it (``Crime in {{ settings.area }}`` -> ``Crime in
    Swale``), for a warning; a placeholder that cannot be filled shows as '…'."""
    try:
        text = fill_placeholders(source, "", context).text
    except InputError:
        text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "…", source)
    return _MARKDOWN_ESCAPE.sub(r"\1", text).strip()


def _unknown_settings_areas(project: Project) -> list[Problem]:
    """A ``partnerships:`` or ``contacts:`` entry for an area the data does not have (a typo
    would otherwise leave that area with the neutral name, silently)."""
    settings = project.settings
    named = [(key, area) for key in ("partnerships", "contacts")
             for area in getattr(settings, key)]
    if not named:
        return []
    areas = focus_areas(project.datasets)
    return [Problem("assessment.yaml", f"{key} names '{area}', which is not an area in the data"
                    f"{did_you_mean(area, areas)}", column=key, expected="one of " +
                    ", ".join(areas))
            for key, area in named if area not in areas]


def _with_narrative(project: Project, narratives: list[NarrativeSection]
                    ) -> tuple[list[NarrativeSection], list[Problem]]:
    """The sections that kept some narrative of their own, and a warning for each left out
    because all of it was: built about another area, a section that would hold only its
    recommendation (or placed decisions) says nothing the reader can check."""
    if project.settings.is_home_area:
        return narratives, []
    kept, warnings = [], []
    for narrative in narratives:
        if _has_narrative(narrative.section):
            kept.append(narrative)
        else:
            warnings.append(Problem(narrative.file, f"section '{narrative.section.title}' left "
                                    f"out: none of its narrative is about {project.settings.area}"))
    return kept, warnings


def _has_narrative(section: Section) -> bool:
    for child in section.children:
        if isinstance(child, Section):
            if _has_narrative(child):
                return True
        elif not (isinstance(child, Placement) and child.kind in ("recommendation", "decisions")):
            return True
    return False


def _word_template(project: Project, problems: list[Problem]) -> WordTemplate | None:
    """The settings' ``word_template``, read and checked (None when there is none; its faults
    added to ``problems``)."""
    name = project.settings.word_template
    if name is None:
        return None
    try:
        return read_word_template(project.root / name, name)
    except InputError as error:
        problems.extend(error.problems)
        return None


def _metadata(project: Project, template: WordTemplate | None = None,
              style: HouseStyle | None = None) -> Metadata:
    settings = project.settings
    return Metadata(
        title=settings.title,
        subtitle=settings.subtitle,
        partnership=settings.focus_partnership,
        area=settings.area,
        date=settings.date.isoformat(),
        language=settings.language,
        period=data_span(project.datasets),
        contact=contact_runs(settings.focus_contact),
        word_template=template.data if template is not None else None,
        style=style,
    )


def _cover(project: Project) -> Cover:
    settings = project.settings
    return Cover(settings.title, settings.subtitle,
                 (settings.focus_partnership, settings.area, settings.date.strftime("%B %Y")))


class _Resolver:
    """Swaps placements for tables, figures and decisions, loading each spec file once, when
    first needed."""

    def __init__(self, project: Project, decisions: Decisions | None,
                 figures: FigureCache, style: HouseStyle | None = None) -> None:
        self.project = project
        self.decisions = decisions
        self.figures = figures
        self.style = style
        """The house style, which the charts are drawn in."""
        self.builders: dict[str, Callable[[str], Block]] = {
            "table": self._table, "figure": self._figure,
            "recommendation": self._recommendation, "decisions": self._decisions,
        }
        self._specs: dict[str, Any] = {}
        self.disclosures: list[Disclosure] = []
        self.left_out: tuple[Decision, ...] = ()
        """Decisions on sections left out of the document (built about another area)."""
        self.left_out_warnings: list[Problem] = []
        self.placed: list[tuple[str, str]] = []
        """The tables and figures placed, as (kind, id)."""

    def leave_out_sections(self, decisions: Decisions, kept: set[str | None]) -> Decisions:
        """The decisions without those whose section is not in the document: a recommendation
        goes with its section, and the priorities list says so (see :meth:`resolve`)."""
        self.left_out = tuple(d for d in decisions if d.section not in kept)
        if not self.left_out:
            return decisions
        self.decisions = replace(decisions, items=tuple(d for d in decisions if d.section in kept))
        area = self.project.settings.area
        self.left_out_warnings = [Problem(
            "content/rules.yaml", f"the recommendation on {listed(_priorities(self.left_out))} is "
            f"left out with its section: nothing of it is about {area}")]
        return self.decisions

    def resolve(self, narrative: NarrativeSection, problems: list[Problem]) -> Section:
        placed: list[str] = []
        priorities: list[Block] = []

        def swap(placement: Placement) -> Block:
            try:
                block = self.builders[placement.kind](placement.id)
                if placement.kind == "recommendation":
                    placed.append(placement.id)
                if (placement.kind, placement.id) == ("decisions", "priorities"):
                    priorities.append(block)
                return block
            except _RulesFailed:
                pass  # the rules file's own problems are reported; a placement adds nothing
            except _UnknownId as unknown:
                problems.append(Problem(
                    placement.file, f"no {placement.kind} '{placement.id}'"
                    f"{did_you_mean(placement.id, unknown.known)}", line=placement.line,
                    expected=unknown.expected))
            except InputError as error:
                problems.extend(error.problems)
            return placement  # type: ignore[return-value]  # never reaches a Document

        section = resolve_placements(narrative.section, swap)
        for block in priorities:
            section = _insert_after(section, block, self._not_assessed())
        return self._close_with_recommendation(section, placed)

    def _not_assessed(self) -> Paragraph | None:
        """Under the priorities list, the priorities this document could not assess."""
        if not self.left_out:
            return None
        names = _priorities(self.left_out)
        area = self.project.settings.area
        verb, them = ("is", "it") if len(names) == 1 else ("are", "them")
        return Paragraph(runs(
            f"{listed(names)} {verb} not assessed in this document, because the data it draws "
            f"on do not cover {area}; the partnership decides on {them} from its own "
            "information."))

    def _close_with_recommendation(self, section: Section, placed: list[str]) -> Section:
        """A section the rules decide on ends with their recommendation, unless the narrative
        placed it with '::: recommendation <id>'."""
        if self.decisions is None or section.id in placed or section.id is None:
            return section
        recommendation = recommendation_for(self.decisions, section.id)
        if recommendation is None:
            return section
        return replace(section, children=(*section.children, recommendation))

    def _recommendation(self, section_id: str) -> Block:
        decisions = self._need_decisions()
        recommendation = recommendation_for(decisions, section_id)
        if recommendation is None:
            sections = sorted({d.section for d in decisions})
            raise _UnknownId(sections, "the id of a section a rule in content/rules.yaml closes")
        return recommendation

    def _decisions(self, what: str) -> Block:
        decisions = self._need_decisions()
        settings = self.project.settings
        made = {
            "priorities": lambda: priorities_list(decisions),
            "changes": lambda: (
                changes_paragraph(decisions, decisions.previous_priorities)
                if decisions.previous_priorities is not None
                else unrecorded_changes_paragraph(settings.focus_partnership)),
            "explanation": lambda: explanation_table(decisions),
        }
        if what not in made:
            raise _UnknownId(made, "priorities, changes or explanation")
        return made[what]()

    def _need_decisions(self) -> Decisions:
        if self.decisions is None and (self.project.content_dir / "rules.yaml").is_file():
            raise _RulesFailed  # the file is there, but could not decide (see make_decisions)
        if self.decisions is None:
            raise InputError(Problem("content/rules.yaml", "there is no rules file, so there "
                                     "are no decisions to place", expected="content/rules.yaml"))
        return self.decisions

    def _table(self, table_id: str) -> Block:
        specs = self._spec_file("tables", load_table_specs)
        if table_id not in specs:
            raise _UnknownId(specs, "an id from content/tables.yaml")
        datasets, area = self.project.datasets, self.project.settings.area
        table = _BY_DATASETS.get(datasets, ("table", table_id, area, same(specs)), lambda: (
            compute_table(table_id, datasets, focus_area=area, specs=specs)))
        self.disclosures += table.disclosures
        self.placed.append(("table", table_id))
        return table.to_table()

    def _figure(self, figure_id: str) -> Block:
        specs = self._spec_file("figures", load_figure_specs)
        if figure_id not in specs:
            raise _UnknownId(specs, "an id from content/figures.yaml")
        figure = build_figure(figure_id, self.project.datasets,
                              focus_area=self.project.settings.area, specs=specs,
                              cache=self.figures, style=self.style)
        self.placed.append(("figure", figure_id))
        return figure

    def naming_data_tables(self, document: Document) -> Document:
        """Each chart's alt text ends naming the table of the document that holds its figures
        (the first by number, see :func:`~.figures.alt_text.holds_the_data`) rather than the
        appendix of sources; table numbers are the ones every format prints
        (:func:`~.model.assign_numbers`)."""
        tables = [spec_id for kind, spec_id in self.placed if kind == "table"]
        if not tables or not any(kind == "figure" for kind, _ in self.placed):
            return document
        numbers = {node.id: node.number for node in iter_nodes(assign_numbers(document))
                   if isinstance(node, Table) and node.id in tables and node.number is not None}
        table_specs = self._spec_file("tables", load_table_specs)
        figure_specs = self._spec_file("figures", load_figure_specs)
        held_in = [(numbers[t], table_specs[t].model_dump()) for t in dict.fromkeys(tables)
                   if t in numbers]

        def name_the_table(figure: Figure) -> Figure:
            if figure.id is None or figure.id not in figure_specs:
                return figure
            spec = figure_specs[figure.id].model_dump()
            held = sorted(number for number, table in held_in if holds_the_data(spec, table))
            if not held:
                return figure
            title = self.project.datasets.manifest.dataset(spec["dataset"]).title
            return replace(figure, alt_text=naming_the_table(figure.alt_text, title,
                                                             SOURCES_TITLE, held[0]))

        return replace(document, children=tuple(_with_figures(block, name_the_table)
                                                for block in document.children))

    def reference_problems(self, narratives: Iterable[NarrativeSection]) -> list[Problem]:
        """A cross-reference (``[](#table:<id>)``) to a table or figure that has no spec, or that
        the document does not place, at its line."""
        problems = []
        for reference in (r for narrative in narratives for r in narrative.references):
            if (reference.kind, reference.id) in self.placed:
                continue
            specs = self._spec_file(f"{reference.kind}s", _SPEC_LOADERS[reference.kind])
            if reference.id not in specs:
                message = (f"no {reference.kind} '{reference.id}' to refer to"
                           f"{did_you_mean(reference.id, specs)}")
                expected = f"an id from content/{reference.kind}s.yaml"
            else:
                message = (f"the {reference.kind} '{reference.id}' is referred to, but the "
                           "document does not place it")
                expected = f"'::: {reference.kind} {reference.id}' in one of the content files"
            problems.append(Problem(reference.file, message, line=reference.line,
                                    expected=expected))
        return problems

    def placed_datasets(self) -> set[str]:
        """The datasets the placed tables and figures draw on, with the population their
        rates per 1,000 divide by."""
        found = {dataset for kind, spec_id in self.placed
                 for dataset, _ in self.datasets_of(kind, spec_id)}
        for kind, spec_id in self.placed:
            specs = self._spec_file(f"{kind}s", load_table_specs if kind == "table"
                                    else load_figure_specs)
            if shows_rates(specs[spec_id].model_dump()):
                found.add(specs.population.dataset)
        return found

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
            self._specs[name] = _spec_file(self.project, name, load)
        return self._specs[name]


def _with_figures(block: Block, change: Callable[[Figure], Figure]) -> Block:
    """``block`` with ``change`` applied to every figure in it (figures are placed in
    sections)."""
    if isinstance(block, Figure):
        return change(block)
    if isinstance(block, Section):
        return replace(block, children=tuple(_with_figures(b, change) for b in block.children))
    return block


_SPEC_LOADERS: dict[str, Callable[..., Any]] = {"table": load_table_specs,
                                                "figure": load_figure_specs}


def _spec_file(project: Project, name: str, load: Callable[..., Any]) -> Any:
    """The specs of content/<name>.yaml (tables or figures), read by ``load``."""
    path = project.content_dir / f"{name}.yaml"
    return _kept(path, (name,), lambda: load(path, shown_as=f"content/{name}.yaml"))


def _priorities(decisions: Iterable[Decision]) -> list[str]:
    return list(dict.fromkeys(decision.priority for decision in decisions))


def _insert_after(section: Section, block: Block, new: Block | None) -> Section:
    """``section`` with ``new`` just after ``block`` (found by identity, at any depth)."""
    if new is None:
        return section
    children: list[Block] = []
    for child in section.children:
        children.append(_insert_after(child, block, new) if isinstance(child, Section) else child)
        if child is block:
            children.append(new)
    return replace(section, children=tuple(children))


_KEPT: dict[tuple[Any, ...], tuple[bytes, Any]] = {}
_KEPT_AT_MOST = 32


def _kept(path: Path, key: tuple[Any, ...], read: Callable[[], _T]) -> _T:
    """``read()``, or, when the file at ``path`` holds the same bytes as when it was last read
    with the same ``key``, what that gave: a rebuild in the same process reads again only the
    spec and rules files that changed. What ``read`` raises is never kept."""
    if unreadable(path, path.name, MAX_TEXT_BYTES) is not None:
        return read()  # which reports the file, never reading a pipe or /dev/zero for ever
    try:
        data = path.read_bytes()
    except OSError:
        return read()  # which reports the file as it always does
    entry = (path, *key)
    kept = _KEPT.get(entry)
    if kept is not None and kept[0] == data:
        return kept[1]  # type: ignore[no-any-return]
    result = read()
    _KEPT.pop(entry, None)
    _KEPT[entry] = (data, result)
    while len(_KEPT) > _KEPT_AT_MOST:
        del _KEPT[next(iter(_KEPT))]  # the longest kept
    return result


def _fact_index(project: Project) -> FactIndex:
    """The project's facts indexed for the literal-figure check, kept for the same facts: a
    rebuild of the same loaded project in the same process does not index them again."""
    facts = project.facts
    return _BY_FACTS.get(facts, "index", lambda: FactIndex(
        {name: fact.value for name, fact in facts.items()}))


_SUB_DISTRICT_KINDS = frozenset({"ward_list", "cost"})
"""Table kinds whose rows are wards or police divisions."""


class _RulesFailed(Exception):
    """A placement needs the rules' decisions, and the rules file exists but failed to load or
    decide: its problems are reported already, so the placement reports nothing more."""


class _UnknownId(Exception):
    def __init__(self, known: Iterable[str], expected: str) -> None:
        super().__init__()
        self.known = list(known)
        self.expected = expected
