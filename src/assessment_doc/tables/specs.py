"""The table specifications of ``content/tables.yaml``: one pydantic model per table kind.

A spec says which dataset, measures, periods and areas a table shows and how its rows are
ordered; it never holds a figure. Names of datasets, measures and areas are checked against the
loaded data by :mod:`assessment_doc.tables.checks`, where the data is known.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

from ..data.rows import AREA_TYPES
from ..periods import Period, PeriodError
from .references import PERIOD_REFERENCES, check_reference
from .spec_file import SpecValueError


def _period_reference(text: str) -> str:
    try:
        return check_reference(text)
    except ValueError as error:
        raise SpecValueError(str(error), PERIOD_REFERENCES) from None


PeriodRef = Annotated[
    str,
    BeforeValidator(lambda v: str(v) if isinstance(v, int) else v),
    AfterValidator(_period_reference),
    Field(description=PERIOD_REFERENCES),
]
"""A period named relative to the dataset's current period, or written as in the data."""

AreaType = Literal[
    "ward", "district", "unitary", "county", "police_force_area", "country", "police_division"
]
assert AREA_TYPES == AreaType.__args__  # type: ignore[attr-defined]  # one list of area types

Key = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
RankFirst = Literal["lowest", "highest"]
Direction = Literal["ascending", "descending"]


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class AreaRow(_Spec):
    """An area shown as a row, with the name the table prints for it."""

    area: str
    label: str | None = None

    @property
    def shown(self) -> str:
        return self.label or self.area


def _area_row(value: Any) -> Any:
    return {"area": value} if isinstance(value, str) else value


AreaRowSpec = Annotated[AreaRow, BeforeValidator(_area_row)]
"""An area row written as its name, or as ``{area: KCC districts, label: KCC Total}``."""


class PopulationSpec(_Spec):
    """Where rates per 1,000 find their population (the top-level ``population:`` key)."""

    dataset: str = "population"
    measures: tuple[str, ...] = Field(
        ("population", "population_implied_by_rates"), min_length=1,
        description="population measures, the first one an area has being used",
    )


def _period_as_in_data(text: Any) -> str:
    try:
        return str(Period.parse(str(text)))
    except PeriodError:
        raise SpecValueError(f"'{text}' is not a period",
                             "the period as written in the data, e.g. 2014-10/2015-09") from None


class PublishedCells(_Spec):
    """Figures a published edition of the table printed otherwise than the data gives them.

    For the period named only (the table's current period then): the table then carries a note
    saying what was published, what is shown and why, and the build report lists it. Next
    year's table, of another period, is not concerned.
    """

    period: Annotated[str, BeforeValidator(_period_as_in_data)] = Field(
        description="the table's current period when it was published, as in the data")
    column: str = Field(description="the key of the column, e.g. rank")
    values: dict[str, float] = Field(
        min_length=1, description="each row's area as in the data, and its value as published")
    why: str = Field(min_length=1, description="why the table shows another value, for a reader")


class TableSpec(_Spec):
    """What every table kind has."""

    id: str
    kind: str
    caption: str = Field(description="the table's caption, e.g. Total recorded crime, {current}")
    dataset: str = Field(description="a dataset id from data/datasets.yaml")
    source: str | None = Field(None, description="the source line (default: the dataset's)")
    notes: tuple[str, ...] = ()
    published: tuple[PublishedCells, ...] = Field(
        (), description="cells published otherwise than shown: period, column, values, why")
    orientation: Literal["portrait", "landscape"] = Field(
        "portrait", description="landscape: the table on a landscape page (or pages) of its own")


class TitledOption(_Spec):
    """An optional computed column, switched on by ``true`` or by giving its title."""

    title: str | None = None


def _switch(value: Any) -> Any:
    if value is True:
        return {}
    if value is False:
        return None
    if isinstance(value, str):
        return {"title": value}
    return value


