"""The output files' names: safe, visible and short whatever the title and area are."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from assessment_doc.api import STEM_LIMIT, file_stem, report_name

SAFE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def project(title: str, subtitle: str = "", area: str = "Maidstone", *,
            home: bool = True) -> SimpleNamespace:
    """What file_stem reads of a project: its settings' title, subtitle, area and date."""
    return SimpleNamespace(settings=SimpleNamespace(
        title=title, subtitle=subtitle, area=area, date=dt.date(2016, 3, 1), is_home_area=home))


def test_the_bundled_title_gives_the_samples_names() -> None:
    assert file_stem(project("Strategic Assessment 2016-17", "Appendix 1")) == (
        "strategic-assessment-2016-17-appendix-1")
    assert file_stem(project("Strategic Assessment 2016-17", "Appendix 1", "Swale",
                             home=False)) == "strategic-assessment-2016-17-appendix-1-swale"


def test_accents_and_ligatures_are_spelled_in_ascii() -> None:
    assert file_stem(project("Évaluation stratégique", "Straße ﬁve", "Dovér",
                             home=False)) == "evaluation-strategique-strasse-five-dover"


def test_a_title_ascii_cannot_spell_gives_the_area_and_year() -> None:
    assert file_stem(project("战略评估", "附录一")) == "maidstone-2016"
    assert file_stem(project("战略评估", area="Swale", home=False)) == "swale-2016"


def test_an_area_ascii_cannot_spell_is_named_by_a_digest_one_area_one_name() -> None:
    tokyo = file_stem(project("Assessment", area="東京", home=False))
    osaka = file_stem(project("Assessment", area="大阪", home=False))
    assert re.fullmatch(r"assessment-area-[0-9a-f]{8}", tokyo)
    assert tokyo != osaka
    assert report_name(project("Assessment", area="東京", home=False)) == (
        f"build-report-{tokyo.removeprefix('assessment-')}.json")


def test_a_300_character_title_is_cut_at_a_word_keeping_the_area_whole() -> None:
    title = " ".join(["Community"] * 30)  # 299 characters
    stem = file_stem(project(title, area="Tonbridge and Malling", home=False))
    assert len(stem) <= STEM_LIMIT
    assert stem.endswith("-community-tonbridge-and-malling")
    assert "--" not in stem
    one_word = file_stem(project("x" * 300))
    assert one_word == "x" * STEM_LIMIT


@settings(max_examples=300, deadline=None)
@given(title=st.text(), subtitle=st.text(max_size=50), area=st.text(min_size=1, max_size=300),
       home=st.booleans())
def test_any_title_and_area_give_a_safe_visible_short_stem(
        title: str, subtitle: str, area: str, home: bool) -> None:
    stem = file_stem(project(title, subtitle, area, home=home))
    assert SAFE.fullmatch(stem), stem
    assert 0 < len(stem) <= STEM_LIMIT
    report = report_name(project(title, subtitle, area, home=home))
    assert re.fullmatch(r"build-report(-[a-z0-9]+)*\.json", report)
    assert len(report) <= STEM_LIMIT
