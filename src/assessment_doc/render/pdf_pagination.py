"""Where the PDF's pages may break: what stays together, measured when the page is laid out.

ReportLab's own ``keepWithNext`` moves a heading and *the whole* of what follows it to the next
page, so a heading before a long table took the table with it and left half a page empty. Here
nothing is grouped: a :class:`NeedsRoom` marker stands before what must not be separated and asks
for a new page only when the rest of this one is too short for the part that must stay together:

- a heading (or a run of headings) keeps with at least :data:`LINES_KEPT` lines of the text that
  follows, or with the start of the table or figure that follows;
- a short table (:data:`SHORT_TABLE_ROWS` body rows or fewer) stays whole with its caption and
  notes; a longer one needs its caption, header and :data:`LINES_KEPT` rows, then splits across
  pages with its header repeated (and carries at least three rows over: see ``DataTable``);
- a figure stays with its caption and source.

A short table or a figure that does not fit at the foot of a page *floats*: the paragraphs and
lists that follow it in its section (never a heading) are set first, as many as fill the page,
and it stands at the top of the next page (:func:`float_past_text`). The structure tree keeps the
model's reading order; only where things are drawn changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.platypus import Flowable, Frame
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from . import reportlab_internals as rl
from .pdf_quotes import QuoteIndent

SHORT_TABLE_ROWS = 12
"""A table of this many body rows or fewer is never split (the Word renderer's rule too)."""

LINES_KEPT = 3
"""Lines of text (or table rows) a heading or caption keeps with it at the foot of a page."""

_BIG = 1.0e7


class NeedsRoom(rl.SpaceTransparentFlowable):
    """Starts a new page unless the rest of this one can hold :meth:`room` points.

    Draws nothing and takes no space (it passes the space after the flowable before it through
    to the one after it). On an empty page it does nothing: a new page would not give more room.
    """

    def __init__(self, measure: Callable[[float], float], floats: int = 0) -> None:
        super().__init__()
        self.measure = measure
        """Available width -> the height that must fit on this page."""
        self.floats = floats
        """How many flowables after this marker make a unit that may float (0: none)."""

    def room(self, available_width: float) -> float:
        return self.measure(available_width)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        frame = rl.frame_of(self)
        if frame is None or rl.frame_is_empty(frame):
            return (0, 0)
        if available_height < self.room(available_width) <= rl.frame_height(frame):
            return (0, max(available_height, 0) + 1)  # does not fit: the frame ends here
        return (0, 0)

    def draw(self) -> None:
        pass


def measured_height(flowable: Flowable, available_width: float) -> float:
    """The height ``flowable`` takes at ``available_width``, measured as a frame measures it
    (``wrapOn``): a list lays its items out on the canvas that ``wrapOn`` lends it, and asked by
    ``wrap`` alone, as a list just after a heading was, it stopped the build (AttributeError:
    no attribute 'canv'). Measuring needs no canvas, so none is lent."""
    return flowable.wrapOn(None, available_width, _BIG)[1]


def height_of(flowables: Sequence[Flowable], available_width: float) -> float:
    """The height ``flowables`` take one after another, with the space between them."""
    total = 0.0
    for index, flowable in enumerate(flowables):
        height = measured_height(flowable, available_width)
        total += height
        if index:
            total += max(flowable.getSpaceBefore() - flowables[index - 1].getSpaceAfter(), 0)
            total += flowables[index - 1].getSpaceAfter()
    return total


def start_of(flowable: Flowable, available_width: float, line_height: float) -> float:
    """The height of the part of ``flowable`` that must stay with a heading before it: its
    room, for a marker; a paragraph's first :data:`LINES_KEPT` lines (all of it when one more
    line would be all); a table's header and first rows; a picture whole; of anything else (a
    list), :data:`LINES_KEPT` lines of body text, or all of it when shorter. A block of a quote
    is measured as the block, in the quote's narrower width."""
    if isinstance(flowable, NeedsRoom):
        return flowable.room(available_width)
    if isinstance(flowable, QuoteIndent):
        return start_of(flowable.inner, available_width - flowable.margins, line_height)
    height = measured_height(flowable, available_width)
    if isinstance(flowable, RLParagraph):
        lines = rl.line_count(flowable)
        if lines > LINES_KEPT + 1:
            return LINES_KEPT * flowable.style.leading
        return height
    if isinstance(flowable, RLTable):
        return sum(rl.row_heights(flowable)[: 1 + LINES_KEPT])
    if getattr(flowable, "drawHeight", None) is not None:  # a picture
        return height
    return min(height, LINES_KEPT * line_height)


def table_room(caption: Flowable, table: RLTable, notes: Sequence[Flowable],
               rows: int, unit: int) -> NeedsRoom:
    """The room a table needs: whole with its notes when short (it may float: ``unit`` is the
    number of flowables it is drawn as), else caption, header and rows."""
    def measure(available_width: float) -> float:
        if rows <= SHORT_TABLE_ROWS:
            return height_of([caption, table, *notes], available_width)
        return height_of([caption], available_width) + caption.getSpaceAfter() + start_of(
            table, available_width, 0)
    return NeedsRoom(measure, floats=unit if rows <= SHORT_TABLE_ROWS else 0)


def whole_room(flowables: Sequence[Flowable]) -> NeedsRoom:
    """The room for all of ``flowables`` together (a figure, its caption and its source), which
    may float."""
    return NeedsRoom(lambda available_width: height_of(flowables, available_width),
                     floats=len(flowables))


def float_past_text(flowables: list[Flowable], frame: Frame,
                    may_move: Callable[[Flowable], bool]) -> None:
    """When ``flowables`` starts with a floating unit that the rest of ``frame`` cannot hold,
    move before it the text after it that fills the frame: whole paragraphs and lists that fit,
    then one more paragraph if at least :data:`LINES_KEPT` of its lines fit (it is split).
    ``may_move`` says which flowables are text that may be set before a table or figure."""
    marker = flowables[0]
    if not isinstance(marker, NeedsRoom) or not marker.floats or rl.frame_is_empty(frame):
        return
    width = rl.frame_width(frame)
    left = rl.height_left(frame)
    if marker.room(width) <= left or marker.room(width) > rl.frame_height(frame):
        return
    start = 1 + marker.floats
    end = start
    previous = flowables[start - 1]
    while end < len(flowables) and may_move(flowables[end]):
        candidate = flowables[end]
        height = measured_height(candidate, width)
        height += max(candidate.getSpaceBefore(), previous.getSpaceAfter())
        if height > left:
            if isinstance(candidate, RLParagraph) and left >= (LINES_KEPT + 0.5) * candidate.style.leading:
                end += 1
            break
        left -= height
        previous = candidate
        end += 1
    if end > start:
        flowables[:end] = [*flowables[start:end], *flowables[:start]]


def keep_headings(story: list[Flowable], is_heading: Callable[[Flowable], bool],
                  line_height: float) -> list[Flowable]:
    """``story`` with a :class:`NeedsRoom` before each run of headings, for the headings and the
    start of what follows them (see :func:`start_of`)."""
    kept: list[Flowable] = []
    index = 0
    while index < len(story):
        if not is_heading(story[index]):
            kept.append(story[index])
            index += 1
            continue
        end = index
        while end < len(story) and is_heading(story[end]):
            end += 1
        headings = story[index:end]
        follower = story[end] if end < len(story) else None
        kept.append(NeedsRoom(_heading_measure(headings, follower, line_height)))
        kept.extend(headings)
        index = end
    return kept


def _heading_measure(headings: list[Flowable], follower: Flowable | None,
                     line_height: float) -> Callable[[float], float]:
    def measure(available_width: float) -> float:
        height = height_of(headings, available_width)
        if follower is not None:
            height += headings[-1].getSpaceAfter() + start_of(follower, available_width,
                                                              line_height)
        return height
    return measure
