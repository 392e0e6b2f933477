"""Colour contrast as WCAG 2.2 measures it, for the colours a project's ``style:`` may choose.

Text needs a contrast ratio of at least 4.5:1 with what is behind it (success criterion 1.4.3);
graphics a reader needs to see (a rule, a border, a fill that marks something) at least 3:1 with
what is beside them (1.4.11).
"""

from __future__ import annotations

import re

TEXT_CONTRAST = 4.5
"""The least contrast ratio of text with its background."""
GRAPHIC_CONTRAST = 3.0
"""The least contrast ratio of a graphic with what is beside it."""
WHITE = "#FFFFFF"

HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
"""A colour as written in the settings: '#' and six hexadecimal digits, e.g. #1F3864."""


def contrast_ratio(first: str, second: str) -> float:
    """The contrast ratio of two colours (#RRGGBB), from 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def tint(colour: str, share: float) -> str:
    """``colour`` at ``share`` (0 to 1) over white, as #RRGGBB: a light fill of the colour."""
    channels = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 - (255 - c) * share):02X}" for c in channels)


def _luminance(colour: str) -> float:
    """WCAG's relative luminance of a #RRGGBB colour."""
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(int(colour[i:i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue
