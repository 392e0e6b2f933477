"""The names a rules file may use, and the closest known ones when a name is not among them.

Facts come from the project (:class:`~assessment_doc.facts.Facts`), plus the facts the file
declares as *awaited* (named, but not yet in the data: they are unavailable until a dataset
provides them). Thresholds and emerging themes are declared in the file itself.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class KnownNames:
    """Every name a condition, an evidence list or a text may use.

    The groups and the index that suggestions search are worked out only when a name is not a
    fact (a loop over a group, or a mistake): walking every fact name of a large project cost
    more than the rest of the rules together.
    """

    facts: frozenset[str]
    """The project's facts and the file's awaited facts."""
    thresholds: Collection[str] = ()
    themes: Collection[str] = ()

    @cached_property
    def groups(self) -> frozenset[str]:
        """Every leading part of a fact name (``asb``, ``asb.focus`` …), for texts that loop."""
        groups = set()
        for name in self.facts:
            parts = name.split(".")
            for end in range(1, len(parts)):
                groups.add(".".join(parts[:end]))
        return frozenset(groups)

    @cached_property
    def _by_head(self) -> Mapping[tuple[int, str], tuple[str, ...]]:
        """Names by (depth, first part): suggestions search one dataset's names, not all of them."""
        by_head: dict[tuple[int, str], list[str]] = {}
        for name in sorted(self.facts | self.groups):
            by_head.setdefault((name.count(".") + 1, name.split(".", 1)[0]), []).append(name)
        return {key: tuple(names) for key, names in by_head.items()}

    @classmethod
    def of(cls, facts: Iterable[str], awaited: Iterable[str] = (),
           thresholds: Collection[str] = (), themes: Collection[str] = ()) -> KnownNames:
        return cls(frozenset(facts) | frozenset(awaited), thresholds, themes)

    def is_fact(self, name: str) -> bool:
        return name in self.facts

    def is_fact_or_group(self, name: str) -> bool:
        """Whether ``name`` is a fact or a group of facts (``asb.focus.incidents`` for
        ``trend_words``). A group is looked for by its prefix until the groups are worked out
        anyway: a text naming one group should not cost every group of a large project."""
        if name in self.facts:
            return True
        if "groups" in self.__dict__:
            return name in self.groups
        prefix = name + "."
        return any(fact.startswith(prefix) for fact in self.facts)

    def closest_fact(self, name: str) -> str:
        """' (closest known: …)' with up to three names of the same depth, or ''.

        Only the names of the same dataset (or of the datasets nearest the name's first part)
        are searched: difflib over all of a project's thousands of facts, for each unknown name,
        made a check with a misspelt focus area take a minute.
        """
        depth, head = name.count(".") + 1, name.split(".", 1)[0]
        heads = {h for d, h in self._by_head if d == depth}
        nearest = [head] if head in heads else difflib.get_close_matches(head, heads, n=3, cutoff=0.6)
        candidates = [c for h in nearest for c in self._by_head[(depth, h)]]
        return _closest(name, candidates)

    def closest_threshold(self, name: str, prefix: str = "") -> str:
        """' (closest known: …)' among the thresholds, each written with ``prefix``."""
        return _closest(name, sorted(self.thresholds), prefix)

    def closest_theme(self, theme_id: str) -> str:
        """' (closest known: 'themes.x')' for a theme id written after ``themes.``."""
        return _closest(theme_id, sorted(self.themes), "themes.")


def _closest(word: str, choices: Collection[str], prefix: str = "", limit: int = 3) -> str:
    """' (closest known: …)': up to ``limit`` choices near ``word``, each shown after ``prefix``."""
    same_but_case = [c for c in choices if c.lower() == word.lower() and c != word]
    near = same_but_case or difflib.get_close_matches(word, list(choices), n=limit, cutoff=0.6)
    if not near:
        return ""
    return " (closest known: " + ", ".join(f"'{prefix}{name}'" for name in near) + ")"
