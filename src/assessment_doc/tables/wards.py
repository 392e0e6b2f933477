"""Wards and one value each, with the area's total: the ``ward_list`` kind (seed 5.2).

Wards are listed largest first (ties and suppressed wards keep the data's order; suppressed
wards come last, shown ``[c]``); the total row is the focus area's own published figure, or the
sum of the wards (suppressed if any ward is).
"""

from __future__ import annotations

from ..facts import ADDITIVE_UNITS, Value
from ..model import Column
from ..values import Suppressed
from .computed import UNIT_FORMATS, ComputedTable, Row, TotalRow, computed_table
from .context import TableContext
from .specs import WardListSpec


def ward_list(ctx: TableContext, spec: WardListSpec) -> ComputedTable:
    ctx.measure(spec.dataset, spec.measure, ("measure",))
    period = ctx.period(spec.period, spec.dataset, [spec.measure], ("period",))
    names = {"current": period, "previous": period.previous(), "period": period}
    wards = ctx.areas_of_type(spec.dataset, spec.area_type, ("area_type",))
    values = {ward: ctx.value(spec.dataset, ward, period, spec.measure, ("period",))
              for ward in wards}
    rows = [Row(ward, ward, {"value": values[ward]}) for ward in _ordered(values, spec.order)]
    if spec.total != "none":
        area = spec.total_area or ctx.focus_area
        if spec.total == "published":
            total = ctx.value(spec.dataset, ctx.area(spec.dataset, area, ("total_area",)),
                              period, spec.measure, ("total",))
        else:
            total = sum(values.values(), start=0.0)
        rows.append(Row(area, area, {"value": total}, emphasis=True))
    unit = ctx.unit(spec.dataset, spec.measure)
    value_title = spec.titles.value or ctx.label(spec.dataset, spec.measure)
    return computed_table(
        table_id=spec.id,
        caption=ctx.fill(spec.caption, names, ("caption",)),
        index_name="area",
        label_column=Column(ctx.fill(spec.titles.area, names, ("titles", "area"))),
        value_columns=[("value", Column(ctx.fill(value_title, names, ("titles", "value")),
                                        UNIT_FORMATS[unit]))],
        rows=rows,
        notes=[ctx.fill(note, names, ("notes", i)) for i, note in enumerate(spec.notes)],
        source=spec.source or ctx.dataset(spec.dataset).source,
        periods=names,
        # a published total is checked against the wards here: the data's check of totals
        # does not know which wards make up a district
        totals=[TotalRow(rows[-1].key, tuple(wards), "wards", checked_in_data=False)]
        if spec.total == "published" else [],
        additive={"value": False} if unit in ADDITIVE_UNITS else {},
    )


def _ordered(values: dict[str, Value], order: str) -> list[str]:
    if order == "as_in_data":
        return list(values)
    shown = [w for w, v in values.items() if v is not None and not isinstance(v, Suppressed)]
    hidden = [w for w in values if w not in shown]
    return sorted(shown, key=lambda w: values[w], reverse=order == "descending") + hidden
