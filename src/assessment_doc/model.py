"""The document model: one tree of frozen nodes that every renderer writes out.

The node types form one fixed list, :data:`NODE_TYPES`; a renderer handles each of them and fails
loudly on anything else. Numbering of sections, tables, figures and footnotes is assigned once,
here (:func:`assign_numbers`), so the Word file and the PDF agree. :func:`pformat` dumps the tree
as plain text for snapshot tests. Nothing in this module knows about Word or PDF.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, replace
from enum import Enum
from numbers import Real
from typing import TYPE_CHECKING, Union

from .format import (
    format_change,
    format_count,
    format_currency,
    format_number,
    format_percent,
    format_rate,
    format_signed,
)
from .values import SUPPRESSED_NOTE, Suppressed

if TYPE_CHECKING:
    from .render.house_style import HouseStyle


# --- inline ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text with one set of inline formats."""

    text: str
    strong: bool = False
    emphasis: bool = False
    link: str | None = None
    """Target URL when the run is a hyperlink."""
    note: str | None = None
    """Set on a footnote marker (``[1]``), in the text or at the start of its :class:`Note`:
    the note's ``key``. :func:`assign_numbers` writes the note's number in the document."""
    ref: str | None = None
    """Set on a cross-reference: the key of the table or figure it points at (``table:<id>``,
    ``figure:<id>``, see :func:`target_key`). :func:`assign_numbers` writes "Table 2" as its
    text unless the writer gave words of their own; renderers link it to the target."""


def note_marker(number: int) -> str:
    """The text of a footnote marker: ``[1]``."""
    return f"[{number}]"


Runs = tuple[Run, ...]


def runs(*parts: str | Run) -> Runs:
    """Build a tuple of runs, plain strings becoming plain runs."""
    return tuple(part if isinstance(part, Run) else Run(part) for part in parts)


def plain_text(inline: Runs) -> str:
    """The text of some runs without their formatting."""
    return "".join(run.text for run in inline)


# --- blocks ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Body text."""

    runs: Runs


@dataclass(frozen=True, slots=True)
class ListItem:
    """One item of a list: its blocks (paragraphs, and nested lists)."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class BulletList:
    """An unordered list; items may hold nested lists."""

    items: tuple[ListItem, ...]


@dataclass(frozen=True, slots=True)
class NumberedList:
    """An ordered list numbered from ``start``; items may hold nested lists."""

    items: tuple[ListItem, ...]
    start: int = 1


@dataclass(frozen=True, slots=True)
class BlockQuote:
    """Quoted text, such as a legal definition, with its citation as the last paragraph."""

    blocks: tuple[Block, ...]


class Align(str, Enum):
    """Horizontal alignment of a table column."""

    LEFT = "left"
    RIGHT = "right"


class CellFormat(str, Enum):
    """How a table column's values become text (see :mod:`assessment_doc.format`)."""

    TEXT = "text"
    COUNT = "count"
    NUMBER = "number"
    RATE = "rate"
    PERCENT = "percent"
    CHANGE = "change"
    SIGNED = "signed"
    GBP = "gbp"
    RANK = "rank"


CellValue = Union[str, Real, Suppressed, None]
"""A table cell before formatting: text, a number, suppressed, or empty (None)."""


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its header text, alignment and number format."""

    title: str
    format: CellFormat = CellFormat.TEXT
    align: Align | None = None
    """Defaults to right for numbers and left for text."""

    @property
    def alignment(self) -> Align:
        if self.align is not None:
            return self.align
        return Align.LEFT if self.format is CellFormat.TEXT else Align.RIGHT


@dataclass(frozen=True, slots=True)
class TableRow:
    """A body row of a table."""

    cells: tuple[CellValue, ...]
    emphasis: bool = False
    """The focus area's row, shown in bold."""
    indent: int = 0
    """Sub-category depth: 1 for a sub-category of the row above."""


