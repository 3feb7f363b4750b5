"""The command line's help in Chinese (``gridrules … --help``), and click's own words.

Keys: a command's path (``"admission approve"``; ``""`` is gridrules itself) for its help,
``"<path> <option>"`` for one option's help, ``"* <option>"`` for an option every command
that has it shares.  The English help is the commands' own (written beside each option in
cli/); ``--lang en`` shows it.  tests/catalogue/test_help.py checks every command and option
has its Chinese here.
"""

from __future__ import annotations

import re

SHARED = {
    "* --pack": "规则包文件夹（默认：随 gridrules 安装的规则包）。",
    "* --format": "text：给人看的中文；json：给系统用的文档（只有编号和代码）。",
    "* --lang": "提示、错误和帮助的语言：zh 中文（默认），en 英文（给开发人员）；规则包自己的文字不变。",
    "* --debug": "出现意外错误时显示调用栈。",
    "* --help": "显示本帮助并退出。",
    "* --wide": "表格不按终端宽度折行（每行一条，宽屏或复制到表格时用）。",
    "* --log": "决定日志：sqlite:///相对路径、sqlite:////绝对路径（或直接写路径）或 postgresql://用户@主机/库。",
    "* --config": "服务的配置文件（令牌、限额、CORS）。",
    "* --session": "审定机构会议的届次，如 2027-1（2027年第1次会议）。",
    "* --date": "决定日期（YYYY-MM-DD）。",
    "* --since": "只含此刻及以后的（ISO 8601，带时区；或日期：当天 0 点）。",
    "* --until": "只含此刻以前的（ISO 8601，带时区；或日期：当天 0 点）。",
    "* --sheet": "工作簿中的工作表（默认：第一张）。",
    "* --all": "也列出已撤销、已到期和尚未生效的。",
    "* --reason": "理由（与记录一起保存）。",
    "* --override": "审定机构在有阻断性意见时仍批准：写明理由（随事项记录）。",
}

AT = "判定时刻：带时区的日期时间（2026-11-25T09:30+08:00），或日期（2026-11-25：规则包所在时区当天 0 点）"

