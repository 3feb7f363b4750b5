"""A rule written in the pack: when it holds (a condition) and what it does (effects).

The condition (``when``) is kept as the YAML data here; ``gridrules.lang.parse`` parses
and checks it against the facts of the rule's stage, because only the stage
knows which fields exist.  Which effects a stage allows is checked there too.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, WithJsonSchema

from gridrules.contract.base import Basis, Duration, Slug, Strict, Text

RuleId = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]*(\.[A-Za-z0-9_-]+)+$",
        max_length=120,
        description="Stable rule id, e.g. grade.life_threat; reasons and test cases refer to it.",
    ),
]

_OPERAND = {
    "oneOf": [
        {"type": ["string", "number", "boolean"]},
        {"type": "array", "items": {"type": ["string", "number"]}, "minItems": 1},
        {
            "type": "object",
            "properties": {"field": {"type": "string"}},
            "required": ["field"],
            "additionalProperties": False,
            "description": "Compare with another fact field.",
        },
        {
            "type": "object",
            "properties": {"param": {"type": "string"}},
            "required": ["param"],
            "additionalProperties": False,
            "description": "A pack parameter (admission/policy.yaml parameters).",
        },
    ]
}
# the operators of a field test, in the order they are listed to a writer who mistypes one
OPERATORS = ("eq", "ne", "gt", "gte", "lt", "lte", "in", "not_in", "exists", "includes", "excludes")

# The condition language, as JSON Schema, so editors can help whoever writes a rule.
CONDITION_SCHEMA: dict[str, Any] = {
    "$defs": {
        "Condition": {
            "title": "Condition",
            "description": (
                "When a rule holds. 'always'; {all: [...]}; {any: [...]}; {not: ...}; "
                "or a mapping of fact fields to tests, all of which must hold, e.g. "
                "{people_involved: {gte: 50}} or {spans: grids}."
            ),
            "oneOf": [
                {"const": "always"},
                {
                    "type": "object",
                    "properties": {
                        "all": {"type": "array", "items": {"$ref": "#/$defs/Condition"}, "minItems": 1}
                    },
                    "required": ["all"],
                    "additionalProperties": False,
                },
                {
                    "type": "object",
                    "properties": {
                        "any": {"type": "array", "items": {"$ref": "#/$defs/Condition"}, "minItems": 1}
                    },
                    "required": ["any"],
                    "additionalProperties": False,
                },
                {
                    "type": "object",
                    "properties": {"not": {"$ref": "#/$defs/Condition"}},
                    "required": ["not"],
                    "additionalProperties": False,
                },
                {
                    "type": "object",
                    "minProperties": 1,
                    "propertyNames": {
                        "pattern": "^[a-z][a-z0-9_]*$",
                        "not": {"enum": ["all", "any", "not"]},
                    },
                    "additionalProperties": {"$ref": "#/$defs/FieldTest"},
                },
            ],
        },
        "FieldTest": {
            "title": "FieldTest",
            "description": "A value the field must equal, or a mapping of operators to operands.",
            "oneOf": [
                {"type": ["string", "number", "boolean"]},
                {
                    "type": "object",
                    "minProperties": 1,
                    "properties": {op: {"$ref": "#/$defs/Operand"} for op in OPERATORS},
                    "additionalProperties": False,
                },
            ],
        },
        "Operand": _OPERAND,
    },
    "$ref": "#/$defs/Condition",
}

# pydantic resolves every "$ref" it is given, so the field carries a marker that
# gridrules.schemas replaces with a reference to CONDITION_SCHEMA's definitions.
CONDITION_MARKER = "x-gridrules-condition"
Condition = Annotated[Any, WithJsonSchema({CONDITION_MARKER: True})]


class Deadlines(Strict):
    respond: Duration
    close: Duration
    feedback: Duration


class Rule(Strict):
    """One rule: an id, a condition, one or more effects, and its explanation."""

    id: RuleId
    when: Condition = Field(description="When the rule holds (the condition language).")
    # effects -- which ones a stage allows is checked when the pack is loaded
    grade: Slug | None = Field(
        None, description="Grading: a grade id, 'type_default' or 'given'."
    )
    grade_step: int | None = Field(
        None, ge=1, le=10, description="Grading: steps above the type's default grade."
    )
    level: Slug | None = Field(
        None, description="Leveling: a level id or 'type_default'."
    )
    level_step_from_last: int | None = Field(
        None, ge=1, le=10,
        description="Leveling: steps above the level of the last history entry (escalation).",
    )
    deadlines: Deadlines | None = None
    direct_report: list[Slug] | None = Field(
        None, description="Dispatch: levels an urgent matter is reported to at once."
    )
    whistle: Slug | None = Field(None, description="Dispatch: a whistle kind id.")
    flag: Slug | None = Field(None, description="A decision flag this rule raises when it fires.")
    states: Slug | None = Field(
        None, description="What the rule states when it fires ('safeguard': the risk's safeguard); its reason "
                          "says it, so it takes effect whenever it fires.")
    text: Text = Field(description="One sentence of Chinese; {placeholders} are filled in.")
    basis: Text = Field(description="The policy clause the rule rests on, shown in reasons.")
    note: Text | None = None


class RulesFile(Strict):
    """A file of rules for one stage of a decision."""

    stage: Slug = Field(description="grading, leveling, dispatch (events) or oversight (tasks).")
    rules: list[Rule] = Field(min_length=1)


__all__ = ["Basis", "CONDITION_SCHEMA", "Deadlines", "Rule", "RuleId", "RulesFile"]
