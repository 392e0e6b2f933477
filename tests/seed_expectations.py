"""Every derived figure the seed prints, with its section, and how the facts compute it.

The seed is the Safer Maidstone Partnership Strategic Assessment 2016-17 (Appendix 1). Its
derived figures (rates, % changes, differences, totals, ranks) are never stored in data/: they
live here, exactly as printed, and tests/test_seed_reproduction.py recomputes each from the
stored counts. Signs are as the tables print them; where the text words a change ("a reduction of
9.1%"), the figure is written signed ("-9.1%") and the words are kept in ``figure``.

EXPECTED_RECORDS is the exact list of figures that do not follow from the seed's own counts: a
new or a fixed contradiction changes it, and the test says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from assessment_doc.facts import Facts, Value, percent_change, rank_of, slug
from assessment_doc.quality import PublishedFigure

CURRENT = "p2014_10_2015_09"
PREVIOUS = "p2013_10_2014_09"
ASB_YEARS = ("p2012_10_2013_09", "p2013_10_2014_09", "p2014_10_2015_09")
ROAD_YEARS = ("p2011_07_2012_06", "p2012_07_2013_06", "p2013_07_2014_06", "p2014_07_2015_06")

DISTRICTS = (
    "Ashford", "Canterbury", "Dartford", "Dover", "Gravesham", "Maidstone", "Sevenoaks",
    "Shepway", "Swale", "Thanet", "Tonbridge and Malling", "Tunbridge Wells",
)
KCC = "KCC districts"


def name(dataset: str, area: str, measure: str, derivation: str) -> str:
    """A fact name from an area as stored."""
    return f"{dataset}.{slug(area)}.{measure}.{derivation}"


def total(values: Iterable[Value]) -> Value:
    result: Value = 0
    for value in values:
        if value is None:
            return None
        result = result + value
    return result


def sum_of(dataset: str, areas: Iterable[str], measure: str, key: str) -> Callable[[Facts], Value]:
    """The sum of one measure in one period over ``areas``."""
    areas = tuple(areas)
    return lambda facts: total(facts.value(name(dataset, a, measure, key)) for a in areas)


def change_between(dataset: str, area: str, measure: str, start: str, end: str
                   ) -> Callable[[Facts], Value]:
    """The % change between two periods that are not a year apart."""
    return lambda facts: percent_change(facts.value(name(dataset, area, measure, end)),
                                        facts.value(name(dataset, area, measure, start)))


def rate_rise_rank(dataset: str, measure: str, area: str) -> Callable[[Facts], Value]:
    """Rank of the yearly rise in the rate per 1,000 among the districts, 1 = highest rise."""
    def compute(facts: Facts) -> Value:
        rises = {
            d: facts.value(name(dataset, d, measure, "rate_per_1000"))
            - facts.value(name(dataset, d, measure, "previous_rate_per_1000"))
            for d in DISTRICTS
        }
        return rank_of(area, rises, highest_first=True)
    return compute


def _figures(section: str, dataset: str, rows: dict[str, str | None], derivation: str,
             measure: str, what: str, places: int | None = None,
             notes: dict[str, str] | None = None) -> list[PublishedFigure]:
    """One figure per printed cell of a column: area -> printed text (None: not printed)."""
    return [
        PublishedFigure(section, dataset, f"{area}, {what}", printed,
                        fact=name(dataset, area, measure, derivation), places=places,
                        note=(notes or {}).get(area, ""))
        for area, printed in rows.items() if printed is not None
    ]


# --- 1.4 Demographic and economic information --------------------------------------------------


def _population_rank(facts: Facts) -> Value:
    """Maidstone's rank by population among the districts (published or implied), 1 = largest."""
    def population(area: str) -> Value:
        published = facts.value(name("population", area, "population", "value"))
        if published is not None:
            return published
        return facts.value(name("population", area, "population_implied_by_rates", "value"))
    return rank_of("Maidstone", {d: population(d) for d in DISTRICTS}, highest_first=True)


DEMOGRAPHY = [
    PublishedFigure("1.4 text", "population",
                    "Maidstone, 'the largest Kent local authority district'", "1st",
                    compute=_population_rank),
    PublishedFigure("1.4 text", "population",
                    "Maidstone, 'the remaining 25% living in the surrounding rural area'", "25%",
                    compute=lambda facts: 100 - facts.value(
                        name("population", "Maidstone", "urban_area_pct", "value"))),
]

# --- 1.5 Headline information ------------------------------------------------------------------

