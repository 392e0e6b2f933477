"""Tables marked ``orientation: landscape`` (issue 17, 5): on landscape pages of their own in the
PDF and in Word, the text before and after on portrait pages, "Page X of Y" on every page.

- PDF: A4 turned (MediaBox wider than tall) for the table's pages; headings just before the
  table turn with it; two landscape tables in a row share their pages; no empty page before or
  after (after the contents, at the document's end).
- Word: a section break (``w:sectPr`` in an empty paragraph) ends the portrait pages before the
  table and another, ``w:orient="landscape"`` with width and height swapped, ends its pages;
  LibreOffice lays the file out with the same page sizes as the PDF.
- The spec: ``orientation`` is portrait or landscape, anything else a problem at its line.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pikepdf
import pytest
from clients import libreoffice_to_pdf, pdf_text, qpdf_check
from lxml import etree
from test_pdf_tagging import pdfua_errors, tagging_problems

from assessment_doc.errors import InputError
from assessment_doc.model import (
    Column,
    Contents,
    Cover,
    Document,
    Metadata,
    Paragraph,
    Section,
    Table,
    TableRow,
    assign_numbers,
    runs,
)
from assessment_doc.render import render_docx, render_pdf
from assessment_doc.tables.api import parse_table_specs

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def turned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The fixture document with its long table (several pages) and its small one landscape,
    as PDF and as .docx."""
    from fixtures.documents import fixture_document, with_landscape_tables

    document = with_landscape_tables(fixture_document(), {"long_table", "small_table"})
    folder = tmp_path_factory.mktemp("landscape")
    (folder / "turned.pdf").write_bytes(render_pdf(document))
    (folder / "turned.docx").write_bytes(render_docx(document))
    return folder / "turned.pdf", folder / "turned.docx"


def _sizes(path: Path) -> list[str]:
    """Each page as 'L' (wider than tall) or 'P'."""
    with pikepdf.open(path) as pdf:
        return ["L" if float(box[2]) - float(box[0]) > float(box[3]) - float(box[1]) else "P"
                for box in (page.MediaBox for page in pdf.pages)]


def _pages(path: Path) -> list[str]:
    return pdf_text(path).split("\f")[:-1]


def test_the_tables_pages_are_landscape_and_those_around_them_portrait(
        turned: tuple[Path, Path]) -> None:
    pdf, _ = turned
    sizes, pages = _sizes(pdf), _pages(pdf)
    assert "".join(sizes) == "PPPPLLLLLLPLPP"
    first = next(i for i, text in enumerate(pages) if "Table 1: Incidents by ward" in text)
    assert sizes[first] == "L" and sizes[first - 1] == "P"
    # the headings just before the table turn with it, above its caption
    assert pages[first].split()[:8] == ["2", "Tables", "and", "figures", "2.1", "Long", "table",
                                        "Table"]
    small = next(i for i, text in enumerate(pages) if "Table 2: Cost of offending" in text)
    assert (sizes[small - 1], sizes[small], sizes[small + 1]) == ("P", "L", "P")
    assert "Recommendation" in pages[small + 1]  # the text after it is back on a portrait page
    with pikepdf.open(pdf) as document:
        landscape = document.pages[first].MediaBox
        assert [round(float(x)) for x in landscape] == [0, 0, 842, 595]


def test_every_page_after_the_cover_has_its_page_number(turned: tuple[Path, Path]) -> None:
    pdf, _ = turned
    pages = _pages(pdf)
    for number, text in enumerate(pages[1:], start=2):
        assert f"Page {number} of {len(pages)}" in text, number


def test_the_footer_is_centred_on_the_landscape_page(turned: tuple[Path, Path]) -> None:
    from clients import run

    pdf, _ = turned
    html = run("pdftotext", "-bbox", "-f", "5", "-l", "5", str(pdf), "-").stdout
    words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">'
                       r"(Page|of|14)</word>", html)
    footer = [word for word in words if float(word[1]) > 595 - 45]  # the foot of the page
    assert [word[3] for word in footer] == ["Page", "of", "14"]
    left, right = float(footer[0][0]), float(footer[-1][2])
    assert abs((left + right) / 2 - 842 / 2) < 2


def test_the_turned_file_passes_the_checks(turned: tuple[Path, Path]) -> None:
    pdf, _ = turned
    assert pdfua_errors(pdf) == []
    assert tagging_problems(pdf) == []
    assert qpdf_check(pdf).returncode == 0


def _document(*blocks: object, contents: bool = False) -> Document:
    table = Table("Turned", (Column("Area"), Column("Count")), (TableRow(("Kent", "1")),),
                  orientation="landscape")
    children = tuple(table if block == "T" else Paragraph(runs(str(block))) for block in blocks)
    return assign_numbers(Document(Metadata(title="Landscape"), (
        Cover("Landscape"), *((Contents(),) if contents else ()),
        Section("Only", children=children))))


