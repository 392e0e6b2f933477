"""Rule conditions: a small whitelist evaluator over facts, thresholds and emerging themes.

A condition is one expression, read with Python's :mod:`ast` (``mode='eval'``) and then walked
node by node; only these are accepted, everything else is refused with a message saying what
was written and why it cannot be::

    comparisons      <  <=  >  >=  ==  !=   (chains such as 0 < x < 10 too)
    logic            and  or  not
    arithmetic       +  -  *  /   and a leading minus
    numbers          2, 0.5, -3
    names            asb.focus.incidents.pct_change   a fact (a dotted name)
                     themes.human_trafficking          an emerging theme: 1 if listed, else 0
                     asb_falls_in_a_row                a threshold from the file's thresholds

The accepted tree is copied into this module's own frozen nodes, so evaluation never calls
Python's ``eval``, never looks an attribute up on an object and never calls a function: a dotted
name is only ever a key into the facts. Types are checked when the condition is read: numbers
take part in arithmetic and comparisons, comparisons and logic give true or false, and a number
where true/false is expected means "not zero" (so ``themes.prevent and …`` reads naturally).
"""

from __future__ import annotations

import ast
import math
import operator
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from numbers import Real

MAX_LENGTH = 1000
"""Longest condition accepted, in characters."""

MAX_DEPTH = 40
"""Deepest nesting of operations accepted."""

THEMES = "themes"
"""The first part of an emerging theme's name in a condition: ``themes.<id>``."""

ALLOWED = (
    "comparisons (< <= > >= == !=), and/or/not, + - * /, numbers, fact names such as "
    "asb.focus.incidents.pct_change, themes.<id> and threshold names"
)
"""What a condition may contain, for the 'expected' part of a problem."""


class ConditionError(Exception):
    """A condition that cannot be read or is not allowed; ``message`` says why for a clerk."""

    def __init__(self, message: str, expected: str | None = ALLOWED):
        super().__init__(message)
        self.message = message
        self.expected = expected


class EvaluationError(Exception):
    """A condition that cannot be worked out for these values (a division by zero)."""


class NameKind(str, Enum):
    """What a name in a condition refers to."""

    FACT = "fact"
    THEME = "theme"
    THRESHOLD = "threshold"


# --- the accepted tree -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Number:
    value: int | float


@dataclass(frozen=True, slots=True)
class Ref:
    """A name: a fact (dotted), a theme (``themes.<id>``) or a threshold (one word)."""

    kind: NameKind
    name: str


@dataclass(frozen=True, slots=True)
class Negate:
    operand: Node


@dataclass(frozen=True, slots=True)
class Not:
    operand: Node


@dataclass(frozen=True, slots=True)
class Arithmetic:
    symbol: str
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Logic:
    symbol: str
    """'and' or 'or'."""
    operands: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    first: Node
    steps: tuple[tuple[str, Node], ...]
    """Each comparison symbol with the value on its right: ``a < b <= c``."""


Node = Number | Ref | Negate | Not | Arithmetic | Logic | Comparison

_ARITHMETIC: dict[type, tuple[str, Callable[[float, float], float]]] = {
    ast.Add: ("+", operator.add),
    ast.Sub: ("-", operator.sub),
    ast.Mult: ("*", operator.mul),
    ast.Div: ("/", operator.truediv),
}
_COMPARISONS: dict[type, tuple[str, Callable[[float, float], bool]]] = {
    ast.Lt: ("<", operator.lt),
    ast.LtE: ("<=", operator.le),
    ast.Gt: (">", operator.gt),
    ast.GtE: (">=", operator.ge),
    ast.Eq: ("==", operator.eq),
    ast.NotEq: ("!=", operator.ne),
}
_ARITHMETIC_BY_SYMBOL = {symbol: function for symbol, function in _ARITHMETIC.values()}
_COMPARISON_BY_SYMBOL = {symbol: function for symbol, function in _COMPARISONS.values()}
_REFUSED_OPERATORS = {
    ast.Pow: "**", ast.Mod: "%", ast.FloorDiv: "//", ast.MatMult: "@", ast.BitAnd: "&",
    ast.BitOr: "|", ast.BitXor: "^", ast.LShift: "<<", ast.RShift: ">>", ast.Is: "is",
    ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in", ast.Invert: "~", ast.UAdd: "+",
}


