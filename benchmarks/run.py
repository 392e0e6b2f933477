"""Benchmarks of assessment_doc: how fast, how big, how it grows. Prints a table of medians.

    python benchmarks/run.py                 # everything, 5 runs each
    python benchmarks/run.py --runs 7 --only fresh,stages
    python benchmarks/run.py --growth 10     # growth at 10x only (100x takes minutes)

Parts (``--only`` takes a comma-separated list of these names):

fresh    ``python -m assessment_doc build`` of the bundled project into an empty folder, in a new
         process each run (no caches of any kind): wall time, CPU time (user + system, the child
         and what it waited for), the child's peak RSS (``wait4``, as ``/usr/bin/time -v`` reports
         it) and the peak of the whole process tree's RSS, sampled every 10 ms.
stages   the same build taken apart, in one process with no child processes, a new process each
         run: CPU seconds for imports, load and validate, facts, rules, narrative (placeholders,
         Markdown, literal-figure check) and assembly, tables, figures (matplotlib's import
         included), Word, PDF.
rebuild  in one process: load the project and build once, then edit a content file (append a
         sentence) and build again; the rebuild's wall time (assemble, render both, write).
preview  ``assessment-doc preview``'s rebuild (:class:`assessment_doc.preview.Preview`, no
         server), in a new process: a first build, then ``--runs`` times a content file edited
         (a sentence appended) and the preview refreshed: wall time from the edit to every format
         refreshed in memory, for the HTML edition alone and for the PDF and Word (Word drafted
         in the preview's second process as the PDF is laid out).
pandoc   the route a clerk would otherwise take for the same content: the assembled document
         exported as Markdown (:mod:`assessment_doc.render.markdown`), ``pandoc`` to .docx,
         LibreOffice (``soffice --convert-to pdf``) to PDF; skipped with a message when either
         is missing. The ratio is that route's time over our fresh build's.
side     side by side with that route, the runs interleaved (one of each in turn, so that load
         from elsewhere falls on all of them alike): a fresh build (``--no-cache``, .docx and
         .pdf, new process), a second build with the chart cache warm (``XDG_CACHE_HOME`` in a
         temporary folder, warmed by one build first), ``check``, and the clerk's route
         (a matplotlib script drawing the charts, pandoc to .docx, LibreOffice to PDF); medians,
         each as a ratio of the route's time (below 1: we are faster), and peak memory.
growth   synthetic projects with 10x and 100x the districts, wards and periods (made from the
         bundled one in a temporary folder): fresh build time and memory, and the stages, each
         printed as soon as it is measured, with the bundled project first as the baseline.
         100x districts and periods together is 2.7 million rows and some 3 GB: over the
         default --growth-max-rows, so it is left out unless that is raised. The 100x
         projects' data files (up to 35 MB) are over the loader's 16 MB limit, which protects a
         clerk from loading a wrong file: the growth children raise it for themselves only.
parallel builds of every format in new processes, interleaved run by run: nothing forked
         (``ASSESSMENT_DOC_SERIAL=1``), only the charts' child, only the child rendering the
         formats that need nothing from the PDF (HTML, ODS), both, each forked whatever the
         build's rule says of its share; cold (``--no-cache``) and warm (chart cache filled);
         wall, CPU (all, and the build process's own), peak memory and the ratios to the
         serial build; each format's CPU seconds alone; what a fork costs; whether every file
         matched the serial build's byte for byte.

The machine is shared and small: read medians, and the CPU column, which load from other
processes disturbs less than wall time. Nothing here asserts a target; the tests never time.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("assessment.yaml", "content", "data")
PARTS = ("fresh", "stages", "rebuild", "preview", "pandoc", "side", "growth", "parallel")
TARGETS = {"fresh": "< 1.2 s, < 250 MB", "rebuild": "< 0.4 s"}
MB = 1024 * 1024
_ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(
    [str(REPO / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])}
"""Children import assessment_doc from this checkout (so a worktree measures its own code)."""


# --- measuring a child process ---------------------------------------------------------------


class TreeMemory:
    """Samples the memory of a process and all its descendants (from /proc) every 50 ms: the
    summed PSS (shared pages split between the processes that share them, so a forked worker
    counts only what it changed) and the summed RSS (shared pages counted in each). Reading
    /proc costs CPU, taken from the build on a small machine: hence no more often."""

    INTERVAL = 0.05

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_pss = 0
        self.peak_rss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.INTERVAL):
            pss = rss = 0
            for pid in _tree(self.pid):
                one_pss, one_rss = _memory(pid)
                pss, rss = pss + one_pss, rss + one_rss
            self.peak_pss, self.peak_rss = max(self.peak_pss, pss), max(self.peak_rss, rss)

    def stop(self) -> tuple[int, int]:
        self._stop.set()
        self._thread.join()
        return self.peak_pss, self.peak_rss


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    todo += [int(child) for child in children.read().split()]
        except OSError:
            pass
    return found


def _memory(pid: int) -> tuple[int, int]:
    """PSS and RSS of a process in bytes, from /proc/PID/smaps_rollup (0 if it is gone)."""
    found = {"Pss:": 0, "Rss:": 0}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                field = line[:4]
                if field in found:
                    found[field] = int(line.split()[1]) * 1024
    except OSError:
        pass
    return found["Pss:"], found["Rss:"]


def run_child(command: Sequence[str], *, cwd: Path | None = None,
              env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``command``; its wall and CPU time, peak RSS (own, tree), exit status and output."""
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=stdout, stderr=stderr,
                                   env={**_ENV, **(env or {})})
        memory = TreeMemory(process.pid)
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        tree_pss, tree_rss = memory.stop()
        stdout.seek(0)
        stderr.seek(0)
        return {
            "wall": wall,
            "cpu": usage.ru_utime + usage.ru_stime,
            "rss": usage.ru_maxrss * 1024,
            "tree_rss": max(tree_rss, usage.ru_maxrss * 1024),
            "tree_pss": tree_pss,
            "status": process.returncode,
            "stdout": stdout.read().decode(errors="replace"),
            "stderr": stderr.read().decode(errors="replace"),
        }


