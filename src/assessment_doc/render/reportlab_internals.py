"""Every use of a ReportLab internal, in one place.

Open-source ReportLab has no API for tagged PDF: page dictionaries cannot take /StructParents or
/Tabs, link annotations refuse /StructParent, list bullets are drawn by a private helper, indirect
objects are made through the canvas's private document, a form drawn at the end (a page number)
shares its resources and a link stored earlier gets its rectangle then, and multiBuild decides on
another pass through a private method. Each of those reaches is here, behind a
name that says what it is for, so that a ReportLab upgrade breaks this module (and its tests,
``tests/render/test_pdf_internals.py``, which exercise each reach) and nothing else.

Tested with ReportLab :data:`TESTED_REPORTLAB` (see that test module for the check).
"""

from __future__ import annotations

import calendar
import datetime as dt
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import BaseDocTemplate, Flowable, ListFlowable
from reportlab.platypus.flowables import LIIndenter

from ..errors import RenderError
from ..versions import SUPPORTED
from .pdf_images import PngPicture

TESTED_REPORTLAB = tuple(SUPPORTED["reportlab"].split(","))
"""The ReportLab releases tagged output was tested with (:data:`..versions.SUPPORTED`, which
``pyproject.toml`` and the check before a build follow): 4.2.5, 4.3.1, 4.4.10 and 5.1.0 pass every
PDF test. 4.0.0 does not: its TrueType subsets carry /Widths that disagree with the embedded font
program (PDF/UA-1 7.21.5), which ``test_fonts_are_symbolic_truetype_with_the_programs_widths``
catches."""

PdfObject = Any
"""A ReportLab PDF object (dictionary, array, string, name, reference) or a number."""


# --- PDF objects (reportlab.pdfbase.pdfdoc has no documented API) -----------------------------


@cache  # the same few names thousands of times, and ReportLab escapes them character by character
def name(value: str) -> str:
    """A PDF name, such as ``/Sect``."""
    return pdfdoc.PDFName(value)


def text(value: str) -> PdfObject:
    """A PDF text string (PDFDocEncoding, or UTF-16 when it needs more)."""
    return pdfdoc.PDFString(value)


def array(items: Iterable[PdfObject]) -> PdfObject:
    return pdfdoc.PDFArray(list(items))


def dictionary(entries: Mapping[str, PdfObject]) -> PdfObject:
    """A PDF dictionary; keys are names without the slash."""
    return pdfdoc.PDFDictionary(dict(entries))


def set_entry(pdf_dictionary: PdfObject, key: str, value: PdfObject) -> None:
    pdf_dictionary[key] = value


def metadata_stream(xml: bytes) -> PdfObject:
    """An uncompressed /Metadata stream holding an XMP packet."""
    entries = dictionary({"Type": name("Metadata"), "Subtype": name("XML")})
    return pdfdoc.PDFStream(entries, content=xml, filters=None)  # None: the document's (none)


def image_stream(picture: PngPicture) -> PdfObject:
    """An image XObject whose data is the PNG's own, read through PNG predictors."""
    entries = dictionary({
        "Type": name("XObject"),
        "Subtype": name("Image"),
        "Width": picture.width,
        "Height": picture.height,
        "ColorSpace": name("DeviceRGB" if picture.colours == 3 else "DeviceGray"),
        "BitsPerComponent": 8,
        "Filter": name("FlateDecode"),  # with /Filter given, ReportLab compresses nothing again
        "DecodeParms": dictionary({"Predictor": 15, "Colors": picture.colours,
                                   "BitsPerComponent": 8, "Columns": picture.width}),
    })
    return pdfdoc.PDFStream(entries, content=picture.data)


# --- the document's date ------------------------------------------------------------------------


