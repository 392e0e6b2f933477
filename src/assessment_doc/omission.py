"""Leaving out the smallest piece of narrative that cites missing data: a sentence, a paragraph, a
list item, a table or a figure, and then any heading left with nothing under it.

Built about another area, a subsection can hold a district table that has that area's rows next
to a sentence citing a dataset that has none. Only the sentence goes. The pieces are found in the
content file's Markdown *before* its placeholders are filled in:

- a *block* is a run of lines between blank lines (a loose list, its items apart by blank
  lines, is one); a heading and a ``:::`` directive are blocks of their own; a ``{% if %}`` …
  ``{% endif %}`` (or ``for``) stays whole with every block it spans, because half of it would
  not be a template;
- a paragraph (not a list, a quote or a table) whose only gaps are in some of its sentences
  loses those sentences; a sentence that begins by pointing back ("This", "These", "It" …)
  goes with the one before it;
- a list loses the items that have gaps, each with its sub-items (a sub-item goes alone when
  its item has none; an item ending with a colon goes when all its sub-items do); a list left
  with no items goes whole;
- a paragraph that introduces a table or figure that is left out ("The table below …", or
  ending with a colon) goes with it;
- the text under a heading (up to the next heading) that lost something and has nothing left
  that cites data goes whole, heading and all: its typed commentary has no figures left to
  speak of; a heading whose part is left empty goes too; a file left with no text goes whole.

Left-out lines are blanked (inside a paragraph or a list, made ``{# left out #}`` comments,
which do not split it), never removed, so every line after them keeps its line number in
messages. Each subsection that lost something gets one warning, naming it as it is printed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from .errors import Problem
from .narrative import ContentFile

_HEADING = re.compile(r"^(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$")
_DIRECTIVE = re.compile(r"^:::\s*(\w+)\s+(\w+)\s*$")
_OPENS = re.compile(r"\{%-?\s*(if|for|macro|call|filter|raw)\b")
_CLOSES = re.compile(r"\{%-?\s*end(if|for|macro|call|filter|raw)\b")
_TAG_LINE = re.compile(r"\{%(?:(?!%\}).)*%\}")
_SET = re.compile(r"\{%-?\s*set\s+(\w+)")
_NOT_PROSE = re.compile(r"^\s*(?:[-*+>|]|\d+[.)]\s|```|~~~)")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“(]?(?:[A-Z]|\{\{))")
_POINTS_BACK = re.compile(
    r"^[\"“(]?(?:This|These|That|Those|It|Its|They|Their|However|Some of th(?:is|ese)|"
    r"Both|Such|Even so)\b")
_INTRODUCES = re.compile(r"\b(?:table|chart|figure|graph|map)s?\s+below\b|\bbelow\s+(?:shows?|"
                         r"compares?|sets?\s+out|gives?)\b|\bthe following\b|:\s*$",
                         re.IGNORECASE)

_SETTINGS_OR_WORDS = re.compile(
    r"\{[{%#]-?|-?[}%#]\}|'[^']*'|\"[^\"]*\"|\bsettings\.\w+|\bperiods(?:\.\w+)+|\|\s*\w+|"
    r"\b(?:if|elif|else|endif|for|endfor|in|set|not|and|or|is|none|true|false|loop)\b",
    re.IGNORECASE)
"""What a placeholder may hold that names no data: its braces, quoted text, settings, filters
and Jinja's own words."""

_LEADS_IN = re.compile(r":\s*$")
"""A paragraph that leads into the list after it."""

Gaps = Callable[[str], list[str]]
"""The reasons a piece of narrative's source text cannot be written for the focus area."""


@dataclass(frozen=True)
class _Block:
    start: int
    end: int
    """Body lines [start, end), 0-based."""
    heading_level: int = 0
    """1-6 for a heading line; 0 otherwise."""
    directive: str | None = None
    """'table' or 'figure' … for a ``:::`` line."""


