"""Areas compared column by column: the ``district_comparison`` and ``trend`` kinds.

Both plan a list of columns (a published value for a period, a rate per 1,000, a % change, a
difference, a rank) and hand it to one engine: rows for the areas of one type, ranked and
ordered, then the county rows (other area types, printed after the districts, never ranked).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ..facts import ADDITIVE_UNITS, TOTAL_AREAS, Value, difference, percent_change, ranks_of
from ..model import CellFormat, Column
from ..periods import Period
from ..quality import AGGREGATES, expected_parts, part_type_words
from ..values import Suppressed
from .computed import LABEL, UNIT_FORMATS, ComputedTable, Row, TotalRow, computed_table
from .context import TableContext
from .references import last_periods, period_words, resolve
from .specs import AreaRow, ColumnSpec, DistrictComparisonSpec, TrendSpec

Location = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class PlannedColumn:
    """A column with its dataset, measure and periods resolved."""

    key: str
    show: str
    title: str
    format: CellFormat
    location: Location
    dataset: str = ""
    measure: str = ""
    period: Period | None = None
    start: Period | None = None
    """The earlier period of a change or difference."""
    of: str = ""
    """The key of the column a rank is of."""
    highest_first: bool = False


@dataclass(frozen=True, slots=True)
class Layout:
    """Which areas the table shows, in which order, and which are in bold."""

    dataset: str
    area_title: str
    ranked: tuple[AreaRow, ...]
    county: tuple[AreaRow, ...]
    order_by: str | None
    descending: bool
    highlight: frozenset[str]


# --- district_comparison ------------------------------------------------------------------------


def district_comparison(ctx: TableContext, spec: DistrictComparisonSpec) -> ComputedTable:
    """Areas of one type on the spec's columns; the rank column orders them unless told."""
    ctx.measure(spec.dataset, spec.measure, ("measure",))
    current = ctx.current(spec.dataset, [spec.measure], ("measure",))
    names = {"current": current, "previous": current.previous()}
    columns = _check_keys(ctx, [_plan(ctx, spec, column, index, names)
                                for index, column in enumerate(spec.columns)])
    rank = next((c.key for c in columns if c.show == "rank"), None)
    order_by = spec.order.by if spec.order else rank
    layout = _layout(ctx, spec, order_by, bool(spec.order and spec.order.direction == "descending"),
                     columns)
    return _assemble(ctx, spec, columns, layout, names)


def _plan(
    ctx: TableContext, spec: DistrictComparisonSpec, column: ColumnSpec, index: int,
    names: dict[str, Period],
) -> PlannedColumn:
    where: Location = ("columns", index)
    key = column.default_key
    if column.show == "rank":
        title = ctx.fill(column.title or "Rank", names, (*where, "title"))
        return PlannedColumn(key, "rank", title, CellFormat.RANK, where, of=column.of or "",
                             highest_first=column.first == "highest")
    dataset = column.dataset or spec.dataset
    ctx.dataset(dataset, (*where, "dataset") if column.dataset else ("dataset",))
    measure = ctx.measure(dataset, column.measure or spec.measure,
                          (*where, "measure") if column.measure else ("measure",))
    # Periods are relative to the table's measure, unless the column reads another dataset,
    # whose own current period then counts (its years may run differently).
    clock = [measure] if column.dataset else [spec.measure]
    own = lambda ref, at: ctx.period(ref, dataset, clock, (*where, at))
    unit = ctx.unit(dataset, measure)
    if column.show in ("value", "rate"):
        period = own(column.period or "current", "period")
        fills = {**names, "period": period}
        if column.show == "rate":
            default = "Rate per 1,000 population, {period:short}"
            title = ctx.fill(column.title or default, fills, (*where, "title"))
            return PlannedColumn(key, "rate", title, CellFormat.RATE, where, dataset, measure,
                                 period)
        default = ctx.label(dataset, measure) + ", {period:short}"
        title = ctx.fill(column.title or default, fills, (*where, "title"))
        return PlannedColumn(key, "value", title, UNIT_FORMATS[unit], where, dataset, measure,
                             period)
    start = own(column.from_ or "previous", "from")
    end = own(column.to or "current", "to")
    fills = {**names, "from": start, "to": end}
    if column.show == "change":
        title = ctx.fill(column.title or "% change", fills, (*where, "title"))
        return PlannedColumn(key, "change", title, CellFormat.CHANGE, where, dataset, measure,
                             end, start)
    title = ctx.fill(column.title or "Difference", fills, (*where, "title"))
    fmt = CellFormat.GBP if unit == "gbp" else CellFormat.SIGNED
    return PlannedColumn(key, "difference", title, fmt, where, dataset, measure, end, start)


