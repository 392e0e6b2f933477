"""Bad data folders: each fixture's problems, word for word, and nothing written while finding them.

Each folder under tests/fixtures/bad_data/ is a small data folder (datasets.yaml and CSVs) with an
``expected.txt``: the problems the loader must report, one per line, in the order it reports them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment_doc.data import load_datasets
from assessment_doc.errors import InputError

BAD_DATA = Path(__file__).parents[1] / "fixtures" / "bad_data"
CASES = sorted(case.name for case in BAD_DATA.iterdir() if (case / "expected.txt").is_file())
LOAD_OPTIONS: dict[str, dict[str, object]] = {
    "required_period_missing": {"required_periods": {"recorded_crime": "2014-10/2015-09"}},
}


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder`` with its bytes and modification time."""
    return {
        str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_there_are_enough_bad_data_cases():
    assert len(CASES) >= 18


@pytest.mark.parametrize("case", CASES)
def test_each_problem_is_reported_word_for_word_and_nothing_is_written(case):
    folder = BAD_DATA / case
    expected = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    before = snapshot(folder)

    with pytest.raises(InputError) as raised:
        load_datasets(folder, focus_area="Maidstone", **LOAD_OPTIONS.get(case, {}))

    assert [str(problem) for problem in raised.value.problems] == expected
    assert str(raised.value) == "\n".join(expected)
    assert snapshot(folder) == before
