"""The assessment as readable Chinese tables (``gridrules assess --format text``)."""

from __future__ import annotations

from gridrules.assess.report import LEVEL_WORDS, explained, list_names
from gridrules.assess.run import AssessmentRun
from gridrules.assess.score import UnitScore
from gridrules.pack.pack import Pack

from . import table


def _figure(f) -> str:
    if f.share is None:
        return "—"
    mark = "▼" if f.missed else ""
    return f"{f.numerator}/{f.denominator} {f.as_dict()['share_shown']}%{mark}"


def _level(rows: list[UnitScore], lists: dict[str, str], title: str) -> list[str]:
    if not rows:
        return []
    headers = ["单位", "事件", "待定", "案件"] + [f"{f.name}（{f.weight}）" for f in rows[0].figures] + ["得分", "榜单", "预算建议"]
    body = [[u.name, str(u.events), str(u.pending), str(u.cases)] + [_figure(f) for f in u.figures]
            + [u.as_dict()["score_shown"], "、".join(lists[x] for x in u.lists) or "—",
               "建议削减" if u.budget_cut else "—"] for u in rows]
    return ["", f"【{title}】", table.render(headers, body, max_width=24)]


def render(run: AssessmentRun, pack: Pack, explain: list[str] | None = None) -> str:
    tally = run.tally
    model = pack.assessment
    assert model is not None
    lists = list_names(pack)
    lines = [f"双向考核 {run.period.label}（判定时点 {run.at.strftime('%Y-%m-%d %H:%M')}；规则包 {run.pack['name']} "
             f"{run.pack['version']}）",
             f"记录 {tally.records} 条：本期 {tally.in_period} 条，有误 {tally.errors} 条"
             + (f"，规则包摘要不符 {tally.digest_mismatch} 条" if tally.digest_mismatch else ""),
             "份额 = 分子/分母；▼ 低于该项达标线（只标注，不另扣分）；待定事件计数但不计入任何份额。"]
    for level in ("department", "town", "community"):
        lines += _level(run.scores[level], lists, LEVEL_WORDS[level])
    grids = run.grids()
    if grids:
        rows = [[pack.grids[g["grid"]][0].name if g["grid"] in pack.grids else g["grid"], str(g["events"]),
                 str(g["pending"]), "{}/{}".format(*g["handled_close"]), "{}/{}".format(*g["direct_report_urgent"]),
                 f"{pack.listed_hours(run.period.last_day(), approvals=False):g}"] for g in grids]
        lines += ["", f"【{model.grids.name}】",
                  table.render(["网格", "发现事件", "待定", "网格和村(社区)办结", "紧急事项直报", "清单工作量（小时/月）"], rows)]
    for which in ("red", "black"):
        listed = run.listed(which)
        names = "、".join(f"{u.name}（{u.as_dict()['score_shown']}）" for u in listed) or "无"
        lines += ["", f"{lists[which]}：{names}"]
    cuts = run.budget_cuts()
    lines.append("")
    lines.append("预算建议：" + ("无" if not cuts else ""))
    lines += [f"  · {u.name}（{u.as_dict()['score_shown']}分）：{model.budget.text}" for u in cuts]
    details = explained(run, explain) if explain else {}
    if details:
        lines += ["", "【明细】"]
        for unit, figures in details.items():
            lines.append(unit)
            for name, events in figures.items():
                ok = [e["event"] for e in events if e["on_time"]]
                late = [e["event"] for e in events if not e["on_time"]]
                lines.append(f"  {name}：按时/达标 {len(ok)}（{'、'.join(ok) or '—'}）；未按时 {len(late)}（{'、'.join(late) or '—'}）")
    return "\n".join(lines)
