"""The words of the commands that show the pack and record its changes on screen: ``gridrules
show`` and its directories, ``admission`` (the confirmations, the form written, the impact
analysis), ``assess --format text`` and ``import``: key -> (Chinese, English).  The pack's
own texts (names, sentences, its bodies' decisions) are filled in as the pack wrote them."""

from __future__ import annotations

SCREENS: dict[str, tuple[str, str]] = {
    # lists inside a cell or a line
    "screen.joiner": ("、", ", "),
    "screen.none": ("无", "none"),
    # gridrules show
    "screen.show.from": ("{start} 起", "from {start}"),
    "screen.show.from_to": ("{start} 至 {end}", "{start} to {end}"),
    "screen.show.pending": ("（待生效，{date} 起）", " (pending, from {date})"),
    "screen.show.lapsed": ("（已到期）", " (lapsed)"),
    "screen.show.not_yet": ("（未生效）", " (not yet in force)"),
    "screen.show.withdrawn": ("（已撤销）", " (withdrawn)"),
    "screen.show.yuan": ("{amount}元", "{amount} yuan"),
    "screen.show.approved": ("{session}（{date}）", "session {session} ({date})"),
    "screen.show.also": ("{powers}；另：{extra}", "{powers}; also: {extra}"),
    "screen.show.finding": ("（{finding}）", "({finding})"),
    "screen.show.total": ("清单工作量合计 {hours} 小时/网格/月，上限 {limit} 小时。",
                          "listed workload {hours} hours per grid per month in all, limit {limit} hours."),
    "screen.show.negative": ("负面清单 {code}：不得交给网格员", "negative list {code}: not for grid workers"),
    # gridrules admission (and the confirmations shared with temporary, cli/writing.py)
    "screen.admission.form_written": ("已写出申请表 {path}；填好后审查：gridrules admission review {path}",
                                      "application form written to {path}; once filled in, review it: "
                                      "gridrules admission review {path}"),
    "screen.admission.approved": ("已纳入清单：{code}「{item}」，{decision}决定",
                                  "added to the list: {code} \"{item}\", decided by {decision}"),
    "screen.admission.rejected": ("已记录：{decision}不予纳入申请 {app}「{item}」",
                                  "recorded: {decision} rejected application {app} \"{item}\""),
    "screen.admission.amended": ("已修订 {code}：{decision}决定，自 {effective} 起施行：{fields}",
                                 "amended {code}: decided by {decision}, in force from {effective}: {fields}"),
    "screen.admission.field_sep": ("；", "; "),
    "screen.admission.withdrawn": ("已撤销 {code}「{name}」，自 {effective} 起开始的工作不再准入；{decision}决定",
                                   "withdrew {code} \"{name}\": work starting on {effective} or later is no longer "
                                   "admitted; decided by {decision}"),
    "screen.admission.trained": ("已记录 {code}「{name}」的网格员培训于 {on} 完成",
                                 "recorded: the grid workers' training for {code} \"{name}\" was delivered on {on}"),
    "screen.admission.session": ("{session}", "session {session}"),
    "screen.impact.since": ("自 {value}", "since {value}"),
    "screen.impact.until": ("至 {value}", "until {value}"),
    "screen.impact.bounds_sep": ("，", ", "),
    "screen.impact.window": ("（{bounds}）", " ({bounds})"),
    "screen.impact.refused": ("影响分析：即使联席会议决定批准也不能纳入（{refused}），未重放决定日志。",
                              "impact: it could not be added even if the joint meeting approved it ({refused}); "
                              "the decision log was not replayed."),
    "screen.impact.replayed": ("影响分析：若按 {code} 纳入清单，日志中的决定{window}会有何不同——",
                               "impact: how the logged decisions{window} would differ with it on the list as {code}:"),
    "screen.outcome.repeated": ("（同一决定已记录在变更记录第 {seq} 条，本次未重复写入。）",
                                "(the same decision is already history entry {seq}; not written again.)"),
    "screen.outcome.override_unused": ("（审查没有阻断性意见，--override 不需要，未记录。）",
                                       "(the review has no blocking finding: --override is not needed and was not "
                                       "recorded.)"),
    "screen.outcome.version": ("规则包版本 {before} → {after}（变更记录第 {seq} 条）",
                               "pack version {before} → {after} (history entry {seq})"),
    "screen.outcome.digest": ("摘要 {before} → {after}", "digest {before} → {after}"),
    # gridrules assess --format text
    "screen.assess.head": ("双向考核 {period}（判定时点 {at}；规则包 {name} {version}）",
                           "two-way assessment {period} (as at {at}; pack {name} {version})"),
    "screen.assess.records": ("记录 {records} 条：本期 {in_period} 条，有误 {errors} 条",
                              "{records} records: {in_period} in the period, {errors} with errors"),
    "screen.assess.mismatch": ("，规则包摘要不符 {n} 条", ", {n} with another pack digest"),
    "screen.assess.legend": ("份额 = 分子/分母；▼ 低于该项达标线（只标注，不另扣分）；待定事件计数但不计入任何份额。",
                             "share = numerator/denominator; ▼ below the indicator's target (marked only, no further "
                             "deduction); pending events are counted but in no share."),
    "screen.assess.title": ("【{title}】", "[{title}]"),
    "screen.assess.level.department": ("职能部门", "departments"),
    "screen.assess.level.town": ("镇街", "towns"),
    "screen.assess.level.community": ("村(社区)", "communities"),
    "screen.assess.indicator": ("{name}（{weight}）", "{name} ({weight})"),
    "screen.assess.cut": ("建议削减", "cut advised"),
    "screen.assess.listed_unit": ("{name}（{score}）", "{name} ({score})"),
    "screen.assess.list": ("{list}：{names}", "{list}: {names}"),
    "screen.assess.budget": ("预算建议：", "budget advice:"),
    "screen.assess.budget_none": ("预算建议：无", "budget advice: none"),
    "screen.assess.budget_unit": ("  · {name}（{score}分）：{text}", "  · {name} ({score} points): {text}"),
    "screen.assess.details": ("【明细】", "[details]"),
    "screen.assess.detail": ("  {name}：按时/达标 {ok}（{ok_events}）；未按时 {late}（{late_events}）",
                             "  {name}: on time/met {ok} ({ok_events}); late {late} ({late_events})"),
    # gridrules import
    "screen.import.community": ("村(社区)", "community"),
    "screen.import.grid": ("网格", "grid"),
    "screen.import.derived": ("（编码由名称拼音生成，请核对）", " (id made from the name's pinyin: check it)"),
    "screen.import.source": ("{source}：{rows} 行，涉及镇街 {towns}", "{source}: {rows} rows, towns {towns}"),
    "screen.import.written": ("已写入，规则包版本 {version}", "written: pack version {version}"),
    "screen.import.unchanged": ("没有变化，未写入", "no change: nothing written"),
    "screen.import.dry_run": ("（未写入：确认无误后加 --apply 写入）", "(not written: add --apply to write it once checked)"),
    "screen.import.app_written": ("已写出申请 {file}", "application written to {file}"),
    "screen.import.row_same": ("第 {row} 行 {target}：与清单一致，无修订", "row {row} {target}: as on the list, no amendment"),
    "screen.import.row_new": ("第 {row} 行 新增事项申请 {target}", "row {row} application for a new item {target}"),
    "screen.import.row_amend": ("第 {row} 行 修订 {target}", "row {row} amendment {target}"),
    "screen.import.no_new_blocking": ("无（修订不带来新的阻断意见）", "none (the amendment brings no new blocking finding)"),
    "screen.import.new_blocking": ("修订新增的阻断意见：{findings}", "blocking findings the amendment adds: {findings}"),
    "screen.import.record_with": ("联席会议审定后记录：{command}", "once the joint meeting decides, record it with: {command}"),
    "screen.import.no_items": ("（表中没有事项）", "(the table has no items)"),
}
