"""The house style every renderer shares: page, type sizes and colours.

The constants are the house style's own. A project's ``style:`` settings may choose the font,
the body size, the heading and accent colours, a logo and a footer text: :class:`HouseStyle`
holds what one document is written in (the constants, where the settings chose nothing), made
by :func:`house_style_from` and carried on the document (``Metadata.style``), so every renderer
reads the same choice from the document.

Colours are chosen for contrast on white (all text colours >= 7:1, the table header fill and the
recommendation fill keep black text above 12:1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..contrast import tint
from ..fonts import FontFamily, find_family

if TYPE_CHECKING:
    from ..model import Metadata
    from ..settings import StyleSettings

PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_MM = 22.0
TEXT_WIDTH_MM = PAGE_WIDTH_MM - 2 * MARGIN_MM
"""The width text, tables and pictures are laid out in."""
TEXT_WIDTH_PT = TEXT_WIDTH_MM * 72 / 25.4
"""The same width in points, as text is measured and wrapped in."""
BODY_PT = 11.0
SMALL_PT = 9.5
TABLE_PT = 9.0
HEADING_PT = {1: 16.0, 2: 13.0, 3: 11.5}
TITLE_PT = 30.0
SUBTITLE_PT = 20.0

TEXT_COLOUR = "#1A1A1A"
HEADING_COLOUR = "#1F3864"
LINK_COLOUR = "#1F4E99"
MUTED_COLOUR = "#404040"
RULE_COLOUR = "#7F7F7F"
TABLE_HEADER_FILL = "#D9E2F3"
EMPHASIS_ROW_FILL = "#F2F2F2"
RECOMMENDATION_FILL = "#FFF2CC"
RECOMMENDATION_BORDER = "#8A6D00"
"""4.9:1 on white and 4.4:1 on the recommendation fill (the 3:1 a graphic needs, with room)."""

FIGURE_MAX_HEIGHT_MM = PAGE_HEIGHT_MM - 2 * MARGIN_MM - 30.0
"""The tallest a picture is drawn: a page's text height less room for its caption and source
(a taller chart is drawn narrower, keeping its shape, rather than cut off or refused)."""

TABLE_CELL_PADDING_PT = {"top": 2.0, "right": 4.0, "bottom": 2.5, "left": 4.0}
"""Space between a table cell's text and its borders, each side, in points (both formats): small
enough that the widest bundled table (seven columns) keeps its headers on three lines."""
TABLE_NOTES_GAP_PT = 4.0
"""Space between a table's bottom border and the notes under it."""

INDENT_MM = 4.0
"""Indent of one sub-category level in a table's first column."""

ACCENT_FILL_SHARE = 0.2
"""How much of a chosen accent colour the fills behind recommendations and the focus area's
table rows take (over white): light enough that the body text keeps at least 10:1 on it, whatever
the accent (black gives #CCCCCC, on which #1A1A1A is 10.8:1)."""


@dataclass(frozen=True, slots=True)
class HouseStyle:
    """The house style of one document; the defaults are the constants above."""

    font: FontFamily | None = None
    """The family the PDF embeds and the Word file and the web page name; None for the house
    font (Liberation Sans, or DejaVu Sans where it is not installed, in the PDF; Arial, which has
    Liberation Sans's metrics, in Word)."""
    body_pt: float = BODY_PT
    """The size of body text, in points."""
    heading_colour: str = HEADING_COLOUR
    """Headings, the title and the subtitle."""
    accent_colour: str = RECOMMENDATION_BORDER
    """The border of a recommendation."""
    recommendation_fill: str = RECOMMENDATION_FILL
    """Behind a recommendation's text."""
    focus_fill: str = EMPHASIS_ROW_FILL
    """Behind the focus area's (and the totals') rows of a table."""
    logo: bytes | None = field(default=None, repr=False)
    """The logo drawn at the top of the cover, as an 8-bit RGB PNG (flattened on white, which
    both writers embed as it is); None for none."""
    logo_name: str = ""
    """The logo's file name in the project."""
    logo_alt: str = "Logo"
    """The logo's text alternative: whose logo it is."""
    footer: str = ""
    """Text printed in every page's footer beside the page number; '' for none."""

    @property
    def font_name(self) -> str | None:
        """The family's name, or None for the house font."""
        return self.font.name if self.font is not None else None


DEFAULT = HouseStyle()
"""The house style itself: what a document without ``style:`` settings is written in."""


def style_of(metadata: Metadata) -> HouseStyle:
    """The house style a document is written in (its ``style``, else :data:`DEFAULT`)."""
    return metadata.style if metadata.style is not None else DEFAULT


def house_style_from(settings: StyleSettings | None, project_root: Path,
                     organisation: str = "") -> HouseStyle | None:
    """The house style that ``settings`` (the settings' ``style:``, already checked) choose;
    None when there are none. The font's files are looked up, the logo read (its text
    alternative names the ``organisation``)."""
    if settings is None:
        return None
    chosen: dict[str, object] = {}
    if settings.font is not None:
        chosen["font"] = find_family(settings.font)
    if settings.body_size is not None:
        chosen["body_pt"] = float(settings.body_size)
    if settings.heading_colour is not None:
        chosen["heading_colour"] = settings.heading_colour
    if settings.accent_colour is not None:
        fill = tint(settings.accent_colour, ACCENT_FILL_SHARE)
        chosen |= {"accent_colour": settings.accent_colour, "recommendation_fill": fill,
                   "focus_fill": fill}
    if settings.logo is not None:
        chosen |= {"logo": _flat_png((project_root / settings.logo).read_bytes()),
                   "logo_name": Path(settings.logo).name,
                   "logo_alt": f"{organisation} logo" if organisation else "Logo"}
    if settings.footer is not None:
        chosen["footer"] = settings.footer
    return HouseStyle(**chosen)  # type: ignore[arg-type]


def _flat_png(picture: bytes) -> bytes:
    """The picture as an 8-bit RGB PNG, transparency flattened on white: what the PDF embeds
    without decoding it (:func:`.pdf_images.png_picture`) and Word shows alike. Pillow writes no
    time or text chunks, so the same picture gives the same bytes."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(picture)) as image:
        image.load()
        rgba = image.convert("RGBA")
    flat = Image.new("RGB", rgba.size, "white")
    flat.paste(rgba, mask=rgba.getchannel("A"))
    out = io.BytesIO()
    flat.save(out, "PNG", optimize=False)
    return out.getvalue()
