"""Variant projects: the bundled project changed by a data or settings edit, built, and read back
as a reader's clients read it (pdftotext of the PDF, the paragraphs and cells of the .docx).

The tests in this folder assert the *sentences* of the built document are true for the new data,
not only its figures.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from bundled_build import copy_bundled_project
from clients import pdf_text
from docx import Document as WordDocument

from assessment_doc.cli import main

Row = dict[str, str]


def variant_project(target: Path) -> Path:
    """A fresh copy of the bundled project's inputs at ``target``, to be edited by a test."""
    return copy_bundled_project(target)


def edit_rows(project: Path, dataset_file: str, edit: Callable[[Row], Row | None]) -> int:
    """Rewrite ``data/<dataset_file>`` row by row: ``edit`` returns the row (changed or not), or
    None to drop it. Returns how many rows ``edit`` changed or dropped."""
    path = project / "data" / dataset_file
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    kept: list[Row] = []
    changed = 0
    for row in rows:
        new = edit(dict(row))
        changed += new != row
        if new is not None:
            kept.append(new)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(kept)
    path.write_text(out.getvalue(), encoding="utf-8")
    return changed


def set_value(project: Path, dataset_file: str, *, area: str, period: str, measure: str,
              value: str) -> None:
    """Set one cell of a tidy CSV; fails the test when no row matches."""

    def edit(row: Row) -> Row:
        if (row["area"], row["period"], row["measure"]) == (area, period, measure):
            row["value"] = value
        return row

    assert edit_rows(project, dataset_file, edit) == 1, (dataset_file, area, period, measure)


def edit_settings(project: Path, **changes: object) -> None:
    """Change top-level keys of ``assessment.yaml``."""
    path = project / "assessment.yaml"
    settings = yaml.safe_load(path.read_text(encoding="utf-8"))
    settings.update(changes)
    path.write_text(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True),
                    encoding="utf-8")


@dataclass(frozen=True)
class Built:
    """What one build wrote, read back as text."""

    status: int
    out: Path
    pdf_text: str
    """pdftotext -layout of the PDF, whitespace squashed to single spaces."""
    docx_text: str
    """Every paragraph and table cell of the .docx, whitespace squashed to single spaces."""
    report: dict

    @property
    def warnings(self) -> list[str]:
        return [str(w.get("message", w)) if isinstance(w, dict) else str(w)
                for w in self.report.get("warnings", [])]


def _squash(text: str) -> str:
    return " ".join(text.split())


def docx_text(path: Path) -> str:
    """The text of a .docx as a reader sees it: paragraphs, then each table's cells."""
    document = WordDocument(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return _squash("\n".join(parts))


def build(project: Path, *arguments: str, out: Path | None = None) -> Built:
    """``assessment-doc build PROJECT -o OUT [arguments]``; the single .docx and .pdf in OUT read
    back as text."""
    out = out or project / "out"
    status = main(["build", str(project), "-o", str(out), *arguments])
    assert status == 0, f"build failed with status {status}"
    (pdf,) = sorted(out.glob("*.pdf"))
    (word,) = sorted(out.glob("*.docx"))
    (report_path,) = sorted(out.glob("build-report*.json"))  # -<area> after --area
    report = json.loads(report_path.read_text(encoding="utf-8"))
    return Built(status, out, _squash(pdf_text(pdf)), docx_text(word), report)
