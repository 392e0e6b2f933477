"""Phrase filters: the words around a figure that depend on it, chosen from the facts.

A sentence such as "ASB has fallen, and is below the Kent average" goes false as soon as the
data move, if its words are typed. These filters write the word that the value calls for, so the
same sentence stays true for next year's data and for another district::

    {{ x.pct_change | direction('has risen') }}
        has risen / has fallen / has not changed
    {{ x.vs_kent | compare_words('the Kent average') }}
        above / below / in line with the Kent average
    {{ x.rate_rank_lowest_first | rank_words('lowest') }}
        the lowest / the 5th lowest
    {{ asb.focus.incidents | trend_words }}
        has fallen for the second year running
    {{ hospital_admissions | top_areas('admissions') }}
        High Street (121), Fant (59) and East (54)
    {{ hospital_admissions | withheld_areas('admissions') }}
        Detling and Thurnham, and Leeds
    {{ road_collisions | largest_rises('collisions', 2) }}
        North Downs (from 52 to 79) and High Street (from 66 to 78)
    {{ road_collisions.boxley.collisions | highest_since }}
        July 2011 (the highest of its kind every year since then)
    {{ population | highest_value('population', 'districts') }}
        157600 (the other districts' highest, a number for a comparison)

and tests for conditions: ``{% if x.pct_change is rise %}`` and ``is fall``; ``{% if x.value is
over(50) %}`` and ``is under(50)``, false when either figure is withheld, so that a sentence
claiming more or less than a threshold is left out rather than the build stopped.

A figure is taken as not changed (or in line) when it rounds to zero at the precision it is
printed with (one decimal place unless ``places`` says otherwise), so the words never contradict
the printed figure ("no change" beside "+0.0%" rather than "a rise"). A suppressed value (``[c]``)
gets a neutral word that claims no direction; an unavailable one is refused with its name, as
every filter refuses it (put the sentence inside ``{% if … is defined %}``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from numbers import Real
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context

from .. import format as fmt
from ..facts import slug as slug_of
from ..periods import Period, PeriodError
from ..values import Suppressed
from .areas import AREAS_KEY, AreaDirectory, label_from_slug
from .filters import FilterInputError, Number, _number, _places, _shown

DIRECTION_FORMS: Mapping[str, tuple[str, str, str, str]] = {
    # the word for a rise: (rise, fall, no change, suppressed: no direction claimed)
    "rose": ("rose", "fell", "did not change", "changed"),
    "risen": ("risen", "fallen", "not changed", "changed"),
    "has risen": ("has risen", "has fallen", "has not changed", "has changed"),
    "a rise": ("a rise", "a fall", "no change", "a change"),
    "an increase": ("an increase", "a reduction", "no change", "a change"),
    "rising": ("rising", "falling", "unchanged", "changing"),
    "up": ("up", "down", "unchanged", "changed"),
    "more": ("more", "fewer", "more", "more or fewer"),
    "higher": ("higher", "lower", "the same", "different"),
}
"""Each form a clerk may ask ``direction`` for, written as it reads when the figure rose."""

COMPARE_FORMS: Mapping[str, tuple[str, str, str]] = {
    "above": ("above", "below", "in line with"),
    "higher": ("higher than", "lower than", "the same as"),
}
"""``compare_words`` forms: (greater, smaller, equal)."""

ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                 "ninth", "tenth")

AMONG: Mapping[str, str] = {"wards": "ward", "districts": "district",
                            "divisions": "police_division"}
"""The area kinds a list filter picks from, as a clerk names them, and their area type."""


# --- signs ---------------------------------------------------------------------------------------


def sign_as_printed(value: Real, places: int = 1) -> int:
    """+1, -1 or 0: the sign of ``value`` rounded half up to ``places`` decimals."""
    rounded = fmt.round_half_up(float(value), places)
    return (rounded > 0) - (rounded < 0)


def is_rise(value: Any) -> bool:
    """The Jinja test ``is rise``: a number that rounds (one decimal) to more than zero."""
    number = _number(value, "rise")
    return not isinstance(number, Suppressed) and sign_as_printed(number) > 0


def is_fall(value: Any) -> bool:
    """The Jinja test ``is fall``: a number that rounds (one decimal) to less than zero."""
    number = _number(value, "fall")
    return not isinstance(number, Suppressed) and sign_as_printed(number) < 0


def is_over(value: Any, other: Any) -> bool:
    """The Jinja test ``is over(n)``: both numbers known and the first greater."""
    first, second = _number(value, "over"), _number(other, "over")
    return _both_known(first, second) and first > second


def is_under(value: Any, other: Any) -> bool:
    """The Jinja test ``is under(n)``: both numbers known and the first smaller."""
    first, second = _number(value, "under"), _number(other, "under")
    return _both_known(first, second) and first < second


def _both_known(first: Number, second: Number) -> bool:
    return not isinstance(first, Suppressed) and not isinstance(second, Suppressed)


# --- one value -----------------------------------------------------------------------------------


def direction(value: Any, form: Any = "rose", places: Any = 1) -> str:
    """The direction of a change in the form asked for: -2.5 -> 'fell' ('rose' form)."""
    forms = _form(form, DIRECTION_FORMS, "direction")
    number = _number(value, "direction")
    if isinstance(number, Suppressed):
        return forms[3]
    sign = sign_as_printed(number, _places(places, "direction"))
    return forms[0] if sign > 0 else forms[1] if sign < 0 else forms[2]


def compare_words(difference: Any, what: Any = None, form: Any = "above", places: Any = 1) -> str:
    """A difference from a comparator in words: -0.9 -> 'below the Kent average'.

    ``difference`` is a ``vs_…`` fact (this area's figure minus the comparator's); it is in line
    when it rounds to zero at ``places`` decimals, the precision both figures are printed with.
    """
    if not isinstance(what, str) or not what.strip():
        raise FilterInputError("'compare_words' needs what is compared with, such as "
                               "compare_words('the Kent average')")
    greater, smaller, same = _form(form, COMPARE_FORMS, "compare_words")
    number = _number(difference, "compare_words")
    if isinstance(number, Suppressed):
        return f"not comparable with {what} (the figure is withheld)"
    sign = sign_as_printed(number, _places(places, "compare_words"))
    word = greater if sign > 0 else smaller if sign < 0 else same
    return f"{word} {what}"


def rank_words(rank: Any, word: Any = "highest") -> str:
    """A rank as words: 1 -> 'the highest', 5 -> 'the 5th highest' (any word: 'largest')."""
    if not isinstance(word, str) or not word.strip():
        raise FilterInputError("'rank_words' needs the word for rank 1, such as "
                               "rank_words('highest')")
    number = _number(rank, "rank_words")
    if isinstance(number, Suppressed):
        return f"the {number} {word}"
    whole = float(number)
    if not whole.is_integer() or whole < 1:
        raise FilterInputError(f"the 'rank_words' format needs a rank of 1 or more, not {number}")
    return f"the {word}" if whole == 1 else f"the {fmt.ordinal(int(whole))} {word}"


def ordinal_words(value: int) -> str:
    """'first' … 'tenth', then '11th': how many years in a row, as a sentence says it."""
    return ORDINAL_WORDS[value - 1] if 1 <= value <= len(ORDINAL_WORDS) else fmt.ordinal(value)


def trend_words(measure: Any) -> str:
    """How a measure moved over the years that end now, from its ``consecutive_*`` facts.

    ``{{ asb.focus.incidents | trend_words }}``: 'has fallen for the third year running',
    'has risen on the year before', 'has not changed on the year before'.
    """
    falls = _child(measure, "consecutive_falls", "trend_words")
    rises = _child(measure, "consecutive_rises", "trend_words")
    if isinstance(falls, Suppressed) or isinstance(rises, Suppressed):
        return "cannot be compared with earlier years (a figure is withheld)"
    for count, verb in ((falls, "fallen"), (rises, "risen")):
        if count >= 2:
            return f"has {verb} for the {ordinal_words(int(count))} year running"
        if count == 1:
            return f"has {verb} on the year before"
    return "has not changed on the year before"


# --- lists of areas ------------------------------------------------------------------------------


@pass_context
def top_areas(context: Context, dataset: Any, measure: Any, count: Any = 3,
              among: Any = "wards") -> str:
    """The areas with the highest values, with their figures: 'High Street (121), Fant (59) and
    East (54)'. Withheld ([c]) and missing values are left out (see ``withheld_areas``); areas
    tied with the last one listed are listed too."""
    return _ranked(context, dataset, measure, count, among, highest=True, name="top_areas")


@pass_context
def bottom_areas(context: Context, dataset: Any, measure: Any, count: Any = 3,
                 among: Any = "wards") -> str:
    """The areas with the lowest values, lowest first, as ``top_areas`` writes them."""
    return _ranked(context, dataset, measure, count, among, highest=False, name="bottom_areas")


@pass_context
def withheld_areas(context: Context, dataset: Any, measure: Any, among: Any = "wards") -> str:
    """The areas whose value is suppressed at source ([c]), by name: 'Fant, Leeds and Loose';
    empty text when there are none (so ``{% if … %}`` can leave the sentence out)."""
    values = _area_values(context, dataset, measure, among, "withheld_areas")
    return join_names(sorted(name for name, value in values if isinstance(value, Suppressed)))


def join_names(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'; with a comma before the last 'and' when a name holds 'and'
    itself ('Leeds, and Detling and Thurnham'), so that the list reads unambiguously."""
    if len(names) <= 1:
        return "".join(names)
    last = ", and " if any(" and " in name for name in names) else " and "
    return ", ".join(names[:-1]) + last + names[-1]


