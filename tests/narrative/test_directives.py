"""Directives: '::: table <id>' and '::: figure <id>' become Placements at their lines."""

from __future__ import annotations

import pytest

from assessment_doc.model import Figure, Paragraph, Run, Section, Table
from assessment_doc.narrative import Placement, iter_placements, resolve_placements
from assessment_doc.narrative.directives import parse_directive

from .helpers import FILE, only_problem, problems_of, render_text

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 16


def test_directives_become_placements_with_their_file_lines():
    body = "Text.\n\n::: table crime_by_district\n\n## Trend\n\n:::  figure   crime_trend  \n"
    section = render_text(body).section
    assert section.children[1] == Placement("table", "crime_by_district", FILE, 7)
    assert section.children[2].children == (Placement("figure", "crime_trend", FILE, 11),)
    assert tuple(iter_placements(section)) == (
        Placement("table", "crime_by_district", FILE, 7),
        Placement("figure", "crime_trend", FILE, 11),
    )


def test_resolve_placements_swaps_in_the_real_table_and_figure():
    section = render_text("::: table t1\n\n## Sub\n\n::: figure f1").section

    def resolve(placement: Placement):
        if placement.kind == "table":
            return Table("Crime", (), (), id=placement.id)
        return Figure(PNG, "A chart", "Trend", id=placement.id)

    resolved = resolve_placements(section, resolve)
    assert resolved.children[0] == Table("Crime", (), (), id="t1")
    assert isinstance(resolved.children[1], Section)
    assert resolved.children[1].children == (Figure(PNG, "A chart", "Trend", id="f1"),)
    assert list(iter_placements(resolved)) == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("::: tabel crime_by_district",
         ("line 5: unknown directive 'tabel'; did you mean 'table'? "
         "(expected a paragraph of its own: '::: table <id>', '::: figure <id>', "
         "'::: recommendation <section id>' or '::: decisions priorities|changes|explanation')")),
        ("::: chart crime", ("line 5: unknown directive 'chart' (expected a paragraph of its own: "
         "'::: table <id>', '::: figure <id>', '::: recommendation <section id>' or "
         "'::: decisions priorities|changes|explanation')")),
        ("::: table", ("line 5: the directive '::: table' has no id "
         "(expected '::: table <id>', the id of a table spec)")),
        (":::", ("line 5: the directive ':::' does not say what to place "
         "(expected a paragraph of its own: '::: table <id>', '::: figure <id>', "
         "'::: recommendation <section id>' or '::: decisions priorities|changes|explanation')")),
        ("::: figure Crime-Trend", ("line 5: the figure id 'Crime-Trend' is not a snake_case name "
         "(expected lower case letters, digits and _ (crime_by_district))")),
        ("::: table a b", ("line 5: unexpected text after '::: table a': 'b' "
         "(expected a paragraph of its own: '::: table <id>', '::: figure <id>', "
         "'::: recommendation <section id>' or '::: decisions priorities|changes|explanation')")),
        ("Text\n::: table a", ("line 5: a directive must be a paragraph of its own, on one line "
         "(expected a blank line before and after '::: table <id>')")),
        ("- ::: table a", ("line 5: a table or figure directive cannot be inside a list or a "
         "quote (expected the directive as a paragraph of its own)")),
        ("> ::: figure a", ("line 5: a table or figure directive cannot be inside a list or a "
         "quote (expected the directive as a paragraph of its own)")),
    ],
)
def test_a_malformed_directive_is_an_error_at_its_line(body, message):
    assert only_problem(body) == f"{FILE}, {message}"


def test_every_malformed_directive_in_a_file_is_reported():
    body = "::: tabel a\n\n::: figure\n\nText.\n\n::: table Bad"
    assert [p.split(":")[0] for p in problems_of(body)] == [
        f"{FILE}, line 5", f"{FILE}, line 7", f"{FILE}, line 11"
    ]


def test_a_directive_made_by_a_placeholder_value_is_literal_text():
    section = render_text("{{ x }}", {"x": "::: table crime"}).section
    assert section.children == (Paragraph((Run("::: table crime"),)),)


def test_parse_directive_returns_a_placement():
    assert parse_directive("::: figure trend_2015", "f.md", 3) == Placement(
        "figure", "trend_2015", "f.md", 3
    )
