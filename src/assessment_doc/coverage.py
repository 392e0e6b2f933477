"""What the data says about the focus area, and leaving out the narrative it cannot support.

Built for another district (``--area Swale``), the bundled Maidstone narrative cites datasets
that have no rows for Swale (crime by type, MARAC) or whose ward and police-division rows
describe Maidstone (``about: Maidstone`` in datasets.yaml), or lack a fact the home area has
(Medway, a unitary authority, is not ranked among the Kent districts). :func:`text_gaps` finds
what a piece of narrative cites that is not about the focus area; :mod:`.omission` leaves out the
smallest piece that does (a sentence, a paragraph, a table or figure), rather than fill it with
another district's figures.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from .data import Datasets
from .facts import slug

SUB_DISTRICT = frozenset({"ward", "police_division"})
_DISTRICT_LEVEL = frozenset({"district", "unitary"})
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_DIRECTIVE = re.compile(r"^:::\s*(table|figure)\s+(\w+)\s*$")
_REFERENCE = re.compile(r"\]\(#(table|figure):(\w+)\)")
"""A cross-reference's link, ``[](#table:<id>)`` (:mod:`.narrative.inline`)."""


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
    other_wards: Mapping[str, str] = field(default_factory=dict)
    """Ward name -> the district it is in, for wards of other districts than the focus area
    (from the datasets' ward rows and their ``about``)."""

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
    wards: dict[str, str] = {}
    for spec in datasets.manifest.datasets:
        frame = datasets.frames[spec.id]
        types = set(frame["area_type"])
        if types & _DISTRICT_LEVEL and focus_area not in set(frame["area"]):
            no_focus[spec.id] = f"dataset {spec.id} has no rows for {focus_area}"
        below = frame[frame["area_type"].isin(SUB_DISTRICT)]
        sub_areas[spec.id] = frozenset(slug(area) for area in below["area"])
        if spec.about and spec.about != focus_area and not below.empty:
            other[spec.id] = f"the wards or divisions of dataset {spec.id} are {spec.about}'s"
            for ward in below.loc[below["area_type"] == "ward", "area"].unique():
                if ward not in _COMPASS:
                    wards[str(ward)] = spec.about
    return Coverage(focus_area, no_focus, other, sub_areas, wards)


_COMPASS = frozenset({"North", "South", "East", "West", "Central"})
"""Ward names that are also everyday words ('North Kent'): never taken for a typed ward."""
_WARD_WORD = re.compile(r"\bwards?\b", re.IGNORECASE)


def typed_ward_gaps(text: str, cover: Coverage) -> list[str]:
    """A typed mention of another district's wards: the text names one and says 'ward', or
    names two (Maidstone's narrative names its wards in prose: 'High Street ward', 'Fant,
    Heath and Bearsted')."""
    if not cover.other_wards:
        return []
    prose = _JINJA.sub(" ", text)
    names = "|".join(re.escape(w) for w in sorted(cover.other_wards, key=len, reverse=True))
    named = list(dict.fromkeys(m.group(0) for m in re.finditer(rf"\b(?:{names})\b", prose)))
    if not named or (len(named) < 2 and not _WARD_WORD.search(prose)):
        return []
    districts = sorted({cover.other_wards[name] for name in named})
    return [f"the text names {' and '.join(districts)}'s wards ({', '.join(named)})"]


def text_gaps(
    text: str,
    cover: Coverage,
    facts: Mapping[str, Any],
    placement_datasets: Callable[[str, str], list[tuple[str, bool]]],
    home_names: Collection[str] = (),
) -> list[str]:
    """The gaps a piece of narrative cites: placeholders ``<dataset>.<area>.…``, a dataset's period
    words ``periods.<dataset>.…`` (the dataset as a whole) and directives.

    ``facts`` maps fact names to values (None: unavailable); ``placement_datasets(kind, id)``
    gives the (dataset, shows sub-district rows) pairs a table or figure draws on;
    ``home_names``: the facts of the settings' own area, so that a focus fact only it has (a
    rank among the Kent districts, for Medway) is a gap, not an unknown placeholder.
    """
    return gaps_finder(cover, facts, placement_datasets, home_names)(text)


def gaps_finder(
    cover: Coverage,
    facts: Mapping[str, Any],
    placement_datasets: Callable[[str, str], list[tuple[str, bool]]],
    home_names: Collection[str] = (),
) -> Callable[[str], list[str]]:
    """:func:`text_gaps` for many pieces of one build's narrative: the dataset names it looks
    for are gathered from the facts once, not again for every sentence weighed."""
    dataset_ids = {*cover.sub_district_areas, *(name.split(".", 1)[0] for name in facts)}
    names = "|".join(re.escape(d) for d in sorted(dataset_ids, key=len, reverse=True))
    return lambda text: _gaps(text, names, cover, facts, placement_datasets, home_names)


def _gaps(
    text: str,
    names: str,
    cover: Coverage,
    facts: Mapping[str, Any],
    placement_datasets: Callable[[str, str], list[tuple[str, bool]]],
    home_names: Collection[str],
) -> list[str]:
    gaps = []
    for match in re.finditer(rf"(?<!periods\.)\b({names})\.(\w+)((?:\.\w+)*)", text):
        gap = cover.cited_gap(match.group(1), match.group(2))
        name = match.group(0)
        if gap is None and match.group(2) == "focus" and (
                facts.get(name, 0) is None or (name not in facts and name in home_names)):
            gap = f"{name} is not available for {cover.focus_area}"
        if gap:
            gaps.append(gap)
    for match in re.finditer(rf"\bperiods\.({names})\b", text):  # a dataset's period words:
        gap = cover.cited_gap(match.group(1), "focus")  # a gap where it has no focus rows
        if gap:
            gaps.append(gap)
    gaps += typed_ward_gaps(text, cover)
    for span in _JINJA.findall(text):  # a dataset as a whole: {{ wards | top_areas(…) }}
        for match in re.finditer(rf"(?<![\w.])({names})\b(?!\s*\.)", span):
            gap = cover.cited_gap(match.group(1), None)
            if gap:
                gaps.append(gap)
    directives = (_DIRECTIVE.match(line.strip()) for line in text.split("\n"))
    placed = [(d.group(1), d.group(2)) for d in directives if d]
    placed += _REFERENCE.findall(text)  # a cross-reference goes with the table it points at
    for kind, spec_id in placed:
        for dataset, sub_district in placement_datasets(kind, spec_id):
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
