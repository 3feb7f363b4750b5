import json

import pytest
from jsonschema import Draft202012Validator

from gridrules.pack import jsonschemas
from gridrules.pack.loader import bundled_root
from importlib import resources

GENERATED = jsonschemas.all_schemas()


def published(name: str) -> dict:
    return json.loads(resources.files("gridrules.schemas").joinpath(f"{name}.schema.json").read_text("utf-8"))


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_published_schema_is_up_to_date(name):
    assert published(name) == GENERATED[name], (
        f"schemas/{name}.schema.json is stale: run python -m gridrules.pack.schemagen schemas"
    )


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_schema_is_valid_draft_2020_12_with_titles(name):
    schema = published(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema.get("title") and schema.get("description")


def _objects(node):
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            yield node
        for value in node.values():
            yield from _objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from _objects(value)


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_schemas_are_strict(name):
    for obj in _objects(published(name)):
        assert obj.get("additionalProperties") is False, (name, sorted(obj["properties"]))


def test_no_schema_file_is_left_over():
    names = {p.name for p in resources.files("gridrules.schemas").iterdir() if p.name.endswith(".json")}
    assert names == {f"{n}.schema.json" for n in GENERATED}


def test_schema_rejects_unknown_key_in_a_rule():
    validator = jsonschemas.validator("rules")
    bad = {"stage": "grading", "rules": [{"id": "a.b", "when": "always", "text": "x", "basis": "y", "grad": "urgent"}]}
    assert any("grad" in e.message for e in validator.iter_errors(bad))


def test_the_fast_check_and_the_reference_agree_on_every_bundled_and_broken_file(pack_copy):
    """jsonschema-rs only decides when to skip the reference (python-jsonschema) check;
    they must agree, on valid files and on the broken-pack fixtures' files."""
    import pathlib

    import yaml as pyyaml

    from gridrules.pack.layout import kind_of
    from gridrules.pack.loader import pack_files
    from gridrules.pack.yamlsrc import parse_yaml

    def agree(rel, data):
        kind = kind_of(rel)
        if kind is None:
            return
        doc, problems = parse_yaml(data.decode("utf-8"), rel)
        if doc is None or doc.data is None:
            return
        fast = jsonschemas.fast_validator(kind.schema).is_valid(doc.data)
        reference = not list(jsonschemas.validator(kind.schema).iter_errors(doc.data))
        assert fast == reference, rel

    for rel, data in pack_files(bundled_root()):
        agree(rel, data)
    fixtures = sorted((pathlib.Path(__file__).parent / "broken_packs").glob("*.yaml"))
    for fixture in fixtures:
        case = pyyaml.safe_load(fixture.read_text(encoding="utf-8"))
        for edit in case["edits"]:
            if "replace" in edit:
                rel = edit["file"]
                text = (pack_copy / rel).read_text(encoding="utf-8").replace(edit["replace"], edit["with"])
                agree(rel, text.encode("utf-8"))


# --- unknown and missing keys, as a secretary writing her own pack meets them -------------------------

def _refused(root, lang):
    from gridrules.catalogue import set_language
    from gridrules.engine.loading import load_pack
    from gridrules.errors import PackError

    set_language(lang)
    try:
        with pytest.raises(PackError) as caught:
            load_pack(root)
        return [p.said() for p in caught.value.problems]
    finally:
        set_language(None)


def _temporary_with(root, old, new):
    path = root / "admission" / "temporary.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_natural_guesses_for_a_temporary_approvals_keys_are_answered_by_spelling_and_meaning(pack_copy):
    # id / reference / date, as a hand-written approval guesses them: ref and decided_on are meant
    _temporary_with(pack_copy, "  - ref: TX-2026-11\n    unit: tangxiang\n    decided_on: 2026-11-10\n",
                    "  - id: TX-2026-11\n    unit: tangxiang\n    reference: 〔2026〕3号\n    date: 2026-11-10\n")
    said = _refused(pack_copy, "zh")
    assert "没有这个键：「id」（是否指 批复编号（ref）？）" in said
    assert "没有这个键：「reference」（是否指 批复编号（ref）？）" in said
    assert "没有这个键：「date」（是否指 决定日期（decided_on）？）" in said
    # each missing key said once (every "required" error lists them all), by its name in this file
    assert said.count("缺少必填的键「决定日期（decided_on）」") == 1
    assert said.count("缺少必填的键「批复编号（ref）」") == 1
    assert "unknown key 'date' (did you mean 'decided_on'?)" in _refused(pack_copy, "en")


def test_a_missing_key_is_named_in_its_files_words(pack_copy):
    path = pack_copy / "admission" / "items.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    hours_per_month: 6\n", "", 1), encoding="utf-8")
    assert "缺少必填的键「每网格每月工作量（小时）（hours_per_month）」" in _refused(pack_copy, "zh")


