"""A title longer than a Word document property holds (255 characters) is shortened in the
property only, at a word, with an ellipsis; the cover keeps the whole title."""

from __future__ import annotations

import io

import docx

from assessment_doc.model import Cover, Document, Metadata, Paragraph, Section, runs
from assessment_doc.render.docx import CORE_PROPERTY_LIMIT, core_property, render_docx

LONG_TITLE = "Strategic Assessment of crime and disorder in the borough " * 6


def test_a_long_title_is_cut_at_a_word_with_an_ellipsis() -> None:
    cut = core_property(LONG_TITLE)
    assert len(cut) <= CORE_PROPERTY_LIMIT
    assert cut.endswith("…")
    assert LONG_TITLE.startswith(cut[:-1])
    assert LONG_TITLE[len(cut) - 1] == " "  # the cut fell between words
    assert core_property("Strategic Assessment 2016-17") == "Strategic Assessment 2016-17"
    assert core_property("x" * 300) == "x" * 254 + "…"


def test_the_word_file_builds_and_its_cover_keeps_the_whole_title() -> None:
    title = LONG_TITLE.strip()
    document = Document(Metadata(title=title, partnership="P " * 200),
                        (Cover(title), Section("One", (Paragraph(runs("Text.")),))))
    word = docx.Document(io.BytesIO(render_docx(document)))
    assert word.core_properties.title == core_property(title)
    assert len(word.core_properties.author) <= CORE_PROPERTY_LIMIT
    cover = " ".join(p.text for p in word.paragraphs if p.style.name == "Title")
    assert " ".join(cover.split()) == title
