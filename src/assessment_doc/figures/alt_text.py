"""Alt text written from a chart's data: what a reader who cannot see the chart needs first.

The key message is the largest value and how far it stands out, the focus area's place against
the others and the reference, and any gap left by a suppressed value. The last sentence says
where every figure behind the chart is: the dataset in the appendix of sources
(:func:`sources_sentence`), or, where a table of the document holds the chart's data
(:func:`holds_the_data`), that table by its number (:func:`naming_the_table`, which the builder
calls once the document's tables are numbered).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..format import ordinal
from .selection import Gap

MAX_NAMED = 5
"""Areas named at most in one sentence of alt text; more are counted instead."""

_TIMES = {2: "twice", 3: "three times", 4: "four times", 5: "five times", 6: "six times",
          7: "seven times", 8: "eight times", 9: "nine times", 10: "ten times"}


def compared(top: float, other: float) -> str:
    """How ``top`` compares with a smaller ``other``: 'over four times', '59% more than'."""
    if other <= 0:
        return "far above"
    ratio = top / other
    whole = math.floor(ratio + 0.05)
    if ratio >= 2 - 0.05:
        times = _TIMES.get(whole, f"{whole} times")
        if ratio > whole + 0.05:
            return f"over {times}"
        return f"{times}" if abs(ratio - whole) <= 0.01 else f"about {times}"
    more = round((ratio - 1) * 100)
    return f"{more}% more than" if more >= 5 else "just ahead of"


def names(items: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def ranked_alt_text(
    *,
    values: Sequence[tuple[str, float]],
    suppressed: Sequence[str],
    noun: str,
    period: str,
    fmt: Callable[[float], str],
    per: str = "",
    focus: str | None = None,
    reference: tuple[str, float] | None = None,
    plural_areas: str = "areas",
    suppressed_drawn: bool = True,
) -> str:
    """Alt text of a ranked bar chart. ``values`` are (area, value), largest first.
    ``suppressed_drawn``: False when the suppressed areas are one row of a cut chart (see
    :mod:`.selection`), not a gap each."""
    if not values:
        return f"No {noun} can be shown for {period}: every figure is suppressed."
    (top, high), lowest = values[0], values[-1][1]
    bottom = [area for area, value in values if value == lowest]
    most, fewest = ("the highest", "the lowest") if per else ("the most", "the fewest")
    each = " each" if len(bottom) > 1 else ""
    if focus is not None and focus in dict(values):
        sentences = [_focus_sentence(values, focus, noun, period, fmt, per, reference,
                                     plural_areas)]
        sentences.append(f"{top} had {most} ({fmt(high)}) and {names(bottom)} {fewest} "
                         f"({fmt(lowest)}{each}).")
    else:
        what = f"rate of {noun}{per}" if per else noun
        first = f"{top} had {most} {what} ({fmt(high)}) in {period}"
        if len(values) > 1:
            second, next_value = values[1]
            if next_value == high:
                first = f"{top} and {second} had {most} {what} ({fmt(high)} each) in {period}"
            else:
                first += (f", {compared(high, next_value)} {second} ({fmt(next_value)}), "
                          "the next highest")
        sentences = [first + "."]
        if len(values) > 2:
            sentences.append(f"{names(bottom)} had {fewest} ({fmt(lowest)}{each}).")
    if suppressed and (len(suppressed) > MAX_NAMED or not suppressed_drawn):
        which = (names(list(suppressed)) if len(suppressed) <= MAX_NAMED
                 else f"{len(suppressed):,} {plural_areas}")
        verb = "is" if len(suppressed) == 1 else "are"
        shown = ("shown as gaps, not as zero" if suppressed_drawn
                 else "counted in the chart's last row, not drawn as zero")
        sentences.append(f"The {'figure' if len(suppressed) == 1 else 'figures'} for {which} "
                         f"{verb} suppressed at source ([c]) and {shown}.")
    elif suppressed:
        verb = "is" if len(suppressed) == 1 else "are"
        sentences.append(f"The figure for {names(list(suppressed))} {verb} suppressed at source "
                         "([c]) and shown as a gap, not as zero."
                         if len(suppressed) == 1 else
                         f"The figures for {names(list(suppressed))} {verb} suppressed at source "
                         "([c]) and shown as gaps, not as zero.")
    return " ".join(sentences)


def _focus_sentence(
    values: Sequence[tuple[str, float]], focus: str, noun: str, period: str,
    fmt: Callable[[float], str], per: str, reference: tuple[str, float] | None,
    plural_areas: str,
) -> str:
    own = dict(values)[focus]
    from_top = 1 + sum(1 for _, v in values if v > own)
    from_bottom = 1 + sum(1 for _, v in values if v < own)
    place = (f"the {_nth(from_top)}highest" if from_top <= from_bottom
             else f"the {_nth(from_bottom)}lowest")
    text = f"{focus} had {fmt(own)} {noun}{per} in {period}, {place} of {len(values)} {plural_areas}"
    if reference is not None:
        name, value = reference
        side = "above" if own > value else "below" if own < value else "the same as"
        text += f", and {side} the figure for {name}, {fmt(value)}"
    return text + "."


def _nth(place: int) -> str:
    return "" if place == 1 else f"{ordinal(place)} "


def grouped_alt_text(
    *,
    series: dict[str, Sequence[float | None]],
    periods: Sequence[str],
    noun: str,
    fmt: Callable[[float], str],
) -> str:
    """Alt text of a grouped bar chart: the leader in the latest period, the largest rise."""
    latest = {area: values[-1] for area, values in series.items() if values[-1] is not None}
    if not latest:
        return f"No {noun} can be shown: every figure is suppressed."
    top = max(latest, key=lambda area: latest[area])
    every = all(
        all(values[i] is not None for values in series.values())
        and max(series, key=lambda area: series[area][i]) == top
        for i in range(len(periods)))
    when = f"in every period from {periods[0]} to {periods[-1]}" if every else f"in {periods[-1]}"
    text = f"{top} had the most {noun} {when} ({fmt(latest[top])} in {periods[-1]})."
    changes = {area: values[-1] - values[0] for area, values in series.items()
               if values[0] is not None and values[-1] is not None}
    if changes:
        rise = max(changes, key=lambda area: changes[area])
        fall = min(changes, key=lambda area: changes[area])
        first, last = series[rise][0], series[rise][-1]
        if changes[rise] > 0:
            text += (f" The largest rise was in {rise}, from {fmt(first)} in {periods[0]} to "
                     f"{fmt(last)} in {periods[-1]}.")
        elif changes[fall] < 0:
            text += (f" Every area fell or held steady; the largest fall was in {fall}, from "
                     f"{fmt(series[fall][0])} to {fmt(series[fall][-1])}.")
    return text


def ranked_selection_sentence(
    rows: Sequence[str | Gap], total: int, plural_areas: str, *, descending: bool = True
) -> str:
    """What a cut ranked chart draws (see :mod:`.selection`): 'The chart draws 21 of the 260
    wards: the 15 highest, the 5 lowest and Maidstone (112th highest); a row stands for each run of the
    others.'"""
    ranked = [row for row in rows if not (isinstance(row, Gap) and row.suppressed)]
    first = next((i for i, row in enumerate(ranked) if isinstance(row, Gap)), len(ranked))
    last = next((i for i, row in enumerate(reversed(ranked)) if isinstance(row, Gap)),
                len(ranked))
    between = [row for row in ranked[first:len(ranked) - last] if isinstance(row, str)]
    drawn = sum(1 for row in rows if isinstance(row, str))
    place = {}
    at = 0
    for row in ranked:
        if isinstance(row, Gap):
            at += row.count
        else:
            at += 1
            place[row] = at
    high, low = ("highest", "lowest") if descending else ("lowest", "highest")
    parts = []
    if first:
        parts.append(f"the {first} {high}" if first > 1 else f"the {high}")
    if last:
        parts.append(f"the {last} {low}" if last > 1 else f"the {low}")
    parts += [f"{area} ({ordinal(place[area])} {high})" for area in between]
    return (f"The chart draws {drawn:,} of the {total:,} {plural_areas}: {names(parts)}; "
            "a row marked with an ellipsis stands for each run of the others.")


