"""PDF renderer: the document model as a ReportLab (platypus) story, written as tagged PDF.

Every flowable is built from one model node and keeps it as ``flowable.model_node``; the translator
also builds the logical structure tree (:mod:`.pdf_structure`) from the model as it goes, one
element per node in document order, and each flowable carries the element it draws into
(``flowable.structure``). Page furniture (the footers) is drawn as artifacts. Only embedded
TrueType fonts are used (Liberation Sans, with Arial's metrics as the Word file, else DejaVu Sans),
with DejaVu Sans drawing the characters the body font lacks (:mod:`.pdf_glyphs`) and a character
neither has refused as a problem of the input;
where pages may break is decided by :mod:`.pdf_pagination`; a contents page with dotted
leaders, PDF bookmarks for every section, "Page X of Y" footers and fixed metadata are written, and
ReportLab's invariant mode makes the bytes repeatable.

The story is laid out once. The numbers known only at the end (the footers' page count, the
contents' page numbers and the leaders before them) are form XObjects that the pages paint as
they are laid out and that are drawn when the file is saved (:meth:`.HookedCanvas.draw_later`);
the contents is laid out from the headings the document has, whose number is known before
layout. The pages look as when ReportLab's multiBuild laid the story out twice and drew the
numbers in the page itself (0 pixels differ, page by page), but the bytes differ from that:
each late number is a ``Do`` of a form in the page, and the form an object of its own (about
300 bytes: +42 KB, 5%, for the bundled Appendix's 127), so the objects after the first are
numbered differently. The embedded font subsets are the same for the bundled Appendix:
ReportLab gives an ASCII character its own code in a subset, and a character beyond ASCII the
next code free when it is first drawn, so only such a character first drawn late (in the
settings' footer text, now drawn with the page count) would take another place.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from functools import partial
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import (
    ListItem as RLListItem,
)
from reportlab.platypus import (
    PageBreak as RLPageBreak,
)

from ..errors import InputError, Problem, RenderError
from ..model import (
    Align,
    BlockQuote,
    BulletList,
    CellFormat,
    Contents,
    Cover,
    Document,
    Figure,
    ListItem,
    Metadata,
    Note,
    NumberedList,
    PageBreak,
    Paragraph,
    Recommendation,
    Runs,
    Section,
    Table,
    assign_numbers,
    iter_nodes,
    iter_sections,
    reference_targets,
)
from . import house_style as hs
from .house_style import DEFAULT, HouseStyle, style_of
from .pdf_flowables import (
    Caption,
    DataTable,
    Heading,
    TableArtifacts,
    TaggedImage,
    TaggedList,
    TaggedParagraph,
    UnbrokenParagraph,
)
from .pdf_flowables import (
    Contents as ContentsFlowable,
)
from .pdf_glyphs import Glyphless, coverage, fallback_markup, text_width
from .pdf_images import png_picture
from .pdf_metadata import xmp_packet
from .pdf_pagination import float_past_text, keep_headings, table_room, whole_room
from .pdf_quotes import indented
from .pdf_structure import StructElement, TaggingCanvas
from .reportlab_internals import CountedPassesTemplate, binary_streams, document_date
from .table_headers import has_row_headers
from .table_widths import column_widths
from .translator import Translator

FONT = "BodySans"
FONT_BOLD = "BodySans-Bold"
FONT_ITALIC = "BodySans-Italic"
FONT_BOLD_ITALIC = "BodySans-BoldItalic"
"""The PDF's names for its one font family: Liberation Sans where it is installed, else DejaVu
Sans (see :func:`register_fonts`)."""

FALLBACK_FACES = {
    FONT: "FallbackSans",
    FONT_BOLD: "FallbackSans-Bold",
    FONT_ITALIC: "FallbackSans-Italic",
    FONT_BOLD_ITALIC: "FallbackSans-BoldItalic",
}
"""Each body face -> the face that draws the characters it lacks: DejaVu Sans, as matplotlib
ships it (always there, and it covers far more of Unicode than Liberation Sans), registered only
when some text needs it (:func:`register_fallback_fonts`; see :mod:`.pdf_glyphs`)."""

_LIBERATION_FOLDERS = (
    Path("/usr/share/fonts/truetype/liberation"),  # Debian and Ubuntu: fonts-liberation
    Path("/usr/share/fonts/liberation-sans"),  # Fedora: liberation-sans-fonts
    Path("/usr/share/fonts/TTF"),  # Arch: ttf-liberation
    Path("/Library/Fonts"),
)
_LIBERATION_FILES = {
    FONT: "LiberationSans-Regular.ttf",
    FONT_BOLD: "LiberationSans-Bold.ttf",
    FONT_ITALIC: "LiberationSans-Italic.ttf",
    FONT_BOLD_ITALIC: "LiberationSans-BoldItalic.ttf",
}
_DEJAVU_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
    FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}


def register_fonts() -> None:
    """Register the PDF's font family (regular, bold, italic, bold italic), embedded.

    Liberation Sans has Arial's metrics: the Word file names Arial, and Word (Arial) and
    LibreOffice (Liberation Sans) lay its lines out as the PDF does, so the page numbers the PDF
    layout gives the Word contents (:func:`heading_pages`) hold there too. Without Liberation
    Sans on the machine, the DejaVu Sans that comes with matplotlib is used (wider: more pages).
    """
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = next((f for f in _LIBERATION_FOLDERS if (f / _LIBERATION_FILES[FONT]).is_file()), None)
    files = _LIBERATION_FILES if folder is not None else _DEJAVU_FILES
    folder = folder or _dejavu_folder()
    for name, filename in files.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
    )


def register_house_font(style: HouseStyle) -> dict[str, str]:
    """Register the family a ``style:`` chose (embedded like the house font) and return each
    house face -> its face in that family; {} for the house font itself."""
    if style.font is None:
        return {}
    family = style.font
    prefix = "House-" + "".join(family.name.split())
    faces = {FONT: prefix, FONT_BOLD: f"{prefix}-Bold", FONT_ITALIC: f"{prefix}-Italic",
             FONT_BOLD_ITALIC: f"{prefix}-BoldItalic"}
    if prefix not in pdfmetrics.getRegisteredFontNames():
        files = {FONT: family.regular, FONT_BOLD: family.bold, FONT_ITALIC: family.italic,
                 FONT_BOLD_ITALIC: family.bold_italic}
        for house_face, face in faces.items():
            pdfmetrics.registerFont(TTFont(face, str(files[house_face])))
            FALLBACK_FACES[face] = FALLBACK_FACES[house_face]  # what the family lacks, DejaVu draws
        pdfmetrics.registerFontFamily(prefix, normal=faces[FONT], bold=faces[FONT_BOLD],
                                      italic=faces[FONT_ITALIC],
                                      boldItalic=faces[FONT_BOLD_ITALIC])
    return faces


def register_fallback_fonts() -> None:
    """Register the fallback faces (:data:`FALLBACK_FACES`), embedded where they are used.

    Only text with a character the body font lacks calls this: a document that needs no
    fallback reads no more fonts, and its PDF names no other font."""
    if FALLBACK_FACES[FONT] in pdfmetrics.getRegisteredFontNames():
        return
    folder = _dejavu_folder()
    for face, fallback in FALLBACK_FACES.items():
        pdfmetrics.registerFont(TTFont(fallback, str(folder / _DEJAVU_FILES[face])))


def _covers(face: str, text: str) -> bool:
    """Whether ``face`` draws every character of ``text`` (the usual case: no fallback)."""
    return coverage(face).issuperset(map(ord, text))


def _family_name(face: str) -> str:
    """The family a registered face belongs to, as its font file names it ("Liberation Sans")."""
    name = pdfmetrics.getFont(face).face.familyName  # type: ignore[attr-defined]
    return name.decode("latin-1") if isinstance(name, bytes) else str(name)


def _fonts_named(face: str) -> str:
    """The families that may draw text in ``face``, in the order they are tried."""
    body, fallback = _family_name(face), _family_name(FALLBACK_FACES[face])
    return body if body == fallback else f"{body}, then {fallback}"


def _dejavu_folder() -> Path:
    """Where matplotlib keeps its DejaVu fonts (``matplotlib.get_data_path()``), found without
    importing matplotlib: a PDF-only build need not pay for that import."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or spec.origin is None:
        raise RenderError("the PDF needs Liberation Sans (fonts-liberation) or the DejaVu fonts "
                          "that come with matplotlib; neither is installed")
    return Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"


