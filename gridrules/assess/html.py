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
from gridrules.assess.report import (DECIDING, SHOWN_LEVELS, after_at_said, level_name, list_names, listed_errors,
                                     listed_unit, order_said, trend, troubles_after)
from gridrules.catalogue import t
from gridrules.assess.run import AssessmentRun
from gridrules.assess.score import Figure, UnitScore, shown
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
                     f'<text x="{x + 3:.1f}" y="{height - 2}" font-size="11" fill="#c00">'
                     f'{escape(t("report.bar_line", bar=f"{bar:g}"))}</text>')
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


def _table(rows: list[UnitScore], lists: dict[str, str], deciding: bool, town: str) -> str:
    """A level's table; one ``deciding`` nothing (each town's scoring of a department) has no list
    or advice columns: the pooled score decides them.  The district's pooling of the departments says
    beside each one's events how many name no ``town`` (in no town's scoring of it)."""
    if not rows:
        return f"<p>{escape(t('report.no_data'))}</p>"

    def th(*keys: str) -> str:
        return "".join(f"<th>{escape(t(f'report.col.{key}'))}</th>" for key in keys)

    head = "".join(f"<th>{escape(t('report.indicator', name=f.name, weight=f.weight))}</th>" for f in rows[0].figures)
    decided = th("list", "budget") if deciding else ""
    dash = t("report.dash")
    pooled = rows[0].level == "department"
    no_town = f"<th>{escape(t('report.col.no_town', town=town))}</th>" if pooled else ""
    out = [f"<table><tr>{th('unit', 'events')}{no_town}{th('pending', 'cases')}{head}{th('score', 'why')}{decided}</tr>"]
    for u in rows:
        cells = "".join(f'<td class="{"missed" if f.missed else ""}">'
                        + (dash if f.share is None else f"{escape(f.counts_shown)} {shown(f.share * 100)}%")
                        + "</td>" for f in u.figures)
        css = "black" if "black" in u.lists else "red" if "red" in u.lists else ""
        out.append(f'<tr><td class="{css}">{escape(u.name)}</td><td>{u.events}</td>'
                   + (f"<td>{u.no_town}</td>" if pooled else "") + f'<td>{u.pending}</td>'
                   f"<td>{u.cases}</td>{cells}<td>{'' if u.score is None else escape(u.score_shown)}</td>"
                   f"<td>{escape(u.why)}</td>"
                   + (f"<td>{escape(t('words.list_sep').join(lists[x] for x in u.lists) or dash)}</td>"
                      f"<td>{escape(t('report.cut')) if u.budget_cut else dash}</td>" if deciding else "") + "</tr>")
    out.append("</table>")
    return "".join(out)


def _share(rows: list[UnitScore], indicator: str) -> list[tuple[str, Fraction | None]]:
    return [(u.name, next((f.share for f in u.figures if f.indicator == indicator), None)) for u in rows]


def _figure(run: AssessmentRun, level: str, indicator: str) -> Figure | None:
    """The indicator as ``level``'s first unit scores it (its name and bar are the level's), or None
    when no unit of the level is scored."""
    return next((f for u in run.scores[level] for f in u.figures if f.indicator == indicator), None)


def _named(run: AssessmentRun, level: str, indicator: str) -> str:
    """The indicator's name as the pack gives it at ``level`` (its id when the level has no unit scored)."""
    found = _figure(run, level, indicator)
    return found.name if found is not None else indicator


