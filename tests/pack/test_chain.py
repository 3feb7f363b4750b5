"""Tamper evidence: hand edits to the policy or to the history are caught at load and by `history verify`."""

from __future__ import annotations

import json
from datetime import date

import pytest

from appdocs import CANLIAN, FULIAN, gridrules
from gridrules.change.history import record_hand_edit, verify
from gridrules.change.workflow import approve, reject
from gridrules.contract.application import Application
from gridrules.engine.loading import load_pack
from gridrules.errors import ChangeError, Refused
from gridrules.pack import chain
from gridrules.pack.loader import bundled_root, pack_files

pytestmark = pytest.mark.usefixtures("decisions_after_today")  # sessions dated after the machine clock

DECIDED = date(2026, 12, 18)


def edit(path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def two_changes(root) -> None:
    approve(root, Application.model_validate(CANLIAN), "2026-5", DECIDED)
    reject(root, Application.model_validate(FULIAN), "2026-5", DECIDED, "重复")


def test_the_content_digest_leaves_out_history_and_cases():
    files = pack_files(bundled_root())
    digest = chain.content_digest(files)
    assert chain.content_digest([*files, ("history.yaml", b"changes: []\n")]) == digest
    assert chain.content_digest([(r, d) for r, d in files if r != "history.yaml"]) == digest
    assert chain.content_digest([(r, d + b"\n" if r == "risk.yaml" else d) for r, d in files]) != digest


def test_the_bundled_pack_ships_a_genesis_entry_that_matches_it(pack):
    assert pack.history.genesis is not None and pack.integrity.tracked and pack.integrity.intact
    assert pack.history.genesis.content == chain.content_digest(pack_files(bundled_root()))
    assert verify(pack) == []


def test_every_change_is_chained_to_the_one_before(pack_copy, pack):
    two_changes(pack_copy)
    after = load_pack(pack_copy)
    first, second = after.history.changes
    assert first.content_before == pack.history.genesis.content
    assert second.content_before == first.content_after and second.content_after == after.integrity.content_digest
    data = after.documents["history.yaml"].data
    assert first.previous == chain.entry_hash(data["genesis"]) and second.previous == chain.entry_hash(data["changes"][0])
    assert set(first.files) == {"admission/items.yaml", "pack.yaml"} and set(second.files) == {"pack.yaml"}
    assert verify(after) == []


@pytest.mark.parametrize("file, old, new, says", [
    ("admission/items.yaml", "hours_per_month: 3\n", "hours_per_month: 30\n", "admission/items.yaml: changed"),
    ("powers/negative_list.yaml", "  - code: F05\n    activity: collect_fees\n    activity_name: 收费罚款\n"
     "    forbidden: 向居民收取费用、罚款或押金\n    screening_words: [收费, 罚款, 收取, 代收, 押金]\n"
     "    screening_exceptions: [接收取暖补贴, 收费站]\n    basis: 负面清单（区级政策）；参照2022年国家规定\n", "",
     "powers/negative_list.yaml: changed"),
])
def test_a_hand_edit_to_the_policy_is_named_at_load_and_refused_by_the_next_write(pack_copy, file, old, new, says):
    two_changes(pack_copy)
    edit(pack_copy / file, old, new)
    state = load_pack(pack_copy).integrity
    assert not state.intact and state.drift() == [says]
    with pytest.raises(ChangeError) as refused:
        approve(pack_copy, Application.model_validate(CANLIAN | {"id": "APP-X"}), "2026-6", DECIDED)
    assert says in str(refused.value)


def test_a_made_up_item_and_a_new_file_are_named(pack_copy):
    edit(pack_copy / "admission/items.yaml", "items:\n", "items:\n", 1)  # unchanged: still intact
    assert load_pack(pack_copy).integrity.intact
    (pack_copy / "calendar/2027.yaml").write_bytes((pack_copy / "calendar/2026.yaml").read_bytes().replace(b"2026", b"2027"))
    state = load_pack(pack_copy).integrity
    assert state.added == ("calendar/2027.yaml",) and not state.intact


def test_deleting_the_last_history_entry_is_caught(pack_copy):
    two_changes(pack_copy)
    history = pack_copy / "history.yaml"
    text = history.read_text(encoding="utf-8")
    history.write_text(text[:text.index("  - seq: 2")], encoding="utf-8")
    assert load_pack(pack_copy).integrity.drift() == ["pack.yaml: changed"]  # the reject's version bump is unrecorded


def test_rewriting_an_earlier_history_entry_breaks_the_chain(pack_copy):
    two_changes(pack_copy)
    edit(pack_copy / "history.yaml", "session: 2026-5", "session: 2026-4")
    problems = verify(load_pack(pack_copy))
    assert problems == ["change 1 (approve L18): changed after it was written (its contents do not make its own hash)",
                        "change 2 (reject APP-2026-018): the entry before it is not the one it was written after "
                        "(an earlier entry was changed, removed or inserted)"]


def test_a_hand_edit_is_recorded_and_the_chain_holds_again(pack_copy):
    edit(pack_copy / "admission/items.yaml", "hours_per_month: 3\n", "hours_per_month: 4\n")
    entry = record_hand_edit(pack_copy, "更正工作量笔误")
    after = load_pack(pack_copy)
    assert entry["action"] == "record" and set(entry["files"]) == {"admission/items.yaml", "pack.yaml"}
    assert after.integrity.intact and verify(after) == [] and after.manifest.version == "1.0.1"
    with pytest.raises(Refused, match="nothing changed outside the workflow"):
        record_hand_edit(pack_copy, "again")
    approve(pack_copy, Application.model_validate(CANLIAN), "2026-5", DECIDED)  # writes work again
    assert verify(load_pack(pack_copy)) == []


def test_a_pack_without_history_gets_a_genesis_at_its_first_change(pack_copy, pack):
    (pack_copy / "history.yaml").unlink()
    assert not load_pack(pack_copy).integrity.tracked
    approve(pack_copy, Application.model_validate(CANLIAN), "2026-5", DECIDED)
    after = load_pack(pack_copy)
    assert after.history.genesis.content == pack.history.genesis.content and verify(after) == []


def test_validate_and_verify_name_the_changed_file(pack_copy):
    edit(pack_copy / "admission/items.yaml", "hours_per_month: 3\n", "hours_per_month: 30\n")
    checked = gridrules("validate", str(pack_copy))
    assert checked.returncode == 2
    assert f"{pack_copy}/admission/items.yaml: changed outside the workflow" in checked.stdout
    verified = gridrules("history", "verify", "--pack", str(pack_copy))
    assert verified.returncode == 1 and "admission/items.yaml: changed outside the workflow" in verified.stdout
    recorded = gridrules("history", "record", "--reason", "更正", "--pack", str(pack_copy))
    assert recorded.returncode == 0, recorded.stderr
    assert gridrules("history", "verify", "--pack", str(pack_copy)).returncode == 0
    assert gridrules("validate", str(pack_copy)).returncode == 0


def test_the_writer_guard_refuses_an_entry_that_does_not_record_the_change(pack_copy, monkeypatch):
    from gridrules.change import history
    monkeypatch.setattr(history.chain, "changed_files", lambda before, after: {})
    with pytest.raises(ChangeError, match="does not record it"):
        approve(pack_copy, Application.model_validate(CANLIAN), "2026-5", DECIDED)


def test_a_decision_on_an_edited_pack_warns_on_stderr(pack_copy, tmp_path):
    task = tmp_path / "task.json"
    task.write_text('{"id": "T-1", "title": "入户走访", "department": "minzheng", "activities": ["visit"], '
                    '"start": "2026-12-10"}', encoding="utf-8")
    clean = gridrules("check-task", str(task), "--pack", str(pack_copy))
    assert "outside the workflow" not in clean.stderr
    edit(pack_copy / "admission/items.yaml", "hours_per_month: 3\n", "hours_per_month: 30\n")
    warned = gridrules("check-task", str(task), "--pack", str(pack_copy))
    assert warned.returncode == clean.returncode and warned.stdout.strip()
    assert "files changed outside the workflow (admission/items.yaml: changed)" in warned.stderr


# --- the newest entry is covered too: its own hash, and a head to publish ---------------------------

def newest_hash_broken(where: str) -> str:
    return f"{where}: changed after it was written (its contents do not make its own hash)"


@pytest.mark.parametrize("old, new, where", [
    ("session: 2026-5", "session: 2026-4", "change 2 (reject APP-2026-018)"),  # the last one: the rejection's
    ("reason: 重复", "reason: 已获批准", "change 2 (reject APP-2026-018)"),
])
def test_an_edit_to_the_newest_entry_is_caught_at_load_and_by_verify(pack_copy, old, new, where):
    two_changes(pack_copy)
    history = pack_copy / "history.yaml"
    text = history.read_text(encoding="utf-8")
    at = text.rindex(old)
    history.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    after = load_pack(pack_copy)
    assert not after.integrity.intact and after.integrity.drift() == [f"history.yaml: {newest_hash_broken(where)}"]
    assert verify(after) == [newest_hash_broken(where)]
    checked = gridrules("validate", str(pack_copy))
    assert checked.returncode == 2 and f"{pack_copy}/history.yaml: {newest_hash_broken(where)}" in checked.stdout


def test_an_edit_to_a_recorded_hand_edits_reason_is_caught_and_not_chained_in(pack_copy):
    edit(pack_copy / "admission/items.yaml", "hours_per_month: 3\n", "hours_per_month: 4\n")
    record_hand_edit(pack_copy, "更正工作量笔误")
    edit(pack_copy / "history.yaml", "reason: 更正工作量笔误", "reason: 已获批准")
    assert verify(load_pack(pack_copy)) == [newest_hash_broken("change 1 (record dazu-grid)")]
    edit(pack_copy / "admission/items.yaml", "hours_per_month: 4\n", "hours_per_month: 5\n")
    before = (pack_copy / "history.yaml").read_bytes()
    with pytest.raises(ChangeError, match="does not verify .*a new entry would chain the edited one in"):
        record_hand_edit(pack_copy, "再改")  # would hash the forged entry into the chain
    with pytest.raises(ChangeError, match="does not verify"):
        approve(pack_copy, Application.model_validate(CANLIAN), "2026-5", DECIDED)
    assert (pack_copy / "history.yaml").read_bytes() == before


def test_removing_the_newest_entrys_own_hash_is_caught(pack_copy):
    two_changes(pack_copy)
    history = pack_copy / "history.yaml"
    text = history.read_text(encoding="utf-8")
    last = text.rindex("    hash: sha256:")
    history.write_text(text[:last] + text[text.index("\n", last) + 1:], encoding="utf-8")
    problem = "change 2 (reject APP-2026-018): its own hash is missing (the entries before it carry theirs: it was removed)"
    assert verify(load_pack(pack_copy)) == [problem]
    assert load_pack(pack_copy).integrity.drift() == [f"history.yaml: {problem}"]


def test_every_entry_and_the_genesis_carry_their_own_hash(pack_copy):
    two_changes(pack_copy)
    data = load_pack(pack_copy).documents["history.yaml"].data
    for entry in (data["genesis"], *data["changes"]):
        assert entry["hash"] == chain.entry_hash({k: v for k, v in entry.items() if k != "hash"})
    assert data["changes"][1]["previous"] == data["changes"][0]["hash"]


def test_a_history_written_before_entries_carried_their_hash_verifies_and_goes_on_hashed(pack_copy):
    import yaml
    two_changes(pack_copy)
    history = pack_copy / "history.yaml"
    data = load_pack(pack_copy).documents["history.yaml"].data  # as read: dates are text
    # as an older gridrules wrote it: no entry carries its hash; ``previous`` was the hash of the whole entry
    old = {"genesis": {k: v for k, v in data["genesis"].items() if k != "hash"},
           "changes": [{k: v for k, v in c.items() if k != "hash"} for c in data["changes"]]}
    history.write_text(yaml.safe_dump(old, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert verify(load_pack(pack_copy)) == [] and load_pack(pack_copy).integrity.intact
    approve(pack_copy, Application.model_validate(CANLIAN | {"id": "APP-X", "item": "另一项"}), "2026-6", DECIDED,
            override="联席会议决定")
    after = load_pack(pack_copy)
    assert verify(after) == [] and "hash" in after.documents["history.yaml"].data["changes"][-1]


def rewritten_from_genesis(history) -> None:
    """What someone who can write the files can do: change an entry and rehash everything after it."""
    import copy
    import yaml
    data = copy.deepcopy(load_pack(history.parent).documents["history.yaml"].data)  # as read: dates are text
    data["changes"][0]["decision"]["session"] = "2026-4"
    previous = chain.entry_hash(data["genesis"])
    for n, entry in enumerate(data["changes"]):
        entry["previous"] = previous
        data["changes"][n] = chain.sealed(entry)
        previous = data["changes"][n]["hash"]
    history.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_history_rewritten_from_genesis_verifies_only_without_the_published_head(pack_copy):
    two_changes(pack_copy)
    shown = gridrules("history", "head", "--pack", str(pack_copy))
    assert shown.returncode == 0, shown.stderr
    published = json.loads(shown.stdout)
    data = load_pack(pack_copy).documents["history.yaml"].data
    assert published == {"seq": 2, "hash": data["changes"][-1]["hash"], "version": "1.1.1"}
    assert gridrules("history", "verify", "--head", published["hash"], "--pack", str(pack_copy)).returncode == 0
    rewritten_from_genesis(pack_copy / "history.yaml")
    assert gridrules("history", "verify", "--pack", str(pack_copy)).returncode == 0  # the chain alone cannot tell
    caught = gridrules("history", "verify", "--head", published["hash"], "--pack", str(pack_copy))
    assert caught.returncode == 1
    assert f"the published head {published['hash']} is the hash of no entry of this history" in caught.stdout


def test_a_head_published_before_later_changes_still_verifies(pack_copy):
    approve(pack_copy, Application.model_validate(CANLIAN), "2026-5", DECIDED)
    published = json.loads(gridrules("history", "head", "--pack", str(pack_copy)).stdout)
    reject(pack_copy, Application.model_validate(FULIAN), "2026-5", DECIDED, "重复")
    assert json.loads(gridrules("history", "head", "--pack", str(pack_copy)).stdout)["seq"] == 2
    assert gridrules("history", "verify", "--head", published["hash"], "--pack", str(pack_copy)).returncode == 0


def test_an_entry_is_hashed_as_it_reads_back(pack_copy):
    """An amendment's whole float (3.0 hours) is written as 3: its hash is the written entry's, so it verifies."""
    from gridrules.change.workflow import amend
    amend(pack_copy, "L01", {"hours_per_month": 3.0}, "2026-5", DECIDED)
    after = load_pack(pack_copy)
    assert verify(after) == [] and after.integrity.intact
