"""``gridrules compile``: the rulesets a pack compiles to, its summary line in the catalogue's language."""

from __future__ import annotations

import json

from clirun import run
from wording import english_runs


def test_compile_says_what_the_pack_compiles_to_in_chinese_by_default(capsys, monkeypatch, pack):
    monkeypatch.setenv("GRIDRULES_LANG", "zh")
    code, out, _ = run(capsys, monkeypatch, ["compile", "--format", "json"])
    rulesets = json.loads(out)
    code, out, _ = run(capsys, monkeypatch, ["compile"])
    summary = out.splitlines()[0]
    assert code == 0 and summary.startswith(f"{pack.info.name} {pack.info.version}：{len(rulesets)} 个规则集，")
    assert "条规则（其中不同的 " in summary and not english_runs(summary)
    code, out, _ = run(capsys, monkeypatch, ["compile", "--lang", "en"])
    assert code == 0 and f": {len(rulesets)} rulesets, " in out.splitlines()[0] and "distinct)" in out
