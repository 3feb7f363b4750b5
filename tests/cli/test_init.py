"""``gridrules init DIR --template minimal|dazu``."""

from __future__ import annotations

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
