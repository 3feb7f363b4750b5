from gridrules.errors import Location
from gridrules.pack.yamlsrc import describe_path, parse_yaml, saved_as

import pytest

from wording import chinese


def load(text):
    doc, problems = parse_yaml(text, "f.yaml")
    return doc, [str(p) for p in problems]


def test_scalars_are_strict():
    doc, problems = load(
        "d: 2026-12-01\nt: 12:30\nno_: no\nzero: 01\nint: 12\nneg: -3\nf: 1.5\n"
        "inf: .inf\nb: true\nn: null\nyes_: yes\n"
    )
    assert problems == []
    assert doc.data == {
        "d": "2026-12-01", "t": "12:30", "no_": "no", "zero": "01", "int": 12, "neg": -3,
        "f": 1.5, "inf": ".inf", "b": True, "n": None, "yes_": "yes",
    }


def test_quoted_numbers_stay_text():
    doc, _ = load('a: "5"\nb: \'true\'\n')
    assert doc.data == {"a": "5", "b": "true"}


def test_duplicate_key_is_reported_with_both_lines_and_first_value_kept():
    doc, problems = load("a: 1\nb: 2\na: 3\n")
    assert problems == ["f.yaml:3:1: duplicate key 'a' (first at line 1)"]
    assert doc.data == {"a": 1, "b": 2}


def test_nested_duplicate_key_names_its_parent():
    _, problems = load("items:\n  - id: L01\n    id: L02\n")
    assert problems == ["f.yaml:3:5: items[0]: duplicate key 'id' (first at line 2)"]


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("a: &x 1\nb: *x\n", "aliases (*name) are not allowed"),
        ("a: !!python/object:os.system x\n", "is not allowed"),
        ("a: !!binary aGk=\n", "is not allowed"),
        ("a: 1\n---\nb: 2\n", "only one YAML document per file"),
        ("base: &b {x: 1}\nc:\n  <<: *b\n", "merge keys (<<) are not allowed"),
        ("a: &k b\n*k : 2\n", "aliases (*name) are not allowed"),  # an alias as a key, too
    ],
)
def test_unsafe_or_ambiguous_yaml_is_refused(text, fragment):
    _, problems = load(text)
    assert any(fragment in p for p in problems), problems


def test_a_tag_is_quoted_as_each_language_quotes():
    """yaml.tag quoted the tag through repr() in Chinese too (不能用标签 'tag:…'): 「」 in Chinese."""
    from gridrules.catalogue import set_language

    _, problems = load("a: !!binary aGk=\n")
    assert any("tag 'tag:yaml.org,2002:binary' is not allowed" in p for p in problems), problems
    set_language("zh")
    try:
        _, problems = load("a: !!binary aGk=\n")
    finally:
        set_language(None)
    assert any("不能用标签「tag:yaml.org,2002:binary」" in p for p in problems), problems


def test_syntax_error_has_line_and_column():
    doc, problems = load("a: [1, 2\nb: 3\n")
    assert doc is None
    assert problems[0].startswith("f.yaml:2:")
    assert "YAML syntax" in problems[0]


def test_locations_point_at_values_and_keys():
    doc, _ = load("items:\n  - id: L01\n    owners: [a, b]\n")
    assert doc.locate(("items", 0, "owners", 1)) == Location("f.yaml", 3, 17)
    assert doc.locate_key(("items", 0, "owners")) == Location("f.yaml", 3, 5)
    # an unknown deeper path falls back to its nearest parent
    assert doc.locate(("items", 0, "owners", 7)) == Location("f.yaml", 3, 13)


def test_positions_found_on_demand_match_the_data_and_survive_renaming():
    text = "a:\n  - {id: x, n: 1}\n  - id: y\n    n: [2, 3]\n"
    doc, _ = load(text)
    shown = doc.renamed("g.yaml")
    assert shown.data is doc.data
    assert shown.locate(("a", 1, "n", 1)) == Location("g.yaml", 4, 12)
    assert doc.locate_key(("a", 0, "n")) == Location("f.yaml", 2, 13)
    assert set(doc.locations) == {(), ("a",), ("a", 0), ("a", 0, "id"), ("a", 0, "n"), ("a", 1), ("a", 1, "id"),
                                  ("a", 1, "n"), ("a", 1, "n", 0), ("a", 1, "n", 1)}