def _errors(run: AssessmentRun, town: str) -> str:
    """The bad records -- each one's place, event and problems, as stderr and the dashboard say them -- then
    the towns' bad task lines, each under its count (at most LISTED_ERRORS of each, the rest counted); ""
    when there are none."""
    out = []
    for errors, title in ((run.errors, "report.errors"), (run.task_errors, "screen.assess.task_errors")):
        if not errors:
            continue
        shown, rest = listed_errors(errors)
        head = "".join(f"<th>{escape(t(f'report.col.{key}'))}</th>" for key in ("where", "event", "problem"))
        rows = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in shown)
        more = f"<p>{escape(t('report.errors_rest', n=rest, total=len(errors), shown=len(shown)))}</p>" if rest else ""
        out.append(f'<h2 id="{"record" if title == "report.errors" else "task"}-errors">'
                   f"{escape(t(title, n=len(errors), town=town))}</h2><table><tr>{head}</tr>{rows}</table>{more}")
    return "".join(out)


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
    district = f"district:{pack.district.id}"
    # the district's and the first four towns' lines, each named as the pack names the unit and the indicator
    trend_series = [(t("report.series", unit=pack.district.name, indicator=_named(run, "department", indicator)),
                     series(district, indicator)) for indicator in ("closed", "feedback")]
    trend_series += [(t("report.series", unit=u.name, indicator=_named(run, "town", "closed")),
                      series(f"town:{u.unit}", "closed"))
                     for u in [u for u in towns if not u.no_events][:4]]  # towns listed without events draw no line
    summary = t("report.summary", at=run.at.strftime("%Y-%m-%d %H:%M"), title=run.pack["title"],
                version=run.pack["version"], records=run.tally.records,
                in_period=run.tally.in_period, errors=run.tally.errors)
    traced = t("report.pack_digest", name=run.pack["name"], version=run.pack["version"], digest=run.pack["digest"])
    summary += after_at_said(run) + troubles_after(run, pack) + t("report.end")

    def chart(level: str, indicator: str) -> str:
        found = _figure(run, level, indicator)
        named, words = found.name if found is not None else indicator, level_name(pack, level)
        # 镇街按时办结率 already names its level: not 镇街镇街按时办结率
        title = named if named.startswith(words) else t("report.chart.share", level=words, indicator=named)
        return bars(title, _share(run.scores[level], indicator), found.bar if found is not None else None)

    body = [f"<h1>{escape(t('report.title', period=run.period.label))}</h1>", f"<p>{escape(summary)}</p>",
            f'<p class="digest"><small>{escape(traced)}</small></p>',
            f'<p class="order"><small>{escape(order_said(pack))}</small></p>',
            chart("department", "reported_in"), chart("department", "closed"), chart("town", "closed"),
            lines(t("report.chart.trend"), months, trend_series)]
    for level in SHOWN_LEVELS:
        if level == "department_town" and not run.scores[level]:
            continue  # no town scored a department: no table to say so
        body.append(f"<h2>{escape(level_name(pack, level))}</h2>"
                    + _table(run.scores[level], lists, DECIDING[level], pack.tree.word("town")))
    for which in ("red", "black"):  # in order, each unit numbered by its rank in its level (ties share one)
        names = "".join(f'<li value="{rank}">{escape(listed_unit(pack, u))}</li>' for rank, u in run.ranked(which))
        body.append(f'<h2>{escape(lists[which])}</h2>'
                    + (f'<ol id="{which}">{names}</ol>' if names else f"<p>{escape(t('report.none'))}</p>"))
    cuts = "".join(f'<li value="{rank}">'
                   f"{escape(t('report.budget_item', name=u.name, score=u.score_shown, text=model.budget.text))}</li>"
                   for rank, u in run.ranked("budget"))
    body.append(f"<h2>{escape(t('report.budget'))}</h2>"
                + (f'<ol id="budget">{cuts}</ol>' if cuts else f"<p>{escape(t('report.none'))}</p>"))
    body.append(_errors(run, pack.tree.word("town")))
    return (f'<!DOCTYPE html><html lang="{t("report.lang")}"><head><meta charset="utf-8"><title>'
            f"{escape(t('report.title', period=run.period.label))}</title><style>{STYLE}</style></head><body>"
            + "\n".join(body) + "</body></html>\n")


def write_html(run: AssessmentRun, pack: Pack, path: str) -> None:
    write_output(path, page(run, pack).encode("utf-8"))
