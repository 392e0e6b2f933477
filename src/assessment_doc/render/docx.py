"""Word renderer: the document model as a .docx written with python-docx.

A4 pages in a sans-serif house style; a cover; a contents page that is a real TOC field, pre-filled
with every heading (so no viewer shows it blank) and marked for update on open; headings in the
Heading 1-3 styles; real list numbering; tables with a repeated, flagged header row; pictures with
alt text; "Page X of Y" footers; fixed core properties and zip timestamps so the bytes repeat.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import count

from docx import Document as new_word_document
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as WordParagraph
from lxml import etree
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..model import (
    Align,
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
    Runs,
    Section,
    Table,
    assign_numbers,
    iter_sections,
)
from . import house_style as hs
from .table_widths import column_widths
from .translator import Translator

FONT = "Arial"
_ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
_LEFTOVER_RELATIONSHIPS = {RT.THUMBNAIL, RT.CUSTOM_XML}
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def render_docx(document: Document) -> bytes:
    """Write the document as .docx bytes (the same model gives the same bytes)."""
    document = assign_numbers(document)
    word = new_word_document()
    _remove_template_leftovers(word)
    _set_up_page(word)
    _set_up_styles(word)
    _set_properties(word, document)
    _ask_for_field_update(word)
    translator = DocxTranslator(word, _ListNumbering(word))
    translator.visit(document)
    _drop_empty_first_paragraph(word)
    buffer = io.BytesIO()
    word.save(buffer)
    return _normalise_zip(buffer.getvalue())


# --- package, page, styles, properties ---------------------------------------------------------


def _remove_template_leftovers(word: WordDocument) -> None:
    """Drop python-docx's thumbnail, customXml and stylesWithEffects parts."""
    for rels in (word.part.package.rels, word.part.rels):
        for r_id in [r for r, rel in rels.items() if rel.reltype in _LEFTOVER_RELATIONSHIPS
                     or rel.reltype == _STYLES_WITH_EFFECTS]:
            rels.pop(r_id)


def _set_up_page(word: WordDocument) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = Mm(hs.PAGE_WIDTH_MM), Mm(hs.PAGE_HEIGHT_MM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(hs.MARGIN_MM))
    section.footer_distance = Mm(hs.MARGIN_MM / 2)
    section.different_first_page_header_footer = True
    _page_x_of_y(section.footer.paragraphs[0])


def _set_up_styles(word: WordDocument) -> None:
    styles = word.styles
    _set_default_language(word)
    _font(styles["Normal"], size=hs.BODY_PT, colour=hs.TEXT_COLOUR)
    styles["Normal"].paragraph_format.space_after = Pt(6)
    styles["Normal"].paragraph_format.line_spacing = 1.15
    for level in (1, 2, 3):
        style = styles[f"Heading {level}"]
        _font(style, size=hs.HEADING_PT[level], colour=hs.HEADING_COLOUR, bold=True)
        style.font.italic = False
        style.paragraph_format.space_before = Pt(14 if level == 1 else 10)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    _font(styles["Title"], size=hs.TITLE_PT, colour=hs.HEADING_COLOUR, bold=True)
    _font(styles["Subtitle"], size=hs.SUBTITLE_PT, colour=hs.HEADING_COLOUR)
    styles["Subtitle"].font.italic = False
    _font(styles["Caption"], size=hs.BODY_PT, colour=hs.TEXT_COLOUR, bold=True)
    styles["Caption"].paragraph_format.keep_with_next = True
    _font(styles["Quote"], size=hs.BODY_PT, colour=hs.TEXT_COLOUR)
    styles["Quote"].paragraph_format.left_indent = Mm(10)
    _font(styles["TOC Heading"], size=hs.HEADING_PT[1], colour=hs.HEADING_COLOUR, bold=True)
    _font(styles["Footer"], size=hs.SMALL_PT, colour=hs.MUTED_COLOUR)
    _add_paragraph_style(word, "Note", size=hs.SMALL_PT, colour=hs.MUTED_COLOUR)
    _add_paragraph_style(word, "Table Text", size=hs.TABLE_PT, colour=hs.TEXT_COLOUR, space_after=0)
    recommendation = _add_paragraph_style(word, "Recommendation", size=hs.BODY_PT, colour=hs.TEXT_COLOUR)
    recommendation.font.bold = True
    _shade_and_border(recommendation.element.get_or_add_pPr())
    text_width = Mm(hs.TEXT_WIDTH_MM)
    for level in (1, 2, 3):
        toc = _add_paragraph_style(word, f"TOC {level}", size=hs.BODY_PT, colour=hs.TEXT_COLOUR)
        toc.paragraph_format.left_indent = Mm(8 * (level - 1))
        toc.paragraph_format.space_after = Pt(2)
        toc.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        toc.font.bold = level == 1


