"""assessment.yaml: the two-way assessment (双向考核) -- indicators, weights, bars, lists.

Python knows what each *kind* of indicator counts (``INDICATORS``: its numerator
and denominator over an event's judgements); the pack says which levels are
scored on which indicators, with what weight, bar, name and basis, and the
rules of the red and black lists and of the budget advice.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from gridrules.contract.base import Basis, Name, Slug, Strict, Text

# The kinds of indicator gridrules can count (the shape; the pack picks and weighs them).
INDICATORS: dict[str, str] = {
    "reported_in": "per (whistle, department): 报到 no later than the whistle's moment plus its limit",
    "closed": "per event: every judged handling segment (at `at_level` only, when given) resolved by its close_by",
    "feedback": "per event: the first feedback by feedback_by (counted from the report)",
    "satisfaction": "per event with a 回访: the last revisit's value is one of `satisfied`",
    "rating": "the towns' 1-5 ratings: share = (mean - 1) / 4",
    "resolved_within": "per event: resolved without ever being escalated above `within`",
    "no_unauthorized_assignment": "per task issued by the town and assigned: no unauthorized_assignment flag",
}
# The levels the assessment scores, and the unit each event gives them.
SCORED = ("department", "town", "community")
Percent = Annotated[float, Field(ge=0, le=100)]
Weight = Annotated[int, Field(ge=1, le=1000)]
MinCases = Annotated[int, Field(ge=0, le=1_000_000)]


class Indicator(Strict):
    id: Slug = Field(description="One of the kinds gridrules counts: " + ", ".join(INDICATORS))
    name: Name
    weight: Weight
    bar: Percent | None = Field(None, description="The share (in %) below which the indicator is marked as missed.")
    at_level: Slug | None = Field(None, description="closed: count only segments handled at this level.")
    within: Slug | None = Field(None, description="resolved_within: the highest level the matter may reach.")
    basis: Basis


class ScoredLevel(Strict):
    name: Name
    scope_max_level: Slug | None = Field(
        None, description="Only events whose routed level is at most this one (towns, communities).")
    indicators: list[Indicator] = Field(min_length=1)
    basis: Basis


class Scored(Strict):
    department: ScoredLevel
    town: ScoredLevel
    community: ScoredLevel


class RedList(Strict):
    name: Name
    min_score: Percent
    min_cases: MinCases
    basis: Basis


class BlackList(Strict):
    name: Name
    below_score: Percent
    min_cases: MinCases
    late_whistle_kinds: list[Slug] = Field(
        default_factory=list, description="A whistle of these kinds answered late lists a department whatever its score.")
    basis: Basis


class BudgetAdvice(Strict):
    below_score: Percent
    text: Text = Field(description="The advice, in the district's words.")
    basis: Basis


class GridCounts(Strict):
    name: Name
    handled_within: Slug = Field(description="The highest level at which a matter still counts as handled "
                                 "close to the grid (小事不出网格).")
    basis: Basis


class AssessmentFile(Strict):
    """assessment.yaml: the two-way assessment of departments, towns and communities."""

    basis: Basis
    reopen_window_days: int = Field(ge=1, le=3660, description="A reopening within this many days of the "
                                    "resolution makes that resolution late (复发).")
    satisfied: list[Slug] = Field(min_length=1, description="Revisit values that count as satisfied.")
    levels: Scored
    grids: GridCounts
    red: RedList
    black: BlackList
    budget: BudgetAdvice
