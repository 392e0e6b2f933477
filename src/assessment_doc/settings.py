"""The project's settings file, ``assessment.yaml``: what the document is and whom it is about.

```yaml
title: Strategic Assessment 2016-17
subtitle: Appendix 1
partnership: Safer Maidstone Partnership
area: Maidstone                  # the focus area: every fact, rank and emphasis follows it
partnerships:                    # optional: another area's partnership, for --area
  Swale: Swale Community Safety Partnership
contact: >-                      # optional: how to reach the partnership (Markdown, links allowed)
  For more information, contact the Community Partnerships Team; telephone 01622 602000.
contacts:                        # optional: another area's contact text, for --area
  Swale: For more information, telephone 01795 417850.
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
word_template: house.docx        # optional: the Word file takes this file's styles, page,
                                 # headers and footers (see render/docx_template.py)
style:                           # optional: the house style every format follows
  font: Liberation Serif         # an installed TrueType family, with bold and italic faces
  body_size: 11                  # points
  heading_colour: "#1F3864"      # text: at least 4.5:1 on white
  accent_colour: "#0B6E4F"       # recommendations and the focus area's rows: at least 3:1
  logo: images/logo.png          # PNG or JPEG in the project, at the top of the cover
  footer: Safer Maidstone Partnership   # beside every page's number
```

Built about another area (``--area Swale``), the document names that area's partnership: its
entry in ``partnerships``, else the neutral "Swale Community Safety Partnership" (never the home
partnership's name); its contact text is its entry in ``contacts``, else none. See
:attr:`Settings.focus_partnership` and :attr:`Settings.focus_contact`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .contrast import GRAPHIC_CONTRAST, HEX_COLOUR, TEXT_CONTRAST, WHITE, contrast_ratio
from .data.text_files import read_utf8
from .data.wording import did_you_mean
from .data.yaml_source import UnprintableText, YamlSyntaxError, parse_yaml
from .errors import InputError, Problem
from .fonts import FontNotFound, find_family
from .periods import Period, PeriodError
from .rules.schema import Override

SETTINGS_FILE = "assessment.yaml"
LANGUAGE_TAG = re.compile(r"([A-Za-z]{2,3})(?:-([A-Za-z]{2}|[0-9]{3}))?")
"""A language, optionally with its region, as Word and PDF readers expect it: en-GB, cy-GB, en."""
LOGO_FORMATS = {"PNG": (".png",), "JPEG": (".jpg", ".jpeg")}
"""Pictures a logo may be (as Pillow names the format) -> the file names it may have."""


class StyleSettings(BaseModel):
    """The settings' ``style:``: the house style every format follows, where it differs from
    the built-in one (:mod:`.render.house_style`). Colours are refused below WCAG's contrast."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    font: str | None = Field(None, description="an installed TrueType font family with bold and "
                             "italic faces, which the PDF embeds, e.g. Liberation Serif")
    body_size: float | None = Field(None, ge=8, le=16,
                                    description="the body text size in points, e.g. 11")
    heading_colour: str | None = Field(None, description="the colour of headings as #RRGGBB, at "
                                       "least 4.5:1 on white, e.g. \"#1F3864\"")
    accent_colour: str | None = Field(None, description="the colour marking recommendations "
                                      "and the focus area as #RRGGBB, at least 3:1 on white, "
                                      "e.g. \"#0B6E4F\"")
    logo: str | None = Field(None, description="a PNG or JPEG file in the project, drawn at the "
                             "top of the cover, e.g. images/logo.png")
    footer: str | None = Field(None, max_length=80, description="a line of text in every "
                               "page's footer, e.g. Safer Maidstone Partnership")

    @field_validator("font")
    @classmethod
    def _font_is_installed(cls, family: str | None) -> str | None:
        if family is None:
            return None
        try:
            return find_family(family).name
        except FontNotFound as error:
            raise ValueError(f"style font: {error}") from None

    @field_validator("heading_colour", "accent_colour")
    @classmethod
    def _colour_stands_out(cls, colour: str | None, info: ValidationInfo) -> str | None:
        """Headings are text (4.5:1 on the white page); the accent is a border and marks rows
        (3:1), and the light fill made from it keeps text above 10:1."""
        if colour is None:
            return None
        name = str(info.field_name).replace("_", " ")
        colour = str(colour).strip()
        if HEX_COLOUR.fullmatch(colour) is None:
            raise ValueError(f"the {name} {colour!r} is not a colour written as #RRGGBB "
                             "(e.g. #1F3864; in YAML, in quotes)")
        colour = colour.upper()
        least, use = ((TEXT_CONTRAST, "text") if info.field_name == "heading_colour"
                      else (GRAPHIC_CONTRAST, "a border or mark"))
        ratio = contrast_ratio(colour, WHITE)
        if ratio < least:
            raise ValueError(f"the {name} {colour} has a contrast ratio of {ratio:.2f}:1 with the "
                             f"white page, but {use} needs at least {least:g}:1 to be read by "
                             "people with low vision (WCAG 2.2): choose a darker colour")
        return colour

    @field_validator("logo")
    @classmethod
    def _logo_is_a_picture(cls, name: str | None, info: ValidationInfo) -> str | None:
        """A PNG or JPEG in the project folder (checked when the settings are read from one)."""
        if name is None:
            return None
        suffixes = [suffix for suffixes in LOGO_FORMATS.values() for suffix in suffixes]
        if Path(name).suffix.lower() not in suffixes:
            raise ValueError(f"the logo {name!r} is not a PNG or JPEG picture")
        root = (info.context or {}).get("project_root")
        if root is not None:
            _check_logo(Path(root), name)
        return name

    @field_validator("footer")
    @classmethod
    def _footer_is_one_line(cls, text: str | None) -> str | None:
        return None if text is None else " ".join(str(text).split()) or None


