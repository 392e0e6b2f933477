"""The analyst's door: load a project, look at its data, add your own table or chart, build.

```python
import assessment_doc as ad

project = ad.load_project(".")                       # settings, validated datasets, facts
crime = project.datasets.frame("recorded_crime")      # tidy pandas DataFrame
rate = project.facts["recorded_crime.focus.offences.rate_per_1000"].value
table = ad.table_frame(project, "recorded_crime_by_district")   # a computed table, as pandas

document = ad.build_document(project)
document = ad.add_to_section(document, "7.1", ad.figure_from_matplotlib(fig, alt_text=..., caption=...))
paths = ad.build(project, "out", document=document)  # .docx, .pdf and build-report.json
pdf = ad.to_bytes(document, "pdf")                    # or just the bytes
```
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .builder import Assembly, assemble
from .data.files import file_sha256, input_files
from .errors import InputError, Problem, RenderError
from .figures import FigureCache
from .model import (
    Block,
    CellFormat,
    Column,
    Document,
    Figure,
    Section,
    Table,
    TableRow,
    assign_numbers,
)
from .project import Project
from .render import RENDERERS, get_renderer
from .render.ahead import RenderedAhead
from .render.ahead import start as start_rendering_ahead
from .render.save import check_writable, write_set
from .rules import decision_log
from .settings import checked_settings
from .tables import load_table_specs
from .tables import table_frame as _table_frame
from .values import SUPPRESSED

if TYPE_CHECKING:
    from matplotlib.figure import Figure as MplFigure


@dataclass(frozen=True)
class BuildResult:
    """What :func:`build` wrote, and the warnings met on the way."""

    paths: tuple[Path, ...]
    warnings: tuple[Problem, ...]


def table_frame(project: Project, table_id: str) -> pd.DataFrame:
    """A table of ``content/tables.yaml`` computed for the project's focus area, as a DataFrame."""
    specs = load_table_specs(project.content_dir / "tables.yaml", shown_as="content/tables.yaml")
    return _table_frame(table_id, project.datasets, focus_area=project.settings.area, specs=specs)


def build_document(project: Project) -> Document:
    """The project's document model, numbered (raises InputError listing every problem)."""
    return assign_numbers(assemble(_with_checked_settings(project)).document)


def _with_checked_settings(project: Project) -> Project:
    """``project`` with its settings given the checks of ``assessment.yaml`` (settings made
    or changed in Python may have skipped them): see :func:`.settings.checked_settings`."""
    return replace(project, settings=checked_settings(project.settings, project.root))


def to_bytes(document: Document, format: str) -> bytes:
    """The document as the bytes of one format: 'docx', 'pdf', 'html' or 'ods'."""
    rendered = _render(document, format)
    if not isinstance(rendered, bytes):
        raise RenderError(f"the format {format!r} writes several files, not one: build it with "
                          f"build(project, out, formats=[{format!r}])")
    return rendered


def _render(document: Document, format: str) -> bytes | Mapping[str, bytes]:
    """One format's output: the bytes of its file, or (csv) its files' bytes by the name they
    add to the documents' file name (``-table-01-….csv``)."""
    from .versions import require_supported  # packaging's version rules, only when rendering

    require_supported([format])
    return get_renderer(format)(document)


def build(
    project: Project,
    out_dir: Path | str | None = None,
    *,
    formats: Sequence[str] = ("docx", "pdf"),
    document: Document | None = None,
    keep_figures: bool = False,
    name_the_area: bool = False,
    cache: bool = True,
) -> BuildResult:
    """Render the project (or ``document``, e.g. one with your additions) and write the files
    and ``build-report.json`` into ``out_dir`` (default: the project's ``out/``), atomically:
    nothing is replaced unless everything rendered.

    Built about another area than the settings' own, the files' names end with that area
    (``…-appendix-1-swale.pdf``, ``build-report-swale.json``), so they never replace the board
    version; ``name_the_area`` names the home area's files so too (one folder of every area).

    ``cache``: charts are kept by content in the user's cache folder (see
    :mod:`assessment_doc.figures.cache`), so that a later build draws only the charts whose
    spec, data or code changed; False draws every chart (``--no-cache``). ``keep_figures``:
    also keep them in ``out_dir/.cache/figures`` (written only when the build succeeds,
    holding only its charts). In one process, charts are always kept in memory.
    """
    from .versions import require_supported  # packaging's version rules, only when building

    out = Path(out_dir) if out_dir is not None else project.root / "out"
    _known_formats(formats)  # an unknown format fails before any work starts
    check_writable(out)  # so does a folder that could never take the files
    require_supported(formats)  # so does a library release outside the tested ones
    project = _with_checked_settings(project)  # so do settings made in Python that fail a check
    kept_in = out / ".cache" / "figures" if keep_figures else None
    figures = FigureCache.for_user(keep_in=kept_in) if cache else FigureCache(keep_in=kept_in)
    assembly = assemble(project, figure_cache=figures)
    assembly = replace(assembly, warnings=tuple(dict.fromkeys((*assembly.warnings,
                                                               *figures.warnings))))
    if document is None:
        document = assembly.document
    stem = file_stem(project, name_the_area=name_the_area)
    if "ods" in formats:  # the HTML edition links to the open data tables beside it
        document = replace(document, metadata=replace(document.metadata, open_data=f"{stem}.ods"))
    rendered = render_all(document, formats)
    files = _output_files(out, stem, rendered)
    files[out / report_name(project, name_the_area=name_the_area)] = build_report(
        project, files, assembly)
    paths = tuple(write_set(files))
    figures.save()
    return BuildResult(paths, (*assembly.warnings, *dict.fromkeys(figures.faults)))