def grouped_selection_sentence(
    slots: Sequence[str | Gap], plural_areas: str, period: str, *, order: str
) -> str:
    """What a cut grouped chart draws: 'The chart draws the 4 wards with the most in July 2014 -
    June 2015 and the 4 with the fewest; the other 52 of the 60 wards are not drawn.'"""
    gap = next(slot for slot in slots if isinstance(slot, Gap))
    at = slots.index(gap)
    first, last = at, len(slots) - at - 1
    total = first + last + gap.count
    if order == "as_in_data":
        which = f"the first {first} and the last {last} {plural_areas} as listed in the data"
    else:
        most, fewest = ("most", "fewest") if order == "descending" else ("fewest", "most")
        which = (f"the {first} {plural_areas} with the {most} in {period} and the {last} with "
                 f"the {fewest}")
    return (f"The chart draws {which}; the other {gap.count:,} of the {total:,} "
            f"{plural_areas} are not drawn.")


def sources_sentence(dataset_title: str, appendix: str) -> str:
    """The alt text's last sentence when no table holds the chart's data: the dataset, which the
    appendix ``appendix`` lists with its source."""
    title = dataset_title.rstrip(". ")
    return (f"The full figures are in the dataset \u2018{title}\u2019, listed with its source in "
            f"the appendix {appendix}.")


def table_sentence(number: int) -> str:
    """The alt text's last sentence when Table ``number`` of the document holds its data."""
    return f"The figures are in Table {number}."


def naming_the_table(alt_text: str, dataset_title: str, appendix: str, number: int) -> str:
    """``alt_text`` with its last sentence naming Table ``number`` instead of the appendix; as
    it is when it does not end with the appendix's sentence (a spec's own ``alt_text``)."""
    ending = sources_sentence(dataset_title, appendix)
    if not alt_text.endswith(ending):
        return alt_text
    return alt_text[:len(alt_text) - len(ending)] + table_sentence(number)


def holds_the_data(figure: Mapping[str, Any], table: Mapping[str, Any]) -> bool:
    """Whether the table of spec ``table`` holds the figures the chart of spec ``figure``
    draws (both as plain data): the same dataset, measure and kind of area, and, for a chart
    of rates per 1,000, a table that shows rates too (a ``show: rate`` column, a rank of the
    rate, or a trend's ``rate`` column), not only the counts they are worked out from."""
    if (table.get("dataset"), table.get("measure")) != (figure.get("dataset"),
                                                        figure.get("measure")):
        return False
    if table.get("area_type") != figure.get("area_type", "district"):
        return False
    if figure.get("show") == "rate":
        return _shows_rates(table) or table.get("rate") is not None
    return True


def _shows_rates(spec: object) -> bool:
    if isinstance(spec, Mapping):
        return (spec.get("show") == "rate" or spec.get("of") == "rate"
                or any(_shows_rates(value) for value in spec.values()))
    if isinstance(spec, (list, tuple)):
        return any(_shows_rates(item) for item in spec)
    return False
