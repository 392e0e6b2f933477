"""No word of the project's own making reaches a reader.

The bundled Appendix is built once (tests/bundled_build.py) and read as its readers' tools read
it: the PDF through pdftotext and pdfinfo, the .docx part by part (body, footers, core properties,
the alternative text of its pictures), and the build report's strings written for people (the
decisions' texts and evidence, the warnings). Each is scanned for what belongs to the making of the
document and not to the document: the name of the published assessment the data were read from,
notes about transcription, test words, unfinished work, template and directive syntax, fact names
and snake_case ids where a title belongs.

The scan is shown to work by a copy of the project whose manifest puts such a word in a dataset's
reader-facing description (found, in both formats), and shown to be fair by the same copy's
maintainers' notes, which say it too but are never printed (not found).
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from bundled_build import REPOSITORY, BundledBuild, bundled_build, copy_bundled_project
from clients import pdf_info, pdf_text

from assessment_doc.builder import assemble
from assessment_doc.cli import main
from assessment_doc.data import load_datasets
from assessment_doc.project import load_project

WORD_NAMESPACE = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

MAKING_WORDS = {
    "the name of the source document": r"\bseed(?:s|ed)?\b",
    "transcription": r"\btranscri(?:bed|be|ption|ptions|bing)\b",
    "test words": r"\bfixtures?\b",
    "unfinished work": r"\b(?:TODO|FIXME|TBC|lorem ipsum)\b",
    "template syntax": r"\{\{|\}\}|\{%|%\}|\{#|#\}",
    "a directive": r":::",
    "a snake_case id": r"(?<![\w@/.:-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b",
}
"""What each kind of internal word looks like in text a reader sees."""


@dataclass(frozen=True)
class Finding:
    """One internal word, where it was found and the text around it."""

    where: str
    kind: str
    context: str

    def __str__(self) -> str:
        return f"{self.where}: {self.kind}: …{self.context}…"


def fact_name_pattern(dataset_ids: Iterable[str]) -> str:
    """A placeholder's or fact's name: a dataset id (or ``settings``) followed by a dot and a
    name (``asb.focus.…``); a web address (``www.maidstone.org.uk``) is not one."""
    roots = sorted({*dataset_ids, "settings", "decisions", "themes"}, key=len, reverse=True)
    return r"\b(?:" + "|".join(map(re.escape, roots)) + r")\.[a-z_]"


def internal_words(text: str, where: str, dataset_ids: Iterable[str],
                   kinds: Iterable[str] | None = None) -> list[Finding]:
    """Every internal word in ``text`` (of the ``kinds`` given, default all), with context."""
    patterns = dict(MAKING_WORDS, **{"a fact name": fact_name_pattern(dataset_ids)})
    chosen = patterns if kinds is None else {kind: patterns[kind] for kind in kinds}
    findings = []
    for kind, pattern in chosen.items():
        flags = re.IGNORECASE if kind in ("the name of the source document", "transcription",
                                          "test words") else 0
        for match in re.finditer(pattern, text, flags):
            context = " ".join(text[max(0, match.start() - 50):match.end() + 30].split())
            findings.append(Finding(where, kind, context))
    return findings


def pdf_reader_text(pdf: Path) -> str:
    """What a reader of the PDF sees as text: every page, and the properties a viewer shows."""
    info = pdf_info(pdf)
    properties = [info.get(key, "") for key in ("Title", "Subject", "Keywords", "Author")]
    return "\n".join([pdf_text(pdf, "-raw"), *properties])


def docx_reader_text(docx: Path) -> str:
    """What a reader of the .docx sees as text: every paragraph of the body, headers, footers
    and notes (runs joined as Word shows them), the pictures' alternative text and the core
    properties (title, subject, keywords)."""
    parts = []
    with zipfile.ZipFile(docx) as archive:
        for name in sorted(archive.namelist()):
            if name.startswith("word/") and name.endswith(".xml") and "/" not in name[5:]:
                root = ElementTree.fromstring(archive.read(name))
                parts += ["".join(t.text or "" for t in p.iter(f"{WORD_NAMESPACE}t"))
                          for p in root.iter(f"{WORD_NAMESPACE}p")]
                parts += [element.get(attribute) or "" for element in root.iter()
                          if element.tag.endswith("}docPr") for attribute in ("descr", "title")]
            elif name == "docProps/core.xml":
                parts += [element.text or "" for element in
                          ElementTree.fromstring(archive.read(name)).iter()]
    return "\n".join(parts)


WARNING_KINDS = ("the name of the source document", "transcription", "test words",
                 "unfinished work", "template syntax", "a directive")
"""What a warning must not hold either. A warning speaks to the clerk about the clerk's files,
so it may name them, their rows and keys, a table's id or a fact's name; never template text
where the reader would see a heading, nor the project's own words."""


def report_reader_strings(report: dict) -> list[str]:
    """The build report's decisions as written for people: each decision's priority, group,
    change, text and finding (its Table 12 row), the board's reason for an override, its
    evidence's labels and shown values. (Fact names, conditions, rule ids and the trace of an insufficient-data decision,
    which names the missing facts as 'missing' does, are for the analyst: not scanned.)"""
    strings = []
    for decision in report["decisions"]:
        strings += [decision.get(key) or "" for key in ("priority", "group", "change", "text",
                                                         "finding")]
        if decision["outcome"] == "override":
            strings.append(decision.get("reason") or "")
        strings += [str(item.get(key) or "") for item in decision["evidence"]
                    for key in ("label", "formatted")]
    return strings


