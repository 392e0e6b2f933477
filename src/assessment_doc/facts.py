"""Facts: every figure the narrative, the rules and the tables may quote, computed once and named.

A :class:`Fact` is one value with a name, a unit and a one-line description a clerk can read.
:func:`compute_facts` derives them from the loaded data; facts never know Markdown or formatting.

Names
-----
Every fact is named ``<dataset>.<area>.<measure>.<derivation>``::

    recorded_crime.maidstone.offences.value            9178
    recorded_crime.maidstone.offences.pct_change       -2.465...
    recorded_crime.focus.offences.rate_per_1000        56.72...   (focus = the focus area)
    road_collisions.high_street.collisions.p2011_07_2012_06   53

- ``<area>`` is the area's slug: lower case, words joined by ``_``, ``&`` read as ``and``
  (``tonbridge_and_malling``, ``kcc_districts``). The focus area is also named ``focus``, so
  narrative written with ``focus`` works for any district.
- ``<measure>`` is the measure's id in ``data/datasets.yaml``, or a computed measure: a measure
  declared ``derived: true`` with sub-categories and no rows is the sum of its sub-categories
  (``crime_by_type.maidstone.all_crime.value``), and each :class:`MeasureDifference` adds one
  (``iom_cost_of_offending.west_division.cost_difference.value``).
- The value for the current period is the leaf ``value``, so every node of the tree is a dict
  and every leaf a number: ``{{ recorded_crime.focus.offences.value }}``,
  ``{{ recorded_crime.focus.offences.pct_change }}``.

Periods: each dataset's current period is ``periods[dataset_id]``, by default its latest
period; the population used for every rate is the ``population`` dataset's current period.

The derivations, in the order :data:`DERIVATIONS` lists them (each is one small function; one
that does not apply to a measure's unit or an area's type yields nothing, so every area of the
same type in a dataset has the same names, with None where the area has no row):

``value``, ``previous`` (the same period a year earlier), ``change``, ``pct_change``
    the current period, and the change from a year earlier (``pct_change`` not for percentages
    and rates; the change of a percentage is in percentage points).
``p2014_10_2015_09`` …
    the value in each period of the dataset (``Period.key``).
``previous_month``, ``change_on_month``, ``pct_change_on_month``
    only when the current period is a single month (the claimant count).
``rate_per_1000``, ``previous_rate_per_1000``
    counts per 1,000 residents, both divided by the same population: the ``population``
    dataset's current period (measures ``population``, else ``population_implied_by_rates``).
``vs_<comparator>``
    the difference from each county, police-force-area or country row of the dataset
    (``vs_kent``, ``vs_kcc_districts``, ``vs_great_britain``): of rates per 1,000 for counts,
    of values (percentage points) for percentages and published rates.
``rank_lowest_first``, ``rank_highest_first``, ``rate_rank_…``, ``pct_change_rank_…``
    the rank of the value, the rate and the % change among the areas of the same type
    (the twelve districts; the wards; the police divisions without their total), 1 = the
    lowest (``_lowest_first``) or the highest (``_highest_first``): the seed's crime tables
    rank 1 = lowest rate (``rate_rank_lowest_first``), its road tables 1 = most collisions
    (``rank_highest_first``). Ties share the better rank. Not given where an area has no other
    area of its type in the dataset.
``consecutive_falls``, ``consecutive_rises``
    how many year-on-year falls (rises) in a row end at the current period.
``share_of_total``
    % of the total: a ward of the focus area's total, a district of ``KCC districts``, a
    police division of ``Kent and Medway``.
``share_of_parent``
    % of the measure it is a sub-category of (``parent`` in the manifest).

Values are ``int`` (whole counts, persons and pounds), ``float``, :data:`SUPPRESSED` where any
input is suppressed at source, or ``None`` where an input is missing (unavailable). Suppressed
never becomes 0 or NaN. A rank is suppressed if any area it is ranked against is suppressed.
"""

from __future__ import annotations

import fnmatch
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from difflib import get_close_matches
from types import MappingProxyType

