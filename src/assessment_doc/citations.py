"""Which datasets a built document cites: the rows of Appendix 1's dataset table.

The appendix says every figure is computed from the datasets it lists, so it lists exactly the
datasets whose figures are printed, and none other: a dataset no text quotes any more, or one
whose narrative, tables and figures are left out of a document built about another area, is
not among its sources.

Three things cite a dataset:

- the narrative that was kept: :class:`CitedDatasets` watches the facts tree while the
  content files are filled in, and notes, for each file, the datasets of the facts its
  placeholders actually read (only the branch of an ``{% if %}`` that was taken, only the
  paragraphs the coverage kept). Reading what was rendered, not scanning the text, is what
  makes ``{% if settings.is_home_area %}`` text about the home area's own data cite nothing in
  another area's document. A rate per 1,000 also cites the population it divides by;
- the tables and figures placed (the ``dataset:`` values of their specs, and the population
  when they show rates per 1,000: :func:`shows_rates`);
- the rules' decisions printed (recommendations, "How the recommendations were reached"):
  what their texts read while filled in, among the datasets their rules draw on (see
  :meth:`CitedDatasets.of_decisions`). A rule's evidence alone cites nothing: the document
  prints its finding, not every figure the rule cites for the build report.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from .data import Datasets
from .data.manifest import DatasetSpec
from .errors import Problem
from .facts import POPULATION_DATASET, RATE_UNITS
from .narrative.content import ContentFile
from .narrative.pipeline import Prepare
from .rules import Decisions


RULES = "content/rules.yaml"
"""The part under which the reads of the rules' texts are noted."""


class CitedDatasets:
    """The datasets the placeholders read while each part of the document was filled in: a
    content file (by its shown path), or the rules' texts (:data:`RULES`).

    Use :meth:`watch` on the placeholders' context; reads are noted only inside
    :meth:`reading` or, for the content files, between a file's preparation (:meth:`prepare`,
    passed to the content check) and :meth:`stop`, so that what a warning's heading reads is
    never taken for the document's.
    """

    def __init__(self, datasets: Datasets) -> None:
        self._manifest = {spec.id: spec for spec in datasets.manifest.datasets}
        self._by_part: dict[str, set[str]] = {}
        self._reading: set[str] | None = None

    def watch(self, context: Mapping[str, Any]) -> dict[str, Any]:
        """``context`` with each dataset's branch of the facts tree watched."""
        return {name: _Watched(value, (name,), self)
                if name in self._manifest and isinstance(value, Mapping) else value
                for name, value in context.items()}

    @contextmanager
    def reading(self, part: str) -> Iterator[None]:
        """Note what is read inside the ``with`` block as read by ``part``."""
        self._reading = self._by_part.setdefault(part, set())
        try:
            yield
        finally:
            self._reading = None

    def prepare(self, inner: Prepare | None) -> Prepare:
        """A content check's preparation step that runs ``inner`` (if any), then notes what
        the file it kept reads while it is filled in (until the next file, or :meth:`stop`)."""
        def prepare(content: ContentFile) -> tuple[ContentFile | None, list[Problem]]:
            self._reading = None  # ``inner`` may fill in headings for its warnings
            kept, notes = (content, []) if inner is None else inner(content)
            if kept is not None:
                self._reading = self._by_part.setdefault(kept.file, set())
            return kept, notes
        return prepare

    def stop(self) -> None:
        """Note nothing more (the content check is over)."""
        self._reading = None

    def of(self, parts: Iterable[str]) -> set[str]:
        """The datasets the given parts read."""
        return {dataset for part in parts for dataset in self._by_part.get(part, ())}

    def of_decisions(self, decisions: Decisions | None) -> set[str]:
        """The datasets the printed decisions cite: what the rules' texts read (recommendation,
        finding, summary), among the datasets of the decisions' own evidence and missing
        figures. The texts are filled in for every rule at once, so this keeps out what only a
        decision left out of the document (with its section) read."""
        if decisions is None:
            return set()
        own = {dataset for decision in decisions
               for name in (*(evidence.name for evidence in decision.evidence),
                            *decision.missing)
               for dataset in fact_datasets(tuple(name.split(".")), self._manifest)}
        return self.of([RULES]) & own

    def _read(self, path: tuple[str, ...]) -> None:
        if self._reading is not None:
            self._reading.update(fact_datasets(path, self._manifest))


def fact_datasets(path: tuple[str, ...], manifest: Mapping[str, DatasetSpec]) -> set[str]:
    """The datasets the fact at ``path`` (``dataset.area.measure.derivation``) is computed
    from: its own, and the population's for a rate per 1,000 the facts work out (the rate, its
    rank, its difference from a county's). Not a dataset (``themes.<id>``): none."""
    spec = manifest.get(path[0])
    if spec is None:
        return set()
    found = {path[0]}
    if len(path) != 4:
        return found
    measure = spec.measures.get(path[2])
    derivation = path[3]
    if (measure is not None and measure.unit in RATE_UNITS
            and (derivation in ("rate_per_1000", "previous_rate_per_1000")
                 or derivation.startswith(("rate_rank_", "vs_")))):
        found.add(POPULATION_DATASET)
    return found


class _Watched(Mapping[str, Any]):
    """A branch of the facts tree that tells its :class:`CitedDatasets` when one of its
    figures is read (a value that exists: asking whether a fact is there reads nothing)."""

    __slots__ = ("_branch", "_path", "_citations")

    def __init__(self, branch: Mapping[str, Any], path: tuple[str, ...],
                 citations: CitedDatasets) -> None:
        self._branch = branch
        self._path = path
        self._citations = citations

    def __getitem__(self, key: str) -> Any:
        value = self._branch[key]
        if isinstance(value, Mapping):
            return _Watched(value, (*self._path, key), self._citations)
        if value is not None:
            self._citations._read((*self._path, key))
        return value

    def __contains__(self, key: object) -> bool:
        return key in self._branch

    def __iter__(self) -> Iterator[str]:
        return iter(self._branch)

    def __len__(self) -> int:
        return len(self._branch)


def shows_rates(spec: Any) -> bool:
    """Whether a table or figure spec (as plain data) works out rates per 1,000, which divide by
    the population: a ``show: rate`` column or chart, or a rank ``of: rate``. (A ``rate``
    title is not enough: the claimant table's rate is published, not worked out.)"""
    if isinstance(spec, Mapping):
        return (spec.get("show") == "rate" or spec.get("of") == "rate"
                or any(shows_rates(value) for value in spec.values()))
    if isinstance(spec, (list, tuple)):
        return any(shows_rates(item) for item in spec)
    return False

