"""The words of the commands that show the pack's history, the decision log and the service's
tokens (``gridrules history``, ``log``, ``token``), and of the developers' ``compile``:
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
    "cmd.history.current": ("当前版本 {version}，摘要 {digest}", "current version {version}, digest {digest}"),
    "cmd.history.verify_failed": ("变更记录核验未通过（{n} 处）：", "the history does not verify ({n} problems):"),
    "cmd.history.verified": ("变更记录完整：创始记录之后 {n} 条变更，内容摘要 {digest} 与最后一条记录一致",
                         "the history is intact: {n} changes after the genesis; the content digest {digest} "
                         "is the last entry's"),
    "cmd.history.deleted": ("（删除）", " (deleted)"),
    "cmd.history.recorded": ("已记录手工修改（变更记录第 {seq} 条，版本 {before} → {after}）：{files}",
                         "hand edit recorded (history entry {seq}, version {before} → {after}): {files}"),
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
    "cmd.log.pruned": ("已清理 {n} 条记录；检查点已记入日志", "{n} records pruned; the checkpoint is in the log"),
    # gridrules token
    "cmd.token.issued": ("已签发 {id}（角色 {role}），写入 {path}；令牌只显示这一次。",
                     "issued {id} (role {role}), written to {path}; the token is shown this once."),
    "cmd.token.revoked": ("已吊销 {id}", "revoked {id}"),
    # gridrules compile
    "cmd.compile.summary": ("{pack} {version}：{rulesets} 个规则集，{rules} 条规则（其中不同的 {distinct} 条）",
                            "{pack} {version}: {rulesets} rulesets, {rules} rules ({distinct} distinct)"),
}