def _check_keys(ctx: TableContext, columns: list[PlannedColumn]) -> list[PlannedColumn]:
    """The columns, once their keys are known to differ; a rank without 'of' ranks the first
    rate column (else the first value column)."""
    seen: dict[str, int] = {}
    for number, column in enumerate(columns, start=1):
        if column.key in seen or column.key == LABEL:
            raise ctx.fail(
                f"columns {seen.get(column.key, 0)} and {number} have the same key "
                f"'{column.key}'", (*column.location, "key"),
                "a different 'key:' for one of them (keys name the columns of the DataFrame)")
        seen[column.key] = number
    keys = [c.key for c in columns if c.show != "rank"]
    rankable = [c.key for c in columns if c.show == "rate"] + [
        c.key for c in columns if c.show == "value"]
    shows = {c.key: c.show for c in columns}
    planned = []
    for column in columns:
        if column.show == "rank" and not column.of:
            if not rankable:
                raise ctx.fail("a rank needs a value or rate column to rank",
                               (*column.location, "of"), "of: the key of such a column")
            column = replace(column, of=rankable[0])
        elif column.show == "rank" and column.of not in keys:
            raise ctx.fail(f"a rank of unknown column '{column.of}'",
                           (*column.location, "of"), "the key of another column: "
                           + ", ".join(f"'{k}'" for k in keys))
        if column.show == "rank":
            column = replace(column, title=rank_title(column.title, column.highest_first,
                                                      shows[column.of]))
        planned.append(column)
    return planned


RANKED_BY = {"rate": "rate", "value": "number", "change": "% change", "difference": "difference"}
"""What a rank column ranks, in its header's words, by the kind of column it ranks."""


def rank_title(title: str, highest_first: bool, ranked: str) -> str:
    """The rank column's header saying what rank 1 means: 'County ranking (1 = lowest rate)'.
    A title that says it already ('1 = ...') is kept as written."""
    if "1 =" in title:
        return title
    return f"{title} (1 = {'highest' if highest_first else 'lowest'} {RANKED_BY[ranked]})"


# --- trend --------------------------------------------------------------------------------------


