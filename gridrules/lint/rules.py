"""GR501–GR503: written rules that never fire, or that never decide because another
rule always wins first.

Both are read off ``explore``, which decides every situation the pack's rules can
meet (see its docstring for why that space is complete, and where it is larger
than real inputs -- which can only hide a finding, never invent one):

* GR501: the rule's condition holds in no situation at all -- contradictory
  tests, or tests that the earlier stages make impossible (an ``urgent`` event
  below district, say, when urgent events always go to the district);
* GR502: it holds, but never takes effect: its grade or level is always below
  another rule's, every deadline it gives is always later than another's, or a
  stronger whistle always fires with it (only the strongest whistle blows).
* GR503: a rule the exploration cannot judge (it compares two number fields);
  nothing is claimed about it.
"""

from __future__ import annotations

from typing import Iterator

from gridrules.catalogue import t
from gridrules.engine.compiler import CompiledRule
from gridrules.lang.render import render
from gridrules.lang.tree import fields_used
from gridrules.lint.context import LintContext, joined
from gridrules.lint.events import describe
from gridrules.lint.findings import Check, Finding
from gridrules.pack.model.rules import Rule

NEVER_FIRES = Check("GR501", "rule-never-fires", "error")
NEVER_DECIDES = Check("GR502", "rule-never-decides", "error")
NOT_ANALYSED = Check("GR503", "rule-not-analysed", "info")

CHECKS = (NEVER_FIRES, NEVER_DECIDES, NOT_ANALYSED)

WHAT = {"oversight": "task", "grading": "event", "leveling": "event", "dispatch": "event"}  # finding.subject.*


def _winners(always: list[str], sometimes: list[str], what: str) -> str:
    """Who wins instead: the rules that win in every situation, else the rules that take turns."""
    if always:
        return t("finding.winners.always", rules=joined(always), what=t(what))
    return t("finding.winners.sometimes", rules=joined(sometimes), what=t(what))


def _written(rule: CompiledRule) -> Rule:
    """The written rule behind a compiled one (every rule lint explores is written)."""
    if rule.rule is None:
        raise ValueError(f"{rule.id} is not a written rule")
    return rule.rule


def _whistle_of(ctx: LintContext, rule_id: str) -> str:
    """The whistle a rule blows (a rule that beats a whistle blows a stronger one)."""
    whistle = _written(ctx.checker.compiled.rules[rule_id]).whistle
    if whistle is None:
        raise ValueError(f"{rule_id} blows no whistle")
    return whistle


def _never_decides(ctx: LintContext, rule: CompiledRule, always: list[str], sometimes: list[str]) -> str:
    written = _written(rule)
    if written.whistle is not None:
        kinds = {w.id: w.name for w in ctx.pack.whistle_kinds}
        stronger = joined(t("finding.paired", first=r, second=kinds[_whistle_of(ctx, r)]) for r in always or sometimes)
        who = t("finding.whistle.always" if always else "finding.whistle.sometimes", stronger=stronger)
        return t("finding.never_blows", rule=rule.id, whistle=kinds[written.whistle], who=who)
    if written.deadlines is not None:
        return t("finding.never_deadline", rule=rule.id, rules=joined(always or sometimes))
    if written.grade is not None or written.grade_step is not None:
        return t("finding.never_grade", rule=rule.id, winners=_winners(always, sometimes, "finding.rank.grade"))
    return t("finding.never_level", rule=rule.id, winners=_winners(always, sometimes, "finding.rank.level"))


def run(ctx: LintContext) -> Iterator[Finding]:
    exploration = ctx.exploration
    compiled = ctx.checker.compiled
    for rule_id, stats in exploration.rules.items():
        rule = compiled.rules[rule_id]
        relpath, path = ctx.rule_place(rule_id)
        if not stats.analysed:
            yield ctx.finding(NOT_ANALYSED, t("finding.not_analysed", rule=rule_id,
                                              condition=render(rule.condition, ctx.pack)),
                relpath, path + ("when",), rule_id)
            continue
        if stats.fired == 0:
            yield ctx.finding(NEVER_FIRES, t("finding.never_fires", rule=rule_id, condition=render(rule.condition, ctx.pack),
                                             what=t("finding.subject." + WHAT[rule.stage])),
                relpath, path + ("when",), rule_id)
        elif stats.decided == 0:
            beaten_by = [r for r, _ in stats.beaten_by.most_common()]
            always = [r for r in beaten_by if stats.beaten_by[r] == stats.fired]
            message = _never_decides(ctx, rule, always, beaten_by)
            if stats.example and _written(rule).whistle is None:
                shown = fields_used(rule.condition).union(*(fields_used(compiled.rules[r].condition) for r in always or beaten_by))
                example = {k: v for k, v in stats.example.items() if k in shown}
                message += t("finding.example", example=describe(ctx, example, rule.stage))
            related = [(t("finding.related.rule", id=r), ctx.where(*ctx.rule_place(r))) for r in (always or beaten_by)]
            yield ctx.finding(NEVER_DECIDES, message, relpath, path, rule_id, related)
