"""Characters no font of the PDF can draw, found in the project's text by ``check``, by file
and line, before a build refuses them at the end of its work.

The PDF sets text in Liberation Sans (where it is installed, else DejaVu Sans) and draws what
that lacks in DejaVu Sans, which comes with matplotlib (:mod:`.render.pdf_glyphs`). A
character neither has (Chinese, Japanese, Korean, most of Arabic's presentation forms, emoji)
would print as nothing, so the build refuses it. Here the same test runs on the text of every
input a reader can see: the settings, the content's Markdown and YAML, the manifest and the
CSV files it names. YAML is scanned into tokens, never composed (a comment is never printed,
so never reported; an alias is one token, so a YAML bomb costs its length); Markdown and CSV are
searched as text, less Jinja and HTML comments. Each file is read once, within its loader's size
limit, and only the characters beyond Latin-1 are looked at, each distinct one once.

The fonts' character maps are read with fontTools (which matplotlib depends on), not
ReportLab: ``check`` stays light, and a project whose text is all Latin-1 reads no font at all.

No further fonts are shipped: Noto CJK alone is about 100 MB (Debian's fonts-noto-cjk), more
than the rest of the install, for a script a Kent partnership's board papers have not used; a
clerk hears at ``check`` which characters, where, and can write them out in words.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .data.loading import MAX_FILE_BYTES
from .data.text_files import MAX_MARKDOWN_BYTES, MAX_TEXT_BYTES, read_utf8
from .errors import Problem
from .settings import SETTINGS_FILE

if TYPE_CHECKING:
    from .project import Project

LIBERATION_FOLDERS = (
    Path("/usr/share/fonts/truetype/liberation"),  # Debian and Ubuntu: fonts-liberation
    Path("/usr/share/fonts/liberation-sans"),  # Fedora: liberation-sans-fonts
    Path("/usr/share/fonts/TTF"),  # Arch: ttf-liberation
    Path("/Library/Fonts"),
)
"""Where the PDF writer looks for Liberation Sans (:data:`.render.pdf._LIBERATION_FOLDERS`;
a test keeps the two in step)."""
LIBERATION_FILES = ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",
                    "LiberationSans-Italic.ttf", "LiberationSans-BoldItalic.ttf")
DEJAVU_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
                "DejaVuSans-BoldOblique.ttf")

_NEEDS_NO_FONT = frozenset(chr(c) for c in range(0x20, 0x7F)) | frozenset(
    chr(c) for c in range(0xA0, 0x100)) | frozenset(" \t\n\r\x0b\x0c")
"""Latin-1, which every face of both families draws, and what is laid out as space: text made
only of these needs no font read."""

_COMMENTS = re.compile(r"\{#.*?#\}|<!--.*?-->", re.DOTALL)
"""Jinja and HTML comments in Markdown: never printed."""


def undrawable_characters(project: Project) -> list[Problem]:
    """A problem for each character of the project's readable text that no face of the PDF
    draws, at its file and line (each character once a file)."""
    loaded = project.datasets.frames
    return undrawable_in(project.root, [spec.file for spec in project.datasets.manifest.datasets
                                        if spec.id in loaded])


def undrawable_in(root: Path, data_files: Iterable[str] = ()) -> list[Problem]:
    """:func:`undrawable_characters` of the project folder ``root``, whose manifest names the
    CSV files ``data_files`` (no other file of data/ is read). Each file is read as its loader
    reads it, within the same size limit, and only an ordinary file inside the project: what
    a loader refuses (a 100 MB CSV, a link to /dev/zero) is the loader's to report."""
    root = Path(root)
    problems: list[Problem] = []
    problems += _in_yaml(root / SETTINGS_FILE, SETTINGS_FILE)
    content = root / "content"
    if content.is_dir():
        for path in sorted(content.glob("*.md")):
            problems += _in_lines(path, f"content/{path.name}", MAX_MARKDOWN_BYTES, _COMMENTS)
        for path in sorted(content.glob("*.yaml")):
            problems += _in_yaml(path, f"content/{path.name}")
    problems += _in_yaml(root / "data" / "datasets.yaml", "data/datasets.yaml")
    data = (root / "data").resolve()
    for name in data_files:
        path = root / "data" / name
        if path.resolve().is_relative_to(data):
            problems += _in_lines(path, f"data/{name}", MAX_FILE_BYTES)
    return problems


def drawable(character: str) -> bool:
    """Whether some face the PDF embeds has a glyph for ``character``."""
    return character in _NEEDS_NO_FONT or ord(character) in _pdf_coverage()


def _in_lines(path: Path, shown: str, limit: int,
              comments: re.Pattern[str] | None = None) -> list[Problem]:
    """Every character of a text file, by line, in time linear in its size: a file with no
    character beyond Latin-1 is searched once by a regex; otherwise only its characters beyond
    Latin-1 are looked at, each distinct one once."""
    text = _read(path, limit)
    if text is None or not _BEYOND_LATIN_1.search(text):
        return []
    if comments is not None:  # blanked, not removed: the lines after keep their numbers
        text = comments.sub(lambda m: _NOT_A_LINE_BREAK.sub(" ", m[0]), text)
    return _problems(shown, _first_undrawable_in(_nfc(text)))


_BEYOND_LATIN_1 = re.compile(r"[^\x00-\xff]")
_NOT_A_LINE_BREAK = re.compile(r"[^\n]")


