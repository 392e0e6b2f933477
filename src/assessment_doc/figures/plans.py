"""What a chart will show, worked out without drawing it: its rows, values, words and size.

A plan is everything read from the spec and the data (through the table context, so a missing
dataset, measure, area or period is told at the spec's line), the alt text, caption and source,
and the chart's size in inches. :mod:`.charts` draws a plan with matplotlib; ``check`` and a
build whose pictures are all kept (:mod:`.cache`) stop at the plan, so neither imports
matplotlib. A plan also knows the characters its words use that the chart font cannot draw
(:mod:`.glyphs`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..format import format_count, format_number
from ..periods import Period
from ..sources import TITLE as SOURCES_TITLE
from ..tables.context import TableContext
from ..tables.references import last_periods, period_words, resolve
from ..values import Suppressed
from .alt_text import (
    grouped_alt_text,
    grouped_selection_sentence,
    ranked_alt_text,
    ranked_selection_sentence,
    sources_sentence,
)
from .selection import MAX_HEIGHT, Gap, grouped_slots, ranked_rows
from .specs import GroupedBarsSpec, RankedBarsSpec

WIDTH = 6.3
"""Width in inches of a chart printed across the whole text width (the text width of an A4
page with 22 mm margins is 166 mm, 6.54 inches: a chart is printed a little larger than drawn,
so its text never prints smaller than drawn). A chart whose spec asks for a share of the text
width is drawn that much narrower, so that its text prints at the same size."""

RANKED_BASE = 0.9
"""Height of a ranked chart without its rows, in inches: the value axis, its label, the legend."""
RANKED_ROW = 0.27
"""Height of one bar's row of a ranked chart, in inches (9.5 pt names with room between)."""
MAX_RANKED_ROWS = int((MAX_HEIGHT - RANKED_BASE) / RANKED_ROW)
"""Rows a ranked chart has at most (26): more areas than this are drawn as a selection."""
GROUPED_HEIGHT = 3.6
"""Height of a grouped chart, in inches."""

PLURAL = {"district": "districts", "ward": "wards", "police_division": "divisions",
          "unitary": "unitary authorities", "county": "counties", "country": "countries",
          "police_force_area": "police force areas"}


@dataclass(frozen=True, slots=True)
class RankedDrawing:
    """What a ranked bar chart draws."""

    rows: tuple[str | Gap, ...]
    """Top row first: the areas drawn, and a Gap for each run left out (see :mod:`.selection`)."""
    values: Mapping[str, Any]
    """Each area's value (a number, or Suppressed)."""
    highlight: frozenset[str]
    reference: tuple[str, float] | None
    places: int
    """Decimal places of the values written on the chart."""
    value_label: str
    area_type: str


@dataclass(frozen=True, slots=True)
class GroupedDrawing:
    """What a grouped bar chart draws."""

    slots: tuple[str | Gap, ...]
    series: Mapping[str, tuple[float | None, ...]]
    """Each area's values, oldest period first (None where suppressed)."""
    labels: tuple[str, ...]
    """The periods' names, oldest first."""
    value_label: str
    area_type: str


@dataclass(frozen=True, slots=True)
class ChartPlan:
    """A chart before it is drawn: what it draws, its data and its words."""

    id: str
    drawing: RankedDrawing | GroupedDrawing
    data: pd.DataFrame
    """What is drawn: one row per area (index), one column per plotted value."""
    alt_text: str
    caption: str
    source: str
    width: float
    """Share of the text width the chart is printed across (the spec's ``width``)."""
    size: tuple[float, float]
    """Width and height of the drawing, in inches."""

    @property
    def words(self) -> tuple[str, ...]:
        """Every text the drawing may write (names, labels, legend), for the glyph check."""
        drawing = self.drawing
        found = [drawing.value_label]
        if isinstance(drawing, RankedDrawing):
            found += [row for row in drawing.rows if isinstance(row, str)]
            if drawing.reference is not None:
                found.append(drawing.reference[0])
            found += [f"{area} (focus area)" for area in drawing.highlight]
        else:
            found += [slot for slot in drawing.slots if isinstance(slot, str)]
            found += list(drawing.labels)
        return tuple(found)


