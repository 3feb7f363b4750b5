"""The service with its pages: ``gridrules serve`` answers the API under ``/v1`` and people under ``/ui``."""

from __future__ import annotations

import os
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from gridrules.catalogue import t
from gridrules.errors import LogUnavailable
from gridrules.service import app as service_app

from . import applications, check, dashboard, home, items, route, temporary
from .render import page, refused_page
from .session import PREFIX, BadForm, LoginNeeded, NotAllowed, readable_query, viewer_of

FACTORY = "gridrules.pages.app:from_environment"


def install(app: FastAPI) -> None:
    """Add the pages, their stylesheet and script, and their answers to a refused visit."""
    app.state.form_paths = (PREFIX + "/",)  # the service's request limits let these paths post forms
    app.state.refused_page = refused_page  # ... and answer a form they refuse (too large) with a page
    app.mount(PREFIX + "/static", StaticFiles(packages=[("gridrules.pages", "static")]), name="pages-static")
    for module in (home, check, route, applications, items, temporary, dashboard):
        app.include_router(module.router, dependencies=[Depends(readable_query)])

    @app.get("/", include_in_schema=False)
    async def front() -> Response:
        return RedirectResponse(PREFIX + "/", status_code=303)

    @app.exception_handler(LoginNeeded)
    async def login_needed(_r: Request, exc: LoginNeeded) -> Response:
        return RedirectResponse(f"{PREFIX}/login?next={quote(exc.next_path)}", status_code=303)

    @app.exception_handler(NotAllowed)
    async def not_allowed(request: Request, exc: NotAllowed) -> Response:
        return page(request, "refused.html", viewer_of(request), None, status=exc.status, message=exc.message)

    for kind, key in ((StarletteHTTPException, "page.no_page"), (RequestValidationError, "page.bad_address")):
        answer_page_or_api(app, kind, key)
    answer_page_or_api(app, LogUnavailable, "page.log_unavailable", status=503)  # nothing shown unlogged

    @app.exception_handler(BadForm)
    async def bad_form(request: Request, _exc: BadForm) -> Response:
        return page(request, "refused.html", viewer_of(request), None, status=403,
                    message=t("page.bad_form"))


def answer_page_or_api(app: FastAPI, kind: type[Exception], key: str, status: int = 422) -> None:
    """Under /ui an error is a page saying message ``key`` (in the request's language); elsewhere the
    service's JSON answer, as before.  ``status``: the page's, when the error carries none."""
    api_answer = app.exception_handlers[kind]

    async def handler(request: Request, exc: Exception) -> Response:
        if request.url.path.startswith(PREFIX + "/"):
            code = getattr(exc, "status_code", status)
            return page(request, "refused.html", viewer_of(request), None, status=code, message=t(key))
        return await api_answer(request, exc)  # type: ignore[misc]

    app.add_exception_handler(kind, handler)


def create_app(pack_dir: str | None, config_path: str | os.PathLike, log_url: str | None = None) -> FastAPI:
    app = service_app.create_app(pack_dir, config_path, log_url)
    install(app)
    return app


def from_environment() -> FastAPI:
    """The app for a uvicorn worker process, with the pages (``gridrules serve``)."""
    app = service_app.from_environment()
    install(app)
    return app
