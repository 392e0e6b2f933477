"""A YAML file of specifications (``content/tables.yaml``, ``content/figures.yaml``), read with lines.

Each file holds one mapping of entries by id (``tables:`` or ``figures:``). An entry's ``kind``
chooses the pydantic model that validates it; every problem is told as the file, the line where
it was written, the entry's id and what was expected, and all of them are reported at once.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..data.yaml_source import (
    Location,
    UnprintableText,
    YamlSource,
    YamlSyntaxError,
    parse_yaml,
)
from ..errors import InputError, Problem

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
"""Entry ids are snake_case, as placements (``::: table <id>``) and tests name them."""


def closest(word: str, choices: Iterable[str], limit: int = 3) -> str:
    """' (closest known: 'a', 'b')' naming up to ``limit`` choices near ``word``; '' if none is."""
    options = sorted(set(choices))
    same_but_case = [c for c in options if c.lower() == str(word).lower() and c != word]
    near = same_but_case or difflib.get_close_matches(str(word), options, n=limit, cutoff=0.7)
    if not near:
        return ""
    return " (closest known: " + ", ".join(f"'{name}'" for name in near) + ")"


def known_list(choices: Iterable[str], limit: int = 12) -> str:
    """Up to ``limit`` choices, quoted and comma separated, for an 'expected' text."""
    names = list(dict.fromkeys(choices))
    shown = ", ".join(f"'{name}'" for name in names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


@dataclass(frozen=True, slots=True)
class SpecPlace:
    """Where one entry's problems are reported: its file, its id and the YAML that holds it."""

    file: str
    section: str
    """The top-level key holding the entries: 'tables' or 'figures'."""
    entry_id: str
    source: YamlSource | None = None

    @property
    def noun(self) -> str:
        return self.section.rstrip("s")

    def line(self, location: Location = ()) -> int | None:
        """The line of ``location`` inside this entry (the entry's own line if it is not there)."""
        if self.source is None:
            return None
        return self.source.line_of((self.section, self.entry_id, *location))

    def problem(
        self, message: str, location: Location = (), expected: str | None = None
    ) -> Problem:
        keys = [part for part in location if isinstance(part, str)]
        return Problem(
            self.file,
            f"{self.noun} '{self.entry_id}': {message}",
            line=self.line(location),
            column=keys[-1] if keys else None,
            expected=expected,
        )

    def fail(self, message: str, location: Location = (), expected: str | None = None) -> InputError:
        """An InputError for one problem of this entry (raise it)."""
        return InputError(self.problem(message, location, expected))


@dataclass(frozen=True, slots=True)
class SpecEntries:
    """The entries of a spec file that validated, the file's other top-level settings, and where
    each entry was written."""

    file: str
    section: str
    entries: Mapping[str, BaseModel]
    settings: Mapping[str, Any]
    source: YamlSource | None

    def place(self, entry_id: str) -> SpecPlace:
        return SpecPlace(self.file, self.section, entry_id, self.source)


ModelFor = Callable[[str], type[BaseModel] | None]
"""The model that validates an entry of a given kind; None when the kind is unknown."""


def read_spec_text(
    text: str,
    shown_as: str,
    *,
    section: str,
    model_for: ModelFor,
    kinds: Sequence[str],
    settings: Mapping[str, type[BaseModel]] = {},
    example: str,
) -> SpecEntries:
    """Parse and validate a spec file; InputError lists every problem found in it."""
    try:
        source = parse_yaml(text)
    except UnprintableText as error:
        raise InputError(error.problem(shown_as)) from None
    except YamlSyntaxError as error:
        raise InputError(Problem(
            shown_as, f"is not valid YAML: {error.message}", line=error.line,
            expected="well-formed YAML (check the indentation, colons and quotes on this line "
            "and the one before)",
        )) from None
    return read_spec_data(source.data, shown_as, section=section, model_for=model_for,
                          kinds=kinds, settings=settings, example=example, source=source)


