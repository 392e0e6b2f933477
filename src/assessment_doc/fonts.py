"""Installed TrueType font families, found by name, for a ``style:`` that chooses its own font.

A PDF embeds its fonts, so the family must be installed here as TrueType files (``.ttf``): a
regular, a bold, an italic and a bold italic face, which headings, emphasis and table totals
use. Fonts are looked up as matplotlib (a dependency already) finds them: the system's font
folders (fontconfig's on Linux) and the DejaVu families matplotlib ships.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class FontFamily:
    """The four TrueType files of one installed family."""

    name: str
    """The family's name as its files give it, e.g. 'DejaVu Serif'."""
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path


class FontNotFound(LookupError):
    """No installed TrueType family of that name, or one lacking a face (the message says)."""


_FACES = {"regular": (False, False), "bold": (True, False), "italic": (False, True),
          "bold_italic": (True, True)}
"""Face -> (bold, italic)."""


def find_family(name: str) -> FontFamily:
    """The installed TrueType family called ``name`` (case does not matter), with its four
    faces; :class:`FontNotFound` naming what is missing otherwise."""
    from matplotlib import font_manager  # only a project that chooses a font pays for it

    wanted = " ".join(name.split()).lower()
    entries = [entry for entry in font_manager.fontManager.ttflist
               if entry.name.lower() == wanted and entry.fname.lower().endswith(".ttf")]
    if not entries:
        raise FontNotFound(f"no TrueType font family {name!r} is installed{_like(wanted)}")
    faces = {face: _face(entries, bold, italic) for face, (bold, italic) in _FACES.items()}
    missing = [face.replace("_", " ") for face, path in faces.items() if path is None]
    if missing:
        raise FontNotFound(f"the font family {name!r} has no {' or '.join(missing)} face "
                           "installed as TrueType (.ttf); the PDF needs all four")
    return FontFamily(entries[0].name, **faces)  # type: ignore[arg-type]


def _face(entries: list[Any], bold: bool, italic: bool) -> Path | None:
    """The file of the face nearest normal (400) or bold (700) weight, upright or italic."""
    target = 700 if bold else 400
    fitting = [e for e in entries
               if (e.style != "normal") == italic and (_weight(e.weight) >= 600) == bold]
    if not fitting:
        return None
    best = min(fitting, key=lambda e: (abs(_weight(e.weight) - target), e.style, e.fname))
    return Path(best.fname)


def _weight(weight: object) -> int:
    from matplotlib.font_manager import weight_dict

    return int(weight) if isinstance(weight, int | float) else int(weight_dict.get(weight, 400))


def _like(wanted: str) -> str:
    """' (installed TrueType families include …)' with the names nearest ``wanted``; '' when
    none is near."""
    import difflib

    from matplotlib import font_manager

    names = sorted({e.name for e in font_manager.fontManager.ttflist
                    if e.fname.lower().endswith(".ttf")})
    near = difflib.get_close_matches(wanted, [n.lower() for n in names], n=3, cutoff=0.5)
    shown = [n for n in names if n.lower() in near]
    return f" (installed TrueType families include {', '.join(shown)})" if shown else ""
