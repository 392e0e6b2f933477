"""The claims check: typed words that the facts in the same sentence contradict.

A clerk should write a direction or a comparison with a phrase filter (:mod:`.phrases`), but a
typed "fell" beside ``{{ x.pct_change | change }}`` is easy to write and goes false silently
when the data move. :func:`contradicted_claims` reads a content file's sentences and warns where
a typed word says one thing and the facts in its sentence say the other::

    content/04-anti-social-behaviour.md, line 40: 'fallen' beside
    asb.focus.incidents.pct_change, which is +15.0% (a rise)

What it checks, in each sentence (text outside ``{{ }}``, ``{% %}`` and ``{# #}``):

- **direction**: a word of rise or fall (rose, fell, increase, reduction, more, fewer, …) next to
  a placeholder of a change (``change``, ``pct_change``, ``…_on_month``, a ``consecutive_…``
  run, or ``a - b``) with the other sign; and "fell from {{ a }} to {{ b }}" against a and b;
- **comparison**: above / below / higher than / lower than / more than / fewer than / less than /
  in line with, followed by a placeholder, against the placeholder before the word;
- **rank**: "{{ rank | ordinal }} highest" against a lowest-first rank (and the reverse), and a
  typed ordinal ("second highest", "2nd highest", "the highest") beside a rank placeholder with
  another value; "largest rise" beside a change's rank where the change is a fall;
- **percentage**: a typed percentage beside a change placeholder that prints another one.

What it cannot see: a claim with no placeholder in its sentence ("ASB has fallen year on year"
says nothing the check can tie to a fact), words in a sentence whose placeholder is worked out
by arithmetic other than ``a - b``, or claims made in the rules' texts (checked by the rules).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from numbers import Real
from typing import Any

from ..errors import Problem
from ..format import format_change, format_number, format_value, ordinal, round_half_up
from .content import split_front_matter
from .literals import JINJA_SPAN, flatten_facts
from .phrases import ORDINAL_WORDS as ORDINALS_IN_WORDS
from .phrases import sign_as_printed

RISE_WORDS = frozenset({"rose", "risen", "rise", "rises", "rising", "increase", "increased",
                        "increases", "increasing", "grew", "grown", "growing", "growth"})
FALL_WORDS = frozenset({"fell", "fallen", "fall", "falls", "falling", "reduction", "reduced",
                        "reductions", "decrease", "decreased", "decreases", "decreasing",
                        "drop", "dropped", "saving", "down"})
NEAR_RISE = frozenset({"more", "up", "higher"})
NEAR_FALL = frozenset({"fewer", "less", "lower"})
"""Words of direction only when right beside the figure ("152 fewer offences")."""

NEAR = 60
"""How many characters a direction word may be from its placeholder."""
RIGHT_BESIDE = 12

COMPARISONS = {"above": 1, "below": -1, "higher than": 1, "lower than": -1, "more than": 1,
               "fewer than": -1, "less than": -1, "greater than": 1, "in line with": 0,
               "the same as": 0}
ORDINAL_WORDS = {word: number for number, word in enumerate(ORDINALS_IN_WORDS, start=1)}
CHANGE_LEAVES = ("change", "pct_change", "change_on_month", "pct_change_on_month")
SIGN_WORDS = {1: "a rise", -1: "a fall", 0: "no change"}
"""What a change's sign is, as a warning names it."""

_PATH = r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+"
_SIMPLE = re.compile(rf"^\s*\(?\s*(?P<a>{_PATH})\s*(?:-\s*(?P<b>{_PATH})\s*)?\)?\s*$")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_TYPED_PERCENT = re.compile(r"(?<![\w.])(?P<number>\d+(?:\.\d+)?)%")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n\s*\n|\n\s*[-*]\s|:\s*\n")
_FILTERS_CLAIMING = ("direction", "compare_words", "rank_words", "trend_words", "change_words")


@dataclass(frozen=True, slots=True)
class Placeholder:
    """A ``{{ }}`` of a sentence: where it is, the fact(s) it prints and its first filter."""

    start: int
    end: int
    name: str
    """The fact's name, or 'a - b'."""
    value: Any
    filters: tuple[str, ...]
    places: int
    """The decimal places its value is printed with (by its first filter)."""


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    """The sentence with every Jinja span blanked (same length as the source)."""
    start: int
    placeholders: tuple[Placeholder, ...]


def contradicted_claims(source_text: str, file: str, facts: Mapping[str, Any]) -> list[Problem]:
    """Warnings where typed words contradict the facts in their sentence (see the module doc).

    ``facts`` is the facts tree (or a flat ``{'name': value}`` mapping).
    """
    flat = facts if _is_flat(facts) else flatten_facts(facts)
    split = split_front_matter(source_text)
    found: list[Problem] = []
    for sentence in _sentences(split.body, flat):
        for position, message in _findings(sentence, flat):
            line = split.line_offset + split.body.count("\n", 0, position) + 1
            found.append(Problem(file, message, line=line))
    return found


