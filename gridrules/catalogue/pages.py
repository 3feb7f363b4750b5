"""The messages of the web pages (``gridrules serve``'s /ui): a form's problems, refusals, the
error pages and a write that changed nothing -- key -> (Chinese, English).

Merged into ``MESSAGES``; the same placeholders in both languages.  The messages speak the server's
language, as the service does (``service.requests``).  The pages' own words -- the menu, a form's field names,
status words, the roles -- are here too, and shown in Chinese whatever the process speaks, as the
templates are written (``chinese_words``, ``catalogue.chinese``): no pages module writes Chinese of its
own (forms.py reads dates written 2026年12月5日: notation read, not words shown).  The templates keep
their sentences.  A district's values (an item's name, a town, a unit kind) are the pack's, never here.
"""

from __future__ import annotations

from .messages import MESSAGES  # every part merged into it by catalogue/__init__.py
from .running import RUNNING

PAGES: dict[str, tuple[str, str]] = {
    # a form's fields (pages/forms.py)
    "page.required": ("必须填写", "required"),
    "page.not_whole": ("「{text}」不是整数", "\"{text}\" is not a whole number"),
    "page.not_date": ("「{text}」不是日期（年-月-日）", "\"{text}\" is not a date (year-month-day)"),
    "page.not_moment": ("「{text}」不是时间（年-月-日 时:分）", "\"{text}\" is not a time (year-month-day hour:minute)"),
    "page.unknown_name": ("「{text}」不是规则包中的{kind}{hint}", "\"{text}\" is not a {kind} of the rule pack{hint}"),
    "page.expected_form": ("{problem}；应写成如 {example} 的样子", "{problem}; write it like {example}"),
    "page.keep_value": ("{what}不能清空：清单事项不能没有{what}（要改就填上新的）",
                        "{what} cannot be cleared: a list item cannot be without it (write the new value to change it)"),
    "page.keep_one": ("{what}至少要选一项：清单事项不能没有{what}", "choose at least one of {what}: a list item cannot be without"),
    "page.outside_issuer": ("{name}（本{district}登记之外）", "{name} (outside the {district}'s registered bodies)"),
    "page.outside_is_listed": ("「{text}」是名录里的{name}：请在「发起单位」中选它，这里不填",
                               "\"{text}\" is {name}, one of the list: choose it as the issuer and leave this empty"),
    "page.issuer_twice": ("发起单位只填一处：选了名录里的单位，就不要再写名录之外的单位",
                          "give the issuer once: either one of the list or one outside it"),
    # the history page's filter (pages/items.py): an item, an approval or an application, by name or number
    "page.history_unknown": ("「{text}」不是清单事项、临时事项批复或申请的名称或编号{hint}",
                             "\"{text}\" names no list item, temporary approval or application{hint}"),
    "page.did_you_mean": ("（是不是「{name}」？）", " (did you mean \"{name}\"?)"),
    # error pages and refusals (pages/app.py, pages/session.py)
    "page.no_page": ("没有这个页面，或不能这样打开它。", "There is no such page, or it cannot be opened this way."),
    "page.log_unavailable": ("决定日志暂时无法写入，这次的结论没有记下，所以没有显示。请稍后原样再提交一次。",
                             "The decision log cannot be written now: this decision was not recorded, so it is "
                             "not shown. Send the form again, as it is, a little later."),
    "page.bad_address": ("网址中的参数有误。", "The address's parameters are wrong."),
    # a form whose fields are not UTF-8 (pages/forms.py ``read_form``): each field, then what to do
    "page.form_not_utf8": ("表单中这些栏的内容不是 UTF-8 编码，读不出来：{fields}。所以什么也没有判定或记下；"
                           "请在本系统的页面上重新填写后提交（由其他系统发送的，请让它按 UTF-8 编码）。",
                           "These fields of the form are not UTF-8 and cannot be read: {fields}. So nothing was "
                           "decided or recorded; fill in the form on this system's page and send it again (a system "
                           "that sends it must encode it as UTF-8)."),
    "page.form_field_not_utf8": ("「{name}」{gbk}", "'{name}'{gbk}"),
    "page.form_name_not_utf8": ("一栏的名称{gbk}", "a field's name{gbk}"),
    "page.bad_form": ("表单校验失败（页面已过期或并非从本系统提交）。请重新打开页面后再提交。",
                      "The form could not be verified (the page has expired, or it was not sent from this "
                      "system). Open the page again and send it from there."),
    # the roles as the pages name them (pages/session.py), in Chinese on the pages
    "page.role.dispatch": ("派单员", "dispatcher"),
    "page.role.department": ("职能部门", "department"),
    "page.role.secretariat": ("审定机构秘书处", "secretariat"),
    "page.role.town": ("{town}指挥中心", "{town} command centre"),  # the pack's word for its towns (pages/names.py worded)
    "page.role.auditor": ("审计", "auditor"),
    "page.role_of": ("{role}：{unit}", "{role}: {unit}"),  # 职能部门：区民政局
    "page.not_for_role": ("当前身份（{name}）不能使用本页面；本页面供{roles}使用。",
                          "Your role ({name}) cannot use this page; it is for: {roles}."),
    # a write (pages/writes.py)
    "page.write_bad_input": ("填写的内容有误，未作任何改动。", "Something filled in is wrong; nothing was changed."),
    "page.write_refused": ("未作任何改动：{problem}", "Nothing was changed: {problem}"),
    # 事件分流 (pages/route.py)
    "page.step_before_report": ("不能早于{reported}", "cannot be before the {reported}"),
    "page.own_event": ("本网格不在{town}（{why}）：镇街指挥中心只能分流本镇街的事件，其他镇街的事件由该镇街或派单员分流。",
                       "this grid is not in {town} ({why}): a town routes only the events in its own town; another "
                       "town's events are routed by that town or by dispatch"),
    # applications (pages/applications.py)
    "page.application_taken": ("编号已被使用：{problem}", "the number is taken: {problem}"),
    "page.application_taken_differs": ("（已提交的申请与此次不同：{fields}。要改正本部门待审议的申请，请在该申请的页面点「修改/补正」；"
                                       "新的申请请使用新的编号）",
                                       " (the application filed differs from this one in: {fields}. To correct your "
                                       "department's waiting application, use 修改/补正 on its page; a new application "
                                       "needs a new number)"),
    "page.application_taken_other": ("（已提交的申请与此次不同：{fields}；新的申请请使用新的编号）",
                                     " (the application filed differs from this one in: {fields}; a new application "
                                     "needs a new number)"),
    "page.application_corrected": ("申请部门已于 {at} 补正（修改 {count} 次），审查意见按修改后的内容重新作出。",
                                   "Corrected by its department on {at} ({count} correction(s)); the review is of the "
                                   "corrected application."),
    "page.application_withdrawn": ("申请部门已于 {at} 撤回本申请，不再审议。",
                                   "Withdrawn by its department on {at}; it will not be decided."),
    "page.application_corrected_paper": ("秘书处已于 {at} 改正其代录入的纸质申请（修改 {count} 次），审查意见按修改后的内容重新作出。",
                                         "The secretariat corrected its entry of this paper application on {at} "
                                         "({count} correction(s)); the review is of the corrected application."),
    "page.application_withdrawn_paper": ("秘书处已于 {at} 按申请部门的书面撤回，记录撤回本申请，不再审议。",
                                         "The secretariat recorded the department's paper withdrawal on {at}; it will "
                                         "not be decided."),
    "page.no_application": ("没有编号为 {id} 的申请。", "There is no application numbered {id}."),
    "page.own_applications": ("只能查看本部门的申请。", "A department sees only its own applications."),
    # the same decision sent again (a double click, a form sent again after its answer was lost)
    # (what was decided: the history's words, action.approve and action.reject, 审定纳入 and 不予纳入)
    "page.approval_recorded": ("这一决定此前已经记录：{decision}{action}，编号 {code}；记在变更记录第 {seq} 条"
                               "（规则包版本 {version}）。这次没有重复记录。",
                               "This decision was recorded already: {decision} {action} it, listed as {code}; it is "
                               "history entry {seq} (pack version {version}). It was not recorded again."),
    "page.rejection_recorded": ("这一决定此前已经记录：{decision}{action}；记在变更记录第 {seq} 条（规则包版本 {version}）。"
                                "这次没有重复记录。",
                                "This decision was recorded already: {decision} {action} it; it is history entry "
                                "{seq} (pack version {version}). It was not recorded again."),
    "page.deciding_body": ("审定机构", "the approving body"),
    # the applications' own words (pages/applications.py), in Chinese on the pages: an application's status,
    # once decided the history's and the command line's words for the decision (action.*, catalogue/running.py):
    # the joint meeting 审定纳入s or 不予纳入s (policy §4, the seed's 联席会议审定)
    "page.application.status.pending": ("待审议", "waiting"),
    "page.application.status.withdrawn": ("已撤回", "withdrawn"),
    **{f"page.application.status.{status}": RUNNING[f"action.{action}"]
       for status, action in (("approved", "approve"), ("rejected", "reject"))},
    # the review's recommendation: the review's own words (review.recommendation.*, catalogue/running.py),
    # one wording on the pages and on the command line -- the policy's 纳入清单 (建议同意纳入)
    **{f"page.application.recommendation.{said}": RUNNING[f"review.recommendation.{said}"]
       for said in ("approve", "reject", "incomplete")},
    # the form's fields the pack's application form does not name (id, categories, end), and the
    # decision forms' and the training's, always in these words
    "page.application.field.id": ("申请编号", "application number"),
    "page.application.field.categories": ("类别", "categories"),
    "page.application.field.end": ("结束日期", "end date"),
    "page.application.field.training_owner": ("培训责任单位", "training given by"),
    "page.application.field.training_plan": ("培训计划", "training plan"),
    "page.application.field.session": ("会议届次", "session"),
    "page.application.field.date": ("决定日期", "decision date"),
    "page.application.field.override": ("不顾阻断性意见仍予纳入的理由", "why it is approved despite blocking findings"),
    "page.application.field.reason": ("理由", "reason"),
    "page.application.field.effective": ("施行日期", "in force from"),
    "page.meeting": ("{session} 会议（{date}）", "meeting {session} ({date})"),
    # every page's menu (pages/render.py): an entry's words, then what it is for, in Chinese on the pages
    "page.menu.check": ("任务准入自查", "check a task"),
    "page.menu_about.check": ("派单前核验一项任务能否交给网格员", "check, before dispatching, whether a task may go to grid workers"),
    "page.menu.route": ("事件分流", "route an event"),
    "page.menu_about.route": ("事件定级、确定处置单位、时限、直报和吹哨", "grade an event: who handles it, by when, direct reports and whistles"),
    "page.menu.applications": ("准入申请", "applications"),
    "page.menu_about.applications": ("申请纳入网格化服务管理工作清单，审查与审定机构决定",
                                     "apply for the admission list; the review and the approving body's decision"),
    "page.menu.items": ("工作清单", "the list"),
    "page.menu_about.items": ("现行网格化服务管理工作清单（可打印、下载）", "the admission list in force (to print, to download)"),
    "page.menu.history": ("变更历史", "history"),
    "page.menu_about.history": ("清单和临时事项的每一次变更及其决定", "every change to the list and the temporary approvals, with its decision"),
    "page.menu.expiring": ("即将到期", "expiring"),
    "page.menu_about.expiring": ("即将到期的清单事项和临时事项", "list items and temporary approvals about to expire"),
    "page.menu.temporary": ("{town}临时事项", "{town}s' temporary approvals"),  # 镇街临时事项: the pack's word
    "page.menu_about.temporary": ("临时事项批复：记录、撤销、查看", "temporary approvals: record, withdraw, read"),
    "page.menu.dashboard": ("统计看板", "dashboard"),
    "page.menu_about.dashboard": ("决定日志统计与双向考核红黑榜", "the decision log's counts and the two-way assessment's lists"),
    "page.zone": ("北京时间", "Beijing time"),  # the moments the pages show are in the pack's zone
    # what the forms call each kind of thing they offer (pages/names.py), in Chinese on the pages
    "page.kind.department": ("部门", "department"),
    "page.kind.town": ("镇街", "town"),
    "page.kind.activity": ("活动", "activity"),
    "page.kind.role": ("网格角色", "grid role"),
    "page.kind.item": ("清单事项", "list item"),
    "page.kind.approval": ("临时事项批复", "temporary approval"),
    "page.kind.type": ("事件类型", "event type"),
    "page.kind.grade": ("事件等级", "event grade"),
    "page.kind.level": ("处置层级", "level"),
    "page.kind.grid": ("网格", "grid"),
    "page.kind.community": ("村(社区)", "community"),
    "page.kind.duty": ("网格员职责", "duty"),
    "page.kind.issuer": ("发起单位", "issuer"),
    "page.negative_group": ("负面清单", "negative list"),  # the activities a form offers that the negative list bars
    "page.grid_shown": ("{grid}（{town}{community}）", "{grid} ({town}, {community})"),  # 和平社区01网格（棠香街道和平社区）
    "page.community_shown": ("{community}（{town}）", "{community} ({town})"),
    # 任务准入自查 (pages/check.py): the form's fields; department, town and issued_by are its issuer
    "page.check.field.id": ("任务编号", "task number"),
    "page.check.field.title": ("任务名称", "task"),
    "page.check.field.issuer": ("发起单位", "issuer"),
    "page.check.field.assignee": ("交给哪类网格人员", "given to which grid workers"),
    "page.check.field.activities": ("要网格员做的事", "what the grid workers are to do"),
    "page.check.field.start": ("开始日期", "start date"),
    "page.check.field.end": ("结束日期", "end date"),
    "page.check.field.hours_per_month": ("每网格每月工作量（小时）", "hours per grid per month"),
    "page.check.field.list_item": ("依据的清单事项", "the list item it relies on"),
    "page.check.field.temporary_approval": ("依据的临时事项批复", "the temporary approval it relies on"),
    "page.check.field.status": ("任务状态", "status"),
    "page.check.field.description": ("任务说明", "description"),
    "page.check.field.outside": ("名录之外的发起单位", "an issuer outside the list"),
    "page.check.status.proposed": ("拟派（派单前自查）", "to be dispatched (a check before)"),
    "page.check.status.assigned": ("已派（事后核查）", "dispatched (a check after)"),
    "page.check.default_id": ("自查-{moment}", "check-{moment}"),  # a task's number until the clerk gives one
    # 事件分流 (pages/route.py): the form's fields, and the contract's enumerations in the tool's words
    "page.route.field.id": ("事件编号", "event number"),
    "page.route.field.type": ("事件类型", "event type"),
    "page.route.field.reported_at": ("上报时间", "reported at"),
    "page.route.field.grid": ("发生网格", "grid"),
    "page.route.field.grade": ("上报等级", "grade reported"),
    # the unit's fields in the pack's words for its units (pages/names.py worded): 所在乡镇(街道) in a county
    "page.route.field.community": ("所在{community}", "{community}"),
    "page.route.field.town": ("所在{town}", "{town}"),
    "page.route.field.life_threat": ("存在生命财产现实威胁", "a present threat to life or property"),
    "page.route.field.people_involved": ("涉及人数", "people involved"),
    "page.route.field.reporters": ("反映人数", "people reporting it"),
    "page.route.field.recurrences_30d": ("30日内重复发生次数", "times it recurred in 30 days"),
    "page.route.field.spans": ("是否跨区域", "across areas"),
    "page.route.field.needs_enforcement": ("需要执法", "needs law enforcement"),
    "page.route.field.assigned_to": ("拟派处置层级", "level it is to be given to"),
    "page.route.field.history": ("已有处置", "handled so far"),
    "page.route.field.step_level": ("已处置层级", "level that handled it"),
    "page.route.field.step_outcome": ("处置结果", "outcome"),
    "page.route.field.step_at": ("处置结果时间", "outcome at"),
    "page.route.field.description": ("事件描述", "description"),
    "page.route.field.reporter_role": ("上报人", "reported by"),
    "page.route.field.direct_report_claimed": ("以直报方式上报（越级直报{direct_levels}）",
                                               "reported directly (past the levels, to {direct_levels})"),
    # what an event spans: none, or the units of a kind of the pack's tree (organization/units.yaml's
    # unit_kinds: 网格, 村(社区), 镇街 … as the pack names them)
    "page.route.spans_none": ("不跨区域", "within one unit"),
    "page.route.spans": ("跨{kind}", "across units of kind {kind}"),
    # the lists, an item's page and the history (pages/items.py)
    "page.list.items": ("工作清单", "the list"),
    "page.list.temporary": ("{town}临时事项", "{town}s' temporary approvals"),
    "page.list.negative": ("负面清单", "negative list"),
    "page.list.duties": ("网格员职责", "grid workers' duties"),
    "page.list.types": ("事件分类", "event types"),
    # a change's action in the history: the command line's words (action.*, catalogue/running.py), one
    # wording on both -- the policy's 联席会议审定, 不予纳入 (pages/items.py ACTION_WORDS)
    # an item's amend form; its decision fields (session, date, reason, effective, end, training) are
    # the decision forms' words, page.application.field.*
    "page.item.field.hours_per_month": ("工作量（小时/网格/月）", "hours per grid per month"),
    "page.item.field.subsidy": ("工作补贴（元/网格/月）", "subsidy (yuan per grid per month)"),
    "page.item.field.activities": ("活动", "activities"),
    "page.item.field.owners": ("责任部门", "responsible departments"),
    "page.item.field.frequency": ("频次", "frequency"),
    "page.item.field.no_end": ("改为长期有效", "no end date from now on"),
    "page.item.field.override": ("不顾阻断性意见修改的理由", "why it is amended despite blocking findings"),
    "page.item.field.changes": ("修改内容", "changes"),
    "page.item.field.on": ("培训完成日期", "day the training was delivered"),
    "page.item.trained": ("已记录培训完成", "training recorded as delivered"),
    # temporary approvals (pages/temporary.py): the record and withdraw forms' fields (the withdrawal's
    # effective date is the decision forms' word); an approval's status is the command line's (status.*)
    "page.temporary.field.ref": ("批复文号", "reference"),
    "page.temporary.field.decided_on": ("批复日期", "decided on"),
    "page.temporary.field.work": ("临时工作内容", "the temporary work"),
    "page.temporary.field.activities": ("要网格员做的事", "what the grid workers are to do"),
    "page.temporary.field.valid_from": ("开始日期", "start date"),
    "page.temporary.field.valid_to": ("结束日期", "end date"),
    "page.temporary.field.hours_per_month": ("每网格每月工作量（小时）", "hours per grid per month"),
    "page.temporary.field.note": ("备注", "note"),
    "page.temporary.field.override": ("超过工作量上限仍予交办的理由", "why it is given despite the workload going over capacity"),
    "page.temporary.field.date": ("撤销决定日期", "date of the withdrawal"),
    "page.temporary.field.decision": ("撤销决定文号", "reference of the withdrawal"),
    "page.temporary.field.reason": ("撤销理由", "why it is withdrawn"),
    "page.temporary.field.unit": ("作出决定的单位", "the unit that decided"),
    # the list (pages/items.py)
    "page.no_item": ("清单中没有编号为 {code} 的事项。", "The list has no item numbered {code}."),
    "page.no_changes": ("没有任何修改：请改动至少一项", "nothing was changed: change at least one field"),
    # temporary approvals (pages/temporary.py)
    "page.deciding_unit": ("请选择作出决定的单位：秘书处记录上级机关的临时纳入决定，镇街的由镇街记录。",
                           "choose the unit that decided: the secretariat records the temporary inclusions "
                           "decided above the towns; a town records its own"),
    "page.town_withdraws_own": ("只能撤销本镇街的临时事项。", "A town withdraws only its own temporary approvals."),
    "page.secretariat_withdraws": ("秘书处只能撤销上级机关的临时纳入决定；镇街的临时事项由镇街撤销。",
                                   "The secretariat withdraws only the temporary inclusions decided above the "
                                   "towns; a town withdraws its own."),
    "page.approval": ("临时事项批复", "temporary approval"),
    # the dashboard (pages/dashboard.py, pages/charts.py)
    "page.date_form": ("日期须为 年-月-日", "a date is written year-month-day"),
    "page.period": ("起止日期须有先后，且不超过 {days} 天", "the start must come before the end, at most {days} days apart"),
    "page.records_file": ("请选择事件全过程记录文件（.jsonl）", "choose a file of event lifecycle records (.jsonl)"),
    "page.no_data": ("没有数据", "no data"),
    "page.chart.total": ("{name} 共 {total}", "{name}: {total} in all"),  # a chart's series, in its description
    # the dashboard's charts (pages/dashboard.py), in Chinese on the pages
    "page.chart.events": ("事件分流", "events routed"),  # the series of events beside the tasks' verdicts
    "page.chart.by_day": ("每日决定数（按结论）", "decisions a day (by verdict)"),
    "page.chart.by_department": ("按部门（任务发起部门、事件责任部门）", "by department (a task's issuer, an event's handler)"),
    "page.chart.by_type": ("按事件类型（前 15 类）", "by event type (the first 15)"),
    "page.chart.points": ("分", "points"),  # a scorecard's unit
    # an application sent again with the same content (pages/applications.py)
    "page.application_filed": ("此申请已提交，与这次所填的内容相同，没有再提交一份。",
                               "This application was submitted already, as filled in now; it was not submitted again."),
    # the dashboard's assessment (pages/dashboard.py): the bad records, counted above the scores they are left out of
    "page.assess.errors": ("有误 {n} 条记录，未计入下列评分与榜单（点开查看）",
                           "{n} records with errors, left out of the scores and lists below (open to see them)"),
    # past the page's listing (its first {shown}): how many in all, and where every one is
    "page.assess.errors_more": ("共 {n} 条，这里只列出前 {shown} 条；工作簿列出前 {listed} 条，"
                                "gridrules assess 的标准错误输出列出全部（每条一行）",
                                "{n} in all; only the first {shown} are listed here; the workbook lists the first "
                                "{listed}, and gridrules assess says every one on stderr, a line each"),
    # the workbook of the analysis shown, asked for when its inputs are held no more (pages/held.py)
    "page.assess.held_gone": ("本次考核的记录文件已不在服务器上（只保留 {minutes} 分钟，每个登录只保留最近一次考核）："
                              "请重新选择记录文件，再点「下载工作簿」",
                              "the records of the analysis shown are no longer held on the server (kept {minutes} "
                              "minutes, the latest analysis of each login only): choose the records file again, then "
                              "download the workbook"),
    "page.assess.held_other_pack": ("规则包在这次考核之后已经更新：工作簿要按新的规则包计算，请重新选择记录文件再考核",
                                    "the pack has changed since this analysis: choose the records file again and "
                                    "assess it by the pack as it is now"),
}


def chinese_words(prefix: str) -> dict[str, str]:
    """The catalogue's words under ``prefix`` (``page.application.status.``, or the command line's own
    ``action.`` where the pages say the same thing), by the rest of their key, in Chinese: the pages are
    Chinese whatever the process speaks (as ``decide.labels``' verdicts)."""
    return {key[len(prefix):]: zh for key, (zh, _en) in MESSAGES.items() if key.startswith(prefix)}