_PRODUCER = "assessment_doc (ReportLab)"
_CREATOR = "assessment_doc"


def render_pdf(document: Document) -> bytes:
    """Write the document as tagged PDF bytes (the same model gives the same bytes).

    Raises :class:`InputError` naming each character that neither the body font nor its
    fallback has (and the section it is in): such a PDF would leave it out without a sign.
    """
    return _render_pdf(document, glyphless_allowed=False)


def _render_pdf(document: Document, *, glyphless_allowed: bool, passes: int = 1) -> bytes:
    """The PDF; ``glyphless_allowed`` lays it out even with characters no font has (the Word
    file's page numbers need only the layout, and Word finds its own fonts for them).

    The story is laid out once: the page numbers that are only known at the end (the contents'
    and "of Y" in the footers) are drawn then, into form XObjects the pages already paint (see
    :meth:`.HookedCanvas.draw_later`). A second pass is made only when the contents laid out is
    not the one drawn (:class:`.pdf_flowables.Contents`), or when ``passes`` asks for more (a
    test's switch: more passes give the same bytes).
    """
    register_fonts()
    document = assign_numbers(document)
    translator = PdfTranslator(style_of(document.metadata))
    story = translator.story_for(document)
    if translator.glyphless and not glyphless_allowed:
        raise InputError(translator.glyphless)
    buffer = io.BytesIO()
    template = _AssessmentDocTemplate(buffer, document, least_passes=passes)
    canvas_maker = partial(
        TaggingCanvas,
        structure=translator.structure,
        xmp=xmp_packet(document.metadata, producer=_PRODUCER, creator_tool=_CREATOR),
        pdfVersion=(1, 7),
    )
    with document_date(_date_of(document.metadata)), binary_streams():
        template.multiBuild(story, canvasmaker=canvas_maker)
    _refuse_unembedded_fonts(template.canv)
    _HEADING_PAGES.remember(document, template.heading_pages)
    return buffer.getvalue()


def heading_pages(document: Document) -> dict[str, int]:
    """The page each section heading lands on in the PDF of ``document``: the section's bookmark
    key (:attr:`Section.anchor`, such as ``"sec_2_1"``) -> its page number, counting the cover
    as page 1 (the numbers the PDF's contents and footers print), for every section at every
    level; and beside them the page of each numbered caption, keyed by its label ("Table 2",
    as :func:`.docx.caption_page_key` asks for it: Word's pre-filled lists of tables and figures).

    Another format that wants the PDF's page numbers (the Word contents, pre-filled) asks here:
    when this process last rendered the same document as PDF, its layout is returned at once;
    otherwise the PDF is laid out now (once: about half a second for the bundled Appendix) and
    its bytes dropped.
    """
    numbered = assign_numbers(document)
    pages = _HEADING_PAGES.find(numbered)
    if pages is None:
        _render_pdf(numbered, glyphless_allowed=True)
        pages = _HEADING_PAGES.find(numbered)
        assert pages is not None
    return dict(pages)


class _HeadingPages:
    """The heading pages of the last few documents rendered as PDF in this process."""

    def __init__(self, size: int = 4) -> None:
        self.size = size
        self._seen: list[tuple[Document, dict[str, int]]] = []

    def find(self, document: Document) -> dict[str, int] | None:
        for seen, pages in self._seen:
            if seen is document or seen == document:
                return pages
        return None

    def remember(self, document: Document, pages: dict[str, int]) -> None:
        self._seen = [(seen, known) for seen, known in self._seen if seen != document]
        self._seen.append((document, dict(pages)))
        del self._seen[:-self.size]


_HEADING_PAGES = _HeadingPages()


def _date_of(metadata: Metadata) -> dt.date:
    """The document's date (the settings' board date); 2000-01-01 when it has none."""
    try:
        return dt.date.fromisoformat(metadata.date)
    except ValueError:
        return dt.date(2000, 1, 1)


def _refuse_unembedded_fonts(canvas: TaggingCanvas) -> None:
    """Fail rather than write a PDF that uses a standard (not embedded) font."""
    stray = sorted(canvas.fonts_used() - set(FALLBACK_FACES) - set(FALLBACK_FACES.values()))
    if stray:
        raise RenderError(f"the PDF would use fonts that are not embedded: {', '.join(stray)}")


