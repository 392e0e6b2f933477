"""The project's settings file, ``assessment.yaml``: what the document is and whom it is about.

```yaml
title: Strategic Assessment 2016-17
subtitle: Appendix 1
partnership: Safer Maidstone Partnership
area: Maidstone                  # the focus area: every fact, rank and emphasis follows it
date: 2016-03-01                 # the board date; also the files' fixed timestamp
language: en-GB
periods:                         # optional: the current period of a dataset (default: its latest)
  recorded_crime: 2014-10/2015-09
previous_priorities:             # the priorities the last assessment set
  - Anti-Social Behaviour (ASB)
emerging_themes:                 # themes that emerged during the year
  - Self-Neglect and Hoarding
overrides:                       # the partnership's own decision instead of a rule's
  Anti-Social Behaviour (ASB):
    decision: keep
    reason: The board wants another year of focus after the summer's town-centre incidents.
```
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .data.text_files import read_utf8
from .data.wording import did_you_mean
from .data.yaml_source import YamlSyntaxError, parse_yaml
from .errors import InputError, Problem
from .periods import Period, PeriodError
from .rules.schema import Override

SETTINGS_FILE = "assessment.yaml"
LANGUAGE_TAG = re.compile(r"([A-Za-z]{2,3})(?:-([A-Za-z]{2}|[0-9]{3}))?")
"""A language, optionally with its region, as Word and PDF readers expect it: en-GB, cy-GB, en."""


class Settings(BaseModel):
    """The validated settings of one project."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(description="the document's title, e.g. Strategic Assessment 2016-17")
    subtitle: str = Field("", description="e.g. Appendix 1")
    partnership: str = Field(description="e.g. Safer Maidstone Partnership")
    area: str = Field(description="the focus area, as spelled in the data, e.g. Maidstone")
    date: dt.date = Field(description="the board date as YYYY-MM-DD, e.g. 2016-03-01")
    language: str = Field("en-GB", description="the document language as a language tag, e.g. "
                          "en-GB or cy-GB")
    periods: dict[str, str] = Field(
        default_factory=dict,
        description="dataset id: current period, e.g. recorded_crime: 2014-10/2015-09",
    )
    previous_priorities: list[str] = Field(
        default_factory=list,
        description="the priorities the last assessment set, e.g. - Anti-Social Behaviour (ASB)",
    )
    emerging_themes: list[str] = Field(
        default_factory=list,
        description="themes that emerged during the year, e.g. - Self-Neglect and Hoarding",
    )
    overrides: dict[str, Override] = Field(
        default_factory=dict,
        description="priority: {decision: keep|add|remove|continue_as_service, reason: why}",
    )

    @field_validator("language")
    @classmethod
    def _language_is_a_tag(cls, language: str) -> str:
        tag = LANGUAGE_TAG.fullmatch(language)
        if tag is None:
            raise ValueError(f"the language {language!r} is not a language tag")
        base, region = tag.groups()
        return base.lower() if region is None else f"{base.lower()}-{region.upper()}"

    @field_validator("periods")
    @classmethod
    def _periods_are_periods(cls, periods: dict[str, str]) -> dict[str, str]:
        canonical = {}
        for dataset, text in periods.items():
            try:
                canonical[dataset] = str(Period.parse(str(text)))
            except PeriodError as error:
                raise ValueError(f"period of {dataset}: {error}") from None
        return canonical

    def with_area(self, area: str) -> Settings:
        """The same settings about another focus area."""
        return self.model_copy(update={"area": area})


def load_settings(project_root: Path) -> Settings:
    """Read and validate ``assessment.yaml``; every problem is an InputError with its line."""
    path = project_root / SETTINGS_FILE
    shown = SETTINGS_FILE
    if path.is_dir():
        raise InputError(Problem(shown, "is a folder, not the settings file", expected=(
            f"a file {SETTINGS_FILE} in {project_root} with title, partnership, area and date")))
    if not path.is_file():
        raise InputError(Problem(shown, "the settings file is missing", expected=(
            f"a file {SETTINGS_FILE} in {project_root} with title, partnership, area and date")))
    text = read_utf8(path, shown)
    if isinstance(text, Problem):
        raise InputError(text)
    try:
        source = parse_yaml(text)
    except YamlSyntaxError as error:
        raise InputError(Problem(shown, f"not valid YAML: {error.message}", line=error.line)) from None
    if not isinstance(source.data, dict):
        raise InputError(Problem(shown, "the settings should be 'key: value' lines",
                                 expected="title, partnership, area and date"))
    problems = [
        Problem(shown, f"the key '{key}' is written twice (first on line {first})", line=again,
                column=key, expected="each key once: the second would silently win")
        for key, first, again in source.duplicates
    ]
    try:
        settings = Settings.model_validate(source.data)
    except ValidationError as error:
        problems += [
            Problem(shown, _message(detail), line=source.line_of(detail["loc"]),
                    column=str(detail["loc"][0]) if detail["loc"] else None,
                    expected=_expected(detail))
            for detail in error.errors()
        ]
    if problems:
        raise InputError(problems)
    return settings


def _message(detail: dict) -> str:
    key = str(detail["loc"][0]) if detail["loc"] else "settings"
    kind = detail["type"]
    if kind == "missing":
        return f"missing key '{key}'"
    if kind == "extra_forbidden":
        return f"unknown key '{key}'{did_you_mean(key, Settings.model_fields)}"
    if kind == "value_error":
        return str(detail["ctx"]["error"])
    return f"'{key}': {detail['msg'].lower()} (got {_given(detail['input'])})"


def _given(value: object) -> str:
    """A written value for a message: never the whole of a list, which a YAML alias may make
    enormous."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "'key: value' lines"
    return repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."


def _expected(detail: dict) -> str | None:
    key = str(detail["loc"][0]) if detail["loc"] else ""
    if detail["type"] == "extra_forbidden":
        return "one of the keys " + ", ".join(Settings.model_fields)
    field = Settings.model_fields.get(key)
    return None if field is None else field.description
