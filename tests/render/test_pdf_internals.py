"""Each ReportLab internal that tagged output relies on still works (reportlab_internals).

One test per reach into ReportLab, on a bare canvas or flowable, read back with pikepdf: when a
ReportLab release changes one of them, the test that names it fails, not a distant layout test.
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pikepdf
import reportlab
from packaging.specifiers import SpecifierSet
from packaging.version import Version
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from assessment_doc.render import reportlab_internals as rl
from assessment_doc.render.pdf import FONT, register_fonts


class RecordingCanvas(rl.HookedCanvas):
    """A HookedCanvas that records what its hooks see."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        self.pages: list[object] = []
        self.targets: list[str | None] = []
        self.stored: list[object] = []
        super().__init__(*args, **kwargs)

    def page_finished(self, page: object) -> None:
        self.pages.append(page)
        rl.set_page_entries(page, {"StructParents": len(self.pages) - 1, "Tabs": rl.name("S")})

    def annotation_entries(self, target: str | None) -> dict[str, object]:
        self.targets.append(target)
        return {"StructParent": 100 + len(self.targets), "Contents": rl.text(f"to {target}")}

    def annotation_stored(self, reference: object) -> None:
        self.stored.append(reference)


def _saved(canvas: rl.HookedCanvas, buffer: io.BytesIO) -> pikepdf.Pdf:
    canvas.save()
    return pikepdf.open(io.BytesIO(buffer.getvalue()))


def test_the_installed_reportlab_is_in_the_tested_range() -> None:
    assert Version(reportlab.Version) in SpecifierSet(",".join(rl.TESTED_REPORTLAB))


def test_page_entries_reach_each_page_through_the_set_annotations_hook() -> None:
    buffer = io.BytesIO()
    canvas = RecordingCanvas(buffer)
    canvas.showPage()
    canvas.showPage()
    with _saved(canvas, buffer) as pdf:
        assert len(canvas.pages) == 2
        assert [int(page.obj.StructParents) for page in pdf.pages] == [0, 1]
        assert all(page.obj.Tabs == "/S" for page in pdf.pages)


def test_link_annotations_take_entries_through_the_add_annotation_hook() -> None:
    buffer = io.BytesIO()
    canvas = RecordingCanvas(buffer)
    canvas.bookmarkPage("here")
    canvas.linkURL("https://example.org/", (10, 10, 50, 20))
    canvas.linkRect("", "here", (10, 30, 50, 40))
    canvas.showPage()
    with _saved(canvas, buffer) as pdf:
        annotations = list(pdf.pages[0].obj.Annots)
        assert canvas.targets == ["https://example.org/", "#here"]
        assert [int(a.StructParent) for a in annotations] == [101, 102]
        assert [str(a.Contents) for a in annotations] == ["to https://example.org/", "to #here"]
        assert annotations[1].Dest[0].objgen == pdf.pages[0].obj.objgen
        assert len(canvas.stored) == 2