def test_describe_path_names_entries_by_id():
    data = {"items": [{"id": "L01", "owners": ["x"]}], "rules": [{"name": "no id"}]}
    assert describe_path(data, ("items", 0, "owners", 0)) == "L01.owners[0]"
    assert describe_path(data, ("rules", 0, "name")) == "rules[0].name"


def test_json_documents_parse_with_positions():
    doc, problems = load('{"id": "T-1", "activities": ["visit"], "hours": 3}')
    assert problems == []
    assert doc.data == {"id": "T-1", "activities": ["visit"], "hours": 3}
    assert doc.locate(("activities", 0)).col == 30


@pytest.mark.parametrize("text, line, col, code", [
    ("id: T-1\ntitle: a\x01b\n", 2, 9, "U+0001"),
    ("id: T-1\ntitle: 走访\x7f\n", 2, 10, "U+007F"),  # a column counts characters, not bytes
    ("\x00", 1, 1, "U+0000"),
    ("a: [1, 2]\nb: \"x\"\n# note \x1b[0m\n", 3, 8, "U+001B"),
    ("k: \ufffe\n", 1, 4, "U+FFFE"),
])
def test_a_character_yaml_refuses_is_named_at_its_line_and_column(text, line, col, code):
    doc, problems = parse_yaml(text, "t.yaml")
    assert doc is None and len(problems) == 1
    (problem,) = problems
    assert (problem.location.line, problem.location.col) == (line, col)
    assert problem.message == f"YAML syntax: character {code} is not allowed (a YAML file may hold no control " \
                              "characters; remove it, or write it as an escape such as \\x01 in a quoted string)"


@pytest.mark.parametrize("line, where, said", [
    ("start：2026-12-01", (6, 6), "full-width"),  # an input method's colon: YAML blames the line after
    ("start:2026-12-01", (6, 6), "a space is needed after the colon"),  # at the colon
    ("start 2026-12-01", (6, 17), "this line has no colon"),
    ("  - 入户走访:发现报告", None, None),  # a colon inside a list's text is text: no such hint
])
def test_a_colon_typed_as_people_type_it_is_told_at_its_own_line(line, where, said):
    text = "id: T-1\ntitle: 走访\ndepartment: 民政局\nassignee: 专职网格员\nactivities: [入户走访]\n" + line + "\n"
    doc, problems = parse_yaml(text, "t.yaml")
    if where is None:
        assert not any("colon" in p.message for p in problems)
        return
    [problem] = problems
    assert (problem.location.line, problem.location.col) == where and said in problem.message


@pytest.mark.parametrize("text, where", [
    ("name：dazu\ntitle: 大足区\n", (1, 5)),  # YAML reads "name：dazu title" as one text, and blames title's ':'
    ("# 规则包\n\ntitle：大足区\n\nname: dazu\n", (3, 6)),
    ("- id：D01\n  text: 采集\n", (1, 5)),
])
def test_a_files_first_key_with_a_full_width_colon_is_told_at_its_own_line(text, where):
    doc, problems = parse_yaml(text, "t.yaml")
    [problem] = problems
    assert (problem.location.line, problem.location.col) == where and "full-width" in problem.message


def test_a_key_value_after_a_text_holding_a_full_width_colon_is_not_blamed_on_it():
    doc, problems = parse_yaml("note: 说明：这里\nbad: x: y\n", "t.yaml")
    [problem] = problems
    assert problem.location.line == 2 and "full-width" not in problem.message


@pytest.mark.parametrize("text, where, said", [
    # after a key's colon: YAML reads "department:　区民政局" as one key and blames the line after
    ("id: T-1\ntitle: 走访\ndepartment:\u3000区民政局\nactivities: [入户走访]\n", (3, 12), "full-width space"),
    # indenting a line: YAML says a "key: value" is not allowed on the line after
    ("item:\n  hours: 6\n\u3000\u3000subsidy: 120\n  risk: low\n", (3, 1), "indented with full-width spaces"),
    # a full-width comma in a flow mapping: YAML wants ',' or '}' at the next key's colon
    ("effective: {from: 2026-03-01\uff0cto: 2026-12-31}\n", (1, 29), "full-width '，'"),
    # inside a quoted text or a plain text they are text: an error on the next line is not put on them
    ("title: '青山区：\u3000网格'\nname: 青山区\u3000网格，石门镇\nbad: [\n", None, None),
    # a paragraph indented the Chinese way inside a block text is text too
    ("text: |\n  \u3000\u3000第一条 网格员入户走访\nbad: x: y\n", None, None),
])
def test_full_width_space_and_comma_are_named_at_their_own_place(text, where, said):
    doc, problems = parse_yaml(text, "t.yaml")
    assert doc is None
    [problem] = problems
    if where is None:
        assert "full-width" not in problem.message
        return
    assert (problem.location.line, problem.location.col) == where and said in problem.message