import pandas as pd

from .data import Datasets, DatasetSpec
from .periods import Period, PeriodKind
from .values import SUPPRESSED, Suppressed

Value = int | float | Suppressed | None
"""A fact's value: a number, SUPPRESSED, or None (unavailable)."""

FOCUS = "focus"
"""The alias under which the focus area's facts are also named."""

POPULATION_DATASET = "population"
"""The dataset whose rows divide counts into rates per 1,000."""

POPULATION_MEASURES = ("population", "population_implied_by_rates")
"""Population measures, the published one first: the first with a row for an area is used."""

COMPARATOR_AREA_TYPES = ("county", "police_force_area", "country")
"""Area types every other area of a dataset is compared with (``vs_<slug>``)."""

RANKED_AREA_TYPES = ("district", "ward", "police_division")
"""Area types whose areas are ranked against each other."""

TOTAL_AREAS = {"district": "KCC districts", "police_division": "Kent and Medway"}
"""The area that is the total of each area type (wards: the focus area), for ``share_of_total``."""

ADDITIVE_UNITS = ("count", "persons", "gbp")
"""Units whose values add up: they have % changes, rates, and shares of a total."""

RATE_UNITS = ("count", "persons")
"""Units that are divided by the population into rates per 1,000."""

_DICT_ATTRIBUTES = frozenset(name for name in dir(dict) if not name.startswith("_"))


@dataclass(frozen=True, slots=True)
class Fact:
    """One computed figure."""

    name: str
    """``<dataset>.<area>.<measure>.<derivation>``."""
    value: Value
    """A number, SUPPRESSED, or None when unavailable."""
    unit: str
    """count, persons, gbp, percent, percentage_points, rate_per_1000, rank or periods."""
    description: str
    """One line a clerk can read."""


@dataclass(frozen=True, slots=True)
class MeasureDifference:
    """A computed measure: one measure minus another, for every area and period of a dataset."""

    dataset: str
    name: str
    """The computed measure's name in fact names."""
    measure: str
    baseline: str
    label: str


MEASURE_DIFFERENCES: tuple[MeasureDifference, ...] = (
    MeasureDifference(
        dataset="iom_cost_of_offending",
        name="cost_difference",
        measure="cost_after_joining",
        baseline="cost_before_joining",
        label="Difference in cost of crime after joining IOM",
    ),
)
"""The bundled project's computed differences (the seed's IOM "Difference" column)."""


@dataclass(frozen=True, slots=True)
class _Words:
    """How the computed facts of one measure of one dataset are described, kept once for all of
    them (:class:`Facts` makes a fact's description when the fact is read).

    A project has a fact for every area, measure and period (75,000 at ten times the bundled
    districts and periods, 4.4 million at a hundred) and a build reads every value but few
    descriptions: a string and a Fact object a fact had taken 60% of the facts' memory."""

    wheres: dict[str, str]
    """Area name in fact names (or ``focus``) -> the description's start: the area, the measure
    and its dataset (:meth:`MeasureSeries.where`), after "Focus area - " for ``focus``."""
    area_types: dict[str, str]
    """Area name in fact names (or ``focus``) -> its area type."""
    ends: dict[tuple[str, str], tuple[str, str]]
    """(area type, last part of the name) -> the unit and the description's end
    (:attr:`Derived.what`), the same for every area of the type."""


