"""Content files: one section of the assessment as Markdown with YAML front matter.

A content file is ``content/NN-slug.md``::

    ---
    title: Total Recorded Crime
    order: 2
    id: total_crime          # optional; default: the file name without NN- (total_crime)
    kind: appendix           # optional; numbered (default), appendix or unnumbered
    ---
    Text of the section, with {{ placeholders }}.

    ## A subsection

The front matter is read with YAML's safe loader. Every problem in it is reported with the
file and line, all at once.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, ScalarNode

from ..data.text_files import MAX_MARKDOWN_BYTES, unreadable, utf16_or_binary
from ..data.yaml_source import UnprintableText, YamlSyntaxError, parse_yaml
from ..errors import InputError, Problem
from ..model import SectionKind

FENCE = "---"
FRONT_MATTER_KEYS = ("title", "order", "id", "kind")
SNAKE_CASE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*\Z")
FRONT_MATTER_EXAMPLE = (
    "front matter between two '---' lines, such as 'title: Total Recorded Crime' and 'order: 2'"
)


@dataclass(frozen=True, slots=True)
class ContentFile:
    """A content file read: its front matter settings and its Markdown body (not yet filled in)."""

    path: Path
    file: str
    """The path as shown in messages: relative to the project folder, with ``/``."""
    title: str
    order: int
    """Where the section goes among the others (ascending)."""
    id: str
    kind: SectionKind
    body: str
    """The Markdown after the front matter, line endings as ``\\n``."""
    line_offset: int
    """How many lines of the file come before the body: file line = offset + body line."""


@dataclass(frozen=True, slots=True)
class SplitText:
    """A content file's text cut into its front matter and its body."""

    front_matter: str | None
    """The YAML between the fences, or None when the file does not start with ``---``."""
    body: str
    line_offset: int
    closed: bool = True
    """False when the front matter has no closing fence (it then runs to the end)."""


