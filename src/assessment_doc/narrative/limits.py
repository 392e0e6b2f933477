"""What a placeholder may cost: limits that stop a content file's template from running for ever
or filling the memory.

Jinja's sandbox stops a template reaching Python, not from working without end: loops inside
loops, a macro that calls itself twice, ``'{:>999999999}'.format(x)``, ``'x'.ljust(10**9)``,
``a | replace('x', a)`` repeated, or ``((9**99)**99)**99``. Narrative needs none of these, so:

- macros, ``{% call %}`` blocks and recursive loops are refused when the file is read;
- every ``{% for %}`` iteration of one file counts against :data:`MAX_LOOP_STEPS`;
- the text a file fills in to is at most :data:`MAX_OUTPUT` characters, and ``replace`` may not
  make text longer than that;
- a whole number may have at most :data:`MAX_NUMBER_BITS` bits;
- every text or list a template makes (by ``~``, ``+``, ``*`` or a filter) is at most
  :data:`MAX_VALUE` characters or items long, and all of them together at most
  :data:`MAX_MADE`: ``{% set s = s ~ s %}`` written forty times would otherwise ask for a
  terabyte, and copies kept in many names (``{% set a = s | upper %}`` …) would add up;
- calling methods (``.format()``, ``.ljust()``, ...) and ``%`` text formatting are refused: a
  filter does each of those jobs (``| upper``, ``| number(1)``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.runtime import LoopContext
from jinja2.visitor import NodeTransformer

MAX_LOOP_STEPS = 100_000
"""Iterations of all the ``{% for %}`` loops of one file together (the bundled files use 0)."""
MAX_OUTPUT = 1_000_000
"""Characters of Markdown one file may fill in to (the longest bundled file has about 20,000)."""
MAX_NUMBER_BITS = 1_400
"""About 420 decimal digits: far beyond any figure, short of numbers that take seconds to print."""
MAX_VALUE = MAX_OUTPUT
"""Characters of one text (or items of one list) a template makes: no longer than it may print."""
MAX_MADE = 20 * MAX_OUTPUT
"""Characters and items of all the texts and lists one file's template makes together: at most
four bytes a character (or eight an item), so a file's values never take more than about
160 MB, while the longest bundled file makes some 30,000."""


class LimitExceeded(Exception):
    """A template that would cost too much; ``line`` is its template line when known."""

    def __init__(self, message: str, expected: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.expected = expected
        self.line = line


# --- when the file is read -----------------------------------------------------------------------

_REFUSED_STATEMENTS: dict[type[nodes.Node], str] = {
    nodes.Macro: "macros ({% macro %})",
    nodes.CallBlock: "{% call %} blocks",
}


def bound(tree: nodes.Template) -> nodes.Template:
    """``tree`` with each loop counted, or LimitExceeded for a statement narrative cannot use."""
    kinds: tuple[type[nodes.Node], ...] = (*_REFUSED_STATEMENTS, nodes.For)
    found: dict[type[nodes.Node], list[Any]] = {kind: [] for kind in kinds}
    for node in tree.find_all(kinds):  # one walk of the tree
        found[type(node)].append(node)
    for kind, what in _REFUSED_STATEMENTS.items():
        for node in found[kind]:
            raise LimitExceeded(f"{what} are not allowed in content files", _PLAIN, node.lineno)
    for loop in found[nodes.For]:
        if loop.recursive:
            raise LimitExceeded("recursive loops are not allowed in content files", _PLAIN,
                                loop.lineno)
        counted = nodes.ExtensionAttribute(Limits.identifier, "steps", lineno=loop.lineno)
        loop.iter = nodes.Call(counted, [loop.iter], [], None, None, lineno=loop.lineno)
    return _MeasuredJoins().visit(tree)  # type: ignore[no-any-return]


class _MeasuredJoins(NodeTransformer):
    """Every ``a ~ b`` made a call of :meth:`Limits.join`, which measures before it joins (Jinja
    compiles ``~`` to a join that no sandbox hook sees)."""

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        parts = [self.visit(part) for part in node.nodes]
        join = nodes.ExtensionAttribute(Limits.identifier, "join", lineno=node.lineno)
        return nodes.Call(join, parts, [], None, None, lineno=node.lineno)


_PLAIN = "placeholders, {% if %} and simple {% for %} loops"


class Limits(Extension):
    """Gives templates the loop counter that :func:`bound` puts around every loop."""

    def steps(self, iterable: Iterable[Any]) -> Iterator[Any]:
        budget = _current_budget()
        for item in iterable:
            budget.spend_step()
            yield item

    def join(self, *parts: Any) -> str:
        """``a ~ b ~ …``: the parts as text, joined, if the result is within the limits."""
        texts = [str(part) for part in parts]  # an unknown fact names itself here
        made(sum(map(len, texts)))
        return "".join(texts)


# --- while the file is filled in -----------------------------------------------------------------


@dataclass
class _Budget:
    steps: int = 0
    made: int = 0
    """Characters and items of the texts and lists made so far."""

    def spend_step(self) -> None:
        self.steps += 1
        if self.steps > MAX_LOOP_STEPS:
            raise LimitExceeded(f"the loops run more than {MAX_LOOP_STEPS:,} times",
                                "loops over the facts, not loops inside loops over long text")

    def spend_made(self, size: int) -> None:
        if size > MAX_VALUE:
            raise LimitExceeded(f"a text or list of more than {MAX_VALUE:,} characters or items "
                                "would be made", _SHORT_VALUES)
        self.made += size
        if self.made > MAX_MADE:
            raise LimitExceeded(f"the placeholders make more than {MAX_MADE:,} characters of "
                                "text and items of lists together", _SHORT_VALUES)


_SHORT_VALUES = "placeholders that print facts, not text built up by repeating or joining"

_budget: ContextVar[_Budget] = ContextVar("narrative_budget")


def _current_budget() -> _Budget:
    """The budget of the file being filled in; outside render_bounded, a fresh one."""
    return _budget.get(None) or _Budget()


def made(size: int) -> None:
    """Count a text or list of ``size`` characters or items about to be made; LimitExceeded if
    it is too long, or if the file has made too much in all."""
    _current_budget().spend_made(size)


def measured_size(value: Any) -> int:
    """The characters of a text, the items of a list or tuple; 0 for anything else."""
    return len(value) if isinstance(value, str | list | tuple | dict) else 0


def check_sequence_operation(operator: str, left: Any, right: Any) -> None:
    """Count the text or list that ``left + right`` or ``left * right`` would make."""
    if operator == "+":
        if isinstance(left, str | list | tuple) or isinstance(right, str | list | tuple):
            made(measured_size(left) + measured_size(right))
    elif operator == "*":
        for sequence, times in ((left, right), (right, left)):
            if isinstance(sequence, str | list | tuple) and _whole(times):
                made(len(sequence) * max(times, 0))


def counted_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` (a filter), its result counted by :func:`made` (``| upper`` of a long text
    copies it)."""
    @functools.wraps(function)  # keeps Jinja's pass_context marks
    def counted(*args: Any, **kwargs: Any) -> Any:
        result = function(*args, **kwargs)
        made(measured_size(result))
        return result
    return counted