@dataclass
class _Losses:
    """What one subsection lost, for its warning."""

    heading: str | None
    """The ``##`` heading's source text; None for the opening, before the first."""
    line: int
    """The heading's body line, 1-based."""
    pieces: list[str] = field(default_factory=list)
    reasons: set[str] = field(default_factory=set)
    whole: bool = False
    """Whether it was left out whole (its heading too)."""

    def add(self, piece: str, reasons: list[str]) -> None:
        self.pieces.append(piece)
        self.reasons.update(reasons)


def leave_out_uncovered(
    content: ContentFile,
    gaps_of: Gaps,
    printed: Callable[[str], str] = lambda text: text,
) -> tuple[ContentFile | None, list[Problem]]:
    """The content file without the pieces whose source text ``gaps_of`` finds gaps in, and the
    warnings saying what went and why; None for the file when nothing of it is left.

    ``printed`` turns a heading's or title's source (``Crime in {{ settings.area }}``) into the
    words a reader sees, for the warnings.
    """
    omission = _Omission(content, gaps_of, printed)
    omission.leave_out_pieces()
    omission.leave_out_bare_parts()
    _blank_empty_headings(omission.lines, omission.blocks)
    return omission.result()


class _Omission:
    """One content file's lines as pieces are left out, and what each subsection lost."""

    def __init__(self, content: ContentFile, gaps_of: Gaps, printed: Callable[[str], str]):
        self.content = content
        self.gaps_of = gaps_of
        self.printed = printed
        self.original = content.body.split("\n")
        self.lines = list(self.original)
        self.blocks = _loose_lists(self.lines, list(_blocks(self.lines)))
        self.losses = [_Losses(None, 1)]  # the opening, before the first subsection
        self.subsections: list[list[_Block]] = [[]]  # each ## with its ### parts
        self.parts: list[list[_Block]] = [[]]  # the text under each heading, to the next one
        self.owners = [self.losses[0]]  # the subsection of each part, for its warning
        self.unset: set[str] = set()
        """Names a left-out ``{% set %}`` would have set: what uses them goes too."""

    def leave_out_pieces(self) -> None:
        """Each block's pieces with gaps, block by block, and where each block belongs."""
        lines = self.lines
        for position, block in enumerate(self.blocks):
            heading = _subsection_heading(lines, block)
            if heading is not None:
                self.losses.append(_Losses(_heading_text(lines[heading]), heading + 1))
                self.subsections.append([])
            if heading is not None or block.heading_level:
                self.parts.append([])
                self.owners.append(self.losses[-1])
            self.subsections[-1].append(block)
            self.parts[-1].append(block)
            if not block.heading_level:
                source = lines[block.start:block.end]
                _leave_out_block(lines, block, self._gaps, self.losses[-1],
                                 self.blocks[:position], self.content.line_offset)
                self.unset.update(name for was, now in zip(source, lines[block.start:block.end])
                                  if was.strip() and not now.strip()
                                  for name in _SET.findall(was))

    def _gaps(self, text: str) -> list[str]:
        used = {name for span in _JINJA.findall(text) for name in re.findall(r"\w+", span)}
        return [*self.gaps_of(text), *(f"{name} is not set, as what sets it is left out"
                                       for name in sorted(used & self.unset))]

    def leave_out_bare_parts(self) -> None:
        """A subsection that lost figures and kept none goes whole; then the text under a
        ``###`` heading that did."""
        lines = self.lines
        for group in self.subsections:
            if _lost_all_data(lines, self.original, group):
                for block in group:
                    _blank(lines, block)
        for group, owner in zip(self.parts, self.owners):
            if not _lost_all_data(lines, self.original, group):
                continue
            for block in group:
                if not block.heading_level:
                    _blank(lines, block)
            if group[0].heading_level > 2 and lines[group[0].start].strip():
                owner.add(f"the part '{self.printed(_heading_text(lines[group[0].start]))}' "
                          f"(line {self.content.line_offset + group[0].start + 1})", [])

    def result(self) -> tuple[ContentFile | None, list[Problem]]:
        content, lines = self.content, self.lines
        for loss in self.losses[1:]:
            loss.whole = not lines[loss.line - 1].strip()
        if not any(line.strip() and not _HEADING.match(line) for line in lines):
            reasons = sorted({reason for loss in self.losses for reason in loss.reasons})
            title = self.printed(content.title)
            return None, [Problem(content.file, f"section '{title}' left out: "
                                  f"{'; '.join(reasons)}", line=content.line_offset + 1)]
        warnings = [_warning(content, loss, self.printed) for loss in self.losses if loss.pieces]
        return replace(content, body="\n".join(_joined(self.original, lines))), warnings


