"""The open data tables: the bundled Appendix's tables as an ODS workbook and CSV files, read back
with pandas and compared with the document model's tables, cell by cell."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from clients import libreoffice_to_pdf, pdf_info, pdf_text
from lxml import etree

import assessment_doc as ad
from assessment_doc.builder import build_document
from assessment_doc.errors import RenderError
from assessment_doc.model import (
    CellFormat,
    Column,
    Document,
    Metadata,
    Section,
    Table,
    TableRow,
    assign_numbers,
    iter_nodes,
)
from assessment_doc.project import load_project
from assessment_doc.render.open_data import render_csv, render_ods
from assessment_doc.values import SUPPRESSED, SUPPRESSED_NOTE

REPO = Path(__file__).resolve().parents[2]
TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
NOTE_MARKER = re.compile(r"\[note (\d+)\]")


@pytest.fixture(scope="module")
def document() -> Document:
    return assign_numbers(build_document(load_project(REPO)))


@pytest.fixture(scope="module")
def tables(document: Document) -> list[Table]:
    return [node for node in iter_nodes(document) if isinstance(node, Table)]


@pytest.fixture(scope="module")
def ods(document: Document) -> bytes:
    return render_ods(document)


@pytest.fixture(scope="module")
def sheets(ods: bytes) -> dict[str, pd.DataFrame]:
    return pd.read_excel(io.BytesIO(ods), engine="odf", sheet_name=None, header=None)


def printed_value(text: str, column: Column | None = None) -> object:
    """What a cell printed as ``text`` in the document should hold in the spreadsheet: the
    number it prints (without £, thousands separators, % or a plus sign), '[c]' as it is, and
    '[z]' for an empty cell; a text column's text as it is."""
    if text == "":
        return "[z]"
    if column is not None and column.format is CellFormat.TEXT:
        return text
    digits = text.replace("£", "").replace(",", "").replace("%", "").removeprefix("+")
    if re.fullmatch(r"-?\d+", digits):
        return int(digits)
    if re.fullmatch(r"-?\d+\.\d+", digits):
        return float(digits)
    return text


def header(column: Column) -> str:
    units = {CellFormat.GBP: "£", CellFormat.PERCENT: "%", CellFormat.CHANGE: "%"}
    unit = units.get(column.format)
    return column.title if unit is None or unit in column.title else f"{column.title} ({unit})"


def body(sheet: pd.DataFrame, table: Table) -> tuple[list[object], list[list[object]]]:
    """The header row and body rows of a table sheet (the header follows the title, the notes
    line and the source)."""
    start = 3 if table.source else 2
    rows = sheet.values.tolist()
    width = len(rows[start]) - sum(pd.isna(cell) for cell in rows[start])
    return rows[start][:width], [row[:width] for row in rows[start + 1:]]


# --- the table sheets --------------------------------------------------------------------------


def test_every_table_has_its_sheet_after_the_cover_contents_and_notes(sheets, tables) -> None:
    assert list(sheets) == ["Cover_sheet", "Table_of_contents", "Notes",
                            *(f"Table_{n}" for n in range(1, len(tables) + 1))]
    assert len(tables) == 13


def test_each_sheet_holds_its_tables_cells_as_the_document_prints_them(sheets, tables) -> None:
    for table in tables:
        sheet = sheets[f"Table_{table.number}"]
        assert sheet.iat[0, 0].startswith(table.label)
        if table.source:
            assert sheet.iat[2, 0] == f"Source: {table.source}"
        headers, rows = body(sheet, table)
        width = len(table.columns)
        assert headers[:width] == [header(column) for column in table.columns]
        assert len(rows) == len(table.rows)
        for row, printed in zip(rows, table.text_rows()):
            expected = [printed_value(text, column) for text, column in zip(printed, table.columns)]
            assert row[:width] == expected, table.label
            for cell, value in zip(row[:width], expected):  # pandas reads 1.0 back as 1
                assert isinstance(cell, str) == isinstance(value, str), (table.label, cell)


