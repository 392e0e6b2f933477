"""Footnotes are numbered through the whole document, not from 1 in each content file: the
narrative numbers a file's markers within the file and keys each footnote by file, and
:func:`~assessment_doc.model.assign_numbers` numbers them in document order."""

from __future__ import annotations

from assessment_doc.model import (
    Document,
    Metadata,
    Note,
    Paragraph,
    Run,
    Section,
    assign_numbers,
    iter_nodes,
    pformat,
)
from assessment_doc.narrative import check_content, content_paths

from .facts import FACTS, FIXTURES
from .helpers import FILE, marker, only_problem, render_text

FOOTNOTES = FIXTURES / "footnotes"


def _document(*sections: Section) -> Document:
    return Document(Metadata("Title", "Subtitle", "Partnership", "Area", "2016-03-01"), sections)


def _fixture_document() -> Document:
    check = check_content(content_paths(FOOTNOTES / "content"), FOOTNOTES, FACTS)
    assert check.errors == ()
    return _document(*(narrative.section for narrative in check.sections))


def test_each_file_numbers_its_own_footnotes_before_the_document_is_numbered():
    dump = pformat(_fixture_document())
    assert "Paragraph 'Recorded crime fell.[1] Violent crime rose.[1][2]'" in dump
    assert "Paragraph 'Re-offending fell.[1] Its cost is estimated.[2]'" in dump


def test_footnotes_run_through_the_whole_document():
    numbered = pformat(assign_numbers(_fixture_document())).split("\n")
    assert [line.strip() for line in numbered if "]" in line and "Section" not in line] == [
        "Paragraph 'Recorded crime fell.[1] Violent crime rose.[1][2]'",
        "Note '[1] Source: Kent Police.'",
        "Note '[2] Source: the Crime Survey for England and Wales.'",
        "Paragraph 'Anti-social behaviour fell too.[3]'",
        "Note '[3] Incidents reported to Kent Police and the council.'",
        "Paragraph 'Re-offending fell.[4] Its cost is estimated.[5]'",
        "Note '[4] Source: Ministry of Justice, proven re-offending statistics.[6]'",
        "Note '[5] Ministry of Justice cost model.'",
        "Note '[6] Published quarterly.'",
    ]


def test_every_marker_has_the_number_of_its_note_and_numbers_are_unique():
    numbered = assign_numbers(_fixture_document())
    notes = {node.key: node.runs[0].text for node in iter_nodes(numbered)
             if isinstance(node, Note)}
    assert sorted(notes.values()) == [f"[{n}]" for n in range(1, 7)]
    for node in iter_nodes(numbered):
        for run in getattr(node, "runs", ()):
            if run.note is not None:
                assert run.text == notes[run.note]


def test_numbering_footnotes_is_idempotent():
    numbered = assign_numbers(_fixture_document())
    assert assign_numbers(numbered) == numbered


def test_footnotes_follow_the_order_of_the_sections_not_of_the_files():
    first, second = _fixture_document().children
    numbered = pformat(assign_numbers(_document(second, first)))
    assert "Paragraph 'Re-offending fell.[1] Its cost is estimated.[2]'" in numbered
    assert "Paragraph 'Recorded crime fell.[4] Violent crime rose.[4][5]'" in numbered


def test_a_marker_whose_note_is_not_in_the_document_keeps_its_text():
    orphan = Paragraph((Run("Text."), marker(3, "content/rules.yaml")))
    numbered = assign_numbers(_document(Section("S", (orphan,))))
    assert numbered.children[0].children == (orphan,)


def test_a_repeated_marker_stays_two_markers():
    section = render_text("Twice.[^a][^a]\n\n[^a]: The note.\n").section
    assert section.children[0] == Paragraph((Run("Twice."), marker(1), marker(1)))


def test_a_note_without_a_key_is_left_as_it_is():
    note = Note((Run("[c] suppressed"),))
    assert assign_numbers(_document(Section("S", (note,)))).children[0].children == (note,)


def test_a_heading_cannot_have_a_footnote():
    assert only_problem("## Crime[^a]\n\nText.\n\n[^a]: The note.\n") == (
        f"{FILE}, line 5: a heading cannot have a footnote (expected the footnote reference "
        "[^1] in the text under the heading)")
