"""Tokens: issued once in clear, stored as digests, checked against every record, revoked."""

from __future__ import annotations

import json

import pytest

from gridrules.errors import InputError
from gridrules.service import tokens
from gridrules.service.config import ServiceConfig, load_config


def test_a_token_names_its_role_and_only_its_digest_is_kept(pack):
    config, record, secret = tokens.issue(ServiceConfig(), "department:minzheng", "民政局派单接口", pack)
    assert secret.startswith("grs_") and len(secret) > 40 and secret not in record.model_dump_json()
    assert tokens.verify(config, secret) == tokens.Principal(record.id, "department", "minzheng")
    assert tokens.verify(config, secret + "x") is None and tokens.verify(config, "") is None
    config, other, second = tokens.issue(config, "secretariat")
    assert tokens.verify(config, second).role == "secretariat"
    assert tokens.verify(tokens.revoke(config, record.id), secret) is None


@pytest.mark.parametrize("role", ["admin", "department", "department:", "town:Tangxiang", "dispatch:x"])
def test_a_role_that_does_not_exist_is_refused(role):
    with pytest.raises(InputError, match="not a role"):
        tokens.parse_role(role)


def test_an_id_the_pack_does_not_know_is_refused(pack):
    with pytest.raises(InputError, match="unknown town 'nowhere'"):
        tokens.parse_role("town:nowhere", pack)
    with pytest.raises(InputError, match="no token"):
        tokens.revoke(ServiceConfig(), "tok-00000000")


def test_a_scope_is_given_by_name_and_kept_by_id(pack):
    """A clerk's department or a town by its name, as every other command reads it: the token
    keeps the id (what the service checks); a name of nothing, or of several, is refused."""
    config, record, secret = tokens.issue(ServiceConfig(), "department:民政局", None, pack)
    assert record.role == "department:minzheng"
    assert tokens.verify(config, secret) == tokens.Principal(record.id, "department", "minzheng")
    assert tokens.issue(config, "town:棠香街道", None, pack)[1].role == "town:tangxiang"
    with pytest.raises(InputError) as caught:
        tokens.issue(config, "department:民证", None, pack)
    assert [(p.field, p.message) for p in caught.value.problems] == [("--role", "unknown department '民证'")]
    with pytest.raises(InputError, match="may mean several department"):
        tokens.issue(config, "department:管理", None, pack)
    with pytest.raises(InputError, match="not a role"):  # a name is read only where an id may go
        tokens.issue(config, "auditor:民政局", None, pack)


def test_issue_list_revoke_on_the_command_line(capsys, tmp_path):
    from gridrules.cli.main import main

    config = tmp_path / "serve.json"
    assert main(["token", "issue", "--role", "town:棠香", "--note", "棠香街道", "--config", str(config)]) == 0
    issued = capsys.readouterr()
    secret = issued.out.strip()
    assert "town:tangxiang (棠香街道)" in issued.err  # kept by id, shown with its name
    stored = config.read_text()
    assert secret not in stored and (config.stat().st_mode & 0o777) == 0o600
    assert main(["token", "list", "--config", str(config), "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(t["role"], t["note"]) for t in listed] == [("town:tangxiang", "棠香街道")] and "sha256" not in listed[0]
    assert listed[0]["issued_at"].endswith("+08:00")  # in the district's time (the pack's), as a secretary reads it
    assert main(["token", "list", "--config", str(config), "--lang", "zh"]) == 0
    assert "town:tangxiang（棠香街道）" in capsys.readouterr().out  # the role's town by its name, as issue says it
    assert main(["token", "issue", "--role", "town:nowhere", "--config", str(config)]) == 2
    assert main(["token", "revoke", listed[0]["id"], "--config", str(config)]) == 0
    [kept] = load_config(config).tokens  # listed still, as revoked (the log's records name its id)
    assert kept.id == listed[0]["id"] and kept.revoked_at is not None


def test_a_broken_configuration_is_reported_with_its_path(tmp_path):
    config = tmp_path / "serve.json"
    config.write_text('{"tokens": [{"id": "x"}]}')
    with pytest.raises(InputError) as caught:
        load_config(config)
    assert str(config) in str(caught.value)


def test_a_configuration_saved_with_a_byte_order_mark_is_read(tmp_path):
    config = tmp_path / "serve.json"
    config.write_bytes(b"\xef\xbb\xbf" + b'{"cors_origins": ["https://dispatch.example"]}')  # Notepad's UTF-8
    assert load_config(config).cors_origins == ["https://dispatch.example"]


def test_a_leaked_token_is_revoked_by_itself_and_never_echoed(capsys, tmp_path):
    """An admin holding a leaked token revokes it by the token (hashed as the store keeps it); no message
    repeats a token, only its fingerprint, which ``token list`` shows too (the first characters of its SHA-256)."""
    import hashlib

    from gridrules.cli.main import main

    config = tmp_path / "serve.json"
    for role in ("dispatch", "auditor"):
        assert main(["token", "issue", "--role", role, "--config", str(config)]) == 0
    secrets = [line for line in capsys.readouterr().out.split() if line.startswith("grs_")]
    leaked, kept = secrets
    fingerprint = hashlib.sha256(leaked.encode()).hexdigest()[:12]
    assert main(["token", "list", "--config", str(config), "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [t["fingerprint"] for t in listed] == [hashlib.sha256(s.encode()).hexdigest()[:12] for s in secrets]
    assert main(["token", "list", "--config", str(config)]) == 0
    assert fingerprint in capsys.readouterr().out
    assert main(["token", "revoke", leaked, "--config", str(config)]) == 0
    said = capsys.readouterr()
    assert leaked not in said.out + said.err and listed[0]["id"] in said.err
    assert [r.id for r in load_config(config).tokens if not r.revoked] == [listed[1]["id"]]
    assert main(["token", "revoke", leaked, "--config", str(config)]) == 0  # revoked already: said so, by its id
    said = capsys.readouterr()
    assert leaked not in said.out + said.err and listed[0]["id"] in said.err
    never = "grs_never-issued"
    assert main(["token", "revoke", never, "--config", str(config)]) == 2  # said by fingerprint
    said = capsys.readouterr()
    assert never not in said.out + said.err and hashlib.sha256(never.encode()).hexdigest()[:12] in said.err
    assert main(["token", "revoke", "tok-00000000", "--config", str(config)]) == 2
    assert "tok-00000000" in capsys.readouterr().err  # an id is no secret: named as given
    assert tokens.verify(load_config(config), kept) is not None
