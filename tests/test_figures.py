"""Charts drawn from the bundled data and content/figures.yaml: PNG at 200 dpi, the same bytes
every time, readable colours, the focus area marked beyond colour, alt text from the data."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from matplotlib.colors import to_hex, to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text

from assessment_doc.data import Datasets, load_datasets
from assessment_doc.errors import InputError
from assessment_doc.figures import (
    FIGURE_KINDS,
    Chart,
    FigureSpecs,
    build_all_figures,
    build_figure,
    contrast_ratio,
    figure_chart,
    figure_kind,
    figure_specs_from_dict,
    load_figure_specs,
    parse_figure_specs,
    relative_luminance,
)
from assessment_doc.figures.palette import FOCUS_HATCH, MINIMUM_CONTRAST, USED
from assessment_doc.model import Figure
from assessment_doc.values import SUPPRESSED

ROOT = Path(__file__).resolve().parents[1]
FOCUS = "Maidstone"
FIGURE_IDS = [
    "recorded_crime_rate_by_district", "violent_crime_wards", "asb_by_district",
    "road_collisions_by_ward", "road_ksi_by_district",
]
ADMISSIONS = {"kind": "ranked_bars", "caption": "Admissions by ward, {current}",
              "dataset": "hospital_admissions", "measure": "admissions", "area_type": "ward",
              "value_label": "Hospital admissions (number)", "noun": "admissions"}
"""A chart of the wards' hospital admissions, two of them suppressed: the bundled Appendix has
none (Table 7 lists the same 26 numbers in the same order), but an analyst may draw one."""


@pytest.fixture(scope="module")
def datasets() -> Datasets:
    return load_datasets(ROOT / "data", focus_area=FOCUS)


@pytest.fixture(scope="module")
def specs() -> FigureSpecs:
    return load_figure_specs(ROOT / "content" / "figures.yaml")


@pytest.fixture(scope="module")
def figures(datasets: Datasets, specs: FigureSpecs) -> dict[str, Figure]:
    return build_all_figures(datasets, focus_area=FOCUS, specs=specs)


@pytest.fixture(scope="module")
def admissions(datasets: Datasets) -> Chart:
    specs = figure_specs_from_dict({"figures": {"admissions": ADMISSIONS}})
    return figure_chart("admissions", datasets, focus_area=FOCUS, specs=specs)


@pytest.fixture(scope="module")
def charts(datasets: Datasets, specs: FigureSpecs) -> dict[str, Chart]:
    """Each chart drawn once, for tests that look at it without changing it."""
    return {figure_id: figure_chart(figure_id, datasets, focus_area=FOCUS, specs=specs)
            for figure_id in specs}


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        assert crc == zlib.crc32(kind + body)
        chunks.append((kind, body))
        at += 12 + length
    return chunks


# --- the bundled figures -------------------------------------------------------------------------


def test_the_bundled_specs_draw_the_five_charts(figures: dict[str, Figure]) -> None:
    assert list(figures) == FIGURE_IDS
    assert all(figure.id == figure_id for figure_id, figure in figures.items())
    assert {figure_kind(kind).name for kind in FIGURE_KINDS} == {"ranked_bars", "grouped_bars"}


@pytest.mark.parametrize("figure_id", FIGURE_IDS)
def test_each_figure_is_a_png_at_200_dpi_without_software_or_time(figure_id, figures) -> None:
    chunks = dict(png_chunks(figures[figure_id].image))
    x, y, unit = struct.unpack(">IIB", chunks[b"pHYs"])
    assert unit == 1  # pixels per metre
    assert x == y == round(200 / 0.0254)
    assert b"tIME" not in chunks
    texts = [body for kind, body in png_chunks(figures[figure_id].image)
             if kind in (b"tEXt", b"iTXt", b"zTXt")]
    assert not any(body.startswith(b"Software") for body in texts)


def test_drawing_twice_gives_the_same_bytes(datasets, specs, figures) -> None:
    again = build_all_figures(datasets, focus_area=FOCUS, specs=specs)
    assert {k: f.image for k, f in again.items()} == {k: f.image for k, f in figures.items()}


def test_another_process_draws_the_same_bytes(figures, tmp_path: Path) -> None:
    script = (
        "import sys\nfrom pathlib import Path\n"
        "from assessment_doc.data import load_datasets\n"
        "from assessment_doc.figures import build_figure, load_figure_specs\n"
        f"root = Path({str(ROOT)!r})\n"
        "d = load_datasets(root / 'data', focus_area='Maidstone')\n"
        "s = load_figure_specs(root / 'content' / 'figures.yaml')\n"
        "f = build_figure('violent_crime_wards', d, focus_area='Maidstone', specs=s)\n"
        "sys.stdout.buffer.write(f.image)\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "MPLCONFIGDIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, env=env,
                            check=True, timeout=120)
    assert result.stdout == figures["violent_crime_wards"].image


def test_captions_and_sources_come_from_the_specs_and_data(figures) -> None:
    figure = figures["recorded_crime_rate_by_district"]
    assert figure.caption == (
        "Recorded crime per 1,000 residents by district, October 2014 - September 2015")
    assert figure.source == "Kent Police recorded crime, supplied by the Kent Community Safety Unit"


# --- alt text ------------------------------------------------------------------------------------


def test_alt_text_states_the_key_message_of_the_ward_chart(figures) -> None:
    assert figures["violent_crime_wards"].alt_text == (
        "High Street had the most violent crimes (452) in April 2015 - September 2015, over "
        "four times Fant (108), the next highest. Loose and Leeds had the fewest (9 each). "
        "The full figures are in the dataset \u2018Violent crime in selected Maidstone wards\u2019, listed with its source in the "
        "appendix Information sources.")


def test_alt_text_places_the_focus_area_against_the_others_and_kent(figures) -> None:
    assert figures["recorded_crime_rate_by_district"].alt_text == (
        "Maidstone had 56.7 recorded crimes per 1,000 residents in October 2014 - September "
        "2015, the 6th lowest of 12 districts, and below the figure for Kent (including "
        "Medway), 61.0. Thanet had the highest (82.0) and Tunbridge Wells the lowest (43.4). "
        "The full figures are in the dataset \u2018Total recorded crime by district\u2019, listed with its source in the "
        "appendix Information sources.")
    assert figures["road_ksi_by_district"].alt_text == (
        "Maidstone had 0.35 people killed or seriously injured per 1,000 residents in July 2014 "
        "- June 2015, the 4th lowest of 12 districts, and below the figure for Kent districts as "
        "a whole, 0.39. Sevenoaks had the highest (0.63) and Tonbridge and Malling the lowest "
        "(0.26). "
        "The full figures are in the dataset \u2018People killed or seriously injured on the roads, by district\u2019, listed with its source in the "
        "appendix Information sources.")


def test_the_ksi_chart_ranks_the_rates_the_table_beside_it_does_not_show(charts) -> None:
    """The table beside it ranks the numbers (Maidstone 57, 3rd highest); the chart ranks them
    per 1,000 residents (0.35, 9th of 12), with two decimals and ticks to match."""
    drawn = charts["road_ksi_by_district"]
    assert list(drawn.data.index[:3]) == ["Sevenoaks", "Tunbridge Wells", "Ashford"]
    assert list(drawn.data.index).index("Maidstone") == 8
    assert drawn.data.loc["Maidstone", "value"] == pytest.approx(0.3523, abs=1e-4)
    labels = {t.get_text() for t in _value_labels(drawn)}
    assert {"0.35", "0.63", "0.26"} <= labels
    axes = drawn.figure.axes[0]
    ticks = [axes.xaxis.get_major_formatter()(x, None) for x in axes.get_xticks()[:3]]
    assert ticks == ["0.0", "0.1", "0.2"]


def test_alt_text_says_which_wards_are_suppressed(admissions: Chart) -> None:
    assert "The figures for Leeds and Detling and Thurnham are suppressed at source ([c]) and "\
        "shown as gaps, not as zero. The full figures are in the dataset" in admissions.alt_text


def test_alt_text_of_a_grouped_chart_names_the_leader_and_the_largest_rise(figures) -> None:
    assert figures["road_collisions_by_ward"].alt_text == (
        "Boxley had the most road traffic collisions in every period from July 2011 - June "
        "2012 to July 2014 - June 2015 (113 in July 2014 - June 2015). The largest rise was in "
        "North Downs, from 51 in July 2011 - June 2012 to 79 in July 2014 - June 2015. "
        "The full figures are in the dataset \u2018Road traffic collisions by district and ward\u2019, listed with its source in the "
        "appendix Information sources.")


def test_alt_text_given_in_the_spec_is_used(datasets) -> None:
    specs = figure_specs_from_dict({"figures": {"wards": {
        "kind": "ranked_bars", "caption": "Wards", "dataset": "violent_crime_wards",
        "measure": "offences", "area_type": "ward", "value_label": "Crimes (number)",
        "noun": "violent crimes", "alt_text": "Violence in {current:short} centred on High Street."}}})
    figure = build_figure("wards", datasets, focus_area=FOCUS, specs=specs)
    assert figure.alt_text == "Violence in Apr 2015 - Sep 2015 centred on High Street."


# --- colour and marking --------------------------------------------------------------------------


def test_contrast_ratio_follows_wcag() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast_ratio("#FFFFFF") == pytest.approx(1)
    assert relative_luminance("#FFFFFF") == pytest.approx(1)
    assert contrast_ratio("#767676") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#0072B2") == pytest.approx(5.19, abs=0.01)
    assert contrast_ratio("#E69F00") < MINIMUM_CONTRAST  # Okabe-Ito orange: too light on white
    with pytest.raises(ValueError):
        relative_luminance("blue")


def test_every_palette_colour_has_3_to_1_contrast_on_white() -> None:
    assert all(contrast_ratio(colour) >= MINIMUM_CONTRAST for colour in USED)


def _colours_drawn(chart_: Chart) -> set[str]:
    found = set()
    for artist in chart_.figure.findobj():
        if not artist.get_visible():
            continue
        candidates = []
        if isinstance(artist, Patch):
            candidates = [artist.get_facecolor(), artist.get_edgecolor()]
        elif isinstance(artist, Line2D) or (isinstance(artist, Text) and artist.get_text()):
            candidates = [artist.get_color()]
        for colour in candidates:
            rgba = to_rgba(colour)
            if rgba[3] > 0 and to_hex(rgba) != "#ffffff":
                found.add(to_hex(rgba))
    return found


@pytest.mark.parametrize("figure_id", FIGURE_IDS)
def test_every_colour_drawn_has_3_to_1_contrast_on_white(figure_id, charts) -> None:
    colours = _colours_drawn(charts[figure_id])
    assert colours
    assert {c: round(contrast_ratio(c), 2) for c in colours
            if contrast_ratio(c) < MINIMUM_CONTRAST} == {}


def test_the_focus_area_is_hatched_outlined_bold_and_named(charts) -> None:
    drawn = charts["recorded_crime_rate_by_district"]
    axes = drawn.figure.axes[0]
    hatched = [bar for bar in axes.patches if bar.get_hatch() == FOCUS_HATCH]
    assert len(hatched) == 1
    assert hatched[0].get_width() == pytest.approx(9178 / 161800 * 1000)
    assert to_hex(hatched[0].get_edgecolor()) == "#000000"
    bold = [t.get_text() for t in axes.texts
            if t.get_fontweight() == "bold" and t.get_horizontalalignment() == "right"]
    assert bold == ["Maidstone"]
    legend = [t.get_text() for t in drawn.figure.legends[0].get_texts()]
    assert legend == ["Maidstone (focus area)", "Other districts",
                      "Kent (including Medway): 61.0"]


def test_the_reference_area_is_a_line_not_a_bar(charts) -> None:
    drawn = charts["asb_by_district"]
    axes = drawn.figure.axes[0]
    assert len(axes.patches) == 12
    assert "Kent" not in [t.get_text() for t in axes.texts]
    assert "Maidstone" in [t.get_text() for t in axes.texts]
    assert axes.lines[0].get_xdata()[0] == pytest.approx(47257 / 1784100 * 1000)


def test_suppressed_wards_are_labelled_gaps_not_zero_bars(admissions: Chart) -> None:
    drawn = admissions
    axes = drawn.figure.axes[0]
    assert len(axes.patches) == 24  # 26 wards, two suppressed
    assert min(bar.get_width() for bar in axes.patches) == 5
    gaps = [t for t in axes.texts if t.get_text() == "[c] suppressed at source"]
    assert len(gaps) == 2
    at = {t.xy[1]: t.get_text() for t in axes.texts if t.get_horizontalalignment() == "right"}
    assert (at[1], at[0]) == ("Leeds", "Detling and Thurnham")  # the bottom two rows
    assert {t.xy[1] for t in gaps} == {0, 1}
    assert drawn.data.loc["Leeds", "value"] is SUPPRESSED


def test_periods_of_a_grouped_chart_go_from_hollow_to_black_with_one_hatch(charts) -> None:
    drawn = charts["road_collisions_by_ward"]
    axes = drawn.figure.axes[0]
    legend = drawn.figure.legends[0]
    # Two rows of two, reading along the rows: matplotlib is given them column by column.
    assert [t.get_text() for t in legend.get_texts()] == [
        "Jul 2011 - Jun 2012", "Jul 2013 - Jun 2014", "Jul 2012 - Jun 2013",
        "Jul 2014 - Jun 2015"]
    by_period = {t.get_text(): (to_hex(h.get_facecolor()), h.get_hatch(), to_hex(h.get_edgecolor()))
                 for t, h in zip(legend.get_texts(), legend.legend_handles)}
    assert [by_period[period] for period in sorted(by_period, key=lambda p: p[4:8])] == [
        ("#ffffff", None, "#000000"),   # oldest: hollow
        ("#ffffff", "//", "#000000"),   # one sparse hatch
        ("#0072b2", None, "#000000"),
        ("#000000", None, "#000000"),   # latest: darkest
    ]
    # Without colour: blue and black (the two solid fills) differ 4:1 in lightness.
    assert contrast_ratio("#0072B2", "#000000") > 4
    bars = {(to_hex(bar.get_facecolor()), bar.get_hatch(), to_hex(bar.get_edgecolor()))
            for bar in axes.patches}
    assert bars == set(by_period.values())
    assert list(drawn.data.columns) == [
        "p2011_07_2012_06", "p2012_07_2013_06", "p2013_07_2014_06", "p2014_07_2015_06"]
    assert drawn.data.loc["North Downs"].tolist() == [51, 53, 52, 79]


@pytest.mark.parametrize("figure_id", FIGURE_IDS)
def test_no_title_in_the_image_axis_labels_with_units_and_dejavu_sans(figure_id, charts) -> None:
    drawn = charts[figure_id]
    axes = drawn.figure.axes[0]
    assert axes.get_title() == "" and drawn.figure.get_suptitle() == ""
    label = axes.get_xlabel() or axes.get_ylabel()
    assert "(number)" in label or "per 1,000 residents" in label
    families = {t.get_fontfamily()[0] for t in drawn.figure.findobj(Text) if t.get_text()}
    assert families == {"DejaVu Sans"}


# --- value labels and the reference line -------------------------------------------------------


def _value_labels(drawn: Chart) -> list[Text]:
    """The words written in the plot after each bar (values, or [c] for a suppressed row)."""
    return [t for t in drawn.figure.axes[0].texts if t.get_horizontalalignment() == "left"]


def _clearance(drawn: Chart) -> tuple[float, list[str]]:
    """Pixels between the reference line (its half width included) and the nearest value label
    (with its white backing), in display coordinates after drawing; and every label the line
    crosses."""
    from assessment_doc.figures import png_bytes

    png_bytes(drawn.figure)  # lays out and draws every text
    renderer = drawn.figure.canvas.get_renderer()
    axes = drawn.figure.axes[0]
    line = axes.lines[0]
    x = axes.transData.transform((line.get_xdata()[0], 0))[0]
    half = line.get_linewidth() * drawn.figure.dpi / 72 / 2
    nearest, crossed = float("inf"), []
    for label in _value_labels(drawn):
        boxes = [label.get_window_extent(renderer)]
        if label.get_bbox_patch() is not None:
            boxes.append(label.get_bbox_patch().get_window_extent(renderer))
        left, right = min(b.x0 for b in boxes), max(b.x1 for b in boxes)
        if left - half <= x <= right + half:
            crossed.append(label.get_text())
        nearest = min(nearest, left - half - x if left > x else x - half - right)
    return nearest, crossed


@pytest.mark.parametrize("figure_id", ["recorded_crime_rate_by_district", "asb_by_district",
                                       "road_ksi_by_district"])
def test_the_reference_line_runs_clear_of_every_value_label(figure_id, charts) -> None:
    drawn = charts[figure_id]
    nearest, crossed = _clearance(drawn)
    assert crossed == []
    assert nearest >= 3  # pixels at 200 dpi: about a point of white either side of the line
    labels = [t.get_text() for t in _value_labels(drawn)]
    assert len(labels) == 12


def test_labels_of_bars_just_short_of_the_line_are_written_past_it(charts) -> None:
    """Figure 1: Kent is 61.0; Dover 57.8, Canterbury 57.1, Maidstone 56.7 and Shepway 56.6 end
    too close to the line for their labels to fit before it, so they start after it; Ashford's
    51.6 fits before it."""
    axes = charts["recorded_crime_rate_by_district"].figure.axes[0]
    kent = axes.lines[0].get_xdata()[0]
    assert kent == pytest.approx(108903 / 1784100 * 1000)
    drawn = charts["recorded_crime_rate_by_district"]
    anchors = {t.get_text(): t.xy[0] for t in _value_labels(drawn)}
    assert [text for text, at in anchors.items() if at == kent] == ["57.8", "57.1", "56.7", "56.6"]
    assert anchors["51.6"] == pytest.approx(51.6, abs=0.05)  # its own bar's end
    assert anchors["82.0"] == pytest.approx(82.0, abs=0.05)


@pytest.mark.parametrize("reference", ["Dartford", "Canterbury", "Sevenoaks", "Gravesham",
                                       "Tonbridge and Malling", "Maidstone"])
def test_no_label_meets_the_line_wherever_the_reference_falls(datasets, reference) -> None:
    """Dartford and Canterbury both had 41 KSI casualties: with either as the reference, the line
    falls right at the other's bar end. The others put it at the top, the bottom, and among
    close values."""
    specs = figure_specs_from_dict({"figures": {"ksi": {
        "kind": "ranked_bars", "caption": "KSI", "dataset": "road_ksi",
        "measure": "casualties_ksi", "value_label": "People (number)", "noun": "people",
        "reference": {"area": reference}}}})
    drawn = figure_chart("ksi", datasets, focus_area=FOCUS, specs=specs)
    axes = drawn.figure.axes[0]
    line = axes.lines[0].get_xdata()[0]
    if reference in ("Dartford", "Canterbury"):
        assert line == 41 and 41 in [bar.get_width() for bar in axes.patches]
    nearest, crossed = _clearance(drawn)
    assert crossed == [] and nearest >= 3


@pytest.mark.parametrize("figure_id", ["recorded_crime_rate_by_district", "road_ksi_by_district",
                                       "violent_crime_wards"])
def test_every_value_label_follows_its_bar_and_ends_inside_the_plot(figure_id, charts) -> None:
    from assessment_doc.figures import png_bytes

    drawn = charts[figure_id]
    png_bytes(drawn.figure)
    renderer = drawn.figure.canvas.get_renderer()
    axes = drawn.figure.axes[0]
    plot = axes.get_window_extent(renderer)
    bar_end = {round(bar.get_y() + bar.get_height() / 2):
               axes.transData.transform((bar.get_width(), 0))[0] for bar in axes.patches}
    for label in _value_labels(drawn):
        box = label.get_window_extent(renderer)
        assert box.x0 > bar_end[round(label.xy[1])], label.get_text()
        assert box.x1 < plot.x1, label.get_text()


def test_label_start_moves_a_label_past_a_line_it_would_reach() -> None:
    from assessment_doc.figures.value_labels import label_start

    gap = 0.05
    assert label_start(2.0, None, 0.3, gap) == pytest.approx(2.05)
    assert label_start(2.0, 2.2, 0.3, gap) == pytest.approx(2.25)     # would cross: past the line
    assert label_start(2.0, 2.0, 0.3, gap) == pytest.approx(2.05)     # line at the bar's end
    assert label_start(2.0, 2.41, 0.3, gap) == pytest.approx(2.05)    # fits before it
    assert label_start(2.0, 2.39, 0.3, gap) == pytest.approx(2.44)    # within the gap of it
    assert label_start(2.0, 1.9, 0.3, gap) == pytest.approx(2.05)     # line inside the bar


def test_the_axis_grows_until_the_longest_label_fits() -> None:
    from assessment_doc.figures.value_labels import lay_out_labels

    # 5 inches of plot, bars at 100 and 50 with 0.5 inch labels, no line: the 100 label needs
    # the axis to reach 100 * 5 / (5 - 0.05 - 0.5).
    layout = lay_out_labels([100, 50], [0.5, 0.5], None, 5.0, gap=0.05)
    assert layout.axis_end == pytest.approx(100 * 5 / 4.45)
    assert layout.anchors == (100, 50)
    # A line at 105 that the label of 100 would reach: the label moves past it, and the axis
    # is worked out from 105.
    layout = lay_out_labels([100, 50], [0.5, 0.5], 105, 5.0, gap=0.05)
    assert layout.anchors == (105, 50)
    assert layout.axis_end == pytest.approx(105 * 5 / 4.45)


# --- text size ------------------------------------------------------------------------------------


def printed_scale(drawn: Chart) -> float:
    """How much the chart is scaled when printed: across its share of the 166 mm text width of
    both formats, or less if that would make it taller than a picture may be (the renderers'
    rule: render/pdf.py ``_image``, render/docx.py ``visit_Figure``)."""
    from assessment_doc.render.house_style import FIGURE_MAX_HEIGHT_MM, TEXT_WIDTH_MM

    width, height = drawn.figure.get_size_inches()
    return min(TEXT_WIDTH_MM * drawn.width / 25.4 / width, FIGURE_MAX_HEIGHT_MM / 25.4 / height)


def _printed_sizes(drawn: Chart) -> dict[str, float]:
    drawn.figure.canvas.draw()  # tick labels exist once drawn
    return {t.get_text(): t.get_fontsize() * printed_scale(drawn)
            for t in drawn.figure.findobj(Text) if t.get_text() and t.get_visible()}


@pytest.mark.parametrize("figure_id", FIGURE_IDS)
def test_every_word_of_a_chart_is_at_least_9_points_as_printed(figure_id, charts) -> None:
    """Font size in points x printed width / drawn width: a chart drawn 6.3 inches wide and
    printed 6.54 inches wide prints its 9.5 pt text at 9.9 pt."""
    sizes = _printed_sizes(charts[figure_id])
    assert len(sizes) > 10
    assert {text: round(size, 1) for text, size in sizes.items() if size < 9} == {}
    assert min(sizes.values()) == pytest.approx(9.5 * 166 / 25.4 / 6.3, abs=0.01)


@pytest.mark.parametrize("share", [0.5, 0.75])
@pytest.mark.parametrize("figure_id", ["recorded_crime_rate_by_district", "road_collisions_by_ward"])
def test_a_chart_printed_across_part_of_the_page_is_drawn_narrower_not_shrunk(
    figure_id, share, datasets, specs
) -> None:
    narrow = figure_specs_from_dict({"figures": {figure_id: {
        **specs[figure_id].model_dump(exclude={"id"}, exclude_none=True), "width": share}}})
    drawn = figure_chart(figure_id, datasets, focus_area=FOCUS, specs=narrow)
    assert drawn.figure.get_size_inches()[0] == pytest.approx(6.3 * share)
    sizes = _printed_sizes(drawn)
    assert {text: round(size, 1) for text, size in sizes.items() if size < 9} == {}


# --- names too long, characters the font lacks ---------------------------------------------------


def _renamed(datasets: Datasets, dataset_id: str, old: str, new: str) -> Datasets:
    frames = dict(datasets.frames)
    frames[dataset_id] = frames[dataset_id].assign(
        area=frames[dataset_id]["area"].replace(old, new))
    return Datasets(datasets.manifest, frames)


LONG_NAME = ("Upper " + "Middle " * 720)[:4995] + "Lower"


@pytest.mark.parametrize("figure_id, dataset_id, ward", [
    ("violent_crime_wards", "violent_crime_wards", "High Street"),
    ("road_collisions_by_ward", "road_collisions", "Boxley"),
])
def test_a_five_thousand_character_area_name_is_cut_short_in_the_chart_only(
    figure_id, dataset_id, ward, datasets, specs
) -> None:
    assert len(LONG_NAME) == 5000
    long = _renamed(datasets, dataset_id, ward, LONG_NAME)
    drawn = figure_chart(figure_id, long, focus_area=FOCUS, specs=specs)
    figure = build_figure(figure_id, long, focus_area=FOCUS, specs=specs)
    assert figure.image.startswith(b"\x89PNG")
    assert LONG_NAME in drawn.data.index  # the data, the alt text and the tables keep it whole
    assert LONG_NAME in drawn.alt_text
    drawn.figure.canvas.draw()
    texts = [t.get_text() for t in drawn.figure.findobj(Text)]
    cut = [text for text in texts if text.startswith("Upper Mid")]
    assert cut and all("\u2026" in text and len(text) < 60 for text in cut)
    left, right = drawn.figure.subplotpars.left, drawn.figure.subplotpars.right
    assert right - left > 0.4  # the plot keeps most of the width


def test_a_dollar_sign_in_a_name_is_drawn_as_it_is(datasets, specs) -> None:
    renamed = _renamed(datasets, "violent_crime_wards", "Fant", "Fant $\\frac{")
    drawn = figure_chart("violent_crime_wards", renamed, focus_area=FOCUS, specs=specs)
    figure = build_figure("violent_crime_wards", renamed, focus_area=FOCUS, specs=specs)
    assert figure.image.startswith(b"\x89PNG")
    assert "Fant \\$\\frac{" in {t.get_text() for t in drawn.figure.findobj(Text)}


def test_characters_the_chart_font_lacks_are_one_warning_and_never_reach_the_terminal(
    datasets, specs, capfd: pytest.CaptureFixture[str]
) -> None:
    import warnings

    from assessment_doc.figures import FigureCache

    renamed = _renamed(datasets, "violent_crime_wards", "Fant", "Fant \u4e2d\u6587")
    cache = FigureCache()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure = build_figure("violent_crime_wards", renamed, focus_area=FOCUS, specs=specs,
                              cache=cache)
    assert figure.image.startswith(b"\x89PNG")
    assert [str(w.message) for w in caught] == []
    assert capfd.readouterr().err == ""
    assert [str(w) for w in cache.warnings] == [
        "content/figures.yaml, line 31: figure 'violent_crime_wards': the chart cannot draw "
        '"\u4e2d" (U+4E2D CJK UNIFIED IDEOGRAPH-4E2D), "\u6587" (U+6587 CJK UNIFIED '
        "IDEOGRAPH-6587): its font has no such characters, so they print as empty boxes in the "
        "chart (the caption, alt text and tables are not affected)"]
    cache = FigureCache()
    build_figure("violent_crime_wards", datasets, focus_area=FOCUS, specs=specs, cache=cache)
    assert cache.warnings == []  # the bundled names are all drawn


# --- spec errors ---------------------------------------------------------------------------------


def test_figure_spec_errors_are_told_at_their_lines(datasets) -> None:
    text = (
        "figures:\n"
        "  violent_crime_wards:\n"
        "    kind: ranked_bar\n"
        "    caption: Wards\n"
        "  asb_by_district:\n"
        "    kind: ranked_bars\n"
        "    caption: ASB\n"
        "    dataset: asb\n"
        "    measure: incidents\n"
        "    noun: incidents\n"
        "    value_label: Incidents\n"
        "    width: 1.5\n"
    )
    with pytest.raises(InputError) as raised:
        parse_figure_specs(text)
    assert [str(p) for p in raised.value.problems] == [
        ("content/figures.yaml, line 3, column 'kind': figure 'violent_crime_wards': unknown "
         "kind 'ranked_bar' (closest known: 'ranked_bars') (expected one of the kinds "
         "'ranked_bars', 'grouped_bars')"),
        ("content/figures.yaml, line 12, column 'width': figure 'asb_by_district': 'width' is "
         "1.5 (expected at most 1.0)"),
    ]


def test_an_unknown_reference_area_names_the_closest(datasets) -> None:
    specs = parse_figure_specs(
        "figures:\n"
        "  asb_by_district:\n"
        "    kind: ranked_bars\n"
        "    caption: ASB\n"
        "    dataset: asb\n"
        "    measure: incidents\n"
        "    show: rate\n"
        "    reference: {area: kent}\n"
        "    noun: incidents\n"
        "    value_label: Incidents per 1,000 residents\n"
    )
    with pytest.raises(InputError) as raised:
        build_all_figures(datasets, focus_area=FOCUS, specs=specs)
    assert str(raised.value) == (
        "content/figures.yaml, line 8, column 'area': figure 'asb_by_district': dataset 'asb' "
        "has no area 'kent' (closest known: 'Kent') (expected an area as written in the "
        "dataset's CSV file)")


# --- more areas than a page holds ----------------------------------------------------------------


@pytest.fixture(scope="module")
def many_wards(tmp_path_factory: pytest.TempPathFactory) -> Datasets:
    """The bundled data with 300 wards of violent crime (Ward N has N crimes; Wards 1-3
    suppressed) and 60 wards of road collisions: a district ten times the size of Maidstone."""
    data = tmp_path_factory.mktemp("many") / "data"
    shutil.copytree(ROOT / "data", data)
    lines = ["area,area_type,period,measure,value"]
    lines += [f"Ward {i},ward,2015-04/2015-09,offences,{'[c]' if i <= 3 else i}"
              for i in range(1, 301)]
    (data / "violent_crime_wards.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    collisions = data / "road_collisions.csv"
    lines = [line for line in collisions.read_text(encoding="utf-8").splitlines()
             if ",ward," not in line]
    periods = ["2011-07/2012-06", "2012-07/2013-06", "2013-07/2014-06", "2014-07/2015-06"]
    lines += [f"Ward {i},ward,{period},collisions,{2 * i + 3 * j}"
              for i in range(1, 61) for j, period in enumerate(periods)]
    collisions.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_datasets(data, focus_area=FOCUS)


def _holds(text: str, part: str) -> bool:
    return part in text


def _row_names(drawn: Chart) -> list[str]:
    """The names beside the bars of a ranked chart, top first."""
    axes = drawn.figure.axes[0]
    names = [t for t in axes.texts if t.get_horizontalalignment() == "right"]
    return [t.get_text() for t in sorted(names, key=lambda t: -t.xy[1])]


def test_three_hundred_wards_draw_a_chart_that_fits_a_page_and_says_what_it_left_out(
    many_wards: Datasets, specs: FigureSpecs
) -> None:
    drawn = figure_chart("violent_crime_wards", many_wards, focus_area=FOCUS, specs=specs)
    assert tuple(drawn.figure.get_size_inches()) == pytest.approx((6.3, 7.92))
    assert _row_names(drawn) == [
        *[f"Ward {i}" for i in range(300, 281, -1)], "\u2026 273 more wards",
        *[f"Ward {i}" for i in range(8, 3, -1)], "\u2026 3 more wards"]
    words = {t.get_text() for t in drawn.figure.axes[0].texts}
    assert {"not drawn: from 281 down to 9", "[c] suppressed at source, not drawn"} <= words
    assert len(drawn.figure.axes[0].patches) == 24
    assert len(drawn.data) == 300  # the data behind the chart: every ward
    assert _holds(drawn.alt_text,
        "Ward 4 had the fewest (4). The figures for Ward 1, Ward 2 and Ward 3 are suppressed at "
        "source ([c]) and counted in the chart's last row, not drawn as zero. The chart draws "
        "24 of the 300 wards: the 19 highest and the 5 lowest; a row marked with an ellipsis "
        "stands for each run of the others. The full figures are in the dataset")


def test_a_highlighted_ward_far_down_the_ranking_is_drawn_in_its_place(
    many_wards: Datasets
) -> None:
    specs = figure_specs_from_dict({"figures": {"wards": {
        "kind": "ranked_bars", "caption": "Wards", "dataset": "violent_crime_wards",
        "measure": "offences", "area_type": "ward", "value_label": "Crimes (number)",
        "noun": "violent crimes", "highlight": ["Ward 150"]}}})
    drawn = figure_chart("wards", many_wards, focus_area=FOCUS, specs=specs)
    assert _row_names(drawn)[16:20] == [
        "Ward 284", "\u2026 133 more wards", "Ward 150", "\u2026 141 more wards"]
    assert drawn.alt_text.startswith(
        "Ward 150 had 150 violent crimes in April 2015 - September 2015, the 147th lowest of "
        "297 wards.")
    assert _holds(drawn.alt_text,
        "The chart draws 23 of the 300 wards: the 17 highest, the 5 lowest and Ward 150 (151st "
        "highest); a row marked with an ellipsis stands for each run of the others. The full "
        "figures are in the dataset")


def test_sixty_wards_over_four_periods_draw_the_three_most_and_three_fewest(
    many_wards: Datasets, specs: FigureSpecs
) -> None:
    drawn = figure_chart("road_collisions_by_ward", many_wards, focus_area=FOCUS, specs=specs)
    axes = drawn.figure.axes[0]
    assert [t.get_text() for t in axes.get_xticklabels()] == [
        "Ward 60", "Ward 59", "Ward 58", "\u2026 54 more\nwards", "Ward 3", "Ward 2", "Ward 1"]
    assert len(axes.patches) == 6 * 4
    assert len(drawn.data) == 60
    assert _holds(drawn.alt_text,
        "The chart draws the 3 wards with the most in July 2014 - June 2015 and the 3 with the "
        "fewest; the other 54 of the 60 wards are not drawn. The full figures are in the "
        "dataset")


def test_the_words_of_rows_without_a_bar_keep_clear_of_the_line_too(many_wards: Datasets) -> None:
    """A line at 120 would run through "not drawn: from 281 down to 9" and "[c] suppressed at
    source, not drawn", written from the axis: they start past it."""
    specs = figure_specs_from_dict({"figures": {"wards": {
        "kind": "ranked_bars", "caption": "Wards", "dataset": "violent_crime_wards",
        "measure": "offences", "area_type": "ward", "value_label": "Crimes (number)",
        "noun": "violent crimes", "reference": {"area": "Ward 120"}}}})
    drawn = figure_chart("wards", many_wards, focus_area=FOCUS, specs=specs)
    moved = {t.get_text() for t in _value_labels(drawn) if t.xy[0] == 120}
    assert {"not drawn: from 281 down to 9", "[c] suppressed at source, not drawn"} <= moved
    nearest, crossed = _clearance(drawn)
    assert crossed == [] and nearest >= 3


def test_the_selection_of_rows_keeps_the_top_the_bottom_and_the_marked() -> None:
    from assessment_doc.figures.selection import Gap, grouped_slots, ranked_rows

    areas = [f"A{i}" for i in range(40)]
    assert ranked_rows(areas[:26], [], set(), 26) == areas[:26]
    rows = ranked_rows(areas, ["S1", "S2"], {"A30", "A31"}, 26)
    assert rows == [*areas[:16], Gap(tuple(areas[16:30])), "A30", "A31",
                    Gap(tuple(areas[32:35])), *areas[35:], Gap(("S1", "S2"), suppressed=True)]
    assert len(rows) == 26
    assert grouped_slots(areas[:6]) == areas[:6]
    assert grouped_slots(areas[:7]) == [*areas[:3], Gap(("A3",)), *areas[4:7]]
