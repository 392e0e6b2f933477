"""How full each page of the bundled Appendix's PDF is, measured from the PDF itself.

A page's fullness is how far down its text frame the lowest word reaches (poppler's
``pdftotext -bbox``; the "Page X of Y" footer is below the frame and not counted): a chart is
always followed by its caption, so the lowest word is also below the lowest picture. The PDF's
outline says where each level-1 section starts.

The target (issue 15): at most :data:`MOST_PAGES` pages, and every page at least
:data:`LEAST_FULL` full except the cover, the contents, a page followed by the start of a level-1
section, and the last page (nothing follows it to fill it). Run as a script on any PDF of ours to
print the table: ``python tests/test_page_fullness.py out/x.pdf``.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader

MOST_PAGES = 32
LEAST_FULL = 0.60
_MARGIN_PT = 22.0 * 72 / 25.4
"""The page margins (house style: 22 mm) in points."""

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>')


@dataclass(frozen=True)
class PageFullness:
    """One page: how full it is, and why it may be less full than the rest."""

    number: int
    fullness: float
    """Depth of the lowest word below the top margin, as a share of the text frame's height."""
    exempt: str = ""
    """Why the page need not be full ('cover', 'contents', 'before 4 Anti-Social …', 'last')."""


def page_fullness(pdf: Path) -> list[PageFullness]:
    """Every page of ``pdf`` with its fullness and exemption."""
    import subprocess

    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    starts = _level_one_starts(pdf)
    pages = _PAGE.findall(boxes)
    measured = []
    for number, (_, height, words) in enumerate(pages, start=1):
        frame_bottom = float(height) - _MARGIN_PT
        lowest = max((float(y_max) for _, y_max, _ in _WORD.findall(words)
                      if float(y_max) <= frame_bottom + 1), default=_MARGIN_PT)
        fullness = (lowest - _MARGIN_PT) / (float(height) - 2 * _MARGIN_PT)
        text = " ".join(unescape(word) for _, _, word in _WORD.findall(words))
        if number == 1:
            exempt = "cover"
        elif text.startswith("Contents") or number < min(starts, default=0):
            exempt = "contents"
        elif number + 1 in starts:
            exempt = f"before {starts[number + 1]}"
        elif number == len(pages):
            exempt = "last"
        else:
            exempt = ""
        measured.append(PageFullness(number, fullness, exempt))
    return measured


def _level_one_starts(pdf: Path) -> dict[int, str]:
    """Page number -> title of the level-1 section (top-level bookmark) that starts on it."""
    reader = PdfReader(pdf)
    return {reader.get_destination_page_number(entry) + 1: entry.title
            for entry in reader.outline if not isinstance(entry, list)}


def fullness_table(pages: list[PageFullness]) -> str:
    """The measurements as a Markdown table, one row a page."""
    lines = ["| page | full | exempt |", "| ---: | ---: | --- |"]
    lines += [f"| {p.number} | {p.fullness:.0%} | {p.exempt} |" for p in pages]
    return "\n".join(lines)


def too_empty(pages: list[PageFullness]) -> list[PageFullness]:
    return [p for p in pages if not p.exempt and p.fullness < LEAST_FULL]


@pytest.fixture(scope="module")
def bundled_pages(tmp_path_factory: pytest.TempPathFactory) -> list[PageFullness]:
    from bundled_build import bundled_build

    return page_fullness(bundled_build(tmp_path_factory).pdf)


def test_the_bundled_appendix_fits_its_page_budget(bundled_pages: list[PageFullness]) -> None:
    print("\n" + fullness_table(bundled_pages))
    assert len(bundled_pages) <= MOST_PAGES


def test_no_page_of_the_bundled_appendix_is_left_less_than_60_percent_full(
        bundled_pages: list[PageFullness]) -> None:
    print("\n" + fullness_table(bundled_pages))
    assert too_empty(bundled_pages) == []


def test_the_measure_sees_a_short_page_and_a_full_one(tmp_path: Path) -> None:
    """Checked on a PDF whose pages are known: a cover, one page with a line of text at its top
    (about 2% full) and one filled to its foot, each of those two starting a level-1 section."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "known.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    for number in (1, 2, 3):
        canvas.drawString(_MARGIN_PT, A4[1] - _MARGIN_PT - 10, f"Line at the top of page {number}")
        if number > 1:
            canvas.bookmarkPage(f"page{number}")
            canvas.addOutlineEntry(f"{number} Section", f"page{number}", level=0)
        if number == 3:
            canvas.drawString(_MARGIN_PT, _MARGIN_PT + 2, "Line at the foot")
        canvas.showPage()
    canvas.save()
    pages = page_fullness(path)
    assert [p.exempt for p in pages] == ["cover", "before 3 Section", "last"]
    assert pages[1].fullness == pytest.approx(10 / (A4[1] - 2 * _MARGIN_PT), abs=0.01)
    assert pages[2].fullness == pytest.approx(1.0, abs=0.01)


if __name__ == "__main__":
    measured = page_fullness(Path(sys.argv[1]))
    print(fullness_table(measured))
    print(f"{len(measured)} pages; less than {LEAST_FULL:.0%} full and not exempt: "
          f"{[p.number for p in too_empty(measured)]}")
