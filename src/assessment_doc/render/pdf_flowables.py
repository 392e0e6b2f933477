"""The PDF renderer's flowables: ReportLab flowables that keep their model node and draw tagged.

Each flowable carries ``model_node`` (the node it was built from) and ``structure`` (the structure
element its drawing belongs to); both are copied onto the pieces of a flowable split across pages,
so a paragraph on two pages is one element with marked content on both. Table cells carry their
TH/TD element; the table marks its backgrounds, rules and repeated header rows as artifacts. List
labels are drawn into the item's Lbl. The contents page is drawn as TOC/TOCI entries whose dot
leaders are artifacts. A paragraph's wrapped lines end with the space the text has there, so its
tagged text reads word by word; figures and tables report what they draw for their /BBox; a word
or a table row too long for a page is broken across pages rather than stopping the build.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Image, Spacer, TableStyle
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable
from reportlab.platypus.doctemplate import IndexingFlowable
from reportlab.platypus.tables import TableRenderCB

from .pdf_images import PngPicture
from .pdf_structure import StructElement, TaggingCanvas
from .reportlab_internals import (
    BulletDrawing,
    BulletHookList,
    LineEndText,
    frame_height,
    frame_of,
    parsed_text,
    row_count,
    row_heights,
)


class _KeepsNode:
    """Copies ``model_node`` and ``structure`` onto the pieces it splits into."""

    model_node: object = None
    structure: StructElement | None = None

    def split(self, available_width: float, available_height: float) -> list[Any]:
        pieces = super().split(available_width, available_height)  # type: ignore[misc]
        for piece in pieces:
            piece.model_node = self.model_node
            piece.structure = self.structure
        return pieces


class _DrawsTagged(_KeepsNode):
    """Draws all its output as marked content of its structure element."""

    def drawOn(self, canvas: TaggingCanvas, x: float, y: float, _sW: float = 0) -> None:
        if self.structure is None:
            raise TypeError(f"{type(self).__name__} has no structure element to draw into")
        opened = canvas.begin_content(self.structure)
        try:
            super().drawOn(canvas, x, y, _sW)  # type: ignore[misc]
        finally:
            if opened:
                canvas.end_marked()

    def draw(self) -> None:
        assert self.structure is not None
        self.canv.enclose(self.structure, 0, 0, *self.drawn_size())
        super().draw()  # type: ignore[misc]

    def drawn_size(self) -> tuple[float, float]:
        """The width and height drawn from the flowable's origin (after ``wrap``)."""
        return self.width, self.height  # type: ignore[attr-defined]


class TaggedParagraph(_DrawsTagged, RLParagraph):
    """A paragraph drawn as its element (P, H1, Caption, TD …).

    Where a line ends at a space of the text, the space is drawn at the end of the line (past
    its last glyph, so nothing moves): the text a screen reader or a copy takes from the page
    reads "each year", not "eachyear", across the wrap.
    """

    line_spaces: _LineSpaces | None = None
    """The whole paragraph's text, followed line by line as it is drawn; the pieces of a
    paragraph split across pages share it, so that the last line on one page ends with the
    space the text has there."""
    starts_text: bool = True
    """Whether this is the paragraph or its first piece (drawing it starts the text again)."""

    def __init__(self, text: str | None, style: ParagraphStyle, *args: Any, **kwargs: Any) -> None:
        super().__init__(text, style, *args, **kwargs)
        if text is not None:  # not a piece of a split paragraph, which shares the whole's
            self._line_spaces()  # read now: wrapping replaces the parsed fragments

    def split(self, available_width: float, available_height: float) -> list[Any]:
        spaces = self._line_spaces()
        pieces = super().split(available_width, available_height)
        for index, piece in enumerate(pieces):
            piece.line_spaces = spaces
            piece.starts_text = self.starts_text and index == 0
        return pieces

    def beginText(self, x: float, y: float) -> LineEndText:
        spaces = self._line_spaces()
        if self.starts_text:
            spaces.at = 0
        return LineEndText(self.canv, x, y, spaces)

    def _line_spaces(self) -> _LineSpaces:
        if self.line_spaces is None:
            self.line_spaces = _LineSpaces(parsed_text(self))
        return self.line_spaces


_SPACES = frozenset(" \t\n\r")
"""The spaces a line may break at (not the no-break space, which ReportLab keeps in its word)."""
_SOFT_HYPHEN = "\xad"