# --- styles ------------------------------------------------------------------------------------


def _table_note(name: str, **overrides: object) -> ParagraphStyle:
    """A note or source line under a table: small, muted, close to the next."""
    return _style(name, fontSize=hs.SMALL_PT, leading=hs.SMALL_PT * 1.25,
                  textColor=colors.HexColor(hs.MUTED_COLOUR), spaceAfter=2, **overrides)


def _style(name: str, **overrides: object) -> ParagraphStyle:
    base = {
        "fontName": FONT,
        "fontSize": hs.BODY_PT,
        "leading": hs.BODY_PT * 1.25,
        "textColor": colors.HexColor(hs.TEXT_COLOUR),
        "alignment": TA_LEFT,
        "spaceAfter": 6,
        "bulletFontName": FONT,
    }
    base.update(overrides)
    return ParagraphStyle(name, **base)  # type: ignore[arg-type]


def _heading_style(level: int) -> ParagraphStyle:
    size = hs.HEADING_PT[level]
    return _style(
        f"Heading{level}",
        fontName=FONT_BOLD,
        fontSize=size,
        leading=size * 1.25,
        textColor=colors.HexColor(hs.HEADING_COLOUR),
        spaceBefore=14 if level == 1 else 9,
        spaceAfter=4,
    )


@dataclass(frozen=True)
class _Styles:
    body: ParagraphStyle = field(default_factory=lambda: _style("Body"))
    list_item: ParagraphStyle = field(default_factory=lambda: _style("ListItem", spaceAfter=3))
    """A paragraph in a list: half a paragraph's space after it, so the items read as one list."""
    note: ParagraphStyle = field(
        default_factory=lambda: _style(
            "Note",
            fontSize=hs.SMALL_PT,
            leading=hs.SMALL_PT * 1.3,
            textColor=colors.HexColor(hs.MUTED_COLOUR),
        )
    )
    table_note: ParagraphStyle = field(default_factory=lambda: _table_note("TableNote"))
    first_table_note: ParagraphStyle = field(
        default_factory=lambda: _table_note("FirstTableNote", spaceBefore=hs.TABLE_NOTES_GAP_PT)
    )
    """The first note under a table: a table note set off from the table's bottom border."""
    caption: ParagraphStyle = field(
        default_factory=lambda: _style(
            "Caption", fontName=FONT_BOLD, spaceBefore=6, spaceAfter=4
        )
    )
    quote: ParagraphStyle = field(
        default_factory=lambda: _style("Quote", fontName=FONT_ITALIC, leftIndent=10 * mm)
    )
    recommendation: ParagraphStyle = field(
        default_factory=lambda: _style(
            "Recommendation",
            backColor=colors.HexColor(hs.RECOMMENDATION_FILL),
            borderColor=colors.HexColor(hs.RECOMMENDATION_BORDER),
            borderWidth=1,
            borderPadding=(6, 6, 6, 6),
            spaceBefore=10,
            spaceAfter=12,
        )
    )
    cell: ParagraphStyle = field(
        default_factory=lambda: _style(
            "Cell", fontSize=hs.TABLE_PT, leading=hs.TABLE_PT * 1.25, spaceAfter=0
        )
    )
    title: ParagraphStyle = field(
        default_factory=lambda: _style(
            "Title",
            fontName=FONT_BOLD,
            fontSize=hs.TITLE_PT,
            leading=hs.TITLE_PT * 1.2,
            textColor=colors.HexColor(hs.HEADING_COLOUR),
            spaceAfter=12,
        )
    )
    subtitle: ParagraphStyle = field(
        default_factory=lambda: _style(
            "Subtitle",
            fontSize=hs.SUBTITLE_PT,
            leading=hs.SUBTITLE_PT * 1.25,
            textColor=colors.HexColor(hs.HEADING_COLOUR),
            spaceAfter=30,
        )
    )
    contents_title: ParagraphStyle = field(default_factory=lambda: _heading_style(1))
    headings: dict[int, ParagraphStyle] = field(
        default_factory=lambda: {level: _heading_style(level) for level in (1, 2, 3)}
    )

    faces: dict[str, str] = field(default_factory=dict)
    """Each house face -> the face of the family the document's style chose ({}: the house's)."""

    @classmethod
    def for_style(cls, style: HouseStyle) -> _Styles:
        """The styles in ``style``: its font, body size, heading colour and accent; the house
        styles themselves for :data:`.house_style.DEFAULT`."""
        if style == DEFAULT:
            return cls()
        faces = register_house_font(style)

        def restyle(name: str, paragraph_style: ParagraphStyle) -> ParagraphStyle:
            changes: dict[str, object] = {
                "fontName": faces.get(paragraph_style.fontName, paragraph_style.fontName),
                "bulletFontName": faces.get(paragraph_style.bulletFontName,
                                            paragraph_style.bulletFontName)}
            if paragraph_style.fontSize == hs.BODY_PT:  # body text: the chosen size
                scale = style.body_pt / hs.BODY_PT
                changes |= {"fontSize": style.body_pt, "leading": paragraph_style.leading * scale}
            if name in ("title", "subtitle", "contents_title", "headings"):
                changes["textColor"] = colors.HexColor(style.heading_colour)
            if name == "recommendation":
                changes |= {"backColor": colors.HexColor(style.recommendation_fill),
                            "borderColor": colors.HexColor(style.accent_colour)}
            return paragraph_style.clone(paragraph_style.name, **changes)

        house = cls()
        chosen: dict[str, object] = {"faces": faces}
        for item in fields(cls):
            value = getattr(house, item.name)
            if isinstance(value, ParagraphStyle):
                chosen[item.name] = restyle(item.name, value)
            elif item.name == "headings":
                chosen[item.name] = {level: restyle(item.name, heading)
                                     for level, heading in value.items()}
        return replace(house, **chosen)

    def face(self, house_face: str) -> str:
        """The document's face for one of the house faces (:data:`FONT`, :data:`FONT_BOLD` …)."""
        return self.faces.get(house_face, house_face)

    def table_commands(self) -> list[tuple[object, ...]]:
        """What every table starts from: text not in a paragraph (the contents' page numbers)
        in the body face."""
        return [("FONTNAME", (0, 0), (-1, -1), self.face(FONT))]

    def cell_style(self, *, bold: bool, align: Align, indent: int) -> ParagraphStyle:
        return ParagraphStyle(
            f"Cell-{bold}-{align.value}-{indent}",
            parent=self.cell,
            fontName=self.face(FONT_BOLD if bold else FONT),
            alignment=2 if align is Align.RIGHT else TA_LEFT,
            leftIndent=indent * hs.INDENT_MM * mm,
        )

    def toc_levels(self) -> list[ParagraphStyle]:
        return [
            _style(
                f"TOC{level}",
                fontName=self.face(FONT_BOLD if level == 0 else FONT),
                leftIndent=level * 8 * mm,
                firstLineIndent=0,
                spaceBefore=6 if level == 0 else 1,
                spaceAfter=1,
            )
            for level in range(3)
        ]


