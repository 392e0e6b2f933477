"""The bundled project's data (the 2016-17 Maidstone assessment) passes every loader check."""

from __future__ import annotations

from pathlib import Path

from assessment_doc.data import load_datasets

PROJECT_DATA = Path(__file__).parents[2] / "data"


def test_the_bundled_data_loads_for_maidstone():
    datasets = load_datasets(PROJECT_DATA, focus_area="Maidstone")
    assert set(datasets.frames) == {spec.id for spec in datasets.manifest.datasets}
    for spec in datasets.manifest.datasets:
        frame = datasets.frames[spec.id]
        assert len(frame) > 0
        assert set(frame["measure"]) <= set(spec.measures)
