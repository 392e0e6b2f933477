"""Loading a good data folder: frames in the contract's form, and single-value lookup."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from assessment_doc.data import FRAME_COLUMNS, Datasets, load_datasets
from assessment_doc.values import SUPPRESSED

GOOD = Path(__file__).parents[1] / "fixtures" / "good_data"


@pytest.fixture(scope="module")
def datasets() -> Datasets:
    return load_datasets(GOOD, focus_area="Maidstone",
                         required_periods={"recorded_crime": "2014-10/2015-09"})


def test_it_loads_every_dataset_in_manifest_order(datasets):
    assert list(datasets.frames) == ["recorded_crime", "iom_cohort"]
    assert [spec.id for spec in datasets.manifest.datasets] == ["recorded_crime", "iom_cohort"]


def test_frames_have_the_contract_columns_and_types(datasets):
    frame = datasets.frame("recorded_crime")
    assert tuple(frame.columns) == FRAME_COLUMNS
    assert frame["value"].dtype == "float64"
    assert frame["suppressed"].dtype == bool
    assert frame["row"].tolist() == [1, 2, 3, 4, 5, 6]
    assert frame.loc[0, ["area", "area_type", "period", "measure"]].tolist() == [
        "Maidstone", "district", "2014-10/2015-09", "offences"
    ]


@pytest.mark.parametrize("area", ["Maidstone", "Tonbridge and Malling"])
def test_both_suppression_marks_load_as_suppressed(datasets, area):
    frame = datasets.frame("recorded_crime")
    (index,) = frame.index[(frame["area"] == area) & (frame["measure"] == "violence")]
    assert frame.loc[index, "suppressed"]
    assert math.isnan(frame.loc[index, "value"])
    assert datasets.get("recorded_crime", area, "2014-10/2015-09", "violence") is SUPPRESSED


def test_value_is_nan_exactly_where_suppressed(datasets):
    for frame in datasets.frames.values():
        assert (frame["value"].isna() == frame["suppressed"]).all()


def test_get_returns_the_published_number(datasets):
    assert datasets.get("recorded_crime", "Maidstone", "2014-10/2015-09", "offences") == 9178.0
    assert datasets.get("recorded_crime", "KCC districts", "2014-10/2015-09", "offences") == 92431.0
    assert datasets.get("iom_cohort", "West Division", "2015-09", "reoffending") == 42.5


def test_get_accepts_a_period_object(datasets):
    from assessment_doc.periods import Period

    period = Period.parse("2014-10/2015-09").previous()
    assert datasets.get("recorded_crime", "Maidstone", period, "offences") == 8520.0


def test_get_of_a_missing_row_is_a_key_error_naming_it(datasets):
    with pytest.raises(KeyError, match="no row for area 'Ashford', period '2014', measure 'offences'"):
        datasets.get("recorded_crime", "Ashford", "2014", "offences")


def test_an_unknown_dataset_is_a_key_error_naming_the_known_ones(datasets):
    with pytest.raises(KeyError, match="no dataset 'crime' \\(known: recorded_crime, iom_cohort\\)"):
        datasets.frame("crime")


def test_frame_returns_a_copy_that_cannot_corrupt_the_data(datasets):
    frame = datasets.frame("recorded_crime")
    frame["value"] = 0.0
    assert datasets.get("recorded_crime", "Maidstone", "2014-10/2015-09", "offences") == 9178.0


def test_the_manifest_keeps_units_labels_and_the_focus_area_exemption(datasets):
    crime = datasets.manifest.dataset("recorded_crime")
    assert crime.measures["violence"].parent == "offences"
    assert crime.units == {"offences": "count", "violence": "count"}
    assert datasets.manifest.dataset("iom_cohort").focus_area_required is False