def test_figures_are_numbers_rounded_as_printed(sheets) -> None:
    headers, rows = body(sheets["Table_2"], Table("t", (), (), source="s"))
    maidstone = next(row for row in rows if row[0] == "Maidstone")
    assert maidstone[1:5] == [9178, 56.7, 59.0, 6]  # the model holds 56.7235…
    assert not any(isinstance(value, str) for value in maidstone[1:5])
    headers, rows = body(sheets["Table_8"], Table("t", (), (), source="s"))
    assert headers[1] == "Cost of crime, months before joining IOM (£)"
    assert rows[0][:4] == ["East Division", 316924, 123522, -193402]
    headers, rows = body(sheets["Table_1"], Table("t", (), (), source="s"))
    assert rows[0][:7] == ["Maidstone", 1171, 1.2, 12, 1.0, -86, -6.8]


def test_the_focus_area_is_a_column_not_bold(sheets, tables) -> None:
    for table in tables:
        headers, rows = body(sheets[f"Table_{table.number}"], table)
        if not any(row.emphasis for row in table.rows):
            assert "Focus area" not in headers
            continue
        assert headers[-1] == "Focus area"
        assert [row[-1] for row in rows] == ["Yes" if r.emphasis else "No" for r in table.rows]
    headers, rows = body(sheets["Table_7"], tables[6])
    assert rows[-1][0] == "Maidstone" and rows[-1][-1] == "Yes"
    assert [row[-1] for row in rows].count("Yes") == 1


def test_a_sub_category_names_its_category_in_a_column(sheets, tables) -> None:
    headers, rows = body(sheets["Table_3"], tables[2])
    assert headers[-1] == "Sub-category of"
    category = {row[0]: row[-1] for row in rows}
    assert category["Violence against the person"] == "Violent crime"
    assert category["Shoplifting"] == "Theft and handling"
    assert category["Violent crime"] == "[z]"
    assert category["All crime"] == "[z]"


def test_suppressed_cells_are_c_and_the_notes_explain_them(sheets, tables) -> None:
    headers, rows = body(sheets["Table_7"], tables[6])
    values = {row[0]: row[1] for row in rows}
    assert values["Leeds"] == "[c]" and values["Detling and Thurnham"] == "[c]"
    assert values["High Street"] == 121
    notes = note_texts(sheets)
    number = next(n for n, text in notes.items() if text == SUPPRESSED_NOTE)
    assert f"[note {number}]" in sheets["Table_7"].iat[0, 0]
    assert SUPPRESSED_NOTE in cover_lines(sheets)


def test_empty_cells_are_z_and_explained(sheets, tables) -> None:
    headers, rows = body(sheets["Table_2"], tables[1])
    kent = next(row for row in rows if row[0] == "Kent")
    assert kent[4] == "[z]"  # a county total is not ranked
    notes = note_texts(sheets)
    assert any(text.startswith("[z] Not applicable") for text in notes.values())
    assert any(line.startswith("[z] Not applicable") for line in cover_lines(sheets))


# --- cover, contents and notes -------------------------------------------------------------------


def cover_lines(sheets: dict[str, pd.DataFrame]) -> list[str]:
    return sheets["Cover_sheet"][0].tolist()


def after(lines: list[str], heading: str) -> str:
    return lines[lines.index(heading) + 1]


def note_texts(sheets: dict[str, pd.DataFrame]) -> dict[int, str]:
    rows = sheets["Notes"].values.tolist()
    assert rows[2] == ["Note number", "Note text", "Tables"]
    return {int(row[0].removeprefix("note ")): row[1] for row in rows[3:]}


def test_the_cover_sheet_says_what_when_who_and_where_from(sheets, tables) -> None:
    lines = cover_lines(sheets)
    assert lines[0] == "Strategic Assessment 2016-17: Appendix 1 – data tables"
    assert not any(pd.isna(line) for line in lines)  # no blank rows
    assert after(lines, "Partnership") == "Safer Maidstone Partnership"
    assert after(lines, "Area") == "Maidstone"
    assert after(lines, "Period covered").startswith("July 2011 - December 2015.")
    assert after(lines, "Published") == "1 March 2016"
    sources = list(dict.fromkeys(t.source for t in tables if t.source))
    start = lines.index("Sources") + 1
    assert lines[start:start + len(sources)] == sources
    assert lines[start + len(sources)] == "Shorthand"
    contact = after(lines, "Contact")
    assert "telephone 01622 602000" in contact and contact.endswith("www.maidstone.org.uk.")


