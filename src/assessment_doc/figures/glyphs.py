"""Characters a chart's words use that its font cannot draw.

Matplotlib draws a character missing from the chart font (DejaVu Sans, shipped with
matplotlib) as an empty box and warns on the terminal, once a character, in words meant for
its developers. Instead, a chart's words are checked here, from its plan and without drawing
it, and the build (and ``check``) warns once, naming the characters; matplotlib's own warnings
are kept off the terminal (:func:`~.png.chart_style`). Since the check needs no drawing, a
chart taken from the cache warns as one drawn does.

The font's character map is read with fontTools (a dependency of matplotlib) from the font
files matplotlib ships, without importing matplotlib, and only when a word has a character
outside Latin-1 and the common punctuation (which DejaVu Sans has). A house style's font
(:mod:`.look`) is checked in the same way from its own files, for every character beyond ASCII.
"""

from __future__ import annotations

import functools
import importlib.util
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
"""The faces a chart writes in (names and values; bold for the focus area)."""

_KNOWN = frozenset(chr(c) for c in range(0x20, 0x7F)) | frozenset(
    chr(c) for c in range(0xA0, 0x100)) | frozenset("\u2013\u2014\u2018\u2019\u201c\u201d"
                                                      "\u2026\u2022\u20ac\u2212\u00b7")
"""Characters DejaVu Sans draws in both faces: Latin-1 and the usual punctuation."""
_ASCII = frozenset(chr(c) for c in range(0x20, 0x7F))
"""Characters any text font draws."""


def missing_characters(words: Iterable[str], font_files: Sequence[Path] = ()) -> str:
    """The characters of ``words`` the chart font cannot draw, in order of first use, each
    once (line breaks and other control characters are not drawn, so not counted).
    ``font_files``: the faces of a house font the charts use; () for DejaVu Sans."""
    files = tuple(font_files)
    known = _ASCII if files else _KNOWN
    found: dict[str, None] = {}
    for word in words:
        for character in word:
            if character in known or character in found:
                continue
            if unicodedata.category(character) in ("Cc", "Cf", "Zl", "Zp"):
                continue
            if not _drawable(character, files):
                found[character] = None
    return "".join(found)


def describe(characters: str) -> str:
    """'"中" (U+4E2D CJK UNIFIED IDEOGRAPH-4E2D) and …' for a warning."""
    named = [f'"{c}" (U+{ord(c):04X} {unicodedata.name(c, "unnamed")})' for c in characters[:8]]
    more = len(characters) - len(named)
    text = ", ".join(named)
    return text + (f" and {more} more" if more > 0 else "")


def _drawable(character: str, font_files: tuple[Path, ...] = ()) -> bool:
    return all(ord(character) in cmap for cmap in _character_maps(font_files))


@functools.cache
def _character_maps(font_files: tuple[Path, ...] = ()) -> tuple[frozenset[int], ...]:
    if not font_files:
        folder = _font_folder()
        if folder is None:
            return ()
        font_files = tuple(folder / name for name in FONT_FILES)
    from fontTools.ttLib import TTFont

    maps = []
    for path in font_files:
        try:
            with TTFont(path, lazy=True) as font:
                maps.append(frozenset(font.getBestCmap()))
        except (OSError, ValueError, KeyError):
            continue
    return tuple(maps)


def _font_folder() -> Path | None:
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"
