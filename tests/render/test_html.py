"""The HTML edition: one self-contained, semantic HTML5 file from the document model, read back
with a real HTML parser (lxml)."""

from __future__ import annotations

import base64
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest
from bundled_build import STEM, bundled_build

from assessment_doc.model import (
    CellFormat,
    Column,
    Document,
    Figure,
    Metadata,
    Note,
    Paragraph,
    Recommendation,
    Run,
    Section,
    Table,
    TableRow,
    iter_nodes,
)
from assessment_doc.render import every_format, get_renderer
from assessment_doc.render.html import OPEN_DATA_LINK, HtmlTranslator, render_html
from assessment_doc.render.html_parts import png_size
from assessment_doc.render.table_headers import has_row_headers

HtmlElement = lxml.html.HtmlElement


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, HtmlElement]:
    """The bundled build's HTML file (``assessment-doc build`` writes it by default), parsed."""
    path = bundled_build(tmp_path_factory).project / "out" / f"{STEM}.html"
    return path, lxml.html.fromstring(path.read_bytes())


@pytest.fixture(scope="module")
def bundled_document(tmp_path_factory: pytest.TempPathFactory) -> Document:
    from assessment_doc import build_document
    from assessment_doc.project import load_project

    return build_document(load_project(bundled_build(tmp_path_factory).project))


@pytest.fixture(scope="module")
def fixture_html(fixture_doc: Document) -> HtmlElement:
    return lxml.html.fromstring(render_html(fixture_doc))


