"""Escaping of values inserted into narrative Markdown, so data never becomes markup.

A placeholder's value (an area name, a formatted figure, a label from data) is pasted into
Markdown before the Markdown is parsed. Every ASCII punctuation character in it is
backslash-escaped — CommonMark allows that for all of them and shows the character itself — so
``Tonbridge & Malling``, ``*``, ``_``, ``[``, ``<b>`` or a leading ``+``/``1.`` stay literal
text. Line breaks and tabs become spaces, because a value is always part of one line; control
characters, which no output format can hold, are dropped.
"""

from __future__ import annotations

import re
import string

from .source_lines import MARK_CHARACTERS

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_LINE_BREAKS = re.compile(r"[\t\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
"""Characters XML 1.0 (and so Word) cannot hold, and DEL."""


class MarkdownText(str):
    """Text a clerk wrote as Markdown outside content/ (the settings' ``contact``): printed as
    written, links and emphasis kept, on one line, like the content file's own text."""


def escape_markdown(text: str) -> str:
    """``text`` as Markdown that reads back as exactly ``text`` (line breaks as spaces);
    :class:`MarkdownText` stays Markdown."""
    written_as_markdown = isinstance(text, MarkdownText)
    text = UNPRINTABLE.sub("", _LINE_BREAKS.sub(" ", text))
    text = text.translate({ord(mark): None for mark in MARK_CHARACTERS})
    if written_as_markdown:
        return text
    return _PUNCTUATION.sub(r"\\\1", text)
