"""The manifest: its models, and every schema problem placed on the line where it was written."""

from __future__ import annotations

import pytest

from assessment_doc.data.manifest import DatasetSpec, Manifest, MeasureSpec, read_manifest
from assessment_doc.data.yaml_source import YamlSyntaxError, parse_yaml

GOOD = """\
datasets:
  - id: recorded_crime
    file: recorded_crime.csv
    title: Recorded crime
    source: Kent Police
    measures:
      offences:
        unit: count
        label: All crime
      violence: {unit: count, label: Violence, parent: offences}
"""


def problems(text: str) -> list[str]:
    return [str(p) for p in read_manifest(text, "data/datasets.yaml").problems]


def test_a_good_manifest_gives_its_models_with_defaults():
    reading = read_manifest(GOOD, "data/datasets.yaml")
    assert reading.problems == ()
    spec = reading.manifest.dataset("recorded_crime")
    assert spec.units == {"offences": "count", "violence": "count"}
    assert (spec.publisher, spec.description, spec.notes, spec.focus_area_required) == (
        None, None, (), True)
    assert spec.measures["offences"].derived is False


def test_models_are_frozen():
    spec = read_manifest(GOOD, "x").manifest.datasets[0]
    with pytest.raises(ValueError):
        spec.title = "Other"  # type: ignore[misc]


def test_an_unknown_dataset_id_is_a_key_error_naming_the_known_ones():
    with pytest.raises(KeyError, match="no dataset 'crime' in datasets.yaml \\(known: a\\)"):
        Manifest(datasets=(DatasetSpec(id="a", file="a.csv", title="A", source="S",
                                       measures={"m": {"unit": "count", "label": "M"}}),)
                 ).dataset("crime")


@pytest.mark.parametrize(("text", "expected"), [
    ("", ["data/datasets.yaml, line 1: is empty (expected 'datasets:' followed by a list of "
          "entries, each starting '- id:')"]),
    ("- a\n- b\n", ["data/datasets.yaml, line 1: the file should hold 'key: value' lines, not a "
                    "list (expected 'datasets:' followed by a list of entries, each starting "
                    "'- id:')"]),
    ("datasets: []\n", ["data/datasets.yaml, line 1, column 'datasets': 'datasets' has no "
                        "entries (expected a list of datasets, each '- id: ...')"]),
    ("datasets:\n  - recorded_crime.csv\n", [
        "data/datasets.yaml, line 2, column 'datasets': this entry should hold 'key: value' "
        "lines, not the text "
        "'recorded_crime.csv' (expected an entry starting '- id:', with file, title, source "
        "and measures)"]),
    ("datasets:\n  - id: x\n\tfile: x.csv\n", [
        "data/datasets.yaml, line 3: is not valid YAML: while scanning for the next token found "
        "character '\\t' that cannot start any token (expected well-formed YAML (check the "
        "indentation, colons and quotes on this line and the one before))"]),
    ("datasets: !!python/object:os.system {}\n", [
        "data/datasets.yaml, line 1: is not valid YAML: could not determine a constructor for the "
        "tag 'tag:yaml.org,2002:python/object:os.system' (expected well-formed YAML (check the "
        "indentation, colons and quotes on this line and the one before))"]),
])
def test_shape_problems_are_placed(text, expected):
    assert problems(text) == expected


def test_problems_in_a_measure_point_at_the_measure_key_lines():
    text = GOOD.replace("unit: count\n", "unit: counts\n").replace("parent: offences",
                                                                 "parent: all, derived: maybe")
    assert problems(text) == [
        "data/datasets.yaml, line 8, column 'unit': unknown unit 'counts' "
        "(expected one of count, percent, rate_per_1000, gbp, persons, percent_change)",
        "data/datasets.yaml, line 10, column 'derived': 'maybe' is not true or false "
        "(expected true or false: true when we computed the value from published figures)",
    ]


def test_a_missing_key_points_at_the_line_of_what_lacks_it():
    text = GOOD.replace("    title: Recorded crime\n", "").replace(
        "      offences:\n        unit: count\n", "      offences:\n")
    assert problems(text) == [
        "data/datasets.yaml, line 2, column 'title': missing key 'title' "
        "(expected the dataset's title, e.g. Total recorded crime by district)",
        "data/datasets.yaml, line 6, column 'unit': missing key 'unit' "
        "(expected one of count, percent, rate_per_1000, gbp, persons, percent_change)",
    ]


