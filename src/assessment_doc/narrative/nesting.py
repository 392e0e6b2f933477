"""How deep lists and quotes may nest in a content file, checked on the Markdown's tokens.

A list inside a list, or a quote inside a quote, indents its text once more. Word's list styles
here have three levels (deeper items take the third), the PDF indents each list level by 7 mm
and each quote by 10 mm: eight levels of either leave about half of the 160 mm text width, and
past that the words no longer fit on the page (the PDF's layout fails; at 200 levels nothing
could be drawn). No assessment needs more than three, so eight is a generous cap, and what goes
past it is a problem at its line, said at ``check`` as at ``build``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from markdown_it.token import Token

from ..errors import Problem

MAX_LIST_DEPTH = 8
"""Lists inside lists, counting the outermost."""
MAX_QUOTE_DEPTH = 8
"""Quotes inside quotes, counting the outermost."""

_LIST = ("list", MAX_LIST_DEPTH, "a list inside a list",
         "make the deepest items part of the level above")
_KINDS = {
    "bullet_list": _LIST,
    "ordered_list": _LIST,
    "blockquote": ("quote", MAX_QUOTE_DEPTH, "a quote ('>') inside a quote",
                   "fewer '>' at the start of the line"),
}


def nesting_problems(
    tokens: Iterable[Token], file: str, source_line: Callable[[int], int]
) -> list[Problem]:
    """A problem at the first line where lists, or quotes, nest deeper than their cap (one for
    each time they go past it); ``source_line`` turns a Markdown line into the file's line."""
    depth = {"list": 0, "quote": 0}
    problems = []
    for token in tokens:
        kind, cap, what, instead = _KINDS.get(
            token.type.removesuffix("_open").removesuffix("_close"), (None, 0, "", ""))
        if kind is None:
            continue
        depth[kind] += token.nesting
        if token.nesting > 0 and depth[kind] == cap + 1:
            line = source_line(token.map[0] if token.map else 0)
            problems.append(Problem(
                file, f"{what} goes {cap + 1} levels deep, more than the {cap} a page can lay "
                "out", line=line, expected=f"at most {cap} levels: {instead}"))
    return problems
