"""The placeholders of a pack's texts, declared once: each name and the inputs it is made from.

A template in the pack may use only the placeholders of its kind (checked when
the pack loads, with a did-you-mean).  ``gridrules.decide.texts`` fills each
placeholder from exactly the inputs declared here, and remembers a reason under
the values of those inputs: the declaration is the memo key.

Inputs are named by where they come from:

* ``event.<field>`` / ``task.<field>``: the input document's own field;
* ``fact.<field>``: a field of the decision's fact (``contract.facts``);
* ``decision.<part>``: a part of the decision made before its texts (the
  handler, the whistle, a deadline, the moment ``at`` as read in the event's
  offset, ``on`` the task's decision date, ``screened`` the tell-tale word found,
  ``judged_town`` the town whose total a task naming no town was judged against);
* ``rule.<part>``: the rule the reason is for (``rule.id``: its own fixed data,
  such as its rendered condition or the list entry it was generated from;
  ``rule.effect_grade`` / ``rule.effect_level``: the value its effect gave in
  this decision);
* ``pack.<part>``: the pack alone (a parameter).

An input named ``task`` (the whole task) makes a reason that is never remembered.
"""

from __future__ import annotations


from gridrules.catalogue import t
from gridrules.catalogue.syntax import format_problem
import string


def _declare(**reads: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    return reads


# Texts of the written event rules (events/*.yaml).
EVENT = _declare(
    type=("event.type",),
    type_name=("event.type",),
    type_grade_name=("fact.type_grade",),
    type_level_name=("fact.type_level",),
    given_grade_name=("fact.grade_given",),
    grade_name=("fact.grade",),
    level_name=("fact.level",),
    base_level_name=("fact.level_before_history",),
    assigned_name=("fact.assigned_to",),
    last_level_name=("fact.last_level",),
    people_involved=("event.people_involved",),
    reporters=("event.reporters",),
    recurrences_30d=("event.recurrences_30d",),
    departments=("event.type",),
    report_within=("decision.report_within",),
    whistle_name=("decision.whistle",),
    respond_by=("decision.respond_by",),
    close_by=("decision.close_by",),
    feedback_by=("decision.feedback_by",),
    at=("decision.at",),
    town_name=("fact.town",),
    handler_name=("decision.handler",),
    effect_grade_name=("rule.effect_grade",),
    effect_level_name=("rule.effect_level",),
    condition=("rule.id",),
    risk_name=("event.type",),
    safeguard=("event.type",),
    blown_by_name=("event.grid",),
)

# Texts of the written task rules (admission/oversight.yaml).
TASK = _declare(
    listed_hours=("fact.listed_hours",),
    added_hours=("fact.added_hours",),
    workload_after=("fact.workload_after",),
    capacity=("pack.capacity",),
    issuer_name=("task.department",),
    verdict_name=("fact.verdict",),
    condition=("rule.id",),
    # the town only when the task named none: a reason is remembered by it, not by both towns
    workload_town=("decision.judged_town",),
    own_hours=("fact.own_hours",),
    role_name=("task.assignee",),
    role_limit=("task.assignee",),
    item=("fact.governing_item",),
    item_name=("fact.governing_item",),
    risk_name=("fact.risk",),
    safeguard=("fact.governing_item",),
    subsidy=("fact.subsidy",),
    training_owner_name=("fact.governing_item",),
    start=("task.start",),
)

# Texts of admission/rules.yaml (rules generated from the lists, and findings).
ADMISSION = _declare(
    code=("rule.id",), activity=("rule.id",), activity_name=("rule.id",), forbidden=("rule.id",),
    role=("rule.id",), role_name=("rule.id",), beyond=("rule.id", "task.activities"),
    item=("rule.id",), item_name=("rule.id",), owners=("rule.id",), validity=("rule.id",), duty=("rule.id",),
    ref=("rule.id",), town_name=("rule.id",), approval_name=("rule.id",), work=("rule.id",), valid_from=("rule.id",),
    valid_to=("rule.id", "decision.on"),  # its last day as known on the check's day (a known withdrawal ends it)
    withdrawn_on=("rule.id", "decision.on"), withdrawn_from=("rule.id", "decision.on"),  # its withdrawal known then
    start=("task.start",), at_date=("decision.on",),
    named_approval=("task.temporary_approval",),
    named_item=("task.list_item",), named_item_name=("task.list_item",),
    why=("task", "decision.on"),
    issuer_name=("task.department",),
    body_name=("task.department",),  # the body the issuer applies to (its grid-work body at its level)
    # next steps
    activities=("task.activities",), roles=("task.activities",), fields=("pack.application_fields",),
    max_days=("pack.temporary_max_days",),
    screened_word=("decision.screened",),
    # an item covering the task but for its dates (its subject: the item and its day)
    cover_item=("rule.id",), cover_item_name=("rule.id",), cover_day=("rule.id",),
    end=("task.end",),
)
# The placeholders each admission template may use, by its key in admission/rules.yaml
# (a tuple: the key's path).  The rule kinds the compiler generates share their key.
ADMISSION_TEMPLATES: dict[tuple[str, ...], frozenset[str]] = {
    ("negative",): frozenset({"code", "activity", "activity_name", "forbidden"}),
    ("role",): frozenset({"role", "role_name", "beyond"}),
    ("item",): frozenset({"item", "item_name", "owners", "validity", "duty"}),
    ("relay",): frozenset({"item", "item_name", "owners", "validity", "duty", "issuer_name"}),
    ("suspected_negative",): frozenset({"code", "activity_name", "forbidden", "screened_word"}),
    ("temporary",): frozenset({"ref", "town_name", "approval_name", "work", "valid_from", "valid_to"}),
    ("temporary_wrong_town",): frozenset({"ref", "town_name", "approval_name", "work"}),
    ("temporary_expired",): frozenset({"ref", "valid_to", "start", "work"}),
    ("temporary_withdrawn",): frozenset({"ref", "valid_to", "start", "work", "withdrawn_on", "withdrawn_from"}),
    ("temporary_not_in_force",): frozenset({"ref", "at_date", "work"}),
    ("temporary_unknown",): frozenset({"named_approval"}),
    ("list_item_mismatch",): frozenset({"named_item", "named_item_name", "why"}),
    ("temporary_mismatch",): frozenset({"ref", "approval_name", "work", "why"}),
    ("unlisted_department",): frozenset({"issuer_name"}),
    ("unlisted_town",): frozenset({"issuer_name"}),
    ("unlisted_pending",): frozenset({"issuer_name", "cover_item", "cover_item_name", "cover_day", "start", "end"}),
    ("unlisted_ends",): frozenset({"issuer_name", "cover_item", "cover_item_name", "cover_day", "start", "end"}),
    ("next_steps", "remove_forbidden"): frozenset({"activities"}),
    ("next_steps", "reassign"): frozenset({"roles", "beyond"}),
    ("next_steps", "apply"): frozenset({"issuer_name", "body_name", "fields"}),
    ("next_steps", "study"): frozenset({"issuer_name", "max_days"}),
    ("next_steps", "registration"): frozenset({"issuer_name"}),
    ("next_steps", "no_role"): frozenset(),
}

# Pieces of admission sentences (admission/rules.yaml ``phrases``: why a named item or
# approval does not cover a task, an item's validity), each with the values it may use.
PHRASES: dict[str, frozenset[str]] = {
    "not_owner": frozenset({"owners", "issuer_name"}),
    "item_beyond": frozenset({"activities"}),
    "item_not_in_force": frozenset({"at_date"}),
    "item_wrong_town": frozenset(),
    "item_otherwise": frozenset(),
    "approval_beyond": frozenset({"activities"}),
    "approval_otherwise": frozenset(),
    "starts_before": frozenset({"start", "first"}),
    "starts_after": frozenset({"start", "last"}),
    "ends_after": frozenset({"end", "last"}),
    "validity_open": frozenset(),
    "validity_until": frozenset({"valid_to"}),
    "busiest_town": frozenset({"town_name"}),
    "separator": frozenset(),
}

# Words of event texts (events/dispatch.yaml ``duration_words``).
DURATION_WORDS: dict[str, frozenset[str]] = {"minutes": frozenset({"n"}), "hours": frozenset({"n"})}

# What crossref checks templates against (derived: never listed twice).
EVENT_PLACEHOLDERS = frozenset(EVENT)
TASK_PLACEHOLDERS = frozenset(TASK)
ADMISSION_PLACEHOLDERS = ADMISSION_TEMPLATES | {("phrases", key): allowed for key, allowed in PHRASES.items()}


def placeholders(template: str) -> list[str]:
    """The placeholder names a template uses; ValueError if its braces are broken."""
    names = []
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:  # Python's words: "Single '}' encountered in format string", …
        raise ValueError(t("placeholder.braces", error=format_problem(exc))) from None
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise ValueError(t("placeholder.not_plain", name=name))
        names.append(name)
    return names
