"""The literal-figure check: a number typed into the narrative that a fact already holds.

Every figure in the document should come from a placeholder, so that next year's data changes
it. :func:`literal_figures` reads a content file's text outside ``{{ }}``, ``{% %}`` and
``{# #}`` and warns where a number equals a fact's value at the precision it is printed with::

    content/02-total-crime.md, line 12: the number 9,178 equals fact
    recorded_crime.focus.offences.value; write {{ recorded_crime.focus.offences.value | count }}
    instead

Rules, kept simple:

- A number is digits with optional thousands commas and decimals, optionally with a leading
  ``£`` or sign and a trailing ``%`` or ordinal suffix (``6th``). Signs are ignored when
  comparing (``a reduction of 2.5%`` is the fact -2.47 written in words).
- A whole number is compared with whole-valued facts only; a number with decimals with every
  fact rounded (half up) to as many decimals.
- Not checked: whole numbers below 100 (ages, counts of wards, ``22%``: with thousands of facts
  such small numbers equal some fact by chance), years (bare 1990-2039) and year ranges
  (``2014-15``, ``2015/16``), days before a month name (``30 September``), the number that opens a heading
  (``## 2.1 …``) or a numbered list item (``3. …``), lines of block quotes (``>``, where legal
  definitions and their citations live), and any line carrying the comment ``{# literal #}``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from numbers import Real
from typing import Any

from ..errors import Problem
from ..format import round_half_up
from .content import split_front_matter

SMALLEST_CHECKED_WHOLE = 100
"""Whole numbers below this are not checked (they match some fact by chance too often)."""

JINJA_SPAN = re.compile(r"\{\{(?P<expr>.*?)\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
"""A ``{{ }}`` (its expression as ``expr``), ``{% %}`` or ``{# #}``: not typed text."""
_LITERAL_MARK = re.compile(r"\{#-?\s*literal\s*-?#\}")
_HEADING_NUMBER = re.compile(r"^(\s{0,3}#{1,6}\s+)\d+(?:\.\d+)*\.?")
_LIST_ORDINAL = re.compile(r"^(\s*)\d+[.)](?=\s|$)")
_YEAR_RANGE = re.compile(r"\b(?:199\d|20[0-3]\d)\s*[-/–]\s*(?:\d{4}|\d{2})\b")
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November"
           "|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
_DAY_OF_MONTH = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\b")
_NUMBER = re.compile(
    r"(?<![\w.,£+\-−])(?P<pound>£)?(?P<sign>[-+−])?(?P<pound2>£)?"
    r"(?P<whole>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<places>\d+))?"
    r"(?P<suffix>%|st\b|nd\b|rd\b|th\b)?(?![\w£])"
)


@dataclass(frozen=True, slots=True)
class WrittenNumber:
    """A number as typed in the text."""

    text: str
    magnitude: Decimal
    places: int
    pounds: bool
    signed: bool
    suffix: str

    @property
    def is_year(self) -> bool:
        plain = not (self.pounds or self.signed or self.suffix or self.places)
        return plain and len(self.text) == 4 and 1990 <= self.magnitude <= 2039

    @property
    def is_small_whole(self) -> bool:
        return not self.places and self.magnitude < SMALLEST_CHECKED_WHOLE


def flatten_facts(tree: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """A nested facts tree as ``{'a.b.c': value}``; a flat mapping comes back the same."""
    flat: dict[str, Any] = {}
    for name, value in tree.items():
        path = f"{prefix}.{name}" if prefix else str(name)
        if isinstance(value, Mapping):
            flat.update(flatten_facts(value, path))
        else:
            flat[path] = value
    return flat


def literal_figures(
    source_text: str, file: str, facts_values: Mapping[str, Any] | FactIndex
) -> list[Problem]:
    """Warnings where the narrative types a number that equals a fact (see the module doc).

    ``source_text`` is a whole content file (front matter is skipped) or a body alone;
    ``facts_values`` is a flat ``{'name.of.fact': value}`` mapping, the nested facts tree, or a
    :class:`FactIndex` of either (build one to check many files against the same facts).
    """
    index = facts_values if isinstance(facts_values, FactIndex) else FactIndex(facts_values)
    warnings = []
    for line_number, written in _written_numbers(source_text):
        found = index.matches(written)
        if found:
            warnings.append(Problem(file, _message(written, found), line=line_number))
    return warnings


@lru_cache(maxsize=128)  # the content files of a project or two
def _written_numbers(source_text: str) -> tuple[tuple[int, WrittenNumber], ...]:
    """The numbers of a content file that are checked, with their lines; kept by text, so that a
    rebuild in the same process reads again only the files that changed."""
    split = split_front_matter(source_text)
    return tuple((line_number, written)
                 for line_number, line in _checked_lines(split.body, split.line_offset)
                 for written in _numbers(line))


def _checked_lines(body: str, line_offset: int) -> Iterator[tuple[int, str]]:
    lines = body.split("\n")
    skipped = {number for number, line in enumerate(lines) if _LITERAL_MARK.search(line)}
    masked = JINJA_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), body).split("\n")
    for number, line in enumerate(masked):
        if number in skipped or line.lstrip().startswith(">"):
            continue
        line = _HEADING_NUMBER.sub(r"\1", line)
        line = _LIST_ORDINAL.sub(r"\1", line)
        line = _YEAR_RANGE.sub(" ", line)
        line = _DAY_OF_MONTH.sub(" ", line)
        yield line_offset + number + 1, line