HEADLINES = [
    PublishedFigure("1.5 text", "asb", "Maidstone ASB, 'a reduction of 9.1%'", "-9.1%",
                    fact=name("asb", "Maidstone", "incidents", "pct_change"),
                    note="The 4.1 table gives -1.9% (3,679 to 3,608); the seed does not say "
                         "what 9.1% measures."),
    PublishedFigure("1.5 text", "asb_headline",
                    "Maidstone ASB since 2012, 'fallen by 22.7% from 2,489 ... to 1,925'", "-22.7%",
                    compute=change_between("asb_headline", "Maidstone", "incidents",
                                           "p2012_09", "p2015_09")),
    PublishedFigure("1.5 text", "crime_by_type", "Maidstone drug offences, 'a reduction of 35.3%'",
                    "-35.3%", fact=name("crime_by_type", "Maidstone", "drug_offences", "pct_change")),
    PublishedFigure("1.5 text", "crime_by_type",
                    "Maidstone drug offences, 'a reduction of 152 recorded drug offences'", "-152",
                    fact=name("crime_by_type", "Maidstone", "drug_offences", "change")),
    PublishedFigure("1.5 text", "domestic_abuse",
                    "Maidstone domestic abuse, 'an increase of 28.6%'", "28.6%",
                    note="No previous-year domestic abuse counts are printed."),
    PublishedFigure("1.5 text", "violent_crime", "Maidstone violent crime, 'an increase of 12.5%'",
                    "12.5%", fact=name("violent_crime", "Maidstone", "offences", "pct_change"),
                    note="Violent crime rose 12.7% (2.3, 3.1); 12.5% is the rise in violence "
                         "against the person."),
    PublishedFigure("1.5 text", "road_ksi",
                    "Maidstone KSI, 'an increase of 5.5% (over two years 2013-2015)'", "5.5%",
                    compute=change_between("road_ksi", "Maidstone", "casualties_ksi",
                                           ROAD_YEARS[1], ROAD_YEARS[3]),
                    note="54 to 57 is +5.56%: truncated, not rounded."),
    PublishedFigure("1.5 text", "iom_offending",
                    "West division IOM cohort, 'a 32% reduction in offending'", "-32%",
                    note="No counts are printed; section 6.2 says 56% for the same cohort."),
]

# --- 2.1 Total recorded crime in Maidstone; claimant count --------------------------------------

RECORDED_CRIME_TEXT = [
    PublishedFigure("2.1 text", "recorded_crime", "Maidstone all crime, 'fell by 2.5%'", "-2.5%",
                    fact=name("recorded_crime", "Maidstone", "offences", "pct_change")),
    PublishedFigure("2.1 text", "recorded_crime", "Maidstone, '56.7 offences per 1,000'", "56.7",
                    fact=name("recorded_crime", "Maidstone", "offences", "rate_per_1000")),
    PublishedFigure("2.1 text", "recorded_crime", "Maidstone, 'ranked 6th' (rate, 1 = lowest)",
                    "6th", fact=name("recorded_crime", "Maidstone", "offences",
                                     "rate_rank_lowest_first")),
]

_GB_NOTES = {
    "month": "Does not follow from the printed count and change: -29,169 is -3.7% of the "
             "previous month's 780,964; -3.9% is -29,169 divided by the current count.",
    "year": "Does not follow from the printed count and change: -334,498 is -30.8% of the "
            "previous year's 1,086,293; nothing printed gives -38.0%.",
}
CLAIMANTS = [
    PublishedFigure("2.1 table", "claimant_count", f"{area}, % change since previous month",
                    month, fact=name("claimant_count", area, "claimants", "pct_change_on_month"),
                    note=_GB_NOTES["month"] if area == "Great Britain" else "")
    for area, month in (("Maidstone", "1.0%"), (KCC, "0.8%"), ("Great Britain", "-3.9%"))
] + [
    PublishedFigure("2.1 table", "claimant_count", f"{area}, % change since last year",
                    year, fact=name("claimant_count", area, "claimants", "pct_change"),
                    note=_GB_NOTES["year"] if area == "Great Britain" else "")
    for area, year in (("Maidstone", "-6.8%"), (KCC, "-20.1%"), ("Great Britain", "-38.0%"))
]

# --- 2.2 Total recorded crime per 1,000 population ---------------------------------------------

# area: (2015 rate per 1,000, county ranking)
RECORDED_CRIME_TABLE = {
    "Tunbridge Wells": ("43.4", "1"),
    "Tonbridge and Malling": ("45.3", "2"),
    "Sevenoaks": ("47.5", "3"),
    "Ashford": ("51.6", "4"),
    "Canterbury": ("57.1", "5"),
    "Maidstone": ("56.7", "6"),
    "Dover": ("57.8", "7"),
    "Shepway": ("56.6", "8"),
    "Swale": ("67.7", "9"),
    "Gravesham": ("68.8", "10"),
    "Dartford": ("78.1", "11"),
    "Thanet": ("82", "12"),
    KCC: ("59.4", None),
    "Medway": ("70.3", None),
    "Kent": ("61", None),
}
_RANKED_BY_2014 = "The printed ranking follows the 2014 rates, not the 2015 rates beside it."
RECORDED_CRIME = (
    _figures("2.2 table", "recorded_crime", {a: r for a, (r, _) in RECORDED_CRIME_TABLE.items()},
             "rate_per_1000", "offences", "2015 rate per 1,000 pop.", places=1)
    + _figures("2.2 table", "recorded_crime", {a: k for a, (_, k) in RECORDED_CRIME_TABLE.items()},
               "rate_rank_lowest_first", "offences", "county ranking (2015 rate, 1 = lowest)",
               notes=dict.fromkeys(("Canterbury", "Dover", "Shepway"), _RANKED_BY_2014))
    + [
        PublishedFigure("2.2 table", "recorded_crime", "KCC Total offences (sum of the districts)",
                        "89643", compute=sum_of("recorded_crime", DISTRICTS, "offences", CURRENT)),
        PublishedFigure("2.2 table", "recorded_crime", "Kent offences (KCC Total + Medway)",
                        "108903", compute=sum_of("recorded_crime", (KCC, "Medway"), "offences",
                                                 CURRENT)),
        PublishedFigure("2.2 table", "recorded_crime",
                        "Maidstone, 2014 rate per 1,000 pop. (9,410 / mid-2014 population)", "59",
                        places=1,
                        fact=name("recorded_crime", "Maidstone", "offences",
                                  "previous_rate_per_1000"),
                        note="The seed's 2014 rates use another population: 59.0 implies about "
                             "159,500 residents, not 161,800."),
    ]
)