class Facts(Mapping[str, Fact]):
    """A read-only mapping of fact name to :class:`Fact`.

    Facts from :func:`compute_facts` are kept as values and shared words, and each
    :class:`Fact` is made when it is read: the same name read twice gives equal facts, not the
    same object."""

    def __init__(self, facts: Mapping[str, Fact]):
        given = dict(facts)
        self._values: Mapping[str, Value] = MappingProxyType(
            {name: fact.value for name, fact in given.items()})
        self._given: dict[str, Fact] | None = given
        self._words: dict[tuple[str, str], _Words] = {}
        self._told: dict[str, tuple[str, str]] = {}

    @classmethod
    def _computed(cls, values: dict[str, Value], words: dict[tuple[str, str], _Words],
                  told: dict[str, tuple[str, str]]) -> Facts:
        """Facts over what :func:`compute_facts` made (owned, not copied): ``values`` by name,
        the words of each (dataset, measure), and the unit and description of any fact those
        cannot describe (``told``)."""
        made = cls.__new__(cls)
        made._values = MappingProxyType(values)
        made._given, made._words, made._told = None, words, told
        return made

    def _fact(self, name: str) -> Fact:
        if self._given is not None:
            return self._given[name]
        told = self._told.get(name)
        if told is not None:
            return Fact(name, self._values[name], *told)
        dataset, area, measure, key = name.split(".")
        words = self._words[(dataset, measure)]
        unit, what = words.ends[(words.area_types[area], key)]
        return Fact(name, self._values[name], unit, f"{words.wheres[area]}, {what}")

    def __getitem__(self, name: str) -> Fact:
        if name not in self._values:
            close = get_close_matches(name, self._values, n=3)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise KeyError(f"no fact '{name}'{hint}")
        return self._fact(name)

    def __contains__(self, name: object) -> bool:
        # Mapping's own would call __getitem__, whose miss searches every name for close ones.
        return name in self._values

    def get(self, name: str, default: Fact | None = None) -> Fact | None:  # type: ignore[override]
        """The fact called ``name``, or ``default`` (no search for close names on a miss)."""
        return self._fact(name) if name in self._values else default

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def value(self, name: str) -> Value:
        """The value of the fact called ``name``."""
        if name in self._values:
            return self._values[name]
        return self[name].value  # which says there is no such fact, and names close ones

    def as_tree(self) -> dict:
        """The values as nested dicts, for Jinja: ``{{ recorded_crime.focus.offences.value }}``.

        A name part that is also a dict method (``items``, ``values``) would be shadowed by the
        method in Jinja, so it is refused.
        """
        tree: dict = {}
        for name, value in self._values.items():
            *branches, leaf = name.split(".")
            shadowed = _DICT_ATTRIBUTES.intersection(branches + [leaf])
            if shadowed:
                raise ValueError(f"fact '{name}': '{shadowed.pop()}' cannot be used in Jinja")
            node = tree
            for branch in branches:
                node = node.setdefault(branch, {})
            node[leaf] = value
        return tree

    def __repr__(self) -> str:
        return f"Facts({len(self)} facts)"


def list_facts(
    facts: Facts, pattern: str | None = None
) -> list[tuple[str, Value, str, str]]:
    """Sorted ``(name, value, unit, description)``; ``pattern`` is a glob such as ``asb.focus.*``."""
    names = sorted(n for n in facts if pattern is None or fnmatch.fnmatchcase(n, pattern))
    return [(fact.name, fact.value, fact.unit, fact.description)
            for fact in (facts[n] for n in names)]


def slug(area: str) -> str:
    """The name of an area in fact names: 'Tonbridge & Malling' -> 'tonbridge_and_malling'."""
    text = area.lower().replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


# --- arithmetic that keeps SUPPRESSED and None -------------------------------------------------


def difference(value: Value, baseline: Value) -> Value:
    """``value - baseline``; SUPPRESSED if either is, None if either is missing."""
    if value is None or baseline is None:
        return None
    return value - baseline


def _ratio(part: Value, whole: Value, scale: int) -> Value:
    if part is None or whole is None:
        return None
    if isinstance(part, Suppressed) or isinstance(whole, Suppressed):
        return SUPPRESSED
    return None if whole == 0 else part * scale / whole


def percent_of(part: Value, whole: Value) -> Value:
    """``part`` as a percentage of ``whole``; None when ``whole`` is 0 or missing."""
    return _ratio(part, whole, 100)


def percent_change(value: Value, baseline: Value) -> Value:
    """The % change from ``baseline`` to ``value``; None when ``baseline`` is 0 or missing."""
    return percent_of(difference(value, baseline), baseline)


