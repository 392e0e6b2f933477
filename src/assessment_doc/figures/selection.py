"""Which areas a chart draws when there are more than fit on a page.

A chart with its caption and source must fit the text frame of an A4 page (about 247 mm tall
and 162 mm wide). A ranked bar chart of 26 wards does; one of 260 would be over two metres tall,
and its names too small to read if it were shrunk to fit. So a chart with more areas than fit
draws a selection, and says so in the image and in its alt text:

* ranked bars: the areas at the top of the ranking, the few at the bottom, and every
  highlighted (focus) area wherever it ranks; each run of areas left out is one row of the
  chart that says how many and between which values. Suppressed areas left out are counted in a
  row of their own.
* grouped bars: the areas with the most and the fewest in the latest period (or the first and
  last as listed in the data), with a gap between them that says how many are left out.

The alt text is still written from every area (the highest, the lowest, the focus area's place
among all of them), and the chart's data (``Chart.data``) still holds every area.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MAX_HEIGHT = 8.0
"""The tallest chart, in inches. The PDF draws a 6.3 inch chart across the 166 mm text width,
so 8 inches take about 211 mm of the 247 mm frame, leaving room for a three-line caption and a
source line; the Word page (2.5 cm margins, 247 mm) has the same room."""

BOTTOM_ROWS = 5
"""Areas shown from the bottom of a ranking that is cut."""

MAX_GROUPS = 6
"""Areas a grouped bar chart draws at most: with more groups of four bars across 6.3 inches
(and a slot for the gap), the bars grow thin and the names run into each other."""


@dataclass(frozen=True, slots=True)
class Gap:
    """A row (or slot) standing for areas left out of a chart."""

    areas: tuple[str, ...]
    """The areas left out here, in the chart's order."""
    suppressed: bool = False
    """True when every area left out here is suppressed at source."""

    @property
    def count(self) -> int:
        return len(self.areas)


def ranked_rows(
    shown: Sequence[str], hidden: Sequence[str], marked: set[str], limit: int
) -> list[str | Gap]:
    """The rows of a ranked chart of at most ``limit`` rows: every area (``shown`` in rank
    order, then the suppressed ``hidden``) when they fit; otherwise the top of the ranking, the
    last :data:`BOTTOM_ROWS`, every ``marked`` area, and a :class:`Gap` for each run left out."""
    if len(shown) + len(hidden) <= limit:
        return [*shown, *hidden]
    limit = max(limit, 3)
    bottom = min(BOTTOM_ROWS, max(limit // 5, 1), len(shown))
    marked_at = {i for i, area in enumerate(shown) if area in marked}
    tail = [Gap(tuple(hidden), suppressed=True)] if hidden else []
    for top in range(limit, -1, -1):
        kept = set(range(min(top, len(shown)))) | set(range(len(shown) - bottom, len(shown)))
        rows = _with_gaps(shown, kept | marked_at) + tail
        if len(rows) <= limit:
            return rows
    return _with_gaps(shown, marked_at) + tail  # more marked areas than rows: keep them all


def _with_gaps(shown: Sequence[str], kept: set[int]) -> list[str | Gap]:
    rows: list[str | Gap] = []
    left_out: list[str] = []
    for index, area in enumerate(shown):
        if index in kept:
            if left_out:
                rows.append(Gap(tuple(left_out)))
                left_out = []
            rows.append(area)
        else:
            left_out.append(area)
    if left_out:
        rows.append(Gap(tuple(left_out)))
    return rows


def grouped_slots(areas: Sequence[str], limit: int = MAX_GROUPS) -> list[str | Gap]:
    """The groups of a grouped chart: every area if at most ``limit``; otherwise the first and
    the last ``limit // 2`` (the most and the fewest, as the areas come sorted) with a
    :class:`Gap` between them."""
    if len(areas) <= limit:
        return list(areas)
    first = limit - limit // 2
    last = limit // 2
    return [*areas[:first], Gap(tuple(areas[first:len(areas) - last])),
            *areas[len(areas) - last:]]


def drawn_areas(rows: Sequence[str | Gap]) -> list[str]:
    """The areas a chart draws, in its order."""
    return [row for row in rows if isinstance(row, str)]