# --- 2.3 Volumes of crime by type --------------------------------------------------------------

# measure: (Oct 2014 - Sep 2015, Oct 2013 - Sep 2014, difference, % change) as printed
CRIME_BY_TYPE_TABLE = {
    "victim_based_crime": ("8483", "8457", "26", "0.30%"),
    "violent_crime": ("2945", "2612", "333", "12.70%"),
    "violence_against_the_person": ("2643", "2349", "294", "12.50%"),
    "sexual_offences": ("224", "203", "21", "10.30%"),
    "robbery": ("78", "60", "18", "30%"),
    "burglary_dwelling": ("361", "468", "-107", "-22.90%"),
    "burglary_other_than_dwelling": ("505", "568", "-63", "-11.10%"),
    "vehicle_crime": ("601", "642", "-41", "-6.40%"),
    "theft_of_motor_vehicle": ("129", "160", "-31", "-19.40%"),
    "theft_from_motor_vehicle": ("472", "482", "-10", "-2.10%"),
    "vehicle_interference": ("81", "60", "21", "35%"),
    "theft_and_handling": ("2620", "2728", "-108", "-4%"),
    "shoplifting": ("1056", "1108", "-52", "-4.70%"),
    "theft_of_pedal_cycle": ("111", "138", "-27", "-19.60%"),
    "other_theft": ("1453", "1482", "-29", "-2%"),
    "criminal_damage": ("1370", "1379", "-9", "-0.70%"),
    "crimes_against_society": ("695", "953", "-258", "-27.10%"),
    "drug_offences": ("279", "431", "-152", "-35.30%"),
    "possession_of_weapons": ("47", "47", "-", "-"),
    "public_order_offences": ("228", "305", "-77", "-25.20%"),
    "other_crimes": ("141", "170", "-29", "-17.10%"),
    "all_crime": ("9178", "9410", "-232", "-2.50%"),
}
CATEGORY_TOTALS = ("victim_based_crime", "violent_crime", "vehicle_crime", "theft_and_handling",
                   "crimes_against_society", "all_crime")


def _crime_by_type() -> list[PublishedFigure]:
    figures = []
    for measure, (current, previous, change, pct) in CRIME_BY_TYPE_TABLE.items():
        fact = lambda derivation, m=measure: name("crime_by_type", "Maidstone", m, derivation)
        label = measure.replace("_", " ")
        if measure in CATEGORY_TOTALS:
            figures += [
                PublishedFigure("2.3 table", "crime_by_type", f"{label}, Oct 2014 - Sep 2015 "
                                "(sum of sub-categories)", current, fact=fact(CURRENT)),
                PublishedFigure("2.3 table", "crime_by_type", f"{label}, Oct 2013 - Sep 2014 "
                                "(sum of sub-categories)", previous, fact=fact(PREVIOUS)),
            ]
        figures += [
            PublishedFigure("2.3 table", "crime_by_type", f"{label}, difference", change,
                            fact=fact("change")),
            # printed with two decimals ("12.70%") but rounded to one
            PublishedFigure("2.3 table", "crime_by_type", f"{label}, % change", pct,
                            fact=fact("pct_change"), places=1),
        ]
    return figures


CRIME_BY_TYPE = _crime_by_type() + [
    PublishedFigure("2.3 text", "crime_by_type", f"{label}, % change", printed,
                    fact=name("crime_by_type", "Maidstone", measure, "pct_change"), places=places)
    for label, measure, printed, places in (
        ("burglary", "burglary_dwelling", "-22.90%", 1),
        ("public order", "public_order_offences", "-25.20%", 1),
        ("drug offences", "drug_offences", "-35.30%", 1),
        ("TOMV", "theft_of_motor_vehicle", "-19.40%", 1),
        ("robbery, 'increased by 30%'", "robbery", "30%", None),
        ("vehicle interference, 'increased by ... 35%'", "vehicle_interference", "35%", None),
    )
] + [
    PublishedFigure("2.3 text", "crime_by_type", "robbery, 'an increase of 18 offences'", "18",
                    fact=name("crime_by_type", "Maidstone", "robbery", "change")),
    PublishedFigure("2.3 text", "crime_by_type", "vehicle interference, '21 offences'", "21",
                    fact=name("crime_by_type", "Maidstone", "vehicle_interference", "change")),
]