def _ranked(context: Context, dataset: Any, measure: Any, count: Any, among: Any, *,
            highest: bool, name: str) -> str:
    if not (isinstance(count, int) and not isinstance(count, bool) and count >= 1):
        raise FilterInputError(f"'{name}' takes how many areas to list (1 or more), "
                               f"not {_shown(count)}")
    shown = [(area, value) for area, value in _area_values(context, dataset, measure, among, name)
             if isinstance(value, Real)]
    shown.sort(key=lambda item: (-item[1] if highest else item[1], item[0]))
    if len(shown) > count:
        cut = shown[count - 1][1]
        shown = shown[:count] + [item for item in shown[count:] if item[1] == cut]
    return join_names([f"{area} ({fmt.format_value(value, 'count')})" for area, value in shown])


@pass_context
def largest_rises(context: Context, dataset: Any, measure: Any, count: Any = 2,
                  among: Any = "wards") -> str:
    """The areas whose value rose most on the year before, in number, with both figures:
    'North Downs (from 52 to 79) and High Street (from 66 to 78)'. Only areas that rose are
    listed, so the text is empty when none did (``{% if … %}`` can say so instead); withheld
    ([c]) and missing figures are left out; areas tied with the last one listed are listed too."""
    if not (isinstance(count, int) and not isinstance(count, bool) and count >= 1):
        raise FilterInputError(f"'largest_rises' takes how many areas to list (1 or more), "
                               f"not {_shown(count)}")
    rises = []
    for area, facts in _area_facts(context, dataset, measure, among, "largest_rises"):
        value, previous = facts.get("value"), facts.get("previous")
        if _is_number(value) and _is_number(previous) and value > previous:
            rises.append((area, value - previous, previous, value))
    rises.sort(key=lambda item: (-item[1], item[0]))
    if len(rises) > count:
        cut = rises[count - 1][1]
        rises = rises[:count] + [item for item in rises[count:] if item[1] == cut]
    return join_names([f"{area} (from {fmt.format_value(previous, 'count')} to "
                       f"{fmt.format_value(value, 'count')})"
                       for area, _, previous, value in rises])