def per_1000(value: Value, population: Value) -> Value:
    """``value`` per 1,000 of ``population``; None when the population is 0 or missing."""
    return _ratio(value, population, 1000)


def rank_of(area: str, values: Mapping[str, Value], *, highest_first: bool) -> Value:
    """The rank of ``area`` among ``values`` (ties share the better rank).

    None when any value is missing, SUPPRESSED when any is suppressed: the rank depends on all.
    """
    if any(v is None for v in values.values()):
        return None
    if any(isinstance(v, Suppressed) for v in values.values()):
        return SUPPRESSED
    own = values[area]
    better = sum(1 for v in values.values() if (v > own if highest_first else v < own))
    return better + 1


def ranks_of(values: Mapping[str, Value], *, highest_first: bool) -> dict[str, Value]:
    """:func:`rank_of` for every area of ``values``, sorting once (not once per area)."""
    if any(v is None for v in values.values()):
        return dict.fromkeys(values)
    if any(isinstance(v, Suppressed) for v in values.values()):
        return dict.fromkeys(values, SUPPRESSED)
    if any(isinstance(v, float) and math.isnan(v) for v in values.values()):  # NaN: no order
        return {a: rank_of(a, values, highest_first=highest_first) for a in values}
    ascending = sorted(values.values())  # type: ignore[type-var]
    if highest_first:  # better: the values above; ties share the better rank
        return {a: len(ascending) - bisect_right(ascending, v) + 1 for a, v in values.items()}
    return {a: bisect_left(ascending, v) + 1 for a, v in values.items()}


# --- the data as series ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PeriodNames:
    """A period as the series uses it: its text (the key of values), label and short label."""

    text: str
    key: str
    label: str
    short_label: str

    @classmethod
    def of(cls, period: Period) -> PeriodNames:
        return cls(str(period), period.key, period.label, period.short_label)


@dataclass
class MeasureSeries:
    """One measure of one dataset: its values by (area, period) and everything derivations need.

    Periods are handled by their text (``2014-10/2015-09``) once built, which keeps look-ups cheap.
    """

    dataset: DatasetSpec
    measure: str
    unit: str
    label: str
    values: dict[tuple[str, str], Value]
    """(area, period text) -> value, for the rows that exist."""
    area_types: dict[str, str]
    """Each area of the dataset and its type, in file order (not every area has every measure)."""
    periods: list[PeriodNames]
    """Every period with a row for this measure, oldest first."""
    current: PeriodNames
    previous: PeriodNames
    """The current period a year earlier."""
    earlier: dict[str, str]
    """Period text -> the text of the same period a year earlier, for the current and stored periods."""
    is_month: bool
    """Whether the current period is a single month."""
    focus_area: str
    population: Mapping[str, Value]
    population_label: str | None
    """The population's period label, None when there is no population dataset."""
    parent: MeasureSeries | None = None
    _ranks: dict[tuple[str, str, bool], dict[str, Value]] = field(default_factory=dict)
    _peers: dict[str, list[str]] = field(default_factory=dict)
    _comparators: list[str] | None = None

    def at(self, area: str, period: str) -> Value:
        """The value for ``area`` in the period written ``period``, or None if there is no row."""
        return self.values.get((area, period))

    def now(self, area: str) -> Value:
        return self.values.get((area, self.current.text))

    def before(self, area: str) -> Value:
        return self.values.get((area, self.previous.text))

    def rate(self, area: str, period: str) -> Value:
        return per_1000(self.at(area, period), self.population.get(area))

    def has_rates(self) -> bool:
        return (self.unit in RATE_UNITS and self.population_label is not None
                and self.dataset.id != POPULATION_DATASET)

    def peers(self, area: str) -> list[str]:
        """The areas ``area`` is ranked against (itself included)."""
        area_type = self.area_types[area]
        if area_type not in self._peers:
            total = TOTAL_AREAS.get(area_type)
            self._peers[area_type] = [
                a for a, t in self.area_types.items() if t == area_type and a != total
            ]
        return self._peers[area_type]

    def comparators(self) -> list[str]:
        """The areas of a comparator type (county, force area, country), in file order."""
        if self._comparators is None:
            self._comparators = [a for a, t in self.area_types.items()
                                 if t in COMPARATOR_AREA_TYPES]
        return self._comparators

    def rank(self, area: str, kind: str, figure: Callable[[str], Value], highest_first: bool
             ) -> Value:
        """The rank of ``figure(area)`` among the area's peers, computed once per kind."""
        cache_key = (kind, self.area_types[area], highest_first)
        if cache_key not in self._ranks:
            peers = {a: figure(a) for a in self.peers(area)}
            self._ranks[cache_key] = ranks_of(peers, highest_first=highest_first)
        return self._ranks[cache_key][area]

    def total_area(self, area: str) -> str | None:
        area_type = self.area_types[area]
        return self.focus_area if area_type == "ward" else TOTAL_AREAS.get(area_type)

    def where(self, area: str) -> str:
        """The start of every description of the area's facts of this measure."""
        return f"{area}: {self.label} ({self.dataset.title})"

    def since(self, before: PeriodNames) -> str:
        return f"change from {before.short_label} to {self.current.short_label}"

    def year_before(self, period: str) -> str:
        if period not in self.earlier:
            self.earlier[period] = str(Period.parse(period).previous())
        return self.earlier[period]