# --- 3.1 Total violent crime -------------------------------------------------------------------

# area: (% change, 2015 offences per 1,000 pop., county ranking)
VIOLENT_CRIME_TABLE = {
    "Sevenoaks": ("5.8", "10.9", "1"),
    "Tonbridge and Malling": ("14.8", "12.7", "2"),
    "Tunbridge Wells": ("15.1", "13.8", "3"),
    "Ashford": ("1.9", "15.4", "4"),
    "Canterbury": ("14.7", "18.1", "5"),
    "Maidstone": ("12.7", "18.2", "6"),
    "Swale": ("7", "20.2", "7"),
    "Dover": ("6.4", "20.3", "8"),
    "Shepway": ("6.2", "20.5", "9"),
    "Gravesham": ("-1.5", "21.3", "10"),
    "Dartford": ("5", "21.7", "11"),
    "Thanet": ("7.3", "29.1", "12"),
    KCC: ("7.8", "18.6", None),
    "Medway": ("12.9", "23.2", None),
    "Kent": ("8.7", "19.3", None),
}


def _column(table: dict[str, tuple[str | None, ...]], index: int) -> dict[str, str | None]:
    return {area: row[index] for area, row in table.items()}


VIOLENT_CRIME = (
    _figures("3.1 table", "violent_crime", _column(VIOLENT_CRIME_TABLE, 0), "pct_change",
             "offences", "% change", places=1)
    + _figures("3.1 table", "violent_crime", _column(VIOLENT_CRIME_TABLE, 1), "rate_per_1000",
               "offences", "2015 offences per 1,000 pop.", places=1)
    + _figures("3.1 table", "violent_crime", _column(VIOLENT_CRIME_TABLE, 2),
               "rate_rank_lowest_first", "offences", "county ranking (rate, 1 = lowest)")
    + [
        PublishedFigure("3.1 table", "violent_crime", f"KCC Total offences {year} (sum of the "
                        "districts)", printed, compute=sum_of("violent_crime", DISTRICTS,
                                                              "offences", key),
                        note="The twelve districts add up to 28,019." if key == CURRENT else "")
        for year, key, printed in (("2015", CURRENT, "28026"), ("2014", PREVIOUS, "26002"))
    ] + [
        PublishedFigure("3.1 table", "violent_crime", f"Kent offences {year} (KCC Total + Medway)",
                        printed, compute=sum_of("violent_crime", (KCC, "Medway"), "offences", key))
        for year, key, printed in (("2015", CURRENT, "34393"), ("2014", PREVIOUS, "31644"))
    ] + [
        PublishedFigure("3.1 text", "violent_crime", "Maidstone, 'an increase of 12.7%'", "12.7%",
                        fact=name("violent_crime", "Maidstone", "offences", "pct_change")),
        PublishedFigure("3.1 text", "violent_crime",
                        "Maidstone, '4th highest yearly rise in violent crime per 1,000'", "4th",
                        compute=rate_rise_rank("violent_crime", "offences", "Maidstone"),
                        note="Maidstone's rise in the rate per 1,000 is the 2nd highest; its "
                             "% rise (12.7%) is the 4th highest."),
        PublishedFigure("3.1 text", "violent_crime", "Maidstone, 'ranked 6th in the county'",
                        "6th", fact=name("violent_crime", "Maidstone", "offences",
                                         "rate_rank_lowest_first")),
        PublishedFigure("3.1 table", "violent_crime",
                        "Maidstone, 2015 offences (3.1) against the sum of its 2.3 sub-categories",
                        "2943", fact=name("crime_by_type", "Maidstone", "violent_crime", CURRENT),
                        note="Section 2.3 gives 2,945 for the same area and period; both are "
                             "kept as published."),
        PublishedFigure("3.1 table", "violent_crime",
                        "Maidstone, 2014 offences (3.1) against the sum of its 2.3 sub-categories",
                        "2612", fact=name("crime_by_type", "Maidstone", "violent_crime", PREVIOUS)),
    ]
)

# --- 3.4 Domestic abuse ------------------------------------------------------------------------