@pass_context
def highest_value(context: Context, dataset: Any, measures: Any,
                  among: Any = "districts") -> Real:
    """The highest figure of the other areas of a kind, the focus area left out, for a
    comparison: ``{% if population.focus.population.value > population |
    highest_value(['population', 'population_implied_by_rates']) %}``. ``measures`` is one
    measure, or several in order of preference (each area's first that has a figure). Withheld
    ([c]) and missing figures are left out."""
    name = "highest_value"
    wanted = [measures] if isinstance(measures, str) else measures
    if not (isinstance(wanted, (list, tuple)) and wanted
            and all(isinstance(m, str) for m in wanted)):
        raise FilterInputError(f"'{name}' needs the name of a measure, or a list of them, not "
                               f"{_shown(measures)}")
    focus = _focus_slug(context)
    figures: dict[str, Real] = {}
    for measure in reversed(wanted):  # the first measure named wins
        try:
            found = _area_slug_values(context, dataset, measure, among, name)
        except FilterInputError:
            continue
        figures.update({slug_: value for slug_, value in found
                        if slug_ != focus and _is_number(value)})
    if not figures:
        raise FilterInputError(f"'{name}': the dataset '{'.'.join(dataset.path)}' has no other "
                               f"{among} with a figure for {' or '.join(wanted)}")
    return max(figures.values())