def _nfc(text: str) -> str:
    """``text`` as the PDF sets it (composed); line breaks stay put."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _first_undrawable_in(text: str) -> Iterator[tuple[str, int]]:
    """Each character of ``text`` that no face draws, once, with the line it is first on.

    The distinct characters beyond Latin-1 come in the order they first appear (a regex and a
    dict, both at C speed); each first place is then found searching on from the one before,
    so the text is passed over once however many characters there are."""
    undrawable = [character for character in dict.fromkeys(_BEYOND_LATIN_1.findall(text))
                  if not drawable(character) and not _not_text(character)]
    line, counted = 1, 0
    for character in undrawable:
        at = text.find(character, counted)
        line += text.count("\n", counted, at)
        counted = at
        yield character, line


_ESCAPES_BEYOND_LATIN_1 = re.compile(r"\\[uULP]")
"""YAML escapes that can write a character beyond Latin-1 (\\u4E2D, \\U0001F693, \\L, \\P);
\\x and the one-letter others write Latin-1."""


def _in_yaml(path: Path, shown: str) -> list[Problem]:
    """The scalar values of a YAML file, as written and as their escapes write them (its
    comments are never printed, so never reported). The file is scanned into tokens, never
    composed: an alias is a token, not the node it names, so a YAML bomb costs no more than
    its length. A file whose characters are all drawn and that has no escape beyond Latin-1
    is not scanned at all; one that does not scan is left to the loader that reports it."""
    text = _read(path, MAX_TEXT_BYTES)
    if text is None or not (_ESCAPES_BEYOND_LATIN_1.search(text)
                            or any(True for _ in _first_undrawable_in(_nfc(text)))):
        return []
    try:
        written = list(_scalars(text))
    except yaml.YAMLError:
        return []
    return _problems(shown, _first_undrawable(written))


def _scalars(text: str) -> Iterator[tuple[int, str]]:
    """(line, text) for each scalar token beyond Latin-1: as written, line by line, where the
    value's characters are in the source; the value at its first line where an escape wrote
    them."""
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if not isinstance(token, yaml.ScalarToken):
            continue
        written = text[token.start_mark.index:token.end_mark.index]
        if _BEYOND_LATIN_1.search(written):
            first = token.start_mark.line + 1
            for offset, line in enumerate(written.split("\n")):
                yield first + offset, line
        if _BEYOND_LATIN_1.search(token.value):
            in_source = set(written)
            yield token.start_mark.line + 1, "".join(
                character for character in token.value if character not in in_source)


def _first_undrawable(found: Iterable[tuple[int, str]]) -> Iterator[tuple[str, int]]:
    """Each character of the (line, text) pairs that no face draws, once, with the first line
    it is on."""
    seen: set[str] = set()
    for number, text in found:
        for character, _ in _first_undrawable_in(_nfc(text)):
            if character not in seen:
                seen.add(character)
                yield character, number


def _not_text(character: str) -> bool:
    """Control characters, halves of surrogate pairs and noncharacters: no document can hold
    them, and the loaders say so (:mod:`.data.characters`); not a font's matter."""
    return unicodedata.category(character) in ("Cc", "Cs") or ord(character) in (0xFFFE, 0xFFFF)


def _problems(shown: str, found: Iterable[tuple[str, int]]) -> list[Problem]:
    """One problem a line, naming its characters (a few, and how many more)."""
    by_line: dict[int, list[str]] = {}
    for character, line in found:
        by_line.setdefault(line, []).append(character)
    return [Problem(shown, f"the PDF's fonts cannot draw {_named(characters)}: "
                    f"{'it' if len(characters) == 1 else 'they'} would print as nothing",
                    line=line, expected=EXPECTED)
            for line, characters in sorted(by_line.items())]


EXPECTED = ("letters and symbols Liberation Sans or DejaVu Sans has (Latin, Greek, Cyrillic, "
            "common symbols): other scripts and emoji written out in words; or the Word file "
            "alone, built with --format docx, where Word finds a font for them")


def _named(characters: list[str], shown: int = 5) -> str:
    """"'中' (U+4E2D CJK UNIFIED IDEOGRAPH-4E2D), … and 3 more"."""
    named = []
    for character in characters[:shown]:
        name = unicodedata.name(character, "")
        named.append(f"'{character}' (U+{ord(character):04X}{' ' + name if name else ''})")
    more = len(characters) - shown
    if more > 0:
        return f"{', '.join(named)} and {more} more"
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"


def _read(path: Path, limit: int) -> str | None:
    """The file's text as its loader reads it; None where the loader refuses it (not an
    ordinary file, too large, not UTF-8): the loader's message says so."""
    text = read_utf8(path, str(path), limit) if path.is_file() else None
    return text if isinstance(text, str) else None


@functools.cache
def _pdf_coverage() -> frozenset[int]:
    """Every code point some face of the PDF's fonts has: the body family's four faces (Liberation
    Sans where installed, else DejaVu Sans) and DejaVu Sans's four, read once a process."""
    from fontTools.ttLib import TTFont

    covered: set[int] = set()
    for path in pdf_font_files():
        font = TTFont(str(path), lazy=True)
        try:
            covered.update(font.getBestCmap() or {})
        finally:
            font.close()
    return frozenset(covered)


def pdf_font_files() -> list[Path]:
    """The font files the PDF writer embeds faces of, as it chooses them."""
    dejavu = _dejavu_folder()
    liberation = next((folder for folder in LIBERATION_FOLDERS
                       if (folder / LIBERATION_FILES[0]).is_file()), None)
    files = [dejavu / name for name in DEJAVU_FILES]
    if liberation is not None:
        files += [liberation / name for name in LIBERATION_FILES]
    return [path for path in files if path.is_file()]


def _dejavu_folder() -> Path:
    """matplotlib's DejaVu fonts, found without importing matplotlib."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or spec.origin is None:  # pragma: no cover - matplotlib is a dependency
        return Path("/nonexistent")
    return Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"
