"""gridrules: community grid governance policy as code.

    from gridrules import load_pack, Checker
    checker = Checker(load_pack())
    checker.check_task({...})   # -> TaskDecision
    checker.route_event({...})  # -> EventDecision
"""

from importlib.metadata import PackageNotFoundError, version

from .checker import Checker
from .documents import EventDecision, TaskDecision
from .errors import EngineError, GridRulesError, InputError, PackError
from .loader import load_pack

try:
    __version__ = version("gridrules")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = [
    "Checker",
    "EventDecision",
    "TaskDecision",
    "EngineError", "GridRulesError", "InputError", "PackError", "__version__", "load_pack"]
