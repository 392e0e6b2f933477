"""Column widths of a table from its content, fitted to the page: one rule for both formats.

A table is as wide as its content asks, up to the full text width, never stretched:

- every column is at least as wide as its longest number (numbers never wrap) or its longest
  word (no word is broken across lines);
- headers wrap onto as few lines as fit: one line each if the table still fits the page, else
  two, else three (the most a header takes in a table that fits at all);
- like numeric columns (the same format: counts, rates, changes …) are equally wide, so that a
  row of figures reads as a row;
- when the text does not fit on one line a cell, the text columns share the room left in
  proportion to how much more they want, and wrap.

Widths are in points. Each renderer measures text with the metrics of its own font: the PDF with
its embedded font, Word with the one it names (the same metrics, see :mod:`.pdf`).
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import CellFormat, Table
from . import house_style as hs

Measure = Callable[[str], float]
"""The width in points of a text in bold at the table's type size."""

MOST_HEADER_LINES = 3
"""The most lines a header is wrapped onto before the text columns are made narrower."""

_MOST_LINES_EVER = 8
"""Headers are wrapped onto more lines than :data:`MOST_HEADER_LINES` (up to this many) only
when the table cannot fit otherwise; beyond, every column is made narrower alike."""

_MM = 72 / 25.4
_SLACK = 0.5
"""Points added to a width worked out to fit a line exactly, against rounding in a renderer."""


def column_widths(node: Table, available: float, measure: Measure, padding: float) -> list[float]:
    """Widths (points) of ``node``'s columns within ``available`` points; ``padding`` is a
    cell's left and right padding together."""
    texts = node.text_rows()
    columns = range(len(node.columns))
    cells = [_longest_cell(node, texts, index, measure) for index in columns]
    words = [_longest_word(node, texts, index, measure) for index in columns]
    for lines in range(1, _MOST_LINES_EVER + 1):
        headers = [header_width(node.columns[index].title, lines, measure) for index in columns]
        natural = _like_columns_equal(node, [max(c, h) + padding for c, h in zip(cells, headers)])
        if lines <= MOST_HEADER_LINES and sum(natural) <= available:
            return natural
        if lines < MOST_HEADER_LINES:
            continue
        needed = _like_columns_equal(node, [max(w, h) + padding for w, h in zip(words, headers)])
        if sum(needed) < available:
            room = available - sum(needed)
            wants = [n - m for n, m in zip(natural, needed)]
            return [m + room * w / sum(wants) for m, w in zip(needed, wants)]
    return [width * available / sum(needed) for width in needed]


def header_width(title: str, lines: int, measure: Measure) -> float:
    """The narrowest width at which ``title`` wraps (word by word) onto at most ``lines`` lines."""
    words = title.split()
    if not words:
        return 0.0
    longest_word = max(measure(word) for word in words)
    spans = sorted({width for start in range(len(words)) for end in range(start + 1, len(words) + 1)
                    if (width := measure(" ".join(words[start:end]))) >= longest_word})
    return next(width for width in spans if len(_wrapped(words, width, measure)) <= lines) + _SLACK


def _wrapped(words: list[str], width: float, measure: Measure) -> list[str]:
    """``words`` filled into lines no wider than ``width`` (a longer word has a line to itself)."""
    lines = [words[0]]
    for word in words[1:]:
        joined = f"{lines[-1]} {word}"
        if measure(joined) <= width:
            lines[-1] = joined
        else:
            lines.append(word)
    return lines


def _like_columns_equal(node: Table, widths: list[float]) -> list[float]:
    """Each numeric column as wide as the widest column of the same format."""
    widest: dict[CellFormat, float] = {}
    for column, width in zip(node.columns, widths):
        if column.format is not CellFormat.TEXT:
            widest[column.format] = max(widest.get(column.format, 0.0), width)
    return [widest.get(column.format, width) if column.format is not CellFormat.TEXT else width
            for column, width in zip(node.columns, widths)]


def _indent(node: Table, index: int) -> float:
    return max((r.indent for r in node.rows), default=0) * hs.INDENT_MM * _MM if index == 0 else 0


def _longest_cell(node: Table, texts: list[list[str]], index: int, measure: Measure) -> float:
    return max((measure(row[index]) for row in texts), default=0) + _indent(node, index) + _SLACK


def _longest_word(node: Table, texts: list[list[str]], index: int, measure: Measure) -> float:
    if node.columns[index].format is not CellFormat.TEXT:
        return _longest_cell(node, texts, index, measure)
    words = [w for row in texts for w in row[index].split()]
    return max((measure(w) for w in words), default=0) + _indent(node, index) + _SLACK