_LEFT_OUT = "{# left out #}"
"""What a left-out line inside a paragraph becomes: a comment, which prints nothing and, unlike
a blank line, does not split the paragraph in two."""


def _joined(original: list[str], lines: list[str]) -> list[str]:
    """``lines`` with each run of left-out lines between two lines of text made comments, so
    that the text before and after stays one paragraph."""
    joined = list(lines)
    index = 0
    while index < len(lines):
        if lines[index].strip() or not original[index].strip():
            index += 1
            continue
        end = index
        while end < len(lines) and not lines[end].strip() and original[end].strip():
            end += 1
        if 0 < index and end < len(lines) and _prose_line(lines[index - 1]) and \
                _prose_line(lines[end]):
            joined[index:end] = [_LEFT_OUT] * (end - index)
        index = end
    return joined


def _prose_line(line: str) -> bool:
    return bool(line.strip()) and not _HEADING.match(line) and not _DIRECTIVE.match(line.strip())


def _lost_all_data(lines: list[str], original: list[str], group: list[_Block]) -> bool:
    """Whether text under a heading lost something and kept nothing that cites data: what it
    says around its figures has nothing left to speak of."""
    lost = any(lines[b.start:b.end] != original[b.start:b.end] for b in group)
    return lost and not any(_cites_data(_text(lines, b)) for b in group)


def _leave_out_block(lines: list[str], block: _Block, gaps_of: Gaps, losses: _Losses,
                     before: list[_Block], line_offset: int) -> None:
    text = "\n".join(lines[block.start:block.end])
    if not text.strip():
        return
    gaps = gaps_of(text)
    if not gaps:
        return
    line = line_offset + block.start + 1
    if block.directive is None and _ITEM.match(text):
        items = _list_items(lines, block.start, block.end)
        left_out = None if items is None else _items_with_gaps(lines, items, gaps_of)
        if left_out and _keeps_an_item(left_out, items):
            for item, _ in left_out:
                lines[item.start:item.end] = [""] * (item.end - item.start)
            _renumbered(lines, items)
            where = ", ".join(f"line {line_offset + item.start + 1}" for item, _ in left_out)
            losses.add(f"{_count(len(left_out), 'list item')} ({where})",
                       [reason for _, reasons in left_out for reason in reasons])
            return
    if block.directive is None and _is_prose(text):
        kept = _kept_sentences(text, gaps_of)
        if kept is not None:
            sentences, reasons = kept
            lines[block.start:block.end] = _padded(sentences, block.end - block.start)
            losses.add(f"{_count(sentences[1], 'sentence')} (line {line})", reasons)
            return
    _blank(lines, block)
    if block.directive is not None:
        losses.add(f"the {block.directive} on line {line}", gaps)
    else:
        losses.add(f"{_piece_name(text)} (line {line})", gaps)
    introduction = _introduction(lines, before, _INTRODUCES if block.directive else _LEADS_IN,
                                 nearest_only=block.directive is None)
    if introduction is not None:
        _blank(lines, introduction)
        losses.add(f"the paragraph introducing it (line {line_offset + introduction.start + 1})",
                   [])


_ITEM = re.compile(r"^([ \t]*)(?:([-*+])|(\d{1,9})([.)]))[ \t]+\S")
"""A list item's first line: its indent, its bullet or its number and delimiter, the spaces
after them and the first character of its text."""


@dataclass(frozen=True)
class _Marker:
    indent: int
    column: int
    """Where the item's text starts: a line indented as far belongs to it."""
    kind: str
    """The bullet (``-``, ``*``, ``+``) or the number's delimiter (``.``, ``)``): a list's
    items all have the same."""
    number: int | None

    @property
    def starts_a_list(self) -> bool:
        """Whether, just after a line of text, it starts a list rather than go on with that
        text ("… (July 2012 to June\n  2013) and …" does not): a bullet, or the number 1."""
        return self.number in (None, 1)


