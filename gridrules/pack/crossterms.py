"""Cross-reference checks of terms over time (``crossref`` calls them for each item and approval).

An item's changes are decided in order (approval, amendments, withdrawal); its amendments take
effect in that order (a withdrawal may end it before an amendment takes effect, which then never
does); an amendment names only codes the pack knows, like the item itself.
"""

from __future__ import annotations

from typing import Any, Callable

from gridrules.catalogue import t
from gridrules.pack.model.inforce import WITHDRAWN
from gridrules.pack.model.lists import AdmissionItem, TemporaryApproval
from gridrules.pack.pack import Pack

Known = Callable[..., Any]


def item_changes(r: Callable[..., None], rel: str, at: tuple, item: AdmissionItem, pack: Pack,
                 activities: Any, known: Known, each_known: Known) -> None:
    """Decision dates and effective dates in order; an amendment's codes known."""
    paths = [at + ("approval",)] + [at + ("amendments", k) for k in range(len(item.amendments))]
    if item.withdrawal is not None:
        paths.append(at + ("withdrawal",))
    changes = item.in_force.changes
    what = lambda c: t("pack.approved" if c.version == 0 else "pack.withdrawn" if c.version == WITHDRAWN else "pack.amended")  # noqa: E731
    for k in range(1, len(changes)):
        before, change = changes[k - 1], changes[k]
        if change.decided < before.decided:
            r(rel, paths[k] + ("date",), t("pack.decided_order", change=what(change), date=change.decided, before=what(before), before_date=before.decided))
        elif change.effective < before.effective and change.version != WITHDRAWN:
            r(rel, paths[k] + ("effective",), t("pack.effective_order", change=what(change), date=change.effective, before_date=before.effective))
    for k, amendment in enumerate(item.amendments):
        terms = amendment.terms
        if terms is None:
            continue
        path = at + ("amendments", k, "terms")
        if terms.owners is not None:
            each_known(r, rel, path + ("owners",), terms.owners, pack.departments, "department")
        if terms.activities is not None:
            each_known(r, rel, path + ("activities",), terms.activities, activities, "activity")
        if terms.categories is not None:
            each_known(r, rel, path + ("categories",), terms.categories, set(pack.admission_policy.categories),
                       "category")
        if terms.training is not None and terms.training.owner is not None:
            known(r, rel, path + ("training", "owner"), terms.training.owner, pack.departments, "department")
        if terms.towns is not None and terms.towns != "all":
            each_known(r, rel, path + ("towns",), terms.towns, pack.towns, "town")
        if terms.end is not None and terms.end < item.effective.from_:
            r(rel, path + ("end",), t("pack.end_before_item", end=terms.end, start=item.effective.from_))


def approval_changes(r: Callable[..., None], rel: str, at: tuple, approval: TemporaryApproval) -> None:
    if approval.withdrawn_on is not None and approval.withdrawn_on < approval.decided_on:
        r(rel, at + ("withdrawn_on",), t("pack.withdrawn_before", withdrawn=approval.withdrawn_on, decided=approval.decided_on))
    if approval.withdrawn_from is not None and approval.withdrawn_on is None:
        r(rel, at + ("withdrawn_from",), t("pack.withdrawn_from_alone"))
