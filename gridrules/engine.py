"""The one adapter to durable_rules.  No other module imports it.

We drive durable_rules' C core (``durable_rules_engine``, the extension module
``durable.engine.Host`` wraps) directly, because a decision needs only one thing
from the engine: *which rules hold for this fact*.  Rules carry no Python
actions; the name of every rule that fires comes back in the engine's action
messages.  That sidesteps most of the traps in ``docs/durable_rules.md`` by
construction, and each remaining one is handled here and tested in
``tests/test_engine.py``:

* no ``Host``: no background timer threads (trap 3), no ``delete_state``
  (trap 2), no swallowed action exceptions (trap 7), no ``post_batch`` (trap 9);
* one fixed, plain sid per ruleset (traps 1 and 12);
* every fact gets a fresh unique id (content-hashed ids collide) and is
  retracted in ``finally`` (trap 10);
* facts are built by ``gridrules.facts`` from validated input only: typed
  values, no ``$``-keys, no caller-supplied ``sid``/``id`` (traps 5 and 6);
* the C core's own error class is caught and re-raised as ``EngineError``
  (trap 8);
* one re-entrant lock serialises calls into the engine: a decision's assert,
  action drain and retract must not interleave with another thread's
  (trap 11).  A decision holds it once for all its stages (``session``):
  taking it per call made four threads run at half the speed of one;
* rulesets are partitioned by the compiler so no node fans out to more than a
  few hundred conditions (trap 4);
* a rule whose condition has an ``$or`` fires once for *each* branch that
  holds (not in durable_rules.md; found here): we report each rule once.

``assert_fact`` fires *every* matching rule (in ``pri`` then definition order),
which is what a decision needs: every reason, every flag.
"""

from __future__ import annotations

import itertools
import json
import threading
from typing import Iterable

import durable_rules_engine as _core

from .errors import EngineError

SID = "0"  # one fixed sid per ruleset; plain, so state lookup never breaks
_instances = itertools.count(1)


def _rule_name(message: str) -> str:
    """The rule name of an action message ``{"<rule>":{"m":{...}}}``.

    Rule ids are restricted to ``[A-Za-z0-9_.-]`` by the pack schema, so the
    name is the text between the first pair of quotes.
    """
    end = message.index('"', 2)
    return message[2:end]


class Engine:
    """A set of compiled rulesets, registered once, queried many times."""

    def __init__(self, rulesets: dict[str, dict], namespace: str):
        self._handles: dict[str, int] = {}
        self._lock = threading.RLock()
        self._ids = itertools.count(1)
        instance = next(_instances)
        for name, definition in rulesets.items():
            text = json.dumps(definition, ensure_ascii=False)
            try:
                handle = _core.create_ruleset(f"{name}@{namespace}#{instance}", text)
            except _core.error as exc:  # pragma: no cover - a compiler bug
                raise EngineError(f"durable_rules refused ruleset {name}: {exc}") from exc
            self._handles[name] = handle

    @property
    def rulesets(self) -> list[str]:
        return list(self._handles)

    def session(self) -> threading.RLock:
        """Hold the engine for several calls (``with engine.session(): ...``)."""
        return self._lock

    def __del__(self) -> None:
        # Only reached when nothing references the engine, so no call is in flight.
        # durable_rules frees the ruleset's pools and returns its handle (handles
        # are a fixed-size table); per-sid state is not freed by the C core.
        handles, self._handles = getattr(self, "_handles", {}), {}
        delete = getattr(_core, "delete_ruleset", None)
        for handle in handles.values():
            try:
                if delete is not None:
                    delete(handle)
            except Exception:  # interpreter shutdown; nothing useful to do
                pass

    def fire(self, ruleset: str, fact: dict) -> list[str]:
        """Assert ``fact`` into ``ruleset``; the names of the rules that hold, in firing order."""
        handle = self._handles[ruleset]
        with self._lock:
            payload = json.dumps({**fact, "id": next(self._ids), "sid": SID}, ensure_ascii=False)
            try:
                result = _core.assert_fact(handle, payload)
            except _core.error as exc:
                raise EngineError(f"durable_rules refused a fact for {ruleset}: {exc}") from exc
            try:
                return self._drain(handle, result, ruleset)
            finally:
                try:
                    _core.retract_fact(handle, payload)
                except _core.error as exc:  # pragma: no cover - would be an engine bug
                    raise EngineError(f"durable_rules could not retract a fact from {ruleset}: {exc}") from exc

    def fire_all(self, ruleset: str, facts: Iterable[dict]) -> list[list[str]]:
        """``fire`` for each fact in turn (one lock for the whole batch)."""
        return [self.fire(ruleset, fact) for fact in facts]

    @staticmethod
    def _drain(handle: int, result: tuple, ruleset: str) -> list[str]:
        code = result[0]
        if code == 1:  # nothing matched: a normal outcome
            return []
        if code == 2:
            raise EngineError(f"durable_rules saw a fact twice in {ruleset} (duplicate id)")
        state = result[1]
        fired: list[str] = []
        action = _core.start_action_for_state(handle, state)
        message = action[1] if action else None
        while message:
            name = _rule_name(message)
            if name not in fired:  # an $or fires once per branch that holds
                fired.append(name)
            message = _core.complete_and_start_action(handle, state)
        return fired

    def facts_held(self, ruleset: str) -> list:
        """Facts currently asserted in a ruleset (empty between decisions)."""
        return json.loads(_core.get_facts(self._handles[ruleset], SID))
