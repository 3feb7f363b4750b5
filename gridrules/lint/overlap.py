"""GR105–GR106: list items that cover the same tasks, and which one admits them.

A department's task is covered by an item when the department is one of the
item's owners, every activity of the task is one of the item's, its dates fall
within the item's and the item is in force.  When several items cover a task
that names none, the contract's tie-break decides (``admission._winner``):

1. the fewest activities beyond the task's;
2. then the item that lists the issuing department earliest among its owners;
3. then the lowest code.

Only tasks that could be admitted at all count: their activities must be grid
activities that one role may perform together (a task the negative list or the
power list forbids never reaches the list).  Call these the *admissible* sets.

GR105 (overlap).  Two items overlap when some admissible task is covered by
both: a shared owner, a shared admissible activity, effective dates and
periods in force that meet, and towns in common.  For a task whose activities
are all in both items, ``|A - T| - |B - T| = |A| - |B|``, so the first step of
the tie-break depends only on the items' sizes; the finding says, for each
shared owner, which item wins and at which step.

GR106 (shadowed).  Item A never admits an unnamed task from owner ``d`` when,
for *every* admissible set T within A's activities, some other item of ``d``
covers T wherever A does and beats A in the tie-break.  "Wherever A does" is
judged whole: the other item's effective dates, period in force and towns must
contain A's.  (A cover pieced together from several items over different
periods is not looked for: the check may miss such a case, but never reports
an item that does win somewhere.)  A shadowed item still admits tasks that
name it (``list_item``), so this is a warning, not an error.
"""

from __future__ import annotations

import heapq
import itertools
from datetime import date
from typing import Iterator, Sequence

from gridrules.decide.admission import code_order
from gridrules.pack.model.lists import AdmissionItem
from gridrules.catalogue import t
from gridrules.lint.context import LintContext, joined
from gridrules.lint.findings import Check, Finding

FAR = date.max

OVERLAP = Check("GR105", "item-overlap", "info")
SHADOWED = Check("GR106", "item-shadowed", "warning")

CHECKS = (OVERLAP, SHADOWED)


def admissible_sets(ctx: LintContext, activities: list[str]) -> list[frozenset]:
    """Non-empty sets of these activities that one role may perform (none on the negative list),
    largest first, then in the order the activities are listed: a fixed order, so findings that
    name winners or the widest set read the same in every run (a set's order varies with the
    process's string hashing)."""
    out: set[frozenset] = set()
    for role in ctx.pack.roles.values():
        able = [a for a in activities if a in role.activities and a not in ctx.pack.negative_by_activity]
        for size in range(1, len(able) + 1):
            out.update(frozenset(c) for c in itertools.combinations(able, size))
    return sorted(out, key=lambda task: (-len(task), sorted(activities.index(a) for a in task)))


def _in_force(item: AdmissionItem) -> tuple[date, date]:
    """The moments a check knows of the item: from its approval on (a withdrawal ends the days
    it covers, not the moments it is known)."""
    return item.in_force.since, FAR


def _effective(item: AdmissionItem) -> tuple[date, date]:
    """The days it may cover: from its first day to its last as finally known."""
    return item.effective.from_, item.in_force.last_day(FAR, item.effective.to) or FAR


def _meet(a: tuple[date, date], b: tuple[date, date], half_open: bool) -> bool:
    start, end = max(a[0], b[0]), min(a[1], b[1])
    return start < end if half_open else start <= end