# area: (per 1,000 pop., ranking)
DOMESTIC_ABUSE_TABLE = {
    "Sevenoaks": ("10.1", "1"),
    "Tunbridge Wells": ("11.4", "2"),
    "Tonbridge and Malling": ("12.2", "3"),
    "Canterbury": ("13.5", "4"),
    "Maidstone": ("14.1", "5"),
    "Ashford": ("14.2", "6"),
    "Shepway": ("15.5", "7"),
    "Dartford": ("16", "8"),
    "Dover": ("16.5", "9"),
    "Swale": ("18.6", "10"),
    "Gravesham": ("19.4", "11"),
    "Thanet": ("24.7", "12"),
    KCC: ("15.5", None),
    "Medway": ("20.5", None),
    "Kent": ("16.3", None),
}
DOMESTIC_ABUSE = (
    _figures("3.4 table", "domestic_abuse", _column(DOMESTIC_ABUSE_TABLE, 0), "rate_per_1000",
             "incidents", "incidents per 1,000 pop.", places=1)
    + _figures("3.4 table", "domestic_abuse", _column(DOMESTIC_ABUSE_TABLE, 1),
               "rate_rank_lowest_first", "incidents", "ranking (rate, 1 = lowest)")
    + [
        PublishedFigure("3.4 table", "domestic_abuse", "KCC Districts incidents (sum of the "
                        "districts)", "23465",
                        compute=sum_of("domestic_abuse", DISTRICTS, "incidents", CURRENT)),
        PublishedFigure("3.4 table", "domestic_abuse", "Kent incidents (KCC Districts + Medway)",
                        "29078", compute=sum_of("domestic_abuse", (KCC, "Medway"), "incidents",
                                                CURRENT)),
        PublishedFigure("3.4 text", "domestic_abuse", "Maidstone, '14.1 offences per 1,000'",
                        "14.1", fact=name("domestic_abuse", "Maidstone", "incidents",
                                          "rate_per_1000")),
        PublishedFigure("3.4 text", "domestic_abuse", "Kent average, '16.3'", "16.3",
                        fact=name("domestic_abuse", "Kent", "incidents", "rate_per_1000")),
        PublishedFigure("3.4 text", "domestic_abuse", "Maidstone, 'ranks 5th place'", "5th",
                        fact=name("domestic_abuse", "Maidstone", "incidents",
                                  "rate_rank_lowest_first")),
        PublishedFigure("3.4 text", "domestic_abuse_repeat_victims",
                        "Maidstone repeat victims, 'the second highest in Kent'", "2nd",
                        fact=name("domestic_abuse_repeat_victims", "Maidstone",
                                  "repeat_victims_pct", "rank_highest_first")),
        PublishedFigure("3.4 text", "marac", "Maidstone MARAC repeat cases, '21% of all cases'",
                        "21%", fact=name("marac", "Maidstone", "repeat_cases", "share_of_parent")),
        PublishedFigure("3.4 text", "one_stop_shop",
                        "Maidstone One Stop Shop, 'the remaining 14% coming from other districts'",
                        "14%", compute=lambda facts: 100 - facts.value(
                            name("one_stop_shop", "Maidstone", "visitors_from_district_pct",
                                 "value"))),
        PublishedFigure("3.4 text", "one_stop_shop",
                        "Maidstone One Stop Shop, 'a 60% increase in attendance'", "60%",
                        note="No attendance counts are printed."),
        PublishedFigure("3.4 text", "one_stop_shop",
                        "Maidstone One Stop Shop, '4th highest increase in the county'", "4th",
                        note="No attendance counts are printed for any district."),
    ]
)

# --- 4.1 Anti-social behaviour -----------------------------------------------------------------

# area: (13/14 to 14/15 % change, 2014/15 per 1,000 population, ranking)
ASB_TABLE = {
    "Ashford": ("-11.3", "13.3", "1"),
    "Sevenoaks": ("-8", "16.7", "2"),
    "Tunbridge Wells": ("-2.9", "19.3", "3"),
    "Tonbridge and Malling": ("-1.6", "20", "4"),
    "Maidstone": ("-1.9", "22.3", "5"),
    "Dartford": ("-12.1", "25.4", "6"),
    "Canterbury": ("-2.6", "26.9", "7"),
    "Shepway": ("-7.1", "26.8", "8"),
    "Swale": ("-0.7", "28.8", "9"),
    "Gravesham": ("-7.2", "31.9", "10"),
    "Dover": ("-0.3", "32.6", "11"),
    "Thanet": ("-11.8", "39.3", "12"),
    KCC: ("-5.6", "25.3", None),
    "Medway": ("-2.7", "32.8", None),
    "Kent": ("-5.1", "26.5", None),
}
_ASB_SWAPPED = "Canterbury (26.9) is ranked above Shepway (26.8): the two ranks are swapped."
ASB = (
    _figures("4.1 table", "asb", _column(ASB_TABLE, 0), "pct_change", "incidents",
             "13/14 to 14/15 % change", places=1)
    + _figures("4.1 table", "asb", _column(ASB_TABLE, 1), "rate_per_1000", "incidents",
               "2014/15 per 1,000 population", places=1)
    + _figures("4.1 table", "asb", _column(ASB_TABLE, 2), "rate_rank_lowest_first", "incidents",
               "ranking (rate, 1 = lowest)",
               notes=dict.fromkeys(("Canterbury", "Shepway"), _ASB_SWAPPED))
    + [
        PublishedFigure("4.1 table", "asb", f"KCC Districts incidents {key[1:]} (sum of the "
                        "districts)", printed, compute=sum_of("asb", DISTRICTS, "incidents", key))
        for key, printed in zip(ASB_YEARS, ("44191", "40534", "38259"))
    ] + [
        PublishedFigure("4.1 table", "asb", f"Kent incidents {key[1:]} (KCC Districts + Medway)",
                        printed, compute=sum_of("asb", (KCC, "Medway"), "incidents", key))
        for key, printed in zip(ASB_YEARS, ("54256", "49784", "47257"))
    ] + [
        PublishedFigure("4.1 text", "asb", "Maidstone, 'the 5th lowest rate of ASB'", "5th",
                        fact=name("asb", "Maidstone", "incidents", "rate_rank_lowest_first")),
        PublishedFigure("4.1 text", "asb", "Maidstone, 'a 1.9% reduction'", "-1.9%",
                        fact=name("asb", "Maidstone", "incidents", "pct_change")),
        PublishedFigure("4.1 text", "asb", "Maidstone, '22.3 offences of ASB per 1,000'", "22.3",
                        fact=name("asb", "Maidstone", "incidents", "rate_per_1000")),
        PublishedFigure("4.1 text", "asb", "Kent average, '26.5 offences per 1,000'", "26.5",
                        fact=name("asb", "Kent", "incidents", "rate_per_1000")),
    ]
)

