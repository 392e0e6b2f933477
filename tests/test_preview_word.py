"""The preview's Word file: drafted in a process of its own while the PDF is laid out, filled in
with the PDF's page numbers, and the same bytes as a build's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fixtures.small_project import small_project

from assessment_doc.builder import assemble
from assessment_doc.model import assign_numbers
from assessment_doc.preview import Preview
from assessment_doc.project import load_project
from assessment_doc.render import docx as docx_module
from assessment_doc.render import get_renderer

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or len(os.sched_getaffinity(0)) < 2,
                                reason="the drafts' process needs fork and two CPUs")

SECTION = "content/01-summary.md"


def built_word(root: Path) -> bytes:
    """The Word file a build of ``root`` writes (rendered in this process alone)."""
    return get_renderer("docx")(assign_numbers(assemble(load_project(root)).document))


@pytest.fixture
def preview(tmp_path: Path) -> Preview:
    watching = Preview(small_project(tmp_path / "project"), ["pdf", "docx"], report=lambda _: None)
    yield watching
    watching.close()


def test_the_word_file_is_drafted_beside_the_pdf_and_is_a_builds(preview: Preview) -> None:
    assert preview._word_drafts is not None and preview._word_drafts.process.is_alive()
    assert preview.refresh()
    assert preview.snapshot.files["docx"] == built_word(preview.root)
    assert preview.snapshot.files["pdf"][:5] == b"%PDF-"


def test_an_edit_is_drafted_again(preview: Preview) -> None:
    assert preview.refresh()
    first = preview.snapshot.files["docx"]
    section = preview.root / SECTION
    section.write_text(section.read_text(encoding="utf-8") + "\nA sentence added in the preview.\n",
                       encoding="utf-8")
    os.utime(section, ns=(1, 1))  # a new stamp, however coarse the file system's clock
    assert preview.refresh()
    assert preview.snapshot.files["docx"] != first
    assert preview.snapshot.files["docx"] == built_word(preview.root)


def test_a_draft_that_fails_there_is_rendered_here(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    here, drafted_here = os.getpid(), []
    draft = docx_module.draft_docx

    def fails_in_the_child(document: object) -> bytes:
        if os.getpid() != here:
            raise RuntimeError("a draft that fails in the drafts' process")
        drafted_here.append(True)
        return draft(document)

    monkeypatch.setattr(docx_module, "draft_docx", fails_in_the_child)
    watching = Preview(small_project(tmp_path / "project"), ["docx", "pdf"], report=lambda _: None)
    try:
        assert watching.refresh()
        assert watching.snapshot.files["docx"] == built_word(watching.root)
        assert drafted_here == [True, True]  # the preview's own draft, then built_word's
        assert list(watching.snapshot.files) == ["docx", "pdf"]
    finally:
        watching.close()


def test_closing_ends_the_drafts_process(tmp_path: Path) -> None:
    watching = Preview(small_project(tmp_path / "project"), ["docx"], report=lambda _: None)
    process = watching._word_drafts.process  # type: ignore[union-attr]
    watching.close()
    assert not process.is_alive()


def test_no_process_without_word(tmp_path: Path) -> None:
    watching = Preview(small_project(tmp_path / "project"), ["html", "pdf"], report=lambda _: None)
    assert watching._word_drafts is None
