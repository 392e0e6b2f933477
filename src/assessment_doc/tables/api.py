"""Loading table specs and building tables from them: the entry points the builder and analysts use."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from ..data import Datasets
from ..data.text_files import read_utf8
from ..data.yaml_source import YamlSource
from ..errors import InputError, Problem
from ..model import Table
from ..periods import Period
from .computed import ComputedTable
from .context import TableContext
from .disclosure import disclose
from .kinds import TABLE_KINDS
from .spec_file import SpecEntries, SpecPlace, closest, read_spec_data, read_spec_text
from .specs import PopulationSpec, TableSpec

TABLES_FILE = "content/tables.yaml"
"""Where a project keeps its table specs."""

_EXAMPLE = """\
  tables:
    recorded_crime_by_district:
      kind: district_comparison
      dataset: recorded_crime
      ..."""


@dataclass(frozen=True, slots=True)
class TableSpecs:
    """The validated table specs of a project, by id, in the order the file lists them."""

    file: str
    """The file as problems name it, e.g. content/tables.yaml."""
    tables: Mapping[str, TableSpec]
    population: PopulationSpec = field(default_factory=PopulationSpec)
    source: YamlSource | None = None

    def __getitem__(self, table_id: str) -> TableSpec:
        return self.tables[_known(table_id, self.tables, self.file, "table")]

    def __contains__(self, table_id: object) -> bool:
        return table_id in self.tables

    def __iter__(self) -> Iterator[str]:
        return iter(self.tables)

    def __len__(self) -> int:
        return len(self.tables)

    def place(self, table_id: str) -> SpecPlace:
        """Where the table's spec was written, for problems about it."""
        return SpecPlace(self.file, "tables", table_id, self.source)


def parse_table_specs(text: str, shown_as: str = TABLES_FILE) -> TableSpecs:
    """Validate the text of a tables.yaml; InputError lists every problem in it."""
    return _specs(read_spec_text(text, shown_as, **_READING))


def table_specs_from_dict(data: Mapping[str, Any], shown_as: str = "table specs") -> TableSpecs:
    """Validate specs given as Python data (``{'tables': {id: {...}}}``), e.g. by an analyst."""
    return _specs(read_spec_data(dict(data), shown_as, **_READING))


def load_table_specs(path: str | Path, *, shown_as: str | None = None) -> TableSpecs:
    """Read and validate a tables.yaml file (problems name it ``shown_as``, default
    ``<folder>/<file>``, e.g. content/tables.yaml)."""
    path = Path(path)
    shown = shown_as or str(PurePosixPath(path.parent.name or ".", path.name))
    text = read_utf8(path, shown)
    if isinstance(text, Problem):
        raise InputError(text)
    return parse_table_specs(text, shown)


def compute_table(
    table_id: str,
    datasets: Datasets,
    *,
    focus_area: str,
    specs: TableSpecs,
    as_of: Period | str | None = None,
) -> ComputedTable:
    """The table's figures (a DataFrame) and what printing it needs; InputError on a bad spec."""
    spec = specs[table_id]
    ctx = TableContext(datasets, focus_area, specs.place(table_id), specs.population,
                       None if as_of is None else Period.parse(str(as_of)))
    table = disclose(ctx, spec, TABLE_KINDS[spec.kind].build(ctx, spec))
    return replace(table, orientation=spec.orientation) if spec.orientation != "portrait" else table


def table_frame(
    table_id: str,
    datasets: Datasets,
    *,
    focus_area: str,
    specs: TableSpecs,
    as_of: Period | str | None = None,
) -> pd.DataFrame:
    """The table as a DataFrame: index = row key (area or measure), ``label`` = the printed
    name, then one column per table column by key. SUPPRESSED marks suppressed values; NaN or
    None an empty cell."""
    return compute_table(table_id, datasets, focus_area=focus_area, specs=specs,
                         as_of=as_of).frame


def build_table(
    table_id: str,
    datasets: Datasets,
    *,
    focus_area: str,
    specs: TableSpecs,
    as_of: Period | str | None = None,
) -> Table:
    """The Table node for ``table_id`` (unnumbered; the document numbers it)."""
    return compute_table(table_id, datasets, focus_area=focus_area, specs=specs,
                         as_of=as_of).to_table()


def build_all_tables(
    datasets: Datasets,
    *,
    focus_area: str,
    specs: TableSpecs,
    as_of: Period | str | None = None,
) -> dict[str, Table]:
    """Every table by id; InputError lists the problems of every table that fails."""
    tables: dict[str, Table] = {}
    problems: list[Problem] = []
    for table_id in specs:
        try:
            tables[table_id] = build_table(table_id, datasets, focus_area=focus_area,
                                           specs=specs, as_of=as_of)
        except InputError as error:
            problems += error.problems
    if problems:
        raise InputError(problems)
    return tables


def _model_for(kind: str) -> type[TableSpec] | None:
    found = TABLE_KINDS.get(kind)
    return None if found is None else found.spec


_READING: dict[str, Any] = {
    "section": "tables", "model_for": _model_for, "kinds": tuple(TABLE_KINDS),
    "settings": {"population": PopulationSpec}, "example": _EXAMPLE,
}


def _specs(entries: SpecEntries) -> TableSpecs:
    return TableSpecs(entries.file, entries.entries,  # type: ignore[arg-type]
                      entries.settings.get("population", PopulationSpec()), entries.source)


def _known(entry_id: str, entries: Mapping[str, Any], file: str, noun: str) -> str:
    if entry_id not in entries:
        raise KeyError(f"no {noun} '{entry_id}' in {file}{closest(entry_id, entries)}")
    return entry_id
