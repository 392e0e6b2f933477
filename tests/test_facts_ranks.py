"""Ranks of every area at once (sorted once) are the ranks counted area by area."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from assessment_doc.facts import rank_of, ranks_of
from assessment_doc.values import SUPPRESSED

VALUES = st.dictionaries(
    st.text(min_size=1, max_size=3),
    st.one_of(st.integers(-50, 50), st.floats(-1e6, 1e6, allow_nan=False),
              st.sampled_from([0.5, 1.0, 1])),
    min_size=1, max_size=30,
)


@given(VALUES, st.booleans())
def test_ranks_of_every_area_are_each_areas_rank(values, highest_first) -> None:
    assert ranks_of(values, highest_first=highest_first) == {
        area: rank_of(area, values, highest_first=highest_first) for area in values}


def test_ties_share_the_better_rank_and_gaps_follow() -> None:
    values = {"a": 5, "b": 7, "c": 5, "d": 1}
    assert ranks_of(values, highest_first=True) == {"a": 2, "b": 1, "c": 2, "d": 4}
    assert ranks_of(values, highest_first=False) == {"a": 2, "b": 4, "c": 2, "d": 1}


def test_a_missing_or_suppressed_value_leaves_every_rank_so() -> None:
    assert ranks_of({"a": 1, "b": None}, highest_first=True) == {"a": None, "b": None}
    assert ranks_of({"a": 1, "b": SUPPRESSED}, highest_first=True) == {
        "a": SUPPRESSED, "b": SUPPRESSED}


def test_a_nan_is_ranked_as_area_by_area_counting_ranks_it() -> None:
    values = {"a": float("nan"), "b": 2.0, "c": 1.0}
    assert ranks_of(values, highest_first=True) == {
        area: rank_of(area, values, highest_first=True) for area in values}
