"""Formats rendered in a child process while this one lays out the PDF.

Word's contents prints the PDF's page numbers (:func:`.pdf.heading_pages`), so Word is finished
in the process that laid the PDF out; but all of Word's work except those numbers (its draft,
:data:`WORD_DRAFT`) needs nothing from the PDF, and nor do the other formats (the HTML edition,
the open data tables). When the formats asked include the PDF and some of those, and their work
is worth a fork (:func:`assessment_doc.parallel.worth_forking`: half a second of CPU or more,
with a CPU free at that instant), they are rendered in a forked child
(:func:`assessment_doc.parallel.in_child`) beside the PDF, and Word's draft is filled in here.
For the bundled Appendix with every format that is about 0.8 s of CPU (Word's draft 0.5 s, the
ODS 0.25 s); the HTML and ODS alone (0.3 s) would not be worth the 40 MB a child adds to the
build's peak memory (``benchmarks/README.md``, "Second CPU").

The child's bytes are the bytes this process would have made (the same code on the same
document, forked from this very process). A format that fails in the child is left out of its
result, so that it is rendered again here at its turn and fails as it would without the child,
with the same error, after the same formats.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from ..model import Document, Table, iter_nodes
from ..parallel import Forked, in_child, worth_forking

AFTER_THE_PDF = frozenset({"pdf", "docx"})
"""Formats rendered in the process that lays out the PDF: the PDF, and Word, whose contents
takes the PDF's page numbers (drafted in the child, :data:`WORD_DRAFT`, when both are asked)."""

WORD_DRAFT = "docx draft"
"""The child's name for the Word file without its page numbers (:func:`.docx.draft_docx`): all
of Word's work but the numbers, which this process fills in from the PDF it laid out meanwhile
(:func:`.docx.fill_page_numbers`), so that the two CPUs share the PDF and Word."""

SECONDS_FIXED = {"ods": 0.06, "html": 0.03, "csv": 0.0, WORD_DRAFT: 0.25}
SECONDS_PER_CELL = {"ods": 0.00023, "html": 0.0, "csv": 0.00002, WORD_DRAFT: 0.0003}
"""What rendering a format costs, in CPU seconds: a fixed part (the ODS's odfpy import) and a
part per table cell, measured on the 2-CPU machine this is built on (the bundled Appendix's 865
cells: ODS 0.17-0.31 s, four times its content 0.77-0.96 s; HTML 0.03 s, CSV 0.016 s; printed
by ``benchmarks/run.py --only parallel``; Word's draft from the bundled Appendix's 0.44-0.57 s
of Word in ``--only stages``, less its page numbers). A format not listed counts as worth a
fork."""


def estimated_seconds(document: Document, formats: Sequence[str]) -> float:
    """The CPU seconds rendering ``document`` in ``formats`` should take (see
    :data:`SECONDS_FIXED`): what :func:`start` weighs to decide on a child."""
    cells = sum(len(node.rows) * len(node.columns) for node in iter_nodes(document)
                if isinstance(node, Table))
    return sum(SECONDS_FIXED[name] + SECONDS_PER_CELL[name] * cells if name in SECONDS_FIXED
               else 1.0 for name in formats)


class RenderedAhead:
    """The formats being rendered in a child process; :meth:`take` one when its turn comes."""

    def __init__(self, child: Forked[dict[str, bytes | Mapping[str, bytes]]] | None,
                 formats: Sequence[str]) -> None:
        self.child = child
        self.formats = frozenset(formats)
        self._done: dict[str, bytes | Mapping[str, bytes]] | None = None

    def take(self, name: str) -> bytes | Mapping[str, bytes] | None:
        """The child's output for format ``name``: None when it is not the child's, or the
        child failed to render it (render it here, then)."""
        if self.child is None or name not in self.formats:
            return None
        if self._done is None:
            self._done = self.child.result()
        return self._done.get(name)

    def word(self, document: Document) -> bytes | None:
        """The Word file: the child's draft with this process's PDF page numbers filled in;
        None when the child was not drafting it or failed to (render it here, then)."""
        draft = self.take(WORD_DRAFT)
        return fill_word(draft, document) if isinstance(draft, bytes) else None

    def discard(self) -> None:
        """Stop waiting for the child (an error here ends the rendering)."""
        if self.child is not None and self._done is None:
            self.child.discard()
        self.child = None


def start(document: Document, formats: Sequence[str],
          render: Callable[[Document, str], bytes | Mapping[str, bytes]]) -> RenderedAhead:
    """Start rendering, in a child process, the formats of ``formats`` that need nothing from the
    PDF, when some of ``formats`` do (so this process has work meanwhile) and the child's share
    is worth a fork; otherwise nothing starts and every format is rendered here."""
    there = [name for name in formats if name not in AFTER_THE_PDF]
    here = [name for name in formats if name in AFTER_THE_PDF]
    if "pdf" in formats and "docx" in formats:
        there.append(WORD_DRAFT)
    if not there or not here or not worth_forking(estimated_seconds(document, there)):
        return RenderedAhead(None, ())
    if WORD_DRAFT in there:  # imported once, before the fork: this process fills the draft in
        from . import docx  # noqa: F401 - and lays the PDF out (ReportLab) anyway
    return RenderedAhead(in_child(_render_each, document, there, render), there)


def _render_each(document: Document, formats: Sequence[str],
                 render: Callable[[Document, str], bytes | Mapping[str, bytes]]
                 ) -> dict[str, bytes | Mapping[str, bytes]]:
    """Each format's output; a format that fails is left out (rendered again, and its error
    raised, in the parent)."""
    rendered: dict[str, bytes | Mapping[str, bytes]] = {}
    for name in formats:
        try:
            rendered[name] = draft_word(document) if name == WORD_DRAFT else render(document, name)
        except Exception:  # noqa: BLE001, S112 - rendered again, and reported, in the parent
            continue
    return rendered


def draft_word(document: Document) -> bytes:
    """Word's draft (:func:`.docx.draft_docx`), in the child."""
    from .docx import draft_docx

    return draft_docx(document)


def fill_word(draft: bytes, document: Document) -> bytes:
    """The Word file of ``draft``: the page numbers of the PDF this process laid out."""
    from .docx import fill_page_numbers
    from .pdf import heading_pages

    return fill_page_numbers(draft, heading_pages(document))
