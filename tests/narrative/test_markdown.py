"""Markdown read into model blocks: paragraphs and runs, lists, quotes, footnotes, refusals."""

from __future__ import annotations

from assessment_doc.model import (
    BlockQuote,
    BulletList,
    ListItem,
    Note,
    NumberedList,
    Paragraph,
    Recommendation,
    Run,
)

from .helpers import FILE, dump, first_block, marker, only_problem, problems_of, render_text


def test_a_paragraph_keeps_strong_emphasis_and_links_as_runs():
    assert first_block(
        "Plain **strong** *emphasis* ***both*** [Kent Police](https://kent.police.uk) `code`."
    ) == Paragraph((
        Run("Plain "),
        Run("strong", strong=True),
        Run(" "),
        Run("emphasis", emphasis=True),
        Run(" "),
        Run("both", strong=True, emphasis=True),
        Run(" "),
        Run("Kent Police", link="https://kent.police.uk"),
        Run(" code."),
    ))


def test_soft_and_hard_line_breaks_become_spaces():
    assert first_block("one\ntwo  \nthree\\\nfour") == Paragraph((Run("one two three four"),))


def test_entities_and_backslash_escapes_become_their_characters():
    assert first_block("Fish &amp; chips \\*not emphasis\\*") == Paragraph(
        (Run("Fish & chips *not emphasis*"),)
    )


def test_indented_text_is_an_ordinary_paragraph_not_code():
    assert first_block("    indented text") == Paragraph((Run("indented text"),))


def test_nested_lists_keep_their_kinds_and_start_numbers():
    # A numbered list starting at 3 cannot interrupt a paragraph (CommonMark): a blank line.
    body = "- one\n\n  3. nested three\n  4. nested four\n     - deeper\n- two\n"
    assert first_block(body) == BulletList((
        ListItem((
            Paragraph((Run("one"),)),
            NumberedList((
                ListItem((Paragraph((Run("nested three"),)),)),
                ListItem((
                    Paragraph((Run("nested four"),)),
                    BulletList((ListItem((Paragraph((Run("deeper"),)),)),)),
                )),
            ), start=3),
        )),
        ListItem((Paragraph((Run("two"),)),)),
    ))


def test_a_block_quote_holds_its_paragraphs_and_lists():
    body = "> A definition *quoted*.\n>\n> - a point\n>\n> Act 1998, s.17."
    assert first_block(body) == BlockQuote((
        Paragraph((Run("A definition "), Run("quoted", emphasis=True), Run("."))),
        BulletList((ListItem((Paragraph((Run("a point"),)),)),)),
        Paragraph((Run("Act 1998, s.17."),)),
    ))


def test_a_paragraph_starting_recommendation_is_a_recommendation():
    assert first_block("Recommendation: keep **ASB** a priority.") == Recommendation(
        (Run("Recommendation: keep "), Run("ASB", strong=True), Run(" a priority."))
    )
    assert first_block("**Recommendation:** keep it.") == Recommendation(
        (Run("Recommendation:", strong=True), Run(" keep it."))
    )


def test_recommendation_later_in_a_paragraph_is_ordinary_text():
    assert isinstance(first_block("Our Recommendation: none."), Paragraph)


def test_a_footnote_becomes_a_note_at_the_end_of_the_section_that_references_it():
    body = (
        "Crime fell.[^src] More.[^two]\n\n"
        "Second paragraph.\n\n"
        "## Later\n\nText.\n\n"
        "[^src]: Source: *Kent Police*.\n"
        "[^two]: Second note.\n"
    )
    expected = (
        "Section[1] 'Total Recorded Crime'",
        "  Paragraph 'Crime fell.[1] More.[2]'",
        "  Paragraph 'Second paragraph.'",
        "  Note '[1] Source: *Kent Police*.'",
        "  Note '[2] Second note.'",
        "  Section[2] 'Later'",
        "    Paragraph 'Text.'",
    )
    assert dump(render_text(body).section).split("\n") == list(expected)


def test_a_footnote_first_referenced_in_a_subsection_goes_to_that_subsection():
    body = "Intro.\n\n## Sub\n\nSee this.[^a]\n\n### Deeper\n\nAgain.[^a]\n\n[^a]: The note."
    section = render_text(body).section
    sub = section.children[1]
    assert sub.children == (
        Paragraph((Run("See this."), marker(1))),
        Note((marker(1), Run(" The note.")), key=f"{FILE}#1"),
        sub.children[2],
    )
    assert sub.children[2].children == (Paragraph((Run("Again."), marker(1))),)


def test_an_inline_footnote_and_a_footnote_in_a_list_are_notes_too():
    body = "- item^[An inline note.]\n"
    section = render_text(body).section
    assert section.children[1] == Note((marker(1), Run(" An inline note.")), key=f"{FILE}#1")


def test_raw_html_is_refused_at_its_line():
    assert problems_of("Fine.\n\nSome <b>bold</b> and <i>it</i>.\n\n<div>\nx\n</div>") == [
        ("content/02-total-crime.md, line 7: raw HTML is not allowed: '<b>' "
        "(expected Markdown only: **bold**, *italic*, [text](https://…))"),
        ("content/02-total-crime.md, line 9: raw HTML is not allowed: '<div>' "
        "(expected Markdown only: **bold**, *italic*, [text](https://…))"),
    ]


def test_raw_html_on_a_later_line_of_a_paragraph_names_that_line():
    assert only_problem("one\ntwo\nthree <br> four").startswith(
        "content/02-total-crime.md, line 7: raw HTML is not allowed: '<br>'"
    )


def test_an_html_comment_is_refused():
    assert "raw HTML is not allowed: '<!-- note -->'" in only_problem("<!-- note -->")


def test_an_image_is_refused_with_the_figure_directive_as_the_way():
    assert only_problem("Chart:\n![trend](trend.png)") == (
        "content/02-total-crime.md, line 6: pictures cannot be put in the text "
        "(expected a figure placed with a paragraph '::: figure <id>')"
    )


def test_a_top_level_heading_in_the_body_is_refused():
    assert only_problem("Text.\n\n# Second title") == (
        "content/02-total-crime.md, line 7: a '#' heading is not allowed (the section title "
        "comes from the front matter) (expected '## Subsection' or '### Sub-subsection')"
    )


def test_a_fourth_level_heading_is_refused():
    assert "a '####' heading is not allowed (too deep)" in only_problem("## A\n\n#### D")


def test_a_horizontal_rule_is_refused():
    assert only_problem("Text.\n\n***") == (
        "content/02-total-crime.md, line 7: a horizontal rule is not supported "
        "(expected text, lists, quotes, headings and directives)"
    )
