"""Claimants at the latest month, with the change on a month and on a year: the ``claimant`` kind
(seed 2.1).

The count is the dataset's latest single month; the rate is published (a percentage of residents
aged 16-64, whose number the source does not print); the changes are computed from the counts a
month and a year earlier.
"""

from __future__ import annotations

from ..facts import difference, percent_change
from ..model import CellFormat, Column
from ..periods import PeriodKind
from .computed import UNIT_FORMATS, ComputedTable, Row, computed_table
from .context import TableContext
from .references import shift_months
from .specs import ClaimantSpec


def claimant(ctx: TableContext, spec: ClaimantSpec) -> ComputedTable:
    ctx.measure(spec.dataset, spec.measure, ("measure",))
    if spec.rate_measure:
        ctx.measure(spec.dataset, spec.rate_measure, ("rate_measure",))
    current = ctx.current(spec.dataset, [spec.measure], ("measure",))
    if current.kind is not PeriodKind.MONTH:
        raise ctx.fail(f"the claimant kind counts at a single month, but the latest period of "
                       f"'{spec.measure}' is {current}", ("measure",),
                       "a measure counted at single months, e.g. 2015-09")
    month, year = shift_months(current, -1), current.previous()
    names = {"current": current, "previous_month": month, "previous": year}
    rows = []
    for index, row in enumerate(spec.areas):
        where = ("areas", index)
        area = ctx.area(spec.dataset, row.area, where)
        now, last_month, last_year = (ctx.value(spec.dataset, area, period, spec.measure, where)
                                      for period in (current, month, year))
        figures = {"count": now}
        if spec.rate_measure:
            figures["rate"] = ctx.value(spec.dataset, area, current, spec.rate_measure,
                                        ("rate_measure",))
        figures |= {
            "month_number": difference(now, last_month),
            "month_change": percent_change(now, last_month),
            "year_number": difference(now, last_year),
            "year_change": percent_change(now, last_year),
        }
        rows.append(Row(area, row.shown, figures, emphasis=area == ctx.focus_area))
    titles = spec.titles
    title = lambda key: ctx.fill(getattr(titles, key), names, ("titles", key))
    columns = [("count", Column(title("count"), UNIT_FORMATS[ctx.unit(spec.dataset,
                                                                        spec.measure)]))]
    if spec.rate_measure:
        columns.append(("rate", Column(title("rate"),
                                       UNIT_FORMATS[ctx.unit(spec.dataset, spec.rate_measure)])))
    columns += [
        ("month_number", Column(title("month_number"), CellFormat.SIGNED)),
        ("month_change", Column(title("month_change"), CellFormat.CHANGE)),
        ("year_number", Column(title("year_number"), CellFormat.SIGNED)),
        ("year_change", Column(title("year_change"), CellFormat.CHANGE)),
    ]
    return computed_table(
        table_id=spec.id,
        caption=ctx.fill(spec.caption, names, ("caption",)),
        index_name="area",
        label_column=Column(title("area")),
        value_columns=columns,
        rows=rows,
        notes=[ctx.fill(note, names, ("notes", i)) for i, note in enumerate(spec.notes)],
        source=spec.source or ctx.dataset(spec.dataset).source,
        periods=names,
    )