def test_the_line_of_a_parent_that_is_not_a_measure_is_its_own():
    assert problems(GOOD.replace("parent: offences", "parent: crime")) == [
        "data/datasets.yaml, line 10, column 'parent': measure 'violence' has parent 'crime', "
        "which is not a measure of this dataset (expected the name of another measure of this "
        "dataset, or no parent)",
    ]


def test_an_entry_that_fails_still_gives_its_file_and_units_as_written():
    reading = read_manifest(GOOD.replace("title: Recorded crime", "titel: x"), "x")
    (entry,) = reading.entries
    assert (entry.spec, entry.dataset_id, entry.file, entry.line) == (
        None, "recorded_crime", "recorded_crime.csv", 2
    )
    assert entry.units == {"offences": "count", "violence": "count"}
    assert reading.manifest.datasets == ()


def test_yaml_lines_follow_keys_and_items():
    source = parse_yaml(GOOD)
    assert source.line_of(("datasets",)) == 1
    assert source.line_of(("datasets", 0)) == 2
    assert source.line_of(("datasets", 0, "measures", "offences", "unit")) == 8
    assert source.line_of(("datasets", 0, "measures", "violence", "parent")) == 10
    assert source.line_of(("datasets", 0, "nothing", "here")) == 2
    assert source.line_of(("datasets", 5)) == 1


def test_yaml_syntax_errors_carry_their_line():
    with pytest.raises(YamlSyntaxError) as raised:
        parse_yaml("a: 1\nb: [2\n")
    assert raised.value.line == 3


def test_recursive_aliases_do_not_hang():
    assert parse_yaml("a: &x [*x]\n").duplicates == ()


def test_a_measure_written_as_text_says_what_it_should_hold():
    assert problems(GOOD.replace("      offences:\n        unit: count\n        label: All crime\n",
                                 "      offences: All crime\n")) == [
        "data/datasets.yaml, line 7, column 'offences': 'offences' should hold 'key: value' "
        "lines, not the text 'All crime' (expected 'unit:' and 'label:' indented under the "
        "measure's name)",
    ]


def test_a_number_where_text_belongs_is_refused():
    assert problems(GOOD.replace("title: Recorded crime", "title: 2015")) == [
        "data/datasets.yaml, line 4, column 'title': 'title' should be text, not the value '2015' "
        "(expected the dataset's title, e.g. Total recorded crime by district)",
    ]


def test_words_for_readers_and_words_for_maintainers_are_separate_keys():
    text = GOOD.replace("    source: Kent Police\n", (
        "    source: Kent Police recorded crime\n"
        "    description: All crime recorded by Kent Police in the twelve months.\n"
        "    transcribed_from: Section 2.2 table of the published assessment\n"
        "    notes:\n"
        "      - Printed as 'Tonbridge & Malling'; stored as 'Tonbridge and Malling'.\n"))
    spec = read_manifest(text, "x").manifest.dataset("recorded_crime")
    assert spec.description == "All crime recorded by Kent Police in the twelve months."
    assert spec.source == "Kent Police recorded crime"
    assert spec.transcribed_from == "Section 2.2 table of the published assessment"
    assert spec.notes == ("Printed as 'Tonbridge & Malling'; stored as 'Tonbridge and Malling'.",)


def test_a_description_written_as_a_list_says_it_is_printed_for_readers():
    text = GOOD.replace("    source: Kent Police\n",
                        "    source: Kent Police\n    description:\n      - one\n")
    assert problems(text) == [
        "data/datasets.yaml, line 6, column 'description': 'description' should be text, not a "
        "list (expected for the reader: what the figures are and what to know when using them, "
        "printed in the appendix 'Information sources')",
    ]


def test_no_key_explains_itself_in_the_projects_own_words():
    """The keys' descriptions are what a clerk reads after 'expected': none speaks of the
    document the bundled data were read from by the name its makers use."""
    for model in (DatasetSpec, MeasureSpec):
        for name, field in model.model_fields.items():
            assert "seed" not in (field.description or "").casefold(), (model.__name__, name)
