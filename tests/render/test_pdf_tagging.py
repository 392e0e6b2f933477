"""The PDF is tagged: checked with poppler, qpdf, pikepdf and the pdfua package.

:func:`tagging_problems` reads a PDF with pikepdf and lists every way it breaks the rules of tagged
PDF this renderer promises: each marked-content id on a page claimed by exactly one structure
element (and the parent tree agreeing), nothing painted outside marked content or an artifact,
marked content not nested, every annotation tagged with a description, every font embedded with
a ToUnicode map, /StructParents and /Tabs /S on every page. :func:`reading_order` flattens
``pdfinfo -struct-text`` into the headings, table header cells and figures in reading order, for
comparison with the same sequence taken from the model (:func:`model_order`). The negative tests
break the renderer on purpose (no alt text, an untagged footer) and see these checks fail.
"""

from __future__ import annotations

import io
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pytest
from clients import pdf_info, qpdf_check, run
from document_text import squash
from fontTools.ttLib import TTFont
from pdfua import Severity, validate
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas

from assessment_doc.errors import RenderError
from assessment_doc.model import (
    Contents,
    Document,
    Figure,
    Paragraph,
    Section,
    Table,
    iter_nodes,
    runs,
)
from assessment_doc.render import pdf as pdf_module
from assessment_doc.render import pdf_structure
from assessment_doc.render.pdf import FONT, register_fonts, render_pdf
from assessment_doc.render.pdf_flowables import TaggedParagraph
from assessment_doc.render.pdf_structure import StructElement, TaggingCanvas

# --- reading a tagged PDF with pikepdf ---------------------------------------------------------

_PAINTING = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do",
             "INLINE IMAGE"}
"""Content operators that put marks on the page."""


@dataclass
class _Claims:
    """What the structure tree claims: (page, MCID) and annotation -> the elements claiming it."""

    content: dict[tuple[tuple[int, int], int], list[pikepdf.Object]] = field(default_factory=dict)
    annotations: dict[tuple[int, int], list[pikepdf.Object]] = field(default_factory=dict)
    figures_without_alt: int = 0
    notes_without_id: int = 0


def _claims(pdf: pikepdf.Pdf) -> _Claims:
    claims = _Claims()
    root = pdf.Root.StructTreeRoot

    def visit(element: pikepdf.Object) -> None:
        if element.get("/S") == "/Figure" and not str(element.get("/Alt", "")).strip():
            claims.figures_without_alt += 1
        if element.get("/S") == "/Note" and "/ID" not in element:
            claims.notes_without_id += 1
        kids = element.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
        for kid in kids:
            if isinstance(kid, int):
                page = element.Pg.objgen
                claims.content.setdefault((page, int(kid)), []).append(element)
            elif kid.get("/Type") == "/MCR":
                claims.content.setdefault((kid.Pg.objgen, int(kid.MCID)), []).append(element)
            elif kid.get("/Type") == "/OBJR":
                claims.annotations.setdefault(kid.Obj.objgen, []).append(element)
            else:
                visit(kid)

    for kid in root.K if isinstance(root.K, pikepdf.Array) else [root.K]:
        visit(kid)
    return claims


def _parent_tree(pdf: pikepdf.Pdf) -> dict[int, pikepdf.Object]:
    entries: dict[int, pikepdf.Object] = {}

    def visit(node: pikepdf.Object) -> None:
        nums = node.get("/Nums")
        if nums is not None:
            for index in range(0, len(nums), 2):
                entries[int(nums[index])] = nums[index + 1]
        for kid in node.get("/Kids", []):
            visit(kid)

    visit(pdf.Root.StructTreeRoot.ParentTree)
    return entries


@dataclass
class _PageContent:
    mcids: list[int] = field(default_factory=list)
    unmarked_painting: Counter[str] = field(default_factory=Counter)
    nested: int = 0


def _page_content(page: pikepdf.Page) -> _PageContent:
    content = _PageContent()
    marks: list[str] = []  # "mcid", "artifact" or "other" for each open sequence
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            tag = str(operands[0])
            properties = operands[1] if op == "BDC" else None
            if tag == "/Artifact":
                kind = "artifact"
            elif isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
                kind = "mcid"
                content.mcids.append(int(properties.MCID))
            else:
                kind = "other"
            if kind != "other" and any(mark in ("mcid", "artifact") for mark in marks):
                content.nested += 1
            marks.append(kind)
        elif op == "EMC":
            marks.pop()
        elif op in _PAINTING and not any(mark in ("mcid", "artifact") for mark in marks):
            content.unmarked_painting[op] += 1
    return content


