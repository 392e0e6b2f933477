"""Charts kept by content: the same spec and data give the kept picture, anything else draws
anew; kept pictures survive a trip through the user's cache folder and ``--keep-figures``'s;
a damaged file is drawn again with a warning; a folder that cannot be used is left alone."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
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
from assessment_doc.figures.cache import (
    FOLDER_BUDGET,
    check_png,
    entry_bytes,
    figure_key,
    read_entry,
    trim,
    user_cache_folder,
)

ROOT = Path(__file__).resolve().parents[1]
FOCUS = "Maidstone"
WARDS = "violent_crime_wards"


@pytest.fixture(scope="module")
def datasets() -> Datasets:
    return load_datasets(ROOT / "data", focus_area=FOCUS)


@pytest.fixture(scope="module")
def specs() -> FigureSpecs:
    return load_figure_specs(ROOT / "content" / "figures.yaml")


@pytest.fixture(scope="module")
def wards_png(datasets, specs) -> bytes:
    return build_figure(WARDS, datasets, focus_area=FOCUS, specs=specs).image


@pytest.fixture(autouse=True)
def empty_memory() -> None:
    figure_cache.MEMORY.clear()


@pytest.fixture
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's cache folder, pointed at a temporary folder through XDG_CACHE_HOME."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "assessment_doc" / "figures"


def key(specs: FigureSpecs, datasets: Datasets, figure_id: str = WARDS,
        focus_area: str = FOCUS) -> str:
    return figure_key(specs[figure_id], specs.population, datasets, focus_area, None)


def no_drawing(*args: object, **kwargs: object) -> None:
    raise AssertionError("a kept chart was drawn again")


# --- in memory ----------------------------------------------------------------------------------


def test_a_figure_built_with_a_cache_is_kept_and_given_back_the_same(datasets, specs) -> None:
    cache = FigureCache()
    first = build_figure(WARDS, datasets, focus_area=FOCUS, specs=specs, cache=cache)
    assert FigureCache().get(key(specs, datasets)) is first.image
    assert build_figure(WARDS, datasets, focus_area=FOCUS, specs=specs, cache=cache) == first
    assert cache.drawn == 1


def test_a_kept_figure_is_the_one_drawn_without_a_cache(datasets, specs, wards_png) -> None:
    kept = build_figure(WARDS, datasets, focus_area=FOCUS, specs=specs, cache=FigureCache())
    drawn = build_figure(WARDS, datasets, focus_area=FOCUS, specs=specs)
    assert kept == drawn
    assert kept.image == wards_png


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


# --- the user's cache folder ----------------------------------------------------------------


def test_the_user_cache_folder_follows_xdg_cache_home(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert user_cache_folder() == tmp_path / "assessment_doc" / "figures"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert user_cache_folder().parts[-2:] == ("assessment_doc", "figures")


def test_a_chart_drawn_is_kept_in_the_folder_at_once_and_read_back_whole(
    datasets, specs, user_cache: Path, monkeypatch, wards_png
) -> None:
    from assessment_doc.figures import api as figures_api

    build_figure(WARDS, datasets, focus_area=FOCUS, specs=specs, cache=FigureCache.for_user())
    path = user_cache / f"{key(specs, datasets)}.json"
    assert [p.name for p in user_cache.iterdir()] == [path.name]  # no temporary file left
    entry = json.loads(path.read_text())
    assert entry["key"] == path.stem
    assert entry["sha256"] == hashlib.sha256(wards_png).hexdigest()
    assert base64.b64decode(entry["figure"]["image"]) == wards_png
    figure_cache.MEMORY.clear()
    monkeypatch.setattr(figures_api, "draw_png", no_drawing)
    cache = FigureCache.for_user()
    again = build_figure(WARDS, datasets, focus_area=FOCUS, specs=specs, cache=cache)
    assert again.image == wards_png
    assert (cache.drawn, cache.faults) == (0, [])


def _damaged(kind: str, entry: bytes, key_: str) -> bytes:
    data = json.loads(entry)
    image = base64.b64decode(data["figure"]["image"])
    if kind == "truncated PNG":  # cut short, with a hash that matches what is left
        image = image[:len(image) // 2]
        data.update(figure={"image": base64.b64encode(image).decode()},
                    sha256=hashlib.sha256(image).hexdigest())
    elif kind == "garbage PNG":
        image = b"\x89PNG\r\n\x1a\n" + os.urandom(300)
        data.update(figure={"image": base64.b64encode(image).decode()},
                    sha256=hashlib.sha256(image).hexdigest())
    elif kind == "wrong hash":
        data["sha256"] = "0" * 64
    elif kind == "another key":
        data["key"] = "f" * 64
    elif kind == "bad JSON":
        return entry[:len(entry) // 3]
    elif kind == "pickle":
        import pickle

        return pickle.dumps({"figure": {"image": image}})
    return json.dumps(data).encode()


@pytest.mark.parametrize("kind", ["truncated PNG", "garbage PNG", "wrong hash", "another key",
                                  "bad JSON", "pickle"])
def test_a_damaged_kept_chart_is_drawn_again_with_a_warning_and_replaced(
    datasets, specs, user_cache: Path, wards_png, kind: str
) -> None:
    key_ = key(specs, datasets)
    user_cache.mkdir(parents=True)
    path = user_cache / f"{key_}.json"
    path.write_bytes(_damaged(kind, entry_bytes(key_, wards_png), key_))
    cache = FigureCache.for_user()
    figure = build_figure(WARDS, datasets, focus_area=FOCUS, specs=specs, cache=cache)
    assert figure.image == wards_png
    assert cache.drawn == 1
    assert len(cache.faults) == 1
    assert cache.faults[0].file == str(path)
    assert "the kept chart is damaged" in cache.faults[0].message
    assert "drawn again and replaced" in cache.faults[0].message
    assert read_entry(path.read_bytes(), key_) == wards_png  # replaced by a good one


def test_check_png_finds_every_kind_of_damage(wards_png) -> None:
    check_png(wards_png)
    with pytest.raises(ValueError, match="cut short"):
        check_png(wards_png[:-5])
    flipped = bytearray(wards_png)
    flipped[200] ^= 0xFF
    with pytest.raises(ValueError, match="chunk is damaged"):
        check_png(bytes(flipped))
    with pytest.raises(ValueError, match="data after its end"):
        check_png(wards_png + b"more")
    with pytest.raises(ValueError, match="not a PNG"):
        check_png(b"GIF89a")


def test_a_cache_folder_that_is_a_file_is_left_alone_with_one_warning(
    datasets, specs, user_cache: Path, wards_png
) -> None:
    user_cache.parent.mkdir(parents=True)
    user_cache.write_text("not a folder")
    cache = FigureCache.for_user()
    figure = build_figure(WARDS, datasets, focus_area=FOCUS, specs=specs, cache=cache)
    build_figure("asb_by_district", datasets, focus_area=FOCUS, specs=specs, cache=cache)
    assert figure.image == wards_png
    assert len(cache.faults) == 1
    assert "the chart cache cannot be used (a file stands where the folder should be)" in str(
        cache.faults[0])
    assert user_cache.read_text() == "not a folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to a read-only folder")
def test_a_read_only_cache_folder_is_left_alone_with_one_warning(
    datasets, specs, user_cache: Path
) -> None:
    user_cache.mkdir(parents=True)
    user_cache.chmod(0o500)
    try:
        cache = FigureCache.for_user()
        build_figure(WARDS, datasets, focus_area=FOCUS, specs=specs, cache=cache)
        assert len(cache.faults) == 1
        assert "cannot be used" in cache.faults[0].message
    finally:
        user_cache.chmod(0o700)


def test_the_folder_is_trimmed_least_recently_used_first(tmp_path: Path) -> None:
    for age, name in enumerate(["newest", "middle", "oldest"]):
        path = tmp_path / f"{name}.json"
        path.write_bytes(b"x" * 1000)
        os.utime(path, (1_000_000 - age * 100, 1_000_000 - age * 100))
    stale = tmp_path / ".abc-1.tmp"
    stale.write_bytes(b"half")
    os.utime(stale, (1_000_000, 1_000_000))
    trim(tmp_path, 2500)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["middle.json", "newest.json"]
    trim(tmp_path, 1000)
    assert [p.name for p in tmp_path.iterdir()] == ["newest.json"]
    assert FOLDER_BUDGET == 200 * 1024 * 1024


def test_reading_a_kept_chart_marks_it_recently_used(datasets, specs, user_cache) -> None:
    build_figure(WARDS, datasets, focus_area=FOCUS, specs=specs, cache=FigureCache.for_user())
    path = user_cache / f"{key(specs, datasets)}.json"
    os.utime(path, (1_000_000, 1_000_000))
    figure_cache.MEMORY.clear()
    assert FigureCache.for_user().get(key(specs, datasets)) is not None
    assert path.stat().st_mtime > 1_000_000


# --- check draws nothing ------------------------------------------------------------------------


def test_a_cache_that_does_not_draw_gives_the_words_and_a_blank_picture(
    datasets, specs, monkeypatch
) -> None:
    from assessment_doc.figures import api as figures_api

    drawn = build_figure(WARDS, datasets, focus_area=FOCUS, specs=specs)
    figure_cache.MEMORY.clear()
    monkeypatch.setattr(figures_api, "draw_png", no_drawing)
    planned = build_figure(WARDS, datasets, focus_area=FOCUS, specs=specs,
                           cache=FigureCache(draws=False))
    assert (planned.alt_text, planned.caption, planned.source) == (
        drawn.alt_text, drawn.caption, drawn.source)
    assert planned.image == figures_api.UNDRAWN
    check_png(planned.image)


# --- --keep-figures ------------------------------------------------------------------------------


def test_kept_figures_go_to_out_only_when_saved_and_come_back_whole(
    datasets, specs, tmp_path: Path
) -> None:
    folder = tmp_path / ".cache" / "figures"
    cache = FigureCache(keep_in=folder)
    drawn = build_figure(WARDS, datasets, focus_area=FOCUS, specs=specs, cache=cache)
    assert not folder.exists()
    cache.save()
    assert [p.name for p in folder.iterdir()] == [f"{key(specs, datasets)}.json"]
    figure_cache.MEMORY.clear()
    assert FigureCache(keep_in=folder).get(key(specs, datasets)) == drawn.image


def test_saving_leaves_only_the_figures_this_build_used(datasets, specs, tmp_path: Path) -> None:
    folder = tmp_path / "figures"
    folder.mkdir()
    (folder / "0123.json").write_text("{}", encoding="utf-8")
    cache = FigureCache(keep_in=folder)
    build_figure(WARDS, datasets, focus_area=FOCUS, specs=specs, cache=cache)
    cache.save()
    assert sorted(p.stem for p in folder.iterdir()) == [key(specs, datasets)]


# --- drawing ahead --------------------------------------------------------------------------------


def test_figures_drawn_ahead_are_the_figures_drawn_one_by_one(
    datasets, specs, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assessment_doc import parallel

    monkeypatch.setattr(parallel.os, "getloadavg", lambda: (0.0, 0.0, 0.0))  # fork if possible
    cache = FigureCache()
    ahead = draw_ahead(list(specs), datasets, focus_area=FOCUS, specs=specs, cache=cache)
    ahead.finish()
    assert cache.drawn == len(specs)
    for figure_id in specs:
        kept = cache.get(key(specs, datasets, figure_id))
        assert kept == build_figure(figure_id, datasets, focus_area=FOCUS, specs=specs).image


def test_drawing_ahead_skips_unknown_ids_and_leaves_failures_to_be_reported_later(
    datasets, specs
) -> None:
    bad = figure_specs_from_dict({"figures": {"broken": {
        **specs[WARDS].model_dump(exclude={"id"}, exclude_none=True), "measure": "nothing"}}})
    cache = FigureCache()
    draw_ahead(["broken", "unknown"], datasets, focus_area=FOCUS, specs=bad, cache=cache).finish()
    assert cache.used == {}


def test_a_cache_that_does_not_draw_draws_nothing_ahead(datasets, specs) -> None:
    cache = FigureCache(draws=False)
    draw_ahead(list(specs), datasets, focus_area=FOCUS, specs=specs, cache=cache).finish()
    assert (cache.used, cache.drawn) == ({}, 0)


# --- whole builds ---------------------------------------------------------------------------------


def _written(result) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in result.paths}


def test_a_build_with_a_warm_user_cache_draws_none_and_gives_the_bytes_of_a_build_without(
    tmp_path: Path, user_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assessment_doc import api
    from assessment_doc.figures import api as figures_api
    from assessment_doc.project import load_project

    project = load_project(ROOT)
    uncached = _written(api.build(project, tmp_path / "uncached", formats=("docx", "pdf"),
                                  cache=False))
    assert not user_cache.exists()  # --no-cache writes nothing there
    figure_cache.MEMORY.clear()
    first = api.build(project, tmp_path / "first", formats=("docx", "pdf"))
    kept = sorted(user_cache.glob("*.json"))
    assert len(kept) == len(load_figure_specs(ROOT / "content" / "figures.yaml"))

    figure_cache.MEMORY.clear()
    monkeypatch.setattr(figures_api, "draw_png", no_drawing)
    again = api.build(project, tmp_path / "again", formats=("docx", "pdf"))
    assert again.warnings == first.warnings
    assert _written(again) == _written(first) == uncached  # docx, pdf and report, byte for byte
    assert sorted(user_cache.glob("*.json")) == kept


def test_a_build_with_a_damaged_kept_chart_warns_and_writes_the_same_bytes(
    tmp_path: Path, user_cache: Path
) -> None:
    from assessment_doc import api
    from assessment_doc.project import load_project

    project = load_project(ROOT)
    first = api.build(project, tmp_path / "first", formats=("docx", "pdf"))
    damaged = sorted(user_cache.glob("*.json"))[0]
    damaged.write_bytes(damaged.read_bytes()[:1000])
    figure_cache.MEMORY.clear()
    again = api.build(project, tmp_path / "again", formats=("docx", "pdf"))
    assert _written(again) == _written(first)
    extra = [w for w in again.warnings if w not in first.warnings]
    assert [w.file for w in extra] == [str(damaged)]
    report = json.loads((tmp_path / "again" / "build-report.json").read_text())
    assert not any("kept chart" in warning for warning in report["warnings"])


def test_a_build_whose_cache_folder_is_a_file_warns_and_succeeds(
    tmp_path: Path, user_cache: Path
) -> None:
    from assessment_doc import api
    from assessment_doc.project import load_project

    user_cache.parent.mkdir(parents=True)
    user_cache.write_text("in the way")
    result = api.build(load_project(ROOT), tmp_path / "out", formats=("pdf",))
    faults = [w for w in result.warnings if "chart cache cannot be used" in w.message]
    assert len(faults) == 1
    assert (tmp_path / "out" / "strategic-assessment-2016-17-appendix-1.pdf").is_file()


def test_a_build_keeping_figures_lets_the_next_build_draw_none_and_gives_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assessment_doc import api
    from assessment_doc.figures import api as figures_api
    from assessment_doc.project import load_project

    project = load_project(ROOT)
    out = tmp_path / "out"
    first = api.build(project, out, keep_figures=True, cache=False)
    written = _written(first)
    kept = sorted((out / ".cache" / "figures").glob("*.json"))
    assert len(kept) == len(load_figure_specs(ROOT / "content" / "figures.yaml"))

    figure_cache.MEMORY.clear()
    monkeypatch.setattr(figures_api, "draw_png", no_drawing)
    again = api.build(project, out, keep_figures=True, cache=False)
    assert _written(again) == written
    assert sorted((out / ".cache" / "figures").glob("*.json")) == kept


# --- the command line ----------------------------------------------------------------------------


def _cli(*args: str, cwd: Path, cache_home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "assessment_doc", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600, check=False,
                          env={**os.environ, "XDG_CACHE_HOME": str(cache_home),
                               "COLUMNS": "200"})


def test_the_cache_command_says_where_and_how_big_and_clear_empties_it(tmp_path: Path) -> None:
    home = tmp_path / "xdg"
    folder = home / "assessment_doc" / "figures"
    folder.mkdir(parents=True)
    for name in ("a" * 64, "b" * 64):
        (folder / f"{name}.json").write_bytes(b"x" * 524_288)
    shown = _cli("cache", cwd=tmp_path, cache_home=home)
    assert shown.returncode == 0, shown.stderr
    assert f"Chart cache: {folder}" in shown.stdout
    assert "2 chart(s), 1.0 MB of at most 200 MB" in shown.stdout
    cleared = _cli("cache", "clear", cwd=tmp_path, cache_home=home)
    assert cleared.returncode == 0, cleared.stderr
    assert f"Removed 2 kept chart(s) from {folder}" in cleared.stdout
    assert list(folder.iterdir()) == []


def test_build_no_cache_reads_and_writes_no_kept_chart(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "assessment.yaml", project)
    for part in ("content", "data"):
        shutil.copytree(ROOT / part, project / part)
    home = tmp_path / "xdg"
    result = _cli("build", "--no-cache", "--format", "pdf", cwd=project, cache_home=home)
    assert result.returncode == 0, result.stderr
    assert not (home / "assessment_doc").exists()  # (matplotlib keeps its font list there)
    result = _cli("build", "--format", "pdf", cwd=project, cache_home=home)
    assert result.returncode == 0, result.stderr
    assert len(list((home / "assessment_doc" / "figures").glob("*.json"))) == 5
