"""Cross-references: ``[](#table:<id>)`` in the Markdown prints "Table 2", the number its table
has in this document, and links to it; an id that names no table (or one the document does not
place) is a content problem at its line; a sentence pointing at a table left out for another
area goes with the table."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment_doc.cli import main
from assessment_doc.model import (
    Column,
    Document,
    Figure,
    Metadata,
    Paragraph,
    Run,
    Section,
    Table,
    TableRow,
    assign_numbers,
    iter_nodes,
)

from narrative.helpers import first_block, only_problem
from variants.variant_build import build, variant_project


def _table(table_id: str) -> Table:
    return Table(f"Table {table_id}", (Column("Area"),), (TableRow(("Kent",)),), id=table_id)


def _figure(figure_id: str) -> Figure:
    return Figure(b"\x89PNG\r\n\x1a\n", f"a chart {figure_id}", f"Chart {figure_id}", id=figure_id)


def _references(document: Document) -> list[str]:
    return [run.text for node in iter_nodes(document) if isinstance(node, Paragraph)
            for run in node.runs if run.ref is not None]


def test_a_reference_without_words_is_an_empty_run_that_carries_its_target() -> None:
    paragraph = first_block("[](#table:recorded_crime) compares the districts.\n")
    assert paragraph.runs[0] == Run("", ref="table:recorded_crime")
    assert paragraph.runs[1].text == " compares the districts."


def test_a_reference_keeps_the_writers_words_and_format() -> None:
    paragraph = first_block("See **[the district table](#figure:asb_trend)**.\n")
    assert Run("the district table", strong=True, ref="figure:asb_trend") in paragraph.runs


def test_a_link_to_another_kind_of_target_is_a_problem_at_its_line() -> None:
    problem = only_problem("Text.\n\nSee [here](#section:2.1).\n")
    assert "line 7" in problem and "#section:2.1" in problem and "#table:<id>" in problem


def test_numbering_prints_each_reference_as_its_targets_number_forward_and_back() -> None:
    document = Document(Metadata("T"), (
        Section("One", children=(
            Paragraph((Run("", ref="figure:b"), Run(" and "), Run("", ref="table:y"))),
            _table("x"), _figure("a"), _table("y"), _figure("b"),
            Paragraph((Run("Back to "), Run("", ref="table:x"))),
        )),
    ))
    numbered = assign_numbers(document)
    assert _references(numbered) == ["Figure 2", "Table 2", "Table 1"]
    assert assign_numbers(numbered) == numbered  # idempotent


def test_numbering_keeps_words_and_renumbers_after_a_table_is_added() -> None:
    body = (Paragraph((Run("the table", ref="table:y"), Run(" and "), Run("", ref="table:y"))),
            _table("y"))
    numbered = assign_numbers(Document(Metadata("T"), (Section("One", children=body),)))
    assert _references(numbered) == ["the table", "Table 1"]
    grown = Document(Metadata("T"), (Section("One", children=(_table("x"), *body)),))
    assert _references(assign_numbers(assign_numbers(grown))) == ["the table", "Table 2"]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return variant_project(tmp_path_factory.mktemp("references") / "project")


def _replace_line(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_built_reference_reads_table_2_in_pdf_and_word(project: Path, tmp_path: Path) -> None:
    _replace_line(project / "content" / "02-total-recorded-crime.md",
                  "The table below compares", "[](#table:recorded_crime_by_district) compares")
    built = build(project, out=tmp_path / "out")
    sentence = "Table 2 compares the number of offences, and the rate per 1,000 residents"
    assert sentence in built.pdf_text
    assert sentence in built.docx_text
    assert "Table 2: " in built.pdf_text  # and that is the caption it points at


def test_unknown_and_unplaced_targets_are_problems_at_their_lines(
        project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "content" / "04-anti-social-behaviour.md"
    lines = path.read_text(encoding="utf-8").count("\n")
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\nSee [](#table:asb_by_distric) and [](#figure:nope).\n")
    try:
        status = main(["build", str(project), "-o", str(tmp_path / "bad")])
        err = capsys.readouterr().err
        assert status == 2
        assert f"content/04-anti-social-behaviour.md, line {lines + 2}: no table " \
               "'asb_by_distric' to refer to (did you mean 'asb_by_district'?)" in " ".join(
                   err.split())
        assert "no figure 'nope'" in err
        assert not (tmp_path / "bad").exists()
    finally:
        text = path.read_text(encoding="utf-8")
        path.write_text(text[: text.rindex("\nSee [](#table:")], encoding="utf-8")


def test_a_sentence_pointing_at_a_table_left_out_for_another_area_goes_with_it(
        project: Path, tmp_path: Path) -> None:
    _replace_line(project / "content" / "05-substance-misuse.md",
                  "The figures count admissions to hospital",
                  "[](#table:hospital_admissions_by_ward) shows the wards. The figures count "
                  "admissions to hospital")
    home = build(project, out=tmp_path / "home")
    assert "shows the wards." in home.pdf_text
    swale = build(project, "--area", "Swale", out=tmp_path / "swale")
    assert "shows the wards" not in swale.pdf_text
    assert "Table" not in swale.docx_text.split("shows the wards")[0][-12:]
