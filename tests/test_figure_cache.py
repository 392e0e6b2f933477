"""Figures kept by content: the same spec and data give the kept figure, anything else draws
anew; kept figures survive a trip through the cache folder; the folder holds one build's figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment_doc.data import Datasets, load_datasets
from assessment_doc.figures import (
    FigureCache,
    FigureSpecs,
    build_figure,
    draw_ahead,
    figure_specs_from_dict,
    load_figure_specs,
)
from assessment_doc.figures import cache as figure_cache
from assessment_doc.figures.cache import figure_key

ROOT = Path(__file__).resolve().parents[1]
FOCUS = "Maidstone"
WARDS = "violent_crime_wards"


@pytest.fixture(scope="module")
def datasets() -> Datasets:
    return load_datasets(ROOT / "data", focus_area=FOCUS)


@pytest.fixture(scope="module")
def specs() -> FigureSpecs:
    return load_figure_specs(ROOT / "content" / "figures.yaml")


@pytest.fixture(autouse=True)
def empty_memory() -> None:
    figure_cache.MEMORY.clear()


def key(specs: FigureSpecs, datasets: Datasets, figure_id: str = WARDS,
        focus_area: str = FOCUS) -> str:
    return figure_key(specs[figure_id], specs.population, datasets, focus_area, None)


def test_a_figure_built_with_a_cache_is_kept_and_given_back_the_same(datasets, specs) -> None:
    cache = FigureCache()
    first = build_figure(WARDS, datasets, focus_area=FOCUS, specs=specs, cache=cache)
    assert FigureCache().get(key(specs, datasets)) is first
    assert build_figure(WARDS, datasets, focus_area=FOCUS, specs=specs, cache=cache) is first


def test_a_kept_figure_is_the_one_drawn_without_a_cache(datasets, specs) -> None:
    kept = build_figure(WARDS, datasets, focus_area=FOCUS, specs=specs, cache=FigureCache())
    drawn = build_figure(WARDS, datasets, focus_area=FOCUS, specs=specs)
    assert kept == drawn


def test_the_key_changes_with_the_spec_the_focus_area_and_the_data(datasets, specs) -> None:
    base = key(specs, datasets)
    changed = figure_specs_from_dict({"figures": {WARDS: {
        **specs[WARDS].model_dump(exclude={"id"}, exclude_none=True), "caption": "Other"}}})
    other_rows = load_datasets(ROOT / "data", focus_area=FOCUS)
    frames = dict(other_rows.frames)
    frames[WARDS] = frames[WARDS].assign(value=frames[WARDS]["value"] + 1)
    assert key(changed, datasets) != base
    assert key(specs, datasets, focus_area="Swale") != base
    assert key(specs, Datasets(datasets.manifest, frames)) != base
    assert key(specs, other_rows) == base  # the same data loaded again


def test_kept_figures_go_to_the_folder_only_when_saved_and_come_back_whole(
    datasets, specs, tmp_path: Path
) -> None:
    folder = tmp_path / ".cache" / "figures"
    cache = FigureCache(folder)
    drawn = build_figure(WARDS, datasets, focus_area=FOCUS, specs=specs, cache=cache)
    assert not folder.exists()
    cache.save()
    assert [p.name for p in folder.iterdir()] == [f"{key(specs, datasets)}.json"]
    figure_cache.MEMORY.clear()
    assert FigureCache(folder).get(key(specs, datasets)) == drawn


def test_saving_leaves_only_the_figures_this_build_used(datasets, specs, tmp_path: Path) -> None:
    folder = tmp_path / "figures"
    folder.mkdir()
    (folder / "0123.json").write_text("{}", encoding="utf-8")
    cache = FigureCache(folder)
    build_figure(WARDS, datasets, focus_area=FOCUS, specs=specs, cache=cache)
    cache.save()
    assert sorted(p.stem for p in folder.iterdir()) == [key(specs, datasets)]


def test_a_damaged_file_in_the_folder_is_drawn_again(datasets, specs, tmp_path: Path) -> None:
    (tmp_path / f"{key(specs, datasets)}.json").write_text('{"version": "1", "figure": {',
                                                           encoding="utf-8")
    cache = FigureCache(tmp_path)
    assert cache.get(key(specs, datasets)) is None
    figure = build_figure(WARDS, datasets, focus_area=FOCUS, specs=specs, cache=cache)
    assert figure.image.startswith(b"\x89PNG")


def test_figures_drawn_ahead_are_the_figures_drawn_one_by_one(
    datasets, specs, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assessment_doc import parallel

    monkeypatch.setattr(parallel.os, "getloadavg", lambda: (0.0, 0.0, 0.0))  # fork if possible
    cache = FigureCache()
    ahead = draw_ahead(list(specs), datasets, focus_area=FOCUS, specs=specs, cache=cache)
    ahead.finish()
    for figure_id in specs:
        kept = cache.get(key(specs, datasets, figure_id))
        assert kept == build_figure(figure_id, datasets, focus_area=FOCUS, specs=specs)


def test_drawing_ahead_skips_unknown_ids_and_leaves_failures_to_be_reported_later(
    datasets, specs
) -> None:
    bad = figure_specs_from_dict({"figures": {"broken": {
        **specs[WARDS].model_dump(exclude={"id"}, exclude_none=True), "measure": "nothing"}}})
    cache = FigureCache()
    draw_ahead(["broken", "unknown"], datasets, focus_area=FOCUS, specs=bad, cache=cache).finish()
    assert cache.used == {}


def test_a_build_keeping_figures_lets_the_next_build_draw_none_and_gives_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assessment_doc import api
    from assessment_doc.figures import api as figures_api
    from assessment_doc.project import load_project

    project = load_project(ROOT)
    out = tmp_path / "out"
    first = api.build(project, out, keep_figures=True)
    written = {path.name: path.read_bytes() for path in first.paths}
    kept = sorted((out / ".cache" / "figures").glob("*.json"))
    assert len(kept) == len(load_figure_specs(ROOT / "content" / "figures.yaml"))

    def no_drawing(*args: object, **kwargs: object) -> None:
        raise AssertionError("a kept figure was drawn again")

    figure_cache.MEMORY.clear()
    monkeypatch.setattr(figures_api, "figure_chart", no_drawing)
    again = api.build(project, out, keep_figures=True)
    assert {path.name: path.read_bytes() for path in again.paths} == written
    assert sorted((out / ".cache" / "figures").glob("*.json")) == kept
