"""One row's cells: values as published, suppression marks, and what a unit allows."""

from __future__ import annotations

import math

import pytest

from assessment_doc.data.csv_file import CsvRow
from assessment_doc.data.rows import CellError, DataRow, check_range, parse_value, validate_row

UNITS = {"offences": "count", "solved": "percent", "spend": "gbp", "rate": "rate_per_1000"}


def row(**cells: str) -> CsvRow:
    written = {"area": "Maidstone", "area_type": "district", "period": "2014-10/2015-09",
               "measure": "offences", "value": "9178"} | cells
    return CsvRow(row=7, line=9, cells=written)


@pytest.mark.parametrize(("text", "value"), [
    ("9178", 9178.0), ("56.7", 56.7), ("0", 0.0), ("-0", 0.0), ("-12.5", -12.5),
    ("007", 7.0), ("123456789012", 123456789012.0),
])
def test_published_numbers_are_read_as_floats(text, value):
    assert parse_value(text) == value


@pytest.mark.parametrize("mark", ["[c]", "*"])
def test_both_suppression_marks_read_as_none(mark):
    assert parse_value(mark) is None


@pytest.mark.parametrize(("text", "message"), [
    ("1,234", "'1,234' has a thousands separator: write 1234"),
    ("12,345.6", "'12,345.6' has a thousands separator: write 12345.6"),
    ("12%", "'12%' has a % sign: write 12"),
    ("£1200", "'£1200' has a £ sign: write 1200"),
    ("=SUM(A1:A3)", "'=SUM(A1:A3)' starts with '=', which a spreadsheet would run as a formula"),
    ("+1", "'+1' starts with '+', which a spreadsheet would run as a formula"),
    ("@A1", "'@A1' starts with '@', which a spreadsheet would run as a formula"),
    ("-A1", "'-A1' starts with '-', which a spreadsheet would run as a formula"),
    ("nan", "'nan' is not a number"),
    ("inf", "'inf' is not a number"),
    ("1e5", "'1e5' is not a number"),
    ("1_000", "'1_000' is not a number"),
    ("x", "'x' is not a number (if the figure was suppressed at source, write [c])"),
    ("..", "'..' is not a number (if the figure was suppressed at source, write [c])"),
    ("", "value is empty"),
    ("٣", "'٣' is not a number"),
    ("1\n2", "'1\\n2' is not a number"),
])
def test_anything_else_is_refused_with_a_hint(text, message):
    with pytest.raises(CellError) as refused:
        parse_value(text)
    assert refused.value.message == message
    assert refused.value.expected == (
        "a number as published, e.g. 9178 or 56.7, or [c] if suppressed at source"
    )


@pytest.mark.parametrize(("unit", "value"), [
    ("count", 0.0), ("persons", 12.0), ("percent", 0.0), ("percent", 100.0), ("gbp", -5.0),
    ("rate_per_1000", 56.7), ("percent_change", -35.3), ("percent_change", 160.0),
])
def test_values_a_unit_allows_pass(unit, value):
    check_range(str(value), value, unit, "m")


@pytest.mark.parametrize(("unit", "value", "message"), [
    ("count", -1.0, "'-1' is negative, but measure 'm' is a count"),
    ("persons", -0.5, "'-0.5' is negative, but measure 'm' is a persons"),
    ("rate_per_1000", -2.0, "'-2' is negative, but measure 'm' is a rate_per_1000"),
    ("percent", 100.1, "'100.1' is outside 0-100, but measure 'm' is a percent"),
    ("percent", -1.0, "'-1' is outside 0-100, but measure 'm' is a percent"),
])
def test_values_a_unit_cannot_take_are_refused(unit, value, message):
    with pytest.raises(CellError, match="^" + message.replace("(", r"\(") + "$"):
        check_range(f"{value:g}", value, unit, "m")


def test_a_good_row_is_typed_with_a_canonical_period():
    checked = validate_row(row(period="2015"), "data/x.csv", "x", UNITS)
    assert checked == DataRow(area="Maidstone", area_type="district", period="2015",
                              measure="offences", value=9178.0)


def test_a_suppressed_row_has_no_value():
    checked = validate_row(row(value="[c]"), "data/x.csv", "x", UNITS)
    assert isinstance(checked, DataRow) and checked.value is None


