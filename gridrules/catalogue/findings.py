"""The catalogue's words for lint's findings (key -> (Chinese, English)), one family of checks
after another.  The pack's own texts (names, the negative list's wording, a rule's condition
as language.yaml words it) are filled in as the pack wrote them; numbers arrive formatted."""

from __future__ import annotations

from .checks import CHECK_SUMMARIES

FINDING_MESSAGES: dict[str, tuple[str, str]] = {
    # --- pieces: names with their ids, lists, quotes ---
    "finding.paired": ("{first}（{second}）", "{first} ({second})"),
    "finding.quoted": ("「{text}」", '"{text}"'),
    "finding.item": ("{id}「{name}」", '{id} "{name}"'),
    "finding.what.item": ("清单事项 {item}", "list item {item}"),
    "finding.related.item": ("清单事项 {id}", "list item {id}"),
    "finding.related.rule": ("规则 {id}", "rule {id}"),
    "finding.clause_sep": ("；", "; "),
    "finding.etc": ("等", ", …"),
    "finding.reason": ("（{why}）", " ({why})"),
    # --- GR003: a session dated in another year ---
    "finding.session_year": (
        "{where}：{session}是 {year} 年的届次，日期却是 {on}：届次按会议召开的年份编号，届次或日期多半写错了。",
        "{where}: {session} is a session of {year}, dated {on}: sessions are numbered by the year they are "
        "held in, so the session or the date is probably a slip."),
    # --- GR101-GR104, GR107-GR110, GR301-GR302: what an item or approval holds ---
    "finding.negative_activity": (
        "{what}的活动 {activity} 在负面清单上（{code}：{forbidden}），任何审批都不能把它交给网格员；"
        "要求这项活动的任务一律判为 forbidden。",
        "{what}: activity {activity} is on the negative list ({code}: {forbidden}); no approval can give it "
        "to grid workers, and every task asking for it is decided forbidden."),
    "finding.beyond_roles": (
        "{what}的活动 {activity} 不在任何网格角色的权限内（权力清单），要求这项活动的任务一律判为 forbidden"
        "（beyond_role_power）。",
        "{what}: activity {activity} is within no grid role's powers (power list); every task asking for it "
        "is decided forbidden (beyond_role_power)."),
    "finding.subsidy.none": ("没有写明工作补贴", "names no subsidy"),
    "finding.subsidy.zero": ("工作补贴却为 {subsidy} 元", "its subsidy is {subsidy} yuan"),
    "finding.no_subsidy": (
        "{what}每网格每月增加 {hours} 小时工作量，{shown}，没有做到费随事转（权随责走、费随事转）。",
        "{what} adds {hours} hours of work per grid a month and {shown}: the funding does not follow the work."),
    "finding.no_training_owner": (
        "{what}没有写明培训责任单位（training.owner）：职能部门负责对网格员进行业务培训。",
        "{what} names no training owner (training.owner): a functional department trains grid workers "
        "for its work."),
    "finding.approved_later": (
        "{what}的审定日期是 {decided}，在判定日 {on} 之后：到那天它才算经过审定，在此之前不在清单上"
        "（gridrules show items、网页上的工作清单和任务判定都用不到它）。审定日期应是已经作出审定的日子，"
        "请核对（年份写错了？）。",
        "{what} is approved on {decided}, after the day linted, {on}: until then it is on no list (show items, "
        "the pages' list and task decisions do not use it). An approval's date is the day it was decided: "
        "check it (the year mistyped?)."),
    "finding.no_risk": (
        "{what}没有写明风险等级（risk：low、medium、high），按风险清单的默认等级「{level}」判定；"
        "每个清单事项都应写明风险等级及其防范措施。",
        '{what} states no risk level (risk: low, medium, high) and is judged at the risk list\'s default '
        'level "{level}"; every list item should state its risk level and its safeguards.'),
    "finding.training_not_delivered": (
        "{what}的培训没有记录完成日期（training.delivered_on）：依据它准入的任务都会被标注"
        "「培训未完成」（training_pending），直到记录培训完成。",
        "{what}: its training has no date of completion (training.delivered_on); every task admitted under "
        "it is flagged training_pending until the training is recorded as delivered."),
    "finding.training_not_delivered_unflagged": (
        "{what}的培训没有记录完成日期（training.delivered_on）；本规则包没有据此标注任务的规则，"
        "依据它准入的任务不会因此被标注。",
        "{what}: its training has no date of completion (training.delivered_on); this pack has no rule that "
        "flags tasks for it, so tasks admitted under it are not flagged."),
    "finding.screened_word": (
        "{what}的名称或内容含「{word}」，疑似负面清单 {code}（{forbidden}）的工作；"
        "依据它派出的同名任务都会被标注 suspected_negative。",
        '{what}: its name or content holds "{word}", suspected to be work of negative-list entry {code} '
        "({forbidden}); tasks dispatched under it with that name are flagged suspected_negative."),
    # --- GR105-GR106: overlapping items and the tie-break ---
    "finding.why.fewer": (
        "{win} 任务之外的活动较少（{extra_win} 项，{lose} 有 {extra_lose} 项）",
        "{win} has fewer activities beyond the task's ({extra_win}; {lose} has {extra_lose})"),
    "finding.why.owner": (
        "两项任务之外的活动一样多（{extra} 项），{dept}在 {win} 的责任部门中排第{i}位、在 {lose} 中排第{j}位",
        "both have as many activities beyond the task's ({extra}); {dept} is owner no. {i} of {win} "
        "and no. {j} of {lose}"),
    "finding.why.code": (
        "两项任务之外的活动一样多（{extra} 项），{dept}在两项的责任部门中都排第{i}位，按编号取较小的 {win}",
        "both have as many activities beyond the task's ({extra}) and {dept} is owner no. {i} of both; "
        "the lower code wins: {win}"),
    "finding.overlap.more": (
        "清单事项 {item}还与另外 {rest} 个更早的清单事项重叠（{named}{etc}），不再逐条说明："
        "同一部门的事项覆盖同样的任务时，未注明清单事项的任务只由其中一项准入。",
        "list item {item} also overlaps {rest} earlier list items ({named}{etc}), not explained one by one: "
        "when a department's items cover the same tasks, a task naming no item is admitted by one of them only."),
    "finding.overlap.clause": ("{dept}的任务由 {win} 准入（{why}）", "{dept}'s tasks are admitted by {win} ({why})"),
    "finding.overlap": (
        "清单事项 {item}与 {other}重叠：{depts}发起、活动都在 {activities} 之内的任务，两项都涵盖。"
        "未注明清单事项时，{clauses}。",
        "list item {item} overlaps {other}: both cover tasks from {depts} whose activities are all within "
        "{activities}. For a task naming no item, {clauses}."),
    "finding.shadowed": (
        "未注明清单事项时，{dept}发起的任务永远不会由 {item}准入：凡它涵盖的任务，{winners} 也都涵盖，"
        "并按择优规则胜出{reason}。只有注明 list_item: {id} 的任务才按 {id} 准入。",
        "a task from {dept} naming no item is never admitted by {item}: every task it covers is also covered "
        "by {winners}, which the tie-break prefers{reason}. Only tasks naming list_item: {id} are admitted by {id}."),
    # --- GR201-GR204: event types ---
    "finding.fact.unset": ("未填写", "not given"),
    "finding.fact.yes": ("是", "yes"),
    "finding.fact.no": ("否", "no"),
    "finding.fact.sep": ("，", ", "),
    "finding.fact.any": ("任何情形", "any situation"),
    "finding.what.type": ("事件类型 {code}「{name}」", 'event type {code} "{name}"'),
    "finding.no_owner": (
        "{what}没有责任部门（owners 为空）：吹哨时没有部门报到，判定中的 departments 为空。",
        "{what} has no owning department (owners is empty): no department reports when a whistle blows, "
        "and its decisions name no departments."),
    "finding.no_grade": (
        "{what}在有些情形下没有任何分级规则给出等级，判定时会报错（例如：{example}）。",
        "{what}: in some situations no grading rule gives a grade, and deciding them fails (e.g. {example})."),
    "finding.no_level": (
        "{what}在有些情形下没有任何层级规则给出处置层级，判定时会报错（例如：{example}）。",
        "{what}: in some situations no leveling rule gives a handling level, and deciding them fails "
        "(e.g. {example})."),
    "finding.no_deadline": (
        "{what}为{grades}事件时没有任何时限规则成立，判定时会报错（例如：{example}）。",
        "{what}: as a {grades} event no deadline rule holds, and deciding it fails (e.g. {example})."),
    # --- GR303: temporary approvals that ended ---
    "finding.what.approval": ("{name} {ref}「{work}」", '{name} {ref} "{work}"'),
    "finding.withdrawn": (
        "{what}已于 {withdrawn_on} 撤销、自 {withdrawn} 起生效（判定日 {on}）；注明它、开始日在此之后的任务不再准入。",
        "{what} was withdrawn on {withdrawn_on}, in effect from {withdrawn} (judged on {on}); tasks naming it "
        "that start after that are no longer admitted."),
    "finding.expired": (
        "{what}已于 {to} 到期（判定日 {on}），只作记录；注明它、开始日在此之后的任务会被标注 temporary_expired。",
        "{what} ended on {to} (judged on {on}) and stays as a record; tasks naming it that start after that "
        "are flagged temporary_expired."),
    # --- GR401-GR403: departments, workload, the calendar ---
    "finding.owns_nothing": (
        "{dept}既不是任何清单事项的责任部门，也不是任何事件类型的责任部门：它发起的任务都须先申请纳入清单，"
        "吹哨也不会吹到它。",
        "{dept} owns no list item and no event type: every task it sends needs an application first, "
        "and no whistle reaches it."),
    "finding.capacity.peak": ("；最高为 {day} 起{town}的 {hours} 小时", "; the highest is {hours} hours in {town} from {day}"),
    "finding.capacity.on": (
        "判定日 {day} {town}有效的清单事项与临时事项工作量合计每网格每月 {hours} 小时，"
        "超过上限 {capacity} 小时（{parameter}）{peak}。",
        "on the day judged, {day}, the list items and temporary approvals in force in {town} add up to "
        "{hours} hours per grid a month, over the limit of {capacity} hours ({parameter}){peak}."),
    "finding.capacity.from": (
        "自 {day} {town}有效的清单事项与临时事项工作量合计每网格每月 {hours} 小时，"
        "超过上限 {capacity} 小时（{parameter}）{peak}。",
        "from {day} the list items and temporary approvals in force in {town} add up to {hours} hours "
        "per grid a month, over the limit of {capacity} hours ({parameter}){peak}."),
    "finding.calendar.left": ("还有 {days} 天", "{days} days left"),
    "finding.calendar.past": ("已过 {days} 天", "{days} days ago"),
    "finding.calendar_ends": (
        "节假日日历只到 {ends}（{when}，提醒期 {notice} 天）：此后的工作日时限只能按周一至周五计算，"
        "判定会标注 calendar_incomplete。请按 {year} 年的放假通知添加日历（calendar/{year}.yaml；"
        "{last} 年日历的依据：{basis}），这与其他规则包变更一样走变更程序。",
        "the holiday calendar ends on {ends} ({when}; notice period {notice} days): later working-day "
        "deadlines count Monday to Friday only, and decisions are flagged calendar_incomplete. Add the "
        "{year} calendar from that year's holiday notice (calendar/{year}.yaml; the {last} calendar rests on: "
        "{basis}), through the change procedure like any other pack change."),
}

from .rulefindings import RULE_FINDINGS  # noqa: E402  (rules, the assessment, the registry, the structure)

FINDING_MESSAGES.update(RULE_FINDINGS)
FINDING_MESSAGES.update(CHECK_SUMMARIES)
