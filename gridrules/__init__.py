"""gridrules: community grid governance policy as code.

    from gridrules import Checker
    checker = Checker("path/to/pack")      # or Checker(load_pack()) for the bundled pack
    checker.check_task({...})               # -> TaskDecision
    checker.route_event({...})              # -> EventDecision
    checker.read_task({...})                # -> TaskInput, names read as check_task reads them

Pass inputs as dicts (or read them with ``read_task``/``read_event``): ``TaskInput(...)`` built by
hand takes ids only and raises pydantic's ``ValidationError``, not ours.  ``LivePack(folder)``
reloads a pack when it changes on disk; ``gridrules.log`` logs decisions as the tool does
(``open_log``, ``log_decision``, ``replay``).  A decision document is the same in every message
language (``set_language`` changes the errors' words only).

Errors all derive from ``GridRulesError``.  Bad input -- do not retry it unchanged:
``PackError`` (a pack that cannot be used, each problem at ``path:line:col``), ``InputError``
(a bad task or event, each ``Problem`` naming its field), ``OutputError`` (a file asked for
could not be written).  Try again later: ``LogUnavailable`` (the decision log could not be
written or read: nothing was recorded), ``PackBusy`` (another writer holds the pack).  A bug:
``EngineError``.  Pack changes: the ``ChangeError`` family (``Refused``, ``ReadOnlyPack``, ``EditError``).
A problem's ``said()`` is the sentence to show (with its did-you-mean); ``as_dict()`` the JSON form.
"""

from importlib.metadata import PackageNotFoundError, version

from gridrules.catalogue import set_language
from gridrules.contract.documents import EventDecision, EventInput, PackRef, Reason, TaskDecision, TaskInput
from gridrules.contract.facts import EVENT_FLAGS, TASK_FLAGS, VERDICTS, Verdict
from gridrules.decide.checker import Checker
from gridrules.decide.live import LivePack, Snapshot
from gridrules.engine.loading import load_pack
from gridrules.errors import (
    ChangeError,
    EditError,
    EngineError,
    GridRulesError,
    InputError,
    Location,
    LogUnavailable,
    OutputError,
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
    "LivePack",
    "Snapshot",
    "set_language",
    "Verdict",
    "VERDICTS",
    "TASK_FLAGS",
    "EVENT_FLAGS",
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
    "OutputError",
    "LogUnavailable",
    "ChangeError",
    "Refused",
    "ReadOnlyPack",
    "PackBusy",
    "EditError",
    "__version__",
]
