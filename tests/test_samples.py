"""samples/ holds exactly what the code builds today: a rebuild is byte-identical to it.

When the output changes on purpose, regenerate the samples with
``assessment-doc build . -o samples`` and look at them before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import assessment_doc as ad

REPOSITORY = Path(__file__).resolve().parents[1]
SAMPLES = REPOSITORY / "samples"
NAMES = [
    "strategic-assessment-2016-17-appendix-1.docx",
    "strategic-assessment-2016-17-appendix-1.pdf",
    "build-report.json",
]


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rebuilt")
    ad.build(ad.load_project(REPOSITORY), out)
    return out


@pytest.mark.parametrize("name", NAMES)
def test_the_committed_sample_is_what_the_code_builds(rebuilt: Path, name: str) -> None:
    assert (rebuilt / name).read_bytes() == (SAMPLES / name).read_bytes(), (
        f"samples/{name} is stale: run 'assessment-doc build . -o samples', look at it, commit it"
    )