# --- inline markup -----------------------------------------------------------------------------


def markup(inline: Runs, text_of: Callable[[str, bool, bool], str]) -> str:
    """ReportLab paragraph markup for some runs; ``text_of(text, strong, emphasis)`` gives each
    run's text as markup (escaped, with its fallback-font runs)."""
    parts = []
    for run in inline:
        text = text_of(run.text, run.strong, run.emphasis)
        if run.strong:
            text = f"<b>{text}</b>"
        if run.emphasis:
            text = f"<i>{text}</i>"
        if run.link:
            text = f'<a href={quoteattr(run.link)} color="{hs.LINK_COLOUR}"><u>{text}</u></a>'
        parts.append(text)
    return "".join(parts)


def _linked(node: object, flowable: Flowable, element: StructElement | None = None) -> Flowable:
    """Record on a flowable the model node it was built from and the element it draws into."""
    flowable.model_node = node  # type: ignore[attr-defined]
    if element is not None:
        flowable.structure = element  # type: ignore[attr-defined]
    return flowable


def _link_texts(inline: Runs) -> dict[str, str]:
    """Each link target in some runs -> the words linked (a link's description)."""
    texts: dict[str, str] = {}
    for run in inline:
        if run.link:
            texts[run.link] = (texts.get(run.link, "") + " " + run.text).strip()
    return texts


_LIST_NUMBERING = {"bullet": "Disc", "1": "Decimal"}

RECOMMENDATION_LABEL = "Recommendation"
"""The word above each recommendation, in its box."""


# --- translator --------------------------------------------------------------------------------