def _output_files(out: Path, stem: str, rendered: Mapping[str, bytes | Mapping[str, bytes]]
                  ) -> dict[Path, bytes]:
    """Each rendered format's files by path: ``<stem>.<format>``, or for a format of several
    files (csv) ``<stem><name>`` for each of its names."""
    files = {}
    for name, data in rendered.items():
        if isinstance(data, bytes):
            files[out / f"{stem}.{name}"] = data
        else:
            files.update((out / f"{stem}{suffix}", part) for suffix, part in data.items())
    return files


def render_all(document: Document, formats: Sequence[str]
               ) -> dict[str, bytes | Mapping[str, bytes]]:
    """The document in each format, by format, here, the PDF first: the Word contents prints the
    page numbers of the PDF's layout (:func:`assessment_doc.render.pdf.heading_pages`), which
    this process then has at hand. The formats that need nothing from the PDF (HTML, ODS) and
    Word's draft (all of Word but those numbers, filled in here once the PDF is laid out) may
    be rendered in a child process meanwhile (:mod:`assessment_doc.render.ahead`): the same
    bytes, the same errors."""
    _known_formats(formats)
    order = sorted(formats, key=lambda n: n != "pdf")
    ahead = start_rendering_ahead(document, order, _render)
    try:
        rendered = {name: _rendered_ahead_or_here(ahead, document, name) for name in order}
    finally:
        ahead.discard()
    return {name: rendered[name] for name in formats}


def _rendered_ahead_or_here(ahead: RenderedAhead, document: Document, format: str
                            ) -> bytes | Mapping[str, bytes]:
    rendered = ahead.word(document) if format == "docx" else ahead.take(format)
    if rendered is None:
        return _render(document, format)
    from .versions import require_supported

    require_supported([format])  # the child's output, as _render's, only from a supported library
    return rendered


def _known_formats(formats: Sequence[str]) -> None:
    """RenderError for a format there is no renderer for (nothing is imported)."""
    for name in formats:
        if name not in RENDERERS:
            get_renderer(name)


STEM_LIMIT = 100
"""The longest file stem: the files' names stay well inside every file system's 255 bytes,
and inside the paths Windows and zip tools handle, with room for the folder."""


def file_stem(project: Project, *, name_the_area: bool = False) -> str:
    """The output files' name: the title and subtitle in lower case ASCII (accents dropped),
    words joined by '-'; then the area, when it is not the settings' own (or
    ``name_the_area``). At most :data:`STEM_LIMIT` characters, the area kept whole at the end.

    A title with no letter or digit that ASCII can spell (all Chinese, say) gives the area and
    the year of the board date instead, ``maidstone-2016`` (``swale-2016`` built about Swale):
    never an empty name, which would make the files hidden ones (``.pdf``)."""
    settings = project.settings
    area = _area_slug(settings.area)
    names_area = _names_area(project, name_the_area)
    title = _slug(f"{settings.title} {settings.subtitle}")
    if not title:
        return f"{area}-{settings.date.year}"  # the area named once, whichever it is
    if not names_area:
        return _shortened(title, STEM_LIMIT)
    return f"{_shortened(title, STEM_LIMIT - len(area) - 1)}-{area}"


def report_name(project: Project, *, name_the_area: bool = False) -> str:
    """``build-report.json``; ``build-report-<area>.json`` when the files name their area."""
    if _names_area(project, name_the_area):
        return f"build-report-{_area_slug(project.settings.area)}.json"
    return "build-report.json"


def _names_area(project: Project, name_the_area: bool) -> bool:
    """Whether the files' names end with the area: the focus is not the settings' own, or the
    caller asks (one rule for the documents and their report)."""
    return name_the_area or not project.settings.is_home_area


def _slug(words: str) -> str:
    """``words`` as lower-case ASCII letters and digits joined by '-' ('Dovér' -> 'dover');
    what ASCII cannot spell is left out (may be empty)."""
    spelled = unicodedata.normalize("NFKD", words.translate(_NOT_DECOMPOSED))
    ascii_words = spelled.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_words.lower()).strip("-")


_NOT_DECOMPOSED = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                                  "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
                                  "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th", "ı": "i"})
