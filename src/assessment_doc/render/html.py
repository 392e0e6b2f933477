"""HTML renderer: the document model as one self-contained, semantic HTML5 file.

The accessible edition public bodies publish first (WCAG 2.2 AA): landmarks (the cover is the
``header``, the contents the ``nav``, the sections the ``main``, and a ``footer``), a skip link,
the numbered headings (the title is the one ``h1``; sections of levels 1-3 are ``h2``-``h4``),
contents that link to each heading, tables with a ``caption``, column headers and (where the first
column names what its row is about) row headers, each in a labelled region that scrolls on its own
on a narrow screen, figures as ``figure`` with the chart's own PNG bytes as a ``data:`` URI, its
alt text and a ``figcaption``, recommendations as regions named "Recommendation", and footnotes
linked both ways. No script; one stylesheet, with the house style's colours and a print layout.

Every figure is the text the model formats (:meth:`Table.text_rows`); nothing is computed here.
The same model gives the same bytes.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from html import escape
from urllib.parse import quote, urlsplit

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
    Run,
    Runs,
    Section,
    Table,
    assign_numbers,
    iter_nodes,
)
from . import house_style as hs
from .html_parts import (
    TableIds,
    align,
    captions_list,
    contents_list,
    logo,
    png_size,
    table_row,
)
from .html_style import stylesheet
from .table_headers import has_row_headers
from .translator import Translator

MAIN_ID = "main"
"""The target of the skip link: the main content."""
CONTENTS_ID = "contents"
OPEN_DATA_LINK = "Download the tables as an OpenDocument spreadsheet (ODS)"
RECOMMENDATION_LABEL = "Recommendation"


def render_html(document: Document) -> bytes:
    """Write the document as one self-contained HTML5 file (UTF-8 bytes)."""
    document = assign_numbers(document)
    translator = HtmlTranslator(_Context.of(document))
    return translator.visit(document).encode("utf-8")




# --- what the translator reads, and what it keeps -----------------------------------------------


@dataclass(frozen=True)
class _Context:
    """What the whole document decides before any node is written: footnote numbers (as
    :func:`assign_numbers` gives them: by first marker, in document order), which footnotes the
    text refers to, the element id of each table and figure a cross-reference may name, the
    sections (for the contents) and the tables and figures (for their lists)."""

    footnotes: dict[str, int]
    referenced: frozenset[str]
    targets: dict[str, str]
    sections: tuple[Section, ...]
    captions: tuple[Table | Figure, ...]

    @classmethod
    def of(cls, document: Document) -> _Context:
        keys = {node.key for node in iter_nodes(document) if isinstance(node, Note) and node.key}
        footnotes: dict[str, int] = {}
        referenced: set[str] = set()
        targets: dict[str, str] = {}
        sections = []
        captions = []
        for node in iter_nodes(document):
            if isinstance(node, Section):
                sections.append(node)
            if isinstance(node, (Table, Figure)):
                captions.append(node)
            if isinstance(node, (Table, Figure)) and node.id is not None and node.number:
                kind = "table" if isinstance(node, Table) else "figure"
                targets[f"{kind}:{node.id}"] = f"{kind}-{node.number}"
            if not isinstance(node, (Paragraph, Recommendation, Note)):
                continue
            for run in node.runs:
                if run.note in keys:
                    footnotes.setdefault(run.note, len(footnotes) + 1)
                    if not (isinstance(node, Note) and node.key == run.note):
                        referenced.add(run.note)
        return cls(footnotes, frozenset(referenced), targets, tuple(sections), tuple(captions))


@dataclass
class _State:
    """What the translator counts as it goes."""

    references: dict[str, int] = field(default_factory=dict)
    """Footnote key -> how many of its markers have been written (each gets its own id)."""
    recommendations: int = 0
    section: list[Section] = field(default_factory=list)
    """The sections the translator is inside, outermost first."""


# --- the translator ----------------------------------------------------------------------------


class HtmlTranslator(Translator):
    """One ``visit_<Node>`` method per node type, each returning that node's HTML."""

    def __init__(self, context: _Context) -> None:
        self.context = context
        self.state = _State()

    def blocks(self, blocks: tuple[object, ...]) -> str:
        return "".join(self.visit(block) for block in blocks)

    def visit_Document(self, node: Document) -> str:
        meta = node.metadata
        style = hs.style_of(meta)
        title = " – ".join(part for part in (meta.title, meta.subtitle) if part)
        header = nav = ""
        main: list[str] = []
        for child in node.children:
            if isinstance(child, Cover):
                header += self.visit(child)
            elif isinstance(child, Contents):
                nav += self.visit(child)
            else:
                main.append(self.visit(child))
        if not header:
            header = f'<h1>{escape(meta.title)}</h1>\n'
        if style.logo:
            header = logo(style.logo, meta.partnership) + header
        if meta.open_data:
            header += (f'<p class="open-data"><a href="{escape(quote(meta.open_data))}" '
                       f'type="application/vnd.oasis.opendocument.spreadsheet">'
                       f'{OPEN_DATA_LINK}</a></p>\n')
        description = (f'<meta name="description" content="{escape(meta.subject)}">\n'
                       if meta.subject else "")
        footer = " – ".join(escape(part) for part in (title, meta.partnership, style.footer)
                            if part)
        back = f'<a href="#{CONTENTS_ID}">Back to the contents</a>' if nav else (
            f'<a href="#{MAIN_ID}">Back to the start</a>')
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="{escape(meta.language)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n{description}"
            f"<style>\n{stylesheet(style)}</style>\n</head>\n<body>\n"
            f'<a class="skip-link" href="#{MAIN_ID}">Skip to the content</a>\n'
            f"<header>\n{header}</header>\n"
            + (f'<nav id="{CONTENTS_ID}" aria-labelledby="{CONTENTS_ID}-title">\n{nav}</nav>\n'
               if nav else "")
            + f'<main id="{MAIN_ID}" tabindex="-1">\n{"".join(main)}</main>\n'
            f"<footer>\n<p>{footer}</p>\n<p>{back}</p>\n</footer>\n"
            "</body>\n</html>\n"
        )

    def visit_Cover(self, node: Cover) -> str:
        out = f"<h1>{escape(node.title)}</h1>\n"
        if node.subtitle:
            out += f'<p class="subtitle">{escape(node.subtitle)}</p>\n'
        out += "".join(f'<p class="cover-line">{escape(line)}</p>\n' for line in node.lines)
        return out

    def visit_Contents(self, node: Contents) -> str:
        listed = [s for s in self.context.sections if s.level <= node.depth]
        out = f'<h2 id="{CONTENTS_ID}-title">{escape(node.title)}</h2>\n{contents_list(listed)}'
        if node.lists_of_tables_and_figures:
            for title, kind in (("List of tables", Table), ("List of figures", Figure)):
                out += captions_list(title, [c for c in self.context.captions
                                              if isinstance(c, kind)])
        return out

    def visit_Section(self, node: Section) -> str:
        self.state.section.append(node)
        level = node.level + 1
        heading = f'<h{level} id="{node.anchor}">{escape(node.heading)}</h{level}>\n'
        body = self.blocks(node.children)
        self.state.section.pop()
        return f"<section>\n{heading}{body}</section>\n"

    def visit_Paragraph(self, node: Paragraph) -> str:
        return f"<p>{self._runs(node.runs)}</p>\n"

    def visit_Recommendation(self, node: Recommendation) -> str:
        self.state.recommendations += 1
        label = f"recommendation-{self.state.recommendations}"
        named_by = label
        if self.state.section:
            named_by += f" {self.state.section[-1].anchor}"
        return (
            f'<section class="recommendation" aria-labelledby="{named_by}">\n'
            f'<p><strong class="recommendation-label" id="{label}">{RECOMMENDATION_LABEL}</strong>'
            f"{self._runs(node.runs)}</p>\n</section>\n"
        )

    def visit_Note(self, node: Note) -> str:
        number = self.context.footnotes.get(node.key) if node.key else None
        where = f' id="note-{number}"' if number else ""
        return f'<p class="note"{where}>{self._runs(node.runs, own_note=node.key)}</p>\n'

    def visit_PageBreak(self, node: PageBreak) -> str:
        return '<div class="page-break"></div>\n'

    def visit_BlockQuote(self, node: BlockQuote) -> str:
        return f"<blockquote>\n{self.blocks(node.blocks)}</blockquote>\n"

    def visit_BulletList(self, node: BulletList) -> str:
        return f"<ul>\n{self.blocks(node.items)}</ul>\n"

    def visit_NumberedList(self, node: NumberedList) -> str:
        start = f' start="{node.start}"' if node.start != 1 else ""
        return f"<ol{start}>\n{self.blocks(node.items)}</ol>\n"

    def visit_ListItem(self, node: ListItem) -> str:
        return f"<li>{self.blocks(node.blocks)}</li>\n"

    def visit_Table(self, node: Table) -> str:
        name = f"table-{node.number}"  # assign_numbers numbers every table
        ids = TableIds(name)
        notes = [escape(note) for note in node.all_notes]
        if node.source:
            notes.append(f"Source: {escape(node.source)}")
        described = f' aria-describedby="{ids.notes}"' if notes else ""
        row_headers = has_row_headers(node)
        kind = ' class="row-headers"' if row_headers else ""
        head = "".join(
            f'<th scope="col"{align(column.format)}>{escape(column.title)}</th>'
            for column in node.columns
        )
        body = "".join(
            table_row(row.emphasis, row.indent, texts, node, row_headers)
            for row, texts in zip(node.rows, node.text_rows())
        )
        out = (
            f'<div class="table-scroll" role="region" aria-labelledby="{ids.caption}" tabindex="0">\n'
            f'<table id="{name}"{kind}{described}>\n'
            f'<caption id="{ids.caption}">{escape(node.label)}</caption>\n'
            f"<thead>\n<tr>{head}</tr>\n</thead>\n<tbody>\n{body}</tbody>\n</table>\n</div>\n"
        )
        if notes:
            out += (f'<div class="table-notes" id="{ids.notes}">\n'
                    + "".join(f"<p>{note}</p>\n" for note in notes) + "</div>\n")
        if node.orientation == "landscape":  # printed on landscape pages (html.css)
            out = f'<div class="landscape">\n{out}</div>\n'
        return out

    def visit_Figure(self, node: Figure) -> str:
        name = f"figure-{node.number}"  # assign_numbers numbers every figure
        width, height = png_size(node.image)
        share = "" if node.width == 1 else f' style="width:{node.width * 100:g}%"'
        data = base64.b64encode(node.image).decode("ascii")
        source = (f'<span class="source">Source: {escape(node.source)}</span>'
                  if node.source else "")
        return (
            f'<figure id="{name}">\n'
            f'<img src="data:image/png;base64,{data}" alt="{escape(node.alt_text)}" '
            f'width="{width}" height="{height}"{share}>\n'
            f"<figcaption>{escape(node.label)}{source}</figcaption>\n</figure>\n"
        )

    # --- inline --------------------------------------------------------------------------------

    def _runs(self, inline: Runs, *, own_note: str | None = None) -> str:
        return "".join(self._run(run, own_note) for run in inline)

    def _run(self, run: Run, own_note: str | None) -> str:
        if run.note is not None and run.note in self.context.footnotes:
            return self._marker(run, own_note)
        text = escape(run.text)
        if run.strong:
            text = f"<strong>{text}</strong>"
        if run.emphasis:
            text = f"<em>{text}</em>"
        if run.link and _web_link(run.link):
            text = f'<a href="{escape(run.link)}">{text}</a>'
        elif run.ref is not None and run.ref in self.context.targets:
            text = f'<a href="#{self.context.targets[run.ref]}">{text}</a>'
        return text

    def _marker(self, run: Run, own_note: str | None) -> str:
        """A footnote marker: in the text, a link to the note (each marker its own id); at the
        start of the note itself, a link back to the first marker in the text."""
        key = run.note
        assert key is not None
        number = self.context.footnotes[key]
        text = escape(run.text)
        if key == own_note:
            if key not in self.context.referenced:
                return text
            return f'<a class="note-back" href="#note-{number}-ref">{text}</a>'
        count = self.state.references[key] = self.state.references.get(key, 0) + 1
        ref_id = f"note-{number}-ref" + (f"-{count}" if count > 1 else "")
        return f'<a class="note-ref" id="{ref_id}" href="#note-{number}">{text}</a>'


def _web_link(href: str) -> bool:
    """Whether a browser may follow the link: http(s) or mailto, never ``javascript:`` and the
    like, which the narrative refuses but a document made in code might carry (the run's text
    is then written without its link)."""
    return urlsplit(href.strip()).scheme.lower() in ("http", "https", "mailto")


__all__ = ["HtmlTranslator", "render_html"]
