"""assessment_doc: a Community Safety Partnership's Strategic Assessment, from data to Word and PDF.

One import gives the analyst's API (see :mod:`assessment_doc.api` and the README)::

    import assessment_doc as ad
    project = ad.load_project(".")
    ad.build(project, "out")
"""

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
