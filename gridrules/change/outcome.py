"""What a recorded decision did (``Outcome``), and the one way a decision is written
(``run_decision``: under the pack's lock, validated whole, all or nothing).

Every change command (the joint meeting's decisions, temporary approvals, training records)
writes through ``run_decision`` and answers with an ``Outcome``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable

from gridrules.change.review import ApplicationReview
from gridrules.change.store import Draft, change_pack, writable_root
from gridrules.errors import ChangeError
from gridrules.pack.pack import Pack


@dataclass
class Outcome:
    """What a recorded decision did."""

    action: str
    target: str
    change: dict  # the history entry, as written
    previous_digest: str
    digest: str
    review: ApplicationReview | None = None
    override_unused: bool = False
    written: bool = True  # False: the same decision was already recorded, nothing was written
    pack: Pack | None = field(default=None, repr=False)  # the pack as written
    notes: list[str] = field(default_factory=list)  # what the recorder should look at (recorded all the same)

    @property
    def version(self) -> str:
        return self.change["version"]

    @property
    def previous_version(self) -> str:
        return self.change["previous_version"]

    def as_dict(self) -> dict:
        return {
            "written": self.written,
            "action": self.action,
            "target": self.target,
            "version": self.version,
            "previous_version": self.previous_version,
            "digest": self.digest,
            "previous_digest": self.previous_digest,
            "change": self.change,
            "review": self.review.model_dump(mode="json") if self.review else None,
            "notes": list(self.notes),
        }


# what a decision's proposal hands back: the history entry, the review it rests on (if any),
# and whether an override was given that no blocking finding needed
Proposed = tuple[object, ApplicationReview | None, bool]


def run_decision(pack_dir: str | os.PathLike[str] | None, action: str, propose: Callable[[Draft], Proposed],
                 timeout: float) -> Outcome:
    """Write a decision under the lock; the history entry as written comes back."""
    root = writable_root(pack_dir)
    result, written = change_pack(root, propose, timeout)
    recorded, found, unused = result
    if written is None:  # already recorded (a retried command): the entry that holds it
        if not isinstance(recorded, dict):  # pragma: no cover - every decision writes at least the history
            raise ChangeError("the decision changed nothing")
        previous, digest = recorded.pop("_digests")  # the pack's before and just after the decision found
        return Outcome(action, recorded["target"], recorded, previous, digest, found, unused, written=False)
    change = written.pack.history.changes[-1].model_dump(mode="json", exclude_none=True)  # as written
    return Outcome(action, change["target"], change, written.previous_digest, written.digest, found, unused,
                   pack=written.pack)
