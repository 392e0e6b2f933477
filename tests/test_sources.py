"""The appendix "Information sources": one row per dataset, its periods listed or summarised."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assessment_doc.data import load_datasets
from assessment_doc.model import Table
from assessment_doc.sources import MAX_LISTED, information_sources, periods_covered

ROOT = Path(__file__).resolve().parents[1]
GOOD_DATA = Path(__file__).resolve().parent / "fixtures" / "good_data"


def _periods_cells(section) -> dict[str, str]:
    (table,) = [child for child in section.children if isinstance(child, Table)]
    return {row.cells[0]: row.cells[2] for row in table.rows}


def test_the_bundled_appendix_lists_each_period_of_each_dataset() -> None:
    cells = _periods_cells(information_sources(load_datasets(ROOT / "data")))
    assert cells["Unemployment benefit claimants"] == (
        "September 2014; August 2015; September 2015")
    assert cells["Road traffic collisions by district and ward"] == (
        "July 2011 - June 2012; July 2012 - June 2013; July 2013 - June 2014; "
        "July 2014 - June 2015")
    assert cells["Resident population"] == "2014"
    assert max(cell.count(";") + 1 for cell in cells.values()) == MAX_LISTED


def test_eleven_years_of_quarters_are_summarised_not_listed(tmp_path: Path) -> None:
    """A growth-sized dataset (44 quarters): one line, not 44 labels in a cell taller than a page."""
    data = shutil.copytree(GOOD_DATA, tmp_path / "data")
    quarters = [f"{year:04d}-{month:02d}/{year:04d}-{month + 2:02d}"
                for year in range(2005, 2016) for month in (1, 4, 7, 10)]
    quarters = quarters[1:] + ["2016-01/2016-03"]  # April 2005 to March 2016
    lines = ["area,area_type,period,measure,value"]
    lines += [f"{area},district,{quarter},offences,{100 + i}" for i, quarter in enumerate(quarters)
              for area in ("Maidstone", "Swale")]
    (data / "recorded_crime.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    cells = _periods_cells(information_sources(load_datasets(data)))
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
