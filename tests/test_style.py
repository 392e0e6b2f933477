"""The settings' ``style:`` block: checked (contrast, installed fonts, the logo), turned into the
document's house style, and followed by every format."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image

import assessment_doc as ad
from assessment_doc.contrast import contrast_ratio, tint
from assessment_doc.errors import InputError
from assessment_doc.fonts import FontNotFound, find_family
from assessment_doc.model import Align
from assessment_doc.render import house_style as hs
from assessment_doc.render.house_style import DEFAULT, HouseStyle, house_style_from, style_of
from assessment_doc.settings import StyleSettings, load_settings

REPOSITORY = Path(__file__).resolve().parents[1]


def _settings_with(folder: Path, style: str) -> Path:
    """A project folder whose assessment.yaml is the bundled one with ``style`` appended."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (REPOSITORY / "assessment.yaml").read_text(encoding="utf-8")
    (folder / "assessment.yaml").write_text(text.rstrip("\n") + "\n" + style, encoding="utf-8")
    return folder


def _problems(folder: Path) -> list[str]:
    with pytest.raises(InputError) as raised:
        load_settings(folder)
    return [str(problem) for problem in raised.value.problems]


def _line_of(folder: Path, text: str) -> int:
    lines = (folder / "assessment.yaml").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


# --- contrast --------------------------------------------------------------------------------


def test_contrast_ratios_are_wcag_s() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the known
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)  # threshold
    assert contrast_ratio("#1F3864", "#FFFFFF") == contrast_ratio("#FFFFFF", "#1F3864")


def test_an_accent_s_fill_keeps_body_text_readable_even_for_black() -> None:
    assert tint("#000000", hs.ACCENT_FILL_SHARE) == "#CCCCCC"
    assert tint("#0B6E4F", 0.2) == "#CEE2DC"
    assert contrast_ratio(hs.TEXT_COLOUR, tint("#000000", hs.ACCENT_FILL_SHARE)) > 10


# --- settings --------------------------------------------------------------------------------


def test_a_heading_colour_below_4_5_to_1_is_refused_naming_colour_and_ratio(
        tmp_path: Path) -> None:
    folder = _settings_with(tmp_path, 'style:\n  heading_colour: "#999999"\n')
    (problem,) = _problems(folder)
    assert problem.startswith(f"assessment.yaml, line {_line_of(folder, '#999999')}")
    assert "the heading colour #999999 has a contrast ratio of 2.85:1" in problem
    assert "text needs at least 4.5:1" in problem


def test_an_accent_colour_below_3_to_1_is_refused_and_3_to_1_is_enough(tmp_path: Path) -> None:
    folder = _settings_with(tmp_path / "light", 'style:\n  accent_colour: "#ffee00"\n')
    (problem,) = _problems(folder)
    assert "the accent colour #FFEE00 has a contrast ratio of 1.20:1" in problem
    assert "needs at least 3:1" in problem
    # #949494 is 3.03:1: enough for a border, too light for text
    assert StyleSettings(accent_colour="#949494").accent_colour == "#949494"
    with pytest.raises(ValueError, match="3.03:1"):
        StyleSettings(heading_colour="#949494")


def test_a_colour_not_written_as_hex_is_refused(tmp_path: Path) -> None:
    folder = _settings_with(tmp_path, "style:\n  heading_colour: navy\n")
    (problem,) = _problems(folder)
    assert "the heading colour 'navy' is not a colour written as #RRGGBB" in problem


def test_a_font_that_is_not_installed_is_refused_at_its_line(tmp_path: Path) -> None:
    folder = _settings_with(tmp_path, "style:\n  font: Dejavu Serf\n")
    (problem,) = _problems(folder)
    assert problem.startswith(f"assessment.yaml, line {_line_of(folder, 'Serf')}")
    assert "no TrueType font family 'Dejavu Serf' is installed" in problem
    assert "DejaVu Serif" in problem  # the nearest installed names