def trend(ctx: TableContext, spec: TrendSpec) -> ComputedTable:
    """Counts over several periods, then optional % change and difference of the last two,
    a rate for the latest, and a rank."""
    ctx.measure(spec.dataset, spec.measure, ("measure",))
    current = ctx.current(spec.dataset, [spec.measure], ("measure",))
    if isinstance(spec.periods, tuple):
        periods = tuple(sorted(resolve(ref, current) for ref in spec.periods))
    else:
        periods = last_periods(spec.periods.last, current)
    if len(periods) < 2 and (spec.change or spec.difference):
        raise ctx.fail("a % change or difference needs at least two periods", ("periods",))
    latest, before = periods[-1], periods[-2] if len(periods) > 1 else None
    names = {"current": latest, "previous": before or latest.previous(), "first": periods[0]}
    common = {"dataset": spec.dataset, "measure": spec.measure}
    fmt = UNIT_FORMATS[ctx.unit(spec.dataset, spec.measure)]
    columns = [
        PlannedColumn(p.key, "value", period_words(p, spec.period_titles), fmt, ("periods",),
                      period=p, **common)
        for p in periods
    ]
    if spec.change:
        title = ctx.fill(spec.change.title or "% change", names, ("change", "title"))
        columns.append(PlannedColumn("change", "change", title, CellFormat.CHANGE, ("change",),
                                     period=latest, start=before, **common))
    if spec.difference:
        title = ctx.fill(spec.difference.title or "Difference", names, ("difference", "title"))
        columns.append(PlannedColumn("difference", "difference", title, CellFormat.SIGNED,
                                     ("difference",), period=latest, start=before, **common))
    if spec.rate:
        default = "Rate per 1,000 population, {current:short}"
        title = ctx.fill(spec.rate.title or default, names, ("rate", "title"))
        columns.append(PlannedColumn("rate", "rate", title, CellFormat.RATE, ("rate",),
                                     period=latest, **common))
    keys = {"current": latest.key, "rate": "rate", "change": "change", "rank": "rank",
            "area": LABEL}
    if spec.rank:
        of = keys[spec.rank.of]
        if of not in {c.key for c in columns}:
            raise ctx.fail(f"a rank of the {spec.rank.of} needs '{spec.rank.of}: true'",
                           ("rank", "of"), f"'{spec.rank.of}: true' in this table, or another 'of'")
        highest = spec.rank.first == "highest"
        title = rank_title(ctx.fill(spec.rank.title, names, ("rank", "title")), highest,
                           "value" if spec.rank.of == "current" else spec.rank.of)
        columns.append(PlannedColumn("rank", "rank", title, CellFormat.RANK, ("rank",), of=of,
                                     highest_first=highest))
    by = spec.order.by if spec.order else ("rank" if spec.rank else None)
    if by is not None and by != "area" and keys[by] not in {c.key for c in columns}:
        raise ctx.fail(f"rows cannot be ordered by the {by}: the table has no such column",
                       ("order", "by"), "current, area, or a column the table shows")
    layout = _layout(ctx, spec, keys[by] if by else None,
                     bool(spec.order and spec.order.direction == "descending"), columns)
    return _assemble(ctx, spec, columns, layout, names)


# --- the engine ---------------------------------------------------------------------------------


def _layout(
    ctx: TableContext,
    spec: DistrictComparisonSpec | TrendSpec,
    order_by: str | None,
    descending: bool,
    columns: Sequence[PlannedColumn],
) -> Layout:
    if order_by is not None and order_by != LABEL and order_by not in {c.key for c in columns}:
        raise ctx.fail(f"rows cannot be ordered by '{order_by}': no column has that key",
                       ("order", "by"), "one of " + ", ".join(
                           f"'{c.key}'" for c in columns) + f", or '{LABEL}'")
    county = tuple(
        AreaRow(area=ctx.area(spec.dataset, row.area, ("county_rows", index)), label=row.label)
        for index, row in enumerate(spec.county_rows))
    county_areas = {row.area for row in county}
    if spec.areas is not None:
        ranked = tuple(
            AreaRow(area=ctx.area(spec.dataset, row.area, ("areas", index)), label=row.label)
            for index, row in enumerate(spec.areas))
    else:
        ranked = tuple(AreaRow(area=area) for area in
                       ctx.areas_of_type(spec.dataset, spec.area_type, ("area_type",))
                       if area not in county_areas)
    return Layout(spec.dataset, spec.area_title, ranked, county, order_by, descending,
                  ctx.highlighted(spec.dataset, spec.highlight))


