"""The whitelist condition evaluator: what it reads, what it refuses, how it evaluates."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment_doc.rules.conditions import (
    MAX_DEPTH,
    MAX_LENGTH,
    Condition,
    ConditionError,
    EvaluationError,
    NameKind,
    Ref,
    parse_condition,
)

VALUES = {
    "asb.focus.incidents.pct_change": -1.93,
    "asb.focus.incidents.consecutive_falls": 2,
    "asb.focus.incidents.vs_kent": -4.19,
    "falls_needed": 2,
    "zero": 0,
    "human_trafficking": 1,
    "modern_slavery": 0,
}


def value_of(ref: Ref) -> int | float:
    return VALUES[ref.name]


def holds(text: str) -> bool:
    return parse_condition(text).evaluate(value_of)


class TestReading:
    def test_reads_a_dotted_name_as_a_fact(self) -> None:
        condition = parse_condition("asb.focus.incidents.pct_change < 0")
        assert list(condition.names()) == [Ref(NameKind.FACT, "asb.focus.incidents.pct_change")]
        assert condition.facts == ("asb.focus.incidents.pct_change",)

    def test_reads_a_single_word_as_a_threshold(self) -> None:
        condition = parse_condition("asb.focus.incidents.consecutive_falls >= falls_needed")
        assert condition.thresholds == ("falls_needed",)

    def test_reads_themes_dot_id_as_an_emerging_theme(self) -> None:
        condition = parse_condition("themes.human_trafficking + themes.modern_slavery >= 1")
        assert condition.themes == ("human_trafficking", "modern_slavery")
        assert condition.facts == ()

    def test_joins_the_lines_of_a_folded_yaml_condition(self) -> None:
        condition = parse_condition("asb.focus.incidents.pct_change < 0\n  and zero == 0\n")
        assert condition.text == "asb.focus.incidents.pct_change < 0 and zero == 0"

    def test_lists_each_name_once_in_the_order_written(self) -> None:
        condition = parse_condition("b.c.d > a and a < b.c.d or e.f.g == a")
        assert condition.facts == ("b.c.d", "e.f.g")
        assert condition.thresholds == ("a",)


class TestEvaluating:
    @pytest.mark.parametrize(("text", "expected"), [
        ("asb.focus.incidents.pct_change < 0", True),
        ("asb.focus.incidents.pct_change > 0", False),
        ("asb.focus.incidents.consecutive_falls >= falls_needed", True),
        ("asb.focus.incidents.consecutive_falls > falls_needed", False),
        ("asb.focus.incidents.consecutive_falls == 2", True),
        ("asb.focus.incidents.consecutive_falls != 2", False),
        ("asb.focus.incidents.consecutive_falls <= 2 and asb.focus.incidents.vs_kent < 0", True),
        ("asb.focus.incidents.pct_change > 0 or asb.focus.incidents.vs_kent < 0", True),
        ("not asb.focus.incidents.pct_change < 0", False),
        ("-asb.focus.incidents.pct_change > 1.9", True),
        ("asb.focus.incidents.consecutive_falls * 2 - 1 == 3", True),
        ("asb.focus.incidents.consecutive_falls / 4 == 0.5", True),
        ("1 < asb.focus.incidents.consecutive_falls < 3", True),
        ("3 < asb.focus.incidents.consecutive_falls < 5", False),
        ("themes.human_trafficking + themes.modern_slavery >= 1", True),
        ("themes.human_trafficking and themes.modern_slavery", False),
        ("themes.modern_slavery", False),
        ("1", True),
        ("0", False),
    ])
    def test_gives_true_or_false(self, text: str, expected: bool) -> None:
        assert holds(text) is expected

    def test_refuses_to_divide_by_zero_when_evaluated(self) -> None:
        condition = parse_condition("asb.focus.incidents.pct_change / zero > 1")
        with pytest.raises(EvaluationError, match="divides by zero"):
            condition.evaluate(value_of)

    def test_stops_at_the_first_false_comparison_of_a_chain(self) -> None:
        seen: list[str] = []

        def recording(ref: Ref) -> int | float:
            seen.append(ref.name)
            return VALUES[ref.name]

        parse_condition("3 < falls_needed < asb.focus.incidents.vs_kent").evaluate(recording)
        assert seen == ["falls_needed"]


REFUSED = {
    "__import__('os').system('true')":
        "calling a function is not allowed in a condition "
        "(found __import__('os').system('true'))",
    "().__class__":
        "only names may be written with dots in a condition, such as "
        "asb.focus.incidents.value (found ().__class__)",
    "a.__class__":
        "names starting with '_' are not allowed in a condition (found a.__class__)",
    "asb.focus.__dict__.value > 1":
        "names starting with '_' are not allowed in a condition (found asb.focus.__dict__.value)",
    "__builtins__ > 1":
        "names starting with '_' are not allowed in a condition (found __builtins__)",
    "[x for x in y]":
        "comprehensions are not allowed in a condition (found [x for x in y])",
    "'text'":
        "text in quotes is not allowed in a condition: conditions compare numbers "
        "(found 'text')",
    "lambda: 1":
        "lambda is not allowed in a condition (found lambda: 1)",
    "a.b.c[0] > 1":
        "picking an item with [...] is not allowed in a condition (found a.b.c[0])",
    "a ** 2 > 1":
        "the operator '**' is not allowed in a condition (only + - * /) (found a ** 2)",
    "a % 2 == 0":
        "the operator '%' is not allowed in a condition (only + - * /) (found a % 2)",
    "a is None":
        "'is' is not allowed in a condition (compare with < <= > >= == !=) (found a is None)",
    "a in b":
        "'in' is not allowed in a condition (compare with < <= > >= == !=) (found a in b)",
    "True":
        "only numbers are allowed in a condition, not 'True' (write a comparison instead) "
        "(found True)",
    "a if b else c":
        "'... if ... else ...' is not allowed in a condition: the rule's 'otherwise' says "
        "what happens when the condition does not hold (found a if b else c)",
    "(a := 1)":
        "':=' is not allowed in a condition (found a := 1)",
    "f'{a}' == 1":
        "text in quotes is not allowed in a condition (found f'{a}')",
    "themes.a.b > 0":
        "an emerging theme is written themes.<id> in a condition, such as "
        "themes.human_trafficking (found themes.a.b)",
    "(a > 1) + 1 > 0":
        "'a > 1' is true or false, so it cannot be used by '+'",
    "1e999 > a":
        "a number in a condition is too large (found 1e999)",
    "a = 1":
        "the condition cannot be read: invalid syntax, at character 3 (after 'a'); "
        "to compare two values write ==",
    "a >":
        "the condition cannot be read: invalid syntax, at its end (is something missing?)",
    "(a > 1":
        "the condition cannot be read: '(' was never closed, at character 1",
    "a; import os":
        "the condition cannot be read: invalid syntax, at character 2 (after 'a')",
    "":
        "the condition is empty",
    "a\x00 > 1":
        "the condition cannot be read: source code string cannot contain null bytes",
}


class TestRefusing:
    @pytest.mark.parametrize(("text", "message"), list(REFUSED.items()), ids=list(REFUSED))
    def test_refuses_with_a_clear_message(self, text: str, message: str) -> None:
        with pytest.raises(ConditionError) as raised:
            parse_condition(text)
        assert raised.value.message == message

    def test_refuses_a_condition_too_long_to_read(self) -> None:
        with pytest.raises(ConditionError) as raised:
            parse_condition(" + ".join(["a"] * MAX_LENGTH))
        assert raised.value.message == "the condition is 3,997 characters long"
        assert raised.value.expected == "at most 1,000 characters"

    def test_refuses_nesting_deeper_than_the_limit(self) -> None:
        with pytest.raises(ConditionError) as raised:
            parse_condition("not " * (MAX_DEPTH + 1) + "a")
        assert raised.value.message == f"the condition is nested more than {MAX_DEPTH} levels deep"

    def test_refuses_what_python_cannot_nest(self) -> None:
        with pytest.raises(ConditionError) as raised:
            parse_condition("-" * 999 + "1")
        assert "nested" in raised.value.message

    def test_refuses_an_integer_too_long_for_python(self) -> None:
        with pytest.raises(ConditionError):
            parse_condition("9" * 999 + "< 1")

    def test_never_looks_up_attributes_it_refuses(self) -> None:
        # The tree holds only names as text: nothing in it refers to a Python object.
        condition = parse_condition("asb.focus.incidents.pct_change < 0")
        assert condition.tree.first == Ref(NameKind.FACT, "asb.focus.incidents.pct_change")


# --- properties ------------------------------------------------------------------------------

ALPHABET = st.sampled_from(list("abz_.()[]{}'\"<>=!+-*/%~^&|,:;@ 0123456789\n\\#") + [
    "and ", " or ", "not ", "themes.", "__", "lambda", "import", "1e999", "if", "else"])


@settings(max_examples=400, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_any_text_is_read_or_refused_with_the_projects_error(text: str) -> None:
    try:
        condition = parse_condition(text)
    except ConditionError as error:
        assert error.message
        return
    assert isinstance(condition, Condition)
    assert all(not part.startswith("_") for ref in condition.names()
               for part in ref.name.split("."))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_unicode_text_is_read_or_refused_with_the_projects_error(text: str) -> None:
    try:
        parse_condition(text)
    except ConditionError as error:
        assert error.message


NAMES = ["a.b.c", "d.e.f", "t", "themes.x"]
NUMBERS = st.one_of(st.integers(-10**6, 10**6), st.floats(-1e6, 1e6, allow_nan=False))


@st.composite
def expressions(draw: st.DrawFn, depth: int = 0) -> str:
    if depth > 3 or draw(st.booleans()):
        return draw(st.one_of(st.sampled_from(NAMES), NUMBERS.map(repr)))
    operator = draw(st.sampled_from(["+", "-", "*", "/", "<", ">=", "==", "and", "or"]))
    left = draw(expressions(depth + 1))
    right = draw(expressions(depth + 1))
    return f"({left} {operator} {right})"


@settings(max_examples=300, deadline=None)
@given(expressions(), st.lists(NUMBERS, min_size=4, max_size=4))
def test_a_read_condition_evaluates_to_true_false_or_a_division_error(
    text: str, numbers: list[float]
) -> None:
    try:
        condition = parse_condition(text)
    except ConditionError:
        return  # e.g. a comparison used in arithmetic
    values = dict(zip(["a.b.c", "d.e.f", "t", "x"], numbers))
    try:
        result = condition.evaluate(lambda ref: values[ref.name])
    except EvaluationError:
        return
    assert result in (True, False)
