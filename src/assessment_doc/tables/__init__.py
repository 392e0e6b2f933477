"""Tables: each kind turns tidy frames and a spec from content/tables.yaml into a DataFrame and a
:class:`~assessment_doc.model.Table` node built from it.

``load_table_specs(Path("content/tables.yaml"))`` reads the specs; ``build_table(id, datasets,
focus_area=..., specs=...)`` gives one Table; ``table_frame(...)`` the same figures as a
DataFrame; ``build_all_tables(...)`` every table by id. Every figure is computed here from the
published counts (rates, % changes, differences, ranks, totals); suppressed values stay
:data:`~assessment_doc.values.SUPPRESSED`. A published total row is kept, and a table says in a
note what it shows otherwise than published, and which totals its rows do not add up to
(:mod:`~assessment_doc.tables.disclosure`; ``ComputedTable.disclosures`` lists them).
"""

from .api import (
    TABLES_FILE,
    TableSpecs,
    build_all_tables,
    build_table,
    compute_table,
    load_table_specs,
    parse_table_specs,
    table_frame,
    table_specs_from_dict,
)
from .computed import ComputedTable, Disclosure
from .kinds import TABLE_KINDS, TableKind, table_kind

__all__ = [
    "TABLES_FILE",
    "TABLE_KINDS",
    "ComputedTable",
    "Disclosure",
    "TableKind",
    "TableSpecs",
    "build_all_tables",
    "build_table",
    "compute_table",
    "load_table_specs",
    "parse_table_specs",
    "table_frame",
    "table_kind",
    "table_specs_from_dict",
]
