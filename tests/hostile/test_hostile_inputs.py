"""Hostile and broken inputs, each put into a copy of the bundled project on its own: the command
line answers with its clear message and exit status 2, prints no traceback, writes nothing and
leaves the files of the earlier build as they were.

The corpus is tests/fixtures/hostile/cases.toml (with the files it names); the cases that need a
file system trick are made here (GENERATED). The bundled project is built once; each case then
breaks one file, runs ``assessment-doc build`` (and, for settings and data, ``check``, which goes
on past data problems) in this process, and the inputs are put back.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bundled_build import STEM, copy_bundled_project

from assessment_doc.cli import main
from assessment_doc.render import every_format

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"
INPUTS = ("assessment.yaml", "content", "data")
TIME_LIMIT = 60
"""Seconds a case may take: one that runs for ever fails instead of hanging the suite."""


@dataclass(frozen=True)
class Case:
    """One broken input: how it breaks the project, and what the clerk must be told."""

    name: str
    about: str
    target: str
    expect: list[str]
    file: str | None = None
    text: str | None = None
    substitute: list[str] | None = None
    append: str | None = None
    make: Callable[[Path], None] | None = field(default=None, repr=False)
    commands: list[str] | None = None
    """The commands to run (default: build, and check too for settings and data)."""

    def apply(self, project: Path) -> None:
        target = project / self.target
        if self.make is not None:
            self.make(project)
        elif self.file is not None:
            target.write_bytes((CORPUS / self.file).read_bytes())
        elif self.text is not None:
            target.write_text(self.text, encoding="utf-8")
        elif self.substitute is not None:
            old, new = self.substitute
            text = target.read_text(encoding="utf-8")
            assert old in text, f"{self.name}: {old!r} is no longer in {self.target}"
            target.write_text(text.replace(old, new, 1), encoding="utf-8")
        elif self.append is not None:
            with target.open("a", encoding="utf-8", newline="") as stream:
                stream.write(self.append)

    @property
    def run_with(self) -> list[str]:
        """Settings and data problems are also run through ``check``, which collects them and
        goes on with what loaded (a different path through the code than ``build``)."""
        if self.commands is not None:
            return self.commands
        return ["build"] if self.target.startswith("content") else ["build", "check"]


def corpus_cases() -> list[Case]:
    with (CORPUS / "cases.toml").open("rb") as stream:
        return [Case(**entry) for entry in tomllib.load(stream)["case"]]


# --- cases made on the file system ---------------------------------------------------------------


def _hundred_megabytes(project: Path) -> None:
    """A 100 MB CSV (a record-level export where aggregates belong), past the 16 MB limit: well
    formed rows, then a hole (a sparse file: cheap to make, and never read, since the size is
    checked first)."""
    header, row = b"area,area_type,period,measure,value\n", b"Maidstone,district,2014,offences,1\n"
    with (project / "data" / "recorded_crime.csv").open("wb") as stream:
        stream.write(header + row * 10_000)
        stream.truncate(100 * 2**20)


def _replace_with_symlink(relative: str, to: str) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        path = project / relative
        path.unlink()
        path.symlink_to(to)
    return make


def _symlinked_folder(project: Path) -> None:
    (project / "data" / "shared").symlink_to("/etc")
    manifest = project / "data" / "datasets.yaml"
    manifest.write_text(manifest.read_text().replace("file: recorded_crime.csv",
                                                     "file: shared/passwd", 1))


def _pipe(project: Path) -> None:
    path = project / "data" / "recorded_crime.csv"
    path.unlink()
    os.mkfifo(path)


def _folder_instead_of(relative: str) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        path = project / relative
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
        path.mkdir()
    return make


def _remove(relative: str) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        path = project / relative
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    return make


GENERATED = [
    Case("csv-100-mb", "a 100 MB CSV: record-level data where published figures belong",
         "data/recorded_crime.csv",
         ["data/recorded_crime.csv: is 100.0 MB, larger than the 16 MB a data file may be"],
         make=_hundred_megabytes),
    Case("csv-symlink-to-passwd", "a data file that is a link to /etc/passwd",
         "data/recorded_crime.csv",
         ["data/datasets.yaml",
          "'recorded_crime.csv' leads out of the data folder through a symbolic link"],
         make=_replace_with_symlink("data/recorded_crime.csv", "/etc/passwd")),
    Case("csv-symlink-to-device", "a data file that is a link to /dev/zero, which never ends",
         "data/recorded_crime.csv",
         ["data/datasets.yaml", "leads out of the data folder through a symbolic link"],
         make=_replace_with_symlink("data/recorded_crime.csv", "/dev/zero")),
    Case("manifest-symlinked-folder", "a folder inside data/ that is a link to /etc",
         "data/datasets.yaml",
         ["data/datasets.yaml",
          "'shared/passwd' leads out of the data folder through a symbolic link"],
         make=_symlinked_folder),
    Case("csv-pipe", "a named pipe where the CSV should be: reading it would wait for ever",
         "data/recorded_crime.csv",
         ["data/datasets.yaml", "'recorded_crime.csv' is not an ordinary file"], make=_pipe),
    Case("csv-is-a-folder", "a folder with the CSV's name", "data/recorded_crime.csv",
         ["data/datasets.yaml", "'recorded_crime.csv' is a folder, not a file"],
         make=_folder_instead_of("data/recorded_crime.csv")),
    Case("manifest-missing", "no datasets.yaml", "data/datasets.yaml",
         ["data/datasets.yaml: is missing"], make=_remove("data/datasets.yaml")),
    Case("data-folder-missing", "no data folder", "data",
         ["data: the data folder does not exist"], make=_remove("data")),
    Case("content-folder-missing", "no content folder: the document would have no narrative",
         "content", ["content: the content folder does not exist"], make=_remove("content")),
    Case("content-folder-empty", "a content folder with no sections", "content",
         ["content: the content folder holds no sections"],
         make=lambda project: [p.unlink() for p in (project / "content").glob("*.md")]),
    Case("settings-missing", "no assessment.yaml", "assessment.yaml",
         ["assessment.yaml: the settings file is missing"], make=_remove("assessment.yaml")),
    Case("settings-is-a-folder", "a folder named assessment.yaml", "assessment.yaml",
         ["assessment.yaml: is a folder, not the settings file"],
         make=_folder_instead_of("assessment.yaml")),
    Case("markdown-symlink-out", "a content file that is a link to a file outside the project",
         "content/99-hostile.md",
         ["content/99-hostile.md: leads out of the content folder through a symbolic link"],
         make=lambda project: (project / "content" / "99-hostile.md").symlink_to("/etc/passwd")),
    Case("markdown-is-a-folder", "a folder named like a content file", "content/99-hostile.md",
         ["content/99-hostile.md: cannot be read: Is a directory"],
         make=_folder_instead_of("content/99-hostile.md")),
]



# --- cases of issue 19: special files, sizes and nesting ------------------------------------------


def _fifo_at(relative: str) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        path = project / relative
        path.unlink(missing_ok=True)
        os.mkfifo(path)
    return make


def _sparse(relative: str, size: int, head: bytes = b"") -> Callable[[Path], None]:
    """A file of ``size`` bytes that costs nothing to make (a hole after ``head``)."""
    def make(project: Path) -> None:
        with (project / relative).open("wb") as stream:
            stream.write(head)
            stream.truncate(size)
    return make


def _nested_list(levels: int) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        section = project / "content" / "03-violent-crime.md"
        items = "".join("  " * level + "- item\n" for level in range(levels))
        section.write_text(section.read_text().replace(
            "## Total Violent Crime", items + "\n## Total Violent Crime", 1))
    return make


def _nested_quotes(levels: int) -> Callable[[Path], None]:
    def make(project: Path) -> None:
        section = project / "content" / "03-violent-crime.md"
        section.write_text(section.read_text().replace(
            "## Total Violent Crime", "> " * levels + "deep\n\n## Total Violent Crime", 1))
    return make


GENERATED_19 = [
    Case("settings-pipe", "a named pipe for the settings file: reading it would wait for ever",
         "assessment.yaml", ["assessment.yaml: is not an ordinary file"],
         make=_fifo_at("assessment.yaml")),
    Case("settings-link-to-proc-mem", "the settings file a link to /proc/self/mem",
         "assessment.yaml", ["assessment.yaml: is not an ordinary file (a link to /proc/"],
         make=_replace_with_symlink("assessment.yaml", "/proc/self/mem")),
    Case("settings-two-megabytes", "a settings file of 2 MB", "assessment.yaml",
         ["assessment.yaml: is 2.0 MB, larger than the 1.0 MB such a file may be"],
         make=_sparse("assessment.yaml", 2 * 2**20, b"title: x\n")),
    Case("manifest-link-to-proc-mem", "datasets.yaml a link to /proc/self/mem",
         "data/datasets.yaml", ["data/datasets.yaml: is not an ordinary file (a link to /proc/"],
         make=_replace_with_symlink("data/datasets.yaml", "/proc/self/mem")),
    Case("manifest-two-megabytes", "a manifest of 2 MB", "data/datasets.yaml",
         ["data/datasets.yaml: is 2.0 MB, larger than the 1.0 MB"],
         make=_sparse("data/datasets.yaml", 2 * 2**20, b"datasets:\n")),
    Case("rules-link-to-dev-zero", "rules.yaml a link to /dev/zero, which never ends",
         "content/rules.yaml",
         ["content/rules.yaml: is not an ordinary file (a link to /dev/zero)"],
         make=_replace_with_symlink("content/rules.yaml", "/dev/zero")),
    Case("rules-pipe", "rules.yaml a named pipe", "content/rules.yaml",
         ["content/rules.yaml: is not an ordinary file"], make=_fifo_at("content/rules.yaml")),
    Case("tables-link-to-proc-mem", "tables.yaml a link to /proc/self/mem",
         "content/tables.yaml", ["content/tables.yaml: is not an ordinary file (a link to /proc/"],
         make=_replace_with_symlink("content/tables.yaml", "/proc/self/mem")),
    Case("tables-three-megabytes", "a tables.yaml of 3 MB", "content/tables.yaml",
         ["content/tables.yaml: is 3.0 MB, larger than the 1.0 MB"],
         make=_sparse("content/tables.yaml", 3 * 2**20, b"tables:\n")),
    Case("figures-link-to-dev-urandom", "figures.yaml a link to /dev/urandom",
         "content/figures.yaml", ["content/figures.yaml: is not an ordinary file (a link to /dev/"],
         make=_replace_with_symlink("content/figures.yaml", "/dev/urandom")),
    Case("markdown-pipe", "a content file that is a named pipe", "content/99-hostile.md",
         ["content/99-hostile.md: is not an ordinary file"],
         make=_fifo_at("content/99-hostile.md")),
    Case("markdown-half-a-megabyte", "a content file of 512 kB: its template would compile in "
         "hundreds of megabytes", "content/03-violent-crime.md",
         ["content/03-violent-crime.md: is 512 kB, larger than the 256 kB such a file may be"],
         make=_sparse("content/03-violent-crime.md", 2**19, b"---\ntitle: x\norder: 3\n---\n")),
    Case("csv-link-to-proc-mem", "a data file that is a link to /proc/self/mem",
         "data/recorded_crime.csv",
         ["data/datasets.yaml", "leads out of the data folder through a symbolic link"],
         make=_replace_with_symlink("data/recorded_crime.csv", "/proc/self/mem")),
    Case("markdown-list-200-levels", "a list nested 200 levels deep",
         "content/03-violent-crime.md",
         ["content/03-violent-crime.md, line 13: a list inside a list goes 9 levels deep"],
         make=_nested_list(200)),
    Case("markdown-list-9-levels", "a list nested one level past the limit",
         "content/03-violent-crime.md",
         ["content/03-violent-crime.md, line 13: a list inside a list goes 9 levels deep, "
          "more than the 8 a page can lay out"], make=_nested_list(9)),
    Case("markdown-quotes-200-levels", "200 quotes inside quotes", "content/03-violent-crime.md",
         ["content/03-violent-crime.md, line 5: a quote ('>') inside a quote goes 9 levels deep"],
         make=_nested_quotes(200)),
    Case("markdown-quotes-9-levels", "quotes one level past the limit",
         "content/03-violent-crime.md",
         ["content/03-violent-crime.md, line 5: a quote ('>') inside a quote goes 9 levels deep"],
         make=_nested_quotes(9)),
]

CASES = corpus_cases() + GENERATED + GENERATED_19


def test_the_corpus_has_at_least_155_cases_with_distinct_names() -> None:
    """114 before issue 19, 158 after it."""
    names = [case.name for case in CASES]
    assert len(names) >= 155
    assert len(set(names)) == len(names)


# --- running a case --------------------------------------------------------------------------------


class TookTooLong(BaseException):
    """Raised in the test when a case runs past TIME_LIMIT (not an Exception: the command line
    must not catch it as an internal error)."""


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def stop(signum: int, frame: object) -> None:
        raise TookTooLong(f"the command ran for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True)
class Built:
    project: Path
    pristine: Path

    @property
    def out(self) -> Path:
        return self.project / "out"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The bundled project built once; ``pristine`` keeps its inputs to put back after a case."""
    root = tmp_path_factory.mktemp("hostile")
    project = copy_bundled_project(root / "project")
    assert main(["build", str(project)]) == 0
    return Built(project, copy_bundled_project(root / "pristine"))


