"""Number formatting: the one place where a figure becomes text.

Used by the tables, the narrative placeholders and both renderers, so a figure reads the same
wherever it appears. Rounding is half-up on the decimal value (as published statistics round),
never Python's round-half-even on a binary float.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from numbers import Real

from .values import SUPPRESSED_SYMBOL, Suppressed

Number = Real | Suppressed


def round_half_up(value: float, places: int) -> Decimal:
    """Round ``value`` to ``places`` decimals, halves away from zero (12.75 -> 12.8)."""
    quantum = Decimal(1).scaleb(-places)
    return Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)


def _fixed(value: float, places: int) -> str:
    text = f"{round_half_up(value, places):,.{places}f}"
    return "0" + text[2:] if text.startswith("-0") and float(text.replace(",", "")) == 0 else text


def format_count(value: Number) -> str:
    """A whole number with thousands separators: 9178 -> '9,178'."""
    if isinstance(value, Suppressed):
        return SUPPRESSED_SYMBOL
    return _fixed(value, 0)


def format_number(value: Number, places: int = 1) -> str:
    """A decimal number with thousands separators and fixed places: 56.73 -> '56.7'."""
    if isinstance(value, Suppressed):
        return SUPPRESSED_SYMBOL
    return _fixed(value, places)


def format_rate(value: Number) -> str:
    """A rate per 1,000 population, one decimal place: 56.725 -> '56.7'."""
    return format_number(value, 1)


def format_percent(value: Number, places: int = 1) -> str:
    """A percentage: 26.0 -> '26.0%'."""
    if isinstance(value, Suppressed):
        return SUPPRESSED_SYMBOL
    return f"{_fixed(value, places)}%"


def format_signed(value: Number, places: int = 0) -> str:
    """A signed difference: 333 -> '+333', -232 -> '-232', 0 -> '0'."""
    if isinstance(value, Suppressed):
        return SUPPRESSED_SYMBOL
    text = _fixed(value, places)
    return text if text.startswith("-") or float(text.replace(",", "")) == 0 else f"+{text}"


def format_change(value: Number, places: int = 1) -> str:
    """A signed percentage change: -2.47 -> '-2.5%', 12.7 -> '+12.7%'."""
    if isinstance(value, Suppressed):
        return SUPPRESSED_SYMBOL
    return f"{format_signed(value, places)}%"


def format_currency(value: Number) -> str:
    """Pounds sterling, whole pounds: -191402 -> '-£191,402'."""
    if isinstance(value, Suppressed):
        return SUPPRESSED_SYMBOL
    text = _fixed(abs(value), 0)
    return f"-£{text}" if round_half_up(value, 0) < 0 else f"£{text}"


def change_in_words(value: Number, places: int = 1) -> str:
    """A percentage change told in words: -2.47 -> 'a reduction of 2.5%'."""
    if isinstance(value, Suppressed):
        return f"a change that cannot be shown ({SUPPRESSED_SYMBOL})"
    rounded = round_half_up(value, places)
    if rounded == 0:
        return "no change"
    size = format_percent(abs(value), places)
    return f"an increase of {size}" if rounded > 0 else f"a reduction of {size}"


def ordinal(value: int) -> str:
    """An ordinal number: 1 -> '1st', 2 -> '2nd', 11 -> '11th', 22 -> '22nd'."""
    if 10 <= value % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def format_value(value: Number | None, unit: str) -> str:
    """A fact's value as text by its unit ('count', 'percent', 'rate_per_1000', 'gbp', …).

    An unavailable value (None) reads 'not available'.
    """
    if value is None:
        return "not available"
    if isinstance(value, Suppressed):
        return SUPPRESSED_SYMBOL
    if unit in ("count", "persons", "rank", "periods"):
        return format_count(value) if float(value).is_integer() else format_number(value, 1)
    if unit == "percent":
        return format_percent(value)
    if unit == "percent_change":
        return format_change(value)
    if unit == "percentage_points":
        return f"{format_signed(value, 1)} points"
    if unit == "rate_per_1000":
        return format_rate(value)
    if unit == "gbp":
        return format_currency(value)
    return format_number(value, 2)