# --- 5 Substance misuse ------------------------------------------------------------------------

SUBSTANCE_MISUSE = [
    PublishedFigure("5.1 text", "crime_by_type", "Maidstone drug offences, 'a 35.3% reduction'",
                    "-35.3%", fact=name("crime_by_type", "Maidstone", "drug_offences",
                                        "pct_change")),
    PublishedFigure("5.1 text", "crime_by_type", "Maidstone drug offences, '152 fewer crimes'",
                    "-152", fact=name("crime_by_type", "Maidstone", "drug_offences", "change")),
    PublishedFigure("5.2 table", "hospital_admissions", "Maidstone admissions (sum of the wards)",
                    "734", compute=sum_of(
                        "hospital_admissions",
                        ("High Street", "Fant", "East", "Marden and Yalding", "Shepway North",
                         "Shepway South", "North", "Coxheath and Hunton", "Parkwood", "Heath",
                         "Staplehurst", "Headcorn", "Bearsted", "Loose", "South", "Allington",
                         "Harrietsham and Lenham", "Bridge", "Boxley", "Barming", "North Downs",
                         "Boughton Monchelsea and Chart Sutton", "Sutton Valence and Langley",
                         "Downswood and Otham", "Leeds", "Detling and Thurnham"),
                        "admissions", "p2014_04_2015_03"),
                    note="Two wards are suppressed; the other 24 add up to 728, so the total "
                         "discloses that the suppressed pair had 6 admissions together."),
]

# --- 6.2 Integrated Offender Management --------------------------------------------------------

IOM = [
    PublishedFigure("6.2 text", "iom_cohort", "IOM cohort in prison, '44% of the overall cohort'",
                    "44%", fact=name("iom_cohort", "Kent and Medway", "offenders_in_prison",
                                     "share_of_parent"),
                    note="120 of 233 is 51.5%."),
    PublishedFigure("6.2 text", "iom_offending", "IOM cohort offences, 'a reduction of 152'",
                    "-152", fact=name("iom_offending", "Kent and Medway", "offences", "change")),
    PublishedFigure("6.2 text", "iom_offending", "IOM cohort offences, 'equates to 55%'", "-55%",
                    fact=name("iom_offending", "Kent and Medway", "offences", "pct_change")),
    PublishedFigure("6.2 text", "iom_offending",
                    "IOM cohort burglary dwelling, 'a reduction of 63 offences'", "-63",
                    note="No burglary counts for the cohort are printed."),
    PublishedFigure("6.2 text", "iom_cohort", "West division, 'the lowest IOM cohort'", "1st",
                    note="The other divisions' cohorts are not printed."),
    PublishedFigure("6.2 text", "iom_cohort", "West division cohort, '27% of the overall cohort'",
                    "27%", fact=name("iom_cohort", "West Division", "offenders",
                                     "share_of_total")),
    PublishedFigure("6.2 text", "iom_cost_of_offending",
                    "West division, 'the biggest savings in Kent'", "1st",
                    fact=name("iom_cost_of_offending", "West Division", "cost_difference",
                              "rank_lowest_first")),
    PublishedFigure("6.2 text", "iom_cost_of_offending",
                    "West division, 'reducing the cost of offending by £198,726'", "-£198,726",
                    fact=name("iom_cost_of_offending", "West Division", "cost_difference",
                              "value")),
    PublishedFigure("6.2 text", "iom_offending",
                    "West division, 'a 56% reduction in re-offending'", "-56%",
                    note="No counts are printed; the 1.5 headline says 32%."),
    PublishedFigure("6.2 text", "iom_offending",
                    "County average reduction in re-offending, '44%'", "-44%",
                    note="No counts are printed."),
] + [
    PublishedFigure("6.2 table", "iom_cost_of_offending", f"{area}, difference", printed,
                    fact=name("iom_cost_of_offending", area, "cost_difference", "value"),
                    note="£316,924 - £123,522 is £193,402; the printed difference and total "
                         "imply an after cost of £125,522." if area == "East Division" else "")
    for area, printed in (("East Division", "-£191,402"), ("North Division", "-£160,788"),
                          ("West Division", "-£198,726"), ("Kent and Medway", "-£550,916"))
] + [
    PublishedFigure("6.2 table", "iom_cost_of_offending", f"Total, {label} (sum of divisions)",
                    printed, compute=sum_of("iom_cost_of_offending",
                                            ("East Division", "North Division", "West Division"),
                                            measure, "p2015"),
                    note="The divisions add up to £402,685 (East's printed 123,522 is likely "
                         "125,522)." if measure == "cost_after_joining" else "")
    for label, measure, printed in (
        ("cost before joining", "cost_before_joining", "£955,601"),
        ("cost 6 months after joining", "cost_after_joining", "£404,685"),
        ("adults at nil cost", "adults_at_nil_cost_after", "46"),
    )
]

