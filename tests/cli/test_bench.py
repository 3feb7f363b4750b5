"""``gridrules bench``: runs, and its JSON keys are the ones the README promises."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from gridrules.cli.bench import _render
from gridrules.cli.main import cli

README = Path(__file__).resolve().parents[2] / "README.md"


def _expand(pattern: str) -> list[str]:
    """``a.{b,c}.d`` -> ``["a.b.d", "a.c.d"]``."""
    m = re.search(r"\{([^{}]*)\}", pattern)
    if not m:
        return [pattern]
    return [k for part in m.group(1).split(",")
            for k in _expand(pattern[:m.start()] + part.strip() + pattern[m.end():])]


def _documented() -> tuple[set[str], set[str]]:
    """(keys always present, keys present with --memory-run) from the README's list."""
    block = README.read_text(encoding="utf-8").split("<!-- bench-keys -->", 1)[1].split("```")[1]
    always, optional = set(), set()
    for line in block.strip().splitlines():
        pattern, _, note = line.partition("(")
        (optional if "--memory-run" in note else always).update(_expand(pattern.strip()))
    return always, optional


def _paths(doc: dict, prefix: str = "") -> set[str]:
    out = set()
    for key, value in doc.items():
        path = f"{prefix}{key}"
        out |= _paths(value, path + ".") if isinstance(value, dict) else {path}
    return out


def test_expanding_the_documented_patterns():
    assert _expand("a.{b, c}.{d,e}") == ["a.b.d", "a.b.e", "a.c.d", "a.c.e"]
    always, optional = _documented()
    assert "single.mixed.p99_ms" in always and "memory_run.drift_mb" in optional


def test_bench_json_has_exactly_the_documented_keys():
    always, optional = _documented()
    result = CliRunner().invoke(cli, ["bench", "--n", "200", "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert _paths(out) == always
    assert out["single"]["route_event"]["decisions"] == 200 and out["batch"]["check_tasks"]["per_second"] > 0


def test_bench_memory_run_adds_its_keys_and_text_reads_them():
    always, optional = _documented()
    result = CliRunner().invoke(cli, ["bench", "--n", "200", "--memory-run", "10000", "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert _paths(out) == always | optional
    assert out["memory_run"]["decisions"] == 10_000
    text = _render(out, "town")
    assert "memory over 10,000 distinct decisions" in text and "route_events" in text
    assert "repeated inputs" in text and "bare durable_rules" in text


def test_bench_speaks_chinese_by_default_what_it_does_and_what_it_found(capsys, monkeypatch):
    """Its progress (on stderr) and its report in the catalogue's Chinese; names of calls, units and
    versions stay as they are written (check_task, MB, Python 3.11)."""
    from clirun import run
    from wording import english_runs

    monkeypatch.setenv("GRIDRULES_LANG", "zh")
    code, out, err = run(capsys, monkeypatch, ["bench", "--n", "200", "--memory-run", "10000"])
    assert code == 0, err
    assert err.splitlines()[1:] == ["单次调用，不重复的输入……", "批量调用，不重复的输入……",
                                    "同样的调用，重复的输入（同一时刻，取值很少）……", "直接调用 durable_rules……",
                                    "10,000 次不重复的判定中的内存……"]
    assert err.startswith("已载入 ")
    lines = out.splitlines()
    assert lines[0].startswith("gridrules ") and " 性能测试 —— " in lines[0]
    assert lines[lines.index("不重复的输入") - 1].split() == ["每秒", "p50", "毫秒", "p90", "毫秒", "p99", "毫秒"]
    assert "  两者交替 " in out and "（批量）" in out and "内存：RSS 峰值 " in out
    assert lines[-1].startswith("10,000 次不重复的判定中的内存：")
    cpu = lines[1].removeprefix("机器：").split("，")[0]  # the machine's own name, whatever it is
    assert [line for line in lines if english_runs(line.replace(cpu, ""))] == []


def test_bench_counts_a_countys_towns_in_its_own_word(capsys, monkeypatch):
    # examples/county calls its three towns 乡镇(街道) (organization/units.yaml); the report had said 镇街 3 个
    from clirun import run
    from examplepacks import COUNTY

    code, out, err = run(capsys, monkeypatch, ["bench", "--n", "200", "--pack", str(COUNTY), "--lang", "zh"])
    assert code == 0, err
    assert "，乡镇(街道) 3 个，" in out and "镇街" not in out
    code, out, err = run(capsys, monkeypatch, ["bench", "--n", "200", "--pack", str(COUNTY), "--lang", "en"])
    assert code == 0 and ", 3 towns, " in out