@dataclass(frozen=True, slots=True)
class Table:
    """A captioned table with one header row (the column titles), body rows, notes and source."""

    caption: str
    columns: tuple[Column, ...]
    rows: tuple[TableRow, ...]
    notes: tuple[str, ...] = ()
    source: str | None = None
    id: str | None = None
    """Stable identifier from the table spec, for cross-reference and tests."""
    number: int | None = None
    """Assigned by :func:`assign_numbers`."""
    orientation: str = "portrait"
    """"landscape": the table is set on landscape pages of its own (the spec's ``orientation``)."""

    def __post_init__(self) -> None:
        if self.orientation not in ("portrait", "landscape"):
            raise ValueError(f"table {self.caption!r}: orientation must be portrait or landscape")
        width = len(self.columns)
        for index, row in enumerate(self.rows, start=1):
            if len(row.cells) != width:
                raise ValueError(
                    f"table {self.caption!r}: row {index} has {len(row.cells)} cells, "
                    f"expected {width}"
                )

    @property
    def has_suppressed(self) -> bool:
        return any(isinstance(cell, Suppressed) for row in self.rows for cell in row.cells)

    @property
    def all_notes(self) -> tuple[str, ...]:
        """The table's notes, with the suppression note added when a cell is suppressed."""
        if self.has_suppressed and SUPPRESSED_NOTE not in self.notes:
            return (*self.notes, SUPPRESSED_NOTE)
        return self.notes

    @property
    def label(self) -> str:
        return f"Table {self.number}: {self.caption}" if self.number else self.caption

    def text_rows(self) -> list[list[str]]:
        """Every body cell as display text, formatted by its column's format."""
        return [
            [format_cell(cell, column.format) for cell, column in zip(row.cells, self.columns)]
            for row in self.rows
        ]


@dataclass(frozen=True, slots=True)
class Figure:
    """A chart or picture: PNG bytes, alt text (required), caption and source."""

    image: bytes
    alt_text: str
    caption: str
    source: str | None = None
    id: str | None = None
    width: float = 1.0
    """Share of the text width the picture takes (0-1]."""
    number: int | None = None
    """Assigned by :func:`assign_numbers`."""

    def __post_init__(self) -> None:
        if not self.alt_text.strip():
            raise ValueError(f"figure {self.caption!r} has no alt text")
        if not self.image.startswith(b"\x89PNG\r\n\x1a\n"):
            raise ValueError(f"figure {self.caption!r}: image is not a PNG")
        if not 0 < self.width <= 1:
            raise ValueError(f"figure {self.caption!r}: width must be in (0, 1]")

    @property
    def label(self) -> str:
        return f"Figure {self.number}: {self.caption}" if self.number else self.caption


@dataclass(frozen=True, slots=True)
class Recommendation:
    """A recommendation paragraph, highlighted; it closes its section."""

    runs: Runs


@dataclass(frozen=True, slots=True)
class Note:
    """A note in smaller type (a footnote, a caveat on the data)."""

    runs: Runs
    key: str | None = None
    """A footnote's key, unique in the document, which its markers carry (:attr:`Run.note`);
    None for a note no marker refers to."""


@dataclass(frozen=True, slots=True)
class PageBreak:
    """Start a new page."""


@dataclass(frozen=True, slots=True)
class Contents:
    """The table of contents: every numbered section and appendix, with page numbers."""

    title: str = "Contents"
    depth: int = 2
    """Deepest section level listed."""
    lists_of_tables_and_figures: bool = False
    """Also a "List of tables" and a "List of figures" after it (the settings' switch), each
    caption with its page."""


@dataclass(frozen=True, slots=True)
class Cover:
    """The cover page."""

    title: str
    subtitle: str = ""
    lines: tuple[str, ...] = ()
    """Further lines: the partnership, the area, the date."""


class SectionKind(str, Enum):
    """Whether a section is numbered 1, 1.1 … or an appendix (Appendix 1 …), or unnumbered."""

    NUMBERED = "numbered"
    APPENDIX = "appendix"
    UNNUMBERED = "unnumbered"