def _font_problems(page_number: int, page: pikepdf.Page) -> list[str]:
    problems = []
    fonts = page.Resources.get("/Font", {})
    for font_name, font in fonts.items():
        descendants = font.get("/DescendantFonts")
        described = descendants[0] if descendants is not None else font
        descriptor = described.get("/FontDescriptor")
        embedded = descriptor is not None and any(
            key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
        if not embedded:
            problems.append(f"page {page_number}: font {font_name} ({font.get('/BaseFont')}) is not embedded")
        if "/ToUnicode" not in font:
            problems.append(f"page {page_number}: font {font_name} ({font.get('/BaseFont')}) has no ToUnicode")
    return problems


def tagging_problems(path: Path) -> list[str]:
    """Every way the PDF at ``path`` breaks the tagged-PDF rules this renderer promises."""
    problems: list[str] = []
    with pikepdf.open(path) as pdf:
        if pdf.Root.get("/MarkInfo", {}).get("/Marked") is not True:
            problems.append("the catalog has no /MarkInfo <</Marked true>>")
        if "/StructTreeRoot" not in pdf.Root:
            return [*problems, "the catalog has no /StructTreeRoot"]
        claims = _claims(pdf)
        parent_tree = _parent_tree(pdf)
        problems += [f"{claims.figures_without_alt} Figure element(s) without /Alt"] * bool(
            claims.figures_without_alt)
        problems += [f"{claims.notes_without_id} Note element(s) without /ID"] * bool(
            claims.notes_without_id)
        keys = []
        for number, page in enumerate(pdf.pages, start=1):
            problems += _page_problems(number, page, claims, parent_tree, keys)
        if keys and int(pdf.Root.StructTreeRoot.ParentTreeNextKey) <= max(keys):
            problems.append("/ParentTreeNextKey is not above every key in use")
        if len(keys) != len(set(keys)):
            problems.append("a /StructParent(s) key is used twice")
        claimed_pages = {page for page, _ in claims.content}
        known_pages = {page.obj.objgen for page in pdf.pages}
        problems += [f"marked content claimed on an unknown page {page}"
                     for page in claimed_pages - known_pages]
    return problems


def _page_problems(number: int, page: pikepdf.Page, claims: _Claims,
                   parent_tree: dict[int, pikepdf.Object], keys: list[int]) -> list[str]:
    problems = []
    where = f"page {number}"
    dictionary = page.obj
    if dictionary.get("/Tabs") != "/S":
        problems.append(f"{where}: /Tabs is not /S")
    content = _page_content(page)
    if content.unmarked_painting:
        painted = ", ".join(f"{op} ×{n}" for op, n in sorted(content.unmarked_painting.items()))
        problems.append(f"{where}: painted outside marked content or an artifact: {painted}")
    if content.nested:
        problems.append(f"{where}: {content.nested} marked-content sequence(s) nested in another")
    duplicates = [mcid for mcid, n in Counter(content.mcids).items() if n > 1]
    if duplicates:
        problems.append(f"{where}: MCIDs used twice in the content: {duplicates}")
    page_id = dictionary.objgen
    claimed = {mcid: owners for (pg, mcid), owners in claims.content.items() if pg == page_id}
    for mcid in content.mcids:
        owners = claimed.get(mcid, [])
        if len(owners) != 1:
            problems.append(f"{where}: MCID {mcid} is claimed by {len(owners)} structure elements")
    problems += [f"{where}: MCID {mcid} is claimed but not in the content"
                 for mcid in sorted(set(claimed) - set(content.mcids))]
    if content.mcids:
        if "/StructParents" not in dictionary:
            problems.append(f"{where}: marked content but no /StructParents")
        else:
            key = int(dictionary.StructParents)
            keys.append(key)
            owners = parent_tree.get(key)
            if owners is None:
                problems.append(f"{where}: /StructParents {key} is not in the parent tree")
            else:
                for mcid in content.mcids:
                    claimed_by = claimed.get(mcid, [None])[0]
                    if mcid >= len(owners) or owners[mcid].objgen != getattr(claimed_by, "objgen", None):
                        problems.append(f"{where}: the parent tree disagrees about MCID {mcid}")
    for annotation in dictionary.get("/Annots", []):
        problems += _annotation_problems(where, annotation, claims, parent_tree, keys)
    return problems + _font_problems(number, page)


def _annotation_problems(where: str, annotation: pikepdf.Object, claims: _Claims,
                         parent_tree: dict[int, pikepdf.Object], keys: list[int]) -> list[str]:
    subtype = annotation.get("/Subtype")
    owners = claims.annotations.get(annotation.objgen, [])
    problems = []
    if len(owners) != 1:
        problems.append(f"{where}: {subtype} annotation claimed by {len(owners)} elements")
    if owners and owners[0].get("/S") != "/Link" and subtype == "/Link":
        problems.append(f"{where}: link annotation inside a {owners[0].get('/S')}, not a Link")
    if not str(annotation.get("/Contents", "")).strip():
        problems.append(f"{where}: {subtype} annotation without /Contents")
    if "/StructParent" not in annotation:
        problems.append(f"{where}: {subtype} annotation without /StructParent")
    else:
        key = int(annotation.StructParent)
        keys.append(key)
        if owners and getattr(parent_tree.get(key), "objgen", None) != owners[0].objgen:
            problems.append(f"{where}: the parent tree disagrees about annotation {key}")
    return problems


def font_program_problems(path: Path) -> list[str]:
    """PDF/UA-1 7.21.6 for ReportLab's simple TrueType subsets, and 7.21.5 (glyph widths).

    A symbolic TrueType font has no /Encoding and one cmap subtable in its program; each width
    in /Widths is the program's advance width (in 1/1000 em).
    """
    problems: list[str] = []
    seen: set[tuple[int, int]] = set()
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for font in page.Resources.get("/Font", {}).values():
                if font.objgen in seen:
                    continue
                seen.add(font.objgen)
                name = str(font.BaseFont)
                program = TTFont(io.BytesIO(font.FontDescriptor.FontFile2.read_bytes()))
                symbolic = int(font.FontDescriptor.Flags) & 4
                if not symbolic or "/Encoding" in font or len(program["cmap"].tables) != 1:
                    problems.append(f"{name}: not a symbolic TrueType font with one cmap subtable")
                cmap = program["cmap"].tables[0].cmap
                scale = 1000 / program["head"].unitsPerEm
                for code, width in enumerate(font.Widths, start=int(font.FirstChar)):
                    glyph = cmap.get(code)
                    if glyph is not None and abs(program["hmtx"][glyph][0] * scale - float(width)) > 1:
                        problems.append(f"{name}: width of code {code} is {width}, the program's is "
                                        f"{program['hmtx'][glyph][0] * scale:.0f}")
    return problems


def heading_level_problems(tree: StructNode) -> list[str]:
    """PDF/UA-1 7.4.2: numbered headings start at H1 and never skip a level going down."""
    levels = [int(node.type[1]) for node in tree.walk() if re.fullmatch(r"H[1-6]", node.type)]
    problems = ["the first heading is not H1"] if levels and levels[0] != 1 else []
    problems += [f"H{before} is followed by H{after}"
                 for before, after in itertools.pairwise(levels) if after > before + 1]
    return problems


def figure_alts(path: Path) -> list[str]:
    """The /Alt of every Figure element, in structure-tree order."""
    alts: list[str] = []
    with pikepdf.open(path) as pdf:
        def visit(element: pikepdf.Object) -> None:
            if not isinstance(element, pikepdf.Dictionary) or "/S" not in element:
                return
            if element.S == "/Figure":
                alts.append(str(element.get("/Alt", "")))
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                visit(kid)
        visit(pdf.Root.StructTreeRoot.K[0])
    return alts


# --- reading order: pdfinfo -struct-text against the model -------------------------------------


@dataclass
class StructNode:
    """One element of ``pdfinfo -struct-text`` output: its type and the text lines under it."""

    type: str
    text: list[str] = field(default_factory=list)
    kids: list[StructNode] = field(default_factory=list)
    attributes: list[str] = field(default_factory=list)
    """Its attribute lines, such as ``/Scope /Row``."""

    def all_text(self) -> str:
        return "".join(self.text) + "".join(kid.all_text() for kid in self.kids)

    def walk(self) -> Iterator[StructNode]:
        yield self
        for kid in self.kids:
            yield from kid.walk()


def struct_tree(path: Path) -> StructNode:
    """Parse ``pdfinfo -struct-text``: two spaces of indent a level, text lines in quotes."""
    result = run("pdfinfo", "-struct-text", str(path))
    assert result.returncode == 0, result.stderr
    root = StructNode("(root)")
    stack: list[tuple[int, StructNode]] = [(-1, root)]
    for line in result.stdout.splitlines():
        stripped = line.lstrip(" ")
        depth = (len(line) - len(stripped)) // 2
        while stack[-1][0] >= depth:
            stack.pop()
        parent = stack[-1][1]
        if stripped.startswith('"'):
            parent.text.append(stripped[1:-1])
        elif stripped.startswith("/"):
            parent.attributes.append(stripped)
        elif stripped.startswith("Object "):
            continue  # an annotation reference
        else:
            node = StructNode(stripped.split()[0].rstrip(":"))
            parent.kids.append(node)
            stack.append((depth, node))
    return root


def reading_order(path: Path) -> list[tuple[str, str]]:
    """Headings, table header cells and figures (with their alt text), in the tagged order."""
    alts = iter(figure_alts(path))
    order = []
    for node in struct_tree(path).walk():
        if re.fullmatch(r"H[1-6]", node.type):
            order.append(("heading", squash(node.all_text())))
        elif node.type == "TH" and "/Scope /Column" in node.attributes:
            order.append(("header cell", squash(node.all_text())))
        elif node.type == "Figure":
            order.append(("figure", next(alts)))
    return order


def model_order(document: Document) -> list[tuple[str, str]]:
    """The same sequence, from the document model."""
    order = []
    for node in iter_nodes(document):
        if isinstance(node, Contents):
            order.append(("heading", squash(node.title)))
        elif isinstance(node, Section):
            order.append(("heading", squash(node.heading)))
        elif isinstance(node, Table):
            order.extend(("header cell", squash(column.title)) for column in node.columns)
        elif isinstance(node, Figure):
            order.append(("figure", node.alt_text))
    return order


def pdfua_errors(path: Path) -> list[str]:
    report = validate(str(path))
    return [f"{f.rule_id}: {f.message}" for f in report.findings if f.severity >= Severity.WARNING]


# --- the fixture document ----------------------------------------------------------------------


def test_pdfinfo_says_tagged(fixture_pdf: Path) -> None:
    info = pdf_info(fixture_pdf)
    assert info["Tagged"] == "yes"
    assert info["Metadata Stream"] == "yes"


def test_the_reading_order_is_the_models(fixture_doc: Document, fixture_pdf: Path) -> None:
    order = reading_order(fixture_pdf)
    assert order == model_order(fixture_doc)
    assert [kind for kind, _ in order].count("figure") == 2


def test_every_marked_content_is_claimed_once_and_nothing_is_painted_untagged(fixture_pdf: Path) -> None:
    assert tagging_problems(fixture_pdf) == []


def test_the_pdfua_package_finds_nothing(fixture_pdf: Path) -> None:
    assert pdfua_errors(fixture_pdf) == []


def test_fonts_are_symbolic_truetype_with_the_programs_widths(fixture_pdf: Path) -> None:
    assert font_program_problems(fixture_pdf) == []


def test_headings_start_at_h1_and_skip_no_level(fixture_pdf: Path) -> None:
    assert heading_level_problems(struct_tree(fixture_pdf)) == []


def _element_types(tree: StructNode) -> Counter[str]:
    return Counter(node.type for node in tree.walk())


def test_every_node_type_has_its_tags(fixture_pdf: Path) -> None:
    types = _element_types(struct_tree(fixture_pdf))
    for tag in ("Document", "Sect", "H1", "H2", "H3", "P", "L", "LI", "Lbl", "LBody", "Table",
                "THead", "TBody", "TR", "TH", "TD", "Figure", "Caption", "TOC", "TOCI",
                "Reference", "Link", "Note", "BlockQuote"):
        assert types[tag] > 0, tag
    assert types["Table"] == 2 and types["Figure"] == 2 and types["L"] == 3


def _children_of(tree: StructNode, kind: str) -> list[list[str]]:
    return [[kid.type for kid in node.kids] for node in tree.walk() if node.type == kind]


def test_tables_have_a_caption_a_header_row_and_a_row_per_model_row(fixture_pdf: Path) -> None:
    tree = struct_tree(fixture_pdf)
    tables = [node for node in tree.walk() if node.type == "Table"]
    assert [[kid.type for kid in table.kids] for table in tables] == [["Caption", "THead", "TBody"]] * 2
    assert [len(table.kids[2].kids) for table in tables] == [130, 2]
    assert all(len(row.kids) == 5 for table in tables for part in table.kids[1:] for row in part.kids)


def test_the_long_table_header_is_tagged_once_and_its_repeats_are_artifacts(fixture_pdf: Path) -> None:
    tree = struct_tree(fixture_pdf)
    first_header = next(node for node in tree.walk() if node.type == "TH")
    assert first_header.text == ["Ward"]


def test_the_split_paragraph_is_one_element_on_two_pages(fixture_pdf: Path) -> None:
    paragraph = next(node for node in struct_tree(fixture_pdf).walk()
                     if node.type == "P" and node.all_text().startswith("Sentence 1 of"))
    assert len(paragraph.text) == 2  # one marked-content sequence on each page
    assert "Sentence 40 of" in paragraph.text[1]
    with pikepdf.open(fixture_pdf) as pdf:
        pages_of: dict[tuple[int, int], set[tuple[int, int]]] = {}
        for (page, _), owners in _claims(pdf).content.items():
            for owner in owners:
                pages_of.setdefault(owner.objgen, set()).add(page)
    assert max(len(pages) for pages in pages_of.values()) == 2


def test_list_items_have_their_label_and_body(fixture_pdf: Path) -> None:
    tree = struct_tree(fixture_pdf)
    assert all(kids == ["Lbl", "LBody"] for kids in _children_of(tree, "LI"))
    labels = [node.all_text() for node in tree.walk() if node.type == "Lbl"]
    assert labels == ["•", "•", "1.", "2.", "•", "•"]


def test_the_contents_is_a_toc_of_links_with_page_numbers(fixture_doc: Document, fixture_pdf: Path) -> None:
    tree = struct_tree(fixture_pdf)
    toc = next(node for node in tree.walk() if node.type == "TOC")
    entries = [node for node in toc.walk() if node.type == "TOCI"]
    references = [next(kid for kid in entry.kids if kid.type == "Reference") for entry in entries]
    assert all([kid.type for kid in reference.kids] == ["Link"] for reference in references)
    links = [reference.kids[0] for reference in references]
    assert [link.text[0] for link in links] == [
        "1 Introduction", "1.1 Escaping & quoting", "1.2 A long paragraph", "2 Tables and figures",
        "2.1 Long table", "2.2 Figures", "Appendix 1 – Information sources"]
    assert all(re.fullmatch(r"\d+", link.text[1]) for link in links)  # the page number, no leaders
    nested = _children_of(toc, "TOCI")
    assert nested[0] == ["Reference", "TOC"]  # level-2 entries nest under their level-1 entry
    assert all(kids in (["Reference"], ["Reference", "TOC"]) for kids in nested)


def test_links_are_link_elements_with_a_described_annotation(fixture_pdf: Path) -> None:
    with pikepdf.open(fixture_pdf) as pdf:
        annotations = [annot for page in pdf.pages for annot in page.obj.get("/Annots", [])]
        uri = [a for a in annotations if "/A" in a]
        assert [str(a.Contents) for a in uri] == ["link"]
        internal = {str(a.Contents) for a in annotations if "/Dest" in a}
    assert "1.2 A long paragraph" in internal


def test_the_recommendation_is_role_mapped_to_p(fixture_pdf: Path) -> None:
    with pikepdf.open(fixture_pdf) as pdf:
        assert pdf.Root.StructTreeRoot.RoleMap == pikepdf.Dictionary(Recommendation=pikepdf.Name.P)


def test_xmp_has_the_title_and_the_pdfua_part(fixture_pdf: Path) -> None:
    with pikepdf.open(fixture_pdf) as pdf:
        meta = pdf.open_metadata()
        assert meta["dc:title"] == "Fixture Strategic Assessment"
        assert meta["pdfuaid:part"] == "1"
        assert meta["dc:language"] == {"en-GB"}
        assert pdf.Root.Lang == "en-GB"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True


def test_pages_declare_their_structure_and_tab_order(fixture_pdf: Path) -> None:
    with pikepdf.open(fixture_pdf) as pdf:
        assert all(page.obj.Tabs == "/S" and "/StructParents" in page.obj for page in pdf.pages)
        assert pdf.pdf_version == "1.7"


def test_split_pieces_keep_their_node_and_element() -> None:
    register_fonts()
    node, element = Paragraph(runs("words " * 200)), StructElement("P")
    paragraph = TaggedParagraph("words " * 200, ParagraphStyle("p", fontName=FONT, leading=12))
    paragraph.model_node, paragraph.structure = node, element
    paragraph.wrap(300, 1000)
    pieces = paragraph.split(300, 100)
    assert len(pieces) == 2
    assert all(piece.model_node is node and piece.structure is element for piece in pieces)


def test_a_link_drawn_outside_tagged_content_is_refused() -> None:
    canvas = TaggingCanvas(io.BytesIO(), structure=StructElement("Document"), xmp=b"")
    with pytest.raises(RenderError, match="outside tagged content"):
        canvas.linkURL("https://example.org/", (0, 0, 10, 10))


# --- negative tests: the checks can fail -------------------------------------------------------


def _render(document: Document, tmp_path: Path) -> Path:
    path = tmp_path / "broken.pdf"
    path.write_bytes(render_pdf(document))
    return path


def test_a_figure_without_alt_text_fails_the_checks(fixture_doc: Document, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    original = pdf_module.PdfTranslator.visit_Figure

    def without_alt(self: pdf_module.PdfTranslator, node: Figure) -> list:
        flowables = original(self, node)
        next(f for f in flowables if getattr(f, "structure", None)).structure.alt = None
        return flowables

    monkeypatch.setattr(pdf_module.PdfTranslator, "visit_Figure", without_alt)
    broken = _render(fixture_doc, tmp_path)
    assert tagging_problems(broken) == ["2 Figure element(s) without /Alt"]
    assert any(error.startswith("UA-13-004") for error in pdfua_errors(broken))
    assert [alt for kind, alt in reading_order(broken) if kind == "figure"] == ["", ""]


def test_an_untagged_footer_fails_the_checks(fixture_doc: Document, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    original = pdf_structure.TaggingCanvas.artifact

    @contextmanager
    def footer_untagged(self: pdf_structure.TaggingCanvas, kind: str, subtype: str | None = None):
        if subtype == "Footer":
            yield
        else:
            with original(self, kind, subtype):
                yield

    monkeypatch.setattr(pdf_structure.TaggingCanvas, "artifact", footer_untagged)
    broken = _render(fixture_doc, tmp_path)
    problems = tagging_problems(broken)
    assert len(problems) == int(pdf_info(broken)["Pages"]) - 1  # every page but the cover
    # the footer is a form XObject (drawn once the page count is known): its Do is what is
    # painted untagged
    assert problems[0] == "page 2: painted outside marked content or an artifact: Do ×1"
    assert any(error.startswith("UA-01-003") for error in pdfua_errors(broken))


def test_a_pdf_from_before_tagging_fails_every_check(tmp_path: Path) -> None:
    """An untagged PDF (ReportLab's default canvas) is what the checks are there to catch."""
    path = tmp_path / "untagged.pdf"
    canvas = Canvas(str(path))
    canvas.drawString(72, 720, "Hello")
    canvas.save()
    assert pdf_info(path)["Tagged"] == "no"
    assert tagging_problems(path) == ["the catalog has no /MarkInfo <</Marked true>>",
                                      "the catalog has no /StructTreeRoot"]
    assert pdfua_errors(path)


def test_qpdf_accepts_the_tagged_file(fixture_pdf: Path) -> None:
    result = qpdf_check(fixture_pdf)
    assert result.returncode == 0, result.stdout + result.stderr
