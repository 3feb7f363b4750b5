"""The assessment as one self-contained HTML page: tables and inline SVG charts.

No script, no stylesheet or font from elsewhere: the page works offline and its
Chinese renders in the reader's own CJK font.  Charts: each department's and
town's on-time share (bars, the bar's level drawn as a line), and the district's
and towns' monthly on-time closure over the period (lines).
"""

from __future__ import annotations

from fractions import Fraction
from html import escape

from gridrules.pack.journal import write_output
from gridrules.assess.report import DECIDING, SHOWN_LEVELS, list_names, listed_unit, trend
from gridrules.catalogue import t
from gridrules.assess.run import AssessmentRun
from gridrules.assess.score import UnitScore, shown
from gridrules.pack.pack import Pack

FONT = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif"
COLOURS = ("#2f6db5", "#d9822b", "#3a9d5d", "#b83b5e", "#6c5ba7", "#8c6d31")
STYLE = f"""body{{font-family:{FONT};margin:2em;color:#222}} table{{border-collapse:collapse;margin:1em 0}}
td,th{{border:1px solid #ccc;padding:.3em .6em;text-align:right}} td:first-child,th{{text-align:left}}
.missed{{background:#f4b6b6}} .red{{background:#f8d7da}} .black{{background:#d6d8db}} svg text{{font-family:{FONT}}}"""


def bars(title: str, items: list[tuple[str, Fraction | None]], bar: float | None) -> str:
    """A horizontal bar chart of shares (0-1), one bar per unit; ``bar`` (in %) as a dashed line."""
    known = [(name, share) for name, share in items if share is not None]
    if not known:
        return ""
    left, width, row = 190, 420, 24
    height = 40 + row * len(known)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 70}" height="{height}" role="img" '
             f'aria-label="{escape(title)}"><text x="0" y="16" font-size="14" font-weight="bold">{escape(title)}</text>']
    for i, (name, share) in enumerate(known):
        y = 30 + i * row
        length = float(share) * width
        parts.append(f'<text x="{left - 6}" y="{y + 14}" font-size="12" text-anchor="end">{escape(name)}</text>'
                     f'<rect x="{left}" y="{y}" width="{length:.1f}" height="{row - 6}" fill="{COLOURS[0]}"/>'
                     f'<text x="{left + length + 4:.1f}" y="{y + 14}" font-size="12">{shown(Fraction(share) * 100)}%</text>')
    if bar is not None:
        x = left + bar / 100 * width
        parts.append(f'<line x1="{x:.1f}" y1="26" x2="{x:.1f}" y2="{height}" stroke="#c00" stroke-dasharray="4 3"/>'
                     f'<text x="{x + 3:.1f}" y="{height - 2}" font-size="11" fill="#c00">达标线 {bar:g}%</text>')
    parts.append("</svg>")
    return "".join(parts)


