"""What the data says about the focus area, and leaving out the narrative it cannot support.

Built for another district (``--area Swale``), the bundled Maidstone narrative cites datasets
that have no rows for Swale (crime by type, MARAC) or whose ward and police-division rows
describe Maidstone (``about: Maidstone`` in datasets.yaml). A subsection (``##``) of a content
file that cites such data, by a placeholder or a table or figure directive, is left out with a
warning naming it, rather than filled with another district's figures; when the text before the
first subsection does, the whole section is left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from .data import Datasets
from .errors import Problem
from .facts import slug
from .narrative import ContentFile

SUB_DISTRICT = frozenset({"ward", "police_division"})
_DISTRICT_LEVEL = frozenset({"district", "unitary"})
_DIRECTIVE = re.compile(r"^:::\s*(table|figure)\s+(\w+)\s*$")
_SUBSECTION = re.compile(r"^##(?!#)\s*(.*)$")


@dataclass(frozen=True)
class Coverage:
    """Which datasets' rows describe the focus area.

    ``no_focus_rows``: datasets with district rows but none for the focus area.
    ``other_district``: datasets whose ward or division rows describe another district.
    """

    focus_area: str
    no_focus_rows: Mapping[str, str]
    other_district: Mapping[str, str]
    sub_district_areas: Mapping[str, frozenset[str]]
    """Dataset id -> slugs of its ward and division areas."""

    @property
    def complete(self) -> bool:
        return not self.no_focus_rows and not self.other_district

    def cited_gap(self, dataset: str, area_slug: str | None) -> str | None:
        """Why citing ``dataset`` (for ``area_slug``, or the dataset as a whole) is not about the
        focus area, or None when it is."""
        if dataset in self.no_focus_rows and (area_slug in (None, "focus")):
            return self.no_focus_rows[dataset]
        if dataset in self.other_district and (
            area_slug is None or area_slug in self.sub_district_areas.get(dataset, ())
        ):
            return self.other_district[dataset]
        return None


def coverage(datasets: Datasets, focus_area: str) -> Coverage:
    """The coverage of ``focus_area`` by every dataset."""
    no_focus: dict[str, str] = {}
    other: dict[str, str] = {}
    sub_areas: dict[str, frozenset[str]] = {}
    for spec in datasets.manifest.datasets:
        frame = datasets.frames[spec.id]
        types = set(frame["area_type"])
        if types & _DISTRICT_LEVEL and focus_area not in set(frame["area"]):
            no_focus[spec.id] = f"dataset {spec.id} has no rows for {focus_area}"
        below = frame[frame["area_type"].isin(SUB_DISTRICT)]
        sub_areas[spec.id] = frozenset(slug(area) for area in below["area"])
        if spec.about and spec.about != focus_area and not below.empty:
            other[spec.id] = f"the wards or divisions of dataset {spec.id} are {spec.about}'s"
    return Coverage(focus_area, no_focus, other, sub_areas)


# --- the content filter ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Chunk:
    heading: str | None
    """The ``##`` heading's text, or None for the text before the first subsection."""
    start: int
    end: int
    """Body lines [start, end), 0-based."""


def leave_out_uncovered(
    content: ContentFile,
    gap_of: Callable[[str], list[str]],
) -> tuple[ContentFile | None, list[Problem]]:
    """The content file without the subsections whose text ``gap_of`` finds gaps in.

    Left-out lines are blanked, not removed, so every remaining line keeps its line number.
    Returns None for the file when its opening text has a gap (the whole section goes).
    """
    lines = content.body.split("\n")
    warnings: list[Problem] = []
    for chunk in _chunks(lines):
        gaps = gap_of("\n".join(lines[chunk.start:chunk.end]))
        if not gaps:
            continue
        line = content.line_offset + chunk.start + 1
        reason = "; ".join(sorted(set(gaps)))
        if chunk.heading is None:
            warnings.append(Problem(content.file, f"section '{content.title}' left out: {reason}",
                                    line=line))
            return None, warnings
        warnings.append(Problem(content.file, f"subsection '{chunk.heading}' left out: {reason}",
                                line=line))
        lines[chunk.start:chunk.end] = [""] * (chunk.end - chunk.start)
    return replace(content, body="\n".join(lines)), warnings


def _chunks(lines: list[str]) -> Iterable[_Chunk]:
    starts = [(index, m.group(1).strip()) for index, line in enumerate(lines)
              if (m := _SUBSECTION.match(line))]
    bounds = [(0, None), *starts]
    for position, (start, heading) in enumerate(bounds):
        end = bounds[position + 1][0] if position + 1 < len(bounds) else len(lines)
        yield _Chunk(heading, start, end)


def text_gaps(
    text: str,
    cover: Coverage,
    facts: Mapping[str, Any],
    placement_datasets: Callable[[str, str], list[tuple[str, bool]]],
) -> list[str]:
    """The gaps a piece of narrative cites: placeholders ``<dataset>.<area>.…`` and directives.

    ``facts`` maps fact names to values (None: unavailable); ``placement_datasets(kind, id)``
    gives the (dataset, shows sub-district rows) pairs a table or figure draws on.
    """
    gaps = []
    dataset_ids = {name.split(".", 1)[0] for name in facts}
    names = "|".join(re.escape(d) for d in sorted(dataset_ids, key=len, reverse=True))
    for match in re.finditer(rf"\b({names})\.(\w+)((?:\.\w+)*)", text):
        gap = cover.cited_gap(match.group(1), match.group(2))
        if gap is None and match.group(2) == "focus" and facts.get(match.group(0), 0) is None:
            gap = f"{match.group(0)} is not available for {cover.focus_area}"
        if gap:
            gaps.append(gap)
    for line in text.split("\n"):
        directive = _DIRECTIVE.match(line.strip())
        if directive is None:
            continue
        for dataset, sub_district in placement_datasets(directive.group(1), directive.group(2)):
            gap = cover.cited_gap(dataset, None if sub_district else "focus")
            if gap:
                gaps.append(gap)
    return gaps


def spec_datasets(spec: Mapping[str, Any]) -> list[str]:
    """Every ``dataset:`` value anywhere in a table or figure spec."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, Mapping):
            for key, value in node.items():
                if key == "dataset" and isinstance(value, str):
                    found.append(value)
                else:
                    walk(value)
        elif isinstance(node, (list, tuple)):
            for item in node:
                walk(item)

    walk(spec)
    return found
