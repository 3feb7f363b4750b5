"""The Chinese sentences of decisions: templates in the pack, placeholders declared in
``contract.placeholders``, filled here.

Each placeholder is filled by one function that receives exactly the values of
the inputs its declaration names (and the decider, for the pack), so a reason is
a function of those values: ``Reasons`` remembers it under them (the key is
derived from the declaration, never listed by hand).  It pays: without it an
event decision took 83 µs instead of 63 and a task 54 instead of 43 (CPU time,
medians of 8 rounds of 1,500 distinct random inputs).  A placeholder we cannot
fill is left visible rather than guessed.
"""

from __future__ import annotations

from typing import Any, Callable, NamedTuple

from gridrules.contract.documents import Reason, build
from gridrules.contract.placeholders import placeholders

__all__ = ["Reasons", "fill", "placeholders"]

MEMO_LIMIT = 10_000
Getter = Callable[..., Any]  # (source, rule) -> the value of one input
Filler = Callable[..., str]  # (decider, *input values) -> the placeholder's text
WHOLE = "task"  # an input too large to remember reasons under (``contract.placeholders``)


class _Keep(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, values: dict) -> str:
    if "{" not in template:
        return template
    return template.format_map(values if isinstance(values, _Keep) else _Keep(values))


class Template(NamedTuple):
    """A text and basis, with what filling them reads (made once per template)."""

    text: str
    basis: str
    names: tuple[str, ...]  # the declared placeholders it uses
    inputs: tuple[str, ...]  # the inputs those read, each once
    getters: tuple[Getter, ...]
    remember: bool
    # per placeholder: its filler and where its inputs are among the values read
    # (the inputs' positions; -1 for the whole source)
    plan: tuple[tuple[str, Filler, tuple[int, ...]], ...]


class Reasons:
    """Reasons of one kind of text (event rules, task rules, admission templates)."""

    def __init__(self, decider: Any, declared: dict[str, tuple[str, ...]], fillers: dict[str, Filler],
                 inputs: dict[str, Getter], remember: bool = True):
        missing = set(declared) ^ set(fillers)
        if missing:  # pragma: no cover - a programming error, caught by every test
            raise AssertionError(f"placeholders declared and filled differ: {sorted(missing)}")
        self.decider = decider
        self.declared = declared
        self.fillers = fillers
        self.inputs = inputs
        self.remember = remember
        self._templates: dict[tuple[str, str], Template] = {}
        self._made: dict[Any, Reason] = {}  # keyed by (rule id, *declared inputs), or the rule id alone
        self._makers: dict[tuple, Callable[[Any, Any], Reason]] = {}

    def template(self, text: str, basis: str) -> Template:
        found = self._templates.get((text, basis))
        if found is None:
            names = tuple(n for n in dict.fromkeys(placeholders(text) + placeholders(basis)) if n in self.declared)
            inputs = tuple(dict.fromkeys(i for n in names for i in self.declared[n]))
            read = [i for i in inputs if i != WHOLE]
            plan = tuple((n, self.fillers[n], tuple(-1 if i == WHOLE else read.index(i) for i in self.declared[n]))
                         for n in names)
            found = self._templates[(text, basis)] = Template(
                text, basis, names, inputs, tuple(self.inputs[i] for i in read),
                self.remember and WHOLE not in inputs, plan)
        return found

    def reason(self, rule_id: str, template: Template, source: Any, rule: Any) -> Reason:
        """The reason for ``rule_id`` from ``template``, filled from ``source`` (one
        decision's inputs) and ``rule`` (the rule's own: its id, its effect)."""
        key = (rule_id, id(template))  # templates live as long as this object (``_templates``)
        maker = self._makers.get(key)
        if maker is None:
            maker = self._makers[key] = self.maker(rule_id, template)
        return maker(source, rule)

    def maker(self, rule_id: str, template: Template) -> Callable[[Any, Any], Reason]:
        """``reason`` for one rule and template, as one function (made once per rule:
        decisions call it for every reason they give)."""
        getters, made, make = template.getters, self._made, self._make
        if not template.remember:
            return lambda source, rule: make(rule_id, template, [get(source, rule) for get in getters], source)

        def miss(key: Any, source: Any) -> Reason:
            if len(made) >= MEMO_LIMIT:
                made.clear()
            values = list(key[1:]) if getters else []
            found = made[key] = make(rule_id, template, values, source)
            return found

        if not getters:  # a text with nothing to fill in reads the same every time
            def constant(source: Any, rule: Any) -> Reason:
                return made.get(rule_id) or miss(rule_id, source)
            return constant
        if len(getters) == 1:
            get = getters[0]

            def one(source: Any, rule: Any) -> Reason:
                key = (rule_id, get(source, rule))
                return made.get(key) or miss(key, source)
            return one

        return _several(rule_id, getters, made, miss)

    def _make(self, rule_id: str, template: Template, values: list, source: Any) -> Reason:
        values = [*values, source]  # position -1: the whole source
        filled = _Keep()
        decider = self.decider
        for name, filler, at in template.plan:
            filled[name] = filler(decider, *[values[i] for i in at])
        return build(Reason, rule=rule_id, text=fill(template.text, filled), basis=fill(template.basis, filled))


def _several(rule_id: str, getters: tuple[Getter, ...], made: dict, miss: Callable[[Any, Any], Reason]
             ) -> Callable[[Any, Any], Reason]:
    """A reason under a key of several inputs, the getters called one by one in a tuple display
    (written out once per rule: a comprehension is a call of its own for every reason given)."""
    names: dict[str, Any] = {f"g{i}": get for i, get in enumerate(getters)}
    names.update(rule_id=rule_id, made=made, miss=miss)
    values = ", ".join(f"g{i}(source, rule)" for i in range(len(getters)))
    exec(compile(f"def several(source, rule):\n    key = (rule_id, {values})\n"
                 "    return made.get(key) or miss(key, source)\n", "<reason key>", "exec"), names)
    several: Callable[[Any, Any], Reason] = names["several"]
    return several
