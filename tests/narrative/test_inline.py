"""Links: only web pages (http, https) and e-mail addresses (mailto) may go into the document;
any other link is a problem at its line, never kept silently as a link or as text."""

from __future__ import annotations

import pytest

from assessment_doc.model import Note, Paragraph, Run
from assessment_doc.narrative.inline import allowed_link

from .helpers import FILE, first_block, marker, only_problem, problems_of, render_text

EXPECTED = ("(expected a link to a web page, [text](https://…) or [text](http://…), to an "
            "e-mail address, [name](mailto:name@example.org), or to a table or figure of the "
            "document, [](#table:<id>) or [](#figure:<id>))")


@pytest.mark.parametrize("href", [
    "https://www.kent.police.uk/", "http://www.maidstone.org.uk/", "HTTPS://EXAMPLE.ORG",
    "https://example.org/a%20b?q=1#part", "mailto:clerk@maidstone.gov.uk",
])
def test_web_and_e_mail_addresses_are_allowed(href):
    assert allowed_link(href)


@pytest.mark.parametrize("href", [
    "javascript:alert(1)", "JavaScript:alert(1)", "vbscript:msgbox", "file:///etc/passwd",
    "file://server/share/report.docx", "data:text/html,<script>", "data:image/png;base64,AAAA",
    "ftp://example.org", "tel:01622602000", "smb://server/share", "//example.org/page",
    "page.html", "../secret.pdf", "#section-2", "", "https://", "http:example.org", "mailto:",
    "java%0Ascript:alert(1)", "http://[::1",
])
def test_other_links_are_not(href):
    assert not allowed_link(href)


def test_an_allowed_link_is_a_link_run():
    assert first_block("See [the plan](https://example.org/plan).") == Paragraph((
        Run("See "), Run("the plan", link="https://example.org/plan"), Run(".")))
    assert first_block("<mailto:clerk@example.org>") == Paragraph((
        Run("mailto:clerk@example.org", link="mailto:clerk@example.org"),))


@pytest.mark.parametrize(("body", "shown"), [
    ("[x](javascript:alert(1))", "'javascript:alert(1)'"),
    ("[the file](file:///C:/Users/clerk/report.docx)", "'file:///C:/Users/clerk/report.docx'"),
    ("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
     "'data:text/html;base64,PHNjcmlwdD5hbGVyd…'"),
    ("<javascript:alert(1)>", "'javascript:alert(1)'"),
    ("[x](<javascript:alert(1)>)", "'javascript:alert(1)'"),
    ("[x](vbscript:msgbox)", "'vbscript:msgbox'"),
    ("[x](ftp://example.org/data.csv)", "'ftp://example.org/data.csv'"),
    ("[the annex](annex.pdf)", "'annex.pdf'"),
])
def test_any_other_link_is_a_problem_at_its_line(body, shown):
    assert only_problem(body) == (
        f"content/02-total-crime.md, line 5: the link {shown} is not a web address or an e-mail "
        f"address {EXPECTED}")


def test_a_reference_link_is_reported_where_it_is_used():
    body = "Intro.\n\nSee [the page][p] and\n[again][p].\n\n[p]: javascript:alert(1)\n"
    assert [problem.split(":")[0] for problem in problems_of(body)] == [
        "content/02-total-crime.md, line 7", "content/02-total-crime.md, line 8"]


def test_links_are_checked_in_lists_quotes_headings_and_footnotes():
    body = ("## [Heading](file:///h)\n\n- [item](file:///i)\n\n> [quote](file:///q)\n\n"
            "Text.[^n]\n\n[^n]: See [note](file:///n).\n")
    lines = [problem.split(":")[0] for problem in problems_of(body)]
    assert lines == [f"content/02-total-crime.md, line {n}" for n in (5, 7, 9, 13)]


def test_every_problem_of_a_file_is_reported_not_only_the_first_link():
    assert len(problems_of("[a](file:///a) [b](javascript:b)\n\n![c](c.png)")) == 3


def test_a_footnote_with_an_allowed_link_keeps_it():
    section = render_text("Text.[^n]\n\n[^n]: See [the plan](https://example.org).\n").section
    assert section.children[1] == Note(
        (marker(1), Run(" See "), Run("the plan", link="https://example.org"), Run(".")),
        key=f"{FILE}#1")
