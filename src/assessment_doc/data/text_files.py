"""Input files read as UTF-8 text, with a message a clerk can act on when they are not."""

from __future__ import annotations

import stat
from pathlib import Path

from ..errors import Problem

UTF8_BOM = b"\xef\xbb\xbf"
SAVE_AS_UTF8 = "a file saved as UTF-8 (in Excel: Save As 'CSV UTF-8')"


MAX_TEXT_BYTES = 2**20
"""The largest settings, rules, tables, figures or manifest file read: 1 MB, some thirty times
the largest bundled one (datasets.yaml, 37 kB)."""
MAX_MARKDOWN_BYTES = 2**18
"""The largest content file read: 256 kB, twenty times the longest bundled section (13 kB).
Its placeholders are compiled whole, which takes about 800 bytes of memory for each byte of
dense ``{% set %}`` statements: 256 kB of them compile in 220 MB."""

_SYSTEM_FOLDERS = (Path("/proc"), Path("/sys"), Path("/dev"))


def read_utf8(path: Path, shown_as: str, limit: int = MAX_TEXT_BYTES) -> str | Problem:
    """The text of ``path`` (a leading BOM dropped), or the Problem that stops it being read:
    not an ordinary file, larger than ``limit`` bytes, unreadable or not UTF-8."""
    refused = unreadable(path, shown_as, limit)
    if refused is not None:
        return refused
    try:
        data = path.read_bytes()
    except OSError as error:
        return Problem(shown_as, f"cannot be read: {error.strerror}", expected="a readable file")
    return decode_utf8(data, shown_as)


def unreadable(path: Path, shown_as: str, limit: int) -> Problem | None:
    """The Problem with opening ``path`` at all, judged before a byte is read: a pipe, a device
    or a system file (``/proc/self/mem``) is never read, nor a file past ``limit`` bytes."""
    try:
        status = path.stat()
        target = path.resolve()
    except OSError as error:
        return Problem(shown_as, f"cannot be read: {error.strerror}", expected="a readable file")
    if stat.S_ISDIR(status.st_mode):
        return None  # reading it says so, as it always has
    system = next((folder for folder in _SYSTEM_FOLDERS if target.is_relative_to(folder)), None)
    if not stat.S_ISREG(status.st_mode) or system is not None:
        where = f" (a link to {target.as_posix()})" if target != path.absolute() else ""
        return Problem(shown_as, f"is not an ordinary file{where}: it is not read",
                       expected="a text file saved in the project")
    if status.st_size > limit:
        return Problem(shown_as, f"is {_size(status.st_size)}, larger than the {_size(limit)} "
                       "such a file may be", expected="a file written by hand, not an export")
    return None


def _size(count: int) -> str:
    return f"{count / 2**20:.1f} MB" if count >= 2**20 else f"{count / 2**10:.0f} kB"


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