def test_the_contents_lists_and_links_every_sheet(sheets, ods, tables) -> None:
    rows = sheets["Table_of_contents"].values.tolist()
    assert rows[2] == ["Sheet name", "Table title", "Source"]
    listed = rows[3:]
    assert listed[0][:2] == ["Notes", "Notes"]
    assert [row[:2] for row in listed[1:]] == [[f"Table_{t.number}", t.label] for t in tables]
    content = etree.fromstring(zipfile.ZipFile(io.BytesIO(ods)).read("content.xml"))
    contents = content.find(f".//{{{TABLE_NS}}}table[@{{{TABLE_NS}}}name='Table_of_contents']")
    links = [a.get("{http://www.w3.org/1999/xlink}href") for a in contents.iter(
        "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}a")]
    assert links == ["#Notes.A1", *(f"#Table_{t.number}.A1" for t in tables)]
    figures = content.find(f".//{{{TABLE_NS}}}table[@{{{TABLE_NS}}}name='Table_2']")
    cells = [cell.get("{urn:oasis:names:tc:opendocument:xmlns:office:1.0}value-type")
             for cell in figures.iter(f"{{{TABLE_NS}}}table-cell")]
    assert cells.count("float") == 15 * 3 + 12  # every figure; a total has no rank


def test_every_table_note_is_numbered_once_and_marked_in_its_tables_title(sheets, tables) -> None:
    notes = note_texts(sheets)
    assert list(notes) == list(range(1, len(notes) + 1))
    referring = {row[1]: row[2].split(", ") for row in sheets["Notes"].values.tolist()[3:]}
    for table in tables:
        title = sheets[f"Table_{table.number}"].iat[0, 0]
        marked = {notes[int(n)] for n in NOTE_MARKER.findall(title)}
        assert set(table.all_notes) <= marked, table.label
        for text in marked:
            assert f"Table_{table.number}" in referring[text]
    assert len(set(notes.values())) == len(notes)


def test_no_merged_cells_and_no_blank_rows_inside_a_table(sheets, ods, tables) -> None:
    content = zipfile.ZipFile(io.BytesIO(ods)).read("content.xml")
    assert b"covered-table-cell" not in content and b"number-columns-spanned" not in content
    for table in tables:
        headers, rows = body(sheets[f"Table_{table.number}"], table)
        assert not any(pd.isna(cell) for row in rows for cell in row)


def test_the_document_gives_the_same_bytes_whatever_ran_before(document, ods) -> None:
    import odf.chart  # noqa: F401  odfpy declares every namespace any element has used
    import odf.draw  # noqa: F401

    odf.draw.Frame()
    again = render_ods(document)
    assert again == ods
    package = zipfile.ZipFile(io.BytesIO(ods))
    assert package.namelist()[0] == "mimetype"
    assert package.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
    assert {info.date_time for info in package.infolist()} == {(2016, 3, 1, 0, 0, 0)}
    meta = package.read("meta.xml").decode()
    assert "<meta:creation-date>2016-03-01T00:00:00</meta:creation-date>" in meta
    assert "<dc:language>en-GB</dc:language>" in meta


def test_libreoffice_opens_the_workbook_one_page_a_sheet(ods, tables, tmp_path) -> None:
    """Calc (libreoffice-calc-nogui) reads the workbook and prints each sheet on one page, the
    figures in the document's number format."""
    workbook = tmp_path / "tables.ods"
    workbook.write_bytes(ods)
    pdf = libreoffice_to_pdf(workbook, tmp_path)
    assert pdf_info(pdf)["Pages"] == str(3 + len(tables))
    text = pdf_text(pdf, "-raw")
    assert "Table 7: Hospital admissions" in text
    assert "Leeds [c]" in text
    assert "Maidstone 1,171 1.2 12 1.0 -86 -6.8 Yes" in text
    assert "West Division 441,365 242,639 -198,726 18 Yes" in text


# --- CSV ---------------------------------------------------------------------------------------


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"))))


