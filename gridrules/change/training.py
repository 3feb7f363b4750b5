"""Recording that an item's training was delivered (费随事转: the owning department trains
the grid workers before they take the work on).

The department that owns the item's training records the day it was delivered;
tasks starting after that day are no longer flagged ``training_pending``.  The day
is written to the item (``training.delivered_on``) and recorded in the history like
every change, by the training department.
"""

from __future__ import annotations

from datetime import date, datetime

from gridrules.catalogue import t
from gridrules.catalogue.humane import session_words
from gridrules.change import history as changelog
from gridrules.change.store import LOCK_TIMEOUT, Draft
from gridrules.change.outcome import Outcome, run_decision
from gridrules.errors import InputError, NotFound, Problem, Refused
from gridrules.lang.parse import suggest
from gridrules.pack.layout import ITEMS


def record_training(pack_dir, code: str, delivered_on: date, reason: str | None = None,
                    recorded_at: datetime | None = None, timeout: float = LOCK_TIMEOUT) -> Outcome:
    """Record that item ``code``'s training was delivered on ``delivered_on`` (never in the future)."""

    def propose(draft: Draft):
        pack = draft.pack
        item = pack.items_by_id.get(code)
        if item is None:
            raise NotFound(Problem(t("input.unknown_ref", what=t("kind.item"), value=code), field="ITEM",
                                   hint=suggest(code, pack.items_by_id)))
        now = recorded_at or datetime.now(pack.tz)
        if delivered_on > now.astimezone(pack.tz).date():
            raise InputError(Problem(t("change.training_future", day=delivered_on), field="--on"))
        withdrawal = item.withdrawal
        # a withdrawal taking effect later leaves the item in force until then: its training still counts
        if withdrawal is not None and (withdrawal.effective or withdrawal.date) <= delivered_on:
            raise Refused(t("refuse.withdrawn", item=code, date=withdrawal.date,
                            session=session_words(withdrawal.session)))
        owner = item.training.owner if item.training is not None else None
        if owner is None:
            raise Refused(t("change.no_training_owner", code=code))
        if item.training is not None and item.training.delivered_on == delivered_on:
            same = changelog.retried(pack, "training", code, delivered_on)  # this very record, retried
            if same is not None:
                return same, None, False
            raise InputError(Problem(t("change.training_recorded", code=code, day=delivered_on), field="--on"))
        earlier = item.training.delivered_on if item.training is not None else None
        if earlier is not None and delivered_on > earlier:
            # trained already (policy: a task is pending until its item's training is delivered before it
            # starts): a later training, a refresher, would make tasks between the two days pending after
            # the fact; an earlier day corrects the record
            raise Refused(t("change.training_already", code=code, day=earlier, on=delivered_on))
        index = pack.items.index(item)
        editor = draft.editor(ITEMS)
        written = editor.data["items"][index]["training"]
        if "delivered_on" in written:
            editor.set(("items", index, "training", "delivered_on"), delivered_on)
        else:
            editor.insert(("items", index, "training"), "delivered_on", delivered_on)
        draft.save(editor)
        before = item.training.delivered_on if item.training is not None else None
        change = changelog.record(
            draft, "training", code, changelog.department_record(owner, delivered_on), now, name=item.name,
            reason=reason, fields=[{"field": "training.delivered_on", "before": before and before.isoformat(),
                                    "after": delivered_on.isoformat()}],
        )
        return change, None, False

    return run_decision(pack_dir, "training", propose, timeout)
