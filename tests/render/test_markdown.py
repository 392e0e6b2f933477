"""The Markdown export (for the benchmark's pandoc route): every node type, text kept literal,
figures embedded whole; pandoc reads it back to the same words."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess

import pytest

from assessment_doc.errors import RenderError
from assessment_doc.model import Document, Figure, Metadata, Table, iter_nodes, iter_sections
from assessment_doc.render import RENDERERS
from assessment_doc.render.markdown import MarkdownTranslator, escape, render_markdown


class Unknown:
    """A node type no renderer knows."""


def test_it_has_a_method_for_every_node_type() -> None:
    assert MarkdownTranslator.missing_node_types() == []


def test_it_is_not_an_output_format_of_the_build() -> None:
    assert "md" not in RENDERERS and "markdown" not in RENDERERS


def test_it_fails_loudly_on_an_unknown_node() -> None:
    with pytest.raises(RenderError, match="cannot render a Unknown node"):
        render_markdown(Document(Metadata("t"), (Unknown(),)))  # type: ignore[arg-type]


def test_the_same_document_gives_the_same_bytes(fixture_doc: Document) -> None:
    assert render_markdown(fixture_doc) == render_markdown(fixture_doc)


def test_headings_carry_their_numbers_and_anchors(fixture_doc: Document) -> None:
    text = render_markdown(fixture_doc).decode()
    for section in iter_sections(fixture_doc.children):
        heading = f"{'#' * section.level} {escape(section.heading)} {{#{section.anchor}}}"
        assert heading in text.split("\n")


def test_tables_are_pipe_tables_with_a_caption_line(fixture_doc: Document) -> None:
    text = render_markdown(fixture_doc).decode()
    for table in (n for n in iter_nodes(fixture_doc) if isinstance(n, Table)):
        assert f"Table: {escape(table.label)}" in text
    assert len(re.findall(r"^\|", text, re.MULTILINE)) >= sum(
        len(t.rows) + 2 for t in iter_nodes(fixture_doc) if isinstance(t, Table))


def test_figures_are_embedded_whole_with_their_alt_text(fixture_doc: Document) -> None:
    text = render_markdown(fixture_doc).decode()
    embedded = re.findall(r"\(data:image/png;base64,([A-Za-z0-9+/=]+)\)", text)
    figures = [n for n in iter_nodes(fixture_doc) if isinstance(n, Figure)]
    assert [base64.b64decode(data) for data in embedded] == [f.image for f in figures]


def test_markup_in_text_is_escaped() -> None:
    assert escape("Tonbridge & Malling <b>not bold</b> *x* [y](z) #1") == (
        r"Tonbridge & Malling \<b\>not bold\</b\> \*x\* \[y\](z) \#1")
    assert escape("1. not a list") == r"1\. not a list"


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_reads_back_every_heading_and_the_hostile_text(fixture_doc: Document) -> None:
    result = subprocess.run(["pandoc", "-f", "markdown", "-t", "plain", "--wrap=none"],
                            input=render_markdown(fixture_doc), capture_output=True, check=True,
                            timeout=120)
    plain = result.stdout.decode()
    for section in iter_sections(fixture_doc.children):
        assert section.heading in plain
    assert "<b>not bold</b>" in plain
