"""Live preview: one warm process that watches a project and serves its document as it is edited.

``assessment-doc preview [PROJECT]`` builds the document once, serves it on ``127.0.0.1`` and
then polls the project's files (the settings, ``content/`` and ``data/``) a few times a second.
On a change it rebuilds in the same process, reusing what the change cannot touch:

- an edit in ``content/`` keeps the loaded project (settings, validated data, facts); the
  builder re-reads only the Markdown that changed (parsed bodies, rules and table and figure
  specs are kept by their text), and every chart whose spec and data are unchanged comes from
  the process's figure cache, so nothing is drawn;
- an edit to the settings or to ``data/`` loads the project again (the facts follow the data);
- with Word asked for, its file is drafted in a second process (:class:`WordDrafts`) while this
  one lays out the PDF, whose page numbers then fill the draft in.

What is served is kept in memory, never written: the HTML edition at ``/`` (with a small script,
added only here, that reloads the page when a new build is ready), and each other format asked
for at ``/document.<format>``. A broken edit does not stop the preview: its problems are printed
and shown at the top of the page, over the last good build, until the next edit mends them.
``/status`` answers the build number and the problems as JSON (the page's script asks it).

Polling, not file-system events: it needs no extra library, works the same on every platform and
network drive, and a project is a few dozen files. A poll reads each watched folder once
(``os.scandir``) and asks each file for its size and modification time once, nothing more: on
the bundled project (38 files) a poll makes 40 ``stat`` calls and takes 0.9-1.1 ms on a loaded
2-CPU machine, where a walk with ``Path.rglob`` made 81 and took 2.9-3.1 ms. Hidden files and
editors' backups (``.x.swp``, ``x~``, ``#x#``) are not watched: an editor saving them as the
clerk types would rebuild the document for nothing. The files the settings name (the logo,
the Word template) are watched with the settings.
"""

from __future__ import annotations

import html
import json
import multiprocessing
import multiprocessing.connection
import os
import pickle
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .builder import assemble
from .errors import InputError
from .figures import FigureCache
from .model import Document, assign_numbers
from .project import Project, load_project
from .render import get_renderer
from .settings import SETTINGS_FILE

POLL_SECONDS = 0.25
"""How often the project's files are looked at."""

_MEDIA_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf",
                "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "ods": "application/vnd.oasis.opendocument.spreadsheet"}

_RELOAD_SCRIPT = """<script>
(function () {{
  var built = {built};
  function ask() {{
    fetch("/status", {{cache: "no-store"}}).then(function (r) {{ return r.json(); }})
      .then(function (s) {{ if (s.built !== built) {{ location.reload(); }} }})
      .catch(function () {{}}).finally(function () {{ setTimeout(ask, 400); }});
  }}
  setTimeout(ask, 400);
}})();
</script>"""
"""Added to the served HTML only: reloads the page when the build number moves on."""

Stamp = tuple[tuple[str, int, int], ...]
"""Each watched file as (path, size, modification time in ns)."""


def stamp(root: Path, named: Sequence[str] = ()) -> tuple[Stamp, Stamp]:
    """What the project's files look like now: (the settings, the files they name (``named``,
    relative to ``root``) and ``data/``; ``content/``). One scandir of each folder and one
    stat of each file."""
    settings = _files([root / name for name in (SETTINGS_FILE, *named)])
    return settings + _scan(root / "data"), _scan(root / "content")


def _files(paths: Sequence[Path]) -> Stamp:
    found = []
    for path in paths:
        try:
            status = os.stat(path)
        except (OSError, ValueError):  # missing, or a name no file can have
            continue
        found.append((str(path), status.st_size, status.st_mtime_ns))
    return tuple(found)


def _scan(folder: Path) -> Stamp:
    """Every watched file in ``folder`` and its subfolders (not followed through links)."""
    found = []
    pending = [str(folder)]
    while pending:
        try:
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    if _unwatched(entry.name):
                        continue
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            pending.append(entry.path)
                        elif entry.is_file():
                            status = entry.stat()
                            found.append((entry.path, status.st_size, status.st_mtime_ns))
                    except OSError:  # gone since the folder was read
                        continue
        except OSError:  # no such folder (yet), or not one
            continue
    return tuple(sorted(found))


def _unwatched(name: str) -> bool:
    """Hidden files and editors' backups and autosaves, which no project reads."""
    return name.startswith(".") or name.endswith("~") or (name.startswith("#")
                                                         and name.endswith("#"))


@dataclass
class Snapshot:
    """The last good build, and how the latest attempt went."""

    built: int = 0
    """Counts the builds that succeeded; the page reloads when it moves on."""
    files: dict[str, bytes] = field(default_factory=dict)
    """Format -> bytes of the last good build."""
    problems: list[str] = field(default_factory=list)
    """The latest attempt's problems, as printed (empty when it succeeded)."""
    seconds: float = 0.0
    """How long the latest successful rebuild took."""


