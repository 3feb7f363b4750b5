"""The YAML parser's and string.Formatter's complaints in Chinese (``catalogue/syntax.py``):
none left in the parser's English after 解析器报告."""

from __future__ import annotations

import pytest

from gridrules.catalogue import set_language
from gridrules.contract.placeholders import placeholders
from gridrules.pack.yamlsrc import parse_yaml


@pytest.fixture(autouse=True)
def chinese():
    set_language("zh")
    yield
    set_language(None)


@pytest.mark.parametrize("text, says", [
    ('a: 1 # c\nb: "x" y\n', "缺少应有的 键"),
    ("a:\n  - x\n  y: 1\n", "缺少应有的 列表项“- ”"),
    ("a: &  x\n", "缺少应有的 字母或数字"),
    ("a: !<x y\n", "缺少应有的 '>'"),
])
def test_a_broken_yaml_line_is_said_in_chinese(text, says):
    _, problems = parse_yaml(text, "f.yaml")
    (said,) = [str(p) for p in problems]
    assert says in said and "解析器报告" not in said, said


@pytest.mark.parametrize("template, says", [
    ("有 {a{b} 人", "占位符名称中不能有 '{'"),
    ("{a!r x}", "占位符只写名称"),
    ("{a!", "占位符只写名称"),
])
def test_a_template_with_unpaired_braces_is_said_in_chinese(template, says):
    with pytest.raises(ValueError) as caught:
        placeholders(template)
    assert says in str(caught.value) and "解析器报告" not in str(caught.value), str(caught.value)


@pytest.mark.parametrize("name, words", [("ENOSPC", "磁盘已满"), ("EROFS", "只读的文件系统"), ("EDQUOT", "超出磁盘配额")])
def test_a_full_disk_or_read_only_filesystem_is_said_in_chinese(name, words):
    import errno

    from gridrules.catalogue.syntax import os_reason
    assert os_reason(OSError(getattr(errno, name), "x")) == words