def _check_logo(root: Path, name: str) -> None:
    """The logo exists in the project and is the picture its name says."""
    from PIL import Image, UnidentifiedImageError

    path = root / name
    if not path.resolve().is_relative_to(root.resolve()):
        raise ValueError(f"the logo {name!r} is outside the project folder")
    if not path.is_file():
        raise ValueError(f"the logo {name!r} is not in the project folder")
    try:
        with Image.open(path) as picture:
            kind = picture.format
            picture.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ValueError(f"the logo {name!r} is not a picture that can be read ({error})") from None
    if kind not in LOGO_FORMATS or Path(name).suffix.lower() not in LOGO_FORMATS[kind]:
        raise ValueError(f"the logo {name!r} holds a {kind} picture, not what its name says "
                         "(a PNG or JPEG)")


class Settings(BaseModel):
    """The validated settings of one project."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    title: str = Field(description="the document's title, e.g. Strategic Assessment 2016-17")
    subtitle: str = Field("", description="e.g. Appendix 1")
    partnership: str = Field(description="e.g. Safer Maidstone Partnership")
    area: str = Field(description="the focus area, as spelled in the data, e.g. Maidstone")
    date: dt.date = Field(description="the board date as YYYY-MM-DD, e.g. 2016-03-01")
    language: str = Field("en-GB", description="the document language as a language tag, e.g. "
                          "en-GB or cy-GB")
    style: StyleSettings | None = Field(
        None, description="the house style's font, body_size, heading_colour, accent_colour, "
        "logo and footer, each optional")
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
    partnerships: dict[str, str] = Field(
        default_factory=dict,
        description="area: the name of its partnership, e.g. Swale: Swale Community Safety "
        "Partnership",
    )
    contact: str = Field("", description="how to reach the partnership, as one Markdown "
                         "paragraph, e.g. For more information, telephone 01622 602000.")
    contacts: dict[str, str] = Field(
        default_factory=dict,
        description="area: how to reach its partnership, e.g. Swale: For more information, "
        "telephone 01795 417850.",
    )
    word_template: str | None = Field(
        None, description="a Word file (.docx) in the project whose styles, page size, margins, "
        "headers and footers the Word file takes, e.g. house.docx")
    lists_of_tables_and_figures: bool = Field(
        False, description="true for a list of tables and a list of figures after the contents")
    _home_area: str | None = PrivateAttr(None)
    """The settings file's own area, once :meth:`with_area` has moved the focus elsewhere."""

    @field_validator("language")
    @classmethod
    def _language_is_a_tag(cls, language: str) -> str:
        tag = LANGUAGE_TAG.fullmatch(language)
        if tag is None:
            raise ValueError(f"the language {language!r} is not a language tag")
        base, region = tag.groups()
        return base.lower() if region is None else f"{base.lower()}-{region.upper()}"

    @field_validator("word_template")
    @classmethod
    def _template_is_a_docx(cls, name: str | None) -> str | None:
        """A Word document: macros (.docm, .dotm) are refused, a template file (.dotx) must be
        saved as a document first (see :mod:`.render.docx_template` for its contents)."""
        if name is None:
            return None
        suffix = Path(name).suffix.lower()
        if suffix in (".docm", ".dotm"):
            raise ValueError(f"the Word template {name!r} can hold macros ({suffix}), which a "
                             "board paper must not carry: save it in Word as a .docx")
        if suffix == ".dotx":
            raise ValueError(f"the Word template {name!r} is a .dotx: open it in Word and save "
                             "it as a Word Document (.docx)")
        if suffix != ".docx":
            raise ValueError(f"the Word template {name!r} is not a Word document (.docx)")
        return name

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

    @field_validator("partnership", "contact")
    @classmethod
    def _one_paragraph(cls, text: str) -> str:
        """A name or a contact is printed as one paragraph: a folded YAML line's breaks are
        spaces."""
        return " ".join(text.split())

    @field_validator("partnerships", "contacts")
    @classmethod
    def _texts_are_written(cls, texts: dict[str, str]) -> dict[str, str]:
        for area, text in texts.items():
            if not str(text).strip():
                raise ValueError(f"the entry for {area} is empty")
        return {str(area): " ".join(str(text).split()) for area, text in texts.items()}

    @model_validator(mode="after")
    def _home_partnership_written_once(self) -> Settings:
        """The home area's partnership is ``partnership``; a different name for it under
        ``partnerships`` would leave a reader unsure which the document uses."""
        named = self.partnerships.get(self.area)
        if named is not None and named != self.partnership:
            raise ValueError(f"partnerships names {self.area}'s partnership {named!r}, but "
                             f"partnership is {self.partnership!r}: write it once, as partnership")
        return self

    @property
    def home_area(self) -> str:
        """The area the settings file names (``area``), whatever the focus now is."""
        return self._home_area if self._home_area is not None else self.area

    @property
    def is_home_area(self) -> bool:
        """Whether the document is about the settings file's own area."""
        return self.area == self.home_area

    @property
    def focus_partnership(self) -> str:
        """The partnership of the focus area: its ``partnerships`` entry; ``partnership`` for
        the home area; else a neutral "<area> Community Safety Partnership", never another
        area's name."""
        if self.area in self.partnerships:
            return self.partnerships[self.area]
        if self.is_home_area:
            return self.partnership
        return f"{self.area} Community Safety Partnership"

    @property
    def focus_contact(self) -> str:
        """How to reach the focus area's partnership: its ``contacts`` entry; ``contact`` for
        the home area; else '' (the home partnership's address would be wrong)."""
        if self.area in self.contacts:
            return self.contacts[self.area]
        return self.contact if self.is_home_area else ""

    def with_area(self, area: str) -> Settings:
        """The same settings about another focus area (the home area is remembered)."""
        moved = self.model_copy(update={"area": area})
        moved._home_area = self.home_area
        return moved