@dataclass(frozen=True, slots=True)
class Derived:
    """One derivation's result for one area: the last part of a fact name, and the fact."""

    key: str
    value: Value
    unit: str
    what: str
    """The description after the area and measure (:meth:`MeasureSeries.where`)."""


# --- derivations: one function each ------------------------------------------------------------


def derive_value(s: MeasureSeries, area: str) -> Iterator[Derived]:
    yield Derived("value", s.now(area), s.unit, s.current.label)


def derive_previous(s: MeasureSeries, area: str) -> Iterator[Derived]:
    yield Derived("previous", s.before(area), s.unit, s.previous.label)


def derive_change(s: MeasureSeries, area: str) -> Iterator[Derived]:
    unit = "percentage_points" if s.unit in ("percent", "percent_change") else s.unit
    yield Derived("change", difference(s.now(area), s.before(area)), unit,
                  s.since(s.previous))


def derive_pct_change(s: MeasureSeries, area: str) -> Iterator[Derived]:
    if s.unit in ADDITIVE_UNITS:
        yield Derived("pct_change", percent_change(s.now(area), s.before(area)), "percent",
                      "% " + s.since(s.previous))


def derive_each_period(s: MeasureSeries, area: str) -> Iterator[Derived]:
    for period in s.periods:
        yield Derived(period.key, s.at(area, period.text), s.unit, period.label)


def derive_month_on_month(s: MeasureSeries, area: str) -> Iterator[Derived]:
    if not s.is_month:
        return
    month = PeriodNames.of(_previous_month(Period.parse(s.current.text)))
    now, before = s.now(area), s.at(area, month.text)
    yield Derived("previous_month", before, s.unit, month.label)
    yield Derived("change_on_month", difference(now, before), s.unit,
                  s.since(month))
    if s.unit in ADDITIVE_UNITS:
        yield Derived("pct_change_on_month", percent_change(now, before), "percent",
                      "% " + s.since(month))


def derive_rates(s: MeasureSeries, area: str) -> Iterator[Derived]:
    if not s.has_rates():
        return
    per = f"per 1,000 residents ({s.population_label} population)"
    yield Derived("rate_per_1000", s.rate(area, s.current.text), "rate_per_1000",
                  f"{s.current.label}, {per}")
    yield Derived("previous_rate_per_1000", s.rate(area, s.previous.text), "rate_per_1000",
                  f"{s.previous.label}, {per}")


