"""The house style both renderers share: page, type sizes and colours.

Colours are chosen for contrast on white (all text colours >= 7:1, the table header fill and the
recommendation fill keep black text above 12:1).
"""

from __future__ import annotations

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
RECOMMENDATION_BORDER = "#BF9000"

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
