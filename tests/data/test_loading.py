"""Loading a good data folder: frames in the contract's form, and single-value lookup."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest

from assessment_doc.data import FRAME_COLUMNS, Datasets, load_datasets
from assessment_doc.errors import InputError
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
    with pytest.raises(KeyError, match="no row for area 'Ashford', period '2014', measure 'off"):
        datasets.get("recorded_crime", "Ashford", "2014", "offences")


def test_an_unknown_dataset_is_a_key_error_naming_the_known_ones(datasets):
    with pytest.raises(KeyError, match=r"no dataset 'crime' \(known: recorded_crime, iom_cohort"):
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


def copy_of_good_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(GOOD, data)
    return data


def problems_of(data: Path, **options) -> list[str]:
    with pytest.raises(InputError) as raised:
        load_datasets(data, **options)
    return [str(problem) for problem in raised.value.problems]


def test_a_symbolic_link_out_of_the_data_folder_is_refused(tmp_path):
    data = copy_of_good_data(tmp_path)
    (tmp_path / "elsewhere.csv").write_bytes((data / "iom_cohort.csv").read_bytes())
    (data / "iom_cohort.csv").unlink()
    (data / "iom_cohort.csv").symlink_to(tmp_path / "elsewhere.csv")
    assert problems_of(data) == [
        "data/datasets.yaml, line 19, column 'file': 'iom_cohort.csv' leads out of the data "
        "folder through a symbolic link (expected a CSV file name inside data/, e.g. "
        "recorded_crime.csv)"
    ]


def test_a_symbolic_link_inside_the_data_folder_is_followed(tmp_path):
    data = copy_of_good_data(tmp_path)
    (data / "archive").mkdir()
    (data / "iom_cohort.csv").rename(data / "archive" / "iom.csv")
    (data / "iom_cohort.csv").symlink_to(data / "archive" / "iom.csv")
    assert len(load_datasets(data).frame("iom_cohort")) == 3


def test_a_missing_data_folder_is_one_problem(tmp_path):
    assert problems_of(tmp_path / "data") == [
        "data: the data folder does not exist "
        "(expected a folder holding datasets.yaml and the CSV files)"
    ]


def test_a_required_period_of_an_unlisted_dataset_is_a_manifest_problem():
    assert problems_of(GOOD, required_periods={"asb": "2014-10/2015-09"}) == [
        "good_data/datasets.yaml, column 'id': the assessment needs dataset 'asb' (period "
        "2014-10/2015-09), which is not listed (expected an entry '- id: asb' under datasets:)"
    ]


def test_required_periods_may_be_period_objects():
    from assessment_doc.periods import Period

    load_datasets(GOOD, required_periods={"iom_cohort": Period.parse("2015")})


def test_a_malformed_required_period_is_the_callers_value_error():
    with pytest.raises(ValueError, match="'2015/16' is not a period"):
        load_datasets(GOOD, required_periods={"iom_cohort": "2015/16"})


def test_a_dataset_exempt_from_the_focus_area_is_not_asked_for_it():
    datasets = load_datasets(GOOD, focus_area="Maidstone")
    assert "Maidstone" not in set(datasets.frame("iom_cohort")["area"])


def test_without_a_focus_area_no_dataset_is_asked_for_one():
    load_datasets(GOOD, focus_area=None)


def test_problems_from_every_file_come_sorted_by_file_then_row(tmp_path):
    data = copy_of_good_data(tmp_path)
    crime = data / "recorded_crime.csv"
    crime.write_text(crime.read_text(encoding="utf-8-sig") + "Ashford,district,2015,offences,-1\n"
                     + "Ashford,district,2015,violence,x\n", encoding="utf-8")
    iom = data / "iom_cohort.csv"
    iom.write_text(iom.read_text() + "West Division,police_division,2015-09,cohort,1\n")
    (data / "datasets.yaml").write_text(
        (data / "datasets.yaml").read_text().replace("publisher: Kent Police", "publishr: x"))
    found = problems_of(data, focus_area="Swale")
    assert [p.split(":")[0] for p in found] == [
        "data/datasets.yaml, line 5, column 'publishr'",
        "data/iom_cohort.csv, row 4, line 6",
        "data/recorded_crime.csv, column 'area'",  # iom_cohort is exempt from the focus area
        "data/recorded_crime.csv, row 7, line 10, column 'value'",
        "data/recorded_crime.csv, row 8, line 11, column 'value'",
    ]


def test_loading_good_data_writes_nothing(tmp_path):
    data = copy_of_good_data(tmp_path)
    before = sorted((p, p.stat().st_mtime_ns) for p in tmp_path.rglob("*"))
    load_datasets(data, focus_area="Maidstone")
    assert sorted((p, p.stat().st_mtime_ns) for p in tmp_path.rglob("*")) == before


# --- large files ------------------------------------------------------------------------------


def _crime_rows(count: int, value=lambda i: str(i % 9000)) -> str:
    """``count`` well-formed rows of recorded crime: a ward a row, Maidstone's first."""
    rows = ["Maidstone,district,2014-10/2015-09,offences,9178"]
    rows += [f"Ward {i},ward,2014-10/2015-09,offences,{value(i)}" for i in range(1, count)]
    return "area,area_type,period,measure,value\n" + "\n".join(rows) + "\n"


