"""The chart kinds drawn with matplotlib (no pyplot) from their plans (:mod:`.plans`).

``ranked_bars``: one horizontal bar per area, sorted; the focus area's bar is hatched and outlined
and its name set in bold and named in the legend; a reference area (such as Kent) is a dashed
line, which no value label crosses (see :mod:`.value_labels`); a suppressed value is a gap
labelled ``[c]``, never a zero-length bar.
``grouped_bars``: areas side by side over several periods, from hollow (oldest) to black
(latest) (see :data:`~.palette.SERIES_STYLES`). Titles belong in the caption, not in the image.
Every word is :data:`~.png.TEXT_SIZE` points.

No chart is taller than :data:`~.selection.MAX_HEIGHT` (with its caption it fits an A4 page);
one with more areas than fit draws a selection and says so (see :mod:`.selection`). A name too
long for its place (a 5,000-character area name) is cut short with an ellipsis; the chart's
data, its alt text and the tables keep it whole.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from ..format import format_number
from ..tables.context import TableContext
from ..values import Suppressed
from .look import DEFAULT_LOOK, ChartLook
from .palette import BLACK, FOCUS_HATCH, GRID
from .plans import (
    MAX_RANKED_ROWS,
    WIDTH,
    ChartPlan,
    GroupedDrawing,
    RankedDrawing,
    plan_grouped,
    plan_ranked,
    plural,
)
from .png import TEXT_SIZE, draw, fitted, new_figure, plain, set_margins, text_width
from .selection import Gap, drawn_areas
from .specs import GroupedBarsSpec, RankedBarsSpec
from .value_labels import GAP, lay_out_labels

__all__ = ["MAX_RANKED_ROWS", "WIDTH", "Chart", "chart_of", "draw_plan", "grouped_bars",
           "ranked_bars"]

REFERENCE_LINE_WIDTH = 1.2
"""Points: the dashed reference line (the value labels keep clear of it by more than half)."""
_OUTLINE = 72 * 2 / 200
"""Points: the outline of a grouped chart's bars, two whole pixels at 200 dpi, so that the
snapped edges are solid black rather than a grey of their own."""
_LABEL_ROOM = 0.05
"""Inches left clear between the longest value label and the plot's right edge."""
_NAMES_SHARE = 0.4
"""The widest share of a ranked chart's width its row names may take; a longer name is cut."""


@dataclass(frozen=True, slots=True)
class Chart:
    """A drawn chart before it becomes PNG bytes: the figure, its data and its words."""

    id: str
    figure: Figure
    data: pd.DataFrame
    """What is drawn: one row per area (index), one column per plotted value."""
    alt_text: str
    caption: str
    source: str
    width: float
    look: ChartLook = DEFAULT_LOOK
    """The colours and font it is drawn in (pass ``look.font`` to :func:`~.png.png_bytes`)."""


def draw_plan(plan: ChartPlan, look: ChartLook = DEFAULT_LOOK) -> Figure:
    """The matplotlib figure of ``plan``, in the colours and font of ``look``."""
    drawing = plan.drawing
    if isinstance(drawing, RankedDrawing):
        return draw(lambda: _draw_ranked(drawing, plan.size, look), look.font)
    return draw(lambda: _draw_grouped(drawing, plan.size, look), look.font)


def chart_of(plan: ChartPlan, look: ChartLook = DEFAULT_LOOK) -> Chart:
    """The plan drawn, with its data and words."""
    return Chart(plan.id, draw_plan(plan, look), plan.data, plan.alt_text, plan.caption,
                 plan.source, plan.width, look)


def ranked_bars(ctx: TableContext, spec: RankedBarsSpec) -> Chart:
    return chart_of(plan_ranked(ctx, spec))


def grouped_bars(ctx: TableContext, spec: GroupedBarsSpec) -> Chart:
    return chart_of(plan_grouped(ctx, spec))


# --- ranked bars --------------------------------------------------------------------------------


