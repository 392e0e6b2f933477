"""Tracing each line of filled-in Markdown back to its line in the content file.

Jinja may drop lines (a false ``{% if %}``), repeat them (a ``{% for %}``) or join them, so the
Markdown it produces does not line up with the file the clerk edits. :class:`LineMarks` is a
Jinja extension that stamps the template's own text with its source line — at the start of each
stretch of text and after each newline inside it — using two private-use characters. After
rendering, :func:`take_line_marks` removes the stamps and keeps, for every output line, the
source line of the first stamp on it (a line with none follows the line before it). Markdown
problems can then be reported at the line the clerk wrote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream

MARK_OPEN = "\ue000"
MARK_CLOSE = "\ue001"
MARK_CHARACTERS = (MARK_OPEN, MARK_CLOSE)
"""Private-use characters reserved for line stamps; content files may not contain them."""

_MARK = re.compile(f"{MARK_OPEN}(\\d+){MARK_CLOSE}")
_STRAY = re.compile(f"[{MARK_OPEN}{MARK_CLOSE}]")


@dataclass(frozen=True, slots=True)
class FilledMarkdown:
    """Markdown after placeholders are filled, with the source line of each of its lines."""

    text: str
    source_lines: tuple[int, ...]
    """``source_lines[i]`` is the 1-based line, in the content file, of output line ``i + 1``."""

    def source_line(self, index: int) -> int:
        """The file line of the 0-based output line ``index`` (clamped to the text)."""
        if not self.source_lines:
            return 1
        return self.source_lines[min(max(index, 0), len(self.source_lines) - 1)]


class LineMarks(Extension):
    """Stamp every stretch of template text with the line it was written on."""

    def filter_stream(self, stream: TokenStream) -> Iterable[Token]:
        return _stamped(stream)


def _stamped(stream: TokenStream) -> Iterator[Token]:
    for token in stream:
        if token.type == "data":
            yield Token(token.lineno, "data", _stamp(token.value, token.lineno))
        else:
            yield token


def _stamp(text: str, first_line: int) -> str:
    """``text`` with its line stamped at its start and after each newline followed by text.

    The stretch after a final newline is left unstamped when empty: the next output may come
    from a much later line (after a block that printed nothing), which stamps itself.
    """
    parts = text.split("\n")
    stamped = [
        f"{MARK_OPEN}{first_line + offset}{MARK_CLOSE}{part}"
        if offset < len(parts) - 1 or part or offset == 0 else part
        for offset, part in enumerate(parts)
    ]
    return "\n".join(stamped)


def take_line_marks(rendered: str, line_offset: int = 0) -> FilledMarkdown:
    """Remove the stamps from ``rendered``, remembering each output line's source line.

    ``line_offset`` (the lines of the file before the template) is added to every line.
    """
    lines: list[str] = []
    sources: list[int] = []
    for output_line in rendered.split("\n"):
        found = _MARK.search(output_line)
        if found:
            sources.append(line_offset + int(found.group(1)))
        else:  # placeholder output only: it starts a line after the line before
            sources.append(sources[-1] + 1 if sources else line_offset + 1)
        lines.append(_STRAY.sub("", _MARK.sub("", output_line)))
    return FilledMarkdown("\n".join(lines), tuple(sources))
