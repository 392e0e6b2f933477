"""Markdown, once placeholders are filled in, read into model blocks.

The parser is markdown-it-py's CommonMark preset with footnotes (mdit-py-plugins), without
tables, strikethrough, indented or fenced code (indented text is an ordinary paragraph). HTML
is recognised only to be refused. The body becomes a flat list of :class:`Part` objects —
blocks, :class:`~.directives.Placement` objects and :class:`Heading` markers — that
:mod:`.sections` then folds into sections.

What becomes what:

- paragraph -> :class:`~assessment_doc.model.Paragraph`; one starting ``Recommendation:``
  (or ``**Recommendation:**``) -> :class:`~assessment_doc.model.Recommendation`;
  one that is exactly ``::: table <id>`` / ``::: figure <id>`` -> a Placement
- ``-``/``*`` lists -> BulletList; ``1.`` lists -> NumberedList (its ``start`` kept); nested
- ``>`` quotes -> BlockQuote
- ``##`` / ``###`` -> Heading markers (level 2 / 3); ``#`` and ``####`` are errors
- ``[^1]`` footnotes -> notes keyed by footnote id (see :mod:`.sections`); not in headings
- pictures, raw HTML and horizontal rules -> errors at their line
- links to anything but ``http(s)://`` and ``mailto:`` -> errors at their line (see :mod:`.inline`)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.footnote import footnote_plugin

from ..errors import InputError, Problem
from ..model import (
    Block,
    BlockQuote,
    BulletList,
    ListItem,
    NumberedList,
    Paragraph,
    Recommendation,
    Run,
    Runs,
)
from .directives import Placement, is_directive, parse_directive
from .inline import HTML_EXPECTED, CrossReference, InlineReader
from .nesting import nesting_problems
from .source_lines import FilledMarkdown

RECOMMENDATION = re.compile(r"(?:\*\*|__)?Recommendation:")
HEADING_EXPECTED = "'## Subsection' or '### Sub-subsection'"


@dataclass(frozen=True, slots=True)
class Heading:
    """A ``##`` or ``###`` heading: where a subsection starts."""

    level: int
    title: str
    line: int


@dataclass(frozen=True, slots=True)
class Part:
    """One top-level piece of a body, with the footnotes it references (ids, first use order)."""

    item: Block | Placement | Heading
    footnotes: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class ParsedBody:
    """A body read: its parts in order, and the text of each footnote by id."""

    parts: tuple[Part, ...]
    notes: Mapping[int, Runs]
    references: tuple[CrossReference, ...] = ()
    """The cross-references to tables and figures, in order (checked by the builder)."""


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """The one Markdown parser: CommonMark, footnotes, HTML recognised (to be refused)."""
    # 8 lists (two tokens a level) and 8 quotes, as narrative/nesting.py allows, with a paragraph
    # inside, go 25 tokens deep; markdown-it's default of 20 would drop the innermost text unsaid
    parser = MarkdownIt("commonmark", {"html": True, "maxNesting": 40}).use(footnote_plugin)
    parser.disable(["table", "strikethrough"], ignoreInvalid=True)
    parser.disable(["code", "fence"])
    parser.validateLink = _every_link  # type: ignore[method-assign]
    return parser


def _every_link(url: str) -> bool:
    """Read every link as a link, so that the ones the document may not hold (``javascript:``,
    ``file:``, ``data:`` …, which markdown-it would leave as text) are reported at their line
    (:func:`.inline.allowed_link`)."""
    return True


def parse_body(filled: FilledMarkdown, file: str) -> ParsedBody:
    """Read filled-in Markdown; raise :class:`InputError` with every problem found in it.

    What was read is kept by the text, its lines and ``file``: a rebuild in the same process
    reads again only the Markdown that changed.
    """
    return _parse_body(filled, file)


@lru_cache(maxsize=128)  # the content files and rules texts of a project or two
def _parse_body(filled: FilledMarkdown, file: str) -> ParsedBody:
    tokens = markdown_parser().parse(filled.text)
    too_deep = nesting_problems(tokens, file, filled.source_line)
    if too_deep:
        raise InputError(too_deep)
    tree = SyntaxTreeNode(tokens)
    reader = BodyReader(file, filled, [])
    parts: list[Part] = []
    notes: dict[int, Runs] = {}
    for node in tree.children:
        if node.type == "footnote_block":
            notes.update(reader.footnotes(node))
        else:
            parts.extend(reader.part(node))
    if reader.problems:
        raise InputError(reader.problems)
    return ParsedBody(tuple(parts), MappingProxyType(notes), tuple(reader.references))


