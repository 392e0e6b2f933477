"""A small facts tree, shaped like :meth:`assessment_doc.facts.Facts.as_tree`, for narrative tests."""

from __future__ import annotations

from pathlib import Path

from assessment_doc.values import SUPPRESSED

FIXTURES = Path(__file__).parents[1] / "fixtures" / "narrative"
PROJECT = FIXTURES / "project"
BAD = FIXTURES / "bad"

FACTS = {
    "settings": {"area": "Maidstone", "partnership": "Safer Maidstone Partnership"},
    "recorded_crime": {
        "focus": {
            "offences": {
                "value": 9178,
                "previous": 9410,
                "pct_change": -2.4655,
                "rate_per_1000": 56.725,
                "rate_rank_lowest_first": 6,
            }
        },
        "maidstone": {"offences": {"value": 9178}},
        "kent": {"offences": {"value": 108903, "rate_per_1000": 61.0}},
    },
    "violent_crime": {"focus": {"offences": {"pct_change": 12.7, "change": 333}}},
    "iom": {
        "focus": {
            "cost_difference": {"value": 198726},
            "suppressed_count": SUPPRESSED,
            "reoffending_rate": None,
        }
    },
    "neighbour": {"name": "Tonbridge & Malling"},
}
