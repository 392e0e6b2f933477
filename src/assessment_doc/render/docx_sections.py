"""Section breaks in the Word file: a table marked ``orientation: landscape`` is set on
landscape pages of its own, between a section break that ends the portrait pages before it and
one that ends its landscape pages (Word: a ``w:sectPr`` in the last paragraph of each section,
the document's last section in the body's own ``w:sectPr``).

Each section is the document's page set-up (size, margins, footers), copied from the body's
``w:sectPr``; a landscape one has ``w:orient="landscape"`` and its width and height swapped.
Only the first section keeps the different first page (``w:titlePg``: the cover has no footer),
so the page after each break has its "Page X of Y" footer.

A document that ends with a landscape table ends with its landscape section
(:func:`end_on_landscape`): a portrait section after it would hold nothing but a page with its
footer.
"""

from __future__ import annotations

import copy

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

_NOT_COPIED = ("w:titlePg", "w:pgNumType")
"""What a later section does not repeat: the cover's different first page, a restart of the
page numbers."""


def end_section(paragraph: OxmlElement, body_section: OxmlElement, *, landscape: bool,
                first: bool) -> None:
    """Make ``paragraph`` (an empty ``w:p``) the last of a section: a portrait one (the pages
    before a landscape table) or a landscape one (the table's pages). ``first``: the document's
    first break, whose section (the cover's) keeps the different first page, which the body's
    section then gives up."""
    section = copy.deepcopy(body_section)
    for name in _NOT_COPIED:
        for child in section.findall(qn(name)):
            if first and name == "w:titlePg":
                continue
            section.remove(child)
    if first:
        for child in body_section.findall(qn("w:titlePg")):
            body_section.remove(child)
    for child in section.findall(qn("w:type")):
        section.remove(child)  # no type: the next section starts on a new page
    size = section.find(qn("w:pgSz"))
    if landscape and size is not None:
        width, height = size.get(qn("w:w")), size.get(qn("w:h"))
        if width is not None and height is not None and int(width) < int(height):
            size.set(qn("w:w"), height)
            size.set(qn("w:h"), width)
        size.set(qn("w:orient"), "landscape")
    properties = paragraph.get_or_add_pPr()
    properties.append(section)


def end_on_landscape(body: OxmlElement, last_break: OxmlElement) -> None:
    """Make the landscape section ``last_break`` ends the document's last, when nothing follows
    it: the paragraph holding its break goes, and its section's properties take the place of
    the body's own ``w:sectPr`` (the portrait section that would have followed, empty)."""
    section = last_break.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
    final = body.find(qn("w:sectPr"))
    if section is None or final is None or last_break.getnext() is not final:
        return
    body.remove(last_break)
    body.replace(final, section)


def landscape_gain_pt(body_section: OxmlElement) -> float:
    """How much wider the text is on the page turned to landscape, in points: its height less
    its width (0 when the page set-up does not say)."""
    size = body_section.find(qn("w:pgSz"))
    if size is None or size.get(qn("w:w")) is None or size.get(qn("w:h")) is None:
        return 0.0
    return max(0.0, (int(size.get(qn("w:h"))) - int(size.get(qn("w:w")))) / 20)
