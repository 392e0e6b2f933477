"""Figures: charts drawn with matplotlib from the tidy frames and a spec in content/figures.yaml,
returned as :class:`~assessment_doc.model.Figure` nodes (PNG bytes at 200 dpi, alt text written
from the data, caption, source).

Charts are deterministic (same data, same bytes), use colour-blind-safe colours with at least 3:1
contrast on white, and mark the focus area by hatch, outline and label as well as colour.
"""

from .api import (
    FIGURE_KINDS,
    FIGURES_FILE,
    FigureKind,
    FigureSpecs,
    build_all_figures,
    build_figure,
    figure_chart,
    figure_kind,
    figure_specs_from_dict,
    load_figure_specs,
    parse_figure_specs,
)
from .charts import Chart
from .palette import contrast_ratio, relative_luminance
from .png import DPI, png_bytes

__all__ = [
    "DPI",
    "FIGURES_FILE",
    "FIGURE_KINDS",
    "Chart",
    "FigureKind",
    "FigureSpecs",
    "build_all_figures",
    "build_figure",
    "contrast_ratio",
    "figure_chart",
    "figure_kind",
    "figure_specs_from_dict",
    "load_figure_specs",
    "parse_figure_specs",
    "png_bytes",
    "relative_luminance",
]
