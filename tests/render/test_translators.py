"""Every renderer handles every node type of the model, and refuses anything else."""

from __future__ import annotations

import pytest

from assessment_doc.errors import RenderError
from assessment_doc.model import NODE_TYPES, Document, Metadata, iter_nodes
from assessment_doc.render import RENDERERS, get_renderer
from assessment_doc.render.docx import DocxTranslator
from assessment_doc.render.pdf import PdfTranslator


@pytest.mark.parametrize("translator", [DocxTranslator, PdfTranslator])
def test_it_has_a_method_for_every_node_type(translator: type) -> None:
    assert translator.missing_node_types() == []


def test_the_fixture_document_uses_every_node_type(fixture_doc: Document) -> None:
    used = {type(node) for node in iter_nodes(fixture_doc)}
    assert used == set(NODE_TYPES)


class Unknown:
    """A node type no renderer knows."""


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_it_fails_loudly_on_an_unknown_node(name: str) -> None:
    document = Document(Metadata("t"), (Unknown(),))  # type: ignore[arg-type]
    with pytest.raises(RenderError, match="cannot render a Unknown node"):
        get_renderer(name)(document)


def test_an_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(RenderError, match="no renderer for format 'odt'; known formats: docx, pdf"):
        get_renderer("odt")