def test_csv_holds_each_table_with_the_documents_headers_and_plain_numbers(document, tables,
                                                                          sheets) -> None:
    files = render_csv(document)
    names = [name for name in files if re.fullmatch(r"-table-\d\d-[-a-z0-9]+\.csv", name)]
    assert len(names) == len(tables)
    assert names[1] == "-table-02-recorded-crime-by-district.csv"
    for name, table in zip(names, tables):
        rows = read_csv(files[name])
        ods_headers, ods_rows = body(sheets[f"Table_{table.number}"], table)
        assert rows[0] == ods_headers
        assert [[printed_value(text, table.columns[i]) if i < len(table.columns) else text
                 for i, text in enumerate(row)] for row in rows[1:]] == ods_rows
    crime = read_csv(files["-table-02-recorded-crime-by-district.csv"])
    assert crime[6][:3] == ["Maidstone", "9178", "56.7"]
    frame = pd.read_csv(io.BytesIO(files["-table-08-iom-cost-of-offending.csv"]))
    assert frame.iloc[0, 3] == -193402


def test_csv_notes_and_contents_match_the_workbook(document, sheets, tables) -> None:
    files = render_csv(document)
    notes = read_csv(files["-table-notes.csv"])
    assert notes[0] == ["Note number", "Note text", "Tables"]
    assert {int(row[0].removeprefix("note ")): row[1] for row in notes[1:]} == note_texts(sheets)
    contents = read_csv(files["-table-contents.csv"])
    assert [row[1] for row in contents[1:]] == [t.label for t in tables]
    assert contents[1][0] == "table-01-claimant-count.csv"
    assert render_csv(document) == files


# --- small tables and the API ---------------------------------------------------------------------


def test_a_changed_figure_changes_its_cell_and_an_empty_one_is_z() -> None:
    table = Table("Cases", (Column("Area"), Column("Cases", CellFormat.COUNT),
                            Column("Change", CellFormat.CHANGE)),
                  (TableRow(("North", 1234.4, -0.04)), TableRow(("South", SUPPRESSED, None)),
                   TableRow(("All", 2000, 12.75), emphasis=True)))
    document = Document(Metadata("Report", date="2017-03-01", area="North"),
                        (Section("Data", (table,)),))
    sheet = pd.read_excel(io.BytesIO(render_ods(document)), engine="odf",
                          sheet_name="Table_1", header=None).values.tolist()
    assert sheet[0][0] == "Table 1: Cases [note 1] [note 2] [note 3]"
    assert sheet[2][:4] == ["Area", "Cases", "Change (%)", "Focus area"]
    assert sheet[3][:4] == ["North", 1234, 0.0, "No"]  # -0.04 prints 0.0%
    assert sheet[4][:4] == ["South", "[c]", "[z]", "No"]
    assert sheet[5][:4] == ["All", 2000, 12.8, "Yes"]  # half up, as printed


def test_an_analysts_frame_gives_python_numbers_whatever_its_dtypes() -> None:
    frame = pd.DataFrame({"Ward": ["A", "B"], "Admissions": [12, 7],
                          "Rate": [1.25, float("nan")], "Year": [2014, 2015]})
    table = ad.table_from_frame(frame, caption="Wards", formats={"Admissions": "count",
                                                                 "Rate": "rate"})
    document = Document(Metadata("Report"), (Section("Data", (table,)),))
    files = render_csv(document)
    assert read_csv(files["-table-01-wards.csv"]) == [
        ["Ward", "Admissions", "Rate", "Year"], ["A", "12", "1.3", "2014"],
        ["B", "7", "[z]", "2015"]]
    sheet = pd.read_excel(io.BytesIO(render_ods(document)), engine="odf", sheet_name="Table_1",
                          header=None).values.tolist()
    assert sheet[3][:4] == ["A", 12, 1.3, 2014]


def test_build_writes_the_csv_files_beside_the_documents(tmp_path: Path) -> None:
    result = ad.build(load_project(REPO), tmp_path, formats=["ods", "csv"])
    stem = "strategic-assessment-2016-17-appendix-1"
    names = {path.name for path in result.paths}
    assert f"{stem}.ods" in names
    assert f"{stem}-table-07-hospital-admissions-by-ward.csv" in names
    assert f"{stem}-table-notes.csv" in names
    assert (tmp_path / f"{stem}-table-notes.csv").read_bytes().startswith(b"Note number,")
    with pytest.raises(RenderError, match="several files"):
        ad.to_bytes(build_document(load_project(REPO)), "csv")
