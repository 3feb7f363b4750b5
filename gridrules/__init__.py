"""gridrules: community grid governance policy as code.

    from gridrules import Checker
    checker = Checker("path/to/pack")      # or Checker(load_pack()) for the bundled pack
    checker.check_task({...})               # -> TaskDecision
    checker.route_event({...})              # -> EventDecision

Errors all derive from ``GridRulesError``: ``PackError`` (a pack that cannot be
used, each problem at ``path:line:col``), ``InputError`` (a bad task or event),
``EngineError``, and the ``ChangeError`` family of pack changes.
"""

from importlib.metadata import PackageNotFoundError, version

from gridrules.contract.documents import EventDecision, EventInput, PackRef, Reason, TaskDecision, TaskInput
from gridrules.decide.checker import Checker
from gridrules.engine.loading import load_pack
from gridrules.errors import (
    ChangeError,
    EditError,
    EngineError,
    GridRulesError,
    InputError,
    Location,
    PackBusy,
    PackError,
    Problem,
    ProblemsError,
    ReadOnlyPack,
    Refused,
)
from gridrules.pack.pack import Pack

try:
    __version__ = version("gridrules")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = [
    "Checker",
    "load_pack",
    "Pack",
    "TaskInput",
    "EventInput",
    "TaskDecision",
    "EventDecision",
    "Reason",
    "PackRef",
    "Problem",
    "Location",
    "GridRulesError",
    "ProblemsError",
    "PackError",
    "InputError",
    "EngineError",
    "ChangeError",
    "Refused",
    "ReadOnlyPack",
    "PackBusy",
    "EditError",
    "__version__",
]
