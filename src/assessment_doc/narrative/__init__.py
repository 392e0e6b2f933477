"""The narrative: content files (Markdown + placeholders) read into model sections.

A section of the assessment is one file ``content/NN-slug.md``: YAML front matter (``title``,
``order``, optional ``id`` and ``kind``) then Markdown whose ``{{ placeholders }}`` name facts.
The pipeline, one module a stage:

1. :mod:`.content` — read the file, check the front matter (:class:`ContentFile`).
2. :mod:`.placeholders` — fill the placeholders in Jinja's sandbox; every value is escaped as
   literal text (:mod:`.escaping`) and figures are written by filters (:mod:`.filters`);
   :mod:`.source_lines` keeps each output line's line in the file.
3. :mod:`.markdown` — read the Markdown (markdown-it-py) into blocks, headings and
   :class:`Placement` objects from directives (:mod:`.directives`): ``::: table <id>`` and
   ``::: figure <id>``, each a paragraph of its own.
4. :mod:`.sections` — fold them into one level-1 :class:`~assessment_doc.model.Section` with
   ``##`` level-2 and ``###`` level-3 subsections; footnotes become Notes.

:mod:`.literals` warns where a figure is typed instead of taken from a fact.

Contract with the builder
-------------------------
:func:`render_section` returns a :class:`NarrativeSection` (``order``, ``file``, ``section``).
``section`` is a level-1 model Section (kind from the front matter, id from the front matter or
the file name), unnumbered as yet; its children and its subsections' children may be
:class:`Placement` objects (``kind`` 'table' or 'figure', ``id``, ``file``, ``line``), which are
not model nodes. The builder replaces each with the real Table or Figure using
:func:`resolve_placements` (and reports an unknown id as a Problem at ``placement.file``,
``placement.line``) before putting the section into the Document. :func:`check_content`
renders every file and collects all problems, across files, instead of stopping at the first;
:func:`render_content` does the same and raises one :class:`~assessment_doc.errors.InputError`.
"""

from .content import ContentFile, load_content_file
from .directives import Placement, iter_placements, resolve_placements
from .literals import flatten_facts, literal_figures
from .pipeline import (
    ContentCheck,
    NarrativeSection,
    check_content,
    content_paths,
    render_content,
    render_content_file,
    render_section,
)

__all__ = [
    "ContentCheck",
    "ContentFile",
    "NarrativeSection",
    "Placement",
    "check_content",
    "content_paths",
    "flatten_facts",
    "iter_placements",
    "literal_figures",
    "load_content_file",
    "render_content",
    "render_content_file",
    "render_section",
    "resolve_placements",
]
