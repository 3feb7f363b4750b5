"""The collector is paused while a pack is built, and always comes back as it was."""

import gc
import threading

import pytest

from gridrules import load_pack
from gridrules.errors import PackError
from gridrules.engine.gcpause import collector_paused
from gridrules.engine.loading import load_files


@pytest.fixture(autouse=True)
def collector_restored():
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


def test_paused_inside_and_running_after():
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_nested_pauses_resume_only_at_the_outermost():
    gc.enable()
    with collector_paused():
        with collector_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_the_caller_disabled_stays_disabled():
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_resumes_when_the_body_raises():
    gc.enable()
    with pytest.raises(PackError):
        load_files([("pack.yaml", b"name: [unclosed\n")], "broken")
    assert gc.isenabled()


def test_overlapping_pauses_in_threads_leave_it_running():
    gc.enable()
    inside, seen = threading.Barrier(2), threading.Barrier(2)
    states = []

    def worker():
        with collector_paused():
            inside.wait()  # both pauses have begun
            states.append(gc.isenabled())
            seen.wait()  # both have looked before either ends

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert states == [False, False]
    assert gc.isenabled()


def test_loading_the_bundled_pack_leaves_the_collector_running():
    gc.enable()
    load_pack()
    assert gc.isenabled()


def _full_collections_during(action) -> int:
    seen = []

    def watch(phase, info):
        if phase == "stop" and info["generation"] == 2:
            seen.append(info)

    gc.callbacks.append(watch)
    try:
        action()
    finally:
        gc.callbacks.remove(watch)
    return len(seen)


def test_a_pause_that_added_many_objects_ends_with_one_full_collection(monkeypatch):
    import gridrules.engine.gcpause as gcpause

    monkeypatch.setattr(gcpause, "LARGE", 1_000)
    gc.enable()
    kept = []

    def build_much():
        with collector_paused():
            kept.extend([i] for i in range(5_000))

    def build_little():
        with collector_paused():
            kept.extend([i] for i in range(100))

    gc.collect()
    assert _full_collections_during(build_much) == 1
    gc.collect()
    assert _full_collections_during(build_little) == 0