def read_spec_data(
    data: Any,
    shown_as: str,
    *,
    section: str,
    model_for: ModelFor,
    kinds: Sequence[str],
    settings: Mapping[str, type[BaseModel]] = {},
    example: str,
    source: YamlSource | None = None,
) -> SpecEntries:
    """Validate spec data already read (from YAML, or a dict built by an analyst)."""
    problems = list(_duplicate_problems(shown_as, source))
    line = (lambda loc: source.line_of(loc)) if source is not None else (lambda loc: None)
    if not isinstance(data, dict) or not isinstance(data.get(section), dict):
        problems.append(Problem(
            shown_as, f"has no '{section}:' mapping", line=line(()),
            expected=f"'{section}:' followed by one entry per id, e.g.\n{example}",
        ))
        raise InputError(problems)
    allowed = {section, *settings}
    for key in data:
        if key not in allowed:
            problems.append(Problem(
                shown_as, f"unknown top-level key '{key}'{closest(str(key), allowed)}",
                line=line((key,)), column=str(key),
                expected="the keys " + known_list(sorted(allowed)),
            ))
    read_settings = {}
    for key, model in settings.items():
        try:
            read_settings[key] = model.model_validate(data.get(key) or {})
        except ValidationError as error:
            problems += [_schema_problem(d, shown_as, (key,), line, what=f"'{key}'")
                         for d in error.errors()]
    entries: dict[str, BaseModel] = {}
    for entry_id, raw in data[section].items():
        place = SpecPlace(shown_as, section, str(entry_id), source)
        model = _entry_model(place, raw, model_for, kinds, problems)
        if model is None:
            continue
        try:
            entries[str(entry_id)] = model.model_validate({**raw, "id": str(entry_id)})
        except ValidationError as error:
            problems += [_schema_problem(d, shown_as, (section, entry_id), line,
                                         what=f"{place.noun} '{entry_id}'", model=model)
                         for d in _pruned(error.errors())]
    if problems:
        raise InputError(problems)
    return SpecEntries(shown_as, section, entries, read_settings, source)


def _entry_model(
    place: SpecPlace, raw: Any, model_for: ModelFor, kinds: Sequence[str], problems: list[Problem]
) -> type[BaseModel] | None:
    if not ID_PATTERN.match(place.entry_id):
        problems.append(place.problem(
            "the id is not a snake_case name",
            expected="lower-case letters, digits and _, starting with a letter, "
            "e.g. recorded_crime_by_district"))
        return None
    if not isinstance(raw, dict):
        problems.append(place.problem(
            "should hold 'key: value' lines indented under its id",
            expected=f"'kind:' and the keys of that kind, indented under '{place.entry_id}:'"))
        return None
    if "id" in raw:
        problems.append(place.problem(
            "has a key 'id': the id is the name the entry is written under", ("id",),
            expected="no 'id' key"))
        return None
    kind = raw.get("kind")
    if kind is None:
        problems.append(place.problem("missing key 'kind'", (),
                                      expected="one of the kinds " + known_list(kinds)))
        return None
    model = model_for(str(kind))
    if model is None:
        problems.append(place.problem(
            f"unknown kind '{kind}'{closest(str(kind), kinds)}", ("kind",),
            expected="one of the kinds " + known_list(kinds)))
    return model


def _duplicate_problems(shown_as: str, source: YamlSource | None) -> Iterable[Problem]:
    if source is None:
        return ()
    return (
        Problem(shown_as, f"key '{key}' is written twice (first on line {first})",
                line=again, column=key, expected="each key once in its mapping")
        for key, first, again in source.duplicates
    )


def _schema_problem(
    detail: ErrorDetails,
    shown_as: str,
    prefix: tuple[Any, ...],
    line: Callable[[Location], int | None],
    *,
    what: str,
    model: type[BaseModel] | None = None,
) -> Problem:
    location = _yaml_location(detail["loc"])
    key = next((part for part in reversed(location) if isinstance(part, str)), None)
    message, expected = explain(detail, key, model)
    return Problem(shown_as, f"{what}: {message}", line=line(prefix + location),
                   column=key, expected=expected)