def test_a_family_is_found_by_name_with_its_four_faces() -> None:
    family = find_family("dejavu serif")  # shipped with matplotlib: always installed
    assert family.name == "DejaVu Serif"
    assert [p.name for p in (family.regular, family.bold, family.italic, family.bold_italic)] == [
        "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf",
        "DejaVuSerif-BoldItalic.ttf"]
    with pytest.raises(FontNotFound, match="no TrueType font family 'No Such Family'"):
        find_family("No Such Family")


def test_the_logo_must_be_a_picture_in_the_project(tmp_path: Path) -> None:
    folder = _settings_with(tmp_path, "style:\n  logo: images/logo.png\n")
    assert any("the logo 'images/logo.png' is not in the project folder" in p
               for p in _problems(folder))
    (folder / "images").mkdir()
    (folder / "images" / "logo.png").write_bytes(b"not a picture")
    assert any("is not a picture that can be read" in p for p in _problems(folder))
    Image.new("RGB", (60, 20), "#0B6E4F").save(folder / "images" / "logo.png", "JPEG")
    assert any("holds a JPEG picture, not what its name says" in p for p in _problems(folder))


def test_an_unknown_style_key_is_named_with_the_keys_there_are(tmp_path: Path) -> None:
    folder = _settings_with(tmp_path, 'style:\n  accent_color: "#0B6E4F"\n')
    (problem,) = _problems(folder)
    assert "unknown key 'accent_color' in style (did you mean 'accent_colour'?)" in problem
    assert "font, body_size, heading_colour, accent_colour, logo, footer" in problem


# --- the house style of a document -------------------------------------------------------------


def test_without_style_settings_the_house_style_is_today_s_constants() -> None:
    assert house_style_from(None, REPOSITORY) is None
    assert DEFAULT == HouseStyle()
    assert (DEFAULT.body_pt, DEFAULT.heading_colour, DEFAULT.accent_colour,
            DEFAULT.recommendation_fill, DEFAULT.focus_fill, DEFAULT.font, DEFAULT.logo,
            DEFAULT.footer) == (11.0, "#1F3864", "#8A6D00", "#FFF2CC", "#F2F2F2", None, None, "")


def test_the_house_style_s_own_colours_pass_the_contrast_it_asks_of_a_setting() -> None:
    from assessment_doc.contrast import GRAPHIC_CONTRAST, TEXT_CONTRAST, contrast_ratio

    assert contrast_ratio(DEFAULT.heading_colour, "#FFFFFF") >= TEXT_CONTRAST
    for behind in ("#FFFFFF", DEFAULT.recommendation_fill):
        assert contrast_ratio(DEFAULT.accent_colour, behind) >= GRAPHIC_CONTRAST, behind


