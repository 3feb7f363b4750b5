import json

from gridrules.cli.main import main


def test_show_items_as_chinese_table(capsys):
    assert main(["show", "items", "--at", "2026-11-25T10:00:00+08:00"]) == 0
    out = capsys.readouterr().out
    assert "网格化服务管理工作清单（准入清单）（17）" in out
    assert "L13" in out and "困难群众、独居老人、留守儿童走访及救助需求报" in out
    assert "清单工作量合计 52 小时/网格/月，上限 120 小时" in out


def test_show_before_the_list_was_approved_is_empty(capsys):
    assert main(["show", "items", "--at", "2024-12-19T10:00:00+08:00"]) == 0
    assert "（0）" in capsys.readouterr().out


def test_show_json_has_every_section(capsys):
    assert main(["show", "--format", "json", "--at", "2026-11-25T10:00:00+08:00"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) >= {"items", "temporary", "duties", "negative", "roles", "events", "pack"}
    assert len(doc["duties"]) == 11 and len(doc["events"]) == 40  # §6's 38 and §8's SQ01, YJ01
    assert [a["ref"] for a in doc["temporary"]] == ["TX-2026-11"]  # LS-2026-06 ended 2026-08-29


def test_show_rejects_bad_at(capsys):
    assert main(["show", "--at", "2026-11-25 10:00"]) == 2
    assert "no UTC offset" in capsys.readouterr().err