# --- 7.1 Road safety ---------------------------------------------------------------------------

# area: (% +/-, county ranking) for July 2014 - June 2015
ROAD_COLLISIONS_TABLE = {
    "Maidstone": ("2.3", "1"),
    "Dartford": ("-1.7", "2"),
    "Swale": ("-8.3", "3"),
    "Thanet": ("0.6", "4"),
    "Sevenoaks": ("-4.7", "5"),
    "Tonbridge and Malling": ("0", "6"),
    "Ashford": ("-5.8", "7"),
    "Canterbury": ("-8.6", "8"),
    "Tunbridge Wells": ("-7.1", "9"),
    "Shepway": ("10.8", "10"),
    "Dover": ("-9.5", "11"),
    "Gravesham": ("-4.9", "12"),
    KCC: ("-3.2", None),
}
ROAD_COLLISIONS = (
    _figures("7.1 table", "road_collisions", _column(ROAD_COLLISIONS_TABLE, 0), "pct_change",
             "collisions", "% +/-", places=1)
    + _figures("7.1 table", "road_collisions", _column(ROAD_COLLISIONS_TABLE, 1),
               "rank_highest_first", "collisions", "collisions county ranking (count, 1 = most)")
    + [
        PublishedFigure("7.1 table", "road_collisions", f"Kent Districts collisions {key[1:]} "
                        "(sum of the districts)", printed,
                        compute=sum_of("road_collisions", DISTRICTS, "collisions", key))
        for key, printed in zip(ROAD_YEARS, ("5621", "5668", "6180", "5985"))
    ] + [
        PublishedFigure("7.1 text", "road_collisions", "Maidstone, 'an increase of 2.3%'", "2.3%",
                        fact=name("road_collisions", "Maidstone", "collisions", "pct_change")),
        PublishedFigure("7.1 text", "road_collisions",
                        "Maidstone, 'the second highest increase in the County'", "2nd",
                        fact=name("road_collisions", "Maidstone", "collisions",
                                  "pct_change_rank_highest_first")),
        PublishedFigure("7.1 text", "road_collisions", "Kent, 'an overall 3.2% reduction'",
                        "-3.2%", fact=name("road_collisions", KCC, "collisions", "pct_change")),
        PublishedFigure("7.1 text", "road_collisions",
                        "Maidstone, 'the highest rate of road traffic collisions in Kent'", "1st",
                        fact=name("road_collisions", "Maidstone", "collisions",
                                  "rate_rank_highest_first"),
                        note="Maidstone has the most collisions; per 1,000 residents it is not "
                             "the highest."),
        PublishedFigure("7.1 text", "road_collisions",
                        "Maidstone, highest 'for the 5th year'", "5th",
                        note="Only four years are printed."),
    ]
)

# area: county ranking (July 2014 - June 2015 KSI casualties, 1 = most)
ROAD_KSI_RANKING = {
    "Sevenoaks": "1", "Swale": "2", "Maidstone": "3", "Tunbridge Wells": "4", "Ashford": "5",
    "Thanet": "6", "Shepway": "7", "Canterbury": "8", "Dartford": "9", "Gravesham": "10",
    "Dover": "11", "Tonbridge and Malling": "12",
}
ROAD_KSI = (
    _figures("7.1 table", "road_ksi", ROAD_KSI_RANKING, "rank_highest_first", "casualties_ksi",
             "KSI county ranking (count, 1 = most)",
             notes={"Dartford": "Canterbury and Dartford both had 41: a tie the seed breaks."})
    + [
        PublishedFigure("7.1 table", "road_ksi", f"KCC Districts KSI {key[1:]} (sum of the "
                        "districts)", printed,
                        compute=sum_of("road_ksi", DISTRICTS, "casualties_ksi", key))
        for key, printed in zip(ROAD_YEARS, ("517", "528", "667", "587"))
    ] + [
        PublishedFigure("7.1 text", "road_ksi", "Maidstone, 'the 3rd highest rate of KSI'", "3rd",
                        fact=name("road_ksi", "Maidstone", "casualties_ksi",
                                  "rate_rank_highest_first"),
                        note="The 3rd highest is Maidstone's count; per 1,000 residents it ranks "
                             "lower."),
    ]
)

