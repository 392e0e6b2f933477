"""Where the value label of a bar goes, so that a reference line never runs through it.

A ranked chart writes each bar's value just past the bar's end. A reference line (the Kent
rate, say) drawn across the bars would cross the labels of every bar that ends a little short of
it: the label of a bar at 56.7 starts where the line at 61.0 is. So a label that would reach the
line starts past the line instead, and the value axis is made long enough for the longest label
to end inside the plot. Both are worked out in inches at the chart's printed size, from the
measured width of each label, so that no label can cross the line at any scale of the values.

The same rule places the words of a row without a bar (``[c] suppressed at source``), whose
"bar" ends at zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

GAP = 4 / 72
"""Inches between a label and whatever it follows (the bar's end or the line): 4 points,
which is more than half the reference line's width plus the label's white backing."""


def label_start(bar_end: float, reference: float | None, width: float, gap: float = GAP) -> float:
    """Where (inches from the axis) a label ``width`` inches wide starts, for a bar ending at
    ``bar_end``: ``gap`` past the bar's end, or ``gap`` past the reference line when the label
    would otherwise start before the line and end after it (or come within ``gap`` of it)."""
    start = bar_end + gap
    if reference is not None and bar_end <= reference < start + width + gap:
        return reference + gap
    return start


@dataclass(frozen=True, slots=True)
class LabelLayout:
    """The value axis's length and each label's anchor, in the chart's values."""

    axis_end: float
    """The largest value the axis shows: every label ends inside the plot."""
    anchors: tuple[float, ...]
    """Per label: the value it is written after (its bar's end, or the reference's); the label
    starts :data:`GAP` past that point."""


def lay_out_labels(
    bar_ends: Sequence[float],
    widths: Sequence[float],
    reference: float | None,
    plot_width: float,
    gap: float = GAP,
) -> LabelLayout:
    """The axis length and anchors for labels ``widths`` inches wide after bars ending at
    ``bar_ends`` (values), on a plot ``plot_width`` inches wide, with a reference line at the
    value ``reference``.

    The axis must reach past the last label's end; a longer axis makes each label longer in
    values, so more of them may meet the line and move past it, which can call for a longer
    axis still. The length only grows from one round to the next and each round moves at least
    one more label, so this settles within one round per label.
    """
    top = max([*bar_ends, *([reference] if reference is not None else []), 0.0])
    axis_end = top if top > 0 else 1.0
    for _round in range(len(bar_ends) + 2):
        per_inch = axis_end / plot_width  # values per inch
        anchors = [_anchor(end, width, reference, per_inch, gap)
                   for end, width in zip(bar_ends, widths)]
        needed = max([axis_end, *(anchor * plot_width / (plot_width - gap - width)
                                   for anchor, width in zip(anchors, widths)
                                   if plot_width > gap + width)])
        if needed <= axis_end * (1 + 1e-9):
            return LabelLayout(axis_end, tuple(anchors))
        axis_end = needed
    return LabelLayout(axis_end, tuple(anchors))


def _anchor(end: float, width: float, reference: float | None, per_inch: float,
            gap: float) -> float:
    """The value a label is written after: its bar's end, or the reference's when
    :func:`label_start` (in inches) moves the label past the line."""
    if reference is None:
        return end
    start = label_start(end / per_inch, reference / per_inch, width, gap)
    return end if start == end / per_inch + gap else reference
