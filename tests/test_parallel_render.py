"""The formats that need nothing from the PDF rendered in a child beside the PDF and Word: the
same files as a build done in one process, the same errors at the same turn, and a child only
where its share is worth a fork."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path

import pytest
from bundled_build import copy_bundled_project
from fixtures.documents import fixture_document

from assessment_doc import api, parallel
from assessment_doc.cli import main
from assessment_doc.errors import RenderError
from assessment_doc.figures.cache import MEMORY
from assessment_doc.model import Document
from assessment_doc.parallel import SERIAL_VARIABLE, can_fork
from assessment_doc.render import ahead


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the functions run in forked children, in order; skips where this machine
    cannot fork (no fork, one CPU, threads running); a CPU counts as free."""
    monkeypatch.delenv(SERIAL_VARIABLE, raising=False)
    monkeypatch.setattr(parallel, "runnable_now", lambda: 1)
    if not can_fork():
        pytest.skip("this machine does not fork (no fork, one CPU, or threads running)")
    forked: list[str] = []
    children: list[int] = []
    fork = parallel.Forked._fork

    def recorded(self: parallel.Forked[object]) -> None:
        forked.append(getattr(self.function, "__name__", "?"))
        fork(self)
        children.append(self.pid)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel.Forked, "_fork", recorded)
    yield forked
    for pid in children:  # every child reaped
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def big_document() -> Document:
    """The fixture document four times over: 2,640 table cells, its ODS worth a child."""
    document = fixture_document()
    return replace(document, children=document.children * 4)


def fake_render(failing: Mapping[str, str] | None = None) -> Callable[[Document, str], bytes]:
    """A renderer for every format: the format's name and the pid that rendered it, or a
    RenderError naming the format for those in ``failing``."""

    def render(document: Document, format: str) -> bytes:
        if failing and format in failing:
            raise RenderError(f"{format}: {failing[format]}")
        return f"{format} by {os.getpid()}".encode()

    return render


def test_a_build_with_children_writes_the_same_bytes_as_one_without(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forks: list[str]) -> None:
    """Every format (the CSV tables too), the charts drawn afresh (--no-cache), so that both
    the charts' child and the formats' child run (the latter whatever its share is worth);
    each file compared byte for byte."""
    monkeypatch.setattr(parallel, "WORTH_FORKING", 0.0)
    project = copy_bundled_project(tmp_path / "project")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    build = ["build", str(project), "--format", "all,csv", "--no-cache"]
    MEMORY.clear()  # charts drawn in this process before are kept in its memory
    with monkeypatch.context() as serial:
        serial.setenv(SERIAL_VARIABLE, "1")
        assert main([*build, "-o", str(tmp_path / "serial")]) == 0
    assert forks == []
    MEMORY.clear()
    assert main([*build, "-o", str(tmp_path / "parallel")]) == 0
    assert "_render_each" in forks
    assert len(forks) == 2  # the charts' child too
    serial_files = sorted(path.name for path in (tmp_path / "serial").iterdir())
    assert {Path(name).suffix for name in serial_files} >= {
        ".docx", ".pdf", ".html", ".ods", ".csv", ".json"}
    assert serial_files == sorted(path.name for path in (tmp_path / "parallel").iterdir())
    for name in serial_files:
        assert (tmp_path / "serial" / name).read_bytes() == \
            (tmp_path / "parallel" / name).read_bytes(), name


def fake_word(monkeypatch: pytest.MonkeyPatch, failing: Mapping[str, str] | None = None) -> None:
    """Word's draft and its filling as :func:`fake_render` renders: each names the pid that
    made it; the draft fails as Word's rendering does when ``failing`` names docx."""

    def draft(document: Document) -> bytes:
        if failing and "docx" in failing:
            raise RenderError(f"docx: {failing['docx']}")
        return f"docx drafted by {os.getpid()}".encode()

    monkeypatch.setattr(ahead, "draft_word", draft)
    monkeypatch.setattr(ahead, "fill_word",
                        lambda drafted, document: drafted + f", filled by {os.getpid()}".encode())


def test_the_formats_that_need_no_pdf_and_words_draft_are_rendered_in_the_child(
        monkeypatch: pytest.MonkeyPatch, forks: list[str]) -> None:
    monkeypatch.setattr(api, "_render", fake_render())
    fake_word(monkeypatch)
    rendered = api.render_all(big_document(), ["docx", "pdf", "html", "ods", "csv"])
    here = f"by {os.getpid()}".encode()
    assert list(rendered) == ["docx", "pdf", "html", "ods", "csv"]
    assert [name for name, data in rendered.items() if data.endswith(here)] == ["docx", "pdf"]
    assert rendered["docx"].startswith(b"docx drafted by ")
    assert not rendered["docx"].startswith(b"docx drafted " + here)  # drafted in the child
    assert forks == ["_render_each"]