def plural(area_type: str) -> str:
    return PLURAL.get(area_type, "areas")


# --- ranked bars --------------------------------------------------------------------------------


def plan_ranked(ctx: TableContext, spec: RankedBarsSpec) -> ChartPlan:
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
    rows = ranked_rows(shown, hidden, highlight, MAX_RANKED_ROWS)
    cut = any(isinstance(row, Gap) for row in rows)
    alt = alt or ranked_alt_text(
        values=[(a, values[a]) for a in shown], suppressed=hidden, noun=spec.noun,
        period=period.label, fmt=fmt, per=per, focus=focus, reference=reference,
        plural_areas=plural(spec.area_type), suppressed_drawn=not cut)
    if cut and shown:
        alt += " " + ranked_selection_sentence(rows, len(areas), plural(spec.area_type),
                                               descending=spec.order == "descending")
    if not spec.alt_text:
        alt += " " + where_the_data_are(ctx, spec)
    order = shown + hidden
    drawing = RankedDrawing(tuple(rows), values, frozenset(highlight), reference, places,
                            spec.value_label, spec.area_type)
    data = pd.DataFrame({"value": [values[a] for a in order]},
                        index=pd.Index(order, name="area"))
    size = (WIDTH * spec.width, RANKED_BASE + RANKED_ROW * len(rows))
    return ChartPlan(spec.id, drawing, data, alt, ctx.fill(spec.caption, names, ("caption",)),
                     _source(ctx, spec), spec.width, size)


def _read(ctx: TableContext, spec: RankedBarsSpec, area: str, period: Period):
    if spec.show == "rate":
        return ctx.rate(spec.dataset, area, period, spec.measure, ("show",))
    return ctx.value(spec.dataset, area, period, spec.measure, ("period",))


# --- grouped bars -------------------------------------------------------------------------------


def plan_grouped(ctx: TableContext, spec: GroupedBarsSpec) -> ChartPlan:
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
    plain = {a: tuple(None if isinstance(v, Suppressed) else v for v in vs)
             for a, vs in series.items()}
    alt = spec.alt_text and ctx.fill(spec.alt_text, names, ("alt_text",))
    slots = grouped_slots(areas)
    alt = alt or grouped_alt_text(series={a: plain[a] for a in areas},
                                  periods=[p.label for p in periods], noun=spec.noun,
                                  fmt=format_count)
    if any(isinstance(slot, Gap) for slot in slots):
        alt += " " + grouped_selection_sentence(
            slots, plural(spec.area_type), periods[-1].label, order=spec.order)
    if not spec.alt_text:
        alt += " " + where_the_data_are(ctx, spec)
    drawing = GroupedDrawing(tuple(slots), plain, tuple(labels), spec.value_label,
                             spec.area_type)
    data = pd.DataFrame({p.key: [series[a][i] for a in areas] for i, p in enumerate(periods)},
                        index=pd.Index(areas, name="area"))
    return ChartPlan(spec.id, drawing, data, alt, ctx.fill(spec.caption, names, ("caption",)),
                     _source(ctx, spec), spec.width, (WIDTH * spec.width, GROUPED_HEIGHT))


# --- shared -------------------------------------------------------------------------------------


def _areas(ctx: TableContext, spec: RankedBarsSpec | GroupedBarsSpec) -> list[str]:
    if spec.areas is not None:
        return [ctx.area(spec.dataset, area, ("areas", i)) for i, area in enumerate(spec.areas)]
    return ctx.areas_of_type(spec.dataset, spec.area_type, ("area_type",))


def where_the_data_are(ctx: TableContext, spec: RankedBarsSpec | GroupedBarsSpec) -> str:
    """The alt text's last sentence: where a reader who cannot see the chart finds every figure
    behind it (the dataset, which the appendix Information sources lists with its source)."""
    return sources_sentence(ctx.dataset(spec.dataset).title, SOURCES_TITLE)


def _source(ctx: TableContext, spec: RankedBarsSpec | GroupedBarsSpec) -> str:
    return spec.source or ctx.dataset(spec.dataset).source
