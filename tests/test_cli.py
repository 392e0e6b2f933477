"""The clerk's command line, run as a clerk runs it: a subprocess, its exit status and its words."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assessment_doc.render import every_format

REPOSITORY = Path(__file__).resolve().parents[1]


def assessment_doc(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assessment_doc", *args],
        cwd=cwd, capture_output=True, text=True, timeout=600, check=False,
        env={**os.environ, "COLUMNS": "200"},
    )


def into_a_closed_pipe(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run with standard output a pipe whose reader has gone: its read end is closed before the
    command starts, so every write meets a closed pipe (EPIPE), as after ``| head -1`` read its
    line. Standard error is captured as usual."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            [sys.executable, "-m", "assessment_doc", *args],
            cwd=cwd, stdout=write, stderr=subprocess.PIPE, text=True, timeout=600, check=False,
            env={**os.environ, "COLUMNS": "200"},
        )
    finally:
        os.close(write)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the bundled project, safe to break."""
    copy = tmp_path / "project"
    copy.mkdir()
    shutil.copy(REPOSITORY / "assessment.yaml", copy)
    shutil.copytree(REPOSITORY / "data", copy / "data")
    shutil.copytree(REPOSITORY / "content", copy / "content")
    return copy


def test_build_writes_both_formats_and_a_report(project: Path) -> None:
    result = assessment_doc("build", cwd=project)
    assert result.returncode == 0, result.stderr
    out = project / "out"
    names = sorted(p.name for p in out.iterdir())
    assert {"docx", "pdf", "html"} <= set(every_format())  # the default, --format all
    assert names == sorted(["build-report.json", *(
        f"strategic-assessment-2016-17-appendix-1.{name}" for name in every_format())])
    report = json.loads((out / "build-report.json").read_text())
    assert report["area"] == "Maidstone"
    assert "data/recorded_crime.csv" in report["inputs"]
    assert set(report["outputs"]) == {n for n in names if n != "build-report.json"}


def test_bad_data_gives_file_row_and_exit_2_and_keeps_earlier_outputs(project: Path) -> None:
    assert assessment_doc("build", cwd=project).returncode == 0
    pdf = project / "out" / "strategic-assessment-2016-17-appendix-1.pdf"
    before = pdf.read_bytes()
    csv = project / "data" / "recorded_crime.csv"
    lines = csv.read_text().splitlines()
    area, area_type, period, measure, _ = lines[3].split(",")
    lines[3] = ",".join([area, area_type, period, measure, "lots"])
    csv.write_text("\n".join(lines) + "\n")
    result = assessment_doc("build", cwd=project)
    assert result.returncode == 2
    assert "data/recorded_crime.csv, row 3" in result.stderr
    assert "'lots'" in result.stderr
    assert "nothing was written" in result.stderr
    assert "Traceback" not in result.stderr
    assert pdf.read_bytes() == before


