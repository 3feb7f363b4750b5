"""The service's configuration file: hashed tokens, limits, CORS, where applications wait.

A JSON file the operator keeps beside the deployment (``gridrules token`` writes
it; nothing else does).  It holds no token in clear, only SHA-256 digests of
256-bit random tokens.  It is replaced atomically, so a running service that
re-reads it on change (``ConfigFile``) never sees half a file, and every change to
it (``update_config``) is a read-modify-write under an exclusive lock on a lock
file beside it (``.<name>.lock``), re-reading the file inside the lock: two
``gridrules token`` commands at once queue, and neither loses the other's token
or brings back a token the other revoked.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from contextlib import contextmanager
from typing import Callable, Iterator, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from gridrules.catalogue import t
from gridrules.catalogue.syntax import json_problem
from gridrules.errors import InputError, Location, Problem, model_problems
from gridrules.pack.journal import fsync_dir
from gridrules.pack.yamlsrc import utf8_text, without_bom

DEFAULT_PATH = "gridrules-serve.json"
T = TypeVar("T")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TokenRecord(Strict):
    id: str = Field(pattern=r"^tok-[0-9a-f]{8}$")
    role: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    issued_at: str
    note: str | None = None
    # when it was revoked (``gridrules token revoke``): kept, so that ``token list`` and an investigation of
    # the decision log (each record names its token's id) still find it; a revoked token is refused
    revoked_at: str | None = None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


class Limits(Strict):
    max_body_bytes: int = Field(4 * 1024 * 1024, ge=1024, description="Largest request body accepted.")
    max_upload_bytes: int = Field(64 * 1024 * 1024, ge=1024, description=(
        "Largest file a page's form uploads (the dashboard's records: a district's year of events)."))
    max_batch_lines: int = Field(20_000, ge=1, description="Most lines in one NDJSON batch.")
    request_timeout: float = Field(30.0, gt=0, description="Seconds a batch may take before it is cut short.")


class ServiceConfig(Strict):
    tokens: list[TokenRecord] = Field(default_factory=list)
    limits: Limits = Field(default_factory=Limits)
    cors_origins: list[str] = Field(default_factory=list, description="Origins allowed by CORS; none: CORS off.")
    applications: str | None = Field(None, description="Folder for departments' applications "
                                                       "(default: 'applications' beside this file).")


def load_config(path: str | os.PathLike) -> ServiceConfig:
    """The configuration in ``path``; a missing file is an empty configuration (no tokens: no access)."""
    file = Path(path)
    try:
        # a byte order mark at the start is no character; GBK or UTF-16 said so (``utf8_text``)
        raw = json.loads(utf8_text(without_bom(file.read_bytes()), str(file)))
    except FileNotFoundError:
        return ServiceConfig()
    except json.JSONDecodeError as exc:
        raise InputError(Problem(t("config.not_json", error=json_problem(exc.msg)),
                                 Location(str(file), exc.lineno, exc.colno))) from None
    try:
        return ServiceConfig.model_validate(raw)
    except ValidationError as exc:
        raise InputError(model_problems(exc, lambda _path: Location(str(file)))) from None


def save_config(path: str | os.PathLike, config: ServiceConfig) -> None:
    """Write the configuration atomically (temporary file, fsync, rename), readable by its owner only."""
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(config.model_dump(mode="json", exclude_none=True), ensure_ascii=False, indent=2) + "\n"
    fd, tmp = tempfile.mkstemp(prefix=f".{file.name}.", dir=file.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, file)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(file.parent)


def lock_path(path: str | os.PathLike) -> Path:
    """The lock file beside the configuration (created once, never replaced)."""
    file = Path(path)
    return file.with_name(f".{file.name}.lock")


@contextmanager
def config_locked(path: str | os.PathLike) -> Iterator[None]:
    """Hold the configuration's exclusive lock (the pack's ``locked``, on the lock file beside it)."""
    from gridrules.change.store import locked

    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    lock = lock_path(file)
    os.close(os.open(lock, os.O_CREAT | os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0), 0o600))
    with locked(lock, shown=file):
        yield


def update_config(path: str | os.PathLike, change: Callable[[ServiceConfig], tuple[ServiceConfig, T]]) -> T:
    """Change the configuration: under its lock, read it as it is now, let ``change`` compute
    the new one (and anything it hands back), write it atomically; if ``change`` raises,
    nothing is written."""
    with config_locked(path):
        new, result = change(load_config(path))
        save_config(path, new)
    return result


def applications_dir(path: str | os.PathLike, config: ServiceConfig) -> Path:
    base = Path(path).resolve().parent
    return base / (config.applications or "applications")


class ConfigFile:
    """The configuration as the file says now: re-read when its mtime, size or inode change."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._stamp: tuple | None = None
        self._config = ServiceConfig()
        self.current()

    def _stat(self) -> tuple | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def current(self) -> ServiceConfig:
        stamp = self._stat()
        if stamp != self._stamp:
            self._config = load_config(self.path)
            self._stamp = stamp
        return self._config
