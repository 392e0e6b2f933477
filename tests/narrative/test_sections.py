"""A body folds into one level-1 section with ## and ### subsections."""

from __future__ import annotations

from pathlib import Path

from assessment_doc.model import Section, SectionKind, assign_numbers, iter_sections
from assessment_doc.narrative.content import parse_content_text
from assessment_doc.narrative.pipeline import render_content_file

from .facts import FACTS
from .helpers import dump, only_problem, render_text


def test_text_before_the_first_subsection_stays_in_the_level_one_section():
    body = "Intro.\n\n## Two A\n\nA.\n\n### Three\n\nDeep.\n\n## Two B\n\nB.\n"
    assert dump(render_text(body).section).split("\n") == [
        "Section[1] 'Total Recorded Crime'",
        "  Paragraph 'Intro.'",
        "  Section[2] 'Two A'",
        "    Paragraph 'A.'",
        "    Section[3] 'Three'",
        "      Paragraph 'Deep.'",
        "  Section[2] 'Two B'",
        "    Paragraph 'B.'",
    ]


def test_headings_may_hold_placeholders_and_formatting():
    section = render_text("## **Crime** in {{ settings.area }}\n").section
    assert section.children[0].title == "Crime in Maidstone"


def test_setext_headings_are_level_two_headings_too():
    assert render_text("Sub\n---\n\nText.").section.children[0].title == "Sub"


def test_a_level_three_heading_before_any_level_two_is_an_error():
    assert only_problem("Intro.\n\n### Deep") == (
        "content/02-total-crime.md, line 7: the '###' heading 'Deep' comes before any '##' "
        "heading (expected a '## Subsection' heading before '###' ones)"
    )


def test_an_empty_heading_is_an_error():
    assert "a heading has no text" in only_problem("## \n")


def test_the_level_one_section_takes_title_kind_and_id_from_the_front_matter():
    text = "---\ntitle: Sources\norder: 30\nkind: appendix\n---\nText.\n\n## Police data\n"
    content = parse_content_text(text, Path("content/30-sources.md"), "content/30-sources.md")
    section = render_content_file(content, FACTS).section
    assert (section.title, section.kind, section.id, section.level) == (
        "Sources", SectionKind.APPENDIX, "sources", 1
    )
    assert section.children[1].kind is SectionKind.APPENDIX


def test_sections_number_as_the_model_numbers_them():
    body = "## A\n\n### A1\n\n### A2\n\n## B\n"
    from assessment_doc.model import Document, Metadata

    document = assign_numbers(Document(Metadata("T"), (render_text(body).section,)))
    numbers = [s.number for s in iter_sections(document.children)]
    assert numbers == ["1", "1.1", "1.1.1", "1.1.2", "1.2"]
    assert all(isinstance(s, Section) for s in iter_sections(document.children))
