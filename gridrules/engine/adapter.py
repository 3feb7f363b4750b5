"""The one adapter to durable_rules.  No other module imports it.

We drive durable_rules' C core (``durable_rules_engine``, the extension module
``durable.engine.Host`` wraps) directly, because a decision needs only one thing
from the engine: *which rules hold for this fact*.  Rules carry no Python
actions; the name of every rule that fires comes back in the engine's action
messages.  That sidesteps most of durable_rules' known traps by
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
  holds (found here): we report each rule once.

Answers are remembered.  Rules are single-pattern and every fact is retracted,
so which rules fire is a pure function of the fact a ruleset is sent (only the
fields its rules read).  The adapter keeps the answers to up to ``cache_size``
distinct facts per ruleset (``total_size`` over all), each also under its answer
class (``answerkeys``: facts the rules cannot tell apart share an answer), and asks
durable_rules only about new ones.  A ruleset whose rules read every field only by
class (the admission stages') is keyed by class alone, worked out by one function
written for it: its exact values rarely repeat, and its class costs no more to make.  Where
its rules each require a field to equal a string (an approval's reference, a relayed item),
the class is of the fields of only the rules that can hold (``answerkeys._guards``).  Remembering only
pays where facts repeat (routing stages: most do; admission partitions, whose
facts carry dates and activity sets: few do), so a ruleset whose answers are
found less than ``MIN_HIT_RATE`` of the time after ``PROBE`` look-ups is no
longer cached.  ``cache_size=0`` asks durable_rules every time; ``stats``
counts both.  This is the decision's one cache, and each ``Engine`` (each
``Checker``) owns its own; only the compiled rulesets (``Rulesets``, C handles
durable_rules never frees) are shared per pack version.

``assert_fact`` fires *every* matching rule (in ``pri`` then definition order),
which is what a decision needs: every reason, every flag.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import threading
import time
from typing import Any, Callable
import weakref

import durable_rules_engine as _core

from gridrules.engine.answerkeys import Classifier, exact, fields_read, key_function, key_plan, values_of
from gridrules.engine.capacity import SPLIT
from gridrules.errors import EngineError

SID = "0"  # one fixed sid per ruleset; plain, so state lookup never breaks
CREATE_ATTEMPTS = 5
PROBE = 500  # look-ups per ruleset before deciding whether caching its answers pays
MIN_HIT_RATE = 0.3
_instances = itertools.count(1)
# A ruleset registered in the core for each (name, definition): never freed, so reused.
_registered: dict[tuple[str, str], int] = {}
_CORE_LOCK = threading.RLock()  # handles are shared across pack versions: one lock for the core
_fact_ids = itertools.count(1)
# json.dumps(..., ensure_ascii=False) builds a new encoder on every call; reuse one.
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


def _rule_name(message: str) -> str:
    """The rule name of an action message ``{"<rule>":{"m":{...}}}``.

    Rule ids are restricted to ``[A-Za-z0-9_.-]`` by the pack schema, so the
    name is the text between the first pair of quotes, less the number of its
    part where the engine was given the rule in parts (``capacity.split``).
    """
    name = message[2:message.index('"', 2)]
    return name.partition(SPLIT)[0] if SPLIT in name else name


class Rulesets:
    """Compiled rulesets registered in durable_rules' C core, and the one lock that
    serialises calls into them.

    durable_rules never frees a ruleset (and freeing them from ``__del__`` made
    later creations fail sporadically), so rulesets are created once per pack
    version and shared by every ``Engine`` of that version (see ``shared``), and
    a ruleset whose definition an earlier version already registered is reused
    (``_registered``): a new version after an approval creates only the few
    rulesets the approval changed, so a process that reloads after every change
    does not run out of memory or of the C core's handles.  Reused handles are
    shared across versions, so one lock serialises every call into the core."""

    def __init__(self, rulesets: dict[str, dict], namespace: str, reuse: bool = False, on_use: bool = False):
        """``reuse``: take a ruleset an earlier version registered with the same definition
        (``shared`` does; a fresh ``Rulesets`` creates every one, as benchmarks time it).
        ``on_use``: register each ruleset in the core when it is first asked, not now.  The
        core keeps about a megabyte a ruleset whatever its size (a 10,000-item list makes ~700
        rulesets), so a caller that asks few of a large pack's rulesets (``lint`` fires only the
        written stages) need not hold them all."""
        self.handles: dict[str, int] = {}
        # Each ruleset is sent only the fact fields its rules read: smaller JSON
        # in, and smaller messages back (the engine echoes the fact per rule fired).
        self.fields: dict[str, tuple[str, ...]] = {}
        # per ruleset, (position, classifier) of each field whose values its rules tell
        # apart only by class (``answerkeys``); the other fields are keyed exactly
        self.plans: dict[str, tuple[tuple[int, Classifier], ...]] = {}
        # per ruleset whose rules read every field by class, a fact's answer key
        self.keys: dict[str, Callable[[dict], tuple]] = {}
        # per ruleset, the fact's values of its fields in their order (one C call, not a loop a field)
        self.values: dict[str, Callable[[dict], tuple]] = {}
        self.retries = 0
        self.lock = _CORE_LOCK
        self._ids = _fact_ids
        self._reuse = reuse
        self._namespace = f"{namespace}#{next(_instances)}"
        self._unregistered: dict[str, str] = {}  # on_use: each ruleset's definition until it is first asked
        for name, definition in rulesets.items():
            text = json.dumps(definition, ensure_ascii=False)
            if on_use:
                self._unregistered[name] = text
            else:
                self.handles[name] = self._register(name, text)
            self.fields[name] = tuple(sorted(fields_read(list(definition.values()))))
            self.values[name] = values_of(self.fields[name])
            plan = key_plan(definition, self.fields[name])
            classes = key_function(definition, self.fields[name], plan) if plan is not None else None
            if classes is not None:
                self.keys[name] = classes
            self.plans[name] = tuple((i, classify) for i, classify in enumerate(plan or ()) if classify is not exact)

    def _register(self, name: str, text: str) -> int:
        """The core's handle of ruleset ``name`` defined by ``text``: created, or one an earlier
        version registered with the same definition (``reuse``)."""
        with _CORE_LOCK:
            key = (name, hashlib.sha256(text.encode("utf-8")).hexdigest())
            handle = _registered.get(key) if self._reuse else None
            if handle is None:
                handle = self._create(f"{name}@{self._namespace}", name, text)
                _registered.setdefault(key, handle)
            return handle

    def handle(self, ruleset: str) -> int:
        """The core's handle of ``ruleset``, registered now if it was left until first asked."""
        try:
            return self.handles[ruleset]
        except KeyError:
            with _CORE_LOCK:
                if ruleset not in self.handles:
                    self.handles[ruleset] = self._register(ruleset, self._unregistered.pop(ruleset))
                return self.handles[ruleset]

    def _create(self, full_name: str, name: str, text: str) -> int:
        """Create a ruleset, retrying a refusal.

        durable_rules 2.0.28 reads a byte it never set when an item test inside
        ``$iall``/``$iany`` ends in an ``$or`` (error 102 when the byte is 9 or 12; about
        1 process in 25 saw it, and a long one could see it every time).  The compiler no
        longer writes that shape (``lang.durable._items``; tests/engine/test_engine_memory.py);
        a retry, renamed and the last ones a second later, stays for what else the engine
        may refuse once."""
        last: Exception | None = None
        for attempt in range(CREATE_ATTEMPTS):
            if attempt >= CREATE_ATTEMPTS - 2:
                time.sleep(1.05)
            try:
                return _core.create_ruleset(full_name if not attempt else f"{full_name}~{attempt}", text)
            except _core.error as exc:
                last = exc
                self.retries += 1
        raise EngineError(f"durable_rules refused ruleset {name} {CREATE_ATTEMPTS} times: {last}") from last

    def ask(self, ruleset: str, body: str) -> list[str]:
        """Assert the fact, collect every rule that fires, retract the fact."""
        handle = self.handle(ruleset)
        with self.lock:
            payload = f'{body[:-1]}{"," if len(body) > 2 else ""}"id":{next(self._ids)},"sid":"{SID}"}}'
            try:
                result = _core.assert_fact(handle, payload)
            except _core.error as exc:
                raise EngineError(f"durable_rules refused a fact for {ruleset}: {exc}") from exc
            try:
                return _drain(handle, result, ruleset)
            finally:
                try:
                    _core.retract_fact(handle, payload)
                except _core.error as exc:  # pragma: no cover - would be an engine bug
                    raise EngineError(f"durable_rules could not retract a fact from {ruleset}: {exc}") from exc

    def facts_held(self, ruleset: str) -> list:
        """Facts currently asserted in a ruleset (empty between decisions)."""
        return json.loads(_core.get_facts(self.handle(ruleset), SID))


