"""Characters no document can hold, found in any text an input file gives, and named for a clerk.

XML 1.0 (and so Word) cannot hold the control characters other than tab and line breaks, the
halves of surrogate pairs or the noncharacters U+FFFE and U+FFFF; nor can a terminal print a lone
surrogate. UTF-8 files cannot contain them as they are and YAML refuses them typed in, but YAML's
escapes (``"\\v"``, ``"\\uFFFE"``, ``"\\ud800"``) and CSV cells let them in. Every string read
from an input file passes :func:`first_unprintable` where it is read, so the clerk hears of it
with the file and line, not as a failure of the Word writer at the end of a build.
"""

from __future__ import annotations

import re
import unicodedata

UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
"""What XML 1.0 cannot hold (and DEL, which prints as nothing anywhere)."""
SURROGATES = re.compile("[\ud800-\udfff]")
"""Halves of surrogate pairs: not characters at all, so no output, not even a terminal, can
write them (a value's control characters can be dropped; these cannot be made sense of)."""

_NAMES = {
    0x00: "a zero byte", 0x07: "a bell", 0x08: "a backspace", 0x0B: "a vertical tab",
    0x0C: "a form feed", 0x1B: "an escape", 0x7F: "a delete",
}

PRINTABLE_EXPECTED = "ordinary text: letters, figures, punctuation, spaces and line breaks"


def first_unprintable(text: str) -> re.Match[str] | None:
    """The first character of ``text`` that no document can hold, or None."""
    return UNPRINTABLE.search(text)


def describe(character: str) -> str:
    """``U+000B (a vertical tab)``: the character named without printing it."""
    code = ord(character)
    if code in _NAMES:
        name = _NAMES[code]
    elif 0xD800 <= code <= 0xDFFF:
        name = "half of a surrogate pair, not a character on its own"
    elif code in (0xFFFE, 0xFFFF):
        name = "a noncharacter"
    else:
        name = "a control character" if unicodedata.category(character) == "Cc" else "unprintable"
    return f"U+{code:04X} ({name})"


def unprintable_message(text: str, found: re.Match[str]) -> str:
    """What is wrong with ``text`` at ``found``, with the text before it to find it by."""
    before = UNPRINTABLE.sub("", text[max(found.start() - 30, 0):found.start()]).split("\n")[-1]
    where = f" after '{before.strip()}'" if before.strip() else " at the start of the value"
    return f"the character {describe(found.group())}{where} cannot be printed in a document"
