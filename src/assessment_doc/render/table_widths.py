"""Column widths of a table from its content, fitted to the page: one rule for both formats.

Each column wants its natural width (its longest cell, or header word) and needs at least its
longest word (numbers: their whole width), so no word is ever broken across lines. When the
natural widths do not fit, every column gets what it needs and the rest of the page is shared
among the text columns in proportion to how much more they want.

Widths are in points. Each renderer measures text with the metrics of its own font: the PDF with
the embedded DejaVu Sans, Word with Helvetica's, which are Arial's (metric-compatible).
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import CellFormat, Table
from . import house_style as hs

Measure = Callable[[str], float]
"""The width in points of a text in bold at the table's type size."""

_MM = 72 / 25.4


def column_widths(node: Table, available: float, measure: Measure, padding: float) -> list[float]:
    """Widths (points) of ``node``'s columns within ``available`` points; ``padding`` is a
    cell's left and right padding together."""
    texts = node.text_rows()
    columns = range(len(node.columns))
    natural = [_natural_width(node, texts, index, measure) + padding for index in columns]
    needed = [_needed_width(node, texts, index, measure) + padding for index in columns]
    if sum(natural) <= available:
        spare = available - sum(natural)
        if sum(natural) < available * 0.6:
            return [width + spare / len(natural) for width in natural]
        return natural
    if sum(needed) >= available:
        return [width * available / sum(needed) for width in needed]
    room = available - sum(needed)
    wants = [n - m for n, m in zip(natural, needed)]
    return [m + room * w / sum(wants) for m, w in zip(needed, wants)]


def _indent(node: Table, index: int) -> float:
    return max((r.indent for r in node.rows), default=0) * hs.INDENT_MM * _MM if index == 0 else 0


def _natural_width(node: Table, texts: list[list[str]], index: int, measure: Measure) -> float:
    longest = max((measure(row[index]) for row in texts), default=0) + _indent(node, index)
    word = max((measure(w) for w in node.columns[index].title.split()), default=0)
    return max(longest, word)


def _needed_width(node: Table, texts: list[list[str]], index: int, measure: Measure) -> float:
    if node.columns[index].format is not CellFormat.TEXT:
        return _natural_width(node, texts, index, measure)
    words = [w for row in texts for w in row[index].split()] + node.columns[index].title.split()
    return max((measure(w) for w in words), default=0) + _indent(node, index)
