"""Every renderer handles every node type of the model, and refuses anything else."""

from __future__ import annotations

import pytest

from assessment_doc.errors import RenderError
from assessment_doc.model import NODE_TYPES, Document, Metadata, iter_nodes
from assessment_doc.render import RENDERERS, get_renderer
from assessment_doc.render.docx import DocxTranslator
from assessment_doc.render.open_data import TableCollector
from assessment_doc.render.pdf import PdfTranslator


@pytest.mark.parametrize("translator", [DocxTranslator, PdfTranslator, TableCollector])
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
    known = ", ".join(sorted(RENDERERS))
    assert {"docx", "html", "pdf"} <= set(RENDERERS)
    with pytest.raises(RenderError, match=f"no renderer for format 'odt'; known formats: {known}$"):
        get_renderer("odt")


def test_renderers_are_imported_only_when_looked_up() -> None:
    """check, facts and explain render nothing: they never import python-docx or ReportLab
    (0.3 s of a command's start); an unknown format is refused without importing either."""
    import subprocess
    import sys

    probe = (
        "import sys, assessment_doc.cli, assessment_doc.api as api\n"
        "from assessment_doc.errors import RenderError\n"
        "try:\n"
        "    api.render_all(None, ['odt'])\n"
        "except RenderError as error:\n"
        "    print('refused:', error)\n"
        "print(sorted(m for m in ('docx', 'reportlab') if m in sys.modules))\n"
        "from assessment_doc.render import RENDERERS\n"
        "RENDERERS['pdf']\n"
        "print(sorted(m for m in ('docx', 'reportlab') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    known = ", ".join(sorted(RENDERERS))
    assert out == [f"refused: no renderer for format 'odt'; known formats: {known}", "[]",
                   "['reportlab']"]
