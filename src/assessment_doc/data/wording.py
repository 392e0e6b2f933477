"""Wording of problem messages: a written value quoted safely, the name a clerk probably meant."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


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
