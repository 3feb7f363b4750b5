from __future__ import annotations

import pathlib

import pytest

from gridrules.pack import jsonschemas
from gridrules.errors import PackError
from gridrules.pack.layout import FILE_KINDS, kind_of
from gridrules.pack.loader import bundled_root, digest_of, pack_files
from gridrules.engine.loading import load_pack
from gridrules.pack.yamlsrc import parse_yaml


def test_bundled_pack_loads(pack):
    assert pack.info.name == "dazu-grid"
    assert pack.info.digest.startswith("sha256:") and len(pack.info.digest) == 71
    # policy §4: the list is L01–L17 and nothing else (a sample item approved real work), totalling 52 hours
    assert [i.id for i in pack.items] == [f"L{n:02d}" for n in range(1, 18)]
    assert sum(i.hours_per_month for i in pack.items) == 52
    assert len(pack.event_types) == 40  # policy §6's 38 and §8's SQ01, YJ01
    assert len(pack.towns) == 27
    assert len(pack.departments) == 22


@pytest.mark.parametrize("rel, data", pack_files(bundled_root()), ids=lambda x: x if isinstance(x, str) else "")
def test_every_bundled_file_passes_each_layer(rel, data):
    kind = kind_of(rel)
    assert kind is not None, f"{rel} is not a file kind the layout knows"
    doc, problems = parse_yaml(data.decode("utf-8"), rel)  # layer 1: strict YAML
    assert problems == []
    assert jsonschemas.check(doc, kind.schema) == []  # layer 2: the published schema
    kind.model.model_validate(doc.data)  # layer 3a: the models (3b is the whole-pack load)


def test_policy_values_match_policy_md(pack):
    """Spot checks that the data says what policy.md says (not what the code says)."""
    assert pack.params["capacity_hours_per_grid_month"] == 120
    assert pack.params["temporary_max_days"] == 90
    assert pack.listed_hours(pack.items[0].effective.from_) == 52  # "the list above totals 52"
    assert [lv.id for lv in pack.levels] == ["grid", "community", "town", "district"]
    assert [g.id for g in pack.grades] == ["general", "significant", "major", "urgent"]
    assert pack.roles["part_time"].activities == ["visit", "patrol", "publicize", "report", "dissuade", "assist"]
    assert {e.code: e.activity for e in pack.negative if e.activity} == {
        "F01": "enforce", "F02": "demolish", "F03": "quota", "F04": "regulate", "F05": "collect_fees",
        "F06": "sign_liability", "F07": "duplicate_reporting", "F10": "treat", "F11": "commercial",
    }
    l06 = pack.items_by_id["L06"]
    assert (l06.duty, l06.owners, l06.activities, l06.hours_per_month, l06.subsidy) == (
        "D09", ["weijian", "gongan", "minzheng"], ["visit", "report", "assist", "care"], 3, 60)
    assert pack.event_types["AQ08"].level == "district" and pack.event_types["AQ08"].grade == "significant"
    assert pack.risk_of("MD07")[0] == "high" and pack.risk_of("CG06")[0] == "medium" and pack.risk_of("MD02")[0] == "low"
    tx = pack.approvals_by_ref["TX-2026-11"]
    assert (tx.unit, str(tx.from_), str(tx.to), tx.activities) == ("tangxiang", "2026-11-15", "2027-01-31", ["visit", "publicize"])


def test_digest_is_stable_and_changes_with_any_byte(pack, pack_copy):
    assert load_pack(pack_copy).digest == pack.digest
    items = pack_copy / "admission/items.yaml"
    items.write_text(items.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert load_pack(pack_copy).digest != pack.digest


def test_digest_is_over_paths_and_contents_in_order():
    a = digest_of([("a.yaml", b"x"), ("b.yaml", b"y")])
    assert a == digest_of([("b.yaml", b"y"), ("a.yaml", b"x")])  # canonical order
    assert a != digest_of([("a.yaml", b"y"), ("b.yaml", b"x")])  # contents move with paths
    assert digest_of([("a.yaml", b"xy")]) != digest_of([("a.yaml", b"x"), ("y", b"")])


def test_cases_and_non_yaml_files_are_not_policy(pack, pack_copy):
    (pack_copy / "cases").mkdir()
    (pack_copy / "cases" / "anything.yaml").write_text("not: [a pack file", encoding="utf-8")
    (pack_copy / "README.md").write_text("notes", encoding="utf-8")
    assert load_pack(pack_copy).digest == pack.digest


def test_required_files_are_known_to_the_layout():
    required = {k.pattern for k in FILE_KINDS if k.required}
    present = {rel for rel, _ in pack_files(bundled_root())}
    assert required <= present


def test_not_a_folder(tmp_path):
    with pytest.raises(PackError, match="not a folder holding a rule pack"):
        load_pack(tmp_path / "missing")


def test_empty_file_is_a_problem(pack_copy):
    (pack_copy / "risk.yaml").write_text("# nothing\n", encoding="utf-8")
    with pytest.raises(PackError, match="risk.yaml:1:1: the file is empty"):
        load_pack(pack_copy)


def test_all_problems_are_reported_together(pack_copy):
    """A misspelt department, an end before a start and a duplicate key: one run, three answers."""
    items = pack_copy / "admission/items.yaml"
    text = items.read_text(encoding="utf-8")
    text = text.replace("owners: [tuiyi]", "owners: [tuiy]")
    text = text.replace("    frequency: 每年\n", "    frequency: 每年\n    frequency: 每月\n")
    temporary = pack_copy / "admission/temporary.yaml"
    temporary.write_text(temporary.read_text(encoding="utf-8").replace("    to: 2027-01-31\n", "    to: 2026-11-01\n"), encoding="utf-8")
    items.write_text(text, encoding="utf-8")
    with pytest.raises(PackError) as caught:
        load_pack(pack_copy)
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 3, messages
    assert any("L16.owners[0]: unknown department 'tuiy' (did you mean 'tuiyi'?)" in m for m in messages)
    assert any("duplicate key 'frequency'" in m for m in messages)
    assert any("TX-2026-11.to: to (2026-11-01) is before from (2026-11-15)" in m for m in messages)
    assert all(pathlib.Path(m.split(":")[0]).is_file() for m in messages)


def test_the_same_files_read_again_give_the_same_pack_while_it_is_held(pack_copy):
    from gridrules.pack.loader import read_files, read_pack

    first = read_pack(pack_copy)
    assert read_pack(pack_copy) is first  # a command's read for names, then its change's read
    assert read_files(pack_files(pack_copy), str(first.root)) is first
    assert read_files(pack_files(pack_copy), "elsewhere") is not first  # shown under another root
    items = pack_copy / "admission/items.yaml"
    items.write_text(items.read_text(encoding="utf-8") + "\n# 一行注释\n", encoding="utf-8")
    changed = read_pack(pack_copy)
    assert changed is not first and changed.digest != first.digest
