"""Lists and quotes nested in any way a content file may nest them (eight levels: see
narrative/nesting.py) lay out in the PDF and the Word file, long items crossing pages.

A quote inside a list item had ended the PDF in "AttributeError: 'Indenter' object has no
attribute 'draw'", and a list straight after a heading part way down a page in "'TaggedList'
object has no attribute 'canv'". The documents here are made from Markdown by the narrative's
own reader, so the nodes are the ones a content file gives.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path

import docx
import pytest
from clients import libreoffice_to_pdf, qpdf_check
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_pdf_tagging import StructNode, struct_tree, tagging_problems

from assessment_doc.model import (
    BlockQuote,
    Document,
    ListItem,
    Metadata,
    Paragraph,
    Section,
    assign_numbers,
    iter_nodes,
    runs,
)
from assessment_doc.narrative.markdown import parse_body
from assessment_doc.narrative.nesting import MAX_LIST_DEPTH, MAX_QUOTE_DEPTH
from assessment_doc.narrative.source_lines import FilledMarkdown
from assessment_doc.render import render_docx, render_pdf

MM = 72 / 25.4
"""Points in a millimetre."""


def _document(markdown: str, before: tuple[object, ...] = ()) -> Document:
    """A one-section document whose body is ``markdown`` read as a content file is read."""
    lines = markdown.count("\n") + 1
    body = parse_body(FilledMarkdown(markdown, tuple(range(1, lines + 1))), "content/09-x.md")
    blocks = tuple(part.item for part in body.parts)
    return assign_numbers(Document(Metadata(title="Nesting"),
                                   (Section("Nested lists and quotes", (*before, *blocks)),)))


def _words(pdf: bytes) -> list[str]:
    text = subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    return text.split()


def _word_lefts(pdf: bytes) -> dict[str, float]:
    """The left edge (points) of each word the PDF draws, first place it is drawn."""
    html = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()
    lefts: dict[str, float] = {}
    for line in html.splitlines():
        if "<word " in line:
            left = float(line.split('xMin="')[1].split('"')[0])
            lefts.setdefault(line.rsplit(">", 2)[-2].split("<")[0], left)
    return lefts


def _docx_words(data: bytes) -> list[str]:
    return [word for paragraph in docx.Document(io.BytesIO(data)).paragraphs
            for word in paragraph.text.split()]


def _written(tmp_path: Path, document: Document) -> tuple[Path, bytes]:
    pdf = render_pdf(document)
    path = tmp_path / "nesting.pdf"
    path.write_bytes(pdf)
    return path, pdf


# --- the reported cases -------------------------------------------------------------------------

REPORTED = "Text.\n\n1. one\n   1. two\n      - three\n        - four\n          > quote\n"


def test_a_quote_deep_in_lists_is_set_a_quote_margin_in_from_its_item(tmp_path: Path) -> None:
    path, pdf = _written(tmp_path, _document(REPORTED))
    lefts = _word_lefts(pdf)
    assert lefts["quote"] - lefts["four"] == pytest.approx(10 * MM, abs=0.5)
    assert lefts["four"] - lefts["three"] == pytest.approx(7 * MM, abs=0.5)
    assert tagging_problems(path) == []
    assert _types_down_to(struct_tree(path), "quote") == [
        "(root)", "Document", "Sect", *["L", "LI", "LBody"] * 4, "BlockQuote", "P"]


def _types_down_to(node: StructNode, text: str) -> list[str]:
    """The element types from ``node`` down to the element holding ``text`` itself."""
    if text in node.text:
        return [node.type]
    for kid in node.kids:
        found = _types_down_to(kid, text)
        if found:
            return [node.type, *found]
    return []


def test_a_quote_at_the_margin_is_set_a_quote_margin_in(tmp_path: Path) -> None:
    _, pdf = _written(tmp_path, _document("Before.\n\n> Quoted.\n>\n> > Quoted twice.\n\nAfter.\n"))
    lefts = _word_lefts(pdf)
    assert lefts["Quoted."] - lefts["Before."] == pytest.approx(10 * MM, abs=0.5)
    assert lefts["Quoted"] - lefts["Before."] == pytest.approx(20 * MM, abs=0.5)
    assert lefts["After."] == lefts["Before."]


@pytest.mark.parametrize("markdown", ["- one\n  - two\n", "1. one\n   - two\n", "> - one\n"])
def test_a_list_right_after_a_heading_part_way_down_a_page_lays_out(markdown: str) -> None:
    first = _document("Some text on the first page.\n")
    second = _document(markdown)
    document = assign_numbers(Document(Metadata(title="Nesting"), (
        *first.children, Section("Then a list", second.children[0].children))))
    assert "two" in _words(render_pdf(document)) or "one" in _words(render_pdf(document))


# --- every kind at the deepest level, long text crossing pages ---------------------------------

LONG = " ".join(f"long{n}" for n in range(900))
"""Enough words to run over a page even at full width."""

CHAINS = {
    "bullets": ["-"] * MAX_LIST_DEPTH,
    "numbers": ["1."] * MAX_LIST_DEPTH,
    "quotes": [">"] * MAX_QUOTE_DEPTH,
    "mixed": ["-", "1.", ">", "-", ">", "1.", "-", ">"],
    "four lists holding four quotes": ["1.", "-"] * 2 + [">"] * 4,
}


def _chain(markers: list[str], last: str) -> str:
    """Markdown nested one level per marker, each level with a word of its own and ``last``
    at the bottom, and an item after each list (a list goes on after what it holds)."""
    lines: list[str] = []
    indent = ""
    for level, marker in enumerate(markers):
        lines += [f"{indent}{marker} level{level}",
                  (indent + (">" if marker == ">" else "")).rstrip()]
        indent += "> " if marker == ">" else " " * (len(marker) + 1)
    lines.append(indent + last)
    for level, marker in reversed(list(enumerate(markers))):
        indent = indent[:-2] if marker == ">" else indent[:-(len(marker) + 1)]
        if marker != ">":
            lines += [indent.rstrip(), f"{indent}{marker} after{level}"]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name", list(CHAINS))
def test_eight_levels_with_a_long_item_lay_out_in_both_formats(name: str, tmp_path: Path) -> None:
    markdown = _chain(CHAINS[name], LONG)
    document = _document(markdown)
    path, pdf = _written(tmp_path, document)
    words = _words(pdf)
    expected = [f"level{n}" for n in range(len(CHAINS[name]))] + LONG.split()
    expected += [f"after{n}" for n, marker in enumerate(CHAINS[name]) if marker != ">"]
    assert [word for word in expected if word not in words] == []
    assert int(subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                              check=True).stdout.split("Pages:")[1].split()[0]) >= 3
    assert qpdf_check(path).returncode == 0
    assert tagging_problems(path) == []
    tree = struct_tree(path)
    kinds = [node.type for node in tree.walk()]
    assert kinds.count("LI") == sum(isinstance(n, ListItem) for n in iter_nodes(document))
    assert kinds.count("BlockQuote") == sum(isinstance(n, BlockQuote) for n in iter_nodes(document))
    word_words = _docx_words(render_docx(document))
    assert [word for word in expected if word not in word_words] == []


def test_eight_lists_holding_four_quotes_keep_every_word() -> None:
    document = _document(_chain(["1.", "-"] * 4 + [">"] * 4, "innermost"))
    assert "innermost" in _words(render_pdf(document))


def test_the_word_file_of_eight_mixed_levels_opens_in_libreoffice(tmp_path: Path) -> None:
    document = _document(_chain(CHAINS["mixed"], LONG))
    word = tmp_path / "nesting.docx"
    word.write_bytes(render_docx(document))
    converted = libreoffice_to_pdf(word, tmp_path)
    words = _words(converted.read_bytes())
    assert [word for word in ["level0", "level7", "long0", "long899", "after0"]
            if word not in words] == []


# --- any nesting: a property ----------------------------------------------------------------------

_DEPTH = max(MAX_LIST_DEPTH, MAX_QUOTE_DEPTH)


@st.composite
def _blocks(draw: st.DrawFn, depth: int = 0, budget: list[int] | None = None) -> list[object]:
    """A few blocks: paragraphs (a few words, or a page's worth), bullet and numbered lists
    and quotes, nested at most eight deep in all; about 40 blocks at most in all.

    A paragraph is ``("p", number, words)``; a list ``(marker, start, items)``, each item a
    list of blocks; a quote ``(">", blocks)``."""
    budget = [40] if budget is None else budget
    blocks: list[object] = []
    for _ in range(draw(st.integers(1, 3))):
        budget[0] -= 1
        kinds = ["p"] if depth >= _DEPTH or budget[0] <= 0 else ["p", "-", "1.", ">"]
        kind = draw(st.sampled_from(kinds))
        if kind == "p":
            words = draw(st.one_of(st.integers(1, 8), st.integers(250, 500)))
            blocks.append(("p", 40 - budget[0], words))
        elif kind == ">":
            blocks.append((">", draw(_blocks(depth + 1, budget))))
        else:
            start = draw(st.integers(1, 3)) if kind == "1." else 1
            items = [draw(_blocks(depth + 1, budget)) for _ in range(draw(st.integers(1, 3)))]
            blocks.append((kind, start, items))
    return blocks


def _markdown(blocks: list[object]) -> list[str]:
    lines: list[str] = []
    for index, block in enumerate(blocks):
        if index:
            lines.append("")
        lines += _block_markdown(block)
    return lines


def _block_markdown(block: object) -> list[str]:
    kind = block[0]  # type: ignore[index]
    if kind == "p":
        _, number, words = block  # type: ignore[misc]
        return [" ".join(f"p{number}w{n}" for n in range(words))]
    if kind == ">":
        return [f"> {line}" if line else ">" for line in _markdown(block[1])]  # type: ignore[index]
    _, start, items = block  # type: ignore[misc]
    lines: list[str] = []
    for index, item in enumerate(items):
        marker = "-" if kind == "-" else f"{start + index}."
        inner = _markdown(item)
        if index:
            lines.append("")
        lines.append(f"{marker} {inner[0]}")
        lines += [" " * (len(marker) + 1) + line if line else "" for line in inner[1:]]
    return lines


def _paragraph_words(blocks: list[object]) -> list[str]:
    markdown = "\n".join(_markdown(blocks))
    return [word for word in markdown.split() if word[0] == "p"]


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(_blocks())
def test_any_nesting_lays_out_in_both_formats_with_every_word(blocks: list[object]) -> None:
    document = _document("\n".join(_markdown(blocks)) + "\n")
    expected = _paragraph_words(blocks)
    pdf = render_pdf(document)
    drawn = set(_words(pdf))
    assert [word for word in expected if word not in drawn] == []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "nesting.pdf")
        path.write_bytes(pdf)
        checked = qpdf_check(path)
    assert checked.returncode == 0, checked.stdout
    word = render_docx(document)
    written = set(_docx_words(word))
    assert [w for w in expected if w not in written] == []


def test_a_paragraph_block_reads_back_as_its_words() -> None:
    """The property's own Markdown: what it writes is what the reader reads."""
    blocks = [("-", 1, [[("p", 1, 2), (">", [("p", 2, 1), ("1.", 3, [[("p", 3, 1)]])])]])]
    document = _document("\n".join(_markdown(blocks)) + "\n")
    assert [type(node).__name__ for node in iter_nodes(document)
            if not isinstance(node, (Document, Section))] == [
        "BulletList", "ListItem", "Paragraph", "BlockQuote", "Paragraph", "NumberedList",
        "ListItem", "Paragraph"]
    assert document.children[0].children[0].items[0].blocks[1].blocks[1].start == 3
    assert Paragraph(runs("p1w0 p1w1")) == document.children[0].children[0].items[0].blocks[0]
