"""Wording of problem messages: a written value quoted safely, the name a clerk probably meant, and
how many problems of one kind a file's list may hold."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ..errors import Problem

MAX_LISTED = 100
"""Problems of one kind listed for one file at most; the rest are counted in one more problem.
A record-level export read as a dataset repeats rows (or splits thousands) by the million:
wording each would take minutes and gigabytes, and a clerk needs only the first few to see what
is wrong."""


def quote(text: str, limit: int = 40) -> str:
    """``text`` in quotes for a message, shortened, with invisible characters made visible."""
    shown = text if len(text) <= limit else text[: limit - 3] + "..."
    return f"'{shown}'" if shown.isprintable() else repr(shown)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' when one of ``choices`` is close to ``word``, else ''."""
    options = list(choices)
    same_but_case = [c for c in options if c.lower() == word.lower() and c != word]
    close = same_but_case or difflib.get_close_matches(word, options, n=1, cutoff=0.75)
    return f" (did you mean '{close[0]}'?)" if close else ""


def more_problems(shown_as: str, count: int, what: str, expected: str) -> Problem:
    """The problem that counts the ``count`` rows of one kind of problem not listed."""
    rows = "row" if count == 1 else "rows"
    return Problem(shown_as, f"{count:,} more {rows} {what}; only the first {MAX_LISTED} are "
                   "listed", expected=expected)