def _is_flat(facts: Mapping[str, Any]) -> bool:
    return any("." in str(name) for name in list(facts)[:5])


# --- reading sentences ---------------------------------------------------------------------------


def _sentences(body: str, facts: Mapping[str, Any]) -> Iterator[Sentence]:
    placeholders = []
    masked = list(body)
    for match in JINJA_SPAN.finditer(body):
        # a placeholder stands for a figure (no space, so no sentence ends beside it); a
        # statement or comment prints nothing
        filler = " " if match["expr"] is None else "\0"
        masked[match.start():match.end()] = filler * (match.end() - match.start())
        if match["expr"] is not None:
            placeholder = _placeholder(match, facts)
            if placeholder is not None:
                placeholders.append(placeholder)
    for guarded in _guarded(body):
        masked[guarded.start:guarded.stop] = [
            c if c in "\0\n" else " " for c in masked[guarded.start:guarded.stop]]
    text = "".join(masked)
    start = 0
    for end_match in _SENTENCE_END.finditer(text):
        end = end_match.end()
        yield _sentence(text, start, end, placeholders)
        start = end
    yield _sentence(text, start, len(text), placeholders)


_STATEMENT = re.compile(r"\{%-?\s*(?P<keyword>if|elif|else|endif)\b(?P<condition>.*?)-?%\}",
                        re.DOTALL)
_FACT_NAME = re.compile(r"(?<![\w.])(?!settings\.)[A-Za-z_]\w*\.[A-Za-z0-9_.]+")


def _guarded(body: str) -> Iterator[range]:
    """The text inside ``{% if %}`` blocks whose condition names a fact (not only settings):
    words there are said only when the facts make them true, so they are not checked."""
    stack: list[tuple[int, bool]] = []
    for statement in _STATEMENT.finditer(body):
        keyword = statement["keyword"]
        if keyword == "if":
            stack.append((statement.end(), bool(_FACT_NAME.search(statement["condition"]))))
        elif keyword == "endif" and stack:
            start, on_facts = stack.pop()
            if on_facts:
                yield range(start, statement.start())


def _sentence(text: str, start: int, end: int, placeholders: list[Placeholder]) -> Sentence:
    inside = tuple(p for p in placeholders if start <= p.start < end)
    return Sentence(text[start:end], start, inside)


def _placeholder(match: re.Match[str], facts: Mapping[str, Any]) -> Placeholder | None:
    expression, *filters = (part.strip() for part in _top_level_split(match["expr"]))
    simple = _SIMPLE.match(expression)
    if simple is None:
        return None
    a, b = simple["a"], simple["b"]
    if a not in facts or (b is not None and b not in facts):
        return None
    value = facts[a] if b is None else _difference(facts[a], facts[b])
    names = tuple(re.match(r"[A-Za-z_]+", f)[0] for f in filters if re.match(r"[A-Za-z_]+", f))
    return Placeholder(match.start(), match.end(), a if b is None else f"{a} - {b}", value, names,
                       _printed_places(filters))


PRINTED_PLACES = {"count": 0, "gbp": 0, "signed": 0, "ordinal": 0, "rate": 1, "percent": 1,
                  "number": 1, "change": 1, "change_words": 1}


def _printed_places(filters: list[str]) -> int:
    """The decimals of the first formatting filter ('abs' passes the number on)."""
    for text in filters:
        call = re.match(r"([A-Za-z_]+)\s*(?:\(\s*(\d)\s*\))?", text)
        if call is None or call[1] == "abs":
            continue
        if call[1] in PRINTED_PLACES:
            return int(call[2]) if call[2] and call[1] != "rate" else PRINTED_PLACES[call[1]]
        break
    return 1


def _top_level_split(expression: str) -> list[str]:
    """Split at the '|' of filters, not inside brackets or quotes."""
    parts, depth, quote, current = [], 0, "", []
    for character in expression:
        if quote:
            quote = "" if character == quote else quote
        elif character in "'\"":
            quote = character
        elif character in "([":
            depth += 1
        elif character in ")]":
            depth -= 1
        elif character == "|" and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(character)
    parts.append("".join(current))
    return parts


def _difference(a: Any, b: Any) -> Any:
    if _is_number(a) and _is_number(b):
        return a - b
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool)


# --- the findings --------------------------------------------------------------------------------