def shown_path(path: Path, project_root: Path) -> str:
    """``path`` relative to the project folder where it lies inside it, with ``/``."""
    try:  # the file's own name, even when it is a symbolic link to somewhere else
        return (path.parent.resolve() / path.name).relative_to(project_root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def default_id(path: Path) -> str:
    """The section id implied by a file name: ``02-total-crime.md`` -> ``total_crime``."""
    stem = re.sub(r"^\d+[-_ ]*", "", path.stem)
    return re.sub(r"[^a-z0-9]+", "_", stem.lower()).strip("_") or "section"


def read_content_text(path: Path, file: str) -> str:
    """The file's text as UTF-8, line endings made ``\\n`` and a leading BOM dropped."""
    refused = unreadable(path, file, MAX_MARKDOWN_BYTES)
    if refused is not None:
        raise InputError(refused)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(Problem(file, f"cannot be read: {error.strerror}")) from None
    not_utf8 = utf16_or_binary(data, file)
    if not_utf8 is not None:
        raise InputError(replace(not_utf8, expected="a file saved as UTF-8"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(
            Problem(file, f"is not UTF-8 text (byte 0x{data[error.start]:02X})", line=line,
                    expected="a file saved as UTF-8")
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str) -> SplitText:
    """Cut ``text`` at its front matter fences; an unclosed front matter has no body."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        return SplitText(None, text, 0)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (FENCE, "..."):
            return SplitText("\n".join(lines[1:index]), "\n".join(lines[index + 1:]), index + 1)
    return SplitText("\n".join(lines[1:]), "", len(lines), closed=False)


def load_content_file(path: Path, project_root: Path) -> ContentFile:
    """Read one content file and check its front matter; raise :class:`InputError` if bad."""
    file = shown_path(path, project_root)
    if not path.resolve().is_relative_to(path.parent.resolve()):
        raise InputError(Problem(file, "leads out of the content folder through a symbolic link",
                                 expected="a Markdown file inside content/"))
    return parse_content_text(read_content_text(path, file), path, file)


def parse_content_text(text: str, path: Path, file: str) -> ContentFile:
    """A :class:`ContentFile` from the text of ``path`` (shown as ``file`` in messages).

    Kept by text: a rebuild in the same process reads again only the files that changed.
    """
    return _parse_content_text(text, path, file)


@lru_cache(maxsize=128)  # the content files of a project or two
def _parse_content_text(text: str, path: Path, file: str) -> ContentFile:
    split = split_front_matter(text)
    if split.front_matter is None:
        raise InputError(Problem(file, "does not start with front matter (a line '---')", line=1,
                                 expected=FRONT_MATTER_EXAMPLE))
    if not split.closed:
        raise InputError(Problem(file, "the front matter is not closed by a line '---'", line=1,
                                 expected=FRONT_MATTER_EXAMPLE))
    settings, key_lines = _parse_yaml(split.front_matter, file)
    problems = list(_front_matter_problems(settings, key_lines, file))
    if problems:
        raise InputError(problems)
    return ContentFile(
        path=path,
        file=file,
        title=settings["title"].strip(),
        order=settings["order"],
        id=settings.get("id") or default_id(path),
        kind=SectionKind(settings.get("kind", SectionKind.NUMBERED.value)),
        body=split.body,
        line_offset=split.line_offset,
    )


def _parse_yaml(front_matter: str, file: str) -> tuple[dict[str, Any], dict[str, int]]:
    """The front matter as a mapping, and the file line of each key (front matter starts at 2)."""
    try:
        source = parse_yaml(front_matter)
    except UnprintableText as error:  # the front matter starts on the file's line 2
        raise InputError(error.problem(file, line_offset=1)) from None
    except YamlSyntaxError as error:
        line = None if error.line is None else error.line + 1
        raise InputError(Problem(file, f"the front matter is not valid YAML: {error.message}",
                                 line=line, expected=FRONT_MATTER_EXAMPLE)) from None
    if not isinstance(source.data, dict):
        raise InputError(Problem(file, "the front matter must be 'key: value' lines", line=2,
                                 expected=FRONT_MATTER_EXAMPLE))
    if source.duplicates:
        raise InputError([
            Problem(file, f"the front matter key '{key}' is written twice (first on line "
                    f"{first + 1})", line=again + 1, expected="each key once")
            for key, first, again in source.duplicates
        ])
    key_lines: dict[str, int] = {}
    if isinstance(source.root, MappingNode):
        for key, _value in source.root.value:
            if isinstance(key, ScalarNode):
                key_lines[key.value] = key.start_mark.line + 2
    return source.data, key_lines


def _front_matter_problems(
    settings: dict[str, Any], key_lines: dict[str, int], file: str
) -> Iterator[Problem]:
    """Every problem with the front matter's keys and values."""
    for key in settings:
        if key not in FRONT_MATTER_KEYS:
            yield Problem(file, f"unknown front matter key '{key}'" + _did_you_mean(str(key)),
                          line=key_lines.get(str(key)), expected=", ".join(FRONT_MATTER_KEYS))
    title = settings.get("title")
    if "title" not in settings:
        yield Problem(file, "the front matter has no title", line=1,
                      expected="a line such as 'title: Total Recorded Crime'")
    elif not isinstance(title, str) or not title.strip():
        yield Problem(file, "the title must be text", line=key_lines.get("title"),
                      expected="a line such as 'title: Total Recorded Crime'")
    order = settings.get("order")
    if "order" not in settings:
        yield Problem(file, "the front matter has no order", line=1,
                      expected="a line such as 'order: 2' (sections are placed by order)")
    elif not isinstance(order, int) or isinstance(order, bool):
        yield Problem(file, f"the order must be a whole number, not {order!r}",
                      line=key_lines.get("order"), expected="a line such as 'order: 2'")
    section_id = settings.get("id")
    if "id" in settings and not (isinstance(section_id, str) and SNAKE_CASE.match(section_id)):
        yield Problem(file, f"the id {section_id!r} is not a snake_case name",
                      line=key_lines.get("id"), expected="lower case words joined by _")
    kinds = [kind.value for kind in SectionKind]
    if "kind" in settings and settings["kind"] not in kinds:
        yield Problem(file, f"unknown kind {settings['kind']!r}", line=key_lines.get("kind"),
                      expected=", ".join(kinds[:-1]) + f" or {kinds[-1]}")


def _did_you_mean(key: str) -> str:
    close = difflib.get_close_matches(key.lower(), FRONT_MATTER_KEYS, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