Option = Annotated[TitledOption | None, BeforeValidator(_switch)]


# --- district_comparison ------------------------------------------------------------------------

ColumnShow = Literal["value", "rate", "change", "difference", "rank"]


class ColumnSpec(_Spec):
    """One column of a district comparison."""

    show: ColumnShow = Field(description="value, rate, change, difference or rank")
    period: PeriodRef | None = None
    from_: PeriodRef | None = Field(None, alias="from")
    to: PeriodRef | None = None
    measure: str | None = None
    dataset: str | None = None
    of: str | None = Field(None, description="the key of the column a rank is of")
    first: RankFirst | None = Field(None, description="lowest or highest: who is ranked 1")
    title: str | None = None
    key: Key | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True,
                              defer_build=True)

    _ALLOWED: ClassVar[dict[str, set[str]]] = {
        "value": {"period", "measure", "dataset"},
        "rate": {"period", "measure", "dataset"},
        "change": {"from_", "to", "measure", "dataset"},
        "difference": {"from_", "to", "measure", "dataset"},
        "rank": {"of", "first"},
    }

    @model_validator(mode="after")
    def _keys_fit_show(self) -> ColumnSpec:
        allowed = self._ALLOWED[self.show] | {"show", "title", "key"}
        given = {name for name in self.model_fields_set if getattr(self, name) is not None}
        wrong = sorted(given - allowed)
        if wrong:
            shown = ", ".join(f"'{w.rstrip('_')}'" for w in wrong)
            keys = ", ".join(sorted(k.rstrip("_") for k in allowed))
            raise SpecValueError(f"a '{self.show}' column takes no {shown}",
                                 f"only the keys {keys}")
        if self.show == "rank" and self.first is None:
            raise SpecValueError("a 'rank' column needs 'first'",
                                 "first: lowest (rank 1 = the lowest) or first: highest")
        return self

    @property
    def default_key(self) -> str:
        if self.key:
            return self.key
        if self.show == "rank":
            return "rank"
        if self.show in ("change", "difference"):
            return self.show
        base = self.measure or "value"
        period = (self.period or "current").replace("-", "_").replace("/", "_")
        prefix = "rate" if self.show == "rate" else base
        return f"{prefix}_{period}" if _safe(period) else prefix


def _safe(text: str) -> bool:
    return text.replace("_", "").isalnum()


class OrderSpec(_Spec):
    """How rows are ordered: by a column's key, ascending or descending."""

    by: str
    direction: Direction = "ascending"


class DistrictComparisonSpec(TableSpec):
    """Areas of one type compared on chosen columns, ranked, then county rows without rank."""

    kind: Literal["district_comparison"]
    measure: str = Field(description="the measure counted, e.g. offences")
    area_type: AreaType = "district"
    areas: tuple[AreaRowSpec, ...] | None = Field(
        None, description="the areas shown (default: every area of area_type)")
    columns: tuple[ColumnSpec, ...] = Field(min_length=1, description="a list of columns")
    order: OrderSpec | None = Field(None, description="default: by rank, else as in the data")
    county_rows: tuple[AreaRowSpec, ...] = ()
    area_title: str = "Area"
    highlight: tuple[str, ...] | None = Field(
        None, description="areas shown in bold (default: the focus area)")


# --- trend --------------------------------------------------------------------------------------


class LastPeriods(_Spec):
    last: int = Field(ge=1, le=20)


class TrendRank(_Spec):
    of: Literal["current", "rate", "change"] = "current"
    first: RankFirst
    title: str = "County ranking"


class TrendOrder(_Spec):
    by: Literal["current", "rate", "change", "rank", "area"] = "rank"
    direction: Direction = "ascending"