def restore(built: Built) -> None:
    for entry in built.project.iterdir():
        if entry.name == "out":
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    for name in INPUTS:
        source = built.pristine / name
        copy = shutil.copytree if source.is_dir() else shutil.copy
        copy(source, built.project / name)


def outputs(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in the output folder (temporary files too) with its bytes and mtime."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with time_limit(TIME_LIMIT):
        status = main(args)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def project(built: Built) -> Iterator[Path]:
    restore(built)
    yield built.project
    restore(built)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_hostile_input_gets_its_message_and_exit_2_and_nothing_is_written(
    case: Case, built: Built, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = outputs(built.out)
    case.apply(project)
    for command in case.run_with:
        status, out, err = run([command, str(project)], capsys)
        assert status == 2, f"{command}: {err or out}"
        squashed = " ".join(err.split())  # rich wraps long lines
        missing = [phrase for phrase in case.expect if " ".join(phrase.split()) not in squashed]
        assert missing == [], f"{command} printed:\n{err}"
        assert "nothing was written" in err
        assert "Traceback" not in err and "Internal error" not in err
        assert "wrote" not in out
        assert outputs(built.out) == before, f"{command} changed the earlier outputs"


# --- through a real process ------------------------------------------------------------------------

MEASURE_PEAK = (
    "import re, sys\n"
    "from assessment_doc.cli import main\n"
    "status = main(sys.argv[1:])\n"
    "with open('/proc/self/status') as status_file:\n"
    "    peak = re.search(r'VmHWM:\\s*(\\d+)', status_file.read()).group(1)\n"
    "print(f'peak {peak}', file=sys.stderr)\n"
    "sys.exit(status)\n"
)
"""Runs a build and prints its peak resident memory in kB: VmHWM, this process image's own high
water mark. (getrusage's ru_maxrss would carry over the forking test process's size through
exec, so late in a long test run every case measured the test runner: 510 MB.)"""


@pytest.mark.parametrize("name", ["csv-100-mb", "manifest-path-traversal",
                                  "placeholder-class-mro", "settings-billion-laughs",
                                  "placeholder-text-doubled-forty-times",
                                  "placeholder-many-long-copies", "markdown-list-200-levels",
                                  "figures-link-to-dev-urandom", "rules-link-to-dev-zero"])
def test_in_a_real_process_the_clerk_sees_the_message_and_no_traceback_in_sane_memory(
    name: str, built: Built, project: Path
) -> None:
    (case,) = [case for case in CASES if case.name == name]
    before = outputs(built.out)
    case.apply(project)
    result = subprocess.run(
        [sys.executable, "-c", MEASURE_PEAK, "build", str(project)], cwd=project,
        capture_output=True, text=True, timeout=TIME_LIMIT, check=False,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert result.returncode == 2, result.stderr
    assert all(phrase in result.stderr for phrase in case.expect), result.stderr
    assert "Traceback" not in result.stderr
    peak_mb = int(result.stderr.rsplit("peak ", 1)[1]) / 1024
    assert peak_mb < 400, f"peak memory {peak_mb:.0f} MB"
    assert outputs(built.out) == before
    assert sorted(before) == sorted([*(f"{STEM}.{name}" for name in every_format()),
                                     "build-report.json"])


def test_check_answers_quickly_when_the_focus_area_has_no_data(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every rule's fact is then unknown: suggesting close names over all facts took a minute
    (fixed in 43f085e and a8e0b1b)."""
    settings = project / "assessment.yaml"
    settings.write_text(settings.read_text().replace("area: Maidstone", "area: Maidston", 1))
    with time_limit(15):
        status = main(["check", str(project)])
    assert status == 2
    assert "has no rows for the focus area 'Maidston' (did you mean 'Maidstone'?)" in capsys.readouterr().err
