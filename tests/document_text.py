"""What every rendering of a document must show: its headings and table cells, from the model."""

from __future__ import annotations

import re

from assessment_doc.model import Document, Table, iter_nodes, iter_sections


def headings(document: Document) -> list[str]:
    return [section.heading for section in iter_sections(document.children)]


def table_cells(document: Document) -> list[str]:
    cells: list[str] = []
    for node in iter_nodes(document):
        if isinstance(node, Table):
            cells.extend(column.title for column in node.columns)
            cells.extend(text for row in node.text_rows() for text in row if text)
    return cells


def squash(text: str) -> str:
    """Text with all whitespace removed, so wrapped lines and columns compare equal."""
    return re.sub(r"\s+", "", text)


def missing_from(text: str, expected: list[str]) -> list[str]:
    """The expected strings that do not occur in ``text`` (whitespace ignored on both sides)."""
    haystack = squash(text)
    return [item for item in expected if squash(item) not in haystack]
