"""``--area all`` through the command line in real processes: ``check`` draws no chart in any
worker and tells the characters the PDF cannot draw once; ``build --no-cache`` keeps no chart.

Each run is a child Python that patches the chart drawing (``figures.api.draw_png``) and the
worker's function (``every_area._one_area``) before calling ``main``; the workers are forked
from it, so they run the patched code and record, in a file, every chart they draw and whether
matplotlib's pyplot or the chart module was imported in them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bundled_build import copy_bundled_project

DRIVER = """\
import sys
from pathlib import Path

from assessment_doc import every_area
from assessment_doc.figures import api as figures_api

record = Path(sys.argv[1])
DRAWING = ("matplotlib.pyplot", "assessment_doc.figures.charts")


def note(line):
    with record.open("a", encoding="utf-8") as stream:
        stream.write(line + "\\n")


draw_png = figures_api.draw_png


def drawing(plan, *look):
    note(f"drew {plan.id}")
    return draw_png(plan, *look)


one_area = every_area._one_area


def area_recorded(*args):
    result = one_area(*args)
    imported = [name for name in DRAWING if name in sys.modules]
    note(f"area {args[1]} imported {imported}")
    return result


figures_api.draw_png = drawing
every_area._one_area = area_recorded
if sys.argv[2] == "--only":  # these areas rather than all 13
    from assessment_doc import cli

    only = sys.argv[3].split(",")
    cli.focus_areas = lambda datasets: only
    del sys.argv[2:4]

from assessment_doc.cli import main

status = main(sys.argv[2:])
note(f"parent imported {[name for name in DRAWING if name in sys.modules]}")
sys.exit(status)
"""


def run(record: Path, *arguments: str, cache_home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", DRIVER, str(record), *arguments], capture_output=True, text=True,
        timeout=600, check=False,
        env={**os.environ, "COLUMNS": "300", "XDG_CACHE_HOME": str(cache_home)})


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_bundled_project(tmp_path_factory.mktemp("every_area") / "project")


def test_check_of_every_area_draws_no_chart_in_any_worker(project: Path, tmp_path: Path) -> None:
    record = tmp_path / "record.txt"
    result = run(record, "check", str(project), "--area", "all", cache_home=tmp_path / "cache")
    assert result.returncode == 0, result.stderr
    assert "No problems found for any of the 13 areas." in result.stdout
    lines = record.read_text(encoding="utf-8").splitlines()
    areas = [line for line in lines if line.startswith("area ")]
    assert len(areas) == 13
    assert "area Swale imported []" in areas
    assert [line for line in lines if "drew" in line or not line.endswith("imported []")] == []
    assert not (tmp_path / "cache").exists()  # nothing kept, since nothing was drawn


def test_check_of_every_area_tells_undrawable_characters_once_by_file_and_line(
    tmp_path: Path,
) -> None:
    copy = copy_bundled_project(tmp_path / "project")
    summary = min((copy / "content").glob("*.md"))
    lines = summary.read_text(encoding="utf-8").splitlines()
    summary.write_text("\n".join([*lines, "", "Emoji 🚓 here."]) + "\n", encoding="utf-8")
    record = tmp_path / "record.txt"
    result = run(record, "--only", "Maidstone,Swale", "check", str(copy), "--area", "all",
                 cache_home=tmp_path / "cache")
    assert result.returncode == 2, result.stderr
    message = (f"content/{summary.name}, line {len(lines) + 2}: the PDF's fonts cannot draw "
               "'🚓' (U+1F693 POLICE CAR): it would print as nothing")
    assert result.stderr.count(message) == 1, result.stderr
    assert "No problems found" not in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("no_cache", [True, False])
def test_build_of_every_area_with_no_cache_keeps_no_chart(
    no_cache: bool, project: Path, tmp_path: Path
) -> None:
    """The user's cache folder stays empty with --no-cache, and is filled without it (so the
    test can tell the two apart)."""
    record, cache_home, out = tmp_path / "record.txt", tmp_path / "cache", tmp_path / "out"
    result = run(record, "--only", "Maidstone,Swale", "build", str(project), "--area", "all",
                 "-o", str(out), "--format", "docx", *(["--no-cache"] if no_cache else []),
                 cache_home=cache_home)
    assert result.returncode == 0, result.stderr
    assert len(list(out.glob("*.docx"))) == 2
    drawn = [line for line in record.read_text(encoding="utf-8").splitlines() if "drew" in line]
    assert len(drawn) >= 10  # the five charts of each area
    kept = list(cache_home.glob("assessment_doc/figures/*.json"))
    assert (len(kept) == 0) if no_cache else (len(kept) >= len(drawn) // 2)
