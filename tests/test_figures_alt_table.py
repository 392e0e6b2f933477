"""A chart's alt text names the table of the document that holds its figures ("The figures are
in Table 2."), by the number every format prints; a chart no table holds keeps the sentence
naming its dataset in the appendix of sources."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from bundled_build import BundledBuild, bundled_build
from clients import pdf_text

from assessment_doc.figures.alt_text import (
    holds_the_data,
    naming_the_table,
    sources_sentence,
    table_sentence,
)

RATE_CHART = {"kind": "ranked_bars", "dataset": "asb", "measure": "incidents", "show": "rate",
              "area_type": "district"}
COUNT_CHART = {"kind": "grouped_bars", "dataset": "road_collisions", "measure": "collisions",
               "area_type": "ward"}


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> BundledBuild:
    return bundled_build(tmp_path_factory)


@pytest.mark.parametrize(("chart", "table", "holds"), [
    (RATE_CHART, {"kind": "trend", "dataset": "asb", "measure": "incidents",
                  "area_type": "district", "rate": "per 1,000 pop."}, True),
    (RATE_CHART, {"kind": "district_comparison", "dataset": "asb", "measure": "incidents",
                  "area_type": "district", "columns": [{"show": "value"}, {"show": "rate"}]},
     True),
    (RATE_CHART, {"kind": "trend", "dataset": "asb", "measure": "incidents",
                  "area_type": "district", "rank": {"of": "current"}}, False),  # counts only
    (RATE_CHART, {"kind": "trend", "dataset": "crime", "measure": "incidents",
                  "area_type": "district", "rate": "per 1,000"}, False),
    (COUNT_CHART, {"kind": "trend", "dataset": "road_collisions", "measure": "collisions",
                   "area_type": "ward"}, True),
    (COUNT_CHART, {"kind": "trend", "dataset": "road_collisions", "measure": "collisions",
                   "area_type": "district"}, False),
    (COUNT_CHART, {"kind": "trend", "dataset": "road_collisions", "measure": "casualties",
                   "area_type": "ward"}, False),
])
def test_a_table_holds_a_charts_data_when_it_shows_its_values(chart: dict, table: dict,
                                                             holds: bool) -> None:
    assert holds_the_data(chart, table) is holds


def test_the_last_sentence_names_the_table_instead_of_the_appendix() -> None:
    alt = "Thanet had the highest (39.3). " + sources_sentence("ASB incidents.", "Information sources")
    assert alt.endswith("in the dataset \u2018ASB incidents\u2019, listed with its source in the "
                        "appendix Information sources.")
    assert naming_the_table(alt, "ASB incidents.", "Information sources", 6) == (
        "Thanet had the highest (39.3). The figures are in Table 6.")
    own = "A chart of ASB incidents, written by the analyst."
    assert naming_the_table(own, "ASB incidents.", "Information sources", 6) == own
    assert table_sentence(12) == "The figures are in Table 12."


def _alt_texts(docx: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    return re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', xml)


def test_the_bundled_charts_name_the_tables_the_pdf_captions_number(
        bundled: BundledBuild) -> None:
    texts = _alt_texts(bundled.docx.read_bytes())
    assert len(texts) == 5
    named = [re.search(r"The figures are in Table (\d+)\.$", text) for text in texts]
    numbers = [int(found.group(1)) if found else None for found in named]
    assert numbers[0] is not None and numbers[2] is not None and numbers[3] is not None
    assert numbers[1] is None and numbers[4] is None  # wards of no table; a table of counts
    assert all(text.endswith("appendix Information sources.")
               for text, number in zip(texts, numbers) if number is None)
    captions = {int(n): title for n, title in
                re.findall(r"^Table (\d+): (.*)$", pdf_text(bundled.pdf, "-raw"), re.MULTILINE)}
    assert captions[numbers[0]].startswith("Total recorded crime per 1,000 population")
    assert captions[numbers[2]].startswith("Anti-social behaviour incidents by district")
    assert captions[numbers[3]].startswith("Road traffic collisions in the Maidstone wards")
