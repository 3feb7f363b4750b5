"""The YAML and JSON parsers' own complaints, in the catalogue's language.

PyYAML (and libyaml) and the json module say what they could not parse in English; the
common complaints are said here in Chinese (quoted characters kept as they are).  A
complaint not listed keeps the parser's words after the catalogue's own prefix."""

from __future__ import annotations

import re
from typing import Any

from . import english, t

# (parser's wording, Chinese); {0}, {1} stand for the quoted characters it names
_YAML: tuple[tuple[str, str], ...] = (
    (r"did not find (?:the )?expected (.+)", "缺少应有的 {0}"),
    (r"could not find expected (.+)", "缺少应有的 {0}"),
    (r"expected (.+?), but (?:found|got) (.+)", "此处应为 {0}，实为 {1}"),
    (r"expected a single document in the stream", "一个文件只能有一个 YAML 文档"),
    (r"found character (.*?) ?that cannot start any token", "字符 {0} 不能出现在这里（若是文字请加引号）"),
    (r"found a tab character (?:that violates|where an) ?indentation.*", "缩进中不能用 Tab 键，请用空格"),
    (r"found undefined alias (.+)", "找不到别名 {0} 所指的锚点"),
    (r"found duplicate anchor (.+?)(?:;.*)?", "锚点 {0} 重复"),
    (r"found unexpected end of stream", "文件意外结束（引号或括号没有闭合？）"),
    (r"found unexpected document separator", "出现了多余的文档分隔符 ---"),
    (r"found unknown escape character (.+)", "未知的转义字符 {0}"),
    (r"found undefined tag handle (.+)", "未定义的标签前缀 {0}"),
    (r"mapping values are not allowed (?:here|in this context)", "这里不能写“键: 值”（冒号后要有空格，或给含冒号的文字加引号）"),
    (r"block sequence entries are not allowed (?:here|in this context)", "这里不能写列表项“- ”（检查缩进）"),
    (r"mapping keys are not allowed (?:here|in this context)", "这里不能写键（检查缩进）"),
    (r"found incompatible YAML document.*", "不支持的 YAML 版本（须为 1.x）"),
    (r"found duplicate (?:YAML|TAG) directive.*", "重复的 % 指令"),
    (r"found unexpected ':'", "意外的冒号 :（给含冒号的文字加引号）"),
    (r"found a tab character.*", "不能用 Tab 键，请用空格"),
    (r"found unknown escape character.*", "未知的转义字符"),
    (r"control characters are not allowed", "不能含控制字符"),
    (r"special characters are not allowed", "不能含特殊字符"),
    (r"unacceptable character (.+?):.*", "不能含字符 {0}"),
    (r"exceeded maximum nesting depth.*", "嵌套太深（括号或缩进层数过多）"),
)
_FORMAT: tuple[tuple[str, str], ...] = (  # string.Formatter's complaints about braces
    (r"Single '\}' encountered in format string", "单独的 '}}'（要写花括号本身请写 '}}}}'）"),
    (r"Single '\{' encountered in format string", "单独的 '{{'（要写花括号本身请写 '{{{{'）"),
    (r"expected '\}' before end of string", "缺少 '}}'"),
    (r"unmatched '\{' in format spec", "'{{' 没有配对"),
    (r"unexpected '\{' in field name", "占位符名称中不能有 '{{'（花括号没有配对？要写花括号本身请写 '{{{{'）"),
    (r"expected ':' after conversion specifier", "占位符只写名称，如 {{name}}（! 之后不能再写别的）"),
    (r"end of string while looking for conversion specifier", "占位符只写名称，如 {{name}}（! 之后缺少 '}}'）"),
)
_JSON: tuple[tuple[str, str], ...] = (
    (r"Expecting value", "此处应有一个值"),
    (r"Expecting property name enclosed in double quotes", "键须用双引号括起"),
    (r"Expecting ',' delimiter", "缺少逗号 ,"),
    (r"Expecting ':' delimiter", "缺少冒号 :"),
    (r"Extra data", "值后面还有多余的内容"),
    (r"Unterminated string starting at", "字符串没有闭合"),
    (r"Invalid control character at", "字符串中有控制字符"),
    (r"Invalid \\escape", "无效的转义 \\"),
    (r"Invalid \\uXXXX escape", "无效的 \\uXXXX 转义"),
    # a byte order mark not at the start of the file (one there is skipped: yamlsrc.without_bom)
    (r"Unexpected UTF-8 BOM.*", "行首有字节顺序标记（BOM），它只能出现在文件开头"),
)


