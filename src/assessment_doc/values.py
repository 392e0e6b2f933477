"""Values that are not plain numbers: a figure suppressed at source.

A value suppressed at source (``[c]`` in the data, ``*`` accepted on input) stays suppressed
through every computation: any arithmetic with :data:`SUPPRESSED` gives :data:`SUPPRESSED`, and
comparisons with it are refused rather than silently false.
"""

from __future__ import annotations

from typing import Final


class Suppressed:
    """The one suppressed value. Arithmetic propagates it; ordering it is an error."""

    _instance: Suppressed | None = None
    __slots__ = ()

    def __new__(cls) -> Suppressed:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "SUPPRESSED"

    def __str__(self) -> str:
        return "[c]"

    def __bool__(self) -> bool:
        raise TypeError("a suppressed value has no truth value")

    def _propagate(self, other: object) -> Suppressed:
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = _propagate
    __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _propagate

    def __neg__(self) -> Suppressed:
        return self

    def _refuse(self, other: object) -> bool:
        raise TypeError("a suppressed value cannot be compared")

    __lt__ = __le__ = __gt__ = __ge__ = _refuse

    def __reduce__(self) -> str:
        return "SUPPRESSED"


SUPPRESSED: Final = Suppressed()
"""The suppressed value (shown as ``[c]``)."""

SUPPRESSED_SYMBOL: Final = "[c]"
"""How a suppressed value is written in data and shown in output (GSS symbol)."""

SUPPRESSED_INPUT_SYMBOLS: Final = frozenset({"[c]", "*"})
"""What the loader accepts as a suppressed value."""

SUPPRESSED_NOTE: Final = "[c] Figure suppressed at source to protect confidentiality."
"""The table note shown wherever a suppressed cell appears."""
