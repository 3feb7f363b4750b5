"""The messages of the web pages (``gridrules serve``'s /ui): a form's problems, refusals, the
error pages and a write that changed nothing -- key -> (Chinese, English).

Merged into ``MESSAGES``; the same placeholders in both languages.  The messages speak the server's
language, as the service does (``service.requests``).  The pages' own words -- a form's field names,
status words, the roles -- are here too, and shown in Chinese whatever the process speaks, as the
templates are written (``chinese_words``, ``catalogue.chinese``): pages/applications.py's,
session.py's, charts.py's and dashboard.py's are.  The other pages' labels and menus still stay
beside the forms that show them (``pages/*.py``, the templates).
"""

from __future__ import annotations

PAGES: dict[str, tuple[str, str]] = {
    # a form's fields (pages/forms.py)
    "page.required": ("必须填写", "required"),
    "page.not_whole": ("「{text}」不是整数", "\"{text}\" is not a whole number"),
    "page.not_date": ("「{text}」不是日期（年-月-日）", "\"{text}\" is not a date (year-month-day)"),
    "page.not_moment": ("「{text}」不是时间（年-月-日 时:分）", "\"{text}\" is not a time (year-month-day hour:minute)"),
    "page.unknown_name": ("「{text}」不是规则包中的{kind}{hint}", "\"{text}\" is not a {kind} of the rule pack{hint}"),
    "page.expected_form": ("{problem}；应写成如 {example} 的样子", "{problem}; write it like {example}"),
    "page.keep_one": ("{what}至少要选一项：清单事项不能没有{what}", "choose at least one of {what}: a list item cannot be without"),
    "page.outside_issuer": ("{name}（本区登记之外）", "{name} (outside the pack)"),
    "page.outside_is_listed": ("「{text}」是名录里的{name}：请在「发起单位」中选它，这里不填",
                               "\"{text}\" is {name}, one of the list: choose it as the issuer and leave this empty"),
    "page.issuer_twice": ("发起单位只填一处：选了名录里的单位，就不要再写名录之外的单位",
                          "give the issuer once: either one of the list or one outside it"),
    "page.did_you_mean": ("（是不是「{name}」？）", " (did you mean \"{name}\"?)"),
    # error pages and refusals (pages/app.py, pages/session.py)
    "page.no_page": ("没有这个页面，或不能这样打开它。", "There is no such page, or it cannot be opened this way."),
    "page.log_unavailable": ("决定日志暂时无法写入，这次的结论没有记下，所以没有显示。请稍后原样再提交一次。",
                             "The decision log cannot be written now: this decision was not recorded, so it is "
                             "not shown. Send the form again, as it is, a little later."),
    "page.bad_address": ("网址中的参数有误。", "The address's parameters are wrong."),
    "page.bad_form": ("表单校验失败（页面已过期或并非从本系统提交）。请重新打开页面后再提交。",
                      "The form could not be verified (the page has expired, or it was not sent from this "
                      "system). Open the page again and send it from there."),
    # the roles as the pages name them (pages/session.py), in Chinese on the pages
    "page.role.dispatch": ("派单员", "dispatcher"),
    "page.role.department": ("职能部门", "department"),
    "page.role.secretariat": ("审定机构秘书处", "secretariat"),
    "page.role.town": ("镇街指挥中心", "town command centre"),
    "page.role.auditor": ("审计", "auditor"),
    "page.role_of": ("{role}：{unit}", "{role}: {unit}"),  # 职能部门：区民政局
    "page.not_for_role": ("当前身份（{name}）不能使用本页面；本页面供{roles}使用。",
                          "Your role ({name}) cannot use this page; it is for: {roles}."),
    # a write (pages/writes.py)
    "page.write_bad_input": ("填写的内容有误，未作任何改动。", "Something filled in is wrong; nothing was changed."),
    "page.write_refused": ("未作任何改动：{problem}", "Nothing was changed: {problem}"),
    # 事件分流 (pages/route.py)
    "page.step_before_report": ("不能早于{reported}", "cannot be before the {reported}"),
    "page.own_event": ("本网格不在{town}：镇街指挥中心只能分流本镇街的事件，其他镇街的事件由该镇街或派单员分流。",
                       "this grid is not in {town}: a town routes only the events in its own town; another "
                       "town's events are routed by that town or by dispatch"),
    # applications (pages/applications.py)
    "page.application_taken": ("编号已被使用：{problem}", "the number is taken: {problem}"),
    "page.no_application": ("没有编号为 {id} 的申请。", "There is no application numbered {id}."),
    "page.own_applications": ("只能查看本部门的申请。", "A department sees only its own applications."),
    # the same decision sent again (a double click, a form sent again after its answer was lost)
    "page.approval_recorded": ("这一决定此前已经记录：{decision}批准，纳入清单，编号 {code}；记在变更记录第 {seq} 条"
                               "（规则包版本 {version}）。这次没有重复记录。",
                               "This decision was recorded already: {decision} approved it, listed as {code}; it is "
                               "history entry {seq} (pack version {version}). It was not recorded again."),
    "page.rejection_recorded": ("这一决定此前已经记录：{decision}未予批准；记在变更记录第 {seq} 条（规则包版本 {version}）。"
                                "这次没有重复记录。",
                                "This decision was recorded already: {decision} rejected it; it is history entry "
                                "{seq} (pack version {version}). It was not recorded again."),
    "page.deciding_body": ("审定机构", "the approving body"),
    # the applications' own words (pages/applications.py), in Chinese on the pages: an application's status
    "page.application.status.pending": ("待审议", "waiting"),
    "page.application.status.approved": ("已批准", "approved"),
    "page.application.status.rejected": ("未批准", "rejected"),
    # the review's recommendation, as the pages word it for the secretariat and the applicant
    "page.application.recommendation.approve": ("建议批准", "approve it"),
    "page.application.recommendation.reject": ("建议不予批准", "do not approve it"),
    "page.application.recommendation.incomplete": ("材料不全，建议补充后再审", "incomplete: to be completed and reviewed again"),
    # the form's fields the pack's application form does not name (id, categories, end), and the
    # decision forms' and the training's, always in these words
    "page.application.field.id": ("申请编号", "application number"),
    "page.application.field.categories": ("类别", "categories"),
    "page.application.field.end": ("结束日期", "end date"),
    "page.application.field.training_owner": ("培训责任单位", "training given by"),
    "page.application.field.training_plan": ("培训计划", "training plan"),
    "page.application.field.session": ("会议届次", "session"),
    "page.application.field.date": ("决定日期", "decision date"),
    "page.application.field.override": ("不顾阻断性意见批准的理由", "why it is approved despite blocking findings"),
    "page.application.field.reason": ("理由", "reason"),
    "page.application.field.effective": ("施行日期", "in force from"),
    "page.meeting": ("{session} 会议（{date}）", "meeting {session} ({date})"),
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
    # the dashboard's assessment (pages/dashboard.py): the bad records, counted above the scores they are left out of
    "page.assess.errors": ("有误 {n} 条记录，未计入下列评分与榜单（点开查看）",
                           "{n} records with errors, left out of the scores and lists below (open to see them)"),
}


def chinese_words(prefix: str) -> dict[str, str]:
    """The pages' own words under ``prefix`` (``page.application.status.``), by the rest of their key,
    in Chinese: the pages are Chinese whatever the process speaks (as ``decide.labels``' verdicts)."""
    return {key[len(prefix):]: zh for key, (zh, _en) in PAGES.items() if key.startswith(prefix)}
