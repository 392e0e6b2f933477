"""Loading figure specs and drawing figures from them: the entry points the builder and analysts use."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..data import Datasets
from ..data.text_files import read_utf8
from ..data.yaml_source import YamlSource
from ..errors import InputError, Problem
from ..model import Figure
from ..periods import Period
from ..tables.context import TableContext
from ..tables.spec_file import SpecPlace, closest, known_list, read_spec_data, read_spec_text
from ..tables.specs import PopulationSpec
from .charts import Chart, grouped_bars, ranked_bars
from .png import png_bytes
from .specs import FigureSpec, GroupedBarsSpec, RankedBarsSpec

FIGURES_FILE = "content/figures.yaml"
"""Where a project keeps its figure specs."""


@dataclass(frozen=True, slots=True)
class FigureKind:
    """A kind of chart: the model its spec is validated with, and the function that draws it."""

    name: str
    spec: type[FigureSpec]
    draw: Callable[[TableContext, Any], Chart]


FIGURE_KINDS: dict[str, FigureKind] = {
    kind.name: kind
    for kind in (
        FigureKind("ranked_bars", RankedBarsSpec, ranked_bars),
        FigureKind("grouped_bars", GroupedBarsSpec, grouped_bars),
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
) -> Figure:
    """The Figure node for ``figure_id``: PNG bytes at 200 dpi, alt text, caption, source."""
    chart = figure_chart(figure_id, datasets, focus_area=focus_area, specs=specs, as_of=as_of)
    return Figure(image=png_bytes(chart.figure), alt_text=chart.alt_text, caption=chart.caption,
                  source=chart.source, id=chart.id, width=chart.width)


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
