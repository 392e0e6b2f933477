"""Whatever a CSV or manifest holds, loading either succeeds or raises InputError: never a crash."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fixtures.one_dataset import ONE_DATASET_MANIFEST as MANIFEST
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment_doc.data import COLUMNS, load_datasets
from assessment_doc.errors import InputError

HEADER = ",".join(COLUMNS) + "\n"

cells = st.one_of(
    st.sampled_from([
        "Maidstone", "Tonbridge & Malling", "district", "county", "2014-10/2015-09", "2015-09",
        "2014", "offences", "solved", "9178", "-3", "101", "1,234", "12%", "[c]", "*", "=1+2",
        "", " ", '"', "\r", "\n", "\x00", "\ufeff", "nan", "1e5",
    ]),
    st.text(max_size=12),
)
rows = st.lists(st.lists(cells, min_size=0, max_size=7), max_size=6)


def load_with(manifest: str | bytes, csv: str | bytes, focus_area: str | None = "Maidstone"):
    """Load a data folder made of ``manifest`` and ``recorded_crime.csv``; return the problems."""
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder, "data")
        data.mkdir()
        for name, content in (("datasets.yaml", manifest), ("recorded_crime.csv", csv)):
            raw = content if isinstance(content, bytes) else content.encode("utf-8")
            (data / name).write_bytes(raw)
        try:
            load_datasets(data, focus_area=focus_area,
                          required_periods={"recorded_crime": "2014-10/2015-09"})
        except InputError as error:
            return error.problems
        return ()


def assert_problems_are_located(problems) -> None:
    for problem in problems:
        assert problem.file.startswith("data/")
        assert problem.message
        assert problem.row is None or problem.row >= 1
        assert problem.line is None or problem.line >= 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_any_bytes_as_a_csv_give_input_error_or_data(content):
    assert_problems_are_located(load_with(MANIFEST, content))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_as_a_csv_gives_input_error_or_data(content):
    assert_problems_are_located(load_with(MANIFEST, HEADER + content))


@settings(max_examples=150, deadline=None)
@given(rows)
def test_any_rows_of_odd_cells_give_input_error_or_data(table):
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows(table)
    assert_problems_are_located(load_with(MANIFEST, HEADER + buffer.getvalue()))


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=300), st.binary(max_size=300)))
def test_any_manifest_gives_input_error_or_data(manifest):
    csv = HEADER + "Maidstone,district,2014,offences,1\n"
    assert_problems_are_located(load_with(manifest, csv))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40))
def test_a_manifest_with_any_value_in_any_key_gives_input_error_or_data(value):
    for key in ("id", "file", "title", "unit", "label", "offences"):
        manifest = MANIFEST.replace(f"{key}:", f"{key}: {value!r}\n    x_{key}:", 1)
        assert_problems_are_located(load_with(manifest, HEADER))