@pytest.mark.parametrize("text, where, said", [
    ("\u3000title: 大足区\nname: dazu\n", (1, 1), "indented with full-width spaces"),  # valid YAML: key 「　title」
    ("title\u3000: 大足区\nname: dazu\n", (1, 6), "full-width space"),  # key 「title　」
    ("item:\n  \u3000hours: 6\n  risk: low\n", (2, 3), "indented with full-width spaces"),
])
def test_a_full_width_space_around_a_key_yaml_reads_is_named_at_its_place_not_kept_in_the_key(text, where, said):
    doc, problems = parse_yaml(text, "t.yaml")
    [problem] = problems
    assert (problem.location.line, problem.location.col) == where and said in problem.message
    assert "\u3000" not in str(doc.data)  # read without it: not told again as a key no file has


def test_a_full_width_space_inside_a_quoted_key_is_the_keys():
    doc, problems = parse_yaml('"\u3000title": 大足区\n', "t.yaml")
    assert problems == [] and doc.data == {"\u3000title": "大足区"}


@pytest.mark.parametrize("text, where", [
    ("departments:\n\t- id: minzheng\n", (2, 1)),  # a list entry indented with the Tab key
    ("item:\n  hours: 6\n\tsubsidy: 120\n", None),  # as an indentation: YAML's own words name the tab already
    ("title: \"走访\t摸排\"\n", "loads"),  # inside a quoted text a tab is text
])
def test_a_tab_where_yaml_reads_a_token_is_named_at_its_place(text, where):
    """libyaml's reader says only "found character that cannot start any token" (it names none), which
    read 「字符  不能出现在这里」 with nothing between the quotes a person could see."""
    doc, problems = parse_yaml(text, "t.yaml")
    if where == "loads":
        assert doc is not None and not problems
        return
    [problem] = problems
    assert "tab" in problem.message.lower()
    if where is not None:
        assert (problem.location.line, problem.location.col) == where and "a tab here" in problem.message


# --- a plain value running on over a line that reads as a slip -------------------------------------

@pytest.mark.parametrize("text, line, col, value, what, spaces", [
    # one space deeper after "- patrol": legal YAML, one text "patrol - mediate"
    ("activities:\n  - patrol\n   - mediate\n  - report\n", 3, 4, "patrol - mediate", "列表项“- ”", 1),
    ("activities:\n- patrol\n  -\n", 3, 3, "patrol -", "列表项“- ”", 2),
    # a key typed with an input method's colon, or with none of YAML's space after it
    ("item:\n  frequency: 每月\n   subsidy：80\n", 3, 4, "每月 subsidy：80", "键「subsidy」", 1),
    ("item:\n  frequency: 每月\n    subsidy:80\n", 3, 5, "每月 subsidy:80", "键「subsidy」", 2),
])
def test_a_line_read_as_the_continuation_of_the_one_above_is_refused_at_that_line(text, line, col, value, what, spaces):
    from gridrules.catalogue import set_language
    set_language("zh")
    try:
        doc, problems = parse_yaml(text, "f.yaml")
    finally:
        set_language(None)
    [problem] = problems
    assert (problem.location.line, problem.location.col) == (line, col)
    assert problem.message == (f"第 {line} 行被读作第 {line - 1} 行的续行，两行合成了一个值「{value}」：它多半本应是与第 "
                               f"{line - 1} 行同级的{what}，请与之左端对齐（删去 {spaces} 个空格）；确是多行文字的，请加引号或用“|”")