class Preview:
    """A project kept warm: :meth:`refresh` rebuilds when (and as little as) its files changed."""

    def __init__(self, root: Path | str, formats: Sequence[str] = ("html",), *,
                 area: str | None = None, report: Callable[[str], None] = print) -> None:
        self.root = Path(root).resolve()
        self.formats = list(dict.fromkeys(formats))
        for name in self.formats:
            get_renderer(name)  # an unknown format fails here, before anything is served
        self.area = area
        self.report = report
        self.snapshot = Snapshot()
        self.lock = threading.Lock()
        self._figures = FigureCache()
        self._project: Project | None = None
        self._seen: tuple[Stamp, Stamp] | None = None
        self._named: tuple[str, ...] = ()
        """The files the settings name (logo, Word template), watched with the settings."""
        self._word_drafts = WordDrafts.start() if "docx" in self.formats else None
        """Where the Word file is drafted while the PDF is laid out (None: drafted here)."""

    def refresh(self) -> bool:
        """Rebuild if a watched file changed since the last look; whether it rebuilt."""
        now = stamp(self.root, self._named)
        if now == self._seen:
            return False
        data_changed = self._seen is None or now[0] != self._seen[0]
        self._seen = now
        started = time.perf_counter()
        try:
            if data_changed or self._project is None:
                self._project = load_project(self.root, area=self.area)
                self._watch_named(self._project)
            document = assign_numbers(assemble(self._project, figure_cache=self._figures).document)
            files = self._render(document)
        except InputError as error:
            if data_changed:
                self._project = None
            self._failed([str(problem) for problem in error.problems])
            return True
        seconds = time.perf_counter() - started
        with self.lock:
            self.snapshot = Snapshot(self.snapshot.built + 1, files, [], seconds)
        self.report(f"rebuilt in {seconds:.2f} s")
        return True

    def _watch_named(self, project: Project) -> None:
        """Watch the files ``project``'s settings name from now on."""
        settings = project.settings
        named = tuple(name for name in (settings.word_template,
                                        settings.style.logo if settings.style else None)
                      if name)
        if named != self._named:
            self._named = named
            self._seen = stamp(self.root, named)

    def _render(self, document: Document) -> dict[str, bytes]:
        """Each format's bytes. Word last: its draft is written in the :class:`WordDrafts`
        process (when there is one) while the others, the PDF first, are rendered here, and the
        PDF's page numbers then fill it in."""
        drafting = self._word_drafts is not None and self._word_drafts.send(document)
        files = {name: get_renderer(name)(document) for name in self.formats if name != "docx"}
        if "docx" in self.formats:
            from .render.ahead import fill_word

            draft = self._word_drafts.receive() if drafting else None  # type: ignore[union-attr]
            files["docx"] = (get_renderer("docx")(document) if draft is None
                             else fill_word(draft, document))
        return {name: files[name] for name in self.formats}

    def close(self) -> None:
        """Stop the Word drafts' process (it also ends with this one)."""
        if self._word_drafts is not None:
            self._word_drafts.close()
            self._word_drafts = None

    def _failed(self, problems: list[str]) -> None:
        with self.lock:
            self.snapshot = Snapshot(self.snapshot.built, self.snapshot.files, problems,
                                     self.snapshot.seconds)
        self.report(f"{len(problems)} problem(s); still showing the last good build:")
        for problem in problems:
            self.report(f"  {problem}")

    def page(self) -> bytes:
        """The HTML edition as served: the reload script, and the problems over the text."""
        with self.lock:
            snapshot = self.snapshot
        body = snapshot.files.get("html")
        if body is None:
            body = _placeholder_page(self.formats, snapshot.built).encode()
        banner = _problems_banner(snapshot.problems)
        script = _RELOAD_SCRIPT.format(built=snapshot.built)
        text = body.decode("utf-8")
        at = text.find("<body")
        at = text.find(">", at) + 1 if at >= 0 else 0
        return (text[:at] + banner + text[at:].replace("</body>", script + "</body>", 1)).encode()

    def status(self) -> bytes:
        with self.lock:
            snapshot = self.snapshot
        return json.dumps({"built": snapshot.built, "problems": snapshot.problems,
                           "seconds": round(snapshot.seconds, 3)}).encode()

    def file(self, name: str) -> bytes | None:
        with self.lock:
            return self.snapshot.files.get(name)


def _problems_banner(problems: list[str]) -> str:
    if not problems:
        return ""
    items = "".join(f"<li>{html.escape(problem)}</li>" for problem in problems)
    return ('<div role="alert" style="border:3px solid #9C0006;background:#FFF;color:#1A1A1A;'
            'padding:0.5em 1em;margin:0.5em">'
            f"<p><strong>The last edit has {len(problems)} problem(s); this is the last good "
            f"build.</strong></p><ul>{items}</ul></div>")