class _LineSpaces:
    """Follows a paragraph's lines through its text, and says which end at a space.

    Each line drawn is matched character by character against the text (spaces and soft
    hyphens aside, which the lines may drop); a line whose next character in the text is a space
    ends with one. A long word broken across lines, or the last line, ends without.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0

    def __call__(self, line: str) -> str:
        text, at = self.text, self.at
        for char in line:
            if char in _SPACES:
                continue
            while at < len(text) and (text[at] in _SPACES or text[at] == _SOFT_HYPHEN):
                at += 1
            if at < len(text) and text[at] == char:
                at += 1
        self.at = at
        ends_at_space = at < len(text) and text[at] in _SPACES
        return " " if ends_at_space and line[-1:] not in _SPACES else ""


class UnbrokenParagraph(TaggedParagraph):
    """A paragraph that moves to the next page whole rather than split, such as a highlighted
    recommendation; one too tall for most of a page still splits."""

    whole_up_to: float = 400.0
    """Height (points) up to which the paragraph is never split: about 55% of an A4 text frame."""

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        _, height = self.wrap(available_width, available_height)
        if height <= self.whole_up_to:
            return []
        return super().split(available_width, available_height)


class TaggedImage(_DrawsTagged, Image):
    """A picture drawn as its Figure element (which holds the alt text); a PNG that PDF takes
    as it is (``picture``) is placed without ReportLab decoding and compressing it again."""

    picture: PngPicture | None = None

    def draw(self) -> None:
        if self.picture is None:
            super().draw()
            return
        self.canv.enclose(self.structure, 0, 0, *self.drawn_size())
        self.canv.draw_picture(self.picture, 0, 0, self.drawWidth, self.drawHeight)

    def drawn_size(self) -> tuple[float, float]:
        return self.drawWidth, self.drawHeight


class Heading(TaggedParagraph):
    """A section heading: it feeds the contents, a bookmark and the outline.

    Its bookmark (the destination of the contents' links and of the outline) is the heading's
    top left corner, at the reader's zoom (/XYZ left top null), not the whole page (/Fit).
    """

    toc_entry: tuple[int, str, str] | None = None
    """(outline level, text, bookmark key); on the first piece only of a heading split across
    pages."""
    in_contents: bool = False
    contents_markup: str = ""

    def split(self, available_width: float, available_height: float) -> list[Any]:
        pieces = super().split(available_width, available_height)
        if pieces:
            first = pieces[0]
            first.toc_entry, first.in_contents = self.toc_entry, self.in_contents
            first.contents_markup = self.contents_markup
        return pieces

    def drawOn(self, canvas: TaggingCanvas, x: float, y: float, _sW: float = 0) -> None:
        if self.toc_entry is not None:
            left, top = canvas.absolutePosition(x, y + self.height)
            canvas.bookmarkPage(self.toc_entry[2], fit="XYZ", left=left, top=top)
        super().drawOn(canvas, x, y, _sW)


class Caption(TaggedParagraph):
    """A table's or figure's caption ("Table 2: ..."): when a cross-reference or a list of
    tables or figures points at it, it is a bookmark at its top left corner (/XYZ left top null,
    as a heading is), and it tells the document template its page (:attr:`caption_entry`)."""

    caption_entry: tuple[str, str, str] | None = None
    """(kind, "Table 2", bookmark key), kind "table" or "figure"; on the first piece only."""
    bookmarked: bool = False
    """Whether something links to it (a bookmark nothing links to would only add bytes)."""
    caption_markup: str = ""
    """The label and caption as markup in the style of a list of tables' entry."""

    def split(self, available_width: float, available_height: float) -> list[Any]:
        pieces = super().split(available_width, available_height)
        if pieces:
            pieces[0].caption_entry, pieces[0].bookmarked = self.caption_entry, self.bookmarked
            pieces[0].caption_markup = self.caption_markup
        return pieces

    def drawOn(self, canvas: TaggingCanvas, x: float, y: float, _sW: float = 0) -> None:
        if self.caption_entry is not None and self.bookmarked:
            left, top = canvas.absolutePosition(x, y + self.height)
            canvas.bookmarkPage(self.caption_entry[2], fit="XYZ", left=left, top=top)
        super().drawOn(canvas, x, y, _sW)


class DataTable(_KeepsNode, RLTable):
    """A table whose cells are tagged paragraphs; see :class:`TableArtifacts` for the rest.

    Split across pages, it leaves at least :data:`ROWS_CARRIED_OVER` body rows for the next page
    (under the repeated header), taking them from the foot of this one.
    """

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._drawn_size: tuple[float, float] = super().wrap(available_width, available_height)
        return self._drawn_size

    def draw(self) -> None:
        if self.structure is not None:
            self.canv.enclose(self.structure, 0, 0, *self._drawn_size)
        super().draw()

    def split(self, available_width: float, available_height: float) -> list[Any]:
        pieces = self._split_between_rows(available_width, available_height)
        if pieces or not self._row_taller_than_a_page():
            return pieces
        # the one way it fits: the row's cells go on over the page (and a header row taller
        # than a page is not repeated: ReportLab splits no repeated row)
        repeat_rows = self.repeatRows
        if sum(row_heights(self)[:repeat_rows]) > frame_height(frame_of(self)):
            self.repeatRows = 0
        self.splitInRow = 1
        try:
            pieces = super().split(available_width, available_height)
        finally:
            self.splitInRow, self.repeatRows = 0, repeat_rows
        for piece in pieces:
            piece.splitInRow = 0
        return pieces

    def _split_between_rows(self, available_width: float, available_height: float) -> list[Any]:
        pieces = super().split(available_width, available_height)
        if len(pieces) != 2:
            return pieces
        carried = row_count(pieces[1]) - self.repeatRows
        if carried >= ROWS_CARRIED_OVER:
            return pieces
        kept = row_count(pieces[0])
        short = ROWS_CARRIED_OVER - carried
        if kept - short <= self.repeatRows:
            return []  # too few rows would stay: the whole table moves on
        return super().split(available_width,
                             available_height - sum(row_heights(self)[kept - short:kept]) - 0.01)


    def _row_taller_than_a_page(self) -> bool:
        """Whether a row would not fit even on an empty page, under the header (a cell of
        thousands of letters): then, and only then, a row is split inside."""
        frame = frame_of(self)
        if frame is None:
            return False
        heights = row_heights(self)
        header = sum(heights[:self.repeatRows])
        return header > frame_height(frame) or any(
            height > frame_height(frame) - header for height in heights[self.repeatRows:])


ROWS_CARRIED_OVER = 3
"""The fewest body rows a split table carries over to the next page."""


class TableArtifacts(TableRenderCB):
    """Marks what a table draws outside its cells (backgrounds, rules) as layout artifacts, and
    header rows repeated on a later page as pagination artifacts."""

    def __init__(self) -> None:
        self._opened: list[bool] = []

    def _open(self, table: RLTable, kind: str) -> None:
        self._opened.append(table.canv.begin_artifact(kind))

    def _close(self, table: RLTable) -> None:
        if self._opened.pop():
            table.canv.end_marked()

    def startTable(self, table: RLTable) -> None:
        pass

    def endTable(self, table: RLTable) -> None:
        pass

    def startBG(self, table: RLTable) -> None:
        self._open(table, "Layout")

    def endBG(self, table: RLTable) -> None:
        self._close(table)

    def startLines(self, table: RLTable) -> None:
        self._open(table, "Layout")

    def endLines(self, table: RLTable) -> None:
        self._close(table)

    def startRow(self, table: RLTable, row: int) -> None:
        pass

    def endRow(self, table: RLTable) -> None:
        pass

    def startCell(self, table: RLTable, row: int, column: int, value: object, *rest: object) -> None:
        flowables = value if isinstance(value, (list, tuple)) else (value,)
        cell = getattr(flowables[0], "structure", None) if flowables else None
        # a header row drawn again; not the rest of a body cell split over the page
        repeated = row < table.repeatRows and cell is not None and table.canv.has_content(cell)
        self._opened.append(repeated and table.canv.begin_artifact("Pagination"))

    def endCell(self, table: RLTable) -> None:
        self._close(table)


class TaggedList(BulletHookList):
    """A list (L) whose item labels are drawn into each item's Lbl element.

    It splits into its items' indenters, which pass attributes through to the item's flowable:
    nothing is copied onto those pieces.
    """

    model_node: object = None
    structure: StructElement | None = None

    def draw_bullet(self, draw: BulletDrawing, indenter: Any, canvas: TaggingCanvas) -> None:
        first = getattr(indenter, "structure", None)  # the item's first flowable's element
        item = first.nearest("LI") if first is not None else None
        if item is None:
            raise TypeError("a list label is drawn for a flowable outside any list item")
        with canvas.tagged(item.kids[0]):
            draw()


# --- the contents page -------------------------------------------------------------------------

_ENTRY_END = "assessment_doc_contents_entry_end"
"""Name of the paragraph callback that records where a contents entry's text ends."""
_LEADER = " . "


class ContentsEntry(TaggedParagraph):
    """One contents line: the heading linked to its section, dot leaders, the page number.

    The text is drawn first (the paragraph's callback records where it ends), then the leaders as
    an artifact and the page number as content of the same Link element. The page number is not
    known when the contents page is drawn (the headings come later): both are painted as form
    XObjects that are filled in once every page is laid out (:meth:`.HookedCanvas.draw_later`),
    and the link's rectangle, which is the number's, is set then too. The entry's height does not
    depend on its number, so nothing else on the page waits for it.
    """

    def __init__(self, markup: str | None, style: ParagraphStyle, *args: Any, key: str = "",
                 page_of: Callable[[str], int] | None = None, available_width: float = 0,
                 **kwargs: Any) -> None:
        super().__init__(markup, style, *args, **kwargs)
        self.key = key
        self.page_of = page_of
        """Bookmark key -> the page it is on, asked once the whole document is laid out."""
        self.available_width = available_width
        self.text_end: tuple[float, float] | None = None

    def split(self, available_width: float, available_height: float) -> list[Any]:
        """Pieces of an entry too tall for a page (a heading of thousands of letters); the
        last draws the page number."""
        pieces = super().split(available_width, available_height)
        for piece in pieces:
            piece.key, piece.page_of = self.key, self.page_of
            piece.available_width = self.available_width
        return pieces

    def drawOn(self, canvas: TaggingCanvas, x: float, y: float, _sW: float = 0) -> None:
        self.text_end = None
        super().drawOn(canvas, x, y, _sW)
        if self.text_end is None:
            return
        canvas.saveState()
        canvas.translate(x, y)  # the callback's position is in the paragraph's own space
        self._draw_page_number(canvas, *self.text_end)
        canvas.restoreState()

    def _draw_page_number(self, canvas: TaggingCanvas, x: float, y: float) -> None:
        """The leaders (an artifact) and the number (the Link's content, with its annotation),
        each a form XObject painted here and drawn when the pages are known.

        Marked content may enclose the ``Do`` of a form XObject: "the entire form XObject is
        considered to be part of the structure element's content, as if it were inserted into
        the marked-content sequence at the point of the Do operator. The form XObject cannot in
        turn contain any marked-content sequences" (PDF Reference 1.7, 10.6.3, "Marked-Content
        Sequences as Content Items", p. 865; ISO 32000-1:2008, 14.7.4.2). So the Link still owns
        its number (``pdfinfo -struct-text`` reads it there) and the leaders stay an artifact;
        the forms themselves hold no marked content.
        """
        assert self.structure is not None and self.page_of is not None
        style, width, key, page_of = self.style, self.available_width, self.key, self.page_of
        leading = style.leading
        box = (-leading, y - 2 * leading, width + leading, y + 2 * leading)

        def leaders(form: TaggingCanvas) -> None:
            size, _, dots, number_x = _number_place(str(page_of(key)), style, x, width)
            _draw_line(form, number_x - dots * stringWidth(_LEADER, style.fontName, size), y,
                       _LEADER * dots, style, size)

        def number(form: TaggingCanvas) -> None:
            text = str(page_of(key))
            size, number_width, _, number_x = _number_place(text, style, x, width)
            _draw_line(form, number_x, y, text, style, size)
            place_link((number_x, y, number_x + number_width, y + leading))

        with canvas.artifact("Layout"):
            canvas.draw_later(leaders, box)
        with canvas.tagged(self.structure):
            canvas.draw_later(number, box)
            place_link = canvas.link_later(key)


def _number_place(number: str, style: ParagraphStyle, x: float,
                  available_width: float) -> tuple[float, float, int, float]:
    """Where a contents entry's page number goes after its text, which ends at ``x``, as
    ReportLab's contents places it (tableofcontents.drawPageNumbers): its font size (smaller
    when the text leaves no room), its width, the number of leaders before it, and its left."""
    size = style.fontSize
    width = stringWidth(number, style.fontName, size)
    while width > available_width - x and size >= 1.0:
        size *= 0.9
        width = stringWidth(number, style.fontName, size)
    dots = int((available_width - x - width) / stringWidth(_LEADER, style.fontName, size))
    return size, width, dots, available_width - width


def _draw_line(canvas: TaggingCanvas, x: float, y: float, line: str, style: ParagraphStyle,
               size: float) -> None:
    text = canvas.beginText(x, y)
    text.setFont(style.fontName, size)
    text.setFillColor(style.textColor)
    text.textLine(line)
    canvas.drawText(text)


_TALL = 1.0e7
_A4_TEXT_HEIGHT = 717.0
"""An A4 page's text height in points, where no frame says (the contents is always in one)."""
_CELL_SIDES = 12.0
"""A ReportLab table cell's left and right padding together (the contents' table's own)."""

class Contents(IndexingFlowable):
    """The contents page (or a list of tables or figures): an entry for each heading expected.

    Laid out as ReportLab's TableOfContents lays it out (a one-column table, a spacer row before
    each entry whose style has space before), with each entry drawn as a :class:`ContentsEntry`
    into the Link element of its TOCI. The entries are known before layout (the headings the
    document has, ``expected``) and their page numbers are drawn only once the pages are laid out,
    so one layout pass is enough. Only when the headings drawn ("TOCEntry" notifications, or
    the captions for a list of them) are not the entries laid out (never, unless the translator
    and the template disagree) is the story laid out again, with the entries drawn.
    """

    def __init__(self, level_styles: list[ParagraphStyle], table_style: TableStyle,
                 links: dict[str, StructElement], placeholder: StructElement,
                 expected: list[tuple[int, str, str]] = (), kind: str = "TOCEntry") -> None:
        super().__init__()
        self.kind = kind
        """The notifications it lists: "TOCEntry" (headings), or the entries of a list of
        tables or figures ("tableEntry", "figureEntry")."""
        self.level_styles = level_styles
        self.table_style = table_style
        self.links = links
        """Bookmark key of each section -> the Link element of its TOCI."""
        self.placeholder = placeholder
        """The element an entry with no Link of its own is drawn into (the TOC)."""
        self.laid_out: list[tuple[int, str, str]] = list(expected)
        """(level, markup, bookmark key) of each entry this pass lays out."""
        self.entries: list[tuple[int, str, int, str]] = []
        """(level, markup, page, bookmark key) of each entry drawn in this pass, as notified."""
        self._pages: dict[str, int] = {}
        self._satisfied = True
        self._table: RLTable | None = None
        self._drawn: list[ContentsEntry] = []

    def isIndexing(self) -> bool:
        return True

    def isSatisfied(self) -> bool:
        return self._satisfied

    def beforeBuild(self) -> None:
        self.entries = []
        self._pages = {}

    def afterBuild(self) -> None:
        drawn = [(level, text, key) for level, text, _, key in self.entries]
        self._satisfied = drawn == self.laid_out
        if not self._satisfied:
            self.laid_out = drawn

    def notify(self, kind: str, stuff: Any) -> None:
        if kind == self.kind:
            level, text, page, key = stuff
            self.entries.append((level, text, page, key))
            self._pages.setdefault(key, page)

    def page_of(self, key: str) -> int:
        """The page the entry's heading (or caption) was drawn on, once the pass is over."""
        return self._pages[key]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        rows: list[list[Any]] = []
        self._drawn = []
        for level, text, key in self.laid_out:
            style = self.level_styles[min(level, len(self.level_styles) - 1)]
            index = len(self._drawn)
            entry = ContentsEntry(
                f'<a href="#{key}">{text}</a><onDraw name="{_ENTRY_END}" label="{index}"/>'
                if key else text,
                style, key=key, page_of=self.page_of, available_width=available_width,
            )
            entry.structure = self.links.get(key, self.placeholder)
            pieces = self._fitted(entry, available_width)
            self._drawn.append(pieces[-1])  # the piece whose text ends the entry
            if style.spaceBefore:
                rows.append([Spacer(1, style.spaceBefore)])
            rows.extend([piece] for piece in pieces)
        if not rows:  # nothing to list: nothing drawn
            self._table = None
            self.width, self.height = available_width, 0
            return self.width, self.height
        self.canv.set_paragraph_callback(_ENTRY_END, self._record_text_end)
        self._table = RLTable(rows, colWidths=(available_width,), style=self.table_style)
        self.width, self.height = self._table.wrapOn(self.canv, available_width, available_height)
        return self.width, self.height

    def _fitted(self, entry: ContentsEntry, available_width: float) -> list[ContentsEntry]:
        """The entry, or its pieces when it is taller than most of a page (a table row does not
        split across pages): each piece a row of its own."""
        frame = frame_of(self)
        most = 0.8 * (frame_height(frame) if frame is not None else _A4_TEXT_HEIGHT)
        width = available_width - _CELL_SIDES
        pieces = [entry]
        while pieces[-1].wrap(width, _TALL)[1] > most:
            parts = pieces[-1].split(width, most)
            if len(parts) != 2:
                break
            pieces[-1:] = parts
        return pieces

    def _record_text_end(self, canvas: TaggingCanvas, kind: str, label: str) -> None:
        self._drawn[int(label)].text_end = canvas.text_cursor()

    def split(self, available_width: float, available_height: float) -> list[Any]:
        if self._table is None:
            return []
        return self._table.splitOn(self.canv, available_width, available_height)

    def drawOn(self, canvas: TaggingCanvas, x: float, y: float, _sW: float = 0) -> None:
        if self._table is not None:
            self._table.drawOn(canvas, x, y, _sW)
