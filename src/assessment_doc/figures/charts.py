"""The chart kinds: data read through the table context, drawn with matplotlib (no pyplot).

``ranked_bars``: one horizontal bar per area, sorted; the focus area's bar is hatched and outlined
and its name set in bold and named in the legend; a reference area (such as Kent) is a dashed
line, which no value label crosses (see :mod:`.value_labels`); a suppressed value is a gap
labelled ``[c]``, never a zero-length bar.
``grouped_bars``: areas side by side over several periods, from hollow (oldest) to black
(latest) (see :data:`~.palette.SERIES_STYLES`). Titles belong in the caption, not in the image.
Every word is :data:`~.png.TEXT_SIZE` points.

No chart is taller than :data:`~.selection.MAX_HEIGHT` (with its caption it fits an A4 page);
one with more areas than fit draws a selection and says so (see :mod:`.selection`).
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

from ..format import format_count, format_number
from ..periods import Period
from ..tables.context import TableContext
from ..tables.references import last_periods, period_words, resolve
from ..values import Suppressed
from .alt_text import (
    grouped_alt_text,
    grouped_selection_sentence,
    ranked_alt_text,
    ranked_selection_sentence,
)
from .palette import BLACK, BLUE, FOCUS_HATCH, GRID, SERIES_STYLES, VERMILLION
from .png import TEXT_SIZE, draw, new_figure, set_margins, text_width
from .selection import MAX_HEIGHT, Gap, drawn_areas, grouped_slots, ranked_rows
from .specs import GroupedBarsSpec, RankedBarsSpec
from .value_labels import GAP, lay_out_labels

WIDTH = 6.3
"""Chart width in inches (the text width of an A4 page with 2.5 cm margins, less a little)."""

_RANKED_BASE = 0.9
"""Height of a ranked chart without its rows, in inches: the value axis, its label, the legend."""
_RANKED_ROW = 0.27
"""Height of one bar's row of a ranked chart, in inches (9 pt names with room between)."""
MAX_RANKED_ROWS = int((MAX_HEIGHT - _RANKED_BASE) / _RANKED_ROW)
"""Rows a ranked chart has at most (26): more areas than this are drawn as a selection."""
REFERENCE_LINE_WIDTH = 1.2
"""Points: the dashed reference line (the value labels keep clear of it by more than half)."""
_OUTLINE = 72 * 2 / 200
"""Points: the outline of a grouped chart's bars, two whole pixels at 200 dpi, so that the
snapped edges are solid black rather than a grey of their own."""
_LABEL_ROOM = 0.05
"""Inches left clear between the longest value label and the plot's right edge."""

_PLURAL = {"district": "districts", "ward": "wards", "police_division": "divisions",
           "unitary": "unitary authorities", "county": "counties", "country": "countries",
           "police_force_area": "police force areas"}


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


# --- ranked bars --------------------------------------------------------------------------------


def ranked_bars(ctx: TableContext, spec: RankedBarsSpec) -> Chart:
    ctx.measure(spec.dataset, spec.measure, ("measure",))
    period = ctx.period(spec.period, spec.dataset, [spec.measure], ("period",))
    names = {"current": period, "previous": period.previous(), "period": period}
    areas = _areas(ctx, spec)
    reference = None
    if spec.reference is not None:
        ref_area = ctx.area(spec.dataset, spec.reference.area, ("reference", "area"))
        areas = [area for area in areas if area != ref_area]
        reference = (spec.reference.label or ref_area, _read(ctx, spec, ref_area, period))
    values = {area: _read(ctx, spec, area, period) for area in areas}
    shown = sorted((a for a in areas if not isinstance(values[a], Suppressed)),
                   key=lambda a: values[a], reverse=spec.order == "descending")
    hidden = [a for a in areas if isinstance(values[a], Suppressed)]
    highlight = ctx.highlighted(spec.dataset, spec.highlight) & set(areas)
    places = spec.decimals if spec.decimals is not None else (1 if spec.show == "rate" else 0)
    fmt = functools.partial(format_number, places=places)
    per = " per 1,000 residents" if spec.show == "rate" else ""
    focus = next((a for a in shown if a in highlight), None)
    alt = spec.alt_text and ctx.fill(spec.alt_text, names, ("alt_text",))
    if isinstance(reference, tuple) and isinstance(reference[1], Suppressed):
        reference = None
    plural = _PLURAL.get(spec.area_type, "areas")
    rows = ranked_rows(shown, hidden, highlight, MAX_RANKED_ROWS)
    cut = any(isinstance(row, Gap) for row in rows)
    alt = alt or ranked_alt_text(
        values=[(a, values[a]) for a in shown], suppressed=hidden, noun=spec.noun,
        period=period.label, fmt=fmt, per=per, focus=focus, reference=reference,
        plural_areas=plural, suppressed_drawn=not cut)
    if cut and shown:
        alt += " " + ranked_selection_sentence(rows, len(areas), plural,
                                               descending=spec.order == "descending")
    order = shown + hidden
    figure = draw(lambda: _draw_ranked(rows, values, highlight, reference, fmt, spec))
    data = pd.DataFrame({"value": [values[a] for a in order]},
                        index=pd.Index(order, name="area"))
    return Chart(spec.id, figure, data, alt, ctx.fill(spec.caption, names, ("caption",)),
                 spec.source or ctx.dataset(spec.dataset).source, spec.width)


