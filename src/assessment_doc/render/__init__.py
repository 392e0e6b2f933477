"""Renderers: each writes the whole document model into one file format.

A renderer is a function ``Document -> bytes``. :data:`RENDERERS` is the registry and
:func:`get_renderer` the one lookup; :mod:`.save` writes the bytes atomically.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import RenderError
from ..model import Document
from .docx import render_docx
from .pdf import render_pdf

Renderer = Callable[[Document], bytes]

RENDERERS: dict[str, Renderer] = {"docx": render_docx, "pdf": render_pdf}
"""Output format (file suffix) -> renderer."""


def get_renderer(name: str) -> Renderer:
    """The renderer for a format, or a clear error naming the formats there are."""
    try:
        return RENDERERS[name]
    except KeyError:
        known = ", ".join(sorted(RENDERERS))
        raise RenderError(f"no renderer for format {name!r}; known formats: {known}") from None


__all__ = ["RENDERERS", "Renderer", "get_renderer", "render_docx", "render_pdf"]