def test_an_unknown_key_with_nothing_near_lists_the_keys_left_to_write(pack_copy):
    _temporary_with(pack_copy, "    decided_on: 2026-11-10\n", "    decided_on: 2026-11-10\n    批准人: 张三\n")
    [said] = [s for s in _refused(pack_copy, "zh") if "批准人" in s]
    # the approval writes all but these (temporary.schema.json's order)
    assert said == "没有这个键：「批准人」；这里可写的键有：决定机构（body）、撤销日期（withdrawn_on）、" \
                   "撤销生效日期（withdrawn_from）、备注（note）"
    assert "是否指" not in said and "批复编号（ref）" not in said  # ref is written already


# --- a value of the wrong kind that shows what was meant: what to write instead -----------------------

def _edited(root, rel, old, new):
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("rel, old, new, said", [
    # a time limit as people say one: its keys by name, one to write
    ("events/deadlines.yaml", "close: {working_days: 3}", "close: 3天",
     "应为“键: 值”的映射，实为文字 \"3天\"：写成 {minutes: …}、{hours: …}或 {working_days: …}（即分钟、小时、工作日），"
     "只写其中一个"),
    # a holiday's days as a line of text: the range's keys
    ("calendar/2026.yaml", "days_off: {from: 2026-01-01, to: 2026-01-03}", "days_off: 2026-01-01 至 2026-01-03",
     "应为“键: 值”的映射，实为文字 \"2026-01-01 至 2026-01-03\"：写成 {from: …, to: …}（即起始日期、截止日期）"),
    # the number with its unit: the number alone (the field says the unit)
    ("events/deadlines.yaml", "close: {working_days: 3}", "close: {working_days: 3个工作日}",
     "应为整数，实为文字 \"3个工作日\"：只写数字 3，不写「个工作日」（单位由这一项规定）"),
    ("admission/items.yaml", "    subsidy: 80\n", "    subsidy: 80元\n",
     "应为数字，实为文字 \"80元\"：只写数字 80，不写「元」（单位由这一项规定）"),
    # one text where a list belongs: the list it reads as
    ("admission/items.yaml", "    owners: [gongan, zhujian]\n", "    owners: gongan、zhujian\n",
     "应为列表，实为文字 \"gongan、zhujian\"：写成 [gongan, zhujian]"),
    # one town where all or a list of towns belongs: the list of one
    ("admission/items.yaml", "    towns: all\n", "    towns: tangxiang\n",
     "应为 all 或列表（只有一项也写成列表），实为文字 \"tangxiang\"：写成 [tangxiang]"),
    # a key written by its Chinese name in this file
    ("admission/items.yaml", "    frequency: ", "    频次: ", "没有这个键：「频次」（是否指 频次（frequency）？）"),
])
def test_a_value_of_the_wrong_kind_is_answered_with_what_to_write(pack_copy, rel, old, new, said):
    _edited(pack_copy, rel, old, new)
    assert said in _refused(pack_copy, "zh")


def test_a_word_near_the_one_a_list_may_be_is_still_that_word_misspelt(pack_copy):
    _edited(pack_copy, "admission/items.yaml", "    towns: all\n", "    towns: alll\n")
    assert any(s.startswith("\"alll\" 不是可选值之一：all") for s in _refused(pack_copy, "zh"))


def test_what_to_write_is_said_in_english_without_the_chinese_names(pack_copy):
    _edited(pack_copy, "events/deadlines.yaml", "close: {working_days: 3}", "close: 3天")
    assert "expected a mapping, got text \"3天\": write one of {minutes: …}, {hours: …} or {working_days: …}" \
        in _refused(pack_copy, "en")