@dataclass
class BodyReader:
    """Turns block nodes into model blocks, collecting problems rather than stopping."""

    file: str
    filled: FilledMarkdown
    problems: list[Problem]
    references: list[CrossReference] = field(default_factory=list)

    def line(self, node: SyntaxTreeNode) -> int:
        """The content-file line where ``node`` starts."""
        return self.filled.source_line(node.map[0] if node.map else 0)

    def part(self, node: SyntaxTreeNode) -> list[Part]:
        """A top-level node as a part (none if it is refused)."""
        footnotes: list[int] = []
        if node.type == "heading":
            item: Block | Placement | Heading | None = self.heading(node, footnotes)
        elif node.type == "paragraph":
            item = self.top_paragraph(node, footnotes)
        else:
            item = self.block(node, footnotes)
        return [] if item is None else [Part(item, tuple(footnotes))]

    def heading(self, node: SyntaxTreeNode, footnotes: list[int]) -> Heading | None:
        level, line = int(node.tag[1:]), self.line(node)
        if level not in (2, 3):
            hashes = "#" * level
            why = "the section title comes from the front matter" if level == 1 else "too deep"
            self.problem(f"a '{hashes}' heading is not allowed ({why})", line, HEADING_EXPECTED)
            return None
        runs = self.runs(node, footnotes)
        if any(run.note is not None for run in runs):
            self.problem("a heading cannot have a footnote", line,
                         "the footnote reference [^1] in the text under the heading")
            return None
        title = "".join(run.text for run in runs).strip()
        if not title:
            self.problem("a heading has no text", line, HEADING_EXPECTED)
            return None
        return Heading(level, title, line)

    def top_paragraph(
        self, node: SyntaxTreeNode, footnotes: list[int]
    ) -> Paragraph | Recommendation | Placement | None:
        source = node.children[0].content if node.children else ""
        if is_directive(source):
            placement = parse_directive(source, self.file, self.line(node))
            if isinstance(placement, Problem):
                self.problems.append(placement)
                return None
            return placement
        if RECOMMENDATION.match(source):
            return Recommendation(self.runs(node, footnotes))
        return self.paragraph(node, footnotes)

    def block(self, node: SyntaxTreeNode, footnotes: list[int]) -> Block | None:
        """A block inside a section, a list item or a quote."""
        kind = node.type
        if kind == "paragraph":
            source = node.children[0].content if node.children else ""
            if is_directive(source):
                self.problem("a table or figure directive cannot be inside a list or a quote",
                             self.line(node), "the directive as a paragraph of its own")
                return None
            return self.paragraph(node, footnotes)
        if kind == "bullet_list":
            return BulletList(self.items(node, footnotes))
        if kind == "ordered_list":
            return NumberedList(self.items(node, footnotes), start=int(node.attrs.get("start", 1)))
        if kind == "blockquote":
            return BlockQuote(self.blocks(node.children, footnotes))
        if kind == "heading":
            self.problem("a heading cannot be inside a list or a quote", self.line(node),
                         HEADING_EXPECTED)
        elif kind in ("html_block", "html_inline"):
            shown = node.content.strip().split("\n")[0][:40]
            self.problem(f"raw HTML is not allowed: {shown!r}", self.line(node), HTML_EXPECTED)
        elif kind == "hr":
            self.problem("a horizontal rule is not supported", self.line(node),
                         "text, lists, quotes, headings and directives")
        else:
            self.problem(f"unsupported Markdown ({kind})", self.line(node), HTML_EXPECTED)
        return None

    def paragraph(self, node: SyntaxTreeNode, footnotes: list[int]) -> Paragraph | None:
        """A paragraph, or None when nothing printable is left in it."""
        runs = self.runs(node, footnotes)
        return Paragraph(runs) if runs else None

    def blocks(self, nodes: list[SyntaxTreeNode], footnotes: list[int]) -> tuple[Block, ...]:
        converted = (self.block(node, footnotes) for node in nodes)
        return tuple(block for block in converted if block is not None)

    def items(self, node: SyntaxTreeNode, footnotes: list[int]) -> tuple[ListItem, ...]:
        return tuple(ListItem(self.blocks(item.children, footnotes)) for item in node.children)

    def runs(self, node: SyntaxTreeNode, footnotes: list[int]) -> Runs:
        """The runs of a paragraph or heading node, noting the footnotes it references."""
        if not node.children:
            return ()
        reader = InlineReader(self.file, self.line(node), self.problems, footnotes,
                              self.references)
        return reader.runs(node.children[0])

    def footnotes(self, block: SyntaxTreeNode) -> dict[int, Runs]:
        """The text of each footnote in the footnote block, by id."""
        notes: dict[int, Runs] = {}
        for footnote in block.children:
            paragraphs: list[Runs] = []
            for child in footnote.children:
                if child.type == "paragraph":
                    paragraphs.append(self.runs(child, []))
                else:
                    self.problem("a footnote can hold only text", self.line(child),
                                 "one or more paragraphs of text")
            joined: list[Run] = []
            for runs in paragraphs:
                joined.extend((Run(" "), *runs) if joined else runs)
            notes[int(footnote.meta["id"])] = tuple(joined)
        return notes

    def problem(self, message: str, line: int, expected: str | None = None) -> None:
        self.problems.append(Problem(self.file, message, line=line, expected=expected))