def _font(style: object, *, size: float, colour: str, bold: bool | None = None) -> None:
    font = style.font  # type: ignore[attr-defined]
    font.name = FONT
    font.size = Pt(size)
    font.color.rgb = RGBColor.from_string(colour.lstrip("#"))
    if bold is not None:
        font.bold = bold
    r_fonts = style.element.get_or_add_rPr().get_or_add_rFonts()  # type: ignore[attr-defined]
    for theme_attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        r_fonts.attrib.pop(qn(theme_attribute), None)
    r_fonts.set(qn("w:cs"), FONT)


def _add_paragraph_style(word: WordDocument, name: str, *, size: float, colour: str,
                         space_after: float = 6) -> object:
    style = word.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = word.styles["Normal"]
    style.quick_style = True
    _font(style, size=size, colour=colour)
    style.paragraph_format.space_after = Pt(space_after)
    return style


def _set_default_language(word: WordDocument) -> None:
    r_pr = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = r_pr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        r_pr.append(language)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(attribute), "en-GB")


def _set_properties(word: WordDocument, document: Document) -> None:
    meta = document.metadata
    stamp = _timestamp(meta.date)
    props = word.core_properties
    props.title = meta.title
    props.subject = meta.subject
    props.author = meta.partnership
    props.last_modified_by = meta.partnership
    props.language = meta.language
    props.comments = ""
    props.keywords = "Strategic Assessment; community safety"
    props.category = "Strategic Assessment"
    props.revision = 1
    props.created = props.modified = stamp


def _timestamp(date: str) -> datetime:
    try:
        return datetime.fromisoformat(date).replace(tzinfo=UTC) if date else datetime(2000, 1, 1, tzinfo=UTC)
    except ValueError:
        return datetime(2000, 1, 1, tzinfo=UTC)


def _ask_for_field_update(word: WordDocument) -> None:
    settings = word.settings.element
    update = settings.find(qn("w:updateFields"))
    if update is None:
        update = OxmlElement("w:updateFields")
        _insert_in_schema_order(settings, update, _SETTINGS_AFTER_UPDATE_FIELDS)
    update.set(qn("w:val"), "true")


_SETTINGS_AFTER_UPDATE_FIELDS = frozenset({
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
    "listSeparator",
})
"""Children of w:settings that the schema puts after w:updateFields (local names)."""

_PPR_AFTER_BORDERS = frozenset({
    "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
    "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
    "rPr", "sectPr", "pPrChange",
})
"""Children of w:pPr that the schema puts after w:pBdr (local names); w:shd follows w:pBdr."""


def _insert_in_schema_order(parent: OxmlElement, child: OxmlElement, after: frozenset[str]) -> None:
    """Insert ``child`` before the first existing child the schema orders after it."""
    for existing in parent:
        if etree.QName(existing).localname in after:
            existing.addprevious(child)
            return
    parent.append(child)


def _drop_empty_first_paragraph(word: WordDocument) -> None:
    body = word.element.body
    first = body[0]
    if first.tag == qn("w:p") and not first.xpath(".//w:t") and not first.xpath(".//w:br"):
        body.remove(first)


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite the zip with fixed timestamps so the same document gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIMESTAMP)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return output.getvalue()


