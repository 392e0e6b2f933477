"""Input files read as UTF-8 text, with a message a clerk can act on when they are not."""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem

UTF8_BOM = b"\xef\xbb\xbf"
SAVE_AS_UTF8 = "a file saved as UTF-8 (in Excel: Save As 'CSV UTF-8')"


def read_utf8(path: Path, shown_as: str) -> str | Problem:
    """The text of ``path`` (a leading BOM dropped), or the Problem that stops it being read."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return Problem(shown_as, f"cannot be read: {error.strerror}", expected="a readable file")
    return decode_utf8(data, shown_as)


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_utf8(data: bytes, shown_as: str) -> str | Problem:
    """``data`` as text (a leading BOM dropped), or a Problem naming the first bad byte."""
    not_utf8 = utf16_or_binary(data, shown_as)
    if not_utf8 is not None:
        return not_utf8
    body = data.removeprefix(UTF8_BOM)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + len(data) - len(body)
        return Problem(
            shown_as,
            f"is not UTF-8 text: byte 0x{body[error.start]:02X} at byte offset {offset} "
            "cannot be read",
            line=body.count(b"\n", 0, error.start) + 1,
            expected=SAVE_AS_UTF8,
        )


def utf16_or_binary(data: bytes, shown_as: str) -> Problem | None:
    """The Problem if ``data`` is UTF-16 or not text at all, else None.

    UTF-16 (Excel's 'Unicode Text') starts with its byte-order mark or has a zero byte beside
    each letter; any other zero byte means the file is not text at all."""
    if not data.startswith(UTF16_BOMS) and b"\x00" not in data:
        return None
    if data.startswith(UTF16_BOMS) or data[:200].count(b"\x00") * 3 >= len(data[:200]):
        return Problem(shown_as, "is UTF-16 text, not UTF-8", line=1, expected=SAVE_AS_UTF8)
    offset = data.index(b"\x00")
    return Problem(shown_as, f"is not text: it holds a zero byte at byte offset {offset}",
                   line=data.count(b"\n", 0, offset) + 1, expected=SAVE_AS_UTF8)