def _text(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _by_id(page: HtmlElement, name: str) -> HtmlElement | None:
    found = page.xpath(f'//*[@id="{name}"]')
    return found[0] if found else None


# --- the writer --------------------------------------------------------------------------------


def test_it_has_a_method_for_every_node_type() -> None:
    assert HtmlTranslator.missing_node_types() == []


def test_it_is_registered_and_all_includes_it_but_not_csv() -> None:
    assert get_renderer("html") is render_html
    assert every_format()[:3] == ["docx", "pdf", "html"]
    assert "csv" not in every_format()


def test_the_same_document_gives_the_same_bytes(fixture_doc: Document) -> None:
    assert render_html(fixture_doc) == render_html(fixture_doc)


def test_the_bundled_build_wrote_it(bundled: tuple[Path, HtmlElement]) -> None:
    path, page = bundled
    assert path.read_bytes().startswith(b"<!DOCTYPE html>\n<html lang=\"en-GB\">")
    assert page.findtext(".//title") == "Strategic Assessment 2016-17 – Appendix 1"


# --- landmarks, language, headings, contents ---------------------------------------------------


@pytest.mark.parametrize("page_name", ["bundled", "fixture_html"])
def test_it_has_one_of_each_landmark_and_a_skip_link_to_main(
    page_name: str, request: pytest.FixtureRequest
) -> None:
    value = request.getfixturevalue(page_name)
    page = value[1] if page_name == "bundled" else value
    body = page.find("body")
    for landmark in ("header", "nav", "main", "footer"):
        assert len(body.findall(landmark)) == 1, landmark
    skip = body[0]
    assert skip.tag == "a" and skip.get("href") == "#main"
    assert _text(skip) == "Skip to the content"
    target = _by_id(page, "main")
    assert target is not None and target.tag == "main"
    nav = body.find("nav")
    label = _by_id(page, nav.get("aria-labelledby"))
    assert label is not None and _text(label) == "Contents"


def test_its_language_is_the_documents(fixture_doc: Document) -> None:
    welsh = replace(fixture_doc, metadata=replace(fixture_doc.metadata, language="cy-GB"))
    assert lxml.html.fromstring(render_html(welsh)).get("lang") == "cy-GB"
    assert lxml.html.fromstring(render_html(fixture_doc)).get("lang") == "en-GB"


def test_headings_are_numbered_one_h1_and_sections_one_level_below(
    bundled: tuple[Path, HtmlElement], bundled_document: Document
) -> None:
    page = bundled[1]
    assert [_text(h) for h in page.iter("h1")] == ["Strategic Assessment 2016-17"]
    sections = [node for node in iter_nodes(bundled_document) if isinstance(node, Section)]
    headings = page.xpath("//main//h2 | //main//h3 | //main//h4")
    assert [(h.tag, _text(h), h.get("id")) for h in headings] == [
        (f"h{s.level + 1}", s.heading, s.anchor) for s in sections]
    assert headings[0].tag == "h2" and _text(headings[0]).startswith("1 ")


def test_every_contents_entry_links_to_its_heading(
    bundled: tuple[Path, HtmlElement], bundled_document: Document
) -> None:
    page = bundled[1]
    links = page.xpath("//nav//a")
    listed = [s for s in iter_nodes(bundled_document) if isinstance(s, Section) and s.level <= 2]
    assert [(_text(a), a.get("href")) for a in links] == [
        (s.heading, f"#{s.anchor}") for s in listed]
    for link in links:
        target = _by_id(page, link.get("href")[1:])
        assert target is not None and _text(target) == _text(link)
    nested = page.xpath("//nav/ol/li/ol/li/a")  # level 2 inside its level-1 item
    assert [_text(a) for a in nested] == [s.heading for s in listed if s.level == 2]


# --- tables --------------------------------------------------------------------------------------


def test_every_table_has_its_caption_column_headers_and_the_models_cells(
    bundled: tuple[Path, HtmlElement], bundled_document: Document
) -> None:
    page = bundled[1]
    tables = [node for node in iter_nodes(bundled_document) if isinstance(node, Table)]
    found = page.xpath("//table")
    assert len(found) == len(tables) > 5
    for table, element in zip(tables, found):
        assert _text(element.find("caption")) == table.label
        heads = element.xpath("thead/tr/th")
        assert [h.get("scope") for h in heads] == ["col"] * len(table.columns)
        assert [_text(h) for h in heads] == [c.title for c in table.columns]
        rows = element.xpath("tbody/tr")
        assert [[c.text_content() for c in row] for row in rows] == table.text_rows()
        first = {row[0].tag for row in rows}
        assert first == ({"th"} if has_row_headers(table) else {"td"})
        assert all(row[0].get("scope") == "row" for row in rows if row[0].tag == "th")
        assert all(cell.tag == "td" for row in rows for cell in row[1:])
        region = element.getparent()
        assert region.get("role") == "region" and region.get("tabindex") == "0"
        assert region.get("aria-labelledby") == element.find("caption").get("id")
        focus = [i for i, row in enumerate(table.rows) if row.emphasis]
        assert [i for i, row in enumerate(rows) if "focus" in (row.get("class") or "")] == focus


def test_a_tables_notes_and_source_describe_it(fixture_html: HtmlElement) -> None:
    table = fixture_html.xpath('//table[@id="table-1"]')[0]
    notes = _by_id(fixture_html, table.get("aria-describedby"))
    assert [_text(p) for p in notes.findall("p")] == [
        "Rates use the mid-2014 population.",
        "[c] Figure suppressed at source to protect confidentiality.",
        "Source: Kent Police & the Kent Community Safety Unit",
    ]


def test_the_district_table_has_the_focus_row_and_printed_figures(
    bundled: tuple[Path, HtmlElement],
) -> None:
    page = bundled[1]
    focus = page.xpath('//tr[@class="focus"]/th[@scope="row"]')
    assert "Maidstone" in [_text(th) for th in focus]
    assert "9,178" in [_text(td) for td in page.xpath("//tbody//td")]


def test_row_headers_only_where_the_first_column_is_a_label() -> None:
    labelled = Table("t", (Column("Area"), Column("Offences", CellFormat.COUNT)),
                     (TableRow(("Swale", 1234)),))
    numbers = Table("t", (Column("Rank", CellFormat.RANK), Column("Offences", CellFormat.COUNT)),
                    (TableRow((3, 1234)),))
    assert has_row_headers(labelled) and not has_row_headers(numbers)
    page = lxml.html.fromstring(render_html(Document(Metadata("T"), (labelled, numbers))))
    assert [[(c.tag, c.get("scope"), c.text) for c in row]
            for row in page.xpath("//tbody/tr")] == [
        [("th", "row", "Swale"), ("td", None, "1,234")],
        [("td", None, "3"), ("td", None, "1,234")],
    ]


# --- figures, recommendations, footnotes ---------------------------------------------------------


def test_every_figure_is_the_models_png_with_its_alt_text_and_caption(
    bundled: tuple[Path, HtmlElement], bundled_document: Document
) -> None:
    page = bundled[1]
    figures = [node for node in iter_nodes(bundled_document) if isinstance(node, Figure)]
    found = page.xpath("//figure")
    assert len(found) == len(figures) > 3
    for figure, element in zip(figures, found):
        image = element.find("img")
        assert image.get("alt") == figure.alt_text and image.get("alt").strip()
        prefix, data = image.get("src").split(",", 1)
        assert prefix == "data:image/png;base64"
        assert base64.b64decode(data) == figure.image
        assert (int(image.get("width")), int(image.get("height"))) == png_size(figure.image)
        caption = _text(element.find("figcaption"))
        assert caption.startswith(figure.label)
        if figure.source:
            assert caption.endswith(f"Source: {figure.source}")
    assert all(img.get("alt", "").strip() for img in page.iter("img"))


def test_png_size_reads_the_header(fixture_doc: Document) -> None:
    figure = next(n for n in iter_nodes(fixture_doc) if isinstance(n, Figure))
    assert png_size(figure.image) == (400, 250)  # 4 x 2.5 inches at 100 dpi


def test_recommendations_are_regions_named_recommendation_and_their_section(
    bundled: tuple[Path, HtmlElement], bundled_document: Document
) -> None:
    page = bundled[1]
    count = sum(isinstance(node, Recommendation) for node in iter_nodes(bundled_document))
    regions = page.xpath('//section[@class="recommendation"]')
    assert len(regions) == count > 3
    names = []
    for region in regions:
        labels = [_by_id(page, name) for name in region.get("aria-labelledby").split()]
        assert _text(labels[0]) == "Recommendation"
        assert labels[1].tag in ("h2", "h3", "h4")
        names.append(" ".join(_text(label) for label in labels))
    assert len(set(names)) == len(names)  # each one's name tells it from the others


def test_footnotes_link_both_ways(bundled: tuple[Path, HtmlElement]) -> None:
    page = bundled[1]
    references = page.xpath('//a[@class="note-ref"]')
    assert references
    for reference in references:
        note = _by_id(page, reference.get("href")[1:])
        assert note is not None and note.get("class") == "note"
        back = note.xpath('a[@class="note-back"]')[0]
        assert _text(back) == _text(reference)
        first = _by_id(page, back.get("href")[1:])
        assert first is not None and first.get("href") == reference.get("href")


def test_a_footnote_referred_to_twice_gives_each_marker_its_own_id() -> None:
    marker = Run("[1]", note="a.md:1")
    document = Document(Metadata("T"), (Section("S", (
        Paragraph((Run("One"), marker)), Paragraph((Run("Two"), marker)),
        Note((marker, Run(" The note.")), key="a.md:1"))),))
    page = lxml.html.fromstring(render_html(document))
    assert [(a.get("id"), a.get("href")) for a in page.xpath('//a[@class="note-ref"]')] == [
        ("note-1-ref", "#note-1"), ("note-1-ref-2", "#note-1")]
    assert page.xpath('//p[@id="note-1"]/a/@href') == ["#note-1-ref"]


# --- what reaches the reader -------------------------------------------------------------------


def test_nothing_internal_and_no_script_reaches_the_reader(bundled: tuple[Path, HtmlElement]) -> None:
    page = bundled[1]
    text = page.text_content()
    for internal in ("{{", "{%", ":::", "seed", "sec_", "None"):
        assert internal not in text, internal
    assert not page.xpath("//script | //iframe | //object | //embed | //link[@rel='stylesheet']")
    assert not [name for element in page.iter() for name in element.attrib
                if name.startswith("on")]
    sources = [img.get("src") for img in page.iter("img")]
    assert all(src.startswith("data:image/png;base64,") for src in sources)  # self-contained


def test_text_from_data_is_escaped(fixture_html: HtmlElement) -> None:
    assert not fixture_html.xpath("//main//b | //main//i")
    assert "Tonbridge & Malling <b>not bold</b> £60" in fixture_html.text_content()
    assert "<i>escaped</i>" in [td.text for td in fixture_html.iter("td")]
    link = fixture_html.xpath('//main//a[text()="link"]')[0]
    assert link.get("href") == "https://www.example.org/?a=1&b=2"


def test_the_house_colours_are_the_stylesheets(fixture_html: HtmlElement) -> None:
    from assessment_doc.render import house_style as hs

    css = fixture_html.findtext(".//style")
    assert f"--link:{hs.LINK_COLOUR};" in css
    assert f"--recommendation-fill:{hs.RECOMMENDATION_FILL};" in css
    assert "@media print" in css and "var(--link)" in css


# --- the open data tables ------------------------------------------------------------------------


def test_it_links_to_the_open_data_tables_only_when_the_document_says_there_are_some(
    fixture_doc: Document,
) -> None:
    with_ods = replace(fixture_doc, metadata=replace(fixture_doc.metadata, open_data="a b.ods"))
    links = lxml.html.fromstring(render_html(with_ods)).xpath("//header//a")
    assert [(a.get("href"), _text(a)) for a in links] == [("a%20b.ods", OPEN_DATA_LINK)]
    assert OPEN_DATA_LINK not in lxml.html.fromstring(render_html(fixture_doc)).text_content()


def test_the_bundled_build_links_to_its_ods_beside_it(bundled: tuple[Path, HtmlElement]) -> None:
    path, page = bundled
    href = page.xpath(f'//a[text()="{OPEN_DATA_LINK}"]/@href')
    assert href == [f"{STEM}.ods"]
    assert (path.parent / href[0]).is_file()


def test_it_follows_the_documents_house_style(fixture_doc: Document) -> None:
    from assessment_doc.render import house_style as hs

    style = hs.HouseStyle(heading_colour="#6B2C91", accent_colour="#00703C",
                          recommendation_fill="#CCE2D8", focus_fill="#CCE2D8", body_pt=12.0,
                          footer="Official")
    styled = replace(fixture_doc, metadata=replace(fixture_doc.metadata, style=style))
    page = lxml.html.fromstring(render_html(styled))
    css = page.findtext(".//style")
    for chosen in ("--heading:#6B2C91;", "--recommendation-border:#00703C;",
                   "--emphasis-row:#CCE2D8;", "--body-size:109.091%;", "--print-body-size:12pt;"):
        assert chosen in css
    assert _text(page.find(".//footer/p")).endswith("– Official")


def test_a_cross_reference_links_to_its_table_or_figure(fixture_doc: Document) -> None:
    from assessment_doc.model import target_key

    table = Table("Offences", (Column("Area"), Column("Offences", CellFormat.COUNT)),
                  (TableRow(("Swale", 1234)),), id="offences")
    document = Document(Metadata("T"), (Section("S", (
        Paragraph((Run("See "), Run("", ref=target_key("table", "offences")), Run(" and "),
                   Run("the lost one", ref=target_key("table", "missing")))),
        table)),))
    page = lxml.html.fromstring(render_html(document))
    links = page.xpath("//main//p/a")
    assert [(a.get("href"), a.text) for a in links] == [("#table-1", "Table 1")]
    assert _by_id(page, "table-1").tag == "table"
    assert "the lost one" in page.text_content()


def test_the_lists_of_tables_and_figures_link_each_caption_when_asked_for(
    fixture_doc: Document,
) -> None:
    from assessment_doc.model import Contents

    def with_lists(node: object) -> object:
        return replace(node, lists_of_tables_and_figures=True) if isinstance(node, Contents) \
            else node

    asked = replace(fixture_doc, children=tuple(with_lists(c) for c in fixture_doc.children))
    page = lxml.html.fromstring(render_html(asked))
    assert [_text(h) for h in page.xpath("//nav/h3")] == ["List of tables", "List of figures"]
    tables = [n for n in iter_nodes(fixture_doc) if isinstance(n, Table)]
    links = page.xpath("//nav/h3[1]/following-sibling::ol[1]/li/a")
    assert [(_text(a), a.get("href")) for a in links] == [
        (t.label, f"#table-{t.number}") for t in tables]
    assert all(_by_id(page, a.get("href")[1:]) is not None for a in page.xpath("//nav//a"))
    assert not lxml.html.fromstring(render_html(fixture_doc)).xpath("//nav/h3")


def test_a_link_a_browser_would_run_is_written_as_text() -> None:
    document = Document(Metadata("T"), (Paragraph((
        Run("bad", link="javascript:alert(1)"), Run(" "), Run("odd", link=" JavaScript:x"),
        Run(" "), Run("mail", link="mailto:team@example.org"))),))
    page = lxml.html.fromstring(render_html(document))
    assert [(a.text, a.get("href")) for a in page.xpath("//main//a")] == [
        ("mail", "mailto:team@example.org")]
    assert "bad odd mail" in page.text_content()