@contextmanager
def document_date(when: dt.date) -> Iterator[None]:
    """Within this block ReportLab dates every PDF it starts ``when``, midnight UTC.

    ReportLab takes a new document's CreationDate, ModDate and the seed of its /ID from
    ``pdfdoc.TimeStamp``, which reads SOURCE_DATE_EPOCH from the environment or, in invariant
    mode, uses 2000-01-01. The name is replaced for the block, so neither the environment nor the
    clock can reach the bytes, and the PDF carries the document's own date as the .docx does.
    """
    epoch = calendar.timegm(when.timetuple())
    original = pdfdoc.TimeStamp

    class _FixedTimeStamp(original):  # type: ignore[misc, valid-type]
        def __init__(self, invariant: object = None) -> None:
            self.t = epoch
            self.lt = time.gmtime(epoch)
            self.YMDhms = tuple(self.lt)[:6]
            self.dhh = self.dmm = 0
            self.tzname = "UTC"

    with _DATE_LOCK:
        pdfdoc.TimeStamp = _FixedTimeStamp
        try:
            yield
        finally:
            pdfdoc.TimeStamp = original


_DATE_LOCK = threading.Lock()


@contextmanager
def binary_streams() -> Iterator[None]:
    """Within this block ReportLab writes streams as binary, not ASCII85 text.

    ASCII85 (``rl_config.useA85``, on by default) makes each page and picture a quarter larger
    and, without the optional C accelerator, cost more time than all the page layout. PDF has not
    needed 7-bit-clean files for decades; the setting is module-wide, so it is changed for the
    block only and restored after.
    """
    with _STREAMS_LOCK:
        original = rl_config.useA85
        rl_config.useA85 = 0
        try:
            yield
        finally:
            rl_config.useA85 = original


_STREAMS_LOCK = threading.Lock()


# --- the canvas --------------------------------------------------------------------------------


