"""Placeholders: a content file's ``{{ fact | filter }}`` filled in from the facts, safely.

The body of a content file is one Jinja template, rendered in one go in Jinja's sandbox with
strict undefined values (``{% if %}``/``{% for %}`` are allowed; includes and imports are not).
The context is the facts tree: nested mappings whose leaves are numbers, text, ``SUPPRESSED``
or ``None`` (a fact that is unavailable). Every printed value passes through :func:`finalize`,
which escapes it as literal Markdown text; a bare number is refused, because how a figure is
written is said by a filter (:mod:`.filters`).

Every failure becomes an :class:`~assessment_doc.errors.InputError` at the line of the content
file, with the closest known names for an unknown one::

    content/02-total-crime.md, line 14: unknown placeholder 'recorded_crime.focus.offence';
    did you mean 'recorded_crime.focus.offences'?
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from functools import lru_cache
from numbers import Real
from types import TracebackType
from typing import Any

from jinja2 import (
    FunctionLoader,
    StrictUndefined,
    Template,
    TemplateNotFound,
    TemplateSyntaxError,
    Undefined,
    UndefinedError,
)
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import missing

from ..data.characters import PRINTABLE_EXPECTED, SURROGATES, unprintable_message
from ..errors import InputError, Problem
from ..values import Suppressed
from . import limits
from .escaping import UNPRINTABLE, escape_markdown
from .filters import FILTERS, FilterInputError
from .phrases import PHRASE_FILTERS, PHRASE_TESTS
from .source_lines import MARK_CHARACTERS, FilledMarkdown, LineMarks, take_line_marks

TEMPLATE_FILENAME = "<template>"
"""Jinja's name for a template made from a string; its frames carry the template's lines."""

SYNTAX_EXPECTED = "placeholders written {{ name.of.fact | filter }}, statements {% if ... %}"

MAX_EXPONENT = 100
MAX_REPEAT = 10_000


class PlaceholderError(Exception):
    """A placeholder that cannot be filled in; ``message`` says why, in a clerk's words."""

    def __init__(self, message: str, expected: str | None = None):
        super().__init__(message)
        self.message = message
        self.expected = expected


class UnknownFactError(PlaceholderError):
    """A name that is not in the facts tree."""

    def __init__(self, path: tuple[str, ...], known: tuple[str, ...] | None):
        super().__init__(f"unknown placeholder '{'.'.join(path)}'")
        self.path = path
        self.known = known
        """The names beside the unknown one, or None at the top of the tree (filled in later)."""


class UnavailableFactError(PlaceholderError):
    """A fact whose value is None: the data to compute it is missing."""

    def __init__(self, path: tuple[str, ...]):
        name = ".".join(path)
        super().__init__(
            f"the fact '{name}' is not available (its data is missing), so it cannot be printed",
            expected=f"{{% if {name} is defined %}} … {{% endif %}} around the text that uses it",
        )


# --- the facts tree as a template sees it --------------------------------------------------------


class FactGroup:
    """A branch of the facts tree, knowing its own path so that errors can name it."""

    __slots__ = ("children", "path")

    def __init__(self, path: tuple[str, ...], children: Mapping[str, Any]):
        self.path = path
        self.children = children

    def __repr__(self) -> str:
        return f"FactGroup({'.'.join(self.path)!r})"


def fact_view(value: Any, path: tuple[str, ...]) -> Any:
    """A value of the facts tree as templates see it: branches become :class:`FactGroup`."""
    return FactGroup(path, value) if isinstance(value, Mapping) else value


class MissingFact(StrictUndefined):
    """An undefined value that, when used, names the whole fact path that was not found."""

    __slots__ = ()

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> Any:
        group, name = self._undefined_obj, str(self._undefined_name)
        if group is missing:
            raise UnknownFactError((name,), known=None)
        if isinstance(group, FactGroup):
            raise UnknownFactError((*group.path, name), known=tuple(map(str, group.children)))
        return super()._fail_with_undefined_error(*args, **kwargs)


class UnavailableFact(StrictUndefined):
    """A fact whose value is None: undefined for ``is defined`` and ``default``, an error if used."""

    __slots__ = ()

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> Any:
        group, name = self._undefined_obj, str(self._undefined_name)
        path = (*group.path, name) if isinstance(group, FactGroup) else (name,)
        raise UnavailableFactError(path)