def _findings(sentence: Sentence, facts: Mapping[str, Any]) -> Iterator[tuple[int, str]]:
    if not sentence.placeholders:
        return
    yield from _direction_findings(sentence)
    yield from _from_to_findings(sentence)
    yield from _comparison_findings(sentence)
    yield from _rank_findings(sentence, facts)
    yield from _percentage_findings(sentence)


def _words(sentence: Sentence) -> Iterator[tuple[int, int, str]]:
    for word in _WORD.finditer(sentence.text):
        yield sentence.start + word.start(), sentence.start + word.end(), word.group().lower()


def _is_change(placeholder: Placeholder) -> bool:
    leaf = placeholder.name.rsplit(".", 1)[-1]
    return " - " in placeholder.name or leaf in CHANGE_LEAVES or leaf.startswith("consecutive_")


def _gap(start: int, end: int, placeholder: Placeholder) -> int:
    if end <= placeholder.start:
        return placeholder.start - end
    if start >= placeholder.end:
        return start - placeholder.end
    return 0


def _nearest(start: int, end: int, placeholders: tuple[Placeholder, ...]) -> Placeholder | None:
    return min(placeholders, key=lambda p: _gap(start, end, p), default=None)


def _sign(placeholder: Placeholder) -> int | None:
    value = placeholder.value
    if not _is_number(value):
        return None
    leaf = placeholder.name.rsplit(".", 1)[-1]
    if leaf == "consecutive_falls":
        return -1 if value > 0 else None
    if leaf == "consecutive_rises":
        return 1 if value > 0 else None
    return sign_as_printed(value)


def _shown(placeholder: Placeholder) -> str:
    value = placeholder.value
    leaf = placeholder.name.rsplit(".", 1)[-1]
    if leaf.startswith("pct_change"):
        return format_change(value, placeholder.places)
    return format_number(value, placeholder.places)


def _said(word: str, placeholder: Placeholder, sign: int) -> str:
    what = SIGN_WORDS[sign]
    return (f"'{word}' beside {placeholder.name}, which is {_shown(placeholder)} ({what}); "
            f"write the word with a filter, such as {{{{ {placeholder.name} | direction }}}}")


def _direction_findings(sentence: Sentence) -> Iterator[tuple[int, str]]:
    changes = tuple(p for p in sentence.placeholders if _is_change(p))
    if not changes:
        return
    for start, end, word in _words(sentence):
        said = (1 if word in RISE_WORDS | NEAR_RISE else -1 if word in FALL_WORDS | NEAR_FALL
                else None)
        if said is None:
            continue
        nearest = _nearest(start, end, sentence.placeholders)
        if nearest is None or not _is_change(nearest):
            continue
        limit = RIGHT_BESIDE if word in NEAR_RISE | NEAR_FALL else NEAR
        if _gap(start, end, nearest) > limit:
            continue
        sign = _sign(nearest)
        if sign is not None and sign != said:
            yield start, _said(word, nearest, sign)


_FROM_TO = re.compile(r"\bfrom\s+$")


def _from_to_findings(sentence: Sentence) -> Iterator[tuple[int, str]]:
    """'fell from {{ a }} … to {{ b }}': the word against b - a."""
    holders = sentence.placeholders
    for first, second in zip(holders, holders[1:]):
        before = sentence.text[:first.start - sentence.start]
        between = sentence.text[first.end - sentence.start:second.start - sentence.start]
        if not _FROM_TO.search(before) or not re.search(r"\bto\s+$", between):
            continue
        if not (_is_number(first.value) and _is_number(second.value)):
            continue
        words = [w for w in _WORD.findall(before[-NEAR:]) if w.lower() in RISE_WORDS | FALL_WORDS
                 | {"went"}]
        if not words:
            continue
        word = words[-1].lower()
        said = 1 if word in RISE_WORDS else -1 if word in FALL_WORDS else None
        difference = second.value - first.value
        sign = (difference > 0) - (difference < 0)
        if said is not None and sign != said:
            what = SIGN_WORDS[sign]
            yield first.start, (
                f"'{word} from … to …' beside {first.name} ({_shown(first)}) and {second.name} "
                f"({_shown(second)}), which is {what}; write the word with "
                f"{{{{ ({second.name} - {first.name}) | direction }}}}")


def _comparison_findings(sentence: Sentence) -> Iterator[tuple[int, str]]:
    text = sentence.text.lower()
    for phrase, said in COMPARISONS.items():
        for found in re.finditer(rf"\b{phrase}\b", text):
            start, end = sentence.start + found.start(), sentence.start + found.end()
            after = [p for p in sentence.placeholders if p.start >= end
                     and p.start - end <= NEAR and _is_number(p.value)]
            before = [p for p in sentence.placeholders if p.end <= start
                      and _is_number(p.value) and not _is_change(p) and not _is_rank(p)]
            if not after or not before:
                continue
            this, other = before[-1], after[0]
            if _is_rank(other) or _is_change(other):
                continue
            difference = round_half_up(float(this.value), this.places) - round_half_up(
                float(other.value), other.places)
            sign = (difference > 0) - (difference < 0)
            if sign != said:
                word = {1: "above", -1: "below", 0: "in line with"}[sign]
                yield start, (
                    f"'{phrase}' compares {this.name} ({_shown(this)}) with {other.name} "
                    f"({_shown(other)}), which is {word} it; write the word with compare_words")


