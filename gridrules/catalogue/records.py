"""The words of lifecycle records and of the assessment: a record's problems (its steps'
order, who was summoned, its ratings), and ``assess``'s own messages and progress line."""

from __future__ import annotations

RECORDS: dict[str, tuple[str, str]] = {
    # --- a lifecycle record (contract.lifecycle, decide.records, decide.lifecycle) ---
    "record.history": ("记录里的事件应是首次分拨时的样子：不写 history，处置经过写在 steps 里",
                       "the record's event is the event as first routed; its handling is the steps"),
    "record.before": ("{at} 早于{before} {then}（早 {gap}）", "{at} is before {before} {then} ({gap} earlier)"),
    "record.the_report": ("上报时间", "the report"),
    "record.the_step": ("上一步（{step}）", "{step}"),
    "record.never_summoned": ("部门「{department}」没有被吹哨召集过（之前没有哪次吹哨点到它）",
                              "'{department}' was never summoned (no earlier whistle names it)"),
    "record.rating_not_summoned": ("部门「{department}」没有为这个事件被召集过，不能评价",
                                   "'{department}' was never summoned for this event"),
    "record.resolved_twice": ("两次办结之间没有复发（reopened）", "resolved twice without a reopening between"),
    "record.revisit_early": ("回访只能在办结之后", "a revisit comes only after the resolution"),
    "record.reopen_unresolved": ("只有已办结的事项才能复发", "only a resolved matter can be reopened"),
    "record.escalate_resolved": ("已办结的事项不再上报（先复发）", "a resolved matter is not escalated (reopen it first)"),
    "record.until_early": ("延期到 {until}，不在这一步之后", "{until} is not after the step"),
    "record.rating_town": ("镇街「{given}」不是事件所在的镇街（{town}）", "'{given}' is not the event's town ('{town}')"),
    "record.extended_earlier": ("延期到 {until}，早于当时的办结时限 {close_by}（延期只能推后时限）",
                                "extended until {until}, before the closure limit then, {close_by} (an extension "
                                "only moves the limit later)"),
    "record.late_extension": ("注意：这次延期在 {at} 才记录，当时的办结时限 {close_by} 已过，不挪动时限："
                              "延期至 {until} 不采纳，办结按原时限判定",
                              "note: this extension was recorded at {at}, after the closure limit {close_by} had "
                              "passed, so it moves nothing: until {until} is not applied, the closure is judged by "
                              "the limit it came after"),
    "record.unscored_whistle": ("注意：吹哨时的处置层级是{level}，按规则包的吹哨规则这时不吹哨，没有报到时限："
                                "这次吹哨不计报到，{departments}也不因它在本事件上被考核",
                                "note: the handling level was {level} when this whistle was blown, where the pack's "
                                "whistle rules blow none, so there is no limit to report in by: the whistle is not "
                                "scored, nor are {departments} scored on this event for it"),
    "record.escalated_level": ("上报到「{level}」，但当时的层级是「{current}」（只能逐级上报到紧邻的上一级）",
                               "escalated to '{level}', but the level current then is '{current}' "
                               "(exactly one level above it)"),
    "record.no_assessment": ("这个规则包没有 assessment.yaml：无法判定处置记录",
                             "this pack has no assessment.yaml: records cannot be judged"),
    # --- the assessment (gridrules.assess, the assess command) ---
    "assess.seen": ("事件编号「{event}」在前面的记录里已出现过（{where}）", "event id '{event}' was already seen in an earlier record ({where})"),
    "assess.seen_here": ("事件编号「{event}」前面已出现过：这一行本身已读过一次（同一个文件给了两次？）",
                         "event id '{event}' was already seen: this very line was read before (the same file given twice?)"),
    "assess.task_seen": ("任务编号「{task}」前面已给出（{where}）：同一任务只计一次，这一行不计",
                         "task id '{task}' was already given ({where}): a task counts once, this line does not"),
    "assess.task_seen_here": ("任务编号「{task}」前面已给出：这一行本身已读过一次（同一个文件给了两次？），同一任务只计一次，这一行不计",
                              "task id '{task}' was already given: this very line was read before (the same file "
                              "given twice?); a task counts once, this line does not"),
    "assess.no_assessment": ("这个规则包没有 assessment.yaml：没有考核办法可依",
                             "this pack has no assessment.yaml: nothing says what to score"),
    "assess.task_flags": ("镇街任务的决定须带 flags（一个列表）", "a task decision carries its flags (a list)"),
    "assess.decision_alone": (
        "这一行是任务的判定结果（check-task 的输出），其中没有任务本身：--decisions 每行应是一项任务（check-task 的输入，"
        "在判定时点 --at 重新判定），或 {\"task\": 任务, \"decision\": 它的判定结果}（按判定结果的 flags 计）",
        "this line is a task decision (check-task's output), without the task it judged: each line of --decisions is "
        "a task (check-task's input, judged again at --at), or {\"task\": the task, \"decision\": its decision} "
        "(counted by the decision's flags)"),
    "assess.bad_period": ("「{text}」不是考核期：写年份（2026 或 2026年）、季度（2026-Q4 或 2026年第四季度）或月份（2026-11 或 2026年11月）",
                          "'{text}' is not a period: write a year (2026), a quarter (2026-Q4) or a month (2026-11)"),
    "assess.case_input": ("考核用例的 input 只含 period（文字）、records 和 tasks",
                          "an assessment case's input holds period (text), records and tasks"),
    "assess.a_list": ("应是一个列表", "a list"),
    "assess.cannot_fetch": ("无法读取 {url}：{reason}", "cannot read {url}: {reason}"),
    "assess.unit": ("单位", "unit"),
    "assess.unregistered": ("{id}（未登记）", "{id} (not registered)"),
    "assess.rated_by": ("{department}（{town}评）", "{department} (rated by {town})"),
    "assess.rating_counts": ("{n} 次评分均 {mean} 分", "{n} ratings, mean {mean}"),
    "assess.late_whistles": ("{kinds}报到超时 {n} 次", "{kinds} answered late {n} times"),
    "assess.explain_unseen": ("「{value}」既不是规则包中的单位，这些记录也没有提到它：没有可列出的事件",
                              "'{value}' is no unit of the pack and no record mentions it: there are no events to list"),
    "assess.progress": ("{what}{head}：{records:,} 条记录，每秒 {rate:,.0f} 条，有误 {errors:,} 条（{seconds:.1f} 秒）",
                        "{what} {head}: {records:,} records, {rate:,.0f}/s, {errors:,} errors ({seconds:.1f} s)"),
    "assess.what": ("考核", "assess"),
    "assess.progress_running": ("进行中", "…"),
    "assess.progress_done": ("完成", "done"),
    # every record read was bad: no scorecard (it would look like a result), only the errors
    "assess.none_counted": ("读取的 {n} 条记录全部有误，没有一条计入：不给出考核结果（评分、红黑榜），请改正以下各条后重新考核",
                            "all {n} records read have errors and none was counted: no assessment is given (no "
                            "scores, no red or black list); mend the records below and assess again"),
    # a records file with no record at all (empty, or blank lines only): the wrong file, an empty export
    "assess.no_records": ("{file} 里没有一条记录（文件是空的，或只有空行）：是不是给错了文件，或者导出时没有导出记录？"
                          "不给出考核结果（评分、红黑榜）",
                          "{file} holds no record (it is empty, or blank lines only): the wrong file, or an empty "
                          "export? no assessment is given (no scores, no red or black list)"),
    # YAML records (a list, or documents after ---, as route --record reads one) given to assess, which
    # reads JSON Lines: said once for the file, with a command that converts it ({convert})
    "assess.yaml_records": ("这是 YAML 格式的记录（记录的列表，或用 --- 分隔的多份记录），assess 只读 JSON Lines"
                            "（每行一条记录，写成一行 JSON）：请先转换，例如：{convert}",
                            "YAML records (a list of records, or documents separated by ---); assess reads JSON "
                            "Lines (one record a line, as one line of JSON): convert it first, e.g. {convert}"),
    # what assess reads, said where a file of another kind is refused (a workbook, a PDF: doc.*_file)
    "assess.reads": ("assess 读的是 JSON Lines：UTF-8 编码的文本，每行一条记录，写成一行 JSON",
                     "assess reads JSON Lines: UTF-8 text, one record a line, as one line of JSON"),
    # records written as one JSON array ([{…}, {…}]) given to assess: said once for the file, with a
    # command that converts it ({convert})
    "assess.array_records": ("这是写成一个 JSON 数组（[ … ]）的记录，assess 只读 JSON Lines（每行一条记录，写成一行 JSON）："
                             "请先转换，例如：{convert}",
                             "records written as one JSON array ([ … ]); assess reads JSON Lines (one record a "
                             "line, as one line of JSON): convert it first, e.g. {convert}"),
    "assess.array_file": ("记录.json", "records.json"),  # the file the conversion reads, when it is no local file
    # a table (CSV: a header line of column names, then a row a line) given to assess: said once for the
    # file; a row is no record (a record is its event and its steps), so no conversion is offered
    "assess.table_records": ("这是 CSV 表格（第一行是表头「{header}」），assess 只读 JSON Lines（每行一条记录，写成一行 JSON）："
                             "一条记录是事件（event）加处置步骤（steps），表格的一行不能直接当作记录；请从业务系统导出 "
                             "JSON Lines（格式见 schemas/lifecycle_record.schema.json，示例见 examples/records.jsonl）",
                             "a CSV table (its first line a header: '{header}'); assess reads JSON Lines (one record "
                             "a line, as one line of JSON): a record is an event and its steps, which a table's row is "
                             "not; export JSON Lines from the dispatch system (schemas/lifecycle_record.schema.json, "
                             "e.g. examples/records.jsonl)"),
    # gridrules log export's output given to assess as records: its lines are decisions, not lifecycles
    "assess.log_export": ("这是决定日志的导出（gridrules log export）：日志每行是一次判定（当时的输入和判定结果），不是事件的处置记录，"
                          "没有事件后来的处置步骤，不能用来考核；assess 读的是派单系统为每个事件保存的处置记录（生命周期记录："
                          "事件 event 加处置步骤 steps，每行一条，格式见 schemas/lifecycle_record.schema.json，示例见 "
                          "examples/records.jsonl），请从派单系统导出",
                          "a decision-log export (gridrules log export): each line is one decision (its input and what "
                          "was decided then), not an event's lifecycle record, without the steps that followed, so it "
                          "cannot be assessed; assess reads the lifecycle records the dispatch system keeps for each "
                          "event (the event and its steps, one a line: schemas/lifecycle_record.schema.json, e.g. "
                          "examples/records.jsonl): export those from the dispatch system"),
    "assess.yaml_file": ("记录.yaml", "records.yaml"),  # the file the conversion reads, when it is no local file
    # one of several records files holds none: the rest are assessed, this said on stderr and in the summary
    "assess.no_records_here": ("注意：{file} 里没有一条记录（文件是空的，或只有空行），考核只按其余文件计",
                               "note: {file} holds no record (it is empty, or blank lines only); the other files "
                               "are assessed"),
}
