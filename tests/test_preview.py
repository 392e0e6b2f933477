"""The live preview: served on 127.0.0.1, rebuilt when a file changes, a broken edit shown over
the last good build without stopping, and a narrative edit that reuses the loaded project."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bundled_build import copy_bundled_project

from assessment_doc.preview import Preview, run

TIMEOUT = 90.0
"""Seconds a test waits for a rebuild at most (a shared, loaded machine can be slow)."""

SENTENCE = "The table below compares the number of offences"
FILE = Path("content") / "02-total-recorded-crime.md"


def _get(address: str, path: str) -> bytes:
    with urllib.request.urlopen(address + path.lstrip("/"), timeout=30) as response:
        return response.read()  # type: ignore[no-any-return]


def _status(address: str) -> dict:
    return json.loads(_get(address, "/status"))


def _wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        assert time.monotonic() < deadline, "the preview did not rebuild in time"
        time.sleep(0.1)


def _edit(project: Path, old: str, new: str) -> None:
    path = project / FILE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Preview]]:
    """The bundled project previewed as HTML and PDF on a free port, in a thread."""
    project = copy_bundled_project(tmp_path_factory.mktemp("preview") / "project")
    lines: list[str] = []
    preview = Preview(project, ["html", "pdf"], report=lines.append)
    stop = threading.Event()
    ready: list[str] = []
    thread = threading.Thread(target=run, args=(preview, 0),
                              kwargs={"stop": stop, "ready": ready.append}, daemon=True)
    thread.start()
    _wait_for(lambda: bool(ready))
    yield ready[0], project, preview
    stop.set()
    thread.join(timeout=30)


def test_it_serves_the_html_edition_on_loopback_with_the_reload_script(served) -> None:
    address, _, _ = served
    assert address.startswith("http://127.0.0.1:")
    page = _get(address, "/").decode()
    assert SENTENCE in page
    assert 'fetch("/status"' in page and "<main" in page
    assert _get(address, "/document.pdf").startswith(b"%PDF-")


def test_an_edit_is_rebuilt_reusing_the_loaded_project(served) -> None:
    address, project, preview = served
    loaded = preview._project
    before = _status(address)["built"]
    _edit(project, "The table below compares", "The table underneath compares")
    _wait_for(lambda: _status(address)["built"] > before)
    page = _get(address, "/").decode()
    assert "The table underneath compares the number of offences" in page
    assert preview._project is loaded  # a narrative edit: facts and data were not loaded again
    _edit(project, "The table underneath compares", "The table below compares")
    _wait_for(lambda: SENTENCE in _get(address, "/").decode())


def test_a_broken_edit_is_reported_and_the_last_good_build_stays(served) -> None:
    address, project, _ = served
    built = _status(address)["built"]
    _edit(project, "The table below compares", "The table below {{ no_such_fact }} compares")
    _wait_for(lambda: bool(_status(address)["problems"]))
    status = _status(address)
    assert status["built"] == built  # nothing new was built
    assert "content/02-total-recorded-crime.md, line" in status["problems"][0]
    assert "no_such_fact" in status["problems"][0]
    page = _get(address, "/").decode()
    assert 'role="alert"' in page and SENTENCE in page  # the problem over the last good text
    _edit(project, "The table below {{ no_such_fact }} compares", "The table below compares")
    _wait_for(lambda: not _status(address)["problems"])
    assert _status(address)["built"] == built + 1
    assert 'role="alert"' not in _get(address, "/").decode()


def test_a_data_edit_loads_the_project_again(served) -> None:
    address, project, preview = served
    loaded = preview._project
    built = _status(address)["built"]
    manifest = project / "data" / "datasets.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _wait_for(lambda: _status(address)["built"] > built)
    assert preview._project is not loaded
