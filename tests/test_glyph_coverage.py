"""``check`` names, by file and line, the characters no font of the PDF can draw: those the
build would refuse at the end of its work."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixtures.small_project import NARRATIVE, SETTINGS, small_project

from assessment_doc import glyph_coverage
from assessment_doc.glyph_coverage import drawable, pdf_font_files, undrawable_in


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return small_project(tmp_path / "project")


CANNOT = "the PDF's fonts cannot draw"


def where(problems: list) -> list[tuple[str, int | None, str]]:
    return [(p.file, p.line, p.message) for p in problems]


def test_each_line_with_characters_no_font_has_is_named_once(project: Path) -> None:
    (project / "assessment.yaml").write_text(
        "# a comment in 中文 is never printed\n"
        + SETTINGS.replace("Appendix 1", '"Appendix \\u4e00"')  # a YAML escape, line 3
        + "emerging_themes:\n  - Hate crime 🚓\n", encoding="utf-8")
    (project / "content" / "02-more.md").write_text(
        "---\ntitle: 摘要\norder: 2\n---\n{# 注释: a Jinja comment #}\n<!-- 注释 -->\n"
        "Greek Αθήνα, Russian Москва, Welsh Ŵ, a dash – and € are drawn.\n\n"
        "But 中文 is not, and 摘 again is named only once.\n", encoding="utf-8")
    with (project / "data" / "recorded_crime.csv").open("a", encoding="utf-8") as csv:
        csv.write("東京,district,2014-10/2015-09,offences,1\n")
    csv_line = len((project / "data" / "recorded_crime.csv").read_text().splitlines())
    one, many = "it would print as nothing", "they would print as nothing"
    assert where(undrawable_in(project, ["recorded_crime.csv", "iom_cohort.csv"])) == [
        ("assessment.yaml", 3, f"{CANNOT} '一' (U+4E00 CJK UNIFIED IDEOGRAPH-4E00): {one}"),
        ("assessment.yaml", 8, f"{CANNOT} '🚓' (U+1F693 POLICE CAR): {one}"),
        ("content/02-more.md", 2, (f"{CANNOT} '摘' (U+6458 CJK UNIFIED IDEOGRAPH-6458) and '要' "
         f"(U+8981 CJK UNIFIED IDEOGRAPH-8981): {many}")),
        ("content/02-more.md", 9, (f"{CANNOT} '中' (U+4E2D CJK UNIFIED IDEOGRAPH-4E2D) and '文' "
         f"(U+6587 CJK UNIFIED IDEOGRAPH-6587): {many}")),
        ("data/recorded_crime.csv", csv_line, (f"{CANNOT} '東' (U+6771 CJK UNIFIED "
         f"IDEOGRAPH-6771) and '京' (U+4EAC CJK UNIFIED IDEOGRAPH-4EAC): {many}")),
    ]


def test_many_characters_on_a_line_are_counted_after_five(project: Path) -> None:
    (project / "content" / "01-summary.md").write_text(NARRATIVE + "一二三四五六七\n")
    [problem] = undrawable_in(project)
    assert problem.line == 6
    assert "'五' (U+4E94 CJK UNIFIED IDEOGRAPH-4E94) and 2 more: they would" in problem.message


def test_a_latin_project_reads_no_font(project: Path) -> None:
    glyph_coverage._pdf_coverage.cache_clear()
    assert undrawable_in(project, ["recorded_crime.csv"]) == []
    assert glyph_coverage._pdf_coverage.cache_info().misses == 0


def test_check_refuses_with_file_and_line_and_never_imports_reportlab(project: Path) -> None:
    (project / "content" / "01-summary.md").write_text(NARRATIVE + "\nEmoji 🚓 here.\n")
    probe = ("import sys; from assessment_doc.cli import main; status = main(['check', "
             f"{str(project)!r}]); assert 'reportlab' not in sys.modules, 'reportlab imported'; "
             "sys.exit(status)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            env={**os.environ, "COLUMNS": "300"}, timeout=300, check=False)
    assert result.returncode == 2, result.stderr
    assert ("content/01-summary.md, line 7: the PDF's fonts cannot draw '🚓' (U+1F693 POLICE "
            "CAR): it would print as nothing") in result.stderr
    assert "Traceback" not in result.stderr


def test_the_fonts_read_are_the_ones_the_pdf_embeds_and_agree_on_every_character() -> None:
    from reportlab.pdfbase import pdfmetrics

    from assessment_doc.render import pdf
    from assessment_doc.render.pdf_glyphs import coverage

    pdf.register_fonts()
    pdf.register_fallback_fonts()
    faces = [pdf.FONT, pdf.FONT_BOLD, pdf.FONT_ITALIC, pdf.FONT_BOLD_ITALIC,
             *pdf.FALLBACK_FACES.values()]
    embedded = {Path(pdfmetrics.getFont(face).face.filename) for face in faces}
    assert set(pdf_font_files()) == embedded
    assert glyph_coverage.LIBERATION_FOLDERS == pdf._LIBERATION_FOLDERS
    assert glyph_coverage.DEJAVU_FILES == tuple(pdf._DEJAVU_FILES.values())
    drawn = set().union(*(coverage(face) for face in faces))
    sample = [chr(c) for c in (*range(0x20, 0x3000, 7), 0x4E2D, 0x1F693, 0x2705, 0x0627)]
    assert [c for c in sample if drawable(c)] == [c for c in sample if ord(c) in drawn
                                                  or c in " \t\n\r\x0b\x0c"]


def test_files_a_loader_refuses_are_left_to_it_and_never_read(project: Path) -> None:
    (project / "content" / "02-link.md").symlink_to("/dev/zero")  # would never end
    with (project / "data" / "recorded_crime.csv").open("ab") as csv:
        csv.write("東京,district,2014-10/2015-09,offences,1\n".encode())
        csv.truncate(65 * 2**20)  # past the data files' 16 MB
    (project.parent / "outside.csv").write_text("東京\n")  # data/../../outside.csv
    assert undrawable_in(project, ["recorded_crime.csv", "../assessment.yaml",
                                   "../../outside.csv"]) == []


def test_a_decomposed_accent_is_drawn_as_the_composed_letter(project: Path) -> None:
    (project / "content" / "01-summary.md").write_text(NARRATIVE + "Dove\u0301r and Ã\u0308\n")
    assert undrawable_in(project) == []


BOMB = ("lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + "".join(f"lol{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]\n" for n in range(1, 10)))
"""Nine levels of aliases: composed and walked, a thousand million scalars."""


def test_a_yaml_bomb_is_scanned_in_its_length_never_expanded(project: Path) -> None:
    """A YAML alias is a token: the bomb's characters are read once (composing and walking
    the node tree had run for minutes). The characters in a comment are still never named."""
    (project / "assessment.yaml").write_text(
        SETTINGS + "# 中文 in a comment\n" + BOMB + 'note: "\\u4e00 and 🚓"\n', encoding="utf-8")
    started = time.process_time()
    problems = undrawable_in(project)
    assert time.process_time() - started < 2
    assert where(problems) == [("assessment.yaml", 17, (
        f"{CANNOT} '🚓' (U+1F693 POLICE CAR) and '一' (U+4E00 CJK UNIFIED IDEOGRAPH-4E00): "
        "they would print as nothing"))]  # as written, then as the escapes write


def test_a_large_data_file_is_searched_in_time_linear_in_its_size(project: Path) -> None:
    """Three thousand distinct characters no font has, one a row, in a 10 MB file: each first
    place is found searching on from the one before, never from the top."""
    ideographs = [chr(0x4E00 + n) for n in range(3000)]
    padding = "Maidstone,district,2014-10/2015-09,offences,1\n" * 200_000  # 9.2 MB of Latin
    with (project / "data" / "recorded_crime.csv").open("a", encoding="utf-8") as csv:
        csv.write(padding + "".join(f"{c},district,2014-10/2015-09,offences,1\n"
                                    for c in ideographs))
    lines = len((project / "data" / "recorded_crime.csv").read_text().splitlines())
    started = time.process_time()
    problems = undrawable_in(project, ["recorded_crime.csv"])
    assert time.process_time() - started < 3
    assert len(problems) == 3000
    assert (problems[0].line, problems[-1].line) == (lines - 2999, lines)
    assert problems[-1].message.startswith(f"{CANNOT} '{ideographs[-1]}' (U+59B7")
