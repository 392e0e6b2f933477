"""Renderers: each writes the whole document model into one file format.

The formats: ``docx`` (Word, python-docx), ``pdf`` (tagged PDF, ReportLab), ``html`` (the
accessible HTML edition, one self-contained file) and the open data tables the other helpers'
writers add (``ods``, ``csv``). A renderer is a function ``Document -> bytes``.
:data:`RENDERERS` is the registry and :func:`get_renderer` the one lookup; :func:`every_format`
is what ``--format all`` writes (every format but those in :data:`NOT_IN_ALL`); :mod:`.save`
writes the bytes atomically. A renderer's module (and its library: python-docx, ReportLab) is
imported the first time it is looked up, so that commands that render nothing (``check``,
``facts``, ``explain``) never pay for those imports (0.3 s).
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
          "html": (".html", "render_html"),
          "ods": (".open_data", "render_ods"), "csv": (".open_data", "render_csv")}
"""Output format (file suffix) -> (module, function)."""

NOT_IN_ALL = frozenset({"csv"})
"""Formats ``all`` leaves out: csv writes a folder of files, one a table, which the ODS holds
too; ask for it by name."""


class _Renderers(Mapping[str, Renderer]):
    """Format -> renderer, each imported when first asked for."""

    def __getitem__(self, name: str) -> Renderer:
        module, function = _WHERE[name]
        return getattr(importlib.import_module(module, __name__), function)  # type: ignore[no-any-return]

    def __contains__(self, name: object) -> bool:
        """Whether there is such a format, without importing its renderer."""
        return name in _WHERE

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


def every_format() -> list[str]:
    """The formats ``--format all`` writes: every registered one but :data:`NOT_IN_ALL`, in the
    registry's order."""
    return [name for name in _WHERE if name not in NOT_IN_ALL]


def __getattr__(name: str) -> Any:
    """``render_docx``, ``render_pdf``, ``render_html`` …, imported on first use."""
    for format_name, (_, function) in _WHERE.items():
        if name == function:
            return RENDERERS[format_name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["NOT_IN_ALL", "RENDERERS", "Renderer", "every_format", "get_renderer", "render_docx",
           "render_html", "render_pdf"]
