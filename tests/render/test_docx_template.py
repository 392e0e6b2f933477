"""An organisation's reference template (``word_template``): its styles, page, headers and footers
are kept, its body replaced; a damaged one, one with macros, or one lacking a style is reported."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from clients import libreoffice_to_pdf, pdf_text
from docx import Document as new_word_document
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt, RGBColor
from lxml import etree
from PIL import Image

from assessment_doc.errors import InputError
from assessment_doc.model import Document, Figure, Table, iter_nodes
from assessment_doc.render import render_docx
from assessment_doc.render.docx_template import NEEDED_STYLES, read_word_template

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
LOGO_COLOUR = (0, 94, 184)
FOOTER_TEXT = "Maidstone Borough Council, Maidstone House, King Street"
BODY_TEXT = "The template's own body, which the document replaces."


def logo_png() -> bytes:
    """A small logo: a blue block, as a PNG."""
    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), LOGO_COLOUR).save(buffer, format="PNG")
    return buffer.getvalue()


def house_template(path: Path, *, without: str | None = None) -> Path:
    """A council's template made with python-docx: Liberation Serif 12 pt text, a dark red
    Heading 1 in 20 pt, US Letter pages with 1 inch margins, and a footer with the council's
    address and its logo. ``without``: a style removed from it."""
    word = new_word_document()
    normal = word.styles["Normal"]
    normal.font.name, normal.font.size = "Liberation Serif", Pt(12)
    heading = word.styles["Heading 1"]
    heading.font.name, heading.font.size = "Liberation Serif", Pt(20)
    heading.font.color.rgb = RGBColor(0xA0, 0x10, 0x10)
    word.styles["Title"].font.name = "Liberation Serif"
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(215.9), Mm(279.4)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(25.4))
    footer = section.footer.paragraphs[0]
    footer.add_run(FOOTER_TEXT + " ")
    footer.add_run().add_picture(io.BytesIO(logo_png()), width=Mm(20))
    word.add_paragraph(BODY_TEXT)
    word.add_heading("A heading of the template's", 1)
    if without is not None:
        style = word.styles[without]
        style.element.getparent().remove(style.element)
    word.save(path)
    return path


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return house_template(tmp_path_factory.mktemp("template") / "house.docx")


@pytest.fixture(scope="module")
def templated(template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture document written with the template."""
    from fixtures.documents import fixture_document

    document = fixture_document()
    document = replace(document, metadata=replace(document.metadata,
                                                  word_template=template.read_bytes()))
    docx = tmp_path_factory.mktemp("templated") / "templated.docx"
    docx.write_bytes(render_docx(document))
    return docx


