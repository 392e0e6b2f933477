"""The words for each dataset's periods follow the data and the settings, never typed."""

from __future__ import annotations

from pathlib import Path

import pytest

import assessment_doc as ad
from assessment_doc.data import Datasets
from assessment_doc.narrative.period_words import period_words

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def datasets() -> Datasets:
    return ad.load_project(REPOSITORY).datasets


def test_a_twelve_month_period_and_the_year_before_it(datasets: Datasets) -> None:
    words = period_words(datasets, {})["recorded_crime"]
    assert words == {
        "current": "October 2014 to September 2015",
        "current_start": "October 2014",
        "current_end": "September 2015",
        "previous": "October 2013 to September 2014",
        "previous_start": "October 2013",
        "previous_end": "September 2014",
        "current_id": "2014-10/2015-09",
    }


def test_a_single_month_is_named_once(datasets: Datasets) -> None:
    words = period_words(datasets, {})["claimant_count"]
    assert (words["current"], words["current_start"], words["current_end"]) == (
        "September 2015", "September 2015", "September 2015")
    assert words["previous"] == "September 2014"


def test_the_settings_period_moves_the_words_with_it(datasets: Datasets) -> None:
    words = period_words(datasets, {"recorded_crime": "2013-10/2014-09"})
    assert words["recorded_crime"]["current"] == "October 2013 to September 2014"
    assert words["recorded_crime"]["previous"] == "October 2012 to September 2013"
    assert words["recorded_crime"]["current_id"] == "2013-10/2014-09"
    assert words["asb"]["current"] == "October 2014 to September 2015"  # others keep their latest
