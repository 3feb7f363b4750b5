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
import logging
import os
import tempfile
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from contextlib import contextmanager
from typing import Callable, Iterator, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from gridrules.catalogue import t
from gridrules.catalogue.syntax import json_problem, os_reason
from gridrules.errors import InputError, Location, Problem, model_problems
from gridrules.pack.journal import fsync_dir
from gridrules.pack.yamlsrc import parse_yaml, utf8_text, without_bom

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
    # at least a second: the deadline runs from the moment the body is read, and a batch is cut short at the
    # first chunk of lines (``decide.CHUNK``) that starts after it; below a second, a server under load (or a
    # decision log a network away) would cut short every batch, however small, before it decided a line
    request_timeout: float = Field(30.0, ge=1, description="Seconds a batch may take before it is cut short "
                                                           "(at least 1).")


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
        text = utf8_text(without_bom(file.read_bytes()), str(file))
        raw = json.loads(text)
    except FileNotFoundError:
        return ServiceConfig()
    except json.JSONDecodeError as exc:
        raise InputError(Problem(t("config.not_json", error=json_problem(exc.msg)),
                                 Location(str(file), exc.lineno, exc.colno))) from None
    try:
        return ServiceConfig.model_validate(raw)
    except ValidationError as exc:
        document, _ = parse_yaml(text, str(file))  # JSON is YAML: read again only to find where each field is
        raise InputError(model_problems(exc, document.locate if document is not None
                                        else lambda _path: Location(str(file)))) from None


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


log = logging.getLogger("gridrules.service")


@dataclass(frozen=True)
class Refusal:
    """The configuration on disk was refused: since when (the moment the first refused version was
    saved, as the file's mtime says), whether a good one read before is kept in force (a worker
    started while the file was refused has none: it holds no token and refuses every request), and
    why (for the server's stderr only, never for a client)."""

    since: datetime
    kept: bool
    problems: str


class ConfigFile:
    """The configuration as the file says now: re-read when its mtime, size or inode change.

    ``gridrules serve`` reads the file before it starts and stops on a bad one, with its message.
    Afterwards a version that does not validate (broken JSON, a limit out of bounds, a file that
    cannot be read) is not taken: the last good configuration stays in force (its limits, its
    tokens), the refusal is said once on stderr (path:line:col, the field) and kept in
    ``refused`` for ``/healthz``, until a good version is saved.  A worker that starts while the
    file is refused (a worker restarted later) has no good version of its own: it takes none
    (no token; every request 401) rather than one that may hold a token revoked since."""

    _UNREAD = ("unread",)

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._stamp: tuple | None = self._UNREAD
        self._config = ServiceConfig()
        self._good = False
        self.refused: Refusal | None = None
        self._lock = threading.Lock()
        self.current()

    def _stat(self) -> tuple | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def current(self) -> ServiceConfig:
        if self._stat() != self._stamp:
            with self._lock:  # requests run on threads: one reads the new version (and says once it is refused)
                stamp = self._stat()
                if stamp != self._stamp:
                    try:
                        config = load_config(self.path)
                    except (InputError, OSError) as exc:
                        self._refuse(stamp, exc)
                    else:
                        self._config, self._good, self.refused = config, True, None
                    self._stamp = stamp
        return self._config

    def _refuse(self, stamp: tuple | None, exc: InputError | OSError) -> None:
        if isinstance(exc, InputError):
            problems = "\n".join(f"  {problem}" for problem in exc.problems)
        else:
            problems = f"  {self.path}: {t('config.unreadable', reason=os_reason(exc))}"
        since = self.refused.since if self.refused is not None else datetime.fromtimestamp(
            (stamp[0] if stamp else 0) / 1e9, timezone.utc)
        self.refused = Refusal(since, self._good, problems)
        key = "config.refused" if self._good else "config.refused_none"
        log.warning("%s\n%s", t(key, path=self.path, pid=os.getpid()), problems)
