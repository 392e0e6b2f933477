"""samples/ holds exactly what the code builds today: a rebuild is byte-identical to it.

When the output changes on purpose, regenerate the samples with
``assessment-doc build . -o samples`` and look at them before committing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import assessment_doc as ad
from assessment_doc.render import every_format

REPOSITORY = Path(__file__).resolve().parents[1]
SAMPLES = REPOSITORY / "samples"
NAMES = [
    "strategic-assessment-2016-17-appendix-1.docx",
    "strategic-assessment-2016-17-appendix-1.pdf",
    "strategic-assessment-2016-17-appendix-1.html",
    "strategic-assessment-2016-17-appendix-1.ods",
]
STALE = "samples/{} is stale: run 'assessment-doc build . -o samples', look at it, commit it"


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rebuilt")
    ad.build(ad.load_project(REPOSITORY), out, formats=every_format())
    return out


@pytest.mark.parametrize("name", NAMES)
def test_the_committed_sample_is_what_the_code_builds(rebuilt: Path, name: str) -> None:
    assert (rebuilt / name).read_bytes() == (SAMPLES / name).read_bytes(), STALE.format(name)


def test_the_committed_report_is_what_the_code_reports_but_where_it_was_built(
        rebuilt: Path) -> None:
    """The report says what built it (``built_with``: the commit, Python's and the libraries'
    versions), which a committed sample cannot know of its own commit; the rest is the same."""
    def without_builder(path: Path) -> dict:
        report = json.loads(path.read_text(encoding="utf-8"))
        assert report.pop("built_with")["libraries"]
        return report

    name = "build-report.json"
    assert without_builder(rebuilt / name) == without_builder(SAMPLES / name), STALE.format(name)
    assert sorted(p.name for p in rebuilt.iterdir() if not p.name.startswith(".")) == sorted(
        [*NAMES, name])