"""Latin letters that Unicode does not decompose into a letter and an accent, spelled in ASCII
as English writes them ('Straße' -> 'strasse', 'Ærø' -> 'aero')."""


_AREA_LIMIT = 40
"""The longest an area may be in a file name (the title keeps the rest of the stem)."""


def _area_slug(area: str) -> str:
    """The area in a file name: its slug, shortened; an area ASCII cannot spell at all is
    ``area-`` and a short digest of its name (different areas, different files)."""
    slug = _shortened(_slug(area), _AREA_LIMIT)
    return slug or f"area-{_sha256(area.encode('utf-8', 'surrogatepass'))[:8]}"


def _shortened(slug: str, limit: int) -> str:
    """``slug`` cut to ``limit`` characters, at the end of a word where one ends in the last
    quarter (a name cut mid-word reads as a typo)."""
    if len(slug) <= limit:
        return slug
    cut = slug[:limit + 1]
    end = cut.rfind("-")
    return (cut[:end] if end >= limit * 3 // 4 else slug[:limit]).strip("-")


def build_report(project: Project, files: dict[Path, bytes], assembly: Assembly) -> bytes:
    """What went into the build, the rules' decisions and what came out, as JSON (no
    timestamps: it repeats too)."""
    inputs = input_files(project.root, (spec.file for spec in project.datasets.manifest.datasets))
    report = {
        "area": project.settings.area,
        "inputs": {str(p.relative_to(project.root)): file_sha256(p) for p in inputs},
        "outputs": {p.name: _sha256(data) for p, data in files.items()},
        "decisions": decision_log(assembly.decisions) if assembly.decisions else [],
        "warnings": [str(warning) for warning in assembly.warnings],
        "disclosures": [disclosure.as_report() for disclosure in assembly.disclosures],
    }
    if assembly.not_assessed:  # built about another area: priorities left out with sections
        report["not_assessed"] = list(assembly.not_assessed)
    from .versions import built_with

    report["built_with"] = built_with()  # the package's version (and commit), Python's, libraries'
    return (json.dumps(report, indent=2, ensure_ascii=False) + "\n").encode()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- your own tables and figures ---------------------------------------------------------------


def figure_from_matplotlib(
    figure: MplFigure, *, alt_text: str, caption: str, source: str | None = None,
    width: float = 1.0,
) -> Figure:
    """A model Figure from a matplotlib figure: PNG at 200 dpi with no metadata (repeatable)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from .figures.png import png_bytes

    if not isinstance(figure.canvas, FigureCanvasAgg):
        FigureCanvasAgg(figure)  # draws off screen, whatever backend made the figure
    return Figure(png_bytes(figure), alt_text=alt_text, caption=caption, source=source,
                  width=width)


def table_from_frame(
    frame: pd.DataFrame,
    *,
    caption: str,
    formats: dict[str, CellFormat | str] | None = None,
    emphasis: Iterable[int] = (),
    source: str | None = None,
    notes: Sequence[str] = (),
) -> Table:
    """A model Table from a DataFrame: one column per frame column (the index is not shown).

    ``formats`` maps column names to a :class:`CellFormat` ('count', 'rate', 'percent', …);
    other columns are text. NaN becomes an empty cell; :data:`SUPPRESSED` stays ``[c]``.
    ``emphasis``: positions of rows to show in bold (the focus area).
    """
    formats = {name: CellFormat(kind) for name, kind in (formats or {}).items()}
    columns = tuple(Column(str(name), formats.get(str(name), CellFormat.TEXT)) for name in frame)
    bold = set(emphasis)
    rows = tuple(
        TableRow(tuple(_cell(value) for value in values), emphasis=position in bold)
        for position, values in enumerate(frame.itertuples(index=False, name=None))
    )
    return Table(caption, columns, rows, notes=tuple(notes), source=source)


def _cell(value: object) -> object:
    if value is SUPPRESSED or isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def add_to_section(document: Document, where: str, *blocks: Block) -> Document:
    """The document with ``blocks`` added to one section's own text (before its subsections).

    ``where`` is a section's number ('7.1'), its id (a content file's id such as
    'road_safety'), or its title.
    """
    document = assign_numbers(document)
    found: list[str] = []

    def visit(block: Block) -> Block:
        if not isinstance(block, Section):
            return block
        children = tuple(visit(child) for child in block.children)
        if where in (block.number, block.id, block.title) and not found:
            found.append(block.heading)
            split = next((i for i, c in enumerate(children) if isinstance(c, Section)), len(children))
            children = (*children[:split], *blocks, *children[split:])
        return replace(block, children=children)

    updated = replace(document, children=tuple(visit(block) for block in document.children))
    if not found:
        raise InputError(Problem("add_to_section", f"no section '{where}'",
                                 expected="a section number such as '7.1', a content id or a title"))
    return assign_numbers(updated)


FORMATS = tuple(RENDERERS)
"""The output formats: 'docx', 'pdf', 'html', 'ods' and 'csv' (see :mod:`.render`)."""
