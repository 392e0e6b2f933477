"""The bundled project builds the whole 2016-17 Appendix 1, read back by real clients."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from clients import libreoffice_to_pdf, pdf_info, pdf_text
from document_text import headings, missing_from, squash, table_cells

from assessment_doc.builder import Assembly, assemble
from assessment_doc.model import Document, Figure, Table, assign_numbers, iter_nodes
from assessment_doc.project import load_project
from assessment_doc.render import render_docx, render_pdf

REPOSITORY = Path(__file__).resolve().parents[1]

SEED_HEADINGS = [
    "1 Executive Summary",
    "1.1 What is a Strategic Assessment?",
    "1.2 Safer Maidstone Partnership",
    "1.3 Methodology",
    "1.4 Demographic and Economic Information",
    "1.5 Headline information aligned to key priorities",
    "2 Total Recorded Crime",
    "2.1 Total Recorded Crime in Maidstone, October 2014 to September 2015",
    "2.2 Total Recorded Crime in Kent, October 2014 to September 2015",
    "2.3 Volumes of Crime by Type",
    "3 Violent Crime (Night-Time Economy and Domestic Abuse)",
    "3.1 Total Violent Crime",
    "3.2 Levels of Violence in the borough wards, April 2015 to September 2015",
    "3.3 Violent crime – Night-Time economy",
    "3.4 Domestic Abuse",
    "3.5 Adolescent to Parent Violence (APV)",
    "4 Anti-Social Behaviour",
    "4.1 Anti-Social Behaviour in Maidstone",
    "5 Substance Misuse",
    "5.1 Substance Misuse in Maidstone",
    "5.2 Hospital Admissions as a result of Substance Misuse",
    "5.3 Substance Misuse SMP actions",
    "6 Reducing Re-Offending",
    "6.1 Availability of 'Proven adult reoffending' Data",
    "6.2 Integrated Offender Management (IOM)",
    "6.3 Reducing Re-Offending",
    "7 Road Safety",
    "7.1 Road Safety in Maidstone",
    "7.2 Categorisation",
    "7.3 Road Safety (killed or seriously injured) SMP Actions",
    "7.4 Subsidiary priority relating to Safeguarding",
    "8 Counter Terrorism and Extremism",
    "8.1 National Policy – PREVENT",
    "8.2 Channel - a Partnership Approach to Protecting Vulnerable People",
    "8.3 Counter Terrorism and Security Act 2015",
    "8.4 In respect of Prevent and Channel",
    "8.5 SMP actions Prevent",
    "9 Community Resilience",
    "9.1 Recommendations to the Safer Maidstone Partnership",
    "9.2 Further Information",
    "Appendix 1 – Information sources",
    "Appendix 2 – Case studies",
]

# Counts as the seed publishes them, one or more from each of its eleven tables.
SEED_COUNTS = {
    "claimant count (2.1)": ["1,171", "12,907", "751,795"],
    "recorded crime by district (2.2)": ["9,178", "5,040", "11,346", "89,643", "19,260", "108,903"],
    "crime by type (2.3)": ["8,483", "2,945", "2,643", "1,453", "9,410"],
    "violent crime by district (3.1)": ["2,943", "2,612", "4,024", "34,393", "31,644"],
    "domestic abuse (3.4)": ["2,278", "3,417", "23,465", "29,078"],
    "anti-social behaviour (4.1)": ["3,679"],
    "hospital admissions by ward (5.2)": ["121", "734"],
    "IOM cost of offending (6.2)": ["£316,924", "£955,601", "£441,365"],
    "collisions by district (7.1)": ["709", "622", "5,985"],
    "collisions by ward (7.1)": ["113", "79", "78"],
    "KSI by district (7.1)": ["587", "667"],
}


@pytest.fixture(scope="module")
def assembly() -> Assembly:
    return assemble(load_project(REPOSITORY))


@pytest.fixture(scope="module")
def document(assembly: Assembly) -> Document:
    return assign_numbers(assembly.document)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory, document: Document) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("appendix")
    pdf, docx = folder / "appendix.pdf", folder / "appendix.docx"
    pdf.write_bytes(render_pdf(document))
    docx.write_bytes(render_docx(document))
    converted = folder / "libreoffice"
    converted.mkdir()
    return {"pdf": pdf, "docx": docx, "docx_pdf": libreoffice_to_pdf(docx, converted)}


def test_the_check_finds_no_problem_and_no_literal_figure(assembly: Assembly) -> None:
    # only the source's own totals that its parts do not add up to (disclosed in the tables)
    assert [(w.file, w.row) for w in assembly.warnings] == [
        ("data/violent_crime.csv", 25), ("data/iom_cost_of_offending.csv", 11),
        ("content/tables.yaml", None)]
    assert all(w.message.startswith(("data quality: ", "table 'iom_cost_of_offending': data "
                                     "quality: ")) for w in assembly.warnings)


def test_every_heading_of_the_seed_is_there_in_order(document: Document) -> None:
    number = re.compile(r"(\d+(\.\d+)? |Appendix \d)")
    assert [h for h in headings(document) if number.match(h)] == SEED_HEADINGS


def test_eleven_tables_of_the_seed_and_at_least_five_figures(document: Document) -> None:
    tables = [n for n in iter_nodes(document) if isinstance(n, Table)]
    figures = [n for n in iter_nodes(document) if isinstance(n, Figure)]
    assert len([t for t in tables if t.id not in ("information_sources", "recommendations_reached")]) == 11
    assert len(figures) >= 5


def test_the_pdf_holds_every_heading_table_cell_count_and_caption(document: Document, outputs: dict[str, Path]) -> None:
    raw = pdf_text(outputs["pdf"], "-raw")
    body = squash(raw[raw.index("1 Executive Summary\n", raw.index("Appendix 2 – Case studies")):])
    positions = [body.index(squash(heading)) for heading in SEED_HEADINGS]
    assert positions == sorted(positions)
    assert missing_from(raw, table_cells(document)) == []
    assert missing_from(raw, [count for counts in SEED_COUNTS.values() for count in counts]) == []
    captions = [n.label for n in iter_nodes(document) if isinstance(n, Figure)]
    assert missing_from(raw, captions) == []


def test_no_placeholder_or_unfinished_text_reaches_the_pdf(outputs: dict[str, Path]) -> None:
    text = pdf_text(outputs["pdf"])
    for marker in ("{{", "}}", "{%", "TODO", "lorem", "Lorem", ":::"):
        assert marker not in text


def test_libreoffice_reads_the_same_headings_and_counts(document: Document, outputs: dict[str, Path]) -> None:
    assert int(pdf_info(outputs["docx_pdf"])["Pages"]) > 20
    raw = pdf_text(outputs["docx_pdf"], "-raw")
    assert missing_from(raw, SEED_HEADINGS) == []
    assert missing_from(raw, [count for counts in SEED_COUNTS.values() for count in counts]) == []
    assert missing_from(raw, table_cells(document)) == []