@pass_context
def highest_since(context: Context, measure: Any) -> str:
    """Since when an area has had the highest value of any area of its kind, every year:
    ``{{ road_collisions.boxley.collisions | highest_since }}`` -> 'July 2011' (the start of the
    earliest of the unbroken run of years ending with the current one). Empty text when the
    area is not the highest this year or was not last year too, so ``{% if … %}`` can leave
    the sentence out. A tie, or a withheld ([c]) or missing figure, ends the run: the area is
    not known to be the highest that year."""
    name = "highest_since"
    children = _group_children(measure, name)
    path = measure.path
    if len(path) != 3:
        raise FilterInputError(f"'{name}' needs one area's measure, such as "
                               f"road_collisions.boxley.collisions, not "
                               f"'{'.'.join(path)}'")
    dataset_id, area_slug, measure_name = path
    rivals = _same_kind_values(context, dataset_id, area_slug, measure_name)
    period = _current_period(context, dataset_id, name)
    run: list[Period] = []
    while _is_highest(children.get(period.key), [r.get(period.key) for r in rivals]):
        run.append(period)
        period = period.previous()
    if len(run) < 2:
        return ""
    return _period_start(run[-1])


def _period_start(period: Period) -> str:
    """The first month (or the year) of a period in words: 'July 2011', '2011'."""
    return period.label.partition(" - ")[0]


def _is_highest(own: Any, others: Sequence[Any]) -> bool:
    return _is_number(own) and bool(others) and all(_is_number(other) and own > other for other in others)


def _is_number(value: Any) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool)


def _same_kind_values(context: Context, dataset_id: str, area_slug: str,
                      measure: str) -> list[Mapping[str, Any]]:
    """The measure's facts for every other area of the dataset of the same area type."""
    dataset = context.get(dataset_id)
    areas = getattr(dataset, "children", dataset)
    directory = _directory_of(context, dataset_id)
    if not isinstance(areas, Mapping) or directory is None or area_slug not in directory:
        raise FilterInputError(f"'highest_since': the dataset '{dataset_id}' has no area "
                               f"'{area_slug}'")
    kind = directory[area_slug]["type"]
    found = []
    for slug_, facts in areas.items():
        known = directory.get(slug_)
        if slug_ == area_slug or known is None or known["type"] != kind:
            continue
        measure_facts = getattr(facts, "children", facts)
        if isinstance(measure_facts, Mapping):
            facts_of = measure_facts.get(measure)
            found.append(getattr(facts_of, "children", facts_of) or {})
    return found


def _current_period(context: Context, dataset_id: str, name: str) -> Period:
    periods = context.get("periods")
    periods = getattr(periods, "children", periods)
    words = periods.get(dataset_id) if isinstance(periods, Mapping) else None
    words = getattr(words, "children", words)
    try:
        return Period.parse(words["current_id"])  # type: ignore[index]
    except (TypeError, KeyError, PeriodError):
        raise FilterInputError(f"'{name}': no current period is known for the dataset "
                               f"'{dataset_id}'") from None


def _focus_slug(context: Context) -> str | None:
    settings = context.get("settings")
    settings = getattr(settings, "children", settings)
    area = settings.get("area") if isinstance(settings, Mapping) else None
    return slug_of(area) if isinstance(area, str) else None


def _area_slug_values(context: Context, dataset: Any, measure: str, among: Any,
                      name: str) -> list[tuple[str, Any]]:
    """(area slug, value) for each area of the kind ``among`` that has the measure."""
    children = _group_children(dataset, name)
    directory = _directory(context, dataset)
    if among not in AMONG:
        raise FilterInputError(f"'{name}' lists {', '.join(AMONG)}, not {_shown(among)}")
    found = []
    for slug_, areas_facts in children.items():
        known = directory.get(slug_) if directory is not None else None
        if known is None or known["type"] != AMONG[among] or not isinstance(areas_facts,
                                                                             Mapping):
            continue
        facts = areas_facts.get(measure)
        if isinstance(facts, Mapping):
            found.append((slug_, facts.get("value")))
    if not found:
        raise FilterInputError(f"'{name}': the dataset '{'.'.join(dataset.path)}' has no "
                               f"{among} with the measure '{measure}'")
    return found


