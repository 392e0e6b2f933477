"""One area's categories, this period against the last: the ``category_change`` kind (seed 2.3).

Rows follow the measures of the dataset (as datasets.yaml lists them, or as the spec lists them);
a measure with sub-categories and no rows of its own is the sum of its sub-categories; rows are
indented by their depth under the total, the first ``flat_levels`` levels printed flush.
"""

from __future__ import annotations

from ..data import DatasetSpec
from ..facts import difference, percent_change
from ..model import CellFormat, Column
from .computed import UNIT_FORMATS, ComputedTable, Row, computed_table
from .context import TableContext
from .specs import CategoryChangeSpec


def category_change(ctx: TableContext, spec: CategoryChangeSpec) -> ComputedTable:
    dataset = ctx.dataset(spec.dataset)
    measures = spec.measures or tuple(dataset.measures)
    for index, measure in enumerate(measures):
        ctx.measure(spec.dataset, measure, ("measures", index) if spec.measures else ("dataset",))
    area = ctx.area(spec.dataset, spec.area, ("area",)) if spec.area else ctx.focus_area
    every = list(dataset.measures)
    current = ctx.period(spec.current, spec.dataset, every, ("current",))
    previous = ctx.period(spec.previous, spec.dataset, every, ("previous",))
    names = {"current": current, "previous": previous}
    rows = []
    for measure in measures:
        now = ctx.value(spec.dataset, area, current, measure, ("current",))
        before = ctx.value(spec.dataset, area, previous, measure, ("previous",))
        rows.append(Row(
            measure, dataset.measures[measure].label,
            {"current": now, "previous": before, "difference": difference(now, before),
             "change": percent_change(now, before)},
            indent=max(0, _depth(dataset, measure) - spec.flat_levels),
        ))
    titles = spec.titles
    unit = UNIT_FORMATS[dataset.measures[measures[0]].unit]
    title = lambda text, key: ctx.fill(text, names, ("titles", key))
    return computed_table(
        table_id=spec.id,
        caption=ctx.fill(spec.caption, names, ("caption",)),
        index_name="measure",
        label_column=Column(title(titles.category, "category")),
        value_columns=[
            ("current", Column(title(titles.current, "current"), unit)),
            ("previous", Column(title(titles.previous, "previous"), unit)),
            ("difference", Column(title(titles.difference, "difference"), CellFormat.SIGNED)),
            ("change", Column(title(titles.change, "change"), CellFormat.CHANGE)),
        ],
        rows=rows,
        notes=[ctx.fill(note, names, ("notes", i)) for i, note in enumerate(spec.notes)],
        source=spec.source or dataset.source,
        periods=names,
    )


def _depth(dataset: DatasetSpec, measure: str) -> int:
    """How many parents a measure has (the total, with none, is at depth 0)."""
    depth, seen = 0, {measure}
    parent = dataset.measures[measure].parent
    while parent is not None and parent not in seen:
        depth, seen = depth + 1, seen | {parent}
        parent = dataset.measures[parent].parent
    return depth
