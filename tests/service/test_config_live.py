"""The service's configuration is read while serving: a version saved with a mistake is not taken.

A real ``gridrules serve``: the operator saves a configuration that does not validate (a limit
below its bound, then broken JSON) while it runs.  The service keeps the last good one (its
limits, its tokens), says so on its stderr at the file's line and column, and ``/healthz`` says
the configuration on disk is refused and since when (still 200: it serves correctly); no client
sees the server's path or the configuration's problems.  Tokens saved in a good version are
taken at once, and a revoked one is refused at once."""

from __future__ import annotations

import json
import os
from datetime import datetime

import httpx
from fastapi.testclient import TestClient

from gridrules.service import tokens
from gridrules.service.app import create_app
from gridrules.service.config import ServiceConfig, load_config, save_config
from servicekit import EVENT, bearer, serve, stop, write_config


def _saved(path, text: str) -> None:
    """Save as an editor does, with a new mtime even within the same clock tick."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


def test_a_bad_configuration_saved_while_serving_keeps_the_last_good_one(tmp_path, pack_copy):
    config = tmp_path / "serve.json"
    secrets = write_config(config, limits={"max_batch_lines": 5})
    dispatch = bearer(secrets["dispatch"])
    process, base = serve(pack_copy, config, "--log", "off")
    try:
        good = json.loads(config.read_text(encoding="utf-8"))
        # valid JSON, a limit below its bound (1024 bytes) and one that would refuse the batch below
        bad = json.dumps(good | {"limits": {"max_body_bytes": 100, "max_batch_lines": 1}}, indent=2)
        _saved(config, bad)
        saved_at = config.stat().st_mtime
        line = next(n for n, text in enumerate(bad.splitlines(), 1) if '"max_body_bytes"' in text)
        where = f"{config}:{line}:{bad.splitlines()[line - 1].index('100') + 1}"
        three = "\n".join(json.dumps(EVENT | {"id": f"EV-{i}"}) for i in range(3)).encode()
        for _ in range(2):  # and again: the refusal stays, it is not re-read into a failure
            r = httpx.get(f"{base}/v1/pack", headers=dispatch, timeout=30)
            assert r.status_code == 200, r.text
            assert str(config) not in r.text and "serve.json" not in r.text
            r = httpx.post(f"{base}/v1/events/route-batch", content=three, timeout=30,
                           headers=dispatch | {"content-type": "application/x-ndjson"})
            assert r.status_code == 200 and len(r.text.splitlines()) == 3, r.text  # the old limits: 5 lines, 4 MB
        health = httpx.get(f"{base}/healthz", timeout=30)
        assert health.status_code == 200
        body = health.json()
        assert body["status"] == "ok" and body["config"] == "refused"
        since = body["config_refused_since"]
        assert abs(datetime.fromisoformat(since).timestamp() - saved_at) < 0.01  # when the refused one was saved
        assert "serve.json" not in health.text and "max_body_bytes" not in health.text

        _saved(config, '{"tokens": [')  # broken JSON: the same, and still the same since
        assert httpx.get(f"{base}/v1/pack", headers=dispatch, timeout=30).status_code == 200
        body = httpx.get(f"{base}/healthz", timeout=30).json()
        assert body["config"] == "refused" and body["config_refused_since"] == since

        # a good version is taken at once: a token issued in it works, one revoked in it is refused
        fixed, _record, newcomer = tokens.issue(load_config_from(good), "auditor")
        fixed.tokens = [t for t in fixed.tokens if t.role != "dispatch"]
        save_config(config, fixed)
        assert httpx.get(f"{base}/v1/pack", headers=bearer(newcomer), timeout=30).status_code == 200
        assert httpx.get(f"{base}/v1/pack", headers=dispatch, timeout=30).status_code == 401
        body = httpx.get(f"{base}/healthz", timeout=30).json()
        assert body["config"] == "ok" and body["config_refused_since"] is None
    finally:
        stop(process)
    err = process.stderr.read() if process.stderr else ""
    assert f"{where}: limits.max_body_bytes: " in err, err  # where, which field, the catalogue's words
    assert f"{config}:1:13: not a JSON configuration" in err, err
    assert err.count("is refused; worker") == 2, err  # once for each version, not once a request
    assert "Traceback" not in err


def load_config_from(data: dict) -> ServiceConfig:
    return ServiceConfig.model_validate(data)


def test_a_worker_started_while_the_configuration_is_refused_takes_none(tmp_path, pack_copy):
    """No good version of its own (a worker restarted while the file is broken): it accepts no token --
    not one it may have been revoked since -- and /healthz says 503, so a load balancer skips it."""
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    config.write_text(config.read_text(encoding="utf-8").replace('"tokens"', '"tokenz"', 1), encoding="utf-8")
    with TestClient(create_app(str(pack_copy), config, log_url="off"), raise_server_exceptions=False) as client:
        health = client.get("/healthz")
        assert health.status_code == 503, health.text
        assert health.json()["status"] == "config_refused" and health.json()["config"] == "refused"
        r = client.get("/v1/pack", headers=bearer(secrets["dispatch"]))
        assert r.status_code == 401 and str(config) not in r.text
        save_config(config, load_config_from(json.loads(config.read_text(encoding="utf-8").replace(
            '"tokenz"', '"tokens"', 1))))
        assert client.get("/healthz").status_code == 200
        assert client.get("/v1/pack", headers=bearer(secrets["dispatch"])).status_code == 200
    assert load_config(config).tokens