class PdfTranslator(Translator):
    """Turns model nodes into lists of flowables, one method per node type.

    Alongside, it builds the structure tree: :attr:`structure` is the Document element, and
    each visit adds its node's elements under the element being filled.
    """

    def __init__(self, style: HouseStyle = DEFAULT) -> None:
        self.house_style = style
        """The document's house style (fills and the footer read it; the styles are made from it)."""
        self.styles = _Styles.for_style(style)
        self.contents_depth = 0
        """Deepest section level the contents lists (set by the Contents node)."""
        self.structure = StructElement("Document")
        self._parent = self.structure
        self._sections: tuple[Section, ...] = ()
        self._notes = 0
        self.contents: ContentsFlowable | None = None
        """The contents page's flowable, once the Contents node is visited."""
        self.contents_expected: list[tuple[int, str, str]] = []
        """(outline level, heading markup, bookmark key) of each heading the contents lists."""
        self.glyphless: list[Problem] = []
        """Each character (per place) that no font of the PDF has, told as a problem."""
        self._place = "the cover"
        """Where the text being set stands, for those problems: the innermost section."""
        self._refs: dict[str, str] = {}
        """Each cross-reference target in the document (``table:<id>``) -> ``#`` + the
        bookmark of its caption (:func:`caption_key`)."""
        self._bookmarked: set[str] = set()
        """The captions something links to (a cross-reference, a list of tables or figures)."""
        self._document = Document(Metadata(title=""), ())
        self.caption_lists: list[ContentsFlowable] = []
        """The list of tables and the list of figures, when the contents has them."""

    def story_for(self, document: Document) -> list[Flowable]:
        """The document's flowables, with the markers that keep each heading with what follows
        (:mod:`.pdf_pagination`)."""
        self._sections = tuple(iter_sections(document.children))
        self._document = document
        self._refs = {ref: f"#{caption_key(target)}"
                      for ref, target in reference_targets(document).items()
                      if target.number is not None}
        self._bookmarked = {self._refs[run.ref][1:] for node in iter_nodes(document)
                            for run in getattr(node, "runs", ())
                            if run.ref is not None and run.ref in self._refs}
        contents = next((n for n in document.children if isinstance(n, Contents)), None)
        if contents is not None and contents.lists_of_tables_and_figures:
            self._bookmarked |= {caption_key(n) for n in iter_nodes(document)
                                 if isinstance(n, (Table, Figure)) and n.number is not None}
        return keep_headings(_turned(self.visit(document)), lambda f: isinstance(f, Heading),
                             self.styles.body.leading)

    def blocks(self, blocks: tuple[object, ...]) -> list[Flowable]:
        return [flowable for block in blocks for flowable in self.visit(block)]

    @contextmanager
    def _filling(self, element: StructElement) -> Iterator[StructElement]:
        """Add the elements of nested nodes under ``element``."""
        outer, self._parent = self._parent, element
        try:
            yield element
        finally:
            self._parent = outer

    def _element(self, type: str, **fields: object) -> StructElement:
        return self._parent.add(type, **fields)

    def _text(self, text: str, style: ParagraphStyle, strong: bool = False,
              emphasis: bool = False) -> str:
        """``text`` as paragraph markup in ``style`` (made bold or italic as asked): escaped,
        with the characters the body font lacks set in its fallback (:mod:`.pdf_glyphs`); each
        character neither has is recorded in :attr:`glyphless`."""
        family, bold, italic = ps2tt(style.fontName)
        face = tt2ps(family, bold or strong, italic or emphasis)
        if _covers(face, text):
            return escape(text)
        register_fallback_fonts()
        made, missing = fallback_markup(text, face, FALLBACK_FACES[face])
        if missing:
            self._glyphless(missing, text, face)
        return made

    def _glyphless(self, missing: tuple[Glyphless, ...], text: str, face: str) -> None:
        chars = " and ".join(str(char) for char in missing)
        problem = Problem(
            self._place,
            f"{'the character' if len(missing) == 1 else 'the characters'} {chars} in "
            f"{_excerpt(text, missing[0].char)} {'is' if len(missing) == 1 else 'are'} in "
            f"neither of the PDF's fonts ({_fonts_named(face)}), so the PDF would leave "
            f"{'it' if len(missing) == 1 else 'them'} out",
            expected="a character those fonts have: write it another way, as a word or a "
                     "symbol they have, or build the Word file alone with --format docx, where "
                     "Word finds a font for it",
        )
        if problem not in self.glyphless:
            self.glyphless.append(problem)

    def _linking(self, runs: Runs) -> Runs:
        """The runs with each cross-reference a link to its target's caption."""
        return tuple(replace(run, link=self._refs[run.ref])
                     if run.ref is not None and run.ref in self._refs and not run.link else run
                     for run in runs)

    def _runs(self, runs: Runs, style: ParagraphStyle) -> str:
        runs = self._linking(runs)
        return markup(runs, lambda text, strong, emphasis: self._text(text, style, strong,
                                                                       emphasis))

    def _paragraph(self, node: object, text: str, style: ParagraphStyle, element: StructElement,
                   kind: type[TaggedParagraph] = TaggedParagraph) -> Flowable:
        return _linked(node, kind(text, style), element)

    def _cell(self, node: Table, text: str, style: ParagraphStyle, element: StructElement) -> Flowable:
        return self._paragraph(node, self._text(text, style), style, element)

    def visit_Document(self, node: Document) -> list[Flowable]:
        return self.blocks(node.children)

    def visit_Cover(self, node: Cover) -> list[Flowable]:
        parts: list[Flowable] = [*self._logo(), Spacer(1, 60 * mm - _logo_height(self.house_style))]
        self._place = "the cover"
        parts.append(self._paragraph(node, self._text(node.title, self.styles.title),
                                     self.styles.title, self._element("P")))
        if node.subtitle:
            parts.append(
                self._paragraph(node, self._text(node.subtitle, self.styles.subtitle),
                                self.styles.subtitle, self._element("P"))
            )
        parts.extend(
            self._paragraph(node, self._text(line, self.styles.body), self.styles.body,
                            self._element("P"))
            for line in node.lines
        )
        parts.append(NextPageTemplate("body"))
        parts.append(RLPageBreak())
        return [_linked(node, part) for part in parts]

    def _logo(self) -> list[Flowable]:
        """The style's logo at the top of the cover, as a figure with its text alternative."""
        style = self.house_style
        if style.logo is None:
            return []
        logo = TaggedImage(io.BytesIO(style.logo))
        logo.picture = png_picture(style.logo)
        scale = min(LOGO_MAX_MM[0] * mm / logo.imageWidth, LOGO_MAX_MM[1] * mm / logo.imageHeight)
        logo.drawWidth, logo.drawHeight = logo.imageWidth * scale, logo.imageHeight * scale
        logo.hAlign = "LEFT"
        return [_linked(None, logo, self._element("Figure", alt=style.logo_alt))]

    def visit_Contents(self, node: Contents) -> list[Flowable]:
        self.contents_depth = node.depth
        self._place = "the contents"
        title = self._paragraph(node, self._text(node.title, self.styles.contents_title),
                                self.styles.contents_title, self._element("H1"))
        toc = self._element("TOC")
        listed = [s for s in self._sections if s.level <= node.depth]
        self.contents_expected = [(s.level - 1, self._contents_text(s), s.anchor) for s in listed]
        contents = self.contents = ContentsFlowable(
            level_styles=self.styles.toc_levels(),
            table_style=TableStyle(self.styles.table_commands()),
            links=_contents_links(toc, listed),
            placeholder=toc,
            expected=self.contents_expected,
        )
        lists: list[Flowable] = []
        if node.lists_of_tables_and_figures:
            lists = [*self._caption_list(Table, "List of tables"),
                     *self._caption_list(Figure, "List of figures")]
        return [title, _linked(node, contents, toc), *lists, _linked(node, RLPageBreak())]

    def visit_Section(self, node: Section) -> list[Flowable]:
        outer, self._place = self._place, f"section '{node.heading}'"
        with self._filling(self._element("Sect")) as sect:
            style = self.styles.headings[node.level]
            heading = Heading(self._text(node.heading, style), style)
            heading.toc_entry = (node.level - 1, node.heading, node.anchor)
            heading.in_contents = node.level <= self.contents_depth
            heading.contents_markup = self._contents_text(node)
            _linked(node, heading, sect.add(f"H{node.level}"))
            parts = [heading, *self.blocks(node.children)]
        self._place = outer
        return parts

    def _contents_text(self, section: Section) -> str:
        """A section's heading as its contents entry's markup (in that entry's style)."""
        styles = self.styles.toc_levels()
        return self._text(section.heading, styles[min(section.level - 1, len(styles) - 1)])

    def visit_Paragraph(self, node: Paragraph) -> list[Flowable]:
        element = self._element("P", link_texts=_link_texts(self._linking(node.runs)))
        style = self.styles.list_item if self._parent.nearest("LI") is not None else self.styles.body
        return [self._paragraph(node, self._runs(node.runs, style), style, element)]

    def visit_Recommendation(self, node: Recommendation) -> list[Flowable]:
        """The recommendation in its box, under the word "Recommendation" in bold: the word says
        what the colour of the box shows."""
        element = self._element("Recommendation",
                                link_texts=_link_texts(self._linking(node.runs)))
        style = self.styles.recommendation
        label = f"<b>{self._text(RECOMMENDATION_LABEL, style, strong=True)}</b><br/>"
        return [self._paragraph(node, label + self._runs(node.runs, style),
                                self.styles.recommendation, element,
                                UnbrokenParagraph)]

    def visit_Note(self, node: Note) -> list[Flowable]:
        self._notes += 1
        element = self._element("Note", element_id=f"note-{self._notes}",
                                link_texts=_link_texts(self._linking(node.runs)))
        return [self._paragraph(node, self._runs(node.runs, self.styles.note), self.styles.note,
                                element)]

    def visit_PageBreak(self, node: PageBreak) -> list[Flowable]:
        return [_linked(node, RLPageBreak())]

    def visit_BlockQuote(self, node: BlockQuote) -> list[Flowable]:
        with self._filling(self._element("BlockQuote")):
            inner = self.blocks(node.blocks)
        return indented(inner, 10 * mm)

    def visit_BulletList(self, node: BulletList) -> list[Flowable]:
        return [self._list(node, bullet_type="bullet", start="•")]

    def visit_NumberedList(self, node: NumberedList) -> list[Flowable]:
        return [self._list(node, bullet_type="1", start=str(node.start))]

    def visit_ListItem(self, node: ListItem) -> list[Flowable]:
        return [self._list_item(node, last=False)]

    def _list_item(self, node: ListItem, *, last: bool) -> Flowable:
        """An item; the last keeps a paragraph's space after it (the others half as much), also
        when the list is split across pages."""
        with self._filling(self._element("LI")) as item:
            item.add("Lbl")  # the label is drawn into it by the list (TaggedList)
            with self._filling(item.add("LBody")):
                space = {"spaceAfter": self.styles.body.spaceAfter} if last else {}
                return _linked(node, RLListItem(self.blocks(node.blocks), **space))

    def _list(self, node: BulletList | NumberedList, *, bullet_type: str, start: str) -> Flowable:
        numbering = ("List", {"ListNumbering": _LIST_NUMBERING[bullet_type]})
        with self._filling(self._element("L", attributes=numbering)) as element:
            items = [self._list_item(item, last=index == len(node.items) - 1)
                     for index, item in enumerate(node.items)]
        return _linked(node, TaggedList(
            items,
            bulletType=bullet_type,
            start=start,
            bulletFontName=self.styles.face(FONT),
            bulletFontSize=self.styles.body.fontSize,
            leftIndent=7 * mm,
            bulletDedent=5 * mm if bullet_type == "bullet" else 6 * mm,
            bulletFormat=None if bullet_type == "bullet" else "%s.",
            spaceAfter=self.styles.body.spaceAfter,
        ), element)

    def visit_Table(self, node: Table) -> list[Flowable]:
        element = self._element("Table")
        caption = self._caption(node, element.add("Caption"))
        table = _linked(node, self._table(node, element), element)
        after = [self._text(note, self.styles.table_note) for note in node.all_notes]
        if node.source:
            after.append(self._text(f"Source: {node.source}", self.styles.table_note))
        notes = [self._paragraph(node, text,
                                 self.styles.first_table_note if index == 0 else self.styles.table_note,
                                 self._element("P"))
                 for index, text in enumerate(after)]
        unit = [caption, table, *notes, Spacer(1, 4)]
        placed = [table_room(caption, table, notes, len(node.rows), len(unit)), *unit]
        if node.orientation != "landscape":
            return placed
        # on landscape pages of its own: the text before and after stays on portrait pages
        return [_linked(node, _Turn("landscape")), _linked(node, RLPageBreak()), *placed,
                _linked(node, _Turn("body")), _linked(node, RLPageBreak())]

    def _table(self, node: Table, element: StructElement) -> DataTable:
        header_row = element.add("THead").add("TR")
        header = [
            self._cell(node, col.title, self.styles.cell_style(bold=True, align=col.alignment, indent=0),
                       header_row.add("TH", attributes=("Table", {"Scope": "Column"}), keep_empty=True))
            for col in node.columns
        ]
        body_element = element.add("TBody")
        body = []
        row_headers = has_row_headers(node)
        for row, texts in zip(node.rows, node.text_rows()):
            row_element = body_element.add("TR")
            body.append([
                self._cell(
                    node,
                    text,
                    self.styles.cell_style(
                        bold=row.emphasis,
                        align=col.alignment,
                        indent=row.indent if index == 0 else 0,
                    ),
                    row_element.add("TH", attributes=("Table", {"Scope": "Row"}), keep_empty=True)
                    if index == 0 and row_headers else row_element.add("TD", keep_empty=True),
                )
                for index, (text, col) in enumerate(zip(texts, node.columns))
            ])
        widths = _column_widths(node, _frame_width(node.orientation))
        table = DataTable([header, *body], colWidths=widths, repeatRows=1, renderCB=TableArtifacts(),
                          hAlign="LEFT")
        commands = [
            *self.styles.table_commands(),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(hs.TABLE_HEADER_FILL)),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor(hs.RULE_COLOUR)),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            *((f"{side.upper()}PADDING", (0, 0), (-1, -1), points)
              for side, points in hs.TABLE_CELL_PADDING_PT.items()),
        ]
        for index, row in enumerate(node.rows, start=1):
            if row.emphasis:
                commands.append(("BACKGROUND", (0, index), (-1, index),
                                 colors.HexColor(self.house_style.focus_fill)))
        table.setStyle(TableStyle(commands))
        return table

    def _caption(self, node: Table | Figure, element: StructElement) -> Flowable:
        """The caption, a bookmark when something links to it (:class:`.pdf_flowables.Caption`)."""
        caption = self._paragraph(node, self._text(node.label, self.styles.caption),
                                  self.styles.caption, element, Caption)
        if node.number is not None:
            key = caption_key(node)
            caption.caption_entry = (_kind(node), _kind(node).title() + f" {node.number}", key)
            caption.caption_markup = self._text(node.label, self._caption_list_style())
            caption.bookmarked = key in self._bookmarked
        return caption

    def _caption_list_style(self) -> ParagraphStyle:
        """An entry of a list of tables or figures: a contents entry below the first level,
        at the margin."""
        return self.styles.toc_levels()[1].clone("CaptionList", leftIndent=0)

    def _caption_list(self, kind: type[Table] | type[Figure], title: str) -> list[Flowable]:
        """A list of the document's tables (or figures) after the contents, as Word and the web
        page write one: each label and caption linked to the caption, dot leaders, its page.
        Tagged as the contents is: an H2 and a TOC of TOCIs, each a Reference holding a Link.
        Nothing when the document has none."""
        captioned = [n for n in iter_nodes(self._document) if isinstance(n, kind)
                     and n.number is not None]
        if not captioned:
            return []
        style = self.styles.headings[2]
        heading = self._paragraph(None, self._text(title, style), style, self._element("H2"))
        toc = self._element("TOC")
        links = {caption_key(n): toc.add("TOCI").add("Reference").add(
            "Link", link_texts={f"#{caption_key(n)}": n.label}) for n in captioned}
        list_style = self._caption_list_style()
        expected = [(0, self._text(n.label, list_style), caption_key(n)) for n in captioned]
        flowable = ContentsFlowable(level_styles=[list_style],
                                    table_style=TableStyle(self.styles.table_commands()),
                                    links=links, placeholder=toc, expected=expected,
                                    kind=f"{_kind(captioned[0])}Entry")
        self.caption_lists.append(flowable)
        return [heading, _linked(None, flowable, toc)]

    def visit_Figure(self, node: Figure) -> list[Flowable]:
        image = _linked(node, _image(node, _frame_width() * node.width),
                        self._element("Figure", alt=node.alt_text))
        caption = self._caption(node, self._element("Caption"))
        parts: list[Flowable] = [image, caption]
        if node.source:
            parts.append(self._paragraph(node, self._text(f"Source: {node.source}", self.styles.note),
                                         self.styles.note, self._element("P")))
        return [whole_room(parts), *parts]