# --- low-level XML helpers ---------------------------------------------------------------------


def _element(tag: str, **attributes: str) -> OxmlElement:
    node = OxmlElement(tag)
    for name, value in attributes.items():
        node.set(qn(f"w:{name}"), value)
    return node


def _run(text: str = "") -> OxmlElement:
    """A bare run element holding ``text`` (spaces kept)."""
    run = OxmlElement("w:r")
    if text:
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        run.append(t)
    return run


def _field_start(instruction: str) -> list[OxmlElement]:
    """The runs that open a complex field: begin, instruction, separate."""
    begin, instr, separate = _run(), _run(), _run()
    begin.append(_element("w:fldChar", fldCharType="begin"))
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    instr.append(text)
    separate.append(_element("w:fldChar", fldCharType="separate"))
    return [begin, instr, separate]


def _field_end() -> OxmlElement:
    end = _run()
    end.append(_element("w:fldChar", fldCharType="end"))
    return end


def _field(instruction: str, cached: str) -> list[OxmlElement]:
    """A whole complex field with its cached result, as runs."""
    return [*_field_start(instruction), _run(cached), _field_end()]


def _page_x_of_y(paragraph: WordParagraph) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for part in (_run("Page "), *_field("PAGE", "1"), _run(" of "), *_field("NUMPAGES", "1")):
        paragraph._p.append(part)


def _shade_and_border(p_pr: OxmlElement) -> None:
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        borders.append(_element(f"w:{side}", val="single", sz="8", space="4",
                                color=hs.RECOMMENDATION_BORDER.lstrip("#")))
    shading = _element("w:shd", val="clear", color="auto", fill=hs.RECOMMENDATION_FILL.lstrip("#"))
    _insert_in_schema_order(p_pr, borders, _PPR_AFTER_BORDERS)
    borders.addnext(shading)


# --- list numbering ----------------------------------------------------------------------------

_BULLETS = ("•", "◦", "▪")
_NUMBER_FORMATS = (("decimal", "%1."), ("lowerLetter", "%2)"), ("lowerRoman", "%3."))


class _ListNumbering:
    """Owns the numbering part: one bullet definition, one decimal definition, and a fresh
    numbering instance per numbered list so that each list restarts at its own start."""

    def __init__(self, word: WordDocument) -> None:
        self.numbering = word.part.numbering_part.element
        for child in list(self.numbering):
            self.numbering.remove(child)
        self.ids = count(1)
        self.bullet_abstract = self._abstract(0, bullet=True)
        self.decimal_abstract = self._abstract(1, bullet=False)
        self.bullet_num = self._instance(self.bullet_abstract)

    def _abstract(self, abstract_id: int, *, bullet: bool) -> int:
        abstract = _element("w:abstractNum", abstractNumId=str(abstract_id))
        abstract.append(_element("w:multiLevelType", val="multilevel"))
        for level in range(3):
            lvl = _element("w:lvl", ilvl=str(level))
            lvl.append(_element("w:start", val="1"))
            number_format, text = ("bullet", _BULLETS[level]) if bullet else _NUMBER_FORMATS[level]
            lvl.append(_element("w:numFmt", val=number_format))
            lvl.append(_element("w:lvlText", val=text.replace("%1", f"%{level + 1}") if not bullet else text))
            lvl.append(_element("w:lvlJc", val="left"))
            p_pr = OxmlElement("w:pPr")
            left = int(Mm(7 + 7 * level).twips)
            p_pr.append(_element("w:ind", left=str(left), hanging=str(int(Mm(6).twips))))
            lvl.append(p_pr)
            if bullet:
                r_pr = OxmlElement("w:rPr")
                r_pr.append(_element("w:rFonts", ascii=FONT, hAnsi=FONT, cs=FONT))
                lvl.append(r_pr)
            abstract.append(lvl)
        first_num = self.numbering.find(qn("w:num"))
        if first_num is None:
            self.numbering.append(abstract)
        else:
            first_num.addprevious(abstract)
        return abstract_id

    def _instance(self, abstract_id: int, start: int | None = None, level: int = 0) -> int:
        num_id = next(self.ids)
        num = _element("w:num", numId=str(num_id))
        num.append(_element("w:abstractNumId", val=str(abstract_id)))
        if start is not None:
            override = _element("w:lvlOverride", ilvl=str(level))
            override.append(_element("w:startOverride", val=str(start)))
            num.append(override)
        self.numbering.append(num)
        return num_id

    def new_numbered(self, start: int, level: int) -> int:
        return self._instance(self.decimal_abstract, start=start, level=level)


