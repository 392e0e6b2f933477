"""What a table must tell its readers besides its figures: a cell shown otherwise than it was
published, and a total row that the rows above it do not add up to.

A published edition of a table may print a figure that its own counts do not give (a rank taken
from last year's rates, a difference that does not follow from the costs beside it). The table
shows the figure worked out from the data, and :func:`disclose` adds a note saying what was
published, what is shown and why, from the spec's ``published:`` entries. A total row that is
published (KCC Total, Kent, a division or ward total) is kept as published; where the rows it
totals add up to something else, a note says so, and where the column is one we computed (a
difference) or the data's own check of totals cannot see it (a ward total), a warning too.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

import pandas as pd

from ..format import ordinal
from ..model import CellFormat, Column, format_cell
from ..periods import Period
from ..values import Suppressed
from .computed import LABEL, ComputedTable, Disclosure, TotalRow
from .context import TableContext
from .spec_file import closest
from .specs import PublishedCells, TableSpec


def disclose(ctx: TableContext, spec: TableSpec, table: ComputedTable) -> ComputedTable:
    """``table`` with a note for each published cell shown otherwise and each total its rows
    do not add up to, and those disclosures recorded."""
    found: list[Disclosure] = []
    for index, cells in enumerate(spec.published):
        found += _published(ctx, table, cells, index)
    for total in table.totals:
        found += _total(ctx, table, total)
    if not found:
        return table
    notes = (*table.notes, *dict.fromkeys(d.note for d in found))
    return replace(table, notes=notes, disclosures=tuple(found))


# --- cells published otherwise -----------------------------------------------------------------


def _published(ctx: TableContext, table: ComputedTable, cells: PublishedCells,
               index: int) -> list[Disclosure]:
    where = ("published", index)
    if table.periods.get("current") != Period.parse(cells.period):
        return []  # another year's table: what was published then is not about it
    frame = table.frame
    if cells.column not in frame.columns or cells.column == LABEL:
        raise ctx.fail(f"no column '{cells.column}' to compare with what was published",
                       (*where, "column"), "the key of one of the table's columns: "
                       + ", ".join(f"'{k}'" for k in frame.columns if k != LABEL))
    column = _column(table, cells.column)
    differing = []
    for area, published in cells.values.items():
        if area not in frame.index:
            raise ctx.fail(f"no row '{area}' to compare with what was published"
                           f"{closest(area, [str(key) for key in frame.index])}",
                           (*where, "values"), "an area the table shows, as written in the data")
        shown = frame.at[area, cells.column]
        if not _known(shown) and not isinstance(shown, Suppressed):
            raise ctx.fail(f"row '{area}' has no figure in column '{cells.column}' to compare "
                           "with what was published", (*where, "values"),
                           "a row with a figure in that column (a county row has no rank)")
        if _text(shown, column.format) != _text(published, column.format):
            differing.append((str(frame.at[area, LABEL]), published, shown))
    if not differing:
        return []  # the data now gives what was published: nothing to tell
    why = ctx.fill(cells.why.strip(), dict(table.periods), (*where, "why"))
    note = _published_note(column, differing, why)
    return [Disclosure(table.id, row, column.title, _text(published, column.format),
                       _text(shown, column.format), note)
            for row, published, shown in differing]


def _published_note(column: Column, differing: list[tuple[str, float, object]],
                    why: str) -> str:
    fmt = column.format
    if len(differing) == 1:
        row, published, shown = differing[0]
        said = (f"{row} was published as {_text(published, fmt)}; "
                f"this table shows {_text(shown, fmt)}")
    else:
        said = ("published as " + _and([f"{_text(p, fmt)} for {row}" for row, p, _ in differing])
                + "; this table shows " + _and([_text(s, fmt) for _, _, s in differing]))
    name = _RANK_MEANING.sub("", column.title)  # the note says which rows; the header, rank 1
    return f"\u201c{name}\u201d: {said}. {why}"


_RANK_MEANING = re.compile(r" \(1 = [^)]*\)$")


# --- totals -------------------------------------------------------------------------------------


def _total(ctx: TableContext, table: ComputedTable, total: TotalRow) -> list[Disclosure]:
    frame = table.frame
    label = str(frame.at[total.key, LABEL])
    found: list[tuple[Column, float, float, bool]] = []
    with_figures = len(total.parts)
    for key, computed in table.additive.items():
        value = frame.at[total.key, key]
        parts = [frame.at[part, key] for part in total.parts]
        if not _known(value):
            continue
        known = [float(p) for p in parts if _known(p)]
        added = math.fsum(known)
        if len(known) == len(parts):
            if abs(added - float(value)) <= 1e-6 * max(1.0, abs(float(value))):
                continue
        elif added <= float(value):
            continue  # suppressed rows hold the rest
        found.append((_column(table, key), float(value), added, computed))
        with_figures = min(with_figures, len(known))
    if not found:
        return []
    parts_words = _parts_words(frame, total, with_figures)
    note = _total_note(label, parts_words, found)
    disclosures = []
    for column, value, added, computed in found:
        shown, summed = _text(value, column.format), _text(added, column.format)
        warning = None
        if computed or not total.checked_in_data:
            how = "worked out from the published totals" if computed else "as published"
            warning = ctx.place.problem(
                f"data quality: in the column '{column.title}', the {label} row is {shown} "
                f"({how}), but the rows it totals ({parts_words}) add up to {summed}",
                expected="a total its rows add up to: correct a mistyped figure, or keep the "
                "figures as published: the table's note tells the reader")
        disclosures.append(Disclosure(table.id, label, column.title, shown, shown, note,
                                      rows_add_up_to=summed, warning=warning))
    return disclosures


def _total_note(label: str, parts_words: str,
                found: list[tuple[Column, float, float, bool]]) -> str:
    said = "; ".join(
        f"{column.title}: {_text(value, column.format)} "
        + ("worked out from the published totals" if computed else "as published")
        for column, value, _added, computed in found)
    sums = _and([_text(added, column.format) for column, _value, added, _ in found])
    return f"{label} row ({said}): {parts_words} above add up to {sums}."


def _parts_words(frame: pd.DataFrame, total: TotalRow, with_figures: int) -> str:
    """The rows a total is of: named when there are three or fewer, else counted; those
    suppressed are not among the rows said to add up."""
    if with_figures < len(total.parts):
        return f"the {with_figures} {total.noun} with figures"
    labels = [str(frame.at[part, LABEL]) for part in total.parts]
    return _and(labels) if len(labels) <= 3 else f"the {len(labels)} {total.noun}"


# --- words --------------------------------------------------------------------------------------


def _column(table: ComputedTable, key: str) -> Column:
    return table.columns[list(table.frame.columns).index(key)]


def _known(value: object) -> bool:
    if value is None or isinstance(value, (Suppressed, str)):
        return False
    return not (isinstance(value, float) and math.isnan(value))


def _text(value: object, fmt: CellFormat) -> str:
    if fmt is CellFormat.RANK and _known(value):
        return ordinal(int(float(value)))  # type: ignore[arg-type]
    return format_cell(value, fmt)  # type: ignore[arg-type]


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
