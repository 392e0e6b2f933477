"""The charts follow the project's ``style:``: bars in its colours (where they stand 3:1 on
white), words in its font (where matplotlib finds it), and the style in the chart cache's key;
a project without ``style:`` draws the charts it always did."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest
from fixtures.small_project import small_project
from PIL import Image

from assessment_doc.builder import assemble
from assessment_doc.contrast import contrast_ratio
from assessment_doc.data import Datasets, load_datasets
from assessment_doc.figures import FigureCache, FigureSpecs, build_figure, figure_chart
from assessment_doc.figures.api import load_figure_specs
from assessment_doc.figures.cache import figure_key
from assessment_doc.figures.glyphs import missing_characters
from assessment_doc.figures.look import (
    DEFAULT_LOOK,
    between_white_and_black,
    chart_look,
)
from assessment_doc.figures.palette import BLACK, BLUE, VERMILLION, WHITE
from assessment_doc.fonts import FontFamily, find_family
from assessment_doc.model import Figure, iter_nodes
from assessment_doc.project import load_project
from assessment_doc.render.house_style import HouseStyle

ROOT = Path(__file__).resolve().parents[1]
FOCUS = "Maidstone"
PURPLE = "#6A1B9A"
"""A house colour of the tests' own (8.6:1 on white, 2.4:1 on black)."""
GREEN = "#0B6E4F"


@pytest.fixture(scope="module")
def datasets() -> Datasets:
    return load_datasets(ROOT / "data", focus_area=FOCUS)


@pytest.fixture(scope="module")
def specs() -> FigureSpecs:
    return load_figure_specs(ROOT / "content" / "figures.yaml")


def colours(png: bytes) -> Counter[str]:
    """How many pixels of each colour the picture has, as #RRGGBB."""
    with Image.open(io.BytesIO(png)) as image:
        rgb = image.convert("RGB")
        counts = rgb.getcolors(maxcolors=rgb.width * rgb.height)
    return Counter({f"#{r:02X}{g:02X}{b:02X}": n for n, (r, g, b) in counts})


def bar_colour(png: bytes) -> str:
    """The colour covering most of the picture besides the white page and black ink."""
    counts = colours(png)
    for ink in (WHITE, BLACK):
        counts.pop(ink, None)
    return counts.most_common(1)[0][0]


def test_a_style_heading_colour_is_the_colour_of_the_compared_areas_bars(
        datasets: Datasets, specs: FigureSpecs) -> None:
    plain = build_figure("recorded_crime_rate_by_district", datasets, focus_area=FOCUS,
                         specs=specs)
    styled = build_figure("recorded_crime_rate_by_district", datasets, focus_area=FOCUS,
                          specs=specs, style=HouseStyle(heading_colour=PURPLE,
                                                        accent_colour=GREEN))
    assert bar_colour(plain.image) == BLUE
    assert bar_colour(styled.image) == PURPLE
    found = colours(styled.image)
    assert found[GREEN] > 2_000  # the focus area's hatched bar
    assert found[BLUE] == found[VERMILLION] == 0


def test_the_house_styles_own_colours_keep_the_charts_as_they_were(
        datasets: Datasets, specs: FigureSpecs) -> None:
    """A project without ``style:``, and one whose style only chooses a footer, draw the same
    bytes: the house style's heading and accent colours leave the Okabe-Ito palette alone."""
    for figure_id in ("asb_by_district", "road_collisions_by_ward"):
        plain = build_figure(figure_id, datasets, focus_area=FOCUS, specs=specs)
        house = build_figure(figure_id, datasets, focus_area=FOCUS, specs=specs,
                             style=HouseStyle(footer="Safer Maidstone Partnership"))
        assert house.image == plain.image
    assert chart_look(HouseStyle()) == DEFAULT_LOOK


def test_a_project_with_a_style_draws_its_charts_in_it(tmp_path: Path) -> None:
    """From the settings file to the picture: style: in assessment.yaml reaches the charts."""
    root = small_project(tmp_path / "project")
    with (root / "assessment.yaml").open("a", encoding="utf-8") as settings:
        settings.write(f'style:\n  heading_colour: "{PURPLE}"\n  accent_colour: "{GREEN}"\n'
                       "  font: Liberation Serif\n")
    (root / "content" / "figures.yaml").write_text(
        "figures:\n  crime:\n    kind: ranked_bars\n    caption: Recorded crime, {current}\n"
        "    dataset: recorded_crime\n    measure: offences\n    value_label: Offences\n"
        "    noun: offences\n    highlight: []\n", encoding="utf-8")
    with (root / "content" / "01-summary.md").open("a", encoding="utf-8") as narrative:
        narrative.write("\n::: figure crime\n")
    assembly = assemble(load_project(root), figure_cache=FigureCache())
    [figure] = [n for n in iter_nodes(assembly.document) if isinstance(n, Figure)]
    assert bar_colour(figure.image) == PURPLE
    assert not [w for w in assembly.warnings if "style" in str(w)]


