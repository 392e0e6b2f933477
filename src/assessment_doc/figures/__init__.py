"""Figures: charts drawn with matplotlib from the tidy frames and a spec in content/figures.yaml,
returned as :class:`~assessment_doc.model.Figure` nodes (PNG bytes at 200 dpi, alt text written
from the data, caption, source). A chart is planned (:mod:`.plans`: its data and words) without
matplotlib, which is imported only to draw one that is not kept (:mod:`.cache`).

Charts are deterministic (same data, same bytes), use colour-blind-safe colours with at least 3:1
contrast on white, and mark the focus area by hatch, outline and label as well as colour. A
project's ``style:`` gives them its colours and font (:mod:`.look`).
"""

from .api import (
    FIGURE_KINDS,
    FIGURES_FILE,
    FigureKind,
    FiguresAhead,
    FigureSpecs,
    build_all_figures,
    build_figure,
    draw_ahead,
    figure_chart,
    figure_kind,
    figure_plan,
    figure_specs_from_dict,
    load_figure_specs,
    parse_figure_specs,
)
from .cache import FigureCache
from .plans import ChartPlan
from .palette import contrast_ratio, relative_luminance

_IMPORTED_WHEN_ASKED = {"Chart": ".charts", "DPI": ".png", "png_bytes": ".png"}
"""Names from the modules that import matplotlib, loaded on first use (see ``_drawn_by``)."""


def __getattr__(name: str) -> object:
    if name in _IMPORTED_WHEN_ASKED:
        from importlib import import_module

        value = getattr(import_module(_IMPORTED_WHEN_ASKED[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DPI",
    "FIGURES_FILE",
    "FIGURE_KINDS",
    "Chart",
    "ChartPlan",
    "FigureCache",
    "FigureKind",
    "FigureSpecs",
    "FiguresAhead",
    "build_all_figures",
    "build_figure",
    "contrast_ratio",
    "draw_ahead",
    "figure_chart",
    "figure_kind",
    "figure_plan",
    "figure_specs_from_dict",
    "load_figure_specs",
    "parse_figure_specs",
    "png_bytes",
    "relative_luminance",
]
