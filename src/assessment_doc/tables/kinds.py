"""The table kinds: a dict from kind name to its spec model and builder, and one lookup."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .category import category_change
from .claimant import claimant
from .computed import ComputedTable
from .context import TableContext
from .cost import cost
from .district import district_comparison, trend
from .spec_file import closest, known_list
from .specs import (
    CategoryChangeSpec,
    ClaimantSpec,
    CostSpec,
    DistrictComparisonSpec,
    TableSpec,
    TrendSpec,
    WardListSpec,
)
from .wards import ward_list


@dataclass(frozen=True, slots=True)
class TableKind:
    """A kind of table: the model its spec is validated with, and the function that computes it."""

    name: str
    spec: type[TableSpec]
    build: Callable[[TableContext, Any], ComputedTable]
    seed: str
    """Where the seed shows a table of this kind."""


TABLE_KINDS: dict[str, TableKind] = {
    kind.name: kind
    for kind in (
        TableKind("district_comparison", DistrictComparisonSpec, district_comparison,
                  "2.2 recorded crime, 3.1 violent crime, 3.4 domestic abuse"),
        TableKind("category_change", CategoryChangeSpec, category_change, "2.3 crime by type"),
        TableKind("trend", TrendSpec, trend, "4.1 ASB, 7.1 collisions and KSI"),
        TableKind("ward_list", WardListSpec, ward_list, "5.2 hospital admissions by ward"),
        TableKind("cost", CostSpec, cost, "6.2 IOM cost of offending"),
        TableKind("claimant", ClaimantSpec, claimant, "2.1 claimant count"),
    )
}
"""Every table kind, by name."""


def table_kind(name: str) -> TableKind:
    """The kind called ``name``; KeyError naming the closest and all known kinds if none is."""
    try:
        return TABLE_KINDS[name]
    except KeyError:
        raise KeyError(f"no table kind '{name}'{closest(name, TABLE_KINDS)}; the kinds are "
                       f"{known_list(TABLE_KINDS)}") from None
