"""The HTTP API's own description, as ``/openapi.json`` and ``/docs`` say it -- key -> (Chinese, English).

Each operation's summary is keyed by its method and path (``api.POST /v1/tasks/check``), each
parameter's description (query and path) by its name (``api.?since``: a name means one thing on
every endpoint that takes it; ``{most}``: the export's largest page): the service's description
takes them from here (``service.docs``), in the language of the request (Chinese unless it asks
for English with ``Accept-Language``, or the server's ``--lang`` chose it).
Merged into ``MESSAGES`` (catalogue/__init__.py).
"""

from __future__ import annotations

API: dict[str, tuple[str, str]] = {
    "api.description": ("社区网格化治理规则引擎：任务准入核验、事件分级派转、准入清单工作流。认证：每个接口（/healthz、/livez 除外）"
                        "都要在请求头写 Authorization: Bearer <令牌>（令牌由 gridrules token issue 签发）。",
                        "Rules engine for community grid governance: task admission checks, event grading and routing, "
                        "the admission list's workflow. Every endpoint but /healthz and /livez needs Authorization: Bearer <token> "
                        "(issued by gridrules token issue)."),
    "api.bearer": ("gridrules token issue 签发的令牌（角色：dispatch、department:<部门>、secretariat、town:<镇街>、auditor）。",
                   "A token from gridrules token issue (its role: dispatch, department:<id>, secretariat, town:<id>, "
                   "auditor)."),
    "api.GET /healthz": ("能否判定：能则 200，决定日志无法写入时 503；附所用规则包的摘要（无需令牌；规则包加载不了的原因只给带令牌的调用方）",
                         "Ready to decide: 200, or 503 while the decision log cannot be written; the digest of the "
                         "pack in use (no token needed; why the pack on disk did not load only with a token)"),
    "api.GET /livez": ("进程是否在运行（无需令牌；不反映决定日志）", "Alive: the process answers (no token needed; says nothing of the log)"),
    "api.POST /v1/tasks/check": ("这项工作能否交给网格员？（任务准入核验）", "May this work go to grid workers?"),
    "api.POST /v1/events/route": ("这起事件由谁处置、何时办结？（事件分级派转）", "Who handles this event, by when?"),
    "api.POST /v1/tasks/check-batch": ("批量核验任务（NDJSON 进，NDJSON 出）", "Check many tasks (NDJSON in, NDJSON out)"),
    "api.POST /v1/events/route-batch": ("批量分流事件（NDJSON 进，NDJSON 出）", "Route many events (NDJSON in, NDJSON out)"),
    "api.GET /v1/pack": ("所用规则包：名称、版本、摘要", "The pack in use: name, version, digest"),
    "api.GET /v1/lists": ("准入清单、临时事项、职责、负面清单、角色、事件类型",
                          "The admission list, temporary approvals, duties, negative list, roles, event types"),
    "api.GET /v1/history": ("规则包的每一次变更，按时间先后", "Every change to the pack, oldest first"),
    "api.GET /v1/expiring": ("一段时间内到期的清单事项和临时事项",
                             "Items and temporary approvals whose last day falls within a window"),
    "api.GET /v1/applications": ("准入申请：部门看本部门的，秘书处看全部（可按状态筛选）",
                                 "Applications: a department's own, or all for the secretariat (by status, if asked)"),
    "api.POST /v1/applications": ("部门提交准入申请（审定前保留；同一申请重发：200，written 为 false）",
                                  "A department submits an application (kept until decided; the same application "
                                  "sent again: 200, written false)"),
    "api.PUT /v1/applications/{app_id}": ("补正：部门改正本部门待审议的申请，或秘书处改正自己代录入的纸质申请（编号、申请部门不变，"
                                          "重新审查，保留此前各版；内容相同：written 为 false）",
                                          "Correct (补正): a department replaces its own waiting application, or the "
                                          "secretariat corrects a paper application it entered (same id and applicant, "
                                          "the review redone, earlier versions kept; the same content: written false)"),
    "api.POST /v1/applications/{app_id}/withdraw": ("部门撤回本部门待审议的申请，或秘书处记录部门对其代录入的纸质申请的书面撤回"
                                                    "（已撤回：written 为 false）",
                                                    "A department withdraws its own waiting application, or the secretariat "
                                                    "records a department's paper withdrawal of a paper application it "
                                                    "entered (withdrawn already: written false)"),
    "api.GET /v1/applications/{app_id}": ("一份申请，审定后连同结果", "One application and, once decided, its outcome"),
    "api.GET /v1/applications/{app_id}/review": ("秘书处审查意见和建议（审定后：作出决定时依据的审查，带 at_decision）",
                                                 "The secretariat's review: findings and a recommendation (once decided: "
                                                 "the review the decision was taken on, with at_decision)"),
    "api.POST /v1/applications/{app_id}/approve": ("记录审定机构决定纳入（同一决定重发：200，written 为 false）",
                                                   "Record the joint meeting's approval (the same approval sent again: "
                                                   "200, written false)"),
    "api.POST /v1/applications/{app_id}/reject": ("记录审定机构决定不予纳入（同一决定重发：200，written 为 false）",
                                                  "Record the joint meeting's rejection (the same rejection sent again: "
                                                  "200, written false)"),
    "api.POST /v1/items/{code}/amend": ("按审定机构的决定修订清单事项", "Amend a list item by the approving body's decision"),
    "api.POST /v1/items/{code}/withdraw": ("自某日起撤销清单事项", "Withdraw a list item from a date"),
    "api.POST /v1/temporary": ("记录临时事项批复（镇街专题研究，或镇街以上机构的决定）",
                               "Record a temporary approval (a town's, or a body's above the towns)"),
    "api.GET /v1/temporary": ("镇街临时事项：有效的和即将开始的（或全部）",
                              "Towns' temporary approvals in force or about to start (or all)"),
    "api.POST /v1/temporary/{ref}/withdraw": ("撤销临时事项批复", "Withdraw a temporary approval"),
    "api.GET /v1/log/head": ("最新一条记录的哈希，供公布", "The latest record's hash, to publish"),
    "api.GET /v1/log/verify": ("核对每条记录的哈希和链接，指出第一处断裂",
                               "Check every record's hash and link; name the first break"),
    "api.GET /v1/log/export": ("按 seq 顺序导出记录（NDJSON，可分页增量拉取）",
                               "The records as NDJSON, in chain order (paged: pull incrementally)"),
    # --- the parameters, by name (query and path) ---
    "api.?at": ("判定或读取所按的时刻（ISO 8601，带时区，如 2026-12-01T09:00:00+08:00；或日期：当天 0 点）；不给则为现在"
                "（事件分流：事件的 reported_at）",
                "The moment the check is made or the lists are read as of (ISO 8601 with offset, or a date: its "
                "00:00); default: now (routing an event: its reported_at)."),
    "api.?Idempotency-Key": ("幂等键（请求头，可不写）：1 到 255 个可见的 ASCII 字符，每个新的判定请求一个（如 UUID），"
                             "超时重发时原样带上。同一令牌、同一幂等键、同一接口、请求体和 ?at= 的重发，回答第一次的答复"
                             "（响应头 Idempotent-Replayed: true），不再判定、不再记入日志，服务重启或换了工作进程也一样；"
                             "同一幂等键用于别的请求，回答 409 conflict。批量接口按每 256 行一组记住答复，重发时已记入的组原样答复，"
                             "未记入的组才判定。服务不记决定日志（--log off）时不记住幂等键",
                             "Optional: 1 to 255 visible ASCII characters, a new one for each decision request (a "
                             "UUID), sent again unchanged with its retry. A retry by the same token with the same key, "
                             "endpoint, body and ?at= is answered the first answer (header Idempotent-Replayed: true), "
                             "nothing decided or logged again, across restarts and workers; the key with another "
                             "request is a 409 conflict. A batch's answer is kept per chunk of 256 lines: a retry is "
                             "answered the chunks logged, and decides the others. Without a decision log (--log off) "
                             "no key is kept."),
    "api.?section": ("要哪些部分（默认：各清单；写出名称时也给名称与编号的对照——部门、镇街、网格……）",
                     "The sections wanted (default: the lists; the directories of names and ids — departments, "
                     "towns, grids … — when named)."),
    "api.?all": ("也列出已撤销、尚未批准和已过期的", "Include withdrawn, not yet approved and lapsed entries."),
    "api.?target": ("只列对这一事项、申请或批复的变更", "Only changes to this item, application or approval."),
    "api.?within": ("多少天（14d、14天）、多少周（2w、2周）或几个日历月（1个月，从当天起）内到期",
                    "Days (14d, 14天), weeks (2w, 2周) or calendar months from the day (1个月)."),
    "api.?status": ("只列这一状态的申请（pending：等待审定机构审定；approved、rejected：已审定）",
                    "Only the applications with this status (pending: waiting for the joint meeting; approved, "
                    "rejected: decided)."),
    "api.?town": ("只列这个单位的批复（编号，或镇街的名称）", "Only this unit's approvals (an id, or a town's name)."),
    "api.?since": ("只含判定时刻（at：任务按此时刻核验，即请求的 ?at= 或提出时；事件为 reported_at）在此刻及以后的记录："
                   "ISO 8601，带时区；或日期（所用规则包所在地时间的当天 0 点，同 gridrules log export --pack 的读法）。"
                   "按写入日志的时刻取：logged_since",
                   "Only the records whose decision's moment (`at`: a task's ?at= or when it was asked, an event's "
                   "reported_at) is at or after this moment: ISO 8601 with its offset, or a date (00:00 that day in "
                   "the served pack's district time, as `gridrules log export --pack` reads it). By when a record "
                   "was written: logged_since."),
    "api.?until": ("只含判定时刻（at）在此刻以前的记录：ISO 8601，带时区；或日期（所用规则包所在地时间的当天 0 点，"
                   "同 gridrules log export --pack 的读法）",
                   "Only the records whose decision's moment (`at`) is before this moment: ISO 8601 with its "
                   "offset, or a date (00:00 that day in the served pack's district time)."),
    "api.?logged_since": ("只含在此刻及以后写入日志的记录（logged_at；早先版本写入、没有 logged_at 的记录按其 at）："
                          "ISO 8601，带时区；或日期（所用规则包所在地时间的当天 0 点）",
                          "Only the records written to the log at or after this moment (`logged_at`; a record "
                          "written before records carried it, by its `at`): ISO 8601 with its offset, or a date "
                          "(00:00 that day in the served pack's district time)."),
    "api.?logged_until": ("只含在此刻以前写入日志的记录（logged_at；没有 logged_at 的按其 at）：ISO 8601，带时区；"
                          "或日期（所用规则包所在地时间的当天 0 点）",
                          "Only the records written to the log before this moment (`logged_at`; one without it, "
                          "by its `at`): ISO 8601 with its offset, or a date (00:00 that day in the served pack's "
                          "district time)."),
    "api.?after_seq": ("只含此序号（seq）之后的记录（不含它）：上一页最后一条的 seq",
                       "Only the records after this seq (exclusive): the last seq of the page before."),
    "api.?limit": ("至多这么多条（最多 {most} 条；不给则为 after_seq 之后的全部）",
                   "At most this many records (at most {most}; without it, every record from after_seq on)."),
    "api.?app_id": ("申请的编号", "The application's id."),
    "api.?code": ("清单事项的编码（如 L13）", "The list item's code (such as L13)."),
    "api.?ref": ("临时事项批复的文号", "The temporary approval's reference."),
}
