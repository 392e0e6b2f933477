"""What a table kind reads from: the datasets, the focus area, the population, and its spec's place.

Every lookup a kind makes goes through :class:`TableContext`, which turns a missing dataset,
measure, area or period into an :class:`~assessment_doc.errors.InputError` told at the line of
the spec that asked for it, with the closest known names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from ..data import Datasets, DatasetSpec
from ..data.yaml_source import Location
from ..facts import Value, per_1000
from ..periods import Period
from .references import PERIOD_REFERENCES, fill, latest_period, resolve
from .spec_file import SpecPlace, closest, known_list
from .specs import PopulationSpec


@dataclass
class TableContext:
    """The read-only inputs of one table or figure, and how to report a problem with its spec."""

    datasets: Datasets
    focus_area: str
    place: SpecPlace
    population: PopulationSpec = field(default_factory=PopulationSpec)
    as_of: Period | None = None
    """Periods after this one are ignored when finding a dataset's current period."""
    _current: dict[tuple[str, tuple[str, ...]], Period] = field(default_factory=dict)
    _populations: dict[str, list[Period]] | None = None
    _areas: dict[str, frozenset[str]] = field(default_factory=dict)

    def fail(self, message: str, location: Location = (), expected: str | None = None):
        """The InputError for a problem with this spec (raise it)."""
        return self.place.fail(message, location, expected)

    # --- names ---------------------------------------------------------------------------------

    def dataset(self, dataset_id: str, location: Location = ("dataset",)) -> DatasetSpec:
        known = [spec.id for spec in self.datasets.manifest.datasets]
        if dataset_id not in known or dataset_id not in self.datasets.frames:
            raise self.fail(f"unknown dataset '{dataset_id}'{closest(dataset_id, known)}",
                            location, "a dataset id from data/datasets.yaml")
        return self.datasets.manifest.dataset(dataset_id)

    def measure(self, dataset_id: str, measure: str, location: Location) -> str:
        measures = self.dataset(dataset_id).measures
        if measure not in measures:
            raise self.fail(
                f"dataset '{dataset_id}' has no measure '{measure}'{closest(measure, measures)}",
                location, "one of its measures " + known_list(measures))
        return measure

    def label(self, dataset_id: str, measure: str) -> str:
        return self.dataset(dataset_id).measures[measure].label

    def unit(self, dataset_id: str, measure: str) -> str:
        return self.dataset(dataset_id).measures[measure].unit

    def frame(self, dataset_id: str) -> pd.DataFrame:
        self.dataset(dataset_id)
        return self.datasets.frames[dataset_id]

    def area(self, dataset_id: str, area: str, location: Location) -> str:
        if dataset_id not in self._areas:
            self._areas[dataset_id] = frozenset(self.frame(dataset_id)["area"].unique().tolist())
        areas = self._areas[dataset_id]
        if area not in areas:
            raise self.fail(f"dataset '{dataset_id}' has no area '{area}'{closest(area, areas)}",
                            location, "an area as written in the dataset's CSV file")
        return area

    def areas_of_type(self, dataset_id: str, area_type: str, location: Location) -> list[str]:
        """The areas of ``area_type`` in the dataset, in the order its file first lists them."""
        frame = self.frame(dataset_id)
        # unique() keeps the order of first appearance, as iterating would, without boxing
        # every cell of a long pandas string column one call at a time
        areas = frame.loc[frame["area_type"] == area_type, "area"].unique().tolist()
        if not areas:
            types = frame["area_type"].unique().tolist()
            raise self.fail(f"dataset '{dataset_id}' has no areas of type '{area_type}'",
                            location, "one of the area types it has: " + known_list(types))
        return areas

    def highlighted(self, dataset_id: str, highlight: Sequence[str] | None) -> frozenset[str]:
        """The areas shown in bold: those named (checked), or the focus area."""
        if highlight is None:
            return frozenset({self.focus_area})
        return frozenset(self.area(dataset_id, area, ("highlight", index))
                         for index, area in enumerate(highlight))

    # --- periods -------------------------------------------------------------------------------

    def current(self, dataset_id: str, measures: Sequence[str], location: Location) -> Period:
        """The dataset's latest period holding any of ``measures``."""
        key = (dataset_id, tuple(measures))
        if key not in self._current:
            frame = self.frame(dataset_id)
            latest = latest_period(
                frame.loc[frame["measure"].isin(measures), "period"].unique().tolist(), self.as_of)
            if latest is None:
                after = "" if self.as_of is None else f" ending by {self.as_of}"
                raise self.fail(f"dataset '{dataset_id}' has no rows for "
                                f"{known_list(measures)}{after}", location)
            self._current[key] = latest
        return self._current[key]

    def period(
        self, reference: str, dataset_id: str, measures: Sequence[str], location: Location
    ) -> Period:
        """The period ``reference`` names for this dataset and measures."""
        current = self.current(dataset_id, measures, location)
        try:
            return resolve(reference, current)
        except ValueError as error:
            raise self.fail(str(error), location, PERIOD_REFERENCES) from None

    def fill(self, text: str, periods: dict[str, Period], location: Location) -> str:
        """``text`` with its ``{period}`` placeholders written out."""
        try:
            return fill(text, periods)
        except KeyError as error:
            name = error.args[0]
            raise self.fail(f"unknown period '{{{name}}}' in '{text}'{closest(name, periods)}",
                            location, "one of " + known_list("{" + p + "}" for p in periods)
                            ) from None
        except ValueError as error:
            raise self.fail(f"unknown period style ':{error.args[0]}' in '{text}'", location,
                            ":label, :short, :year or :span, e.g. {current:short}") from None

    # --- values --------------------------------------------------------------------------------

    def value(
        self, dataset_id: str, area: str, period: Period, measure: str, location: Location
    ) -> Value:
        """The published value, SUPPRESSED, or the sum of the sub-categories of a measure
        that has no rows of its own."""
        try:
            return self.datasets.get(dataset_id, area, period, measure)
        except KeyError:
            pass
        parts = [name for name, spec in self.dataset(dataset_id).measures.items()
                 if spec.parent == measure]
        if not parts:
            raise self.fail(
                f"dataset '{dataset_id}' has no value for '{area}', measure '{measure}', "
                f"period {period} ({period.label})", location,
                "a row for it in the CSV file, or a period the dataset has")
        total: Value = 0.0
        for part in parts:
            total = total + self.value(dataset_id, area, period, part, location)
        return total

    def population_of(self, area: str, period: Period, location: Location) -> Value:
        """The area's population for rates of ``period``: the latest population period starting
        no later than ``period`` ends, the first of the population measures the area has."""
        spec = self.population
        usable = [p for p in self._population_periods().get(area, ()) if p.start <= period.end]
        if not usable:
            raise self.fail(
                f"no population for '{area}' (dataset '{spec.dataset}', measures "
                f"{known_list(spec.measures)}) for a rate of {period.label}", location,
                "a population row for the area starting no later than the counted period ends")
        when = max(usable)
        for measure in spec.measures:
            try:
                return self.datasets.get(spec.dataset, area, when, measure)
            except KeyError:
                continue
        raise AssertionError("unreachable: a usable period has a row")  # pragma: no cover

    def _population_periods(self) -> dict[str, list[Period]]:
        """Each area's periods with a population row (read once: rates ask for every area)."""
        if self._populations is None:
            frame = self.frame(self.population.dataset)
            rows = frame[frame["measure"].isin(self.population.measures)]
            periods: dict[str, set[str]] = {}
            for area, text in zip(rows["area"].tolist(), rows["period"].tolist()):
                periods.setdefault(area, set()).add(text)
            parsed = {text: Period.parse(text) for text in set().union(*periods.values())}
            self._populations = {area: [parsed[t] for t in sorted(texts)]
                                 for area, texts in periods.items()}
        return self._populations

    def rate(self, dataset_id: str, area: str, period: Period, measure: str,
             location: Location) -> Value:
        """The value per 1,000 residents."""
        count = self.value(dataset_id, area, period, measure, location)
        return per_1000(count, self.population_of(area, period, location))