class Kind(str, Enum):
    """What a part of a condition gives: a number, or true/false."""

    NUMBER = "a number"
    TRUTH = "true or false"


@dataclass(frozen=True, slots=True)
class Condition:
    """A condition that has been read and checked: its text, its tree and the names it uses."""

    text: str
    tree: Node

    def names(self) -> Iterator[Ref]:
        """Every name the condition uses, in the order written (repeats included)."""
        yield from _refs(self.tree)

    @property
    def facts(self) -> tuple[str, ...]:
        """The fact names used, in the order first written."""
        return tuple(dict.fromkeys(r.name for r in self.names() if r.kind is NameKind.FACT))

    @property
    def thresholds(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.name for r in self.names() if r.kind is NameKind.THRESHOLD))

    @property
    def themes(self) -> tuple[str, ...]:
        """The theme ids used (without ``themes.``)."""
        return tuple(dict.fromkeys(r.name for r in self.names() if r.kind is NameKind.THEME))

    def evaluate(self, value_of: Callable[[Ref], int | float]) -> bool:
        """True or false for the values ``value_of`` gives each name (numbers only).

        Raises :class:`EvaluationError` for a division by zero.
        """
        return _truth(_evaluate(self.tree, value_of))


# --- reading ---------------------------------------------------------------------------------


def parse_condition(text: str) -> Condition:
    """Read and check a condition; raise :class:`ConditionError` if it is not allowed."""
    if not isinstance(text, str):
        raise ConditionError(f"the condition should be text, not {type(text).__name__}")
    source = " ".join(text.split())  # a folded YAML line may carry newlines: they mean spaces
    if not source:
        raise ConditionError("the condition is empty")
    if len(source) > MAX_LENGTH:
        raise ConditionError(f"the condition is {len(source):,} characters long",
                             expected=f"at most {MAX_LENGTH:,} characters")
    try:
        with warnings.catch_warnings():  # Python's own hints ("invalid decimal literal")
            warnings.simplefilter("ignore", SyntaxWarning)
            expression = ast.parse(source, mode="eval")
    except SyntaxError as error:
        hint = "; to compare two values write ==" if _LONE_EQUALS.search(source) else ""
        raise ConditionError(_syntax_message(error, source) + hint) from None
    except (ValueError, RecursionError, MemoryError):
        raise ConditionError("the condition cannot be read (it is too deeply nested "
                             "or holds characters Python cannot read)") from None
    reader = _Reader(source)
    tree, _ = reader.read(expression.body, depth=0)
    return Condition(source, tree)


_LONE_EQUALS = re.compile(r"(?<![=<>!])=(?!=)")