def test_a_form_painted_before_it_is_drawn_is_drawn_when_the_canvas_is_saved() -> None:
    """draw_later: the page paints ``/Name Do`` now (in the coordinates of the moment); the
    form is drawn when the canvas is saved, knowing every page (pages_shown), with the fonts in
    its resources; ending a form is not a page to the page hook."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = RecordingCanvas(buffer, initialFontName=FONT)
    drawn: list[int] = []

    def count(form: rl.HookedCanvas) -> None:
        drawn.append(form.pages_shown())
        form.setFont(FONT, 10)
        form.drawString(0, 0, f"one of {form.pages_shown()}")

    canvas.translate(100, 700)
    canvas.draw_later(count, (0, -5, 200, 20))
    for _ in range(3):
        canvas.showPage()
    assert drawn == [] and canvas.pages_shown() == 3
    with _saved(canvas, buffer) as pdf:
        assert drawn == [3]
        assert len(canvas.pages) == 3  # the form did not reach page_finished
        (name, form), = pdf.pages[0].Resources.XObject.items()
        assert form.Subtype == "/Form" and [float(v) for v in form.BBox] == [0, -5, 200, 20]
        assert form.Resources.Font.objgen == pdf.pages[0].Resources.Font.objgen != (0, 0)
        assert f"{name} Do".encode() in pdf.pages[0].Contents.read_bytes()
    text = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=buffer.getvalue(),
                          capture_output=True, check=True).stdout.decode()
    assert '<word xMin="100.000000"' in text and ">one</word>" in text and ">3</word>" in text


def test_a_link_placed_later_keeps_the_coordinates_it_was_stored_in() -> None:
    """link_later: the annotation is stored with the page (through the annotation hooks) and
    its rectangle, given later, is taken in the coordinates of the moment it was stored."""
    buffer = io.BytesIO()
    canvas = RecordingCanvas(buffer)
    canvas.bookmarkPage("here")
    canvas.translate(10, 20)
    place = canvas.link_later("here")
    canvas.translate(500, 500)  # moved on since
    place((1, 2, 30, 40))
    canvas.showPage()
    with _saved(canvas, buffer) as pdf:
        (annotation,) = pdf.pages[0].obj.Annots
        assert [float(v) for v in annotation.Rect] == [11, 22, 40, 60]
        assert int(annotation.StructParent) == 101 and canvas.targets == ["#here"]
        assert annotation.Dest[0].objgen == pdf.pages[0].obj.objgen


def test_a_counted_passes_template_counts_its_passes_and_makes_the_least_asked() -> None:
    """multiBuild builds once a pass and asks _allSatisfied whether to go on."""
    from reportlab.platypus import Frame, PageTemplate

    for least in (1, 3):
        template = rl.CountedPassesTemplate(io.BytesIO())
        template.addPageTemplates([PageTemplate(frames=[Frame(72, 72, 400, 600)])])
        template.least_passes = least
        story = [Paragraph("Hello", ParagraphStyle("p"))]
        assert template.multiBuild(story) == least == template.passes


def test_registered_objects_and_catalog_entries_are_written() -> None:
    buffer = io.BytesIO()
    canvas = rl.HookedCanvas(buffer)
    element = rl.dictionary({"Type": rl.name("StructElem"), "S": rl.name("P")})
    reference = canvas.register(element)
    rl.set_entry(element, "Alt", rl.text("Bar chart – “rising”"))
    canvas.setCatalogEntry("StructTreeRoot", rl.dictionary({"K": rl.array([reference])}))
    canvas.setCatalogEntry("Metadata", rl.metadata_stream("<x>—</x>".encode()))
    canvas.showPage()
    with _saved(canvas, buffer) as pdf:
        kid = pdf.Root.StructTreeRoot.K[0]
        assert kid.is_indirect and kid.S == "/P"
        assert str(kid.Alt) == "Bar chart – “rising”"
        assert pdf.Root.Metadata.read_bytes() == "<x>—</x>".encode()
        assert "/Filter" not in pdf.Root.Metadata


def test_fonts_used_names_the_fonts_drawn() -> None:
    register_fonts()
    canvas = rl.HookedCanvas(io.BytesIO(), initialFontName=FONT)
    canvas.setFont(FONT, 10)
    canvas.drawString(10, 10, "text")
    assert canvas.fonts_used() == {FONT}


def test_the_text_cursor_is_readable_inside_a_paragraph_callback() -> None:
    register_fonts()
    seen: list[tuple[float, float]] = []
    canvas = rl.HookedCanvas(io.BytesIO())
    canvas.set_paragraph_callback("probe", lambda canv, kind, label: seen.append(canv.text_cursor()))
    style = ParagraphStyle("p", fontName=FONT, fontSize=10, leading=12)
    paragraph = Paragraph('Four words of text<onDraw name="probe" label="x"/>', style)
    paragraph.wrapOn(canvas, 400, 100)
    paragraph.drawOn(canvas, 0, 0)
    assert len(seen) == 1
    x, _ = seen[0]
    assert abs(x - canvas.stringWidth("Four words of text", FONT, 10)) < 0.01


def test_list_labels_are_drawn_through_the_bullet_hook(tmp_path: Path) -> None:
    register_fonts()
    drawn: list[str] = []

    class Labelled(rl.BulletHookList):
        def draw_bullet(self, draw, indenter, canvas):  # type: ignore[no-untyped-def]
            drawn.append(indenter._flowable.getPlainText())
            draw()

    style = ParagraphStyle("p", fontName=FONT, fontSize=10, leading=12)
    items = [Paragraph(text, style) for text in ("one", "two")]
    document = SimpleDocTemplate(str(tmp_path / "list.pdf"), initialFontName=FONT)
    document.build([Labelled(items, bulletType="1", bulletFontName=FONT)])
    assert drawn == ["one", "two"]
    with pikepdf.open(tmp_path / "list.pdf") as pdf:
        text = pdf.pages[0].Contents.read_bytes()
    assert text.count(b"Tj") == 4  # two labels and two items


def test_document_date_replaces_reportlabs_clock_only_inside_the_block() -> None:
    import datetime as dt

    from reportlab.pdfbase import pdfdoc

    from assessment_doc.render.reportlab_internals import document_date

    original = pdfdoc.TimeStamp
    with document_date(dt.date(2016, 3, 1)):
        stamp = pdfdoc.TimeStamp(1)
        assert stamp.YMDhms == (2016, 3, 1, 0, 0, 0)
        assert pdfdoc.PDFDocument()._timeStamp.YMDhms == (2016, 3, 1, 0, 0, 0)
    assert pdfdoc.TimeStamp is original


def test_frame_readings_follow_what_is_drawn_in_it() -> None:
    """frame_of, frame_is_empty, frame_height, height_left and frame_width (Flowable._frame,
    Frame._atTop, _aH, _y, _y1p, _getAvailableWidth), which the pagination markers read."""
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Frame

    frame = Frame(0, 0, 300, 500, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    canvas = Canvas(io.BytesIO())
    assert rl.frame_is_empty(frame)
    assert rl.frame_height(frame) == rl.height_left(frame) == 500
    seen = []

    class Probe(Paragraph):
        def wrap(self, width: float, height: float) -> tuple[float, float]:
            seen.append(rl.frame_of(self))
            return super().wrap(width, height)

    assert frame.add(Probe("Probe.", ParagraphStyle("p")), Canvas(io.BytesIO()))
    assert seen == [frame] and rl.frame_of(Paragraph("x", ParagraphStyle("p"))) is None
    frame = Frame(0, 0, 300, 500, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    assert rl.frame_width(frame) == 300
    style = ParagraphStyle("p", fontSize=10, leading=20)
    assert frame.add(Paragraph("One line.", style), canvas)
    assert not rl.frame_is_empty(frame)
    assert rl.height_left(frame) == 480
    assert rl.frame_height(frame) == 500


def test_table_readings_of_a_wrapped_and_a_split_table() -> None:
    """row_heights, row_count, column_widths_of and cell_flowable (Table._rowHeights,
    _cellvalues, _colWidths), which keep rows together and check header lines."""
    from reportlab.platypus import Table

    style = ParagraphStyle("p", fontSize=10, leading=12)
    rows = [[Paragraph("Area", style), "Count"], *([f"Ward {n}", str(n)] for n in range(10))]
    table = Table(rows, colWidths=(100, 50), repeatRows=1)
    table.wrap(150, 1000)
    assert rl.row_count(table) == 11
    assert len(rl.row_heights(table)) == 11 and all(h > 0 for h in rl.row_heights(table))
    assert rl.column_widths_of(table) == [100, 50]
    assert rl.cell_flowable(table, 0, 0).getPlainText() == "Area"
    first, rest = table.split(150, sum(rl.row_heights(table)[:4]) + 0.01)
    assert (rl.row_count(first), rl.row_count(rest)) == (4, 8)  # the header repeated on the rest


def test_line_count_of_a_wrapped_paragraph() -> None:
    """line_count (Paragraph.blPara.lines)."""
    paragraph = Paragraph("word " * 30, ParagraphStyle("p", fontName="Helvetica", fontSize=10))
    paragraph.wrap(100, 1000)
    assert rl.line_count(paragraph) == 8  # "word" is 21.7 pt: four a 100 pt line, 30 on eight


def test_line_end_text_sees_each_line_whole_and_draws_what_it_returns() -> None:
    """LineEndText (PDFTextObject._textOut, called by the paragraph with T* on each line's
    last piece): the hook gets each line's text, pieces joined, and its answer is drawn after."""
    seen: list[str] = []

    class Probe(Paragraph):
        def beginText(self, x: float, y: float) -> rl.LineEndText:
            return rl.LineEndText(self.canv, x, y, lambda line: seen.append(line) or "~")

    canvas = rl.HookedCanvas(io.BytesIO(), pageCompression=0)
    paragraph = Probe("one <b>two</b> three four five", ParagraphStyle("p", fontName="Helvetica"))
    paragraph.wrapOn(canvas, 45, 500)
    paragraph.drawOn(canvas, 0, 0)
    canvas.showPage()
    assert "".join(seen).replace(" ", "") == "onetwothreefourfive"
    assert len(seen) == rl.line_count(paragraph) > 2
    assert canvas.getpdfdata().count(b"~) Tj T*") == len(seen)


