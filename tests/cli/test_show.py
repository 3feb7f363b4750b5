import json
import re

from gridrules.cli.main import main


def test_show_items_as_chinese_table(capsys):
    assert main(["show", "items", "--at", "2026-11-25T10:00:00+08:00", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "网格化服务管理工作清单（准入清单）（17）" in out
    assert "L13" in out and "困难群众、独居老人、留守儿童走访及救助需求报" in out
    assert "清单工作量合计 52 小时/网格/月，上限 120 小时" in out


def test_show_before_the_list_was_approved_is_empty(capsys):
    assert main(["show", "items", "--at", "2024-12-19T10:00:00+08:00", "--lang", "zh"]) == 0
    assert "（0）" in capsys.readouterr().out


def test_headings_are_english_under_lang_en_and_the_packs_words_stay(capsys):
    assert main(["show", "items", "towns", "--at", "2026-11-25T10:00:00+08:00", "--lang", "en", "--wide"]) == 0
    out = capsys.readouterr().out
    assert "admission list (17)" in out and "towns (27)" in out
    assert out.splitlines()[3].split() == ["id", "item", "duty", "departments", "activities", "frequency", "hours",
                                           "subsidy", "in", "force", "approved", "by"]
    assert "困难群众、独居老人、留守儿童走访及救助需求报" in out  # the pack's own texts as written
    assert "编号" not in out and "名称" not in out
    assert main(["expiring", "--within", "400d", "--at", "2026-12-01", "--lang", "en", "--wide"]) == 0
    assert re.search(r"kind +id +name +responsible +from - to +status +left", capsys.readouterr().out)


def test_show_json_has_every_section(capsys):
    assert main(["show", "--format", "json", "--at", "2026-11-25T10:00:00+08:00"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) >= {"items", "temporary", "duties", "negative", "roles", "events", "pack"}
    assert len(doc["duties"]) == 11 and len(doc["events"]) == 40  # §6's 38 and §8's SQ01, YJ01
    assert [a["ref"] for a in doc["temporary"]] == ["TX-2026-11"]  # LS-2026-06 ended 2026-08-29


def test_show_rejects_bad_at(capsys):
    assert main(["show", "--at", "2026-11-25 10:00"]) == 2
    assert "no UTC offset" in capsys.readouterr().err


def _l18(capsys, terms_root, at, *more):
    assert main(["show", "items", "--format", "json", "--at", at, "--pack", str(terms_root), *more]) == 0
    return [i for i in json.loads(capsys.readouterr().out)["items"] if i["id"] == "L18"]


def test_show_items_at_a_moment_has_the_terms_in_effect_and_only_the_changes_decided_by_then(capsys, terms_root):
    # L18 (tests/termspack.py): approved 2026-11-26 from 2026-12-01; amended 2026-11-27 from 2026-12-10;
    # withdrawn 2026-11-28 from 2026-12-20
    [pending] = _l18(capsys, terms_root, "2026-11-26T18:00:00+08:00", "--all")
    assert pending["in_force"] is False and pending["amendments"] == [] and pending["withdrawal"] is None
    assert pending["pending"] == [{"change": "approval", "decided": "2026-11-26", "effective": "2026-12-01"}]
    [first] = _l18(capsys, terms_root, "2026-12-05T10:00:00+08:00")
    assert (first["activities"], first["hours_per_month"], first["effective"]["to"]) == (["patrol", "report"], 2, "2026-12-19")
    assert [p["change"] for p in first["pending"]] == ["amendment", "withdrawal"]
    [amended] = _l18(capsys, terms_root, "2026-12-12T10:00:00+08:00")
    assert (amended["activities"], amended["hours_per_month"], amended["subsidy"]) == (["patrol", "report", "publicize"], 3, 60)
    assert _l18(capsys, terms_root, "2026-12-20T10:00:00+08:00") == []
    assert main(["show", "items", "--all", "--at", "2026-12-20T10:00:00+08:00", "--lang", "zh",
                 "--pack", str(terms_root)]) == 0
    assert "L18（已撤销）" in capsys.readouterr().out


def test_show_bodies_says_who_approves_what_and_for_how_long(capsys):
    """The bundled pack: the district's joint meeting keeps the work list; each town's 专题研究
    gives temporary approvals, for the town's own tasks, at most policy §4's 90 days (the
    pack's temporary_max_days: the body sets none of its own)."""
    assert main(["show", "bodies", "--lang", "zh", "--wide"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert "审定机构（2）" in rows
    assert rows[-2].split() == ["joint_meeting", "区网格化服务管理联席会议", "区", "大足区", "网格化服务管理工作清单"]
    assert rows[-1].split() == ["town", "专题研究", "镇街", "每个镇街各一个", "专题研究批复（供镇街使用，最长", "90", "天）"]
    assert main(["show", "bodies", "--format", "json"]) == 0
    town = json.loads(capsys.readouterr().out)["bodies"][1]
    assert town["unit"] is None and town["temporary"] == {"name": "专题研究批复", "used_by": ["town"], "max_days": 90}


def test_show_bodies_of_a_county_names_its_towns_as_the_pack_does_and_its_own_limit(capsys):
    from pathlib import Path

    county = Path(__file__).resolve().parents[2] / "examples" / "county"
    assert main(["show", "bodies", "--pack", str(county), "--lang", "zh", "--wide"]) == 0
    out = capsys.readouterr().out
    assert "紧急临时纳入决定（供部门、乡镇(街道)使用，最长 30 天）" in out  # its own max_days, not the pack's 90
    assert "每个乡镇(街道)各一个" in out and "镇街" not in out.split("审定机构")[1]


def test_a_county_s_towns_communities_and_grids_are_headed_in_its_own_words(capsys):
    # examples/county calls its towns 乡镇(街道); the directories had headed them 镇街 whatever the pack said
    from pathlib import Path

    county = Path(__file__).resolve().parents[2] / "examples" / "county"
    assert main(["show", "towns", "communities", "grids", "--pack", str(county), "--lang", "zh", "--wide"]) == 0
    out = capsys.readouterr().out
    assert "乡镇(街道)（3）" in out and "村(社区)（3）" in out
    communities = out.split("村(社区)（3）")[1].splitlines()[1].split()
    assert communities == ["编号", "名称", "乡镇(街道)", "网格数"]
    assert "镇街" not in out
    assert main(["show", "towns", "--pack", str(county), "--lang", "en", "--wide"]) == 0
    assert "towns (3)" in capsys.readouterr().out


def test_show_negative_lists_what_screening_reads_for_each_entry(capsys):
    """Each entry's screening words and exceptions in its row (rules/powers/negative_list.yaml: F05 收费 …,
    接收取暖补贴 …), then the negations and negation exceptions read for every entry's words."""
    assert main(["show", "negative", "--lang", "zh", "--wide"]) == 0
    out = capsys.readouterr().out
    f05 = next(line for line in out.splitlines() if line.startswith("F05 "))
    assert "收费、罚款、收取、代收、押金" in f05 and "接收取暖补贴、收费站" in f05
    assert "甄别词" in out and "甄别例外" in out
    negations = next(line for line in out.splitlines() if line.startswith("甄别否定词（"))
    assert negations.endswith("：不、不得、不准、不许、严禁、禁止、不能、不可、不要、不用、不必、不需、不需要、无需、无须、毋须、"
                              "不再、不予、勿、免收、免交")
    unsaying = next(line for line in out.splitlines() if line.startswith("甄别否定词例外（"))
    assert unsaying.endswith("：无不、莫不、难免收、难免交、未免收、减免收、减免交")
    assert main(["show", "negative", "收费", "--lang", "zh"]) == 0  # a search keeps the rows, not the notes
    assert "甄别否定词" not in capsys.readouterr().out


# rules/powers/negative_list.yaml's top level: read for every entry's words
NEGATIONS = ["不", "不得", "不准", "不许", "严禁", "禁止", "不能", "不可", "不要", "不用", "不必", "不需", "不需要", "无需",
             "无须", "毋须", "不再", "不予", "勿", "免收", "免交"]
NEGATION_EXCEPTIONS = ["无不", "莫不", "难免收", "难免交", "未免收", "减免收", "减免交"]


def test_show_negative_as_json_has_what_the_table_shows_the_negations_too(capsys):
    """The JSON has each entry's words and exceptions and, beside the list, the negations and negation
    exceptions the text prints under it (before: the JSON had no negations at all); a search keeps rows."""
    assert main(["show", "negative", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    f05 = next(e for e in doc["negative"] if e["code"] == "F05")
    assert f05["screening_exceptions"] == ["接收取暖补贴", "收费站"]
    assert doc["screening_negations"] == NEGATIONS and doc["screening_negation_exceptions"] == NEGATION_EXCEPTIONS
    assert main(["show", "negative", "收费站", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [e["code"] for e in doc["negative"]] == ["F05"] and doc["screening_negations"] == NEGATIONS
    assert main(["show", "items", "--format", "json"]) == 0  # only beside the negative list
    assert "screening_negations" not in json.loads(capsys.readouterr().out)


def test_a_pack_folder_given_as_a_word_is_told_to_take_pack(capsys, tmp_path, monkeypatch):
    """validate 青山 reads the folder; show towns 青山 searched the bundled pack for 青山 and showed another
    district's (no) towns: the word is refused with the --pack to write."""
    (tmp_path / "青山").mkdir()
    (tmp_path / "青山" / "pack.yaml").write_text("name: x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["show", "towns", "青山", "--lang", "zh"]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert "「青山」是一个规则包文件夹：要看它的内容，用 --pack 给出（gridrules show towns --pack 青山）" in out.err
    assert main(["show", "青山", "--lang", "zh"]) == 2
    assert "（gridrules show --pack 青山）" in capsys.readouterr().err
    # a search word that is no pack's folder still searches
    (tmp_path / "和平").mkdir()
    assert main(["show", "grids", "和平"]) == 0


def test_an_unknown_section_is_named_as_the_usage_names_it_with_the_sections_to_pick(capsys):
    """The usage reads ``show [SECTION]... [SEARCH]``: a word that is no section is told under SECTION, with
    every section listed and the near one suggested, and nothing is shown."""
    assert main(["show", "item", "--lang", "zh"]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert ("  SECTION: 没有“item”这一部分；可以看：items, temporary, duties, negative, roles, events, departments, "
            "towns, communities, grids, activities, levels, grades, types, bodies") in out.err
    assert "（是否指 items？）" in out.err
    assert main(["show", "grids", "和平", "多余", "--lang", "zh"]) == 2  # one search word only
    assert "SECTION: 没有“多余”这一部分" in capsys.readouterr().err