class NarrativeEnvironment(SandboxedEnvironment):
    """The sandbox, reading the facts tree by key only and refusing runaway work (see
    :mod:`.limits`)."""

    intercepted_binops = frozenset({"+", "*", "**", "%"})

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, FactGroup):
            return self.fact(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(obj, FactGroup):
            return self.fact(obj, argument)
        return super().getitem(obj, argument)

    def fact(self, group: FactGroup, name: Any) -> Any:
        """The child ``name`` of ``group``; never a Python attribute of the mapping."""
        if not isinstance(name, str) or name not in group.children:
            return self.undefined(obj=group, name=name)
        value = group.children[name]
        if value is None:
            return UnavailableFact(obj=group, name=name)
        return fact_view(value, (*group.path, name))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and _is_number(right) and abs(right) > MAX_EXPONENT:
            raise PlaceholderError(f"the power {right} is too large (at most {MAX_EXPONENT})")
        if operator == "*" and _repeats_too_much(left, right):
            raise PlaceholderError(f"repeating text more than {MAX_REPEAT:,} times is refused")
        limits.refuse_text_formatting(operator, left)
        limits.check_number_operation(operator, left, right)
        limits.check_sequence_operation(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        if not isinstance(obj, Undefined) and not limits.may_call(obj):  # Undefined names itself
            raise limits.refuse_call(obj)
        return super().call(context, obj, *args, **kwargs)


def _is_number(value: Any) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool)


def _repeats_too_much(left: Any, right: Any) -> bool:
    for sequence, times in ((left, right), (right, left)):
        repeatable = isinstance(sequence, (str, list, tuple)) and isinstance(times, int)
        if repeatable and times * max(len(sequence), 1) > MAX_REPEAT:
            return True
    return False


def finalize(value: Any) -> str:
    """What a ``{{ }}`` prints: text and ``[c]`` escaped as literal Markdown; nothing else."""
    if isinstance(value, Undefined):
        value._fail_with_undefined_error()  # raises the error naming the fact
    if isinstance(value, str):
        found = SURROGATES.search(value)  # a "\ud800" in the template, say
        if found is not None:  # (control characters are dropped by escape_markdown)
            raise PlaceholderError(unprintable_message(value, found), PRINTABLE_EXPECTED)
        return escape_markdown(value)
    if isinstance(value, Suppressed):
        return escape_markdown(str(value))
    if isinstance(value, FactGroup):
        name = ".".join(value.path)
        example = next(iter(value.children), "value")
        raise PlaceholderError(
            f"'{name}' is a group of facts, not one value",
            expected=f"one fact, such as '{name}.{example}'",
        )
    if _is_number(value):
        raise PlaceholderError(
            f"the number {_short(repr(value))} needs a format",
            expected="a filter such as {{ … | count }}, | rate, | percent, | number(1), "
            "| change, | change_words, | signed, | gbp or | ordinal",
        )
    raise PlaceholderError(f"a {type(value).__name__} value cannot be printed")


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


TEXT_FILTERS = ("default", "d", "lower", "upper", "capitalize", "title", "trim", "replace")
"""Jinja's own filters kept for wording; the others (``round``, ``format``, ``tojson`` …) are
removed so that every figure is formatted by :mod:`.filters`."""


@lru_cache(maxsize=1)
def narrative_environment() -> NarrativeEnvironment:
    """The one environment every content file is rendered in."""
    environment = NarrativeEnvironment(
        undefined=MissingFact,
        autoescape=False,
        finalize=finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=[LineMarks, limits.Limits],
        loader=FunctionLoader(lambda name: None),  # includes and imports find nothing
    )
    environment.globals.clear()  # no range, cycler, joiner, lipsum, namespace, dict
    kept = {name: environment.filters[name] for name in TEXT_FILTERS}
    environment.filters.clear()
    environment.filters.update(kept)
    environment.filters.update(FILTERS)
    environment.filters.update(PHRASE_FILTERS)
    environment.tests.update(PHRASE_TESTS)
    environment.filters["replace"] = limits.replace_text
    for name, function in environment.filters.items():
        environment.filters[name] = limits.counted_filter(function)
    return environment


# --- filling in ----------------------------------------------------------------------------------


@lru_cache(maxsize=256)
def _compiled(body: str) -> Template:
    """The body compiled by Jinja, kept: a rebuild in the same process compiles only the files
    that changed (compiling is most of the time spent filling a file in)."""
    environment = narrative_environment()
    return environment.from_string(limits.bound(environment.parse(body)))


def fill_placeholders(
    body: str, file: str, facts: Mapping[str, Any], line_offset: int = 0
) -> FilledMarkdown:
    """Render ``body`` (a content file's Markdown after its front matter) with ``facts``.

    ``line_offset`` is the number of file lines before the body, so that problems and the
    returned line map use the lines of the file. Raises :class:`InputError`.
    """
    _refuse_odd_characters(body, file, line_offset)
    try:
        template = _compiled(body)
    except TemplateSyntaxError as error:
        raise InputError(_syntax_problem(error, file, line_offset)) from None
    except limits.LimitExceeded as error:
        raise InputError(Problem(file, error.message, line=line_offset + (error.line or 1),
                                 expected=error.expected)) from None
    except Exception as error:  # noqa: BLE001 - a clerk sees a message, never a traceback
        raise InputError(
            Problem(file, f"the placeholders cannot be read ({error})", expected=SYNTAX_EXPECTED)
        ) from None
    top = {str(name): fact_view(value, (str(name),)) for name, value in facts.items()}
    for name, value in facts.items():
        if value is None:
            top[str(name)] = UnavailableFact(name=str(name))
    try:
        rendered = limits.render_bounded(template.generate(top))
    except Exception as error:  # noqa: BLE001 - any failure in a clerk's template is bad input
        raise InputError(_render_problem(error, file, line_offset, facts)) from None
    return take_line_marks(rendered, line_offset)


def _refuse_odd_characters(body: str, file: str, line_offset: int) -> None:
    """Refuse the reserved line-stamp characters and characters no output can hold."""
    problems = []
    for index, line in enumerate(body.split("\n"), start=line_offset + 1):
        for mark in MARK_CHARACTERS:
            if mark in line:
                problems.append(Problem(file, f"contains the private-use character "
                                        f"U+{ord(mark):04X}, which is reserved", line=index,
                                        expected="ordinary text"))
        control = UNPRINTABLE.search(line)
        if control:
            problems.append(Problem(file, f"contains the control character "
                                    f"U+{ord(control.group()):04X}, which cannot be printed",
                                    line=index, expected="ordinary text"))
    if problems:
        raise InputError(problems)


_UNKNOWN_NAMED = re.compile(r"No (filter|test) named '([^']*)'")


def _syntax_problem(error: TemplateSyntaxError, file: str, line_offset: int) -> Problem:
    line = line_offset + (error.lineno or 1)
    unknown = _UNKNOWN_NAMED.search(error.message or "")
    if unknown:
        kind, name = unknown.groups()
        known = narrative_environment().filters if kind == "filter" else narrative_environment().tests
        close = _closest(name, known)
        if close is not None:
            return Problem(file, f"unknown {kind} '{name}'; did you mean '{close}'?", line=line)
        return Problem(file, f"unknown {kind} '{name}'", line=line,
                       expected=f"one of: {_listed(known, limit=30)}")
    message = f"placeholder syntax error: {error.message}"
    return Problem(file, message, line=line, expected=SYNTAX_EXPECTED)


def _render_problem(
    error: Exception, file: str, line_offset: int, facts: Mapping[str, Any]
) -> Problem:
    template_line = _template_line(error.__traceback__)
    line = None if template_line is None else line_offset + template_line
    if isinstance(error, UnknownFactError):
        return _unknown_fact_problem(error, file, line, facts)
    if isinstance(error, PlaceholderError | limits.LimitExceeded):
        return Problem(file, error.message, line=line, expected=error.expected)
    if isinstance(error, FilterInputError):
        return Problem(file, str(error), line=line)
    if isinstance(error, SecurityError):
        return Problem(file, f"not allowed in a placeholder: {error}", line=line,
                       expected="names of facts and filters only")
    if isinstance(error, UndefinedError):
        return Problem(file, f"unknown name in a placeholder: {error}", line=line)
    if isinstance(error, TemplateNotFound):
        return Problem(file, f"content files cannot include or import other files ({error})",
                       line=line)
    return Problem(file, f"the placeholder cannot be worked out ({type(error).__name__}: "
                   f"{error})", line=line)


def _unknown_fact_problem(
    error: UnknownFactError, file: str, line: int | None, facts: Mapping[str, Any]
) -> Problem:
    known = error.known if error.known is not None else tuple(map(str, facts))
    *parents, name = error.path
    close = _closest(name, known)
    if close is not None:
        suggestion = ".".join((*parents, close))
        return Problem(file, f"{error.message}; did you mean '{suggestion}'?", line=line)
    where = f"under '{'.'.join(parents)}'" if parents else "at the top level"
    expected = f"a name {where}: {_listed(known)}" if known else None
    return Problem(file, error.message, line=line, expected=expected)


def _closest(name: str, known: Any) -> str | None:
    """The known name a clerk most probably meant: same letters in another case, or close."""
    choices = [str(choice) for choice in known]
    close = [c for c in choices if c.lower() == name.lower()] or difflib.get_close_matches(
        name, choices, n=1, cutoff=0.75
    )
    return close[0] if close else None


def _listed(names: Any, limit: int = 12) -> str:
    shown = sorted(str(name) for name in names)
    more = f" … ({len(shown) - limit} more)" if len(shown) > limit else ""
    return ", ".join(shown[:limit]) + more


def _template_line(traceback: TracebackType | None) -> int | None:
    """The template line of the innermost template frame (Jinja rewrites frames to its lines)."""
    line = None
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == TEMPLATE_FILENAME:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line