class TrendSpec(TableSpec):
    """Counts over several periods by area, with optional % change, rate and rank."""

    kind: Literal["trend"]
    measure: str
    periods: LastPeriods | tuple[PeriodRef, ...] = Field(
        description="'last: 4' (the four years to the current period) or a list of periods")
    period_titles: Literal["label", "short", "year", "span"] = "short"
    area_type: AreaType = "district"
    areas: tuple[AreaRowSpec, ...] | None = None
    change: Option = None
    difference: Option = None
    rate: Option = None
    rank: TrendRank | None = None
    order: TrendOrder | None = None
    county_rows: tuple[AreaRowSpec, ...] = ()
    area_title: str = "Area"
    highlight: tuple[str, ...] | None = None


# --- category_change ----------------------------------------------------------------------------


class CategoryTitles(_Spec):
    category: str = "Category"
    current: str = "{current}"
    previous: str = "{previous}"
    difference: str = "Difference"
    change: str = "% change"


class CategoryChangeSpec(TableSpec):
    """One area's measures, current against previous, sub-categories indented under parents."""

    kind: Literal["category_change"]
    area: str | None = Field(None, description="default: the focus area")
    measures: tuple[str, ...] | None = Field(
        None, description="the measures shown, in order (default: all, as datasets.yaml lists)")
    current: PeriodRef = "current"
    previous: PeriodRef = "previous"
    flat_levels: int = Field(
        1, ge=0, le=5,
        description="how many levels below the total print unindented (the crime-by-type table, 2.3, uses 2)")
    titles: CategoryTitles = Field(default_factory=CategoryTitles)


# --- ward_list ----------------------------------------------------------------------------------


class WardTitles(_Spec):
    area: str = "Ward"
    value: str | None = None


class WardListSpec(TableSpec):
    """Wards and one value each, largest first, suppressed wards last, then the area's total."""

    kind: Literal["ward_list"]
    measure: str
    period: PeriodRef = "current"
    area_type: AreaType = "ward"
    order: Literal["descending", "ascending", "as_in_data"] = "descending"
    total: Literal["published", "sum", "none"] = Field(
        "published", description="published (the area's own row), sum (of the wards) or none")
    total_area: str | None = Field(None, description="default: the focus area")
    titles: WardTitles = Field(default_factory=WardTitles)


# --- cost ---------------------------------------------------------------------------------------


class CostTotal(_Spec):
    area: str | None = Field(None, description="the published total row (default: the sum)")
    label: str = "Total"


class CostTitles(_Spec):
    area: str = "Division"
    difference: str = "Difference"


class CostSpec(TableSpec):
    """Cost before and after, their difference, further measures, and a total row."""

    kind: Literal["cost"]
    before: str
    after: str
    extra: tuple[str, ...] = ()
    period: PeriodRef = "current"
    area_type: AreaType = "police_division"
    areas: tuple[str, ...] | None = Field(
        None, description="the divisions shown (default: every area of area_type but the total)")
    total: CostTotal | None = Field(default_factory=CostTotal)
    highlight: tuple[str, ...] | None = None
    titles: CostTitles = Field(default_factory=CostTitles)


# --- claimant -----------------------------------------------------------------------------------


class ClaimantTitles(_Spec):
    area: str = "Area"
    count: str = "Total unemployed as at {current}"
    rate: str = "Resident based rate %"
    month_number: str = "Change since previous month: number"
    month_change: str = "Change since previous month: %"
    year_number: str = "Change since last year: number"
    year_change: str = "Change since last year: %"


class ClaimantSpec(TableSpec):
    """Claimants at the latest month: count, published rate, change on a month and on a year."""

    kind: Literal["claimant"]
    measure: str
    rate_measure: str | None = None
    areas: tuple[AreaRowSpec, ...] = Field(
        min_length=1, description="the areas shown, in order, e.g. '- Maidstone'")
    titles: ClaimantTitles = Field(default_factory=ClaimantTitles)


AnyTableSpec = (
    DistrictComparisonSpec | TrendSpec | CategoryChangeSpec | WardListSpec | CostSpec | ClaimantSpec
)
