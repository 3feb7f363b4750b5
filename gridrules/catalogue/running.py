"""The words of the running tool: the service's answers, changes to a pack, spreadsheets, the
decision log, the cases runner, and the command line's own lines -- key -> (Chinese, English).

Merged into ``MESSAGES`` (catalogue/messages.py); the same placeholders in both languages.
"""

from __future__ import annotations

RUNNING: dict[str, tuple[str, str]] = {
    # --- the service: who is calling ---
    "http.role.dispatch": ("dispatch（派单系统）", "dispatch (the dispatch system)"),
    "http.role.department": ("department:<部门>（职能部门）", "department:<id> (a department)"),
    "http.role.secretariat": ("secretariat（审定机构秘书处）", "secretariat (the joint meeting's secretariat)"),
    "http.role.town": ("town:<镇街>（镇街）", "town:<id> (a town)"),
    "http.role.auditor": ("auditor（审计）", "auditor"),
    "http.no_token": ("缺少访问令牌", "no access token"),
    "http.bad_token": ("访问令牌无效或已吊销", "the access token is invalid or revoked"),
    "http.unauthorized": ("{why}：请在 Authorization 头中以 Bearer 方式提供令牌。本接口需要角色：{roles}。",
                          "{why}: send it in the Authorization header as Bearer <token>. This endpoint needs the role: "
                          "{roles}."),
    "http.forbidden": ("令牌角色 {who} 无权调用本接口，需要角色：{roles}。",
                       "the token's role {who} may not call this endpoint; it needs the role: {roles}."),
    "http.own_only": ("令牌角色 {who} 只能{what}本{unit}的（此处为 {scope}），需要角色：{needed}。",
                      "the token's role {who} may {what} only its own {unit}'s (this one is {scope}); "
                      "it needs the role {needed}."),
    "http.own_task": ("令牌角色 {who} 只能核验本镇街发出的任务（issued_by: town，town: {town}）",
                      "the token's role {who} may check only tasks its own town issued (issued_by: town, town: {town})"),
    "http.unit.department": ("部门", "department"),
    "http.unit.town": ("镇街", "town"),
    "http.what.see": ("查看", "see"),
    "http.what.record": ("记录", "record"),
    "http.what.withdraw": ("撤销", "withdraw"),
    "http.unset": ("未填写", "not given"),
    # --- the service: reading a request ---
    "http.media_type": ("请求体须为 {types}（Content-Type）", "the request body must be {types} (Content-Type)"),
    "http.media_or": (" 或 ", " or "),
    "http.too_large": ("请求体超过 {most} 字节的上限", "the request body is over the limit of {most} bytes"),
    "http.not_utf8": ("请求体不是 UTF-8 文本", "the request body is not UTF-8 text"),
    "http.not_json": ("请求体不是有效的 JSON：{error}", "the request body is not valid JSON: {error}"),
    "http.batch_too_long": ("一批最多 {most} 行，本批 {count} 行；请分批提交",
                            "a batch has at most {most} lines, this one has {count}: send it in parts"),
    "http.batch_timeout": ("批量核验超时，本行及以后各行未核验；请分批提交",
                           "the batch took too long: this line and the ones after it were not decided; "
                           "send it in parts"),
    "http.line_internal": ("服务内部错误，本行未核验", "internal error: this line was not decided"),
    "http.internal": ("服务内部错误，详情已记入服务日志", "internal error; the details are in the service's log"),
    "http.not_found": ("没有这个接口或资源", "no such endpoint or resource"),
    "http.method_not_allowed": ("该接口不接受这种请求方法", "this endpoint does not take that method"),
    "http.no_log": ("本服务未开启决定日志（--log off）", "this service keeps no decision log (--log off)"),
    # --- the service: applications and the workflow ---
    "http.not_app_id": ("'{value}' 不是申请编号（字母或数字开头，只含字母、数字、.、_ 和 -）",
                        "'{value}' is not an application id"),
    "http.not_applicant": ("申请部门须是提交申请的部门 '{department}'",
                           "must be the submitting department '{department}'"),
    "http.app_decided": ("申请 {app} 已有决定", "application {app} was decided already"),
    "http.app_decided_as": ("申请 {app} 已有决定（{status}）", "application {app} was decided already ({status})"),
    "http.app_waiting": ("申请 {app} 已提交，正在等待决定", "application {app} is waiting already"),
    "http.no_app": ("没有申请 '{app}'", "no application '{app}'"),
    "http.end_or_no_end": ("end 和 no_end 只能给一个", "give either end or no_end"),
    "http.nothing_to_change": ("没有要修订的内容", "nothing to change"),
    "http.unknown_approval": ("没有临时事项批复 '{ref}'", "unknown temporary approval '{ref}'"),
    "http.window_most": ("时间窗最长 {most} 天", "a window of at most {most} days"),
    # --- the service: its configuration and tokens ---
    "config.not_json": ("不是 JSON 格式的配置文件：{error}", "not a JSON configuration: {error}"),
    "token.not_role": ("'{value}' 不是角色：可用 dispatch、secretariat、auditor、department:<编号> 或 town:<编号>",
                       "'{value}' is not a role: dispatch, secretariat, auditor, department:<id> or town:<id>"),
    "token.unknown_scope": ("规则包 {pack} 中没有{what} '{scope}'", "unknown {what} '{scope}' in pack {pack}"),
    "token.none": ("没有令牌 '{token}'（见 `gridrules token list`）", "no token '{token}' (see `gridrules token list`)"),
    "serve.no_token": ("{config} 中没有令牌：所有请求都会被拒绝；请先签发一个："
                       "`gridrules token issue --role dispatch --config {config}`",
                       "{config} holds no token: every request will be refused; issue one with "
                       "`gridrules token issue --role dispatch --config {config}`"),
    # --- the secretariat's review of an application, as text ---
    "review.recommendation.approve": ("建议同意纳入", "include it in the list"),
    "review.recommendation.reject": ("建议不予纳入", "do not include it"),
    "review.recommendation.incomplete": ("建议退回补正", "return it to be completed"),
    "review.severity.blocking": ("阻断", "blocking"),
    "review.severity.advisory": ("提示", "advisory"),
    "review.outcome.reject": ("不予纳入", "reject"),
    "review.outcome.incomplete": ("退回补正", "incomplete"),
    "review.not_overridable": ("·不可变通", "·no override"),
    "review.basis": ("依据：{basis}", "basis: {basis}"),
    "review.application": ("申请 {app}「{item}」  申请部门：{applicant}", "application {app} ({item})  applicant: {applicant}"),
    "review.no_item_name": ("（未写事项名称）", "(no item name)"),
    "review.recommends": ("审查建议：{words}（{recommendation}）—— {summary}",
                          "recommendation: {words} ({recommendation}) -- {summary}"),
    "review.findings": ("审查意见（{count}）：", "findings ({count}):"),
    "review.workload": ("工作量：在用事项 {listed} + 本事项 {added} = {after} 小时/网格/月（上限 {capacity}）",
                        "workload: items in force {listed} + this item {added} = {after} hours/grid/month "
                        "(limit {capacity})"),
    "review.next_code": ("审定后编号：{code}", "code once approved: {code}"),
    "review.footer": ("审查日：{day}  规则包：{name} {version} {digest}", "reviewed on {day}  pack: {name} {version} {digest}"),
    # --- what a change did, in the history and the workflow's output ---
    "action.approve": ("审定纳入", "approved"),
    "action.reject": ("不予纳入", "rejected"),
    "action.amend": ("修订", "amended"),
    "action.withdraw": ("撤销", "withdrawn"),
    "action.temporary_approve": ("临时事项批复", "temporary approval"),
    "action.temporary_withdraw": ("撤销临时事项", "temporary approval withdrawn"),
    "action.record": ("记录手工修改", "hand edit recorded"),
    "action.import_registry": ("导入登记表", "registry imported"),
    "action.training": ("记录培训完成", "training recorded"),
    "show.pack": ("{title} {version}（{on}）", "{title} {version} ({on})"),
    "show.section": ("{title}（{count}）", "{title} ({count})"),
    # --- changes to a pack (change/) ---
    "kind.unit": ("单位", "unit"),
    "kind.duty": ("网格员职责", "duty"),
    "change.future_decision": ("决定日期 {on} 在今天（{today}）之后：决定作出后才能记录",
                               "the decision's date {on} is in the future (today is {today}): "
                               "record a decision once it has been made"),
    "change.effect_before_decision": ("施行日期（{effective}）不能早于决定日期（{on}）",
                                      "it cannot take effect ({effective}) before it was decided ({on})"),
    "change.decided_before_last": ("{what}：最近一次变更于 {last} 决定；{on} 的决定不能排在它之后记录",
                                   "{what}: its last change was decided on {last}; a decision of {on} cannot follow it"),
    "change.effect_before_last": ("{what}：最近一次变更自 {last} 起施行；新的变更不能更早施行（{effective}）",
                                  "{what}: its last change takes effect on {last}; a change cannot take effect "
                                  "before it ({effective})"),
    "change.bad_window": ("'{value}' 不是时间窗：请写成如 14d（天）或 2w（周）", "'{value}' is not a window: write e.g. 14d or 2w"),
    "change.say_why": ("请写明手工修改规则包的理由", "say why the pack was edited by hand"),
    "change.drifted_file": ("{line}：未经流程改动（与 history.yaml 的记录不符）",
                            "{line} outside the workflow (history.yaml records other contents)"),
    "change.no_giving_body": ("单位 '{unit}' 没有可作临时事项批复的机构", "no body of unit '{unit}' gives temporary inclusions"),
    "change.no_activity": ("至少写一项活动", "name at least one activity"),
    "change.activity_twice": ("同一活动写了两次", "an activity is named twice"),
    "change.end_before_start": ("结束日期（{end}）早于开始日期（{start}）", "the end ({end}) is before the start ({start})"),
    "change.end_before_item": ("结束日期（{end}）早于事项的开始日期（{start}）", "the end ({end}) is before the item starts ({start})"),
    "change.app_ends_early": ("申请的结束日期（{end}）早于它的施行日期（{effective}）",
                              "the application ends ({end}) before it would take effect ({effective})"),
    "change.cannot_amend": ("不能修订：{fields}", "cannot amend {fields}"),
    "change.say_what": ("请写明修订什么（如 --hours、--subsidy、--activities、--end、--training-owner）",
                        "say what to amend (e.g. --hours, --subsidy, --activities, --end, --training-owner)"),
    "change.same_values": ("{code} 已是这些值：没有要修订的内容", "{code} already has these values: nothing to amend"),
    "change.amend_refused": ("{code} 不能这样修订", "{code} cannot be amended so"),
    "change.training_future": ("{day} 在今天之后：培训完成后才能记录", "{day} is in the future: record a training once it is delivered"),
    "change.no_training_owner": ("{code} 没有写培训责任部门：请先修订事项（--training-owner）",
                                 "{code} names no training owner: amend the item first (--training-owner)"),
    "change.training_recorded": ("{code} 的培训已记录为 {day} 完成", "{code}'s training is already recorded as delivered on {day}"),
    "change.bundled": ("随 gridrules 安装的规则包不能改动：{hint}", "the bundled rule pack cannot be changed: {hint}"),
    "change.bundled_at": ("{root} 是随 gridrules 安装的规则包，不能改动：{hint}",
                          "{root} is the pack bundled with gridrules and cannot be changed: {hint}"),
    "change.copy_first": ("请先用 `gridrules init 文件夹` 复制一份，之后每个命令都加 `--pack 文件夹`",
                          "copy it first with `gridrules init DIR` and pass `--pack DIR` to every command"),
    "change.not_a_pack": ("不是存放规则包的文件夹", "not a folder holding a rule pack"),
    "change.posix": ("修改规则包需要 POSIX 系统（flock）；读取和核验在任何系统上都可以",
                     "changing a pack needs a POSIX system (flock); reading and checking work anywhere"),
    "change.busy": ("另一个 gridrules 命令已在修改 {root} 达 {seconds} 秒；请稍后再试",
                    "another gridrules command has been changing {root} for {seconds}s; try again"),
    "change.not_written": ("无法把修改写入 {root}（{error}）；规则包保持原样",
                           "could not write the change to {root} ({error}); the pack is as it was"),
    "change.drift": ("{root}：有文件未经流程被改动（{drift}）：history.yaml 没有记录，因此未写入任何内容。"
                     "若是有意修改，请先用 `gridrules history record --reason …` 记录；否则请把文件改回"
                     "（`gridrules history verify` 可查看记录）",
                     "{root}: files changed outside the workflow ({drift}): history.yaml does not record them, so "
                     "nothing was written. If the edit was deliberate, record it first with "
                     "`gridrules history record --reason …`; otherwise put the files back "
                     "(`gridrules history verify` shows the record)"),
    "change.unknown_template": ("没有模板 '{template}'（可选 {choices}）", "unknown template '{template}' (choose {choices})"),
    "change.not_empty": ("{root} 已存在且不是空文件夹：请换一个", "{root} already exists and is not an empty folder: choose a new one"),
    "change.edit_failed": ("{file}：原地修改出错（{detail}）；未写入任何内容",
                           "{file}: an in-place edit went wrong ({detail}); nothing was written"),
    "change.edit_mismatch": ("修改后的文本与要写入的数据不一致", "the edited text does not hold the intended data"),
    # --- the decision log (log/) ---
    "log.closed": ("决定日志已关闭", "the decision log is closed"),
    "log.missing": ("缺失（被删除）", "missing (deleted)"),
    "log.disordered": ("次序错乱或重复", "out of order or duplicated"),
    "log.break_seq": ("第 {seq} 条记录{what}：在第 {last} 条之后见到第 {found} 条",
                      "record {seq} {what}: found {found} after {last}"),
    "log.break_link": ("它的前一哈希与前一条记录不符（此前有记录被删除、插入或调换）",
                       "its previous-hash does not match the record before it "
                       "(a record was deleted, inserted or reordered before it)"),
    "log.break_hash": ("它的内容与哈希不符（被改动过）", "its content does not match its hash (edited)"),
    "log.break_start": ("日志从第 {seq} 条之后开始，但链中没有检查点记录说明这些记录已被清理",
                        "the log starts after record {seq}, but no checkpoint record in the chain says those "
                        "records were pruned"),
    "log.cannot_connect": ("无法连接决定日志数据库：{error}", "cannot connect to the decision log's database: {error}"),
    "log.bad_url": ("决定日志地址 {url} 不认识：用 sqlite:///路径 或 postgresql://…",
                    "the decision log's address {url} is not understood: use sqlite:///PATH or postgresql://…"),
    "log.cannot_open": ("无法打开决定日志 {path}：{error}", "cannot open the decision log {path}: {error}"),
    # --- the cases runner (cases/) ---
    "cases.none": ("没有找到用例文件（*.yaml）", "no case files (*.yaml) found"),
    "cases.empty": ("用例文件是空的：需要 'kind:' 和 'cases:'", "empty case file: it needs 'kind:' and 'cases:'"),
    "cases.not_field": ("'{name}' 不是{kind}判定的字段", "'{name}' is not a field of a {kind} decision"),
    "cases.needs_at": ("{kind}用例须写 'at'（否则按当前时刻判定）",
                       "a {kind} case needs 'at' (it is otherwise judged at the current time)"),
    "cases.duplicate": ("用例名称 '{name}' 重复", "duplicate case name '{name}'"),
    # --- the command line's own refusals ---
    "cli.since_needs_impact": ("--since 和 --until 选择 --impact 重放的决定：请给出 --impact 地址",
                               "--since and --until choose the decisions --impact replays: give --impact URL"),
    "cli.one_export": ("--xlsx 文件 和 --csv 文件 只能给一个", "give exactly one of --xlsx FILE and --csv FILE"),
    "cli.no_ruleset": ("没有规则集 {names}（见 gridrules compile）", "no ruleset {names} (see gridrules compile)"),
    "cli.no_check": ("没有代码为 '{code}' 的检查", "no check has the code '{code}'"),
    "cli.log_no_record": ("--log 记录任务和事件的判定；生命周期记录（--record）不记入日志",
                          "--log records events and tasks as decided; a lifecycle record (--record) is not logged"),
    "cli.not_ref": ("'{value}' 不是编号：只能含字母、数字、.、_ 和 -", "'{value}' is not a reference: letters, digits, '.', '_' and '-' only"),
    "cli.bundled_pack": ("随附规则包 {name} {version} {digest}", "bundled pack {name} {version} {digest}"),
    "serve.started": ("gridrules serve：规则包 {name} {version} {digest}，地址 http://{host}:{port}（{workers} 个工作进程）",
                      "gridrules serve: pack {name} {version} {digest} on http://{host}:{port} ({workers} worker(s))"),
}

