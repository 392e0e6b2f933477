"""A computed table: the DataFrame analysts look at, and the Table node built from that same frame.

The frame's index holds each row's key (the area as written in the data, or the measure id); its
``label`` column holds the row's name as printed; every other column holds numbers. A suppressed
value is :data:`~assessment_doc.values.SUPPRESSED` (never NaN); an empty cell (a county row's
rank, a % change from zero) is NaN or None. :meth:`ComputedTable.to_table` reads only the frame,
so the table printed and the frame returned always agree.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from numbers import Real

import numpy as np
import pandas as pd

from ..errors import Problem
from ..model import CellFormat, CellValue, Column, Table, TableRow
from ..periods import Period
from ..values import Suppressed

LABEL = "label"
"""The frame column holding each row's printed name."""


@dataclass(frozen=True, slots=True)
class Row:
    """One row as a kind computes it, before it becomes a frame row."""

    key: str
    label: str
    values: dict[str, object]
    emphasis: bool = False
    indent: int = 0


@dataclass(frozen=True, slots=True)
class TotalRow:
    """A row of the table that is the total of other rows of it, all of them shown."""

    key: str
    parts: tuple[str, ...]
    """The keys of the rows it is the total of."""
    noun: str = "rows"
    """What the parts are, in words: 'districts', 'wards'."""
    checked_in_data: bool = True
    """The data's own check of totals covers it (a county, force area or division total), so
    a published column that does not add up is warned of there, not again by the table."""


@dataclass(frozen=True, slots=True)
class Disclosure:
    """A figure of the table that a reader must be told about: a value shown other than as
    published, or a total that the rows above it do not add up to. Its note is printed under
    the table, and the build report lists it."""

    table: str
    row: str
    """The row as printed."""
    column: str
    """The column's title."""
    published: str
    shown: str
    note: str
    """The note under the table that says so (one note may cover several disclosures)."""
    rows_add_up_to: str | None = None
    """For a total: what the rows it is the total of add up to."""
    warning: Problem | None = None
    """Set when a clerk must hear of it too: a computed column no longer adds up to its total."""

    def as_report(self) -> dict[str, str]:
        """The disclosure as the build report lists it."""
        entry = {"table": self.table, "row": self.row, "column": self.column,
                 "published": self.published, "shown": self.shown}
        if self.rows_add_up_to is not None:
            entry["rows_add_up_to"] = self.rows_add_up_to
        return entry | {"note": self.note}


@dataclass(frozen=True, slots=True)
class ComputedTable:
    """A table's figures as a DataFrame, with what the printed table needs besides them."""

    id: str
    caption: str
    frame: pd.DataFrame
    columns: tuple[Column, ...]
    """The printed columns: the label column first, then one per value column of the frame."""
    emphasis: tuple[bool, ...]
    indent: tuple[int, ...]
    notes: tuple[str, ...] = ()
    source: str | None = None
    periods: Mapping[str, Period] = field(default_factory=dict)
    """The periods its spec names ('current', 'previous', …), resolved."""
    totals: tuple[TotalRow, ...] = ()
    additive: Mapping[str, bool] = field(default_factory=dict)
    """The columns whose values add up, by key: True for a computed column (a difference),
    False for published values."""
    disclosures: tuple[Disclosure, ...] = ()
    orientation: str = "portrait"
    """The spec's ``orientation``: "landscape" puts the table on landscape pages of its own."""

    def to_table(self) -> Table:
        """The Table node, every cell read from :attr:`frame`."""
        rows = tuple(
            TableRow(tuple(_cell(value) for value in values), emphasis=bold, indent=depth)
            for values, bold, depth in zip(
                self.frame.itertuples(index=False, name=None), self.emphasis, self.indent)
        )
        return Table(caption=self.caption, columns=self.columns, rows=rows, notes=self.notes,
                     source=self.source, id=self.id, orientation=self.orientation)


def computed_table(
    *,
    table_id: str,
    caption: str,
    index_name: str,
    label_column: Column,
    value_columns: Sequence[tuple[str, Column]],
    rows: Sequence[Row],
    notes: Sequence[str] = (),
    source: str | None = None,
    periods: Mapping[str, Period] | None = None,
    totals: Sequence[TotalRow] = (),
    additive: Mapping[str, bool] | None = None,
) -> ComputedTable:
    """Assemble the frame (index = row keys; ``label`` then the value columns, by key)."""
    keys = [key for key, _ in value_columns]
    data: dict[str, list[object]] = {LABEL: [row.label for row in rows]}
    for key in keys:
        data[key] = [row.values.get(key) for row in rows]
    frame = pd.DataFrame(data, index=pd.Index([row.key for row in rows], name=index_name))
    for key in keys:  # numbers only: let pandas store them as floats where nothing is suppressed
        if not any(isinstance(v, (Suppressed, str)) for v in data[key]):
            frame[key] = pd.to_numeric(frame[key], errors="raise").astype("float64")
    return ComputedTable(
        id=table_id,
        caption=caption,
        frame=frame,
        columns=(label_column, *(column for _, column in value_columns)),
        emphasis=tuple(row.emphasis for row in rows),
        indent=tuple(row.indent for row in rows),
        notes=tuple(notes),
        source=source,
        periods=dict(periods or {}),
        totals=tuple(totals),
        additive=dict(additive or {}),
    )


def _cell(value: object) -> CellValue:
    if isinstance(value, Suppressed) or value is None or isinstance(value, str):
        return value
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, Real):
        return None if isinstance(value, float) and math.isnan(value) else value
    raise TypeError(f"a table cell cannot hold {value!r}")


UNIT_FORMATS: dict[str, CellFormat] = {
    "count": CellFormat.COUNT,
    "persons": CellFormat.COUNT,
    "gbp": CellFormat.GBP,
    "percent": CellFormat.PERCENT,
    "percent_change": CellFormat.CHANGE,
    "rate_per_1000": CellFormat.RATE,
}
"""How a published value prints, by its measure's unit."""
