"""Shared fixtures: the bundled pack, and writable copies of it for breaking."""

from __future__ import annotations

import os
import pathlib
import sys

import pytest
from hypothesis import settings

from gridrules.engine.loading import load_pack
from gridrules.pack.loader import bundled_root, pack_files

TESTS = pathlib.Path(__file__).parent
# tests are grouped in folders that mirror gridrules/ and imported by path (importlib mode);
# their shared helpers (appdocs, packedits) live here
sys.path.insert(0, str(TESTS))
# The suite's older tests read the tool's own messages in the developers' English
# (`--lang en`); the Chinese users see by default is tested where it is the point
# (tests/catalogue/, the transcripts in tests/cli/test_transcripts.py), which set it.
# Subprocesses inherit it.
os.environ["GRIDRULES_LANG"] = "en"

# The property tests explore new examples on every run where people work; CI, the gate a change
# must pass to land, draws the same examples every time (GRIDRULES_HYPOTHESIS=ci, set by .ci/run),
# so a failure there is one anyone can run again, and no example saved on one machine changes it.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.load_profile(os.environ.get("GRIDRULES_HYPOTHESIS", "default"))


@pytest.fixture(scope="session")
def pack():
    return load_pack()


def write_pack_copy(target: pathlib.Path) -> pathlib.Path:
    """Write the bundled pack's policy files into ``target`` and return it."""
    for rel, data in pack_files(bundled_root()):
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return target


@pytest.fixture
def pack_copy(tmp_path: pathlib.Path) -> pathlib.Path:
    return write_pack_copy(tmp_path / "pack")


@pytest.fixture
def decisions_after_today(monkeypatch):
    """For tests that record decisions dated after the machine's clock (the bundled calendar is
    2026's, so their sessions fall in late 2026 and 2027): today reads 2029-12-31 for the rule that
    a decision's date is never in the future (``change.dated``).  Tests of that rule do not use it."""
    import datetime

    from gridrules.change import dated

    monkeypatch.setattr(dated, "today", lambda pack, recorded_at=None: datetime.date(2029, 12, 31))


@pytest.fixture(scope="session")
def terms_root(tmp_path_factory) -> pathlib.Path:
    """A copy of the bundled pack with L18 approved, amended and withdrawn by the workflow
    commands (tests/termspack.py): the example of terms over time.  Read it only; copy to change it."""
    from termspack import build_terms_pack

    return build_terms_pack(tmp_path_factory.mktemp("terms") / "pack")


@pytest.fixture(scope="session")
def terms_pack(terms_root):
    return load_pack(terms_root)
