"""gridrules: community grid governance policy as code.

    from gridrules import load_pack, Checker
    checker = Checker(load_pack())
    checker.check_task({...})   # -> TaskDecision
    checker.route_event({...})  # -> EventDecision
"""

from importlib.metadata import PackageNotFoundError, version

from gridrules.decide.checker import Checker
from gridrules.contract.documents import EventDecision, TaskDecision
from gridrules.errors import EngineError, GridRulesError, InputError, PackError
from gridrules.engine.loading import load_pack

try:
    __version__ = version("gridrules")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = [
    "Checker",
    "EventDecision",
    "TaskDecision",
    "EngineError", "GridRulesError", "InputError", "PackError", "__version__", "load_pack"]
