"""The rule ids a decision of a pack can name among its reasons: what ``--require-tests`` asks a
case for, and what a case's ``rules`` and ``not_rules`` may name (``expected``)."""

from __future__ import annotations

from gridrules.decide.checker import Checker

# Findings admission derives from the fired rules (admission.py's _finding); they
# are named in reasons like rules, so cases can and should exercise them too.
DERIVED_RULES = (
    "admission.list_item_mismatch",
    "admission.temporary_mismatch",
    "admission.unlisted_department",
    "admission.unlisted_town",
)


KIND_ORDER = ("negative", "role", "item", "temporary", "temporary_wrong_town", "temporary_expired",
              "temporary_not_in_force", "temporary_unknown", "derived", "written")


def rules_of(checker: Checker) -> list[str]:
    """Every rule id a decision of this pack can name among its reasons, in the pack's order."""
    pack, compiled = checker.pack, checker.compiled
    place = {f"item.{item.id}": i for i, item in enumerate(pack.items)}
    place |= {f"temporary.{a.ref}": i for i, a in enumerate(pack.approvals)}
    screened = [f"screening.{e.code}" for e in pack.negative if e.screening_words]  # derived per code
    ids = list(compiled.rules) + [r for r in (*DERIVED_RULES, *screened) if r not in compiled.rules]

    def key(rule_id: str) -> tuple:
        rule = compiled.rules.get(rule_id)
        kind = rule.kind if rule is not None else "derived"
        subject = f"temporary.{rule.subject}" if rule is not None and kind.startswith("temporary") else rule_id
        return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER), place.get(subject, 0), ids.index(rule_id)

    return sorted(ids, key=key)