# One Rulesets per pack version, shared while any Engine uses it.
_shared: "weakref.WeakValueDictionary[str, Rulesets]" = weakref.WeakValueDictionary()
_shared_lock = threading.Lock()


def shared(key: str, rulesets: dict[str, dict], namespace: str, on_use: bool = False) -> Rulesets:
    """The rulesets registered under ``key`` (a pack digest), made on first use (``on_use``:
    see ``Rulesets``; the first maker of a version chooses)."""
    with _shared_lock:
        found = _shared.get(key)
        if found is None:
            found = _shared[key] = Rulesets(rulesets, namespace, reuse=True, on_use=on_use)
        return found


class Engine:
    """Rulesets queried many times, with this engine's own answer cache.

    The rulesets may be shared (``shared``); the answers never are: each owner
    (a ``Checker``) remembers, probes and forgets for itself, so one owner's
    traffic (a lint run's exhaustive facts) or settings (``cache_size=0``)
    never change another's."""

    def __init__(self, rulesets: dict[str, dict] | Rulesets, namespace: str = "engine", cache_size: int = 10_000,
                 total_size: int = 40_000):
        self.rulesets = rulesets if isinstance(rulesets, Rulesets) else Rulesets(rulesets, namespace)
        self._fields = self.rulesets.fields
        self._values = self.rulesets.values
        self._plans = self.rulesets.plans
        self._keys = self.rulesets.keys
        self._lock = self.rulesets.lock
        self.cache_size = cache_size  # remembered answers per ruleset, at most
        self.total_size = total_size  # ... and over all rulesets (a province pack has ~160)
        self._held = 0
        # per ruleset its remembered answers (a ruleset no longer remembered has none),
        # and [look-ups, answers found]
        self._answers: dict[str, dict[tuple, list[str]]] = {name: {} for name in self._fields}
        self._probe: dict[str, list[int]] = {name: [0, 0] for name in self._fields}
        self._asked = 0

    def session(self) -> threading.RLock:
        """Hold the engine for several calls (``with engine.session(): ...``)."""
        return self._lock

    def fire(self, ruleset: str, fact: dict) -> list[str]:
        """The names of the rules of ``ruleset`` that hold for ``fact``, in firing order."""
        fields = self._fields[ruleset]
        try:
            values = self._values[ruleset](fact)
        except KeyError as missing:
            raise EngineError(f"a fact for {ruleset} lacks the field {missing} its rules read") from None
        with self._lock:
            table = self._answers.get(ruleset) if self.cache_size else None
            if table is None:  # not remembering this ruleset's answers
                return self._ask(ruleset, _encode(dict(zip(fields, values))))
            probe = self._probe[ruleset]
            probe[0] += 1
            classes = self._keys.get(ruleset)
            if classes is not None:  # every field read by class: the class is the key
                key: tuple = classes(fact)
                known = table.get(key)
                if known is not None:
                    probe[1] += 1
                    return list(known)
                return self._asked_now(ruleset, table, probe, fields, values, key)
            # The key is the values exactly, with their types: True == 1 == 1.0 in
            # Python, not to the engine.  A list (an activity set) is keyed as a tuple.
            types = tuple(map(type, values))
            try:
                key = (values, types)
                known = table.get(key)
            except TypeError:  # unhashable: a list among the values
                key = (tuple([tuple(v) if type(v) is list else v for v in values]), types)
                known = table.get(key)
            if known is not None:
                probe[1] += 1
                return list(known)
            # Not seen exactly: values the rules cannot tell apart share an answer.  Their
            # classes (answerkeys.py) cost more to work out than an exact look-up, so they
            # are asked second: routing's facts mostly repeat exactly, admission's rarely.
            plan = self._plans[ruleset]
            shared = None
            if plan:
                listed = list(key[0])
                for at, classify in plan:
                    listed[at] = classify(listed[at])
                shared = (types, *listed)  # a different shape from an exact key: never equal
                known = table.get(shared)
                if known is not None:
                    probe[1] += 1
                    self._remember(table, key, known)
                    return list(known)
            return self._asked_now(ruleset, table, probe, fields, values, key, *([] if shared is None else [shared]))

    def _asked_now(self, ruleset: str, table: dict, probe: list[int], fields: tuple[str, ...], values: tuple,
                   *keys: tuple) -> list[str]:
        """Ask durable_rules about a fact not remembered, and remember the answer under ``keys``."""
        fired = self._ask(ruleset, _encode(dict(zip(fields, values))))
        if probe[0] >= PROBE and probe[1] < MIN_HIT_RATE * probe[0]:
            self._held -= len(self._answers.pop(ruleset))  # its facts rarely repeat: stop remembering
        else:
            for key in keys:
                self._remember(table, key, fired)
        return list(fired)

    def _remember(self, table: dict, key: tuple, fired: list[str]) -> None:
        """Bounded: at most ``cache_size`` keys per ruleset and ``total_size`` in all (exact
        and class keys alike); a full table, or all of them, start again."""
        if len(table) >= self.cache_size:
            self._held -= len(table)
            table.clear()
        if self._held >= self.total_size:
            self.forget()
        table[key] = fired
        self._held += 1

    def forget(self) -> None:
        """Drop every remembered answer (which rulesets are remembered stays as it is)."""
        with self._lock:
            for table in self._answers.values():
                table.clear()
            self._held = 0

    @property
    def stats(self) -> dict[str, int]:
        """Engine questions this engine asked of durable_rules, answered from its memory,
        and creation retries of its rulesets."""
        return {"asked": self._asked, "remembered": sum(found for _, found in self._probe.values()),
                "create_retries": self.rulesets.retries}

    def _ask(self, ruleset: str, body: str) -> list[str]:
        self._asked += 1
        return self.rulesets.ask(ruleset, body)

    def facts_held(self, ruleset: str) -> list:
        """Facts currently asserted in a ruleset (empty between decisions)."""
        return self.rulesets.facts_held(ruleset)


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


