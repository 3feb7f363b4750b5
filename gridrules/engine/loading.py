"""Load a pack that is sure to decide: read and validate it, then compile it.

``gridrules.pack.loader`` reads and validates (three layers); compiling is the
last check, since only the compiler knows what the engine can hold.  Everything
that loads a pack to use it comes through here, so a pack that loads (and
``gridrules validate`` accepts) always decides.  A Pack is immutable, so its
compiled rulesets are kept with it and a Checker does not compile it again.
"""

from __future__ import annotations

import os
import threading
import weakref

from gridrules.engine.compiler import CompiledPack, compile_pack
from gridrules.engine.gcpause import collector_paused
from gridrules.pack.loader import Reusable, read_files, read_pack
from gridrules.pack.pack import Pack

_compiled: "weakref.WeakKeyDictionary[Pack, CompiledPack]" = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def compiled(pack: Pack) -> CompiledPack:
    """The rulesets of ``pack``, compiled once per Pack; ``PackError`` if it cannot decide."""
    with _lock:
        found = _compiled.get(pack)
    if found is None:
        with collector_paused():  # compiling allocates much and frees little (gcpause.py)
            found = compile_pack(pack)
        with _lock:
            found = _compiled.setdefault(pack, found)
    return found


# Loading and compiling allocate much and free little: the cyclic collector is
# paused meanwhile (gcpause.py).
def load_pack(path: str | os.PathLike | None = None) -> Pack:
    """The bundled pack (``path=None``) or the pack in a folder, validated and compiled."""
    with collector_paused():
        pack = read_pack(path)
        compiled(pack)
    return pack


def load_files(files: list[tuple[str, bytes]], shown: str, reuse: Reusable | None = None) -> Pack:
    """A pack given as (relative path, bytes), validated and compiled; used for proposed edits
    (``reuse``: files already parsed, see ``read_files``)."""
    with collector_paused():
        pack = read_files(files, shown, reuse)
        compiled(pack)
    return pack