@dataclass(frozen=True, slots=True)
class Section:
    """A titled section (level 1-3) holding blocks and subsections; the title is its heading."""

    title: str
    children: tuple[Block, ...] = ()
    level: int = 1
    kind: SectionKind = SectionKind.NUMBERED
    id: str | None = None
    number: str | None = None
    """Assigned by :func:`assign_numbers`: '2', '2.1', 'Appendix 1'."""

    def __post_init__(self) -> None:
        if not 1 <= self.level <= 3:
            raise ValueError(f"section {self.title!r}: level must be 1-3, not {self.level}")

    @property
    def heading(self) -> str:
        """The heading as printed: number and title."""
        if self.number and self.kind is SectionKind.APPENDIX:
            return f"{self.number} – {self.title}"
        return f"{self.number} {self.title}" if self.number else self.title

    @property
    def anchor(self) -> str:
        """A stable identifier for bookmarks and contents links."""
        base = self.number or self.id or self.title
        return "sec_" + "".join(ch if ch.isalnum() else "_" for ch in base).strip("_").lower()


Block = Union[
    Paragraph,
    BulletList,
    NumberedList,
    BlockQuote,
    Table,
    Figure,
    Recommendation,
    Note,
    PageBreak,
    Contents,
    Cover,
    Section,
]


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the document says about itself (cover, file properties)."""

    title: str
    subtitle: str = ""
    partnership: str = ""
    area: str = ""
    date: str = ""
    """Publication date as ISO 8601 (YYYY-MM-DD); also the files' fixed timestamp."""
    language: str = "en-GB"
    period: str = ""
    """The months the data cover, earliest to latest, in words ('July 2011 - December 2015');
    '' when not known."""
    contact: Runs = ()
    """How to reach the partnership (the settings' contact, links kept); () for none."""
    open_data: str | None = None
    """The file name of the open data spreadsheet (ODS) published beside the document, which
    the HTML edition links to; None when there is none."""
    word_template: bytes | None = field(default=None, repr=False)
    """The organisation's own Word file (the settings' ``word_template``, checked): its styles,
    page, headers and footers are the Word file's; None for the house style."""
    style: HouseStyle | None = field(default=None, repr=False)
    """The house style the settings' ``style:`` chose (font, sizes, colours, logo, footer), which
    every renderer follows; None for the built-in one (see :mod:`.render.house_style`)."""

    @property
    def subject(self) -> str:
        parts = [self.subtitle, self.partnership]
        return " — ".join(part for part in parts if part)


@dataclass(frozen=True, slots=True)
class Document:
    """The whole document: metadata and top-level blocks (cover, contents, sections)."""

    metadata: Metadata
    children: tuple[Block, ...] = field(default_factory=tuple)


NODE_TYPES: tuple[type, ...] = (
    Document,
    Cover,
    Contents,
    Section,
    Paragraph,
    BulletList,
    NumberedList,
    ListItem,
    BlockQuote,
    Table,
    Figure,
    Recommendation,
    Note,
    PageBreak,
)
"""Every node type a renderer must handle (Run, Column and TableRow are parts of these)."""


# --- cell formatting ---------------------------------------------------------------------------

_FORMATTERS = {
    CellFormat.COUNT: format_count,
    CellFormat.NUMBER: format_number,
    CellFormat.RATE: format_rate,
    CellFormat.PERCENT: format_percent,
    CellFormat.CHANGE: format_change,
    CellFormat.SIGNED: format_signed,
    CellFormat.GBP: format_currency,
    CellFormat.RANK: format_count,
}


def format_cell(value: CellValue, cell_format: CellFormat) -> str:
    """A cell's display text: empty for None, text as is, numbers by the column's format."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if cell_format is CellFormat.TEXT:
        return str(value)
    return _FORMATTERS[cell_format](value)


# --- numbering ---------------------------------------------------------------------------------


@dataclass
class _Counters:
    sections: list[int] = field(default_factory=lambda: [0, 0, 0])
    appendix: int = 0
    table: int = 0
    figure: int = 0
    footnotes: frozenset[str] = frozenset()
    """The keys of the document's footnotes (its Notes with a key)."""
    notes: dict[str, int] = field(default_factory=dict)
    """Footnote key: its number, given at its first marker in document order."""


