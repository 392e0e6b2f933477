"""An organisation's own Word file as the reference for the Word renderer (``word_template``).

The settings may name a .docx in the project (``word_template: house.docx``). Its styles (Normal,
Heading 1-3, Title, Caption, the table style, the list style, and any other style the renderer
uses that it defines), its page size and margins, and its headers and footers (with their
pictures: a logo) are kept; its body is replaced by the document. A style the renderer needs that
it lacks is the house style's, with a warning naming it.

This module reads the file with :mod:`zipfile` and lxml only, so that ``check`` finds a damaged
template, one that holds macros, or a missing style without importing python-docx; the renderer
opens it with python-docx (:func:`.docx.render_docx`).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import InputError, Problem

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_OFFICE_DOCUMENT = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                    "officeDocument")
_DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_MACRO_TYPES = ("application/vnd.ms-word.document.macroEnabled.main+xml",
                "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
                "application/vnd.ms-office.vbaProject")
_TEMPLATE_TYPE = ("application/vnd.openxmlformats-officedocument.wordprocessingml.template."
                  "main+xml")
_STYLES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"

NEEDED_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Caption",
                 "Table Grid", "List Paragraph")
"""The styles a template is expected to define: without one, the house style's is used and the
build warns. (Other styles the renderer uses, such as "Table Note" or "TOC 1", are the
template's when it has them and the house style's, silently, when it does not.)"""

_MOST_BYTES = 50 * 1024 * 1024
"""A larger "template" is refused: a house template with a logo is some tens of kilobytes."""

_EXPECTED = ("a Word document (.docx) saved by Word or LibreOffice, with the styles, page, "
             "headers and footers the Word file should take")


@dataclass(frozen=True)
class WordTemplate:
    """A checked template: its bytes, and the warnings about it (styles it lacks)."""

    data: bytes
    warnings: tuple[Problem, ...] = ()


def read_word_template(path: Path, shown: str) -> WordTemplate:
    """Read and check the template at ``path`` (``shown``: its name in messages).

    InputError when the file is missing, is not a Word document (not a zip, no main document,
    unreadable XML), holds macros, or is a template (.dotx) rather than a document; warnings
    for each of :data:`NEEDED_STYLES` it does not define."""
    if not path.is_file():
        raise InputError(Problem(shown, "the Word template named by word_template in "
                                 "assessment.yaml is missing" if not path.exists() else
                                 "the Word template is a folder, not a file", expected=_EXPECTED))
    if path.stat().st_size > _MOST_BYTES:
        raise InputError(Problem(shown, f"the Word template is {path.stat().st_size:,} bytes, "
                                 "too large for a template", expected=_EXPECTED))
    data = path.read_bytes()
    styles = _checked_styles(data, shown)
    missing = [name for name in NEEDED_STYLES if name.lower() not in styles]
    warnings = tuple(
        Problem(shown, f"the Word template has no style '{name}': the house style's is used",
                expected=f"a style named '{name}' in the template, to use your own")
        for name in missing)
    return WordTemplate(data, warnings)


def _checked_styles(data: bytes, shown: str) -> set[str]:
    """The lower-cased names of the styles the template defines; InputError when it is not a
    Word document the renderer can take."""
    def refuse(what: str) -> InputError:
        return InputError(Problem(shown, what, expected=_EXPECTED))

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if archive.testzip() is not None:
            raise refuse("the Word template is damaged: a part of it cannot be read")
        types = _xml(archive, "[Content_Types].xml")
        relationships = _xml(archive, "_rels/.rels")
    except (zipfile.BadZipFile, KeyError, EOFError, OSError, zlib.error):
        raise refuse("the Word template is damaged or is not a Word document (it is not a "
                     "readable .docx package)") from None
    except etree.XMLSyntaxError:
        raise refuse("the Word template is damaged: its package lists cannot be read") from None
    content_types = {
        "/" + node.get("PartName", "").lstrip("/"): node.get("ContentType", "")
        for node in types.iter(f"{{{_CONTENT_TYPES}}}Override")}
    defaults = {node.get("Extension", "").lower(): node.get("ContentType", "")
                for node in types.iter(f"{{{_CONTENT_TYPES}}}Default")}
    every_type = set(content_types.values()) | set(defaults.values())
    if any(kind in every_type for kind in _MACRO_TYPES) or any(
            name.lower().endswith("vbaproject.bin") for name in names):
        raise refuse("the Word template holds macros, which a board paper must not carry")
    main = next((node.get("Target", "") for node in relationships.iter(f"{{{_RELATIONSHIPS}}}"
                                                                      "Relationship")
                 if node.get("Type") == _OFFICE_DOCUMENT), None)
    if main is None:
        raise refuse("the Word template is damaged or is not a Word document (it has no main "
                     "document)")
    main = posixpath.normpath(main.lstrip("/"))
    kind = content_types.get("/" + main, "")
    if kind == _TEMPLATE_TYPE:
        raise refuse("the Word template is a template file (.dotx) renamed .docx: open it in "
                     "Word and save it as a Word Document (.docx)")
    if kind != _DOCUMENT_TYPE or main not in names:
        raise refuse("the Word template is not a Word document (its main part is "
                      f"{kind or 'missing'})")
    try:
        document = _xml(archive, main)
        styles_name = _styles_part(archive, main, content_types)
        styles = _xml(archive, styles_name) if styles_name else None
    except etree.XMLSyntaxError as error:
        raise refuse(f"the Word template is damaged: its XML cannot be read ({error.msg})") from None
    except (KeyError, zipfile.BadZipFile, EOFError, OSError, zlib.error):
        raise refuse("the Word template is damaged: a part of it cannot be read") from None
    if document.tag != f"{{{W}}}document" or document.find(f"{{{W}}}body") is None:
        raise refuse("the Word template is damaged: its main document has no body")
    if styles is None:
        return set()
    return {name.lower() for name in styles.xpath("w:style/w:name/@w:val", namespaces={"w": W})}


def _styles_part(archive: zipfile.ZipFile, main: str, content_types: dict[str, str]) -> str | None:
    """The name of the main document's styles part (None when it has none)."""
    folder, base = posixpath.split(main)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    if rels_name not in archive.namelist():
        return None
    for node in _xml(archive, rels_name).iter(f"{{{_RELATIONSHIPS}}}Relationship"):
        target = posixpath.normpath(posixpath.join(folder, node.get("Target", "")))
        if content_types.get("/" + target) == _STYLES_TYPE and target in archive.namelist():
            return target
    return None


def _xml(archive: zipfile.ZipFile, name: str) -> etree._Element:
    """A part parsed without network access or entity expansion."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(archive.read(name), parser)