def _marker(line: str) -> _Marker | None:
    match = _ITEM.match(line)
    if match is None:
        return None
    indent, bullet, number, delimiter = match.groups()
    return _Marker(len(indent.expandtabs(4)), len(match.group(0).expandtabs(4)) - 1,
                   bullet or delimiter, None if number is None else int(number))


@dataclass(frozen=True)
class _Item:
    """A list item: its own text on lines [start, own_end), its sub-items after, to ``end``."""

    start: int
    own_end: int
    end: int
    items: tuple[_Item, ...]
    number: int | None
    """Its number in an ordered list."""


def _list_items(lines: list[str], start: int, end: int) -> tuple[_Item, ...] | None:
    """The items of the list on lines [start, end), each with its sub-items; None when an
    item would cut a ``{% if %}`` … ``{% endif %}`` in two (the list then stays one piece).

    An item runs to the next item of its list (indented less than its text), or of a list
    starting there; a list starting on a line indented as far as its text is its sub-list."""
    first = _marker(lines[start])
    if first is None:
        return None
    items: list[_Item] = []
    index = start
    while index < end:
        marker = _marker(lines[index])
        if marker is None:
            return None
        item_end = next((later for later in range(index + 1, end)
                         if (other := _marker(lines[later])) and other.indent < marker.column
                         and (other.kind == first.kind or other.starts_a_list)), end)
        own_end = next((later for later in range(index + 1, item_end)
                        if (other := _marker(lines[later])) and other.starts_a_list), item_end)
        sub_items = _list_items(lines, own_end, item_end) if own_end < item_end else ()
        if sub_items is None or _depth(lines, _Block(index, own_end)) or \
                _depth(lines, _Block(index, item_end)):
            return None
        items.append(_Item(index, own_end, item_end, sub_items, marker.number))
        index = item_end
    return tuple(items)


def _renumbered(lines: list[str], items: tuple[_Item, ...]) -> None:
    """Give the first item left of an ordered list (and of each sub-list) the number its list
    started with: a reader sees 1, 2 … without the items left out, never a list from 2."""
    kept = [item for item in items if lines[item.start].strip()]
    if kept and items[0].number is not None and kept[0].number != items[0].number:
        line = lines[kept[0].start]
        number = _ITEM.match(line)
        if number is not None:
            lines[kept[0].start] = f"{line[:number.start(3)]}{items[0].number}" \
                                   f"{line[number.end(3):]}"
    for item in kept:
        _renumbered(lines, item.items)


def _items_with_gaps(lines: list[str], items: tuple[_Item, ...],
                     gaps_of: Gaps) -> list[tuple[_Item, list[str]]]:
    """The items to leave out, each with its reasons: an item whose own text has gaps goes
    with its sub-items; otherwise its sub-items are weighed one by one, and an item that
    leads into its sub-list ("…:") goes when every one of them does."""
    left_out: list[tuple[_Item, list[str]]] = []
    for item in items:
        gaps = gaps_of(_text(lines, _Block(item.start, item.own_end)))
        if gaps:
            left_out.append((item, gaps))
            continue
        sub_items = _items_with_gaps(lines, item.items, gaps_of)
        if item.items and not _keeps_an_item(sub_items, item.items) and \
                _LEADS_IN.search(_text(lines, _Block(item.start, item.own_end))):
            left_out.append((item, [reason for _, reasons in sub_items for reason in reasons]))
        else:
            left_out += sub_items
    return left_out


def _keeps_an_item(left_out: list[tuple[_Item, list[str]]], items: tuple[_Item, ...]) -> bool:
    """Whether some item of the list stays (a list that loses them all goes whole, with the
    paragraph leading into it)."""
    gone = {item.start for item, _ in left_out}
    return any(item.start not in gone for item in items)


