"""assessment_doc: a Community Safety Partnership's Strategic Assessment, from data to Word and PDF.

One import gives the analyst's API (see :mod:`assessment_doc.api` and the README)::

    import assessment_doc as ad
    project = ad.load_project(".")
    ad.build(project, "out")

The names are imported on first use (PEP 562): ``import assessment_doc``, and every command
that imports one of its modules, pays for pandas, pydantic and the rest only when a name that
needs them is used (``benchmarks/README.md``, "Import budget").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lazy import lazy_names

if TYPE_CHECKING:
    from .api import (
        BuildResult,
        add_to_section,
        build,
        build_document,
        figure_from_matplotlib,
        table_frame,
        table_from_frame,
        to_bytes,
    )
    from .errors import AssessmentError, InputError, Problem
    from .facts import Fact, Facts, list_facts
    from .project import Project, load_project
    from .values import SUPPRESSED

__version__ = "0.1.0"

_HOME = {  # every name of __all__ but __version__
    "BuildResult": "api",
    "add_to_section": "api",
    "build": "api",
    "build_document": "api",
    "figure_from_matplotlib": "api",
    "table_frame": "api",
    "table_from_frame": "api",
    "to_bytes": "api",
    "AssessmentError": "errors",
    "InputError": "errors",
    "Problem": "errors",
    "Fact": "facts",
    "Facts": "facts",
    "list_facts": "facts",
    "Project": "project",
    "load_project": "project",
    "SUPPRESSED": "values",
}
"""The module of :mod:`assessment_doc` that defines each public name."""

__all__ = [
    "SUPPRESSED",
    "AssessmentError",
    "BuildResult",
    "Fact",
    "Facts",
    "InputError",
    "Problem",
    "Project",
    "__version__",
    "add_to_section",
    "build",
    "build_document",
    "figure_from_matplotlib",
    "list_facts",
    "load_project",
    "table_frame",
    "table_from_frame",
    "to_bytes",
]


__getattr__, __dir__ = lazy_names(__name__, _HOME, globals())