# The headings of the command line's tables, by their Chinese (the tables are written with
# it): ``col.<heading>`` in English under --lang en.  A table's own data stays as the pack wrote it.
HEADINGS = {
    "编号": "id", "事项": "item", "职责": "duty", "责任部门": "departments", "活动": "activities",
    "频次": "frequency", "工时": "hours", "补贴": "subsidy", "有效期": "in force", "审定": "approved by",
    "批复编号": "ref", "单位": "unit", "决定日期": "decided on", "工作": "work", "起止": "from - to",
    "类别": "kind", "名称": "name", "不得交给网格员的工作": "work no grid worker may be given", "角色": "role",
    "可以承担": "may take on", "事件类型": "event type", "默认层级": "default level", "默认等级": "default grade",
    "风险": "risk", "镇街": "town", "网格数": "grids", "村(社区)": "community", "类型": "kind", "户数": "households",
    "说明": "notes", "次序": "rank", "序号": "seq", "记录时间": "recorded at", "变更": "change", "对象": "target",
    "决定": "decision", "版本": "version", "状态": "status", "签发时间": "issued at", "备注": "note",
    "负责": "responsible", "最后一天": "last day", "剩余": "left", "事件": "events", "待定": "pending",
    "案件": "cases", "得分": "score", "榜单": "ranking", "预算建议": "budget advice", "网格": "grid",
    "发现事件": "events found", "网格和村(社区)办结": "closed by grid and community",
    "紧急事项直报": "urgent direct reports", "清单工作量（小时/月）": "listed workload (hours/month)",
}
TITLES = {
    "网格化服务管理工作清单（准入清单）": "admission list", "临时事项批复": "temporary approvals",
    "网格员职责（责任清单）": "grid workers' duties", "负面清单": "negative list",
    "网格角色权限（权力清单）": "grid roles' powers", "事件分类": "event types", "村(社区)与网格登记表": "registry",
    "部门": "departments", "镇街": "towns", "村(社区)": "communities", "网格": "grids", "网格活动": "activities",
    "处置层级": "levels", "事件等级": "grades", "事件类型": "event types",
}
RUNNING.update({f"col.{zh}": (zh, en) for zh, en in HEADINGS.items()})
RUNNING.update({f"title.{zh}": (zh, en) for zh, en in TITLES.items()})
