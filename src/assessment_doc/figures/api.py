"""Loading figure specs and drawing figures from them: the entry points the builder and analysts use."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from ..data import Datasets
from ..data.text_files import read_utf8
from ..data.yaml_source import YamlSource
from ..errors import InputError, Problem
from ..model import Figure
from ..periods import Period
from ..tables.context import TableContext
from ..tables.spec_file import SpecPlace, closest, known_list, read_spec_data, read_spec_text
from ..tables.specs import PopulationSpec
from .cache import FigureCache, figure_key
from .specs import FigureSpec, GroupedBarsSpec, RankedBarsSpec

if TYPE_CHECKING:
    from .charts import Chart

FIGURES_FILE = "content/figures.yaml"
"""Where a project keeps its figure specs."""


@dataclass(frozen=True, slots=True)
class FigureKind:
    """A kind of chart: the model its spec is validated with, and the function that draws it."""

    name: str
    spec: type[FigureSpec]
    draw: Callable[[TableContext, Any], Chart]


def _drawn_by(name: str) -> Callable[[TableContext, Any], Chart]:
    """The chart function ``name`` of :mod:`.charts`, imported when first called: matplotlib
    (about half a second to import) loads only when a chart is drawn, not for a build whose
    figures are all kept (:mod:`.cache`), nor for ``check`` of a project without figures."""

    def draw(ctx: TableContext, spec: Any) -> Chart:
        from . import charts

        return getattr(charts, name)(ctx, spec)

    draw.__name__ = draw.__qualname__ = name
    return draw


FIGURE_KINDS: dict[str, FigureKind] = {
    kind.name: kind
    for kind in (
        FigureKind("ranked_bars", RankedBarsSpec, _drawn_by("ranked_bars")),
        FigureKind("grouped_bars", GroupedBarsSpec, _drawn_by("grouped_bars")),
    )
}
"""Every chart kind, by name."""


def figure_kind(name: str) -> FigureKind:
    """The kind called ``name``; KeyError naming the closest and all known kinds if none is."""
    try:
        return FIGURE_KINDS[name]
    except KeyError:
        raise KeyError(f"no figure kind '{name}'{closest(name, FIGURE_KINDS)}; the kinds are "
                       f"{known_list(FIGURE_KINDS)}") from None


@dataclass(frozen=True, slots=True)
class FigureSpecs:
    """The validated figure specs of a project, by id, in the order the file lists them."""

    file: str
    figures: Mapping[str, FigureSpec]
    population: PopulationSpec = field(default_factory=PopulationSpec)
    source: YamlSource | None = None

    def __getitem__(self, figure_id: str) -> FigureSpec:
        if figure_id not in self.figures:
            raise KeyError(f"no figure '{figure_id}' in {self.file}"
                           f"{closest(figure_id, self.figures)}")
        return self.figures[figure_id]

    def __contains__(self, figure_id: object) -> bool:
        return figure_id in self.figures

    def __iter__(self) -> Iterator[str]:
        return iter(self.figures)

    def __len__(self) -> int:
        return len(self.figures)

    def place(self, figure_id: str) -> SpecPlace:
        return SpecPlace(self.file, "figures", figure_id, self.source)


_EXAMPLE = """\
  figures:
    violent_crime_wards:
      kind: ranked_bars
      dataset: violent_crime_wards
      ..."""


def _model_for(kind: str) -> type[FigureSpec] | None:
    found = FIGURE_KINDS.get(kind)
    return None if found is None else found.spec


_READING: dict[str, Any] = {
    "section": "figures", "model_for": _model_for, "kinds": tuple(FIGURE_KINDS),
    "settings": {"population": PopulationSpec}, "example": _EXAMPLE,
}


def parse_figure_specs(text: str, shown_as: str = FIGURES_FILE) -> FigureSpecs:
    """Validate the text of a figures.yaml; InputError lists every problem in it."""
    entries = read_spec_text(text, shown_as, **_READING)
    return FigureSpecs(entries.file, entries.entries,  # type: ignore[arg-type]
                       entries.settings.get("population", PopulationSpec()), entries.source)


def figure_specs_from_dict(data: Mapping[str, Any], shown_as: str = "figure specs") -> FigureSpecs:
    """Validate specs given as Python data (``{'figures': {id: {...}}}``)."""
    entries = read_spec_data(dict(data), shown_as, **_READING)
    return FigureSpecs(entries.file, entries.entries,  # type: ignore[arg-type]
                       entries.settings.get("population", PopulationSpec()), None)


def load_figure_specs(path: str | Path, *, shown_as: str | None = None) -> FigureSpecs:
    """Read and validate a figures.yaml file."""
    path = Path(path)
    shown = shown_as or str(PurePosixPath(path.parent.name or ".", path.name))
    text = read_utf8(path, shown)
    if isinstance(text, Problem):
        raise InputError(text)
    return parse_figure_specs(text, shown)


def figure_chart(
    figure_id: str,
    datasets: Datasets,
    *,
    focus_area: str,
    specs: FigureSpecs,
    as_of: Period | str | None = None,
) -> Chart:
    """The chart drawn (a matplotlib Figure, its data as a DataFrame, alt text, caption)."""
    spec = specs[figure_id]
    ctx = TableContext(datasets, focus_area, specs.place(figure_id), specs.population,
                       None if as_of is None else Period.parse(str(as_of)))
    return FIGURE_KINDS[spec.kind].draw(ctx, spec)


def build_figure(
    figure_id: str,
    datasets: Datasets,
    *,
    focus_area: str,
    specs: FigureSpecs,
    as_of: Period | str | None = None,
    cache: FigureCache | None = None,
) -> Figure:
    """The Figure node for ``figure_id``: PNG bytes at 200 dpi, alt text, caption, source.

    With a ``cache``, a figure of the same spec, data, code and libraries is taken from it
    rather than drawn again, and a figure drawn is put in it (see :mod:`.cache`).
    """
    key = None
    if cache is not None:
        key = figure_key(specs[figure_id], specs.population, datasets, focus_area, as_of)
        kept = cache.get(key)
        if kept is not None:
            return kept
    from .png import png_bytes

    chart = figure_chart(figure_id, datasets, focus_area=focus_area, specs=specs, as_of=as_of)
    figure = Figure(image=png_bytes(chart.figure), alt_text=chart.alt_text,
                    caption=chart.caption, source=chart.source, id=chart.id, width=chart.width)
    if cache is not None and key is not None:
        cache.put(key, figure)
    return figure


def build_all_figures(
    datasets: Datasets,
    *,
    focus_area: str,
    specs: FigureSpecs,
    as_of: Period | str | None = None,
) -> dict[str, Figure]:
    """Every figure by id; InputError lists the problems of every figure that fails."""
    figures: dict[str, Figure] = {}
    problems: list[Problem] = []
    for figure_id in specs:
        try:
            figures[figure_id] = build_figure(figure_id, datasets, focus_area=focus_area,
                                              specs=specs, as_of=as_of)
        except InputError as error:
            problems += error.problems
    if problems:
        raise InputError(problems)
    return figures


class FiguresAhead:
    """Figures being drawn ahead of need: most in a child process, the rest here on
    :meth:`finish`; see :func:`draw_ahead`."""

    def __init__(self, draw_there: Callable[[], dict[str, Figure]] | None,
                 draw_here: Callable[[], None], cache: FigureCache) -> None:
        from ..parallel import in_child

        self.child = in_child(draw_there) if draw_there is not None else None
        self.draw_here = draw_here
        self.cache = cache

    def finish(self) -> None:
        """Draw this process's share, then wait for the child's and put them all in the cache."""
        self.draw_here()
        if self.child is not None:
            child, self.child = self.child, None
            for key, figure in child.result().items():
                self.cache.put(key, figure)

    def discard(self) -> None:
        """Stop waiting for the child (after an error); nothing is put in the cache."""
        if self.child is not None:
            self.child.discard()
            self.child = None


def draw_ahead(
    figure_ids: list[str],
    datasets: Datasets,
    *,
    focus_area: str,
    specs: FigureSpecs,
    cache: FigureCache,
) -> FiguresAhead:
    """Start drawing the figures of ``figure_ids`` that ``cache`` lacks: two thirds of them in a
    child process (see :mod:`assessment_doc.parallel`) while this process goes on, the rest here
    when :meth:`FiguresAhead.finish` is called, which also collects the child's into ``cache``.

    A figure that fails is left out, so that :func:`build_figure` draws it again when it is
    needed and reports its problems as it always does; a figure never needed costs only time.
    """
    keys = {figure_id: figure_key(specs[figure_id], specs.population, datasets, focus_area, None)
            for figure_id in dict.fromkeys(figure_ids) if figure_id in specs}
    missing = [figure_id for figure_id, key in keys.items() if cache.get(key) is None]
    there = missing[:-(-2 * len(missing) // 3)]
    if there:
        from . import charts, png  # noqa: F401 - imported once, here, for both processes

    def draw(ids: list[str]) -> dict[str, Figure]:
        drawn: dict[str, Figure] = {}
        for figure_id in ids:
            try:
                drawn[keys[figure_id]] = build_figure(figure_id, datasets, focus_area=focus_area,
                                                      specs=specs)
            except Exception:  # noqa: BLE001, S112 - drawn again, and reported, when needed
                continue
        return drawn

    def draw_here() -> None:
        for key, figure in draw(missing[len(there):]).items():
            cache.put(key, figure)

    return FiguresAhead((lambda: draw(there)) if there else None, draw_here, cache)
