"""Input files read as UTF-8 text, with a message a clerk can act on when they are not."""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem

UTF8_BOM = b"\xef\xbb\xbf"


def read_utf8(path: Path, shown_as: str) -> str | Problem:
    """The text of ``path`` (a leading BOM dropped), or the Problem that stops it being read."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return Problem(shown_as, f"cannot be read: {error.strerror}", expected="a readable file")
    return decode_utf8(data, shown_as)


def decode_utf8(data: bytes, shown_as: str) -> str | Problem:
    """``data`` as text (a leading BOM dropped), or a Problem naming the first bad byte."""
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
            expected="a file saved as UTF-8 (in Excel: Save As 'CSV UTF-8')",
        )
