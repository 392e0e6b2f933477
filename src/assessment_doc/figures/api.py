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
from .glyphs import describe, missing_characters
from .look import DEFAULT_LOOK, SETTINGS_FILE, ChartLook, chart_look
from .plans import ChartPlan, plan_grouped, plan_ranked
from .specs import FigureSpec, GroupedBarsSpec, RankedBarsSpec

if TYPE_CHECKING:
    from ..render.house_style import HouseStyle
    from .charts import Chart

FIGURES_FILE = "content/figures.yaml"
"""Where a project keeps its figure specs."""


@dataclass(frozen=True, slots=True)
class FigureKind:
    """A kind of chart: the model its spec is validated with, and the function that plans it
    (reads its data and writes its words, without drawing: see :mod:`.plans`)."""

    name: str
    spec: type[FigureSpec]
    plan: Callable[[TableContext, Any], ChartPlan]

    def draw(self, ctx: TableContext, spec: Any) -> Chart:
        """The chart planned and drawn (matplotlib is imported here, when first needed:
        about half a second, which ``check`` and a build whose charts are all kept never pay)."""
        from .charts import chart_of

        return chart_of(self.plan(ctx, spec))


FIGURE_KINDS: dict[str, FigureKind] = {
    kind.name: kind
    for kind in (
        FigureKind("ranked_bars", RankedBarsSpec, plan_ranked),
        FigureKind("grouped_bars", GroupedBarsSpec, plan_grouped),
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


def figure_plan(
    figure_id: str,
    datasets: Datasets,
    *,
    focus_area: str,
    specs: FigureSpecs,
    as_of: Period | str | None = None,
) -> ChartPlan:
    """What the chart will show (its data, words and size), without drawing it; InputError
    told at the spec's line when its dataset, measure, areas or periods are not in the data."""
    spec = specs[figure_id]
    ctx = TableContext(datasets, focus_area, specs.place(figure_id), specs.population,
                       None if as_of is None else Period.parse(str(as_of)))
    return FIGURE_KINDS[spec.kind].plan(ctx, spec)


def figure_chart(
    figure_id: str,
    datasets: Datasets,
    *,
    focus_area: str,
    specs: FigureSpecs,
    as_of: Period | str | None = None,
    style: HouseStyle | None = None,
) -> Chart:
    """The chart drawn (a matplotlib Figure, its data as a DataFrame, alt text, caption), in
    the colours and font of the house ``style`` (see :mod:`.look`)."""
    from .charts import chart_of

    return chart_of(figure_plan(figure_id, datasets, focus_area=focus_area, specs=specs,
                                as_of=as_of), chart_look(style))


def draw_png(plan: ChartPlan, look: ChartLook = DEFAULT_LOOK) -> bytes:
    """The chart of ``plan`` as PNG bytes, in ``look`` (imports matplotlib)."""
    from .charts import draw_plan
    from .png import png_bytes

    return png_bytes(draw_plan(plan, look), look.font)


UNDRAWN = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c4944415478da63f8ffff3f0005fe02fe331295140000000049454e44ae426082")
"""A white pixel: the picture of a chart ``check`` plans but does not draw (never rendered)."""


def build_figure(
    figure_id: str,
    datasets: Datasets,
    *,
    focus_area: str,
    specs: FigureSpecs,
    as_of: Period | str | None = None,
    cache: FigureCache | None = None,
    style: HouseStyle | None = None,
) -> Figure:
    """The Figure node for ``figure_id``: PNG bytes at 200 dpi, alt text, caption, source.

    The chart is planned first (its data and words, see :mod:`.plans`), and drawn in the
    colours and font of the house ``style`` (see :mod:`.look`). With a ``cache``, the picture
    of the same spec, data, look, code and libraries is taken from it rather than drawn again,
    and a picture drawn is put in it (see :mod:`.cache`); a cache that does not draw
    (``check``'s) gives a blank picture. The words always come from the plan. Characters the
    chart font cannot draw, and what of the style the charts cannot follow, are added to the
    cache's warnings.
    """
    plan = figure_plan(figure_id, datasets, focus_area=focus_area, specs=specs, as_of=as_of)
    look = chart_look(style)
    image = None
    if cache is not None:
        cache.warnings.extend(Problem(SETTINGS_FILE, warning, column="style")
                              for warning in look.warnings)
        missing = missing_characters((*plan.words, plan.alt_text), look.font_files)
        if missing:
            cache.warnings.append(specs.place(figure_id).problem(
                f"the chart cannot draw {describe(missing)}: its font has no such characters, "
                "so they print as empty boxes in the chart (the caption, alt text and tables "
                "are not affected)"))
        key = figure_key(specs[figure_id], specs.population, datasets, focus_area, as_of, look)
        image = cache.get(key)
        if image is None and not cache.draws:
            image = UNDRAWN
        elif image is None:
            image = draw_png(plan, look)
            cache.drawn += 1
            cache.put(key, image)
    if image is None:
        image = draw_png(plan, look)
    return Figure(image=image, alt_text=plan.alt_text, caption=plan.caption, source=plan.source,
                  id=plan.id, width=plan.width)


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

    def __init__(self, draw_there: Callable[[], dict[str, bytes]] | None,
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
            for key, image in child.result().items():
                self.cache.drawn += 1
                self.cache.put(key, image)

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
    style: HouseStyle | None = None,
) -> FiguresAhead:
    """Start drawing the figures of ``figure_ids`` that ``cache`` lacks: two thirds of them in a
    child process (see :mod:`assessment_doc.parallel`) while this process goes on, the rest here
    when :meth:`FiguresAhead.finish` is called, which also collects the child's into ``cache``.
    They are drawn in the house ``style`` (see :mod:`.look`).

    A figure that fails is left out, so that :func:`build_figure` draws it again when it is
    needed and reports its problems as it always does; a figure never needed costs only time.
    """
    look = chart_look(style)
    keys = {figure_id: figure_key(specs[figure_id], specs.population, datasets, focus_area, None,
                                  look)
            for figure_id in dict.fromkeys(figure_ids) if figure_id in specs}
    missing = ([figure_id for figure_id, key in keys.items() if cache.get(key) is None]
               if cache.draws else [])
    there = missing[:-(-2 * len(missing) // 3)]
    if there:
        from . import charts, png  # noqa: F401 - imported once, here, for both processes

    def draw(ids: list[str]) -> dict[str, bytes]:
        drawn: dict[str, bytes] = {}
        for figure_id in ids:
            try:
                drawn[keys[figure_id]] = draw_png(figure_plan(
                    figure_id, datasets, focus_area=focus_area, specs=specs), look)
            except Exception:  # noqa: BLE001, S112 - drawn again, and reported, when needed
                continue
        return drawn

    def draw_here() -> None:
        for key, image in draw(missing[len(there):]).items():
            cache.drawn += 1
            cache.put(key, image)

    return FiguresAhead((lambda: draw(there)) if there else None, draw_here, cache)