def load_settings(project_root: Path) -> Settings:
    """Read and validate ``assessment.yaml``; every problem is an InputError with its line."""
    path = project_root / SETTINGS_FILE
    shown = SETTINGS_FILE
    if path.is_dir():
        raise InputError(Problem(shown, "is a folder, not the settings file", expected=(
            f"a file {SETTINGS_FILE} in {project_root} with title, partnership, area and date")))
    if not path.exists():  # a pipe or a device is refused by read_utf8, never read
        raise InputError(Problem(shown, "the settings file is missing", expected=(
            f"a file {SETTINGS_FILE} in {project_root} with title, partnership, area and date")))
    text = read_utf8(path, shown)
    if isinstance(text, Problem):
        raise InputError(text)
    try:
        source = parse_yaml(text)
    except UnprintableText as error:
        raise InputError(error.problem(shown)) from None
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
        settings = Settings.model_validate(source.data, context={"project_root": project_root})
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


GIVEN_IN_CODE = "the settings given in Python"
"""Where a problem of settings made in code is (they have no file or line)."""


def checked_settings(settings: Settings | Mapping[str, object], project_root: Path) -> Settings:
    """Settings made in Python, given every check ``assessment.yaml`` is given, with the same
    problems as an :class:`InputError` (named :data:`GIVEN_IN_CODE`): a colour with too
    little contrast, a logo that is not in ``project_root``, an unknown key, a missing title.

    ``Settings(...)`` checks most of it when it is made, but not the logo's file (it does not
    know the project's folder), and ``settings.model_copy(update=...)`` or
    ``Settings.model_construct(...)`` check nothing. ``settings`` may also be a mapping, as
    the YAML would be. Returns them checked (colours as #RRGGBB in capitals, ``style`` as
    :class:`StyleSettings`), about the same focus area."""
    if isinstance(settings, Settings):
        data = settings.model_dump(warnings=False)  # whatever model_copy put in, as given
        area = getattr(settings, "area", None)  # model_construct may have left it out
        if area is not None:
            data["area"] = settings.home_area  # the focus may have moved on (with_area)
    elif isinstance(settings, Mapping):
        data, area = dict(settings), None
    else:
        raise InputError(Problem(GIVEN_IN_CODE, f"are of the type {type(settings).__name__}",
                                 expected="a Settings object, or a dict of the settings' keys"))
    try:
        checked = Settings.model_validate(data, context={"project_root": project_root})
    except ValidationError as error:
        raise InputError([
            Problem(GIVEN_IN_CODE, _message(detail), expected=_expected(detail),
                    column=".".join(str(part) for part in detail["loc"][:2]) or None)
            for detail in error.errors()]) from None
    return checked if area is None or area == checked.area else checked.with_area(area)


def _message(detail: dict) -> str:
    key = str(detail["loc"][0]) if detail["loc"] else "settings"
    kind = detail["type"]
    if kind == "missing":
        return f"missing key '{key}'"
    if kind == "extra_forbidden" and len(detail["loc"]) == 2 and key == "style":
        name = str(detail["loc"][1])
        return f"unknown key '{name}' in style{did_you_mean(name, StyleSettings.model_fields)}"
    if kind == "extra_forbidden":
        return f"unknown key '{key}'{did_you_mean(key, Settings.model_fields)}"
    if kind == "value_error":
        return str(detail["ctx"]["error"])
    if key == "style" and len(detail["loc"]) >= 2:
        key = f"style {detail['loc'][1]}"
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
    if key == "style" and len(detail["loc"]) >= 2:
        if detail["type"] == "extra_forbidden":
            return "one of the keys " + ", ".join(StyleSettings.model_fields)
        style_field = StyleSettings.model_fields.get(str(detail["loc"][1]))
        return None if style_field is None else style_field.description
    if detail["type"] == "extra_forbidden":
        return "one of the keys " + ", ".join(Settings.model_fields)
    field = Settings.model_fields.get(key)
    return None if field is None else field.description
