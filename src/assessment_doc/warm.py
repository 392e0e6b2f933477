"""What a rebuild in the same process reuses: results worked out from one loaded object (the
project's facts, its datasets), kept while that very object is the one being built from.

A preview (or an analyst's second ``build`` of the same loaded project) then does not work them
out again: the literal-figure index and the home area's fact names from the facts, the totals
check and every computed table from the datasets. Loading the project again (after an edit to the
data or the settings) makes new objects, and what was kept for the old ones is dropped.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

_T = TypeVar("_T")


class KeptFor:
    """Results kept for the latest *owner* object, by key; another owner starts afresh.

    The owner is held weakly (a kept result never keeps a project alive); objects in a key are
    compared by identity where they are passed through :func:`same`."""

    def __init__(self) -> None:
        self._owner: weakref.ref[Any] | None = None
        self._results: dict[Hashable, Any] = {}

    def get(self, owner: object, key: Hashable, compute: Callable[[], _T]) -> _T:
        if self._owner is None or self._owner() is not owner:
            self._owner = weakref.ref(owner)
            self._results = {}
        if key not in self._results:
            self._results[key] = compute()  # what compute raises is never kept
        return self._results[key]  # type: ignore[no-any-return]


class same:
    """A key part that matches only the very same object (and keeps it alive while kept, so its
    id cannot be reused by another)."""

    __slots__ = ("obj",)

    def __init__(self, obj: object) -> None:
        self.obj = obj

    def __hash__(self) -> int:
        return id(self.obj)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, same) and other.obj is self.obj
