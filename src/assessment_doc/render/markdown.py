"""Markdown renderer: the document model as pandoc's Markdown, one self-contained file.

Made for the benchmark's comparison with the route a clerk would otherwise take (Markdown,
``pandoc`` to .docx, LibreOffice to PDF); it is not in :data:`~assessment_doc.render.RENDERERS`.
Headings carry their numbers, tables are pipe tables with pandoc's ``Table:`` caption line,
figures are images embedded as ``data:`` URIs with their alt text, and the contents are left
to pandoc (``--toc``). Text is escaped so that it never becomes Markdown markup.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field

from ..model import (
    BlockQuote,
    BulletList,
    Contents,
    Cover,
    Document,
    Figure,
    ListItem,
    Note,
    NumberedList,
    PageBreak,
    Paragraph,
    Recommendation,
    Runs,
    Section,
    Table,
    assign_numbers,
)
from .translator import Translator

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!$~^@])")
_LINE_START = re.compile(r"^(\s*)(?:([-+=])|(\d+)([.)]))(?=\s|$)", re.MULTILINE)


def render_markdown(document: Document) -> bytes:
    """Write the document as pandoc Markdown (UTF-8 bytes); the same model gives the same bytes."""
    translator = MarkdownTranslator()
    translator.visit(assign_numbers(document))
    return ("\n\n".join(block for block in translator.out if block) + "\n").encode("utf-8")


def escape(text: str) -> str:
    """Text as Markdown that reads back as the same text (no emphasis, links or lists)."""
    text = _SPECIAL.sub(r"\\\1", text.replace("\n", " "))
    return _LINE_START.sub(_unlisted, text)


def _unlisted(found: re.Match[str]) -> str:
    """A line start that would open a list or a heading underline, escaped: '\\-', '1\\.'."""
    indent, sign, number, after = found.groups()
    return indent + ("\\" + sign if sign else number + "\\" + after)


def _quoted(text: str) -> str:
    """A YAML or attribute value in double quotes."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


@dataclass
class MarkdownTranslator(Translator):
    """Collects Markdown blocks in ``out``, one method per node type."""

    out: list[str] = field(default_factory=list)

    def _blocks(self, blocks: tuple[object, ...]) -> list[str]:
        """The Markdown of some blocks, without adding them to ``out``."""
        outer, self.out = self.out, []
        for block in blocks:
            self.visit(block)
        made, self.out = self.out, outer
        return made

    def visit_Document(self, node: Document) -> None:
        meta = node.metadata
        self.out.append("\n".join([
            "---", f"title: {_quoted(meta.title)}", f"subtitle: {_quoted(meta.subtitle)}",
            f"author: {_quoted(meta.partnership)}", f"date: {_quoted(meta.date)}",
            f"lang: {meta.language}", "---"]))
        for child in node.children:
            self.visit(child)

    def visit_Cover(self, node: Cover) -> None:
        self.out.extend(escape(line) for line in node.lines)  # title and subtitle: front matter

    def visit_Contents(self, node: Contents) -> None:
        """pandoc writes the contents itself (``--toc``)."""

    def visit_Section(self, node: Section) -> None:
        self.out.append(f"{'#' * node.level} {escape(node.heading)} {{#{node.anchor}}}")
        for child in node.children:
            self.visit(child)

    def visit_Paragraph(self, node: Paragraph) -> None:
        self.out.append(_inline(node.runs))

    def visit_Recommendation(self, node: Recommendation) -> None:
        self.out.append(f"::: recommendation\n**{_inline(node.runs)}**\n:::")

    def visit_Note(self, node: Note) -> None:
        self.out.append(f"::: note\n{_inline(node.runs)}\n:::")

    def visit_PageBreak(self, node: PageBreak) -> None:
        self.out.append("\\newpage")

    def visit_BlockQuote(self, node: BlockQuote) -> None:
        body = "\n\n".join(self._blocks(node.blocks))
        self.out.append("\n".join(f"> {line}" if line else ">" for line in body.split("\n")))

    def visit_BulletList(self, node: BulletList) -> None:
        self.out.append("\n".join(self._item(item, "- ") for item in node.items))

    def visit_NumberedList(self, node: NumberedList) -> None:
        self.out.append("\n".join(self._item(item, f"{number}. ")
                                  for number, item in enumerate(node.items, start=node.start)))

    def _item(self, item: ListItem, marker: str) -> str:
        body = "\n\n".join(self._blocks(item.blocks))
        indent = " " * len(marker)
        lines = body.split("\n")
        return "\n".join([marker + lines[0], *(indent + line if line else "" for line in lines[1:])])

    def visit_ListItem(self, node: ListItem) -> None:
        self.out.extend(self._blocks(node.blocks))

    def visit_Table(self, node: Table) -> None:
        header = "| " + " | ".join(escape(column.title) for column in node.columns) + " |"
        rule = "|" + "|".join("---:" if column.alignment.value == "right" else ":---"
                              for column in node.columns) + "|"
        rows = []
        for row, texts in zip(node.rows, node.text_rows()):
            cells = [escape(text) for text in texts]
            if row.indent and cells:
                cells[0] = "\u2003" * row.indent + cells[0]
            if row.emphasis:
                cells = [f"**{cell}**" if cell else cell for cell in cells]
            rows.append("| " + " | ".join(cells) + " |")
        self.out.append("\n".join([header, rule, *rows, "", f"Table: {escape(node.label)}"]))
        self.out.extend(escape(note) for note in node.all_notes)
        if node.source:
            self.out.append(f"Source: {escape(node.source)}")

    def visit_Figure(self, node: Figure) -> None:
        data = base64.b64encode(node.image).decode("ascii")
        width = f"{node.width * 100:g}%"
        self.out.append(f"![{escape(node.label)}](data:image/png;base64,{data})"
                        f"{{width={width} alt={_quoted(node.alt_text)}}}")
        if node.source:
            self.out.append(f"Source: {escape(node.source)}")


def _inline(inline: Runs) -> str:
    parts = []
    for run in inline:
        text = escape(run.text)
        if run.link:
            text = f"[{text}](<{run.link}>)"
        core = text.strip()
        if core and (run.emphasis or run.strong):
            mark = ("**" if run.strong else "") + ("*" if run.emphasis else "")
            lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
            text = f"{lead}{mark}{core}{mark[::-1]}{trail}"
        parts.append(text)
    return "".join(parts)
