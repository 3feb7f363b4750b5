"""Answer keys split by the string fields rules restrict (``answerkeys`` for the classes).

Among the rules a guarded key reads (``answerkeys._guarded``), a field that rules require to be
one string, one of several (an ``$or`` of them), or not one, tells which rules can still hold:
an oversight fact whose verdict is ``forbidden`` cannot make the rules about an admitted item's
training or subsidy hold, so its key need not class those fields.  ``split`` splits a ruleset's
facts so wherever that spares classing fields on average, each class of the field keyed by the
fields of only its rules.  A split costs a look-up and a call, about what classing two fields
costs, so it is made only where it spares more.  Derived from the compiled conditions, like the
classes; a value of another type there is keyed by every field's class.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator

from gridrules.engine.answerkeys import OneOf, _equality, _top_parts, _written, exact, fields_read, key_plan


def _restriction(part: Any) -> tuple[str, frozenset[str], bool] | None:
    """(field, strings, True) when a condition requires a field to be one of those strings (equal
    to one, or an ``$or`` of such); (field, {string}, False) when it requires it to differ from one."""
    found = _equality(part)
    if found is not None:
        return found[0], frozenset((found[1],)), True
    if isinstance(part, dict) and len(part) == 1:
        ((key, value),) = part.items()
        if key == "$neq" and isinstance(value, dict) and len(value) == 1:
            ((field, string),) = value.items()
            if not field.startswith("$") and isinstance(string, str):
                return field, frozenset((string,)), False
        if key == "$or" and isinstance(value, list) and value:
            each = [_equality(p) for p in value]
            if all(e is not None for e in each) and len({e[0] for e in each if e is not None}) == 1:
                return each[0][0], frozenset(e[1] for e in each if e is not None), True  # type: ignore[index]
    return None


def _holding(definition: dict, field: str, value: str | None) -> list[str]:
    """The rules of ``definition`` that can hold when ``field`` is ``value`` (None: a string that
    none of their literals is): those whose parts put no restriction on it that it fails."""
    out = []
    for name, rule in definition.items():
        for part in _top_parts(rule) or ():
            found = _restriction(part)
            if found is not None and found[0] == field and (value in found[1]) != found[2]:
                break
        else:
            out.append(name)
    return out


SPARED = 2.0  # fields a split must spare classing, on average over its classes (itself included): its look-up and call cost about two
SPLIT_DEPTH = 4
SPLIT_CLASSES = 16  # at most this many literals on a field split on (its classes are written at once)


def split(definition: dict, fields: tuple[str, ...], tag: Any, tags: Iterator[int],
           depth: int = 0) -> Callable[[dict], tuple] | None:
    """The key of ``definition``'s facts, told apart by ``tag`` first: split by a string field
    (its value one of the rules' literals, or another) where the rules that can hold for each
    class of it read fewer of ``fields`` -- the fields whose classes still matter (a field split
    on is settled by the split).  Each class's rules get their own key (made the same way,
    tagged apart by ``tags``); a value of another type there, every field's class.  None where
    some field is keyed exactly."""
    plan = key_plan(definition, fields) if fields else ()
    if plan is None or any(classify is exact for classify in plan):
        return None
    best: tuple | None = None
    if depth < SPLIT_DEPTH and len(definition) > 1:
        restricted = {found[0] for rule in definition.values() for part in _top_parts(rule) or ()
                      if (found := _restriction(part)) is not None}
        for field, classify in zip(fields, plan):
            if field not in restricted or not isinstance(classify, OneOf) or len(classify.known) > SPLIT_CLASSES:
                continue
            rest = tuple(f for f in fields if f != field)
            classes: dict[str | None, tuple[list[str], tuple[str, ...]]] = {}
            for value in (*sorted(classify.known), None):  # each literal, and another string
                names = _holding(definition, field, value)
                reads = fields_read([definition[n] for n in names])
                classes[value] = (names, tuple(f for f in rest if f in reads))
            spared = len(fields) - sum(len(kept) for _, kept in classes.values()) / len(classes)
            if spared >= SPARED and (best is None or spared > best[0]):
                best = (spared, field, classes)
    if best is None:
        return _written(definition, fields, tag)
    _, field, classes = best
    made: dict[str | None, Callable[[dict], tuple]] = {}
    for value, (names, kept) in classes.items():
        sub_tag = (tag, next(tags))
        if not names:  # no rule can hold: one answer (none fires)
            made[value] = _constant(sub_tag)
            continue
        child = split({n: definition[n] for n in names}, kept, sub_tag, tags, depth + 1)
        if child is None:
            return None
        made[value] = child
    whole = _written(definition, fields, (tag, next(tags)))
    if whole is None:
        return None
    other = made.pop(None)
    get = made.get

    def key(fact: dict) -> tuple:
        value = fact[field]
        if type(value) is str:
            return get(value, other)(fact)
        return whole(fact)  # a value of another type there: every field's class
    return key


def _constant(tag: Any) -> Callable[[dict], tuple]:
    return lambda fact: (tag,)
