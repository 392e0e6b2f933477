"""Word renderer: the document model as a .docx written with python-docx.

A4 pages laid out like the PDF's (:mod:`.docx_styles` takes the PDF's type sizes, line heights
and spacing; :mod:`.docx_tables` its table widths, padding and page breaks); the PDF's cover; a
contents page that is a real TOC field, pre-filled with every heading and the page the PDF prints
it on (so it is complete in every viewer without Word updating fields, which a reader may still
ask for); headings in the Heading 1-3 styles; real list numbering; tables with a repeated,
flagged header row; pictures with alt text; "Page X of Y" footers; fixed core properties and zip
timestamps so the bytes repeat. Space between blocks is paragraph spacing, never an empty
paragraph, and a page break is the next paragraph's "page break before".
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import count

from docx import Document as new_word_document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as WordParagraph
from lxml import etree
from reportlab.lib.utils import simpleSplit

from ..model import (
    BlockQuote,
    BulletList,
    Contents,
    Cover,
    Document,
    Figure,
    ListItem,
    Note,
    NumberedList,
    PageBreak,
    Paragraph,
    Recommendation,
    Run,
    Runs,
    Section,
    Table,
    assign_numbers,
    iter_nodes,
    iter_sections,
    plain_text,
    reference_label,
    reference_targets,
)
from . import house_style as hs
from .docx_lists import LIST_INDENT_MM, ListNumbering, number_paragraph
from .docx_styles import FONT, StyleChoice, set_up_styles
from .house_style import DEFAULT, HouseStyle, style_of
from .docx_sections import end_on_landscape, end_section, landscape_gain_pt
from .docx_tables import table_element
from .docx_xml import element, field_end, field_start, insert_in_schema_order, run, tab
from .docx_xml import field as complete_field
from .pdf import FONT as PDF_FONT
from .pdf import FONT_BOLD, LOGO_MAX_MM, heading_pages, register_fonts, register_house_font
from .pdf_pagination import LINES_KEPT
from .translator import Translator

_ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
_LEFTOVER_RELATIONSHIPS = {RT.THUMBNAIL, RT.CUSTOM_XML}
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"

_SETTINGS_AFTER_THEME_LANGUAGE = frozenset({
    "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
    "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary",
    "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
})
"""Children of w:settings that the schema puts after w:themeFontLang (local names)."""

RECOMMENDATION_LABEL = "Recommendation: "
"""Printed in bold before a recommendation's text, so that it says what it is in words, not
only by its box's colour (the PDF prints the same)."""

COVER_TOP_MM = 60.0
"""Space above the cover's title: the PDF cover's."""


def render_docx(document: Document, pages: Mapping[str, int] | None = None) -> bytes:
    """Write the document as .docx bytes (the same model gives the same bytes).

    ``pages``: each section's bookmark key (:attr:`Section.anchor`) -> the page its heading is
    on, which the contents prints. By default the PDF's (:func:`.pdf.heading_pages`): taken
    from the PDF of the same document when this process has just rendered one, else laid out
    now. Word and LibreOffice lay the file out with the PDF's styles but their own fonts, so
    their pages rarely differ from the PDF's, and a reader may refresh the contents in Word.

    The same as :func:`fill_page_numbers` of :func:`draft_docx`: a caller with a second CPU
    drafts the file there while the PDF is laid out here, and fills in its page numbers after.
    """
    document = assign_numbers(document)
    draft = draft_docx(document)
    return fill_page_numbers(draft, heading_pages(document) if pages is None else pages)