def child_json(mode: str, *args: str) -> dict[str, Any]:
    """Run this script in ``--child MODE`` in a new process; the JSON it prints last."""
    result = run_child([sys.executable, str(Path(__file__).resolve()), "--child", mode, *args])
    if result["status"] != 0:
        raise RuntimeError(f"child {mode} failed:\n{result['stderr'][-3000:]}")
    data = json.loads(result["stdout"].strip().splitlines()[-1])
    data["_process"] = {k: result[k] for k in ("wall", "cpu", "rss", "tree_rss", "tree_pss")}
    return data


def copy_project(source: Path, target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        path = source / part
        if path.is_dir():
            shutil.copytree(path, target / part, ignore=shutil.ignore_patterns("out", ".cache"))
        elif path.is_file():
            shutil.copy2(path, target / part)
    return target


# --- the parts -------------------------------------------------------------------------------


def fresh_builds(project: Path, runs: int) -> list[dict[str, Any]]:
    """Fresh CLI builds of both formats, each into a new empty folder."""
    results = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="bench-out-") as out:
            result = run_child([sys.executable, "-m", "assessment_doc", "build", str(project),
                                "-o", out, "--format", "both"])
            if result["status"] != 0:
                raise RuntimeError(f"build failed ({result['status']}):\n{result['stderr'][-3000:]}")
            results.append(result)
    return results


def stage_runs(project: Path, runs: int) -> list[dict[str, float]]:
    return [child_json("stages", str(project)) for _ in range(runs)]


def child_stages(project: Path, data_limit: int | None = None) -> dict[str, Any]:
    """One build taken apart, in one process; CPU seconds per stage (this process's, so that
    other work on the machine disturbs them less than wall time), and the error that stopped
    it (``_error``) if one did. ``data_limit``: see :func:`raise_data_limit`."""
    times: dict[str, Any] = {}
    clock = time.process_time
    started = clock()
    import assessment_doc.cli  # noqa: F401 - what the command line imports before it starts
    times["imports"] = clock() - started
    if data_limit is not None:
        raise_data_limit(data_limit)

    try:
        _stages(project, times)
    except Exception as error:  # noqa: BLE001 - report which stage failed, and the others
        times["_error"] = f"{type(error).__name__}: {str(error).splitlines()[0][:160]}"
    return times


def _stages(project: Path, times: dict[str, Any]) -> None:
    from assessment_doc import builder
    from assessment_doc.facts import compute_facts
    from assessment_doc.project import load_project
    from assessment_doc.render import get_renderer

    clock = time.process_time
    started = clock()
    loaded = load_project(project.resolve())
    loading = clock() - started
    started = clock()  # the facts again, alone, to split loading from computing
    compute_facts(loaded.datasets, focus_area=loaded.settings.area,
                  periods=loaded.settings.periods or None)
    times["facts"] = clock() - started
    times["load and validate"] = max(loading - times["facts"], 0.0)

    _one_process()
    started = clock()  # matplotlib and the chart modules: the figures' cost, not the narrative's
    from assessment_doc.figures import charts, png  # noqa: F401
    charting = clock() - started
    spent = {"table": 0.0, "figure": 0.0, "rules": 0.0}
    for kind, name in (("table", "build_table"), ("figure", "build_figure"),
                       ("rules", "make_decisions")):
        original = getattr(builder, name, None)
        if original is not None:
            setattr(builder, name, _timed(original, spent, kind))
    if not hasattr(builder, "make_decisions"):  # rules not yet part of the build
        rules = _time_rules(loaded)
        if rules is not None:
            times["rules (standalone)"] = rules
    figures_api = sys.modules.get("assessment_doc.figures.api")
    if figures_api is not None:  # figures drawn ahead are drawn through this one
        figures_api.build_figure = _timed(figures_api.build_figure, spent, "figure")
    started = clock()
    assembly = builder.assemble(loaded)
    assembled = clock() - started
    if hasattr(builder, "make_decisions"):
        times["rules"] = spent["rules"]
    times["narrative and assembly"] = assembled - spent["table"] - spent["figure"] - spent["rules"]
    times["tables"] = spent["table"]
    times["figures"] = charting + spent["figure"]

    # the PDF first: the Word contents takes the PDF's page numbers, as a build renders them
    for name, label in (("pdf", "PDF"), ("docx", "Word")):
        started = clock()
        get_renderer(name)(assembly.document)
        times[label] = clock() - started


def _one_process() -> None:
    """Stages are timed one after another: no work is handed to child processes."""
    try:
        from assessment_doc import parallel
    except ImportError:
        return
    parallel.can_fork = lambda: False


def _timed(function: Callable[..., Any], spent: dict[str, float], kind: str) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[kind] += time.process_time() - started
    return timed


def _time_rules(project: Any) -> float | None:
    """Load the rules and decide, as the build will once it runs them; None if there are none."""
    path = project.content_dir / "rules.yaml"
    try:
        from assessment_doc.builder import narrative_context
        from assessment_doc.rules import decide, load_rules
    except ImportError:
        return None
    if not path.is_file():
        return None
    started = time.perf_counter()
    settings = project.settings
    try:
        rules = load_rules(path, project.facts)
        decide(rules, project.facts,
               previous_priorities=getattr(settings, "previous_priorities", ()) or (),
               emerging_themes=getattr(settings, "emerging_themes", ()) or (),
               overrides=getattr(settings, "overrides", {}) or {},
               context=narrative_context(project))
    except Exception:  # noqa: BLE001 - an older or newer rules API: leave the stage out
        return None
    return time.perf_counter() - started


def child_rebuild(project: Path, runs: int) -> dict[str, Any]:
    """Build once, then ``runs`` times: edit a content file and build again, timed."""
    from assessment_doc.api import build
    from assessment_doc.project import load_project

    with tempfile.TemporaryDirectory(prefix="bench-rebuild-") as folder:
        root = copy_project(project, Path(folder) / "project")
        out = Path(folder) / "out"
        started = time.perf_counter()
        loaded = load_project(root)
        build(loaded, out)
        first = time.perf_counter() - started
        edited = sorted((root / "content").glob("*.md"))[1]
        original = edited.read_text(encoding="utf-8")
        times = []
        for run in range(runs):
            edited.write_text(original + f"\nA sentence added by the benchmark, edit {run}.\n",
                              encoding="utf-8")
            started = time.perf_counter()
            build(loaded, out)
            times.append(time.perf_counter() - started)
        return {"first": first, "rebuilds": times, "edited": edited.name}