class _Turn(NextPageTemplate):
    """Where the pages turn to landscape for a table marked so, or back to portrait after it
    (each followed by a page break; see :func:`_turned`)."""

    def __init__(self, template: str) -> None:
        super().__init__(template)
        self.template = template


def _turned(story: list[Flowable]) -> list[Flowable]:
    """The story with its turns to landscape and back (:class:`_Turn`, each with its page break)
    tidied: the headings just before a landscape table turn with it (a heading is not left at
    the foot of a portrait page); two landscape tables in a row share their pages; a turn that
    meets another page break shares it (a landscape table after the contents starts on the page
    after it, with no empty page between); the document does not end on a turn."""
    story = list(story)
    index = 0
    while index < len(story):
        flowable = story[index]
        if isinstance(flowable, _Turn) and flowable.template == "landscape":
            start = index
            while start > 0 and isinstance(story[start - 1], Heading):
                start -= 1
            story[start:index + 2] = [*story[index:index + 2], *story[start:index]]
        index += 1
    tidied: list[Flowable] = []
    index = 0
    while index < len(story):
        flowable = story[index]
        if isinstance(flowable, _Turn):
            if index + 2 >= len(story):  # nothing after it
                break
            if flowable.template == "landscape" and len(tidied) >= 2 and \
                    isinstance(tidied[-2], _Turn) and tidied[-2].template == "body":
                del tidied[-2:]  # straight after another landscape table: on the same pages
                index += 2
                continue
            if tidied and isinstance(tidied[-1], RLPageBreak):  # share the break before it
                tidied.insert(len(tidied) - 1, flowable)
                index += 2
                continue
        tidied.append(flowable)
        index += 1
    return tidied


