"""Pieces of the HTML edition's markup that need no translator state: a table's body row, the
contents and caption lists, the logo, and a PNG's size (for its ``width`` and ``height``)."""

from __future__ import annotations

import base64
import struct
from dataclasses import dataclass
from html import escape

from ..model import CellFormat, Figure, Section, Table


@dataclass(frozen=True)
class TableIds:
    name: str

    @property
    def caption(self) -> str:
        return f"{self.name}-caption"

    @property
    def notes(self) -> str:
        return f"{self.name}-notes"


def table_row(emphasis: bool, indent: int, texts: list[str], table: Table, row_headers: bool) -> str:
    cells = []
    for index, (text, column) in enumerate(zip(texts, table.columns)):
        classes = []
        if column.alignment.value == "right":
            classes.append("num")
        if index == 0 and indent:
            classes.append(f"indent-{min(indent, 3)}")
        attributes = f' class="{" ".join(classes)}"' if classes else ""
        if index == 0 and row_headers:
            cells.append(f'<th scope="row"{attributes}>{escape(text)}</th>')
        else:
            cells.append(f"<td{attributes}>{escape(text)}</td>")
    focus = ' class="focus"' if emphasis else ""
    return f"<tr{focus}>{''.join(cells)}</tr>\n"


def align(cell_format: CellFormat) -> str:
    return "" if cell_format is CellFormat.TEXT else ' class="num"'


def contents_list(sections: list[Section]) -> str:
    """Nested ordered lists of links to the headings (a deeper level inside its parent's item)."""
    out: list[str] = []
    depth = 0
    for section in sections:
        level = section.level
        if level > depth:
            out.append("<ol>\n<li>" * (level - depth))
        else:
            out.append("</li>\n" + "</ol>\n</li>\n" * (depth - level) + "<li>")
        depth = level
        out.append(f'<a href="#{section.anchor}">{escape(section.heading)}</a>')
    out.append("</li>\n</ol>\n" * depth)
    return "".join(out)


def logo(image: bytes, partnership: str) -> str:
    """The house style's logo (PNG or JPEG) above the title, named for the partnership."""
    kind = "png" if image.startswith(b"\x89PNG") else "jpeg"
    data = base64.b64encode(image).decode("ascii")
    alt = f"{partnership} logo" if partnership else "Logo"
    return f'<img class="logo" src="data:image/{kind};base64,{data}" alt="{escape(alt)}">\n'


def captions_list(title: str, captioned: list[Table | Figure]) -> str:
    """A list of tables (or figures): each caption, linked to its table or figure."""
    if not captioned:
        return ""
    kind = "table" if isinstance(captioned[0], Table) else "figure"
    items = "".join(f'<li><a href="#{kind}-{item.number}">{escape(item.label)}</a></li>\n'
                    for item in captioned)
    return f"<h3>{title}</h3>\n<ol>\n{items}</ol>\n"


def png_size(image: bytes) -> tuple[int, int]:
    """A PNG's width and height in pixels, from its header (the model checks the signature)."""
    width, height = struct.unpack(">II", image[16:24])
    return width, height


__all__ = ["TableIds", "align", "captions_list", "contents_list", "logo", "png_size", "table_row"]