TABLES: dict[str, list[PublishedFigure]] = {
    "1.4 demography": DEMOGRAPHY,
    "1.5 headlines": HEADLINES,
    "2.1 recorded crime (text)": RECORDED_CRIME_TEXT,
    "2.1 claimant count": CLAIMANTS,
    "2.2 recorded crime by district": RECORDED_CRIME,
    "2.3 crime by type": CRIME_BY_TYPE,
    "3.1 violent crime": VIOLENT_CRIME,
    "3.4 domestic abuse, MARAC, One Stop Shop": DOMESTIC_ABUSE,
    "4.1 anti-social behaviour": ASB,
    "5 substance misuse": SUBSTANCE_MISUSE,
    "6.2 integrated offender management": IOM,
    "7.1 road traffic collisions": ROAD_COLLISIONS,
    "7.1 killed or seriously injured": ROAD_KSI,
}
"""The printed figures, table by table, in the order of the seed."""

PUBLISHED_FIGURES: list[PublishedFigure] = [f for figures in TABLES.values() for f in figures]

# (section, figure, printed, computed, status) of every printed figure the data does not reproduce
EXPECTED_RECORDS: list[tuple[str, str, str, str, str]] = [
    ('1.5 text', "Maidstone ASB, 'a reduction of 9.1%'", '-9.1%', '-1.9', 'contradiction'),
    ('1.5 text', "Maidstone domestic abuse, 'an increase of 28.6%'", '28.6%', '', 'no data'),
    ('1.5 text', "Maidstone violent crime, 'an increase of 12.5%'", '12.5%', '12.7', 'contradiction'),
    ('1.5 text', "Maidstone KSI, 'an increase of 5.5% (over two years 2013-2015)'", '5.5%', '5.6', 'contradiction'),
    ('1.5 text', "West division IOM cohort, 'a 32% reduction in offending'", '-32%', '', 'no data'),
    ('2.1 table', 'Great Britain, % change since previous month', '-3.9%', '-3.7', 'contradiction'),
    ('2.1 table', 'Great Britain, % change since last year', '-38.0%', '-30.8', 'contradiction'),
    ('2.2 table', 'Canterbury, county ranking (2015 rate, 1 = lowest)', '5', '7', 'contradiction'),
    ('2.2 table', 'Dover, county ranking (2015 rate, 1 = lowest)', '7', '8', 'contradiction'),
    ('2.2 table', 'Shepway, county ranking (2015 rate, 1 = lowest)', '8', '5', 'contradiction'),
    ('2.2 table', 'Maidstone, 2014 rate per 1,000 pop. (9,410 / mid-2014 population)', '59', '58.2', 'contradiction'),
    ('3.1 table', 'KCC Total offences 2015 (sum of the districts)', '28026', '28,019', 'contradiction'),
    ('3.1 text', "Maidstone, '4th highest yearly rise in violent crime per 1,000'", '4th', '2', 'contradiction'),
    ('3.1 table', 'Maidstone, 2015 offences (3.1) against the sum of its 2.3 sub-categories', '2943', '2,945', 'contradiction'),
    ('3.4 text', "Maidstone One Stop Shop, 'a 60% increase in attendance'", '60%', '', 'no data'),
    ('3.4 text', "Maidstone One Stop Shop, '4th highest increase in the county'", '4th', '', 'no data'),
    ('4.1 table', 'Canterbury, ranking (rate, 1 = lowest)', '7', '8', 'contradiction'),
    ('4.1 table', 'Shepway, ranking (rate, 1 = lowest)', '8', '7', 'contradiction'),
    ('5.2 table', 'Maidstone admissions (sum of the wards)', '734', '[c]', 'suppressed'),
    ('6.2 text', "IOM cohort in prison, '44% of the overall cohort'", '44%', '52', 'contradiction'),
    ('6.2 text', "IOM cohort burglary dwelling, 'a reduction of 63 offences'", '-63', '', 'no data'),
    ('6.2 text', "West division, 'the lowest IOM cohort'", '1st', '', 'no data'),
    ('6.2 text', "West division, 'a 56% reduction in re-offending'", '-56%', '', 'no data'),
    ('6.2 text', "County average reduction in re-offending, '44%'", '-44%', '', 'no data'),
    ('6.2 table', 'East Division, difference', '-£191,402', '-193,402', 'contradiction'),
    ('6.2 table', 'Total, cost 6 months after joining (sum of divisions)', '£404,685', '402,685', 'contradiction'),
    ('7.1 text', "Maidstone, 'the highest rate of road traffic collisions in Kent'", '1st', '3', 'contradiction'),
    ('7.1 text', "Maidstone, highest 'for the 5th year'", '5th', '', 'no data'),
    ('7.1 table', 'Dartford, KSI county ranking (count, 1 = most)', '9', '8', 'contradiction'),
    ('7.1 text', "Maidstone, 'the 3rd highest rate of KSI'", '3rd', '9', 'contradiction'),
]
