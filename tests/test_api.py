"""The analyst's API: one import, a small set of names, and the two sample scripts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from clients import pdf_text
from fixtures.documents import png  # noqa: F401  (matplotlib is imported there)
from matplotlib.figure import Figure as MplFigure

import assessment_doc as ad
from assessment_doc.model import Figure, Section, iter_sections, pformat

REPOSITORY = Path(__file__).resolve().parents[1]


def test_one_import_gives_a_small_stable_set_of_names() -> None:
    assert sorted(ad.__all__) == sorted([
        "SUPPRESSED", "AssessmentError", "BuildResult", "Fact", "Facts", "InputError", "Problem",
        "Project", "__version__", "add_to_section", "build", "build_document",
        "figure_from_matplotlib", "list_facts", "load_project", "table_frame",
        "table_from_frame", "to_bytes",
    ])
    for name in ad.__all__:
        assert getattr(ad, name) is not None


@pytest.fixture(scope="module")
def project() -> ad.Project:
    return ad.load_project(REPOSITORY)


def test_a_computed_table_comes_as_a_dataframe(project: ad.Project) -> None:
    table = ad.table_frame(project, "recorded_crime_by_district")
    assert isinstance(table, pd.DataFrame)
    maidstone = table[table["label"] == "Maidstone"].iloc[0]
    assert maidstone["value_current"] == 9178
    assert round(maidstone["rate"], 1) == 56.7


def test_add_to_section_puts_blocks_before_the_subsections(project: ad.Project) -> None:
    figure = MplFigure(figsize=(3, 2))
    figure.add_subplot().bar(["a", "b"], [1, 2])
    chart = ad.figure_from_matplotlib(figure, alt_text="Two bars, b twice a.", caption="Mine")
    table = ad.table_from_frame(pd.DataFrame({"Area": ["X", "Y"], "Count": [1200, float("nan")]}),
                                caption="My table", formats={"Count": "count"}, emphasis=[0])
    document = ad.add_to_section(ad.build_document(project), "road_safety", table, chart)
    road = next(s for s in iter_sections(document.children) if s.id == "road_safety")
    assert road.number == "7"
    assert [type(c).__name__ for c in road.children[:2]] == ["Table", "Figure"]
    assert isinstance(road.children[2], Section)
    assert "| X | 1,200" in pformat(road.children[0]) and "*| X" in pformat(road.children[0])
    assert isinstance(road.children[1], Figure) and road.children[1].label.endswith(": Mine")


def test_add_to_an_unknown_section_says_so(project: ad.Project) -> None:
    with pytest.raises(ad.InputError, match="no section '12.4'"):
        ad.add_to_section(ad.build_document(project), "12.4")


def run_sample(name: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPOSITORY / "samples" / name), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600, check=False)


def test_sample_explore_facts_runs(tmp_path: Path) -> None:
    result = run_sample("explore_facts.py", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Maidstone: 56.7 crimes per 1,000 residents, rank 6 of 12" in result.stdout
    assert "Datasets where Maidstone's offences rose: violent_crime" in result.stdout


def test_sample_custom_figure_builds_with_the_chart(tmp_path: Path) -> None:
    result = run_sample("custom_figure.py", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "out" / "strategic-assessment-2016-17-appendix-1.pdf"
    text = pdf_text(pdf, "-raw").replace("\n", " ")
    assert "Figure 2: Recorded crime per 1,000 residents, all Kent districts (analyst's chart)" in text
