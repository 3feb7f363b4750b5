"""Logging in with a token, logging out, and the start page listing what the visitor's role may do."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from gridrules.service.live import Snapshot
from gridrules.service.requests import snapshot

from .forms import form_fields, read_form
from .render import page
from .session import (PREFIX, Viewer, check_login_form, log_in, log_out, login_form_value, set_login_cookie,
                      viewer, viewer_of)

router = APIRouter(prefix=PREFIX, include_in_schema=False)


@router.get("")
async def root() -> Response:
    return RedirectResponse(PREFIX + "/", status_code=303)


@router.get("/")
async def home(request: Request, snap: Snapshot = Depends(snapshot)) -> Response:
    who = viewer_of(request)
    if who is None:
        return RedirectResponse(PREFIX + "/login", status_code=303)
    return page(request, "home.html", who, snap)


def _login_page(request: Request, snap: Snapshot, next_path: str, failed: bool = False) -> Response:
    value, fresh = login_form_value(request)
    response = page(request, "login.html", None, snap, status=401 if failed else 200, login_value=value,
                    next_path=next_path, failed=failed)
    if fresh:
        set_login_cookie(response, request, value)
    return response


@router.get("/login")
async def login_form(request: Request, next: str = PREFIX + "/", snap: Snapshot = Depends(snapshot)) -> Response:
    return _login_page(request, snap, next)


@router.post("/login")
async def login(request: Request, snap: Snapshot = Depends(snapshot)) -> Response:
    fields = await form_fields(request, lambda sent: check_login_form(request, str(sent.get("csrf") or "")))
    token, next_path = str(fields.get("token") or "").strip(), str(fields.get("next") or PREFIX + "/")
    done = log_in(request, token, next_path) if token else None
    return done if done is not None else _login_page(request, snap, next_path, failed=True)


@router.post("/logout")
async def logout(request: Request, who: Viewer = Depends(viewer)) -> Response:
    await read_form(request, who)
    return log_out()
