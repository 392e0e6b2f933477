"""Finding one's way in the PDF: where links and bookmarks land, and what the structure says of
tables, figures and the contents (the accessibility audit's PDF findings).

- Every contents link and bookmark goes to its heading's top left corner at the reader's zoom
  (``/XYZ left top null``), not to the whole page (``/Fit``), checked against where poppler finds
  the heading's words on the page.
- The bookmarks panel opens with the document (``/PageMode /UseOutlines``).
- A contents entry is ``TOCI > Reference > Link``.
- Every Figure and Table element has a /BBox (a Layout attribute) on its page, around what it
  draws there.
- Where a table's first column names its rows, each row's first cell is a TH with /Scope /Row.
- A recommendation says so in words, not by its colour alone.
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from clients import run
from test_pdf_tagging import struct_tree

from assessment_doc.model import (
    CellFormat,
    Column,
    Document,
    Figure,
    Recommendation,
    Section,
    Table,
    TableRow,
    iter_nodes,
    runs,
)
from assessment_doc.render.pdf import (
    FONT,
    FONT_BOLD,
    RECOMMENDATION_LABEL,
    PdfTranslator,
    register_fonts,
)
from assessment_doc.render.table_headers import has_row_headers


def _elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every structure element, in tree order."""
    found: list[pikepdf.Dictionary] = []

    def visit(element: pikepdf.Object) -> None:
        if not isinstance(element, pikepdf.Dictionary) or "/S" not in element:
            return
        found.append(element)
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            visit(kid)

    visit(pdf.Root.StructTreeRoot.K[0])
    return found