HELP: dict[str, str] = {
    "": "gridrules：社区网格化治理规则引擎 —— 网格工作准入和事件分级分流，政策即代码。\n\n"
        "常用：gridrules check-task 任务.yaml（能否交给网格员）；gridrules route 事件.yaml（谁来办、几时办完）；"
        "gridrules show departments（查编号和名称）。",
    "--version": "显示 gridrules 的版本和随附规则包的版本、摘要。",
    "admission": "部门申请把工作纳入准入清单，以及审定机构（如联席会议）的决定。\n\n\b\n"
                 "new       写出一份空白申请表\n"
                 "review    秘书处审查：审查意见和建议\n"
                 "approve   把批准的事项写入规则包（新编号、来源、历史）\n"
                 "reject    记录不予纳入\n"
                 "amend     修订事项（工作量、补贴、活动、责任部门、截止日期、培训）\n"
                 "withdraw  自某日起撤销事项\n"
                 "trained   记录事项的培训已经完成",
    "admission amend": "按保管该清单的审定机构的决定修订清单事项（自 --effective 起施行）。",
    "admission amend --hours": "新的工作量（小时/网格/月）。",
    "admission amend --effective": "自哪天起施行（默认：决定日期）；此前开始的工作仍按原条件。",
    "admission amend --towns": "适用的镇街（在其审定机构的辖区内，逗号分隔，或 all）。",
    "admission approve --effective": "事项自哪天起施行（默认：申请的开始日期；开始日期早于决定日期的，决定日期）。",
    "admission trained": "记录某清单事项的培训已经完成（此后开始的任务不再标注“培训未完成”）。",
    "admission trained --on": "培训完成的日期。",
    "admission withdraw --effective": "自哪天起施行（默认：决定日期）：此日及以后开始的工作不再准入。",
    "init --template": "dazu：随附规则包及其用例的副本；minimal：带注释的小骨架（两级审定机构、几个单位、一个事项、一类事件及其用例），供逐步扩充。",
    "temporary withdraw --effective": "自哪天起施行（默认：决定日期）：此日及以后开始的工作不再准许。",
    "admission amend --subsidy": "新的补贴（元/网格/月；none：不再有补贴）。",
    "admission amend --activities": "事项的全部活动（编号或名称，逗号分隔）。",
    "admission amend --owners": "责任部门（编号或名称，牵头部门在前）。",
    "admission amend --frequency": "频次。",
    "admission amend --end": "事项的最后一天（none：长期有效）。",
    "admission amend --training-owner": "培训网格员的部门。",
    "admission amend --training-plan": "培训计划。",
    "admission amend --override": "修订带来新的阻断性意见时仍批准：写明理由。",
    "admission amend --reason": "修订理由。",
    "admission approve": "把批准的申请事项写入规则包（被拒绝时退出码 1，规则包不变）。",
    "admission new": "写出一份带中文说明的空白申请表（写到 FILE，或输出到屏幕）。",
    "admission new --id": "申请编号（默认：APP-日期-时间）。",
    "admission new --applicant": "预先填好申请部门（编号或名称，如 民政局）。",
    "admission new --force": "FILE 已存在时覆盖它。",
    "admission reject": "记录审定机构不予纳入某项申请。",
    "admission reject --reason": "不予纳入的理由。",
    "admission review": "秘书处审查一份申请。\n\n建议同意纳入时退出码 0，建议不予纳入或建议退回补正时 1，申请表写错（格式不对）时 2。",
    "admission review --at": "审查日期（默认：现在）。" + AT + "。",
    "admission review --impact": "另外给出批准它会改变什么：把这个决定日志中的判定，用批准后的规则包重新判定一遍。"
                                 "决定日志：sqlite:///相对路径、sqlite:////绝对路径（或直接写路径）或 postgresql://…。",
    "admission review --since": "与 --impact 同用：只重判此刻及以后作出的判定（ISO 8601，带时区；或日期：当天 0 点）。",
    "admission review --until": "与 --impact 同用：只重判此刻以前作出的判定（ISO 8601，带时区；或日期：当天 0 点）。",
    "log export --since": "只含判定时刻（记录的 at：任务按 --at 或核验之时，事件按 reported_at）在此刻及以后的（ISO 8601，带时区，如 2026-11-25T00:00:00+08:00；或只写日期，如 2026-11-25、2026年11月25日）。",
    "log export --until": "只含判定时刻（记录的 at）在此刻以前的（ISO 8601，带时区；或只写日期，如 2026-12-01、2026年12月1日）。",
    "log export --logged-since": "只含在此刻及以后写入日志的（记录的 logged_at；早先版本写入、没有 logged_at 的按其 at）（ISO 8601，带时区；或只写日期）。",
    "log export --logged-until": "只含在此刻以前写入日志的（记录的 logged_at；没有 logged_at 的按其 at）（ISO 8601，带时区；或只写日期）。",
    "log export --after-seq": "只输出此序号（seq）之后的记录（不含它）：上一页最后一条的序号。",
    "log export --limit": "至多输出这么多条（最多 100,000 条；不给则输出 --after-seq 之后的全部）。",
    "log export --pack": "作出这些判定的规则包：日期即按其所在地时间的当天 0 时（不给则按内置规则包的）。",
    "log prune --pack": "作出这些判定的规则包：日期即按其所在地时间的当天 0 时（不给则按内置规则包的）。",
    "admission withdraw": "撤销清单事项：自 --effective 起开始的工作不能再依据它准入。",
    "admission withdraw --reason": "撤销理由。",
    "assess": "双向考核：按事件处置记录给部门、镇街、村(社区)打分。\n\n"
              "判断事件处置记录（JSON Lines 文件，或 - 表示标准输入），为 PERIOD 给部门、镇街、"
              "村(社区)打分：每项指标的分子分母、得分、红黑榜和预算建议（政策见规则包 assessment.yaml）。\n\n"
              "退出码 0；有记录（或任务）写错时 2：每条写错的在标准错误输出一行，其余照常考核。"
              "没有一个文件里有记录（空文件或只有空行）时不给出考核结果，退出码 2；只是其中一个文件没有记录时提示它，"
              "其余照常考核。工作簿、PDF、YAML 格式的记录、写成一个 JSON 数组的记录和 CSV 表格整个文件拒收（什么都不做），"
              "提示如何转换成 JSON Lines。",
    "assess --period": "2026（一年）、2026-Q4（一季度）或 2026-11（一个月）；也可写 2026年、2026年第四季度、2026年11月。",
    "assess --at": "考核时刻（默认：现在）：那时还没到的时限算作未到期。" + AT + "。",
    "assess --decisions": "镇街的任务，用于“无违规派单”指标（no_unauthorized_assignment）：文件或 http(s) 地址，"
                          "JSON Lines，每行一项任务（check-task 的输入，在此按 --at 判定），或 "
                          '{"task": 任务, "decision": 判定结果}（照判定结果的 flags 计，如 check-task --format json '
                          "对该任务的输出；只有判定结果而没有任务的行不收）。只计 issued_by 为 town、status 为 assigned、"
                          "开始日期在 PERIOD 内的任务，各为所属镇街计一件：标注 unauthorized_assignment 即违规。同一任务编号只计一次："
                          "后面再出现的行算写错（不论判定是否相同）。",
    "assess --explain": "列出某个单位每项数字背后的事件。",
    "assess --xlsx": "另外写出工作簿：每个层级一张表，红黑榜单列，有误的记录逐条列出。",
    "assess --html": "另外写出带图表的独立 HTML 报告（有误的记录逐条列出）。",
    "assess --workers": "本机工作进程数（各用自己的 Checker 分担记录）。",
    "assess --scheduler": "改在 Dask 分布式集群上运行（记录和规则包须在每个工作节点同一路径可读）。",
    "assess --quiet": "不在标准错误输出显示进度。",
    "bench": "在不重复的随机输入上测 check_task 和 route_event 的速度（单进程、单核）。",
    "bench --n": "任务和事件各多少个。",
    "bench --seed": "随机种子。",
    "bench --memory-run": "另外测这么多次判定中的内存（RSS）增长（如 1000000）。",
    "check-task": "判断一项任务能否交给网格员。\n\n准入或临时准入时退出码 0，否则 1，输入有误时 2"
                  "（批量时取各行中最差的）。部门、镇街、角色、活动、清单事项和临时事项批复可以写编号，也可以写名称（如 区民政局、民政局、走访；批复写它的工作）。",
    "check-task --at": "核验时刻（默认：现在）。" + AT + "。",
    "check-task --batch": "按 JSON Lines 读取：每行一项任务，每行输出一个结论。",
    "check-task --log": "每个结论先写入这个决定日志再输出。决定日志：sqlite:///相对路径、sqlite:////绝对路径（或直接写路径）或 postgresql://…。",
    "compile": "显示规则包编译成的规则集（全部，或列出的 RULESETS）。\n\ntext 列出每个规则集及其规则；json 是交给 durable_rules 的原样定义。",
    "expiring": "列出在期限内到期的清单事项和镇街临时事项批复。",
    "expiring --within": "期限：天（14天、14d）、周（2周、2w）或月（1个月：从当天起的日历月，如 12月2日 到 1月2日）。",
    "expiring --at": "从此刻算起（默认：现在）。" + AT + "。",
    "export": "把清单导出为带中文表头的表格（xlsx 或 csv）。\n\n"
              "准入清单（items）、临时事项（temporary）、负面清单（negative）、职责（duties）、事件类型（types）"
              "或登记表（registry），按 --at 当天的状态。",
    "export --xlsx": "写出 Excel 工作簿。",
    "export --csv": "写出 csv 文件（UTF-8，Excel 可直接打开）。",
    "export --at": "按哪一天（或时刻）有效的清单导出（默认：今天）。" + AT + "。",
    "history": "按时间顺序列出规则包的每次变更和它依据的决定。\n\n"
               "`history verify` 核对哈希链；`history head` 显示可公布的链首哈希；"
               "`history record --reason …` 记录一次手工修改；`history restart` 在启用前让变更记录从现在的内容重新开始。",
    "history --target": "只看某个事项、申请或批复的变更。",
    "history --digest": "判定中的规则包摘要（pack.digest）：查它是规则包的哪个版本（都不是时退出码 1）。",
    "history record": "把未经流程改动的文件记录为一次有意的手工修改。",
    "history record --reason": "为什么手工修改规则包（随修改记录）。",
    "history verify": "核对历史的哈希链，以及文件是否就是它最后记录的样子（不是时退出码 1）。",
    "history verify --head": "此前公布的链首哈希（`history head`）：它必须是变更记录中某一条记录的哈希，否则记录被改写过。",
    "history restart": "变更记录从规则包现在的内容重新开始（作为第一版）。\n\n只在启用前、变更记录中只有手工修改时可以；"
                       "决定一经记录就不能抹去（有决定时退出码 1）。",
    "history head": "显示最新一条变更记录的哈希（公布它，以后对变更记录的改写就能被发现）。",
    "import": "读入区里的表格（xlsx 或 csv）：清单事项或登记表。\n\n"
              "items 只审查清单事项的修订和新增，不改规则包（新事项可写成申请）；"
              "registry 把登记表的村(社区)和网格写入规则包（加 --apply 时）。",
    "import items": "审查一张修订或新增清单事项的表（表头同公布的清单），不改规则包；--out 把新事项写成申请。\n\n"
                    "不写入规则包：新事项写成申请，修订的事项给出记录联席会议决定的 `admission amend` 命令。"
                    "每行都无变化或建议同意纳入时退出码 0，否则 1，有行写错时 2。",
    "import items --out": "把每个新事项的申请写到这个文件夹（供 gridrules admission approve 用）。",
    "import items --id-prefix": "新申请的编号为 前缀-行号（默认：APP-审查日期）。",
    "import items --at": "审查日期（默认：公布的表格标题所写的日期，没有时为现在）。" + AT + "。",
    "import registry": "把 FILE 里的村(社区)和网格（镇街、村(社区)、网格名称、网格编码……）写入规则包（加 --apply 时）。\n\n"
                       "不加 --apply 只显示变化。退出码 0；有行写错时 2（每处写明 表名!单元格，如 登记表!G15，什么也不写入）。",
    "import registry --replace": "文件是完整的登记表：删除它没有覆盖的镇街的单位。",
    "import registry --apply": "把变化写入规则包（否则只显示）。",
    "init": "在 DIR（新的或空的文件夹）写出一个规则包（--template），以后用 --pack DIR。",
    "lint": "检查规则包的缺漏、矛盾和不合规的事项。\n\n"
            "每条发现都有固定代码（GR101 …）、严重程度（error、warning、info）、说明和 路径:行:列。"
            "没有达到 --fail-on 的发现时退出码 0，有则 1，规则包无法加载时 2。",
    "lint --fail-on": "有这个严重程度及以上的发现时退出码 1。",
    "lint --at": "按哪一天检查（到期的批复、有效的工作量）；默认今天。" + AT + "。",
    "lint --min-severity": "不列出比这更轻的发现。",
    "lint --ignore": "不列出这些检查的发现（GR105 或 GR105,GR303；可重复）。",
    "lint --format": "text：按文件分组给人看；json：发现的数据；sarif：供代码扫描的 SARIF 2.1.0。",
    "log": "决定日志：只追加、带哈希链的每个判定的记录。",
    "log backup": "在服务照常写入时把 SQLite 决定日志（连同日志密钥）完整复制到新文件 FILE（只有属主可读），再核对副本的哈希链。\n\n"
                  "副本完好时退出码 0，核对不通过时 1；FILE 已存在、或日志在 PostgreSQL 上（请用 pg_dump）时 2。",
    "log export": "按链的顺序把记录以 JSON Lines 输出（按序号分页，同 /v1/log/export）。",
    "log head": "显示最新一条记录的哈希（公布它，以后的截断或改写就能被发现）。",
    "log prune": "为保存期限删除旧记录；从保留的检查点起链仍可核对。\n\n链核对不通过时拒绝（退出码 1）：删除不能掩盖断裂。",
    "log prune --before": "删除此刻以前写入日志的记录（按记录的 logged_at，不按其判定时刻；早先版本写入、没有 logged_at 的按其 at）（ISO 8601，带时区；或只写日期，如 2026-01-01、2026年1月1日）。",
    "log verify": "核对每条记录的哈希和它与前一条的链接。\n\n链完好时退出码 0，否则 1，并指出第一条被改、删、插入或调换的记录。",
    "replay": "用 --pack 给出的候选规则包按原时刻重新判定日志里的每个输入；报告结论和层级的变化。\n\n没有变化时退出码 0，有则 1。",
    "replay --pack": "用来重新判定的候选规则包文件夹。",
    "replay --base": "日志判定时用的规则包（默认：随附规则包）。",
    "route": "给事件定级，并决定处置层级、单位、部门、吹哨和时限，列出下一步（谁在几时前做什么）。\n\n"
             "已判定时退出码 0，判定标注“违规指派”时 1，输入有误时 2（批量时取各行中最差的）。"
             "事件类型、等级、层级、镇街、村(社区)、网格可以写编号，也可以写名称（如 燃气泄漏、重大、区）。",
    "route --at": "判定时刻（默认：事件的上报时间）。" + AT + "。",
    "route --batch": "按 JSON Lines 读取：每行一个事件，每行输出一个结论。",
    "route --record": "FILE 是一个事件的处置记录（--at 默认为现在）：上报后时限从那一步重新算，已按时完成的不算超时；文字输出另列处置进度（响应、反馈群众、办结、报到、回访）；下一步只列记录中尚未做的。",
    "route --log": "每个结论先写入这个决定日志再输出。决定日志：sqlite:///相对路径、sqlite:////绝对路径（或直接写路径）或 postgresql://…。",
    "serve": "通过 HTTP 提供判定、清单和审批流程（OpenAPI 在 /openapi.json，说明页在 /docs）。",
    "serve --host": "监听的地址。",
    "serve --port": "监听的端口。",
    "serve --workers": "工作进程数（各自加载规则包；变更会到达每一个）。",
    "serve --timeout-keep-alive": "空闲连接保持的秒数。",
    "serve --no-access-log": "不在 stderr 上为每个请求写一行访问记录（每个答复照样带 X-Request-Id）。",
    "serve --log": "每个判定在答复前写入的决定日志：sqlite:///相对路径、sqlite:////绝对路径 或 postgresql://…；默认：规则包文件夹旁的 "
                   "decisions.sqlite；off：不记录（空值不予接受，不会当作默认）。",
    "show": "以中文表格显示规则包的内容。\n\n准入清单、临时事项、职责、负面清单、角色、事件，以及各种编号和名称"
            "（部门 departments、镇街 towns、村(社区) communities、网格 grids、活动 activities、层级 levels、"
            "等级 grades、事件类型 types、审定机构 bodies）。\n\n"
            "gridrules show departments 民政：只列出名称或编号含“民政”的。",
    "show --at": "显示此刻有效的（默认：现在）。" + AT + "。",
    "temporary": "临时事项批复（如镇街专题研究）：记录、撤销、列出。",
    "temporary approve": "记录有权审定机构的临时事项批复（负面清单、最长期限和工作量上限照样检查；被拒绝时退出码 1）。",
    "temporary approve --unit": "作出批复的单位（编号；镇街也可写名称，如 棠香）。",
    "temporary approve --ref": "决定的编号，如 TX-2026-12。",
    "temporary approve --date": "决定的日期（不能晚于今天）。",
    "temporary approve --work": "阶段性工作（中文）。",
    "temporary approve --activities": "它准许的网格活动（编号或名称，逗号分隔）。",
    "temporary approve --effective": "自哪天起施行：第一天（默认：决定日期）。",
    "temporary approve --from": "自哪天起施行：第一天（默认：决定日期）。",
    "temporary approve --end": "最后一天。",
    "temporary approve --hours": "它增加的工作量（小时/网格/月），必填：计入镇街网格的工作量上限。",
    "temporary approve --note": "随批复保存的备注。",
    "temporary approve --override": "记录后镇街的工作量超过上限、专题研究仍决定交办的理由（记入变更记录）。",
    "temporary list": "列出有效或即将开始的临时事项批复（或全部）。",
    "temporary list --town": "只看这个镇街的（编号或名称）。",
    "temporary list --at": "按此刻列出（默认：现在）。" + AT + "。",
    "temporary withdraw": "自某日起撤销临时事项批复（最后一天是前一天）。",
    "temporary withdraw --date": "撤销决定的日期（不能晚于今天）。",
    "temporary withdraw --decision": "撤销决定的编号（默认：批复自己的编号）。",
    "test": "运行 PATH 中的判定用例（用例文件或文件夹；默认：规则包自己的 cases/）。\n\n"
            "全部通过时退出码 0，有用例不通过（或加 --require-tests 时有规则没有用例）时 1，规则包无法加载或用例文件写错时 2。",
    "test --format": "text：每个用例 ✓/✗，不通过的列出差异；json：结果数据；junit：供 CI 的 JUnit XML。",
    "test --require-tests": "规则包中有规则没有任何用例让它起作用时也算不通过。",
    "token": "gridrules serve 的令牌：每个调用方一个，各有角色。\n\n\b\n"
             "角色：dispatch            判定任务和事件\n"
             "      department:<编号>   判定；提交和查看本部门的申请\n"
             "      secretariat         审查；批准、不予纳入、修订、撤销\n"
             "      town:<编号>         判定本镇街的任务；本镇街的临时事项批复\n"
             "      auditor             只读",
    "token issue": "签发令牌并只显示一次（只保存它的 SHA-256）；编号按规则包核对。",
    "token issue --role": "dispatch、secretariat、auditor、department:<编号> 或 town:<编号>（编号也可写名称，如 department:民政局）。",
    "token issue --note": "持有人（随令牌保存）。",
    "token list": "已签发的令牌（编号、指纹、角色及其部门或镇街的名称、日期；已吊销的也列出，标明吊销时间；从不显示令牌本身）。",
    "token revoke": "吊销令牌：写它的编号，或令牌本身（如泄露的令牌）；运行中的服务从下一个请求起拒绝它。\n\n它仍列在 token list 中，标明吊销时间（决定日志的记录写明令牌编号）。令牌本身从不回显，只显示其指纹。",
    "validate": "检查规则包：YAML、JSON Schema、模型、交叉引用，以及能否编译。\n\n"
                "规则包有效时退出码 0，否则 2；每个问题写成 路径:行:列: 字段: 说明。",
}

