"""Which font draws each character of the PDF: the body font, else a fallback font, else nobody.

ReportLab draws a character its font has no glyph for as nothing at all (the text is neither
seen nor found by a search), and says nothing. So every text the PDF sets is split here into
runs: characters the body face has stay as they are; a run of characters only the fallback face
has (DejaVu Sans, which comes with matplotlib and covers far more of Unicode) is written as a
ReportLab ``<font name=…>`` run, so it stays text (selectable, searchable, tagged with its
paragraph); a character neither face has is returned to the caller to be reported, never drawn.

Each face's character map is read once per process (:func:`coverage`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics

_LAID_OUT_AS_SPACE = frozenset(" \t\n\r\x0b\x0c")
"""Characters ReportLab turns into a break between words: they need no glyph."""


@cache
def coverage(face: str) -> frozenset[int]:
    """The code points the registered TrueType face ``face`` has a glyph for (its cmap)."""
    font = pdfmetrics.getFont(face)
    return frozenset(font.face.charToGlyph)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Glyphless:
    """A character that neither the body face nor its fallback can draw."""

    char: str

    def __str__(self) -> str:
        name = unicodedata.name(self.char, "")
        code = f"U+{ord(self.char):04X}"
        return f"'{self.char}' ({code} {name})" if name else f"'{self.char}' ({code})"


def fallback_markup(text: str, face: str, fallback: str) -> tuple[str, tuple[Glyphless, ...]]:
    """``text`` as escaped ReportLab paragraph markup set in ``face``, with each run of
    characters that ``face`` lacks but ``fallback`` has in a ``<font name="fallback">`` run;
    and the characters neither has, in order of first appearance (left in the markup as they
    are: the caller must not write the PDF when there are any).

    Text that ``face`` covers entirely comes back exactly as :func:`escape` gives it, so a
    document that needs no fallback is set (and its bytes written) as without this step.
    """
    pieces, missing = face_runs(text, face, fallback)
    made = "".join(escape(piece) if used == face else f'<font name="{used}">{escape(piece)}</font>'
                   for piece, used in pieces)
    return made, missing


def text_width(text: str, face: str, fallback: str, size: float) -> float:
    """How wide ``text`` is set at ``size`` points, each run measured in the face that draws it
    (a table column sized with the body face alone would be too narrow for fallback text)."""
    pieces, _ = face_runs(text, face, fallback)
    return sum(pdfmetrics.stringWidth(piece, used, size) for piece, used in pieces)


def face_runs(text: str, face: str, fallback: str) -> tuple[list[tuple[str, str]],
                                                            tuple[Glyphless, ...]]:
    """``text`` cut into (run, face that draws it) pieces, in order, and the characters neither
    face has (drawn by nobody; they stay in a ``face`` run).

    The text is composed first (NFC): a letter typed with a separate accent ("e" and U+0301,
    as some keyboards and PDFs give it) is then the one accented letter the body face has,
    rather than a letter from one font with an accent from another placed beside it."""
    text = unicodedata.normalize("NFC", text)
    body, spare = coverage(face), coverage(fallback)
    pieces: list[tuple[str, str]] = []
    missing: dict[str, None] = {}
    for char in text:
        code = ord(char)
        used = face
        if code not in body and char not in _LAID_OUT_AS_SPACE:
            if code in spare:
                used = fallback
            else:
                missing[char] = None
        if pieces and pieces[-1][1] == used:
            pieces[-1] = (pieces[-1][0] + char, used)
        else:
            pieces.append((char, used))
    return pieces, tuple(Glyphless(char) for char in missing)
