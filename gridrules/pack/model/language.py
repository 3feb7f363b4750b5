"""language.yaml: how a rule's condition reads in Chinese, and what each fact field is called.

Reasons quote a rule's condition (the ``{condition}`` placeholder), and
``gridrules lint`` and the decision cases show conditions too: the condition
language (``gridrules.lang``) decides the structure, this file the words.  The
fields to name are those of the contract's facts (``contract/facts.py``), so
the schema lists them: a field without a label, or a label for a field that
does not exist, is refused when the pack loads.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, PrivateAttr, create_model, model_validator

from gridrules.catalogue import t
from gridrules.contract.base import Name, Slug, Strict, Text
from gridrules.contract.facts import STAGES, FactField
from gridrules.pack.model.templates import allows

FieldText = Annotated[Text, allows("field")]
TestText = Annotated[Text, allows("field", "value")]


class OperatorWords(Strict):
    """How ``field op value`` reads, for each operator of the condition language."""

    eq: TestText
    ne: TestText
    gt: TestText
    gte: TestText
    lt: TestText
    lte: TestText
    in_: TestText = Field(alias="in")
    not_in: TestText
    includes: TestText = Field(description="A list field holds one of the values.")
    excludes: TestText = Field(description="A list field holds none of the values.")
    all_in: TestText = Field(description="Every element of a list field is one of the values (generated rules).")
    any_not_in: TestText = Field(description="Some element of a list field is none of the values (generated rules).")


class ConditionWords(Strict):
    """The words a condition is read with."""

    always: Name = Field(description="The condition that always holds.")
    never: Name = Field(description="The condition that never holds.")
    all: Name = Field(description="Written between the parts of all: [...] (and of several fields in one mapping).")
    any: Name = Field(description="Written between the parts of any: [...].")
    not_: Annotated[Text, allows("condition")] = Field(alias="not")
    values: Name = Field(description="Written between the values of a list (in: [...], several levels).")
    exists: FieldText = Field(description="An optional field is given (exists: true).")
    missing: FieldText = Field(description="An optional field is not given (exists: false).")
    is_true: FieldText = Field(description="A true/false field is true.")
    is_false: FieldText = Field(description="A true/false field is false.")
    operators: OperatorWords

    def operator(self, op: str) -> str:
        return str(getattr(self.operators, "in_" if op == "in" else op))


def _fields_of(decision: str) -> dict[str, FactField]:
    """Every fact field of a decision's stages, in the order the stages list them."""
    out: dict[str, FactField] = {}
    for stage in STAGES.values():
        if stage.decision == decision:
            for name, field in stage.fields.items():
                out.setdefault(name, field)
    return out


def _labels_model(decision: str) -> Any:
    fields = {
        name: (Name, Field(description=f"{field.kind}{', optional' if field.optional else ''}"))
        for name, field in _fields_of(decision).items()
    }
    return create_model(  # type: ignore[call-overload]
        f"{decision.capitalize()}FieldLabels",
        __base__=Strict,
        __doc__=f"What each field of a {decision} decision's facts is called in a rendered condition.",
        **fields,
    )


TaskFieldLabels = _labels_model("task")
EventFieldLabels = _labels_model("event")


class FieldLabels(Strict):
    task: TaskFieldLabels  # type: ignore[valid-type]
    event: EventFieldLabels  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _shared_fields_read_alike(self) -> "FieldLabels":
        task, event = _fields_of("task"), _fields_of("event")
        for name, field in task.items():
            if event.get(name) == field and getattr(self.task, name) != getattr(self.event, name):
                raise ValueError(t("pack.same_label", name=name))
        return self


class DeclaredFlag(Strict):
    """A flag of the deployment's own, beside the contract's: a written rule may raise it."""

    id: Slug = Field(description="Its id, as decisions list it (micro_grid_response).")
    name: Name = Field(description="What it is called (微网格应急响应).")


class DeclaredFact(Strict):
    """A fact of the deployment's own that an input may carry (``facts:``) and a rule may test."""

    id: Slug = Field(description="Its name in an input's facts and in rules (micro_grid_responded).")
    kind: Literal["bool", "number", "enum"]
    name: Name = Field(description="What it is called in a rendered condition (微网格已先行响应).")
    values: list[Slug] = Field(default_factory=list, description="An enum's values (required for enum).")

    @model_validator(mode="after")
    def _values_for_enums(self) -> "DeclaredFact":
        if (self.kind == "enum") != bool(self.values):
            raise ValueError(t("pack.enum_values"))
        return self

    @property
    def field(self) -> FactField:
        """It as a fact field: never missing (an input that leaves it out has false, 0 or "")."""
        return FactField(self.id, self.kind, tuple(self.values) if self.kind == "enum" else "")

    @property
    def default(self) -> Any:
        return {"bool": False, "number": 0, "enum": ""}[self.kind]


class DeclaredFacts(Strict):
    task: list[DeclaredFact] = Field(default_factory=list)
    event: list[DeclaredFact] = Field(default_factory=list)


class DeclaredFlags(Strict):
    task: list[DeclaredFlag] = Field(default_factory=list)
    event: list[DeclaredFlag] = Field(default_factory=list)


class LanguageFile(Strict):
    """language.yaml: the words of rendered conditions, the names of fact fields, and the
    pack's own flags."""

    conditions: ConditionWords
    fields: FieldLabels
    flags: DeclaredFlags = Field(
        default_factory=DeclaredFlags,
        description="Flags a written rule may raise besides the contract's; decisions list them after the contract's.",
    )
    facts: DeclaredFacts = Field(
        default_factory=DeclaredFacts,
        description="Facts an input may carry besides the contract's (its facts: map), for rules to test.",
    )
    _labels: dict[FactField, str] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any) -> None:
        for stage in STAGES.values():
            labels = getattr(self.fields, stage.decision)
            for name, field in stage.fields.items():
                self._labels[field] = getattr(labels, name)
        for fact in (*self.facts.task, *self.facts.event):
            self._labels.setdefault(fact.field, fact.name)

    def label(self, field: FactField) -> str:
        """What ``field`` is called (``reporters`` -> 反映人数)."""
        return self._labels[field]