# --- replays for the benchmark: what the same engine calls cost without gridrules ----------
def replay_bare(recorded: list[tuple[int, str]]) -> float:
    """Seconds to make recorded ``(handle, fact JSON)`` calls straight into the C core:
    the same assert, action drain and retract a decision makes, and nothing else."""
    start = time.perf_counter()
    for n, (handle, body) in enumerate(recorded):
        payload = f'{body[:-1]},"id":{10**12 + n},"sid":"{SID}"}}'
        result = _core.assert_fact(handle, payload)
        if result[0] != 1:
            action = _core.start_action_for_state(handle, result[1])
            message = action[1] if action else None
            while message:
                message = _core.complete_and_start_action(handle, result[1])
        _core.retract_fact(handle, payload)
    return time.perf_counter() - start


def replay_through_host(definitions: dict[str, dict], recorded: list[tuple[str, str]]) -> float:
    """Seconds to make recorded ``(ruleset, fact JSON)`` calls through durable_rules'
    documented Python API (``durable.engine.Host``, actions collecting rule names):
    what a straightforward integration would pay."""
    import copy

    from durable import engine as durable_engine

    class QuietHost(durable_engine.Host):
        def _run(self) -> None:  # no background timer threads
            pass

    fired: list[str] = []

    def collect(c: Any) -> None:
        fired.append(c.m["id"])

    registered = {}
    for name, definition in definitions.items():
        copied = copy.deepcopy(definition)  # register_rulesets deletes "run" from what it is given
        for rule in copied.values():
            rule["run"] = collect
        registered[f"host.{name}"] = copied
    host = QuietHost()
    host.register_rulesets(registered)
    facts = [(f"host.{name}", json.loads(body)) for name, body in recorded]
    start = time.perf_counter()
    for n, (name, fact) in enumerate(facts):
        fact = {**fact, "id": 10**12 + n, "sid": SID}
        try:
            host.assert_fact(name, fact)
        except durable_engine.MessageNotHandledException:
            pass
        host.retract_fact(name, fact)
    return time.perf_counter() - start