def _numbers(line: str) -> Iterator[WrittenNumber]:
    for found in _NUMBER.finditer(line):
        whole, places = found["whole"], found["places"] or ""
        written = WrittenNumber(
            text=found.group(),
            magnitude=Decimal(whole.replace(",", "") + ("." + places if places else "")),
            places=len(places),
            pounds=bool(found["pound"] or found["pound2"]),
            signed=bool(found["sign"]),
            suffix=found["suffix"] or "",
        )
        if not (written.is_year or written.is_small_whole):
            yield written


class FactIndex:
    """Facts' magnitudes rounded to each precision asked for, to look numbers up quickly.

    ``facts`` is a flat ``{'name.of.fact': value}`` mapping or the nested facts tree. Each
    precision's table is made the first time a number with that many decimals is looked up.
    """

    def __init__(self, facts: Mapping[str, Any]):
        self._numbers = {
            path: value for path, value in flatten_facts(facts).items()
            if isinstance(value, Real) and not isinstance(value, bool) and math.isfinite(value)
        }
        self._by_places: dict[int, dict[Decimal, list[str]]] = {}

    def matches(self, written: WrittenNumber) -> list[str]:
        """Paths of the facts equal to ``written``, the best to suggest first."""
        table = self._by_places.get(written.places)
        if table is None:
            table = self._by_places[written.places] = self._rounded(written.places)
        return sorted(table.get(written.magnitude, ()), key=_preference)

    def _rounded(self, places: int) -> dict[Decimal, list[str]]:
        table: dict[Decimal, list[str]] = {}
        for path, value in self._numbers.items():
            if places == 0 and not float(value).is_integer():
                continue
            table.setdefault(abs(round_half_up(float(value), places)), []).append(path)
        return table


def _preference(path: str) -> tuple[int, int, str]:
    """Facts about the focus area first (narrative written with them works for any area)."""
    return (0 if ".focus." in f".{path}." else 1, len(path), path)


def _message(written: WrittenNumber, paths: list[str]) -> str:
    path = paths[0]
    others = len(paths) - 1
    also = f" (and {others} other fact{'s' if others > 1 else ''})" if others else ""
    return (f"the number {written.text} equals fact {path}{also}; "
            f"write {{{{ {path} | {_filter_for(written, path)} }}}} instead")


def _filter_for(written: WrittenNumber, path: str) -> str:
    places = written.places
    if written.pounds:
        return "gbp"
    if written.suffix == "%":
        name = "change" if written.signed else "percent"
        return name if places == 1 else f"{name}({places})"
    if written.suffix:
        return "ordinal"
    if written.signed:
        return "signed" if places == 0 else f"signed({places})"
    if places == 0:
        return "count"
    if places == 1 and "rate" in path.rsplit(".", 1)[-1]:
        return "rate"
    return f"number({places})"