def _kind(node: Table | Figure) -> str:
    return "table" if isinstance(node, Table) else "figure"


def caption_key(node: Table | Figure) -> str:
    """The bookmark of a numbered table's or figure's caption: ``table-2``, ``figure-3`` (as
    the web page's ids)."""
    return f"{_kind(node)}-{node.number}"


def _excerpt(text: str, char: str, around: int = 25) -> str:
    """The words about the first ``char`` in ``text``, quoted, to find it by in the content
    (composed as :func:`.pdf_glyphs.face_runs` composes it, where ``char`` was found)."""
    text = unicodedata.normalize("NFC", text)
    at = text.index(char)
    start, end = max(0, at - around), min(len(text), at + around + 1)
    return f'"{"…" if start else ""}{text[start:end]}{"…" if end < len(text) else ""}"'


def _contents_links(toc: StructElement, sections: list[Section]) -> dict[str, StructElement]:
    """Add a TOCI for each section (nested TOCs for deeper levels), holding a Reference to
    its heading drawn as a Link; bookmark key -> that Link."""
    links: dict[str, StructElement] = {}
    lists: dict[int, StructElement] = {1: toc}
    items: dict[int, StructElement] = {}
    for section in sections:
        level = section.level
        if level not in lists:
            owner = items.get(level - 1)
            lists[level] = owner.add("TOC") if owner is not None else toc
        item = lists[level].add("TOCI")
        links[section.anchor] = item.add("Reference").add(
            "Link", link_texts={f"#{section.anchor}": section.heading})
        items[level] = item
        for deeper in range(level + 1, 4):
            lists.pop(deeper, None)
            items.pop(deeper, None)
    return links


"""ReportLab tables set a cell font even around flowables: name ours, or Helvetica creeps in."""


LOGO_MAX_MM = (70.0, 25.0)
"""The widest and tallest a logo is drawn on the cover (both formats), keeping its shape."""


def _logo_height(style: HouseStyle) -> float:
    """How tall the style's logo is drawn, in points (0 without one): the cover's title starts
    as far down the page with a logo as without."""
    if style.logo is None:
        return 0.0
    from PIL import Image

    with Image.open(io.BytesIO(style.logo)) as picture:
        width, height = picture.size
    return height * min(LOGO_MAX_MM[0] * mm / width, LOGO_MAX_MM[1] * mm / height)


def _image(node: Figure, width: float) -> TaggedImage:
    """The picture ``width`` wide, or narrower if taller than :data:`hs.FIGURE_MAX_HEIGHT_MM`
    (ReportLab stops the whole build on a flowable taller than its frame)."""
    try:
        image = TaggedImage(io.BytesIO(node.image))
        image.picture = png_picture(node.image)
    except Exception as error:  # ReportLab raises bare exceptions for unreadable images
        raise RenderError(f"figure {node.caption!r}: the PNG cannot be read ({error})") from error
    scale = min(width / image.imageWidth, hs.FIGURE_MAX_HEIGHT_MM * mm / image.imageHeight)
    image.drawWidth = image.imageWidth * scale
    image.drawHeight = image.imageHeight * scale
    return image


def _frame_width(orientation: str = "portrait") -> float:
    """The text width of a portrait page, or of a landscape one (A4 turned, the same margins)."""
    if orientation == "landscape":
        return LANDSCAPE[0] - 2 * hs.MARGIN_MM * mm
    return hs.TEXT_WIDTH_MM * mm


LANDSCAPE = landscape(A4)
"""The page a table marked ``orientation: landscape`` is set on."""


_CELL_PADDING = hs.TABLE_CELL_PADDING_PT["left"] + hs.TABLE_CELL_PADDING_PT["right"]
"""Left and right cell padding together, in points."""


