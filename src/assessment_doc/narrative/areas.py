"""The areas of each dataset by slug, for the list filters to name them and tell wards apart.

Facts are numbers named by an area's slug (``detling_and_thurnham``); a sentence listing wards
needs the name as published and must not mix the wards of a dataset with its districts. The
builder puts :func:`area_directory` into the placeholders' context under :data:`AREAS_KEY`, a
name no template can write, so it is there for the filters and invisible to clerks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..facts import slug

AREAS_KEY = "@areas"
"""The context key of the directory (not a valid Jinja name, so a template cannot reach it)."""

AreaDirectory = Mapping[str, Mapping[str, Mapping[str, str]]]
"""``{dataset id: {area slug: {'name': area, 'type': area_type}}}``."""

SMALL_WORDS = frozenset({"and", "of", "the", "on", "upon", "in"})


def area_directory(frames: Mapping[str, Any]) -> dict[str, dict[str, dict[str, str]]]:
    """Each dataset's areas and area types by slug, from its loaded frame (``area``,
    ``area_type`` columns)."""
    directory: dict[str, dict[str, dict[str, str]]] = {}
    for dataset_id, frame in frames.items():
        pairs = frame[["area", "area_type"]].drop_duplicates()
        directory[dataset_id] = {
            slug(area): {"name": area, "type": area_type}
            for area, area_type in zip(pairs["area"].tolist(), pairs["area_type"].tolist())
        }
    return directory


def label_from_slug(area_slug: str) -> str:
    """A readable name when no directory is at hand: 'detling_and_thurnham' -> 'Detling and
    Thurnham' (the published spelling may differ: '&', hyphens)."""
    words = area_slug.split("_")
    return " ".join(word if index and word in SMALL_WORDS else word.capitalize()
                    for index, word in enumerate(words))
