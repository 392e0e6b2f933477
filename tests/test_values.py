"""A suppressed value stays suppressed through arithmetic and refuses to be compared."""

from __future__ import annotations

import pickle

import pytest

from assessment_doc.values import SUPPRESSED, Suppressed


def test_arithmetic_propagates_suppression() -> None:
    assert SUPPRESSED + 1 is SUPPRESSED
    assert 1 - SUPPRESSED is SUPPRESSED
    assert 2 * SUPPRESSED / 3 is SUPPRESSED
    assert -SUPPRESSED is SUPPRESSED


def test_comparison_and_truth_are_refused() -> None:
    with pytest.raises(TypeError):
        _ = SUPPRESSED > 1
    with pytest.raises(TypeError):
        bool(SUPPRESSED)


def test_there_is_one_suppressed_value() -> None:
    assert Suppressed() is SUPPRESSED
    assert pickle.loads(pickle.dumps(SUPPRESSED)) is SUPPRESSED
    assert str(SUPPRESSED) == "[c]"
