"""Renderers: each writes the whole document model into one file format.

A renderer is a function ``Document -> bytes``. :data:`RENDERERS` is the registry and
:func:`get_renderer` the one lookup; :mod:`.save` writes the bytes atomically. A renderer's
module (and its library: python-docx, ReportLab) is imported the first time it is looked up, so
that commands that render nothing (``check``, ``facts``, ``explain``) never pay for those
imports (0.3 s).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ..errors import RenderError
from ..model import Document

Renderer = Callable[[Document], "bytes | Mapping[str, bytes]"]
"""A document in: the bytes of one file, or, for a format of several files (csv), the files'
bytes by name relative to the output folder, after the documents' file name."""

_WHERE = {"docx": (".docx", "render_docx"), "pdf": (".pdf", "render_pdf"),
          "ods": (".open_data", "render_ods"), "csv": (".open_data", "render_csv")}
"""Output format (file suffix) -> (module, function)."""


class _Renderers(Mapping[str, Renderer]):
    """Format -> renderer, each imported when first asked for."""

    def __getitem__(self, name: str) -> Renderer:
        module, function = _WHERE[name]
        return getattr(importlib.import_module(module, __name__), function)  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        return iter(_WHERE)

    def __len__(self) -> int:
        return len(_WHERE)


RENDERERS: Mapping[str, Renderer] = _Renderers()
"""Output format (file suffix) -> renderer."""


def get_renderer(name: str) -> Renderer:
    """The renderer for a format, or a clear error naming the formats there are."""
    try:
        return RENDERERS[name]
    except KeyError:
        known = ", ".join(sorted(RENDERERS))
        raise RenderError(f"no renderer for format {name!r}; known formats: {known}") from None


def __getattr__(name: str) -> Any:
    """``render_docx`` and ``render_pdf``, imported on first use."""
    for format_name, (_, function) in _WHERE.items():
        if name == function:
            return RENDERERS[format_name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["RENDERERS", "Renderer", "get_renderer", "render_docx", "render_pdf"]