def test_parsed_text_is_read_from_the_fragments_before_wrapping() -> None:
    """parsed_text (Paragraph.frags, and the lineBreak fragment of a <br/>)."""
    paragraph = Paragraph("A&amp;B  <b>bold</b><br/>next", ParagraphStyle("p"))
    assert rl.parsed_text(paragraph) == "A&B bold\nnext"


def test_a_space_transparent_flowable_is_asked_to_wrap_and_passes_the_space_on() -> None:
    """SpaceTransparentFlowable (Frame's _ZEROSIZE and _SPACETRANSFER)."""
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Frame

    asked: list[float] = []

    class Marker(rl.SpaceTransparentFlowable):
        def wrap(self, width: float, height: float) -> tuple[float, float]:
            asked.append(height)
            return (0, 0)

        def draw(self) -> None:
            pass

    def height_used(*middle: object) -> float:
        frame = Frame(0, 0, 300, 500, leftPadding=0, rightPadding=0, topPadding=0,
                      bottomPadding=0)
        canvas = Canvas(io.BytesIO())
        for flowable in (Paragraph("Before.", ParagraphStyle("a", spaceAfter=30)), *middle,
                         Paragraph("After.", ParagraphStyle("b"))):
            assert frame.add(flowable, canvas)
        return rl.frame_height(frame) - rl.height_left(frame)

    assert height_used(Marker()) == height_used()  # the 30 pt after "Before." still comes once
    assert asked