def _number_paragraph(paragraph: WordParagraph, num_id: int, level: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


# --- translator --------------------------------------------------------------------------------


@dataclass
class _ListContext:
    num_id: int
    level: int


@dataclass
class DocxTranslator(Translator):
    """Appends each model node to the Word document, one method per node type."""

    word: WordDocument
    numbering: _ListNumbering
    lists: list[_ListContext] = field(default_factory=list)
    """The lists we are inside, innermost last."""
    sections: tuple[Section, ...] = ()
    bookmark_ids: count = field(default_factory=lambda: count(1))
    style_ids: dict[str, str] = field(default_factory=dict)

    def blocks(self, blocks: tuple[object, ...]) -> None:
        for block in blocks:
            self.visit(block)

    def _add(self, text: str = "", style: str | None = None) -> WordParagraph:
        """Append a paragraph in a named style.

        The style id is written directly: python-docx's own lookup searches the whole styles
        part on every call, which made a 130-row table take over a second.
        """
        paragraph = self.word.add_paragraph(text)
        if style is not None:
            paragraph._p.style = self._style_id(style)
        return paragraph

    def _style_id(self, name: str) -> str:
        if name not in self.style_ids:
            self.style_ids[name] = self.word.styles[name].style_id
        return self.style_ids[name]

    def visit_Document(self, node: Document) -> None:
        self.sections = tuple(iter_sections(node.children))
        self.blocks(node.children)

    def visit_Cover(self, node: Cover) -> None:
        for _ in range(6):
            self.word.add_paragraph()
        self._add(node.title, "Title")
        if node.subtitle:
            self._add(node.subtitle, "Subtitle")
        for line in node.lines:
            self.word.add_paragraph(line)
        self._page_break()

    def visit_Contents(self, node: Contents) -> None:
        self._add(node.title, "TOC Heading")
        entries = [s for s in self.sections if s.level <= node.depth]
        if not entries:
            return
        for index, section in enumerate(entries):
            paragraph = self._add(style=f"TOC {section.level}")
            if index == 0:
                paragraph._p.extend(_field_start(f'TOC \\o "1-{node.depth}" \\h \\z \\u'))
            paragraph._p.append(_contents_entry(section))
            if index == len(entries) - 1:
                paragraph._p.append(_field_end())
        self._page_break()

    def visit_Section(self, node: Section) -> None:
        paragraph = self._add(style=f"Heading {node.level}")
        bookmark_id = str(next(self.bookmark_ids))
        paragraph._p.append(_element("w:bookmarkStart", id=bookmark_id, name=node.anchor))
        paragraph.add_run(node.heading)
        paragraph._p.append(_element("w:bookmarkEnd", id=bookmark_id))
        self.blocks(node.children)

    def visit_Paragraph(self, node: Paragraph) -> None:
        paragraph = self.word.add_paragraph()
        self._in_list(paragraph)
        self._runs(paragraph, node.runs)

    def visit_Recommendation(self, node: Recommendation) -> None:
        self._runs(self._add(style="Recommendation"), node.runs)

    def visit_Note(self, node: Note) -> None:
        self._runs(self._add(style="Note"), node.runs)

    def visit_PageBreak(self, node: PageBreak) -> None:
        self._page_break()

    def visit_BlockQuote(self, node: BlockQuote) -> None:
        for block in node.blocks:
            if isinstance(block, Paragraph):
                self._runs(self._add(style="Quote"), block.runs, italic=True)
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
            if isinstance(block, Paragraph):
                paragraph = self.word.add_paragraph()
                paragraph.paragraph_format.space_after = Pt(3)
                if first:
                    _number_paragraph(paragraph, context.num_id, context.level)
                else:
                    paragraph.paragraph_format.left_indent = Mm(7 + 7 * context.level)
                self._runs(paragraph, block.runs)
                first = False
            else:
                self.visit(block)

    def visit_Table(self, node: Table) -> None:
        self._add(node.label, "Caption")
        body = self.word.element.body
        table = _table(node, self._style_id("Table Grid"), self._style_id("Table Text"))
        if body.sectPr is not None:
            body.sectPr.addprevious(table)
        else:
            body.append(table)
        for note in node.all_notes:
            self._add(note, "Note")
        if node.source:
            self._add(f"Source: {node.source}", "Note")
        if not node.all_notes and not node.source:
            self.word.add_paragraph()

    def visit_Figure(self, node: Figure) -> None:
        paragraph = self.word.add_paragraph()
        paragraph.paragraph_format.keep_with_next = True
        width = Mm(hs.TEXT_WIDTH_MM * node.width)
        run = paragraph.add_run()
        picture = run.add_picture(io.BytesIO(node.image), width=width)
        tallest = Mm(hs.FIGURE_MAX_HEIGHT_MM)
        if picture.height > tallest:  # narrower, same shape: Word would cut it off at the page
            picture.width, picture.height = Emu(picture.width * tallest // picture.height), tallest
        doc_pr = run._r.xpath(".//wp:docPr")[0]
        doc_pr.set("descr", node.alt_text)
        doc_pr.set("title", node.caption)
        self._add(node.label, "Caption")
        if node.source:
            self._add(f"Source: {node.source}", "Note")

    # helpers

    def _runs(self, paragraph: WordParagraph, inline: Runs, italic: bool = False) -> None:
        for part in inline:
            if part.link:
                self._hyperlink(paragraph, part.text, part.link)
                continue
            run = paragraph.add_run(part.text)
            run.bold = part.strong or None
            run.italic = part.emphasis or italic or None

    def _hyperlink(self, paragraph: WordParagraph, text: str, url: str) -> None:
        r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), r_id)
        run = paragraph.add_run(text)
        run.font.underline = True
        run.font.color.rgb = RGBColor.from_string(hs.LINK_COLOUR.lstrip("#"))
        link.append(run._r)
        paragraph._p.append(link)

    def _in_list(self, paragraph: WordParagraph) -> None:
        if self.lists:
            paragraph.paragraph_format.left_indent = Mm(7 + 7 * self.lists[-1].level)

    def _page_break(self) -> None:
        self.word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _contents_entry(section: Section) -> OxmlElement:
    """A pre-filled contents line: the heading, linked to its bookmark.

    Page numbers depend on Word's own layout, which only Word knows: it rebuilds the field with
    them when it updates fields on open (settings ask it to). Until then every viewer shows the
    headings, never a blank contents page.
    """
    link = _element("w:hyperlink", anchor=section.anchor, history="1")
    link.append(_run(section.heading))
    return link


