"""``gridrules replay``'s text: the changed decisions counted by the pack's own words for its units."""

from __future__ import annotations

import json

from clirun import run
from examplepacks import COUNTY, copy_of

# L02 (困难群众走访及救助需求报告) is listed for examples/county's rural towns, 西河镇 (xihe) and 南山乡
TASK = {"id": "X1", "title": "走访", "department": "minzheng", "assignee": "full_time",
        "activities": ["visit", "report", "care"], "start": "2026-06-01", "end": "2026-12-31", "hours_per_month": 3,
        "town": "xihe"}


def test_a_countys_replay_counts_its_towns_in_its_own_word(capsys, monkeypatch, tmp_path):
    # examples/county calls its towns 乡镇(街道) (organization/units.yaml); the replay had said 按镇街 whatever
    # the pack calls them
    url = f"sqlite:///{tmp_path / 'log.sqlite'}"
    tasks = tmp_path / "tasks.jsonl"
    tasks.write_text(json.dumps(TASK, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, monkeypatch, ["check-task", str(tasks), "--batch", "--pack", str(COUNTY), "--log", url,
                                               "--at", "2026-11-20T10:00:00+08:00"])
    assert code == 0 and "L02" in out, err  # admitted under L02 in 西河镇
    candidate = copy_of(COUNTY, tmp_path / "candidate")  # L02 no longer listed in 西河镇
    items = candidate / "admission" / "items.yaml"
    items.write_text(items.read_text(encoding="utf-8").replace("towns: [xihe, nanshan]", "towns: [nanshan]"),
                     encoding="utf-8")
    args = ["replay", "--log", url, "--pack", str(candidate), "--base", str(COUNTY)]
    code, out, _ = run(capsys, monkeypatch, [*args, "--lang", "zh"])
    assert "任务结论 准入（L02） → 需申请：1 项" in out
    assert "  按乡镇(街道)：xihe 1" in out.splitlines() and "镇街" not in out
    code, out, _ = run(capsys, monkeypatch, [*args, "--lang", "en"])
    assert "  by town: xihe 1" in out.splitlines()  # English keeps the tool's word
