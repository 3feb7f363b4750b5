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
    "http.write_as": ("没有这个字段：{name}（本接口写成 {field}）", "unknown field '{name}' (this endpoint calls it {field})"),
    "http.no_token": ("缺少访问令牌", "no access token"),
    "http.bad_token": ("访问令牌无效或已吊销", "the access token is invalid or revoked"),
    "http.two_tokens": ("请求带了不止一个 Authorization 头（只能带一个令牌）",
                        "the request has more than one Authorization header (one token only)"),
    "http.unauthorized": ("{why}：请在 Authorization 头中以 Bearer 方式提供令牌。本接口需要角色：{roles}。",
                          "{why}: send it in the Authorization header as Bearer <token>. This endpoint needs the role: "
                          "{roles}."),
    # {who}: the role, with its unit's name in Chinese (http.role_named): town:tangxiang（棠香街道）
    "http.role_named": ("{role}（{name}）", "{role} ({name})"),
    "http.forbidden": ("令牌角色 {who}无权调用本接口，需要角色：{roles}。",
                       "the token's role {who} may not call this endpoint; it needs the role: {roles}."),
    "http.own_only": ("令牌角色 {who}只能{what}本{unit}的{thing}，此处为 {scope}，需要角色 {needed}。",
                      "the token's role {who} may {what} only its own {unit}'s {thing}; this one is {scope}'s: "
                      "it needs the role {needed}."),
    "http.own_task": ("令牌角色 {who}只能核验本镇街发出的任务（issued_by: town，town: {town}）",
                      "the token's role {who} may check only tasks its own town issued (issued_by: town, town: {town})"),
    "http.own_department_task": ("令牌角色 {who}只能核验本部门（{department}）发出的任务，本任务的发起单位是 {issuer}",
                                 "the token's role {who} may check only tasks its own department ({department}) "
                                 "issues; this one's issuer is {issuer}"),
    "http.own_event": ("令牌角色 {who}只能分流本镇街（{town}）的事件：{why}。",
                       "the token's role {who} may route only the events in its own town ({town}): {why}."),
    "http.event_elsewhere": ("本事件在 {town}", "this event is in {town}"),
    "http.event_no_town": ("本事件的网格 {grid} 不在登记册中，也未写明所在镇街（town）",
                           "this event's grid {grid} is not registered and it names no town (town)"),
    "http.unit.department": ("部门", "department"),
    "http.unit.town": ("镇街", "town"),
    "http.what.see": ("查看", "see"),
    "http.what.record": ("记录", "record"),
    "http.what.withdraw": ("撤销", "withdraw"),
    "http.thing.application": ("申请", "applications"),
    "http.thing.temporary": ("临时事项批复", "temporary approvals"),
    "http.unset": ("未填写", "not given"),
    # --- the service: reading a request ---
    "http.media_type": ("请求体须为 {types}（Content-Type）", "the request body must be {types} (Content-Type)"),
    "http.media_or": (" 或 ", " or "),
    "http.bytes": ("{n} 字节", "{n} bytes"),
    "http.too_large": ("请求体超过上限（{most}）", "the request body is over the limit of {most}"),
    "http.upload_too_large": ("上传的文件超过本服务的上限（{most}）：较大的文件请用命令行 gridrules assess 处理，"
                              "或请管理员调高服务配置中的 limits.max_upload_bytes",
                              "the upload is over this service's limit of {most}: assess a larger file with "
                              "gridrules assess, or ask the administrator to raise limits.max_upload_bytes"),
    "http.uri_too_long": ("请求地址太长（{size}，最多 {most}）：参数不宜这么多、这么长，大批的内容请放在请求体里提交",
                          "the request's address is too long ({size}, at most {most}): send fewer or shorter "
                          "parameters, and a large amount of data in a request body"),
    "http.unknown_query": ("这个接口没有参数「{name}」（可用的参数：{known}）", "this endpoint has no parameter '{name}' (its parameters: {known})"),
    "http.no_query": ("这个接口不接受查询参数，而请求带有「{name}」", "this endpoint takes no query parameters, and the request gives '{name}'"),
    "http.repeated_query": ("参数「{name}」只能给一次，本请求给了 {count} 次",
                            "the parameter '{name}' is given once, and this request gives it {count} times"),
    "http.empty_query": ("参数「{name}」的值是空的：请给出它的值，或者不写这个参数",
                         "the parameter '{name}' is empty: give it a value, or leave it out"),
    "http.unknown_charset": ("Content-Type 声明的字符集「{charset}」本服务不认识：请求体请用 UTF-8（声明为 GBK、GB18030 "
                             "等常用字符集的，按声明的字符集读）",
                             "the charset '{charset}' the Content-Type declares is not one this service knows: send "
                             "the body as UTF-8 (a body declared GBK, GB18030 or another common charset is read in it)"),
    "http.two_charsets": ("Content-Type 声明了不止一个字符集（{charsets}）：只能声明一个",
                          "the Content-Type declares more than one charset ({charsets}): declare one"),
    "http.not_charset": ("不是 Content-Type 声明的 {charset} 编码的文本（第 {byte} 字节）",
                         "not text in the charset the Content-Type declares, {charset} (byte {byte})"),
    # {problem}: as a batch's line that is not UTF-8 says it (the byte, GBK told so); its place in the problem
    "http.not_utf8": ("请求体有误：{problem}", "the request body: {problem}"),
    # a JSON array posted to a batch endpoint: said once, not per line
    "http.batch_array": ("请求体是一个 JSON 数组（[ … ]），批量接口读的是 NDJSON（JSON Lines）：每行一个 JSON 对象，"
                         "不套在数组里（Content-Type: application/x-ndjson）",
                         "the body is one JSON array ([ … ]); a batch endpoint reads NDJSON (JSON Lines): one JSON "
                         "object a line, not inside an array (Content-Type: application/x-ndjson)"),
    # a date-time query value with a space where a '+' makes it valid: the URL's '+' read as a space
    "http.plus_as_space": ("「{value}」中的空格在网址里原本可能是「+」（网址中的 + 读作空格）：时区请把 + 写成 %2B，"
                           "如 {fixed}",
                           "'{value}' has a space where a URL's '+' was probably sent ('+' in a URL reads as a space): "
                           "write the offset's + as %2B, as in {fixed}"),
    # a body of another kind than the endpoint decides (service/decide.py ``other_kind``): what reads it here
    "http.read_by.task": ("任务请提交到 {path} 核查", "check a task at {path}"),
    "http.read_by.event": ("事件请提交到 {path} 分流", "route an event at {path}"),
    "http.read_by.record": ("处置记录请用命令 gridrules route --record 判定，本服务没有判定它的接口",
                            "judge a record with the command gridrules route --record: this service has no endpoint for it"),
    "http.query_not_utf8": ("网址中参数「{name}」的值不是 UTF-8 编码，读不出来{gbk}：网址中的中文要按 UTF-8 编码后再写入",
                            "the value of the parameter '{name}' in the URL is not UTF-8 and cannot be read{gbk}: "
                            "Chinese in a URL is written encoded as UTF-8"),
    "http.query_name_not_utf8": ("网址中有一个参数的名称不是 UTF-8 编码，读不出来{gbk}：网址中的中文要按 UTF-8 编码后再写入",
                                 "a parameter's name in the URL is not UTF-8 and cannot be read{gbk}: Chinese in a "
                                 "URL is written encoded as UTF-8"),
    "http.query_gbk": ("（按 GBK 读是「{text}」，看来是 GBK 编码）", " (read as GBK it is '{text}': it looks GBK-encoded)"),
    "http.not_json": ("请求体有误：{error}", "the request body: {error}"),
    "http.json_lines": ("请求体是每行一个 JSON（NDJSON），这个接口一次判定一份：多份请发到 {path}（Content-Type: application/x-ndjson）",
                        "the body is one JSON document a line (NDJSON), and this endpoint decides one: send a batch "
                        "to {path} (Content-Type: application/x-ndjson)"),
    "http.to_batch": ("；多份请每行一份写成 NDJSON，发到 {path}", "; send several as NDJSON, one a line, to {path}"),
    "http.batch_too_long": ("一批最多 {most} 行，本批 {count} 行；请分批提交",
                            "a batch has at most {most} lines, this one has {count}: send it in parts"),
    "http.batch_timeout": ("批量核验超时，本行及以后各行未核验；请分批提交",
                           "the batch took too long: this line and the ones after it were not decided; "
                           "send it in parts"),
    "http.line_internal": ("服务内部错误，本行未核验", "internal error: this line was not decided"),
    "http.internal": ("服务内部错误，详情已记入服务日志", "internal error; the details are in the service's log"),
    "http.not_found": ("没有这个接口或资源", "no such endpoint or resource"),
    "http.method_not_allowed": ("该接口不接受这种请求方法", "this endpoint does not take that method"),
    "http.log_unavailable": ("决定日志暂时无法写入或读取：本次决定未记入日志，因此没有答复；请稍后原样重发（原因已记入服务日志）",
                             "the decision log cannot be written or read now: nothing was logged, so nothing is "
                             "answered; send the request again later (the cause is in the service's log)"),
    "http.log_unreadable": ("决定日志暂时无法读取：请稍后原样重发（原因已记入服务日志）",
                            "the decision log cannot be read now: send the request again later (the cause is in the "
                            "service's log)"),
    "http.pack_problem_hidden": ("规则包文件夹里最新的版本加载不了，仍以上一个有效的规则包判定；原因请带令牌查看 /healthz，或看服务的 stderr",
                                 "the newest version in the pack folder does not load; the last good pack serves on. "
                                 "Why: /healthz with a token, or the service's stderr"),
    "http.no_log": ("本服务未开启决定日志（--log off）", "this service keeps no decision log (--log off)"),
    "http.bad_idempotency_key": ("幂等键（请求头 {header}）须是 1 到 {most} 个可见的 ASCII 字符（字母、数字和 -_.:/+= 等符号，"
                                 "不含空格、引号和反斜杠），如一个 UUID；同一个判定重发时带上第一次的幂等键",
                                 "the {header} header must be 1 to {most} visible ASCII characters (no space, quote "
                                 "or backslash), such as a UUID; send a retry with the first request's key"),
    "http.repeated_header": ("请求头 {header} 只能给一次，本请求给了 {count} 次",
                             "the {header} header is given once, and this request gives it {count} times"),
    "http.idempotency_conflict": ("幂等键（请求头 {header}）「{value}」已经用于另一个请求（接口、请求体或 ?at= 不同），"
                                  "本次什么也没有判定、也没有记入日志：新的请求要用新的幂等键",
                                  "the {header} '{value}' was used for another request (another endpoint, body or "
                                  "?at=): nothing was decided or logged; a new request needs a new key"),
    # --- the service: applications and the workflow ---
    "http.not_app_id": ("「{value}」不是申请编号（字母或数字开头，只含字母、数字、.、_ 和 -）",
                        "'{value}' is not an application id"),
    "http.not_applicant": ("申请部门须是提交申请的部门「{department}」",
                           "must be the submitting department '{department}'"),
    "http.app_decided": ("申请 {app} 已有决定", "application {app} was decided already"),
    "http.app_waiting": ("申请 {app} 已提交，正在等待决定", "application {app} is waiting already"),
    "http.app_others": ("编号 {app} 是其他部门的申请，本部门不能修改或撤回",
                        "application {app} is another department's: it cannot be corrected or withdrawn by yours"),
    "http.app_entered_by_department": ("申请 {app} 是申请部门「{department}」自己提交的，只有该部门能修改或撤回"
                                       "（秘书处只能改正自己代录入的纸质申请）",
                                       "application {app} was entered by its department '{department}' itself: only "
                                       "that department can correct or withdraw it (the secretariat corrects only "
                                       "the paper applications it entered)"),
    "http.app_entered_unknown": ("申请 {app} 提交时还不记录由谁录入，无法确认是秘书处代录入的，秘书处不能修改或撤回；"
                                 "只有申请部门「{department}」能修改或撤回",
                                 "application {app} was filed before the service recorded who entered an "
                                 "application, so it cannot be told to be the secretariat's entry: only its department "
                                 "'{department}' can correct or withdraw it"),
    "http.app_keeps_applicant": ("补正不能改申请部门：申请 {app} 是「{department}」的申请；录错了申请部门的，"
                                 "请撤回这份申请，再按正确的部门重新录入（用新的编号）",
                                 "a correction cannot change the applicant: application {app} is '{department}''s; "
                                 "one entered for the wrong department is withdrawn and entered again (under a "
                                 "new id)"),
    "http.app_withdrawn": ("申请 {app} 已由申请部门撤回", "application {app} was withdrawn by its department"),
    "http.app_unchangeable": ("，不能再修改或撤回；新的申请请使用新的编号",
                              ": it can no longer be corrected or withdrawn; a new application needs a new id"),
    "http.app_id_differs": ("请求体的 id 应为地址中的申请编号 {app}（补正不改编号）",
                            "the body's id must be the path's application id {app} (a correction keeps its id)"),
    "http.no_app": ("没有申请「{app}」", "no application '{app}'"),
    "http.end_or_no_end": ("end 和 no_end 只能给一个", "give either end or no_end"),
    "http.nothing_to_change": ("没有要修订的内容", "nothing to change"),
    "http.town_decides": ("镇街 {town}的临时事项批复由该镇街专题研究决定，须由它的令牌（town:{id}）记录或撤销；"
                          "秘书处只记录镇街以上审定机构的临时纳入决定",
                          "town {town} decides its own temporary approvals (its token, town:{id}, records or "
                          "withdraws them); the secretariat records only the bodies' above the towns"),
    "http.town_or_unit": ("town 和 unit 只写一个（或写同一个单位）", "give town or unit, not two different units"),
    "http.unknown_approval": ("没有临时事项批复「{ref}」", "unknown temporary approval '{ref}'"),
    # a request body over several lines (pretty-printed JSON): where, by line and column
    "json.invalid_line": ("第 {line} 行第 {col} 列不是有效的 JSON：{error}", "not valid JSON at line {line}, column {col}: {error}"),
    "json.refused_at_line": ("第 {line} 行第 {col} 列：{error}", "at line {line}, column {col}: {error}"),
    "http.more_problems": ("另有 {count} 处问题未列出：请先改正以上各处", "{count} more problems not listed: correct those above first"),
    "http.window_most": ("时间窗最长 {most} 天", "a window of at most {most} days"),
    # --- the service: its configuration and tokens ---
    "config.not_json": ("不是 JSON 格式的配置文件：{error}", "not a JSON configuration: {error}"),
    "config.unreadable": ("读不了配置文件：{reason}", "cannot read the configuration: {reason}"),
    "config.refused": ("gridrules: 服务配置 {path} 有误，未采用；工作进程 {pid} 继续使用上次有效的配置（限额、令牌），"
                       "直到保存了有效的配置：",
                       "gridrules: the service configuration {path} is refused; worker {pid} keeps the last good one "
                       "(limits, tokens) until a valid one is saved:"),
    "serve.pack_refused": ("gridrules: 规则包 {path} 的最新版本加载不了，工作进程 {pid} 继续使用上一个有效的规则包：",
                           "gridrules: the newest version of the pack {path} does not load; worker {pid} serves on "
                           "with the last good one:"),
    "config.refused_none": ("gridrules: 服务配置 {path} 有误，未采用；工作进程 {pid} 启动时没有有效的配置，"
                            "在保存有效的配置之前不接受任何令牌（/healthz 回答 503）：",
                            "gridrules: the service configuration {path} is refused; worker {pid} started without a "
                            "good one and accepts no token (/healthz answers 503) until a valid one is saved:"),
    "token.not_role": ("「{value}」不是角色：可用 dispatch、secretariat、auditor、department:<编号> 或 town:<编号>",
                       "'{value}' is not a role: dispatch, secretariat, auditor, department:<id> or town:<id>"),
    "token.unknown_scope": ("规则包 {pack} 中没有{what}「{scope}」", "unknown {what} '{scope}' in pack {pack}"),
    "token.none": ("没有令牌「{token}」（见 `gridrules token list`）", "no token '{token}' (see `gridrules token list`)"),
    "token.none_secret": ("没有指纹为 {fingerprint} 的令牌（所给的令牌不是这份配置签发的；见 `gridrules token list`）",
                          "no token with fingerprint {fingerprint} (not issued in this configuration; "
                          "see `gridrules token list`)"),
    "serve.no_token": ("{config} 中没有有效（未吊销）的令牌：所有请求都会被拒绝；请先签发一个："
                       "`gridrules token issue --role dispatch --config {config}`",
                       "{config} holds no token that is not revoked: every request will be refused; issue one with "
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
    "review.recommends_plain": ("审查建议：{words} —— {summary}", "recommendation: {words} -- {summary}"),
    "review.findings": ("审查意见（{count}）：", "findings ({count}):"),
    # the figures of the review's over_capacity finding, in its words: where (the busiest town, else the
    # whole district) and what the listed figure holds (the items in force or pending, the temporary items)
    "review.workload": ("工作量：{where}清单工作量每网格每月 {after} 小时（有效事项与临时事项 {listed} 小时，本事项 {added} 小时；"
                        "上限 {capacity} 小时）",
                        "workload: {where}'s listed work {after} hours/grid/month (items in force and temporary "
                        "items {listed}, this item {added}; limit {capacity})"),
    "review.next_code": ("如审定纳入，编号将为 {code}", "would be coded {code} if approved"),
    "review.footer": ("审查日：{day}  规则包：{name} {version} {digest}", "reviewed on {day}  pack: {name} {version} {digest}"),
    # --- what a change did, in the history and the workflow's output: the command line's and the pages'
    # (pages/items.py), one wording; the joint meeting 审定s (policy §4, the seed's 联席会议审定) ---
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
    "kind.whistle": ("哨种", "whistle kind"),
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
    "change.bad_window": ("「{value}」不是时间窗：请写成如 14天（14d）、2周（2w）或 1个月（从当天起一个日历月）",
                          "'{value}' is not a window: write e.g. 14d (14天), 2w (2周) or 1个月 (a calendar month from the day)"),
    # --- a session's one date (pack/sessions.py): validate, lint and recording ---
    "sessions.in_history": ("变更记录（history.yaml）", "history.yaml"),
    "sessions.in_item": ("准入清单 {item} 的{change}记录（admission/items.yaml）",
                         "admission/items.yaml ({item} {change})"),
    "pack.session_date": ("{session}在{where}里的日期是 {date}，这里写的是 {on}：同一次会议只有一个日期，请核对届次和日期",
                          "'{session}' is dated {date} in {where}, here {on}: one meeting has one date "
                          "(check the session and the date)"),
    "change.session_date": ("{session}在{where}里的日期是 {date}，不是 {on}：同一次会议只有一个日期"
                            "（请核对 --session 的届次和 --date 的日期）",
                            "{session} is recorded in {where} on {date}, not {on}: one meeting has one date "
                            "(check the session given with --session and the date given with --date)"),
    "change.session_order": ("{session}（{on}）与{where}中的{other}（{date}）先后颠倒：同一年的会议按召开的先后编号"
                             "（请核对 --session 的届次和 --date 的日期）",
                             "{session} ({on}) and {other} ({date}) in {where} are out of order: a year's meetings "
                             "are numbered in the order they are held (check --session and --date)"),
    "change.session_year": ("{session}是 {year} 年的届次，日期却是 {on}：届次按会议召开的年份编号"
                            "（请核对 --session 的届次和 --date 的日期）",
                            "{session} is a session of {year}, dated {on}: sessions are numbered by the year they "
                            "are held in (check --session and --date)"),
    "change.say_why": ("请写明手工修改规则包的理由", "say why the pack was edited by hand"),
    "change.no_giving_body": ("单位「{unit}」没有可作临时事项批复的机构", "no body of unit '{unit}' gives temporary inclusions"),
    "change.no_activity": ("至少写一项活动", "name at least one activity"),
    "change.activity_twice": ("同一活动写了两次", "an activity is named twice"),
    "change.hours_required": ("须写明它增加的工作量（小时/网格/月）：临时事项的工作量计入镇街网格的工作量上限，没有工作量就无从核算",
                              "give the workload it adds (hours per grid per month): a temporary approval's hours count "
                              "towards the town's grids' capacity, which cannot be judged without them"),
    "change.start_before_decision": ("开始日期（{start}）早于批复日期（{date}）：临时事项在作出决定之后才能交给网格员，开始日期最早写 {date}",
                                     "the start ({start}) is before the decision ({date}): temporary work may be given only "
                                     "after it is decided, so it starts on {date} at the earliest"),
    "change.temporary_ended": ("{ref} 已于 {end} 到期（那天是它的最后一天），没有可撤销的：撤销自 {effective} 起才生效",
                               "{ref} ended on {end} (its last day): a withdrawal from {effective} has nothing to withdraw"),
    "change.end_before_start": ("结束日期（{end}）早于开始日期（{start}）", "the end ({end}) is before the start ({start})"),
    "change.end_before_item": ("结束日期（{end}）早于事项的开始日期（{start}）", "the end ({end}) is before the item starts ({start})"),
    "change.app_ends_early": ("申请的结束日期（{end}）早于它的施行日期（{effective}）",
                              "the application ends ({end}) before it would take effect ({effective})"),
    "change.cannot_amend": ("不能修订：{fields}", "cannot amend {fields}"),
    "change.say_what": ("请写明修订什么（如 --hours、--subsidy、--activities、--end、--training-owner）",
                        "say what to amend (e.g. --hours, --subsidy, --activities, --end, --training-owner)"),
    "change.training_already": ("{code} 的培训已于 {day} 完成，此后开始的任务都不标注“培训未完成”；{on} 的培训不再记录"
                                "（记成它会让 {day} 至 {on} 之间开始的任务事后变为培训未完成）",
                                "{code}'s training was delivered on {day}: tasks starting later are not training_pending; "
                                "a training on {on} is not recorded (it would make tasks starting between the two days "
                                "pending after the fact)"),
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
    "change.proposed": ("{root}（拟作的修改）", "{root} (proposed change)"),
    "change.not_written": ("无法把修改写入 {root}（{error}）；规则包保持原样",
                           "could not write the change to {root} ({error}); the pack is as it was"),
    "change.unknown_template": ("没有模板「{template}」（可选 {choices}）", "unknown template '{template}' (choose {choices})"),
    "change.not_empty": ("{root} 已存在且不是空文件夹：请换一个", "{root} already exists and is not an empty folder: choose a new one"),
    "change.edit_failed": ("{file}：原地修改出错（{detail}）；未写入任何内容",
                           "{file}: an in-place edit went wrong ({detail}); nothing was written"),
    "change.edit_mismatch": ("修改后的文本与要写入的数据不一致", "the edited text does not hold the intended data"),
    # --- the decision log (log/) ---
    "log.unavailable": ("决定日志暂时无法写入或读取（{error}）：本次决定未记入日志，因此没有答复；请稍后重试",
                        "the decision log cannot be written or read now ({error}): nothing was logged, so "
                        "nothing is answered; try again later"),
    "log.export_stopped": ("导出中断：决定日志的数据库暂时无法读取，第 {seq} 条之后的记录没有导出；请稍后用 after_seq={seq} 再取其余的",
                           "the export stopped: the decision log's database cannot be read now, and the records after "
                           "seq {seq} were not exported; ask again later with after_seq={seq} for the rest"),
    "log.export_failed": ("导出中断：服务内部错误（详情已记入服务日志），第 {seq} 条之后的记录没有导出；请用 after_seq={seq} 再取其余的",
                          "the export stopped: an internal error (the details are in the service's log); the records "
                          "after seq {seq} were not exported; ask again with after_seq={seq} for the rest"),
    "log.closed": ("决定日志已关闭", "the decision log is closed"),
    "log.window_reversed": ("起始时刻 {since_name}（{since}）晚于截止时刻 {until_name}（{until}）：这样的时间窗里不会有记录，请对调或改正",
                            "{since_name} ({since}) is after {until_name} ({until}): no record can be in such a window; "
                            "swap or correct them"),
    "log.missing": ("缺失（被删除）", "missing (deleted)"),
    "log.disordered": ("次序错乱或重复", "out of order or duplicated"),
    "log.break_seq": ("{what}：第 {last} 条之后应为第 {seq} 条，却是第 {found} 条",
                      "record {seq} {what}: found {found} after {last}"),
    "log.break_link": ("它的前一哈希与前一条记录不符（此前有记录被删除、插入或调换）",
                       "its previous-hash does not match the record before it "
                       "(a record was deleted, inserted or reordered before it)"),
    "log.break_hash": ("它的内容与哈希不符（被改动过）", "its content does not match its hash (edited)"),
    "log.break_start": ("日志从第 {seq} 条之后开始，但链中没有检查点记录说明这些记录已被清理",
                        "the log starts after record {seq}, but no checkpoint record in the chain says those "
                        "records were pruned"),
    "log.unreachable": ("决定日志的数据库没有应答，现在无法使用（{error}）：这不是输入错误，请确认数据库在运行、网络可达后再试",
                        "the decision log's database does not answer and cannot be used now ({error}): this is not "
                        "bad input; check that the database is running and reachable, then try again"),
    "serve.log_unreachable": ("未启动：{why}", "not started: {why}"),
    "log.cannot_connect": ("无法连接决定日志数据库：{error}", "cannot connect to the decision log's database: {error}"),
    "log.bad_url": ("决定日志地址 {url} 不认识：用 sqlite:///相对路径、sqlite:////绝对路径 或 postgresql://…",
                    "the decision log's address {url} is not understood: use sqlite:///RELATIVE/PATH, sqlite:////ABSOLUTE/PATH (or just the path) or postgresql://…"),
    "log.no_folder": ("无法打开决定日志 {path}：文件夹 {folder} 不存在", "cannot open the decision log {path}: the folder {folder} does not exist"),
    "log.cannot_open": ("无法打开决定日志 {path}：{error}", "cannot open the decision log {path}: {error}"),
    "log.reason.busy": ("另一个程序正在写入，等待超时", "another program is writing it; the wait timed out"),
    "log.reason.held": ("{seconds} 秒内未等到写锁：本进程的另一次写入仍在等待数据库",
                        "the write lock was not free within {seconds} s: another append of this process is "
                        "still waiting on the database"),
    "log.reason.full": ("磁盘已满", "the disk is full"),
    "log.reason.io": ("读写磁盘出错", "a disk read or write failed"),
    "log.not_a_database": ("{path} 不是决定日志（SQLite 数据库）文件：请另写一个文件名（新文件会自动建立）",
                           "{path} is not a decision log (an SQLite database): give another file name (a new one is created)"),
    "log.cannot_write_here": ("无法在 {path} 建立或写入决定日志：没有权限，或这个位置只读",
                              "cannot create or write the decision log at {path}: no permission, or read-only"),
    "log.blank": ("没有写决定日志的地址（是空的，可能是没有设置的环境变量）：请写 sqlite:///路径 或 postgresql://…",
                  "the decision log's address is empty (an unset variable?): give sqlite:///PATH or postgresql://…"),
    "log.is_folder": ("{path} 是文件夹，不是决定日志文件：请写日志文件的路径（如 {path}/decisions.sqlite）",
                      "{path} is a folder, not a decision log file: give the log file's path (such as {path}/decisions.sqlite)"),
    "log.no_such_log": ("决定日志 {path} 不存在：请检查路径（读取日志的命令不会新建日志）",
                        "the decision log {path} does not exist: check the path (commands that read a log never create one)"),
    "log.no_tables": ("这个数据库里没有决定日志（没有 decision_log 表）：请检查地址（读取日志的命令不会新建日志）",
                      "this database holds no decision log (no decision_log table): check the address "
                      "(commands that read a log never create one)"),
    "log.backup_exists": ("备份文件 {path} 已经存在：请另写一个文件名（不会覆盖已有的文件）",
                          "the backup file {path} exists already: give another name (an existing file is never overwritten)"),
    "log.backup_postgres": ("PostgreSQL 上的决定日志请用 {tool} 备份（{command} 只备份 SQLite 的日志）",
                            "back up a decision log on PostgreSQL with {tool} ({command} copies an SQLite log)"),
    "log.cannot_read_here": ("无法读取决定日志 {path}：没有权限", "cannot read the decision log {path}: no permission"),
    "log.busy": ("决定日志 {path} 正被另一个程序写入，等待超时：日志暂时无法使用，请稍后重试",
                 "the decision log {path} is held by another writer past the timeout: it cannot be used now; try again later"),
    "log.busy_db": ("决定日志正被另一个程序写入，等待超时：日志暂时无法使用，请稍后重试",
                    "the decision log is held by another writer past the timeout: it cannot be used now; try again later"),
    # --- the cases runner (cases/) ---
    "cases.none": ("没有找到用例文件（*.yaml）", "no case files (*.yaml) found"),
    "cases.empty": ("用例文件是空的：需要「kind:」和「cases:」", "empty case file: it needs 'kind:' and 'cases:'"),
    "cases.not_field": ("「{name}」不是{kind}判定的字段", "'{name}' is not a field of a {kind} decision"),
    "cases.not_subfield": ("判定的这一项没有「{name}」", "this part of the decision has no '{name}'"),
    "cases.unknown_rule": ("「{value}」不是规则包中的规则（判定依据不会写出它）",
                           "'{value}' is not a rule of the pack (no decision's reasons name it)"),
    "cases.unknown_flag": ("「{value}」不是{kind}判定的标注（契约的标注和规则包 language.yaml 声明的标注）",
                           "'{value}' is not a flag of a {kind} decision (the contract's and the pack's language.yaml's)"),
    "cases.unknown_ref": ("「{value}」不是规则包中的{what}", "'{value}' is not a {what} of the pack"),
    "cases.by_name": ("「{value}」是{what}的名称：判定中写的是编号 {id}，用例也须写编号",
                      "'{value}' is a {what}'s name: decisions give its id, {id}, and so must a case"),
    "cases.word_of_code": ("「{value}」是 {code} 的中文说法：判定中写的是 {code}，用例也须这样写",
                           "'{value}' is the word for {code}: decisions give {code}, and so must a case"),
    "cases.not_a_value": ("「{value}」不是这一项可取的值（可取 {values}）", "'{value}' is not a value it may take ({values})"),
    "cases.needs_at": ("{kind}用例须写「at」（否则按当前时刻判定）",
                       "a {kind} case needs 'at' (it is otherwise judged at the current time)"),
    "cases.duplicate": ("用例名称「{name}」重复", "duplicate case name '{name}'"),
    # --- the command line's own refusals ---
    "cli.since_needs_impact": ("--since 和 --until 选择 --impact 重放的决定：请给出 --impact 地址",
                               "--since and --until choose the decisions --impact replays: give --impact URL"),
    "cli.one_export": ("--xlsx 文件 和 --csv 文件 只能给一个", "give exactly one of --xlsx FILE and --csv FILE"),
    "cli.no_export": ("请给出写到哪个文件：--xlsx 文件（Excel 工作簿）或 --csv 文件", "say where to write: --xlsx FILE (an Excel workbook) or --csv FILE"),
    "cli.no_ruleset": ("没有规则集 {names}（见 gridrules compile）", "no ruleset {names} (see gridrules compile)"),
    "cli.no_check": ("没有代码为「{code}」的检查", "no check has the code '{code}'"),
    "cli.log_no_record": ("--log 记录任务和事件的判定；生命周期记录（--record）不记入日志",
                          "--log records events and tasks as decided; a lifecycle record (--record) is not logged"),
    "cli.not_session": ("「{value}」不是会议届次的写法：写成“年份-第几次”，如 {example}（也可写成 {words}）",
                        "'{value}' is not a session: write the year and the meeting's number, e.g. {example} ({words})"),
    "cli.not_ref": ("「{value}」不是编号：只能含字母、数字、.、_ 和 -", "'{value}' is not a reference: letters, digits, '.', '_' and '-' only"),
    "cli.bundled_pack": ("随附规则包 {name} {version} {digest}", "bundled pack {name} {version} {digest}"),
    # --- spreadsheets (tables/): the district's sheets, read cell by cell ---
    "sheet.none": ('无', 'none'),
    "sheet.no_file": ('文件不存在', 'no such file'),
    "sheet.as_of_differs": ("这张表是截至 {day} 的清单（标题行）；按 {at} 的清单比较，其间的变动会被当作修订：去掉 --at，或写 --at {day}",
                            "this table lists the items as of {day} (its title); compared with the list as of {at}, "
                            "what changed between would read as amendments: leave --at out, or give --at {day}"),
    "sheet.unknown_format": ("不认识的文件类型「{suffix}」：请用 .xlsx 或 .csv", "unknown file type '{suffix}': use .xlsx or .csv"),
    "sheet.mixed_encoding": ('这一行不是 UTF-8 文本（第 {byte} 个字节），而表头是：请把整个文件存为 UTF-8（或整个存为 GBK）编码的 csv',
                             'this line is not UTF-8 text (byte {byte}) though the header is: save the whole file as a '
                             'UTF-8 (or a GBK) csv'),
    "sheet.no_sheet": ("没有工作表「{sheet}」（有：{sheets}）", "no sheet '{sheet}' (there are: {sheets})"),
    "sheet.missing_headers": ('表头缺少 {headers}（找到的表头：{found}）', 'the header lacks {headers} (headers found: {found})'),
    "sheet.required": ('必填，不能为空', 'required: it may not be empty'),
    "sheet.not_count": ("「{value}」不是非负整数：请只写数字，如 420", "'{value}' is not a whole number of at least 0: write "
                        "digits only, such as 420"),
    "sheet.out_of_range": ("「{value}」不在 {low} 到 {high} 之间", "'{value}' is not between {low} and {high}"),
    "sheet.bad_code": ("网格编码「{value}」只能由小写字母、数字、- 和 _ 组成，且以字母或数字开头", "grid code '{value}' may hold only lower-case letters, digits, - and _, and starts with a letter or digit"),
    "sheet.unknown_town": ("不认识的镇街「{value}」：请写镇街名称，`gridrules show towns` 列出全部",
                           "unknown town '{value}': write a town's name (gridrules show towns lists them)"),
    "sheet.unknown_kind": ("不认识的网格类型「{value}」（可用：{kinds}）", "unknown grid kind '{value}' (kinds: {kinds})"),
    "sheet.unknown_parent": ("上级网格「{value}」不在本表，也不在登记表中（写网格名称或网格编码；同名的网格不止一个时写编码）",
                             "parent grid '{value}' is neither in this table nor in the registry (write the grid's name "
                             "or code; its code when several grids have that name)"),
    "sheet.own_parent": ('上级网格不能是网格自身', 'a grid cannot be its own parent'),
    "sheet.duplicate_code": ("网格编码「{value}」重复（第 {first} 行已用）", "grid code '{value}' is used twice (first on row {first})"),
    "sheet.duplicate_id": ("村(社区)编码「{value}」已属于 {other}", "community id '{value}' belongs to {other} already"),
    "sheet.community_two_names": ("村(社区)编码「{value}」在本表中对应两个名称（{first}、{other}）", "community id '{value}' has two names in this table ({first}, {other})"),
    "sheet.community_ambiguous": ("镇街中有多个名为「{value}」的村(社区)（{ids}）：请写村(社区)编码", "the town has several communities named '{value}' ({ids}): write the community id"),
    "sheet.bad_community_id": ("村(社区)编码「{value}」只能由小写字母、数字、- 和 _ 组成", "community id '{value}' may hold only lower-case letters, digits, - and _"),
    "sheet.no_pinyin": ("无法从「{value}」得出编码：请在「村(社区)编码」列写出", "cannot derive an id from '{value}': write it in the 村(社区)编码 column"),
    "sheet.unknown_department": ("不认识的部门「{value}」：请写部门名称或简称，几个部门用“、”隔开，`gridrules show departments` 列出全部",
                                 "unknown department '{value}': write a department's name or short name, several "
                                 "separated by 、 (gridrules show departments lists them)"),
    "sheet.unknown_activity": ("不认识的活动「{value}」：请写活动名称，几个活动用“、”隔开，`gridrules show activities` 列出全部",
                               "unknown activity '{value}': write an activity's name, several separated by 、 "
                               "(gridrules show activities lists them)"),
    "sheet.unknown_duty": ("不认识的职责「{value}」：请以职责编号开头，照导出的表写“编号 职责内容”，`gridrules show duties` 列出全部",
                           "unknown duty '{value}': begin with the duty's code, as the export writes 'CODE its text' "
                           "(gridrules show duties lists them)"),
    "sheet.changed_since": ("这张表导出时已记变更 {changes} 条，之后事项 {code} 又有变更（变更记录第 {seq} 条，{recorded} 记录）："
                            "本行与清单的不同可能就是那次变更，而不是表里的修改，按它修订会撤回那次决定。请重新导出清单，在新表上修改",
                            "this table was exported after {changes} recorded changes and item {code} changed since "
                            "(change {seq}, recorded {recorded}): the row's difference from the list may be that change, "
                            "not an edit, and amending it back would undo that decision; export the list again and edit that"),
    "sheet.unknown_item": ("清单中没有事项「{value}」", "the list has no item '{value}'"),
    "sheet.duplicate_item": ("清单事项 {code} 已在第 {first} 行：一个事项只写一行（本行若是别的事项，请改正编号）",
                             "item {code} is on row {first} already: an item takes one row (if this row is another "
                             "item, correct its code)"),
    "sheet.item_listed": ("清单上已有事项「{value}」（{code}）：要修订它，请在「编号」栏写 {code}；新事项请另取名称"
                          "（撤销 {code} 后另行申请的，待撤销生效后再导入）",
                          "the list has an item named '{value}' ({code}): to amend it, write {code} as its 编号; give a "
                          "new item a name of its own (to apply again once {code} is withdrawn, import when the "
                          "withdrawal has taken effect)"),
    "sheet.duplicate_name": ("新事项「{value}」已在第 {first} 行：一个事项只写一行", "new item '{value}' is on row {first} already: an item takes one row"),
    "sheet.not_amendable": ('清单事项 {code} 的「{header}」不能修订（可修订：工作量、补贴、活动、责任部门、频次、有效期的结束日、培训、培训计划）；要改请撤销后另行申请，或把此格改回清单上的值', 'list item {code}: {header} cannot be amended (amendable: workload, subsidy, activities, departments, frequency, the end of its validity, training and its plan); withdraw it and apply again, or write the list\'s value back'),
    "title.invalid spreadsheet": ('表格有不合格之处，未写入任何内容', 'invalid spreadsheet: nothing was written'),
    "serve.port_in_use": ("端口 {port} 已被占用（可能已有一个 gridrules serve 在运行）：换一个 --port，或先停掉占用它的程序",
                          "port {port} is in use (perhaps by a gridrules serve already running): choose another --port"),
    "serve.port_denied": ("没有权限使用端口 {port}（1024 以下的端口需要管理员权限）：换一个 1024 以上的 --port",
                          "no permission to use port {port} (ports below 1024 need privileges): choose --port above 1024"),
    "serve.host_not_here": ("{host} 不是本机的地址：用 127.0.0.1（只供本机）或 0.0.0.0（所有网卡）",
                            "{host} is no address of this machine: use 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)"),
    "serve.host_unknown": ("找不到主机 {host}：写本机的 IP 地址，如 127.0.0.1 或 0.0.0.0",
                           "no such host {host}: give an IP address of this machine, e.g. 127.0.0.1 or 0.0.0.0"),
    "serve.cannot_listen": ("无法在 {host}:{port} 上监听（{reason}）", "cannot listen on {host}:{port} ({reason})"),
    "help.examples": ("例：", "Examples:"),
    "serve.started": ("gridrules serve：规则包 {name} {version} {digest}，地址 http://{host}:{port}（{workers} 个工作进程），"
                      "决定日志 {log}",
                      "gridrules serve: pack {name} {version} {digest} on http://{host}:{port} ({workers} worker(s)), "
                      "decision log {log}"),
    "serve.no_log": ("不记（--log off）", "none (--log off)"),
}

# The headings of the command line's tables, by their Chinese (the tables are written with
# it): ``col.<heading>`` in English under --lang en.  A table's own data stays as the pack wrote it.
HEADINGS = {
    "编号": "id", "指纹": "fingerprint", "事项": "item", "职责": "duty", "责任部门": "departments", "活动": "activities",
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
    "层级": "level", "保管的清单": "lists kept", "临时事项": "temporary inclusions",
    "甄别词": "screening words", "甄别例外": "screening exceptions",
}
TITLES = {
    "网格化服务管理工作清单（准入清单）": "admission list", "临时事项批复": "temporary approvals",
    "网格员职责（责任清单）": "grid workers' duties", "负面清单": "negative list",
    "网格角色权限（权力清单）": "grid roles' powers", "事件分类": "event types", "村(社区)与网格登记表": "registry",
    "部门": "departments", "镇街": "towns", "村(社区)": "communities", "网格": "grids", "网格活动": "activities",
    "处置层级": "levels", "事件等级": "grades", "事件类型": "event types", "审定机构": "approving bodies",
}
RUNNING.update({f"col.{zh}": (zh, en) for zh, en in HEADINGS.items()})
RUNNING.update({f"title.{zh}": (zh, en) for zh, en in TITLES.items()})
