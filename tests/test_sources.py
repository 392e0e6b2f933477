"""The appendix "Information sources": the content's own text, then one table row per dataset
with its source, what its figures are and its periods (listed or summarised); nothing written for
the data's maintainers."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from assessment_doc.builder import assemble
from assessment_doc.citations import CitedDatasets, fact_datasets, shows_rates
from assessment_doc.data import Datasets, load_datasets
from assessment_doc.data.manifest import DatasetSpec
from assessment_doc.errors import Problem
from assessment_doc.figures import load_figure_specs
from assessment_doc.model import (
    BulletList,
    Paragraph,
    Section,
    SectionKind,
    Table,
    iter_nodes,
    plain_text,
    runs,
)
from assessment_doc.narrative.content import ContentFile
from assessment_doc.narrative.placeholders import fill_placeholders
from assessment_doc.project import load_project
from assessment_doc.tables import load_table_specs
from assessment_doc.sources import (
    MAX_LISTED,
    dataset_table,
    information_sources,
    periods_covered,
    source_cell,
    what_cell,
    with_information_sources,
)

ROOT = Path(__file__).resolve().parents[1]
GOOD_DATA = Path(__file__).resolve().parent / "fixtures" / "good_data"


@pytest.fixture(scope="module")
def bundled_table() -> Table:
    return dataset_table(load_datasets(ROOT / "data"))


def _column(table: Table, title: str) -> dict[str, str]:
    """Each row's cell in the column ``title``, by the row's dataset title."""
    index = [column.title for column in table.columns].index(title)
    return {row.cells[0]: row.cells[index] for row in table.rows}


def test_the_table_has_a_row_per_dataset_in_the_manifest_order(bundled_table: Table) -> None:
    assert [column.title for column in bundled_table.columns] == [
        "Dataset", "Source", "What the figures are", "Periods covered"]
    titles = [row.cells[0] for row in bundled_table.rows]
    assert len(titles) == 21
    assert titles[:3] == ["Resident population", "Unemployment benefit claimants",
                          "Total recorded crime by district"]
    assert titles[-1] == "Charges for violence against the person"


def test_the_bundled_appendix_lists_each_period_of_each_dataset(bundled_table: Table) -> None:
    cells = _column(bundled_table, "Periods covered")
    assert cells["Unemployment benefit claimants"] == (
        "September 2014; August 2015; September 2015")
    assert cells["Road traffic collisions by district and ward"] == (
        "July 2011 - June 2012; July 2012 - June 2013; July 2013 - June 2014; "
        "July 2014 - June 2015")
    assert cells["Resident population"] == "2014"
    assert max(cell.count(";") + 1 for cell in cells.values()) == MAX_LISTED


def test_sources_are_cited_as_a_reader_would_read_them(bundled_table: Table) -> None:
    cells = _column(bundled_table, "Source")
    # the publisher is named once, not "Kent Police: Kent Police recorded crime ..."
    assert cells["Total recorded crime by district"] == (
        "Kent Police recorded crime, supplied by the Kent Community Safety Unit")
    # a publisher the citation does not name comes first
    assert cells["Unemployment benefit claimants"] == (
        "Office for National Statistics (NOMIS) and Department for Work and Pensions (DWP): "
        "NOMIS - JSA Claimant Count; DWP Stat-Xplore Universal Credit claimants")
    # the document does not name who supplied these: no publisher is claimed
    assert cells["Multi-Agency Risk Assessment Conference (MARAC) cases"] == (
        "Multi-Agency Risk Assessment Conference (MARAC) case figures")
    assert cells["Charges for violence against the person"] == (
        "Police outcomes for violence against the person offences")


def test_every_bundled_dataset_says_what_its_figures_are(bundled_table: Table) -> None:
    cells = _column(bundled_table, "What the figures are")
    labels_only = [title for title, cell in cells.items() if cell.count(" ") < 6]
    assert labels_only == []
    assert cells["Repeat victims of domestic abuse by district"] == (
        "The percentage of victims of domestic abuse in each district who were repeat victims, "
        "over each financial year, as published; the numbers of victims were not supplied.")


def test_no_maintainers_note_reaches_the_table(bundled_table: Table) -> None:
    """The manifest's notes and transcribed_from explain how the rows were read: none of their
    sentences, and none of the project's own words, is printed."""
    manifest = load_datasets(ROOT / "data").manifest
    printed = " ".join(cell for row in bundled_table.rows for cell in row.cells)
    written_for_makers = [text for spec in manifest.datasets
                          for text in (*spec.notes, spec.transcribed_from or "") if text]
    assert len(written_for_makers) > 40
    assert [text for text in written_for_makers if text[:40] in printed] == []
    for word in ("seed", "transcri", "stored", "filed under", "data quality report"):
        assert word not in printed.casefold(), word


