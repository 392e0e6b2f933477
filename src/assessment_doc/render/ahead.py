"""Formats rendered in a child process while this one renders the PDF and then Word.

Word's contents prints the PDF's page numbers (:func:`.pdf.heading_pages`), so Word follows the
PDF in the process that laid the PDF out. The other formats (the HTML edition, the open data
tables) need nothing from the PDF: when the formats asked include both kinds, and the others are
worth a fork (:func:`assessment_doc.parallel.worth_forking`), they are rendered in a forked child
(:func:`assessment_doc.parallel.in_child`) beside the PDF and Word.

The child's bytes are the bytes this process would have made (the same code on the same
document, forked from this very process). A format that fails in the child is left out of its
result, so that it is rendered again here at its turn and fails as it would without the child,
with the same error, after the same formats.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from ..model import Document
from ..parallel import Forked, in_child, worth_forking

AFTER_THE_PDF = frozenset({"pdf", "docx"})
"""Formats rendered in the process that lays out the PDF: the PDF, and Word, whose contents
takes the PDF's page numbers."""

CPU_SECONDS = {"pdf": 1.6, "docx": 0.65, "ods": 0.3, "html": 0.03, "csv": 0.02}
"""Rough CPU seconds to render the bundled Appendix in each format, measured on the 2-CPU
machine this is built on under load (``benchmarks/run.py --only parallel``, which prints them):
what :func:`start` weighs against a fork's cost. A format not listed counts as worth a fork."""


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
    work = sum(CPU_SECONDS.get(name, 1.0) for name in there)
    if not there or not here or not worth_forking(work):
        return RenderedAhead(None, ())
    return RenderedAhead(in_child(_render_each, document, there, render), there)


def _render_each(document: Document, formats: Sequence[str],
                 render: Callable[[Document, str], bytes | Mapping[str, bytes]]
                 ) -> dict[str, bytes | Mapping[str, bytes]]:
    """Each format's output; a format that fails is left out (rendered again, and its error
    raised, in the parent)."""
    rendered: dict[str, bytes | Mapping[str, bytes]] = {}
    for name in formats:
        try:
            rendered[name] = render(document, name)
        except Exception:  # noqa: BLE001, S112 - rendered again, and reported, in the parent
            continue
    return rendered