def _draw_ranked(drawing: RankedDrawing, size: tuple[float, float], look: ChartLook) -> Figure:
    order = list(drawing.rows)
    values, highlight, reference = drawing.values, drawing.highlight, drawing.reference
    fmt = functools.partial(format_number, places=drawing.places)
    figure = new_figure(*size)
    axes = figure.add_subplot()
    row = {area: len(order) - 1 - index for index, area in enumerate(order)}  # first on top
    shown = [a for a in drawn_areas(order) if not isinstance(values[a], Suppressed)]
    for focus in (False, True):
        areas = [a for a in shown if (a in highlight) is focus]
        if areas:
            axes.barh([row[a] for a in areas], [values[a] for a in areas], height=0.7,
                      color=look.focus if focus else look.others,
                      edgecolor=BLACK if focus else look.others,
                      linewidth=1.2 if focus else 0, hatch=FOCUS_HATCH if focus else None)
    names = _row_names(figure, axes, order, row, drawing)
    axes.set_yticks([])
    axes.set_ylim(-0.6, len(order) - 0.4)
    axes.set_xlabel(plain(fitted(figure, drawing.value_label, size[0] - 0.3)))
    axes.grid(axis="x", color=GRID, linewidth=0.5, linestyle=":")
    axes.set_axisbelow(True)
    handles = _ranked_legend(figure, axes, drawing, fmt, look)
    widest = max((text_width(figure, name, TEXT_SIZE, bold, italic)
                  for name, bold, italic in names), default=0)
    set_margins(figure, left=widest + 0.2, bottom=0.6 + _legend_below(figure, handles))
    _value_labels(figure, axes, order, row, values, highlight, reference, fmt)
    return figure


def _row_names(figure: Figure, axes, order: list[str | Gap], row: dict,
               drawing: RankedDrawing) -> list[tuple[str, bool, bool]]:
    """Each row's name left of the axis: the focus area's in bold, a row standing for areas
    left out in italic. Returns (name, bold, italic) for measuring the margin.

    Names are texts beside the axis rather than tick labels: ticks are costly objects, and a
    name is all a row needs."""
    names: list[tuple[str, bool, bool]] = []
    room = figure.get_size_inches()[0] * _NAMES_SHARE
    for area in order:
        if isinstance(area, Gap):
            many = plural(drawing.area_type) if area.count > 1 else drawing.area_type
            name = f"\u2026 {area.count:,} more {many}"
            bold, italic = False, True
        else:
            name, bold, italic = area, area in drawing.highlight, False
        name = fitted(figure, name, room, bold, italic)
        names.append((name, bold, italic))
        axes.annotate(plain(name), xy=(0, row[area]), xycoords=("axes fraction", "data"),
                      xytext=(-4, 0), textcoords="offset points", ha="right", va="center",
                      fontsize=TEXT_SIZE, fontweight="bold" if bold else "normal",
                      fontstyle="italic" if italic else "normal", color=BLACK)
    return names


def _ranked_legend(figure: Figure, axes, drawing: RankedDrawing,
                   fmt: Callable[[float], str], look: ChartLook) -> list:
    """The legend's entries: the focus area(s), the others, and the reference line (drawn here,
    with its value in the legend rather than on the plot, where it would meet the bars' labels)."""
    handles = []
    room = _legend_room(figure)
    if drawing.highlight:
        for area in sorted(drawing.highlight):
            label = fitted(figure, area, room - text_width(figure, " (focus area)", TEXT_SIZE))
            handles.append(Patch(facecolor=look.focus, edgecolor=BLACK, hatch=FOCUS_HATCH,
                                 linewidth=1.2, label=plain(f"{label} (focus area)")))
        handles.append(Patch(facecolor=look.others, edgecolor=look.others,
                             label=f"Other {plural(drawing.area_type)}"))
    if drawing.reference is not None:
        name, value = drawing.reference
        label = fitted(figure, f"{name}: {fmt(value)}", room)
        handles.append(axes.axvline(value, color=BLACK, linestyle="--",
                                    linewidth=REFERENCE_LINE_WIDTH, label=plain(label)))
    return handles