# click's own words (usage lines, errors about options), by their English text
CLICK: dict[str, str] = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Show this message and exit.": "显示本帮助并退出。",
    "Error": "错误",
    "Try '{command} {option}' for help.": "请运行「{command} {option}」查看帮助。",
    "Error: {message}": "错误：{message}",
    "No such option {name!r}.": "没有这个选项「{name}」。",
    "No such option: {name}": "没有这个选项：{name}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing command.": "缺少命令。",
    "Missing parameter": "缺少参数",
    "Invalid value: {message}": "值不对：{message}",
    "(Did you mean one of: {possibilities}?)": "（是否指其中之一：{possibilities}？）",
    "Option {name!r} requires {nargs} arguments.": "选项「{name}」需要 {nargs} 个值。",
    "Option {name!r} does not take a value.": "选项「{name}」不带值。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value!r} is not a valid {number_type}.": "「{value}」不是有效的{number_type}。",  # click fills {number_type} in English: Sentence names it
    "default: {default}": "默认：{default}",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "Positional arguments": "位置参数",
    "directory": "文件夹",
    "file": "文件",
    "path": "路径",
    "Invalid value for {param_hint}: {message}": "{param_hint}的值不对：{message}",
    "Got unexpected extra argument ({args})": "多了一个参数（{args}）",
    "Got unexpected extra arguments ({args})": "多了几个参数（{args}）",
    "No such command {name!r}.": "没有这个命令「{name}」。",
    "Did you mean {possibility}?": "是否指 {possibility}？",
    "(Possible options: {possibilities})": "（可能是：{possibilities}）",
    "{value!r} is not {choice}.": "「{value}」不是 {choice}。",
    "{value!r} is not one of {choices}.": "「{value}」不是 {choices} 之一。",
    "{value!r} is not a valid integer.": "「{value}」不是整数。",
    "{value!r} is not a valid float.": "「{value}」不是数字。",
    "Option {name!r} requires an argument.": "选项「{name}」需要一个值。",
    "default": "默认",
    "required": "必填",
    "Directory {name} does not exist.": "文件夹 {name} 不存在。",
    "File {name} does not exist.": "文件 {name} 不存在。",
    # click fills {name} with its English word for the kind of path (read when the option was made,
    # before the language is known): the Chinese leaves it out (the message says what kind is wanted)
    "{name} {filename!r} does not exist.": "「{filename}」不存在。",
    "{name} {filename!r} is a file.": "「{filename}」是文件，不是文件夹。",
    "{name} {filename!r} is a directory.": "「{filename}」是文件夹，不是文件。",
    "{name} {filename!r} is not readable.": "「{filename}」不可读（没有权限）。",
    "{name} {filename!r} is not writable.": "「{filename}」不可写（没有权限）。",
    "Directory": "文件夹",
    "File": "文件",
    "Path": "路径",
    "Aborted!": "已中止！",
}


