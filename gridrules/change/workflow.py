"""An approving body's decisions on its list (the joint meeting's, in Dazu), written into a pack folder.

``approve`` adds an application's item to ``admission/items.yaml`` under the
next code, with its provenance (session, date, application, and the override
reason when the meeting approved despite a blocking finding) -- refused when the
same meeting, or a later one, rejected it; ``reject`` records a rejection; ``amend`` changes an item's hours, subsidy, activities,
owners, frequency, end date or training; ``withdraw`` ends an item from a date.
Each is recorded in ``history.yaml`` with the decision behind it and bumps the
pack's version (``changelog``), and each is written by ``packwrite`` --
locked, validated whole before anything is written, all or nothing.

A change the rules do not allow raises ``Refused`` (the command exits 1) and
leaves the pack exactly as it was.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from gridrules.catalogue import t
from gridrules.catalogue.fields import field_label
from gridrules.catalogue.humane import session_words
from gridrules.change import history as changelog
from gridrules.contract.application import Application
from gridrules.lang.parse import suggest
from gridrules.errors import InputError, NotFound, Problem, RecordedOtherwise, Refused, model_problems
from gridrules.pack.model.lists import AdmissionItem
from gridrules.pack.names import describe, resolve
from gridrules.pack.pack import Pack
from gridrules.change.dated import effective_date, follows
from gridrules.change.outcome import Outcome, run_decision
from gridrules.change.store import LOCK_TIMEOUT, Draft
from gridrules.change.review import (
    ApplicationReview,
    Finding,
    field_name,
    next_item_code,
    proposal_of_item,
    recommendation_of,
    review,
    review_application,
    review_texts,
)
from gridrules.decide.texts import fill
from gridrules.pack.layout import BODIES, ITEMS

# What an item cannot be written without, override or not.
ITEM_NEEDS = ("item", "applicant", "duty", "activities", "frequency", "hours_per_month", "start")
AMENDABLE = ("hours_per_month", "subsidy", "activities", "owners", "frequency", "end", "training_owner", "training_plan",
             "towns")



def _now(pack: Pack) -> datetime:
    return datetime.now(pack.tz)


def _decided(pack: Pack, app_id: str) -> AdmissionItem | None:
    return next((i for i in pack.items if i.approval.application == app_id), None)


def _review_record(found: ApplicationReview) -> dict:
    return {"recommendation": found.recommendation, "blocking": [f.id for f in found.blocking]}


def _check_blocking(found: list[Finding], override: str | None, what: str, review: ApplicationReview | None = None) -> None:
    hard = [f for f in found if not f.overridable]
    if hard:
        raise Refused(t("refuse.not_overridable", what=what, count=len(hard)), review, hard)
    if found and not override:
        raise Refused(t("refuse.blocking", what=what, count=len(found)), review, found, overridable=True)


# --- approve and reject --------------------------------------------------------------------------


def approve(pack_dir, app: Application, session: str, on: date, override: str | None = None,
            recorded_at: datetime | None = None, timeout: float = LOCK_TIMEOUT,
            effective: date | None = None, once: bool = False) -> Outcome:
    """Write the application's item into the list: the joint meeting approved it, with effect
    from ``effective`` (default: ``approval_effective``: the start the application asks for, never before
    the decision).  ``once``: the application
    is filed as decided already (the service's): this very approval retried is answered, any
    other decision refused (``_refuse_decided``) -- not taken as a later meeting's reconsideration."""

    def propose(draft: Draft):
        pack = draft.pack
        effective_date(pack, on, effective, recorded_at)
        start = approval_effective(app, on, effective)
        app_ = app if start is None or start == app.start else _starting(app, start)
        listed = _decided(pack, app.id)
        if listed is not None:
            pairs = _approved_pairs(listed, app_, session, on)
            differs = changelog.differing(pairs, ITEMS)
            same = _same_approval(pack, app.id, session, on) if not differs else None
            if same is not None:  # the same decision retried (its writer killed before it answered): recorded once
                return same, None, False
            # another application under a number used (not only another meeting's decision): a new number
            other = any(recorded != asked for name, (recorded, asked) in pairs.items() if name not in ("session", "date", "from"))
            raise RecordedOtherwise(t("refuse.already_listed", app=app.id, item=listed.id) + differs
                                    + (t("refuse.new_app_id") if other else ""),
                                    changelog.differences(pairs, APPROVAL_NAMES))
        if once:
            _refuse_decided(pack, app.id)
        _refuse_rejected(pack, app.id, session, on)
        found = review_application(pack, app if effective is None else app_, on)  # the start asked, if not set
        _check_blocking(found.blocking, override, t("refuse.cannot_approve", app=app.id), found)
        missing = [f for f in ITEM_NEEDS if getattr(app_, f) in (None, "", [])]
        if missing:
            names = "、".join(field_name(pack, f) for f in missing)
            raise Refused(t("refuse.item_needs", fields=", ".join(missing), names=names), found)
        body, unit = pack.scopes.body_for(app.applicant or "")
        code = next_item_code(pack, body)
        if code is None:
            raise Refused(t("refuse.no_prefix", file=BODIES))
        used = override if found.blocking else None
        item = _new_item(pack, app_, code, session, on, used) | pack.scopes.item_written(body, unit)
        editor = draft.editor(ITEMS)
        editor.append(("items",), item)
        draft.save(editor)
        change = changelog.record(
            draft, "approve", code, changelog.decided_by(pack, app.applicant or "", on, session, item["effective"]["from"]),
            recorded_at or _now(pack),
            name=app.item, application=app.id, review=_review_record(found), override=used,
        )
        return change, found, bool(override) and used is None

    return run_decision(pack_dir, "approve", propose, timeout)


# an approval's fields (items.yaml's) as the request and the application it decides name them
APPROVAL_NAMES = {"name": "item", "owners": "applicant", "from": "start"}


def _approved_pairs(item: AdmissionItem, app: Application, session: str, on: date) -> dict[str, tuple[Any, Any]]:
    """The fields of ``item``, as approved (its amendments apart), and what ``app`` asks of each: they
    all agree when this approval is the one ``item`` records (a retried decision on the same
    application), not another application given the same number or another meeting's."""
    return {
        "session": (item.approval.session, session), "date": (item.approval.date, on), "name": (item.name, app.item),
        "duty": (item.duty, app.duty), "owners": (item.owners[:1], [app.applicant]),
        "activities": (list(item.activities), list(app.activities or [])),
        "hours_per_month": (item.hours_per_month, app.hours_per_month), "subsidy": (item.subsidy, app.subsidy),
        "from": (item.effective.from_, app.start), "content": (item.content, app.content)}


def _same_approval(pack: Pack, app_id: str, session: str, on: date) -> dict | None:
    """The history entry of the application's approval when it is this decision (same session, same day);
    None for another meeting's, or for an item written by hand with this application (none recorded)."""
    found = recorded(pack, app_id)
    decision = (found.change.get("decision") or {}) if found is not None and found.action == "approve" else {}
    if found is None or (decision.get("session"), decision.get("date")) != (session, on.isoformat()):
        return None
    return found.change | {"_digests": (found.previous_digest, found.digest)}


def recorded(pack: Pack, app_id: str) -> Outcome | None:
    """The last approval or rejection ``pack``'s history records on application ``app_id``, as the
    outcome its writer answered with (None: the pack records no decision on it)."""
    changes = pack.history.changes
    for index in range(len(changes) - 1, -1, -1):
        change = changes[index]
        if change.application == app_id and change.action in ("approve", "reject"):
            entry = changelog.found_entry(pack, index)
            previous, after = entry.pop("_digests")
            return Outcome(change.action, change.target, entry, previous, after)
    return None


def _refuse_rejected(pack: Pack, app_id: str, session: str, on: date) -> None:
    """An approval reconsiders an earlier meeting's rejection; the same meeting's, or a later one's, stands."""
    for change in pack.history.changes:
        decision = change.decision
        if change.action == "reject" and change.application == app_id and decision is not None \
                and (decision.session == session or decision.date >= on):
            raise RecordedOtherwise(t("refuse.already_rejected", app=app_id, session=session_words(decision.session or ""),
                            date=decision.date))


def _refuse_decided(pack: Pack, app_id: str) -> None:
    """An application decided once (``once``) is not decided again: refused, naming the decision recorded."""
    found = recorded(pack, app_id)
    if found is None:  # filed as decided, and the pack records no decision on it (a pack put back from a copy)
        raise RecordedOtherwise(t("refuse.decided_unrecorded", app=app_id))
    decision = found.change.get("decision") or {}
    raise RecordedOtherwise(t("refuse.decided_once", app=app_id, action=t(f"action.{found.action}"),
                    session=session_words(decision.get("session", "")), date=decision.get("date", "")))


def approval_effective(app: Application, on: date, effective: date | None = None) -> date | None:
    """The day an approval decided on ``on`` takes effect: ``effective`` when given, else the start the
    application asks for -- or the decision's day when that start has passed (an item is not in force before
    it was decided: ``--effective`` before ``--date`` is refused, and the default is no different); None
    when the application gives no start (its approval is refused for it)."""
    if effective is not None:
        return effective
    return on if app.start is not None and app.start < on else app.start


def _starting(app: Application, effective: date) -> Application:
    if app.end is not None and app.end < effective:
        raise InputError(Problem(t("change.app_ends_early", end=app.end, effective=effective), field="--effective"))
    return app.model_copy(update={"start": effective})


def _new_item(pack: Pack, app: Application, code: str, session: str, on: date, override: str | None) -> dict:
    approval = {"session": session, "date": on, "application": app.id, "override": override}
    training = {"owner": app.training.owner, "plan": app.training.plan} if app.training else {}
    body, _ = pack.scopes.body_for(app.applicant or "")
    basis = fill(review_texts(pack).item_basis, {"session": session, "date": str(on), "application": app.id,
                                                  "body": body.name if body else ""})
    item = {
        "id": code,
        "name": app.item,
        "duty": app.duty,
        "owners": [app.applicant],
        "activities": list(app.activities or []),
        "categories": list(app.categories or []) or None,
        "frequency": app.frequency,
        "hours_per_month": app.hours_per_month,
        "subsidy": app.subsidy,
        "training": {k: v for k, v in training.items() if v} or None,
        "risk": app.risk,
        "towns": "all",
        "effective": {"from": app.start, "to": app.end},
        "approval": approval,
        "content": app.content,
        "legal_basis": app.basis,
        "basis": basis,
    }
    return _clean(item)


def _clean(value: Any) -> Any:
    """Drop keys whose value is None, at every level."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if v is not None}
    return value


def reject(pack_dir, app: Application, session: str, on: date, reason: str | None = None,
           recorded_at: datetime | None = None, timeout: float = LOCK_TIMEOUT, once: bool = False) -> Outcome:
    """Record that the joint meeting rejected the application (the list does not change); ``once``
    as ``approve``'s: a rejection retried is answered, another meeting's refused."""

    def propose(draft: Draft):
        pack = draft.pack
        effective_date(pack, on, None, recorded_at)
        listed = _decided(pack, app.id)
        if listed is not None:
            raise RecordedOtherwise(t("refuse.already_listed_withdraw", app=app.id, item=listed.id))
        found = review_application(pack, app, on)
        same = changelog.retried(pack, "reject", app.id, on, session=session)
        if same is not None:
            return same, found, False
        if once:
            _refuse_decided(pack, app.id)
        change = changelog.record(
            draft, "reject", app.id, changelog.decided_by(pack, app.applicant or "", on, session), recorded_at or _now(pack),
            name=app.item, application=app.id, review=_review_record(found), reason=reason,
        )
        return change, found, False

    return run_decision(pack_dir, "reject", propose, timeout)


# --- amend and withdraw --------------------------------------------------------------------------------


def _item(pack: Pack, code: str) -> tuple[int, AdmissionItem]:
    for index, item in enumerate(pack.items):
        if item.id == code:
            return index, item
    # an item named by its name (or a short form of it) is pointed to its code: the record is by code
    named = resolve(pack, "item", code)
    meant = pack.items_by_id.get(named.id) if named.id is not None else None
    hint: str | None
    shown: str | None
    if meant is not None:
        hint, shown = meant.id, describe(pack, "item", meant.id)
    elif named.hint is not None:
        hint, shown = named.hint.id, named.hint.shown
    else:
        hint, shown = suggest(code.upper(), pack.items_by_id), None
    raise NotFound(Problem(t("input.unknown_ref", what=t("kind.item"), value=code), field="ITEM",
                           hint=hint, hint_shown=shown))


def _check_decision_date(item: AdmissionItem, on: date, effective: date) -> None:
    if item.withdrawal is not None:
        raise Refused(t("refuse.withdrawn", item=item.id, date=item.withdrawal.date,
                        session=session_words(item.withdrawal.session)))
    if on < item.approval.date:
        raise Refused(t("refuse.decided_before", item=item.id, date=item.approval.date, on=on))
    follows(item.id, item.in_force, on, effective)


def _check_effect_follows(pack: Pack, item: AdmissionItem, on: date, effective: date, session: str,
                          asked: list[str] | None) -> None:
    """Refused when a change decided on ``on`` would take effect before the item's last recorded change:
    naming that change (its meeting, day and the fields it set) and this one (``asked``: the fields an
    amendment sets; None: a withdrawal), and the fields both set."""
    last = item.in_force.changes[-1]
    if effective >= last.effective:
        return
    versions = pack.item_versions[item.id]
    if last.version == 0:
        made, kind, fields = item.approval, "approval", []
    else:
        made, kind = item.amendments[last.version - 1], "amendment"
        before, then = (versions[k].model_dump(mode="json", by_alias=True, exclude_none=True)
                        for k in (last.version - 1, last.version))
        changed = {k: then.get(k) for k in dict.fromkeys([*before, *then]) if _plain(before.get(k)) != _plain(then.get(k))}
        fields = [c["field"] for c in field_changes(before, changed)]
    new = t("refuse.change_amendment" if asked is not None else "refuse.change_withdrawal", session=session_words(session),
            date=on)
    shown = lambda names: t("words.list_sep").join(field_label(f, ITEMS) for f in names)  # noqa: E731
    both = [f for f in fields if f in (asked or [])]
    raise Refused(t("refuse.effect_before_last", item=item.id, effective=effective, last_effective=last.effective,
                    last=t(f"refuse.change_{kind}", session=session_words(made.session), date=made.date),
                    last_fields=t("refuse.change_fields", fields=shown(fields)) if fields else "", new=new,
                    fields=t("refuse.change_fields", fields=shown(asked)) if asked else "",
                    both=t("refuse.change_both", fields=shown(both)) if both else ""))


def _known_codes(pack: Pack, option: str, values: list[str], kind: str) -> list[str]:
    """``values`` (ids or names) as ids of the pack's ``kind``; an unknown or ambiguous one is an error."""
    found = [resolve(pack, kind, v) for v in values]
    problems = [Problem(r.message, field=option, hint=r.hint.id if r.hint else None,
                        hint_shown=r.hint.shown if r.hint else None) for r in found if r.id is None]
    if problems:
        raise InputError(problems)
    return [r.id for r in found if r.id is not None]


def _same_meeting(pack: Pack, item: AdmissionItem, named: dict[str, Any], session: str, on: date,
                  effective: date | None) -> dict | None:
    """The history entry of this very amendment retried (the meeting's amendment of ``on``, from the same
    first day, set the terms as ``named`` asks), whatever was decided since; None when the meeting made
    no such amendment.  One that set a field asked otherwise now is refused: the same decision cannot
    say two things (another field is another amendment of that meeting)."""
    nth = 0  # of the meeting's amendments of that day
    for k, made in enumerate(item.amendments, 1):
        if (made.session, made.date, made.effective or made.date) != (session, on, effective or on):
            continue
        versions = pack.item_versions[item.id]
        asked = amended(pack, versions[k], named)
        if not asked:
            return changelog.retried(pack, "amend", item.id, on, effective, session=session, nth=nth)
        nth += 1
        before = versions[k - 1].model_dump(mode="json", by_alias=True, exclude_none=True)
        then = versions[k].model_dump(mode="json", by_alias=True, exclude_none=True)
        contradicted = [c for c in field_changes(then, asked)
                        if _plain(_part(before, c["field"])) != _plain(_part(then, c["field"]))]
        if contradicted:
            shown = [t("refuse.amend_set", field=field_label(c["field"], ITEMS), then=_shown(c.get("before")),
                       now=_shown(c.get("after"))) for c in contradicted]
            raise RecordedOtherwise(t("refuse.amend_contradicts", item=item.id, session=session_words(session), date=on,
                            fields=t("words.sentence_sep").join(shown)))
    return None


def _part(data: dict, dotted: str) -> Any:
    """``data``'s value at ``effective.to`` or ``subsidy``."""
    value: Any = data
    for key in dotted.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _shown(value: Any) -> str:
    if value is None or value == []:
        return t("words.none")
    return t("words.list_sep").join(map(str, value)) if isinstance(value, list) else str(_plain(value))


def amended(pack: Pack, item: AdmissionItem, changes: dict[str, Any]) -> dict:
    """The item's top-level fields that change, with their new values (plain data)."""
    current = item.model_dump(mode="json", by_alias=True, exclude_none=True)
    new: dict[str, Any] = {}
    for key in ("hours_per_month", "subsidy", "activities", "owners", "frequency", "towns"):
        if key in changes:
            new[key] = changes[key]
    if "end" in changes:
        effective = {"from": current["effective"]["from"]}
        end = changes["end"]
        if end is not None:
            if end < item.effective.from_:
                raise InputError(Problem(t("change.end_before_item", end=end, start=item.effective.from_), field="--end"))
            effective["to"] = end.isoformat()
        new["effective"] = effective
    if "training_owner" in changes or "training_plan" in changes:
        training = dict(current.get("training") or {})
        for part in ("owner", "plan"):
            if f"training_{part}" in changes:
                training[part] = changes[f"training_{part}"]
        new["training"] = {k: v for k, v in training.items() if v}
    return {k: v for k, v in new.items() if _plain(v) != _plain(current.get(k))}


def _plain(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def amend(pack_dir, code: str, changes: dict[str, Any], session: str, on: date, override: str | None = None,
          reason: str | None = None, recorded_at: datetime | None = None, timeout: float = LOCK_TIMEOUT,
          effective: date | None = None) -> Outcome:
    """Change an item's terms from ``effective`` (default: ``on``) by a joint-meeting decision;
    refused if it brings a new blocking finding.  The terms before stay as they were for work
    starting earlier: the amendment is appended with the terms it sets."""
    unknown = set(changes) - set(AMENDABLE)
    if unknown:
        raise InputError(Problem(t("change.cannot_amend", fields=", ".join(sorted(unknown))), field="amend"))
    if not changes:
        raise InputError(Problem(t("change.say_what"), field="amend"))

    def propose(draft: Draft):
        pack = draft.pack
        index, item = _item(pack, code)
        named = dict(changes)
        for option, key in (("--activities", "activities"), ("--owners", "owners")):
            if key in named:
                named[key] = _known_codes(pack, option, named[key], "activity" if key == "activities" else "department")
        if isinstance(named.get("towns"), list):
            named["towns"] = _known_codes(pack, "--towns", named["towns"], "town")
        if named.get("training_owner"):
            named["training_owner"] = _known_codes(pack, "--training-owner", [named["training_owner"]], "department")[0]
        # this meeting's amendment of the day, with the same first day: retried, or contradicted
        same = _same_meeting(pack, item, named, session, on, effective)
        if same is not None:
            return same, None, False
        from_ = effective_date(pack, on, effective, recorded_at)
        current = pack.item_versions[code][-1]  # the terms as the last change left them
        new = amended(pack, current, named)
        if item.withdrawal is None and on >= item.approval.date:  # (else refused for that, below)
            _check_effect_follows(pack, item, on, from_, session, [c["field"] for c in field_changes(
                current.model_dump(mode="json", by_alias=True, exclude_none=True), new)])
        _check_decision_date(item, on, from_)
        if not new:  # the terms already read so: nothing to change
            raise InputError(Problem(t("change.same_values", code=code), field="amend"))
        after = _validated_item(current, new)
        before_review = review(pack, proposal_of_item(current), on, code)
        after_review = review(pack, proposal_of_item(after), on, code)
        had = {f.id for f in before_review.blocking}
        fresh = [f for f in after_review.blocking if f.id not in had]
        # refused for what the amendment brings: its findings, not the item's whole review read as a
        # new application's (which named the item 申请 and gave it the next code)
        _check_blocking(fresh, override, t("change.amend_refused", code=code))
        used = override if fresh else None
        decision = _clean({"session": session, "date": on, "effective": from_ if from_ != on else None,
                           "override": used})
        editor = draft.editor(ITEMS)
        entry = decision | {"terms": _terms(new)}
        if "amendments" in editor.data["items"][index]:
            editor.append(("items", index, "amendments"), entry)
        else:
            editor.insert(("items", index), "amendments", [entry], after="approval")
        draft.save(editor)
        fields = field_changes(current.model_dump(mode="json", by_alias=True, exclude_none=True), new)
        change = changelog.record(
            draft, "amend", code, changelog.item_decided_by(pack, item, on, session, from_), recorded_at or _now(pack),
            # what the amendment brings: its new blocking findings, not those the item had before it
            name=item.name, application=item.approval.application,
            review={"recommendation": recommendation_of(fresh), "blocking": [f.id for f in fresh]},
            override=used, reason=reason, fields=fields,
        )
        return change, after_review, bool(override) and used is None

    return run_decision(pack_dir, "amend", propose, timeout)


def _terms(new: dict[str, Any]) -> dict[str, Any]:
    """An amendment's terms from the item's changed top-level fields (``effective.to`` is ``end``;
    ``end: null`` is kept: it removes the end)."""
    out = {k: v for k, v in new.items() if k != "effective"}
    if "effective" in new:
        out["end"] = new["effective"].get("to")
    return out


def field_changes(old: dict, new: dict) -> list[dict]:
    """What an amendment changed, field by field (``effective.to``, ``training.plan``)."""
    out = []
    for key, after in new.items():
        before = old.get(key)
        if isinstance(after, dict) or isinstance(before, dict):
            b, a = before or {}, after or {}
            out += [_clean({"field": f"{key}.{sub}", "before": b.get(sub), "after": a.get(sub)})
                    for sub in dict.fromkeys([*b, *a]) if _plain(b.get(sub)) != _plain(a.get(sub))]
        else:
            out.append(_clean({"field": key, "before": before, "after": after}))
    return out


def _validated_item(item: AdmissionItem, new: dict) -> AdmissionItem:
    data = item.model_dump(mode="json", by_alias=True, exclude_none=True) | new
    try:
        return AdmissionItem.model_validate(data)
    except ValidationError as exc:
        raise InputError(model_problems(exc)) from None


def withdraw(pack_dir, code: str, session: str, on: date, reason: str | None = None,
             recorded_at: datetime | None = None, timeout: float = LOCK_TIMEOUT,
             effective: date | None = None) -> Outcome:
    """End an item from ``effective`` (default: ``on``): its last day is the day before, so work
    starting then or later is not covered; checks made before ``on`` do not know of it."""

    def propose(draft: Draft):
        pack = draft.pack
        index, item = _item(pack, code)
        if item.withdrawal is not None:  # withdrawn already: this very decision retried, or refused below
            same = changelog.retried(pack, "withdraw", item.id, on, effective, session=session)
            if same is not None:
                return same, None, False
        from_ = effective_date(pack, on, effective, recorded_at)
        if item.withdrawal is None and on >= item.approval.date:  # (else refused for that, below)
            _check_effect_follows(pack, item, on, from_, session, None)
        _check_decision_date(item, on, from_)
        editor = draft.editor(ITEMS)
        after = "amendments" if item.amendments else "approval"
        decision = _clean({"session": session, "date": on, "effective": from_ if from_ != on else None})
        editor.insert(("items", index), "withdrawal", decision, after=after)
        draft.save(editor)
        change = changelog.record(
            draft, "withdraw", code, changelog.item_decided_by(pack, item, on, session, from_), recorded_at or _now(pack),
            name=item.name, application=item.approval.application, reason=reason,
        )
        return change, None, False

    return run_decision(pack_dir, "withdraw", propose, timeout)