def _value_labels(figure: Figure, axes, order: list[str | Gap], row: dict, values: dict,
                  highlight: set[str], reference: tuple[str, float] | None,
                  fmt: Callable[[float], str]) -> None:
    """Each row's value past its bar (or its words, for a row without one), never across the
    reference line, on a value axis just long enough for the longest (see :mod:`.value_labels`).

    Called once the margins are set: the plot's width in inches decides both."""
    labels: list[tuple[str | Gap, str, float, dict]] = []
    for area in order:
        value = None if isinstance(area, Gap) else values[area]
        if isinstance(area, Gap):
            labels.append((area, _gap_words(area, values, fmt), 0.0, {"fontstyle": "italic"}))
        elif isinstance(value, Suppressed):
            labels.append((area, "[c] suppressed at source", 0.0, {"fontstyle": "italic"}))
        else:
            weight = "bold" if area in highlight else "normal"
            labels.append((area, fmt(value), float(value), {
                "fontweight": weight, "zorder": 3,
                "bbox": {"facecolor": "white", "edgecolor": "none", "pad": 0.6}}))
    left, right = figure.subplotpars.left, figure.subplotpars.right
    plot_width = figure.get_size_inches()[0] * (right - left) - _LABEL_ROOM
    widths = [text_width(figure, text, TEXT_SIZE, style.get("fontweight") == "bold",
                         style.get("fontstyle") == "italic") for _a, text, _v, style in labels]
    layout = lay_out_labels([end for _a, _t, end, _s in labels], widths,
                            None if reference is None else reference[1], plot_width)
    axes.set_xlim(0, layout.axis_end * (plot_width + _LABEL_ROOM) / plot_width)
    axes.xaxis.set_major_formatter(_tick_numbers(axes.xaxis.get_majorticklocs()))
    for (area, text, _end, style), anchor in zip(labels, layout.anchors):
        axes.annotate(text, xy=(anchor, row[area]), xytext=(GAP * 72, 0),
                      textcoords="offset points", ha="left", va="center", fontsize=TEXT_SIZE,
                      color=BLACK, **style)


def _tick_numbers(ticks) -> FuncFormatter:
    """Tick labels with thousands separators and as many decimal places as the step between
    ticks needs: 0, 20, 40 for counts; 0.0, 0.1, 0.2 for a rate of a fraction of one."""
    step = min((b - a for a, b in zip(ticks, ticks[1:]) if b > a), default=1.0)
    places = next((p for p in range(4) if math.isclose(round(step, p), step, rel_tol=1e-6)), 4)
    return FuncFormatter(lambda x, _: f"{x:,.{places}f}")


def _gap_words(gap: Gap, values: dict, fmt: Callable[[float], str]) -> str:
    """What a row standing for areas left out says: their range of values, or [c]."""
    if gap.suppressed:
        return "[c] suppressed at source, not drawn"
    numbers = [values[a] for a in gap.areas if not isinstance(values[a], Suppressed)]
    low, high = min(numbers), max(numbers)
    if fmt(low) == fmt(high):
        return f"not drawn: {fmt(low)} each"
    return f"not drawn: from {fmt(high)} down to {fmt(low)}"


# --- grouped bars -------------------------------------------------------------------------------


