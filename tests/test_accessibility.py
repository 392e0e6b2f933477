"""Accessibility of the bundled Appendix, in both formats, checked in the files themselves.

What a screen-reader user or an accessibility audit (UK public sector bodies' regulations, WCAG
2.1 AA) relies on: headings in order with no level skipped, alt text on every figure, a caption
and a flagged, repeated header row on every table, the title and language set, every font
embedded, and chart colours that stand out from the page (3:1).
"""

from __future__ import annotations

import io
import re
import zipfile
from itertools import pairwise
from pathlib import Path

import pikepdf
import pytest
from bundled_build import BundledBuild, bundled_build, bundled_libreoffice_pdf
from clients import pdf_fonts, run
from document_text import squash
from lxml import etree
from PIL import Image
from pypdf import PdfReader

from assessment_doc.api import build_document
from assessment_doc.figures import palette
from assessment_doc.figures.palette import contrast_ratio
from assessment_doc.model import Document, Figure, Table, iter_nodes, iter_sections
from assessment_doc.project import load_project

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
DC = "{http://purl.org/dc/elements/1.1/}"
HEADING_STYLE = re.compile(r"Heading([1-9])\Z")


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> BundledBuild:
    return bundled_build(tmp_path_factory)


@pytest.fixture(scope="module")
def document(bundled: BundledBuild) -> Document:
    """The model the files were rendered from."""
    return build_document(load_project(bundled.project))


@pytest.fixture(scope="module")
def libreoffice_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bundled_libreoffice_pdf(tmp_path_factory)


def docx_part(docx: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(docx) as package:
        return etree.fromstring(package.read(name))


def model_headings(document: Document) -> list[tuple[int, str]]:
    return [(section.level, section.heading) for section in iter_sections(document.children)]


def skipped_levels(levels: list[int]) -> list[str]:
    """Where a heading goes down more than one level (an H1 followed by an H3)."""
    problems = [] if levels[:1] == [1] else [f"the first heading is level {levels[:1]}"]
    for position, (before, after) in enumerate(pairwise(levels), start=2):
        if after > before + 1:
            problems.append(f"heading {position}: level {before} then {after}")
    return problems


# --- headings -------------------------------------------------------------------------------------


def docx_headings(docx: Path) -> list[tuple[int, str]]:
    body = docx_part(docx, "word/document.xml").find(f"{W}body")
    found = []
    for paragraph in body.iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        match = HEADING_STYLE.match(style.get(f"{W}val", "")) if style is not None else None
        if match:
            found.append((int(match.group(1)), "".join(paragraph.itertext())))
    return found


def test_word_headings_use_heading_styles_in_order_without_skipping_a_level(bundled: BundledBuild, document: Document) -> None:
    headings = docx_headings(bundled.docx)
    assert headings == model_headings(document)
    assert skipped_levels([level for level, _ in headings]) == []


def test_word_heading_styles_carry_their_outline_level(bundled: BundledBuild) -> None:
    styles = docx_part(bundled.docx, "word/styles.xml")
    for level in (1, 2, 3):
        style = styles.find(f"{W}style[@{W}styleId='Heading{level}']")
        assert style is not None
        assert style.find(f"{W}pPr/{W}outlineLvl").get(f"{W}val") == str(level - 1)


def pdf_outline(pdf: Path) -> list[tuple[int, str]]:
    reader = PdfReader(pdf)
    found: list[tuple[int, str]] = []

    def walk(items: list, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, item.title))

    walk(reader.outline, 1)
    return found


def test_pdf_outline_lists_every_heading_in_order_without_skipping_a_level(bundled: BundledBuild, document: Document) -> None:
    outline = pdf_outline(bundled.pdf)
    assert outline == model_headings(document)
    assert skipped_levels([level for level, _ in outline]) == []