def _kept_sentences(text: str, gaps_of: Gaps) -> tuple[tuple[str, int], list[str]] | None:
    """The paragraph's sentences without gaps (with how many went) and the reasons; None when
    none is left. A sentence that points back ("This …") goes when the one before it goes."""
    sentences = _sentences(text)
    kept: list[str] = []
    reasons: list[str] = []
    keeping = False
    for sentence in sentences:
        gaps = gaps_of(sentence)
        reasons += gaps
        keeping = not gaps and (keeping or not _POINTS_BACK.match(sentence))
        if keeping:
            kept.append(sentence)
    if not kept:
        return None
    return (" ".join(kept), len(sentences) - len(kept)), reasons


def _sentences(text: str) -> list[str]:
    """The paragraph's sentences, each on one line (a placeholder is never cut)."""
    masked = _JINJA.sub(lambda m: re.sub(r"[^\n]", "x", m.group(0)), text)
    cuts = [0, *(m.end() for m in _SENTENCE_END.finditer(masked)), len(text)]
    return [" ".join(text[a:b].split()) for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]


def _padded(kept: tuple[str, int], line_count: int) -> list[str]:
    """The kept sentences on as many lines as the paragraph had: its text, then blank lines
    (a paragraph ends at the first, so what follows keeps its line numbers)."""
    text = kept[0]
    return [text, *[""] * (line_count - 1)]


def _introduction(lines: list[str], before: list[_Block], introduces: re.Pattern[str],
                  *, nearest_only: bool) -> _Block | None:
    """The paragraph before a left-out piece (since the last heading or table or figure) that
    introduces it: "The table below …" may be a paragraph or two before its table; a
    paragraph leads into a list only just before it."""
    for block in reversed(before):
        text = _text(lines, block).strip()
        if not text:
            continue
        if block.directive is not None or block.heading_level:
            return None
        if introduces.search(text):
            return block
        if nearest_only:
            return None
    return None


def _subsection_heading(lines: list[str], block: _Block) -> int | None:
    """The body line of the ``##`` heading that starts ``block`` (also when a ``{% if %}``
    line opens it, around a whole subsection), or None."""
    for index in range(block.start, block.end):
        line = lines[index].strip()
        if _JINJA.fullmatch(line) or not line:
            continue
        heading = _HEADING.match(line)
        return index if heading and len(heading.group(1)) == 2 else None
    return None


def _blank_empty_headings(lines: list[str], blocks: list[_Block]) -> None:
    """Blank each heading with no text between it and the next heading of its level or above
    (text under its own subheadings counts)."""
    has_text = [not block.heading_level and any(line.strip() for line in
                                                 lines[block.start:block.end])
                for block in blocks]
    for position, block in enumerate(blocks):
        if not block.heading_level:
            continue
        end = next((later for later in range(position + 1, len(blocks))
                    if 0 < blocks[later].heading_level <= block.heading_level), len(blocks))
        if not any(has_text[position + 1:end]):
            _blank(lines, block)


def _blocks(lines: list[str]) -> Iterator[_Block]:
    """The file's blocks, a ``{% if %}`` … ``{% endif %}`` kept whole."""
    plain = list(_plain_blocks(lines))
    position = 0
    while position < len(plain):
        block = plain[position]
        depth = _depth(lines, block)
        end = position
        while depth > 0 and end + 1 < len(plain):
            end += 1
            depth += _depth(lines, plain[end])
        if end == position:
            yield block
        else:
            yield _Block(block.start, plain[end].end)
        position = end + 1


def _loose_lists(lines: list[str], blocks: list[_Block]) -> list[_Block]:
    """The blocks with each loose list (its items, or an item's paragraphs, apart by blank
    lines) made one block, so that its items are weighed as one list's: a paragraph leading
    into it goes only when all of them do."""
    joined: list[_Block] = []
    first: _Marker | None = None
    for block in blocks:
        previous = joined[-1] if joined else None
        marker = _marker(lines[block.start])
        if previous is not None and first is not None and _is_plain(lines, block) and \
                not any(line.strip() for line in lines[previous.end:block.start]) and (
                    marker is not None and marker.kind == first.kind
                    or _indent(lines[block.start]) >= first.column):
            joined[-1] = _Block(previous.start, block.end)
            continue
        joined.append(block)
        first = marker if _is_plain(lines, block) else None
    return joined


