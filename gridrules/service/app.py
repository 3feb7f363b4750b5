"""The application factory: one FastAPI app over one pack folder and one configuration file.

``create_app`` is what tests and ``gridrules serve`` with one worker use;
several uvicorn workers each import ``from_environment`` (uvicorn's factory
mode), reading the pack folder and configuration file from the environment.
"""

from __future__ import annotations

import asyncio
import os
from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import Depends, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

import gridrules

from . import answers, decide, docs, lists, temporary, workflow
from .answers import answer
from .applications import ApplicationStore, Conflict
from .config import ConfigFile, ServiceConfig, applications_dir
from .live import LivePack, Snapshot
from .requests import RequestLimits, snapshot

PACK_ENV = "GRIDRULES_SERVE_PACK"
CONFIG_ENV = "GRIDRULES_SERVE_CONFIG"


class Service:
    """What every request reads: the live pack, the configuration, the waiting applications."""

    def __init__(self, pack_dir: str | None, config_path: str | os.PathLike):
        self.pack_dir = pack_dir
        self.config_file = ConfigFile(config_path)
        self.live = LivePack(pack_dir)
        self.applications = ApplicationStore(applications_dir(config_path, self.config()))

    def config(self) -> ServiceConfig:
        return self.config_file.current()


WATCH_SECONDS = 0.5  # an idle worker loads a changed pack within this, before a request asks


async def watch(live: LivePack) -> None:
    """Load a changed pack in the background, so even the first request after a write finds it loaded."""
    while True:
        await asyncio.sleep(WATCH_SECONDS)
        if live.stale():
            try:
                await run_in_threadpool(live.current)
            except Exception:  # noqa: BLE001 - a watcher that dies would stop nothing but itself; requests still check
                answers.log.exception("reloading the pack failed")


def create_app(pack_dir: str | None, config_path: str | os.PathLike) -> FastAPI:
    service = Service(pack_dir, config_path)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        watcher = asyncio.create_task(watch(service.live))
        try:
            yield
        finally:
            watcher.cancel()

    app = FastAPI(title="gridrules", version=gridrules.__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="社区网格化治理规则引擎：任务准入核验、事件分级派转、准入清单工作流。")
    app.state.service = service
    answers.install(app)
    docs.install(app)

    @app.exception_handler(Conflict)
    async def conflict(_r: Request, exc: Conflict) -> Response:
        return answer(answers.problem_body("conflict", str(exc)), status=409)

    @app.get("/healthz", summary="Alive, and the digest of the pack in use (no token needed)", tags=["service"])
    async def healthz(snap: Snapshot = Depends(snapshot)) -> Response:
        return answer({"status": "ok", "digest": snap.digest, "worker": os.getpid(),
                       "pack_problem": service.live.problem}, snap.digest)

    for module in (decide, lists, workflow, temporary):
        app.include_router(module.router)
    app.add_middleware(RequestLimits)
    origins = service.config().cors_origins
    if origins:  # CORS is off unless the configuration names the origins
        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"], expose_headers=[answers.DIGEST_HEADER])
    return app


def from_environment() -> FastAPI:
    """The app for a uvicorn worker process (``gridrules serve --workers N``)."""
    return create_app(os.environ.get(PACK_ENV) or None, os.environ[CONFIG_ENV])