def _read(ctx: TableContext, spec: RankedBarsSpec, area: str, period: Period):
    if spec.show == "rate":
        return ctx.rate(spec.dataset, area, period, spec.measure, ("show",))
    return ctx.value(spec.dataset, area, period, spec.measure, ("period",))


def _draw_ranked(
    order: list[str | Gap],
    values: dict,
    highlight: set[str],
    reference: tuple[str, float] | None,
    fmt: Callable[[float], str],
    spec: RankedBarsSpec,
) -> Figure:
    figure = new_figure(WIDTH, _RANKED_BASE + _RANKED_ROW * len(order))
    axes = figure.add_subplot()
    row = {area: len(order) - 1 - index for index, area in enumerate(order)}  # first on top
    shown = [a for a in drawn_areas(order) if not isinstance(values[a], Suppressed)]
    for focus in (False, True):
        areas = [a for a in shown if (a in highlight) is focus]
        if areas:
            axes.barh([row[a] for a in areas], [values[a] for a in areas], height=0.7,
                      color=VERMILLION if focus else BLUE, edgecolor=BLACK if focus else BLUE,
                      linewidth=1.2 if focus else 0, hatch=FOCUS_HATCH if focus else None)
    names = _row_names(axes, order, row, highlight, spec)
    axes.set_yticks([])
    axes.set_ylim(-0.6, len(order) - 0.4)
    axes.set_xlabel(spec.value_label)
    axes.grid(axis="x", color=GRID, linewidth=0.5, linestyle=":")
    axes.set_axisbelow(True)
    handles = _ranked_legend(axes, highlight, reference, fmt, spec)
    widest = max((text_width(figure, name, TEXT_SIZE, bold, italic)
                  for name, bold, italic in names), default=0)
    set_margins(figure, left=widest + 0.2, bottom=0.6 + _legend_below(figure, handles))
    _value_labels(figure, axes, order, row, values, highlight, reference, fmt)
    return figure


def _row_names(axes, order: list[str | Gap], row: dict, highlight: set[str],
               spec: RankedBarsSpec) -> list[tuple[str, bool, bool]]:
    """Each row's name left of the axis: the focus area's in bold, a row standing for areas
    left out in italic. Returns (name, bold, italic) for measuring the margin.

    Names are texts beside the axis rather than tick labels: ticks are costly objects, and a
    name is all a row needs."""
    names: list[tuple[str, bool, bool]] = []
    plural = _PLURAL.get(spec.area_type, "areas")
    for area in order:
        if isinstance(area, Gap):
            name = f"\u2026 {area.count:,} more {plural if area.count > 1 else spec.area_type}"
            bold, italic = False, True
        else:
            name, bold, italic = area, area in highlight, False
        names.append((name, bold, italic))
        axes.annotate(name, xy=(0, row[area]), xycoords=("axes fraction", "data"),
                      xytext=(-4, 0), textcoords="offset points", ha="right", va="center",
                      fontsize=TEXT_SIZE, fontweight="bold" if bold else "normal",
                      fontstyle="italic" if italic else "normal", color=BLACK)
    return names


