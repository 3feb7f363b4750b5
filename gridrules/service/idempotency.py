"""The ``Idempotency-Key`` request header: a dispatch system's retry answered as the first time.

A decision endpoint given a key answers a request it has answered under that key (the same token, the
same endpoint, body and ``?at=``) with the very answer it gave, logging nothing more; the same key with
another request is a 409 ``conflict`` naming the header.  No key: every request is decided and logged.
What a key was answered is kept by the decision log itself (``gridrules.log.keys``), in the transaction
that logs the decisions: across worker processes and restarts.  A service without a log (``--log off``)
logs nothing to be repeated, and reads the header only to check it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from fastapi import Header, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from gridrules.catalogue import t
from gridrules.errors import InputError, Problem, RecordedOtherwise
from gridrules.log.group import GroupCommit
from gridrules.log.keys import Claim, Kept, fingerprint

from .answers import answer
from .tokens import Principal

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"  # "true" on an answer given again (as Stripe's API says it)
MOST = 255
# visible ASCII but for the quotes and the backslash; the IETF draft's form, a quoted string ("…"), is read too
KEY = re.compile(r'[!#-\[\]-~]{1,%d}' % MOST)


SENT = Header(None, alias=HEADER)  # the header as sent, declared (an endpoint that checks it later: ``idempotency_key``)


def idempotency_key(request: Request, key: str | None = SENT) -> str | None:
    """A dependency: the request's key (None: it has none), or 422 naming the header -- sent twice too
    (two keys: which one a retry is matched by would be a guess)."""
    if key is None:
        return None
    if len(sent := request.headers.getlist(HEADER)) > 1:
        raise InputError(Problem(t("http.repeated_header", header=HEADER, count=len(sent)), field=HEADER))
    given = key.strip()
    if len(given) >= 2 and given[0] == given[-1] == '"':
        given = given[1:-1]
    if not KEY.fullmatch(given):
        raise InputError(Problem(t("http.bad_idempotency_key", header=HEADER, most=MOST), field=HEADER))
    return given


class Replayed(Exception):
    """A decision's append found its key's part kept meanwhile (the same request racing its retry)."""

    def __init__(self, kept: Kept):
        super().__init__(kept.answer)
        self.kept = kept


@dataclass(frozen=True)
class Keyed:
    """A request under a key: whose key it is, and the request it stands for."""

    token: str
    key: str
    fingerprint: str

    def claim(self, part: int, answered: bytes, digest: str) -> Claim:
        return Claim(self.token, self.key, part, self.fingerprint, answered.decode("utf-8"), digest)

    def same(self, kept: Kept) -> Kept:
        """``kept``, when it answered this very request; else 409 ``conflict`` naming the key."""
        if kept.fingerprint != self.fingerprint:
            message = t("http.idempotency_conflict", header=HEADER, value=self.key)
            raise RecordedOtherwise(message, [Problem(message, field=HEADER)])
        return kept


def keyed(who: Principal, key: str | None, log: GroupCommit | None, endpoint: str, body: Any,
          at: str | None) -> Keyed | None:
    """The request under its key (None: no key, or no log to keep it in)."""
    if key is None or log is None:
        return None
    return Keyed(who.token_id, key, fingerprint(endpoint, body, at))


async def kept_parts(request: Keyed | None, log: GroupCommit | None) -> dict[int, Kept]:
    """What the key was answered, part by part (empty: a new key); 409 when it answered another request."""
    if request is None or log is None:
        return {}
    kept = await run_in_threadpool(log.store.kept, request.token, request.key)
    return {request.same(part).part: part for part in kept}


def replay(kept: Kept) -> Response:
    """A single decision's first answer, given again."""
    response = answer(kept.answer.encode("utf-8"), kept.digest)
    response.headers[REPLAYED_HEADER] = "true"
    return response
