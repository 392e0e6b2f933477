"""The Word file's styles, taken from the PDF's paragraph styles.

Type sizes, line heights and the space before and after each kind of paragraph are read from
the PDF renderer's styles, not written out again here, so that a
page of the Word file holds what a page of the PDF holds and the PDF's page numbers (which the
Word contents prints) stay true of the Word file. Line heights are exact: the PDF's leading,
whatever font the reader's Word or LibreOffice draws Arial with.

Between two paragraphs LibreOffice, like ReportLab, leaves the larger of the first one's space
after and the second one's space before, so the PDF's values are taken as they are. Word's Title
and Subtitle come with a rule, a list number and italics from python-docx's template, which the
PDF's cover has not: they are removed.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle as WordStyle
from reportlab.lib.styles import ParagraphStyle as PdfStyle

from . import house_style as hs
from .house_style import DEFAULT, HouseStyle
from .docx_xml import element, insert_in_schema_order
from .pdf import FONT_BOLD, FONT_BOLD_ITALIC, FONT_ITALIC, PdfTranslator

FONT = "Arial"
"""The font the Word file names. Word has it everywhere; LibreOffice without it shows Liberation
Sans (same widths) or else DejaVu Sans."""

_PPR_AFTER_BORDERS = frozenset({
    "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
    "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
    "rPr", "sectPr", "pPrChange",
})
"""Children of w:pPr that the schema puts after w:pBdr (local names); w:shd follows w:pBdr."""


@dataclass(frozen=True)
class StyleChoice:
    """What :func:`set_up_styles` decided: the styles it wrote as the house style, and the
    style list paragraphs take."""

    ours: frozenset[str]
    """Names of the styles that are the house style's (all, without a reference template)."""
    list_item: str = "List Item"
    """A reference template's "List Paragraph" when it has one."""