def _ranked_legend(axes, highlight: set[str], reference: tuple[str, float] | None,
                   fmt: Callable[[float], str], spec: RankedBarsSpec) -> list:
    """The legend's entries: the focus area(s), the others, and the reference line (drawn here,
    with its value in the legend rather than on the plot, where it would meet the bars' labels)."""
    handles = []
    others = _PLURAL.get(spec.area_type, "areas")
    if highlight:
        for area in sorted(highlight):
            handles.append(Patch(facecolor=VERMILLION, edgecolor=BLACK, hatch=FOCUS_HATCH,
                                 linewidth=1.2, label=f"{area} (focus area)"))
        handles.append(Patch(facecolor=BLUE, edgecolor=BLUE, label=f"Other {others}"))
    if reference is not None:
        name, value = reference
        handles.append(axes.axvline(value, color=BLACK, linestyle="--",
                                    linewidth=REFERENCE_LINE_WIDTH, label=f"{name}: {fmt(value)}"))
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


def grouped_bars(ctx: TableContext, spec: GroupedBarsSpec) -> Chart:
    ctx.measure(spec.dataset, spec.measure, ("measure",))
    current = ctx.current(spec.dataset, [spec.measure], ("measure",))
    if isinstance(spec.periods, tuple):
        periods = tuple(sorted(resolve(ref, current) for ref in spec.periods))
    else:
        periods = last_periods(spec.periods.last, current)
    names = {"current": periods[-1], "previous": periods[-1].previous(), "first": periods[0]}
    areas = _areas(ctx, spec)
    series = {area: [ctx.value(spec.dataset, area, p, spec.measure, ("periods",))
                     for p in periods] for area in areas}
    latest = {a: v[-1] for a, v in series.items()}
    if spec.order != "as_in_data":
        known = [a for a in areas if not isinstance(latest[a], Suppressed)]
        areas = sorted(known, key=lambda a: latest[a], reverse=spec.order == "descending") + [
            a for a in areas if a not in known]
    labels = [period_words(p, spec.period_titles) for p in periods]
    plain = {a: [None if isinstance(v, Suppressed) else v for v in vs] for a, vs in series.items()}
    alt = spec.alt_text and ctx.fill(spec.alt_text, names, ("alt_text",))
    slots = grouped_slots(areas)
    alt = alt or grouped_alt_text(series={a: plain[a] for a in areas},
                                  periods=[p.label for p in periods], noun=spec.noun,
                                  fmt=format_count)
    if any(isinstance(slot, Gap) for slot in slots):
        alt += " " + grouped_selection_sentence(
            slots, _PLURAL.get(spec.area_type, "areas"), periods[-1].label, order=spec.order)
    figure = draw(lambda: _draw_grouped(slots, plain, labels, spec))
    data = pd.DataFrame({p.key: [series[a][i] for a in areas] for i, p in enumerate(periods)},
                        index=pd.Index(areas, name="area"))
    return Chart(spec.id, figure, data, alt, ctx.fill(spec.caption, names, ("caption",)),
                 spec.source or ctx.dataset(spec.dataset).source, spec.width)


def _draw_grouped(
    slots: list[str | Gap], series: dict[str, list[float | None]], labels: list[str],
    spec: GroupedBarsSpec,
) -> Figure:
    figure = new_figure(WIDTH, 3.6)
    axes = figure.add_subplot()
    count = len(labels)
    width = 0.8 / count
    styles = (SERIES_STYLES[-count:] if count <= len(SERIES_STYLES)
              else SERIES_STYLES * (count // len(SERIES_STYLES) + 1))
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
    plural = _PLURAL.get(spec.area_type, "areas")
    names = [f"\u2026 {slot.count:,} more\n{plural}" if isinstance(slot, Gap)
             else _wrap(slot) for slot in slots]
    axes.set_xticks(range(len(slots)), names)
    for slot, tick in zip(slots, axes.get_xticklabels()):
        if isinstance(slot, Gap):
            tick.set_fontstyle("italic")
    axes.set_ylabel(spec.value_label)
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
    room = figure.get_size_inches()[0] - 0.3
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


# --- shared -------------------------------------------------------------------------------------


def _areas(ctx: TableContext, spec: RankedBarsSpec | GroupedBarsSpec) -> list[str]:
    if spec.areas is not None:
        return [ctx.area(spec.dataset, area, ("areas", i)) for i, area in enumerate(spec.areas)]
    return ctx.areas_of_type(spec.dataset, spec.area_type, ("area_type",))
