"""Fixtures the service's tests share."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from logstores import BACKENDS, log_url

from gridrules.service.app import create_app
from servicekit import bearer, write_config


@pytest.fixture
def served(tmp_path, pack_copy):
    """The app in process, on a copy of the bundled pack with a SQLite decision log: its client, and the
    headers of a token of each role (``as_("auditor")``)."""
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    client = TestClient(create_app(str(pack_copy), config, log_url=f"sqlite:///{tmp_path / 'log.sqlite'}"),
                        raise_server_exceptions=False)
    return client, (lambda role: bearer(secrets[role]))


@pytest.fixture(params=BACKENDS)
def logged(request, tmp_path, pack_copy):
    """The app in process with its decision log on each backend (SQLite, a real PostgreSQL): its client,
    the token of each role, and the log's URL."""
    url = log_url(request.param, tmp_path)
    secrets = write_config(tmp_path / "serve.json")
    with TestClient(create_app(str(pack_copy), tmp_path / "serve.json", url)) as client:
        yield client, secrets, url
