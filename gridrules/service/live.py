"""The service's live pack: ``decide.live`` (the library's reloader too), named here for the service's modules."""

from gridrules.decide.live import LivePack, Snapshot

__all__ = ["LivePack", "Snapshot"]
