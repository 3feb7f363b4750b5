"""The application factory: one FastAPI app over one pack folder and one configuration file.

``create_app`` is what tests and ``gridrules serve`` with one worker use;
several uvicorn workers each import ``from_environment`` (uvicorn's factory
mode), reading the pack folder and configuration file from the environment.
"""

from __future__ import annotations

import asyncio
import os
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator

from fastapi import Depends, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

import gridrules

from gridrules.catalogue import t
from gridrules.log import open_log
from gridrules.log.group import GroupCommit
from gridrules.log.open import DEFAULT_NAME, default_url

from . import answers, decide, decisionlog, docs, idempotency, lists, temporary, workflow
from .access import AccessLog
from .answers import answer
from .applications import ApplicationStore, Conflict
from .auth import bearer
from .config import ConfigFile, Refusal, ServiceConfig, applications_dir
from .live import LivePack, Snapshot
from .requests import RequestLanguage, RequestLimits, known_query, snapshot

PACK_ENV = "GRIDRULES_SERVE_PACK"
CONFIG_ENV = "GRIDRULES_SERVE_CONFIG"
LOG_ENV = "GRIDRULES_SERVE_LOG"
NO_LOG = "off"  # --log off: decisions are answered without being logged


def default_log_url(pack_dir: str | None, config_path: str | os.PathLike) -> str:
    """The decision log by default: a SQLite file next to the pack folder (the bundled pack,
    inside the installation, has its log next to the configuration file instead)."""
    if pack_dir:
        return default_url(pack_dir)
    return f"sqlite:///{os.path.join(os.path.dirname(os.path.abspath(config_path)), DEFAULT_NAME)}"


class Service:
    """What every request reads: the live pack, the configuration, the waiting applications."""

    def __init__(self, pack_dir: str | None, config_path: str | os.PathLike, log_url: str | None = None):
        self.pack_dir = pack_dir
        self.config_file = ConfigFile(config_path)
        self.live = LivePack(pack_dir)
        self._applications = ApplicationStore(applications_dir(config_path, self.config()))
        # None: the default log; "" is refused by open_log (an unset variable must not mean another log)
        url = default_log_url(pack_dir, config_path) if log_url is None else log_url
        self.log = None if url == NO_LOG else GroupCommit(open_log(url))

    def config(self) -> ServiceConfig:
        """The configuration in force: the file's, or its last good version while the file's is refused."""
        return self.config_file.current()

    @property
    def applications(self) -> ApplicationStore:
        """The waiting applications, in the folder the configuration in force names now: a changed
        ``applications`` applies from the next request, as the limits and the tokens do (no restart)."""
        folder = applications_dir(self.config_file.path, self.config())
        if folder != self._applications.root:  # requests share the attribute: a swap is one assignment
            self._applications = ApplicationStore(folder)
        return self._applications

    def config_refused(self) -> Refusal | None:
        """Whether (and since when) the file's configuration is refused, looked at now."""
        self.config_file.current()
        return self.config_file.refused


WATCH_SECONDS = 0.5  # an idle worker loads a changed pack within this, before a request asks


async def watch(live: LivePack) -> None:
    """Load a changed pack in the background, so even the first request after a write finds it loaded --
    and a pack copied in file by file (``git pull``) once its last file has arrived (``whole``)."""
    while True:
        await asyncio.sleep(WATCH_SECONDS)
        try:
            await run_in_threadpool(live.current, True)  # a folder's walk: off the event loop
        except Exception:  # noqa: BLE001 - a watcher that dies would stop nothing but itself; requests still check
            answers.log.exception("reloading the pack failed")


