"""The power list: grid activities, roles and what they may do, and the negative list."""

from __future__ import annotations

from pydantic import Field, model_validator

from gridrules.catalogue import t
from gridrules.contract.base import Basis, Code, Hours, Name, Slug, Strict, Text


class Activity(Strict):
    id: Slug
    name: Name
    description: Text | None = None


class ActivitiesFile(Strict):
    """powers/activities.yaml: the verbs of grid work."""

    activities: list[Activity] = Field(min_length=1)


class SpecialPower(Strict):
    id: Slug
    name: Name


class Role(Strict):
    id: Slug
    name: Name
    activities: list[Slug] = Field(description="Grid activities this role may perform.")
    special_powers: list[SpecialPower] = Field(default_factory=list)
    own_hours_limit: Hours | None = Field(
        None, description="The most hours per grid per month one task may give a worker of this role "
                          "(its own share of the grid's capacity); beyond it a task is flagged over_role_capacity.")


class RolesFile(Strict):
    """powers/roles.yaml: the power list (权力清单) of grid roles."""

    basis: Basis
    roles: list[Role] = Field(min_length=1)


class NegativeEntry(Strict):
    """A negative-list entry: a forbidden activity, or a finding of the admission check."""

    code: Code
    activity: Slug | None = Field(None, description="The forbidden activity's id.")
    activity_name: Name | None = None
    finding: Slug | None = Field(
        None, description="For entries that are findings (F08, F09), not activities."
    )
    name: Name | None = None
    forbidden: Text = Field(description="What exactly may not be given to grid workers.")
    screening_words: list[Name] = Field(
        default_factory=list,
        description="Tell-tale words: a task whose title or description (NFKC-normalised) contains one is "
                    "flagged suspected_negative with this code (advisory: it never changes the verdict).")
    screening_exceptions: list[Name] = Field(
        default_factory=list,
        description="Harmless phrases in which this entry's screening words do not count (接收取暖补贴 holds 收取): "
                    "a word found only inside such a phrase, or inside a longer screening word, is no hit; found "
                    "anywhere else, it is. Each must hold one of this entry's words and be longer than it; another "
                    "entry's word inside it still counts.")
    basis: Basis

    @model_validator(mode="after")
    def _activity_or_finding(self) -> "NegativeEntry":
        if (self.activity is None) == (self.finding is None):
            raise ValueError(t("pack.activity_or_finding"))
        if self.activity is not None and not self.activity_name:
            raise ValueError(t("pack.needs_activity_name"))
        if self.finding is not None and not self.name:
            raise ValueError(t("pack.needs_name"))
        return self

    @property
    def title(self) -> str:
        return self.activity_name or self.name or self.code


class NegativeListFile(Strict):
    """powers/negative_list.yaml: work no approval may give to grid workers."""

    entries: list[NegativeEntry] = Field(min_length=1)
    screening_negations: list[Name] = Field(
        default_factory=list,
        description="Negation words (不得, 严禁, 无需): an occurrence of a screening word that one of these ends right "
                    "before, with nothing between (in the text as screened), is no hit, since the task says the work "
                    "is not to be done; 不得向居民收取 still counts. The longest negation ending there is read, and "
                    "it negates nothing when another ends right before it (不得不: a double negation is a duty) or the "
                    "character before it is the word's first (收不收费: a question). A word beginning right where a "
                    "negated one ends is negated with it (不得收取押金). "
                    "A negation may also share its last characters with the word's first (免收 and 收费 in "
                    "免收费用: 免 negates 收费). "
                    "For every entry: negation is the language's, not one entry's.")
    screening_negation_exceptions: list[Name] = Field(
        default_factory=list,
        description="Longer words in which a negation is no negation (无不, 莫不: all, without exception; 难免收: "
                    "unavoidably charging): a negation found inside an occurrence of one of these negates nothing "
                    "there, and a shorter negation ending at the same place is read instead. Each must hold one of "
                    "the screening_negations and be longer than it.")
