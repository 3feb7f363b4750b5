"""``gridrules init DIR --template minimal|dazu``."""

from __future__ import annotations

import json

from clirun import run

from gridrules.engine.loading import load_pack


def test_the_minimal_template_is_a_small_valid_pack_whose_cases_pass(tmp_path, capsys, monkeypatch):
    target = tmp_path / "mine"
    code, out, _ = run(capsys, monkeypatch, ["init", str(target), "--template", "minimal"])
    pack = load_pack(target)
    assert code == 0 and f"\"{pack.manifest.title}\" to {target} (" in out  # the pack names itself
    assert len(pack.items) == 1 and len(pack.event_types) == 1 and len(pack.bodies) == 2
    assert [lv.id for lv in pack.levels] == ["grid", "community", "town", "county"]
    assert (target / "cases").is_dir()
    code, out, _ = run(capsys, monkeypatch, ["test", "--pack", str(target), "--lang", "zh"])
    assert code == 0 and "0 失败" in out
    code, _, _ = run(capsys, monkeypatch, ["validate", str(target)])
    assert code == 0


def test_an_unknown_template_is_refused(tmp_path, capsys, monkeypatch):
    code, _, err = run(capsys, monkeypatch, ["init", str(tmp_path / "x"), "--template", "province"])
    assert code == 2 and "--template" in err and not (tmp_path / "x").exists()


def test_the_dazu_copy_lists_only_the_policys_items(tmp_path, capsys, monkeypatch):
    """`gridrules init` copies the bundled pack: its list is policy §4's L01–L17, 52 hours a grid a month,
    and a department's work no item covers needs an application (a sample item in the copy once
    admitted 区农业农村委's 秸秆禁烧巡查 as listed work)."""
    target = tmp_path / "dazu"
    code, _, _ = run(capsys, monkeypatch, ["init", str(target)])
    pack = load_pack(target)
    assert code == 0 and [i.id for i in pack.items] == [f"L{n:02d}" for n in range(1, 18)]
    assert not list((target / "cases").rglob("terms_over_time.yaml"))
    task = "id: T5\ntitle: 秸秆禁烧巡查\ndepartment: 农业农村委\nactivities: [巡查巡逻, 发现报告]\nstart: 2026-12-05\nend: 2026-12-15\n"
    code, out, _ = run(capsys, monkeypatch, ["check-task", "-", "--pack", str(target), "--at", "2026-12-02",
                                             "--format", "json"], stdin=task)
    decision = json.loads(out)
    assert code == 1 and decision["verdict"] == "needs_application" and decision["list_item"] is None
    assert "unlisted" in decision["flags"]
    code, out, _ = run(capsys, monkeypatch, ["show", "items", "--pack", str(target), "--format", "json",
                                             "--at", "2026-12-05"])
    assert code == 0 and [i["id"] for i in json.loads(out)["items"]] == [f"L{n:02d}" for n in range(1, 18)]
