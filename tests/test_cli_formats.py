"""``build --format``: formats separated by commas, 'all' (the default) or 'both' (docx and pdf,
as before the HTML edition); an unknown name is argparse's error, exit 2, naming the known ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from bundled_build import STEM, copy_bundled_project

from assessment_doc.cli import _parser, main
from assessment_doc.render import RENDERERS, every_format


def _formats(*argv: str) -> list[str]:
    return _parser().parse_args(["build", *argv]).format


def test_all_is_the_default_and_every_registered_format_but_csv() -> None:
    assert _formats() == _formats("--format", "all") == every_format()
    assert every_format() == [name for name in RENDERERS if name != "csv"]
    assert {"docx", "pdf", "html"} <= set(every_format())


def test_both_still_means_word_and_pdf() -> None:
    assert _formats("--format", "both") == ["docx", "pdf"]


def test_a_list_keeps_its_order_once_each_whatever_the_case_and_spaces() -> None:
    assert _formats("--format", "pdf, HTML,pdf") == ["pdf", "html"]
    assert _formats("--format", "html,both") == ["html", "docx", "pdf"]


@pytest.mark.skipif("csv" not in RENDERERS, reason="no csv writer registered")
def test_csv_is_written_only_when_named() -> None:
    assert "csv" not in _formats()
    assert _formats("--format", "all,csv")[-1] == "csv"


@pytest.mark.parametrize("value, said", [
    ("pdf,odt", "unknown format 'odt': choose from"),
    ("word", "unknown format 'word'"),
    (" , ", "name at least one format"),
])
def test_an_unknown_format_is_refused_with_the_known_ones(
    value: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        _parser().parse_args(["build", "--format", value])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert said in error
    if "unknown" in said:
        assert ", ".join(RENDERERS) in error and "'all'" in error and "'both'" in error


def test_build_writes_only_the_formats_asked_for(tmp_path: Path) -> None:
    project = copy_bundled_project(tmp_path / "project")
    assert main(["build", str(project), "--format", "html,pdf"]) == 0
    names = sorted(path.name for path in (project / "out").iterdir())
    assert names == ["build-report.json", f"{STEM}.html", f"{STEM}.pdf"]
    html = (project / "out" / f"{STEM}.html").read_text(encoding="utf-8")
    assert ".ods" not in html  # no open data tables written, so no link to them