def assign_numbers(document: Document) -> Document:
    """Number sections (1, 1.1, 1.1.1; Appendix 1), tables, figures and footnotes, in document
    order. Footnotes run through the whole document: each is numbered where its first marker
    stands (in the text, or in another footnote), whichever content file it comes from; a marker
    whose note is not in the document keeps its text.

    Idempotent: numbering an already numbered document gives the same document.
    """
    footnotes = frozenset(node.key for node in iter_nodes(document)
                          if isinstance(node, Note) and node.key is not None)
    counters = _Counters(footnotes=footnotes)
    numbered = replace(document, children=tuple(_number(b, counters) for b in document.children))
    return _fill_references(numbered)


def target_key(kind: str, target_id: str) -> str:
    """The key a cross-reference names its target by: ``table:<id>`` or ``figure:<id>``."""
    return f"{kind}:{target_id}"


def reference_targets(document: Document) -> dict[str, Table | Figure]:
    """The document's tables and figures with an id, by :func:`target_key`."""
    return {target_key("table" if isinstance(node, Table) else "figure", node.id): node
            for node in iter_nodes(document)
            if isinstance(node, (Table, Figure)) and node.id is not None}


def reference_label(target: Table | Figure) -> str:
    """What a cross-reference to ``target`` prints: 'Table 2', 'Figure 3'."""
    return f"{'Table' if isinstance(target, Table) else 'Figure'} {target.number}"


_LABEL_TEXT = re.compile(r"(?:Table|Figure) \d+")


def _fill_references(document: Document) -> Document:
    """Cross-references print their target's number ('Table 2'), unless the writer gave words
    of their own; a reference whose target is not in the document keeps its text."""
    targets = reference_targets(document)

    def fill(run: Run) -> Run:
        if run.ref is None or run.ref not in targets:
            return run
        if run.text and not _LABEL_TEXT.fullmatch(run.text):
            return run
        return replace(run, text=reference_label(targets[run.ref]))

    if not any(isinstance(node, (Paragraph, Recommendation, Note))
               and any(run.ref is not None for run in node.runs)
               for node in iter_nodes(document)):
        return document
    return replace(document, children=tuple(_map_runs(b, fill) for b in document.children))


def _map_runs(block: Block, change: Callable[[Run], Run]) -> Block:
    """``block`` with ``change`` applied to every run of its text, at any depth."""
    if isinstance(block, (Paragraph, Recommendation, Note)):
        return replace(block, runs=tuple(change(run) for run in block.runs))
    if isinstance(block, Section):
        return replace(block, children=tuple(_map_runs(b, change) for b in block.children))
    if isinstance(block, (BulletList, NumberedList)):
        return replace(block, items=tuple(
            replace(item, blocks=tuple(_map_runs(b, change) for b in item.blocks))
            for item in block.items))
    if isinstance(block, BlockQuote):
        return replace(block, blocks=tuple(_map_runs(b, change) for b in block.blocks))
    return block


def _number(block: Block, counters: _Counters) -> Block:
    if isinstance(block, (Paragraph, Recommendation, Note)):
        if counters.footnotes and any(run.note is not None for run in block.runs):
            return replace(block, runs=tuple(_number_marker(run, counters) for run in block.runs))
        return block
    if isinstance(block, Table):
        counters.table += 1
        return replace(block, number=counters.table)
    if isinstance(block, Figure):
        counters.figure += 1
        return replace(block, number=counters.figure)
    if isinstance(block, Section):
        number = _section_number(block, counters)
        children = tuple(_number(child, counters) for child in block.children)
        return replace(block, number=number, children=children)
    if isinstance(block, (BulletList, NumberedList)):
        items = tuple(
            replace(item, blocks=tuple(_number(b, counters) for b in item.blocks))
            for item in block.items
        )
        return replace(block, items=items)
    if isinstance(block, BlockQuote):
        return replace(block, blocks=tuple(_number(b, counters) for b in block.blocks))
    return block