def set_up_styles(word: WordDocument, language: str = "en-GB", *, template: bool = False,
                  text_width_mm: float = hs.TEXT_WIDTH_MM, lists: bool = False,
                  style: HouseStyle = DEFAULT) -> StyleChoice:
    """Every style the Word renderer uses, from the PDF renderer's styles; text in
    ``language`` (a language tag, e.g. cy-GB) unless a run says otherwise.

    ``template``: ``word`` was opened from an organisation's reference template; each style
    it defines is kept as it is, and the house style only fills in those it lacks, in the
    template's font (the family of its Normal style). ``lists``: the lines of lists of tables
    and figures need a style ("Table of Figures": the contents' second level, not indented).
    ``style``: the document's house style (its font, body size and colours)."""
    pdf = PdfTranslator(style).styles
    styles = word.styles
    _set_document_defaults(word, language)
    theirs = {style.name.lower() for style in styles if style.name} if template else set()
    ours: set[str] = set()
    family = None if template else (style.font_name or FONT)

    def own(name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> WordStyle | None:
        """The style to write as the house style's, or None when it is the template's."""
        if name.lower() in theirs:
            return None
        ours.add(name)
        try:
            return styles[name]
        except KeyError:
            return _new(word, name, kind)

    def like(name: str, pdf_style: PdfStyle, *, colour: str = hs.TEXT_COLOUR,
             plain: bool = False) -> WordStyle | None:
        style = own(name)
        if style is None:
            return None
        return _like(_plain(style) if plain else style, pdf_style, colour=colour, family=family)

    like("Normal", pdf.body)
    for level in (1, 2, 3):
        heading = like(f"Heading {level}", pdf.headings[level], colour=style.heading_colour)
        if heading is not None:
            _keep(heading, with_next=True, together=True)
    like("Title", pdf.title, colour=style.heading_colour, plain=True)
    like("Subtitle", pdf.subtitle, colour=style.heading_colour, plain=True)
    caption = like("Caption", pdf.caption)
    if caption is not None:
        _keep(caption, with_next=True)
    quote = like("Quote", pdf.body)  # the PDF draws a quotation as indented body text
    if quote is not None:
        quote.paragraph_format.left_indent = Mm(pdf.quote.leftIndent * 25.4 / 72)
    like("TOC Heading", pdf.contents_title, colour=style.heading_colour)
    footer = own("Footer")
    if footer is not None:
        _font(footer, size=hs.SMALL_PT, colour=hs.MUTED_COLOUR, family=family)
    like("Note", pdf.note, colour=hs.MUTED_COLOUR)
    like("Table Note", pdf.table_note, colour=hs.MUTED_COLOUR)
    like("List Item", pdf.list_item)
    like("Table Text", pdf.cell)
    recommendation = like("Recommendation", pdf.recommendation)
    if recommendation is not None:
        _keep(recommendation, together=True)  # the PDF moves it whole
        padding = max(pdf.recommendation.borderPadding)
        _border_and_shade(recommendation.element.get_or_add_pPr(), padding=padding,
                          border=style.accent_colour, fill=style.recommendation_fill)
        _box_in_its_spacing(recommendation, pdf.recommendation, padding)
    contents_levels = [(f"TOC {level}", toc_style)
                       for level, toc_style in enumerate(pdf.toc_levels(), start=1)]
    if lists:
        contents_levels.append(("Table of Figures", pdf.toc_levels()[1]))  # plain, as 2.1
    for name, toc_style in contents_levels:
        toc = like(name, toc_style)
        if toc is not None:
            _space_as_contents_rows(toc, toc_style)
            toc.paragraph_format.tab_stops.add_tab_stop(Mm(text_width_mm), WD_TAB_ALIGNMENT.RIGHT,
                                                        WD_TAB_LEADER.DOTS)
            if name == "Table of Figures":
                toc.paragraph_format.left_indent = None
    own("Table Grid", WD_STYLE_TYPE.TABLE)
    list_item = "List Paragraph" if "list paragraph" in theirs else "List Item"
    return StyleChoice(frozenset(ours), list_item)


_CONTENTS_CELL_PADDING_PT = 3.0
"""The padding above and below each row of the PDF's contents, which is laid out as ReportLab's
TableOfContents lays it out: a one-column table (ReportLab's default cell padding) with a
spacer row before each entry whose style has space before."""


def _space_as_contents_rows(style: WordStyle, pdf: PdfStyle) -> None:
    """A contents line as far below the one before as in the PDF: the spacer row (its style's
    space before, padded above and below) and the padding below the line before and above this
    one."""
    padding = _CONTENTS_CELL_PADDING_PT
    spacer = pdf.spaceBefore + 2 * padding if pdf.spaceBefore else 0.0
    style.paragraph_format.space_before = Pt(spacer + 2 * padding)
    style.paragraph_format.space_after = Pt(0)


_BOX_RULE_PT = 1.0
"""The recommendation box's rule (``sz="8"``: eighths of a point)."""


def _box_in_its_spacing(style: WordStyle, pdf: PdfStyle, padding: float) -> None:
    """ReportLab draws a paragraph's box in the space around it; Word adds the box's padding
    and rule to the paragraph's height. Taking them from the space before and after keeps the
    boxed paragraph as tall in Word as in the PDF."""
    box = padding + _BOX_RULE_PT
    style.paragraph_format.space_before = Pt(max(pdf.spaceBefore - box, 0))
    style.paragraph_format.space_after = Pt(max(pdf.spaceAfter - box, 0))


def _keep(style: WordStyle, *, with_next: bool = False, together: bool = False) -> WordStyle:
    """Word's keeps where the PDF keeps (:mod:`.pdf_pagination` decides it there, measuring
    the page): a heading or caption with what follows, a paragraph on one page."""
    if with_next:
        style.paragraph_format.keep_with_next = True
    if together:
        style.paragraph_format.keep_together = True
    return style


def _like(style: WordStyle, pdf: PdfStyle, *, colour: str = hs.TEXT_COLOUR,
          family: str | None = FONT) -> WordStyle:
    """Give a Word style the PDF style's size, weight, line height and spacing (and the font
    ``family``; None: its base style's)."""
    bold, italic = (pdf.fontName.endswith(_faces) for _faces in (  # the house's or a style's
        (FONT_BOLD, "-Bold", "-BoldItalic"), (FONT_ITALIC, "-Italic", "-BoldItalic")))
    _font(style, size=pdf.fontSize, colour=colour, bold=bold, italic=italic, family=family)
    paragraph = style.paragraph_format
    paragraph.line_spacing = Pt(pdf.leading)  # a length: exactly this high
    paragraph.space_before = Pt(pdf.spaceBefore)
    paragraph.space_after = Pt(pdf.spaceAfter)
    paragraph.left_indent = Mm(pdf.leftIndent * 25.4 / 72) if pdf.leftIndent else None
    return style


def _plain(style: WordStyle) -> WordStyle:
    """The style without the template's rule, list number and contextual spacing."""
    p_pr = style.element.get_or_add_pPr()
    for tag in ("w:pBdr", "w:numPr", "w:contextualSpacing"):
        for found in p_pr.findall(qn(tag)):
            p_pr.remove(found)
    r_pr = style.element.get_or_add_rPr()
    for tag in ("w:spacing", "w:kern"):  # letter spacing and kerning the PDF does not have
        for found in r_pr.findall(qn(tag)):
            r_pr.remove(found)
    return style


def _new(word: WordDocument, name: str,
         kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> WordStyle:
    style = word.styles.add_style(name, kind)
    if kind == WD_STYLE_TYPE.PARAGRAPH and name != "Normal":
        style.base_style = word.styles["Normal"]
    style.quick_style = True
    return style


def _font(style: WordStyle, *, size: float, colour: str, bold: bool | None = None,
          italic: bool | None = None, family: str | None = FONT) -> None:
    font = style.font
    font.size = Pt(size)
    font.color.rgb = RGBColor.from_string(colour.lstrip("#"))
    font.bold = bold or None  # None: not bold, and no w:b element saying so
    font.italic = italic or None
    if family is None:
        return
    font.name = family
    r_fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for theme_attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        r_fonts.attrib.pop(qn(theme_attribute), None)
    r_fonts.set(qn("w:cs"), family)


def _set_document_defaults(word: WordDocument, language: str) -> None:
    """The document's language (the settings' ``language``: what Word's spelling checker and a
    screen reader take the text to be written in), and widow and orphan control (Word's, like
    ReportLab's, moves a lone first or last line of a paragraph), for every paragraph."""
    defaults = word.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), language)
    p_pr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    if p_pr.find(qn("w:widowControl")) is None:
        p_pr.insert(0, element("w:widowControl"))


def _border_and_shade(p_pr: OxmlElement, *, padding: float,
                      border: str = hs.RECOMMENDATION_BORDER,
                      fill: str = hs.RECOMMENDATION_FILL) -> None:
    """The recommendation's box: a ``border`` ``padding`` points from the text, and the
    ``fill``."""
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        borders.append(element(f"w:{side}", val="single", sz=str(round(_BOX_RULE_PT * 8)),
                               space=str(round(padding)),
                               color=border.lstrip("#")))
    shading = element("w:shd", val="clear", color="auto", fill=fill.lstrip("#"))
    insert_in_schema_order(p_pr, borders, _PPR_AFTER_BORDERS)
    borders.addnext(shading)
