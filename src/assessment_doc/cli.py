"""The clerk's command line: ``assessment-doc build``, ``check``, ``facts``, ``explain`` and
``new-year``.

Exit status: 0 success; 1 internal error (a bug: please report it); 2 bad input (the messages
say which file, which line and what to change), or an output folder that cannot take the files
(full, read-only, a file in its place); 130 stopped by Ctrl-C, 143 stopped by SIGTERM (``kill``,
a CI runner's timeout): either way the output folder holds one whole set, the last build's or
this one's, and no temporary. Bad input never prints a traceback.

When the reader of the output goes away (``assessment-doc facts . | head -1``), the command
stops printing and finishes its work quietly: no traceback, no message, and the exit status is
the work's own (0 when it was done: a build still writes its files; a check of bad input still
exits 2). Not 141 (killed by SIGPIPE), which a ``set -o pipefail`` script would take for a
failure of ours, and never 1, which here means a bug. As Python advises
(https://docs.python.org/3/library/signal.html#note-on-sigpipe), SIGPIPE keeps Python's
handling, and the closed stream is pointed at /dev/null so that nothing fails at exit.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from rich.console import Console

from .errors import InputError, Problem
from .every_area import ALL, AreaDone, focus_areas, for_every_area
from .facts import list_facts
from .format import format_value
from .model import plain_text
from .periods import Period
from .project import load_project
from .render import NOT_IN_ALL, RENDERERS, every_format

# Each command imports what only it needs (the builder and its narrative, tables and charts;
# the chart cache; the font check; new-year) when it runs: ``facts`` and ``--help`` do not pay
# for them (benchmarks/README.md, "Import budget").

EXIT_OK, EXIT_INTERNAL, EXIT_INPUT = 0, 1, 2
EXIT_INTERRUPTED = 130  # as a shell reports a command stopped by Ctrl-C (128 + SIGINT)
EXIT_TERMINATED = 143  # as a shell reports a command stopped by SIGTERM (128 + SIGTERM)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where Ctrl-C raises KeyboardInterrupt, so that a build stopped by
    ``kill`` or a CI runner tidies up as one stopped by Ctrl-C does (render.save)."""

EPILOG = """\
examples:
  assessment-doc build                      build the project in this folder into ./out/
  assessment-doc build ../2017 -o pack      build another project folder into ./pack/
  assessment-doc build --area Swale         the same assessment about another district
  assessment-doc build --area all -o areas  every district and Medway, one pair of files each
  assessment-doc build --keep-figures       keep the charts in ./out/.cache/figures/ for next time
  assessment-doc build --no-cache           draw every chart, neither reading nor keeping any
  assessment-doc cache clear                empty the chart cache (assessment-doc cache: where, how big)
  assessment-doc check                      check settings, data, content and rules; write nothing
  assessment-doc facts . 'asb.focus.*'      list facts to use in placeholders
  assessment-doc new-year . -o ../2017      start next year's project

exit status: 0 success, 1 internal error (please report it), 2 bad input (fix what is listed)
"""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        with _sigterm_as_interrupt():
            return _main(argv)
    finally:  # also after --help: what is left for a closed pipe must not fail at exit
        _flush(sys.stdout)
        _flush(sys.stderr)


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    out = _Console(highlight=False, soft_wrap=True)
    err = _Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        return int(args.run(args, out))
    except InputError as error:
        err.print(f"[bold red]{len(error.problems)} problem(s) found; nothing was written.[/]")
        for problem in error.problems:
            err.print(f"  {problem}", markup=False)
        return EXIT_INPUT
    except BrokenPipeError:  # written past rich (rich's own writes are handled by _Console)
        _discard(sys.stdout)
        return EXIT_OK
    except KeyboardInterrupt as stopped:  # Ctrl-C or SIGTERM: one whole set (render.save)
        terminated = isinstance(stopped, Terminated)
        err.print(f"{'terminated' if terminated else 'interrupted'}; last build's files kept",
                  markup=False)
        return EXIT_TERMINATED if terminated else EXIT_INTERRUPTED
    except Exception as error:  # the last line of defence for a clerk
        if getattr(args, "debug", False):
            raise
        err.print(f"[bold red]Internal error:[/] {type(error).__name__}: {error}", markup=True)
        err.print("This is a bug in assessment_doc. Run again with --debug and report the output.")
        return EXIT_INTERNAL


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM raises :class:`Terminated` while the command runs, where nobody else has chosen
    what it does (its handler is the default); the handler before is put back after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    if signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        yield
        return
    signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _raise_terminated(number: int, frame: object) -> None:
    raise Terminated