class HookedCanvas(Canvas):
    """A canvas that reports each finished page and each annotation before ReportLab stores it.

    Subclasses override :meth:`page_finished` and :meth:`annotation_entries`; they register
    indirect objects with :meth:`register`.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._later: list[tuple[str, tuple[float, float, float, float],
                                Callable[[Canvas], None]]] = []
        """The forms painted so far and drawn on save: name, box, what draws them."""
        self._pages_shown = 0
        self._last_annotation: PdfObject = None
        super().__init__(*args, **kwargs)

    def page_finished(self, page: PdfObject) -> None:
        """Called with each page dictionary as the page is shown (its content is complete)."""

    def annotation_entries(self, target: str | None) -> dict[str, PdfObject]:
        """Entries to add to a link annotation about to be stored (such as /StructParent).

        ``target`` is the link's URI, or ``#`` and the destination name for an internal link.
        """
        return {}

    def annotation_stored(self, reference: PdfObject) -> None:
        """Called with the indirect reference of the annotation just stored."""

    # --- what is only known once every page is laid out ------------------------------------

    def draw_later(self, draw: Callable[[Canvas], None],
                   box: tuple[float, float, float, float]) -> None:
        """Paint, here and in the current coordinates, what ``draw`` will paint when the canvas
        is saved: a page number, or a page count, known only once every page is laid out.

        The content stream gets ``/Name Do`` now; the form XObject it names is drawn by ``draw``
        (given this canvas, with a fresh graphics state, in the coordinates the ``Do`` was
        painted in, clipped to ``box``: left, bottom, right, top) just before the file is
        written. ReportLab allows a form to be used before it is defined (``Canvas.doForm``) as
        long as it is defined by the time the canvas is saved. Drawn inside marked content, the
        form's whole content belongs to that sequence (see TaggingCanvas.begin_content); the form
        itself holds no marked content.
        """
        name = f"Later{len(self._later)}"
        self.doForm(name)
        self._later.append((name, box, draw))

    def link_later(self, destination: str) -> Callable[[tuple[float, float, float, float]], None]:
        """Store here a link annotation to the bookmark ``destination`` whose rectangle (in the
        current coordinates, as ``linkRect`` takes it) is only known later: call the function
        returned with it before the canvas is saved. The annotation is on this page, with the
        entries :meth:`annotation_entries` gives it, as one ``linkRect`` stores."""
        matrix = self._currentMatrix
        self.linkRect("", destination, (0, 0, 0, 0), relative=1)
        annotation = self._last_annotation

        def place(rect: tuple[float, float, float, float]) -> None:
            current, self._currentMatrix = self._currentMatrix, matrix
            try:  # the rectangle as linkRect would have made it where the link was stored
                annotation["Rect"] = pdfdoc.PDFArray(self._absRect(rect, 1))
            finally:
                self._currentMatrix = current

        return place

    def pages_shown(self) -> int:
        """How many pages have been finished (all of them, once the document is laid out)."""
        return self._pages_shown

    def save(self) -> None:
        later, self._later = self._later, []
        if later:  # the forms hold text only: they share one resource dictionary (the fonts)
            resources = pdfdoc.PDFResourceDictionary()
            resources.basicFonts()
            resources.basicProcs()
            shared = self._doc.Reference(resources)
            for name, box, draw in later:
                self.beginForm(name, *box)
                draw(self)
                self.endForm(Resources=shared)
        super().save()

    def register(self, pdf_object: PdfObject) -> PdfObject:
        """Make ``pdf_object`` an indirect object of this document; returns its reference."""
        return self._doc.Reference(pdf_object)

    def fonts_used(self) -> set[str]:
        """The names of the fonts this canvas has drawn text with."""
        return set(self._doc.fontMapping)

    def set_paragraph_callback(self, name: str, callback: Callable[..., None]) -> None:
        """Make ``callback`` the one a paragraph's ``<onDraw name=…>`` calls.

        Newer ReportLab (4.4.10 has it, 4.3.1 not) keeps callbacks by setNamedCB; older releases
        look the callback up as an attribute of the canvas.
        """
        if hasattr(self, "setNamedCB"):
            self.setNamedCB(name, callback)
        else:
            setattr(self, name, callback)

    def text_cursor(self) -> tuple[float, float]:
        """Where a paragraph's text has got to, inside a paragraph ``<onDraw>`` callback."""
        try:
            info = self._curr_tx_info
        except AttributeError:
            raise RenderError(_changed("Canvas._curr_tx_info")) from None
        return info["cur_x"], info["cur_y"]

    def draw_picture(self, picture: PngPicture, x: float, y: float, width: float,
                     height: float) -> None:
        """Draw a PNG's pixels as they are (see :mod:`.pdf_images`), stored once per document,
        as ``Canvas.drawImage`` stores and draws an image."""
        registered = self._doc.getXObjectName(picture.name)
        if registered not in self._doc.idToObject:
            stream = image_stream(picture)
            self._setXObjects(stream)
            self._doc.Reference(stream, registered)
            self._doc.addForm(picture.name, stream)
        self._currentPageHasImages = 1
        self.saveState()
        self.translate(x, y)
        self.scale(width, height)
        self._code.append(f"/{registered} Do")
        self.restoreState()
        self._formsinuse.append(picture.name)  # the page's resources name what it draws

    # ReportLab internals overridden: both are called from Canvas.showPage (and Canvas.endForm) /
    # Canvas.linkURL / Canvas.linkRect with the object about to be written.

    def _setAnnotations(self, page: PdfObject) -> None:
        super()._setAnnotations(page)
        if isinstance(page, pdfdoc.PDFPage):  # not a form XObject (endForm calls it too)
            self._pages_shown += 1
            self.page_finished(page)

    def _addAnnotation(self, annotation: PdfObject, name: str | None = None,
                       addtopage: int = 1) -> None:
        target = _link_target(annotation)
        if isinstance(annotation, pdfdoc.LinkAnnotation):
            # LinkAnnotation refuses keys it does not know (/StructParent): write its dictionary
            annotation = annotation.Dict()
        for key, value in self.annotation_entries(target).items():
            annotation[key] = value
        self._last_annotation = annotation  # the dictionary written (see link_later)
        super()._addAnnotation(annotation, name, addtopage)
        if addtopage:
            self.annotation_stored(self._annotationrefs[-1])


class CountedPassesTemplate(BaseDocTemplate):
    """A document template whose ``multiBuild`` counts its layout passes (:attr:`passes`) and
    makes at least :attr:`least_passes` of them (a test's switch: the result of a second pass
    is the first's). ReportLab's multiBuild builds once a pass and asks the private
    ``_allSatisfied`` whether another is needed."""

    least_passes = 1
    passes = 0

    def multiBuild(self, story: list[Flowable], **kwargs: Any) -> int:
        self.passes = 0
        return int(super().multiBuild(story, **kwargs))

    def build(self, flowables: list[Flowable], *args: Any, **kwargs: Any) -> None:
        self.passes += 1
        self.before_pass()
        super().build(flowables, *args, **kwargs)

    def before_pass(self) -> None:
        """Called as each pass starts (forget what the last one recorded)."""

    def _allSatisfied(self) -> bool:
        return self.passes >= self.least_passes and bool(super()._allSatisfied())