# what the YAML parser names in "expected ..." / "found ..." (the rest are quoted characters, kept)
_NOUNS = {"the node content": "值", "node content": "值", "<stream end>": "文件结尾", "<document start>": "文档开头 ---",
          "<block end>": "块的结尾（检查缩进）", "<block mapping end>": "块的结尾（检查缩进）",
          "<block sequence start>": "列表", "<block mapping start>": "“键: 值”", "<scalar>": "文字",
          "<alias>": "别名", "<anchor>": "锚点", "<tag>": "标签", "<flow mapping end>": "'}'",
          "<flow sequence end>": "']'", "key": "键", "'-' indicator": "列表项“- ”",
          "alphabetic or numeric character": "字母或数字", "comment or line break": "注释或换行"}


def _translated(text: str, table: tuple[tuple[str, str], ...]) -> str:
    if english():
        return text
    for pattern, words in table:
        found = re.fullmatch(pattern, text.strip(), flags=re.DOTALL)
        if found:
            return words.format(*(_NOUNS.get(group, group).replace(" or ", " 或 ") for group in found.groups()))
    return t("syntax.untranslated", problem=text)


def yaml_problem(exc: Any) -> str:
    """What a ``yaml.MarkedYAMLError`` says went wrong, as a person reads it."""
    text = exc.problem or exc.context or ""
    if "expected a single document" in str(exc):
        return t("yaml.one_document")
    if not text:
        return t("yaml.not_yaml")
    return _translated(text, _YAML)


def format_problem(message: object) -> str:
    """What ``string.Formatter`` says is wrong with a template's braces, as a person reads it."""
    return _translated(str(message), _FORMAT)


def json_problem(message: str) -> str:
    """The json module's ``msg`` of a ``JSONDecodeError``, as a person reads it."""
    return _translated(message, _JSON)


_ERRNO_WORDS = {"ENOENT": "文件不存在", "EACCES": "没有权限", "EPERM": "不允许的操作", "EISDIR": "是文件夹",
                "ENOTDIR": "路径中有不是文件夹的部分", "ELOOP": "是符号链接", "EMFILE": "打开的文件太多",
                "ENAMETOOLONG": "文件名太长", "EIO": "读写出错",
                "ENOSPC": "磁盘已满", "EDQUOT": "超出磁盘配额", "EROFS": "只读的文件系统", "EEXIST": "已经存在",
                "ENOTEMPTY": "文件夹不是空的", "EXDEV": "不能跨文件系统移动", "EBUSY": "正被占用",
                "ETXTBSY": "正被占用", "EAGAIN": "暂时无法使用，请重试", "EFBIG": "文件太大", "EINVAL": "参数无效",
                # a connection's (an http(s) address read by assess)
                "ECONNREFUSED": "连接被拒绝（对方没有在这个端口上提供服务）", "ETIMEDOUT": "连接超时",
                "ECONNRESET": "连接被对方中断", "EHOSTUNREACH": "无法到达对方主机", "ENETUNREACH": "网络不通"}


def os_reason(exc: OSError) -> str:
    """Why the system refused (``strerror``) as a person reads it: the system's words in English,
    the common reasons in Chinese (else the error's name, ELOOP, …)."""
    import errno

    if english():
        return exc.strerror or str(exc)
    name = errno.errorcode.get(exc.errno or 0, "")
    return _ERRNO_WORDS.get(name, name or str(exc))