# --- tables --------------------------------------------------------------------------------------

_TEXT_WIDTH_PT = hs.TEXT_WIDTH_MM * 72 / 25.4
_CELL_PADDING_PT = 2 * 5.4
"""Word's default cell margins (0.19 cm each side), together."""


_SUBSTITUTE_ALLOWANCE = 1.15
"""Arial's widths are measured, but a reader without Arial sees another font: LibreOffice on a
Linux machine without Microsoft's fonts shows DejaVu Sans, up to 15% wider."""


def _bold_arial_width(text: str) -> float:
    """Helvetica's metrics, which Arial shares (ReportLab's built-in font metrics), with room for
    a wider substitute."""
    return stringWidth(text, "Helvetica-Bold", hs.TABLE_PT) * _SUBSTITUTE_ALLOWANCE


def _word_column_widths(node: Table) -> list[int]:
    """Twips: as the PDF's rule gives them, then widened equally to the text width, the room a
    Word reader's own fonts may need."""
    widths = column_widths(node, _TEXT_WIDTH_PT, _bold_arial_width, _CELL_PADDING_PT)
    spare = max(_TEXT_WIDTH_PT - sum(widths), 0.0) / len(widths)
    return [int((width + spare) * 20) for width in widths]


def _table(node: Table, style_id: str, text_style_id: str) -> OxmlElement:
    """The w:tbl element, written directly (python-docx's cell objects made the tables most of
    the Word renderer's time): columns as wide as their content needs (the PDF's rule,
    :mod:`.table_widths`) with the spare width shared, a fixed layout so that Word keeps them, the header row repeated on
    each page, no row split across pages, the focus area's row bold and shaded."""
    widths = _word_column_widths(node)
    table = _element("w:tbl")
    properties = _child(table, "w:tblPr")
    _child(properties, "w:tblStyle", val=style_id)
    _child(properties, "w:tblW", w=str(sum(widths)), type="dxa")
    _child(properties, "w:jc", val="left")
    _child(properties, "w:tblLayout", type="fixed")
    _child(properties, "w:tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="1",
           lastColumn="0", noHBand="0", noVBand="1")
    grid = _child(table, "w:tblGrid")
    for width in widths:
        _child(grid, "w:gridCol", w=str(width))
    aligns = [column.alignment for column in node.columns]
    header = _row(table, header=True)
    for column, width in zip(node.columns, widths):
        _cell(header, column.title, width, text_style_id, align=column.alignment, bold=True,
              fill=hs.TABLE_HEADER_FILL)
    for row, texts in zip(node.rows, node.text_rows()):
        word_row = _row(table, header=False)
        fill = hs.EMPHASIS_ROW_FILL if row.emphasis else None
        for index, (text, width, align) in enumerate(zip(texts, widths, aligns)):
            _cell(word_row, text, width, text_style_id, align=align, bold=row.emphasis,
                  fill=fill, indent=row.indent if index == 0 else 0)
    return table