def derive_comparisons(s: MeasureSeries, area: str) -> Iterator[Derived]:
    comparators = [a for a in s.comparators() if a != area]
    for other in comparators:
        if s.has_rates():
            gap = difference(s.rate(area, s.current.text), s.rate(other, s.current.text))
            yield Derived(f"vs_{slug(other)}", gap, "rate_per_1000",
                          f"rate per 1,000 minus the rate for {other}, {s.current.label}")
        elif s.unit in ("percent", "rate_per_1000"):
            gap = difference(s.now(area), s.now(other))
            unit = "percentage_points" if s.unit == "percent" else s.unit
            yield Derived(f"vs_{slug(other)}", gap, unit,
                          f"minus the figure for {other}, {s.current.label}")


def derive_ranks(s: MeasureSeries, area: str) -> Iterator[Derived]:
    peers = s.peers(area)
    if s.area_types[area] not in RANKED_AREA_TYPES or area not in peers or len(peers) < 2:
        return
    ranked: list[tuple[str, str, Callable[[str], Value]]] = [("rank", "value", s.now)]
    if s.has_rates():
        ranked.append(("rate_rank", "rate per 1,000", lambda a: s.rate(a, s.current.text)))
    if s.unit in ADDITIVE_UNITS:
        ranked.append(("pct_change_rank", "% change on a year earlier",
                       lambda a: percent_change(s.now(a), s.before(a))))
    among = f"among {len(peers)} {s.area_types[area].replace('_', ' ')}s"
    for prefix, what, figure in ranked:
        for highest_first, direction in ((False, "lowest"), (True, "highest")):
            yield Derived(
                f"{prefix}_{direction}_first",
                s.rank(area, prefix, figure, highest_first),
                "rank",
                f"rank of the {what} {among}, 1 = {direction}, {s.current.label}",
            )


def derive_consecutive(s: MeasureSeries, area: str) -> Iterator[Derived]:
    for key, falling in (("consecutive_falls", True), ("consecutive_rises", False)):
        word = "falls" if falling else "rises"
        yield Derived(key, _consecutive(s, area, falling), "periods",
                      f"year-on-year {word} in a row up to {s.current.label}")


def derive_share_of_total(s: MeasureSeries, area: str) -> Iterator[Derived]:
    total = s.total_area(area)
    if s.unit not in ADDITIVE_UNITS or total is None or total == area:
        return
    yield Derived("share_of_total", percent_of(s.now(area), s.now(total)), "percent",
                  f"% of the {total} total, {s.current.label}")


def derive_share_of_parent(s: MeasureSeries, area: str) -> Iterator[Derived]:
    if s.parent is None or s.unit not in ADDITIVE_UNITS:
        return
    yield Derived("share_of_parent", percent_of(s.now(area), s.parent.now(area)), "percent",
                  f"% of {s.parent.label}, {s.current.label}")


DERIVATIONS: tuple[Callable[[MeasureSeries, str], Iterable[Derived]], ...] = (
    derive_value,
    derive_previous,
    derive_change,
    derive_pct_change,
    derive_each_period,
    derive_month_on_month,
    derive_rates,
    derive_comparisons,
    derive_ranks,
    derive_consecutive,
    derive_share_of_total,
    derive_share_of_parent,
)
"""Every derivation, in the order its facts are named."""


def _previous_month(period: Period) -> Period:
    year, month = period.start.year, period.start.month - 1
    if month == 0:
        year, month = year - 1, 12
    return Period.parse(f"{year:04d}-{month:02d}")


def _consecutive(s: MeasureSeries, area: str, falling: bool) -> Value:
    count, period = 0, s.current.text
    while True:
        earlier = s.year_before(period)
        now, before = s.at(area, period), s.at(area, earlier)
        if now is None or before is None:
            return count if count else None
        if isinstance(now, Suppressed) or isinstance(before, Suppressed):
            return SUPPRESSED
        if not (now < before if falling else now > before):
            return count
        count, period = count + 1, earlier


# --- assembling the facts ----------------------------------------------------------------------


