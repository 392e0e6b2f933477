"""A computed table: the DataFrame analysts look at, and the Table node built from that same frame.

The frame's index holds each row's key (the area as written in the data, or the measure id); its
``label`` column holds the row's name as printed; every other column holds numbers. A suppressed
value is :data:`~assessment_doc.values.SUPPRESSED` (never NaN); an empty cell (a county row's
rank, a % change from zero) is NaN or None. :meth:`ComputedTable.to_table` reads only the frame,
so the table printed and the frame returned always agree.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Real

import numpy as np
import pandas as pd

from ..model import CellFormat, CellValue, Column, Table, TableRow
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

    def to_table(self) -> Table:
        """The Table node, every cell read from :attr:`frame`."""
        rows = tuple(
            TableRow(tuple(_cell(value) for value in values), emphasis=bold, indent=depth)
            for values, bold, depth in zip(
                self.frame.itertuples(index=False, name=None), self.emphasis, self.indent)
        )
        return Table(caption=self.caption, columns=self.columns, rows=rows, notes=self.notes,
                     source=self.source, id=self.id)


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
    "rate_per_1000": CellFormat.RATE,
}
"""How a published value prints, by its measure's unit."""
