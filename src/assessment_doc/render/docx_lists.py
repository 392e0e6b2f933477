"""Word list numbering: real numbering definitions, so that Word and LibreOffice number lists
themselves (and a reader's edits renumber them) rather than carry typed-in numbers."""

from __future__ import annotations

from itertools import count

from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph as WordParagraph

from .docx_xml import element

_BULLETS = ("•", "◦", "▪")
_NUMBER_FORMATS = (("decimal", "%1."), ("lowerLetter", "%2)"), ("lowerRoman", "%3."))

LIST_INDENT_MM = 7.0
"""Indent of a list's text at its first level, and of each deeper level again."""


class ListNumbering:
    """Owns the numbering part: one bullet definition, one decimal definition, and a fresh
    numbering instance per numbered list so that each list restarts at its own start."""

    def __init__(self, word: WordDocument, font: str, *, keep_existing: bool = False) -> None:
        """``keep_existing``: keep the definitions already there (a reference template's,
        which its own styles or headers may use), numbering ours after them."""
        self.numbering = word.part.numbering_part.element
        if not keep_existing:
            for existing in list(self.numbering):
                self.numbering.remove(existing)
        self.font = font
        self.ids = count(_next_id(self.numbering, "w:num", "numId"))
        first_abstract = _next_id(self.numbering, "w:abstractNum", "abstractNumId")
        self.bullet_abstract = self._abstract(first_abstract, bullet=True)
        self.decimal_abstract = self._abstract(first_abstract + 1, bullet=False)
        self.bullet_num = self._instance(self.bullet_abstract)

    def _abstract(self, abstract_id: int, *, bullet: bool) -> int:
        abstract = element("w:abstractNum", abstractNumId=str(abstract_id))
        abstract.append(element("w:multiLevelType", val="multilevel"))
        for level in range(3):
            lvl = element("w:lvl", ilvl=str(level))
            lvl.append(element("w:start", val="1"))
            number_format, text = ("bullet", _BULLETS[level]) if bullet else _NUMBER_FORMATS[level]
            lvl.append(element("w:numFmt", val=number_format))
            lvl.append(element("w:lvlText", val=text.replace("%1", f"%{level + 1}") if not bullet else text))
            lvl.append(element("w:lvlJc", val="left"))
            p_pr = OxmlElement("w:pPr")
            left = int(Mm(LIST_INDENT_MM * (level + 1)).twips)
            p_pr.append(element("w:ind", left=str(left), hanging=str(int(Mm(6).twips))))
            lvl.append(p_pr)
            if bullet:
                r_pr = OxmlElement("w:rPr")
                r_pr.append(element("w:rFonts", ascii=self.font, hAnsi=self.font, cs=self.font))
                lvl.append(r_pr)
            abstract.append(lvl)
        first_num = self.numbering.find(qn("w:num"))
        if first_num is None:
            self.numbering.append(abstract)
        else:
            first_num.addprevious(abstract)
        return abstract_id

    def _instance(self, abstract_id: int, start: int | None = None, level: int = 0) -> int:
        num_id = next(self.ids)
        num = element("w:num", numId=str(num_id))
        num.append(element("w:abstractNumId", val=str(abstract_id)))
        if start is not None:
            override = element("w:lvlOverride", ilvl=str(level))
            override.append(element("w:startOverride", val=str(start)))
            num.append(override)
        self.numbering.append(num)
        return num_id

    def new_numbered(self, start: int, level: int) -> int:
        """A numbering instance for one numbered list, starting at ``start``."""
        return self._instance(self.decimal_abstract, start=start, level=level)


def _next_id(numbering: OxmlElement, tag: str, attribute: str) -> int:
    """One more than the highest id of the ``tag`` definitions already there (1 when none is:
    a numbering instance's id 0 means "no numbering")."""
    ids = [int(node.get(qn(f"w:{attribute}"), "0")) for node in numbering.findall(qn(tag))]
    return max(ids, default=-1) + 1 if tag == "w:abstractNum" else max(ids, default=0) + 1


def number_paragraph(paragraph: WordParagraph, num_id: int, level: int) -> None:
    """Make ``paragraph`` an item of numbering instance ``num_id`` at ``level``."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id
