"""Tagged PDF: the logical structure tree, the marked content that fills it, and its catalog entries.

The tree of :class:`StructElement` is built from the document model before layout (the translator
makes one element per node, in document order), so the reading order is the model's by
construction. While pages are drawn, :class:`TaggingCanvas` wraps each flowable's output in marked
content (``/P <</MCID n>> BDC … EMC``) and records which element each marked-content id belongs to;
everything else is drawn as ``/Artifact``; each Figure and Table element's bounding box on its
first page is gathered as it is drawn. On save it writes /StructTreeRoot with its /ParentTree,
/StructParents and /Tabs on every page, /MarkInfo and the XMP metadata.

Marked content cannot nest: while one sequence is open, a nested request joins it (a paragraph in
a table cell belongs to the cell's TD).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from ..errors import RenderError
from . import reportlab_internals as rl
from .reportlab_internals import HookedCanvas, PdfObject

STANDARD_TYPES = frozenset(
    ["Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index", "NonStruct", "Private", "H", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "Warichu", "Figure", "Formula", "Form"]
)
"""The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4)."""

ROLE_MAP = {"Recommendation": "P"}
"""Our own structure types, and the standard type each stands for."""

BOXED_TYPES = frozenset(["Figure", "Table"])
"""The elements written with a bounding box (/BBox, a layout attribute: PDF 1.7, 14.8.5.4.3)."""


@dataclass(eq=False)
class StructElement:
    """One element of the logical structure: a type (``Sect``, ``H1``, ``TD`` …) and its children.

    Compared by identity: two paragraphs with the same text are two elements.
    """

    type: str
    parent: StructElement | None = None
    kids: list[StructElement] = field(default_factory=list)
    alt: str | None = None
    """Alternate description (/Alt), required on figures."""
    element_id: str | None = None
    """Element identifier (/ID), required on notes."""
    attributes: tuple[str, dict[str, str]] | None = None
    """Owner and attributes written as /A, e.g. ``("Table", {"Scope": "Column"})``; values are names."""
    link_texts: dict[str, str] = field(default_factory=dict)
    """Link target (URI, or ``#`` + destination) -> the words linked, for the annotation's /Contents."""
    keep_empty: bool = False
    """Written even when nothing was drawn into it (an empty table cell still holds its column)."""

    def __post_init__(self) -> None:
        if self.type not in STANDARD_TYPES and self.type not in ROLE_MAP:
            raise ValueError(f"structure type {self.type!r} is neither standard nor role-mapped")

    def add(self, type: str, **fields: Any) -> StructElement:
        """A new last child of this element."""
        child = StructElement(type, parent=self, **fields)
        self.kids.append(child)
        return child

    def nearest(self, type: str) -> StructElement | None:
        """This element or its closest ancestor of the given type."""
        element: StructElement | None = self
        while element is not None and element.type != type:
            element = element.parent
        return element

    def walk(self) -> Iterator[StructElement]:
        yield self
        for kid in self.kids:
            yield from kid.walk()


@dataclass(frozen=True)
class _MarkedContent:
    page: int
    mcid: int


@dataclass(frozen=True)
class _Annotation:
    page: int
    reference: PdfObject


_Content = StructElement | _MarkedContent | _Annotation

_ARTIFACT = "artifact"


class TaggingCanvas(HookedCanvas):
    """A canvas that writes marked content for structure elements and, on save, the structure tree.

    One canvas draws one pass of the build (a second pass, when there is one, draws on a new
    canvas); only the last one is saved, so everything recorded lives here and not on the
    (shared) structure elements.
    """

    def __init__(self, *args: Any, structure: StructElement, xmp: bytes, **kwargs: Any) -> None:
        self.structure = structure
        self.xmp = xmp
        self._open: StructElement | str | None = None
        self._content: defaultdict[StructElement, list[_Content]] = defaultdict(list)
        self._page_mcids: list[StructElement] = []
        """Owner of each marked-content id on the page being drawn (the index is the id)."""
        self._pages: list[tuple[PdfObject, list[StructElement], int]] = []
        """Each finished page: its dictionary, owners of its MCIDs, its /StructParents key."""
        self._annotations: list[tuple[int, StructElement]] = []
        self._links: dict[tuple[int, str], StructElement] = {}
        self._pending_link: tuple[int, StructElement] | None = None
        self._next_key = 0
        self._boxes: dict[StructElement, tuple[int, list[float]]] = {}
        """Each Figure and Table element -> the page it starts on and the box (left, bottom,
        right, top, default user space) enclosing what was drawn of it there."""
        super().__init__(*args, **kwargs)

    # --- marking ---------------------------------------------------------------------------

    @contextmanager
    def tagged(self, element: StructElement) -> Iterator[None]:
        """Draw as content of ``element`` (or of the marked content already open)."""
        opened = self.begin_content(element)
        try:
            yield
        finally:
            if opened:
                self.end_marked()

    @contextmanager
    def artifact(self, kind: str, subtype: str | None = None) -> Iterator[None]:
        """Draw as an artifact: ``kind`` is Pagination, Layout or Page (PDF 1.7, 14.8.2.2)."""
        opened = self.begin_artifact(kind, subtype)
        try:
            yield
        finally:
            if opened:
                self.end_marked()

    def begin_content(self, element: StructElement) -> bool:
        """Open marked content of ``element`` unless some is open; True when it was opened."""
        if self._open is not None:
            return False
        mcid = len(self._page_mcids)
        self._page_mcids.append(element)
        self._content[element].append(_MarkedContent(len(self._pages), mcid))
        self._begin(f"{rl.name(element.type)} <</MCID {mcid}>> BDC", element)
        return True

    def begin_artifact(self, kind: str, subtype: str | None = None) -> bool:
        """Open an artifact unless marked content is open; True when one was opened."""
        if self._open is not None:
            return False
        properties = f"/Type {rl.name(kind)}" + (f" /Subtype {rl.name(subtype)}" if subtype else "")
        self._begin(f"/Artifact <<{properties}>> BDC", _ARTIFACT)
        return True

    def end_marked(self) -> None:
        """Close the marked content (or artifact) a ``begin_…`` call opened."""
        if self._open is None:
            raise RenderError("no marked content is open")
        self.addLiteral("EMC")
        self._open = None

    def enclose(self, element: StructElement, x: float, y: float, width: float,
                height: float) -> None:
        """Note a rectangle drawn for ``element`` (in the current coordinates): the bounding box
        of the Figure or Table it belongs to grows to enclose it, on the page that element
        starts on (a table's pieces on later pages are left out: a /BBox is on one page)."""
        owner = element
        while owner.type not in BOXED_TYPES:
            if owner.parent is None:
                return
            owner = owner.parent
        corners = [self.absolutePosition(x + dx, y + dy) for dx in (0, width) for dy in (0, height)]
        xs, ys = [point[0] for point in corners], [point[1] for point in corners]
        page = len(self._pages)
        seen = self._boxes.get(owner)
        if seen is None:
            self._boxes[owner] = (page, [min(xs), min(ys), max(xs), max(ys)])
        elif seen[0] == page:
            box = seen[1]
            box[:] = [min(box[0], *xs), min(box[1], *ys), max(box[2], *xs), max(box[3], *ys)]

    def has_content(self, element: StructElement) -> bool:
        """Whether anything has been drawn as ``element`` in this pass."""
        return bool(self._content.get(element))

    def _begin(self, operator: str, owner: StructElement | str) -> None:
        self.addLiteral(operator)
        self._open = owner
        self._links.clear()

    # --- hooks: pages and link annotations --------------------------------------------------

    def page_finished(self, page: PdfObject) -> None:
        if self._open is not None:
            raise RenderError("marked content was left open at the end of a page")
        key = self._take_key()
        rl.set_page_entries(page, {"StructParents": key, "Tabs": rl.name("S")})
        self._pages.append((page, self._page_mcids, key))
        self._page_mcids = []

    def annotation_entries(self, target: str | None) -> dict[str, PdfObject]:
        owner = self._open
        if not isinstance(owner, StructElement):
            raise RenderError(f"a link to {target} is drawn outside tagged content")
        link = owner if owner.type == "Link" else self._link_in(owner, target or "")
        key = self._take_key()
        self._pending_link = (key, link)
        description = owner.link_texts.get(target or "") or target or "link"
        return {"StructParent": key, "Contents": rl.text(description)}

    def annotation_stored(self, reference: PdfObject) -> None:
        assert self._pending_link is not None
        key, link = self._pending_link
        self._pending_link = None
        self._content[link].append(_Annotation(len(self._pages), reference))
        self._annotations.append((key, link))

    def _link_in(self, owner: StructElement, target: str) -> StructElement:
        """The Link element for ``target`` inside ``owner`` (one per open marked content)."""
        key = (id(owner), target)
        if key not in self._links:
            link = StructElement("Link", parent=owner)
            self._content[owner].append(link)
            self._links[key] = link
        return self._links[key]

    def _take_key(self) -> int:
        key = self._next_key
        self._next_key += 1
        return key

    # --- saving ------------------------------------------------------------------------------

    def save(self) -> None:
        _StructureWriter(self).write()
        super().save()


class _StructureWriter:
    """Writes the structure tree and the tagged-PDF catalog entries of one saved canvas."""

    def __init__(self, canvas: TaggingCanvas) -> None:
        self.canvas = canvas
        self.references: dict[StructElement, PdfObject] = {}
        self.page_references = [canvas.register(page) for page, _, _ in canvas._pages]

    def write(self) -> None:
        canvas = self.canvas
        root = rl.dictionary({"Type": rl.name("StructTreeRoot")})
        root_reference = canvas.register(root)
        document = self._element(canvas.structure, root_reference)
        if document is None:
            raise RenderError("the document drew nothing that is tagged")
        rl.set_entry(root, "K", rl.array([document]))
        rl.set_entry(root, "ParentTree", rl.dictionary({"Nums": rl.array(self._parent_tree())}))
        rl.set_entry(root, "ParentTreeNextKey", canvas._next_key)
        used = {element.type for element in self.references}
        role_map = {custom: rl.name(standard) for custom, standard in ROLE_MAP.items() if custom in used}
        if role_map:
            rl.set_entry(root, "RoleMap", rl.dictionary(role_map))
        ids = sorted((e.element_id, ref) for e, ref in self.references.items() if e.element_id)
        if ids:
            names = [item for element_id, ref in ids for item in (rl.text(element_id), ref)]
            rl.set_entry(root, "IDTree", rl.dictionary({"Names": rl.array(names)}))
        canvas.setCatalogEntry("StructTreeRoot", root)
        canvas.setCatalogEntry("MarkInfo", rl.dictionary({"Marked": "true"}))
        canvas.setCatalogEntry("Metadata", rl.metadata_stream(canvas.xmp))

    def _element(self, element: StructElement, parent: PdfObject) -> PdfObject | None:
        if not self._has_content(element):
            return None
        entries = rl.dictionary({"Type": rl.name("StructElem"), "S": rl.name(element.type), "P": parent})
        reference = self.canvas.register(entries)
        self.references[element] = reference
        content = self.canvas._content.get(element, [])
        pages = [item.page for item in content if isinstance(item, (_MarkedContent, _Annotation))]
        page = pages[0] if pages else None
        kids: list[PdfObject] = []
        for item in [*element.kids, *content]:
            if isinstance(item, StructElement):
                kid = self._element(item, reference)
                if kid is not None:
                    kids.append(kid)
            elif isinstance(item, _MarkedContent):
                kids.append(item.mcid if item.page == page else rl.dictionary(
                    {"Type": rl.name("MCR"), "Pg": self.page_references[item.page], "MCID": item.mcid}))
            else:
                kids.append(rl.dictionary({"Type": rl.name("OBJR"), "Obj": item.reference,
                                           "Pg": self.page_references[item.page]}))
        box = self.canvas._boxes.get(element)
        if page is None and box is not None:
            page = box[0]
        if page is not None:
            rl.set_entry(entries, "Pg", self.page_references[page])
        rl.set_entry(entries, "K", kids[0] if len(kids) == 1 else rl.array(kids))
        if element.alt is not None:
            rl.set_entry(entries, "Alt", rl.text(element.alt))
        if element.element_id is not None:
            rl.set_entry(entries, "ID", rl.text(element.element_id))
        attributes = []
        if element.attributes is not None:
            owner, values = element.attributes
            attributes.append({"O": rl.name(owner), **{k: rl.name(v) for k, v in values.items()}})
        if box is not None:
            attributes.append({"O": rl.name("Layout"),
                               "BBox": rl.array(round(edge, 2) for edge in box[1])})
        if attributes:
            written = [rl.dictionary(entries) for entries in attributes]
            rl.set_entry(entries, "A", written[0] if len(written) == 1 else rl.array(written))
        return reference

    def _has_content(self, element: StructElement) -> bool:
        if element.keep_empty or self.canvas._content.get(element):
            return True
        return any(self._has_content(kid) for kid in element.kids)

    def _parent_tree(self) -> list[PdfObject]:
        entries: list[tuple[int, PdfObject]] = []
        for _, owners, key in self.canvas._pages:
            entries.append((key, rl.array(self.references[owner] for owner in owners)))
        for key, link in self.canvas._annotations:
            entries.append((key, self.references[link]))
        return [item for key, value in sorted(entries, key=lambda e: e[0]) for item in (key, value)]