class _Console(Console):
    """A rich Console that goes quiet when its reader closes the pipe (rich's own exits with
    status 1, which here means a bug); the command carries on and exits with its own status."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        _discard(self.file)


def _discard(stream: object) -> None:
    """Point ``stream``'s file descriptor at /dev/null: what is still buffered for a closed pipe,
    and whatever is written later, then goes nowhere instead of failing."""
    try:
        descriptor = stream.fileno()  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):  # not a real file (a test's capture)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, descriptor)
    finally:
        os.close(devnull)


def _flush(stream: object) -> None:
    try:
        stream.flush()  # type: ignore[attr-defined]
    except BrokenPipeError:
        _discard(stream)
    except (AttributeError, ValueError):  # no stream (None), or one already closed
        pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assessment-doc",
        description="Write a Community Safety Partnership's Strategic Assessment as Word and PDF.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _debug_argument(parser, default=False)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser(
        "build", help="build the .docx, .pdf, .html and .ods, with a build report", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Build the document of PROJECT into OUT (default: PROJECT/out): the Word, "
        "PDF and HTML files, the open data tables and build-report.json (--format chooses). "
        "Files are replaced only when the whole build succeeded.",
    )
    _project_argument(build)
    build.add_argument("-o", "--out", type=Path, help="output folder (default: PROJECT/out)")
    build.add_argument(
        "--format", type=_formats, default="all", metavar="FORMATS",
        help="which files to write: one or more of " + ", ".join(RENDERERS) + ", separated by "
        "commas (e.g. pdf,html); 'all' for " + ", ".join(every_format()) + " ("
        + ", ".join(sorted(NOT_IN_ALL)) + " only when named: one file a table); 'both' for "
        "docx,pdf (default: all)")
    _area_argument(build, every=True)
    build.add_argument(
        "--keep-figures", action="store_true",
        help="also keep the drawn charts in OUT/.cache/figures (one JSON file a chart, with its "
        "PNG), so the next build into OUT redraws only the charts whose spec, data or code "
        "changed even where the user's chart cache is not kept (charts are always kept in the "
        "user's cache folder too, unless --no-cache: see 'assessment-doc cache')",
    )
    build.add_argument(
        "--no-cache", action="store_true",
        help="draw every chart, neither reading nor writing the user's chart cache",
    )
    build.set_defaults(run=_build)

    cache = commands.add_parser(
        "cache", help="where the chart cache is and how big; 'cache clear' empties it",
        description="Charts are kept by content (spec, data, code and library versions) in "
        "the user's cache folder ($XDG_CACHE_HOME/assessment_doc/figures, else the platform's "
        "own), at most 200 MB, so a build redraws only the charts that changed. 'cache' "
        "prints the folder and its size; 'cache clear' removes every kept chart.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cache.add_argument("action", nargs="?", choices=["show", "clear"], default="show",
                       help="show (default) or clear")
    _debug_argument(cache, default=argparse.SUPPRESS)
    cache.set_defaults(run=_cache)

    check = commands.add_parser(
        "check", help="check settings, data, content and rules without writing anything",
        description="Check PROJECT's settings, data, content and rules, and report every "
        "problem at once (file, line and what is expected). Nothing is written.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _project_argument(check)
    _area_argument(check, every=True)
    check.set_defaults(run=_check)

    facts = commands.add_parser(
        "facts", help="list every fact a placeholder can name, with its value",
        description="List facts: name, value and what it is. PATTERN filters the names: a glob "
        "such as 'asb.focus.*', or any part of a name such as 'rate_per_1000'.",
        epilog="examples:\n  assessment-doc facts . 'recorded_crime.focus.*'\n"
        "  assessment-doc facts . pct_change\n\n" + EPILOG.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _project_argument(facts)
    facts.add_argument("pattern", nargs="?", help="glob or part of a fact name")
    _area_argument(facts)
    facts.set_defaults(run=_facts)

    explain = commands.add_parser(
        "explain", help="how each priority was decided, with its evidence",
        description="For each priority: the decision, the rule that made it, and the evidence "
        "with its values.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _project_argument(explain)
    _area_argument(explain)
    explain.set_defaults(run=_explain)

    preview = commands.add_parser(
        "preview", help="serve the document on this computer, rebuilt as you edit",
        description="Build PROJECT, serve it at http://127.0.0.1:PORT/ (the HTML edition; "
        "the other formats asked for at /document.pdf, /document.docx …) and rebuild on every "
        "change to the settings, content/ or data/; the page reloads itself. A broken edit's "
        "problems are printed and shown over the last good build. Nothing is written. Stop "
        "with Ctrl+C.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _project_argument(preview)
    preview.add_argument("--port", type=int, default=8000,
                         help="port on 127.0.0.1 (default 8000; 0 for any free port)")
    preview.add_argument(
        "--format", type=_formats, default="html", metavar="FORMATS",
        help="formats to keep up to date, separated by commas (default: html; e.g. html,pdf)")
    _area_argument(preview)
    preview.set_defaults(run=_preview)

    new_year = commands.add_parser(
        "new-year", help="start next year's project from this one",
        description="Copy PROJECT's settings, content, rules and data into NEW, move every "
        "assessment period on by a year, and list the datasets that still need rows for it. "
        "PROJECT is never changed.",
        epilog="example:\n  assessment-doc new-year . -o ../assessment-2017-18\n\n"
        + EPILOG.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _project_argument(new_year)
    new_year.add_argument("-o", "--out", type=Path, required=True, metavar="NEW",
                          help="folder for next year's project (new, or empty)")
    new_year.set_defaults(run=_new_year)
    return parser


def _project_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", nargs="?", type=Path, default=Path("."),
                        help="project folder (default: the current folder)")
    _debug_argument(parser, default=argparse.SUPPRESS)


def _area_argument(parser: argparse.ArgumentParser, *, every: bool = False) -> None:
    parser.add_argument("--area", help="focus area (default: the settings' area)" + (
        "; 'all' for every district and unitary authority in the data" if every else ""))


_FORMAT_GROUPS = {"both": ("docx", "pdf")}
"""Names that stand for several formats (besides 'all'): 'both' is what build wrote before the
HTML edition and the open data tables."""


def _formats(value: str) -> list[str]:
    """``--format``: formats separated by commas, 'all' or 'both' among them; each once, in the
    order given. An unknown name is argparse's error (exit 2), listing the known ones."""
    chosen: list[str] = []
    for name in (part.strip().lower() for part in value.split(",")):
        if not name:
            continue
        group = every_format() if name == "all" else _FORMAT_GROUPS.get(name, (name,))
        for one in group:
            if one not in RENDERERS:
                raise argparse.ArgumentTypeError(
                    f"unknown format {name!r}: choose from {', '.join(RENDERERS)}, 'all' or "
                    "'both', separated by commas")
            if one not in chosen:
                chosen.append(one)
    if not chosen:
        raise argparse.ArgumentTypeError("name at least one format, e.g. --format pdf,html")
    return chosen