def _attributes(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    attributes = element.get("/A")
    if attributes is None:
        return []
    return list(attributes) if isinstance(attributes, pikepdf.Array) else [attributes]


def _words_on_page(path: Path, page: int) -> list[tuple[str, float, float]]:
    """Each word poppler finds on a page: its text, left edge and top (from the page's top)."""
    html = run("pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-").stdout
    return [(word, float(x_min), float(y_min)) for x_min, y_min, word in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>', html)]


def _destinations(pdf: pikepdf.Pdf) -> list[tuple[str, pikepdf.Array]]:
    """(what leads there, destination) for every outline item and internal link."""
    found: list[tuple[str, pikepdf.Array]] = []
    with pdf.open_outline() as outline:
        stack = list(outline.root)
        while stack:
            item = stack.pop()
            found.append((item.title, item.destination))
            stack.extend(item.children)
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", []):
            if "/Dest" in annotation:
                found.append((str(annotation.Contents), annotation.Dest))
    return found


def test_links_and_bookmarks_go_to_the_top_of_their_heading(fixture_doc: Document,
                                                            fixture_pdf: Path) -> None:
    sections = [node for node in iter_nodes(fixture_doc) if isinstance(node, Section)]
    with pikepdf.open(fixture_pdf) as pdf:
        page_numbers = {page.obj.objgen: number for number, page in enumerate(pdf.pages, 1)}
        height = float(pdf.pages[0].MediaBox[3])
        destinations = _destinations(pdf)
        assert len(destinations) >= len(sections) + 7  # the outline, and the contents' links
        for label, destination in destinations:
            page, fit, left, top, zoom = list(destination)
            assert fit == "/XYZ" and zoom is None, label
            first_word = label.split()[0]
            words = [(x, y) for word, x, y in _words_on_page(fixture_pdf, page_numbers[page.objgen])
                     if word == first_word]
            # the heading's first word starts at the destination's left, just below its top
            assert any(abs(x - float(left)) < 1 and 0 <= y - (height - float(top)) < 6
                       for x, y in words), (label, float(left), float(top), words)


def test_the_bookmarks_panel_opens_with_the_document(fixture_pdf: Path) -> None:
    with pikepdf.open(fixture_pdf) as pdf:
        assert pdf.Root.PageMode == "/UseOutlines"
        with pdf.open_outline() as outline:
            assert [item.title for item in outline.root][:2] == ["1 Introduction",
                                                                 "2 Tables and figures"]


def test_each_contents_entry_is_a_reference_holding_its_link(fixture_pdf: Path) -> None:
    with pikepdf.open(fixture_pdf) as pdf:
        entries = [element for element in _elements(pdf) if element.S == "/TOCI"]
        assert len(entries) == 7
        for entry in entries:
            kids = entry.K if isinstance(entry.K, pikepdf.Array) else [entry.K]
            assert next(str(kid.S) for kid in kids if "/S" in kid) == "/Reference"
            link = kids[0].K
            assert link.S == "/Link" and link.P.objgen == kids[0].objgen


def test_every_figure_and_table_has_a_bounding_box_on_its_page(fixture_doc: Document,
                                                               fixture_pdf: Path) -> None:
    figures = [node for node in iter_nodes(fixture_doc) if isinstance(node, Figure)]
    with pikepdf.open(fixture_pdf) as pdf:
        width, height = (float(edge) for edge in pdf.pages[0].MediaBox[2:])
        boxed = [element for element in _elements(pdf) if element.S in ("/Figure", "/Table")]
        assert [str(element.S) for element in boxed].count("/Table") == 2
        assert [str(element.S) for element in boxed].count("/Figure") == len(figures)
        pages = {page.obj.objgen for page in pdf.pages}
        for element in boxed:
            layout = [a for a in _attributes(element) if a.O == "/Layout"]
            assert len(layout) == 1, element.S
            left, bottom, right, top = (float(edge) for edge in layout[0].BBox)
            assert 0 < left < right <= width and 0 < bottom < top <= height
            assert element.Pg.objgen in pages
        for element in (element for element in boxed if element.S == "/Figure"):
            box = [float(edge) for edge in
                   next(a for a in _attributes(element) if a.O == "/Layout").BBox]
            page = next(page for page in pdf.pages if page.obj.objgen == element.Pg.objgen)
            assert any(box == pytest.approx(drawn, abs=0.01) for drawn in _pictures_drawn_at(page))


def _pictures_drawn_at(page: pikepdf.Page) -> list[list[float]]:
    """Where each picture on the page is drawn (left, bottom, right, top): the unit square its
    ``Do`` paints, through the transformation in force there."""
    drawn = []
    matrix = pikepdf.Matrix()
    saved: list[pikepdf.Matrix] = []
    for operands, operator in pikepdf.parse_content_stream(page):
        if operator == pikepdf.Operator("q"):
            saved.append(matrix)
        elif operator == pikepdf.Operator("Q"):
            matrix = saved.pop()
        elif operator == pikepdf.Operator("cm"):
            matrix = pikepdf.Matrix(*(float(value) for value in operands)) @ matrix
        elif operator == pikepdf.Operator("Do"):
            xs, ys = zip(*(matrix.transform((x, y)) for x in (0, 1) for y in (0, 1)))
            drawn.append([min(xs), min(ys), max(xs), max(ys)])
    return drawn


def test_the_long_tables_box_is_its_part_on_the_first_page(fixture_pdf: Path) -> None:
    """A /BBox lies on one page: a table over three pages has the box of its first part (with
    its caption), on the page its /Pg names."""
    with pikepdf.open(fixture_pdf) as pdf:
        table = next(element for element in _elements(pdf) if element.S == "/Table")
        _, bottom, _, top = (float(edge) for edge in table.A.BBox)
        page = next(number for number, page in enumerate(pdf.pages, 1)
                    if page.obj.objgen == table.Pg.objgen)
        words = _words_on_page(fixture_pdf, page)
        height = float(pdf.pages[0].MediaBox[3])
        caption_top = next(y for word, _, y in words if word == "Incidents")
        assert height - top <= caption_top < height - top + 6
        assert bottom < 100  # down to the foot of the page, where the table breaks


def test_row_labels_are_row_headers_and_column_titles_column_headers(fixture_doc: Document,
                                                                     fixture_pdf: Path) -> None:
    tables = [node for node in iter_nodes(fixture_doc) if isinstance(node, Table)]
    assert all(has_row_headers(table) for table in tables)
    with pikepdf.open(fixture_pdf) as pdf:
        bodies = [element for element in _elements(pdf) if element.S == "/TBody"]
        heads = [element for element in _elements(pdf) if element.S == "/THead"]
        for table, head, body in zip(tables, heads, bodies):
            header_cells = list(head.K.K)
            assert [(str(c.S), str(c.A.Scope)) for c in header_cells] == [
                ("/TH", "/Column")] * len(table.columns)
            rows = list(body.K)
            assert len(rows) == len(table.rows)
            for row in rows:
                cells = list(row.K)
                assert (str(cells[0].S), str(cells[0].A.Scope)) == ("/TH", "/Row")
                assert all(cell.S == "/TD" and "/A" not in cell for cell in cells[1:])


def test_a_table_of_figures_alone_has_no_row_headers() -> None:
    counts = Table("Counts", (Column("2014", CellFormat.COUNT), Column("2015", CellFormat.COUNT)),
                   (TableRow((1, 2)),))
    label_only = Table("Names", (Column("Ward"),), (TableRow(("High Street",)),))
    labelled = Table("Wards", (Column("Ward"), Column("2015", CellFormat.COUNT)),
                     (TableRow(("High Street", 2)),))
    assert [has_row_headers(t) for t in (counts, label_only, labelled)] == [False, False, True]


def test_a_recommendation_says_it_is_one_in_bold_inside_its_box(fixture_doc: Document,
                                                               fixture_pdf: Path) -> None:
    recommendations = [node for node in iter_nodes(fixture_doc) if isinstance(node, Recommendation)]
    assert recommendations
    paragraphs = [re.sub(r"\s+", " ", node.all_text()).strip()
                  for node in struct_tree(fixture_pdf).walk() if node.type == "P"]
    for node in recommendations:  # pdfinfo shows the element as the P it is role-mapped to
        words = "".join(run.text for run in node.runs)
        assert f"{RECOMMENDATION_LABEL} {words}" in paragraphs
    with pikepdf.open(fixture_pdf) as pdf:
        tagged = [e for e in _elements(pdf) if e.S == "/Recommendation"]
    assert len(tagged) == len(recommendations)


def test_the_recommendations_word_is_bold_and_its_text_plain_in_the_box() -> None:
    register_fonts()
    node = Recommendation(runs("Keep violent crime a priority."))
    paragraph = PdfTranslator().visit_Recommendation(node)[0]
    label, *rest = [frag for frag in paragraph.frags if getattr(frag, "text", "")]
    assert (label.text, label.fontName) == (RECOMMENDATION_LABEL, FONT_BOLD)
    assert [(frag.text, frag.fontName) for frag in rest] == [("Keep violent crime a priority.", FONT)]
    assert paragraph.style.backColor is not None and paragraph.style.borderWidth > 0
