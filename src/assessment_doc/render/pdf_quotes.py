"""A block quote in the PDF: its blocks set one by one, each indented by the quote's margin.

ReportLab's frame ``Indenter`` (a pair around the quote) is obeyed by a frame only: inside a
list item a ``ListFlowable`` wraps each of the item's flowables in its own indenter, and an
``Indenter`` there was either dropped (the quote lost its margin) or drawn, which ended the
build in AttributeError. Each block of a quote is therefore wrapped in an :class:`QuoteIndent`,
a flowable that indents what it holds wherever it stands: at the top of a section, in a list
item, in another quote (margins add up). It splits across pages as what it holds splits, and
passes every other attribute through (the model node, the structure element, the space
before and after), so tagging, pagination and list labels see the block itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reportlab.platypus import Flowable
from reportlab.platypus.flowables import DDIndenter


class QuoteIndent(DDIndenter):
    """One flowable of a quote, drawn ``left`` points in from where it is placed."""

    def split(self, available_width: float, available_height: float) -> list[Any]:
        pieces = self._flowable.split(available_width - self._leftIndent - self._rightIndent,
                                      available_height)
        return [QuoteIndent(piece, self._leftIndent, self._rightIndent) for piece in pieces]

    @property
    def inner(self) -> Flowable:
        """The flowable indented."""
        return self._flowable

    @property
    def margins(self) -> float:
        """The width it takes from its flowable's (points, both sides)."""
        return float(self._leftIndent + self._rightIndent)


def indented(flowables: Iterable[Flowable], left: float) -> list[Flowable]:
    """``flowables`` (a quote's blocks), each set ``left`` points further in."""
    return [QuoteIndent(flowable, leftIndent=left) for flowable in flowables]
