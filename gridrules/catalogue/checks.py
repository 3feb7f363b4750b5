"""The catalogue's one-line summaries of lint's checks (``check.GR101`` -> (Chinese, English)):
what each check finds, as ``gridrules lint --format json`` and SARIF's rule descriptions say."""

from __future__ import annotations

CHECK_SUMMARIES: dict[str, tuple[str, str]] = {
    "check.GR001": ("规则包无法加载（YAML、JSON Schema、模型或交叉引用不通过）",
                    "the pack does not load (YAML, JSON Schema, models or cross-references fail)"),
    "check.GR002": ("文件未经流程被改动（history.yaml 没有记录；validate 不通过，也不能再写入变更）",
                    "a file changed outside the workflow (history.yaml does not record it; validate fails, "
                    "no change is written on it)"),
    "check.GR003": ("届次的年份与会议日期不是同一年（2027年第1次会议记为 2026-12-30）",
                    "a numbered session dated in another year (2027-1 dated 2026-12-30)"),
    "check.GR004": ("清单事项给同一次会议写了与变更记录（或前面的事项）不同的日期：一次会议只有一个日期（validate 不通过）",
                    "an item gives a session another date than history.yaml (or an item before it): one meeting "
                    "has one date (validate fails)"),
    # --- the admission list ---
    "check.GR101": ("清单事项含负面清单上的活动：任何审批都不能把它交给网格员",
                    "a list item holds an activity of the negative list: no approval can give it to grid workers"),
    "check.GR102": ("清单事项含任何网格角色都无权承担的活动",
                    "a list item holds an activity no grid role may perform"),
    "check.GR103": ("清单事项有工作量却没有工作补贴（费随事转）",
                    "a list item adds work but no subsidy (funding does not follow the work)"),
    "check.GR104": ("清单事项没有写明培训责任单位", "a list item names no training owner"),
    "check.GR105": ("两个清单事项涵盖同一任务：按择优规则说明哪一项胜出、为什么",
                    "two list items cover the same task: which one wins by the tie-break, and why"),
    "check.GR106": ("清单事项在未注明事项时永远不会胜出：另一事项总是涵盖同一任务并按择优规则胜出",
                    "a list item never wins a task naming no item: another item always covers it and wins the tie-break"),
    "check.GR107": ("清单事项没有写明风险等级（风险清单）", "a list item states no risk level (risk list)"),
    "check.GR108": ("清单事项的培训没有记录完成日期，其任务会被标注“培训未完成”",
                    "a list item's training has no date of completion: its tasks are flagged training_pending"),
    "check.GR109": ("清单事项的名称或内容含负面清单的变相派单用语",
                    "a list item's name or content holds a screening word of the negative list"),
    "check.GR110": ("清单事项的审定日期在判定日之后：在那天之前它不在清单上",
                    "a list item is approved after the day linted: until then it is on no list"),
    # --- event types ---
    "check.GR201": ("事件类型没有责任部门：吹哨无人报到，判定中没有责任部门",
                    "an event type has no owning department: nobody reports to a whistle, decisions name no department"),
    "check.GR202": ("事件类型在某些情形下没有任何分级规则给出等级（判定时会报错）",
                    "in some situations no grading rule gives an event type a grade (deciding them fails)"),
    "check.GR203": ("事件类型在某些情形下没有任何层级规则给出处置层级（判定时会报错）",
                    "in some situations no leveling rule gives an event type a handling level (deciding them fails)"),
    "check.GR204": ("事件类型在某些等级下没有任何时限规则成立（判定时会报错）",
                    "at some grades no deadline rule holds for an event type (deciding them fails)"),
    # --- temporary approvals ---
    "check.GR301": ("临时事项含负面清单上的活动", "a temporary approval holds an activity of the negative list"),
    "check.GR302": ("临时事项含任何网格角色都无权承担的活动", "a temporary approval holds an activity no grid role may perform"),
    "check.GR303": ("临时事项已到期或已撤销，只作记录", "a temporary approval has ended or was withdrawn: it stays as a record"),
    "check.GR304": ("同一单位的临时事项工作和活动相同、日期重叠（工作量计入两次）",
                    "one unit's temporary approvals of the same work and activities overlap (their hours count twice)"),
    # --- departments and workload ---
    "check.GR401": ("部门既不负责任何清单事项，也不负责任何事件类型", "a department owns no list item and no event type"),
    "check.GR402": ("有效清单事项的工作量合计超过每网格每月上限",
                    "the workload of the list items in force exceeds the monthly limit per grid"),
    "check.GR403": ("节假日日历即将用完：此后的工作日时限只能按周一至周五计算",
                    "the holiday calendar runs out soon: later working-day deadlines count Monday to Friday only"),
    # --- rules ---
    "check.GR501": ("规则的条件在任何可能的情形下都不成立，永远不会触发",
                    "a rule's condition holds in no possible situation: it never fires"),
    "check.GR502": ("规则虽然成立，却总有另一条规则先胜出，它从不起作用",
                    "a rule holds, but another rule always wins first: it never takes effect"),
    "check.GR503": ("规则比较了两个数值字段，lint 无法穷举判断它是否会触发",
                    "a rule compares two number fields: lint cannot tell by exploring whether it fires"),
    # --- the two-way assessment ---
    "check.GR601": ("规则包没有双向考核（assessment.yaml），gridrules assess 无法运行",
                    "the pack has no two-way assessment (assessment.yaml): gridrules assess cannot run"),
    "check.GR602": ("红榜下限不高于黑榜分数线，同一得分可能既上红榜又上黑榜",
                    "the red list's minimum is not above the black list's bar: one score may be on both lists"),
    "check.GR603": ("预算建议的分数线高于红榜下限，上红榜的单位也会被建议削减预算",
                    "the budget advice bar is above the red list's minimum: units on the red list are advised cuts too"),
    # --- the registry ---
    "check.GR701": ("网格户数不在其网格类型的户数标准内", "a grid's households are outside its kind's range"),
    "check.GR702": ("网格记录了力量配备，但缺少网格长、专职、兼职或网格指导员",
                    "a grid's recorded staffing misses a role of the grid staffing standard"),
    # --- the administrative structure ---
    "check.GR801": ("处置层级对应的单位种类在单位树中没有任何单位",
                    "a handling level's kind of unit has no unit in the unit tree"),
    "check.GR802": ("清单事项的责任部门或适用镇街不在其审定机构所在单位内",
                    "a list item's owning department or town is outside the unit of the body that approved it"),
    "check.GR803": ("单位种类没有任何处置层级", "a kind of unit has no handling level"),
    "check.GR804": ("机构既不保管清单，也不能批准临时事项", "a body keeps no list and gives no temporary inclusions"),
}
