"""Leaving out the narrative that another district's data cannot support."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment_doc.coverage import Coverage, coverage, spec_datasets, text_gaps
from assessment_doc.data import load_datasets
from assessment_doc.narrative import ContentFile
from assessment_doc.model import SectionKind
from assessment_doc.omission import leave_out_uncovered

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def swale() -> Coverage:
    return coverage(load_datasets(DATA), "Swale")


def test_maidstone_is_covered_by_every_dataset() -> None:
    assert coverage(load_datasets(DATA), "Maidstone").complete


def test_swale_lacks_maidstone_only_data(swale: Coverage) -> None:
    assert "crime_by_type" in swale.no_focus_rows
    assert "marac" in swale.no_focus_rows
    assert "recorded_crime" not in swale.no_focus_rows
    assert set(swale.other_district) == {
        "violent_crime_wards", "hospital_admissions", "road_collisions",
        "iom_cohort", "iom_offending", "iom_cost_of_offending", "iom_needs",
    }


def test_a_district_row_of_a_mixed_dataset_is_still_covered(swale: Coverage) -> None:
    assert swale.cited_gap("road_collisions", "focus") is None
    assert swale.cited_gap("road_collisions", "kent_districts") is None
    assert swale.cited_gap("road_collisions", "boxley") == "the wards or divisions of dataset road_collisions are Maidstone's"


def content(body: str) -> ContentFile:
    return ContentFile(Path("content/02-x.md"), "content/02-x.md", "Crime", 2, "x",
                       SectionKind.NUMBERED, body, 4)


FACTS = {
    "recorded_crime.focus.offences.value": 9533,
    "recorded_crime.focus.offences.previous": None,
    "crime_by_type.maidstone.all_crime.value": 9178,
}


def no_placements(kind: str, spec_id: str) -> list[tuple[str, bool]]:
    return [("crime_by_type", False)] if spec_id == "crime_by_type" else [("recorded_crime", False)]


def gaps(cover: Coverage):
    return lambda text: text_gaps(text, cover, FACTS, no_placements,
                                  home_names={"recorded_crime.focus.offences.rate_rank"})


def test_only_the_sentence_citing_missing_data_goes_keeping_line_numbers(swale: Coverage) -> None:
    body = ("## Crime in {{ settings.area }}\n"
            "We had {{ recorded_crime.focus.offences.value | count }} crimes. That was\n"
            "{{ recorded_crime.focus.offences.previous | count }} before. This is typed. We rank\n"
            "{{ recorded_crime.focus.offences.rate_rank | ordinal }}. The end\n"
            "{{ recorded_crime.kent.offences.value | count }}.\n"
            "\n"
            "after")
    kept, warnings = leave_out_uncovered(content(body), gaps(swale),
                                         printed=lambda text: text.replace(
                                             "{{ settings.area }}", "Swale"))
    assert kept is not None
    assert kept.body.split("\n") == [
        "## Crime in {{ settings.area }}",
        "We had {{ recorded_crime.focus.offences.value | count }} crimes. The end "
        "{{ recorded_crime.kent.offences.value | count }}.", "", "", "", "", "after"]
    assert [str(w) for w in warnings] == [
        "content/02-x.md, line 5: subsection 'Crime in Swale': left out 3 sentences (line 6): "
        "recorded_crime.focus.offences.previous is not available for Swale; "
        "recorded_crime.focus.offences.rate_rank is not available for Swale"]


def test_a_table_goes_with_the_paragraph_introducing_it_the_district_table_stays(
        swale: Coverage) -> None:
    body = ("## Kent\n"
            "The table below compares districts.\n"
            "\n"
            "::: table recorded_crime_by_district\n"
            "## Types\n"
            "The table below shows the types of crime.\n"
            "\n"
            "A typed paragraph about something else.\n"
            "\n"
            "::: table crime_by_type\n"
            "\n"
            "Burglary fell by {{ crime_by_type.focus.burglary.pct_change | change }}.\n"
            "\n"
            "- a list of typed points\n"
            "\n"
            "Still {{ recorded_crime.focus.offences.value | count }} crimes.\n")
    kept, warnings = leave_out_uncovered(content(body), gaps(swale))
    assert kept is not None
    lines = kept.body.split("\n")
    assert lines[:4] == ["## Kent", "The table below compares districts.", "",
                         "::: table recorded_crime_by_district"]
    assert [line for line in lines[4:] if line] == [
        "## Types", "A typed paragraph about something else.", "- a list of typed points",
        "Still {{ recorded_crime.focus.offences.value | count }} crimes."]
    assert len(lines) == len(body.split("\n"))
    assert [str(w) for w in warnings] == [
        "content/02-x.md, line 9: subsection 'Types': left out the table on line 14, the "
        "paragraph introducing it (line 10), a paragraph (line 16): "
        "dataset crime_by_type has no rows for Swale"]


def test_a_subsection_left_with_no_data_goes_whole_with_its_typed_commentary(
        swale: Coverage) -> None:
    body = ("Opening text.\n"
            "## Types\n"
            "Burglary fell by {{ crime_by_type.focus.burglary.pct_change | change }}.\n"
            "\n"
            "Typed commentary on the burglary figures.\n"
            "### Definition\n"
            "Burglary is defined as: entering a building as a trespasser.\n"
            "{% if settings.is_home_area %}\n"
            "## Our actions\n"
            "Typed.\n"
            "{% endif %}\n")
    kept, warnings = leave_out_uncovered(content(body), gaps(swale))
    assert kept is not None
    assert [line for line in kept.body.split("\n") if line] == [
        "Opening text.", "{% if settings.is_home_area %}", "## Our actions", "Typed.",
        "{% endif %}"]
    assert [str(w) for w in warnings] == [
        "content/02-x.md, line 6: subsection 'Types' left out: "
        "dataset crime_by_type has no rows for Swale"]


def test_a_list_goes_with_the_paragraph_leading_into_it(swale: Coverage) -> None:
    body = ("## Headlines\n"
            "Typed.\n"
            "\n"
            "The headlines are:\n"
            "\n"
            "- crime by type {{ crime_by_type.focus.all_crime.value | count }}\n"
            "- our rank {{ recorded_crime.focus.offences.rate_rank | ordinal }}\n")
    kept, _ = leave_out_uncovered(content(body), gaps(swale))
    assert kept is None  # no item is left, nothing that cites data, and no other text


def test_a_file_with_nothing_left_is_left_out_named_as_printed(swale: Coverage) -> None:
    body = "We had {{ crime_by_type.focus.all_crime.value | count }} crimes.\n## A\n"
    kept, warnings = leave_out_uncovered(content(body), gaps(swale),
                                         printed=lambda title: title.upper())
    assert kept is None
    assert [str(w) for w in warnings] == [
        "content/02-x.md, line 5: section 'CRIME' left out: dataset crime_by_type has no rows "
        "for Swale"]


def test_a_whole_dataset_named_in_a_placeholder_is_a_gap(swale: Coverage) -> None:
    text = "The wards were {{ violent_crime_wards | top_areas('offences', 5) }}."
    assert text_gaps(text, swale, FACTS, no_placements) == [
        "the wards or divisions of dataset violent_crime_wards are Maidstone's"]
    assert text_gaps("The violent_crime_wards word in prose.", swale, FACTS, no_placements) == []


def test_spec_datasets_finds_nested_dataset_keys() -> None:
    spec = {"dataset": "domestic_abuse", "columns": [{"dataset": "domestic_abuse_repeat_victims"}]}
    assert spec_datasets(spec) == ["domestic_abuse", "domestic_abuse_repeat_victims"]


def test_what_uses_a_name_set_by_left_out_text_goes_with_it(swale: Coverage) -> None:
    body = ("## Wards\n"
            "Kept {{ recorded_crime.focus.offences.value | count }}.\n"
            "{% set top = violent_crime_wards | top_areas('offences', 3) %}\n"
            "{% if top %}\n"
            "The top wards were {{ top }}.\n"
            "{% endif %}\n"
            "\n"
            "Again {{ top }}, with {{ recorded_crime.focus.offences.value | count }}.\n")
    kept, warnings = leave_out_uncovered(content(body), gaps(swale))
    assert kept is not None
    assert [line for line in kept.body.split("\n") if line] == [
        "## Wards", "Kept {{ recorded_crime.focus.offences.value | count }}."]
    assert "top is not set, as what sets it is left out" in str(warnings[0])


def test_typed_names_of_another_districts_wards_are_a_gap(swale: Coverage) -> None:
    assert text_gaps("The figures for High Street ward are high.", swale, FACTS,
                     no_placements) == ["the text names Maidstone's wards (High Street)"]
    assert text_gaps("Boxley, Shepway South and Parkwood had none.", swale, FACTS,
                     no_placements) == [
        "the text names Maidstone's wards (Boxley, Shepway South, Parkwood)"]
    # one name without the word 'ward' is an everyday word; compass points never count
    assert text_gaps("A walk on the Heath.", swale, FACTS, no_placements) == []
    assert text_gaps("North Kent wards.", swale, FACTS, no_placements) == []
    assert coverage(load_datasets(DATA), "Maidstone").other_wards == {}


@pytest.mark.parametrize("area", ["Swale", "Medway"])
def test_every_bundled_file_keeps_its_line_count_for_another_area(area: str) -> None:
    from assessment_doc import builder
    from assessment_doc.narrative.content import load_content_file
    from assessment_doc.project import load_project

    project = load_project(DATA.parent, area=area)
    leave_out = builder._coverage_filter(project, builder._Resolver(project, None, None),
                                         builder.narrative_context(project))
    assert leave_out is not None
    for path in sorted(project.content_dir.glob("*.md")):
        content = load_content_file(path, project.root)
        kept, _ = leave_out(content)
        if kept is not None:
            assert kept.body.count("\n") == content.body.count("\n"), path.name


def test_a_part_that_kept_no_figures_goes_the_subsection_with_figures_stays(
        swale: Coverage) -> None:
    body = ("## Domestic abuse\n"
            "Typed definition.\n"
            "### Incidents\n"
            "We had {{ recorded_crime.focus.offences.value | count }}.\n"
            "### One-Stop Shops\n"
            "Shops offer advice. Ours is held at the Gateway.\n"
            "\n"
            "Visitors: {{ crime_by_type.focus.visitors.value | count }}.\n")
    kept, warnings = leave_out_uncovered(content(body), gaps(swale))
    assert kept is not None
    assert [line for line in kept.body.split("\n") if line] == [
        "## Domestic abuse", "Typed definition.", "### Incidents",
        "We had {{ recorded_crime.focus.offences.value | count }}."]
    assert [str(w) for w in warnings] == [
        "content/02-x.md, line 5: subsection 'Domestic abuse': left out a paragraph (line 12), "
        "the part 'One-Stop Shops' (line 9): dataset crime_by_type has no rows for Swale"]


def test_a_conditional_left_out_inside_a_paragraph_does_not_split_it(swale: Coverage) -> None:
    from assessment_doc.narrative.placeholders import narrative_environment

    body = ("Crime rose to {{ recorded_crime.focus.offences.value | count }}.\n"
            "{% if recorded_crime.focus.offences.value %}\n"
            "We rank {{ recorded_crime.focus.offences.rate_rank | ordinal }}.\n"
            "{% endif %}\n"
            "Kent had {{ recorded_crime.kent.offences.value | count }}.\n")
    kept, _ = leave_out_uncovered(content(body), gaps(swale))
    assert kept is not None
    assert kept.body.split("\n")[1:4] == ["{# left out #}"] * 3
    rendered = narrative_environment().from_string(kept.body.replace("{{", "{#").replace(
        "}}", "#}")).render()
    assert "\n\n" not in rendered  # still one paragraph


def test_a_list_loses_only_the_items_citing_missing_data_keeping_line_numbers(
        swale: Coverage) -> None:
    from assessment_doc.narrative.placeholders import narrative_environment

    body = ("## Headlines\n"
            "The headlines are:\n"
            "\n"
            "- **Crime**: {{ recorded_crime.focus.offences.value | count }} crimes, up from\n"
            "  {{ recorded_crime.kent.offences.value | count }}.\n"
            "- **Drugs**: {{ crime_by_type.focus.drug_offences.value | count }} offences,\n"
            "  typed words after it.\n"
            "- **Typed** point with no figure.\n"
            "- **Rank**: we rank {{ recorded_crime.focus.offences.rate_rank | ordinal }}.\n"
            "\n"
            "After the list.\n")
    kept, warnings = leave_out_uncovered(content(body), gaps(swale))
    assert kept is not None
    lines = kept.body.split("\n")
    assert len(lines) == len(body.split("\n"))
    assert lines[:5] == body.split("\n")[:5]  # the lead-in and the first item stay
    assert lines[5:9] == ["{# left out #}", "{# left out #}", "- **Typed** point with no figure.",
                          ""]
    assert lines[10] == "After the list."
    assert [str(w) for w in warnings] == [
        "content/02-x.md, line 5: subsection 'Headlines': left out 2 list items (line 10, "
        "line 13): dataset crime_by_type has no rows for Swale; "
        "recorded_crime.focus.offences.rate_rank is not available for Swale"]
    rendered = narrative_environment().from_string(kept.body.replace("{{", "{#").replace(
        "}}", "#}")).render()
    assert "- **Typed**" in rendered
    assert "\n\n-" not in rendered  # the items left stay one tight list


def test_a_nested_item_goes_with_its_sub_items_a_sub_item_alone_when_its_item_has_no_gap(
        swale: Coverage) -> None:
    body = ("## Headlines\n"
            "- Drugs {{ crime_by_type.focus.drug_offences.value | count }}:\n"
            "  - cannabis, typed\n"
            "  - {{ recorded_crime.focus.offences.value | count }} crimes\n"
            "- Crime {{ recorded_crime.focus.offences.value | count }}, by type:\n"
            "  - burglary {{ crime_by_type.focus.burglary.value | count }}\n"
            "  - typed, no figure\n"
            "- Types of crime:\n"
            "  - theft {{ crime_by_type.focus.theft.value | count }}\n"
            "  - robbery {{ crime_by_type.focus.robbery.value | count }}\n"
            "- Kent {{ recorded_crime.kent.offences.value | count }}\n")
    kept, warnings = leave_out_uncovered(content(body), gaps(swale))
    assert kept is not None
    assert [line for line in kept.body.split("\n") if line and line != "{# left out #}"] == [
        "## Headlines",
        "- Crime {{ recorded_crime.focus.offences.value | count }}, by type:",
        "  - typed, no figure",
        "- Kent {{ recorded_crime.kent.offences.value | count }}"]
    assert kept.body.count("\n") == body.count("\n")
    # the first item with both its sub-items; the burglary sub-item alone; the third item,
    # which only leads into sub-items that all went, with them
    assert "left out 3 list items (line 6, line 10, line 12): " \
           "dataset crime_by_type has no rows for Swale" in str(warnings[0])


def test_a_list_in_which_an_item_would_cut_a_condition_stays_one_piece(
        swale: Coverage) -> None:
    body = ("## Headlines\n"
            "Kept {{ recorded_crime.focus.offences.value | count }}.\n"
            "\n"
            "- Drugs {{ crime_by_type.focus.drug_offences.value | count }}{% if true %}\n"
            "- typed{% endif %}\n")
    kept, warnings = leave_out_uncovered(content(body), gaps(swale))
    assert kept is not None
    assert [line for line in kept.body.split("\n") if line] == [
        "## Headlines", "Kept {{ recorded_crime.focus.offences.value | count }}."]
    assert "left out a list (line 8)" in str(warnings[0])


def test_an_item_s_wrapped_line_starting_with_a_number_is_its_text_not_a_sub_item(
        swale: Coverage) -> None:
    body = ("## Roads\n"
            "- Road: {{ recorded_crime.focus.offences.value | count }} two years earlier (July\n"
            "  2013) and {{ crime_by_type.focus.ksi.value | count }} in the year between.\n"
            "- Kent {{ recorded_crime.kent.offences.value | count }}\n")
    kept, warnings = leave_out_uncovered(content(body), gaps(swale))
    assert kept is not None
    assert kept.body.split("\n")[1:4] == [
        "", "", "- Kent {{ recorded_crime.kent.offences.value | count }}"]
    assert "left out a list item (line 6)" in str(warnings[0])


def test_an_ordered_list_that_lost_its_first_items_still_counts_from_its_start(
        swale: Coverage) -> None:
    body = ("## Steps\n"
            "1. Drugs {{ crime_by_type.focus.drug_offences.value | count }}\n"
            "2. Crime {{ recorded_crime.focus.offences.value | count }}:\n"
            "   1. theft {{ crime_by_type.focus.theft.value | count }}\n"
            "   2. typed\n"
            "3. Kent {{ recorded_crime.kent.offences.value | count }}\n")
    kept, _ = leave_out_uncovered(content(body), gaps(swale))
    assert kept is not None
    assert [line for line in kept.body.split("\n") if line and line != "{# left out #}"] == [
        "## Steps", "1. Crime {{ recorded_crime.focus.offences.value | count }}:",
        "   1. typed", "3. Kent {{ recorded_crime.kent.offences.value | count }}"]


def test_a_loose_list_is_one_list_its_lead_in_stays_while_an_item_does(
        swale: Coverage) -> None:
    body = ("## Headlines\n"
            "The headlines are:\n"
            "\n"
            "- Drugs {{ crime_by_type.focus.drug_offences.value | count }}.\n"
            "\n"
            "  More typed words on drugs.\n"
            "\n"
            "- Crime {{ recorded_crime.focus.offences.value | count }}.\n"
            "\n"
            "After the list.\n")
    kept, warnings = leave_out_uncovered(content(body), gaps(swale))
    assert kept is not None
    assert [line for line in kept.body.split("\n") if line] == [
        "## Headlines", "The headlines are:",
        "- Crime {{ recorded_crime.focus.offences.value | count }}.", "After the list."]
    assert kept.body.count("\n") == body.count("\n")
    assert [str(w) for w in warnings] == [
        "content/02-x.md, line 5: subsection 'Headlines': left out a list item (line 8): "
        "dataset crime_by_type has no rows for Swale"]


def test_a_datasets_period_words_cite_it_as_a_whole(swale: Coverage) -> None:
    find = gaps(swale)
    # crime by type has no Swale rows: its period is not Swale's to speak of
    assert find("In {{ periods.crime_by_type.current }} we had") == [
        "dataset crime_by_type has no rows for Swale"]
    # road collisions has Swale's district rows (its wards are Maidstone's): the period is fine
    assert find("Between {{ periods.road_collisions.current_start }} and") == []
    # the words after 'periods.' are not read as a fact of an area called 'current'
    assert find("{{ periods.recorded_crime.current }}") == []


def test_period_words_alone_are_not_data_so_a_bare_part_still_goes(swale: Coverage) -> None:
    body = ("## Crime in {{ settings.area }}, {{ periods.recorded_crime.current }}\n"
            "Typed commentary on the crime types.\n"
            "\n"
            "Crime by type: {{ crime_by_type.focus.all_crime.value | count }}.\n")
    kept, warnings = leave_out_uncovered(content(body), gaps(swale))
    assert kept is None  # the heading's period words do not keep a subsection that lost its data
