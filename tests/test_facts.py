"""Facts: each derivation on a small fixture project (tests/fixtures/facts/data).

Alpha is the focus district (population 10,000 in 2014, 12,500 in 2013); Beta (20,000) and Gamma
(5,000) are the other districts, Gamma's 2014 violence suppressed; North, South (suppressed) and
East are wards of Alpha; the costs are by police division.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2.sandbox import SandboxedEnvironment

from assessment_doc.data import load_datasets
from assessment_doc.facts import (
    DERIVATIONS,
    Fact,
    Facts,
    MeasureDifference,
    compute_facts,
    difference,
    list_facts,
    percent_change,
    rank_of,
    slug,
)
from assessment_doc.values import SUPPRESSED

FIXTURE = Path(__file__).parent / "fixtures" / "facts" / "data"
COST_DIFFERENCE = MeasureDifference("costs", "difference", "after", "before", "Difference")


@pytest.fixture(scope="module")
def datasets():
    return load_datasets(FIXTURE, focus_area="Alpha")


@pytest.fixture(scope="module")
def facts(datasets) -> Facts:
    return compute_facts(datasets, focus_area="Alpha", differences=[COST_DIFFERENCE])


def value(facts: Facts, name: str):
    return facts[name].value


class TestNames:
    def test_it_names_every_fact_dataset_area_measure_derivation(self, facts):
        assert all(len(name.split(".")) == 4 for name in facts)
        assert all(fact.name == name for name, fact in facts.items())

    def test_it_slugs_area_names(self):
        assert slug("Tonbridge & Malling") == "tonbridge_and_malling"
        assert slug("KCC districts") == "kcc_districts"
        assert slug("Boughton Monchelsea and Chart Sutton") == "boughton_monchelsea_and_chart_sutton"

    def test_it_also_names_the_focus_area_focus(self, facts):
        assert value(facts, "crime.focus.violence.value") == 60
        assert facts["crime.focus.violence.value"].description.startswith("Focus area - Alpha:")

    def test_it_explains_an_unknown_name(self, facts):
        with pytest.raises(KeyError, match="did you mean crime.alpha.violence.value"):
            facts["crime.alpha.violenc.value"]

    def test_it_lists_facts_sorted_and_filtered_by_a_glob(self, facts):
        listed = list_facts(facts, "crime.alpha.violence.p*")
        assert [(n, v, u) for n, v, u, _ in listed] == [
            ("crime.alpha.violence.p2013", 80, "count"),
            ("crime.alpha.violence.p2014", 70, "count"),
            ("crime.alpha.violence.p2015", 60, "count"),
            ("crime.alpha.violence.pct_change", pytest.approx(-100 / 7), "percent"),
            ("crime.alpha.violence.pct_change_rank_highest_first", SUPPRESSED, "rank"),
            ("crime.alpha.violence.pct_change_rank_lowest_first", SUPPRESSED, "rank"),
            ("crime.alpha.violence.previous", 70, "count"),
            ("crime.alpha.violence.previous_rate_per_1000", 7.0, "rate_per_1000"),
        ]

    def test_it_gives_every_area_of_a_type_the_same_names(self, facts):
        def names(area):
            return {n.split(".", 2)[2] for n in facts if n.startswith(f"crime.{area}.")}
        assert names("alpha") == names("beta") == names("gamma")


class TestCurrentPeriod:
    def test_it_gives_the_value_of_the_latest_period(self, facts):
        fact = facts["crime.alpha.violence.value"]
        assert (fact.value, fact.unit) == (60, "count")
        assert type(fact.value) is int
        assert fact.description == "Alpha: Violence (Crime), 2015"

    def test_it_takes_the_current_period_from_periods(self, datasets):
        facts = compute_facts(datasets, focus_area="Alpha", periods={"crime": "2014"})
        assert value(facts, "crime.alpha.violence.value") == 70
        assert value(facts, "crime.alpha.violence.previous") == 80

    def test_it_refuses_periods_for_an_unknown_dataset(self, datasets):
        with pytest.raises(KeyError, match="crimes"):
            compute_facts(datasets, focus_area="Alpha", periods={"crimes": "2015"})

    def test_it_gives_each_period_under_its_key(self, facts):
        assert value(facts, "crime.alpha.violence.p2013") == 80


class TestChange:
    def test_it_gives_previous_change_and_pct_change(self, facts):
        assert value(facts, "crime.alpha.violence.previous") == 70
        assert value(facts, "crime.alpha.violence.change") == -10
        assert value(facts, "crime.alpha.violence.pct_change") == pytest.approx(-14.285714)

    def test_it_measures_the_change_of_a_percentage_in_points_without_a_pct_change(self, facts):
        fact = facts["survey.alpha.satisfied_pct.change"]
        assert (fact.value, fact.unit) == (5, "percentage_points")
        assert "survey.alpha.satisfied_pct.pct_change" not in facts
        assert "survey.alpha.satisfied_pct.rate_per_1000" not in facts

    def test_it_gives_month_on_month_change_for_a_monthly_count(self, facts):
        assert value(facts, "claimants.alpha.claimants.previous_month") == 105
        assert value(facts, "claimants.alpha.claimants.change_on_month") == -5
        assert value(facts, "claimants.alpha.claimants.pct_change_on_month") == pytest.approx(
            -100 * 5 / 105)
        assert value(facts, "claimants.alpha.claimants.previous") == 120
        assert value(facts, "claimants.alpha.claimants.pct_change") == pytest.approx(-100 / 6)

    def test_it_gives_no_month_on_month_change_for_yearly_data(self, facts):
        assert "crime.alpha.violence.previous_month" not in facts


class TestRates:
    def test_it_divides_by_the_published_population(self, facts):
        fact = facts["crime.alpha.violence.rate_per_1000"]
        assert (fact.value, fact.unit) == (6.0, "rate_per_1000")
        assert value(facts, "crime.alpha.violence.previous_rate_per_1000") == 7.0

    def test_it_falls_back_to_the_implied_population(self, facts):
        assert value(facts, "crime.beta.violence.rate_per_1000") == 11.5

    def test_it_uses_the_population_period_asked_for(self, datasets):
        facts = compute_facts(datasets, focus_area="Alpha", periods={"population": "2013"})
        assert value(facts, "crime.alpha.violence.rate_per_1000") == 4.8
        assert value(facts, "crime.beta.violence.rate_per_1000") is None

    def test_it_rates_the_sum_of_sub_categories(self, facts):
        assert value(facts, "crime.alpha.all_offences.rate_per_1000") == 10.0


class TestComparisons:
    def test_it_compares_rates_with_the_county_and_the_force_area(self, facts):
        assert value(facts, "crime.alpha.violence.vs_kcc_districts") == pytest.approx(
            6.0 - 310 / 35)
        assert value(facts, "crime.alpha.violence.vs_kent") == pytest.approx(-4.0)

    def test_it_does_not_compare_with_a_unitary(self, facts):
        assert "crime.alpha.violence.vs_medway" not in facts

    def test_it_compares_percentages_in_points(self, facts):
        fact = facts["survey.alpha.satisfied_pct.vs_kcc_districts"]
        assert (fact.value, fact.unit) == (2, "percentage_points")


class TestRanks:
    def test_it_ranks_among_the_districts_in_both_directions(self, facts):
        # all offences 2015: Gamma 40, Alpha 100, Beta 330
        assert value(facts, "crime.alpha.all_offences.rank_lowest_first") == 2
        assert value(facts, "crime.beta.all_offences.rank_lowest_first") == 3
        assert value(facts, "crime.beta.all_offences.rank_highest_first") == 1

    def test_it_ranks_rates(self, facts):
        # per 1,000: Gamma 8.0, Alpha 10.0, Beta 16.5
        assert value(facts, "crime.gamma.all_offences.rate_rank_lowest_first") == 1
        assert value(facts, "crime.alpha.all_offences.rate_rank_highest_first") == 2

    def test_it_gives_ties_the_better_rank(self):
        values = {"a": 1, "b": 2, "c": 2, "d": 3}
        assert [rank_of(k, values, highest_first=False) for k in "abcd"] == [1, 2, 2, 4]
        assert [rank_of(k, values, highest_first=True) for k in "abcd"] == [4, 2, 2, 1]

    def test_it_does_not_rank_the_county_rows(self, facts):
        assert "crime.kcc_districts.violence.rank_lowest_first" not in facts
        assert "crime.kent.violence.rank_lowest_first" not in facts

    def test_it_suppresses_every_rank_when_one_ranked_value_is_suppressed(self, facts):
        assert value(facts, "admissions.north.admissions.rank_highest_first") is SUPPRESSED
        # Gamma's 2014 violence is suppressed, so its % change is, so every % change rank is
        assert value(facts, "crime.beta.violence.pct_change_rank_highest_first") is SUPPRESSED

    def test_it_ranks_police_divisions_without_their_total(self, facts):
        # difference: East -60, West -50
        assert value(facts, "costs.east_division.difference.rank_lowest_first") == 1
        assert value(facts, "costs.west_division.difference.rank_lowest_first") == 2
        assert "costs.kent_and_medway.difference.rank_lowest_first" not in facts


class TestTrends:
    def test_it_counts_consecutive_falls(self, facts):
        assert value(facts, "crime.alpha.all_offences.consecutive_falls") == 2
        assert value(facts, "crime.alpha.all_offences.consecutive_rises") == 0

    def test_it_counts_consecutive_rises(self, facts):
        assert value(facts, "crime.beta.all_offences.consecutive_rises") == 2
        assert facts["crime.beta.all_offences.consecutive_rises"].unit == "periods"

    def test_it_is_unavailable_without_a_previous_period(self, facts):
        assert value(facts, "crime.kent.violence.consecutive_falls") is None

    def test_it_is_suppressed_when_the_chain_meets_a_suppressed_value(self, facts):
        assert value(facts, "crime.gamma.violence.consecutive_falls") is SUPPRESSED


class TestShares:
    def test_it_gives_a_wards_share_of_the_focus_area(self, facts):
        assert value(facts, "admissions.north.admissions.share_of_total") == pytest.approx(
            100 * 30 / 45)

    def test_it_gives_a_districts_share_of_the_kcc_districts(self, facts):
        assert value(facts, "crime.alpha.violence.share_of_total") == pytest.approx(100 * 60 / 310)

    def test_it_gives_a_sub_categorys_share_of_its_parent(self, facts):
        assert value(facts, "crime.alpha.violence.share_of_parent") == 60.0

    def test_it_gives_a_police_divisions_share_of_kent_and_medway(self, facts):
        assert value(facts, "costs.west_division.difference.share_of_total") == pytest.approx(
            100 * 50 / 110)


class TestComputedMeasures:
    def test_it_sums_sub_categories_into_a_derived_measure_without_rows(self, facts):
        assert value(facts, "crime.alpha.all_offences.value") == 100
        assert value(facts, "crime.alpha.all_offences.p2013") == 120
        assert value(facts, "crime.kent.all_offences.value") == 600

    def test_it_computes_a_measure_difference(self, facts):
        fact = facts["costs.west_division.difference.value"]
        assert (fact.value, fact.unit) == (-50, "gbp")

    def test_it_computes_no_difference_unless_asked(self, datasets):
        facts = compute_facts(datasets, focus_area="Alpha")
        assert not any(".difference." in name for name in facts)


class TestSuppressedAndUnavailable:
    def test_it_keeps_a_suppressed_value_suppressed_through_every_derivation(self, facts):
        assert value(facts, "crime.gamma.violence.p2014") is SUPPRESSED
        for derivation in ("previous", "change", "pct_change", "previous_rate_per_1000"):
            assert value(facts, f"crime.gamma.violence.{derivation}") is SUPPRESSED
        assert value(facts, "crime.gamma.all_offences.p2014") is SUPPRESSED
        assert value(facts, "admissions.south.admissions.share_of_total") is SUPPRESSED

    def test_it_never_turns_suppressed_into_zero_or_nan(self, facts):
        for fact in facts.values():
            assert fact.value is None or fact.value is SUPPRESSED or fact.value == fact.value

    def test_it_gives_none_for_an_unavailable_fact(self, facts):
        assert value(facts, "crime.kent.violence.previous") is None
        assert value(facts, "crime.kent.violence.pct_change") is None
        assert value(facts, "admissions.north.admissions.rate_per_1000") is None

    def test_it_gives_none_for_a_change_from_zero(self):
        assert percent_change(5, 0) is None

    @given(st.integers(0, 10**6), st.integers(1, 10**6))
    def test_it_recovers_the_value_from_the_previous_and_the_pct_change(self, now, before):
        assert before * (1 + percent_change(now, before) / 100) == pytest.approx(now)

    @given(st.one_of(st.none(), st.integers(-1000, 1000)))
    def test_it_lets_suppressed_win_over_numbers_and_missing_over_suppressed(self, other):
        expected = None if other is None else SUPPRESSED
        assert difference(SUPPRESSED, other) is expected
        assert percent_change(other, SUPPRESSED) is expected


class TestTheFactsMapping:
    def test_it_is_read_only(self, facts):
        with pytest.raises(TypeError):
            facts["crime.alpha.violence.value"] = None  # type: ignore[index]
        with pytest.raises(dataclasses.FrozenInstanceError):
            facts["crime.alpha.violence.value"].value = 1  # type: ignore[misc]

    def test_it_gives_nested_values_for_jinja(self, facts):
        tree = facts.as_tree()
        assert tree["crime"]["focus"]["violence"]["value"] == 60
        template = SandboxedEnvironment().from_string(
            "{{ crime.focus.violence.value }} ({{ crime.focus.violence.pct_change | round(1) }}%)"
        )
        assert template.render(**tree) == "60 (-14.3%)"

    def test_it_lists_its_derivations_explicitly(self):
        assert [d.__name__ for d in DERIVATIONS][:4] == [
            "derive_value", "derive_previous", "derive_change", "derive_pct_change"]

    def test_it_holds_facts(self, facts):
        assert isinstance(facts["crime.alpha.violence.value"], Fact)
        assert len(facts) == len(list(facts))

    def test_in_and_get_answer_a_hit_and_a_miss_without_looking_for_close_names(
        self, facts, monkeypatch
    ):
        import assessment_doc.facts as facts_module

        def close_names(*args, **kwargs):
            raise AssertionError("looked for close names")

        monkeypatch.setattr(facts_module, "get_close_matches", close_names)
        hit, miss = "crime.alpha.violence.value", "crime.alpha.violenc.value"
        assert hit in facts
        assert miss not in facts
        assert 60 not in facts and None not in facts
        assert facts.get(hit) == facts[hit]  # equal: each read makes the Fact
        assert facts.get(miss) is None
        default = Fact(miss, 1, "count", "a default")
        assert facts.get(miss, default) is default
        assert facts.get(hit, default) == facts[hit]

    def test_a_lookup_that_misses_still_names_the_closest_facts(self, facts):
        assert "crime.alpha.violenc.value" not in facts
        with pytest.raises(KeyError, match="no fact 'crime.alpha.violenc.value' "
                           r"\(did you mean crime.alpha.violence.value"):
            facts["crime.alpha.violenc.value"]
        with pytest.raises(TypeError):
            [] in facts  # noqa: B015 - unhashable, as in a dict
