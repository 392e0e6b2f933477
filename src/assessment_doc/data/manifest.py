"""The manifest ``data/datasets.yaml``: which datasets exist, their files, measures and sources.

The models here are the validated form that the rest of the package reads (the appendix
"Information sources" is generated from them); :func:`read_manifest` turns the YAML into them and
reports every schema problem at the line where it was written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import ErrorDetails

from ..errors import Problem
from .wording import did_you_mean, quote
from .yaml_source import UnprintableText, YamlSource, YamlSyntaxError, parse_yaml

MANIFEST_NAME = "datasets.yaml"
"""The manifest's file name inside the data folder."""

Unit = Literal["count", "percent", "rate_per_1000", "gbp", "persons", "percent_change"]
"""What a measure's values are: the unit decides which values are plausible and how they print.

``percent_change`` is a % change published without the counts behind it (so it cannot be
computed): it may take either sign and prints as a change (+28.6%).
"""

UNITS: tuple[str, ...] = get_args(Unit)

SnakeCase = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
"""An identifier usable in fact names: lower-case letters, digits and underscores."""


class PlacedValueError(ValueError):
    """A validation failure that knows which key it concerns, below the model that raised it."""

    def __init__(self, message: str, location: tuple[str, ...], expected: str):
        super().__init__(message)
        self.location = location
        self.expected = expected


class MeasureSpec(BaseModel):
    """One measure of a dataset: its unit and how tables print it."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    unit: Unit = Field(description="one of " + ", ".join(UNITS))
    label: str = Field(description="how tables print the measure, e.g. All crime")
    description: str = Field("", description="what the figure counts")
    parent: str | None = Field(None, description="the measure this one is a sub-category of")
    derived: bool = Field(
        False, description="true when we computed the value from published figures"
    )


class DatasetSpec(BaseModel):
    """One dataset: a CSV file in data/, its measures, and where its figures come from.

    Its words are of two kinds, kept apart so that nothing written for the project's makers
    reaches a reader: ``title``, ``publisher``, ``source`` and ``description`` are printed (the
    appendix "Information sources", the source line under tables and charts);
    ``transcribed_from`` and ``notes`` are for whoever maintains the data and are never printed.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: SnakeCase = Field(description="a snake_case name, e.g. recorded_crime")
    file: str = Field(description="the CSV file name inside data/, e.g. recorded_crime.csv")
    title: str = Field(description="the dataset's title, e.g. Total recorded crime by district")
    publisher: str | None = Field(None, description="who publishes the figures, e.g. Kent Police")
    source: str = Field(
        description="the publication, as a reader would cite it under a table and in the "
        "appendix, e.g. Kent Police recorded crime, supplied by the Kent Community Safety Unit"
    )
    description: str | None = Field(
        None,
        description="for the reader: what the figures are and what to know when using them, "
        "printed in the appendix 'Information sources'",
    )
    transcribed_from: str | None = Field(
        None, description="for maintainers: where the rows were read from; never printed"
    )
    measures: dict[SnakeCase, MeasureSpec] = Field(
        min_length=1, description="at least one measure, e.g. offences: {unit: count, label: ...}"
    )
    notes: tuple[str, ...] = Field(
        (),
        description="for maintainers: how the figures were read or worked out and where the "
        "publication contradicts itself; never printed (write what a reader needs in "
        "description)",
    )
    focus_area_required: bool = Field(
        True, description="false for datasets with no district rows, e.g. police divisions"
    )
    about: str | None = Field(
        None,
        description="the district whose wards or police division the rows below district "
        "level describe, e.g. Maidstone",
    )

    @model_validator(mode="after")
    def _parents_are_measures(self) -> DatasetSpec:
        for name, measure in self.measures.items():
            if measure.parent is not None and measure.parent not in self.measures:
                raise PlacedValueError(
                    f"measure '{name}' has parent '{measure.parent}', "
                    "which is not a measure of this dataset",
                    location=("measures", name, "parent"),
                    expected="the name of another measure of this dataset, or no parent",
                )
        return self

    @property
    def units(self) -> Mapping[str, Unit]:
        """Each measure's unit."""
        return {name: measure.unit for name, measure in self.measures.items()}