def part(docx: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(docx) as archive:
        return etree.fromstring(archive.read(name))


def style(styles: etree._Element, style_id: str) -> etree._Element:
    return styles.xpath(f"w:style[@w:styleId='{style_id}']", namespaces=NS)[0]


def test_the_templates_styles_are_kept(templated: Path) -> None:
    styles = part(templated, "word/styles.xml")
    heading = style(styles, "Heading1")
    assert heading.xpath("string(w:rPr/w:color/@w:val)", namespaces=NS) == "A01010"
    assert heading.xpath("string(w:rPr/w:rFonts/@w:ascii)", namespaces=NS) == "Liberation Serif"
    assert heading.xpath("string(w:rPr/w:sz/@w:val)", namespaces=NS) == "40"
    normal = style(styles, "Normal")
    assert normal.xpath("string(w:rPr/w:rFonts/@w:ascii)", namespaces=NS) == "Liberation Serif"
    assert normal.xpath("string(w:rPr/w:sz/@w:val)", namespaces=NS) == "24"
    # the house style's own paragraph styles take the template's font (from its Normal)
    for own in ("TableText", "TableNote", "Recommendation"):
        assert not style(styles, own).xpath("w:rPr/w:rFonts", namespaces=NS), own
        assert style(styles, own).xpath("string(w:basedOn/@w:val)", namespaces=NS) == "Normal"


def test_the_templates_page_and_footer_with_its_logo_are_kept(templated: Path) -> None:
    body = part(templated, "word/document.xml").find(f"{{{W}}}body")
    text = "".join(body.xpath(".//w:t/text()", namespaces=NS))
    assert BODY_TEXT not in text and "A heading of the template's" not in text
    assert "Fixture Strategic Assessment" in text
    sections = body.xpath(".//w:sectPr", namespaces=NS)
    assert len(sections) == 1
    size = sections[0].find(f"{{{W}}}pgSz")
    assert (size.get(f"{{{W}}}w"), size.get(f"{{{W}}}h")) == ("12240", "15840")  # US Letter
    margins = sections[0].find(f"{{{W}}}pgMar")
    assert {margins.get(f"{{{W}}}{side}") for side in ("left", "right", "top", "bottom")} == {"1440"}
    footer_id = sections[0].xpath("string(w:footerReference[@w:type='default']/@r:id)", namespaces=NS)
    relationships = part(templated, "word/_rels/document.xml.rels")
    footer_name = "word/" + relationships.xpath(f"string(rel:Relationship[@Id='{footer_id}']/@Target)",
                                                namespaces=NS)
    footer = part(templated, footer_name)
    assert FOOTER_TEXT in "".join(footer.xpath(".//w:t/text()", namespaces=NS))
    assert " NUMPAGES " not in etree.tostring(footer).decode()  # the template's footer, not ours
    logo_id = footer.xpath("string(.//a:blip/@r:embed)", namespaces=NS)
    footer_rels = part(templated, footer_name.replace("word/", "word/_rels/") + ".rels")
    image = footer_rels.xpath(f"string(rel:Relationship[@Id='{logo_id}']/@Target)", namespaces=NS)
    with zipfile.ZipFile(templated) as archive:
        logo = archive.read(f"word/{image}")
    assert Image.open(io.BytesIO(logo)).getpixel((5, 5))[:3] == LOGO_COLOUR


def test_tables_and_figures_fit_the_templates_text_width(fixture_doc: Document, templated: Path) -> None:
    """US Letter less two 1-inch margins is 6.5 inches (9,360 twips) wide: no table is wider,
    and a picture takes its share of that width (not of the house style's A4 text width); the
    table style is the template's Table Grid (no grid of ours)."""
    body = part(templated, "word/document.xml")
    tables = body.xpath("//w:tbl", namespaces=NS)
    assert len(tables) == sum(isinstance(n, Table) for n in iter_nodes(fixture_doc))
    for table in tables:
        assert sum(int(w) for w in table.xpath("w:tblGrid/w:gridCol/@w:w", namespaces=NS)) <= 9360
        assert table.xpath("string(w:tblPr/w:tblStyle/@w:val)", namespaces=NS) == "TableGrid"
        assert not table.xpath("w:tblPr/w:tblBorders", namespaces=NS)
    widths = [int(w) for w in body.xpath("//w:drawing//a:ext/@cx", namespaces=NS)]
    shares = [n.width for n in iter_nodes(fixture_doc) if isinstance(n, Figure)]
    assert widths == pytest.approx([6.5 * 914400 * share for share in shares], abs=2)


def test_libreoffice_converts_it_in_the_templates_font_with_its_footer(
        templated: Path, tmp_path: Path) -> None:
    pdf = libreoffice_to_pdf(templated, tmp_path)
    text = pdf_text(pdf, "-raw")
    assert FOOTER_TEXT in text
    assert "Fixture Strategic Assessment" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "LiberationSerif" in fonts
    size = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "612 x 792 pts (letter)" in size


def test_a_template_renders_the_same_bytes_twice(template: Path) -> None:
    from fixtures.documents import fixture_document

    def once() -> bytes:
        document = fixture_document()
        return render_docx(replace(document, metadata=replace(
            document.metadata, word_template=template.read_bytes())))

    assert once() == once()


# --- checking the template ------------------------------------------------------------------


def test_a_complete_template_gives_no_warning(template: Path) -> None:
    checked = read_word_template(template, "house.docx")
    assert checked.data == template.read_bytes()
    assert checked.warnings == ()


def test_a_missing_style_falls_back_to_the_house_style_with_a_warning(tmp_path: Path) -> None:
    lacking = house_template(tmp_path / "house.docx", without="Caption")
    checked = read_word_template(lacking, "house.docx")
    assert [str(w) for w in checked.warnings] == [
        "house.docx: the Word template has no style 'Caption': the house style's is used "
        "(expected a style named 'Caption' in the template, to use your own)"]
    from fixtures.documents import fixture_document

    document = fixture_document()
    docx = render_docx(replace(document, metadata=replace(document.metadata,
                                                          word_template=checked.data)))
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
    with zipfile.ZipFile(io.BytesIO(render_docx(document))) as archive:
        house = style(etree.fromstring(archive.read("word/styles.xml")), "Caption")
    caption = style(styles, "Caption")
    for looks in ("w:rPr/w:sz/@w:val", "w:rPr/w:color/@w:val", "w:pPr/w:spacing/@w:after",
                  "name(w:pPr/w:keepNext)", "name(w:rPr/w:b)"):
        assert caption.xpath(f"string({looks})", namespaces=NS) == house.xpath(
            f"string({looks})", namespaces=NS), looks
    assert caption.xpath("string(w:pPr/w:keepNext/..//w:spacing/@w:after)", namespaces=NS)
    assert not caption.xpath("w:rPr/w:rFonts", namespaces=NS)  # in the template's font


def test_every_needed_style_is_named_when_missing(tmp_path: Path) -> None:
    assert NEEDED_STYLES == ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Caption",
                             "Table Grid", "List Paragraph")
    lacking = house_template(tmp_path / "house.docx", without="Table Grid")
    assert ["'Table Grid'" in w.message for w in read_word_template(lacking, "t").warnings] == [True]


