import json

from gridrules.cli.main import main


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_validate_bundled_pack(capsys, pack):
    code, out, _ = run(capsys, "validate")
    assert code == 0
    assert f"ok: dazu-grid {pack.info.version}" in out
    assert pack.info.digest in out


def test_validate_broken_copy_exits_2_with_located_problems(capsys, pack_copy):
    items = pack_copy / "admission/items.yaml"
    items.write_text(items.read_text(encoding="utf-8").replace("owners: [xinfang]", "owners: [xinfan]"), encoding="utf-8")
    code, out, err = run(capsys, "validate", str(pack_copy))
    assert code == 2
    assert f"{pack_copy}/admission/items.yaml:" in out
    assert "L07.owners[0]: unknown department 'xinfan' (did you mean 'xinfang'?)" in out
    assert "1 problem" in err


def test_validate_json(capsys, pack_copy):
    (pack_copy / "risk.yaml").write_text("basis: x\nlevels: []\ndefault: low\n", encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(pack_copy), "--format", "json")
    assert code == 2
    doc = json.loads(out)
    assert doc["valid"] is False
    assert doc["problems"][0]["path"].endswith("risk.yaml") and doc["problems"][0]["line"] == 2


def test_version_names_package_and_bundled_pack(capsys, pack):
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.splitlines()[0].startswith("gridrules ")
    assert f"bundled pack dazu-grid {pack.info.version} {pack.info.digest}" in out


def test_usage_error_exits_2(capsys):
    code, _, err = run(capsys, "validate", "--format", "xml")
    assert code == 2
    assert "xml" in err


WAY_FORWARD = ("a deliberate edit is recorded with `gridrules history record --reason …`; otherwise put the files back "
               "(`gridrules history verify` checks the whole history)")


def test_a_hand_edit_gets_one_way_forward_from_validate_lint_and_a_decisions_warning(capsys, pack_copy, tmp_path):
    items = pack_copy / "admission/items.yaml"
    items.write_text(items.read_text(encoding="utf-8").replace("hours_per_month: 6\n", "hours_per_month: 7\n", 1),
                     encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(pack_copy), "--format", "json")
    assert code == 2 and json.loads(out)["hint"] == WAY_FORWARD
    code, out, err = run(capsys, "validate", str(pack_copy))
    assert code == 2 and f"{pack_copy}/admission/items.yaml: changed outside the workflow" in out and WAY_FORWARD in err
    code, out, _ = run(capsys, "lint", str(pack_copy), "--format", "json")
    (found,) = [f for f in json.loads(out)["findings"] if f["code"] == "GR002"]
    assert code == 1 and found["file"] == "admission/items.yaml" and found["severity"] == "error"
    assert found["message"].endswith(WAY_FORWARD)
    task = tmp_path / "task.json"
    task.write_text('{"id": "T-1", "title": "入户走访", "department": "minzheng", "activities": ["visit"], '
                    '"start": "2026-12-10"}', encoding="utf-8")
    code, _, err = run(capsys, "check-task", str(task), "--pack", str(pack_copy))
    assert "files changed outside the workflow (admission/items.yaml: changed)" in err and WAY_FORWARD in err


def test_validate_counts_a_countys_towns_in_its_own_word(capsys):
    """examples/county calls its towns 乡镇(街道) (organization/units.yaml unit_kinds, three of them: 东城街道,
    西河镇, 南山乡); validate's summary had counted 「镇街 3 个」 whatever the pack calls them."""
    from examplepacks import COUNTY

    code, out, _ = run(capsys, "validate", "--pack", str(COUNTY), "--lang", "zh")
    assert code == 0
    assert "，乡镇(街道) 3 个，" in out and "镇街" not in out
    code, out, _ = run(capsys, "validate", "--lang", "zh")  # the bundled pack says 镇街: its 27 (units.yaml)
    assert code == 0 and "，镇街 27 个，" in out
    code, out, _ = run(capsys, "validate", "--pack", str(COUNTY), "--lang", "en")  # English keeps the tool's word
    assert code == 0 and ", 3 towns, " in out
