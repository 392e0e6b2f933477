"""The figure specifications of ``content/figures.yaml``: one pydantic model per chart kind."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..tables.specs import AreaType, LastPeriods, PeriodRef


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Reference(_Spec):
    """An area drawn as a line across the bars (e.g. the Kent rate), not as a bar."""

    area: str
    label: str | None = None


class FigureSpec(_Spec):
    """What every chart kind has."""

    id: str
    kind: str
    caption: str = Field(description="the figure's caption (its title), e.g. Violent crime, {current}")
    dataset: str = Field(description="a dataset id from data/datasets.yaml")
    measure: str
    value_label: str = Field(
        description="the value axis label, with its unit, e.g. Offences per 1,000 residents")
    noun: str = Field(description="what is counted, in the plural, for the alt text, "
                                  "e.g. violent crimes")
    alt_text: str | None = Field(None, description="the alt text (default: written from the data)")
    source: str | None = None
    area_type: AreaType = "district"
    areas: tuple[str, ...] | None = Field(
        None, description="the areas drawn (default: every area of area_type)")
    width: float = Field(1.0, gt=0, le=1)


class RankedBarsSpec(FigureSpec):
    """One bar per area, sorted; the focus area hatched and labelled; an optional reference line."""

    kind: Literal["ranked_bars"]
    show: Literal["value", "rate"] = "value"
    decimals: int | None = Field(
        None, ge=0, le=3, description="decimal places of the values written on the chart "
                                      "(default: 1 for a rate, 0 for a value)")
    period: PeriodRef = "current"
    order: Literal["descending", "ascending"] = Field(
        "descending", description="descending puts the largest at the top")
    reference: Reference | None = None
    highlight: tuple[str, ...] | None = Field(
        None, description="areas marked like the focus area (default: the focus area)")


class GroupedBarsSpec(FigureSpec):
    """Areas side by side over several periods, the periods told apart by colour and hatch."""

    kind: Literal["grouped_bars"]
    periods: LastPeriods | tuple[PeriodRef, ...] = Field(
        default_factory=lambda: LastPeriods(last=4))
    period_titles: Literal["label", "short", "year", "span"] = "short"
    order: Literal["descending", "ascending", "as_in_data"] = Field(
        "descending", description="areas by their latest value")
