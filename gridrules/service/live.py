"""The service's live pack: ``decide.live``'s reloader (the library's too), which also says on the
server's stderr, once per worker and change, why the newest pack did not load -- the whole text for the
operator, since a client without a token reads only that there is a problem (``/healthz``)."""

from __future__ import annotations

import logging
import os

from gridrules.catalogue import t
from gridrules.decide import live
from gridrules.decide.live import Snapshot

__all__ = ["LivePack", "Snapshot"]

log = logging.getLogger("gridrules.service")


class LivePack(live.LivePack):
    def refused(self, problem: str) -> None:
        log.warning("%s\n%s", t("serve.pack_refused", path=self.root, pid=os.getpid()), problem)
