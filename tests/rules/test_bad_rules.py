"""Malformed rules files: each fixture in tests/fixtures/rules/bad/ ends with the exact problems
it must give (file, line, column, rule id, message and what was expected)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment_doc.errors import InputError
from assessment_doc.rules import load_rules, read_rules

from .helpers import BAD, FIXTURE_FACTS, FIXTURE_SECTIONS, FIXTURES

MARK = "# expected problems (file, line, column: message (expected …)):"
BAD_FILES = sorted(BAD.glob("*.yaml"))


def expected_problems(path: Path) -> list[str]:
    """The problems written after the marker: each starts 'content/rules.yaml,'; other comment
    lines continue the one before."""
    text = path.read_text(encoding="utf-8")
    lines = [line[2:] for line in text[text.index(MARK) + len(MARK):].strip().splitlines()]
    problems: list[str] = []
    for line in lines:
        if line.startswith("content/rules.yaml,"):
            problems.append(line)
        else:
            problems[-1] += "\n" + line
    return problems


def test_there_are_at_least_ten_malformed_files() -> None:
    assert len(BAD_FILES) >= 10


@pytest.mark.parametrize("path", BAD_FILES, ids=[p.stem for p in BAD_FILES])
def test_a_malformed_rules_file_gives_its_exact_problems(path: Path) -> None:
    with pytest.raises(InputError) as raised:
        load_rules(path, FIXTURE_FACTS, section_ids=FIXTURE_SECTIONS)
    assert [str(problem) for problem in raised.value.problems] == expected_problems(path)


def test_every_problem_names_the_file_and_a_line() -> None:
    for path in BAD_FILES:
        with pytest.raises(InputError) as raised:
            load_rules(path, FIXTURE_FACTS, section_ids=FIXTURE_SECTIONS)
        for problem in raised.value.problems:
            assert problem.file == "content/rules.yaml"
            assert problem.line is not None, (path.name, str(problem))


def test_a_problem_inside_a_rule_names_the_rule() -> None:
    for path in BAD_FILES:
        lines = path.read_text(encoding="utf-8").splitlines()
        rules_line = lines.index("rules:") + 1
        with pytest.raises(InputError) as raised:
            load_rules(path, FIXTURE_FACTS, section_ids=FIXTURE_SECTIONS)
        for problem in raised.value.problems:
            inside = problem.line is not None and problem.line > rules_line
            if inside and "not valid YAML" not in problem.message:
                assert problem.message.startswith("rule "), (path.name, str(problem))


def test_the_good_fixture_loads() -> None:
    rules = load_rules(FIXTURES / "good.yaml", FIXTURE_FACTS, section_ids=FIXTURE_SECTIONS)
    assert [rule.id for rule in rules] == [
        "asb", "substance_misuse", "reoffending", "community_resilience"]


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    text = (FIXTURES / "good.yaml").read_text(encoding="utf-8")
    text = text.replace("falls_needed\n", "falls_neede\n").replace(
        "decision: remove, text: Substance", "decision: drop, text: Substance").replace(
        "human_trafficking + themes", "human_traffic + themes")
    with pytest.raises(InputError) as raised:
        read_rules(text, FIXTURE_FACTS)
    assert [str(p) for p in raised.value.problems] == [
        ("content/rules.yaml, line 14, column 'condition': rule 'asb': unknown threshold "
        "'falls_neede' (closest known: 'falls_needed') (expected a threshold declared under "
        "'thresholds:' at the top of the file, or a fact's full dotted name)"),
        ("content/rules.yaml, line 38, column 'decision': rule 'substance_misuse': 'decision' is "
        "'drop' (expected one of keep, add, remove, continue_as_service)"),
        ("content/rules.yaml, line 54, column 'condition': rule 'community_resilience': unknown "
        "theme 'themes.human_traffic' (closest known: 'themes.human_trafficking') (expected a "
        "theme declared under 'themes:' at the top of the file)"),
    ]


def test_a_missing_rules_file_is_a_problem(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        load_rules(tmp_path / "rules.yaml", FIXTURE_FACTS)
    assert str(raised.value) == (
        "content/rules.yaml: the rules file is missing (expected a file content/rules.yaml "
        "(see the rules documentation))")


def test_a_rules_file_that_is_not_utf8_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_bytes(b"rules:\n  - id: caf\xe9\n")
    with pytest.raises(InputError) as raised:
        load_rules(path, FIXTURE_FACTS)
    assert raised.value.problems[0].file == "content/rules.yaml"