PREVIEWED = {"html": ["html"], "pdf+docx": ["pdf", "docx"]}
"""The formats each preview measure keeps up to date."""


def child_preview(project: Path, runs: int) -> dict[str, Any]:
    """For each of :data:`PREVIEWED`: a preview built once, then ``runs`` times a content file
    edited and the preview refreshed; wall and this process's CPU seconds of each refresh."""
    from assessment_doc.preview import Preview

    found: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as folder:
        root = copy_project(project, Path(folder) / "project")
        edited = sorted((root / "content").glob("*.md"))[1]
        original = edited.read_text(encoding="utf-8")
        for name, formats in PREVIEWED.items():
            preview = Preview(root, formats, report=lambda _: None)
            try:
                preview.refresh()
                walls, cpus = [], []
                for run in range(runs):
                    edited.write_text(original + f"\nA sentence added by the benchmark, edit {run}.\n",
                                      encoding="utf-8")
                    os.utime(edited, ns=(run + 1, run + 1))  # a new stamp however coarse the clock
                    started, cpu = time.perf_counter(), time.process_time()
                    if not preview.refresh():
                        raise RuntimeError("the preview did not see the edit")
                    walls.append(time.perf_counter() - started)
                    cpus.append(time.process_time() - cpu)
            finally:
                preview.close()
            edited.write_text(original, encoding="utf-8")
            found[name] = {"wall": walls, "cpu": cpus}
    return found


def pandoc_route(project: Path, runs: int) -> dict[str, Any] | str:
    """Markdown export, then pandoc to .docx and LibreOffice to PDF; or why it was skipped."""
    missing = [tool for tool in ("pandoc", "soffice") if shutil.which(tool) is None]
    if missing:
        return f"skipped: {' and '.join(missing)} not found (Debian: apt-get install pandoc libreoffice-writer)"
    with tempfile.TemporaryDirectory(prefix="bench-pandoc-") as folder:
        folder_path = Path(folder)
        markdown = folder_path / "document.md"
        export = child_json("markdown", str(project), str(markdown))
        profile = (folder_path / "lo-profile").as_uri()
        docx, pdf_dir = folder_path / "document.docx", folder_path / "pdf"
        pandoc = [shutil.which("pandoc") or "pandoc", str(markdown), "-f", "markdown",
                  "-o", str(docx), "--toc", "--toc-depth=2", "--metadata", "lang=en-GB"]
        soffice = [shutil.which("soffice") or "soffice", f"-env:UserInstallation={profile}",
                   "--headless", "--convert-to", "pdf", "--outdir", str(pdf_dir), str(docx)]
        run_child(pandoc)
        run_child(soffice)  # warm-up: LibreOffice makes its profile on the first start
        results = []
        for _ in range(runs):
            shutil.rmtree(pdf_dir, ignore_errors=True)
            to_docx = run_child(pandoc)
            to_pdf = run_child(soffice)
            if to_docx["status"] or to_pdf["status"] or not (pdf_dir / "document.pdf").is_file():
                return f"failed: {to_docx['stderr'][-500:]} {to_pdf['stderr'][-500:]}"
            results.append({"pandoc": to_docx, "soffice": to_pdf})
        return {"export": export["seconds"], "runs": results}


_CLERK_CHARTS = """
import sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

data, out = sys.argv[1], sys.argv[2]
charts = [("recorded_crime", "offences"), ("violent_crime_wards", "offences"),
          ("asb", "incidents"), ("road_collisions", "collisions"), ("road_ksi", "casualties_ksi")]
for number, (name, measure) in enumerate(charts, start=1):
    frame = pd.read_csv(f"{data}/{name}.csv", dtype=str)
    frame = frame[frame["measure"] == measure]
    latest = frame[frame["period"] == sorted(frame["period"])[-1]]
    latest = latest[latest["value"].str.match(r"^[0-9.]+$")]
    values = latest.assign(value=latest["value"].astype(float)).sort_values("value")
    fig, axes = plt.subplots(figsize=(6.3, 0.9 + 0.27 * len(values)))
    axes.barh(values["area"], values["value"], color="#0072B2")
    for y, value in enumerate(values["value"]):
        axes.annotate(f"{value:,.0f}", (value, y), xytext=(3, 0), textcoords="offset points",
                      va="center", fontsize=9.5)
    axes.set_xlabel(measure)
    fig.tight_layout()
    fig.savefig(f"{out}/figure-{number}.png", dpi=200)
    plt.close(fig)
"""
"""What a clerk would write to draw the charts: pyplot, one bar chart a dataset, saved at 200
dpi (the same five charts, with none of the selection, labels-past-the-line or alt text)."""


