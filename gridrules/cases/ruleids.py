"""The rule ids a decision of a pack can name among its reasons: what ``--require-tests`` asks a
case for, and what a case's ``rules`` and ``not_rules`` may name (``expected``)."""

from __future__ import annotations

from gridrules.decide.checker import Checker
from gridrules.pack.model.inforce import WITHDRAWN

# Findings admission derives from the fired rules (admission.py's _finding); they
# are named in reasons like rules, so cases can and should exercise them too.
DERIVED_RULES = (
    "admission.list_item_mismatch",
    "admission.temporary_mismatch",
    "admission.unlisted_department",
    "admission.unlisted_town",
)


# Findings a pack's decision names only when the pack words them and its items can give rise to them:
# an item covering a department's task from a later day (a change taking effect after it was decided),
# or ending before the task does (an item with a last day: an end date or a withdrawal).
DATED_RULES = ("admission.unlisted_pending", "admission.unlisted_ends")


def dated_rules(pack) -> list[str]:
    """Which of ``DATED_RULES`` a decision of ``pack`` can name."""
    texts, found = pack.texts, []
    if texts.unlisted_pending is not None and any(
            c.version != WITHDRAWN and c.effective > c.decided for i in pack.items for c in i.in_force.changes):
        found.append("admission.unlisted_pending")
    if texts.unlisted_ends is not None and any(
            i.withdrawal is not None or any(v.effective.to is not None for v in pack.item_versions[i.id])
            for i in pack.items):
        found.append("admission.unlisted_ends")
    return found


KIND_ORDER = ("negative", "role", "item", "temporary", "temporary_wrong_town", "temporary_expired",
              "temporary_not_in_force", "temporary_unknown", "derived", "written")


def rules_of(checker: Checker) -> list[str]:
    """Every rule id a decision of this pack can name among its reasons, in the pack's order."""
    pack, compiled = checker.pack, checker.compiled
    place = {f"item.{item.id}": i for i, item in enumerate(pack.items)}
    place |= {f"temporary.{a.ref}": i for i, a in enumerate(pack.approvals)}
    screened = [f"screening.{e.code}" for e in pack.negative if e.screening_words]  # derived per code
    derived = (*DERIVED_RULES, *dated_rules(pack), *screened)
    ids = list(compiled.rules) + [r for r in derived if r not in compiled.rules]

    def key(rule_id: str) -> tuple:
        rule = compiled.rules.get(rule_id)
        kind = rule.kind if rule is not None else "derived"
        subject = f"temporary.{rule.subject}" if rule is not None and kind.startswith("temporary") else rule_id
        return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER), place.get(subject, 0), ids.index(rule_id)

    return sorted(ids, key=key)
