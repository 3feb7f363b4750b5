"""A line indented to no level is told as that, at its own line; other syntax errors keep their words."""

import pytest

from gridrules.catalogue import set_language
from gridrules.pack.yamlsrc import parse_yaml

ITEM = "items:\n  - id: L01\n    hours: 6\n{line}\n    risk: low\n"


def told(text):
    set_language("zh")
    try:
        return [str(p) for p in parse_yaml(text, "f.yaml")[1]]
    finally:
        set_language(None)


@pytest.mark.parametrize("text, said", [
    # one space too many: YAML reads "6 subsidy" on and blames the colon ("键: 值" not allowed here)
    (ITEM.format(line="     subsidy: 120"), "f.yaml:4:6: YAML 语法错误：第 4 行比第 3 行的键「hours」多缩进了 1 格"),
    (ITEM.format(line="      subsidy: 120"), "f.yaml:4:7: YAML 语法错误：第 4 行比第 3 行的键「hours」多缩进了 2 格"),
    # one too few: YAML says a "- " is missing
    (ITEM.format(line="   subsidy: 120"), "f.yaml:4:4: YAML 语法错误：第 4 行比第 3 行的键「hours」少缩进了 1 格"),
    # after a quoted value, a list: YAML says a key is missing
    ("a:\n  b: \"6\"\n   c: 1\n", "f.yaml:3:4: YAML 语法错误：第 3 行比第 2 行的键「b」多缩进了 1 格"),
    ("a:\n  b: [x]\n   c: 1\n", "f.yaml:3:4: YAML 语法错误：第 3 行比第 2 行的键「b」多缩进了 1 格"),
    # between two open levels, nearer the deeper: its sibling
    ("a:\n  t:\n    o: 1\n   d: 2\n", "f.yaml:4:4: YAML 语法错误：第 4 行比第 3 行的键「o」少缩进了 1 格"),
    # a list entry short of its list's column, and a new item short of its own
    ("x:\n  owners:\n    - a\n   - b\n", "f.yaml:4:4: YAML 语法错误：第 4 行比第 3 行的列表项“- ”少缩进了 1 格"),
    ("items:\n  - id: L01\n    name: x\n - id: L02\n", "f.yaml:4:2: YAML 语法错误：第 4 行比第 2 行的列表项“- ”少缩进了 1 格"),
    # a new item halfway between the entries' "- " and their keys: one too many for its "- ", not one too few
    # for the key above (adding the space would make it a line of the item above)
    ("items:\n  - id: L01\n    basis: x\n   - id: L02\n", "f.yaml:4:4: YAML 语法错误：第 4 行比第 2 行的列表项“- ”多缩进了 1 格"),
    # halfway between a key and a deeper key, a key still lines up with the deeper one
    ("a:\n  - id: 1\n    b:\n      c: 1\n     d: 2\n", "f.yaml:5:6: YAML 语法错误：第 5 行比第 4 行的键「c」少缩进了 1 格"),
    # one more entry of a nested list, lined up with the key that holds the list (YAML: "a key is missing")
    ("units:\n  - id: q\n    units:\n      - {id: a}\n      - {id: b}\n    - {id: c}\n",
     "f.yaml:6:5: YAML 语法错误：第 6 行比第 5 行的列表项“- ”少缩进了 2 格"),
    # the next item lined up with the keys of the item above: too deep for its "- "
    ("roles:\n  - id: a\n    name: x\n    activities: [v]\n    - id: b\n",
     "f.yaml:5:5: YAML 语法错误：第 5 行比第 2 行的列表项“- ”多缩进了 2 格"),
    # a key of an item lined up with its "- " (YAML: a "- " is missing): short of the item's keys
    ("communities:\n  - id: a\n    name: x\n  town: t\n", "f.yaml:4:3: YAML 语法错误：第 4 行比第 3 行的键「name」少缩进了 2 格"),
    # a key of an item short of the item's first key (written after "- ")
    ("items:\n  - id: L01\n   name: x\n", "f.yaml:3:4: YAML 语法错误：第 3 行比第 2 行的键「id」少缩进了 1 格"),
    # the text of a block scalar above is not a level; blank lines and comments are skipped
    ("a: |\n  text: x\n     more\nb: 1\n\n# note\n  c: 2\n", "f.yaml:7:3: YAML 语法错误：第 7 行比第 4 行的键「b」多缩进了 2 格"),
])
def test_a_line_indented_to_no_level_is_told_so_at_its_line(text, said):
    [problem] = told(text)
    assert problem.startswith(said), problem


@pytest.mark.parametrize("text, said", [
    ("name: dazu-grid: second\n", "这里不能写“键: 值”"),  # a colon in a value, not indentation
    ("a:\n  b: 1\n  c: d: e\n", "这里不能写“键: 值”"),
    ("a: [1, 2\nb: 3\n", "YAML 语法错误：缺少应有的 ',' 或 ']'"),  # an open flow list
    ("{\"a\": 1,\n   \"b\": 2]\n", "YAML 语法错误：缺少应有的 ',' 或 '}'"),  # JSON: indentation means nothing
])
def test_other_syntax_errors_keep_their_words(text, said):
    [problem] = told(text)
    assert said in problem and "缩进了" not in problem, problem


def test_deeper_under_a_key_that_opens_a_block_is_no_error():
    assert told("a:\n  t:\n     o: 1\n  b: 2\n") == []


def test_english():
    set_language("en")
    try:
        [problem] = parse_yaml(ITEM.format(line="   subsidy: 120"), "f.yaml")[1]
    finally:
        set_language(None)
    assert problem.message == ("YAML syntax: line 4 is indented 1 space(s) less than the key 'hours' on line 3: "
                               "fields of one level line up (add 1 spaces)")

