"""Fixtures the service's tests share."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

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
