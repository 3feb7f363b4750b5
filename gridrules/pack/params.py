"""The parameters a pack holds (``admission/policy.yaml`` ``parameters:``), declared once.

Python knows each parameter's *shape* -- its name, what it counts, what it
controls and whether a pack must give it; the pack gives its value, unit words,
Chinese name and basis.  The model of the ``parameters:`` mapping, and so its
JSON Schema, is derived from these declarations: an unknown name (a misspelling)
or a missing required one is refused when the pack is loaded, with its
``path:line:col`` and a did-you-mean, instead of silently switching a check off.

Code reads a value with ``pack.parameter(CAPACITY)``, never by a name string.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import Field, create_model

from gridrules.contract.base import Basis, Hours, Name, Strict

Days = Annotated[int, Field(ge=1, le=3660)]


@dataclass(frozen=True)
class ParameterShape:
    """One parameter: its name in the pack, what its value counts, what it controls."""

    name: str
    counts: Literal["hours", "days", "working_days"]
    controls: str
    required: bool = True


CAPACITY = ParameterShape(
    "capacity_hours_per_grid_month", "hours",
    "The most list workload a grid may carry per month: a task or an application beyond it is over capacity.")
TEMPORARY_MAX_DAYS = ParameterShape(
    "temporary_max_days", "days",
    "The longest a town's temporary approval may run, both ends counted.")
APPLICATION_LEAD = ParameterShape(
    "application_lead_working_days", "working_days",
    "How many working days before its start a department must apply to list an item (no lead check when absent).",
    required=False)
MEETING_DECISION = ParameterShape(
    "meeting_decision_working_days", "working_days",
    "The working days the joint meeting has to decide an application (for conditions and documents).",
    required=False)

CALENDAR_NOTICE = ParameterShape(
    "calendar_notice_days", "days",
    "How many days before the holiday calendar ends gridrules lint warns (no warning when absent).",
    required=False)

PARAMETERS: dict[str, ParameterShape] = {
    p.name: p for p in (CAPACITY, TEMPORARY_MAX_DAYS, APPLICATION_LEAD, MEETING_DECISION, CALENDAR_NOTICE)
}


class Parameter(Strict):
    """One parameter's value and what the pack says about it."""

    value: Hours
    unit: Name
    name: Name
    basis: Basis


class DaysParameter(Parameter):
    """A parameter counting (working) days: a whole number."""

    value: Days


_MODELS: dict[str, type[Parameter]] = {"hours": Parameter, "days": DaysParameter, "working_days": DaysParameter}


def _field(shape: ParameterShape) -> tuple[Any, Any]:
    model = _MODELS[shape.counts]
    if shape.required:
        return model, Field(description=shape.controls)
    return model | None, Field(None, description=shape.controls)


Parameters: type[Strict] = create_model(  # type: ignore[call-overload]
    "Parameters", __base__=Strict, __doc__="The pack's parameters, each declared in gridrules.pack.params.",
    **{name: _field(shape) for name, shape in PARAMETERS.items()},
)


def values(parameters: Strict) -> dict[str, float]:
    """name -> value of each parameter the pack gives."""
    return {name: getattr(parameters, name).value for name in PARAMETERS if getattr(parameters, name) is not None}
