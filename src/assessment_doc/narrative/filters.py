"""The placeholder filters: how a fact's number is written in the narrative.

Each filter is a thin wrapper over :mod:`assessment_doc.format`, so a figure reads the same in
the narrative as in the tables::

    {{ x | count }}          9,178           {{ x | signed }}        +333 / -232
    {{ x | rate }}           56.7            {{ x | change }}        +12.7% / -2.5%
    {{ x | percent }}        26.0%           {{ x | change_words }}  an increase of 12.7%
    {{ x | number(2) }}      56.73                                   a reduction of 2.5%
    {{ x | gbp }}            £198,726        {{ x | ordinal }}       6th
    {{ x | abs }}            2.47 (a number, to be formatted by another filter)

A suppressed value prints as ``[c]`` (``change_words`` says so in words). A filter given text,
an unavailable fact or anything else that is not a number raises :class:`FilterInputError`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from numbers import Integral, Real
from typing import Any, cast

from jinja2 import Undefined

from .. import format as fmt
from ..values import Suppressed

Number = Real | Suppressed

MAX_PLACES = 6


class FilterInputError(Exception):
    """A filter was given something it cannot format."""


def _number(value: Any, name: str) -> Number:
    if isinstance(value, Undefined):
        # Raises the undefined value's own error (unknown or unavailable fact), which names it.
        value._fail_with_undefined_error()
    if isinstance(value, Suppressed):
        return value
    if isinstance(value, Real) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise FilterInputError(f"the '{name}' format needs a finite number, not {value}")
        return value
    raise FilterInputError(f"the '{name}' format needs a number, not {_shown(value)}")


def _places(places: Any, name: str) -> int:
    whole = isinstance(places, Integral) and not isinstance(places, bool)
    if whole and 0 <= int(places) <= MAX_PLACES:
        return int(places)
    raise FilterInputError(
        f"the '{name}' format takes a number of decimal places from 0 to {MAX_PLACES}, "
        f"not {_shown(places)}"
    )


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    path = getattr(value, "path", None)
    if isinstance(path, tuple):  # a FactGroup: a branch of the facts tree
        return f"the group of facts '{'.'.join(path)}'"
    return repr(value)[:40]


def count(value: Any) -> str:
    """A whole number with thousands separators: 9178 -> '9,178'."""
    return fmt.format_count(_number(value, "count"))


def rate(value: Any) -> str:
    """A rate per 1,000, one decimal place: 56.725 -> '56.7'."""
    return fmt.format_rate(_number(value, "rate"))


def percent(value: Any, places: Any = 1) -> str:
    """A percentage: 26.0 -> '26.0%'."""
    return fmt.format_percent(_number(value, "percent"), _places(places, "percent"))


def number(value: Any, places: Any = 1) -> str:
    """A decimal number with ``places`` decimals: number(56.725, 2) -> '56.73'."""
    return fmt.format_number(_number(value, "number"), _places(places, "number"))


def signed(value: Any, places: Any = 0) -> str:
    """A signed difference: 333 -> '+333', -232 -> '-232'."""
    return fmt.format_signed(_number(value, "signed"), _places(places, "signed"))


def change(value: Any, places: Any = 1) -> str:
    """A signed percentage change: 12.7 -> '+12.7%', -2.47 -> '-2.5%'."""
    return fmt.format_change(_number(value, "change"), _places(places, "change"))


def change_words(value: Any, places: Any = 1) -> str:
    """A percentage change in words: -2.47 -> 'a reduction of 2.5%'."""
    return fmt.change_in_words(_number(value, "change_words"), _places(places, "change_words"))


def gbp(value: Any) -> str:
    """Pounds sterling, whole pounds: 198726 -> '£198,726'."""
    return fmt.format_currency(_number(value, "gbp"))


def ordinal(value: Any) -> str:
    """A rank as an ordinal: 6 -> '6th'; a suppressed rank -> '[c]'."""
    rank = _number(value, "ordinal")
    if isinstance(rank, Suppressed):
        return str(rank)
    whole = float(rank)
    if not whole.is_integer() or whole < 0:
        raise FilterInputError(f"the 'ordinal' format needs a whole number, not {rank}")
    return fmt.ordinal(int(whole))


def absolute(value: Any) -> Number:
    """The size of a number without its sign (suppressed stays suppressed)."""
    result = _number(value, "abs")
    return result if isinstance(result, Suppressed) else cast(Real, abs(result))


FILTERS: Mapping[str, Callable[..., Any]] = {
    "count": count,
    "rate": rate,
    "percent": percent,
    "number": number,
    "signed": signed,
    "change": change,
    "change_words": change_words,
    "gbp": gbp,
    "ordinal": ordinal,
    "abs": absolute,
}
"""The narrative's own filters by name (they replace Jinja's built-in ``count`` and ``abs``)."""