def structure_elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every structure element of a tagged PDF, in document order."""
    found = []

    def visit(element: pikepdf.Object) -> None:
        kids = element.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR", "/OBJR"):
                found.append(kid)
                visit(kid)

    visit(pdf.Root.StructTreeRoot)
    return found


def test_pdf_heading_tags_are_in_order_without_skipping_a_level(bundled: BundledBuild, document: Document) -> None:
    with pikepdf.open(bundled.pdf) as pdf:
        tags = [str(e.S) for e in structure_elements(pdf) if re.fullmatch(r"/H[1-6]", str(e.S))]
    levels = [int(tag[2]) for tag in tags]
    # the contents page's own heading, "Contents", is an H1 before the sections
    assert levels == [1] + [level for level, _ in model_headings(document)]
    assert skipped_levels(levels) == []


# --- figures --------------------------------------------------------------------------------------


def model_figures(document: Document) -> list[Figure]:
    figures = [node for node in iter_nodes(document) if isinstance(node, Figure)]
    assert len(figures) >= 5
    return figures


def test_every_word_picture_has_the_figures_alt_text(bundled: BundledBuild, document: Document) -> None:
    body = docx_part(bundled.docx, "word/document.xml")
    descriptions = [pr.get("descr", "") for pr in body.iter(f"{WP}docPr")]
    assert descriptions == [figure.alt_text for figure in model_figures(document)]
    assert all(text.strip() for text in descriptions)


def test_every_pdf_figure_has_the_figures_alt_text(bundled: BundledBuild, document: Document) -> None:
    with pikepdf.open(bundled.pdf) as pdf:
        alts = [str(e.get("/Alt", "")) for e in structure_elements(pdf) if e.S == "/Figure"]
        images = sum(len(page.get_images()) for page in pdf.pages)
    assert alts == [figure.alt_text for figure in model_figures(document)]
    assert images == len(alts)  # no picture outside a Figure


# --- tables ---------------------------------------------------------------------------------------


def model_tables(document: Document) -> list[Table]:
    tables = [node for node in iter_nodes(document) if isinstance(node, Table)]
    assert len(tables) >= 12
    return tables


def test_every_word_table_has_a_caption_and_only_its_header_row_flagged(bundled: BundledBuild, document: Document) -> None:
    body = docx_part(bundled.docx, "word/document.xml").find(f"{W}body")
    tables = body.findall(f"{W}tbl")
    assert len(tables) == len(model_tables(document))
    for table, model in zip(tables, model_tables(document)):
        caption = table.getprevious()
        assert caption.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "Caption"
        assert "".join(caption.xpath(".//w:t/text()", namespaces={"w": W[1:-1]})) == model.label
        flagged = [row.find(f"{W}trPr/{W}tblHeader") is not None for row in table.findall(f"{W}tr")]
        assert flagged == [True] + [False] * len(model.rows), model.label
        header = table.find(f"{W}tr")
        assert ["".join(cell.itertext()) for cell in header.findall(f"{W}tc")] == [
            column.title for column in model.columns]


def test_every_pdf_table_has_a_caption_and_a_header_row_tagged(bundled: BundledBuild, document: Document) -> None:
    with pikepdf.open(bundled.pdf) as pdf:
        tables = [e for e in structure_elements(pdf) if e.S == "/Table"]
        parts = [[str(kid.S) for kid in table.K] for table in tables]
    assert len(tables) == len(model_tables(document))
    assert all(kinds[:2] == ["/Caption", "/THead"] for kinds in parts), parts


def page_texts(pdf: Path) -> list[str]:
    """Each page's text, whitespace removed."""
    result = run("pdftotext", "-raw", str(pdf), "-")
    assert result.returncode == 0, result.stderr
    return [squash(page) for page in result.stdout.split("\f")]


