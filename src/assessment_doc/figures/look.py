"""The look of a document's charts: their colours and font, from the house style.

A project's ``style:`` (:class:`~assessment_doc.render.house_style.HouseStyle`) reaches the
charts as it reaches the other formats: the bars of the areas compared take the heading colour,
the focus area's bar the accent colour (which the style says marks the focus area), and every
word the style's font. A colour the style leaves at the house default keeps the chart's own
Okabe-Ito colour (:mod:`.palette`), so a project without ``style:`` draws the charts it always
did.

A chart colour must stand 3:1 against the white page (WCAG 1.4.11); the settings refuse a
lighter one, but a style made in Python is not checked there: such a colour is not used (the
palette's is), with a warning. The grouped chart's coloured period sits between a hollow (white)
and a black period, so its fill must also stand 3:1 against black: a house colour too dark for
that is drawn as the tint of it that does (see :func:`between_white_and_black`).

The font is used when matplotlib can find it by name; otherwise the charts keep DejaVu Sans and
the build warns. Nothing here imports matplotlib unless the style chooses a font (whose lookup
imported matplotlib's font manager already, :func:`~assessment_doc.fonts.find_family`).
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..contrast import GRAPHIC_CONTRAST, contrast_ratio, tint
from .palette import BLACK, BLUE, SERIES_STYLES, VERMILLION, WHITE, SeriesStyle

if TYPE_CHECKING:
    from ..render.house_style import HouseStyle

DEFAULT_FONT = "DejaVu Sans"
"""The charts' own font: shipped with matplotlib, so every machine draws the same glyphs."""

SETTINGS_FILE = "assessment.yaml"
"""Where a warning about the style points (the settings' ``style:``)."""


@dataclass(frozen=True, slots=True)
class ChartLook:
    """The colours and font one document's charts are drawn in."""

    others: str = BLUE
    """The bars of the areas compared (and their legend key)."""
    focus: str = VERMILLION
    """The focus area's bar (hatched and outlined in black as well)."""
    series: tuple[SeriesStyle, ...] = SERIES_STYLES
    """The periods of a grouped chart, oldest first."""
    font: str = DEFAULT_FONT
    """The family every word is set in."""
    font_files: tuple[Path, ...] = ()
    """The faces a chart writes in (regular, bold, italic), for the glyph check; () for the
    DejaVu Sans shipped with matplotlib."""
    warnings: tuple[str, ...] = ()
    """What of the style the charts could not follow, in words for the build's warnings."""

    @property
    def key(self) -> str:
        """Everything of the look a chart's bytes depend on, for the chart cache's key: the
        colours, the font's name and the SHA-256 of its files (a font updated in place draws
        other glyphs)."""
        fills = ",".join(f"{s.fill}/{s.edge}/{s.hatch}" for s in self.series)
        files = ",".join(_file_digest(path) for path in self.font_files)
        return f"{self.others};{self.focus};{fills};{self.font};{files}"


DEFAULT_LOOK = ChartLook()
"""The charts of a document without ``style:`` (and of the house style itself)."""


@functools.lru_cache(maxsize=16)
def chart_look(style: HouseStyle | None) -> ChartLook:
    """The look of the charts of a document written in ``style`` (None: the house style)."""
    if style is None:
        return DEFAULT_LOOK
    from ..render import house_style as hs

    warnings: list[str] = []
    others = _chosen(style.heading_colour, hs.HEADING_COLOUR, BLUE, "heading colour", warnings)
    focus = _chosen(style.accent_colour, hs.RECOMMENDATION_BORDER, VERMILLION, "accent colour",
                    warnings)
    look = ChartLook(others=others, focus=focus, series=_series(others))
    if style.font is not None:
        if findable(style.font.name):
            look = replace(look, font=style.font.name, font_files=(
                style.font.regular, style.font.bold, style.font.italic))
        else:
            warnings.append(f"the charts cannot use the style font '{style.font.name}' "
                            f"(matplotlib does not find it): they are drawn in {DEFAULT_FONT}")
    return replace(look, warnings=tuple(warnings))


def _chosen(colour: str, house_default: str, chart_default: str, name: str,
            warnings: list[str]) -> str:
    """The chart colour for a style colour: the chart's own for the house default, else the
    style's when it stands 3:1 on white (else the chart's own, with a warning)."""
    colour = colour.upper()
    if colour == house_default.upper():
        return chart_default
    ratio = contrast_ratio(colour, WHITE)
    if ratio < GRAPHIC_CONTRAST:
        warnings.append(f"the style's {name} {colour} has a contrast of {ratio:.2f}:1 with the "
                        f"white page, under the {GRAPHIC_CONTRAST:g}:1 a chart's bars need: "
                        f"the charts draw in {chart_default} instead")
        return chart_default
    return colour


def _series(colour: str) -> tuple[SeriesStyle, ...]:
    """The grouped chart's periods with ``colour`` (fit to sit between white and black) where
    the palette has blue."""
    fill = between_white_and_black(colour)
    return tuple(SeriesStyle(fill, s.edge, s.hatch) if s.fill == BLUE else s
                 for s in SERIES_STYLES)


def between_white_and_black(colour: str) -> str:
    """``colour`` if it stands 3:1 against black as well as white; else the least tint of it
    (mixed with white) that stands 3:1 against black (a colour 3:1 on white stays so: the
    tint stops at the first share that passes, far from white)."""
    if contrast_ratio(colour, BLACK) >= GRAPHIC_CONTRAST:
        return colour
    for step in range(99, 0, -1):  # the share of the colour, from nearly all of it down
        lighter = tint(colour, step / 100)
        if contrast_ratio(lighter, BLACK) >= GRAPHIC_CONTRAST:
            return lighter
    return tint(colour, 0.0)


def findable(family: str) -> bool:
    """Whether matplotlib finds a font of ``family`` (not its fallback)."""
    from matplotlib import font_manager

    try:
        found = font_manager.findfont(font_manager.FontProperties(family=family),
                                      fallback_to_default=False, rebuild_if_missing=False)
    except ValueError:
        return False
    names = {entry.name.lower() for entry in font_manager.fontManager.ttflist
             if entry.fname == found}
    return family.lower() in names


@functools.lru_cache(maxsize=32)
def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return f"unreadable:{path}"