def test_two_hundred_thousand_rows_load_checked_and_typed(tmp_path):
    """A 9 MB file (what took the per-row checks half a minute): every row typed as before."""
    data = copy_of_good_data(tmp_path)
    (data / "recorded_crime.csv").write_text(_crime_rows(200_000, lambda i: (
        "[c]" if i % 1000 == 0 else f"{i % 9000}.5" if i % 7 == 0 else str(i % 9000))))
    frame = load_datasets(data, focus_area="Maidstone").frame("recorded_crime")
    assert len(frame) == 200_000
    assert frame["suppressed"].sum() == 199
    assert frame.iloc[7].to_dict() == {
        "area": "Ward 7", "area_type": "ward", "period": "2014-10/2015-09",
        "measure": "offences", "value": 7.5, "suppressed": False, "row": 8}
    assert frame["row"].tolist() == list(range(1, 200_001))


def test_a_file_over_16_mb_is_refused_before_it_is_read(tmp_path):
    data = copy_of_good_data(tmp_path)
    with (data / "recorded_crime.csv").open("wb") as stream:  # sparse: no time, no disk
        stream.write(_crime_rows(10).encode())
        stream.truncate(16 * 2**20 + 1)
    assert problems_of(data) == [
        "data/recorded_crime.csv: is 16.0 MB, larger than the 16 MB a data file may be "
        "(expected the published figures only, one row for each area, period and measure "
        "(not record-level data))"]


def test_a_record_level_export_lists_its_first_hundred_repeats_and_counts_the_rest(tmp_path):
    data = copy_of_good_data(tmp_path)
    rows = "Maidstone,district,2014-10/2015-09,offences,1\n" * 5_000
    (data / "recorded_crime.csv").write_text("area,area_type,period,measure,value\n" + rows)
    found = problems_of(data)
    assert len(found) == 101
    assert found[0] == (
        "data/recorded_crime.csv: 4,899 more rows repeat an earlier row's area, period and "
        "measure; only the first 100 are listed (expected the published figures only, one row "
        "for each area, period and measure (not record-level data))")
    assert found[1] == (
        "data/recorded_crime.csv, row 2, line 3: repeats row 1 (line 2): area 'Maidstone', "
        "period '2014-10/2015-09', measure 'offences' appear in both (expected one row for "
        "each area, period and measure)")
    assert found[-1].startswith("data/recorded_crime.csv, row 101, line 102: repeats row 1")


def test_a_file_of_bad_values_lists_the_first_hundred_rows_and_counts_the_rest(tmp_path):
    data = copy_of_good_data(tmp_path)
    (data / "recorded_crime.csv").write_text(_crime_rows(3_000, lambda i: f"{i}%"))
    found = problems_of(data)
    assert len(found) == 101
    assert found[0] == (
        "data/recorded_crime.csv: 2,899 more rows with problems like these; only the first 100 "
        "are listed (expected a row of five cells as the data contract describes: an area, its "
        "type, a period, a declared measure and a published number)")
    assert found[1] == (
        "data/recorded_crime.csv, row 2, line 3, column 'value': '1%' has a % sign: write 1 "
        "(expected a number as published, e.g. 9178 or 56.7, or [c] if suppressed at source)")


def test_thousands_separators_by_the_thousand_list_the_first_hundred_rows(tmp_path):
    data = copy_of_good_data(tmp_path)
    (data / "recorded_crime.csv").write_text(_crime_rows(3_000, lambda i: f"{i:,}"))
    found = problems_of(data)
    assert len(found) == 101
    assert found[0] == (
        "data/recorded_crime.csv: 1,900 more rows with more or fewer cells than five; only the "
        "first 100 are listed (expected 5 cells: area,area_type,period,measure,value)")
    assert found[1] == (
        "data/recorded_crime.csv, row 1001, line 1002: has 6 cells instead of 5 (a number "
        "written with a thousands separator, such as 1,234?) (expected 5 cells: "
        "area,area_type,period,measure,value)")
