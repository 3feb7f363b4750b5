"""One year of the working-day calendar."""

from __future__ import annotations

from pydantic import Field

from gridrules.contract.base import Basis, Date, DateRange, Name, Strict


class Holiday(Strict):
    name: Name
    days_off: DateRange
    makeup_workdays: list[Date] = Field(
        default_factory=list, description="Weekend days worked instead (调休上班)."
    )


class CalendarFile(Strict):
    """calendar/<year>.yaml: public holidays and make-up working days of one year."""

    year: int = Field(ge=2000, le=2200)
    basis: Basis
    holidays: list[Holiday] = Field(default_factory=list)