# Each command's examples, shown under its help (``--help``): one session, in this order, run
# from a copy of the repository's examples/ folder (tests/catalogue/test_help.py runs every line
# and expects each to work), writing only to the pack ``gridrules init`` makes there.
EXAMPLES: tuple[tuple[str, str], ...] = (
    ("init", "gridrules init 规则包"),
    ("validate", "gridrules validate 规则包"),
    ("lint", "gridrules lint 规则包"),
    ("lint", "gridrules lint 规则包 --format sarif"),
    ("test", "gridrules test --pack 规则包"),  # --require-tests: the policy's 17 items cannot fire oversight.training_pending (README)
    ("compile", "gridrules compile --pack 规则包"),
    ("show", "gridrules show departments 民政"),
    ("show", "gridrules show items --at 2026-12-01"),
    ("check-task", "gridrules check-task examples/走访任务.yaml --at 2026-12-01"),
    ("check-task", "gridrules check-task examples/task.yaml --format json --log 决定.db"),
    ("route", "gridrules route examples/燃气事件.yaml --log 决定.db"),
    ("route", "gridrules route --record examples/record.yaml"),
    ("admission new", "gridrules admission new 申请.yaml --applicant 区残联"),
    ("admission review", "gridrules admission review examples/application.yaml --pack 规则包"),
    ("admission reject", "gridrules admission reject examples/application.yaml --session 2026年第8次会议 "
                         "--date 2026-11-20 --reason 待补充培训计划 --pack 规则包"),
    ("admission approve", "gridrules admission approve examples/application.yaml --session 2026年第9次会议 "
                          "--date 2026-11-30 --pack 规则包"),
    ("admission amend", "gridrules admission amend L18 --hours 3 --session 2026年第10次会议 --date 2026-12-01 "
                        "--effective 2027-03-01 --reason 增加入户频次 --pack 规则包"),
    ("admission trained", "gridrules admission trained L18 --on 2026-12-01 --pack 规则包"),
    ("admission withdraw", "gridrules admission withdraw L18 --session 2026年第10次会议 --date 2026-12-01 "
                           "--effective 2027-09-01 --reason 并入省级平台 --pack 规则包"),
    ("temporary approve", "gridrules temporary approve --unit 棠香 --ref TX-2026-20 --date 2026-11-30 "
                          "--work 冬季消防安全宣传 --activities 政策宣传 --to 2026-12-31 --hours 2 --pack 规则包"),
    ("temporary list", "gridrules temporary list --pack 规则包 --all"),
    ("temporary withdraw", "gridrules temporary withdraw TX-2026-20 --date 2026-12-01 --reason 工作提前完成 "
                           "--pack 规则包"),
    ("expiring", "gridrules expiring --within 60d --pack 规则包"),
    ("history", "gridrules history --pack 规则包 --target L18"),
    ("history verify", "gridrules history verify --pack 规则包"),
    ("history record", "gridrules history record --reason 更正L05频次笔误 --pack 规则包"),
    ("history head", "gridrules history head --pack 规则包"),
    ("history restart", "gridrules history restart --pack 规则包"),
    ("export", "gridrules export items --xlsx 清单.xlsx --pack 规则包"),
    ("import items", "gridrules import items 清单.xlsx --pack 规则包"),
    ("import registry", "gridrules import registry examples/登记表.csv --pack 规则包"),
    ("import registry", "gridrules import registry examples/登记表.csv --apply --pack 规则包"),
    ("assess", "gridrules assess examples/records.jsonl --period 2026-11 --at 2026-12-01"),
    ("assess", "gridrules assess examples/records.jsonl --period 2026-11 --at 2026-12-01 --explain 棠香街道 "
               "--html 考核.html --xlsx 考核.xlsx"),
    ("log verify", "gridrules log verify --log 决定.db"),
    ("log backup", "gridrules log backup --log 决定.db 备份.db"),
    ("log head", "gridrules log head --log 决定.db"),
    ("log export", "gridrules log export --log 决定.db --since 2026-12-01 --pack 规则包"),
    ("log export", "gridrules log export --log 决定.db --after-seq 5000 --limit 1000"),
    ("log prune", "gridrules log prune --log 决定.db --before 2026-01-01T00:00:00+08:00"),
    ("replay", "gridrules replay --log 决定.db --pack 规则包"),
    ("token issue", "gridrules token issue --role dispatch --note 综治中心调度系统 --config 服务配置.json"),
    ("token list", "gridrules token list --config 服务配置.json"),
    ("token revoke", "gridrules token revoke tok-44536623 --config 服务配置.json"),
    ("serve", "gridrules serve --pack 规则包 --config 服务配置.json --log 决定.db --port 8080"),
    ("bench", "gridrules bench --n 2000"),
)