def _contains(outer: tuple[date, date], inner: tuple[date, date]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _towns(item: AdmissionItem) -> set | None:
    return None if item.towns == "all" else set(item.towns)


def meet(a: AdmissionItem, b: AdmissionItem) -> bool:
    """Some task date, some moment in force and some town serve both items."""
    ta, tb = _towns(a), _towns(b)
    towns = ta is None or tb is None or bool(ta & tb)
    return towns and _meet(_effective(a), _effective(b), False) and _meet(_in_force(a), _in_force(b), True)


def contains(outer: AdmissionItem, inner: AdmissionItem) -> bool:
    """``outer`` serves every date, moment and town ``inner`` serves."""
    to, ti = _towns(outer), _towns(inner)
    towns = to is None or (ti is not None and ti <= to)
    return towns and _contains(_effective(outer), _effective(inner)) and _contains(_in_force(outer), _in_force(inner))


def rank(item: AdmissionItem, task: frozenset, dept: str) -> tuple:
    """The contract's tie-break, lowest wins (as admission._winner computes it)."""
    return len(set(item.activities) - task), item.owners.index(dept), code_order(item.id)


def why(ctx: LintContext, win: AdmissionItem, lose: AdmissionItem, task: frozenset, dept: str) -> str:
    """Which step of the tie-break decides between two items covering ``task``, in words."""
    extra_w, extra_l = len(set(win.activities) - task), len(set(lose.activities) - task)
    if extra_w != extra_l:
        return t("finding.why.fewer", win=win.id, extra_win=extra_w, lose=lose.id, extra_lose=extra_l)
    i, j = win.owners.index(dept) + 1, lose.owners.index(dept) + 1
    name = ctx.department(dept)
    if i != j:
        return t("finding.why.owner", extra=extra_w, dept=name, win=win.id, i=i, lose=lose.id, j=j)
    return t("finding.why.code", extra=extra_w, dept=name, i=i, win=win.id)


def run(ctx: LintContext) -> Iterator[Finding]:
    shadowed = list(_shadowed(ctx))
    # an owner for which one item always beats the other is said once, by GR106
    explained = {(f.subject, dept, w.id) for f, dept, winners in shadowed for w in winners}
    yield from _overlaps(ctx, explained)
    for finding, _, _ in shadowed:
        yield finding


def widest_admissible(ctx: LintContext, activities: list[str]) -> frozenset:
    """The largest set of these activities one role may perform (empty: none can be admitted).

    Remembered per list of activities: a province pack asks ~450,000 times about a few hundred lists."""
    key = tuple(activities)
    best = ctx.memo.get(("widest", key))
    if best is None:
        best = frozenset()
        for role in ctx.pack.roles.values():
            able = frozenset(a for a in activities if a in role.activities and a not in ctx.pack.negative_by_activity)
            if len(able) > len(best):
                best = able
        ctx.memo[("widest", key)] = best
    return best


# Overlaps said one by one per item; the rest are counted (a list where one department owns
# 10,000 items overlaps in ~50 million pairs: one finding each took 6 GB and never ended).
SHOWN = 3
MORE = 10  # the codes of further overlapping items named in the count


def _profile(item: AdmissionItem) -> tuple:
    """What decides whether an item overlaps another, besides the other item: two items of
    one profile overlap the same items (lint's work grows with profiles, not pairs of items)."""
    towns = None if item.towns == "all" else frozenset(item.towns)
    return tuple(item.owners), tuple(item.activities), towns, _effective(item), _in_force(item)


def _overlap(ctx: LintContext, a: AdmissionItem, b: AdmissionItem) -> frozenset:
    """The widest admissible task both items cover (empty: they do not overlap)."""
    if not any(d in a.owners for d in b.owners) or not meet(a, b):
        return frozenset()
    return widest_admissible(ctx, [x for x in a.activities if x in b.activities])


def _overlaps(ctx: LintContext, explained: set[tuple[str | None, str, str]]) -> Iterator[Finding]:
    groups: dict[tuple, list[tuple[int, AdmissionItem]]] = {}  # profile -> earlier items, in file order
    by_owner: dict[str, list[tuple]] = {}  # owner -> profiles of earlier items it owns
    for position, b in enumerate(ctx.pack.items):
        profiles = dict.fromkeys(p for d in b.owners for p in by_owner.get(d, ()))
        met = [groups[p] for p in profiles if _overlap(ctx, groups[p][0][1], b)]
        earlier = heapq.merge(*met)  # every earlier item b overlaps, in file order
        shown, looked = 0, 0
        for _, a in earlier:
            looked += 1
            finding = _pair(ctx, a, b, explained)
            if finding is not None:
                yield finding
                shown += 1
                if shown == SHOWN:
                    break
        rest = sum(len(group) for group in met) - looked
        if rest > 0:
            named = [a.id for _, a in itertools.islice(earlier, MORE)]
            etc = t("finding.etc") if rest > len(named) else ""
            yield ctx.finding(OVERLAP, t("finding.overlap.more", item=ctx.item(b.id), rest=rest, named=joined(named), etc=etc),
                *ctx.item_place(b.id), subject=b.id)
        profile = _profile(b)
        if profile not in groups:
            groups[profile] = []
            for d in b.owners:
                by_owner.setdefault(d, []).append(profile)
        groups[profile].append((position, b))


def _pair(ctx: LintContext, a: AdmissionItem, b: AdmissionItem,
          explained: set[tuple[str | None, str, str]]) -> Finding | None:
    """GR105 for two overlapping items (None: GR106 says it all)."""
    common = [x for x in a.activities if x in b.activities]
    widest = widest_admissible(ctx, common)
    shared = [d for d in b.owners if d in a.owners]
    clauses, depts = [], []
    for dept in shared:
        win, lose = sorted((a, b), key=lambda item: rank(item, widest, dept))
        if (lose.id, dept, win.id) in explained:
            continue
        depts.append(dept)
        clauses.append(t("finding.overlap.clause", dept=ctx.department(dept), win=win.id,
                         why=why(ctx, win, lose, widest, dept)))
    if not clauses:
        return None
    message = t("finding.overlap", item=ctx.item(b.id), other=ctx.item(a.id), depts=joined(ctx.department(d) for d in depts),
                activities=ctx.activities(sorted(widest, key=common.index)), clauses=t("finding.clause_sep").join(clauses))
    return ctx.finding(OVERLAP, message, *ctx.item_place(b.id), subject=b.id,
                       related=[(t("finding.related.item", id=a.id), ctx.where(*ctx.item_place(a.id)))])


def _rival_groups(items: Sequence[AdmissionItem]) -> dict[str, list[list[AdmissionItem]]]:
    """Per owner, its items grouped by what ranks them and where they serve (activities, the
    owner's place, towns, dates), each group lowest code first: in a group only the first
    (or, for its own member, the next) can win a tie-break."""
    groups: dict[str, dict[tuple, list[AdmissionItem]]] = {}
    for item in items:
        rest = _profile(item)[1:]
        for i, dept in enumerate(item.owners):
            groups.setdefault(dept, {}).setdefault((frozenset(item.activities), i, *rest), []).append(item)
    return {dept: [sorted(g, key=lambda item: code_order(item.id)) for g in per.values()]
            for dept, per in groups.items()}


def _shadowed(ctx: LintContext) -> Iterator[tuple[Finding, str, list[AdmissionItem]]]:
    items = ctx.pack.items
    groups = _rival_groups(items)
    for a in items:
        tasks = admissible_sets(ctx, a.activities)
        if not tasks:
            continue  # nothing it lists can be admitted: GR101/GR102 say why
        lost: list[tuple[str, list[AdmissionItem]]] = []
        for dept in a.owners:
            # the best rival of each group that serves wherever a does
            rivals = []
            for group in groups[dept]:
                best = group[0] if group[0] is not a else (group[1] if len(group) > 1 else None)
                if best is not None and contains(best, a):
                    rivals.append((frozenset(best.activities), best))
            winners: list[AdmissionItem] = []
            for task in tasks:
                best = min([b for acts, b in rivals if task <= acts] + [a], key=lambda item: rank(item, task, dept))
                if best is a:
                    break
                if best not in winners:
                    winners.append(best)
            else:
                lost.append((dept, winners))
        for dept, winners in lost:
            widest = max(tasks, key=len)
            reason = t("finding.reason", why=why(ctx, winners[0], a, widest, dept)) if len(winners) == 1 else ""
            message = t("finding.shadowed", dept=ctx.department(dept), item=ctx.item(a.id),
                        winners=joined(w.id for w in winners), reason=reason, id=a.id)
            related = [(t("finding.related.item", id=w.id), ctx.where(*ctx.item_place(w.id))) for w in winners]
            yield ctx.finding(SHADOWED, message, *ctx.item_place(a.id), subject=a.id, related=related), dept, winners
