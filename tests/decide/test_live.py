"""The live pack (gridrules/decide/live.py): a pack published by copying its files in.

A deployment publishes a new pack version with ``git pull`` (or ``rsync``, ``cp -r``) into the folder
the service serves.  Those write the files one by one, ``pack.yaml`` among them in path order, before
``powers/``, ``responsibilities/`` and ``risk.yaml``; a change recorded by the tool always writes it, and
its other files may come after it.  The reader that saw ``pack.yaml`` change read a mix of the two
versions -- it loads: the pack's digest then matches neither -- and, since it looked only at
``pack.yaml``, it kept deciding with that mix after the rest had arrived, until a restart."""

from __future__ import annotations

import shutil

from conftest import write_pack_copy
from gridrules.decide.live import LivePack
from gridrules.engine.loading import load_pack
from packedits import published

def test_a_pack_copied_in_with_its_pack_yaml_first_is_read_again_when_the_rest_arrives(capsys, monkeypatch, tmp_path):
    served, new, changed = published(capsys, monkeypatch, tmp_path)
    live = LivePack(served)
    old = live.current().digest
    shutil.copy(new / "pack.yaml", served / "pack.yaml")
    mixed = live.current().digest  # a request's one stat sees pack.yaml: the mix is read, as it was
    for rel in changed[1:]:
        shutil.copy(new / rel, served / rel)
    assert live.current().digest == mixed  # a request still looks at pack.yaml alone
    assert live.current(whole=True).digest == load_pack(new).info.digest != old  # the watcher's look
    assert live.problem is None


def test_the_watchers_look_reads_nothing_again_while_nothing_changed(tmp_path):
    live = LivePack(write_pack_copy(tmp_path / "pack"))
    first = live.current()
    assert not live.stale(whole=True) and live.current(whole=True) is first