_TYPE_MISMATCHES = frozenset({
    "tuple_type", "list_type", "model_type", "dict_type", "model_attributes_type", "string_type",
    "int_type", "bool_type", "literal_error",
})


def _pruned(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """The errors a clerk needs: for a value that may take several forms (a union), the error of
    the form it was written in, not 'should be a list' as well; no 'has no entries' for a list
    whose item is already reported."""
    located = [(_yaml_location(e["loc"]), e) for e in errors]

    def explained_deeper(loc: tuple[Any, ...], error: ErrorDetails, strictly: bool) -> bool:
        return any(
            other is not error and other_loc[:len(loc)] == loc
            and (len(other_loc) > len(loc) or not strictly)
            and other["type"] not in _TYPE_MISMATCHES
            for other_loc, other in located)

    kept = []
    for loc, error in located:
        if error["type"] in _TYPE_MISMATCHES and explained_deeper(loc, error, strictly=False):
            continue
        if error["type"] == "too_short" and explained_deeper(loc, error, strictly=True):
            continue
        kept.append(error)
    return kept


def _yaml_location(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """pydantic's location without the names of union branches ('str', 'AreaRow', ...)."""
    return tuple(part for part in loc if not (isinstance(part, str) and (
        part[:1].isupper() or part in ("str", "int", "bool", "list", "tuple", "dict")
        or part.startswith(("function-", "tuple[", "list[", "literal[")))))


def explain(
    detail: ErrorDetails, key: str | None, model: type[BaseModel] | None
) -> tuple[str, str | None]:
    """A clerk's wording of one pydantic error: (message, expected)."""
    kind, given = detail["type"], detail.get("input")
    where = f"'{key}'" if key else "the entry"
    if kind == "missing":
        return f"missing key '{key}'", _description(model, key)
    if kind == "extra_forbidden":
        keys = list(model.model_fields) if model is not None else []
        keys = [k for k in keys if k != "id"]
        return (f"unknown key '{key}'{closest(str(key), keys)}",
                ("one of the keys " + known_list(keys, limit=30)) if keys else None)
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(detail.get("ctx", {}).get("expected", "")))
        return (f"{where} cannot be {given!r}{closest(str(given), allowed)}",
                "one of " + known_list(allowed))
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{where} should be a whole number, not {given!r}", None
    if kind in ("bool_type", "bool_parsing"):
        return f"{where} should be true or false, not {given!r}", None
    if kind in ("string_type",):
        return f"{where} should be text, not {_kind_of(given)}", None
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = {"greater_than_equal": "at least {ge}", "greater_than": "more than {gt}",
                 "less_than_equal": "at most {le}", "less_than": "less than {lt}"}[kind]
        return (f"{where} is {given!r}", bound.format(**detail.get("ctx", {})))
    if kind in ("tuple_type", "list_type"):
        return f"{where} should be a list (lines starting '- '), not {_kind_of(given)}", None
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{where} should hold 'key: value' lines, not {_kind_of(given)}", None
    if kind == "too_short":
        return f"{where} has no entries", _description(model, key)
    if kind == "string_pattern_mismatch":
        return (f"{given!r} is not a snake_case name",
                "lower-case letters, digits and _, starting with a letter")
    if kind == "value_error":
        cause = detail.get("ctx", {}).get("error")
        return str(cause), getattr(cause, "expected", None)
    return f"{where}: {detail['msg']} (got {given!r})", _description(model, key)


def _kind_of(given: Any) -> str:
    if given is None:
        return "nothing"
    if isinstance(given, list):
        return "a list"
    if isinstance(given, dict):
        return "'key: value' lines"
    return f"the text {given!r}" if isinstance(given, str) else f"the value {given!r}"


def _description(model: type[BaseModel] | None, key: str | None) -> str | None:
    if model is None or key is None or key not in model.model_fields:
        return None
    return model.model_fields[key].description


class SpecValueError(ValueError):
    """A validator's complaint, with what would have been accepted."""

    def __init__(self, message: str, expected: str | None = None):
        super().__init__(message)
        self.expected = expected