def _link_target(annotation: PdfObject) -> str | None:
    """The URI of a ``linkURL`` annotation, or ``#name`` for a ``linkRect`` one."""
    if isinstance(annotation, pdfdoc.LinkAnnotation):
        return "#" + annotation.Destination.name
    action = annotation.dict.get("A") if isinstance(annotation, pdfdoc.PDFDictionary) else None
    uri = action.dict.get("URI") if isinstance(action, pdfdoc.PDFDictionary) else None
    return uri.s if isinstance(uri, pdfdoc.PDFString) else None


def set_page_entries(page: PdfObject, entries: Mapping[str, PdfObject]) -> None:
    """Add entries (/StructParents, /Tabs) to a page dictionary, which has no API for them.

    ReportLab writes a page's optional entries from the names listed in ``__NoDefault__``.
    """
    try:
        listed = list(page.__NoDefault__)
    except AttributeError:
        raise RenderError(_changed("PDFPage.__NoDefault__")) from None
    page.__NoDefault__ = [*listed, *(key for key in entries if key not in listed)]
    for key, value in entries.items():
        setattr(page, key, value)


# --- page layout: frames, tables, paragraphs (read while pages are laid out) ---------------------


def frame_of(flowable: Any) -> Any | None:
    """The frame a flowable is being wrapped for (set by the frame while it lays the flowable
    out), or None outside layout."""
    return getattr(flowable, "_frame", None)


def frame_is_empty(frame: Any) -> bool:
    """Whether nothing has been drawn in ``frame`` yet (a page break would not give more room)."""
    return bool(frame._atTop)


def frame_height(frame: Any) -> float:
    """The height an empty ``frame`` offers (points)."""
    return float(frame._aH)


def height_left(frame: Any) -> float:
    """The height left in ``frame`` below what has been drawn in it (points)."""
    return float(frame._y - frame._y1p)


def frame_width(frame: Any) -> float:
    """The width a flowable gets in ``frame`` at this point (less any indent in force)."""
    return float(frame._getAvailableWidth())


def row_heights(table: Any) -> list[float]:
    """The height of each row (the header rows first) of a table that has been wrapped."""
    return list(table._rowHeights)


def row_count(table: Any) -> int:
    """How many rows (the header rows included) a table, or a piece of a split one, holds."""
    return len(table._cellvalues)


def column_widths_of(table: Any) -> list[float]:
    """The width of each column of a table that has been wrapped (points)."""
    return [float(width) for width in table._colWidths]


def cell_flowable(table: Any, row: int, column: int) -> Any:
    """The flowable in a cell of a wrapped table (wrapping puts each cell's in a tuple)."""
    value = table._cellvalues[row][column]
    return value[0] if isinstance(value, (list, tuple)) else value


def line_count(paragraph: Any) -> int:
    """How many lines a wrapped paragraph is set on."""
    return len(getattr(paragraph.blPara, "lines", ()))


def parsed_text(paragraph: Any) -> str:
    """The text of a paragraph as its markup was parsed (entities resolved, runs of spaces as
    one, a ``<br/>`` as a newline), read from its fragments before it is wrapped: wrapping
    replaces them with the words of its lines."""
    return "".join("\n" if getattr(fragment, "lineBreak", False) else getattr(fragment, "text", "")
                   for fragment in paragraph.frags)


class SpaceTransparentFlowable(Flowable):
    """A flowable of no size that a frame still asks whether it fits (``wrap``), and through
    which the space after the flowable before it passes to the one after it.

    ReportLab's frame reads both from private class attributes.
    """

    _ZEROSIZE = 1
    _SPACETRANSFER = True


# --- paragraph lines ---------------------------------------------------------------------------