def test_the_chart_cache_key_changes_with_the_style(datasets: Datasets,
                                                    specs: FigureSpecs) -> None:
    spec = specs["asb_by_district"]

    def key(style: HouseStyle | None) -> str:
        return figure_key(spec, specs.population, datasets, FOCUS, None, chart_look(style))

    keys = {key(None), key(HouseStyle(heading_colour=PURPLE)),
            key(HouseStyle(accent_colour=GREEN)), key(HouseStyle(font=find_family("DejaVu Serif")))}
    assert len(keys) == 4
    assert key(HouseStyle()) == key(None)
    cache = FigureCache()
    before = build_figure("asb_by_district", datasets, focus_area=FOCUS, specs=specs, cache=cache)
    drawn = cache.drawn
    after = build_figure("asb_by_district", datasets, focus_area=FOCUS, specs=specs, cache=cache,
                         style=HouseStyle(heading_colour="#5B3A00"))
    assert cache.drawn == drawn + 1  # drawn again, not taken from the cache
    assert bar_colour(after.image) == "#5B3A00" != bar_colour(before.image)


def test_a_colour_under_3_to_1_on_white_is_not_drawn_and_is_told(
        datasets: Datasets, specs: FigureSpecs) -> None:
    """The settings refuse it; a style made in Python is checked here."""
    cache = FigureCache()
    figure = build_figure("asb_by_district", datasets, focus_area=FOCUS, specs=specs,
                          cache=cache, style=HouseStyle(heading_colour="#F0E442"))
    assert bar_colour(figure.image) == BLUE
    [warning] = cache.warnings
    assert warning.file == "assessment.yaml"
    assert "#F0E442" in warning.message and "1.32:1" in warning.message
    assert "#0072B2" in warning.message


@pytest.mark.parametrize("colour", [PURPLE, "#1B2A4A", "#000000", "#0072B2", "#0B6E4F"])
def test_the_grouped_charts_coloured_period_stands_against_white_and_black(colour: str) -> None:
    fill = between_white_and_black(colour)
    assert contrast_ratio(fill, WHITE) >= 3.0
    assert contrast_ratio(fill, BLACK) >= 3.0
    if contrast_ratio(colour, BLACK) >= 3.0:
        assert fill == colour  # left as it is when it already stands out from both
    else:
        assert contrast_ratio(fill, BLACK) < 3.2  # the least tint that does, not a pale one
    look = chart_look(HouseStyle(heading_colour=colour))
    assert [s.fill for s in look.series] == [WHITE, WHITE, fill, BLACK]


def test_the_words_are_set_in_the_style_font(datasets: Datasets, specs: FigureSpecs) -> None:
    serif = find_family("Liberation Serif")
    chart = figure_chart("recorded_crime_rate_by_district", datasets, focus_area=FOCUS,
                         specs=specs, style=HouseStyle(font=serif))
    texts = [t for t in chart.figure.findobj(lambda a: hasattr(a, "get_fontname"))
             if t.get_text()]
    assert texts
    assert {t.get_fontname() for t in texts} == {"Liberation Serif"}
    default = figure_chart("recorded_crime_rate_by_district", datasets, focus_area=FOCUS,
                           specs=specs)
    assert {t.get_fontname() for t in default.figure.findobj(
        lambda a: hasattr(a, "get_fontname")) if t.get_text()} == {"DejaVu Sans"}


def test_a_font_matplotlib_cannot_find_falls_back_with_a_warning(
        datasets: Datasets, specs: FigureSpecs, tmp_path: Path) -> None:
    serif = find_family("Liberation Serif")
    unknown = FontFamily("Borough Sans", serif.regular, serif.bold, serif.italic,
                         serif.bold_italic)
    cache = FigureCache()
    figure = build_figure("asb_by_district", datasets, focus_area=FOCUS, specs=specs, cache=cache,
                          style=HouseStyle(font=unknown))
    plain = build_figure("asb_by_district", datasets, focus_area=FOCUS, specs=specs)
    assert figure.image == plain.image
    [warning] = cache.warnings
    assert "'Borough Sans'" in warning.message and "DejaVu Sans" in warning.message


def test_the_glyph_check_reads_the_style_fonts_files() -> None:
    """DejaVu Sans draws the Georgian letter; Liberation Serif has none."""
    serif = find_family("Liberation Serif")
    look = chart_look(HouseStyle(font=serif))
    assert missing_characters(["Tbilisi \u10d7"]) == ""
    assert missing_characters(["Tbilisi \u10d7"], look.font_files) == "\u10d7"
    assert missing_characters(["Maidstone \u2013 Kent"], look.font_files) == ""