def _placeholder_page(formats: Sequence[str], built: int) -> str:
    links = "".join(f'<li><a href="/document.{name}">document.{name}</a></li>'
                    for name in formats)
    state = "" if built else "<p>Not built yet.</p>"
    return (f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
            f"<title>Preview</title></head><body><main><h1>Preview</h1>{state}"
            f"<ul>{links}</ul></main></body></html>")


class WordDrafts:
    """A process of its own that drafts the Word file (:func:`.render.docx.draft_docx`, which
    needs no page layout) of each document sent to it, while the preview lays out the PDF
    beside it; the PDF's page numbers then fill the draft in (:func:`.render.docx.fill_page_numbers`).
    The same code on the same document (sent pickled: about 20 ms for the bundled Appendix), so
    the same bytes as a Word file rendered in the preview's own process.

    A preview answers the browser from threads, and a process with threads running is never
    forked (a lock another thread held would stay held in the child), so this one is forked
    once, as the preview starts, before its server's threads; the builds
    (:mod:`assessment_doc.parallel`) cannot fork beside the PDF here. On the bundled Appendix a
    draft is about 0.5 s of CPU of the 1.6 s a rebuild of the PDF and Word takes.
    """

    def __init__(self, process: multiprocessing.process.BaseProcess,
                 connection: multiprocessing.connection.Connection) -> None:
        self.process = process
        self.connection = connection

    @classmethod
    def start(cls) -> WordDrafts | None:
        """The drafts' process, started; None where it would not help or cannot be forked:
        no ``fork``, one CPU, or threads already running."""
        if (not hasattr(os, "fork") or len(os.sched_getaffinity(0)) < 2
                or threading.active_count() > 1):
            return None
        context = multiprocessing.get_context("fork")
        connection, theirs = context.Pipe()
        process = context.Process(target=_draft_each, args=(theirs, connection), daemon=True,
                                  name="assessment-doc preview: Word drafts")
        process.start()
        theirs.close()
        return cls(process, connection)

    def send(self, document: Document) -> bool:
        """Start drafting ``document``'s Word file; False when the process has gone."""
        try:
            self.connection.send(document)
        except (OSError, ValueError, pickle.PicklingError):
            return False
        return True

    def receive(self) -> bytes | None:
        """The draft last sent for; None when it failed there (draft it here, then, so that
        an error is raised as without this process) or the process has gone."""
        try:
            draft = self.connection.recv()
        except (OSError, EOFError):
            return None
        return draft if isinstance(draft, bytes) else None

    def close(self) -> None:
        self.connection.close()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


def _draft_each(connection: multiprocessing.connection.Connection,
                preview_end: multiprocessing.connection.Connection) -> None:
    """The drafts' process: each document received, its draft sent back (None when drafting
    failed), until the preview closes its end (``preview_end``, whose copy the fork gave this
    process, is closed first, or its closing would never be seen here)."""
    from .render.ahead import draft_word

    preview_end.close()
    while True:
        try:
            document = connection.recv()
        except (EOFError, OSError):
            return
        try:
            draft: bytes | None = draft_word(document)
        except Exception:  # noqa: BLE001 - drafted again in the preview, where the error is reported
            draft = None
        connection.send(draft)


def serve(preview: Preview, port: int = 8000) -> ThreadingHTTPServer:
    """An HTTP server for ``preview`` on 127.0.0.1 (``port`` 0: any free port), not yet started:
    call ``serve_forever`` (in a thread of its own, as :func:`run` does)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path in ("/", "/index.html"):
                self._send(preview.page(), _MEDIA_TYPES["html"])
            elif path == "/status":
                self._send(preview.status(), "application/json")
            elif path.startswith("/document."):
                name = path.removeprefix("/document.")
                data = preview.file(name)
                if data is None:
                    self.send_error(404, "not built in this preview")
                else:
                    self._send(data, _MEDIA_TYPES.get(name, "application/octet-stream"))
            else:
                self.send_error(404)

        def _send(self, data: bytes, media_type: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", media_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            return  # the terminal is for the document's problems, not for each request

    return ThreadingHTTPServer(("127.0.0.1", port), Handler)


def watch(preview: Preview, stop: threading.Event, poll: float = POLL_SECONDS) -> None:
    """Refresh ``preview`` until ``stop`` is set."""
    while not stop.wait(poll):
        preview.refresh()


def run(preview: Preview, port: int = 8000, *, stop: threading.Event | None = None,
        ready: Callable[[str], None] | None = None) -> None:
    """Build, serve and watch until interrupted (Ctrl+C) or ``stop`` is set."""
    stop = stop or threading.Event()
    preview.refresh()
    server = serve(preview, port)
    address = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    (ready or preview.report)(address)
    try:
        watch(preview, stop)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
        preview.close()


__all__ = ["Preview", "WordDrafts", "run", "serve", "stamp", "watch"]