def _private_names_of_reportlab() -> set[str]:
    """The private names (``_x``, not ``__x__``) of the ReportLab classes and objects the
    renderer meets: class attributes, and the instance attributes of a canvas, a frame, a
    document template, a wrapped paragraph, table and image."""
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import (
        BaseDocTemplate,
        Flowable,
        Frame,
        Image,
        ListFlowable,
        PageTemplate,
        Table,
    )
    from reportlab.platypus.doctemplate import IndexingFlowable
    from reportlab.platypus.tables import TableRenderCB

    canvas = Canvas(io.BytesIO())
    paragraph = Paragraph("x <b>y</b>", ParagraphStyle("p"))
    paragraph.wrapOn(canvas, 100, 100)
    table = Table([["a", "b"]])
    table.wrapOn(canvas, 100, 100)
    template = BaseDocTemplate(io.BytesIO())
    objects: list[object] = [canvas, canvas.beginText(), paragraph, table, template,
                             Frame(0, 0, 10, 10), PageTemplate(frames=[Frame(0, 0, 10, 10)])]
    classes = [Canvas, Paragraph, Table, BaseDocTemplate, Frame, Image, Flowable, ListFlowable,
               IndexingFlowable, TableRenderCB, PageTemplate, type(canvas.beginText())]
    names = {name for cls in classes for name in dir(cls)}
    names |= {name for item in objects for name in vars(item)}
    # set on objects only at times, or read from flowables that need not have them
    names |= {"_offs_x", "_offs_y", "_doctemplate", "_frame", "_curr_tx_info", "_ZEROSIZE",
              "_SPACETRANSFER", "_postponed", "_splitpara", "_JustifyLast"}
    return {name for name in names if name.startswith("_") and not name.startswith("__")}


def test_no_private_reportlab_name_is_used_outside_reportlab_internals() -> None:
    """Every reach into ReportLab's private names is in reportlab_internals.py (behind a name
    that says what it is for, with a test above), so that an upgrade breaks one module. A name
    the renderer's own classes define for themselves (TaggingCanvas._content) is theirs."""
    import ast

    from assessment_doc import render

    trees = {path.name: ast.parse(path.read_text(encoding="utf-8"))
             for path in sorted(Path(render.__file__).parent.glob("pdf*.py"))}
    own = {target.attr for tree in trees.values() for node in ast.walk(tree)
           if isinstance(node, (ast.Assign, ast.AnnAssign))
           for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
           if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
           and target.value.id == "self"}
    own |= {node.name for tree in trees.values() for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    private = _private_names_of_reportlab() - own
    found = []
    for name_of_file, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute):
                name = node.attr
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                name = node.value  # getattr(x, "_name")
            elif isinstance(node, ast.Name):
                name = node.id  # a class attribute such as _ZEROSIZE = 1
            else:
                continue
            if name in private:
                found.append(f"{name_of_file}:{node.lineno}: {name}")
    assert found == []
    assert {"_content", "_boxes"} <= own  # ours, not ReportLab's


def test_the_reach_check_finds_a_reach() -> None:
    """The check above would have found the reaches issue 17 names."""
    private = _private_names_of_reportlab()
    assert {"_doctemplate", "_offs_x", "_ZEROSIZE", "_SPACETRANSFER", "_textOut"} <= private