def side_by_side(project: Path, runs: int) -> dict[str, Any] | str:
    """Interleaved runs of our fresh build, our second build (cache warm), our check and the
    clerk's route; or why the route was skipped."""
    missing = [tool for tool in ("pandoc", "soffice") if shutil.which(tool) is None]
    if missing:
        return f"skipped: {' and '.join(missing)} not found (Debian: apt-get install pandoc libreoffice-writer)"
    ours = [sys.executable, "-m", "assessment_doc"]
    no_cache = "--no-cache" in run_child([*ours, "build", "--help"])["stdout"]
    with tempfile.TemporaryDirectory(prefix="bench-side-") as folder:
        here = Path(folder)
        warm = {"XDG_CACHE_HOME": str(here / "cache")}
        cold = {"XDG_CACHE_HOME": str(here / "cold")}
        markdown = here / "route" / "document.md"
        markdown.parent.mkdir()
        child_json("markdown", str(project), str(markdown))
        script = here / "charts.py"
        script.write_text(_CLERK_CHARTS, encoding="utf-8")
        profile = (here / "lo-profile").as_uri()
        route = {
            "charts": [sys.executable, str(script), str(project / "data"), str(markdown.parent)],
            "pandoc": [shutil.which("pandoc") or "pandoc", str(markdown), "-f", "markdown", "-o",
                       str(markdown.with_suffix(".docx")), "--toc", "--toc-depth=2",
                       "--metadata", "lang=en-GB"],
            "soffice": [shutil.which("soffice") or "soffice", f"-env:UserInstallation={profile}",
                        "--headless", "--convert-to", "pdf", "--outdir", str(here / "route-pdf"),
                        str(markdown.with_suffix(".docx"))],
        }
        for step in route.values():  # warm-up: LibreOffice makes its profile on the first start
            run_child(step)
        build = [*ours, "build", str(project), "--format", "both"]  # docx and pdf
        run_child([*build, "-o", str(here / "warm-up")], env=warm)  # fills the chart cache
        found: dict[str, list[dict[str, Any]]] = {"fresh": [], "warm": [], "check": [],
                                                  "route": []}
        for run in range(runs):
            out = here / f"out-{run}"
            fresh = run_child([*build, "-o", str(out / "fresh"),
                               *(["--no-cache"] if no_cache else [])], env=cold)
            again = run_child([*build, "-o", str(out / "warm")], env=warm)
            check = run_child([*ours, "check", str(project)], env=warm)
            steps = {name: run_child(command) for name, command in route.items()}
            for name, result in [("fresh", fresh), ("warm", again), ("check", check),
                                 *steps.items()]:
                if result["status"] != 0:
                    return f"failed: {name}: {result['stderr'][-800:]}"
            found["fresh"].append(fresh)
            found["warm"].append(again)
            found["check"].append(check)
            found["route"].append({
                "wall": sum(r["wall"] for r in steps.values()),
                "cpu": sum(r["cpu"] for r in steps.values()),
                "tree_rss": max(r["tree_rss"] for r in steps.values()),
                "steps": {name: r["wall"] for name, r in steps.items()}})
        return found


def report_side_by_side(report: Report, found: dict[str, Any] | str) -> None:
    if isinstance(found, str):
        report.add("side by side", "-", note=found)
        return
    route = median([r["wall"] for r in found["route"]])
    for name in ("charts", "pandoc", "soffice"):
        values = [r["steps"][name] for r in found["route"]]
        report.add(f"clerk's route: {name} (s)", f"{median(values):.2f}", spread(values))
    report.add("clerk's route, charts + .docx + PDF (s)", f"{route:.2f}",
               spread([r["wall"] for r in found["route"]]))
    labels = {"fresh": "fresh build, no cache (s)", "warm": "second build, cache warm (s)",
              "check": "check (s)"}
    targets = {"fresh": 0.5, "warm": 0.3, "check": 0.3}
    for name, label in labels.items():
        walls = [r["wall"] for r in found[name]]
        ratios = [r["wall"] / c["wall"] for r, c in zip(found[name], found["route"])]
        report.add(label, f"{median(walls):.2f}", spread(walls),
                   f"CPU {median([r['cpu'] for r in found[name]]):.2f} s")
        report.add("  ratio to the clerk's route", f"{median(walls) / route:.2f}",
                   spread(ratios), f"target <= {targets[name]}; run by run as the range")
        cpu = median([r["cpu"] for r in found[name]]) / median([r["cpu"] for r in found["route"]])
        report.add("  ratio of CPU time to the route's", f"{cpu:.2f}",
                   note="less disturbed by other load than wall time")
    for name in ("fresh", "warm", "check"):
        report.add(f"peak RSS, {labels[name].split(' (')[0]} (MB)",
                   f"{median([r['tree_rss'] for r in found[name]]) / MB:.0f}",
                   note="process tree")
    report.add("peak RSS, clerk's route (MB)",
               f"{median([r['tree_rss'] for r in found['route']]) / MB:.0f}",
               note="largest step (LibreOffice)")


# --- the second CPU ----------------------------------------------------------------------------


PARALLEL_VARIANTS = {
    "cold": ("serial", "charts", "render", "both"),
    "warm": ("serial", "both"),
}
"""The builds the ``parallel`` part compares (every format, ``python -m assessment_doc build`` in
a new process): nothing forked (``ASSESSMENT_DOC_SERIAL=1``); only the charts drawn in a child
while the narrative is read; only the formats that need nothing from the PDF (HTML, ODS)
rendered in a child beside the PDF and Word; both. The children are forked whatever the
build's rule (:func:`assessment_doc.parallel.worth_forking`) says of their share: this is what
the rule is chosen from. ``cold`` builds with
``--no-cache`` (every chart drawn), ``warm`` with the chart cache filled (no chart drawn, so only
serial and both differ)."""


def second_cpu(project: Path, runs: int) -> dict[str, Any]:
    """Each variant's build, cold and warm, interleaved run by run (the order turned round each
    run, so that no variant always follows the same one); in the same runs the CPU seconds of
    each format rendered alone, and what a fork costs in a process the size of a build's.

    The project and the code (``src``, this script) are copied first and the copies measured,
    so that edits made in the working tree meanwhile change no run: every variant builds the
    same inputs with the same code, and its files are compared with the serial build's."""
    with tempfile.TemporaryDirectory(prefix="bench-cpu-") as folder:
        here = Path(folder)
        project = copy_project(project, here / "project")
        shutil.copytree(REPO / "src", here / "code" / "src",
                        ignore=shutil.ignore_patterns("__pycache__"))
        script = here / "code" / "benchmarks" / "run.py"
        script.parent.mkdir()
        shutil.copy2(Path(__file__).resolve(), script)
        code = {"PYTHONPATH": str(here / "code" / "src")}
        warm = {**code, "XDG_CACHE_HOME": str(here / "cache")}
        caches = {"cold": {**code, "XDG_CACHE_HOME": str(here / "cold")}, "warm": warm}
        first = run_child([sys.executable, "-m", "assessment_doc", "build", str(project),
                           "-o", str(here / "warm-up")], env=warm)  # fills the chart cache
        if first["status"] != 0:
            raise RuntimeError(f"build failed:\n{first['stderr'][-3000:]}")
        builds = [(cache, variant) for cache, variants in PARALLEL_VARIANTS.items()
                  for variant in variants]
        found: dict[str, Any] = {f"{cache} {variant}": [] for cache, variant in builds}
        found.update(formats=[], fork=[])
        for run in range(runs):
            turn = run % len(builds)
            for cache, variant in builds[turn:] + builds[:turn]:
                load = os.getloadavg()[0]
                result = run_child([sys.executable, str(script), "--child",
                                    "parallel-build", "--", variant, str(project), "-o",
                                    str(here / f"out-{run}-{cache}-{variant}"),
                                    *(["--no-cache"] if cache == "cold" else [])],
                                   env={**caches[cache], **({"ASSESSMENT_DOC_SERIAL": "1"}
                                                            if variant == "serial" else {})})
                if result["status"] != 0:
                    raise RuntimeError(f"{cache} {variant} build failed:\n{result['stderr'][-3000:]}")
                result["load"] = load
                result.update(json.loads(result["stdout"].strip().splitlines()[-1]))
                found[f"{cache} {variant}"].append(result)
            for mode, key in (("formats", "formats"), ("fork-cost", "fork")):
                result = run_child([sys.executable, str(script), "--child", mode, str(project)],
                                   env=warm)
                if result["status"] != 0:
                    raise RuntimeError(f"{mode} failed:\n{result['stderr'][-3000:]}")
                found[key].append(json.loads(result["stdout"].strip().splitlines()[-1]))
        _same_bytes(here, runs, builds, found)
        return found