def _column_widths(node: Table, available: float | None = None) -> list[float]:
    """The table's column widths (:func:`.table_widths.column_widths`), unless a word is too long
    for the page (a name of thousands of letters), which would squeeze the other columns to
    nothing: then no word asks for more than an equal share of the width, and it is broken
    across lines as a paragraph breaks a word longer than its line. ``available``: the text
    width (a portrait page's unless told)."""
    available = _frame_width() if available is None else available
    widths = column_widths(node, available, _bold_table_width, _CELL_PADDING)
    if all(width + 0.01 >= _CELL_PADDING + need for width, need in zip(widths, _word_needs(node))):
        return widths
    share = available / len(node.columns) - _CELL_PADDING
    return column_widths(node, available, lambda text: min(_bold_table_width(text), share),
                         _CELL_PADDING)


def _word_needs(node: Table) -> list[float]:
    """The widest word (or number: numbers do not wrap) of each column, header included."""
    texts = node.text_rows()
    return [
        max((_bold_table_width(word) for word in [
            *column.title.split(),
            *(part for row in texts for part in (
                row[index].split() if column.format is CellFormat.TEXT else [row[index]]))]),
            default=0.0)
        for index, column in enumerate(node.columns)
    ]


def _bold_table_width(text: str) -> float:
    if _covers(FONT_BOLD, text):
        return pdfmetrics.stringWidth(text, FONT_BOLD, hs.TABLE_PT)
    register_fallback_fonts()
    return text_width(text, FONT_BOLD, FALLBACK_FACES[FONT_BOLD], hs.TABLE_PT)


# --- headings, page numbers, the document template ---------------------------------------------


def _moves_before_a_float(flowable: Flowable) -> bool:
    """Text that may be set before a table or figure that floats: paragraphs and lists of the
    same section (not a heading, table or figure, nor a contents entry)."""
    if isinstance(flowable, TaggedList):
        return True
    return type(flowable) in (TaggedParagraph, UnbrokenParagraph) and not isinstance(
        getattr(flowable, "model_node", None), (Table, Figure))


class _AssessmentDocTemplate(CountedPassesTemplate):
    """A4 pages; a cover template without footer and a body template with "Page X of Y".

    ``passes`` counts the layout passes of the last build; ``least_passes`` makes a build lay
    the story out at least that many times (the test that more passes change nothing).
    """

    def __init__(self, buffer: io.BytesIO, document: Document, least_passes: int = 1) -> None:
        meta = document.metadata
        self.house_style = style_of(meta)
        self.body_face = register_house_font(self.house_style).get(FONT, FONT)
        super().__init__(
            buffer,
            pagesize=A4,
            leftMargin=hs.MARGIN_MM * mm,
            rightMargin=hs.MARGIN_MM * mm,
            topMargin=hs.MARGIN_MM * mm,
            bottomMargin=hs.MARGIN_MM * mm,
            title=meta.title,
            author=meta.partnership,
            subject=meta.subject,
            creator=_CREATOR,
            producer=_PRODUCER,
            keywords=[],
            lang=meta.language,
            displayDocTitle=True,
            invariant=1,
            initialFontName=FONT,
        )
        self.least_passes = least_passes
        self.heading_pages: dict[str, int] = {}
        """Bookmark key of each section -> the page its heading was drawn on (last pass)."""
        # no padding inside the margins (ReportLab's default is 6 pt a side): text is laid out
        # in the house style's text width, as wide as the Word file's and the tables' and charts'
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="text",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        turned = Frame(self.leftMargin, self.bottomMargin, LANDSCAPE[0] - 2 * self.leftMargin,
                       LANDSCAPE[1] - 2 * self.bottomMargin, id="landscape-text",
                       leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates(
            [
                PageTemplate(id="cover", frames=[frame]),
                PageTemplate(id="body", frames=[frame], onPage=self._footer),
                # a table marked landscape: A4 turned, the same margins and footer
                PageTemplate(id="landscape", frames=[turned], onPage=self._footer,
                             pagesize=LANDSCAPE),
            ]
        )

    def beforeDocument(self) -> None:
        self.canv.showOutline()  # the bookmarks panel opens with the document (/UseOutlines)

    def before_pass(self) -> None:
        self.heading_pages = {}

    def filterFlowables(self, flowables: list[Flowable]) -> None:
        """Let a table or figure that does not fit here float past the text after it."""
        frame = getattr(self, "frame", None)  # none before the first page begins
        if frame is not None:
            float_past_text(flowables, frame, _moves_before_a_float)

    def _footer(self, canvas: TaggingCanvas, doc: BaseDocTemplate) -> None:
        """The page's footer, as a form drawn once the page count is known (the whole footer:
        "Page 3 of 32" is centred, or set right of the settings' footer text)."""
        width = (doc.pageTemplate.pagesize or A4)[0]  # a landscape page is wider
        with canvas.artifact("Pagination", "Footer"):
            canvas.draw_later(partial(self._draw_footer, doc.page, width),
                              (0, 0, width, hs.MARGIN_MM * mm))

    def _draw_footer(self, page: int, width: float, canvas: TaggingCanvas) -> None:
        canvas.setFont(self.body_face, hs.SMALL_PT)
        canvas.setFillColor(colors.HexColor(hs.MUTED_COLOUR))
        text, baseline = f"Page {page} of {canvas.pages_shown()}", hs.MARGIN_MM * mm / 2
        if self.house_style.footer:  # the settings' footer text on the left, the page right
            canvas.drawString(hs.MARGIN_MM * mm, baseline, self.house_style.footer)
            canvas.drawRightString(width - hs.MARGIN_MM * mm, baseline, text)
        else:
            canvas.drawCentredString(width / 2, baseline, text)

    def afterFlowable(self, flowable: Flowable) -> None:
        caption = getattr(flowable, "caption_entry", None)
        if caption is not None:
            kind, label, key = caption
            self.heading_pages[label] = self.page  # the Word lists' page (caption_page_key)
            if flowable.bookmarked:  # type: ignore[attr-defined]
                self.notify(f"{kind}Entry", (0, flowable.caption_markup, self.page, key))  # type: ignore[attr-defined]
        entry = getattr(flowable, "toc_entry", None)
        if entry is None:
            return
        level, text, key = entry
        self.heading_pages[key] = self.page  # its bookmark: see Heading.drawOn
        self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
        if flowable.in_contents:  # type: ignore[attr-defined]
            self.notify("TOCEntry", (level, flowable.contents_markup, self.page, key))  # type: ignore[attr-defined]