def _debug_argument(parser: argparse.ArgumentParser, default: object) -> None:
    """--debug, before or after the command (the internal-error message asks for it: a clerk
    adds it at the end). A command's own default is SUPPRESS, so that it never undoes
    ``assessment-doc --debug build``."""
    parser.add_argument("--debug", action="store_true", default=default,
                        help="show the traceback of an internal error")


def _build(args: argparse.Namespace, console: Console) -> int:
    if _every_area(args):
        return _build_every_area(args, console)
    project = load_project(args.project, area=args.area)
    console.print(f"Loaded {project.root} ({len(project.datasets.frames)} datasets, "
                  f"{len(project.facts)} facts, focus area {project.settings.area})")
    from .api import build

    formats = args.format
    out_dir = (args.out if args.out is not None else project.root / "out").resolve()
    result = build(project, out_dir, formats=formats, keep_figures=args.keep_figures,
                   cache=not args.no_cache)
    _print_warnings(result.warnings, console)
    for path in result.paths:
        console.print(f"  wrote {path}")
    return EXIT_OK


def _preview(args: argparse.Namespace, console: Console) -> int:
    from .preview import Preview, run

    if not args.project.is_dir():
        raise InputError(Problem(str(args.project), "the project folder does not exist",
                                 expected="a folder with assessment.yaml, content/ and data/"))
    preview = Preview(args.project, args.format, area=args.area,
                      report=lambda line: console.print(line, markup=False))
    run(preview, args.port, ready=lambda address: console.print(
        f"Serving {address} (Ctrl+C to stop); watching {preview.root}", markup=False))
    return EXIT_OK


def _every_area(args: argparse.Namespace) -> bool:
    return args.area is not None and args.area.strip().lower() == ALL


