"""No character is lost from the PDF without a word: the body font, then DejaVu Sans, else a
problem (exit 2) naming the character, its code point and the section it is in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from clients import pdf_fonts, pdf_text
from pdfua import Severity, validate

from assessment_doc.cli import main
from assessment_doc.errors import InputError
from assessment_doc.model import (
    Column,
    Contents,
    Document,
    Metadata,
    Paragraph,
    Run,
    Section,
    Table,
    TableRow,
    runs,
)
from assessment_doc.render.pdf import (
    FALLBACK_FACES,
    FONT,
    FONT_BOLD,
    heading_pages,
    register_fallback_fonts,
    register_fonts,
    render_pdf,
)
from assessment_doc.render.pdf_glyphs import coverage, fallback_markup

ROOT = Path(__file__).resolve().parents[2]
CHECK = "\u2713"  # ✓: DejaVu Sans has it, Liberation Sans does not
KANJI = "\u6f22"  # 漢: neither has it


def _document(*blocks: object, heading: str = "Crime overall") -> Document:
    return Document(
        Metadata(title="Glyph test", date="2017-03-01"),
        (Contents(), Section(heading, tuple(blocks))),
    )


@pytest.fixture(scope="module")
def faces() -> None:
    register_fonts()
    register_fallback_fonts()


@pytest.mark.usefixtures("faces")
def test_the_body_font_lacks_the_check_mark_and_its_fallback_has_it() -> None:
    # the premise of every other test here: with Liberation Sans (installed by .ci/run) as the
    # body font, ✓ needs the fallback and 漢 has no font at all
    assert ord(CHECK) not in coverage(FONT)
    assert ord(CHECK) in coverage(FALLBACK_FACES[FONT])
    assert ord(KANJI) not in coverage(FALLBACK_FACES[FONT])
    assert ord("£") in coverage(FONT)


@pytest.mark.usefixtures("faces")
def test_covered_text_is_only_escaped_and_a_run_of_lacking_characters_becomes_one_font_run() -> None:
    assert fallback_markup("Crime & ASB <2015> £3", FONT, "FallbackSans") == (
        "Crime &amp; ASB &lt;2015&gt; £3", ())
    made, missing = fallback_markup(f"ok {CHECK}{CHECK} & {CHECK} done", FONT_BOLD,
                                    FALLBACK_FACES[FONT_BOLD])
    assert made == (f'ok <font name="FallbackSans-Bold">{CHECK}{CHECK}</font> &amp; '
                    f'<font name="FallbackSans-Bold">{CHECK}</font> done')
    assert missing == ()
    # a separately typed accent is composed into the letter Liberation Sans has
    assert fallback_markup("Cafe\u0301 & bar", FONT, FALLBACK_FACES[FONT]) == ("Caf\u00e9 &amp; bar", ())
    made, missing = fallback_markup(f"a {KANJI}{CHECK}{KANJI}", FONT, FALLBACK_FACES[FONT])
    assert [str(char) for char in missing] == ["'漢' (U+6F22 CJK UNIFIED IDEOGRAPH-6F22)"]


def test_characters_the_body_font_lacks_are_drawn_from_the_fallback_as_text(tmp_path: Path) -> None:
    document = _document(
        Paragraph(runs(f"Plain {CHECK} ", Run(f"strong {CHECK}", strong=True), " ",
                       Run(f"emphasis {CHECK}", emphasis=True))),
        Table("Ticks", (Column("Done"),), (TableRow((f"Yes {CHECK}",)),)),
        heading=f"Checked {CHECK} items",
    )
    pdf = tmp_path / "glyphs.pdf"
    pdf.write_bytes(render_pdf(document))
    text = pdf_text(pdf, "-raw")
    assert f"Plain {CHECK} strong {CHECK} emphasis {CHECK}" in text
    assert f"Yes {CHECK}" in text
    assert text.count(f"Checked {CHECK} items") == 2  # the heading and its contents entry
    fonts = {row["name"].split("+")[-1]: row for row in pdf_fonts(pdf)}
    # each style's own fallback face: bold text stays bold, italic stays italic
    assert {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"} <= set(fonts)
    assert all(row["emb"] == "yes" and row["uni"] == "yes" for row in fonts.values())
    report = validate(str(pdf))
    assert [f.message for f in report.findings if f.severity >= Severity.WARNING] == []
    assert render_pdf(document) == pdf.read_bytes()  # still the same bytes every time


def test_a_document_the_body_font_covers_embeds_no_fallback_face(tmp_path: Path) -> None:
    pdf = tmp_path / "plain.pdf"
    pdf.write_bytes(render_pdf(_document(Paragraph(runs("Crime fell by 2.5% – £3 → 4")))))
    assert not any("DejaVu" in row["name"] for row in pdf_fonts(pdf))


def test_a_character_no_font_has_is_a_problem_naming_it_and_its_section() -> None:
    document = _document(Paragraph(runs(f"Crime in {KANJI}{KANJI} and {CHECK} fell.")),
                         Paragraph(runs(f"Again {KANJI}.")))
    with pytest.raises(InputError) as raised:
        render_pdf(document)
    problems = raised.value.problems
    assert len(problems) == 2  # one per paragraph, each character once
    first = str(problems[0])
    assert first.startswith("section '1 Crime overall': the character '漢' (U+6F22 ")
    assert f'"Crime in {KANJI}{KANJI} and {CHECK} fell."' in first
    assert "Liberation Sans, then DejaVu Sans" in first
    assert "--format docx" in first
    # the Word file's page numbers still come from the PDF's layout: no problem there
    assert heading_pages(document) == {"sec_1": 2}


def test_a_character_made_by_composing_the_text_is_found_in_its_excerpt() -> None:
    # two Hangul letters compose into one syllable (U+AC00) that neither font has
    with pytest.raises(InputError) as raised:
        render_pdf(_document(Paragraph(runs("Seoul \u1100\u1161 office"))))
    assert "'가' (U+AC00 HANGUL SYLLABLE GA) in \"Seoul 가 office\"" in str(raised.value)


def test_the_command_line_refuses_the_pdf_and_writes_nothing(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "assessment.yaml", project)
    shutil.copytree(ROOT / "data", project / "data")
    shutil.copytree(ROOT / "content", project / "content")
    chapter = project / "content" / "02-total-recorded-crime.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        "This section looks at crime as a whole.",
        f"This section looks at crime as a whole {KANJI} {CHECK}.", 1), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(project), "-o", str(out), "--format", "pdf"]) == 2
    err = capsys.readouterr().err
    assert "1 problem(s) found; nothing was written." in err
    assert "section '2.1 Total Recorded Crime in Maidstone" in err
    assert "U+6F22" in err and "U+2713" not in err  # ✓ is drawn from the fallback
    assert not out.exists()
