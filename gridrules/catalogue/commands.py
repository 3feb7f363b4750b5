"""The words of the commands that show the pack's history, the decision log and the service's
tokens (``gridrules history``, ``log``, ``token``), and of the developers' ``compile`` and ``bench``:
key -> (Chinese, English)."""

from __future__ import annotations

COMMANDS: dict[str, tuple[str, str]] = {
    # gridrules history
    "cmd.history.hand_edit": ("手工修改（事后记录）", "hand edit (recorded afterwards)"),
    "cmd.history.ledger": ("登记台账 {source}（{date}）", "registry ledger {source} ({date})"),
    "cmd.history.department": ("{department}记录（{date}）", "recorded by {department} ({date})"),
    "cmd.history.decision": ("{by} {ref}（{date}）", "{by} {ref} ({date})"),
    "cmd.history.application": ("申请 {application}", "application {application}"),
    "cmd.history.no_blocking": ("无阻断性意见", "no blocking finding"),
    "cmd.history.blocking": ("阻断性意见 {n} 条", "{n} blocking findings"),
    "cmd.history.review": ("审查{recommendation}（{blocking}）", "review: {recommendation} ({blocking})"),
    "cmd.history.override": ("变通理由：{override}", "override: {override}"),
    "cmd.history.units": ("新增 {added}、变更 {changed}、删除 {removed} 个单位",
                      "{added} units added, {changed} changed, {removed} removed"),
    "cmd.history.reason": ("理由：{reason}", "reason: {reason}"),
    "cmd.history.joiner": ("；", "; "),
    "cmd.history.title": ("{title} 变更记录（{n} 条）", "{title}: history ({n} changes)"),
    "cmd.history.current": ("当前版本 {version}，规则包摘要 {digest}（判定中的 pack.digest；history --digest 查它是哪个版本）",
                        "current version {version}, pack digest {digest} (a decision's pack.digest; history --digest "
                        "finds which version one names)"),
    "cmd.history.digest_now": ("摘要 {digest} 是当前的规则包：版本 {version}（{since}）",
                           "digest {digest} is the pack as it is: version {version} ({since})"),
    "cmd.history.digest_then": ("摘要 {digest} 是版本 {version} 的规则包（{since}），第 {next} 条变更（{until}）起不再使用",
                            "digest {digest} is version {version} of the pack ({since}), until change {next} ({until})"),
    "cmd.history.since_genesis": ("创始记录", "the genesis"),
    "cmd.history.since_change": ("第 {seq} 条变更之后", "after change {seq}"),
    "cmd.history.digest_unknown": ("摘要 {digest} 不是本规则包变更记录中的任何版本：判定它的是另一个规则包，或是变更记录之外改过的文件",
                               "digest {digest} is no version this pack's history records: another pack decided it, or "
                               "files changed outside the history"),
    "cmd.history.verify_failed": ("变更记录核验未通过（{n} 处）：", "the history does not verify ({n} problems):"),
    "cmd.history.verified": ("变更记录完整：创始记录之后 {n} 条变更，内容摘要 {digest} 与最后一条记录一致"
                         "（内容摘要不含 history.yaml；判定中的规则包摘要含它，见 gridrules history）",
                         "the history is intact: {n} changes after the genesis; the content digest {digest} "
                         "is the last entry's (the content digest leaves history.yaml out; a decision's pack digest "
                         "covers it, see gridrules history)"),
    "cmd.history.deleted": ("（删除）", " (deleted)"),
    "cmd.history.recorded": ("已记录手工修改（变更记录第 {seq} 条，版本 {before} → {after}）：{files}",
                         "hand edit recorded (history entry {seq}, version {before} → {after}): {files}"),
    "cmd.history.restarted": ("变更记录已重新开始：规则包 {version} 以现在的内容为第一版（创始记录），此前 {n} 条手工修改记录并入其中；"
                              "内容摘要 {digest}",
                              "the history starts again: the pack's {version} as it is now is its first version (the genesis), "
                              "the {n} hand edits recorded before folded in; content digest {digest}"),
    # gridrules log
    "cmd.log.broken": ("决定日志校验失败：第 {seq} 条记录 {reason}（此前 {count} 条完好）",
                   "the decision log does not verify: record {seq} {reason} ({count} records before it intact)"),
    "cmd.log.intact": ("决定日志完好：{count} 条记录，链首哈希 {hash}（序号 {seq}）",
                   "the decision log is intact: {count} records, head hash {hash} (seq {seq})"),
    "cmd.log.prune_refused": ("决定日志校验失败（第 {seq} 条记录 {reason}），不予清理",
                          "the decision log does not verify (record {seq} {reason}): not pruned"),
    "cmd.log.pruned_none": ("没有早于 {before} 的记录可清理：日志未改动（没有写检查点）",
                            "no record before {before} to prune: the log is unchanged (no checkpoint written)"),
    "cmd.token.role_named": ("{role}（{name}）", "{role} ({name})"),
    "cmd.log.backed_up": ("已备份到 {path}（只有属主可读）：{count} 条记录，链首哈希 {hash}（序号 {seq}），核对完好",
                          "backed up to {path} (readable by its owner only): {count} records, head hash {hash} "
                          "(seq {seq}), verified intact"),
    "cmd.log.pruned": ("已清理 {n} 条记录；检查点已记入日志", "{n} records pruned; the checkpoint is in the log"),
    # gridrules token
    "cmd.token.issued": ("已签发 {id}（角色 {role}），写入 {path}；令牌只显示这一次。",
                     "issued {id} (role {role}), written to {path}; the token is shown this once."),
    "cmd.token.revoked": ("已吊销 {id}（仍列在 token list 中，标明吊销时间）", "revoked {id} (still listed by token list, with when)"),
    "cmd.token.revoked_before": ("{id} 已于 {at} 吊销，无需再吊销", "{id} was revoked already, at {at}"),
    # gridrules compile
    "cmd.compile.summary": ("{pack} {version}：{rulesets} 个规则集，{rules} 条规则（其中不同的 {distinct} 条）",
                            "{pack} {version}: {rulesets} rulesets, {rules} rules ({distinct} distinct)"),
    # gridrules bench: what it is doing (on stderr), then its report
    "cmd.bench.loaded": ("已载入 {pack} {version}（{load} 秒），编译用时 {compile} 秒",
                         "loaded {pack} {version} in {load}s, compiled in {compile}s"),
    "cmd.bench.phase_single": ("单次调用，不重复的输入……", "single calls, distinct inputs …"),
    "cmd.bench.phase_batch": ("批量调用，不重复的输入……", "batches, distinct inputs …"),
    "cmd.bench.phase_repeated": ("同样的调用，重复的输入（同一时刻，取值很少）……",
                                 "the same calls on repeated inputs (one moment, few values) …"),
    "cmd.bench.phase_bare": ("直接调用 durable_rules……", "bare durable_rules calls …"),
    "cmd.bench.phase_memory": ("{decisions} 次不重复的判定中的内存……", "memory over {decisions} distinct decisions …"),
    "cmd.bench.title": ("gridrules {version} 性能测试 —— {pack} {pack_version}（{digest}…）",
                        "gridrules {version} bench — {pack} {pack_version} ({digest}…)"),
    "cmd.bench.machine": ("机器：{cpu}，{cores} 核；Python {python}；durable_rules {durable_rules}",
                          "machine: {cpu}, {cores} cores; Python {python}; durable_rules {durable_rules}"),
    "cmd.bench.pack": ("规则包：清单事项 {items} 个，批复 {approvals} 个，事件类型 {event_types} 种，{town} {towns} 个，"
                       "网格 {grids} 个；规则 {distinct} 条（编译成 {rulesets} 个规则集，共 {compiled} 条）",
                       "pack: {items} items, {approvals} approvals, {event_types} event types, {towns} {town}s, "
                       "{grids} grids; {distinct} rules ({compiled} compiled in {rulesets} rulesets)"),
    "cmd.bench.inputs": ("输入：每一阶段任务和事件各 {n} 个，互不重复（各字段随机，种子 {seed}）；每个规则集的答案缓存 {cache} 条",
                         "inputs: {n} distinct tasks and events per phase (every field random, seed {seed}); "
                         "answer cache {cache} per ruleset"),
    "cmd.bench.load": ("载入并编译：{total} 秒（载入 {load}，编译 {compile}；CPU 时间 {cpu} 秒）",
                       "load + compile: {total} s (load {load}, compile {compile}; CPU time {cpu} s)"),
    "cmd.bench.per_second": ("每秒", "per second"),
    "cmd.bench.ms": ("{p} 毫秒", "{p} ms"),
    "cmd.bench.distinct": ("不重复的输入", "distinct inputs"),
    "cmd.bench.mixed": ("两者交替", "mixed"),
    "cmd.bench.batch": ("（批量）", "(batch)"),
    "cmd.bench.repeated": ("重复的输入（同一时刻，取值很少：利于缓存的输入流就是这样）",
                           "repeated inputs (one moment, few values; what a cache-friendly stream sees)"),
    "cmd.bench.reference": ("参照：只用 durable_rules 给不重复的输入分类（没有缓存、校验和文字）",
                            "reference: bare durable_rules classifying the distinct inputs (no caches, validation or texts)"),
    "cmd.bench.calls_each": ("（每次判定调用 {calls} 次）", "({calls} calls each)"),
    "cmd.bench.cache": ("答案缓存（不重复的单次调用）：引擎要回答的问题中 {rate} 已有答案",
                        "answer cache (distinct single calls): {rate} of engine questions already answered"),
    "cmd.bench.engine": ("引擎（不用缓存）：每次判定调用 durable_rules {calls} 次；每次判定 {decision} 微秒，其中 durable_rules "
                         "本身 {bare} 微秒；gridrules 自身的开销 {overhead} 微秒，是直接调用的 {ratio} 倍；同样的调用经 durable_rules 的 "
                         "Host API 要 {host} 微秒（gridrules 自身的开销是它的 {vs_host} 倍）",
                         "engine (cache off): {calls} durable_rules calls per decision; {decision} µs per decision, of "
                         "which bare durable_rules {bare} µs; our overhead {overhead} µs = {ratio}× the bare calls; the "
                         "same calls through durable_rules' Host API would take {host} µs (our overhead = {vs_host}× that)"),
    "cmd.bench.memory": ("内存：RSS 峰值 {peak} MB", "memory: peak RSS {peak} MB"),
    "cmd.bench.memory_run": ("{decisions} 次不重复的判定中的内存：{before} → {after} MB（变化 {drift} MB）",
                             "memory over {decisions} distinct decisions: {before} → {after} MB (drift {drift} MB)"),
}