def examples_of(path: str, group: bool = False) -> list[str]:
    """The example lines of the command at ``path`` (``"admission approve"``), in order; of a
    ``group`` (``"admission"``), its own and its subcommands'."""
    return [line for at, line in EXAMPLES if at == path or (group and path and at.startswith(path + " "))]


# click's names of its number types, which it fills into the sentence after translating it
NUMBER_TYPES = {"integer": "整数", "integer range": "整数", "float": "数字", "float range": "数字"}
QUOTED = re.compile(r"'([^']*)'")
SPACED = re.compile(r"(?<=[\u4e00-\u9fff]) (?=「)|(?<=」) (?=[\u4e00-\u9fff])")


def chinese_quotes(said: str) -> str:
    """click's sentence in Chinese quoting: a name it quoted the English way (``'--n'``,
    ``'--at' / '--since'``) in 「」, with no space between the brackets and Chinese words."""
    return SPACED.sub("", QUOTED.sub(r"「\1」", said))


class Sentence(str):
    """One of click's sentences in Chinese. click formats the translated sentence with names it has
    already quoted the English way and with its English name of a number type (``integer range``):
    ``format`` quotes them in Chinese and names the type in Chinese."""

    def format(self, *args: object, **kwargs: object) -> str:
        kind = kwargs.get("number_type")
        if isinstance(kind, str):
            kwargs["number_type"] = NUMBER_TYPES.get(kind, kind)
        return chinese_quotes(str.format(self, *args, **kwargs))


CLICK.update({english: Sentence(chinese) for english, chinese in CLICK.items()})


def chinese_help(key: str) -> str | None:
    """The Chinese help for a command path or ``path --option``; shared options by ``* --option``."""
    if key in HELP:
        return HELP[key]
    option = key.rsplit(" ", 1)[-1] if " " in key or key.startswith("--") else ""
    return SHARED.get(f"* {option}") if option.startswith("--") else None