def _build_every_area(args: argparse.Namespace, console: Console) -> int:
    """``build --area all``: one pair of files for each area, into OUT (default
    PROJECT/out/areas), two areas at a time on two CPUs."""
    if args.keep_figures:
        raise InputError(Problem("--keep-figures", "keeps the charts of one build, and with "
                                 "--area all each area's build would remove the others'",
                                 expected="--area all without --keep-figures"))
    project = load_project(args.project)  # the settings and data, checked once, up front
    areas = focus_areas(project.datasets)
    formats = args.format
    out_dir = (args.out if args.out is not None else project.root / "out" / "areas").resolve()
    console.print(f"Building {len(areas)} areas of {project.root} into {out_dir}")
    started = time.monotonic()
    results = _with_progress(console, "Building", areas, lambda submitted, done: for_every_area(
        project.root, areas, out=out_dir, formats=formats, cache=not args.no_cache,
        submitted=submitted, done=done))
    built = [result for result in results if result.ok]
    console.print(f"Built {len(built)} of {len(areas)} areas in "
                  f"{time.monotonic() - started:.1f} s; the warnings of each are in its build "
                  "report:")
    for result in built:
        console.print(f"  {result.area}: {', '.join(p.name for p in result.paths)} "
                      f"({len(result.warnings)} warning(s))", markup=False)
    return _refused(results, console)


def _check_every_area(args: argparse.Namespace, console: Console) -> int:
    """``check --area all``: whether each area would build, and why not; and, once, the
    characters the PDF's fonts cannot draw (the text is the same for every area but the area
    names, which are read with the data files)."""
    project = load_project(args.project)
    areas = focus_areas(project.datasets)
    results = _with_progress(console, "Checking", areas, lambda submitted, done: for_every_area(
        project.root, areas, submitted=submitted, done=done))
    for result in results:
        if result.ok:
            console.print(f"  {result.area}: builds, with {len(result.warnings)} warning(s) "
                          "(run check --area with its name to list them)", markup=False)
    status = _refused(results, console)
    from .glyph_coverage import undrawable_characters

    undrawable = undrawable_characters(project)
    if undrawable:
        raise InputError(undrawable)
    if status == EXIT_OK:
        console.print(f"[green]No problems found[/] for any of the {len(areas)} areas.")
    return status


def _with_progress(console: Console, verb: str, areas: Sequence[str],
                   run: Callable[[Callable[[], None], Callable[[AreaDone], None]],
                                 list[AreaDone]]) -> list[AreaDone]:
    """``run(submitted, done)`` with a progress bar that moves as each area is done. The bar's
    refresh thread starts only once the workers are forked (``submitted``)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=console, transient=True)
    task = progress.add_task(f"{verb} {len(areas)} areas", total=len(areas))

    def done(result: AreaDone) -> None:
        mark = ("built" if verb == "Building" else "checked") if result.ok else "refused"
        progress.update(task, advance=1, description=f"{verb}: {result.area} {mark}")

    try:
        return run(progress.start, done)
    finally:
        progress.stop()


def _refused(results: Sequence[AreaDone], console: Console) -> int:
    """Print why each area that could not be built was refused; the exit status."""
    refused = [result for result in results if not result.ok]
    for result in refused:
        console.print(f"[bold red]{result.area} was refused:[/]")
        for problem in result.problems:
            console.print(f"  {problem}", markup=False)
    return EXIT_INPUT if refused else EXIT_OK


def _check(args: argparse.Namespace, console: Console) -> int:
    if _every_area(args):
        return _check_every_area(args, console)
    problems: list[Problem] = []
    project = load_project(args.project, area=args.area, collect=problems)
    if problems and not any(".focus." in name for name in project.facts):
        raise InputError(problems)  # no data for the focus area: every placeholder would fail
    from .builder import assemble
    from .figures.cache import FigureCache
    from .glyph_coverage import undrawable_characters

    figures = FigureCache(draws=False)  # every chart's data and words checked, none drawn
    try:
        assembly = assemble(project, figure_cache=figures)
    except InputError as error:
        problems.extend(error.problems)
    problems.extend(undrawable_characters(project))  # the build would refuse them at the end
    if problems:
        raise InputError(problems)
    _print_warnings(tuple(dict.fromkeys((*assembly.warnings, *figures.warnings))), console)
    console.print(f"[green]No problems found[/] in {project.root}.")
    return EXIT_OK


def _cache(args: argparse.Namespace, console: Console) -> int:
    """``cache``: the chart cache's folder and size; ``cache clear`` empties it."""
    from .figures.cache import FOLDER_BUDGET, clear_folder, folder_summary, user_cache_folder

    folder = user_cache_folder()
    if args.action == "clear":
        removed = clear_folder(folder)
        console.print(f"Removed {removed} kept chart(s) from {folder}", markup=False)
        return EXIT_OK
    count, size = folder_summary(folder)
    console.print(f"Chart cache: {folder}", markup=False)
    console.print(f"  {count} chart(s), {size / 1024 / 1024:.1f} MB of at most "
                  f"{FOLDER_BUDGET // 1024 // 1024} MB (the least recently used go first)")
    return EXIT_OK