def test_every_bad_cell_of_a_row_is_reported_with_its_place():
    problems = validate_row(
        row(area="", area_type="town", period="2014-15", measure="crimes", value="1,234"),
        "data/x.csv", "x", UNITS,
    )
    assert [str(p) for p in problems] == [
        "data/x.csv, row 7, line 9, column 'area': area is empty "
        "(expected the area's name as printed, e.g. Maidstone)",
        "data/x.csv, row 7, line 9, column 'area_type': unknown area type 'town' (expected one of "
        "ward, district, unitary, county, police_force_area, country, police_division)",
        "data/x.csv, row 7, line 9, column 'period': '2014-15' looks like a financial year: write "
        "2014-04/2015-03 for April 2014 - March 2015 (expected YYYY-MM/YYYY-MM (a span of "
        "months), YYYY-MM (one month) or YYYY (a year))",
        "data/x.csv, row 7, line 9, column 'measure': unknown measure 'crimes' for dataset 'x' "
        "(expected a measure declared for this dataset in datasets.yaml: offences, solved, spend, "
        "rate)",
        "data/x.csv, row 7, line 9, column 'value': '1,234' has a thousands separator: write 1234 "
        "(expected a number as published, e.g. 9178 or 56.7, or [c] if suppressed at source)",
    ]


def test_without_known_units_measures_are_not_checked():
    checked = validate_row(row(measure="anything", value="-5"), "data/x.csv", "x", None)
    assert isinstance(checked, DataRow) and checked.value == -5.0


def test_a_measure_whose_unit_is_unknown_is_still_a_declared_measure():
    checked = validate_row(row(value="-5"), "data/x.csv", "x", {"offences": None})
    assert isinstance(checked, DataRow) and not math.isnan(checked.value)


@pytest.mark.parametrize("area", ["Maid\x00stone", "Tonbridge\xa0and Malling", "Ash\tford"])
def test_an_area_with_an_invisible_character_is_refused(area):
    (problem,) = validate_row(row(area=area), "data/x.csv", "x", UNITS)
    assert problem.message == (
        f"area {area!r} has an invisible or non-standard space character"
    )


def test_a_row_built_in_code_takes_numbers_and_none():
    assert DataRow(area="A", area_type="ward", period="2015", measure="m", value=None).value is None
    assert DataRow(area="A", area_type="ward", period="2015", measure="m", value=3).value == 3.0
    with pytest.raises(ValueError, match="'True' is not a number"):
        DataRow(area="A", area_type="ward", period="2015", measure="m", value=True)


# --- column by column ----------------------------------------------------------------------------

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment_doc.data.csv_file import COLUMNS, CsvColumns
from assessment_doc.data.rows import validate_columns

CELLS = {
    "area": ["Maidstone", "", "=A1", "-x", "Ash\tford", "Tonbridge\xa0and Malling", "Swale"],
    "area_type": ["district", "ward", "town", "District", ""],
    "period": ["2014-10/2015-09", "2015", "2015-09", "2014-15", "2015-13", "2016-01/2015-01", ""],
    "measure": ["offences", "solved", "spend", "rate", "crimes", ""],
    "value": ["9178", "-3", "101", "56.7", "-0", "1,234", "12%", "[c]", "*", "", "nan", "1e5",
              "9" * 16, "9" * 400, "-12.5", "100", "0"],
}


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.fixed_dictionaries({c: st.sampled_from(v) for c, v in CELLS.items()}),
                     max_size=12),
       units=st.sampled_from([UNITS, None, {"offences": None, "solved": "percent"}]))
def test_checking_column_by_column_passes_and_words_every_row_as_one_by_one(rows, units):
    table = CsvColumns({c: np.array([r[c] for r in rows], dtype=object) for c in COLUMNS},
                       np.arange(1, len(rows) + 1), np.arange(2, len(rows) + 2), ())
    checked = validate_columns(table, "data/x.csv", "x", units)
    passed, problems = [], []
    for index in range(len(rows)):
        result = validate_row(table.row(index), "data/x.csv", "x", units)
        if isinstance(result, DataRow):
            passed.append((index + 1, result.area, result.area_type, result.period,
                           result.measure, result.value))
        else:
            problems += result
    assert checked.problems == problems
    assert [(int(row), area, kind, period, measure, None if hidden else value)
            for row, area, kind, period, measure, value, hidden in zip(
                checked.row, checked.area, checked.area_type, checked.period, checked.measure,
                checked.value.tolist(), checked.suppressed)] == passed