def _spec(**fields: object) -> DatasetSpec:
    base: dict[str, object] = {"id": "crime", "file": "crime.csv", "title": "Crime",
                               "source": "Kent Police recorded crime",
                               "measures": {"offences": {"unit": "count", "label": "Offences"},
                                            "rate": {"unit": "rate_per_1000",
                                                     "label": "Rate per 1,000"}}}
    return DatasetSpec.model_validate(base | fields)


@pytest.mark.parametrize(("publisher", "cell"), [
    (None, "Kent Police recorded crime"),
    ("Kent Police", "Kent Police recorded crime"),
    ("KENT POLICE", "Kent Police recorded crime"),
    ("Home Office", "Home Office: Kent Police recorded crime"),
])
def test_the_publisher_is_named_before_a_source_that_does_not_name_it(
        publisher: str | None, cell: str) -> None:
    assert source_cell(_spec(publisher=publisher)) == cell


def test_without_a_description_the_measures_say_what_is_counted() -> None:
    assert what_cell(_spec()) == "Offences; Rate per 1,000"
    assert what_cell(_spec(description="Crimes recorded in the year.")) == (
        "Crimes recorded in the year.")


def test_the_bundled_appendix_is_the_content_text_then_the_table() -> None:
    document = assemble(load_project(ROOT)).document
    appendices = [block for block in document.children
                  if isinstance(block, Section) and block.kind is SectionKind.APPENDIX]
    assert [section.title for section in appendices] == ["Information sources", "Case studies"]
    sources = appendices[0]
    assert [child.title for child in sources.children if isinstance(child, Section)] == [
        "Kent Community Safety Unit crime data", "Kent Police intelligence analysis data",
        "Other data sources", "Datasets"]
    organisations = next(node for node in iter_nodes(sources) if isinstance(node, BulletList))
    assert len(organisations.items) == 13
    last = sources.children[-1]
    assert isinstance(last.children[0], Paragraph)
    assert plain_text(last.children[0].runs).startswith("Every figure in this assessment")
    assert isinstance(last.children[-1], Table) and len(last.children[-1].rows) == 20
    assert sum(isinstance(node, Table) for node in iter_nodes(sources)) == 1


def _appendix(title: str, *children: object, section_id: str | None = None) -> Section:
    return Section(title, tuple(children), kind=SectionKind.APPENDIX,  # type: ignore[arg-type]
                   id=section_id)


def test_the_table_joins_the_last_subsection_of_the_content_appendix() -> None:
    datasets = load_datasets(GOOD_DATA)
    intro = Paragraph(runs("Our sources."))
    sub = Section("Datasets", (Paragraph(runs("The table below.")),), level=2)
    cases = _appendix("Case studies", section_id="case_studies")
    placed = with_information_sources(
        [_appendix("Information sources", intro, sub, section_id="information_sources"), cases],
        datasets)
    assert [section.id for section in placed] == ["information_sources", "case_studies"]
    first, second = placed[0].children
    assert first == intro
    assert second.children[0] == sub.children[0]
    assert second.children[1] == dataset_table(datasets)
    assert placed[1] == cases


def test_a_content_appendix_without_subsections_ends_with_the_table() -> None:
    datasets = load_datasets(GOOD_DATA)
    intro = Paragraph(runs("Our sources."))
    (placed,) = with_information_sources(
        [_appendix("Where our figures come from", intro, section_id="information_sources")],
        datasets)
    assert placed.title == "Where our figures come from"
    assert placed.children == (intro, dataset_table(datasets))


def test_a_project_without_the_content_appendix_gets_it_generated_first() -> None:
    datasets = load_datasets(GOOD_DATA)
    cases = _appendix("Case studies", section_id="case_studies")
    placed = with_information_sources([cases], datasets)
    assert placed == [information_sources(datasets), cases]
    assert placed[0].title == "Information sources"
    assert isinstance(placed[0].children[-1], Table)