def draft_docx(document: Document) -> bytes:
    """The .docx of ``document`` with every page number still to come: each line of the
    contents and of the lists of tables and figures holds its page's key where the number goes.
    Not a file for a reader (:func:`fill_page_numbers` makes it one); it needs no page layout."""
    document = assign_numbers(document)
    template = document.metadata.word_template
    word = new_word_document() if template is None else _from_template(template)
    _remove_template_leftovers(word)
    style = style_of(document.metadata)
    if template is None:
        _set_up_page(word, style.footer)
    text_width_mm = hs.TEXT_WIDTH_MM if template is None else _text_width_mm(word)
    choice = set_up_styles(word, document.metadata.language, template=template is not None,
                           text_width_mm=text_width_mm, lists=_has_lists(document), style=style)
    _set_theme_language(word, document.metadata.language)
    _set_properties(word, document)
    translator = DocxTranslator(word, ListNumbering(word, style.font_name or FONT,
                                                    keep_existing=template is not None),
                                styles=choice, text_width_mm=text_width_mm,
                                break_cover_as_pdf=template is None, house_style=style)
    translator.visit(document)
    if translator.landscape_end is not None:  # a landscape table ends the document
        end_on_landscape(word.element.body, translator.landscape_end)
    _end_with_a_paragraph(word)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


_PAGE_TO_COME = "\ue000{}\ue001"
"""The text a page number's field holds in a draft: its page key between two private-use
characters (never a reader's text: :func:`fill_page_numbers` replaces every one)."""


def fill_page_numbers(draft: bytes, pages: Mapping[str, int]) -> bytes:
    """The finished .docx: each page number of the :func:`draft_docx` ``draft`` filled in from
    ``pages`` (page key -> page), and a line whose page is not known left with its title alone
    (no leaders, no field); the zip written with fixed timestamps so the bytes repeat."""
    source = zipfile.ZipFile(io.BytesIO(draft))
    body = etree.fromstring(source.read(_BODY_PART))
    for instruction in list(body.iter(qn("w:instrText"))):
        if instruction.text.split()[:1] == ["PAGEREF"]:
            _fill_page_field(instruction.getparent(), pages)
    filled = etree.tostring(body, encoding="UTF-8", standalone=True)
    return _normalise_zip(source, {_BODY_PART: filled})


_BODY_PART = "word/document.xml"


def _fill_page_field(instruction_run: OxmlElement, pages: Mapping[str, int]) -> None:
    """The PAGEREF field whose instruction is in ``instruction_run`` (its runs: begin,
    instruction, separate, result, end; a tab before them), given its page or taken out."""
    begin = instruction_run.getprevious()
    separate = instruction_run.getnext()
    result = separate.getnext()
    text = result.find(qn("w:t"))
    key = text.text[1:-1]
    page = pages.get(key)
    if page is not None:
        text.text = str(page)
        return
    leader = begin.getprevious()
    for node in (leader, begin, instruction_run, separate, result, result.getnext()):
        node.getparent().remove(node)


# --- package, page, properties -----------------------------------------------------------------


def _has_lists(document: Document) -> bool:
    """Whether the document's contents is followed by lists of tables and figures."""
    return any(isinstance(block, Contents) and block.lists_of_tables_and_figures
               for block in document.children)


def _from_template(data: bytes) -> WordDocument:
    """An organisation's reference template (checked by :mod:`.docx_template`) with its body
    emptied: its styles, numbering, headers and footers, and its last section's page size,
    margins and header and footer references stay. A ``w:updateFields`` it carries is dropped:
    the contents is written complete, and Word would ask to update it on every opening."""
    word = new_word_document(io.BytesIO(data))
    body = word.element.body
    for child in list(body):
        if child is not body.sectPr:
            body.remove(child)
    for update in word.settings.element.findall(qn("w:updateFields")):
        word.settings.element.remove(update)
    return word


def _text_width_mm(word: WordDocument) -> float:
    """The width between the margins of the document's (last) section, in millimetres: the
    house style's A4 page, or a template's page."""
    section = word.sections[-1]
    if None in (section.page_width, section.left_margin, section.right_margin):
        return hs.TEXT_WIDTH_MM
    width = section.page_width - section.left_margin - section.right_margin
    return round(width / 36000, 2) if width > 0 else hs.TEXT_WIDTH_MM


def _remove_template_leftovers(word: WordDocument) -> None:
    """Drop python-docx's thumbnail, customXml and stylesWithEffects parts."""
    for rels in (word.part.package.rels, word.part.rels):
        for r_id in [r for r, rel in rels.items() if rel.reltype in _LEFTOVER_RELATIONSHIPS
                     or rel.reltype == _STYLES_WITH_EFFECTS]:
            rels.pop(r_id)


