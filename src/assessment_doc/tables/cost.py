"""Cost before and after an intervention, by division: the ``cost`` kind (seed 6.2, IOM).

The difference is computed (after minus before) for every row, the total row included; the
total row is the published total area's figures, or the sum of the divisions.
"""

from __future__ import annotations

from ..facts import ADDITIVE_UNITS, Value, difference
from ..model import CellFormat, Column
from .computed import UNIT_FORMATS, ComputedTable, Row, TotalRow, computed_table
from .context import TableContext
from .specs import CostSpec


def cost(ctx: TableContext, spec: CostSpec) -> ComputedTable:
    reads = [("before", spec.before, ("before",)), ("after", spec.after, ("after",))]
    reads += [(name, name, ("extra", index)) for index, name in enumerate(spec.extra)]
    for key, measure, where in reads:
        ctx.measure(spec.dataset, measure, where)
        if where[0] == "extra" and key in _OWN_KEYS:
            raise ctx.fail(f"an extra column cannot be the measure '{key}': the table has its "
                           f"own '{key}' column", where, "another measure")
    period = ctx.period(spec.period, spec.dataset, [spec.before, spec.after], ("period",))
    names = {"current": period, "previous": period.previous(), "period": period}
    total_area = spec.total.area if spec.total else None
    if total_area is not None:
        ctx.area(spec.dataset, total_area, ("total", "area"))
    if spec.areas is not None:
        divisions = [ctx.area(spec.dataset, area, ("areas", index))
                     for index, area in enumerate(spec.areas)]
    else:
        divisions = [area for area in ctx.areas_of_type(spec.dataset, spec.area_type,
                                                        ("area_type",)) if area != total_area]
    highlight = ctx.highlighted(spec.dataset, spec.highlight)

    def figures(area: str) -> dict[str, Value]:
        return _with_difference({key: ctx.value(spec.dataset, area, period, measure, where)
                                 for key, measure, where in reads})

    rows = [Row(area, area, figures(area), emphasis=area in highlight) for area in divisions]
    if spec.total is not None:
        if total_area is not None:
            total = figures(total_area)
        else:
            total = _with_difference({key: sum((row.values[key] for row in rows), start=0.0)
                                      for key, _measure, _where in reads})
        rows.append(Row(total_area or "total", spec.total.label, total))
    unit = lambda measure: UNIT_FORMATS[ctx.unit(spec.dataset, measure)]
    label = lambda measure: ctx.label(spec.dataset, measure)
    gbp = ctx.unit(spec.dataset, spec.after) == "gbp"
    columns = [
        ("before", Column(label(spec.before), unit(spec.before))),
        ("after", Column(label(spec.after), unit(spec.after))),
        ("difference", Column(ctx.fill(spec.titles.difference, names, ("titles", "difference")),
                              CellFormat.GBP if gbp else CellFormat.SIGNED)),
        *((name, Column(label(name), unit(name))) for name in spec.extra),
    ]
    return computed_table(
        table_id=spec.id,
        caption=ctx.fill(spec.caption, names, ("caption",)),
        index_name="area",
        label_column=Column(ctx.fill(spec.titles.area, names, ("titles", "area"))),
        value_columns=columns,
        rows=rows,
        notes=[ctx.fill(note, names, ("notes", i)) for i, note in enumerate(spec.notes)],
        source=spec.source or ctx.dataset(spec.dataset).source,
        periods=names,
        # a published total row of every division is checked against them; a summed one is
        # their sum by construction
        totals=[TotalRow(total_area, tuple(divisions), "divisions")]
        if total_area is not None and spec.areas is None else [],
        additive={key: key == "difference" for key, measure, _ in
                  [*reads, ("difference", spec.after, ())]
                  if ctx.unit(spec.dataset, measure) in ADDITIVE_UNITS},
    )


_OWN_KEYS = frozenset({"before", "after", "difference", "label"})


def _with_difference(figures: dict[str, Value]) -> dict[str, Value]:
    ordered = {"before": figures["before"], "after": figures["after"],
               "difference": difference(figures["after"], figures["before"])}
    return ordered | {k: v for k, v in figures.items() if k not in ordered}