def _assemble(
    ctx: TableContext,
    spec: DistrictComparisonSpec | TrendSpec,
    columns: Sequence[PlannedColumn],
    layout: Layout,
    names: dict[str, Period],
) -> ComputedTable:
    ranked = {row.area: _figures(ctx, columns, row.area) for row in layout.ranked}
    for column in columns:
        if column.show == "rank":
            values = {area: figures[column.of] for area, figures in ranked.items()}
            ranks = ranks_of(values, highest_first=column.highest_first)  # sorted once
            for area, figures in ranked.items():
                figures[column.key] = ranks[area]
    order = _ordered(layout.ranked, ranked, layout.order_by, layout.descending)
    rows = [Row(row.area, row.shown, ranked[row.area], row.area in layout.highlight)
            for row in order]
    rows += [Row(row.area, row.shown, _figures(ctx, columns, row.area),
                 row.area in layout.highlight) for row in layout.county]
    additive = {c.key: c.show == "difference" for c in columns
                if c.show in ("value", "difference") and ctx.unit(c.dataset, c.measure)
                in ADDITIVE_UNITS}
    return computed_table(
        table_id=spec.id,
        caption=ctx.fill(spec.caption, names, ("caption",)),
        index_name="area",
        label_column=Column(layout.area_title),
        value_columns=[(c.key, Column(c.title, c.format)) for c in columns],
        rows=rows,
        notes=[ctx.fill(note, names, ("notes", i)) for i, note in enumerate(spec.notes)],
        source=spec.source or ctx.dataset(spec.dataset).source,
        periods=names,
        totals=_total_rows(ctx, spec.dataset, [row.key for row in rows]) if layout.county else (),
        additive=additive,
    )


def _total_rows(ctx: TableContext, dataset: str, areas: Sequence[str]) -> list[TotalRow]:
    """The rows that are totals of other rows shown (KCC Total of the districts, Kent of KCC
    Total and Medway): only where every part the data knows of is shown."""
    frame = ctx.frame(dataset)[["area", "area_type"]].drop_duplicates("area")
    types = dict(zip(frame["area"].tolist(), frame["area_type"].tolist()))
    expected = expected_parts(ctx.datasets)
    totals = []
    for total_type, part_types in AGGREGATES:
        for area in areas:
            if types.get(area) != total_type or (
                    total_type in TOTAL_AREAS and area != TOTAL_AREAS[total_type]):
                continue
            parts = tuple(a for a in areas if types.get(a) in part_types and a != area)
            if parts and set(parts) >= expected[total_type]:
                noun = part_type_words(part_types) + " rows"
                totals.append(TotalRow(area, parts, "districts" if part_types == ("district",)
                                       else noun))
    return totals


def _figures(ctx: TableContext, columns: Sequence[PlannedColumn], area: str) -> dict[str, Value]:
    figures: dict[str, Value] = {}
    for column in columns:
        if column.show == "rank":
            figures[column.key] = None
            continue
        assert column.period is not None
        at = _reader(ctx, column, area)
        if column.show == "value":
            figures[column.key] = at(column.period)
        elif column.show == "rate":
            figures[column.key] = ctx.rate(column.dataset, area, column.period, column.measure,
                                           column.location)
        else:
            assert column.start is not None
            now, before = at(column.period), at(column.start)
            figures[column.key] = (percent_change(now, before) if column.show == "change"
                                   else difference(now, before))
    return figures


def _reader(ctx: TableContext, column: PlannedColumn, area: str) -> Callable[[Period], Value]:
    return lambda period: ctx.value(column.dataset, area, period, column.measure,
                                    column.location)


def _ordered(
    rows: Sequence[AreaRow], figures: dict[str, dict[str, Value]], by: str | None,
    descending: bool,
) -> list[AreaRow]:
    """Rows sorted by one column (stable: ties keep the data's order); suppressed and empty
    values last."""
    if by is None:
        return list(rows)
    if by == LABEL:
        return sorted(rows, key=lambda row: row.shown.casefold(), reverse=descending)

    def known(row: AreaRow) -> bool:
        value = figures[row.area][by]
        return value is not None and not isinstance(value, Suppressed)

    present = sorted((row for row in rows if known(row)),
                     key=lambda row: figures[row.area][by], reverse=descending)
    return present + [row for row in rows if not known(row)]