class Manifest(BaseModel):
    """Every dataset of the project, in the order datasets.yaml lists them."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    datasets: tuple[DatasetSpec, ...]

    def dataset(self, dataset_id: str) -> DatasetSpec:
        """The dataset called ``dataset_id``; KeyError naming the known ids if there is none."""
        for spec in self.datasets:
            if spec.id == dataset_id:
                return spec
        known = ", ".join(spec.id for spec in self.datasets)
        raise KeyError(f"no dataset '{dataset_id}' in datasets.yaml (known: {known})")


class _ManifestShape(BaseModel):
    """The top of the file, checked before its entries."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    datasets: list[Any] = Field(min_length=1, description="a list of datasets, each '- id: ...'")


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """One item under ``datasets:`` as written: its spec when valid, else what could be read."""

    line: int | None
    dataset_id: str | None
    file: str | None
    spec: DatasetSpec | None
    units: Mapping[str, Unit | None] | None
    """Each measure's unit (None where it is not a known unit); None if measures is unreadable."""
    focus_area_required: bool


@dataclass(frozen=True, slots=True)
class ManifestReading:
    """What reading datasets.yaml gave: its entries and every problem found in it."""

    entries: tuple[ManifestEntry, ...]
    problems: tuple[Problem, ...]

    @property
    def manifest(self) -> Manifest:
        """The valid entries as a Manifest."""
        return Manifest(datasets=tuple(e.spec for e in self.entries if e.spec is not None))


def read_manifest(text: str, shown_as: str) -> ManifestReading:
    """Validate the manifest ``text``; ``shown_as`` names the file in problems."""
    try:
        source = parse_yaml(text)
    except UnprintableText as error:
        return ManifestReading((), (error.problem(shown_as),))
    except YamlSyntaxError as error:
        problem = Problem(
            shown_as,
            f"is not valid YAML: {error.message}",
            line=error.line,
            expected="well-formed YAML (check the indentation, colons and quotes on this line "
            "and the one before)",
        )
        return ManifestReading((), (problem,))
    return _read_source(source, shown_as)


def _read_source(source: YamlSource, shown_as: str) -> ManifestReading:
    if source.data is None:
        return ManifestReading((), (Problem(shown_as, "is empty", line=1,
                                            expected=_SHAPE_HINTS[_ManifestShape]),))
    problems = [_duplicate_key_problem(shown_as, *dup) for dup in source.duplicates]
    try:
        shape = _ManifestShape.model_validate(source.data)
    except ValidationError as error:
        problems += _schema_problems(error, source, shown_as, prefix=(), model=_ManifestShape)
        return ManifestReading((), tuple(problems))
    entries = [_read_entry(raw, index, source, shown_as, problems)
               for index, raw in enumerate(shape.datasets)]
    problems += _duplicate_id_problems(entries, shown_as)
    return ManifestReading(tuple(entries), tuple(problems))


def _read_entry(
    raw: Any, index: int, source: YamlSource, shown_as: str, problems: list[Problem]
) -> ManifestEntry:
    line = source.line_of(("datasets", index))
    fields = raw if isinstance(raw, dict) else {}
    dataset_id = fields.get("id") if isinstance(fields.get("id"), str) else None
    file = fields.get("file") if isinstance(fields.get("file"), str) else None
    try:
        spec = DatasetSpec.model_validate(raw)
    except ValidationError as error:
        problems += _schema_problems(
            error, source, shown_as, prefix=("datasets", index), model=DatasetSpec
        )
        spec = None
    units = spec.units if spec is not None else _units_as_written(fields.get("measures"))
    required = spec.focus_area_required if spec else fields.get("focus_area_required") is not False
    return ManifestEntry(line, dataset_id, file, spec, units, focus_area_required=required)


def _units_as_written(measures: Any) -> dict[str, Unit | None] | None:
    """The units of an entry that failed validation, so its CSV can still be checked."""
    if not isinstance(measures, dict):
        return None
    return {
        str(name): spec.get("unit") if isinstance(spec, dict) and spec.get("unit") in UNITS
        else None
        for name, spec in measures.items()
    }


def _duplicate_key_problem(shown_as: str, key: str, first: int, again: int) -> Problem:
    return Problem(
        shown_as,
        f"key '{key}' is written twice in the same entry (first on line {first})",
        line=again,
        column=key,
        expected="each key once per entry",
    )