@cache
def _bundled_ids() -> tuple[str, ...]:
    return tuple(spec.id for spec in load_datasets(REPOSITORY / "data").manifest.datasets)


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> BundledBuild:
    return bundled_build(tmp_path_factory)


# --- the scan itself ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "kind"), [
    ("Usual residents implied by the seed's rates", "the name of the source document"),
    ("Transcribed from section 2.2", "transcription"),
    ("the fixture document", "test words"),
    ("TODO: the 2017 figures", "unfinished work"),
    ("Crime in {{ settings.area }}", "template syntax"),
    ("{% if x %}rose{% endif %}", "template syntax"),
    ("::: table recorded_crime_by_district", "a directive"),
    ("dataset claimant_count has no rows", "a snake_case id"),
    ("see asb.focus.incidents.value", "a fact name"),
    ("in settings.area", "a fact name"),
])
def test_the_scan_finds_each_kind_of_internal_word(text: str, kind: str) -> None:
    found = {finding.kind for finding in internal_words(text, "here", ["asb", "claimant_count"])}
    assert kind in found


@pytest.mark.parametrize("text", [
    "www.maidstone.org.uk; community.safety@maidstone.gov.uk",
    "ASB fell. Population rose.",
    "Anti-social behaviour (ASB) incidents recorded by Kent Police over twelve months.",
    "a rate of 56.7 per 1,000 residents; £198,726; 26.0%",
])
def test_the_scan_leaves_a_readers_words_alone(text: str) -> None:
    assert internal_words(text, "here", ["asb", "population"]) == []


# --- the bundled build -------------------------------------------------------------------------


def test_the_bundled_pdf_holds_no_internal_word(bundled: BundledBuild) -> None:
    text = pdf_reader_text(bundled.pdf)
    assert "Information sources" in text and "Kent Police" in text  # the text was read
    assert [str(f) for f in internal_words(text, "pdf", _bundled_ids())] == []


def test_the_bundled_docx_holds_no_internal_word(bundled: BundledBuild) -> None:
    text = docx_reader_text(bundled.docx)
    assert "Information sources" in text and "Strategic Assessment" in text
    assert [str(f) for f in internal_words(text, "docx", _bundled_ids())] == []


def test_the_bundled_build_reports_no_internal_word(bundled: BundledBuild) -> None:
    report = json.loads(bundled.report.read_text(encoding="utf-8"))
    strings = report_reader_strings(report)
    assert len(report["decisions"]) >= 5 and len(strings) > 40
    findings = [str(f) for index, text in enumerate(strings)
                for f in internal_words(text, f"decision string {index}", _bundled_ids())]
    findings += [str(f) for index, text in enumerate(report["warnings"])
                 for f in internal_words(text, f"warning {index}", _bundled_ids(), WARNING_KINDS)]
    assert findings == []


# --- another area's warnings -------------------------------------------------------------------


@pytest.fixture(scope="module")
def swale_warnings() -> list[str]:
    return [str(w) for w in assemble(load_project(REPOSITORY, area="Swale")).warnings]


def test_another_areas_warnings_show_headings_as_printed(swale_warnings: list[str]) -> None:
    """A subsection left out is named by its heading as the reader would have seen it
    ('Road Safety in Swale'), never by its template text ('Road Safety in {{ settings.area }}')."""
    assert len(swale_warnings) >= 10
    assert any("'Road Safety in Swale'" in warning for warning in swale_warnings)
    assert [str(f) for warning in swale_warnings
            for f in internal_words(warning, "warning", _bundled_ids(), WARNING_KINDS)] == []


# --- the scan fails when the manifest lets an internal word through ---------------------------

LEAK = "MARAC case figures as quoted in the seed document."
UNPRINTED_NOTE = "Checked against the seed by hand, line by line."
UNPRINTED_ORIGIN = "Seed section 3.4, transcribed from the text."


def _leaky_project(target: Path) -> Path:
    """The bundled project whose MARAC description (printed) says 'seed', and whose recorded
    crime notes and transcribed_from (never printed) say it too."""
    project = copy_bundled_project(target)
    manifest_path = project / "data" / "datasets.yaml"
    manifest = yaml.safe_load(manifest_path.read_text(encoding="utf-8"))
    for entry in manifest["datasets"]:
        if entry["id"] == "marac":
            entry["description"] = LEAK
        if entry["id"] == "recorded_crime":
            entry["notes"] = [*entry.get("notes", []), UNPRINTED_NOTE]
            entry["transcribed_from"] = UNPRINTED_ORIGIN
    manifest_path.write_text(yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True),
                             encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def leaky_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    project = _leaky_project(tmp_path_factory.mktemp("leaky") / "project")
    out = project / "out"
    assert main(["build", str(project), "-o", str(out)]) == 0
    (pdf,) = out.glob("*.pdf")
    (docx,) = out.glob("*.docx")
    return pdf_reader_text(pdf), docx_reader_text(docx)


def test_a_reader_facing_description_saying_seed_fails_the_scan_in_both_formats(
        leaky_build: tuple[str, str]) -> None:
    for where, text in zip(("pdf", "docx"), leaky_build):
        findings = internal_words(text, where, _bundled_ids())
        assert [f.kind for f in findings] == ["the name of the source document"], where
        assert "as quoted in the seed" in findings[0].context


def test_maintainers_notes_saying_seed_never_reach_the_document(
        leaky_build: tuple[str, str]) -> None:
    for text in leaky_build:
        squashed = " ".join(text.split())
        assert "as quoted in the seed document" in squashed  # the description is printed
        assert "Checked against the seed" not in squashed
        assert "Seed section 3.4" not in squashed