def render_bounded(chunks: Iterable[str]) -> str:
    """Join what a template generates (``template.generate(...)``), within the limits."""
    token = _budget.set(_Budget())
    try:
        length = 0
        parts = []
        for chunk in chunks:
            length += len(chunk)
            if length > MAX_OUTPUT:
                raise LimitExceeded(f"the text filled in is longer than {MAX_OUTPUT:,} characters")
            parts.append(chunk)
        return "".join(parts)
    finally:
        _budget.reset(token)


def may_call(function: Any) -> bool:
    """Whether a template may call ``function``: only the loop's helpers and the step counter."""
    owner = getattr(function, "__self__", None)
    return isinstance(owner, LoopContext | Limits)


def refuse_call(function: Any) -> LimitExceeded:
    name = getattr(function, "__name__", type(function).__name__)
    return LimitExceeded(f"calling '{name}' is not allowed in a placeholder",
                         "a filter instead, such as {{ name | upper }} or {{ fact | number(1) }}")


def check_number_operation(operator: str, left: Any, right: Any) -> None:
    """Refuse ``*`` and ``**`` of whole numbers whose result would be too long to work with."""
    if not (_whole(left) and _whole(right)):
        return
    if operator == "*":
        bits = left.bit_length() + right.bit_length()
    elif operator == "**" and right > 0:
        bits = max(left.bit_length() - 1, 1) * right
    else:
        return
    if bits > MAX_NUMBER_BITS:
        raise LimitExceeded(f"the result of {_short(left)} {operator} {_short(right)} would be "
                            f"a number of more than {MAX_NUMBER_BITS * 3 // 10} digits")


def refuse_text_formatting(operator: str, left: Any) -> None:
    if operator == "%" and isinstance(left, str):
        raise LimitExceeded("formatting text with % is not allowed in a placeholder",
                            "a filter, such as {{ fact | number(1) }}")


def replace_text(text: Any, old: Any, new: Any, count: Any = None) -> str:
    """Jinja's ``replace`` filter, refusing to make text longer than :data:`MAX_OUTPUT`."""
    text, old, new = str(text), str(old), str(new)
    times = text.count(old) if old else len(text) + 1
    if count is not None:
        times = min(times, max(int(count), 0))
    if len(text) + times * (len(new) - len(old)) > MAX_OUTPUT:
        raise LimitExceeded(f"'replace' would make text longer than {MAX_OUTPUT:,} characters")
    return text.replace(old, new, -1 if count is None else max(int(count), 0))


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _short(number: int) -> str:
    return str(number) if number.bit_length() < 64 else f"a {number.bit_length() * 3 // 10}-digit number"