def _child(parent: OxmlElement, tag: str, **attributes: str) -> OxmlElement:
    child = _element(tag, **attributes)
    parent.append(child)
    return child


def _row(table: OxmlElement, *, header: bool) -> OxmlElement:
    # on/off properties written bare, as Word writes them ("true" is valid ECMA-376 but
    # Microsoft's SDK validators accept only on/off)
    row = _child(table, "w:tr")
    properties = _child(row, "w:trPr")
    _child(properties, "w:cantSplit")
    if header:
        _child(properties, "w:tblHeader")
    return row


def _cell(row: OxmlElement, text: str, width: int, style_id: str, *, align: Align, bold: bool,
          fill: str | None, indent: int = 0) -> None:
    cell = _child(row, "w:tc")
    properties = _child(cell, "w:tcPr")
    _child(properties, "w:tcW", w=str(width), type="dxa")
    if fill is not None:
        _child(properties, "w:shd", val="clear", color="auto", fill=fill.lstrip("#"))
    paragraph = _child(cell, "w:p")
    paragraph_properties = _child(paragraph, "w:pPr")
    _child(paragraph_properties, "w:pStyle", val=style_id)
    if indent:
        _child(paragraph_properties, "w:ind", left=str(int(Mm(hs.INDENT_MM * indent).twips)))
    _child(paragraph_properties, "w:jc", val="right" if align is Align.RIGHT else "left")
    run = _run(text)
    if bold:
        run.insert(0, _element("w:rPr"))
        run[0].append(_element("w:b"))
    paragraph.append(run)
