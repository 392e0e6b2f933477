"""The words for each dataset's periods, so that the narrative never types a date range.

A typed "October 2014 to September 2015" beside a figure is true only until ``new-year`` moves
the dataset on; written as ``{{ periods.recorded_crime.current }}`` it follows the data::

    periods.recorded_crime.current          October 2014 to September 2015
    periods.recorded_crime.current_end      September 2015
    periods.recorded_crime.current_start    October 2014
    periods.recorded_crime.previous         October 2013 to September 2014   (a year earlier)
    periods.recorded_crime.previous_end     September 2014
    periods.recorded_crime.current_id       2014-10/2015-09   (as data/ writes it: for conditions)

``current_id`` is for ``{% if %}``, never for printing: a sentence the data cannot back (the
source's words about wards that have no rows in data/) is kept only for the period the source
wrote it about, so a new year's data leaves it out rather than make it false::

    {% if periods.asb.current_id == "2014-10/2015-09" %}…{% endif %}

The current period is the settings' (``periods:``) or else the dataset's latest, as for the facts.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..data import Datasets
from ..periods import Period, current_period


def period_words(datasets: Datasets, periods: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """Dataset id -> the words for its current period and the same period a year earlier."""
    words = {}
    for dataset_id, frame in datasets.frames.items():
        if frame.empty:
            continue
        current = current_period(frame["period"].unique(), periods.get(dataset_id))
        words[dataset_id] = {**_named("current", current), **_named("previous", current.previous()),
                             "current_id": str(current)}
    return words


def _named(name: str, period: Period) -> dict[str, str]:
    start, _, end = period.label.partition(" - ")
    return {name: f"{start} to {end}" if end else start,
            f"{name}_start": start,
            f"{name}_end": end or start}
