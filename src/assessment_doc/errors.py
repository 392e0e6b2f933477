"""The project's own error type: bad input, told as file, place, what is wrong and what was expected.

Every check on clerk-edited input (CSV, YAML, Markdown, placeholders, rules) raises
:class:`InputError` carrying one or more :class:`Problem` records. The command line prints them
and exits with status 2; nothing else ever escapes to a clerk as a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one input, located as precisely as the input allows."""

    file: str
    """Path of the input, relative to the project folder where possible."""
    message: str
    """What is wrong, in words a clerk understands."""
    line: int | None = None
    """1-based line in a text file (Markdown, YAML, or the CSV file line)."""
    column: str | None = None
    """Column name (CSV) or key (YAML), when the problem sits in one."""
    expected: str | None = None
    """What would have been accepted."""
    row: int | None = None
    """1-based data row of a CSV (the header is not counted); ``line`` then holds the file line."""

    def __str__(self) -> str:
        place = [self.file]
        if self.row is not None:
            place.append(f"row {self.row}")
        if self.line is not None:
            place.append(f"line {self.line}")
        if self.column is not None:
            place.append(f"column '{self.column}'")
        text = f"{', '.join(place)}: {self.message}"
        if self.expected:
            text += f" (expected {self.expected})"
        return text


class AssessmentError(Exception):
    """Base class of every error this package raises on purpose."""


class InputError(AssessmentError):
    """Bad input: one or more problems, each with its file and place. Exit status 2."""

    def __init__(self, problems: Problem | Iterable[Problem]):
        self.problems: tuple[Problem, ...] = (
            (problems,) if isinstance(problems, Problem) else tuple(problems)
        )
        if not self.problems:
            raise ValueError("InputError needs at least one problem")
        super().__init__("\n".join(str(p) for p in self.problems))


class RenderError(AssessmentError):
    """A renderer met something it cannot write (an unknown node type, a bad image)."""


class OutputError(InputError):
    """The output folder cannot take the files: full, read-only, over a size limit, a file
    where a folder should be. The clerk's environment rather than a bug, so told as a problem
    with exit status 2, like bad input; the previous outputs are kept."""
