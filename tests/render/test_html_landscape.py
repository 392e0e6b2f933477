"""A table marked landscape prints landscape from the HTML edition too, as in the PDF and Word:
the stylesheet names a landscape page (``@page landscape``) and the table's region (its table and
notes) asks for it. Checked by printing the page with headless Chromium, whose pages are then
measured with pdfinfo and read with pdftotext."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from assessment_doc.model import Document, Section, Table
from assessment_doc.render import render_html
from assessment_doc.render.html_style import stylesheet

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def turned() -> Document:
    from fixtures.documents import fixture_document, with_landscape_tables

    return with_landscape_tables(fixture_document(), {"small_table"})


def test_the_stylesheet_names_a_landscape_page_for_print() -> None:
    css = stylesheet()
    print_rules = css[css.index("@media print"):]
    assert re.search(r"@page landscape\s*\{\s*size:\s*A4 landscape;", print_rules)
    assert re.search(r"\.landscape\s*\{\s*page:\s*landscape;\s*\}", print_rules)


def test_only_the_landscape_tables_region_and_notes_ask_for_it(turned: Document) -> None:
    html = render_html(turned).decode("utf-8")
    assert html.count('<div class="landscape">') == 1
    [small] = [t for t in _tables(turned) if t.id == "small_table"]
    assert small.all_notes or small.source  # so that its notes are there to be kept with it
    region = html[html.index('<div class="landscape">\n'):]
    assert region.startswith('<div class="landscape">\n<div class="table-scroll"')
    table, after = region.split("</table>\n</div>\n", 1)
    assert f'<table id="table-{small.number}"' in table and table.count("<table") == 1
    assert re.match(r'<div class="table-notes" id="[^"]+">\n(<p>.*</p>\n)+</div>\n</div>\n',
                    after)
    assert '<div class="landscape">' not in render_html(_portrait(turned)).decode("utf-8")


def _portrait(document: Document) -> Document:
    def walk(node: object) -> object:
        if isinstance(node, Table):
            return replace(node, orientation="portrait")
        if isinstance(node, Section):
            return replace(node, children=tuple(walk(child) for child in node.children))
        return node

    return replace(document, children=tuple(walk(b) for b in document.children))


def _tables(document: Document) -> list[Table]:
    from assessment_doc.model import iter_nodes

    return [n for n in iter_nodes(document) if isinstance(n, Table)]


@pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (apt-get install chromium)")
def test_chromium_prints_the_landscape_tables_page_landscape(turned: Document,
                                                            tmp_path: Path) -> None:
    page = tmp_path / "turned.html"
    page.write_bytes(render_html(turned))
    printed = tmp_path / "turned.pdf"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-pdf-header-footer", f"--print-to-pdf={printed}", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    pages = _page_count(printed)
    shapes = [_shape(printed, n) for n in range(1, pages + 1)]
    texts = [_text(printed, n) for n in range(1, pages + 1)]
    [small] = [t for t in _tables(turned) if t.id == "small_table"]
    holding = [n for n, text in enumerate(texts) if f"Table {small.number}:" in text]
    assert len(holding) == 1
    assert shapes[holding[0]] == "L"
    assert shapes.count("L") == 1  # the other tables, and the text around it, stay portrait
    assert shapes[holding[0] - 1] == shapes[holding[0] + 1] == "P"


def _page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))


def _shape(pdf: Path, number: int) -> str:
    """'L' when page ``number`` is wider than tall, else 'P' (from pdfinfo's page size)."""
    info = subprocess.run(["pdfinfo", "-f", str(number), "-l", str(number), str(pdf)],
                          capture_output=True, text=True, check=True)
    width, height = map(float, re.search(rf"^Page\s+{number} size:\s+([\d.]+) x ([\d.]+)",
                                         info.stdout, re.MULTILINE).groups())
    return "L" if width > height else "P"


def _text(pdf: Path, number: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
