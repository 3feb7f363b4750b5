"""``gridrules admission new FILE``'s closing hint is the review command as it must be typed."""

from __future__ import annotations

from clirun import run


def test_the_hint_names_the_pack_the_form_was_written_for(capsys, monkeypatch, tmp_path, pack_copy):
    form = tmp_path / "申请 表.yaml"
    code, _, err = run(capsys, monkeypatch, ["admission", "new", str(form), "--pack", str(pack_copy)])
    assert code == 0 and form.exists()
    assert err.strip().endswith(f"gridrules admission review '{form}' --pack {pack_copy}")
    bundled = tmp_path / "b.yaml"
    code, _, err = run(capsys, monkeypatch, ["admission", "new", str(bundled)])
    assert code == 0 and err.strip().endswith(f"gridrules admission review {bundled}")  # the bundled pack: no --pack
