"""Which table cells head their row, decided once for every writer.

A table's first column names each row (an area, a ward, a category, a priority) when it is a text
column and other columns follow it: each body row's first cell is then a row header (a TH with
/Scope /Row in the PDF, ``<th scope="row">`` in HTML), so that a screen reader announces
"Maidstone" with each figure of its row.
"""

from __future__ import annotations

from ..model import CellFormat, Table


def has_row_headers(table: Table) -> bool:
    """Whether each body row's first cell heads its row: the first column is a text label and
    other columns follow it."""
    return len(table.columns) > 1 and table.columns[0].format is CellFormat.TEXT
