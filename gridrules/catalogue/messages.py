"""The catalogue: every generic message, key -> (Chinese, English).

Placeholders are ``{name}``; both languages of a key use the same ones (a test checks).
``{pydantic}`` stands for pydantic's own English message, kept as the English side of a
translated validation error.
"""

from __future__ import annotations

from .codes import CODES
from .records import RECORDS

MESSAGES: dict[str, tuple[str, str]] = {
    # --- problems and error titles (errors.py, the command line's boundary) ---
    "problem.hint": ("（是否指 {hint}？）", " (did you mean '{hint}'?)"),
    "title.invalid input": ("输入有误", "invalid input"),
    "title.invalid rule pack": ("规则包有误", "invalid rule pack"),
    "title.problems": ("有问题", "problems"),
    "title.not found": ("找不到要处理的对象", "not found"),
    "cli.heading": ("{title}：", "{title}:"),
    "cli.aborted": ("已中止", "aborted"),
    "cli.os_error": ("无法读写 {path}（{reason}）：请检查这个位置是否存在、是否有权限写入", "cannot read or write {path} ({reason})"),
    "cli.os_error_unnamed": ("系统拒绝了这个操作（{reason}）", "the system refused ({reason})"),
    "cli.unexpected": ("意外错误（程序缺陷）：{kind}：{error}", "unexpected error: {kind}: {error}"),
    "cli.debug_hint": ("（加 --debug 可看到调用栈，请连同它一起报告）", "(run with --debug for the traceback)"),
    "cli.exists": ("{path} 已存在；要覆盖它请加 --force", "{path} exists; use --force to overwrite it"),
    "cli.edited_warning": (
        "注意：{root} 有文件未经流程被改动（{drift}）。{hint}",
        "warning: {root}: files changed outside the workflow ({drift}). {hint}",
    ),
    "cli.bad_lang": ("语言只能是 zh 或 en", "the language is zh or en"),
    # --- reading documents ---
    "doc.cannot_read": ("无法读取：{reason}", "cannot read: {reason}"),
    # a file a command is asked to write (--xlsx, --html), checked before any work: said at its option
    "out.no_folder": ("文件夹 {folder} 不存在：请先建立它，或换一个位置", "the folder {folder} does not exist"),
    "out.is_folder": ("{path} 是一个文件夹：请写要写出的文件名", "{path} is a folder: give the file's name"),
    "doc.cannot_write": ("无法写入 {path}：{reason}；没有写出任何文件", "cannot write {path}: {reason}; nothing was written"),
    "input.joined": ("「{value}」是几项{what}连在一起写的：请每项分开写，如 [{parts}]",
                     "'{value}' is several values ({what}) written as one: write each apart, as in [{parts}]"),
    "doc.not_utf8": ("不是 UTF-8 文本（第 {byte} 个字节）", "not UTF-8 text (byte {byte})"),
    "doc.saved_as": ("文件不是 UTF-8 编码（看来是 {encoding} 编码）：请用记事本“另存为”并选择 UTF-8",
                     "the file is not UTF-8 (it looks {encoding}-encoded): open it in Notepad, \"Save As\" and choose "
                     "UTF-8"),
    "doc.gbk_hint": ("：看来是 GBK 编码（记事本里叫“ANSI”），请用“另存为”把编码选为 UTF-8 再提交",
                     ": it reads as GBK (Notepad's \"ANSI\"): save it again with the encoding UTF-8"),
    "doc.empty": ("文件是空的", "empty document"),
    # a file of a kind that holds no text, given where a text document belongs (told by its first bytes);
    # {reads}: what the command reads (doc.reads.*, assess.reads), said with it
    "doc.zip_file": ("这是 Excel 工作簿（.xlsx）或别的压缩文件，不是文本：{reads}",
                     "an Excel workbook (.xlsx) or another zip file, not text: {reads}"),
    "doc.ole_file": ("这是旧版 Excel 工作簿（.xls）或 Word 文档，不是文本：{reads}",
                     "an old Excel workbook (.xls) or a Word document, not text: {reads}"),
    "doc.pdf_file": ("这是 PDF 文件，不是文本：{reads}", "a PDF file, not text: {reads}"),
    "doc.reads.documents": ("这里读的是 UTF-8 编码的 YAML 或 JSON 文本", "YAML or JSON text in UTF-8 is read here"),
    "doc.reads.lines": ("这里读的是 JSON Lines：UTF-8 编码的文本，每行一项，写成一行 JSON",
                        "JSON Lines is read here: UTF-8 text, one item a line, as one line of JSON"),
    "doc.batch_line": ("第{line}行 输入有误：{problems}", "line {line}: invalid input: {problems}"),
    "json.not_valid": ("不是有效的 JSON：{error}", "not valid JSON: {error}"),  # a JSON line's: the column in its place
    # a line that stops before its JSON ends (an export or a copy cut short): at the line's end
    "json.cut_off": ("此行在此处截断（记录不完整）", "the line is cut off here (the record is incomplete)"),
    "json.cut_off_in_string": ("此行在此处截断（记录不完整）：第 {col} 列起的字符串没有闭合",
                               "the line is cut off here (the record is incomplete): the string from column {col} "
                               "is not closed"),
    "value.list": ("列表", "a list"),
    "value.mapping": ("映射", "a mapping"),
    "value.text": ("文本", "text"),
    "value.bool": ("true/false", "true or false"),
    "value.number": ("数字", "a number"),
    "value.null": ("null（空值）", "null"),
    "value.other": ("其他值", "another value"),
    "doc.not_mapping": ("{what}应写成“字段: 值”的映射，而不是{kind}", "a {what} is a mapping of fields, not {kind}"),
    "what.task": ("任务", "task"),
    "what.request": ("请求的内容", "a request's body"),
    "what.event": ("事件", "event"),
    "what.application": ("申请", "application"),
    "what.record": ("记录", "record"),
    # --- fields and values of a task, an event, an application ---
    "input.missing": ("缺少必填字段", "missing required field"),
    "input.unknown_field": ("没有这个字段：{name}", "unknown field '{name}'"),
    # a number written otherwise: an option's (--hours), a form's, a spreadsheet cell's
    "input.not_number": ("「{value}」不是数字", "'{value}' is not a number"),
    "input.unknown_ref": ("找不到{what}「{value}」", "unknown {what} '{value}'"),
    "input.same_name": ("「{value}」是几个{what}的名称：{candidates}；请写编号",
                        "'{value}' is the name of several {what}s: {candidates}; write the id"),
    "input.one_of_these": ("（可写：{values}）", " (one of: {values})"),
    "input.id_form": ("应写{what}的名称或编码（如 {examples}）", "write the {what}'s name or code (e.g. {examples})"),
    "input.ambiguous": (
        "「{value}」可以指几个{what}：{candidates}；请写全称或编号",
        "'{value}' may mean several {what}s: {candidates}; write the full name or the id",
    ),
    "input.duplicate_activity": ("同一活动列了两次", "activities lists an activity twice"),
    "input.end_before_start": ("结束日期（{end}）早于开始日期（{start}）", "end ({end}) is before start ({start})"),
    "input.town_required": ("issued_by 为 town（镇街发起）时必须填写镇街（town）",
                            "town is required when issued_by is town"),
    "input.town_department": (
        "镇街发起（issued_by: town）时，department 须与 town 相同（「{town}」），而不是「{department}」",
        "when issued_by is town, department must be the town id ('{town}'), not '{department}'",
    ),
    "input.history_order": ("history[{index}].at（{at}）早于{before} {then}（早 {gap}）",
                            "history[{index}].at ({at}) is before {before} {then} ({gap} earlier)"),
    "input.the_report": ("上报时间", "the report"),
    "input.external_unnamed": ("外部单位须在「external:」之后写明单位名称",
                               "an external issuer needs its name after 'external:'"),
    "input.external_name": ("外部单位名称最多 200 个字符，首尾不得有空格",
                            "an external issuer's name is at most 200 characters, without leading or trailing blanks"),
    "input.external_department": ("「{given}」是规则包内的部门：请写部门名称「{name}」，不要写 external:{given}"
                                  "（external: 只用于规则包之外的单位）",
                                  "'{given}' is a department of the pack: write its name ('{name}'), not external:{given} "
                                  "(external: is for bodies outside the pack)"),
    "input.outside_hint": ("；若发起单位在本{district}登记的部门之外，写 {value}（按没有清单事项的单位判定）",
                           "; an issuer outside the departments registered in the {district} is given as {value} (judged as one with no "
                           "list items)"),
    "input.town_issuer_hint": ("；{shown}是镇街：镇街发起的任务写 issued_by: town 和 town: {town}",
                               "; {shown} is a town: a town's own task is given with issued_by: town and town: {town}"),
    "input.external_town": ("「{name}」是规则包内的镇街，不是外部单位", "'{name}' is a town of the pack, not an outside body"),
    # --- a pack whose rules leave an event undecided (found when it is routed) ---
    "route.no_grade": ("没有一条分级规则给事件类型 {type} 定级：请在分级规则中为它补一条（或一条兜底规则）",
                       "no grading rule gave event type {type} a grade"),
    "route.no_level": ("没有一条层级规则给事件类型 {type} 定处置层级：请在层级规则中为它补一条（或一条兜底规则）",
                       "no level rule gave event type {type} a level"),
    "route.no_deadline": ("没有一条时限规则适用于等级「{grade}」：请在时限规则中为它补一条",
                          "no deadline rule holds for grade {grade}"),
    "input.fact_bool": ("应填 true（是）或 false（否），而不是「{value}」", "expected true or false, got '{value}'"),
    "input.fact_number": ("应填一个数字，而不是「{value}」", "expected a number, got '{value}'"),
    "input.fact_enum": ("应填以下之一：{values}，而不是「{value}」", "expected one of {values}, got '{value}'"),
    "input.grid_community": ("网格「{grid}」属于村(社区)「{community}」，不是「{given}」",
                             "grid '{grid}' belongs to community '{community}', not '{given}'"),
    "input.grid_town": ("网格「{grid}」在镇街「{town}」，不是「{given}」", "grid '{grid}' is in town '{town}', not '{given}'"),
    "input.community_town": ("村(社区)「{community}」在镇街「{town}」，不是「{given}」",
                             "community '{community}' is in town '{town}', not '{given}'"),
    # --- dates and moments ---
    "date.not_real": ("「{value}」不是真实存在的日期", "'{value}' is not a real calendar date"),
    "date.expected": ("日期应写成 YYYY-MM-DD，如 2026-12-01，或 2026年12月1日",
                      "expected a date written YYYY-MM-DD, e.g. 2026-12-01, or '2026年12月1日'"),
    "date.ambiguous": ("「{value}」看不出哪是年、月、日（或没有写年），不作猜测：请写成 2026-12-01 或 2026年12月1日"
                       "（要写时刻的，如 2026-12-01T09:30+08:00 或 2026年12月1日 9:30+08:00）",
                       "'{value}' does not say which is the year, the month and the day (or has no year), and is "
                       "not guessed: write 2026-12-01 or '2026年12月1日' (with a time: 2026-12-01T09:30+08:00 or "
                       "'2026年12月1日 9:30+08:00')"),
    "moment.out_of_years": ("「{value}」超出可判定的年份（UTC {first} 至 {last} 年）",
                            "'{value}' is outside the years gridrules decides ({first} to {last}, UTC)"),
    "moment.not_real": ("「{value}」不是真实存在的日期时间", "'{value}' is not a real date and time"),
    "moment.bad_offset": ("「{value}」的时区偏移不可能（时 00–23，分 00–59）",
                          "'{value}' has an impossible UTC offset (hours 00-23, minutes 00-59)"),
    "moment.no_offset": ("「{value}」没有时区：请写成如 {value}+08:00", "'{value}' has no UTC offset: write it as e.g. {value}+08:00"),
    "moment.offset_space": ("「{value}」的时区偏移前少了正负号，空格处应是 +：{fixed}。在网址的查询串里 + 要写成 %2B"
                            "（不编码的 + 会被读成空格）",
                            "'{value}' has a space where its UTC offset's sign goes: write {fixed}. In a URL's query "
                            "string write + as %2B (an unencoded + is read as a space)"),
    "moment.expected": (
        "应为带时区的日期时间，如 2026-11-25T09:30:00+08:00 或 2026年11月25日 9:30+08:00"
        "（或只写日期 2026-11-25、2026年11月25日：当天 0 点）",
        "expected a date and time with UTC offset, e.g. 2026-11-25T09:30:00+08:00 or '2026年11月25日 9:30+08:00' "
        "(or a date, 2026-11-25 or '2026年11月25日': its 00:00)",
    ),
    "moment.expected_strict": ("应为带时区的日期时间，如 2026-11-25T09:30:00+08:00 或 2026年11月25日 9:30+08:00",
                               "expected a date and time with UTC offset, e.g. 2026-11-25T09:30:00+08:00 "
                               "or '2026年11月25日 9:30+08:00'"),
    "offset.expected": ("应为 UTC 偏移，如 +08:00", "expected a UTC offset such as +08:00"),
    "duration.exactly_one": ("minutes、hours、working_days 只能填一个", "give exactly one of minutes, hours, working_days"),
    # --- pydantic's errors, by kind (English: pydantic's own message) ---
    "pyd.bool_type": ("应写 true 或 false（表示是或否；不能写成「是」「否」）", "{pydantic}"),
    "pyd.string_type": ("应为文字", "{pydantic}"),
    "pyd.int_type": ("应为整数", "{pydantic}"),
    "pyd.int_parsing_size": ("应为整数，这个数位数太多，读不出来", "{pydantic}"),
    "pyd.float_type": ("应为数字", "{pydantic}"),
    "pyd.half_width": ("：写成半角数字 {plain}", ": write it in half-width digits, {plain}"),
    "pyd.number_unit": ("：只写数字 {plain}，不写「{unit}」（单位由这一项规定）",
                        ": write the number alone, {plain}, without '{unit}' (the field says its unit)"),
    "pyd.list_type": ("应为列表，如 [a, b]", "{pydantic}"),
    "pyd.list_from_text": ("应为列表：写成 [{items}]", "should be a list: write [{items}]"),
    "pyd.dict_type": ("应为“字段: 值”的映射", "{pydantic}"),
    "pyd.string_too_short": ("至少要 {min_length} 个字符（不能为空）", "{pydantic}"),
    "pyd.string_too_long": ("最多 {max_length} 个字符", "{pydantic}"),
    "pyd.too_short": ("至少要 {min_length} 项", "{pydantic}"),
    "pyd.too_long": ("最多 {max_length} 项", "{pydantic}"),
    "pyd.greater_than_equal": ("不能小于 {ge}", "{pydantic}"),
    "pyd.less_than_equal": ("不能大于 {le}", "{pydantic}"),
    "pyd.greater_than": ("应大于 {gt}", "{pydantic}"),
    "pyd.less_than": ("应小于 {lt}", "{pydantic}"),
    "pyd.literal_error": ("应为以下之一：{expected}", "{pydantic}"),
    "pyd.finite_number": ("应为有限的数字", "{pydantic}"),
    # a discriminated union's tag (a step's kind), placed at the tag's field (errors.model_issues)
    "pyd.union_tag_invalid": ("没有「{tag}」这一种类，应为以下之一：{expected}",
                              "unknown kind '{tag}'; expected one of: {expected}"),
    "pyd.union_tag_not_found": ("缺少必填字段（据此区分种类）", "missing required field (it tells the kind)"),
    # (a field that also takes a name reads it before this check: only an id is held to the form)
    "pyd.pattern.slug": ("应为编号（小写字母开头，只含小写字母、数字和下划线，如 minzheng）", "{pydantic}"),
    # (no examples: a field's own are the pack's, ``input.id_form``; MD02 is no duty's code)
    "pyd.pattern.code": ("应为编码（1–4 个大写字母加至少两位数字）", "{pydantic}"),
    "pyd.pattern.unit": ("应为单位编码（小写字母或数字开头，只含小写字母、数字、- 和 _）", "{pydantic}"),
    "pyd.pattern.ref": ("应为编号（字母或数字开头，只含字母、数字、.、_ 和 -）", "{pydantic}"),
    "pyd.pattern.date": ("日期应写成 YYYY-MM-DD", "{pydantic}"),
    "pyd.pattern.other": ("格式不对（应符合 {pattern}）", "{pydantic}"),
    # --- kinds of names (did-you-mean and ambiguity) ---
    "kind.department": ("部门", "department"),
    "kind.town": ("镇街", "town"),
    "kind.community": ("村(社区)", "community"),
    "kind.grid": ("网格", "grid"),
    "kind.top": ("区县", "district"),  # a pack's top unit, on a page shown with no pack (a pack's own word else)
    "kind.activity": ("活动", "activity"),
    "kind.role": ("角色", "role"),
    "kind.level": ("层级", "level"),
    "kind.grade": ("等级", "grade"),
    "kind.type": ("事件类型", "event type"),
    "kind.item": ("清单事项", "list item"),
    "kind.target": ("清单事项、申请或临时事项批复", "list item, application or temporary approval"),
    "kind.issuer": ("发起单位（部门或镇街）", "issuer (department or town)"),
    "kind.approval": ("临时事项批复", "temporary approval"),
    "kind.spans": ("涉及范围", "spans value"),
    "kind.risk": ("风险等级", "risk level"),
    "kind.unit_kind": ("单位类型", "unit kind"),
    "kind.grid_kind": ("网格类型", "grid kind"),
    "kind.body": ("议事机构", "body"),
    "kind.power": ("负面清单上的活动", "negative-list activity"),  # a level's powers (enforce)
    "kind.fact": ("规则包自定义事实", "fact"),
    "names.resolved": ("按名称识别：{items}", "names resolved: {items}"),
    "names.pair": ("{label}「{given}」→ {id}", "{label} \"{given}\" → {id}"),
    "names.sep": ("；", "; "),
    # --- refusals of the workflow ---
    "refuse.not_overridable": ("{what}：有 {count} 项审查意见任何决定都不能推翻",
                               "{what}: {count} finding(s) no decision can override"),
    "refuse.blocking": (
        "{what}：审查有 {count} 项阻断性意见；如果审定机构仍决定批准，须写明理由",
        "{what}: the review has {count} blocking finding(s); if the approving body decided to approve nonetheless, "
        "give the reason",
    ),
    "refuse.override_cli": ("（理由写在 --override 之后）", " (--override REASON)"),
    "refuse.override_http": ("（理由写在请求的 override 字段）", " (in the request's override field)"),
    "refuse.cannot_approve": ("申请 {app} 不能批准", "application {app} cannot be approved"),
    "refuse.already_listed": ("申请 {app} 已作为 {item} 列入清单", "application {app} is already on the list as {item}"),
    "refuse.already_rejected": ("申请 {app} 已由{session}（{date}）不予纳入：审定纳入只能复议此前会议的不予纳入",
                                "application {app} was rejected by the meeting {session} ({date}): an approval can "
                                "only reconsider an earlier meeting's rejection"),
    "refuse.decided_once": ("申请 {app} 已由{session}（{date}）{action}：已有决定的申请不再作其他决定",
                            "application {app} was {action} by the meeting {session} ({date}): a decided application "
                            "takes no other decision"),
    "refuse.decided_unrecorded": ("申请 {app} 已有决定，但规则包的变更历史中没有它的记录，不能再作决定",
                                  "application {app} was decided, and the pack's history records no decision on it: "
                                  "it takes no other decision"),
    "refuse.already_listed_withdraw": ("申请 {app} 已作为 {item} 列入清单：请改为撤销该事项",
                                       "application {app} is already on the list as {item}: withdraw the item instead"),
    "refuse.item_needs": ("缺少 {names}（{fields}），无论是否 --override 都不能写入清单",
                          "an item cannot be written without {fields} ({names}), override or not"),
    "refuse.no_prefix": ("无法确定下一个事项编号：请在 {file} 中为该清单设置 code_prefix",
                         "cannot tell the next item code: give the list a code_prefix in {file}"),
    "refuse.withdrawn": ("{item} 已于 {date}（{session}）撤销", "{item} was withdrawn on {date} ({session})"),
    "refuse.decided_before": ("{item} 于 {date} 审定；{on} 的决定不能改动它",
                              "{item} was approved on {date}; a decision of {on} cannot change it"),
    "refuse.temporary_exists": ("已有临时事项批复 {ref}", "there is already a temporary approval {ref}"),
    # what to do next when a number already used was given to another decision or application
    "refuse.new_temporary_ref": ("；若这是另一份批复，请换一个没有用过的批复编号（已用的见 gridrules temporary list --all）",
                                 "; if this is another approval, give it a reference not used yet (those used: "
                                 "gridrules temporary list --all)"),
    "refuse.new_app_id": ("；若这是另一份申请，请换一个没有用过的申请编号（gridrules admission new 生成的表已取好新编号）",
                          "; if this is another application, give it an id not used yet (a form from gridrules "
                          "admission new has a new one)"),
    # recorded all the same (two phases of like work may each be decided): said, so that a decision
    # recorded twice under two references is seen before both count toward the town's load
    "change.temporary_like": ("请注意：{ref} 与{unit}有效的批复 {other}（{start} 至 {end}）工作和活动相同、日期重叠；"
                              "若是同一决定记录了两次，请撤销其一：两份批复的工作量都计入每月负荷",
                              "note: {ref} has the same work and activities as {unit}'s approval {other} in force "
                              "({start} to {end}) over overlapping dates; if one decision was recorded twice, "
                              "withdraw one: both approvals' hours count toward the monthly load"),
    "refuse.differs": ("（已记录的决定与此次不同：{fields}）", " (the decision recorded differs from this one in {fields})"),
    # one field that differs, as a conflict's problem names it beside its field (values as JSON writes them)
    "refuse.differs_value": ("已记录的是 {recorded}，此次是 {sent}", "recorded {recorded}, sent {sent}"),
    "refuse.app_differs": ("（已提交的申请与此次不同：{fields}；新的申请请使用新的编号）",
                           " (the application submitted differs from this one in {fields}; a new application "
                           "needs a new id)"),
    "refuse.amend_contradicts": (
        "{item} 已由{session}于 {date} 修改（{fields}）：同一次会议同日的决定不能定成别的值；如是新的决定，请以其会议届次和日期记录",
        "{item} was amended by the meeting {session} on {date} ({fields}): the same meeting's decision of that day cannot set "
        "another value; record a new decision under its own session and day"),
    # a change of an item taking effect before the last one recorded: both decisions named, with what each sets
    "refuse.effect_before_last": (
        "{item}：{last}自 {last_effective} 起施行{last_fields}；{new}自 {effective} 起施行{fields}，早于它{both}。"
        "两次变更的施行期交叠，规则包不能按决定的先后读出哪天适用哪一个：请核对施行日期（新的变更须自 {last_effective} 或以后施行）",
        "{item}: {last} takes effect on {last_effective}{last_fields}; {new} would take effect on {effective}{fields}, "
        "before it{both}. Their periods overlap and the pack cannot tell which applies when: check the dates (the new "
        "change must take effect on {last_effective} or later)"),
    "refuse.change_approval": ("{session}于 {date} 的审定纳入", "the approval by {session} on {date}"),
    "refuse.change_amendment": ("{session}于 {date} 的修订", "the amendment by {session} on {date}"),
    "refuse.change_withdrawal": ("{session}于 {date} 的撤销", "the withdrawal by {session} on {date}"),
    "refuse.change_fields": ("（{fields}）", " ({fields})"),
    "refuse.change_both": ("，两者都改了{fields}", ", and both change {fields}"),
    "refuse.amend_set": ("{field}已定为 {then}，此次为 {now}", "{field} set to {then}, {now} this time"),
    "refuse.temporary_findings": ("{ref} 不能记录：{texts}", "{ref} cannot be recorded: {texts}"),
    "refuse.temporary_withdrawn": ("{ref} 已于 {date} 撤销", "{ref} was withdrawn on {date}"),
    "refuse.temporary_before": ("{ref} 于 {date} 作出；不能在 {on} 撤销", "{ref} was decided on {date}; it cannot be withdrawn on {on}"),
    "refuse.nothing_drifted": ("没有未经流程的改动：文件与 history.yaml 的记录一致",
                               "nothing changed outside the workflow: the files are as history.yaml records them"),
    "refuse.restart_decided": (
        "变更记录不能重新开始：其中已有 {n} 条决定的记录（最早的是第 {seq} 条，{action} {target}）。审定机构、镇街等的决定"
        "一经记录就不能抹去；此后的手工修改请用 gridrules history record --reason … 逐条记录",
        "the history cannot start again: it records {n} decisions (the first is entry {seq}, {action} {target}); a decision "
        "once recorded is never erased -- record later hand edits with gridrules history record --reason …"),
    "refuse.heading": ("未执行", "refused"),
    "refuse.unchanged": ("未写入（规则包没有改动）：{message}", "not written (the pack is unchanged): {message}"),
    # --- validate ---
    "validate.ok": ("规则包有效：{name} {version}（{root}）", "ok: {name} {version} ({root})"),
    "validate.digest": ("摘要 {digest}", "digest {digest}"),
    "validate.counts": (
        "清单事项 {items} 项，临时事项批复 {approvals} 项，事件类型 {types} 类，{town} {towns} 个，部门 {departments} 个，日历 {calendar}",
        "{items} list items, {approvals} temporary approvals, {types} event types, {towns} {town}s, "
        "{departments} departments, calendar {calendar}",
    ),
    "validate.invalid": ("规则包有误：{count} 处问题", "invalid rule pack: {count} problem(s)"),
    "validate.drift": ("规则包有未经流程的改动：{count} 处", "pack changed outside the workflow: {count} problem(s)"),
    "validate.interrupted": (
        "注意：对这个规则包的一次修改被中断；显示的是修改前的规则包（下一次 admission/temporary 命令会恢复磁盘上的文件）",
        "note: a change to this pack was interrupted; what is shown is the pack before it "
        "(the next admission/temporary command restores the files on disk)",
    ),
    "cli.two_packs": ("PACK（{argument}）与 --pack（{option}）不一致：只写一个", "PACK ({argument}) and --pack ({option}) differ: give one"),
    # --- next steps the tool can tell without the pack's words: a decision's next_steps, so always
    # rendered in Chinese (catalogue.chinese), whatever the process's language; the English is for reading ---
    "step.use_item": (
        "所注明的 {named} 不涵盖本任务，但清单事项 {item}「{name}」涵盖：改为注明 {item}（或不注明清单事项）即可准入，无需申请。",
        "{named} does not cover this task but list item {item} ({name}) does: name {item} instead (or no item); "
        "no application is needed.",
    ),
    "step.pending_item": (
        "清单事项 {item}「{name}」已审定，{date} 起生效（待生效）：届时即可派单，无需再申请。",
        "list item {item} ({name}) is approved and takes effect on {date} (pending): dispatch from then; "
        "no application is needed.",
    ),
    "step.item_ends": (
        "把任务的结束日期改为 {date} 或之前，即可依据清单事项 {item}「{name}」准入；如需做到 {end}，"
        "须申请延续该事项（修订其有效期）或另行申请纳入清单。",
        "end the task on {date} or before and list item {item} ({name}) admits it; to run until {end}, "
        "apply to extend the item (amend its dates) or to have the work listed.",
    ),
    "step.approval_ends": (
        "把任务的结束日期改为 {date}（批复 {ref}「{work}」的最后一天）或之前，即可作为临时事项交给网格员。",
        "end the task on {date} (the last day of approval {ref}, {work}) or before and it is admitted as temporary work.",
    ),
    "admission.cases_missing": ("注意：规则包的判定用例中还没有 {item} 的用例，gridrules test --require-tests 会因此失败；"
                                "请补写：{where}（gridrules test --require-tests 列出缺用例的事项，并给出用例的写法）",
                                "note: the pack's decision cases have none for {item}, so gridrules test "
                                "--require-tests will fail; write them: {where} (gridrules test --require-tests lists "
                                "the items without cases and shows how a case is written)"),
    "admission.case_where": ("{rule} 写在 {file}", "{rule} in {file}"),
    "admission.pending": ("注意：{item} 自 {date} 起施行，在今天（{today}）之后：此前为待生效，{date} 之前开始的工作不依据它准入",
                          "note: {item} takes effect on {date}, after today ({today}): it is pending until then "
                          "and admits no work starting before it"),
    # --- show ---
    "show.unknown_section": ("没有“{word}”这一部分；可以看：{sections}（后面可再加一个搜索词，如 show grids 和平）",
                             "no section '{word}': {sections} (a search term may follow one, e.g. show grids 和平)"),
    "show.pack_as_word": ("「{word}」是一个规则包文件夹：要看它的内容，用 --pack 给出（gridrules show{sections} --pack {word}）；"
                          "不加 --pack 看的是随附的规则包",
                          "'{word}' is a pack's folder: give it with --pack (gridrules show{sections} --pack {word}); "
                          "without --pack, show reads the bundled pack"),
    # --- tables and text output ---
    "table.none": ("（无）", "(none)"),
    "table.unlisted": ("未纳入清单", "unlisted"),
    "words.none": ("无", "none"),
    "words.list_sep": ("、", ", "),
    "words.quoted": ("「{text}」", "'{text}'"),
    "words.sentence_sep": ("；", "; "),
}

from .packfiles import PACK_MESSAGES  # noqa: E402  (messages about pack files: validate, lint, loading)

MESSAGES.update(PACK_MESSAGES)
MESSAGES.update(RECORDS)  # lifecycle records and the assessment (records.py)
MESSAGES.update(CODES)  # the words of the contract's codes a caller may write by them (codes.py)

from .findings import FINDING_MESSAGES  # noqa: E402  (lint's findings and its checks' summaries)

MESSAGES.update(FINDING_MESSAGES)