def _is_plain(lines: list[str], block: _Block) -> bool:
    """A block of text, neither a heading nor a directive, and holding no ``{% … %}`` left
    open."""
    return not block.heading_level and block.directive is None and not _depth(lines, block)


def _indent(line: str) -> int:
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip())


def _plain_blocks(lines: list[str]) -> Iterator[_Block]:
    """Runs of lines between blank lines; a heading or a directive is a block of its own, and
    a line holding only a ``{% … %}`` tag starts a block (``{% end… %}`` ends one)."""
    start: int | None = None
    for index, line in enumerate(lines):
        heading = _HEADING.match(line)
        directive = _DIRECTIVE.match(line.strip())
        tag = _TAG_LINE.fullmatch(line.strip())
        opens = tag and not _CLOSES.match(line.strip()) and not _only_tags(lines, start, index)
        if heading or directive or not line.strip() or opens:
            if start is not None:
                yield _Block(start, index)
                start = None
            if heading:
                yield _Block(index, index + 1, heading_level=len(heading.group(1)))
            elif directive:
                yield _Block(index, index + 1, directive=directive.group(1))
            elif tag:
                start = index
            continue
        if start is None:
            start = index
        if tag and _CLOSES.match(line.strip()):  # {% endif %} alone on its line
            yield _Block(start, index + 1)
            start = None
    if start is not None:
        yield _Block(start, len(lines))


def _only_tags(lines: list[str], start: int | None, end: int) -> bool:
    """Whether the block so far is only ``{% … %}`` lines (a ``{% set %}`` before its
    ``{% if %}``), which the next tag line joins rather than ends."""
    return start is not None and all(_TAG_LINE.fullmatch(line.strip())
                                     for line in lines[start:end])


def _depth(lines: list[str], block: _Block) -> int:
    text = "\n".join(lines[block.start:block.end])
    return len(_OPENS.findall(text)) - len(_CLOSES.findall(text))


def _text(lines: list[str], block: _Block) -> str:
    return "\n".join(lines[block.start:block.end])


def _cites_data(text: str) -> bool:
    """Whether a block places a table or figure, or a placeholder names anything but the
    settings (a fact, a group of facts, a name set from them)."""
    directive = _DIRECTIVE.match(text.strip())
    if directive is not None:
        return directive.group(1) in ("table", "figure")
    for span in _JINJA.findall(text):
        if span.startswith("{#"):
            continue  # a comment
        names = _SETTINGS_OR_WORDS.sub(" ", span)
        if re.search(r"[A-Za-z_]\w*", names):
            return True
    return False


def _is_prose(text: str) -> bool:
    return not _NOT_PROSE.match(text) and "{%" not in text


def _blank(lines: list[str], block: _Block) -> None:
    lines[block.start:block.end] = [""] * (block.end - block.start)


def _heading_text(line: str) -> str:
    match = _HEADING.match(line)
    return (match.group(2) or "").strip() if match else line.strip()


def _piece_name(text: str) -> str:
    if re.match(r"^\s*(?:[-*+]|\d+[.)])\s", text):
        return "a list"
    if text.lstrip().startswith(">"):
        return "a quotation"
    if text.lstrip().startswith("|"):
        return "a table"
    return "a paragraph"


def _count(number: int, noun: str) -> str:
    return f"{'a' if number == 1 else number} {noun}{'' if number == 1 else 's'}"


def _warning(content: ContentFile, loss: _Losses, printed: Callable[[str], str]) -> Problem:
    reasons = "; ".join(sorted(loss.reasons))
    line = content.line_offset + loss.line
    if loss.heading is None:
        where = f"the opening of section '{printed(content.title)}'"
    else:
        where = f"subsection '{printed(loss.heading)}'"
    if loss.whole:
        return Problem(content.file, f"{where} left out: {reasons}", line=line)
    pieces = ", ".join(loss.pieces)
    return Problem(content.file, f"{where}: left out {pieces}: {reasons}", line=line)
