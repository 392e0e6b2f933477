"""Inline Markdown (inside a paragraph, list item, heading or footnote) as model runs.

Text, **strong**, *emphasis* and [links](https://example.org) become
:class:`~assessment_doc.model.Run` objects; soft and hard line breaks become spaces; `inline code`
becomes plain text; a footnote reference becomes a marker run (``[1]``, numbered within its file
until :func:`~assessment_doc.model.assign_numbers` numbers the footnotes through the document) and
is remembered so that the footnote can be placed at the end of its section. Pictures and raw HTML
are refused as problems at their line, and so is a link to anything but a web page (``http://``,
``https://``) or an e-mail address (``mailto:``): a published Word or PDF file must not carry
``javascript:``, ``file:`` or ``data:`` links, nor addresses relative to wherever the file happens
to be opened.

A link to ``#table:<id>`` or ``#figure:<id>`` is a cross-reference: ``[](#table:recorded_crime)``
prints "Table 2" (the number the table gets in the document), ``[the table of districts](#table:…)``
prints the writer's words; both link to the table. The builder reports an id that names no table
or figure at its line.
"""

from __future__ import annotations

from collections.abc import Iterable
import re
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from markdown_it.tree import SyntaxTreeNode

from ..errors import Problem
from ..model import Run, Runs, note_marker, target_key

IMAGE_EXPECTED = "a figure placed with a paragraph '::: figure <id>'"
HTML_EXPECTED = "Markdown only: **bold**, *italic*, [text](https://…)"
LINK_EXPECTED = ("a link to a web page, [text](https://…) or [text](http://…), to an e-mail "
                 "address, [name](mailto:name@example.org), or to a table or figure of the "
                 "document, [](#table:<id>) or [](#figure:<id>)")
REFERENCE = re.compile(r"#(table|figure):(\w+)")
"""A cross-reference's link: ``#table:<id>`` or ``#figure:<id>``."""


@dataclass(frozen=True, slots=True)
class CrossReference:
    """A cross-reference as written: where it stands, and what it points at."""

    file: str
    line: int
    kind: str
    """'table' or 'figure'."""
    id: str

    @property
    def key(self) -> str:
        return target_key(self.kind, self.id)


def allowed_link(href: str) -> bool:
    """Whether a link may go into the document: an http(s) address with a host, or mailto: with
    an address. ``href`` as markdown-it gives it (normalised: no spaces or control characters)."""
    try:
        parts = urlsplit(href)
    except ValueError:  # such as an unbalanced '[' in the host
        return False
    if parts.scheme in ("http", "https"):
        return bool(parts.hostname)
    return parts.scheme == "mailto" and bool(parts.path)


def footnote_marker(footnote_id: int) -> str:
    """The text a footnote reference shows before the document is numbered: id 0 -> '[1]'."""
    return note_marker(footnote_id + 1)


def footnote_key(file: str, footnote_id: int) -> str:
    """The key of a content file's footnote, unique in the document: its markers and its
    :class:`~assessment_doc.model.Note` carry it."""
    return f"{file}#{footnote_id + 1}"


def marker_run(file: str, footnote_id: int, style: Run | None = None) -> Run:
    """The marker of footnote ``footnote_id`` of ``file`` (in the format of ``style``)."""
    style = style or Run("")
    return Run(footnote_marker(footnote_id), style.strong, style.emphasis, style.link,
               footnote_key(file, footnote_id))


@dataclass
class InlineReader:
    """Reads the inline nodes of one block, at a known line of a known file."""

    file: str
    line: int
    """File line of the block's first line; advanced at each line break."""
    problems: list[Problem]
    footnotes: list[int] = field(default_factory=list)
    """Footnote ids referenced, in order of first reference."""
    references: list[CrossReference] = field(default_factory=list)
    """Cross-references to tables and figures, in order."""

    def runs(self, inline: SyntaxTreeNode) -> Runs:
        """The runs of an ``inline`` node, adjacent runs of the same format merged."""
        collected: list[Run] = []
        self._read(inline.children, Run(""), collected)
        return merge_runs(collected)

    def _read(self, nodes: list[SyntaxTreeNode], style: Run, out: list[Run]) -> None:
        for node in nodes:
            kind = node.type
            if kind in ("text", "code_inline"):
                out.append(_styled(style, node.content))
            elif kind in ("softbreak", "hardbreak"):
                out.append(_styled(style, " "))
                self.line += 1
            elif kind == "strong":
                self._read(node.children, replace(style, strong=True), out)
            elif kind == "em":
                self._read(node.children, replace(style, emphasis=True), out)
            elif kind == "link":
                href = str(node.attrs["href"])
                reference = REFERENCE.fullmatch(href)
                if reference:
                    self._reference(reference.group(1), reference.group(2), node, style, out)
                elif allowed_link(href):
                    self._read(node.children, replace(style, link=href), out)
                else:
                    self._problem(f"the link {_shown(href)} is not a web address or an "
                                  "e-mail address", LINK_EXPECTED)
                    self._read(node.children, style, out)
            elif kind == "footnote_ref":
                footnote_id = int(node.meta["id"])
                out.append(marker_run(self.file, footnote_id, style))
                if footnote_id not in self.footnotes:
                    self.footnotes.append(footnote_id)
            elif kind == "footnote_anchor":
                continue
            elif kind == "image":
                self._problem("pictures cannot be put in the text", IMAGE_EXPECTED)
            elif kind == "html_inline":
                self._html_problem(node.content)
            else:
                self._problem(f"unsupported Markdown ({kind})", HTML_EXPECTED)

    def _reference(self, kind: str, target: str, node: SyntaxTreeNode, style: Run,
                   out: list[Run]) -> None:
        """A cross-reference: the writer's words, or none (the builder's numbering prints
        'Table 2'), in one run that carries the target."""
        words: list[Run] = []
        self._read(node.children, style, words)
        reference = CrossReference(self.file, self.line, kind, target)
        self.references.append(reference)
        out.append(Run("".join(run.text for run in words), style.strong, style.emphasis,
                       None, None, reference.key))

    def _html_problem(self, html: str) -> None:
        """Refuse raw HTML, once a line (a closing tag after its opening one says nothing new)."""
        if not any(p.line == self.line and p.message.startswith("raw HTML") for p in self.problems):
            self._problem(f"raw HTML is not allowed: {_shown(html)}", HTML_EXPECTED)

    def _problem(self, message: str, expected: str) -> None:
        self.problems.append(Problem(self.file, message, line=self.line, expected=expected))


def _shown(text: str, limit: int = 40) -> str:
    text = text.replace("\n", " ")
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _styled(style: Run, text: str) -> Run:
    """``text`` in the format of ``style`` (``dataclasses.replace``, without its cost)."""
    return Run(text, style.strong, style.emphasis, style.link)


def _format(run: Run) -> tuple[bool, bool, str | None, str | None]:
    return run.strong, run.emphasis, run.link, run.ref


def merge_runs(runs: Iterable[Run]) -> Runs:
    """The runs with empty ones dropped and neighbours of the same format joined (footnote
    markers stay runs of their own)."""
    merged: list[Run] = []
    for run in runs:
        if not run.text and run.ref is None:  # a cross-reference is numbered later
            continue
        if merged and run.note is None and merged[-1].note is None and run.ref is None \
                and _format(merged[-1]) == _format(run):
            merged[-1] = _styled(run, merged[-1].text + run.text)
        else:
            merged.append(run)
    return tuple(merged)
