"""The shape of a data CSV: header, rows numbered as a clerk sees them, lines of the file."""

from __future__ import annotations

from assessment_doc.data.csv_file import read_csv_text
from assessment_doc.data.text_files import decode_utf8

HEADER = "area,area_type,period,measure,value\n"
ROW = "Maidstone,district,2015,offences,9178\n"


def shapes(text: str):
    table = read_csv_text(text, "data/x.csv")
    return [(r.row, r.line, r.cells["value"]) for r in table.rows], [str(p) for p in table.problems]


def test_rows_are_numbered_from_one_after_the_header():
    assert shapes(HEADER + ROW + ROW.replace("9178", "1")) == ([(1, 2, "9178"), (2, 3, "1")], [])


def test_blank_and_all_empty_lines_are_skipped_and_not_counted():
    text = HEADER + "\n" + ROW + ",,,,\n  \n" + ROW.replace("9178", "2") + "\n\n\n"
    assert shapes(text) == ([(1, 3, "9178"), (2, 6, "2")], [])


def test_windows_line_endings_and_spaces_around_cells_are_tolerated():
    text = "area, area_type ,period,measure,value\r\n Maidstone ,district,2015,offences, 9178 \r\n"
    table = read_csv_text(text, "data/x.csv")
    assert table.rows[0].cells == {"area": "Maidstone", "area_type": "district",
                                   "period": "2015", "measure": "offences", "value": "9178"}


def test_a_quoted_cell_over_two_lines_keeps_later_lines_right():
    text = HEADER + '"High\nStreet",ward,2015,offences,3\n' + ROW
    assert shapes(text)[0] == [(1, 2, "3"), (2, 4, "9178")]


def test_empty_cells_after_the_fifth_are_ignored():
    assert shapes(HEADER.rstrip() + ",,\n" + ROW.rstrip() + ",\n") == ([(1, 2, "9178")], [])


def test_a_bom_is_dropped_before_the_header():
    text = decode_utf8(b"\xef\xbb\xbf" + (HEADER + ROW).encode(), "data/x.csv")
    assert shapes(text) == ([(1, 2, "9178")], [])


def test_bytes_that_are_not_utf8_are_located_by_offset_and_line():
    problem = decode_utf8(b"\xef\xbb\xbf" + HEADER.encode() + b"Caf\xe9", "data/x.csv")
    assert str(problem) == (
        "data/x.csv, line 2: is not UTF-8 text: byte 0xE9 at byte offset 42 cannot be read "
        "(expected a file saved as UTF-8 (in Excel: Save As 'CSV UTF-8'))"
    )


def test_control_characters_stay_in_their_cell_for_the_row_checks():
    text = HEADER + ROW + "Maid\x00stone,district,2015,offences,1\n"
    assert shapes(text) == ([(1, 2, "9178"), (2, 3, "1")], [])


def test_a_stray_quote_is_reported_where_it_is():
    assert shapes(HEADER + 'Maidstone,dis"trict,2015,offences,1\n')[1] == []
    assert shapes(HEADER + '"Maidstone"x,district,2015,offences,1\n')[1] == [
        "data/x.csv, line 2: cannot be read as CSV: ',' expected after '\"' "
        "(expected comma-separated values, with quotes only around whole cells)"
    ]


# --- read column by column -------------------------------------------------------------------

from hypothesis import given, settings
from hypothesis import strategies as st

from assessment_doc.data import csv_file
from assessment_doc.data.csv_file import COLUMNS, read_csv_columns


def as_rows(text: str):
    """What read_csv_columns gives, in the form of read_csv_text's rows and problems."""
    table = read_csv_columns(text, "data/x.csv")
    rows = [(int(table.rows[i]), int(table.lines[i]), {c: table.cells[c][i] for c in COLUMNS})
            for i in range(len(table))]
    return rows, [str(p) for p in table.problems]


def as_text_rows(text: str):
    table = read_csv_text(text, "data/x.csv")
    return [(r.row, r.line, r.cells) for r in table.rows], [str(p) for p in table.problems]


pieces = st.sampled_from([
    "Maidstone", " Swale ", "ward", "2015", "offences", "9178", "", " ", "\xa0", "\u2003x",
    ",", ",", ",", ",", "\n", "\n", "\r\n", "\r", '"', '"a,b"', "\x1c", "x" * 40,
])


@settings(max_examples=300, deadline=None)
@given(body=st.lists(pieces, max_size=40), header=st.sampled_from(
    [HEADER, "\n" + HEADER, " area , area_type,period,measure,value,,\r\n", "a;b\n", ""]),
    chunk=st.sampled_from([1, 5, 64, 2**20]))
def test_read_column_by_column_gives_the_rows_and_problems_of_the_csv_module(
    body: list[str], header: str, chunk: int
) -> None:
    text = header + "".join(body)
    original, csv_file._CHUNK = csv_file._CHUNK, chunk
    try:
        assert as_rows(text) == as_text_rows(text)
    finally:
        csv_file._CHUNK = original


def test_a_large_simple_file_is_read_a_chunk_at_a_time_with_lines_and_rows_in_step():
    lines = [f"Ward {i},ward,2015,offences,{i}" if i % 1000 else "" for i in range(60_000)]
    text = HEADER + "\n".join(lines) + "\n,,,,\nBad,row\n" + ROW
    rows, problems = as_rows(text)
    assert len(rows) == 59_940 + 1  # 60 blank lines skipped, one bad row reported
    assert rows[0] == (1, 3, {"area": "Ward 1", "area_type": "ward", "period": "2015",
                              "measure": "offences", "value": "1"})
    assert rows[-1][:2] == (59_942, 60_004)
    assert problems == ["data/x.csv, row 59941, line 60003: has 2 cells instead of 5 (expected "
                        "5 cells: area,area_type,period,measure,value)"]
    assert (rows, problems) == as_text_rows(text)


def test_a_cell_beyond_the_csv_modules_field_limit_is_still_reported_by_it():
    text = HEADER + "x" * 200_000 + ",ward,2015,offences,1\n"
    assert as_rows(text)[1] == ["data/x.csv, line 2: cannot be read as CSV: field larger than "
                                "field limit (131072) (expected comma-separated values, with "
                                "quotes only around whole cells)"]


def test_the_white_space_strip_removes_is_every_character_isspace_is_true_of():
    import sys

    assert csv_file._SPACES == tuple(chr(c) for c in range(sys.maxunicode + 1)
                                     if chr(c).isspace() and chr(c) != "\n")