def _duplicate_id_problems(entries: list[ManifestEntry], shown_as: str) -> list[Problem]:
    first_line: dict[str, int | None] = {}
    problems = []
    for entry in entries:
        if entry.dataset_id is None:
            continue
        if entry.dataset_id in first_line:
            problems.append(Problem(
                shown_as,
                f"dataset id '{entry.dataset_id}' is used twice "
                f"(first on line {first_line[entry.dataset_id]})",
                line=entry.line,
                column="id",
                expected="a different id for each dataset",
            ))
        else:
            first_line[entry.dataset_id] = entry.line
    return problems


def _schema_problems(
    error: ValidationError,
    source: YamlSource,
    shown_as: str,
    prefix: tuple[str | int, ...],
    model: type[BaseModel],
) -> list[Problem]:
    problems = []
    for detail in error.errors():
        cause = (detail.get("ctx") or {}).get("error")
        placed = cause.location if isinstance(cause, PlacedValueError) else ()
        location = prefix + tuple(detail["loc"]) + placed
        message, expected = _explain(detail, model)
        problems.append(Problem(
            shown_as,
            message,
            line=source.line_of(location),
            column=_key_of(location),
            expected=expected,
        ))
    return problems


def _key_of(location: tuple[str | int, ...]) -> str | None:
    keys = [part for part in location if isinstance(part, str) and part != "[key]"]
    return keys[-1] if keys else None


def _explain(detail: ErrorDetails, model: type[BaseModel]) -> tuple[str, str | None]:
    """A clerk's wording of one pydantic error: (message, expected)."""
    kind, location, given = detail["type"], detail["loc"], detail["input"]
    key = _key_of(tuple(location))
    owner = _owning_model(model, location)
    if kind == "missing":
        return f"missing key '{key}'", _field_description(owner, key)
    if kind == "extra_forbidden":
        return (f"unknown key '{key}'{did_you_mean(str(key), owner.model_fields)}",
                "one of the keys " + ", ".join(owner.model_fields))
    if kind == "list_type":
        return (f"'{key}' should be a list (lines starting '- '), not {_kind_of(given)}",
                _field_description(owner, key))
    if kind == "literal_error":
        return f"unknown {key} {_shown(given)}", _field_description(owner, key)
    if kind == "string_pattern_mismatch":
        return (f"{quote(str(given))} is not a snake_case name",
                "lower-case letters, digits and _, starting with a letter, e.g. recorded_crime")
    if kind == "too_short":
        return f"'{key}' has no entries", _field_description(owner, key)
    if kind == "value_error":
        cause = detail["ctx"]["error"]
        return str(cause), getattr(cause, "expected", None)
    if kind in ("model_type", "dict_type"):
        place = f"'{key}'" if key else "this entry" if owner is DatasetSpec else "the file"
        return (f"{place} should hold 'key: value' lines, not {_kind_of(given)}",
                _SHAPE_HINTS.get(owner))
    if kind in ("bool_type", "bool_parsing"):
        return f"{_shown(given)} is not true or false", "true or false: " + str(
            _field_description(owner, key))
    if kind == "string_type":
        return f"'{key}' should be text, not {_kind_of(given)}", _field_description(owner, key)
    return f"{detail['msg']} (got {_shown(given)})", _field_description(owner, key)


def _shown(given: Any) -> str:
    if isinstance(given, list | dict):  # a YAML alias can make one enormous: never print it
        return _kind_of(given)
    return quote(given) if isinstance(given, str) else quote(repr(given))


_SHAPE_HINTS: dict[type[BaseModel], str] = {
    _ManifestShape: "'datasets:' followed by a list of entries, each starting '- id:'",
    DatasetSpec: "an entry starting '- id:', with file, title, source and measures",
    MeasureSpec: "'unit:' and 'label:' indented under the measure's name",
}


def _kind_of(given: Any) -> str:
    if given is None:
        return "nothing"
    if isinstance(given, list):
        return "a list"
    if isinstance(given, dict):
        return "'key: value' lines"
    return f"the text {quote(given)}" if isinstance(given, str) else f"the value {_shown(given)}"


def _owning_model(model: type[BaseModel], location: tuple[str | int, ...]) -> type[BaseModel]:
    """The model that declares the last key of ``location`` (MeasureSpec inside measures)."""
    if model is DatasetSpec and len(location) >= 2 and location[0] == "measures":
        return MeasureSpec
    return model


def _field_description(model: type[BaseModel], key: str | None) -> str | None:
    field = model.model_fields.get(key or "")
    return None if field is None else field.description