def _syntax_message(error: SyntaxError, source: str) -> str:
    reason = (error.msg or "invalid syntax").split(". ")[0].split(" (")[0]
    offset = error.offset
    if offset is None:
        return f"the condition cannot be read: {reason}"
    if offset == 0 or offset > len(source):  # Python reports the end of the text as 0
        return f"the condition cannot be read: {reason}, at its end (is something missing?)"
    before = source[: offset - 1].rstrip()
    after = f" (after '{_shorten(before[-30:])}')" if before else ""
    return f"the condition cannot be read: {reason}, at character {offset}{after}"


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Reader:
    """Walks Python's tree, accepting only the allowed node types."""

    def __init__(self, source: str):
        self.source = source

    def written(self, node: ast.AST) -> str:
        segment = ast.get_source_segment(self.source, node) or type(node).__name__
        return _shorten(segment, limit=60)

    def refuse(self, node: ast.AST, why: str) -> ConditionError:
        return ConditionError(f"{why} (found {self.written(node)})")

    def read(self, node: ast.AST, depth: int) -> tuple[Node, Kind]:
        if depth > MAX_DEPTH:
            raise ConditionError(f"the condition is nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, ast.Constant):
            return self.constant(node), Kind.NUMBER
        if isinstance(node, (ast.Name, ast.Attribute)):
            return self.name(node), Kind.NUMBER
        if isinstance(node, ast.UnaryOp):
            return self.unary(node, depth)
        if isinstance(node, ast.BinOp):
            return self.arithmetic(node, depth), Kind.NUMBER
        if isinstance(node, ast.BoolOp):
            symbol = "and" if isinstance(node.op, ast.And) else "or"
            operands = tuple(self.read(value, depth + 1)[0] for value in node.values)
            return Logic(symbol, operands), Kind.TRUTH
        if isinstance(node, ast.Compare):
            return self.comparison(node, depth), Kind.TRUTH
        raise self.refuse(node, _why_refused(node))

    def constant(self, node: ast.Constant) -> Number:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            if isinstance(value, str):
                raise self.refuse(node, "text in quotes is not allowed in a condition: "
                                  "conditions compare numbers")
            raise self.refuse(node, "only numbers are allowed in a condition, not "
                                  f"{_constant_kind(value)}")
        if not math.isfinite(value):
            raise self.refuse(node, "a number in a condition is too large")
        return Number(value)

    def name(self, node: ast.Name | ast.Attribute) -> Ref:
        parts: list[str] = []
        current: ast.AST = node
        while isinstance(current, ast.Attribute):
            parts.append(current.attr)
            current = current.value
        if not isinstance(current, ast.Name):
            raise self.refuse(node, "only names may be written with dots in a condition, "
                              "such as asb.focus.incidents.value")
        parts.append(current.id)
        parts.reverse()
        for part in parts:
            if part.startswith("_"):
                raise self.refuse(node, "names starting with '_' are not allowed in a "
                                  "condition")
        if len(parts) == 1:
            return Ref(NameKind.THRESHOLD, parts[0])
        if parts[0] == THEMES:
            if len(parts) != 2:
                raise self.refuse(node, "an emerging theme is written themes.<id> in a "
                                  "condition, such as themes.human_trafficking")
            return Ref(NameKind.THEME, parts[1])
        return Ref(NameKind.FACT, ".".join(parts))

    def unary(self, node: ast.UnaryOp, depth: int) -> tuple[Node, Kind]:
        operand, kind = self.read(node.operand, depth + 1)
        if isinstance(node.op, ast.Not):
            return Not(operand), Kind.TRUTH
        if isinstance(node.op, ast.USub):
            self.need_number(node.operand, kind, "a minus sign")
            if isinstance(operand, Number):
                return Number(-operand.value), Kind.NUMBER
            return Negate(operand), Kind.NUMBER
        raise self.refuse(node, f"the operator '{_REFUSED_OPERATORS[type(node.op)]}' is "
                          "not allowed in a condition")

    def arithmetic(self, node: ast.BinOp, depth: int) -> Node:
        known = _ARITHMETIC.get(type(node.op))
        if known is None:
            symbol = _REFUSED_OPERATORS.get(type(node.op), type(node.op).__name__)
            raise self.refuse(node, f"the operator '{symbol}' is not allowed in a condition "
                              "(only + - * /)")
        left, left_kind = self.read(node.left, depth + 1)
        right, right_kind = self.read(node.right, depth + 1)
        self.need_number(node.left, left_kind, f"'{known[0]}'")
        self.need_number(node.right, right_kind, f"'{known[0]}'")
        return Arithmetic(known[0], left, right)

    def comparison(self, node: ast.Compare, depth: int) -> Comparison:
        first, kind = self.read(node.left, depth + 1)
        self.need_number(node.left, kind, "a comparison")
        steps = []
        for op, right_node in zip(node.ops, node.comparators):
            known = _COMPARISONS.get(type(op))
            if known is None:
                symbol = _REFUSED_OPERATORS.get(type(op), type(op).__name__)
                raise self.refuse(node, f"'{symbol}' is not allowed in a condition "
                                  "(compare with < <= > >= == !=)")
            right, right_kind = self.read(right_node, depth + 1)
            self.need_number(right_node, right_kind, "a comparison")
            steps.append((known[0], right))
        return Comparison(first, tuple(steps))

    def need_number(self, node: ast.AST, kind: Kind, used_by: str) -> None:
        if kind is not Kind.NUMBER:
            raise ConditionError(
                f"'{self.written(node)}' is true or false, so it cannot be used by {used_by}",
                expected="a number there: a fact, a threshold or arithmetic on them")


def _constant_kind(value: object) -> str:
    if isinstance(value, bool):
        return f"'{value}' (write a comparison instead)"
    if value is None:
        return "'None'"
    if value is Ellipsis:
        return "'...'"
    if isinstance(value, complex):
        return "an imaginary number"
    return type(value).__name__


def _why_refused(node: ast.AST) -> str:
    if isinstance(node, ast.Call):
        return "calling a function is not allowed in a condition"
    if isinstance(node, ast.Subscript):
        return "picking an item with [...] is not allowed in a condition"
    if isinstance(node, ast.Lambda):
        return "lambda is not allowed in a condition"
    if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
        return "comprehensions are not allowed in a condition"
    if isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)):
        return "lists, tuples, sets and dicts are not allowed in a condition"
    if isinstance(node, (ast.JoinedStr, ast.FormattedValue)):
        return "text in quotes is not allowed in a condition"
    if isinstance(node, ast.IfExp):
        return "'... if ... else ...' is not allowed in a condition: the rule's 'otherwise' " \
            "says what happens when the condition does not hold"
    if isinstance(node, ast.NamedExpr):
        return "':=' is not allowed in a condition"
    return f"{type(node).__name__} is not allowed in a condition"