def _same_bytes(here: Path, runs: int, builds: list[tuple[str, str]], found: dict[str, Any]
                ) -> None:
    """Whether every build wrote the same bytes as the serial one of its run (the build report
    aside, whose timing-free content is compared too)."""
    differing = []
    for run in range(runs):
        for cache, variant in builds:
            serial = here / f"out-{run}-{cache}-serial"
            other = here / f"out-{run}-{cache}-{variant}"
            for path in sorted(serial.iterdir()):
                if path.read_bytes() != (other / path.name).read_bytes():
                    differing.append(f"{cache} {variant} run {run}: {path.name}")
    found["differing"] = differing


def child_parallel_build(variant: str, args: list[str]) -> int:
    """A CLI build with only the child processes ``variant`` allows (see PARALLEL_VARIANTS),
    forked whatever the build's rule says of their work; prints the CPU seconds of the build
    process itself (the critical path, on a machine with a CPU free) and of its children."""
    import resource

    from assessment_doc import builder, parallel
    from assessment_doc.render import ahead

    if variant in ("serial", "render"):  # the charts drawn here, when they are needed
        draw_ahead = builder.draw_ahead

        def draw_here(*draw_args: Any, **draw_kwargs: Any) -> Any:
            allowed, parallel.can_fork = parallel.can_fork, lambda: False
            try:
                return draw_ahead(*draw_args, **draw_kwargs)
            finally:
                parallel.can_fork = allowed

        builder.draw_ahead = draw_here
    parallel.cpu_free = lambda: True  # the children forked whatever the machine's load
    # every format rendered here, or the HTML/ODS child forked whatever its share's estimate
    ahead.worth_forking = (lambda seconds: False) if variant in ("serial", "charts") else (
        lambda seconds: parallel.can_fork())
    from assessment_doc.cli import main

    status = main(["build", *args])
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"own_cpu": own.ru_utime + own.ru_stime,
                      "children_cpu": children.ru_utime + children.ru_stime}))
    return status


def child_formats(project: Path) -> dict[str, float]:
    """The CPU seconds of each format rendered alone, after one another in one process (the
    PDF first, as a build renders it), the chart cache warm; each renderer's import included."""
    from assessment_doc import api
    from assessment_doc.builder import assemble
    from assessment_doc.figures import FigureCache
    from assessment_doc.project import load_project

    os.environ["ASSESSMENT_DOC_SERIAL"] = "1"
    document = assemble(load_project(project), figure_cache=FigureCache.for_user()).document
    spent = {}
    for name in ("pdf", "docx", "html", "ods", "csv"):
        started = time.process_time()
        api._render(document, name)
        spent[name] = time.process_time() - started
    return spent


def child_fork_cost(project: Path, forks: int = 20) -> dict[str, float]:
    """What a fork costs in a process that has assembled the bundled document (its memory as
    a build's when the formats are rendered): the median over ``forks`` forks of the wall time
    and of the CPU time of parent and child together (the fork, copying page tables, the pipe,
    reaping), the child doing nothing; and the process's RSS."""
    import resource

    from assessment_doc.builder import assemble
    from assessment_doc.figures import FigureCache
    from assessment_doc.parallel import Forked
    from assessment_doc.project import load_project

    os.environ["ASSESSMENT_DOC_SERIAL"] = "1"  # Forked() alone does not fork: _fork() does
    assemble(load_project(project), figure_cache=FigureCache.for_user())
    walls, cpus = [], []
    for _ in range(forks):
        before = [resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                      resource.RUSAGE_CHILDREN)]
        started = time.perf_counter()
        child = Forked(int)
        child._fork()
        child.result()
        walls.append(time.perf_counter() - started)
        after = [resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                     resource.RUSAGE_CHILDREN)]
        cpus.append(sum(a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime
                        for a, b in zip(after, before)))
    with open("/proc/self/status") as status:
        rss = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmRSS:"))
    return {"wall": median(walls), "cpu": median(cpus), "rss": rss}