def test_words_draft_alone_is_worth_a_child_for_a_big_document(
        monkeypatch: pytest.MonkeyPatch, forks: list[str]) -> None:
    monkeypatch.setattr(api, "_render", fake_render())
    fake_word(monkeypatch)
    rendered = api.render_all(big_document(), ["pdf", "docx"])
    assert rendered["pdf"] == f"pdf by {os.getpid()}".encode()
    assert rendered["docx"].endswith(f", filled by {os.getpid()}".encode())
    assert not rendered["docx"].startswith(f"docx drafted by {os.getpid()}".encode())
    assert forks == ["_render_each"]


@pytest.mark.parametrize("formats", [
    ["pdf", "html"],  # the HTML edition alone is not worth a fork (0.03 s)
    ["pdf", "html", "ods"],  # nor the ODS of a small document (660 cells: 0.21 s)
    ["html", "ods"],  # nothing to do here meanwhile
    ["pdf", "docx"],  # nor Word's draft of a small document (660 cells: 0.45 s)
    ["docx", "html", "ods"],  # Word needs the PDF's layout: no draft without the PDF asked
    ["ods"],
])
def test_no_child_where_it_would_not_help(monkeypatch: pytest.MonkeyPatch, forks: list[str],
                                          formats: list[str]) -> None:
    monkeypatch.setattr(api, "_render", fake_render())
    fake_word(monkeypatch)
    rendered = api.render_all(fixture_document(), formats)
    assert forks == []
    assert list(rendered) == formats
    assert all(data.endswith(f"by {os.getpid()}".encode()) for data in rendered.values())


def test_the_serial_switch_keeps_every_format_here(monkeypatch: pytest.MonkeyPatch,
                                                   forks: list[str]) -> None:
    monkeypatch.setenv(SERIAL_VARIABLE, "1")
    monkeypatch.setattr(api, "_render", fake_render())
    api.render_all(big_document(), ["pdf", "docx", "html", "ods"])
    assert forks == []


@pytest.mark.parametrize(("formats", "failing", "raised"), [
    (["pdf", "ods"], {"ods": "broken"}, "ods: broken"),
    # serial order: pdf, then the others as asked: ods's error comes before docx's
    (["ods", "docx", "pdf"], {"ods": "first", "docx": "second"}, "ods: first"),
    (["docx", "pdf", "html", "ods"], {"docx": "first", "ods": "second"}, "docx: first"),
    (["docx", "pdf", "ods"], {"pdf": "first", "ods": "second"}, "pdf: first"),
])
def test_an_error_is_the_one_a_build_in_one_process_raises(
        monkeypatch: pytest.MonkeyPatch, forks: list[str], formats: list[str],
        failing: dict[str, str], raised: str) -> None:
    monkeypatch.setattr(api, "_render", fake_render(failing))
    fake_word(monkeypatch, failing)
    document = big_document()
    with monkeypatch.context() as serial:
        serial.setenv(SERIAL_VARIABLE, "1")
        with pytest.raises(RenderError) as without_child:
            api.render_all(document, formats)
    assert forks == []
    with pytest.raises(RenderError) as with_child:
        api.render_all(document, formats)
    assert forks == ["_render_each"]
    assert str(with_child.value) == str(without_child.value) == raised


def test_a_child_that_dies_leaves_its_formats_to_be_rendered_here(
        monkeypatch: pytest.MonkeyPatch, forks: list[str]) -> None:
    parent = os.getpid()

    def render(document: Document, format: str) -> bytes:
        if os.getpid() != parent:
            os._exit(9)  # the child dies without a word
        return f"{format} here".encode()

    monkeypatch.setattr(api, "_render", render)
    rendered = api.render_all(big_document(), ["pdf", "ods", "html"])
    assert rendered == {"pdf": b"pdf here", "ods": b"ods here", "html": b"html here"}
    assert forks == ["_render_each"]


def test_the_work_of_a_format_is_estimated_from_the_table_cells() -> None:
    small, big = fixture_document(), big_document()
    assert ahead.estimated_seconds(small, ["ods"]) == pytest.approx(0.06 + 660 * 0.00023)
    assert ahead.estimated_seconds(big, ["ods"]) == pytest.approx(0.06 + 2640 * 0.00023)
    assert ahead.estimated_seconds(big, ["html", "csv"]) == pytest.approx(0.03 + 2640 * 0.00002)
    assert ahead.estimated_seconds(small, ["a format still to come"]) == 1.0
    assert ahead.estimated_seconds(small, ["ods"]) < parallel.WORTH_FORKING
    assert ahead.estimated_seconds(big, ["ods"]) >= parallel.WORTH_FORKING
    assert ahead.AFTER_THE_PDF == {"pdf", "docx"}
    assert ahead.estimated_seconds(small, [ahead.WORD_DRAFT]) < parallel.WORTH_FORKING
    assert ahead.estimated_seconds(big, [ahead.WORD_DRAFT]) >= parallel.WORTH_FORKING
