"""Plain words for what the libraries gridrules uses would otherwise say in English or in
their own notation: the forms the published schemas' regular expressions ask for, pydantic's
"missing" and "extra", and more (key -> (Chinese, English), merged into the catalogue in
``catalogue/__init__``).  These are not about one pack file each, so the broken-pack corpus does not
have to produce them (``tests/catalogue/test_plain.py`` checks them instead)."""

from __future__ import annotations

# the regular expressions the schemas (and the models they come from) use, as a person reads them
PATTERN_FORMS: dict[str, str] = {
    r"^[a-z][a-z0-9_]*$": "form.slug",
    r"^(?:[a-z][a-z0-9_]*|external:[^\x00-\x1f]*)$": "form.issuer",
    r"^[+-]([01][0-9]|2[0-3]):[0-5][0-9]$": "form.utc_offset",
    r"^[0-9]+\.[0-9]+\.[0-9]+$": "form.version",
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "form.date",
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$":
        "form.datetime",
    r"^[0-9a-f]{64}$": "form.hex64",
    r"^sha256:[0-9a-f]{64}$": "form.digest",
    r"^[A-Z]$": "form.letter",
    r"^[A-Z]{1,4}$": "form.prefix",
    r"^[A-Z]{1,4}[0-9]{2,}$": "form.code",
    r"^[A-Z]{1,4}[0-9]{2,4}$": "form.code",
    r"^[A-Za-z0-9][A-Za-z0-9_.-]*$": "form.ref",
    r"^[^\x00-\x1f\x7f]*[^\x00-\x1f\x7f\s][^\x00-\x1f\x7f]*$": "form.one_line",
    r"\S": "form.not_blank",
    r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*[^\x00-\x1f\x7f\s][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$": "form.text",
    r"^[^\x00-\x1f\x7f]*$": "form.line_or_empty",
    r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$": "form.text_or_empty",
    r"^[a-z0-9][a-z0-9-]*$": "form.name",
    r"^[a-z0-9][a-z0-9_-]*$": "form.unit",
    r"^[a-z][a-z0-9_]*(\.[A-Za-z0-9_-]+)+$": "form.rule_id",
    r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$": "form.item_field",
    r"^tok-[0-9a-f]{8}$": "form.token_id",
}

PLAIN_MESSAGES: dict[str, tuple[str, str]] = {
    # --- the forms of PATTERN_FORMS ---
    "form.slug": ("应为编号：小写字母开头，只含小写字母、数字和下划线（如 minzheng）",
                  "write an id: a lower-case letter, then lower-case letters, digits and _ (e.g. minzheng)"),
    "form.issuer": ("应为部门或镇街的编号（如 minzheng），或 external: 加外部单位名称",
                    "write a department or town id (e.g. minzheng), or external: and the outside body's name"),
    "form.utc_offset": ("应写成 +08:00 这样的时区偏移", "write a UTC offset such as +08:00"),
    "form.version": ("应写成 1.2.3 这样的版本号", "write a version such as 1.2.3"),
    "form.date": ("日期应写成 YYYY-MM-DD（如 2026-12-01）", "write a date as YYYY-MM-DD (e.g. 2026-12-01)"),
    "form.datetime": ("应写成 2026-12-01T09:30:00+08:00 这样的时间（日期、时刻和时区）",
                      "write a time such as 2026-12-01T09:30:00+08:00 (date, time of day and UTC offset)"),
    "form.hex64": ("应是 64 位十六进制（0-9、a-f）", "write 64 hexadecimal digits (0-9, a-f)"),
    "form.digest": ("应是 sha256: 加 64 位十六进制（0-9、a-f）", "write sha256: and 64 hexadecimal digits (0-9, a-f)"),
    "form.letter": ("应是一个大写字母（如 A）", "write one capital letter (e.g. A)"),
    "form.prefix": ("应是 1 到 4 个大写字母（如 MD）", "write 1 to 4 capital letters (e.g. MD)"),
    "form.code": ("应为编码：1 到 4 个大写字母加至少两位数字（如 MD02、L13）",
                  "write a code: 1 to 4 capital letters and at least two digits (e.g. MD02, L13)"),
    "form.ref": ("应为编号：字母或数字开头，只含字母、数字、.、_ 和 -", "write an id: a letter or digit, then letters, digits, ., _ and -"),
    "form.one_line": ("不能为空或只有空格，也不能含换行、Tab 等控制字符",
                      "write some text (not only blanks) without line breaks, tabs or other control characters"),
    "form.not_blank": ("不能只有空格", "write more than blanks"),
    "form.text": ("不能为空或只有空格，也不能含换行和 Tab 以外的控制字符",
                  "write some text (not only blanks) without control characters other than line breaks and tabs"),
    "form.line_or_empty": ("不能含换行、Tab 等控制字符", "write it without line breaks, tabs or other control characters"),
    "form.text_or_empty": ("不能含换行和 Tab 以外的控制字符", "write it without control characters other than line breaks and tabs"),
    "form.name": ("应为小写字母或数字开头，只含小写字母、数字和 -（如 dazu-grid）",
                  "write a name: a lower-case letter or digit, then lower-case letters, digits and - (e.g. dazu-grid)"),
    "form.unit": ("应为单位编码：小写字母或数字开头，只含小写字母、数字、- 和 _",
                  "write a unit id: a lower-case letter or digit, then lower-case letters, digits, - and _"),
    "form.rule_id": ("应为规则编号：小写字母开头的编号、一个点再加名称（如 grade.life_threat）",
                     "write a rule id: an id, a dot and a name (e.g. grade.life_threat)"),
    "form.item_field": ("应为事项字段名（如 subsidy 或 effective.to）", "write an item field (e.g. subsidy or effective.to)"),
    "form.token_id": ("应写成 tok- 加 8 位十六进制（如 tok-0a1b2c3d）", "write tok- and 8 hexadecimal digits (e.g. tok-0a1b2c3d)"),
    # --- pydantic's errors the catalogue's pyd.* (messages.py) did not yet say (validation.error_message) ---
    "pyd.missing": ("缺少必填字段", "{pydantic}"),
    "pyd.extra_forbidden": ("没有这个字段（请检查拼写，或删去它）", "{pydantic}"),
    # --- gridrules test: what a case expected and the decision did not give (cases/suite.py) ---
    "cases.diff.value": ("期望 {expected}，实际 {actual}", "expected {expected}, got {actual}"),
    "cases.diff.absent": ("期望 {expected}，但判定中没有这个字段", "expected {expected}, but the decision has no such field"),
    "cases.diff.refused": ("输入被拒绝：{error}", "the input was refused: {error}"),
    "cases.diff.wrong_error": ("期望拒绝原因包含 {wanted}，实际为：{error}", "expected a problem containing {wanted}, got: {error}"),
    "cases.diff.not_refused": ("期望输入被拒绝（{wanted}），实际却作出了判定",
                               "expected the input to be refused ({wanted}), but it was decided"),
    "cases.diff.rules": ("判定依据中缺少 {missing}（实际依据：{fired}）", "expected among the reasons: {missing} (fired: {fired})"),
    "cases.diff.not_rules": ("不应出现在判定依据中，却出现了 {present}", "must not decide, but did: {present}"),
    "cases.diff.flags_missing": ("缺少 {flags}", "missing {flags}"),
    "cases.diff.flags_extra": ("多出 {flags}", "unexpected {flags}"),
    "cases.diff.flags": ("{detail}（期望 {expected}，实际 {actual}）", "{detail} (expected {expected}, got {actual})"),
    # --- import: a file that is not the table it should be (tables/sheet.py) ---
    "sheet.not_workbook": ("不是 Excel 工作簿（.xlsx），或文件已损坏：请用 Excel 打开它，“另存为”Excel 工作簿（.xlsx）后再导入；"
                           "如设有密码，请先取消密码",
                           "not an Excel workbook (.xlsx), or damaged: open it in Excel and save it as an Excel Workbook "
                           "(.xlsx); if it has a password, remove it first"),
    "sheet.locked_workbook": ("不是可读的 xlsx 工作簿：它设有打开密码（已加密），或是旧版 Excel 文件（.xls）；请用 Excel 打开它，"
                              "如有密码先取消密码，再“另存为”Excel 工作簿（.xlsx）后导入",
                              "not a readable xlsx workbook: it has a password (it is encrypted) or is an old Excel file "
                              "(.xls); open it in Excel, remove the password if any, and save it as an Excel Workbook (.xlsx)"),
    "sheet.csv_encoding": ("这个 csv 文件不是 UTF-8 编码，也不是 GBK：请在 Excel 中“另存为”，文件类型选“CSV UTF-8（逗号分隔）”，再导入",
                           "the csv file is neither UTF-8 nor GBK: in Excel, save it as \"CSV UTF-8 (Comma delimited)\" and import that"),
    "sheet.csv_utf16": ("这个文件是 UTF-16 编码的文本（Excel 的“Unicode 文本”），不是 csv：请在 Excel 中“另存为”，文件类型选“CSV UTF-8（逗号分隔）”，再导入",
                        "the file is UTF-16 text (Excel's Unicode Text), not a csv: in Excel, save it as \"CSV UTF-8 (Comma delimited)\" and import that"),
    "sheet.csv_is_workbook": ("这个文件其实是 Excel 工作簿（xlsx），不是 csv：请把扩展名改为 .xlsx 再导入",
                              "the file is an Excel workbook (xlsx), not a csv: rename it to .xlsx"),
    "sheet.missing_headers_encoding": (
        "表头缺少 {headers}（找到的表头：{found}）：这个 csv 不是 UTF-8 编码，按 GBK 读也认不出表头；请在 Excel 中“另存为”，文件类型选“CSV UTF-8（逗号分隔）”，再导入",
        "the header lacks {headers} (headers found: {found}): the csv is not UTF-8, and read as GBK it shows no "
        "known header; in Excel, save it as \"CSV UTF-8 (Comma delimited)\" and import that"),
    # --- assess reading RECORDS or --decisions from a URL (cli/assess.py) ---
    "fetch.http": ("服务器答复 HTTP {code}", "the server answered HTTP {code}"),
    "fetch.http_404": ("服务器上没有这个文件（HTTP 404）：请核对地址", "no such file on the server (HTTP 404): check the address"),
    "fetch.http_denied": ("服务器拒绝访问（HTTP {code}）：可能需要登录或授权", "the server refused access (HTTP {code})"),
    "fetch.http_server": ("服务器出错（HTTP {code}）：请稍后再试，或联系对方系统的管理员",
                          "the server failed (HTTP {code}): try again later"),
    "fetch.no_host": ("找不到这个主机名：请核对地址", "no such host: check the address"),
    "fetch.timeout": ("连接超时（{seconds} 秒内没有答复）", "timed out (no answer within {seconds} s)"),
    "fetch.tls": ("安全连接（HTTPS）失败：对方的证书无效或无法验证", "the secure connection (HTTPS) failed: the certificate is invalid or cannot be verified"),
    "fetch.broken": ("连接中断，没有读完：请稍后再试", "the connection broke before the end: try again later"),
    "fetch.bad_address": ("地址不对：应写成 http://主机/路径 或 https://主机/路径", "not a valid address: write http(s)://host/path"),
    "fetch.not_utf8": ("第 {line} 行不是 UTF-8 文本（第 {byte} 个字节）：请让对方系统以 UTF-8 编码提供",
                       "line {line} is not UTF-8 text (byte {byte})"),
    # --- assess --scheduler (assess/parallel.py) ---
    "assess.scheduler_down": ("连不上 Dask 调度器 {address}（{seconds} 秒内没有连上）：请确认调度器已启动，地址和端口无误",
                              "cannot reach the Dask scheduler {address} (not connected within {seconds} s): check that "
                              "it runs and the address and port are right"),
    "assess.scheduler_bad": ("地址不对（{address}）：应写成 tcp://主机:端口，如 tcp://10.0.0.5:8786",
                             "not a scheduler address ({address}): write tcp://HOST:PORT, e.g. tcp://10.0.0.5:8786"),
}
