"""The catalogue's words for lint's findings about rules, the assessment, the registry and the
administrative structure (GR5xx-GR8xx; key -> (Chinese, English)).  Names of lists, kinds,
levels, units and bodies are the pack's own."""

from __future__ import annotations

RULE_FINDINGS: dict[str, tuple[str, str]] = {
    # --- GR501-GR503: rules ---
    "finding.subject.task": ("任务", "task"),
    "finding.subject.event": ("事件", "event"),
    "finding.rank.grade": ("等级", "grade"),
    "finding.rank.level": ("层级", "level"),
    "finding.winners.always": ("{rules} 给出的{what}总是更高", "{rules} always give a higher {what}"),
    "finding.winners.sometimes": ("总有另一条规则给出更高的{what}（{rules} 之一）",
                                  "another rule always gives a higher {what} (one of {rules})"),
    "finding.whistle.always": ("{stronger} 也总是成立", "{stronger} always hold too"),
    "finding.whistle.sometimes": ("总有更强的哨同时成立（{stronger} 之一）",
                                  "a stronger whistle always holds with it (one of {stronger})"),
    "finding.never_blows": (
        "规则 {rule}（{whistle}）永远不会吹响：它成立时，{who}，同时适用时只吹最强的一种哨，它的标注和直报也随之不起作用。",
        "rule {rule} ({whistle}) never blows: when it holds, {who}; only the strongest whistle blows, so its "
        "flags and direct reports never take effect either."),
    "finding.never_deadline": (
        "规则 {rule} 的时限从不起作用：它成立时，同时成立的 {rules} 给出的响应、办结、反馈时限总是更早（每项时限取最早者）。",
        "rule {rule}'s deadlines never take effect: when it holds, {rules}, holding too, always give earlier "
        "response, completion and feedback deadlines (each deadline is the earliest given)."),
    "finding.never_grade": (
        "规则 {rule} 从不决定事件等级：在它成立的每种情形下，{winners}（等级取各规则给出的最高者）。",
        "rule {rule} never decides an event's grade: in every situation where it holds, {winners} "
        "(the grade is the highest any rule gives)."),
    "finding.never_level": (
        "规则 {rule} 从不决定处置层级：在它成立的每种情形下，{winners}（层级取各规则给出的最高者）。",
        "rule {rule} never decides the handling level: in every situation where it holds, {winners} "
        "(the level is the highest any rule gives)."),
    "finding.example": ("例如：{example}。", " E.g. {example}."),
    "finding.not_analysed": (
        "规则 {rule} 比较了两个数值字段（{condition}），lint 没有判断它是否会触发。",
        "rule {rule} compares two number fields ({condition}); lint does not judge whether it fires."),
    "finding.never_fires": (
        "规则 {rule} 的条件（{condition}）在任何可能的{what}中都不成立，这条规则永远不会触发。",
        "rule {rule}'s condition ({condition}) holds for no possible {what}: the rule never fires."),
    # --- GR601-GR603: the two-way assessment ---
    "finding.assessment_missing": (
        "规则包没有 assessment.yaml：无法对部门、{towns}、{communities}考核打分。",
        "the pack has no assessment.yaml: departments, {towns} and {communities} cannot be scored."),
    "finding.lists_overlap": (
        "{red}要求得分≥{red_min}，{black}为得分<{black_below}：两者重叠时以{black}为准，{red}规则在重叠处不起作用。",
        "{red} requires a score of at least {red_min} and {black} a score below {black_below}: where they "
        "overlap {black} wins, and the {red} rule has no effect there."),
    "finding.budget_above_red": (
        "预算建议线为得分<{budget}，高于{red}下限{red_min}：上{red}的单位也会被建议削减预算。",
        "the budget advice applies below a score of {budget}, above the minimum of {red} ({red_min}): units "
        "on {red} are advised budget cuts too."),
    # --- GR701-GR702: the registry ---
    "finding.households": ("{grid}登记 {households} 户，{kind}的标准是 {min}–{max} 户。",
                           "{grid} records {households} households; the standard for {kind} is {min}–{max}."),
    "finding.staff_role": ("{role}（至少 {min} 名）", "{role} (at least {min})"),
    "finding.staffing": ("{grid}的力量配备缺少{missing}。", "{grid}'s staffing lacks {missing}."),
    # --- GR801-GR804: the administrative structure ---
    "finding.level_no_units": (
        "处置层级「{level}」（{id}）由{kind}处置，但单位树中没有这种单位：事件到了这一层级将找不到处置单位。",
        'handling level "{level}" ({id}) is handled by {kind}, but the unit tree has no such unit: an event '
        "at this level finds no unit to handle it."),
    "finding.kind_unhandled": (
        "单位种类「{kind}」（{id}）没有处置层级：事件不会交由这一级单位处置。",
        'unit kind "{kind}" ({id}) has no handling level: no event is handed to units of this kind.'),
    "finding.edited": ("{what}（未经流程，与 history.yaml 的记录不符）。{hint}",
                       "{what} outside the workflow (history.yaml records other contents). {hint}"),
    "finding.body_idle": (
        "机构「{body}」（{id}）不保管任何清单，也不能批准临时事项：它的决定无处记录。",
        'body "{body}" ({id}) keeps no list and gives no temporary inclusions: its decisions are recorded nowhere.'),
    "finding.owner_outside": (
        "清单事项 {item}由{unit}的{body}审定，责任部门{dept}却属于{home}：机构的清单只在本单位内适用。",
        "list item {item} is approved by {body} of {unit}, but its owning department {dept} belongs to "
        "{home}: a body's list applies within its own unit only."),
    "finding.town_outside": (
        "清单事项 {item}由{unit}的{body}审定，适用{towns} {town} 却不在其内：判定时不适用于该{towns}。",
        "list item {item} is approved by {body} of {unit}, but {town}, one of its {towns}, is not within it: "
        "the item does not apply there when deciding."),
}
