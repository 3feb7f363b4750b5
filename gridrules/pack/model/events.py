"""Event types, grades and whistle kinds (the rules themselves are in rules.py)."""

from __future__ import annotations

from pydantic import Field

from gridrules.contract.base import Basis, Code, Duration, Name, Slug, Strict, Text
from gridrules.pack.model.rules import Rule


class EventCategory(Strict):
    prefix: str = Field(pattern=r"^[A-Z]{1,4}$")
    name: Name


class EventType(Strict):
    code: Code
    name: Name
    level: Slug = Field(description="Default handling level.")
    grade: Slug = Field(description="Default grade.")
    # An empty list loads (the pack stays usable) but is an error for ``gridrules lint``
    # (GR201): nobody would be whistled for such an event.
    owners: list[Slug] = Field(description="Owning departments, lead first (gridrules lint requires at least one).")


class EventTypesFile(Strict):
    """events/types.yaml: the event taxonomy."""

    basis: Basis
    categories: list[EventCategory] = Field(default_factory=list)
    types: list[EventType] = Field(min_length=1)


class Grade(Strict):
    id: Slug
    name: Name


class GradingFile(Strict):
    """events/grading.yaml: the grades, lowest first, and the grading rules."""

    grades: list[Grade] = Field(min_length=2)
    stage: Slug
    rules: list[Rule] = Field(min_length=1)


class WhistleKind(Strict):
    id: Slug
    name: Name
    report_within: Duration | None = Field(
        None, description="The kind's own limit; omitted means the grade's response time."
    )


class DurationWords(Strict):
    """How a time limit reads in a reason's text ({n} is the number)."""

    minutes: Text = Field(description="A limit that is not a whole number of hours, e.g. '{n}分钟'.")
    hours: Text = Field(description="A limit of whole hours, e.g. '{n}小时'.")


class DispatchFile(Strict):
    """events/dispatch.yaml: whistle kinds, strongest first, and the dispatch rules."""

    whistle_kinds: list[WhistleKind] = Field(min_length=1)
    duration_words: DurationWords
    stage: Slug
    rules: list[Rule] = Field(min_length=1)
