"""Colours of the charts: the Okabe-Ito colour-blind-safe palette, kept to the colours that stand
out from a white page (WCAG contrast ratio of at least 3:1 for graphics).

Okabe-Ito's orange, sky blue and yellow are too light on white (about 2.3:1, 2.3:1, 1.3:1) and
are not used. Colour never carries meaning alone: the focus area also has a hatch, an outline and
a label, and the periods of a grouped chart go from light to dark (see :data:`SERIES_STYLES`).
"""

from __future__ import annotations

from dataclasses import dataclass

BLUE = "#0072B2"
"""Okabe-Ito blue (5.2:1 on white): the bars of the areas compared."""
VERMILLION = "#D55E00"
"""Okabe-Ito vermillion (3.9:1): the focus area's bar."""
BLUISH_GREEN = "#009E73"
"""Okabe-Ito bluish green (3.4:1)."""
REDDISH_PURPLE = "#CC79A7"
"""Okabe-Ito reddish purple (3.1:1)."""
BLACK = "#000000"
"""Text, axes, outlines and reference lines."""
GRID = "#767676"
"""Grid lines: the lightest grey with 4.5:1 on white."""
WHITE = "#FFFFFF"



@dataclass(frozen=True, slots=True)
class SeriesStyle:
    """How the bars of one period of a grouped chart are drawn."""

    fill: str
    edge: str
    """The outline, and the colour of the hatch if there is one."""
    hatch: str = ""


SERIES_STYLES = (
    SeriesStyle(WHITE, BLACK),
    SeriesStyle(WHITE, BLACK, "//"),
    SeriesStyle(BLUE, BLACK),
    SeriesStyle(BLACK, BLACK),
)
"""The periods of a grouped chart, oldest first: hollow, hatched, blue, black. They darken
towards the latest, so that they read in grey print and without colour (blue and black differ
4:1 in lightness), with one sparse hatch rather than a hatch and a colour for each: four colours
and three dense hatches side by side in a narrow plot were hard to read. Every bar is outlined in
black, which is what stands against the page (21:1), the hollow bar's white fill included.
A chart of fewer periods takes the last (darkest) styles."""
FOCUS_HATCH = "///"

MINIMUM_CONTRAST = 3.0
"""WCAG 2.1 success criterion 1.4.11: graphical objects need 3:1 against adjacent colours."""


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of an sRGB colour written ``#RRGGBB``: 0 (black) to 1 (white)."""
    text = colour.lstrip("#")
    if len(text) != 6:
        raise ValueError(f"'{colour}' is not a colour written #RRGGBB")

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(text[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast_ratio(first: str, second: str = WHITE) -> float:
    """WCAG contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)),
                             reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


USED = (BLUE, VERMILLION, BLUISH_GREEN, REDDISH_PURPLE, BLACK, GRID)
"""Every colour the charts draw with (the page and the chart background are white)."""