def test_eleven_years_of_quarters_are_summarised_not_listed(tmp_path: Path) -> None:
    """A growth-sized dataset (44 quarters): one line, not 44 labels in a cell taller than a
    page."""
    data = shutil.copytree(GOOD_DATA, tmp_path / "data")
    quarters = [f"{year:04d}-{month:02d}/{year:04d}-{month + 2:02d}"
                for year in range(2005, 2016) for month in (1, 4, 7, 10)]
    quarters = quarters[1:] + ["2016-01/2016-03"]  # April 2005 to March 2016
    lines = ["area,area_type,period,measure,value"]
    lines += [f"{area},district,{quarter},offences,{100 + i}" for i, quarter in enumerate(quarters)
              for area in ("Maidstone", "Swale")]
    (data / "recorded_crime.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    cells = _column(dataset_table(load_datasets(data)), "Periods covered")
    assert cells["Total recorded crime by district"] == (
        "44 periods of 3 months, from April 2005 - June 2005 to January 2016 - March 2016")
    assert cells["Integrated Offender Management cohort"] == "2015; September 2015"


@pytest.mark.parametrize(("written", "words"), [
    (["2015", "2014", "2014"], "2014; 2015"),
    ([f"{year}" for year in range(1916, 2016)], "100 years, from 1916 to 2015"),
    ([f"{year}-09" for year in range(2011, 2016)],
     "5 single months, from September 2011 to September 2015"),
    ([f"{year}-10/{year + 1}-09" for year in range(2010, 2015)] + ["2015-04/2015-09"],
     "6 periods, from October 2010 - September 2011 to April 2015 - September 2015"),
    (["2012", "2013-09", "2014-10/2015-09", "2015", "2016"],
     "5 periods, from 2012 to 2016"),
])
def test_periods_are_listed_up_to_four_then_summarised(written: list[str], words: str) -> None:
    assert periods_covered(written) == words


# --- only the datasets the built document cites ------------------------------------------------


def _listed(area: str | None = None) -> list[str]:
    """The dataset ids of the built document's dataset table, by their titles."""
    project = load_project(ROOT, area=area)
    ids = {spec.title: spec.id for spec in project.datasets.manifest.datasets}
    table = next(node for node in iter_nodes(assemble(project).document)
                 if isinstance(node, Table) and node.id == "information_sources")
    return [ids[row.cells[0]] for row in table.rows]


def test_the_bundled_table_lists_the_datasets_the_document_cites_and_no_other() -> None:
    """asb_headline (1.5's published headline) is quoted nowhere any more, so it is not a
    source; the IOM needs and the December charge rate, printed from data/ by the narrative,
    are."""
    manifest = [spec.id for spec in load_datasets(ROOT / "data").manifest.datasets]
    listed = _listed()
    assert "asb_headline" in manifest and "asb_headline" not in listed
    assert listed == [dataset for dataset in manifest if dataset != "asb_headline"]
    assert listed[:4] == ["population", "claimant_count", "recorded_crime", "crime_by_type"]
    assert listed[-2:] == ["iom_needs", "violence_charges"]


def test_another_areas_table_leaves_out_the_home_areas_datasets() -> None:
    """Built about Swale, the parts citing Maidstone-only data are left out, and so are their
    datasets. violence_charges is cited only by a paragraph the coverage leaves out; the IOM
    datasets only by a left-out subsection and by the re-offending rule's evidence, which the
    document does not print (Table 12 gives the rule's finding)."""
    listed = _listed("Swale")
    assert listed == ["population", "recorded_crime", "violent_crime", "domestic_abuse",
                      "domestic_abuse_repeat_victims", "asb", "road_collisions", "road_ksi"]
    datasets = load_datasets(ROOT / "data")
    without_swale = {dataset for dataset, frame in datasets.frames.items()
                     if "Swale" not in set(frame["area"])}
    assert {"crime_by_type", "violent_crime_wards", "marac", "one_stop_shop",
            "violence_charges", "claimant_count"} <= without_swale
    assert without_swale.isdisjoint(listed)
    assert not {"iom_offending", "iom_cost_of_offending", "iom_needs"} & set(listed)


@pytest.fixture(scope="module")
def bundled_datasets() -> Datasets:
    return load_datasets(ROOT / "data")


_TREE = {
    "asb": {"focus": {"incidents": {"value": 1925, "rate_per_1000": 11.2,
                                    "rate_rank_lowest_first": 3, "vs_kent": -15.3,
                                    "pct_change": -22.7}}},
    "marac": {"focus": {"cases": {"value": None}}},
    "violence_charges": {"focus": {"charged_or_summonsed_pct": {"value": 22.0}}},
    "settings": {"is_home_area": False},
}


def _read(cited: CitedDatasets, body: str) -> set[str]:
    context = cited.watch(_TREE)
    with cited.reading("part"):
        fill_placeholders(body, "content/x.md", context)
    return cited.of(["part"])


def test_only_the_branch_taken_cites(bundled_datasets: Datasets) -> None:
    body = ("{% if settings.is_home_area %}{{ violence_charges.focus.charged_or_summonsed_pct"
            ".value | percent }}{% else %}{{ asb.focus.incidents.pct_change | change }}"
            "{% endif %}")
    assert _read(CitedDatasets(bundled_datasets), body) == {"asb"}


def test_a_fact_asked_about_but_not_available_cites_nothing(bundled_datasets: Datasets) -> None:
    body = ("{% if marac.focus.cases.value is defined %}{{ marac.focus.cases.value | count }}"
            "{% endif %}")
    assert _read(CitedDatasets(bundled_datasets), body) == set()


@pytest.mark.parametrize(("derivation", "with_population"), [
    ("rate_per_1000", True), ("rate_rank_lowest_first", True), ("vs_kent", True),
    ("value", False), ("pct_change", False),
])
def test_a_rate_the_facts_work_out_cites_the_population(
        bundled_datasets: Datasets, derivation: str, with_population: bool) -> None:
    body = f"{{{{ asb.focus.incidents.{derivation} | number }}}}"
    expected = {"asb", "population"} if with_population else {"asb"}
    assert _read(CitedDatasets(bundled_datasets), body) == expected


def test_a_published_percentage_does_not_cite_the_population(bundled_datasets: Datasets) -> None:
    assert fact_datasets(("violence_charges", "focus", "charged_or_summonsed_pct", "vs_kent"),
                         {spec.id: spec for spec in bundled_datasets.manifest.datasets}) == {
        "violence_charges"}


def _content(file: str, body: str) -> ContentFile:
    return ContentFile(path=ROOT / file, file=file, title="T", order=1, id="t",
                       kind=SectionKind.NUMBERED, body=body, line_offset=0)


def test_a_file_the_preparation_drops_or_shortens_cites_only_what_is_filled_in(
        bundled_datasets: Datasets) -> None:
    """What the coverage leaves out is never filled in, so it cites nothing; what it fills in
    for its own warnings (a heading) is not the document's either."""
    cited = CitedDatasets(bundled_datasets)
    context = cited.watch(_TREE)

    def coverage(content: ContentFile) -> tuple[ContentFile | None, list[Problem]]:
        fill_placeholders("{{ violence_charges.focus.charged_or_summonsed_pct.value | percent }}",
                          content.file, context)  # a warning's heading
        if content.file == "content/dropped.md":
            return None, []
        kept = content.body.split("\n\n")[0]  # the second paragraph is left out
        return replace(content, body=kept), []

    prepare = cited.prepare(coverage)
    cited_body = ("{{ asb.focus.incidents.value | count }}\n\n"
                  "{{ violence_charges.focus.charged_or_summonsed_pct.value | percent }}")
    for file in ("content/kept.md", "content/dropped.md"):
        content, _ = prepare(_content(file, cited_body))
        if content is not None:
            fill_placeholders(content.body, content.file, context)
    cited.stop()
    fill_placeholders("{{ violence_charges.focus.charged_or_summonsed_pct.value | percent }}",
                      "content/x.md", context)  # after the content check: noted nowhere
    assert cited.of(["content/kept.md"]) == {"asb"}
    assert cited.of(["content/dropped.md"]) == set()


def test_without_a_list_of_cited_datasets_every_dataset_is_listed(
        bundled_datasets: Datasets) -> None:
    assert len(dataset_table(bundled_datasets).rows) == 21
    table = dataset_table(bundled_datasets, {"asb", "population"})
    assert [row.cells[0] for row in table.rows] == [
        "Resident population", "Anti-social behaviour incidents by district"]


def test_tables_and_figures_that_work_out_rates_cite_the_population() -> None:
    """A rate per 1,000 divides by the population, so a table or figure showing one (or ranking
    by one) draws on it; the claimant table's rate is published, and the road tables count."""
    tables = load_table_specs(ROOT / "content" / "tables.yaml")
    figures = load_figure_specs(ROOT / "content" / "figures.yaml")
    assert [i for i in tables if shows_rates(tables[i].model_dump())] == [
        "recorded_crime_by_district", "violent_crime_by_district", "domestic_abuse_by_district",
        "asb_by_district"]
    assert [i for i in figures if shows_rates(figures[i].model_dump())] == [
        "recorded_crime_rate_by_district", "asb_by_district", "road_ksi_by_district"]