def _refused(path: Path) -> str:
    with pytest.raises(InputError) as raised:
        read_word_template(path, path.name)
    [problem] = raised.value.problems
    assert problem.file == path.name
    return problem.message


def test_a_damaged_template_is_refused(template: Path, tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(template.read_bytes()[:2000])
    assert "damaged" in _refused(truncated)
    text = tmp_path / "text.docx"
    text.write_text("not a Word file at all")
    assert "is not a Word document" in _refused(text)
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, b"<w:document" if info.filename == "word/document.xml" else data)
    assert "its XML cannot be read" in _refused(broken)
    missing = tmp_path / "absent.docx"
    assert "is missing" in _refused(missing)


def test_a_template_with_macros_is_refused(template: Path, tmp_path: Path) -> None:
    """A .docm renamed .docx: the macro-enabled main part and a vbaProject.bin give it away."""
    macros = tmp_path / "house.docx"
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(macros, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    b"application/vnd.ms-word.document.macroEnabled.main+xml")
            target.writestr(info, data)
        target.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 macros")
    assert "holds macros" in _refused(macros)


# --- through the command line -----------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    from bundled_build import copy_bundled_project

    return copy_bundled_project(tmp_path / "project")


def _name_template(project: Path, name: str) -> None:
    settings = project / "assessment.yaml"
    settings.write_text(settings.read_text() + f"word_template: {name}\n")


def test_build_with_a_template_lacking_a_style_warns_and_uses_it(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from assessment_doc.cli import main

    house_template(project / "house.docx", without="Caption")
    _name_template(project, "house.docx")
    assert main(["build", str(project), "-o", str(project / "out"), "--format", "docx"]) == 0
    printed = capsys.readouterr().out
    assert "house.docx: the Word template has no style 'Caption'" in printed
    [docx] = (project / "out").glob("*.docx")
    footer = "".join(etree.fromstring(zipfile.ZipFile(docx).read("word/footer1.xml")).xpath(
        ".//w:t/text()", namespaces=NS))
    assert FOOTER_TEXT in footer
    assert style(part(docx, "word/styles.xml"), "Heading1").xpath(
        "string(w:rPr/w:color/@w:val)", namespaces=NS) == "A01010"


def test_check_refuses_a_damaged_template_with_exit_2(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from assessment_doc.cli import main

    (project / "house.docx").write_bytes(b"PK\x03\x04 a zip that stops here")
    _name_template(project, "house.docx")
    assert main(["check", str(project)]) == 2
    printed = capsys.readouterr().err
    assert "house.docx: the Word template is damaged or is not a Word document" in printed
    assert "Traceback" not in printed


def test_settings_refuse_a_docm_at_its_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from assessment_doc.cli import main

    _name_template(project, "house.docm")
    line = len((project / "assessment.yaml").read_text().splitlines())
    assert main(["build", str(project), "-o", str(project / "out")]) == 2
    printed = capsys.readouterr().err
    assert f"assessment.yaml, line {line}, column 'word_template'" in printed
    assert "can hold macros (.docm)" in printed
    assert not (project / "out").exists()


def test_checking_a_template_imports_no_word_library() -> None:
    """check stays light: the template is read with zipfile and lxml, not python-docx."""
    code = ("import sys; import assessment_doc.render.docx_template; "
            "print(sorted(m for m in ('docx', 'reportlab') if m in sys.modules))")
    printed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True).stdout
    assert printed.strip() == "[]"