def _set_up_page(word: WordDocument, footer: str = "") -> None:
    section = word.sections[0]
    section.page_width, section.page_height = Mm(hs.PAGE_WIDTH_MM), Mm(hs.PAGE_HEIGHT_MM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(hs.MARGIN_MM))
    section.footer_distance = Mm(hs.MARGIN_MM / 2)
    section.different_first_page_header_footer = True
    _page_x_of_y(section.footer.paragraphs[0], footer)


def _page_x_of_y(paragraph: WordParagraph, footer: str = "") -> None:
    """'Page X of Y', centred; after the style's ``footer`` text, on the right."""
    if footer:
        stops = paragraph.paragraph_format.tab_stops
        for inherited in paragraph.style.paragraph_format.tab_stops:  # Footer's centre, right
            stops.add_tab_stop(inherited.position, WD_TAB_ALIGNMENT.CLEAR)
        stops.add_tab_stop(Mm(hs.TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
        paragraph._p.extend([run(footer), tab()])
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for part in (run("Page "), *complete_field("PAGE", "1"), run(" of "),
                 *complete_field("NUMPAGES", "1")):
        paragraph._p.append(part)


def _set_properties(word: WordDocument, document: Document) -> None:
    meta = document.metadata
    stamp = _timestamp(meta.date)
    props = word.core_properties
    props.title = core_property(meta.title)
    props.subject = core_property(meta.subject)
    props.author = core_property(meta.partnership)
    props.last_modified_by = core_property(meta.partnership)
    props.language = meta.language
    props.comments = ""
    props.keywords = "Strategic Assessment; community safety"
    props.category = "Strategic Assessment"
    props.revision = 1
    props.created = props.modified = stamp


CORE_PROPERTY_LIMIT = 255
"""The most characters a Word file's document property (title, subject, author) holds."""


def core_property(text: str) -> str:
    """``text`` as a document property: whole when it fits in :data:`CORE_PROPERTY_LIMIT`
    characters, else cut at the last space that leaves room for an ellipsis, which ends it.
    The property alone is shortened: the cover shows the whole title."""
    if len(text) <= CORE_PROPERTY_LIMIT:
        return text
    room = CORE_PROPERTY_LIMIT - 1  # the ellipsis takes the last character
    kept = text[:room]
    words = kept.rsplit(None, 1)
    if not text[room].isspace() and len(words) == 2:  # the cut falls in a word: drop it
        kept = words[0]
    return kept.rstrip().rstrip(",;:-–—").rstrip() + "…"


def _set_theme_language(word: WordDocument, language: str) -> None:
    """The language Word picks the theme's fonts for (``w:themeFontLang``, en-US in
    python-docx's template): the document's."""
    settings = word.settings.element
    theme_language = settings.find(qn("w:themeFontLang"))
    if theme_language is None:
        theme_language = element("w:themeFontLang")
        insert_in_schema_order(settings, theme_language, _SETTINGS_AFTER_THEME_LANGUAGE)
    theme_language.attrib.clear()
    theme_language.set(qn("w:val"), language)


def _timestamp(date: str) -> datetime:
    try:
        return datetime.fromisoformat(date).replace(tzinfo=UTC) if date else datetime(2000, 1, 1, tzinfo=UTC)
    except ValueError:
        return datetime(2000, 1, 1, tzinfo=UTC)


def _end_with_a_paragraph(word: WordDocument) -> None:
    """Word requires a paragraph after a table that ends the document."""
    body = word.element.body
    last = body.sectPr.getprevious() if body.sectPr is not None else (body[-1] if len(body) else None)
    if last is not None and last.tag == qn("w:tbl"):
        word.add_paragraph()


def _normalise_zip(source: zipfile.ZipFile, replaced: Mapping[str, bytes]) -> bytes:
    """The zip ``source`` written again with fixed timestamps (so the same document gives the
    same bytes), with the parts named in ``replaced`` given their new content."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIMESTAMP)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            data = replaced.get(info.filename)
            target.writestr(fixed, source.read(info.filename) if data is None else data)
    return output.getvalue()


# --- translator --------------------------------------------------------------------------------


@dataclass
class _ListContext:
    num_id: int
    level: int


@dataclass
class _Pending:
    """What the next paragraph must carry for the blocks before it."""

    page_break: bool = False
    """It starts a page (a page break, the cover's or the contents' end)."""
    space_before: float = 0.0
    """Points of space above it (after a table, which has no space after of its own)."""


@dataclass
class DocxTranslator(Translator):
    """Appends each model node to the Word document, one method per node type."""

    word: WordDocument
    numbering: ListNumbering
    """Section bookmark key -> the page the contents prints for it."""
    lists: list[_ListContext] = field(default_factory=list)
    """The lists we are inside, innermost last."""
    sections: tuple[Section, ...] = ()
    captioned: tuple[Table | Figure, ...] = ()
    """The document's tables and figures, in order."""
    targets: Mapping[str, Table | Figure] = field(default_factory=dict)
    """What cross-references point at: :func:`.model.reference_targets`."""
    bookmark_ids: count = field(default_factory=lambda: count(1))
    style_ids: dict[str, str] = field(default_factory=dict)
    pending: _Pending = field(default_factory=_Pending)
    styles: StyleChoice = field(default_factory=lambda: StyleChoice(frozenset()))
    """Which styles are the house style's, which a reference template's."""
    text_width_mm: float = hs.TEXT_WIDTH_MM
    """The width between the page's margins."""
    break_cover_as_pdf: bool = True
    """Break the cover's title into the PDF's lines (the house style, whose fonts are the
    PDF's); a template's fonts break it themselves."""
    house_style: HouseStyle = DEFAULT
    """The document's house style (the focus area's rows read its fill)."""
    landscape_end: object = None
    """The paragraph ending the last landscape section (:meth:`_turn`), while nothing follows."""
    turns: int = 0

    def blocks(self, blocks: tuple[object, ...]) -> None:
        for block in blocks:
            self.visit(block)

    def _add(self, text: str = "", style: str | None = None) -> WordParagraph:
        """Append a paragraph in a named style, carrying what :attr:`pending` holds for it.

        The style id is written directly: python-docx's own lookup searches the whole styles
        part on every call, which made a 130-row table take over a second.
        """
        paragraph = self.word.add_paragraph(text)
        if style is not None:
            paragraph._p.style = self._style_id(style)
        if self.pending.page_break:
            paragraph.paragraph_format.page_break_before = True
        if self.pending.space_before:
            paragraph.paragraph_format.space_before = Pt(self.pending.space_before)
        self.pending = _Pending()
        return paragraph

    @property
    def _note_space_after(self) -> float:
        """The space after a table note (its style's): the gap after a table adds to it."""
        return self.word.styles["Table Note"].paragraph_format.space_after.pt

    @property
    def _text_width_pt(self) -> float:
        if self.text_width_mm == hs.TEXT_WIDTH_MM:
            return hs.TEXT_WIDTH_PT
        return self.text_width_mm * 72 / 25.4

    def _style_id(self, name: str) -> str:
        if name not in self.style_ids:
            self.style_ids[name] = self.word.styles[name].style_id
        return self.style_ids[name]

    def visit_Document(self, node: Document) -> None:
        self.sections = tuple(iter_sections(node.children))
        self.captioned = tuple(n for n in iter_nodes(node) if isinstance(n, (Table, Figure)))
        self.targets = reference_targets(node)
        self.blocks(node.children)

    def visit_Cover(self, node: Cover) -> None:
        """The PDF's cover: the title and subtitle broken into the lines the PDF gives them,
        so they wrap alike whatever Word's font is."""
        logo_height = self._logo()
        title = self._add(style="Title")
        title.paragraph_format.space_before = Emu(Mm(COVER_TOP_MM) - logo_height)
        as_pdf = self.break_cover_as_pdf
        _lines(title, _pdf_lines(node.title, hs.TITLE_PT, style=self.house_style)
               if as_pdf else [node.title])
        if node.subtitle:
            _lines(self._add(style="Subtitle"),
                   _pdf_lines(node.subtitle, hs.SUBTITLE_PT, bold=False, style=self.house_style)
                   if as_pdf else [node.subtitle])
        for line in node.lines:
            self._add(line)
        self.pending.page_break = True

    def _logo(self) -> int:
        """The style's logo at the top of the cover, with its text alternative, as large as
        the PDF draws it; its height (EMU), 0 without one."""
        style = self.house_style
        if style.logo is None:
            return 0
        paragraph = self._add()
        paragraph.paragraph_format.line_spacing = 1.0  # the picture's line is as tall as it
        picture_run = paragraph.add_run()
        picture = picture_run.add_picture(io.BytesIO(style.logo))
        scale = min(Mm(LOGO_MAX_MM[0]) / picture.width, Mm(LOGO_MAX_MM[1]) / picture.height)
        picture.width, picture.height = Emu(int(picture.width * scale)), Emu(int(picture.height * scale))
        doc_pr = picture_run._r.xpath(".//wp:docPr")[0]
        doc_pr.set("descr", style.logo_alt)
        return int(picture.height)

    def visit_Contents(self, node: Contents) -> None:
        self._add(node.title, "TOC Heading")
        entries = [s for s in self.sections if s.level <= node.depth]
        for index, section in enumerate(entries):
            paragraph = self._add(style=f"TOC {section.level}")
            if index == 0:
                paragraph._p.extend(field_start(f'TOC \\o "1-{node.depth}" \\h \\z \\u'))
            paragraph._p.append(_contents_entry(section))
            if index == len(entries) - 1:
                paragraph._p.append(field_end())
        if node.lists_of_tables_and_figures:
            self._list_of(Table, "List of tables")
            self._list_of(Figure, "List of figures")
        self.pending.page_break = True

    def _list_of(self, kind: type[Table] | type[Figure], title: str) -> None:
        """A list of the tables (or figures) as Word makes one (a ``TOC \\c "Table"`` field
        over the SEQ fields of the captions), pre-filled: each caption, linked to its bookmark,
        and a PAGEREF field showing the page the PDF gives for it (by
        :func:`caption_page_key`). Nothing when the document has no such caption."""
        captioned = [node for node in self.captioned if isinstance(node, kind)]
        if not captioned:
            return
        self._add(title, "TOC Heading")
        name = _caption_kind(captioned[0])
        for index, node in enumerate(captioned):
            paragraph = self._add(style=LIST_OF_CAPTIONS_STYLE)
            if index == 0:
                paragraph._p.extend(field_start(f'TOC \\h \\z \\c "{name}"'))
            paragraph._p.append(_list_entry(node))
            if index == len(captioned) - 1:
                paragraph._p.append(field_end())

    def visit_Section(self, node: Section) -> None:
        paragraph = self._add(style=f"Heading {node.level}")
        bookmark_id = str(next(self.bookmark_ids))
        paragraph._p.append(element("w:bookmarkStart", id=bookmark_id,
                                    name=bookmark_name(node.anchor)))
        paragraph.add_run(node.heading)
        paragraph._p.append(element("w:bookmarkEnd", id=bookmark_id))
        first = node.children[0] if node.children else None
        self.blocks(node.children[:1])
        if isinstance(first, Paragraph) and not self.lists and _short(first):
            self._last_paragraph().paragraph_format.keep_together = True
        self.blocks(node.children[1:])

    def _last_paragraph(self) -> WordParagraph:
        return WordParagraph(self.word.element.body.sectPr.getprevious(), self.word._body)

    def visit_Paragraph(self, node: Paragraph) -> None:
        paragraph = self._add(style=self.styles.list_item if self.lists else None)
        if self.lists:
            paragraph.paragraph_format.left_indent = Mm(LIST_INDENT_MM * (self.lists[-1].level + 1))
        self._runs(paragraph, node.runs)

    def visit_Recommendation(self, node: Recommendation) -> None:
        paragraph = self._add(style="Recommendation")
        paragraph.add_run(RECOMMENDATION_LABEL).bold = True
        self._runs(paragraph, node.runs)

    def visit_Note(self, node: Note) -> None:
        self._runs(self._add(style="Note"), node.runs)

    def visit_PageBreak(self, node: PageBreak) -> None:
        self.pending.page_break = True

    def visit_BlockQuote(self, node: BlockQuote) -> None:
        for block in node.blocks:
            if isinstance(block, Paragraph):
                self._runs(self._add(style="Quote"), block.runs)
            else:
                self.visit(block)

    def visit_BulletList(self, node: BulletList) -> None:
        self._list(node.items, self.numbering.bullet_num)

    def visit_NumberedList(self, node: NumberedList) -> None:
        level = len(self.lists)
        self._list(node.items, self.numbering.new_numbered(node.start, min(level, 2)))

    def _list(self, items: tuple[ListItem, ...], num_id: int) -> None:
        self.lists.append(_ListContext(num_id, min(len(self.lists), 2)))
        for item in items:
            self.visit(item)
        self.lists.pop()

    def visit_ListItem(self, node: ListItem) -> None:
        context = self.lists[-1]
        first = True
        for block in node.blocks:
            if isinstance(block, Paragraph) and first:
                paragraph = self._add(style=self.styles.list_item)
                number_paragraph(paragraph, context.num_id, context.level)
                self._runs(paragraph, block.runs)
                first = False
            else:
                self.visit(block)

    def visit_Table(self, node: Table) -> None:
        """Caption, table, then its notes and source: the caption keeps with the table (its
        style), the table with its first note, each note with the next; the first note sits a
        small gap below the table's bottom rule. A table marked landscape is on landscape
        pages of its own, between two section breaks (:mod:`.docx_sections`)."""
        landscape = node.orientation == "landscape"
        body = self.word.element.body
        if landscape:
            self._turn(landscape=False)
        self._caption(node)
        after = [*node.all_notes, *([f"Source: {node.source}"] if node.source else [])]
        width = self._text_width_pt + (landscape_gain_pt(body.sectPr) if landscape else 0)
        table = table_element(node, self._style_id("Table Grid"), self._style_id("Table Text"),
                              notes_follow=bool(after), text_width_pt=width,
                              house_style="Table Grid" in self.styles.ours,
                              focus_fill=self.house_style.focus_fill)
        body = self.word.element.body
        if body.sectPr is not None:
            body.sectPr.addprevious(table)
        else:
            body.append(table)
        self.pending.space_before = hs.TABLE_NOTES_GAP_PT
        for index, text in enumerate(after):
            note = self._add(text, "Table Note")
            note.paragraph_format.keep_with_next = index < len(after) - 1 or None
        # the PDF closes a table's unit with the same gap again: kept for the next paragraph
        self.pending.space_before = hs.TABLE_NOTES_GAP_PT + (self._note_space_after if after else 0)
        if landscape:
            self._turn(landscape=True)

    def _turn(self, *, landscape: bool) -> None:
        """End the section before a landscape table (portrait) or the table's own (landscape)
        with an empty paragraph holding the section break; two landscape tables in a row share
        their section."""
        body = self.word.element.body
        if not landscape and self.landscape_end is not None and \
                self.landscape_end is body.sectPr.getprevious():
            body.remove(self.landscape_end)  # the landscape pages go on
            self.landscape_end = None
            return
        paragraph = self.word.add_paragraph()._p
        if not landscape:  # the headings just before the table turn with it, as in the PDF
            first = paragraph
            while (previous := first.getprevious()) is not None and previous.tag == qn("w:p") \
                    and previous.xpath("string(w:pPr/w:pStyle/@w:val)").startswith("Heading"):
                first = previous
            first.addprevious(paragraph)
        end_section(paragraph, body.sectPr, landscape=landscape, first=self.turns == 0)
        self.turns += 1
        self.pending = _Pending()  # a new section starts a new page: no break, no gap
        self.landscape_end = paragraph if landscape else None

    def visit_Figure(self, node: Figure) -> None:
        """The picture keeps with its caption, and the caption with the source below it."""
        paragraph = self._add()
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.line_spacing = 1.0  # a picture's line is as tall as the picture
        width = Mm(self.text_width_mm * node.width)
        picture_run = paragraph.add_run()
        picture = picture_run.add_picture(io.BytesIO(node.image), width=width)
        tallest = Mm(hs.FIGURE_MAX_HEIGHT_MM)
        if picture.height > tallest:  # narrower, same shape: Word would cut it off at the page
            picture.width, picture.height = Emu(picture.width * tallest // picture.height), tallest
        doc_pr = picture_run._r.xpath(".//wp:docPr")[0]
        doc_pr.set("descr", node.alt_text)
        doc_pr.set("title", node.caption)
        caption = self._caption(node)
        caption.paragraph_format.keep_with_next = bool(node.source)
        if node.source:
            self._add(f"Source: {node.source}", "Note")

    # helpers

    def _caption(self, node: Table | Figure) -> WordParagraph:
        """A caption Word knows as one ("Table 2: …"): the number is a ``SEQ Table`` (or
        ``SEQ Figure``) field pre-filled with the model's number, so that Word's list of tables
        and its cross-references count it, and "Table 2" is bookmarked
        (:func:`caption_bookmark`) for a REF field to print and link to."""
        paragraph = self._add(style="Caption")  # numbered: render_docx numbers the document
        kind = _caption_kind(node)
        bookmark_id = str(next(self.bookmark_ids))
        paragraph._p.append(element("w:bookmarkStart", id=bookmark_id, name=_caption_bookmark(node)))
        paragraph._p.append(run(f"{kind} "))
        paragraph._p.extend(complete_field(f"SEQ {kind} \\* ARABIC", str(node.number)))
        paragraph._p.append(element("w:bookmarkEnd", id=bookmark_id))
        paragraph._p.append(run(f": {node.caption}"))
        return paragraph

    def _runs(self, paragraph: WordParagraph, inline: Runs) -> None:
        for part in inline:
            if part.link:
                self._hyperlink(paragraph, part.text, part.link)
                continue
            if part.ref is not None and part.ref in self.targets:
                paragraph._p.append(_cross_reference(part, self.targets[part.ref]))
                continue
            text_run = paragraph.add_run(part.text)
            text_run.bold = part.strong or None
            text_run.italic = part.emphasis or None

    def _hyperlink(self, paragraph: WordParagraph, text: str, url: str) -> None:
        r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), r_id)
        text_run = paragraph.add_run(text)
        text_run.font.underline = True
        text_run.font.color.rgb = RGBColor.from_string(hs.LINK_COLOUR.lstrip("#"))
        link.append(text_run._r)
        paragraph._p.append(link)


def _short(paragraph: Paragraph) -> bool:
    """True when the PDF keeps all of ``paragraph`` with the heading before it: at most
    ``LINES_KEPT`` lines and one more (:func:`.pdf_pagination.start_of`). Word, whose widow
    control keeps two lines with a heading, keeps such a paragraph whole (its lines measured in
    the PDF's font, which has Arial's widths)."""
    register_fonts()
    lines = simpleSplit(plain_text(paragraph.runs), PDF_FONT, hs.BODY_PT, hs.TEXT_WIDTH_PT)
    return len(lines) <= LINES_KEPT + 1


def _pdf_lines(text: str, size: float, *, bold: bool = True,
               style: HouseStyle = DEFAULT) -> list[str]:
    """``text`` broken into the lines the PDF's cover draws it on (its font, the text width)."""
    register_fonts()
    house_face = FONT_BOLD if bold else PDF_FONT
    font = register_house_font(style).get(house_face, house_face)
    return simpleSplit(text, font, size, hs.TEXT_WIDTH_PT) or [text]


def _lines(paragraph: WordParagraph, lines: list[str]) -> None:
    """The lines as one paragraph with line breaks between them."""
    for index, line in enumerate(lines):
        text_run = paragraph.add_run(line)
        if index < len(lines) - 1:
            text_run.add_break()


def _contents_entry(section: Section) -> OxmlElement:
    """A contents line, linked to the heading's bookmark: the heading, dots to the right margin
    and the page number, as a PAGEREF field to the same bookmark, which Word works out again
    when a reader updates the contents (pre-filled by :func:`fill_page_numbers`)."""
    name = bookmark_name(section.anchor)
    link = element("w:hyperlink", anchor=name, history="1")
    link.append(run(section.heading))
    link.append(tab())
    link.extend(complete_field(f"PAGEREF {name} \\h", _PAGE_TO_COME.format(section.anchor)))
    return link


LIST_OF_CAPTIONS_STYLE = "Table of Figures"
"""Word's style for the lines of a list of tables or figures."""


def _caption_kind(node: Table | Figure) -> str:
    """The caption's label, which is also its SEQ field's name: Table or Figure."""
    return "Table" if isinstance(node, Table) else "Figure"


def _cross_reference(part: Run, target: Table | Figure) -> OxmlElement:
    """A cross-reference as Word writes one: "Table 2" as a ``REF`` field to the bookmark
    around the caption's label and number (:func:`caption_bookmark`), pre-filled, so that
    Word renumbers it with the captions; the writer's own words instead of the label stay as
    written. Either way a link to the caption, which every viewer follows."""
    name = _caption_bookmark(target)
    link = element("w:hyperlink", anchor=name, history="1")
    parts = (complete_field(f"REF {name} \\h", part.text)
             if part.text == reference_label(target) else [run(part.text)])
    for text_run in parts:
        if part.strong or part.emphasis:
            properties = element("w:rPr")
            for on, tag in ((part.strong, "w:b"), (part.emphasis, "w:i")):
                if on:
                    properties.append(element(tag))
            text_run.insert(0, properties)
        link.append(text_run)
    return link


def caption_page_key(node: Table | Figure) -> str:
    """The key of a caption's page in the ``pages`` :func:`render_docx` is given: its label and
    number, "Table 2" (the PDF's layout gives them beside the headings' keys)."""
    return f"{_caption_kind(node)} {node.number}"


def _caption_bookmark(node: Table | Figure) -> str:
    """The bookmark of a numbered table's or figure's caption: from its id, else its number."""
    return caption_bookmark(f"{_caption_kind(node).lower()}:{node.id or node.number}")


def _list_entry(node: Table | Figure) -> OxmlElement:
    """A pre-filled line of a list of tables or figures, as Word writes one: the caption,
    linked to its bookmark, dots to the right margin and a PAGEREF field to the bookmark
    showing its page (filled in by :func:`fill_page_numbers`)."""
    name = _caption_bookmark(node)
    link = element("w:hyperlink", anchor=name, history="1")
    link.append(run(node.label))
    link.append(tab())
    link.extend(complete_field(f"PAGEREF {name} \\h", _PAGE_TO_COME.format(caption_page_key(node))))
    return link


def caption_bookmark(key: str) -> str:
    """The bookmark around "Table 2" in the caption of the table or figure whose key is ``key``
    (``table:recorded_crime``, the kind and the id): ``_Ref_table_recorded_crime``,
    a hidden bookmark (its leading underscore) as Word names those its cross-references point
    at, of letters, digits and underscores only, and no longer than Word allows."""
    return bookmark_name("_Ref_" + "".join(ch if ch.isascii() and ch.isalnum() else "_" for ch in key))


_BOOKMARK_LENGTH = 40
"""The longest bookmark name Word accepts (ECMA-376's ST_String limit on w:bookmarkStart)."""


def bookmark_name(anchor: str) -> str:
    """A section's bookmark in Word: its anchor, or when that is longer than Word allows (an
    unnumbered section named by a long title) its start and a short hash of the whole, so that
    two long titles starting alike still get two bookmarks."""
    if len(anchor) <= _BOOKMARK_LENGTH:
        return anchor
    digest = hashlib.sha1(anchor.encode()).hexdigest()[:8]
    return f"{anchor[:_BOOKMARK_LENGTH - 9]}_{digest}"
