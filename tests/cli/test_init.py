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


def test_the_minimal_templates_blank_application_names_every_field_and_its_calendar_is_watched(
        tmp_path, capsys, monkeypatch):
    """A district writing its pack from the template met a bare English ``# risk`` heading on the blank
    application (no prompt in form.yaml, no name in review.yaml), and lint's GR403 never fired (no
    calendar_notice_days in policy.yaml): the template has both; its calendar (2026 only) is warned of
    60 days before it ends, as the bundled pack's is."""
    from datetime import date

    from gridrules.lint import lint_pack

    target = tmp_path / "mine"
    assert run(capsys, monkeypatch, ["init", str(target), "--template", "minimal"])[0] == 0
    form = tmp_path / "申请.yaml"
    code, _, _ = run(capsys, monkeypatch, ["admission", "new", str(form), "--pack", str(target), "--lang", "zh"])
    headings = [line for line in form.read_text(encoding="utf-8").splitlines() if line.startswith("# ")]
    assert code == 0 and "# 风险等级：low（低）、medium（中）、high（高），见风险清单（risk.yaml）" in headings
    assert not [h for h in headings if h[2:].isascii()], headings  # no heading a bare key
    pack = load_pack(target)
    assert "GR403" in {f.check.code for f in lint_pack(pack, date(2026, 11, 1)).findings}
    assert "GR403" not in {f.check.code for f in lint_pack(pack, date(2026, 10, 31)).findings}


def test_a_blank_heading_the_pack_does_not_name_falls_back_on_the_catalogues_words(tmp_path, capsys, monkeypatch):
    """A pack whose form and review name no risk field (as the template's did): the heading is the
    catalogue's Chinese word for the field (风险, as docs/reference.md names the application's risk), not ``risk``."""
    target = tmp_path / "mine"
    assert run(capsys, monkeypatch, ["init", str(target), "--template", "minimal"])[0] == 0
    for rel, line in (("admission/form.yaml", "  risk: \"{name}：low（低）、medium（中）、high（高），见风险清单（risk.yaml）\"\n"),
                      ("admission/review.yaml", "  risk: 风险等级\n")):
        path = target / rel
        text = path.read_text(encoding="utf-8")
        assert line in text
        path.write_text(text.replace(line, ""), encoding="utf-8")
    form = tmp_path / "申请.yaml"
    code, _, err = run(capsys, monkeypatch, ["admission", "new", str(form), "--pack", str(target), "--lang", "zh"])
    lines = form.read_text(encoding="utf-8").splitlines()
    assert code == 0 and lines[lines.index("risk:") - 1] == "# 风险", err