def compute_facts(
    datasets: Datasets,
    *,
    focus_area: str,
    periods: Mapping[str, str] | None = None,
    differences: Iterable[MeasureDifference] = MEASURE_DIFFERENCES,
) -> Facts:
    """Every fact of every dataset.

    ``periods``: dataset id -> its current period (default: each dataset's latest period).
    ``differences``: computed measures, one measure minus another (default: the bundled ones).
    """
    periods = dict(periods or {})
    unknown = set(periods) - set(datasets.frames)
    if unknown:
        raise KeyError(f"periods name unknown datasets: {', '.join(sorted(unknown))} "
                       f"(known: {', '.join(datasets.frames)})")
    population_period, population = _population(datasets, periods)
    population_label = None if population_period is None else population_period.label
    differences = tuple(differences)
    values: dict[str, Value] = {}
    words: dict[tuple[str, str], _Words] = {}
    told: dict[str, tuple[str, str]] = {}
    for spec in datasets.manifest.datasets:
        frame = datasets.frames[spec.id]
        if frame.empty:
            continue
        calendar = _Calendar.of(frame, periods.get(spec.id))
        for series in _dataset_series(spec, frame, differences, calendar, focus_area,
                                      population, population_label):
            words[(spec.id, series.measure)] = _add_series_facts(values, told, series,
                                                                 focus_area)
    return Facts._computed(values, words, told)


@dataclass(frozen=True, slots=True)
class _Calendar:
    """A dataset's periods: the current one, a year before it, and every period written."""

    current: Period
    names: dict[str, PeriodNames]
    """Period text -> names, for every period of the dataset and the current one."""
    earlier: dict[str, str]
    """Period text -> the same period a year earlier."""

    @classmethod
    def of(cls, frame: pd.DataFrame, current: str | None) -> _Calendar:
        written = {Period.parse(text) for text in frame["period"].unique()}
        now = Period.parse(current) if current is not None else max(written)
        every = written | {now, now.previous()}
        return cls(
            current=now,
            names={str(p): PeriodNames.of(p) for p in every},
            earlier={str(p): str(p.previous()) for p in every},
        )


def _add_series_facts(values: dict[str, Value], told: dict[str, tuple[str, str]],
                      s: MeasureSeries, focus_area: str) -> _Words:
    """Add the series' facts' values to ``values``; the words that describe them (and, in
    ``told``, the unit and description of a fact whose end differs from its area type's)."""
    slugs = {area: slug(area) for area in s.area_types}
    if len(set(slugs.values())) < len(slugs) or FOCUS in slugs.values():
        raise ValueError(f"dataset '{s.dataset.id}': two areas share a name in facts, or an "
                         f"area is called '{FOCUS}': {sorted(slugs.values())}")
    words = _Words({}, {}, {})
    for area, area_slug in slugs.items():
        where = s.where(area)
        names = [(area_slug, where)]
        if area == focus_area:
            names.append((FOCUS, f"Focus area - {where}"))
        area_type = s.area_types[area]
        for name, start in names:
            words.wheres[name], words.area_types[name] = start, area_type
        for derivation in DERIVATIONS:
            for d in derivation(s, area):
                end = words.ends.setdefault((area_type, d.key), (d.unit, d.what))
                value = _tidy(d.value, d.unit)
                for name, start in names:
                    full = f"{s.dataset.id}.{name}.{s.measure}.{d.key}"
                    values[full] = value
                    if end != (d.unit, d.what) or full.count(".") != 3:
                        told[full] = (d.unit, f"{start}, {d.what}")
    return words


def _tidy(value: Value, unit: str) -> Value:
    """Whole counts, persons, pounds and ranks as int; NaN never escapes."""
    if value is None or isinstance(value, Suppressed):
        return value
    if math.isnan(value):
        return None
    if unit in ADDITIVE_UNITS + ("rank", "periods") and float(value).is_integer():
        return int(value)
    return float(value)


def _latest(frame: pd.DataFrame) -> Period:
    return max(Period.parse(p) for p in frame["period"].unique())


