"""Facts are kept as values and shared words, and a :class:`Fact` is made only when it is read.

A project has a fact for every area, measure and period (75,000 at ten times the bundled
districts and periods): :func:`compute_facts` keeps no Fact object and no description string per
fact. These tests check that nothing is made before it is read, and that every way of reading
the facts gives what a description made at once would have been.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import assessment_doc.facts as facts_module
from assessment_doc.data import load_datasets
from assessment_doc.facts import (
    Derived,
    Fact,
    Facts,
    MeasureDifference,
    MeasureSeries,
    compute_facts,
    list_facts,
)

FIXTURE = Path(__file__).parent / "fixtures" / "facts" / "data"  # as tests/test_facts.py's
COST_DIFFERENCE = MeasureDifference("costs", "difference", "after", "before", "Difference")


@pytest.fixture(scope="module")
def datasets():
    return load_datasets(FIXTURE, focus_area="Alpha")


@pytest.fixture(scope="module")
def facts(datasets) -> Facts:
    return compute_facts(datasets, focus_area="Alpha", differences=[COST_DIFFERENCE])


def test_computing_the_facts_makes_no_fact_until_one_is_read(datasets, monkeypatch):
    made: list[str] = []

    class CountedFact(Fact):
        __slots__ = ()

        def __init__(self, name, *rest):
            made.append(name)
            super().__init__(name, *rest)

    monkeypatch.setattr(facts_module, "Fact", CountedFact)
    facts = compute_facts(datasets, focus_area="Alpha", differences=[COST_DIFFERENCE])
    assert len(facts) > 500 and made == []
    assert facts.value("crime.alpha.violence.value") == 60
    assert "crime.beta.violence.value" in facts
    assert made == []  # values and names are read without a Fact
    fact = facts["crime.alpha.violence.value"]
    assert made == ["crime.alpha.violence.value"]
    assert fact.description == "Alpha: Violence (Crime), 2015"


def test_descriptions_are_joined_from_the_area_the_measure_and_the_derivation(facts):
    assert facts["crime.beta.theft.rank_lowest_first"].description == (
        "Beta: Theft (Crime), rank of the value among 3 districts, 1 = lowest, 2015")
    assert facts["crime.focus.violence.share_of_total"].description == (
        "Focus area - Alpha: Violence (Crime), % of the KCC districts total, 2015")
    assert facts["crime.focus.violence.share_of_total"].unit == "percent"
    assert facts["crime.alpha.violence.rank_lowest_first"].unit == "rank"


def test_every_way_of_reading_a_fact_agrees(facts):
    listed = list_facts(facts)
    assert [row[0] for row in listed] == sorted(facts)
    tree = facts.as_tree()
    for name, value, unit, description in listed:
        fact = facts[name]
        assert fact == facts.get(name) == Fact(name, value, unit, description)
        assert facts.value(name) == value
        dataset, area, measure, key = name.split(".")
        leaf = tree[dataset][area][measure][key]
        assert leaf is value or leaf == value
    given = Facts(dict(facts.items()))  # the public constructor, from Fact objects
    assert given == facts
    assert list_facts(given) == listed
    assert given.as_tree() == tree


def derive_words_of_each_area(s: MeasureSeries, area: str) -> Iterator[Derived]:
    """A derivation whose words differ between areas of the same type."""
    yield Derived("letters", len(area), "count", f"letters in the name {area}")


def test_words_that_differ_between_areas_of_a_type_are_kept_for_each(datasets, monkeypatch):
    monkeypatch.setattr(facts_module, "DERIVATIONS",
                        (*facts_module.DERIVATIONS, derive_words_of_each_area))
    facts = compute_facts(datasets, focus_area="Alpha", differences=[COST_DIFFERENCE])
    assert facts["crime.alpha.violence.letters"] == Fact(
        "crime.alpha.violence.letters", 5, "count",
        "Alpha: Violence (Crime), letters in the name Alpha")
    assert facts["crime.gamma.violence.letters"].description == (
        "Gamma: Violence (Crime), letters in the name Gamma")
    assert facts["crime.focus.violence.letters"].description == (
        "Focus area - Alpha: Violence (Crime), letters in the name Alpha")
    # the derivations before it still read their shared words
    assert facts["crime.gamma.violence.value"].description.startswith("Gamma: Violence (Crime), ")


def test_a_miss_still_names_the_closest_facts(facts):
    with pytest.raises(KeyError, match=r"no fact 'crime.alpha.violenc.value' \(did you mean"):
        facts["crime.alpha.violenc.value"]
    with pytest.raises(KeyError, match="no fact 'crime.alpha.violenc.value'"):
        facts.value("crime.alpha.violenc.value")
    assert facts.get("crime.alpha.violenc.value") is None