def test_missing_settings_is_bad_input(tmp_path: Path) -> None:
    result = assessment_doc("check", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2
    assert "assessment.yaml: the settings file is missing" in result.stderr


def test_an_unknown_settings_key_names_its_line(project: Path) -> None:
    settings = project / "assessment.yaml"
    settings.write_text(settings.read_text() + "colour: blue\n")
    result = assessment_doc("check", cwd=project)
    assert result.returncode == 2
    line = len(settings.read_text().splitlines())
    assert f"assessment.yaml, line {line}, column 'colour': unknown key 'colour'" in result.stderr


def test_check_writes_nothing(project: Path) -> None:
    result = assessment_doc("check", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "No problems found" in result.stdout
    assert not (project / "out").exists()


def test_help_shows_examples_and_exit_codes(project: Path) -> None:
    result = assessment_doc("build", "--help", cwd=project)
    assert result.returncode == 0
    assert "examples:" in result.stdout
    assert "2 bad input" in result.stdout
    help_text = " ".join(result.stdout.split())  # argparse pads to its longest option
    assert "--keep-figures also keep the drawn charts in OUT/.cache/figures" in help_text
    assert "assessment-doc build --keep-figures " in result.stdout
    assert "which files to write: one or more of docx, pdf, html" in help_text
    assert "'both' for docx,pdf (default: all)" in help_text
    check = assessment_doc("check", "--help", cwd=project).stdout
    assert "check settings, data, content and rules; write nothing" in check
    assert "usage: assessment-doc new-year [-h] [--debug] -o NEW [project]" in assessment_doc(
        "new-year", "--help", cwd=project).stdout


def test_debug_may_follow_the_command_as_the_internal_error_message_suggests() -> None:
    from assessment_doc.cli import _parser

    parser = _parser()
    assert parser.parse_args(["build"]).debug is False
    assert parser.parse_args(["--debug", "build"]).debug is True
    assert parser.parse_args(["build", "--debug"]).debug is True
    assert parser.parse_args(["new-year", "-o", "next", "--debug"]).debug is True


def test_build_keep_figures_keeps_each_chart_where_the_api_does(project: Path, tmp_path: Path) -> None:
    import base64
    import re
    import zipfile
    from io import BytesIO

    from PIL import Image

    from assessment_doc import api, load_project

    result = assessment_doc("build", "--keep-figures", "--format", "docx", cwd=project)
    assert result.returncode == 0, result.stderr
    out = project / "out"
    assert sorted(p.name for p in out.iterdir()) == [
        ".cache", "build-report.json", "strategic-assessment-2016-17-appendix-1.docx"]
    kept = sorted((out / ".cache" / "figures").iterdir())
    assert all(re.fullmatch(r"[0-9a-f]{64}\.json", path.name) for path in kept)
    with zipfile.ZipFile(out / "strategic-assessment-2016-17-appendix-1.docx") as docx:
        charts = [name for name in docx.namelist() if name.startswith("word/media/")]
    assert len(kept) == len(charts) > 0  # one kept file a chart of the document
    for path in kept:
        image = base64.b64decode(json.loads(path.read_text())["figure"]["image"], validate=True)
        assert image.startswith(b"\x89PNG\r\n\x1a\n")
        with Image.open(BytesIO(image)) as png:
            assert png.format == "PNG"
            png.verify()
    # the same names as the API gives them (a hash of spec, data, code and library versions)
    api.build(load_project(project), tmp_path / "api", formats=("docx",), keep_figures=True)
    assert [p.name for p in kept] == sorted(
        p.name for p in (tmp_path / "api" / ".cache" / "figures").iterdir())


def test_build_without_keep_figures_keeps_no_charts(project: Path) -> None:
    result = assessment_doc("build", "--format", "docx", cwd=project)
    assert result.returncode == 0, result.stderr
    out = project / "out"
    assert sorted(p.name for p in out.rglob("*")) == [
        "build-report.json", "strategic-assessment-2016-17-appendix-1.docx"]


def test_facts_lists_names_with_formatted_values(project: Path) -> None:
    result = assessment_doc("facts", ".", "recorded_crime.focus.offences.*", cwd=project)
    assert result.returncode == 0, result.stderr
    lines = {line.split()[0]: line.split()[1] for line in result.stdout.splitlines()
             if line.startswith("recorded_crime.")}
    assert lines["recorded_crime.focus.offences.value"] == "9,178"
    assert lines["recorded_crime.focus.offences.previous"] == "9,410"
    assert lines["recorded_crime.focus.offences.pct_change"] == "-2.5%"
    assert lines["recorded_crime.focus.offences.rate_per_1000"] == "56.7"


def test_facts_into_a_file_or_program_are_one_whole_line_each_by_tabs(project: Path) -> None:
    """Not a terminal (``facts . > facts.tsv``, ``| grep``): a table folded to 80 columns put a
    description four letters a line; instead each fact is one line, name, value and description
    split by tabs, under a header, whatever the width."""
    result = subprocess.run(
        [sys.executable, "-m", "assessment_doc", "facts", ".", "recorded_crime.focus.offences.value"],
        cwd=project, capture_output=True, text=True, timeout=600, check=True,
        env={**os.environ, "COLUMNS": "40"},
    )
    assert result.stdout.splitlines() == [
        "fact\tvalue\twhat it is",
        "recorded_crime.focus.offences.value\t9,178\tFocus area - Maidstone: No. of offences "
        "(Total recorded crime by district), October 2014 - September 2015",
    ]


def test_facts_filters_by_any_part_of_a_name(project: Path) -> None:
    result = assessment_doc("facts", ".", "west_division.cost_difference", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "-£198,726" in result.stdout
    assert not [line for line in result.stdout.splitlines() if line.startswith("recorded_crime")]


def test_facts_into_a_pipe_closed_at_once_exits_0_and_says_nothing(project: Path) -> None:
    result = into_a_closed_pipe("facts", ".", "recorded_crime.*", cwd=project)
    assert (result.returncode, result.stderr) == (0, "")


def test_facts_into_a_reader_that_stops_after_one_line_exits_0_and_says_nothing(
    project: Path,
) -> None:
    """``assessment-doc facts . | head -1``: every fact is more than a pipe holds (64 KiB), so
    the command is still writing when the reader closes its end."""
    process = subprocess.Popen(
        [sys.executable, "-m", "assessment_doc", "facts", "."], cwd=project,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "COLUMNS": "200"},
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=600) == 0
    assert stderr == b""
    assert first.split() == [b"fact", b"value", b"what", b"it", b"is"]
    everything = assessment_doc("facts", ".", cwd=project)
    assert len(everything.stdout.encode()) > 4 * 65536


def test_help_into_a_closed_pipe_exits_0_and_says_nothing(project: Path) -> None:
    result = into_a_closed_pipe("build", "--help", cwd=project)
    assert (result.returncode, result.stderr) == (0, "")


def test_a_build_whose_output_nobody_reads_still_writes_its_files(project: Path) -> None:
    """``assessment-doc build | true``: the reader is gone before the first line; the build
    carries on quietly and its status is the build's."""
    result = into_a_closed_pipe("build", "--format", "docx", cwd=project)
    assert (result.returncode, result.stderr) == (0, "")
    assert sorted(p.name for p in (project / "out").iterdir()) == [
        "build-report.json", "strategic-assessment-2016-17-appendix-1.docx"]


def test_a_check_whose_output_nobody_reads_still_reports_bad_input_with_status_2(
    project: Path,
) -> None:
    csv = project / "data" / "recorded_crime.csv"
    lines = csv.read_text().splitlines()
    lines[3] = ",".join(lines[3].split(",")[:4] + ["lots"])
    csv.write_text("\n".join(lines) + "\n")
    result = into_a_closed_pipe("check", cwd=project)
    assert result.returncode == 2
    assert "data/recorded_crime.csv, row 3, line 4, column 'value': 'lots' is not a number" \
        in result.stderr
    assert "Traceback" not in result.stderr


def test_build_for_swale_shows_swales_figures_and_leaves_out_maidstone_only_parts(
        project: Path) -> None:
    from clients import pdf_text

    board = assessment_doc("build", "--format", "pdf", cwd=project)
    assert board.returncode == 0, board.stderr
    board_pdf = project / "out" / "strategic-assessment-2016-17-appendix-1.pdf"
    board_bytes, board_report = board_pdf.read_bytes(), (project / "out" / "build-report.json").read_bytes()

    result = assessment_doc("build", "--area", "Swale", "--format", "pdf", cwd=project)
    assert result.returncode == 0, result.stderr
    # the area in the names: the board version beside it is not replaced
    assert sorted(p.name for p in (project / "out").iterdir()) == [
        "build-report-swale.json", "build-report.json",
        "strategic-assessment-2016-17-appendix-1-swale.pdf",
        "strategic-assessment-2016-17-appendix-1.pdf"]
    assert board_pdf.read_bytes() == board_bytes
    assert (project / "out" / "build-report.json").read_bytes() == board_report

    assert "subsection 'Volumes of Crime by Type' left out: dataset crime_by_type has no rows for Swale" in result.stdout
    assert "subsection 'Levels of Violence in the borough wards, April 2015 to September 2015' left out: " in result.stdout
    assert "the wards or divisions of dataset violent_crime_wards are Maidstone's" in result.stdout
    assert "{{" not in result.stdout  # headings as printed: 'Road Safety in Swale'
    assert "subsection 'Road Safety in Swale': left out" in result.stdout
    text = pdf_text(project / "out" / "strategic-assessment-2016-17-appendix-1-swale.pdf", "-raw")
    assert "Swale 9,533 67.7 73.9 9" in text  # its own row of the seed's table 2.2
    assert "Violent crime in Swale shows an increase of 7.0%" in text  # 3.1 kept, with its table
    assert "Volumes of Crime by Type" not in text
    assert "Hospital Admissions as a result of Substance Misuse" not in text
    assert "High Street" not in text  # a Maidstone ward
    report = json.loads((project / "out" / "build-report-swale.json").read_text())
    assert report["area"] == "Swale"
    assert set(report["outputs"]) == {"strategic-assessment-2016-17-appendix-1-swale.pdf"}
    assert any("left out" in warning for warning in report["warnings"])


def test_facts_and_explain_refuse_every_area_saying_what_to_do(project: Path) -> None:
    result = assessment_doc("explain", "--area", "all", cwd=project)
    assert result.returncode == 2
    assert "--area: 'all' is for build and check only (expected one area, e.g. --area Swale)" \
        in result.stderr
    result = assessment_doc("build", "--area", "all", "--keep-figures", cwd=project)
    assert result.returncode == 2
    assert "--keep-figures: keeps the charts of one build" in result.stderr
    assert not (project / "out").exists()


def test_an_unknown_area_is_bad_input(project: Path) -> None:
    result = assessment_doc("build", "--area", "Swael", cwd=project)
    assert result.returncode == 2
    assert "--area: 'Swael' is not a district in the data (did you mean 'Swale'?)" in result.stderr


def next_year_rows(project: Path, factor: float = 1.05) -> None:
    """Append to every dataset synthetic rows a year on: each row's copy one year later, value
    scaled by ``factor``, wherever that row does not exist yet."""
    import csv

    from assessment_doc.periods import Period

    for path in sorted((project / "data").glob("*.csv")):
        with path.open(newline="", encoding="utf-8-sig") as stream:
            rows = list(csv.DictReader(stream))
        have = {(r["area"], str(Period.parse(r["period"])), r["measure"]) for r in rows}
        added = []
        for row in rows:
            period = str(Period.parse(row["period"]).shift(1))
            if (row["area"], period, row["measure"]) in have:
                continue
            value = row["value"]
            if value not in ("[c]", "*"):
                number = float(value) * factor
                percent = "pct" in row["measure"] or "rate" in row["measure"]
                value = f"{min(number, 100.0):.1f}" if percent else f"{number:.0f}"
            added.append({**row, "period": period, "value": value})
        with path.open("a", newline="", encoding="utf-8") as stream:
            writer = csv.DictWriter(stream, fieldnames=["area", "area_type", "period", "measure", "value"])
            writer.writerows(added)


def test_new_year_starts_next_years_project_and_never_touches_this_one(project: Path, tmp_path: Path) -> None:
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    result = assessment_doc("new-year", ".", "-o", str(tmp_path / "next"), cwd=project)
    assert result.returncode == 0, result.stderr
    assert "Started Strategic Assessment 2017-18" in result.stdout
    assert "data/recorded_crime: 2015-10/2016-09 (October 2015 - September 2016)" in result.stdout
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before
    nxt = tmp_path / "next"
    settings = (nxt / "assessment.yaml").read_text()
    assert ("previous_priorities:\n- Violent Crime – Domestic Abuse\n- Violent Crime – Night-Time Economy\n"
            "- Substance Misuse\n- Reducing Re-offending\n- Road Safety (Killed or seriously injured)\n"
            "- Community Resilience\n") in settings
    check = assessment_doc("check", str(nxt), cwd=tmp_path)
    assert check.returncode == 2
    assert "data/recorded_crime.csv, column 'period': has no rows for period 2015-10/2016-09" in check.stderr
    next_year_rows(nxt)
    built = assessment_doc("build", str(nxt), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    from clients import pdf_text

    text = pdf_text(nxt / "out" / "strategic-assessment-2017-18-appendix-1.pdf", "-raw")
    assert "Strategic Assessment 2017-18 Appendix 1" in " ".join(text.split())  # however broken
    assert "9,637" in text  # Maidstone's 9,178 offences, a synthetic 5% up
    changes = text.split("9.1 Recommendations")[-1].replace("\n", " ")
    assert "Kept from the previous assessment:" in changes and "Community Resilience" in changes


def test_new_year_refuses_a_folder_in_use(project: Path, tmp_path: Path) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "x.txt").write_text("mine")
    result = assessment_doc("new-year", ".", "-o", str(tmp_path / "busy"), cwd=project)
    assert result.returncode == 2
    assert "the folder already exists and is not empty" in result.stderr
    assert (tmp_path / "busy" / "x.txt").read_text() == "mine"


def test_check_reports_every_problem_at_once_and_writes_nothing(project: Path) -> None:
    """A broken data row, a misspelt placeholder and a rule that tries to run code: all three
    reported together, each with its file, line and what is wrong, and nothing else."""
    csv = project / "data" / "recorded_crime.csv"
    lines = csv.read_text().splitlines()
    lines[3] = ",".join(lines[3].split(",")[:4] + ["lots"])
    csv.write_text("\n".join(lines) + "\n")
    narrative = project / "content" / "02-total-recorded-crime.md"
    text = narrative.read_text()
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "recorded_crime.focus.offences.value" in row)
    narrative.write_text(text.replace("recorded_crime.focus.offences.value", "recorded_crime.focus.offense.value", 1))
    rules = project / "content" / "rules.yaml"
    text = rules.read_text()
    condition = "domestic_abuse.focus.incidents.rank_highest_first <= high_rank"
    rule_line = text.splitlines().index("    condition: >-") + 1  # the first rule's condition
    assert text.splitlines()[rule_line] == f"      {condition}"
    hostile = "__import__('pathlib').Path('pwned').touch() == 0"
    rules.write_text(text.replace(condition, hostile, 1))
    result = assessment_doc("check", cwd=project)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "3 problem(s) found; nothing was written.",
        "  data/recorded_crime.csv, row 3, line 4, column 'value': 'lots' is not a number "
        "(expected a number as published, e.g. 9178 or 56.7, or [c] if suppressed at source)",
        f"  content/rules.yaml, line {rule_line}, column 'condition': rule 'domestic_abuse': "
        "calling a function is not allowed in a condition (found "
        "__import__('pathlib').Path('pwned').touch()) (expected comparisons (< <= > >= == !=), "
        "and/or/not, + - * /, numbers, fact names such as asb.focus.incidents.pct_change, "
        "themes.<id> and threshold names)",
        f"  content/02-total-recorded-crime.md, line {line}: unknown placeholder "
        "'recorded_crime.focus.offense'; did you mean 'recorded_crime.focus.offences'?",
    ]
    assert not (project / "out").exists()
    assert not list(project.parent.rglob("pwned"))  # the condition was read, never run