def report_second_cpu(report: Report, found: dict[str, Any]) -> None:
    """Each variant against the serial build of the same cache state: medians of wall and CPU,
    the ratios (median of the run-by-run ratios, with their range), and peak memory."""
    for cache, variants in PARALLEL_VARIANTS.items():
        serial = found[f"{cache} serial"]
        for variant in variants:
            runs = found[f"{cache} {variant}"]
            walls = [r["wall"] for r in runs]
            cpus = [r["cpu"] for r in runs]
            own = [r["own_cpu"] for r in runs]
            report.add(f"{cache}, {variant}: wall (s)", f"{median(walls):.2f}", spread(walls),
                       f"CPU {median(cpus):.2f} s ({spread(cpus)}), of it the build process's "
                       f"own {median(own):.2f} s ({spread(own)}); peak PSS "
                       f"{median([r['tree_pss'] for r in runs]) / MB:.0f} MB, RSS summed "
                       f"{median([r['tree_rss'] for r in runs]) / MB:.0f} MB")
            if variant != "serial":
                ratios = [r["wall"] / s["wall"] for r, s in zip(runs, serial)]
                cpu_ratios = [r["cpu"] / s["cpu"] for r, s in zip(runs, serial)]
                own_ratios = [r["own_cpu"] / s["own_cpu"] for r, s in zip(runs, serial)]
                report.add("  wall / serial's, run by run", f"{median(ratios):.2f}",
                           spread(ratios), f"CPU / serial's {median(cpu_ratios):.2f} "
                           f"({spread(cpu_ratios)}); the build process's own CPU / serial's "
                           f"{median(own_ratios):.2f} ({spread(own_ratios)})")
    loads = [r["load"] for key, runs in found.items() if " " in key for r in runs]
    report.add("load average (1 min) at each build's start", f"{median(loads):.1f}",
               spread(loads), f"{os.cpu_count()} CPUs")
    for name in ("pdf", "docx", "html", "ods", "csv"):
        values = [run[name] for run in found["formats"]]
        report.add(f"{name} rendered alone, CPU (s)", f"{median(values):.3f}", spread(values))
    walls = [run["wall"] * 1000 for run in found["fork"]]
    cpus = [run["cpu"] * 1000 for run in found["fork"]]
    report.add("a fork, child doing nothing: wall (ms)", f"{median(walls):.1f}", spread(walls),
               f"CPU {median(cpus):.1f} ms ({spread(cpus)}), process RSS "
               f"{median([run['rss'] for run in found['fork']]) / MB:.0f} MB")
    report.add("outputs differing from the serial build's", str(len(found["differing"])),
               note="; ".join(found["differing"][:4]) or "every format, byte for byte")


def child_markdown(project: Path, target: Path) -> dict[str, float]:
    from assessment_doc.builder import assemble
    from assessment_doc.model import assign_numbers
    from assessment_doc.project import load_project
    from assessment_doc.render.markdown import render_markdown

    document = assign_numbers(assemble(load_project(project)).document)
    started = time.perf_counter()
    target.write_bytes(render_markdown(document))
    return {"seconds": time.perf_counter() - started}


# --- synthetic projects ------------------------------------------------------------------------


def make_synthetic(source: Path, target: Path, scale: int, *, areas: bool = True,
                   periods: bool = True, seed: int = 2016) -> dict[str, int]:
    """A copy of ``source`` with ``scale`` times its districts and wards (``areas``) and its
    periods (``periods``).

    Every district other than the focus area and every ward gets ``scale - 1`` synthetic twins
    (same area type, values of the original times 0.8-1.2, suppressed cells kept); every
    dataset gets ``scale - 1`` earlier copies of its periods, moved back by whole spans of years
    so that none overlaps and the current periods stay the latest. Returns row counts.
    """
    copy_project(source, target)
    focus = _focus_area(target / "assessment.yaml")
    rng = random.Random(seed)
    rows_before = rows_after = 0
    for path in sorted((target / "data").glob("*.csv")):
        text = path.read_text(encoding="utf-8-sig")
        reader = csv.DictReader(io.StringIO(text))
        fields = reader.fieldnames or []
        rows = list(reader)
        rows_before += len(rows)
        if areas:
            rows = _more_areas(rows, scale, focus, rng)
        if periods:
            rows = _more_periods(rows, scale, rng)
        rows_after += len(rows)
        output = io.StringIO()
        writer = csv.DictWriter(output, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(output.getvalue(), encoding="utf-8")
    return {"rows_before": rows_before, "rows": rows_after}


def _focus_area(settings: Path) -> str:
    for line in settings.read_text(encoding="utf-8").splitlines():
        if line.startswith("area:"):
            return line.split(":", 1)[1].split("#", 1)[0].strip()
    raise ValueError(f"no area in {settings}")


def _more_areas(rows: list[dict[str, str]], scale: int, focus: str,
                rng: random.Random) -> list[dict[str, str]]:
    grown = list(rows)
    for copy in range(2, scale + 1):
        for row in rows:
            if row["area_type"] in ("district", "ward") and row["area"] != focus:
                grown.append({**row, "area": f"{row['area']} {copy}",
                              "value": _varied(row["value"], rng)})
    return grown


def _more_periods(rows: list[dict[str, str]], scale: int,
                  rng: random.Random) -> list[dict[str, str]]:
    years = sorted({int(part[:4]) for row in rows for part in row["period"].split("/")})
    span = years[-1] - years[0] + 1
    grown = list(rows)
    for step in range(1, scale):
        back = step * span
        for row in rows:
            grown.append({**row, "period": _shift(row["period"], back),
                          "value": _varied(row["value"], rng)})
    return grown


def _shift(period: str, years: int) -> str:
    return "/".join(f"{int(part[:4]) - years:04d}{part[4:]}" for part in period.split("/"))


def _varied(value: str, rng: random.Random) -> str:
    text = value.strip()
    try:
        number = float(text.replace(",", ""))
    except ValueError:
        return value  # suppressed ([c], *) stays suppressed
    varied = number * rng.uniform(0.8, 1.2)
    if 0 <= number <= 100 < varied:
        varied = number  # a percentage stays within 0-100
    if "." not in text:
        return str(round(varied))
    return f"{varied:.{len(text.split('.', 1)[1])}f}"


GROWTH_KINDS = {"periods": {"areas": False, "periods": True},
                "areas": {"areas": True, "periods": False},
                "both": {"areas": True, "periods": True}}
"""What grows: the periods only (the document keeps its size), the districts and wards only
(tables and charts grow with them), or both (rows grow with the square of the scale)."""


GROWTH_DATA_LIMIT = 2**31
"""The largest data file a growth child reads, in bytes. The loader refuses a data file over
16 MB (``assessment_doc.data.loading.MAX_FILE_BYTES``), which protects a clerk from building
from a record-level export by mistake; the 100x projects' files are up to 35 MB, so the growth
children, and only they, raise the limit for themselves. The clerk's limit is unchanged."""


def raise_data_limit(limit: int) -> None:
    """In this process only: read data files of up to ``limit`` bytes (a benchmark child)."""
    from assessment_doc import glyph_coverage
    from assessment_doc.data import loading

    loading.MAX_FILE_BYTES = glyph_coverage.MAX_FILE_BYTES = limit


def growth_builds(project: Path, runs: int) -> list[dict[str, Any]]:
    """Fresh builds as :func:`fresh_builds` makes them (both formats, a new process each,
    ``--no-cache``: every chart drawn), through :func:`child_growth_build`."""
    results = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="bench-out-") as out:
            result = run_child([sys.executable, str(Path(__file__).resolve()), "--child",
                                "growth-build", "--", str(project), "-o", out,
                                "--format", "both", "--no-cache"])
            if result["status"] != 0:
                raise RuntimeError(f"build failed ({result['status']}):\n{result['stderr'][-3000:]}")
            results.append(result)
    return results