@pytest.mark.parametrize("text, value", [
    ("a: |\n  patrol\n  - mediate\n", "patrol\n- mediate\n"),  # a block scalar keeps its lines
    ("a: >\n  patrol\n  - mediate\n", "patrol - mediate\n"),
    ('a: "patrol\n  - mediate"\n', "patrol - mediate"),  # a quoted text may run on as it likes
    ("a: 'patrol\n  - mediate'\n", "patrol - mediate"),
    ("a: 区联席会议审定的默认清单\n  （区政策说明第4节）\n", "区联席会议审定的默认清单 （区政策说明第4节）"),  # wrapped text
    ("a: 见\n  https://example.org/policy\n", "见 https://example.org/policy"),
    ("a: 时间\n  10:30 开始\n", "时间 10:30 开始"),
])
def test_text_written_over_lines_on_purpose_still_loads(text, value):
    doc, problems = load(text)
    assert problems == [] and doc.data == {"a": value}


TEXT = "# 区民政局请网格员走访独居老人\ntitle: 独居老人冬季走访\nactivities: [入户走访, 发现报告]\n"


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("gbk"), "GBK"),  # 区 is B7 C7: no UTF-8 at its first byte
    ("# 一起事件\n".encode("gbk"), "GBK"),  # 一 is D2 BB, which reads as UTF-8 (U+04BB) by chance
    (TEXT.encode("gbk")[:-len("发现报告]\n".encode("gbk")) + 1], "GBK"),  # first bytes cut inside a character
    (TEXT.encode("utf-16"), "UTF-16"),
    # without its byte order mark too (some Windows tools save it so), told when a quarter of it or more is
    # ASCII, each with a zero byte (UTF-8 has none); not when almost all of it is Chinese
    (TEXT.encode("utf-16-be"), "UTF-16"), (TEXT.encode("utf-16-le"), "UTF-16"),
    ("title: visit\n".encode("utf-16-le"), "UTF-16"), (TEXT.encode("utf-16-le")[:-3], "UTF-16"),  # cut in a unit
    ("独居老人冬季走访独居老人冬季走访独居老人冬季走访\n".encode("utf-16-le"), None),
    (b"\x00\x00\x00\x00" + "x: 1\n".encode("utf-16-le"), None),  # zeros (U+0000) are no text: a binary file
    (TEXT.encode("utf-8"), None), (TEXT.encode("utf-8")[:-8], None),  # UTF-8, whole or cut in a character
    # UTF-8 with a line pasted in as GBK, said at the line, though the whole reads as GBK too (UTF-8's
    # bytes of 网格、社区 are GBK pairs by chance)
    ("# 网格任务\n社区: 居民\n".encode("utf-8") + "# 备注\n".encode("gbk"), None),
    (b"\x00\x01\x02\x81\x40\xff\x00\x10" * 8, None), (b"\x81\x40\x00\x81\x40", None),  # binary
    (b"PK\x03\x04\x14\x00\x08\x00", None),
])
def test_saved_as_names_gbk_and_utf16_only(data, encoding):
    assert saved_as(data) == encoding


# --- several "key: value" on one line without braces (yamlsrc._unbraced) ----------------------------------

@pytest.mark.parametrize("text, said", [
    # an entry written like its neighbours, without their braces
    ("units:\n  - {id: a, name: 甲镇}\n  - id: b, name: 乙镇\n",
     "f.yaml:3:5: YAML 语法错误：一行里写了几个“键: 值”：要放在花括号里，写成 - {id: b, name: 乙镇}；或者每个键各写一行"),
    # a mapping after its key: a time limit, a range of days
    ("close: working_days: 3\n", "f.yaml:1:8: YAML 语法错误：一行里写了几个“键: 值”：要放在花括号里，写成 close: {working_days: 3}"),
    ("effective: from: 2027-01-01, to: 2027-12-31\n",
     "f.yaml:1:12: YAML 语法错误：一行里写了几个“键: 值”：要放在花括号里，写成 effective: {from: 2027-01-01, to: 2027-12-31}"),
])
def test_several_fields_on_one_line_are_told_to_take_braces(text, said):
    with chinese():
        [problem] = [str(p) for p in parse_yaml(text, "f.yaml")[1]]
    assert problem.startswith(said), problem


@pytest.mark.parametrize("text", ["basis: 区联席会议: 2026-2 次会议\n", "a:\n  c: d: e\n", "title: 青山区: 规则包, 2026: 版\n"])
def test_a_text_with_a_colon_is_not_taken_for_fields(text):
    with chinese():
        [problem] = [str(p) for p in parse_yaml(text, "f.yaml")[1]]
    assert "这里不能写“键: 值”" in problem and "花括号" not in problem, problem
