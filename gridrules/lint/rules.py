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

from gridrules.engine.compiler import CompiledRule
from gridrules.lang.render import render
from gridrules.lang.tree import fields_used
from gridrules.lint.context import LintContext
from gridrules.lint.events import describe
from gridrules.lint.findings import Check, Finding
from gridrules.pack.model.rules import Rule

NEVER_FIRES = Check("GR501", "rule-never-fires", "error",
                    "规则的条件在任何可能的情形下都不成立，永远不会触发")
NEVER_DECIDES = Check("GR502", "rule-never-decides", "error",
                      "规则虽然成立，却总有另一条规则先胜出，它从不起作用")
NOT_ANALYSED = Check("GR503", "rule-not-analysed", "info",
                     "规则比较了两个数值字段，lint 无法穷举判断它是否会触发")

CHECKS = (NEVER_FIRES, NEVER_DECIDES, NOT_ANALYSED)

WHAT = {"oversight": "任务", "grading": "事件", "leveling": "事件", "dispatch": "事件"}


def _winners(always: list[str], sometimes: list[str], what: str) -> str:
    """Who wins instead: the rules that win in every situation, else the rules that take turns."""
    if always:
        return f"{'、'.join(always)} 给出的{what}总是更高"
    return f"总有另一条规则给出更高的{what}（{'、'.join(sometimes)} 之一）"


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
        stronger = "、".join(f"{r}（{kinds[_whistle_of(ctx, r)]}）" for r in always or sometimes)
        who = f"{stronger} 也总是成立" if always else f"总有更强的哨同时成立（{stronger} 之一）"
        return (f"规则 {rule.id}（{kinds[written.whistle]}）永远不会吹响：它成立时，{who}，"
                f"同时适用时只吹最强的一种哨，它的标注和直报也随之不起作用。")
    if written.deadlines is not None:
        return (f"规则 {rule.id} 的时限从不起作用：它成立时，同时成立的 {'、'.join(always or sometimes)} "
                f"给出的响应、办结、反馈时限总是更早（每项时限取最早者）。")
    if written.grade is not None or written.grade_step is not None:
        return f"规则 {rule.id} 从不决定事件等级：在它成立的每种情形下，{_winners(always, sometimes, '等级')}（等级取各规则给出的最高者）。"
    return f"规则 {rule.id} 从不决定处置层级：在它成立的每种情形下，{_winners(always, sometimes, '层级')}（层级取各规则给出的最高者）。"


def run(ctx: LintContext) -> Iterator[Finding]:
    exploration = ctx.exploration
    compiled = ctx.checker.compiled
    for rule_id, stats in exploration.rules.items():
        rule = compiled.rules[rule_id]
        relpath, path = ctx.rule_place(rule_id)
        if not stats.analysed:
            yield ctx.finding(NOT_ANALYSED, (
                f"规则 {rule_id} 比较了两个数值字段（{render(rule.condition, ctx.pack)}），lint 没有判断它是否会触发。"),
                relpath, path + ("when",), rule_id)
            continue
        if stats.fired == 0:
            yield ctx.finding(NEVER_FIRES, (
                f"规则 {rule_id} 的条件（{render(rule.condition, ctx.pack)}）在任何可能的{WHAT[rule.stage]}中都不成立，"
                f"这条规则永远不会触发。"),
                relpath, path + ("when",), rule_id)
        elif stats.decided == 0:
            beaten_by = [r for r, _ in stats.beaten_by.most_common()]
            always = [r for r in beaten_by if stats.beaten_by[r] == stats.fired]
            message = _never_decides(ctx, rule, always, beaten_by)
            if stats.example and _written(rule).whistle is None:
                shown = fields_used(rule.condition).union(*(fields_used(compiled.rules[r].condition) for r in always or beaten_by))
                example = {k: v for k, v in stats.example.items() if k in shown}
                message += f"例如：{describe(ctx, example, rule.stage)}。"
            related = [(f"规则 {r}", ctx.where(*ctx.rule_place(r))) for r in (always or beaten_by)]
            yield ctx.finding(NEVER_DECIDES, message, relpath, path, rule_id, related)