def child_growth_build(args: list[str]) -> int:
    """``assessment-doc build ARGS`` with the data limit raised to :data:`GROWTH_DATA_LIMIT`."""
    raise_data_limit(GROWTH_DATA_LIMIT)
    from assessment_doc.cli import main

    return main(["build", *args])


def growth(project: Path, scales: Sequence[int], runs: int, max_rows: int,
           on_entry: Callable[[dict[str, Any]], None] | None = None) -> list[dict[str, Any]]:
    """The bundled project itself (scale 1, the baseline), then each scale and kind of growth;
    ``on_entry`` is told of each entry as soon as it is measured (a 100x run takes minutes)."""
    found = []
    plan = [(1, "bundled", None)] + [(scale, kind, grows) for scale in scales
                                     for kind, grows in GROWTH_KINDS.items()]
    for scale, kind, grows in plan:
        with tempfile.TemporaryDirectory(prefix=f"bench-growth-{scale}x-") as folder:
            root = Path(folder) / "project"
            if grows is None:
                copy_project(project, root)
                rows = _data_rows(root)
                counts = {"rows_before": rows, "rows": rows}
            else:
                counts = make_synthetic(project, root, scale, **grows)
            entry: dict[str, Any] = {"scale": scale, "kind": kind, **counts}
            if counts["rows"] > max_rows:
                entry["error"] = f"not run: over --growth-max-rows {max_rows:,}"
            else:
                entry["stages"] = child_json("stages", str(root), str(GROWTH_DATA_LIMIT))
                try:
                    entry["fresh"] = growth_builds(root, runs)
                except RuntimeError as error:
                    entry["error"] = str(error).strip().splitlines()[-1][:160]
            found.append(entry)
            if on_entry is not None:
                on_entry(entry)
    return found


def _data_rows(root: Path) -> int:
    """Data rows in a project's CSV files (lines that are not the header or blank)."""
    return sum(max(len([line for line in path.read_text(encoding="utf-8-sig").splitlines()
                        if line.strip(", ")]) - 1, 0)
               for path in (root / "data").glob("*.csv"))


def report_growth(report: Report, entry: dict[str, Any], baseline: dict[str, Any] | None) -> None:
    """An entry of the growth table: wall, CPU and memory of the fresh build (with the ratio to
    the bundled project's, and the ratio of rows), then the stages."""
    label = f"{entry['scale']}x {entry['kind']}, {entry['rows']:,} rows"
    if "fresh" in entry:
        walls = [r["wall"] for r in entry["fresh"]]
        pss = median([r["tree_pss"] for r in entry["fresh"]])
        note = f"CPU {median([r['cpu'] for r in entry['fresh']]):.2f} s"
        if baseline is not None and baseline is not entry and "fresh" in baseline:
            base_wall = median([r["wall"] for r in baseline["fresh"]])
            note += (f"; x{median(walls) / base_wall:.1f} the bundled build's time for "
                     f"x{entry['rows'] / baseline['rows']:.0f} its rows")
        report.add(f"{label}: wall (s)", f"{median(walls):.2f}", spread(walls), note)
        note = f"own RSS {median([r['rss'] for r in entry['fresh']]) / MB:.0f} MB"
        if baseline is not None and baseline is not entry and "fresh" in baseline:
            note += f"; x{pss / median([r['tree_pss'] for r in baseline['fresh']]):.1f} bundled"
        report.add(f"{entry['scale']}x {entry['kind']}: peak memory, tree PSS (MB)",
                   f"{pss / MB:.0f}", note=note)
    else:
        report.add(label, "failed", note=entry.get("error", ""))
    stages = entry.get("stages", {})
    if stages:
        shown = ", ".join(f"{k} {v:.2f}" for k, v in stages.items() if not k.startswith("_"))
        error = stages.get("_error")
        report.add(f"{entry['scale']}x {entry['kind']}: stages (s)", "",
                   note=shown + (f"; then {error}" if error else ""))


# --- the table ---------------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def spread(values: Sequence[float]) -> str:
    return f"{min(values):.2f}-{max(values):.2f}" if values else ""


