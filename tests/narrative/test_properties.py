"""Properties: whatever a clerk or the data writes, the pipeline answers with InputError only."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment_doc.errors import InputError
from assessment_doc.model import Paragraph, plain_text
from assessment_doc.narrative import literal_figures
from assessment_doc.narrative.content import parse_content_text

from .facts import FACTS
from .helpers import FRONT_MATTER, render_text

FRAGMENTS = [
    "{{", "}}", "{%", "%}", "{#", "#}", " if ", " endif ", " for ", " in ", " else ", "x",
    "recorded_crime", ".", "focus", "offences", "value", "|", " count ", " change_words ",
    "(", ")", "[", "]", "'", '"', "\n", "\n\n", "## ", "### ", "# ", "#### ", "- ", "* ",
    "1. ", "3) ", "> ", ":::", " table ", " figure ", "crime_by_district", "[^1]", "[^1]: ",
    "^[", "<b>", "</b>", "<!--", "-->", "![a](b.png)", "[a](https://x.org)", "*", "**", "_",
    "`", "\\", "&amp;", "&#0;", "Recommendation:", "    ", "\t", "---", "***", "===",
    "{{ settings.area }}", "{{ recorded_crime.focus.offences.value | count }}",
    "{{ iom.focus.reoffending_rate }}", "{% if true %}", "{% endif %}", "{% raw %}",
    "{% endraw %}", "{% for n in [1, 2] %}", "{% endfor %}", "{{ ''.__class__ }}",
    "9,178", "12.7%", "2015", "£5", "\ue000", "\x00", "\r\n", "\u2028",
]

markdownish = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=40).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=markdownish | st.text())
def test_any_body_renders_or_raises_input_error(body):
    try:
        narrative = render_text(body)
    except InputError as error:
        assert all(problem.file == "content/02-total-crime.md" for problem in error.problems)
        assert all(problem.line is None or problem.line >= 1 for problem in error.problems)
    else:
        assert narrative.section.title == "Total Recorded Crime"


@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.sampled_from(["---", "\n", "title: A", "order: 1", "order: x", "id: a",
                                      "kind: appendix", ":", "[", "{", "- ", "  ", "&a", "*a"])
                     | st.text(max_size=6), max_size=20).map("".join) | st.text())
def test_any_content_file_text_loads_or_raises_input_error(text):
    try:
        parse_content_text(text, Path("content/01-a.md"), "content/01-a.md")
    except InputError:
        pass


JS_TRIM = (
    " \t\n\v\f\r\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
"""What markdown-it trims from a paragraph's edges (JavaScript's String.trim, less U+FEFF)."""


def _as_markdown_reads_it(value: str) -> str:
    """What a value reads as once it is one paragraph's text: one line, control characters
    dropped, edges trimmed as markdown-it trims a paragraph."""
    text = re.sub(r"[\t\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+", " ", value)
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ue000\ue001]", "", text)
    return text.strip(JS_TRIM)


@settings(max_examples=400, deadline=None)
@given(value=st.text())
def test_any_value_from_data_is_printed_as_exactly_its_text(value):
    section = render_text("{{ x }}", {"x": value}).section
    expected = _as_markdown_reads_it(value)
    if not expected:
        assert section.children == ()
    else:
        (paragraph,) = section.children
        assert type(paragraph) is Paragraph
        assert all(not (r.strong or r.emphasis or r.link) for r in paragraph.runs)
        assert plain_text(paragraph.runs) == expected


@settings(max_examples=200, deadline=None)
@given(text=markdownish | st.text())
def test_the_literal_figure_check_never_fails(text):
    for warning in literal_figures(FRONT_MATTER + text, "content/02-total-crime.md", FACTS):
        assert warning.line is not None and warning.line >= 5