def _area_values(context: Context, dataset: Any, measure: Any, among: Any,
                 name: str) -> list[tuple[str, Number | None]]:
    """(area name, value) for each area of the kind ``among`` in the dataset group."""
    return [(label, facts.get("value"))
            for label, facts in _area_facts(context, dataset, measure, among, name)]


def _area_facts(context: Context, dataset: Any, measure: Any, among: Any,
                name: str) -> list[tuple[str, Mapping[str, Any]]]:
    """(area name, the measure's facts) for each area of the kind ``among`` in the dataset."""
    children = _group_children(dataset, name)
    if not isinstance(measure, str):
        raise FilterInputError(f"'{name}' needs the name of a measure, not {_shown(measure)}")
    if among not in AMONG:
        raise FilterInputError(f"'{name}' lists {', '.join(AMONG)}, not {_shown(among)}")
    directory = _directory(context, dataset)
    found = []
    for slug, areas_facts in children.items():
        if slug == "focus" or not isinstance(areas_facts, Mapping):
            continue
        facts = areas_facts.get(measure)
        if not isinstance(facts, Mapping):
            continue
        if directory is not None:
            known = directory.get(slug)
            if known is None or known["type"] != AMONG[among]:
                continue
            label = known["name"]
        elif "rank_highest_first" in facts:  # without a directory: the ranked areas
            label = label_from_slug(slug)
        else:
            continue
        found.append((label, facts))
    if not found:
        raise FilterInputError(f"'{name}': the dataset '{'.'.join(dataset.path)}' has no "
                               f"{among} with the measure '{measure}'")
    return found


def _directory(context: Context, dataset: Any) -> Mapping[str, Mapping[str, str]] | None:
    return _directory_of(context, dataset.path[-1])


def _directory_of(context: Context, dataset_id: str) -> Mapping[str, Mapping[str, str]] | None:
    areas = context.get(AREAS_KEY)
    children = getattr(areas, "children", areas)
    if not isinstance(children, Mapping):
        return None
    directory: AreaDirectory = children
    return directory.get(dataset_id)


def _group_children(group: Any, name: str) -> Mapping[str, Any]:
    children = getattr(group, "children", None)
    if not isinstance(children, Mapping) or not isinstance(getattr(group, "path", None), tuple):
        raise FilterInputError(f"'{name}' needs a group of facts such as a dataset "
                               f"('hospital_admissions'), not {_shown(group)}")
    return children


def _child(group: Any, key: str, name: str) -> Number:
    children = _group_children(group, name)
    path = ".".join((*group.path, key))
    if key not in children:
        raise FilterInputError(f"'{name}' needs a measure with the fact '{key}', such as "
                               f"asb.focus.incidents; '{'.'.join(group.path)}' has none")
    value = children[key]
    if value is None:
        raise FilterInputError(f"the fact '{path}' is not available (its data is missing); put "
                               f"the sentence inside {{% if {path} is defined %}}")
    return _number(value, name)


def _form(form: Any, forms: Mapping[str, Any], name: str) -> Any:
    if isinstance(form, str) and form in forms:
        return forms[form]
    known = ", ".join(f"'{key}'" for key in forms)
    raise FilterInputError(f"the '{name}' filter knows the forms {known}, not {_shown(form)}")


PHRASE_FILTERS: Mapping[str, Callable[..., Any]] = {
    "direction": direction,
    "compare_words": compare_words,
    "rank_words": rank_words,
    "trend_words": trend_words,
    "top_areas": top_areas,
    "bottom_areas": bottom_areas,
    "withheld_areas": withheld_areas,
    "largest_rises": largest_rises,
    "highest_since": highest_since,
    "highest_value": highest_value,
}
"""The phrase filters by name."""

PHRASE_TESTS: Mapping[str, Callable[..., bool]] = {"rise": is_rise, "fall": is_fall,
                                                   "over": is_over, "under": is_under}
"""The tests for ``{% if x is rise %}``, ``is fall``, ``is over(n)`` and ``is under(n)``."""
