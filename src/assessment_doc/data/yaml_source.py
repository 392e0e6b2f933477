"""YAML read together with its node tree, so that any key or item can be traced to its line.

PyYAML's plain ``safe_load`` forgets where things were written. Here the document is composed
once: the constructed data is handed to validation, and the node tree answers "which line holds
``datasets[2].measures.offences.unit``?" when validation fails.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import Problem
from .characters import PRINTABLE_EXPECTED, describe, first_unprintable, unprintable_message

Location = Sequence[str | int]
"""A path into the data: mapping keys and sequence indices, as pydantic reports them."""


class YamlSyntaxError(Exception):
    """The text is not YAML; ``line`` is 1-based where PyYAML knows it."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.message = message
        self.line = line


class UnprintableText(YamlSyntaxError):
    """Well-formed YAML whose text holds a character no document can hold (written as an
    escape such as ``"\\v"`` or ``"\\uFFFE"``)."""

    def problem(self, shown_as: str, line_offset: int = 0) -> Problem:
        """The problem to tell the clerk, ``line_offset`` lines below the YAML's first line."""
        line = None if self.line is None else self.line + line_offset
        return Problem(shown_as, self.message, line=line, expected=PRINTABLE_EXPECTED)


@dataclass(frozen=True, slots=True)
class YamlSource:
    """A parsed YAML document: its data and the node tree that remembers lines."""

    data: Any
    root: Node | None
    duplicates: tuple[tuple[str, int, int], ...] = ()
    """Each key written twice in one mapping: (key, first line, repeated line)."""

    def line_of(self, location: Location) -> int | None:
        """1-based line of the deepest part of ``location`` that exists in the document."""
        node, line = self.root, _line(self.root)
        for part in location:
            found = _child(node, part)
            if found is None:
                break
            node, line = found[1], found[0]
        return line


def parse_yaml(text: str) -> YamlSource:
    """Parse one YAML document with the safe loader; raise :class:`YamlSyntaxError` if it is
    not, :class:`UnprintableText` if a key or value holds a character no document can hold."""
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as error:  # a character YAML does not allow
        line = text.count("\n", 0, error.position) + 1
        character = chr(error.character) if isinstance(error.character, int) else "?"
        raise YamlSyntaxError(f"the character {describe(character)} is not allowed",
                              line) from error
    try:
        root = loader.get_single_node()
        data = None if root is None else loader.construct_document(root)
        duplicates = tuple(_duplicates(root, seen=set()))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = " ".join(part for part in (error.context, error.problem) if part)
        raise YamlSyntaxError(reason, None if mark is None else mark.line + 1) from error
    except yaml.YAMLError as error:
        raise YamlSyntaxError(str(error), None) from error
    except RecursionError:
        raise YamlSyntaxError("it is nested too deeply to read", None) from None
    except _CONSTRUCTION_ERRORS as error:  # 2016-02-30, or a tag on a value it does not fit
        raise _unreadable_value(root, error) from None
    finally:
        loader.dispose()
    _refuse_unprintable(root)
    return YamlSource(data, root, duplicates)


def _refuse_unprintable(root: Node | None) -> None:
    """UnprintableText for the first key or value (in the order written) with a character no
    document can hold, at the line where the key or value starts."""
    for node in _scalars(root, seen=set()):
        found = first_unprintable(node.value)
        if found is not None:
            raise UnprintableText(unprintable_message(node.value, found), _line(node))


_CONSTRUCTION_ERRORS = (ValueError, TypeError, AttributeError, OverflowError)
"""What PyYAML's safe constructors raise, besides YAMLError, on a value they cannot make:
``2016-02-30`` (ValueError), ``!!timestamp x`` (AttributeError), ``!!float x`` (ValueError)."""


def _unreadable_value(root: Node | None, error: Exception) -> YamlSyntaxError:
    """The scalar that PyYAML's constructors could not turn into a value, found and placed."""
    for node in _scalars(root, seen=set()):
        try:
            yaml.SafeLoader("").construct_object(node)
        except _CONSTRUCTION_ERRORS as cause:
            kind = node.tag.rsplit(":", 1)[-1]
            message = f"the value '{node.value}' cannot be read as a {_KINDS.get(kind, kind)}"
            if kind == "timestamp" and isinstance(cause, ValueError):
                message += f" ({cause})"  # day is out of range for month
            return YamlSyntaxError(message, _line(node))
    return YamlSyntaxError(f"a value cannot be read ({error})", None)


_KINDS = {"timestamp": "date", "float": "number", "int": "whole number", "bool": "true or false"}


def _scalars(node: Node | None, seen: set[int]) -> Iterator[ScalarNode]:
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, ScalarNode):
        yield node
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield from _scalars(key, seen)
            yield from _scalars(value, seen)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            yield from _scalars(item, seen)


def _line(node: Node | None) -> int | None:
    return None if node is None else node.start_mark.line + 1


def _child(node: Node | None, part: str | int) -> tuple[int | None, Node] | None:
    """The child of ``node`` at ``part`` with the line to report for it (a key's own line)."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == str(part):
                return _line(key), value
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        item = node.value[part]
        return _line(item), item
    return None


def _duplicates(node: Node | None, seen: set[int]) -> Iterator[tuple[str, int, int]]:
    if id(node) in seen:  # an alias to a node already visited (possibly itself)
        return
    seen.add(id(node))
    if isinstance(node, MappingNode):
        first_seen: dict[str, int] = {}
        for key, value in node.value:
            if isinstance(key, ScalarNode):
                line = key.start_mark.line + 1
                if key.value in first_seen:
                    yield key.value, first_seen[key.value], line
                else:
                    first_seen[key.value] = line
            yield from _duplicates(value, seen)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            yield from _duplicates(item, seen)
