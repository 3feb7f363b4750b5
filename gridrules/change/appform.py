"""Application documents: the blank form a clerk fills in, and reading a filled one.

The form (``gridrules admission new``) is YAML with a comment above each field
saying what to write and listing the codes the pack knows, so a clerk needs
nothing else open.  The words are the pack's (admission/form.yaml); the YAML
shape of each field is the application's.  Left blank, a field is reported by
the review as missing; only a malformed document (a wrong type, an unknown
field) is refused outright.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from gridrules.catalogue import english, t
from gridrules.catalogue.fields import field_label
from gridrules.contract.application import Application
from gridrules.errors import InputError, Problem
from gridrules.decide.inputs import Inputs, parse_model
from gridrules.pack.model.form import FormOptions, FormPrompts
from gridrules.pack.names import APPLICATION_FIELDS, resolve
from gridrules.pack.pack import Pack
from gridrules.change.review import field_name
from gridrules.change.yamledit import scalar, width
from gridrules.pack.yamlsrc import Document


def validate_application(raw: Any, doc: Document | None = None, source: str | None = None,
                         pack: Pack | None = None) -> Application:
    """A well-formed application (unknown codes are the review's business, not errors); with
    ``pack``, departments and activities may be given by name (read as their ids)."""
    found = Inputs(doc, source)
    if pack is not None:  # an unknown id is left for the review to report; a name that names nothing is a problem
        raw = found.names(pack, raw, APPLICATION_FIELDS, leave_ids=True)
    app = parse_model(Application, raw, found, "application")
    found.raise_if_any()
    return app  # type: ignore[return-value]


def differing_fields(filed: Application, sent: Application) -> list[str]:
    """The fields in which ``sent`` is not the application ``filed`` under its id: [] when it is the
    same application sent again (a retry after a timeout, a form sent back), not another one."""
    return [name for name in Application.model_fields if getattr(filed, name) != getattr(sent, name)]


def differing(filed: Application, sent: Application, pack: Pack | None = None) -> str:
    """Why ``sent`` is not ``filed`` sent again: the fields that differ, named as the pack's form names
    them (as ``field_label`` names a field: with its id; in English the id alone), '' when none does."""
    names = [_labelled(pack, name) for name in differing_fields(filed, sent)]
    return t("refuse.app_differs", fields=t("words.list_sep").join(names)) if names else ""


def _labelled(pack: Pack | None, name: str) -> str:
    found = field_name(pack, name) if pack is not None and not english() else name
    return f"{found}（{name}）" if found != name else field_label(name)


def default_id(now: datetime) -> str:
    return f"APP-{now:%Y%m%d-%H%M%S}"


def _wrapped(entries: list[str], between: str, lead: str = "") -> list[str]:
    """Comment lines listing ``entries``, never splitting one across lines."""
    lines, current = [], lead
    for entry in entries:
        piece = entry if current in ("", lead) else between + entry
        if current not in ("", lead) and width(current + piece) > 76:
            lines.append(current)
            current, piece = "", entry
        current += piece
    lines.append(current)
    return [f"#   {line}" for line in lines]


def blank_form(pack: Pack, app_id: str, applicant: str | None = None) -> str:
    """The form as YAML text, every field empty except ``id`` (and ``applicant`` if given)."""
    if applicant is not None:
        found = resolve(pack, "department", applicant)
        if found.id is None:
            hint = found.hint
            raise InputError(Problem(found.message, field="--applicant", hint=hint.id if hint else None,
                                     hint_shown=hint.shown if hint else None))
        applicant = found.id
    form = pack.application_form
    title, version = pack.manifest.title, pack.info.version
    lines = [f"# {line.format(title=title, version=version)}" for line in form.heading]
    for field in FormPrompts.model_fields:
        prompt = getattr(form.prompts, field).format(
            name=field_name(pack, field), categories=form.options.between.join(pack.admission_policy.categories))
        lines.append(f"# {prompt}")
        lines.extend(_options(pack, form.options, field))
        lines.extend(_value(field, app_id, applicant))
    return "\n".join(lines) + "\n"


def _options(pack: Pack, options: FormOptions, field: str) -> list[str]:
    """The codes listed under a field's comment."""
    between = options.between
    if field == "applicant":
        return _wrapped([options.department.format(id=d.id, name=d.name) for d in pack.departments.values()], between)
    if field == "duty":
        return [f"#   {options.duty.format(id=d.id, text=d.text)}" for d in pack.duties.values()]
    if field == "activities":
        activities = [options.activity.format(id=a.id, name=a.name) for a in pack.activities.values()]
        negative = [options.negative.format(activity=e.activity, code=e.code) for e in pack.negative if e.activity]
        return _wrapped(activities, between) + _wrapped(negative, between, options.negative_lead)
    return []


def _value(field: str, app_id: str, applicant: str | None) -> list[str]:
    """The field's line(s) of YAML, left to fill in."""
    if field == "id":
        return [f"id: {scalar(app_id, flow=False)}", ""]
    if field == "applicant":
        return [f"applicant:{' ' + applicant if applicant else ''}"]
    if field in ("activities", "categories"):
        return [f"{field}: []"]
    if field == "training":
        return ["training:", "  owner:", "  plan:"]
    return [f"{field}:"]
