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
    "screen.show.each_unit": ("每个{level}各一个", "one in each unit at the {level} level"),
    "screen.show.temporary_power": ("{name}（供{users}使用，最长 {days} 天）", "{name} (for {users}; at most {days} days)"),
    "screen.show.from": ("{start} 起", "from {start}"),
    "screen.show.from_to": ("{start} 至 {end}", "{start} to {end}"),
    # an item not in force, after its id: its status in the words of status.* (below)
    "screen.show.pending": ("（{status}，{date} 起）", " ({status}, from {date})"),
    "screen.show.status": ("（{status}）", " ({status})"),
    "screen.show.yuan": ("{amount}元", "{amount} yuan"),
    "screen.show.approved": ("{session}（{date}）", "session {session} ({date})"),
    "screen.show.also": ("{powers}；另：{extra}", "{powers}; also: {extra}"),
    "screen.show.finding": ("（{finding}）", "({finding})"),
    "screen.show.total": ("清单工作量合计 {hours} 小时/网格/月，上限 {limit} 小时。",
                          "listed workload {hours} hours per grid per month in all, limit {limit} hours."),
    "screen.show.negations": ("甄别否定词（对各条目的甄别词都适用：紧挨在甄别词前面，或与它共用末尾的字，那一处不算）：{negations}",
                              "screening negations (for every entry's screening words: right before a word, or sharing "
                              "their last characters with its first, that occurrence does not count): {negations}"),
    "screen.show.negation_exceptions": ("甄别否定词例外（否定词在这些说法里不算否定，甄别词照标）：{phrases}",
                                        "screening negation exceptions (a negation inside one of these negates "
                                        "nothing; the word counts): {phrases}"),
    "screen.show.negative": ("负面清单 {code}：不得交给网格员", "negative list {code}: not for grid workers"),
    # gridrules admission (and the confirmations shared with temporary, cli/writing.py)
    "screen.admission.form_written": ("已写出申请表 {path}；填好后审查：gridrules admission review {path}{pack}",
                                      "application form written to {path}; once filled in, review it: "
                                      "gridrules admission review {path}{pack}"),
    "screen.admission.approved": ("已纳入清单：{code}「{item}」，{decision}决定，自 {effective} 起施行",
                                  "added to the list: {code} \"{item}\", decided by {decision}, in force from {effective}"),
    "screen.admission.rejected": ("已记录：{decision}不予纳入申请 {app}「{item}」",
                                  "recorded: {decision} rejected application {app} \"{item}\""),
    "screen.admission.amended": ("已修订 {code}：{decision}决定，自 {effective} 起施行：{fields}",
                                 "amended {code}: decided by {decision}, in force from {effective}: {fields}"),
    "screen.admission.field_sep": ("；", "; "),
    "screen.temporary.recorded": ("已记录{approval} {ref}「{work}」（{start} 至 {end}）",
                                  "recorded {approval} {ref} '{work}' ({start} to {end})"),
    "screen.init.copied": ("已把「{title}」复制到 {root}（{count} 个文件）。", "copied \"{title}\" to {root} ({count} files)."),
    "screen.init.next": ("之后每条命令都加 --pack {root}，例如：gridrules admission review 申请.yaml --pack {root}",
                         "from now on give every command --pack {root}, e.g. gridrules admission review APP.yaml "
                         "--pack {root}"),
    # a withdrawn approval's status, beside its period to its last day (the day before the withdrawal takes effect)
    "screen.temporary.withdrawing": ("{status}（{effective} 起撤销）", "{status} (withdrawn from {effective})"),
    "screen.temporary.withdrawn_from": ("{status}（{effective} 起）", "{status} (from {effective})"),
    "screen.temporary.never_ran": ("开始（{start}）前已撤销，未施行", "withdrawn before its first day ({start}): never ran"),
    "screen.temporary.load": ("{town} {on} 每个网格每月的清单工作量（清单事项和有效的临时事项）：{hours} 小时，上限 {limit} 小时{over}。"
                              "记录新的临时事项时，加上它的工时超过上限的不予记录（专题研究仍决定交办的，用 --override 写明理由）。",
                              "{town} on {on}: listed workload per grid per month (list items and temporary approvals in "
                              "force) {hours} hours, limit {limit} hours{over}. A new temporary approval whose hours take it over "
                              "the limit is not recorded (unless --override gives the reason the town decided so)."),
    "screen.temporary.over": ("，已超过上限", ", over the limit"),
    "screen.temporary.title": ("临时事项批复（{on}，{count} 项）", "temporary approvals ({on}, {count})"),
    # a temporary approval's or an item's status, one wording on the command line (temporary list,
    # expiring) and on the pages (镇街临时事项, 即将到期, an item's page): 有效 as the policy's approval
    # "valid ... until the end date" and an item's 有效期
    "status.in_force": ("有效", "in force"),
    "status.pending": ("待生效", "pending"),  # an item decided, in force from a later day
    "status.upcoming": ("未开始", "not started"),  # an approval decided, starting later
    "status.expired": ("已到期", "expired"),
    "status.withdrawn": ("已撤销", "withdrawn"),
    "status.undecided": ("尚未决定", "not yet decided"),  # an approval decided after the day asked about
    "status.not_yet": ("未生效", "not yet in force"),  # an item neither in force nor decided to be
    "screen.expiring.title": ("{on} 起 {days} 天内到期（{count} 项）", "lapsing within {days} days of {on} ({count})"),
    # what lapses, on the command line and the 即将到期 page alike
    "screen.expiring.kind.item": ("清单事项", "list item"),
    "screen.expiring.kind.temporary": ("临时事项", "temporary approval"),
    "screen.expiring.days_left": ("{days} 天", "{days} d"),
    "screen.temporary.withdrawn": ("已撤销临时事项批复 {ref}，自 {effective} 起开始的工作不再准入",
                                   "withdrew temporary approval {ref}: work starting {effective} or later is no longer admitted"),
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
    "screen.impact.refused": ("影响分析：即使审定机构决定批准也不能纳入（{refused}），未重放决定日志。",
                              "impact: it could not be added even if the approving body approved it ({refused}); "
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
    # the pack as pack.yaml titles it, with its version (its name and digest: the JSON's pack, the 说明 sheet)
    "screen.assess.head": ("双向考核 {period}（判定时点 {at}；{title} {version} 版）",
                           "two-way assessment {period} (as at {at}; {title}, version {version})"),
    "screen.assess.records": ("记录 {records} 条：本期 {in_period} 条，有误 {errors} 条",
                              "{records} records: {in_period} in the period, {errors} with errors"),
    # the text's, the HTML report's and the dashboard's (assess.report.after_at_said)
    "screen.assess.after_at": ("，本期另有 {n} 条在判定时点之后才报告（不计）",
                               ", {n} more of the period reported after the moment judged (not counted)"),
    # what the input held that the scores leave out (assess.report.troubles): every output -- the text,
    # the workbook's 说明 sheet, the HTML report, the dashboard -- says them in these words, each after
    # screen.assess.sep where a sentence goes on with them
    "screen.assess.sep": ("，", ", "),
    "screen.assess.empty_files": ("{files} 里没有一条记录（未计入）", "no record in {files} (left out)"),
    "screen.assess.task_errors": ("{town}派单记录有误 {n} 条（未计入）", "{n} of the {town} task lines with errors (left out)"),
    "screen.assess.mismatch": ("规则包摘要不符 {n} 条（{events}）", "{n} records routed by a pack of another digest ({events})"),
    "screen.assess.earlier": ("按本规则包较早的版本分流：{versions}（已按当前版本判定）",
                              "routed by earlier versions of this pack: {versions} (judged by the current one)"),
    "screen.assess.earlier_one": ("{version} 版 {n} 条", "{n} by version {version}"),
    "screen.assess.mismatch_more": ("{events} 等", "{events} and more"),
    "screen.assess.late_extension": ("本期有 {n} 条记录的延期在办结时限过后才记录、未挪动时限（按原时限判定）（{events}）",
                                     "{n} records of the period with an extension recorded after the closure limit had "
                                     "passed, not applied (judged by the limit it came after) ({events})"),
    # a whistle blown at a level that blows none (policy §6; a judgement's unscored_whistles): no 报到 limit
    "screen.assess.unscored_whistles": ("本期有 {n} 条记录在不吹哨的处置层级吹了哨，这些吹哨不计报到、所召部门不因此被考核（{events}）",
                                        "{n} records of the period with a whistle blown at a level that blows none: "
                                        "those whistles are not scored, nor the departments they summoned for them ({events})"),
    # a community or grid the registry does not hold (a slip, or one not yet registered): counted apart
    # (assess.run.Unregistered), never scored, listed or advised on; the first named, with a did-you-mean
    "screen.assess.unregistered": ("未登记的{level} {n} 个、记录 {records} 条{why}：{units}",
                                   "{n} {level} codes the registry does not hold, {records} records{why}: {units}"),
    "screen.assess.unregistered_why.community": (
        "（另计，不打分、不上榜、不作预算建议；其事件仍计入所写的{town}）",
        " (counted apart: not scored, listed or advised on; their events still count for the {town} they name)"),
    "screen.assess.unregistered_why.grid": ("（网格只计数；其事件仍计入所写的{community}、{town}）",
                                            " (grids are only counted; their events still count for the "
                                            "{community} and {town} they name)"),
    "screen.assess.unregistered_unit": ("{unit} {n} 条", "{unit} {n}"),
    "screen.assess.unregistered_meant": ("{unit} {n} 条（是否指 {meant}？）", "{unit} {n} (did you mean {meant}?)"),
    # the towns' task decisions not given: the indicator they give is left out of every town's score
    "screen.assess.no_decisions": ("未提供{town}派单记录（--decisions），{indicator}未计入各{town}得分",
                                   "no {town} task decisions given (--decisions): {indicator} is left out of every "
                                   "{town}'s score"),
    # beside a department's events in the district's pooling: those that name no town (no town's scoring has them)
    "screen.assess.col.no_town": ("其中未能归属{town}", "of which no {town}"),
    "screen.assess.legend": ("份额 = 分子/分母（1–5 分的评分：份额 =（均分 − 1）÷ 4）；▼ 低于该项达标线（只标注，不另扣分）；"
                             "待定事件计数但不计入任何份额；案件 = 计入份额的事件；— 没有可计的案件。"
                             "得分不取整与榜单、预算线比较，接近线时多显示几位小数。",
                             "share = numerator/denominator (ratings of 1-5: share = (mean - 1) / 4); ▼ below the "
                             "indicator's target (marked only, no further deduction); pending events are counted but "
                             "in no share; cases = events counted in a share; — nothing to count. Scores are compared "
                             "unrounded with the lists' and the budget's lines, shown with more decimals near one."),
    "screen.assess.title": ("【{title}】", "[{title}]"),
    "screen.assess.indicator": ("{name}（{weight}）", "{name} ({weight})"),
    "screen.assess.cut": ("建议削减", "cut advised"),
    # a registered town or a department with no event in the period, in its score's place
    "screen.assess.listed_unit": ("{name}（{level}，{score}）", "{name} ({level}, {score})"),
    "screen.assess.listed_because": ("，{why}", "; {why}"),
    "screen.assess.level_sheet.department_town": ("{town}对部门评分", "{town} scoring"),
    "screen.assess.level.department_town": ("{town}对部门评分（各{town}评其召集的部门，只列示，不定榜单和预算建议）",
                                            "{town} scoring of departments (each {town} of those it summoned; "
                                            "shown, deciding no list or advice)"),
    "screen.assess.list": ("{list}：{names}", "{list}: {names}"),
    "screen.assess.list_head": ("{list}：", "{list}:"),
    # a unit on a list or advised a cut, with its rank (名次) in its level
    "screen.assess.ranked": ("  {rank}. {unit}", "  {rank}. {unit}"),
    # how the lists and tables are ordered (the text, the workbook's 说明 sheet, the HTML report, README)
    "screen.assess.order_line": ("排序：{order}", "order: {order}"),
    "screen.assess.order": ("{red}按得分从高到低，{black}和预算建议按得分从低到高，各层级分别排名次"
                            "（得分完全相同者名次相同，其后名次顺延，如 1、2、2、4；同分者按规则包登记的顺序）；"
                            "各层级的评分表和网格表按规则包登记的顺序（单位按单位登记表，部门按部门清单），"
                            "登记之外的单位排在最后、按代码。",
                            "the {red} by score, highest first, the {black} and the budget advice lowest "
                            "first, ranked within each level (equal exact scores share a rank and the next rank "
                            "skips, as 1, 2, 2, 4; tied units in the pack's order); every level's table and the grids' "
                            "in the pack's order (units as the registry lists them, departments as the pack lists "
                            "them), units the pack does not register last, by id."),
    "screen.assess.budget": ("预算建议：", "budget advice:"),
    "screen.assess.budget_none": ("预算建议：无", "budget advice: none"),
    "screen.assess.budget_unit": ("  {rank}. {name}（{score}分）：{text}", "  {rank}. {name} ({score} points): {text}"),
    "screen.assess.details": ("【明细】", "[details]"),
    "screen.assess.detail_unit": ("{name}（{id}）", "{name} ({id})"),
    "screen.assess.col.unit": ("单位", "unit"),
    "screen.assess.col.events": ("事件", "events"),
    "screen.assess.col.pending": ("待定", "pending"),
    "screen.assess.col.cases": ("案件", "cases"),
    "screen.assess.col.score": ("得分", "score"),
    "screen.assess.col.why": ("说明", "note"),
    "screen.assess.col.lists": ("榜单", "lists"),
    "screen.assess.col.budget": ("预算建议", "budget"),
    "screen.assess.col.grid": ("网格", "grid"),
    "screen.assess.col.found": ("发现事件", "events found"),
    "screen.assess.col.listed_hours": ("所在{town}清单工作量（小时/月，{day}）", "its {town}'s listed workload (hours/month, {day})"),
    # a grid the registry does not hold: its town, and so its listed workload, is not known
    "screen.assess.grid.listed_unknown": ("未登记", "not registered"),
    "screen.assess.grid.handled_close": ("网格和村(社区)办结", "closed at grid or community"),
    "screen.assess.grid.direct_report": ("紧急事项直报", "urgent matters reported directly"),
    "screen.assess.detail": ("  {name}：{met} {ok}（{ok_events}）；{missed} {late}（{late_events}）",
                             "  {name}: {met} {ok} ({ok_events}); {missed} {late} ({late_events})"),
    "screen.assess.detail_ratings": ("  {name}：{ratings}", "  {name}: {ratings}"),
    "screen.assess.rating": ("{event} {score} 分", "{event} {score}"),
    # what counts for and against each kind of indicator, as --explain lists its events
    "screen.assess.met": ("达标", "met"),
    "screen.assess.missed": ("未达标", "not met"),
    "screen.assess.met.reported_in": ("按时报到", "reported in on time"),
    "screen.assess.missed.reported_in": ("超时或未报到", "late or never"),
    "screen.assess.met.closed": ("按时办结", "closed on time"),
    "screen.assess.missed.closed": ("未按时办结", "not closed on time"),
    "screen.assess.met.feedback": ("按时反馈", "feedback on time"),
    "screen.assess.missed.feedback": ("未按时反馈", "feedback late or never"),
    "screen.assess.met.satisfaction": ("满意或基本满意", "satisfied or basically"),
    "screen.assess.missed.satisfaction": ("不满意", "dissatisfied"),
    "screen.assess.met.resolved_within": ("在本级及以下办结", "resolved at this level or below"),
    "screen.assess.missed.resolved_within": ("上交上级或未办结", "escalated above or not resolved"),
    "screen.assess.met.no_unauthorized_assignment": ("合规派单", "assigned within the rules"),
    "screen.assess.missed.no_unauthorized_assignment": ("违规派单", "unauthorized assignments"),
    "screen.assess.met.handled_close": ("在网格和村(社区)办结", "closed at grid or community"),
    "screen.assess.missed.handled_close": ("上交或未办结", "escalated or not resolved"),
    "screen.assess.met.direct_report": ("已直报", "reported directly"),
    "screen.assess.missed.direct_report": ("未直报", "not reported directly"),
    # gridrules import
    "screen.export.written": ("已导出 {title}：{rows} 行 → {file}", "exported {title}: {rows} row(s) → {file}"),
    "screen.import.derived": ("（编码由名称拼音生成，请核对）", " (id made from the name's pinyin: check it)"),
    "screen.import.source": ("{source}：{rows} 行，涉及{town} {towns}", "{source}: {rows} rows, {town}s {towns}"),
    "screen.import.written": ("已写入，规则包版本 {version}", "written: pack version {version}"),
    "screen.import.unchanged": ("没有变化，未写入", "no change: nothing written"),
    "screen.import.dry_run": ("（未写入：确认无误后加 --apply 写入）", "(not written: add --apply to write it once checked)"),
    "screen.import.app_written": ("已写出申请 {file}", "application written to {file}"),
    "screen.import.row_same": ("第 {row} 行 {target}：与清单一致，无修订", "row {row} {target}: as on the list, no amendment"),
    "screen.import.row_new": ("第 {row} 行 新增事项申请 {target}", "row {row} application for a new item {target}"),
    "screen.import.row_amend": ("第 {row} 行 修订 {target}", "row {row} amendment {target}"),
    "screen.refused_findings": ("阻断性意见（{count}）：", "blocking findings ({count}):"),
    "screen.import.no_new_blocking": ("修订新增的阻断性意见：无", "blocking findings the amendment adds: none"),
    "screen.import.new_blocking": ("修订新增的阻断性意见：{count} 条（见上）", "blocking findings the amendment adds: {count} (above)"),
    "screen.import.amend_findings": ("修订带来的审查意见（{count}）：", "findings the amendment brings ({count}):"),
    "screen.import.field": ("{field}：{before} → {after}", "{field}: {before} → {after}"),
    "screen.import.record_with": ("审定机构决定后记录：{command}", "once the approving body decides, record it with: {command}"),
    "screen.import.items_summary": ("共 {rows} 行：与清单一致 {same}，修订 {amend}，新增 {new}",
                                    "{rows} rows: {same} as on the list, {amend} amended, {new} new"),
    "screen.import.absent": ("清单中有、表中没有的事项：{items}。删去表中的行不会撤销事项；要撤销，审定机构决定后用 "
                             "gridrules admission withdraw",
                             "on the list but not in the table: {items}. Deleting a row withdraws nothing; to withdraw "
                             "an item, use gridrules admission withdraw once the approving body has decided"),
    "screen.import.approved_since": ("导出之后才审定的事项，表中没有：{items}（不是删去的行；要在表里修改它，请重新导出）",
                                     "approved after the table was exported, so not in it: {items} (not a deleted row; "
                                     "to amend it in a table, export the list again)"),
    "screen.import.no_items": ("（表中没有事项）", "(the table has no items)"),
}
