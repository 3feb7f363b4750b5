"""The Chinese sentences of decisions: templates in the pack, placeholders here.

A pack's texts may use only the placeholders of their kind (checked when the
pack loads, with a did-you-mean); at decision time they are filled from the
facts of the decision.  A placeholder we cannot fill is left visible rather
than guessed.
"""

from __future__ import annotations

import string

EVENT_PLACEHOLDERS = frozenset(
    {
        "type", "type_name", "type_grade_name", "type_level_name", "given_grade_name",
        "grade_name", "level_name", "base_level_name", "effect_grade_name",
        "effect_level_name", "people_involved", "reporters", "recurrences_30d",
        "last_level_name", "assigned_name", "departments", "report_within",
        "whistle_name", "respond_by", "close_by", "feedback_by", "at", "condition",
        "town_name", "handler_name",
    }
)
TASK_PLACEHOLDERS = frozenset(
    {
        "listed_hours", "added_hours", "workload_after", "capacity", "issuer_name",
        "condition", "verdict_name",
    }
)
# admission/rules.yaml: placeholders per template
ADMISSION_PLACEHOLDERS: dict[str, frozenset[str]] = {
    "negative": frozenset({"code", "activity", "activity_name", "forbidden"}),
    "role": frozenset({"role", "role_name", "beyond"}),
    "item": frozenset({"item", "item_name", "owners", "validity", "duty"}),
    "temporary": frozenset({"ref", "town_name", "work", "valid_from", "valid_to"}),
    "temporary_wrong_town": frozenset({"ref", "town_name", "work"}),
    "temporary_expired": frozenset({"ref", "valid_to", "start", "work"}),
    "temporary_not_in_force": frozenset({"ref", "at_date", "work"}),
    "temporary_unknown": frozenset({"named_approval"}),
    "list_item_mismatch": frozenset({"named_item", "named_item_name", "why"}),
    "temporary_mismatch": frozenset({"ref", "work", "why"}),
    "unlisted_department": frozenset({"issuer_name"}),
    "unlisted_town": frozenset({"issuer_name"}),
    "remove_forbidden": frozenset({"activities"}),
    "reassign": frozenset({"roles", "beyond"}),
    "apply": frozenset({"issuer_name", "fields"}),
    "study": frozenset({"issuer_name", "max_days"}),
}


def placeholders(template: str) -> list[str]:
    """The placeholder names a template uses; ValueError if its braces are broken."""
    names = []
    for _, name, spec, conversion in string.Formatter().parse(template):
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise ValueError(f"'{{{name}}}' is not a plain placeholder")
        names.append(name)
    return names


class ReasonCache:
    """Reasons are immutable and repeat: the same rule with the same values gives the
    same sentence.  Keyed by the rule and the values its templates actually use."""

    def __init__(self, limit: int = 10_000):
        self.limit = limit
        self.placeholders: dict[str, tuple[str, ...]] = {}
        self.made: dict[tuple, object] = {}

    def get(self, rule_id: str, text: str, basis: str, values, make):
        names = self.placeholders.get(rule_id)
        if names is None:
            names = self.placeholders[rule_id] = tuple(dict.fromkeys(placeholders(text) + placeholders(basis)))
        key = (rule_id, *[values[n] for n in names])
        found = self.made.get(key)
        if found is None:
            if len(self.made) >= self.limit:
                self.made.clear()
            found = self.made[key] = make(fill(text, values), fill(basis, values))
        return found


class _Keep(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, values: dict) -> str:
    if "{" not in template:
        return template
    if isinstance(values, _Keep) or hasattr(type(values), "__missing__"):
        return template.format_map(values)
    return template.format_map(_Keep(values))