def _one_area_only(args: argparse.Namespace) -> None:
    """``facts`` and ``explain`` are about one area: 'all' is refused with what to do."""
    if _every_area(args):
        raise InputError(Problem("--area", f"'{args.area}' is for build and check only",
                                 expected="one area, e.g. --area Swale"))


def _facts(args: argparse.Namespace, console: Console) -> int:
    _one_area_only(args)
    project = load_project(args.project, area=args.area)
    pattern = args.pattern
    if pattern and not any(ch in pattern for ch in "*?["):
        pattern = f"*{pattern}*"
    rows = list_facts(project.facts, pattern)
    if not console.is_terminal:  # a file or another program: one fact a line, whole, by tabs
        console.file.write("fact\tvalue\twhat it is\n")
        for name, value, unit, description in rows:
            console.file.write(f"{name}\t{format_value(value, unit)}\t{description}\n")
        return EXIT_OK
    from rich.table import Table as RichTable  # only for a terminal

    table = RichTable(box=None, show_edge=False, pad_edge=False)
    table.add_column("fact", no_wrap=True)
    table.add_column("value", no_wrap=True, justify="right")
    table.add_column("what it is", overflow="fold", ratio=1)
    for name, value, unit, description in rows:
        table.add_row(name, format_value(value, unit), description)
    console.print(table)
    console.print(f"{len(rows)} fact(s); write one in narrative as {{{{ name }}}}, e.g. "
                  "{{ recorded_crime.focus.offences.value | count }}", markup=False)
    return EXIT_OK


def _explain(args: argparse.Namespace, console: Console) -> int:
    _one_area_only(args)
    project = load_project(args.project, area=args.area)
    from .builder import assemble
    from .figures.cache import FigureCache
    from .rules import priorities_list

    assembly = assemble(project, figure_cache=FigureCache(draws=False))  # decisions need no chart
    decisions = assembly.decisions
    if decisions is None:
        console.print("This project has no content/rules.yaml, so nothing is decided by rules.")
        return EXIT_OK
    for decision in decisions:
        console.print(f"[bold]{decision.priority}[/]: {decision.change.value} "
                      f"(rule '{decision.rule}', {decision.outcome.value})")
        if decision.reason:
            console.print(f"  reason: {decision.reason}", markup=False)
        console.print(f"  condition: {decision.condition}", markup=False)
        for evidence in decision.evidence:
            console.print(f"  {evidence.label}: {evidence.formatted}   [dim]{evidence.name}[/]")
    console.print("\nRecommended priorities, in order:")
    for number, item in enumerate(priorities_list(decisions).items, start=1):
        console.print(f"  {number}. {plain_text(item.blocks[0].runs)}", markup=False)
    if assembly.not_assessed:
        console.print(f"Not assessed for {project.settings.area} (left out with their "
                      f"sections): {', '.join(assembly.not_assessed)}", markup=False)
    return EXIT_OK


def _new_year(args: argparse.Namespace, console: Console) -> int:
    from .new_year import start_next_year

    made = start_next_year(args.project, args.out)
    console.print(f"Started [bold]{made.title}[/] in {made.root}")
    if made.missing:
        console.print(f"{len(made.missing)} dataset(s) still need rows for their new period "
                      "(ask the data owners, then append the rows):")
        for dataset, period in sorted(made.missing.items()):
            console.print(f"  data/{dataset}: {period} ({Period.parse(period).label})", markup=False)
    console.print("Next: add the rows, review content/, run 'assessment-doc check', then 'build'.")
    return EXIT_OK


def _print_warnings(warnings: Sequence[Problem], console: Console) -> None:
    if warnings:
        console.print(f"[yellow]{len(warnings)} warning(s):[/]")
    for warning in warnings:
        console.print(f"  {warning}", markup=False)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