def _population(
    datasets: Datasets, periods: Mapping[str, str]
) -> tuple[Period | None, dict[str, Value]]:
    frame = datasets.frames.get(POPULATION_DATASET)
    if frame is None or frame.empty:
        return None, {}
    period = (Period.parse(periods[POPULATION_DATASET]) if POPULATION_DATASET in periods
              else _latest(frame))
    rows = frame[frame["period"] == str(period)]
    population: dict[str, Value] = {}
    for measure in POPULATION_MEASURES:
        for area, value, suppressed in zip(rows["area"][rows["measure"] == measure],
                                           rows["value"][rows["measure"] == measure],
                                           rows["suppressed"][rows["measure"] == measure]):
            population.setdefault(area, SUPPRESSED if suppressed else float(value))
    return period, population


def _dataset_series(
    spec: DatasetSpec,
    frame: pd.DataFrame,
    differences: tuple[MeasureDifference, ...],
    calendar: _Calendar,
    focus_area: str,
    population: Mapping[str, Value],
    population_label: str | None,
) -> list[MeasureSeries]:
    """One series per measure: stored measures, sums of sub-categories, differences."""
    values = _stored_values(frame)
    _add_category_totals(spec, values)
    labels = {name: m.label for name, m in spec.measures.items()}
    units = {name: m.unit for name, m in spec.measures.items()}
    for diff in (d for d in differences if d.dataset == spec.id):
        values[diff.name] = {
            key: difference(v, values.get(diff.baseline, {}).get(key))
            for key, v in values.get(diff.measure, {}).items()
        }
        labels[diff.name], units[diff.name] = diff.label, units[diff.measure]
    area_types = dict(zip(frame["area"].tolist(), frame["area_type"].tolist()))
    current = str(calendar.current)
    series: dict[str, MeasureSeries] = {}
    for measure, by_key in values.items():
        written = sorted(map(Period.parse, {p for _, p in by_key}))  # each period once
        series[measure] = MeasureSeries(
            dataset=spec,
            measure=measure,
            unit=units[measure],
            label=labels[measure],
            values=by_key,
            area_types=area_types,
            periods=[calendar.names[str(p)] for p in written],
            current=calendar.names[current],
            previous=calendar.names[calendar.earlier[current]],
            earlier=dict(calendar.earlier),
            is_month=calendar.current.kind is PeriodKind.MONTH,
            focus_area=focus_area,
            population=population,
            population_label=population_label,
        )
    for measure, one in series.items():
        parent = spec.measures[measure].parent if measure in spec.measures else None
        one.parent = series.get(parent) if parent else None
    return list(series.values())


def _stored_values(frame: pd.DataFrame) -> dict[str, dict[tuple[str, str], Value]]:
    values: dict[str, dict[tuple[str, str], Value]] = {}
    columns = (frame[c].tolist() for c in ("area", "period", "measure", "value", "suppressed"))
    for area, period, measure, value, suppressed in zip(*columns):
        values.setdefault(measure, {})[(area, period)] = SUPPRESSED if suppressed else float(value)
    return values


def _add_category_totals(
    spec: DatasetSpec, values: dict[str, dict[tuple[str, str], Value]]
) -> None:
    """Give each derived measure with sub-categories and no rows the sums of its sub-categories."""
    children: dict[str, list[str]] = {}
    for name, measure in spec.measures.items():
        if measure.parent is not None:
            children.setdefault(measure.parent, []).append(name)

    def total(measure: str) -> dict[tuple[str, str], Value]:
        if measure in values:
            return values[measure]
        parts = [total(child) for child in children.get(measure, [])]
        keys = dict.fromkeys(key for part in parts for key in part)
        sums: dict[tuple[str, str], Value] = {}
        for key in keys:
            sums[key] = _sum(part.get(key) for part in parts)
        values[measure] = sums
        return sums

    for name, measure in spec.measures.items():
        if measure.derived and name in children and name not in values:
            total(name)


def _sum(parts: Iterable[Value]) -> Value:
    result: Value = 0
    for part in parts:
        if part is None:
            return None
        result = result + part
    return result
