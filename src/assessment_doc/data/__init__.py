"""The project's data: datasets.yaml and its tidy CSVs, loaded and checked as one.

``load_datasets(Path("data"), focus_area="Maidstone")`` gives a :class:`Datasets` or raises
:class:`~assessment_doc.errors.InputError` listing every problem in every file.
"""

from .csv_file import COLUMNS
from .datasets import FRAME_COLUMNS, Datasets
from .loading import load_datasets
from .manifest import UNITS, DatasetSpec, Manifest, MeasureSpec, Unit
from .rows import AREA_TYPES

__all__ = [
    "AREA_TYPES",
    "COLUMNS",
    "FRAME_COLUMNS",
    "UNITS",
    "DatasetSpec",
    "Datasets",
    "Manifest",
    "MeasureSpec",
    "Unit",
    "load_datasets",
]
