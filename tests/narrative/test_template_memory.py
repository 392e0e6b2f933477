"""A content file's template cannot fill the memory: every text and list it makes is measured
(``~``, ``+``, ``*``, filters), one at a time and all together (narrative/limits.py)."""

from __future__ import annotations

import tracemalloc

import pytest

from assessment_doc.errors import InputError
from assessment_doc.narrative import limits
from assessment_doc.narrative.placeholders import fill_placeholders

FACTS = {"settings": {"area": "Maidstone"}}


def _problem(body: str) -> str:
    with pytest.raises(InputError) as caught:
        fill_placeholders(body, "content/09-x.md", FACTS, line_offset=3)
    return str(caught.value)


def _doubled(operator: str, start: str, times: int = 40) -> str:
    return (f"Intro\n{{% set s = {start} %}}\n" + f"{{% set s = s {operator} s %}}" * times
            + "{% if s %}y{% endif %}\n")


@pytest.mark.parametrize(("operator", "start"), [("~", "'x'"), ("+", "'x'"), ("+", "[1]")])
def test_doubling_a_text_or_list_forty_times_stops_at_the_value_limit(
    operator: str, start: str
) -> None:
    tracemalloc.start()  # the peak of this test's own allocations (the process's peak RSS is
    try:                 # the highest of every test before it, so its growth can hide one)
        message = _problem(_doubled(operator, start))
        peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    assert "content/09-x.md, line 6: a text or list of more than 1,000,000 characters" in message
    assert peak_mb < 50, f"the peak was {peak_mb:.0f} MB"


def test_many_copies_of_a_long_text_stop_at_the_limit_of_all_values_together() -> None:
    copies = "".join(f"{{% set a{i} = s | upper %}}" for i in range(40))
    body = "{% set s = 'x' * 9999 %}" + "{% set s = s ~ s %}" * 6 + copies + "{{ s | lower }}"
    message = _problem(body)
    assert f"more than {limits.MAX_MADE:,} characters of text and items of lists" in message


def test_repeating_a_list_past_the_limit_is_refused_before_it_is_made() -> None:
    assert "repeating text more than 10,000 times" in _problem("{{ ([1] * 20000) | count }}")


def test_ordinary_joins_and_filters_still_work() -> None:
    filled = fill_placeholders(
        "{{ settings.area ~ ' and ' ~ settings.area | upper }}{% set l = [1] + [2] %}"
        "{% for i in l %}.{% endfor %}\n", "content/09-x.md", FACTS)
    assert filled.text.startswith("Maidstone and MAIDSTONE..")


def test_an_unknown_fact_in_a_join_is_still_named() -> None:
    assert "content/09-x.md, line 5: unknown name in a placeholder" in _problem(
        "\n{{ 'x' ~ settings.aera }}\n")