@pytest.mark.parametrize(("blocks", "contents", "expected"), [
    (("Before.", "T", "T", "After."), False, "PPLP"),  # two in a row share their page
    (("T", "After."), True, "PPLP"),  # the heading turns with it: no near-empty page
    (("Before.", "T"), False, "PPL"),  # the document ends on it: no empty page after
])
def test_no_empty_page_comes_of_a_turn(tmp_path: Path, blocks: tuple[str, ...], contents: bool,
                                       expected: str) -> None:
    path = tmp_path / "small.pdf"
    path.write_bytes(render_pdf(_document(*blocks, contents=contents)))
    assert "".join(_sizes(path)) == expected
    assert all(text.strip() for text in _pages(path))


def _sections(docx: Path) -> list[etree._Element]:
    with zipfile.ZipFile(io.BytesIO(docx.read_bytes())) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    return body.xpath("//w:sectPr", namespaces=NS)


def test_word_sets_the_table_between_section_breaks(turned: tuple[Path, Path]) -> None:
    _, docx = turned
    sections = _sections(docx)
    orients = [s.xpath("string(w:pgSz/@w:orient)", namespaces=NS) or "portrait" for s in sections]
    assert orients == ["portrait", "landscape", "portrait", "landscape", "portrait"]
    sizes = [(int(s.xpath("string(w:pgSz/@w:w)", namespaces=NS)),
              int(s.xpath("string(w:pgSz/@w:h)", namespaces=NS))) for s in sections]
    assert sizes[1] == (sizes[0][1], sizes[0][0]) and sizes[1][0] > sizes[1][1]
    # only the first section (the cover's) has a different first page: every later section's
    # first page has its footer
    assert [bool(s.xpath("w:titlePg", namespaces=NS)) for s in sections] == [
        True, False, False, False, False]
    # the breaks are in paragraphs of their own, the landscape ones right after the tables' text
    assert all(s.getparent().tag == f"{{{W}}}pPr" for s in sections[:-1])


def test_libreoffice_lays_the_word_file_out_as_the_pdf(turned: tuple[Path, Path],
                                                       tmp_path: Path) -> None:
    pdf, docx = turned
    converted = libreoffice_to_pdf(docx, tmp_path)
    assert _sizes(converted) == _sizes(pdf)


def test_orientation_is_portrait_or_landscape_at_its_line() -> None:
    text = (ROOT / "content" / "tables.yaml").read_text(encoding="utf-8")
    marked = text.replace("    kind: district_comparison\n",
                          "    kind: district_comparison\n    orientation: landscape\n", 1)
    specs = parse_table_specs(marked)
    assert specs["recorded_crime_by_district"].orientation == "landscape"
    assert {specs[i].orientation for i in specs if i != "recorded_crime_by_district"} == {
        "portrait"}
    wrong = text.replace("    kind: district_comparison\n",
                         "    kind: district_comparison\n    orientation: sideways\n", 1)
    with pytest.raises(InputError) as raised:
        parse_table_specs(wrong)
    (problem,) = raised.value.problems
    line = text[:text.index("    kind: district_comparison\n")].count("\n") + 2
    assert f"line {line}" in str(problem) and "sideways" in str(problem)
    assert "'portrait', 'landscape'" in str(problem)


def _mark(project: Path, value: str) -> int:
    """Mark the district table of the bundled project's specs with ``orientation: value``;
    the line it is written on."""
    specs = project / "content" / "tables.yaml"
    text = specs.read_text(encoding="utf-8")
    anchor = "  recorded_crime_by_district:"
    at = text.index("    kind: district_comparison\n", text.index(anchor))
    specs.write_text(text[:at] + f"    orientation: {value}\n" + text[at:], encoding="utf-8")
    return text[:at].count("\n") + 1


def test_the_bundled_project_with_a_landscape_spec(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Built end to end: the district table's pages are landscape in the PDF and in the .docx
    (LibreOffice), the rest portrait; a misspelt orientation is exit 2 at its line."""
    from variants.variant_build import build, variant_project

    from assessment_doc.cli import main

    project = variant_project(tmp_path / "project")
    _mark(project, "landscape")
    built = build(project, "--format", "both")
    (pdf,) = built.out.glob("*.pdf")
    (docx,) = built.out.glob("*.docx")
    pages, sizes = _pages(pdf), _sizes(pdf)
    caption = re.search(r"Table \d+: Total recorded crime", pdf_text(pdf)).group(0)
    turned = [i for i, size in enumerate(sizes) if size == "L"]
    assert turned == list(range(turned[0], turned[-1] + 1))  # one run of landscape pages
    assert caption in pages[turned[0]] and sizes[turned[0] - 1] == sizes[turned[-1] + 1] == "P"
    orients = [s.xpath("string(w:pgSz/@w:orient)", namespaces=NS) for s in _sections(docx)]
    assert orients.count("landscape") == 1
    assert _sizes(libreoffice_to_pdf(docx, tmp_path / "lo")).count("L") >= 1

    wrong = variant_project(tmp_path / "wrong")
    line = _mark(wrong, "sideways")
    out = tmp_path / "wrong-out"
    capsys.readouterr()
    assert main(["build", str(wrong), "-o", str(out), "--format", "pdf"]) == 2
    told = capsys.readouterr().err
    assert f"content/tables.yaml, line {line}" in told and "sideways" in told
    assert "Traceback" not in told
    assert not out.exists() or not list(out.glob("*.pdf"))
