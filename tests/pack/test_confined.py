"""Hostile packs: links, FIFOs, devices and huge files are refused, never followed or read whole."""

from __future__ import annotations

import os
import shutil

import pytest

from appdocs import CANLIAN, gridrules, snapshot, write_app
from gridrules.contract.application import Application
from gridrules.change.workflow import approve
from gridrules.engine.loading import load_pack
from gridrules.errors import PackError
from gridrules.pack import confined

pytestmark = pytest.mark.usefixtures("decisions_after_today")  # sessions dated after the machine clock

ITEMS = "admission/items.yaml"


def refused(root) -> str:
    with pytest.raises(PackError) as caught:
        load_pack(root)
    return str(caught.value)


def test_a_fifo_in_the_pack_is_refused_without_hanging(pack_copy):
    (pack_copy / ITEMS).unlink()
    os.mkfifo(pack_copy / ITEMS)
    checked = gridrules("validate", str(pack_copy), timeout=60)  # it used to block forever opening the FIFO
    assert checked.returncode == 2
    assert f"{pack_copy}/{ITEMS}: a FIFO (named pipe): a rule pack holds plain files only" in checked.stdout
    assert "Traceback" not in checked.stderr


def test_a_link_to_dev_zero_is_refused_without_reading_it(pack_copy):
    (pack_copy / "risk.yaml").unlink()
    (pack_copy / "risk.yaml").symlink_to("/dev/zero")
    assert f"{pack_copy}/risk.yaml: a symbolic link" in refused(pack_copy)


def test_a_link_to_a_plain_file_outside_is_refused_too(pack_copy, tmp_path):
    outside = tmp_path / "outside.yaml"
    shutil.copy(pack_copy / ITEMS, outside)
    (pack_copy / ITEMS).unlink()
    (pack_copy / ITEMS).symlink_to(outside)
    assert f"{ITEMS}: a symbolic link" in refused(pack_copy)


def test_a_linked_folder_is_refused_and_nothing_is_written_through_it(pack_copy, tmp_path):
    outside = tmp_path / "elsewhere"
    shutil.move(pack_copy / "admission", outside)
    (pack_copy / "admission").symlink_to(outside)
    before = snapshot(outside)
    assert f"{pack_copy}/admission: a symbolic link" in refused(pack_copy)
    with pytest.raises(PackError):
        approve(pack_copy, Application.model_validate(CANLIAN), "2026-5", __import__("datetime").date(2026, 12, 18))
    assert snapshot(outside) == before
    assert (pack_copy / "admission").is_symlink()  # not replaced by a plain folder either


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(pack_copy):
    with open(pack_copy / "organization/registry.yaml", "r+b") as handle:
        handle.truncate(confined.MAX_FILE_BYTES + 1)  # sparse: costs no disk
    message = refused(pack_copy)
    assert f"registry.yaml: the file is {confined.MAX_FILE_BYTES + 1:,} bytes; a pack file may hold at most" in message


def test_read_file_never_reads_past_the_limit(pack_copy):
    assert confined.read_file(pack_copy, "pack.yaml") == (pack_copy / "pack.yaml").read_bytes()
    with pytest.raises(PackError, match="may hold at most 10 bytes"):
        confined.read_file(pack_copy, "pack.yaml", limit=10)


@pytest.mark.parametrize("rel", ["../x.yaml", "/etc/passwd", "a/../../x.yaml", "", "a//b.yaml", "./pack.yaml", 3, None])
def test_inside_refuses_paths_that_leave_the_pack(pack_copy, rel):
    assert confined.inside(pack_copy, rel) is None


def test_inside_refuses_paths_through_links(pack_copy, tmp_path):
    (pack_copy / "elsewhere").symlink_to(tmp_path)
    assert confined.inside(pack_copy, "elsewhere/2027.yaml") is None
    assert confined.inside(pack_copy, "admission/items.yaml") == pack_copy / "admission/items.yaml"
    assert confined.inside(pack_copy, "new/folder/x.yaml") == pack_copy / "new/folder/x.yaml"  # still to be made


def test_an_approval_keeps_each_files_permissions(pack_copy, tmp_path):
    os.chmod(pack_copy / ITEMS, 0o640)
    os.chmod(pack_copy / "pack.yaml", 0o664)
    checked = gridrules("admission", "approve", write_app(tmp_path, CANLIAN), "--session", "2026-5",
                        "--date", "2026-11-18", "--pack", str(pack_copy))
    assert checked.returncode == 0, checked.stderr
    assert "L18" in (pack_copy / ITEMS).read_text(encoding="utf-8")
    assert oct(os.stat(pack_copy / ITEMS).st_mode & 0o777) == oct(0o640)
    assert oct(os.stat(pack_copy / "pack.yaml").st_mode & 0o777) == oct(0o664)


@pytest.mark.skipif(len(set(os.getgroups()) - {os.getegid()}) == 0, reason="needs a second group to move files to")
def test_an_approval_keeps_each_files_group(pack_copy, tmp_path):
    other = sorted(set(os.getgroups()) - {os.getegid()})[0]
    os.chown(pack_copy / ITEMS, -1, other)
    approve(pack_copy, Application.model_validate(CANLIAN), "2026-5", __import__("datetime").date(2026, 12, 18))
    assert os.stat(pack_copy / ITEMS).st_gid == other


def test_a_link_in_the_packs_cases_is_refused_by_validate(pack_copy, tmp_path):
    (pack_copy / "cases").mkdir()
    (pack_copy / "cases" / "evil.yaml").symlink_to("/etc/passwd")
    assert f"{pack_copy}/cases/evil.yaml: a symbolic link" in refused(pack_copy)
    (pack_copy / "cases" / "evil.yaml").unlink()
    (pack_copy / "cases").rmdir()
    (pack_copy / "cases").symlink_to(tmp_path)
    assert f"{pack_copy}/cases: a symbolic link" in refused(pack_copy)