def create_app(pack_dir: str | None, config_path: str | os.PathLike, log_url: str | None = None) -> FastAPI:
    service = Service(pack_dir, config_path, log_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        watcher = asyncio.create_task(watch(service.live))
        try:
            yield
        finally:
            watcher.cancel()  # the decision log stays open: each append is durable when it returns

    # its description and summaries, in the request's language: ``docs`` (the catalogue's api.*)
    app = Served(title="gridrules", version=gridrules.__version__, docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.service = service
    answers.install(app)
    docs.install(app)

    @app.exception_handler(Conflict)
    async def conflict(_r: Request, exc: Conflict) -> Response:
        return answer(answers.problem_body("conflict", str(exc), exc.problems), status=409)

    @app.get("/healthz", summary="Ready to decide: 200, or 503 while the decision log cannot be written "
                                 "(no token needed; why the pack on disk did not load only with a token)",
             tags=["service"])
    async def healthz(request: Request, snap: Snapshot = Depends(snapshot)) -> Response:
        # a load balancer's check: a service whose log is down answers every decision 503, so it says so here
        why = await run_in_threadpool(service.log.unavailable) if service.log is not None else None
        if why is not None:  # the database's words (its host, its port) for the server's log only
            answers.log.warning("health check: the decision log is unavailable: %s", why)
        status = "ok" if why is None else "log_unavailable"
        # a configuration saved with a mistake is not taken: the worker serves on with the last good one, so
        # this stays 200 (a load balancer pulling every server over one bad save would stop a working
        # service); it says so, and since when -- why, and where the file is, only on the server's stderr
        # (a worker started while the file was refused has no good one: it refuses every token, so 503)
        refused = service.config_refused()
        unconfigured = refused is not None and not refused.kept
        if why is None and unconfigured:
            status = "config_refused"
        return answer({"status": status, "log": "off" if service.log is None else ("ok" if why is None else "unavailable"),
                       "config": "ok" if refused is None else "refused",
                       "config_refused_since": None if refused is None else refused.since.isoformat(),
                       "digest": snap.digest, "worker": os.getpid(), "pack_problem": pack_problem(request)},
                      snap.digest, status=200 if why is None and not unconfigured else 503)

    def pack_problem(request: Request) -> str | None:
        # why the pack on disk did not load names the server's files and quotes the pack: only to a caller
        # with a valid token (any role); anyone else learns that there is a problem, in the catalogue's words
        problem = service.live.problem
        if problem is None or bearer(request) is not None:
            return problem
        return t("http.pack_problem_hidden")

    @app.get("/livez", summary="Alive: the process answers (no token needed; says nothing of the log)",
             tags=["service"])
    async def livez() -> Response:
        return answer({"status": "alive", "worker": os.getpid()})

    # HEAD too: load balancers' health checks often send it (the server sends the headers alone)
    app.add_api_route("/healthz", healthz, methods=["HEAD"], include_in_schema=False)
    app.add_api_route("/livez", livez, methods=["HEAD"], include_in_schema=False)

    for module in (decide, lists, workflow, temporary, decisionlog):
        app.include_router(module.router, dependencies=[Depends(known_query)])
    app.add_middleware(RequestLimits)
    app.add_middleware(RequestLanguage)  # outside the limits: their refusals speak the request's language too
    app.add_middleware(LiveCORS)  # outermost: a preflight is answered before anything else reads the request
    return app


class Served(FastAPI):
    """The app with the access log around everything, the framework's own 500 included (which its
    outermost middleware answers, outside any added with ``add_middleware``): every answer names its
    request (``access``)."""

    def build_middleware_stack(self) -> Any:
        return AccessLog(super().build_middleware_stack())


class LiveCORS:
    """CORS for the origins the configuration names now: off while it names none.  The configuration is
    re-read while serving (``ConfigFile``), like the limits and the tokens: a change to ``cors_origins``
    applies from the next request, with no restart (Starlette's middleware is built again for the new
    list, once)."""

    def __init__(self, app: Any):
        self.app = app
        self._origins: tuple[str, ...] = ()
        self._cors: Any = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        origins = tuple(scope["app"].state.service.config().cors_origins)
        if origins != self._origins:  # requests share one event loop: no other request swaps it meanwhile
            # the methods the API answers, as its OpenAPI document lists them (补正 is a PUT): never a list
            # kept beside the routes
            methods = sorted({method.upper() for path in scope["app"].openapi()["paths"].values() for method in path})
            self._cors = self.app if not origins else CORSMiddleware(
                self.app, allow_origins=list(origins), allow_methods=methods,
                allow_headers=["Authorization", "Content-Type", idempotency.HEADER],
                expose_headers=[answers.DIGEST_HEADER, idempotency.REPLAYED_HEADER])
            self._origins = origins
        await self._cors(scope, receive, send)


def from_environment() -> FastAPI:
    """The app for a uvicorn worker process (``gridrules serve --workers N``)."""
    return create_app(os.environ.get(PACK_ENV) or None, os.environ[CONFIG_ENV], os.environ.get(LOG_ENV) or None)
