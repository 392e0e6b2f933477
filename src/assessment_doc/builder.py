"""Assemble the Document: cover, contents, the numbered sections, then the appendices."""

from __future__ import annotations

from .model import Contents, Cover, Document, Metadata
from .project import Project
from .sources import information_sources


def build_document(project: Project) -> Document:
    """The whole document model of a project (numbering is assigned by the renderers' call to
    :func:`assessment_doc.model.assign_numbers`, the same for every format)."""
    settings = project.settings
    metadata = Metadata(
        title=settings.title,
        subtitle=settings.subtitle,
        partnership=settings.partnership,
        area=settings.area,
        date=settings.date.isoformat(),
        language=settings.language,
    )
    cover = Cover(settings.title, settings.subtitle,
                  (settings.partnership, settings.area, settings.date.strftime("%B %Y")))
    return Document(metadata, (cover, Contents(), information_sources(project.datasets)))