def _draw_grouped(drawing: GroupedDrawing, size: tuple[float, float], look: ChartLook) -> Figure:
    slots, series = list(drawing.slots), drawing.series
    figure = new_figure(*size)
    labels = [plain(fitted(figure, label, _legend_room(figure))) for label in drawing.labels]
    axes = figure.add_subplot()
    count = len(labels)
    width = 0.8 / count
    styles = (look.series[-count:] if count <= len(look.series)
              else look.series * (count // len(look.series) + 1))
    placed = [(x, area) for x, area in enumerate(slots) if not isinstance(area, Gap)]
    for i, label in enumerate(labels):
        xs = [x + (i - (count - 1) / 2) * width for x, _area in placed]
        heights = [series[a][i] for _x, a in placed]
        axes.bar([x for x, h in zip(xs, heights) if h is not None],
                 [h for h in heights if h is not None], width=width * 0.92,
                 color=styles[i].fill, edgecolor=styles[i].edge, linewidth=_OUTLINE,
                 hatch=styles[i].hatch or None, label=label)
        for x, h in zip(xs, heights):
            if h is None:
                axes.text(x, 0, "[c]", ha="center", va="bottom", fontsize=TEXT_SIZE,
                          color=BLACK)
    room = (size[0] - 1.1) / max(len(slots), 1)  # inches across one group, less a little
    names = [f"\u2026 {slot.count:,} more\n{plural(drawing.area_type)}" if isinstance(slot, Gap)
             else "\n".join(plain(fitted(figure, line, room)) for line in _wrap(slot).split("\n"))
             for slot in slots]
    axes.set_xticks(range(len(slots)), names)
    for slot, tick in zip(slots, axes.get_xticklabels()):
        if isinstance(slot, Gap):
            tick.set_fontstyle("italic")
    axes.set_ylabel(plain(fitted(figure, drawing.value_label, size[1] - 0.3)))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda y, _: f"{y:,.0f}"))
    axes.grid(axis="y", color=GRID, linewidth=0.5, linestyle=":")
    axes.set_axisbelow(True)
    axes.tick_params(axis="x", length=0)
    top = max((h for _x, area in placed for h in series[area] if h is not None), default=0)
    numbers = text_width(figure, f"{top:,.0f}", TEXT_SIZE)
    lines = max((name.count("\n") + 1 for name in names), default=1)
    handles, _labels = axes.get_legend_handles_labels()
    set_margins(figure, left=numbers + 0.45,
                bottom=0.12 + 0.17 * lines + _legend_below(figure, handles))
    return figure


_LEGEND_ROW = 0.22
"""Height of one legend row in inches (9.5 pt text and its spacing)."""
_LEGEND_KEY = 2.0
_LEGEND_KEY_PAD = 0.8
_LEGEND_SPACING = 1.5
"""A legend entry's key, the space after it, and the space between entries, in ems (the first
two are matplotlib's defaults; 1.5 rather than 2 ems between entries keeps the three entries of
a district chart on one row)."""


def _legend_below(figure: Figure, handles: list) -> float:
    """A legend along the bottom of the figure, outside the plot so it never covers a bar or a
    value; as many entries a row as fit. Returns the height it takes, in inches."""
    if not handles:
        return 0.0
    labels = [handle.get_label() for handle in handles]
    room = _legend_room(figure)
    em = TEXT_SIZE / 72  # inches
    key = (_LEGEND_KEY + _LEGEND_KEY_PAD) * em
    widths = [text_width(figure, label, TEXT_SIZE) + key for label in labels]
    columns = len(labels)
    while columns > 1 and _row_width(widths, columns) + (columns - 1) * _LEGEND_SPACING * em > room:
        columns -= 1
    rows = -(-len(labels) // columns)
    columns = -(-len(labels) // rows)  # balance the rows: 4 entries as 2 + 2, not 3 + 1
    # matplotlib fills a legend column by column; give it the entries so that they read
    # along the rows, in their own order.
    order = [i * columns + j for j in range(columns) for i in range(rows)
             if i * columns + j < len(labels)]
    figure.legend(handles=[handles[k] for k in order], labels=[labels[k] for k in order],
                  loc="lower center", ncols=columns, bbox_to_anchor=(0.5, 0.02),
                  fontsize=TEXT_SIZE, frameon=False, handlelength=_LEGEND_KEY,
                  handletextpad=_LEGEND_KEY_PAD, columnspacing=_LEGEND_SPACING)
    return rows * _LEGEND_ROW + 0.1


def _legend_room(figure: Figure) -> float:
    """The width in inches a legend row may take."""
    return figure.get_size_inches()[0] - 0.3


def _row_width(widths: list[float], columns: int) -> float:
    """The width of a legend row when entries are laid out ``columns`` to a row (each column
    as wide as its widest entry)."""
    return sum(max(widths[c::columns], default=0) for c in range(columns))


def _wrap(name: str, width: int = 12) -> str:
    """A long area name over two lines, broken at the space nearest its middle."""
    if len(name) <= width or " " not in name:
        return name
    middle = len(name) // 2
    spaces = [i for i, ch in enumerate(name) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - middle))
    return name[:cut] + "\n" + name[cut + 1:]
