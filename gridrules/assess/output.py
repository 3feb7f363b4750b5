"""Writing an output file whole or not at all: to a temporary file beside it, then moved into place."""

from __future__ import annotations

import os
import tempfile
from typing import Callable

from gridrules.errors import OutputError


def write_atomically(path: str, write: Callable[[str], None]) -> None:
    """``write(temporary_path)`` fills a temporary file in the target's folder, which then replaces ``path``."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        handle, temporary = tempfile.mkstemp(suffix=os.path.splitext(path)[1], dir=folder)
    except OSError as exc:  # its folder missing or closed to us
        raise OutputError(path, exc) from None
    os.close(handle)
    try:
        write(temporary)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)  # as an ordinary new file, not mkstemp's 0600
        os.replace(temporary, path)
    except BaseException as exc:
        if os.path.exists(temporary):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise OutputError(path, exc) from None
        raise
