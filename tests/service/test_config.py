"""The service's configuration file: changed under a lock beside it, re-read inside the lock."""

from __future__ import annotations

import threading

from gridrules.service import config as config_module, tokens
from gridrules.service.config import ServiceConfig, config_locked, load_config, lock_path, save_config, update_config


def _issue(role: str, seen: list[str], inside: threading.Event | None = None, go: threading.Event | None = None):
    def change(config: ServiceConfig):
        seen.append(role)
        if inside is not None and go is not None:
            inside.set()
            go.wait(10)
        new, record, _secret = tokens.issue(config, role)
        return new, record.id
    return change


def test_two_changes_at_once_queue_and_neither_is_lost(tmp_path):
    path = tmp_path / "serve.json"
    seen: list[str] = []
    inside, go, second_reading = threading.Event(), threading.Event(), threading.Event()
    first = threading.Thread(target=update_config, args=(path, _issue("dispatch", seen, inside, go)))
    first.start()
    assert inside.wait(10)  # the first change has read the file and holds the lock

    def second_change(config):
        second_reading.set()
        return _issue("auditor", seen)(config)

    second = threading.Thread(target=update_config, args=(path, second_change))
    second.start()
    assert not second_reading.wait(0.5), "the second change read the file while the first one held it"
    go.set()
    first.join(10)
    second.join(10)
    assert seen == ["dispatch", "auditor"]
    assert sorted(r.role for r in load_config(path).tokens) == ["auditor", "dispatch"]
    assert (path.stat().st_mode & 0o777) == 0o600 and (lock_path(path).stat().st_mode & 0o777) == 0o600


def test_a_change_that_fails_writes_nothing(tmp_path):
    path = tmp_path / "serve.json"
    save_config(path, ServiceConfig(cors_origins=["https://a.example"]))
    before = path.read_bytes()

    def broken(_config):
        raise RuntimeError("no")

    try:
        update_config(path, broken)
    except RuntimeError:
        pass
    assert path.read_bytes() == before


def test_revoke_waits_for_the_lock_and_keeps_a_token_issued_meanwhile(tmp_path, monkeypatch, capsys):
    """A revocation racing an issue: the revoked token stays revoked and the issued one stays issued."""
    from gridrules.cli.main import main

    path = tmp_path / "serve.json"
    victim_config, victim, _ = tokens.issue(ServiceConfig(), "auditor")
    save_config(path, victim_config)
    read = threading.Event()
    real_load = config_module.load_config

    def watched_load(where):
        read.set()
        return real_load(where)

    monkeypatch.setattr(config_module, "load_config", watched_load)
    monkeypatch.setattr("gridrules.cli.token.load_config", watched_load, raising=False)
    codes: list[int] = []
    with config_locked(path):
        revoking = threading.Thread(target=lambda: codes.append(main(["token", "revoke", victim.id, "--config", str(path)])))
        revoking.start()
        assert not read.wait(0.5), "revoke read the configuration while another command held its lock"
        meanwhile, issued, _ = tokens.issue(real_load(path), "dispatch")  # another command's issue, finishing now
        save_config(path, meanwhile)
    revoking.join(20)
    assert codes == [0]
    assert [(r.id, r.revoked) for r in real_load(path).tokens] == [(victim.id, True), (issued.id, False)]


def test_a_batch_time_limit_below_a_second_is_refused_naming_the_field(tmp_path):
    """0.001 s (or 0) would cut every batch short before its first line: refused where it is written."""
    import pytest

    from gridrules.catalogue import set_language
    from gridrules.errors import InputError

    path = tmp_path / "serve.json"
    set_language("zh")
    try:
        for tiny in ("0", "0.001", "0.5"):
            path.write_text('{"limits": {\n  "request_timeout": ' + tiny + "}}", encoding="utf-8")
            with pytest.raises(InputError) as refused:
                load_config(path)
            assert str(refused.value) == f"{path}:2:22: limits.request_timeout: 不能小于 1"
        path.write_text('{"limits": {"request_timeout": 1}}', encoding="utf-8")
        assert load_config(path).limits.request_timeout == 1
    finally:
        set_language(None)