def _is_rank(placeholder: Placeholder) -> bool:
    return "rank_" in placeholder.name.rsplit(".", 1)[-1]


def _rank_findings(sentence: Sentence, facts: Mapping[str, Any]) -> Iterator[tuple[int, str]]:
    for placeholder in sentence.placeholders:
        if not _is_rank(placeholder) or not _is_number(placeholder.value):
            continue
        if any(f in _FILTERS_CLAIMING for f in placeholder.filters):
            continue
        after = sentence.text[placeholder.end - sentence.start:][:40]
        before = sentence.text[:placeholder.start - sentence.start][-40:]
        leaf = placeholder.name.rsplit(".", 1)[-1]
        highest_first = leaf.endswith("highest_first")
        end_word = re.match(r"\s*(highest|lowest|largest|smallest|most|least)\b", after)
        if end_word:
            says_highest = end_word[1] in ("highest", "largest", "most")
            fall = re.match(r"\s*\w+\s+(\w+)", after)
            if fall and fall[1].lower() in FALL_WORDS and leaf.startswith("pct_change_rank"):
                says_highest = not says_highest  # the largest fall is the lowest change
            if says_highest != highest_first:
                yield placeholder.start, (
                    f"'{end_word[1]}' after {placeholder.name}, which counts from the "
                    f"{'highest' if highest_first else 'lowest'} (1 = the "
                    f"{'highest' if highest_first else 'lowest'}); write "
                    f"{{{{ {placeholder.name} | rank_words('"
                    f"{'highest' if highest_first else 'lowest'}') }}}}")
            yield from _largest_change(placeholder, after, facts)
        typed = re.search(r"\b(?:the\s+)?((?:\d+(?:st|nd|rd|th))|" + "|".join(ORDINAL_WORDS)
                          + r")\s+(?:highest|lowest|largest|smallest)\b", before + " " + after)
        if typed:
            text = typed[1].lower()
            number = ORDINAL_WORDS.get(text) or int(re.match(r"\d+", text)[0])
            if number != placeholder.value:
                yield placeholder.start, (
                    f"the typed rank '{typed[0]}' beside {placeholder.name}, which is "
                    f"{ordinal(int(placeholder.value))}; write {{{{ {placeholder.name} | "
                    f"rank_words(…) }}}}")


def _largest_change(placeholder: Placeholder, after: str, facts: Mapping[str, Any]
                    ) -> Iterator[tuple[int, str]]:
    """'{{ x.pct_change_rank_highest_first | ordinal }} largest rise' where x fell."""
    if not placeholder.name.rsplit(".", 1)[-1].startswith("pct_change_rank"):
        return
    word = re.match(r"\s*(?:largest|smallest|biggest)\s+(\w+)", after)
    if word is None:
        return
    said = 1 if word[1].lower() in RISE_WORDS else -1 if word[1].lower() in FALL_WORDS else None
    change_name = placeholder.name.rsplit(".", 1)[0] + ".pct_change"
    change = facts.get(change_name)
    if said is None or not _is_number(change):
        return
    sign = (change > 0) - (change < 0)
    if sign != said:
        yield placeholder.start, (
            f"'{word[1]}' beside {placeholder.name}, but {change_name} is "
            f"{format_value(change, 'percent')}; put the sentence inside "
            f"{{% if {change_name} is {'rise' if said > 0 else 'fall'} %}}")


def _percentage_findings(sentence: Sentence) -> Iterator[tuple[int, str]]:
    changes = [p for p in sentence.placeholders
               if p.name.rsplit(".", 1)[-1].startswith("pct_change") and _is_number(p.value)]
    if not changes:
        return
    for typed in _TYPED_PERCENT.finditer(sentence.text):
        start = sentence.start + typed.start()
        nearest = _nearest(start, start + len(typed.group()), tuple(changes))
        if nearest is None or _gap(start, start + len(typed.group()), nearest) > NEAR:
            continue
        places = len(typed["number"].partition(".")[2])
        printed = abs(round_half_up(float(nearest.value), places))
        if printed != round_half_up(float(typed["number"]), places):
            yield start, (
                f"the typed {typed.group()} beside {nearest.name}, which is {_shown(nearest)}; "
                f"write {{{{ {nearest.name} | change }}}} or | change_words")