class Report:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, what: str, value: str, runs: str = "", note: str = "") -> None:
        self.rows.append((what, value, runs, note))
        print(f"  {what:<44} {value:>12}  {runs:<14} {note}", flush=True)

    def heading(self, text: str) -> None:
        print(f"\n{text}", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--project", type=Path, default=REPO, help="project folder")
    parser.add_argument("--only", default=",".join(PARTS), help=f"parts: {', '.join(PARTS)}")
    parser.add_argument("--growth", default="10,100", help="scales for growth, e.g. 10,100")
    parser.add_argument("--growth-runs", type=int, default=None,
                        help="runs per growth scale (default: --runs)")
    parser.add_argument("--growth-max-rows", type=int, default=300_000,
                        help="skip a synthetic project with more data rows than this")
    parser.add_argument("--json", type=Path, help="also write every measurement here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.child:
        return _child(options.child, options.args)

    parts = [part.strip() for part in options.only.split(",") if part.strip()]
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s) {', '.join(sorted(unknown))}; the parts are {', '.join(PARTS)}")
    project, runs = options.project.resolve(), options.runs
    everything: dict[str, Any] = {}
    report = Report()
    print(f"assessment_doc benchmarks: {project}, code {REPO / 'src'}, medians of {runs} runs; "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start")
    print(f"  {'measure':<44} {'median':>12}  {'range':<14} note")

    fresh_wall = None
    if "fresh" in parts:
        report.heading("Fresh build, both formats, CLI, new process, no caches")
        found = everything["fresh"] = fresh_builds(project, runs)
        fresh_wall = median([r["wall"] for r in found])
        report.add("wall time (s)", f"{fresh_wall:.2f}", spread([r["wall"] for r in found]),
                   f"target {TARGETS['fresh']}")
        report.add("CPU time, user + system (s)", f"{median([r['cpu'] for r in found]):.2f}",
                   spread([r["cpu"] for r in found]))
        report.add("peak RSS of the build process (MB)",
                   f"{median([r['rss'] for r in found]) / MB:.0f}")
        report.add("peak memory, process tree, PSS (MB)",
                   f"{median([r['tree_pss'] for r in found]) / MB:.0f}",
                   note="forked workers' shared pages split, not counted twice")
        report.add("peak RSS, process tree summed (MB)",
                   f"{median([r['tree_rss'] for r in found]) / MB:.0f}",
                   note="shared pages counted in each process: an upper bound")

    if "stages" in parts:
        report.heading("Stages of one build, one process, no parallelism (CPU seconds; "
                       "new process each run)")
        found = everything["stages"] = stage_runs(project, runs)
        order = ["imports", "load and validate", "facts", "rules", "rules (standalone)",
                 "narrative and assembly", "tables", "figures", "Word", "PDF"]
        for stage in sorted(found[0], key=lambda k: order.index(k) if k in order else 99):
            if stage.startswith("_"):
                continue
            values = [run[stage] for run in found]
            report.add(stage, f"{median(values):.3f}", spread(values))
        total = [sum(v for k, v in run.items() if not k.startswith("_") and "standalone" not in k)
                 for run in found]
        report.add("sum of the stages", f"{median(total):.3f}", spread(total),
                   "one process, no parallelism")

    if "rebuild" in parts:
        report.heading("Rebuild in the same process after a narrative edit")
        found = everything["rebuild"] = child_json("rebuild", str(project), str(runs))
        report.add("first build in the process (s)", f"{found['first']:.2f}",
                   note="load, assemble, render, write")
        report.add("rebuild after editing a content file (s)", f"{median(found['rebuilds']):.3f}",
                   spread(found["rebuilds"]), f"target {TARGETS['rebuild']}")

    if "preview" in parts:
        report.heading("Preview: a narrative edit to the refreshed document, in memory")
        found = everything["preview"] = child_json("preview", str(project), str(runs))
        for name, target in (("html", "<= 0.4 s"), ("pdf+docx", "<= 1.0 s")):
            walls = found[name]["wall"]
            report.add(f"{name}: edit to refreshed (s)", f"{median(walls):.3f}", spread(walls),
                       f"target {target}; preview process CPU {median(found[name]['cpu']):.3f} s")

    if "pandoc" in parts:
        report.heading("The pandoc + LibreOffice route for the same content")
        found = everything["pandoc"] = pandoc_route(project, runs)
        if isinstance(found, str):
            report.add("pandoc + LibreOffice", "-", note=found)
        else:
            to_docx = [r["pandoc"]["wall"] for r in found["runs"]]
            to_pdf = [r["soffice"]["wall"] for r in found["runs"]]
            both = [a + b for a, b in zip(to_docx, to_pdf)]
            report.add("Markdown export of the model (s)", f"{found['export']:.3f}")
            report.add("pandoc Markdown -> .docx (s)", f"{median(to_docx):.2f}", spread(to_docx))
            report.add("soffice .docx -> PDF (s)", f"{median(to_pdf):.2f}", spread(to_pdf))
            report.add("pandoc + LibreOffice, both formats (s)", f"{median(both):.2f}", spread(both))
            peak = max(max(r["pandoc"]["rss"], r["soffice"]["tree_rss"]) for r in found["runs"])
            report.add("peak RSS of the route (MB)", f"{peak / MB:.0f}")
            if fresh_wall:
                report.add("ratio: their time / our fresh build", f"{median(both) / fresh_wall:.2f}",
                           note="above 1: we are faster")

    if "side" in parts:
        report.heading("Side by side with the clerk's route (matplotlib script, pandoc, "
                       "LibreOffice), runs interleaved")
        found = everything["side"] = side_by_side(project, runs)
        report_side_by_side(report, found)

    if "growth" in parts:
        scales = [int(s) for s in options.growth.split(",") if s.strip()]
        growth_runs = options.growth_runs or runs
        report.heading(f"Growth: synthetic projects, districts, wards and periods x scale "
                       f"({growth_runs} runs each); builds with --no-cache; data files of up "
                       f"to {GROWTH_DATA_LIMIT // 2**20:,} MB read (the loader's 16 MB "
                       "limit, which protects clerks from a wrong file, raised in these "
                       "benchmark children only)")
        first: list[dict[str, Any]] = []

        def on_entry(entry: dict[str, Any]) -> None:
            if not first:
                first.append(entry)
            report_growth(report, entry, first[0])

        everything["growth"] = growth(project, scales, growth_runs, options.growth_max_rows,
                                      on_entry)

    if "parallel" in parts:
        report.heading("Second CPU: builds of every format with and without child processes, "
                       "runs interleaved")
        found = everything["parallel"] = second_cpu(project, runs)
        report_second_cpu(report, found)

    print(f"\nload average {os.getloadavg()[0]:.2f} at the end")
    if options.json:
        options.json.write_text(json.dumps(everything, indent=1, default=str))
    return 0


def _child(mode: str, args: list[str]) -> int:
    sys.path.insert(0, str(REPO / "src"))
    if mode == "parallel-build":
        return child_parallel_build(args[0], args[1:])
    if mode == "growth-build":
        return child_growth_build(args)
    if mode == "stages":
        result: dict[str, Any] = child_stages(
            Path(args[0]), int(args[1]) if len(args) > 1 else None)
    elif mode == "rebuild":
        result = child_rebuild(Path(args[0]), int(args[1]))
    elif mode == "preview":
        result = child_preview(Path(args[0]), int(args[1]))
    elif mode == "markdown":
        result = child_markdown(Path(args[0]), Path(args[1]))
    elif mode == "formats":
        result = child_formats(Path(args[0]))
    elif mode == "fork-cost":
        result = child_fork_cost(Path(args[0]))
    else:
        raise SystemExit(f"unknown child mode {mode}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