def lines(title: str, months: list[str], series: list[tuple[str, list[Fraction | None]]]) -> str:
    """A line chart of monthly shares (0-1), one line per series."""
    series = [(name, values) for name, values in series if any(v is not None for v in values)]
    if not series or not months:
        return ""
    left, top, width, height = 50, 30, 480, 200
    step = width / max(len(months) - 1, 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 180}" height="{top + height + 40}" '
             f'role="img" aria-label="{escape(title)}"><text x="0" y="16" font-size="14" font-weight="bold">'
             f'{escape(title)}</text>']
    for pct in (0, 50, 100):
        y = top + height - pct / 100 * height
        parts.append(f'<line x1="{left}" y1="{y}" x2="{left + width}" y2="{y}" stroke="#ddd"/>'
                     f'<text x="{left - 6}" y="{y + 4}" font-size="11" text-anchor="end">{pct}%</text>')
    for i, month in enumerate(months):
        parts.append(f'<text x="{left + i * step:.1f}" y="{top + height + 16}" font-size="11" '
                     f'text-anchor="middle">{escape(month)}</text>')
    for k, (name, values) in enumerate(series[:len(COLOURS)]):
        colour = COLOURS[k]
        points = [(left + i * step, top + height - float(v) * height) for i, v in enumerate(values) if v is not None]
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="'
                     + " ".join(f"{x:.1f},{y:.1f}" for x, y in points) + '"/>')
        parts.extend(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>' for x, y in points)
        parts.append(f'<text x="{left + width + 12}" y="{top + 14 + k * 16}" font-size="12" fill="{colour}">'
                     f'{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(rows: list[UnitScore], lists: dict[str, str], deciding: bool) -> str:
    """A level's table; one ``deciding`` nothing (each town's scoring of a department) has no list
    or advice columns: the pooled score decides them."""
    if not rows:
        return "<p>（本期无数据）</p>"
    head = "".join(f"<th>{escape(f.name)}（{f.weight}）</th>" for f in rows[0].figures)
    decided = "<th>榜单</th><th>预算建议</th>" if deciding else ""
    out = [f"<table><tr><th>单位</th><th>事件</th><th>待定</th><th>案件</th>{head}<th>得分</th>{decided}</tr>"]
    for u in rows:
        cells = "".join(f'<td class="{"missed" if f.missed else ""}">'
                        + ("—" if f.share is None else f"{escape(f.counts_shown)} {shown(f.share * 100)}%")
                        + "</td>" for f in u.figures)
        css = "black" if "black" in u.lists else "red" if "red" in u.lists else ""
        out.append(f'<tr><td class="{css}">{escape(u.name)}</td><td>{u.events}</td><td>{u.pending}</td>'
                   f"<td>{u.cases}</td>{cells}<td>{escape(u.score_or_why)}</td>"
                   + (f"<td>{escape('、'.join(lists[x] for x in u.lists) or '—')}</td>"
                      f"<td>{'建议削减' if u.budget_cut else '—'}</td>" if deciding else "") + "</tr>")
    out.append("</table>")
    return "".join(out)


def _share(rows: list[UnitScore], indicator: str) -> list[tuple[str, Fraction | None]]:
    return [(u.name, next((f.share for f in u.figures if f.indicator == indicator), None)) for u in rows]


def _bar(run: AssessmentRun, level: str, indicator: str) -> float | None:
    for u in run.scores[level]:
        for f in u.figures:
            if f.indicator == indicator:
                return f.bar
    return None


def page(run: AssessmentRun, pack: Pack) -> str:
    lists = list_names(pack)
    model = pack.assessment
    assert model is not None
    months = run.period.months()
    found = trend(run)["units"]

    def series(key: str, indicator: str) -> list[Fraction | None]:
        pairs = found.get(key, {}).get(indicator, {})
        return [Fraction(*pairs[m]) if m in pairs and pairs[m][1] else None for m in months]

    towns = run.scores["town"]
    trend_series = [("全区 按时办结", series(f"district:{pack.district.id}", "closed")),
                    ("全区 按时反馈", series(f"district:{pack.district.id}", "feedback"))]
    trend_series += [(f"{u.name} 按时办结", series(f"town:{u.unit}", "closed"))
                     for u in [u for u in towns if not u.no_events][:4]]  # towns listed without events draw no line
    body = [f"<h1>双向考核 {escape(run.period.label)}</h1>",
            f"<p>判定时点 {escape(run.at.strftime('%Y-%m-%d %H:%M'))}；规则包 {escape(run.pack['name'])} "
            f"{escape(run.pack['version'])}（{escape(run.pack['digest'])}）；记录 {run.tally.records} 条，本期 "
            f"{run.tally.in_period} 条，有误 {run.tally.errors} 条"
            + (f"，本期另有 {run.tally.after_at} 条在判定时点之后才报告（不计）" if run.tally.after_at else "") + "。</p>",
            bars("职能部门报到及时率", _share(run.scores["department"], "reported_in"),
                 _bar(run, "department", "reported_in")),
            bars("职能部门按时办结率", _share(run.scores["department"], "closed"), _bar(run, "department", "closed")),
            bars("镇街按时办结率", _share(towns, "closed"), _bar(run, "town", "closed")),
            lines("按月按时率走势", months, trend_series)]
    for level in SHOWN_LEVELS:
        if level == "department_town" and not run.scores[level]:
            continue  # no town scored a department: no table to say so
        body.append(f"<h2>{escape(t(f'screen.assess.level.{level}'))}</h2>"
                    + _table(run.scores[level], lists, DECIDING[level]))
    for which in ("red", "black"):
        names = "、".join(listed_unit(pack, u) for u in run.listed(which)) or "无"
        body.append(f"<h2>{escape(lists[which])}</h2><p>{escape(names)}</p>")
    cuts = "".join(f"<li>{escape(u.name)}（{u.score_shown}分）：{escape(model.budget.text)}</li>"
                   for u in run.budget_cuts())
    body.append(f"<h2>预算建议</h2>{'<ul>' + cuts + '</ul>' if cuts else '<p>无</p>'}")
    return ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>双向考核 '
            f"{escape(run.period.label)}</title><style>{STYLE}</style></head><body>" + "\n".join(body)
            + "</body></html>\n")


def write_html(run: AssessmentRun, pack: Pack, path: str) -> None:
    write_output(path, page(run, pack).encode("utf-8"))