class LineEndText(PDFTextObject):
    """A text object that lets a paragraph's drawing add to the end of each line it sets.

    A paragraph draws each line's words through the private ``_textOut(text, TStar)``, with
    ``TStar`` set on the line's last piece (the ``T*`` that moves to the next line). There the
    whole line's text is passed to ``line_end``, and what it returns (a space, or nothing) is
    drawn after it: past the line's last glyph, so nothing moves on the page.
    """

    def __init__(self, canvas: Canvas, x: float, y: float,
                 line_end: Callable[[str], str]) -> None:
        super().__init__(canvas, x, y)
        self._line_end = line_end
        self._line_pieces: list[str] = []

    def _textOut(self, text: str, TStar: int = 0) -> None:
        self._line_pieces.append(text)
        if TStar:
            text += self._line_end("".join(self._line_pieces))
            self._line_pieces = []
        super()._textOut(text, TStar)


# --- lists -------------------------------------------------------------------------------------


BulletDrawing = Callable[..., None]


class BulletHookList(ListFlowable):
    """A ListFlowable whose bullets (labels) are drawn through :meth:`draw_bullet`.

    ReportLab draws each item's label with a private ``BulletDrawer`` made by ``_makeBullet``.
    """

    def draw_bullet(self, draw: BulletDrawing, indenter: Any, canvas: Canvas) -> None:
        """Draw one label: ``draw()`` paints it; ``indenter`` holds the item's first flowable."""
        draw()

    def _makeBullet(self, value: object, params: object = None) -> _HookedBullet:
        return _HookedBullet(super()._makeBullet(value, params), self)

    def _makeLIIndenter(self, flowable: Flowable, bullet: Any, params: Any = None) -> ItemIndenter:
        made = super()._makeLIIndenter(flowable, bullet, params)
        item = ItemIndenter(flowable, made._leftIndent, made._rightIndent, bullet)
        for space in ("spaceBefore", "spaceAfter"):
            if space in made.__dict__:
                setattr(item, space, made.__dict__[space])
        return item


class ItemIndenter(LIIndenter):
    """One flowable of a list item, as ReportLab's ``LIIndenter`` sets it, but split across
    pages also where that one refuses to.

    ReportLab's does not split an item's paragraph that would leave one line for the next page
    (a widow): the paragraph moves on whole. One a line taller than a page left a line over on
    the next page too, and the build ended in LayoutError ("too large on page 2"). Here the
    widow is avoided only where it can be: never at the top of a page.
    """

    def split(self, available_width: float, available_height: float) -> list[Any]:
        inner = self._flowable
        pieces = inner.split(available_width - self._leftIndent - self._rightIndent,
                             available_height)
        frame = frame_of(self)
        if (len(pieces) > 1 and _leaves_a_widow(inner, pieces[0])
                and not (frame is not None and frame_is_empty(frame))):
            pieces = []
        return [ItemIndenter(piece, self._leftIndent, self._rightIndent,
                             self._bullet if index == 0 else None)
                for index, piece in enumerate(pieces)]


def _leaves_a_widow(paragraph: Any, first: Any) -> bool:
    """ReportLab's rule (LIIndenter.split): a split paragraph leaves one line for the next
    page, or at most two when it is justified."""
    if not hasattr(paragraph, "blPara"):
        return False
    lines, kept = len(paragraph.blPara.lines), len(first.blPara.lines)
    justified = getattr(getattr(paragraph, "style", None), "alignment", None) == 4
    return (justified and kept >= lines - 2) or kept == lines - 1


class _HookedBullet:
    """ReportLab's bullet drawer, drawn through its list's ``draw_bullet`` hook."""

    def __init__(self, drawer: Any, owner: BulletHookList) -> None:
        self._drawer = drawer
        self._owner = owner

    def drawOn(self, indenter: Any, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        self._owner.draw_bullet(lambda: self._drawer.drawOn(indenter, canvas, x, y, _sW), indenter, canvas)

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._drawer, attribute)


def _changed(internal: str) -> str:
    low, high = TESTED_REPORTLAB
    return (f"this ReportLab no longer has {internal}, which tagged PDF output relies on; "
            f"the tested releases are reportlab{low},{high}")
