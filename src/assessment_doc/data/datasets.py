"""The loaded data: one tidy frame per dataset, and the lookup of a single published figure."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from types import MappingProxyType

import pandas as pd

from ..periods import Period
from ..values import SUPPRESSED, Suppressed
from .manifest import Manifest
from .rows import CheckedColumns, DataRow

FRAME_COLUMNS: tuple[str, ...] = (
    "area", "area_type", "period", "measure", "value", "suppressed", "row",
)
"""The columns of every loaded frame (see docs/data-contract.md, "Loaded form")."""

_Key = tuple[str, str, str]  # (area, period, measure)


class Datasets:
    """Every dataset of a project, validated: the manifest, a frame per dataset, single values."""

    def __init__(self, manifest: Manifest, frames: Mapping[str, pd.DataFrame]):
        self.manifest = manifest
        """The validated datasets.yaml."""
        self.frames: Mapping[str, pd.DataFrame] = MappingProxyType(dict(frames))
        """Each dataset's rows, by dataset id, in file order. Treat as read-only."""
        self._values: dict[str, dict[_Key, float | Suppressed]] = {}
        """Each dataset's values by (area, period, measure), made when first asked for."""

    def frame(self, dataset_id: str) -> pd.DataFrame:
        """A copy of the dataset's frame; KeyError naming the known ids if there is none."""
        return self.frames[self._known(dataset_id)].copy()

    def get(
        self, dataset_id: str, area: str, period: str | Period, measure: str
    ) -> float | Suppressed:
        """The published value, or SUPPRESSED; KeyError if the dataset has no such row."""
        key = (area, str(Period.parse(str(period))), measure)
        dataset_id = self._known(dataset_id)
        values = self._values.get(dataset_id)
        if values is None:
            values = self._values[dataset_id] = _index(self.frames[dataset_id])
        try:
            return values[key]
        except KeyError:
            raise KeyError(
                f"dataset '{dataset_id}' has no row for area '{area}', period '{period}', "
                f"measure '{measure}'"
            ) from None

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name}: {len(frame)} rows" for name, frame in self.frames.items())
        return f"Datasets({sizes})"

    def _known(self, dataset_id: str) -> str:
        if dataset_id not in self.frames:
            known = ", ".join(self.frames)
            raise KeyError(f"no dataset '{dataset_id}' (known: {known})")
        return dataset_id


def _index(frame: pd.DataFrame) -> dict[_Key, float | Suppressed]:
    # Columns as lists first: iterating a pandas string column yields one boxed item a call.
    keys = zip(frame["area"].tolist(), frame["period"].tolist(), frame["measure"].tolist())
    return {
        key: SUPPRESSED if suppressed else value
        for key, value, suppressed in zip(keys, frame["value"].tolist(),
                                          frame["suppressed"].tolist())
    }


def build_frame(rows: Sequence[tuple[int, int, DataRow]]) -> pd.DataFrame:
    """The loaded frame of checked rows given as ``(row, line, DataRow)``, plus a ``line`` column.

    The loader's cross-row checks use ``line`` to place their problems, then drop it.
    """
    checked = [data for _row, _line, data in rows]
    return pd.DataFrame({
        "area": pd.Series([r.area for r in checked], dtype="str"),
        "area_type": pd.Series([r.area_type for r in checked], dtype="str"),
        "period": pd.Series([r.period for r in checked], dtype="str"),
        "measure": pd.Series([r.measure for r in checked], dtype="str"),
        "value": pd.Series([math.nan if r.value is None else r.value for r in checked],
                           dtype="float64"),
        "suppressed": pd.Series([r.value is None for r in checked], dtype="bool"),
        "row": pd.Series([row for row, _line, _data in rows], dtype="int64"),
        "line": pd.Series([line for _row, line, _data in rows], dtype="int64"),
    })


def frame_of_columns(checked: CheckedColumns) -> pd.DataFrame:
    """The loaded frame of a file's checked columns, plus a ``line`` column (as
    :func:`build_frame` makes it from rows)."""
    return pd.DataFrame({
        "area": pd.Series(checked.area, dtype="str"),
        "area_type": pd.Series(checked.area_type, dtype="str"),
        "period": pd.Series(checked.period, dtype="str"),
        "measure": pd.Series(checked.measure, dtype="str"),
        "value": pd.Series(checked.value, dtype="float64"),
        "suppressed": pd.Series(checked.suppressed, dtype="bool"),
        "row": pd.Series(checked.row, dtype="int64"),
        "line": pd.Series(checked.line, dtype="int64"),
    })
