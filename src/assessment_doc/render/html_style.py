"""The HTML edition's stylesheet: ``html.css`` (layout, reflow down to 320 CSS pixels, print),
preceded by the document's house style (colours, font, body size) as CSS custom properties, the
only way the stylesheet reads them."""

from __future__ import annotations

from importlib.resources import files

from . import house_style as hs

HOUSE_FONTS = 'Arial, "Liberation Sans", "Helvetica Neue", Helvetica, sans-serif'
"""The house font as the web page names it (Word names Arial; the PDF embeds Liberation Sans)."""


def _properties(style: hs.HouseStyle) -> dict[str, str]:
    """CSS custom property -> its value in the document's house style (the stylesheet reads
    colours, the font and the body size only through these)."""
    font = HOUSE_FONTS if style.font_name is None else (
        f'"{_css_string(style.font_name)}", {HOUSE_FONTS}')
    return {
        "text": hs.TEXT_COLOUR,
        "heading": style.heading_colour,
        "link": hs.LINK_COLOUR,
        "muted": hs.MUTED_COLOUR,
        "rule": hs.RULE_COLOUR,
        "focus": style.heading_colour,
        "table-header": hs.TABLE_HEADER_FILL,
        "emphasis-row": style.focus_fill,
        "recommendation-fill": style.recommendation_fill,
        "recommendation-border": style.accent_colour,
        "font": font,
        "body-size": f"{style.body_pt / hs.BODY_PT * 100:g}%",
        "print-body-size": f"{style.body_pt:g}pt",
    }


def _css_string(text: str) -> str:
    """Text safe inside a CSS string in a <style> element."""
    return "".join(ch if ch.isalnum() or ch in " -_" else f"\\{ord(ch):x} " for ch in text)


def stylesheet(style: hs.HouseStyle = hs.DEFAULT) -> str:
    """The stylesheet: the house style's colours, font and body size as custom properties, then
    ``html.css``."""
    properties = "".join(f"--{name}:{value};" for name, value in _properties(style).items())
    css = files(__package__).joinpath("html.css").read_text(encoding="utf-8")
    return f":root{{{properties}}}\n{css}"