def test_decisions_placed_without_a_rules_file_are_a_problem(project: Path) -> None:
    (project / "content" / "rules.yaml").unlink()
    result = assessment_doc("check", cwd=project)
    assert result.returncode == 2
    assert ("content/rules.yaml: there is no rules file, so there are no decisions to place "
            "(expected content/rules.yaml)") in result.stderr
    assert not (project / "out").exists()


def test_explain_gives_each_priority_its_decision_rule_and_evidence(project: Path) -> None:
    result = assessment_doc("explain", cwd=project)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Anti-Social Behaviour (ASB): continued as a service (rule 'anti_social_behaviour', condition true)" in out
    assert "ASB incidents, yearly falls in a row: 2" in out
    assert "Reducing Re-offending: kept (rule 'reducing_reoffending', insufficient data)" in out
    assert "Community Resilience: added" in out
    assert out.rstrip().endswith(
        "1. Violent Crime (specifically Domestic Abuse and Night Time Economy)\n"
        "  2. Substance Misuse\n  3. Reduce Re-offending\n"
        "  4. Road Safety – Killed & Seriously Injured\n"
        "  5. Community Resilience (emerging issues around CSE, Prevent, Human Trafficking, "
        "Modern Slavery, SOC and Safeguarding)"
    )


def test_an_override_in_the_settings_is_applied_shown_and_logged(project: Path) -> None:
    settings = project / "assessment.yaml"
    settings.write_text(settings.read_text() + (
        "overrides:\n  Anti-Social Behaviour (ASB):\n    decision: keep\n"
        "    reason: The board wants another year of focus on ASB.\n"))
    result = assessment_doc("build", cwd=project)
    assert result.returncode == 0, result.stderr
    report = json.loads((project / "out" / "build-report.json").read_text())
    asb = next(d for d in report["decisions"] if d["rule"] == "anti_social_behaviour")
    assert asb["decision"] == "keep"
    assert asb["reason"] == "The board wants another year of focus on ASB."
    from clients import pdf_text

    text = pdf_text(project / "out" / "strategic-assessment-2016-17-appendix-1.pdf", "-raw")
    assert "Anti-Social Behaviour" in text.split("9.1 Recommendations")[-1]