def test_the_settings_style_reaches_the_document_model(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(REPOSITORY / "content", project / "content")
    shutil.copytree(REPOSITORY / "data", project / "data")
    (project / "images").mkdir()
    Image.new("RGB", (60, 20), "#0B6E4F").save(project / "images" / "logo.png")
    _settings_with(project, 'style:\n  font: DejaVu Serif\n  body_size: 10.5\n'
                   '  heading_colour: "#6B1F5C"\n  accent_colour: "#0B6E4F"\n'
                   '  logo: images/logo.png\n  footer: "  Safer   Maidstone Partnership "\n')
    style = style_of(ad.build_document(ad.load_project(project)).metadata)
    assert style.font_name == "DejaVu Serif" and style.font is not None
    assert style.font.bold.name == "DejaVuSerif-Bold.ttf"
    assert (style.body_pt, style.heading_colour, style.accent_colour) == (
        10.5, "#6B1F5C", "#0B6E4F")
    assert style.recommendation_fill == style.focus_fill == "#CEE2DC"
    assert style.logo == (project / "images" / "logo.png").read_bytes()
    assert style.footer == "Safer Maidstone Partnership"


def test_the_bundled_document_keeps_the_built_in_style() -> None:
    assert ad.load_project(REPOSITORY).settings.style is None


# --- the formats follow it -------------------------------------------------------------------

HEADING = "#6B1F5C"
ACCENT = "#0B6E4F"
FOOTER = "Safer Maidstone Partnership house style"


@pytest.fixture(scope="module")
def styled(tmp_path_factory: pytest.TempPathFactory) -> ad.Document:
    """The bundled document with a style: DejaVu Serif 10.5 pt, plum headings, a green accent
    and a footer text."""
    project = tmp_path_factory.mktemp("styled") / "project"
    shutil.copytree(REPOSITORY / "content", project / "content")
    shutil.copytree(REPOSITORY / "data", project / "data")
    (project / "images").mkdir()
    logo = Image.new("RGBA", (300, 100), (0, 0, 0, 0))  # transparent: flattened on white
    logo.paste((11, 110, 79, 255), (0, 0, 300, 100))
    logo.save(project / "images" / "logo.png")
    _settings_with(project, f'style:\n  font: DejaVu Serif\n  body_size: 10.5\n'
                   f'  heading_colour: "{HEADING}"\n  accent_colour: "{ACCENT}"\n'
                   f'  footer: {FOOTER}\n  logo: images/logo.png\n')
    return ad.build_document(ad.load_project(project))


@pytest.fixture(scope="module")
def styled_pdf(styled: ad.Document, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("styled-pdf") / "styled.pdf"
    path.write_bytes(ad.to_bytes(styled, "pdf"))
    return path


def _pdf_colour(hex_colour: str) -> tuple[float, float, float]:
    return tuple(int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def _colour_operators(pdf: Path, operator: bytes) -> set[tuple[float, float, float]]:
    """Every colour an 'r g b rg' (fill) or 'r g b RG' (stroke) operator sets, on every page."""
    import re

    import pikepdf

    number = rb"(-?\d*\.?\d+)"
    pattern = re.compile(number + rb"\s+" + number + rb"\s+" + number + rb"\s+" + operator + rb"\b")
    found = set()
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            for stream in (page.obj.Contents if isinstance(page.obj.Contents, pikepdf.Array)
                           else [page.obj.Contents]):
                found |= {tuple(round(float(v), 3) for v in match.groups())
                          for match in pattern.finditer(stream.read_bytes())}
    return found


def _rounded(colour: tuple[float, float, float]) -> tuple[float, ...]:
    return tuple(round(v, 3) for v in colour)


def test_the_pdf_embeds_the_chosen_family_and_no_other(styled_pdf: Path) -> None:
    import subprocess

    listing = subprocess.run(["pdffonts", str(styled_pdf)], capture_output=True, text=True,
                             check=True).stdout
    fonts = {line.split()[0].split("+")[-1] for line in listing.splitlines()[2:]}
    assert {"DejaVuSerif", "DejaVuSerif-Bold"} <= fonts
    assert not any("Liberation" in font for font in fonts)
    assert all(line.split()[-5] == "yes" for line in listing.splitlines()[2:])  # embedded


def test_the_pdf_draws_headings_and_recommendations_in_the_chosen_colours(
        styled_pdf: Path) -> None:
    fills = _colour_operators(styled_pdf, b"rg")
    strokes = _colour_operators(styled_pdf, b"RG")
    assert _rounded(_pdf_colour(HEADING)) in fills  # headings, title
    assert _rounded(_pdf_colour(ACCENT)) in strokes  # the recommendations' border
    assert _rounded(_pdf_colour(tint(ACCENT, hs.ACCENT_FILL_SHARE))) in fills  # their fill
    assert _rounded(_pdf_colour(hs.HEADING_COLOUR)) not in fills  # the house's is gone
    assert _rounded(_pdf_colour(hs.RECOMMENDATION_BORDER)) not in strokes


def test_the_pdf_footer_carries_the_text(styled_pdf: Path) -> None:
    import subprocess

    text = subprocess.run(["pdftotext", "-f", "3", "-l", "3", "-layout", str(styled_pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert FOOTER in text and "Page 3 of" in text


def test_the_pdf_sets_body_text_in_the_chosen_size(styled: ad.Document) -> None:
    from assessment_doc.render.pdf import PdfTranslator

    styles = PdfTranslator(style_of(styled.metadata)).styles
    assert styles.body.fontSize == 10.5 and styles.body.leading == pytest.approx(10.5 * 1.25)
    assert styles.headings[1].fontSize == hs.HEADING_PT[1]  # headings keep their sizes
    assert styles.body.fontName == "House-DejaVuSerif"
    assert styles.cell_style(bold=True, align=Align.LEFT, indent=0).fontName == (
        "House-DejaVuSerif-Bold")


@pytest.fixture(scope="module")
def styled_docx(styled: ad.Document, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("styled-docx") / "styled.docx"
    path.write_bytes(ad.to_bytes(styled, "docx"))
    return path


def test_the_word_styles_name_the_family_size_and_heading_colour(styled_docx: Path) -> None:
    import docx

    styles = docx.Document(str(styled_docx)).styles
    assert styles["Normal"].font.name == "DejaVu Serif"
    assert styles["Normal"].font.size.pt == 10.5
    for name in ("Heading 1", "Heading 2", "Title"):
        assert str(styles[name].font.color.rgb) == HEADING.lstrip("#"), name
        assert styles[name].font.name == "DejaVu Serif"
    assert styles["Heading 1"].font.bold is True


def test_word_recommendations_and_focus_rows_take_the_accent(styled_docx: Path) -> None:
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(styled_docx) as package:
        styles = etree.fromstring(package.read("word/styles.xml"))
        body = etree.fromstring(package.read("word/document.xml"))
        footer = b"".join(package.read(n) for n in package.namelist() if "footer" in n)
    (box,) = [s for s in styles.iter(f"{w}style")
              if s.find(f"{w}name").get(f"{w}val") == "Recommendation"]
    assert {b.get(f"{w}color") for b in box.find(f"{w}pPr/{w}pBdr")} == {ACCENT.lstrip("#")}
    fill = tint(ACCENT, hs.ACCENT_FILL_SHARE).lstrip("#")
    assert box.find(f"{w}pPr/{w}shd").get(f"{w}fill") == fill
    row_fills = {shade.get(f"{w}fill") for shade in body.iter(f"{w}shd")}
    assert fill in row_fills and hs.EMPHASIS_ROW_FILL.lstrip("#") not in row_fills
    assert FOOTER.encode() in footer


def test_the_logo_heads_the_pdf_cover_as_a_figure_with_its_text_alternative(
        styled_pdf: Path) -> None:
    import pikepdf

    with pikepdf.open(styled_pdf) as pdf:
        cover = pdf.pages[0]
        images = [cover.obj.Resources.XObject[name] for name in cover.obj.Resources.XObject.keys()
                  if cover.obj.Resources.XObject[name].Subtype == "/Image"]
        assert [(int(i.Width), int(i.Height)) for i in images] == [(300, 100)]
        alts = [str(node.Alt) for node in pdf.objects
                if isinstance(node, pikepdf.Dictionary) and node.get("/S") == "/Figure"
                and "/Alt" in node]
    assert "Safer Maidstone Partnership logo" in alts


def test_the_logo_heads_the_word_cover_with_its_text_alternative(styled_docx: Path) -> None:
    import docx

    word = docx.Document(str(styled_docx))
    first = word.paragraphs[0]
    (doc_pr,) = first._p.xpath(".//wp:docPr")
    assert doc_pr.get("descr") == "Safer Maidstone Partnership logo"
    shape = word.inline_shapes[0]
    assert round(shape.width.mm) == 70 and round(shape.height.mm) == 23  # 3:1, 70 mm wide
    assert word.paragraphs[1].style.name == "Title"


def test_the_html_edition_names_the_family_and_the_colours(styled: ad.Document) -> None:
    from assessment_doc.render import RENDERERS

    if "html" not in RENDERERS:
        pytest.skip("no HTML edition in this build")
    page = ad.to_bytes(styled, "html").decode("utf-8")
    assert '--font:"DejaVu Serif",' in page
    assert f"--heading:{HEADING};" in page and f"--recommendation-border:{ACCENT};" in page
    fill = tint(ACCENT, hs.ACCENT_FILL_SHARE)
    assert f"--recommendation-fill:{fill};" in page and f"--emphasis-row:{fill};" in page
    assert 'alt="Safer Maidstone Partnership logo"' in page and FOOTER in page
