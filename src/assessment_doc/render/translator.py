"""Dispatch from model nodes to a renderer's per-node methods.

Every renderer subclasses :class:`Translator` and defines one ``visit_<NodeType>`` method for each
type in :data:`assessment_doc.model.NODE_TYPES`. A node of any other type is an error, never
silently skipped.
"""

from __future__ import annotations

from typing import Any

from ..errors import RenderError
from ..model import NODE_TYPES


class Translator:
    """Calls ``visit_<TypeName>(node)`` for each node; unknown node types raise RenderError."""

    def visit(self, node: object) -> Any:
        node_type = type(node)
        method = getattr(self, f"visit_{node_type.__name__}", None)
        if node_type not in NODE_TYPES or method is None:
            raise RenderError(
                f"{type(self).__name__} cannot render a {node_type.__name__} node; "
                f"known node types: {', '.join(t.__name__ for t in NODE_TYPES)}"
            )
        return method(node)

    @classmethod
    def missing_node_types(cls) -> list[str]:
        """Node types this translator has no method for (a test asserts this is empty)."""
        return [t.__name__ for t in NODE_TYPES if not hasattr(cls, f"visit_{t.__name__}")]