def pages_without_header(pages: list[str], table: Table) -> tuple[range, list[int]]:
    """The pages a table's rows are on, and those of them where its header row is not shown."""
    caption = next(n for n, text in enumerate(pages) if squash(table.label) in text)
    rows = [squash("".join(row)) for row in table.text_rows()]
    first = next(n for n in range(caption, len(pages)) if rows[0] in pages[n])
    last = next(n for n in range(first, len(pages)) if rows[-1] in pages[n])
    header = squash("".join(column.title for column in table.columns))
    span = range(first, last + 1)
    return span, [n + 1 for n in span if header not in pages[n]]


@pytest.mark.parametrize("client", ["ours", "libreoffice"])
def test_a_table_split_across_pages_repeats_its_header_row_on_each(
    bundled: BundledBuild, libreoffice_pdf: Path, document: Document, client: str
) -> None:
    """Our PDF repeats the header itself; LibreOffice repeats it from the .docx's tblHeader."""
    pages = page_texts(bundled.pdf if client == "ours" else libreoffice_pdf)
    split = 0
    for table in model_tables(document):
        span, missing = pages_without_header(pages, table)
        assert missing == [], f"{table.label}: no header row on page(s) {missing}"
        split += len(span) > 1
    assert split >= 1, "no table is split across pages: the check proves nothing"


# --- title, language, fonts -------------------------------------------------------------------------


def test_word_title_and_language_are_set(bundled: BundledBuild, document: Document) -> None:
    core = docx_part(bundled.docx, "docProps/core.xml")
    assert core.findtext(f"{DC}title") == document.metadata.title == "Strategic Assessment 2016-17"
    assert core.findtext(f"{DC}language") == "en-GB"
    defaults = docx_part(bundled.docx, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert defaults.get(f"{W}val") == "en-GB"


def test_pdf_title_and_language_are_set_and_the_title_shown(bundled: BundledBuild, document: Document) -> None:
    with pikepdf.open(bundled.pdf) as pdf:
        assert str(pdf.Root.Lang) == "en-GB"
        assert str(pdf.docinfo.Title) == document.metadata.title
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert pdf.Root.MarkInfo.Marked is True
        with pdf.open_metadata() as xmp:
            assert xmp["dc:title"] == document.metadata.title


@pytest.mark.parametrize("client", ["ours", "libreoffice"])
def test_every_font_is_embedded(bundled: BundledBuild, libreoffice_pdf: Path, client: str) -> None:
    """Our PDF, and the PDF LibreOffice makes of the .docx (which names fonts, as Word files do,
    rather than carrying them: see README, Decisions)."""
    fonts = pdf_fonts(bundled.pdf if client == "ours" else libreoffice_pdf)
    assert fonts
    assert [font["name"] for font in fonts if font["emb"] != "yes"] == []


# --- chart colours ----------------------------------------------------------------------------------


def test_every_chart_colour_has_3_to_1_contrast_with_the_page() -> None:
    weak = {c: round(contrast_ratio(c), 2) for c in palette.USED if contrast_ratio(c) < 3.0}
    assert weak == {}
    assert palette.MINIMUM_CONTRAST == 3.0


def test_the_charts_draw_their_areas_only_in_palette_colours(bundled: BundledBuild, document: Document) -> None:
    """Every colour covering 1% or more of a chart (bars, text, legend keys) is one of the palette's,
    so the contrast above is the contrast a reader sees; smaller counts are anti-aliased edges."""
    with zipfile.ZipFile(bundled.docx) as package:
        pictures = [package.read(n) for n in sorted(package.namelist()) if n.startswith("word/media/")]
    assert len(pictures) == len(model_figures(document))
    allowed = {colour.upper() for colour in (*palette.USED, palette.WHITE)}
    for number, picture in enumerate(pictures, start=1):
        image = Image.open(io.BytesIO(picture)).convert("RGB")
        total = image.width * image.height
        large = {"#{:02X}{:02X}{:02X}".format(*rgb) for n, rgb in image.getcolors(total) if n >= total / 100}
        assert large - allowed == set(), f"picture {number}"
        assert large - {palette.WHITE.upper()}, f"picture {number} is blank"
