"""WordprocessingML written as elements: the few building blocks the Word renderer assembles.

python-docx's object layer is slow for thousands of cells and has no API for fields, cell
margins or bookmarks; these helpers write the XML directly, with every on/off property bare
(``<w:keepNext/>``), as Word writes it: ECMA-376 allows ``w:val="true"`` but the Open XML SDK's
validators do not.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree


def element(tag: str, **attributes: str) -> OxmlElement:
    """``<w:tag w:name="value" …/>``."""
    node = OxmlElement(tag)
    for name, value in attributes.items():
        node.set(qn(f"w:{name}"), value)
    return node


def child(parent: OxmlElement, tag: str, **attributes: str) -> OxmlElement:
    """A new element appended to ``parent``."""
    node = element(tag, **attributes)
    parent.append(node)
    return node


def run(text: str = "") -> OxmlElement:
    """A bare run element holding ``text`` (spaces kept)."""
    node = OxmlElement("w:r")
    if text:
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        node.append(t)
    return node


def tab() -> OxmlElement:
    """A run holding one tab character (to the paragraph's next tab stop)."""
    node = run()
    node.append(OxmlElement("w:tab"))
    return node


def field_start(instruction: str) -> list[OxmlElement]:
    """The runs that open a complex field: begin, instruction, separate."""
    begin, instr, separate = run(), run(), run()
    begin.append(element("w:fldChar", fldCharType="begin"))
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    instr.append(text)
    separate.append(element("w:fldChar", fldCharType="separate"))
    return [begin, instr, separate]


def field_end() -> OxmlElement:
    end = run()
    end.append(element("w:fldChar", fldCharType="end"))
    return end


def field(instruction: str, cached: str) -> list[OxmlElement]:
    """A whole complex field with its cached result, as runs: what every viewer shows until
    Word (on the reader's request) works the field out again."""
    return [*field_start(instruction), run(cached), field_end()]


def insert_in_schema_order(parent: OxmlElement, node: OxmlElement, after: frozenset[str]) -> None:
    """Insert ``node`` before the first existing child the schema orders after it (``after``:
    local names)."""
    for existing in parent:
        if etree.QName(existing).localname in after:
            existing.addprevious(node)
            return
    parent.append(node)