# --- evaluating ------------------------------------------------------------------------------


def _refs(node: Node) -> Iterator[Ref]:
    if isinstance(node, Ref):
        yield node
    elif isinstance(node, (Negate, Not)):
        yield from _refs(node.operand)
    elif isinstance(node, Arithmetic):
        yield from _refs(node.left)
        yield from _refs(node.right)
    elif isinstance(node, Logic):
        for operand in node.operands:
            yield from _refs(operand)
    elif isinstance(node, Comparison):
        yield from _refs(node.first)
        for _, right in node.steps:
            yield from _refs(right)


def _truth(value: float | bool) -> bool:
    return bool(value)


def _evaluate(node: Node, value_of: Callable[[Ref], int | float]) -> int | float | bool:
    if isinstance(node, Number):
        return node.value
    if isinstance(node, Ref):
        value = value_of(node)
        if isinstance(value, bool) or not isinstance(value, Real):
            raise EvaluationError(f"'{node.name}' has no number to use ({value!r})")
        return value
    if isinstance(node, Negate):
        return -_evaluate(node.operand, value_of)
    if isinstance(node, Not):
        return not _truth(_evaluate(node.operand, value_of))
    if isinstance(node, Arithmetic):
        left = _evaluate(node.left, value_of)
        right = _evaluate(node.right, value_of)
        if node.symbol == "/" and right == 0:
            raise EvaluationError("the condition divides by zero")
        return _ARITHMETIC_BY_SYMBOL[node.symbol](left, right)
    if isinstance(node, Logic):
        if node.symbol == "and":
            return all(_truth(_evaluate(operand, value_of)) for operand in node.operands)
        return any(_truth(_evaluate(operand, value_of)) for operand in node.operands)
    if isinstance(node, Comparison):
        left = _evaluate(node.first, value_of)
        for symbol, right_node in node.steps:
            right = _evaluate(right_node, value_of)
            if not _COMPARISON_BY_SYMBOL[symbol](left, right):
                return False
            left = right
        return True
    raise TypeError(f"unknown condition node {node!r}")  # pragma: no cover - closed union
