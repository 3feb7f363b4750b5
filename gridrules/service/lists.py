"""Reading the pack over HTTP: its name and digest, its lists, its history, what expires soon.

The same data as ``gridrules show|history|expiring --format json``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from gridrules.catalogue import t
from gridrules.change import history as changelog
from gridrules.change.expiring import expiring, parse_window
from gridrules.errors import InputError, Problem
from gridrules.pack.sections import LISTS, SECTIONS, listing, pack_ref

from .answers import READING, answer, errors
from .auth import READERS
from .decide import moment
from .live import Snapshot
from .requests import caller, snapshot

router = APIRouter(prefix="/v1", tags=["pack"], responses=errors(*READING))
Section = Literal[SECTIONS]  # type: ignore[valid-type]
MAX_WINDOW = 3660  # ten years: a window is for planning, and dates stay far from year 9999
ALL = Query(False, alias="all")  # every parameter's description is the catalogue's (api.?all: service.docs)


def when(snap: Snapshot, at: str | None) -> datetime:
    return moment(at, snap.pack.tz) or datetime.now(snap.pack.tz)


@router.get("/pack", summary="The pack in use: name, version, digest")
async def pack_info(snap: Snapshot = Depends(snapshot), _who=Depends(caller(*READERS))) -> Response:
    return answer(pack_ref(snap.pack) | {"title": snap.pack.manifest.title}, snap.digest)


@router.get("/lists", summary="The admission list, temporary approvals, duties, negative list, roles, event types")
async def lists(section: list[Section] = Query(list(LISTS)),
                at: str | None = None, include_all: bool = ALL,
                snap: Snapshot = Depends(snapshot), _who=Depends(caller(*READERS))) -> Response:
    return answer(listing(snap.pack, when(snap, at), section, include_all), snap.digest)


@router.get("/history", summary="Every change to the pack, oldest first", responses=errors(404))
async def history(target: str | None = Query(None, max_length=64),
                  snap: Snapshot = Depends(snapshot), _who=Depends(caller(*READERS))) -> Response:
    changes = [c.model_dump(mode="json") for c in changelog.changes_to(snap.pack, target, "target")]
    return answer({"pack": pack_ref(snap.pack), "changes": changes}, snap.digest)


@router.get("/expiring", summary="Items and temporary approvals whose last day falls within a window")
async def expiring_soon(within: str = Query("14d", max_length=16),
                        at: str | None = None,
                        snap: Snapshot = Depends(snapshot), _who=Depends(caller(*READERS))) -> Response:
    moment_ = when(snap, at)
    on = moment_.astimezone(snap.pack.tz).date()
    days = parse_window(within, on)
    if days > MAX_WINDOW:
        raise InputError(Problem(t("http.window_most", most=MAX_WINDOW), field="within"))
    found = expiring(snap.pack, on, days)
    return answer({"at": moment_.isoformat(), "within_days": days, "pack": pack_ref(snap.pack),
                   "expiring": [x.as_dict() for x in found]}, snap.digest)