def _number_marker(run: Run, counters: _Counters) -> Run:
    if run.note is None or run.note not in counters.footnotes:
        return run
    number = counters.notes.setdefault(run.note, len(counters.notes) + 1)
    return replace(run, text=note_marker(number))


def _section_number(section: Section, counters: _Counters) -> str | None:
    if section.kind is SectionKind.UNNUMBERED:
        return None
    if section.kind is SectionKind.APPENDIX:
        if section.level == 1:
            counters.appendix += 1
            return f"Appendix {counters.appendix}"
        return None
    level = section.level
    counters.sections[level - 1] += 1
    for deeper in range(level, len(counters.sections)):
        counters.sections[deeper] = 0
    return ".".join(str(n) for n in counters.sections[:level])


# --- walking and dumping -----------------------------------------------------------------------


def iter_sections(blocks: tuple[Block, ...]) -> Iterator[Section]:
    """Every section under ``blocks``, depth first, in document order."""
    for block in blocks:
        if isinstance(block, Section):
            yield block
            yield from iter_sections(block.children)


def iter_nodes(node: object) -> Iterator[object]:
    """Every node under (and including) ``node``, depth first, in document order."""
    yield node
    for child in _children(node):
        yield from iter_nodes(child)


def _children(node: object) -> tuple[object, ...]:
    if isinstance(node, (Document, Section)):
        return node.children
    if isinstance(node, (BulletList, NumberedList)):
        return node.items
    if isinstance(node, (ListItem, BlockQuote)):
        return node.blocks
    return ()


def pformat(node: object, indent: int = 0) -> str:
    """A plain-text dump of a tree, one node a line, for snapshot tests."""
    pad = "  " * indent
    lines = [pad + _describe(node)]
    if isinstance(node, Table):
        lines.append(pad + "  | " + " | ".join(c.title for c in node.columns))
        for row, texts in zip(node.rows, node.text_rows()):
            mark = "*" if row.emphasis else " "
            lines.append(pad + f" {mark}| " + "  " * row.indent + " | ".join(texts))
        lines.extend(pad + f"  note: {note}" for note in node.all_notes)
        if node.source:
            lines.append(pad + f"  source: {node.source}")
    for child in _children(node):
        lines.append(pformat(child, indent + 1))
    return "\n".join(lines)


def _describe(node: object) -> str:
    name = type(node).__name__
    if isinstance(node, Document):
        return f"Document {node.metadata.title!r} lang={node.metadata.language}"
    if isinstance(node, Section):
        return f"Section[{node.level}] {node.heading!r}"
    if isinstance(node, (Paragraph, Recommendation, Note)):
        return f"{name} {_inline(node.runs)!r}"
    if isinstance(node, Table):
        return f"Table {node.label!r}"
    if isinstance(node, Figure):
        return f"Figure {node.label!r} alt={node.alt_text!r} png={len(node.image)}B"
    if isinstance(node, Cover):
        return f"Cover {node.title!r} {node.subtitle!r} {list(node.lines)!r}"
    if isinstance(node, NumberedList):
        return f"NumberedList start={node.start}"
    if isinstance(node, Contents):
        return f"Contents {node.title!r} depth={node.depth}"
    return name


def _inline(inline: Runs) -> str:
    out = []
    for run in inline:
        text = run.text
        if run.strong:
            text = f"**{text}**"
        if run.emphasis:
            text = f"*{text}*"
        if run.link:
            text = f"[{text}]({run.link})"
        out.append(text)
    return "".join(out)


def node_fields(node: object) -> dict[str, object]:
    """The fields of a node as a dict (for renderers that need generic access)."""
    return {f.name: getattr(node, f.name) for f in fields(node)}  # type: ignore[arg-type]
