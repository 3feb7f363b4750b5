"""Validate tasks and events before the engine sees anything.

Two steps: the strict models of ``documents.py`` (unknown fields, wrong types,
impossible values), then the pack's codes (departments, towns, activities,
roles, list items, event types, levels, grades) and the unit registry.  Every
problem names its field, with a did-you-mean, and -- when the input came from a
file -- its ``line:col``.  Nothing is decided on a guess: any problem raises
``InputError`` and no decision is made.
"""

from __future__ import annotations

import dataclasses
import re
import weakref
from typing import Any, Callable, TypeVar

from pydantic import BaseModel, ValidationError

from gridrules.catalogue import english, t
from gridrules.catalogue.humane import as_written, value_kind
from gridrules.lang.parse import suggest
from gridrules.contract.base import CODE_PATTERN, SLUG_PATTERN
from gridrules.contract.documents import EventInput, TaskInput
from gridrules.contract.facts import EXTERNAL
from gridrules.contract.kinds import Worded, other_kind, worded
from gridrules.errors import InputError, Location, Problem, model_issues
from gridrules.pack.model.organization import Community
from gridrules.pack.names import (EVENT_FIELDS, KINDS, describe, entries, near, open_shape, read_as, read_names,
                                  resolve, task_fields)
from gridrules.pack.pack import Pack
from gridrules.pack.yamlevents import parse_path
from gridrules.pack.yamlsrc import Document, format_path

M = TypeVar("M", bound=BaseModel)


class Inputs:
    """Collects problems for one document; ``where`` gives file positions."""

    def __init__(self, doc: Document | None, source: str | Location | None):
        self.doc = doc
        self.source = source
        self.problems: list[Problem] = []
        self.named: set[tuple] = set()  # paths whose value named nothing (already reported)
        # paths whose id-shaped value named nothing, left for the model (``names``' leave_ids): the
        # kind it was read as, the kind's first ids (examples of its form) and a did-you-mean
        self.left: dict[tuple, tuple[str, list[str], str | None]] = {}

    def location(self, path: tuple, key: bool = False) -> Location | None:
        if self.doc is not None:
            return self.doc.locate_key(path) if key else self.doc.locate(path)
        if self.source is not None:
            return self.source if isinstance(self.source, Location) else Location(self.source)
        return None

    def add(self, path: tuple, message: str, hint: str | None = None, key: bool = False,
            hint_shown: str | None = None, note: str = "") -> None:
        self.problems.append(Problem(message, self.location(path, key), format_path(path), hint, hint_shown, note=note))

    def known(self, path: tuple, value: Any, table, what: str) -> None:
        """``value`` at ``path`` is one of ``table``'s, or a problem (once: not where a name named nothing)."""
        if value is not None and value not in table and path not in self.named:
            self.add(path, t("input.unknown_ref", what=t(f"kind.{what}"), value=value), suggest(value, table))

    def names(self, pack: Pack, raw: Any, fields, leave_ids: bool = False, outside: tuple | None = None) -> Any:
        """``raw`` with names read as ids; a name that fits nothing (or several) is a problem
        (``leave_ids``: an id-shaped value that names nothing is left for a later check to report;
        ``outside``: the path of an issuer that may be a body outside the pack, whose unknown
        name, where a department is read, is answered with how to give it as one)."""
        if ids_only(pack, raw, fields):
            return raw  # what read_names would find: nothing read by name, nothing unknown, no copy
        model = isinstance(raw, BaseModel)  # already parsed: its values are ids, checked all the same
        out, read = read_names(pack, raw.model_dump() if model else raw, fields)
        for path, found in read:
            if found.id is None and leave_ids and _id_shaped(found.given):
                kind = _kind_at(fields, path)
                self.left[path] = (kind, [e.id for e in entries(pack, kind)[:2]], found.hint.id if found.hint else None)
            elif found.id is None:
                hint = found.hint
                # a name (not an id: minzhen is a mistyped id) of a department's task (a town's names a town)
                # a name close to a department's is a slip (区民证局): its did-you-mean alone, not also
                # the way to name a body outside the district
                note = (t("input.outside_hint", value=_as_outside(found.given), district=pack.tree.top_word())
                        if found.unknown and (hint is None or not near(found.given, hint))
                        and path == outside and (path, "department") in fields
                        and not re.fullmatch(SLUG_PATTERN, found.given) else "")
                town = read_as(pack, "town", found.given) if note else None
                if town is not None:  # a town's own task, written without issued_by: town
                    note = t("input.town_issuer_hint", shown=describe(pack, "town", town), town=pack.towns[town].name)
                self.add(path, found.message, hint.id if hint else None, hint_shown=hint.shown if hint else None, note=note)
                self.named.add(path)
        return raw if model else out

    def raise_if_any(self, raw: Any = None, expected: str | None = None) -> None:
        """Raise the problems found; for a ``raw`` of another kind than ``expected`` (an event given to
        the task check), one problem saying what it is instead of a field-by-field refusal (the command
        line and the service say so before reading it: ``contract.kinds.other_kind`` for all three)."""
        if self.problems:
            said = None if expected is None else other_kind(raw, expected, _library_advice)
            raise InputError(self.problems if said is None else [Problem(said, self.location(()))])


def _library_advice(found: str) -> str:
    """What reads a document of kind ``found`` in the library (``Checker``'s method)."""
    return t(f"dec.read_by_library.{found}")


def placed(error: InputError, doc: Document | None) -> InputError:
    """``error`` with each problem that names a field but no place -- one found while deciding, after
    validation had placed the rest (an escalation that skips a level) -- placed at that field in
    ``doc``, as validation places its own."""
    if doc is None or all(p.location is not None or not p.field for p in error.problems):
        return error
    return InputError([dataclasses.replace(p, location=doc.locate(parse_path(p.field)))
                       if p.location is None and p.field else p for p in error.problems])


_CODE = re.compile(CODE_PATTERN)


def _id_shaped(value: str) -> bool:
    """Whether ``value`` is written as an id is (minzheng, D12), not as a name."""
    return re.fullmatch(SLUG_PATTERN, value) is not None or _CODE.fullmatch(value) is not None


def _kind_at(fields, path: tuple) -> str:
    """The kind ``fields`` read at ``path`` (a step ``*`` is any index of a list)."""
    return next(kind for at, kind in fields if len(at) == len(path)
                and all(a == p or (a == "*" and isinstance(p, int)) for a, p in zip(at, path)))


def _as_outside(given: str) -> str:
    """``given`` written as a body outside the pack (``External:x`` as ``external:x``)."""
    name = given.strip()
    return EXTERNAL + (name[len(EXTERNAL):].strip() if name.lower().startswith(EXTERNAL) else name)


# per pack: each field list (a tuple of (path, kind)) compiled to a tree of its paths (``_tree``)
_TREES: "weakref.WeakKeyDictionary[Pack, dict[tuple, Callable[[Any], bool]]]" = weakref.WeakKeyDictionary()


def ids_only(pack: Pack, doc: Any, fields) -> bool:
    """Every string a document (parsed or not) holds in ``fields`` is an id ``names.resolve``
    takes as given (an id of the kind, or an id-shaped grid or community): reading its names
    would change nothing and find nothing, so the dump and copy it needs are skipped.  The
    document is walked once, along the tree of the fields' paths (a record's 13 paths share
    their ``steps`` and ``event`` prefixes: one walk of them, not one a path)."""
    trees = _TREES.get(pack)
    if trees is None:
        trees = _TREES[pack] = {}
    check = trees.get(fields)
    if check is None:
        check = trees[fields] = _compiled(_tree(pack, fields))
    return check(doc)


_Checks = tuple  # ((the kind's ids, the shape an id of an open kind has, or None), …)
_Node = tuple  # (what "*" reaches: (checks, node) or None, ((key, checks, node or None), …))


def _tree(pack: Pack, fields) -> _Node:
    """The fields' paths as one tree: at each node, what every item of a list reaches (``"*"``)
    and what each key reaches, with the checks of the fields that end there."""
    ids = {kind: frozenset(e.id for e in entries(pack, kind)) for kind in KINDS}
    root: dict = {}
    for path, kind in fields:
        node = root
        for step in path[:-1]:
            node = node.setdefault(step, ([], {}))[1]
        node.setdefault(path[-1], ([], {}))[0].append((ids[kind], open_shape(pack, kind)))
    return _frozen(root)


def _frozen(node: dict) -> _Node:
    def branch(checks: list, below: dict) -> tuple:
        return tuple(checks), (_frozen(below) if below else None)

    star = branch(*node["*"]) if "*" in node else None
    return star, tuple((step, *branch(*found)) for step, found in node.items() if step != "*")


def _all_ids(value: Any, node: _Node) -> bool:
    """What ``ids_only`` checks, below ``value``: ``"*"`` reaches every item of a list, a key
    the value of a mapping (or the attribute of a parsed model) unless absent or null."""
    star, named = node
    if star is not None and isinstance(value, list):
        checks, below = star
        for item in value:
            if not _fits(item, checks, below):
                return False
    if named and value is not None and not isinstance(value, (str, list)):
        get = value.get if isinstance(value, dict) else lambda step: getattr(value, step, None)
        for step, checks, below in named:
            item = get(step)
            if item is None:
                continue
            if checks and isinstance(item, str):  # the usual leaf, checked here without a call
                for known, shape in checks:
                    if item not in known and (shape is None or not shape.match(item)):
                        return False
            elif below is not None and not _all_ids(item, below):
                return False
    return True


def _fits(item: Any, checks: _Checks, below: _Node | None) -> bool:
    if checks and isinstance(item, str):
        for known, shape in checks:
            if item not in known and (shape is None or not shape.match(item)):
                return False
    return below is None or item is None or _all_ids(item, below)


def _compiled(tree: _Node) -> Callable[[Any], bool]:
    """``_all_ids`` for one tree, written out as one function: a mapping's keys and a list's
    items are read in straight lines (no recursion, no tuples unpacked a node), so a record
    is checked in a third of the walk's time.  Made from the tree alone (nothing listed by
    hand); a value that is neither a mapping, a list, a string nor null (a parsed model) is
    handed to ``_all_ids`` with its node, so the answer is the walk's for every document."""
    lines = ["def check(v0):"]
    consts: dict[str, Any] = {"_all_ids": _all_ids}
    names = iter(range(1, 1 << 30))

    def const(value: Any) -> str:
        name = f"c{len(consts)}"
        consts[name] = value
        return name

    def leaf(var: str, checks: _Checks, pad: str) -> None:
        """Return False when the string ``var`` fits none of ``checks`` (``_fits``' first part)."""
        for known, shape in checks:
            test = f"{var} not in {const(known)}"
            if shape is not None:
                test += f" and not {const(shape.match)}({var})"
            lines.append(f"{pad}if {test}: return False")

    def reached(item: str, checks: _Checks, below: _Node | None, pad: str) -> None:
        """The checks of a value reached (a list's item, a key's value), named ``item`` (``_fits``)."""
        if checks:
            lines.append(f"{pad}if isinstance({item}, str):")
            leaf(item, checks, pad + "    ")
        if below is not None:
            lines.append(f"{pad}{'el' if checks else ''}if {item} is not None:")
            node(item, below, pad + "    ")

    def node(var: str, tree: _Node, pad: str) -> None:
        star, named = tree
        if star is not None:
            checks, below = star
            item = f"v{next(names)}"
            lines.append(f"{pad}if isinstance({var}, list):")
            lines.append(f"{pad}    for {item} in {var}:")
            reached(item, checks, below, pad + "        ")
            lines.append(f"{pad}        pass")
        if named:
            lines.append(f"{pad}if isinstance({var}, dict):")
            for step, checks, below in named:
                item = f"v{next(names)}"
                lines.append(f"{pad}    {item} = {var}.get({step!r})")
                reached(item, checks, below, pad + "    ")
            lines.append(f"{pad}elif {var} is not None and not isinstance({var}, (str, list)):")
            lines.append(f"{pad}    if not _all_ids({var}, {const(tree)}): return False")

    node("v0", tree, "    ")
    lines.append("    return True")
    exec("\n".join(lines), consts)  # noqa: S102 -- the text is made above from the tree's keys (repr'd) and constants' names
    return consts["check"]


def _fields_at(model: type[BaseModel], loc: tuple) -> set[str]:
    """The field names allowed at ``loc`` (for did-you-mean on unknown fields)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return set()
        annotation = field.annotation
        for arg in getattr(annotation, "__args__", ()) or (annotation,):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                current = arg
                break
            inner = getattr(arg, "__args__", ())
            found = next((a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)), None)
            if found is not None:
                current = found
                break
    return set(getattr(current, "model_fields", {}))


def parse_model(model: type[M], raw: Any, found: Inputs, what: str, words: Pack | None = None) -> M | None:
    """The model made of ``raw``, or None with its problems in ``found``.  ``words``: the pack, when
    ``what``'s fields written by the tool's words (``read_words``) are to be read once the model has
    refused ``raw`` as given (a document in codes is validated once, as without them)."""
    if isinstance(raw, model):
        return raw
    if not isinstance(raw, dict):
        found.add((), t("doc.not_mapping", what=t(f"what.{what}"), kind=value_kind(raw)))
        return None
    try:
        # ``model_validate``'s own call, without its wrapper (~0.5 µs of a record's 9)
        return model.__pydantic_validator__.validate_python(raw)
    except ValidationError as exc:
        refused = exc
    if words is not None:
        read = read_words(words, raw, what, found)
        if read is not raw:
            try:
                return model.__pydantic_validator__.validate_python(read)
            except ValidationError as exc:
                refused = exc
    for issue in model_issues(refused):
        loc = issue.path
        if loc in found.named:
            continue
        if issue.kind == "extra_forbidden":
            name = loc[-1] if loc else "?"
            found.add(loc, t("input.unknown_field", name=name), suggest(name, _fields_at(model, loc)), key=True)
        elif issue.kind == "missing":
            found.add(loc, t("input.missing"))
        elif issue.kind == "string_pattern_mismatch" and loc in found.left:
            # an id of the field's own kind, with the pack's own ids for examples (职责 D01、D02)
            kind, examples, hint = found.left[loc]
            found.add(loc, t("input.id_form", what=t(f"kind.{kind}"), examples=t("words.list_sep").join(examples))
                      if examples else issue.message, hint)
        else:
            found.add(loc, issue.message, issue.hint)
    return None


def read_words(pack: Pack, given: dict, document: str, found: Inputs) -> dict:
    """``given`` with each of ``document``'s fields the tool reads by its words (``kinds.WORDED``:
    已派, 反馈, 超时未办结) that holds a word read as its code -- a copy of what changes, ``given``
    itself when nothing was a word; a value that names no code is a problem at its field, with the
    choices and a did-you-mean (the model then says nothing more there).  Read only for a document
    the model refused as given: one in codes pays nothing for them."""
    for field in worded(document):
        given = _read_field(pack, given, field.path, (), field, found)
    return given


def _read_field(pack: Pack, node: Any, path: tuple, at: tuple, field: Worded, found: Inputs) -> Any:
    """``node`` with ``field`` read at ``path`` below it (``at``: where ``node`` is); ``node`` itself
    when nothing there changed."""
    step, rest = path[0], path[1:]
    if step == "*":
        if not isinstance(node, list):
            return node
        out = node
        for i, item in enumerate(node):
            read = _read_field(pack, item, rest, at + (i,), field, found)
            if read is not item:
                out = list(node) if out is node else out
                out[i] = read
        return out
    if not isinstance(node, dict):
        return node
    value = node.get(step)
    if rest:
        read = _read_field(pack, value, rest, at + (step,), field, found)
        return node if read is value else {**node, step: read}
    # (none: the model says it is missing; off its item's kind, another field of the name, or none)
    if value is None or value in field.codes or (field.on is not None and node.get(field.on[0]) != field.on[1]):
        return node
    code = _code(pack, field.kind, value, at + (step,), found)
    return node if code is None else {**node, step: code}


def _code(pack: Pack, kind: str, value: Any, path: tuple, found: Inputs) -> str | None:
    """The code ``value`` names among the ``kind``'s (``status``, ``step``), or None, the problem said:
    one that names nothing (a number, a list: nothing either) lists every choice by word and code
    (已派（assigned）)."""
    read = resolve(pack, kind, value) if isinstance(value, str) else None
    if read is not None and read.id is not None:
        return read.id
    message = read.message if read is not None else ""
    if read is None or read.unknown:
        choices = t("words.list_sep").join(e.id if english() else e.shown for e in entries(pack, kind))
        message = t("input.unknown_word", value=value, what=t(f"kind.{kind}"), choices=choices)
    hint = read.hint if read is not None else None
    found.add(path, message, hint.id if hint else None, hint_shown=hint.shown if hint else None)
    found.named.add(path)
    return None


def validate_task(raw: Any, pack: Pack, doc: Document | None = None,
                  source: str | Location | None = None) -> TaskInput:
    found = Inputs(doc, source)
    task = parse_model(TaskInput, found.names(pack, raw, task_fields(raw), outside=("department",)), found, "task",
                       pack)
    if task is not None:
        department = task.__dict__["department"]  # a model's attribute reads take ~4x a plain read
        if department.startswith(EXTERNAL):  # a body outside the pack (``pack.external_issuer``)
            _check_external(department[len(EXTERNAL):], pack, found)
        found.known(("list_item",), task.list_item, pack.items_by_id, "item")
        _check_facts(task.facts, pack.facts_of("task"), found)
    found.raise_if_any(raw, "task")
    return task  # type: ignore[return-value]


def validate_event(raw: Any, pack: Pack, doc: Document | None = None,
                   source: str | Location | None = None, ids: bool = False) -> EventInput:
    """``ids``: the caller knows ``raw`` names everything by id (``ids_only``)."""
    found = Inputs(doc, source)
    event = parse_model(EventInput, raw if ids else found.names(pack, raw, EVENT_FIELDS), found, "event", pack)
    if event is not None:
        found.known(("spans",), event.spans, pack.ids("spans"), "spans")
        if event.facts:  # none given: nothing to check
            _check_facts(event.facts, pack.facts_of("event"), found)
        _check_units(event, pack, found)
    found.raise_if_any(raw, "event")
    return event  # type: ignore[return-value]


def _check_external(name: str, pack: Pack, found: Inputs) -> None:
    """An outside body is one the pack does not hold: a name the pack reads as one of its
    departments or towns (its id, its name, or a short name only it contains: 民政局 for
    区民政局) is refused, so no department escapes its own list that way."""
    department = read_as(pack, "department", name)
    if department is not None:
        found.add(("department",), t("input.external_department", given=name, name=pack.departments[department].name))
    elif read_as(pack, "town", name) is not None:
        found.add(("department",), t("input.external_town", name=name))


def _check_facts(given: dict, declared: tuple, found: Inputs) -> None:
    """The pack's own facts: each one the pack declares, of its kind (a yes/no, a number, one of its values)."""
    by_id = {f.id: f for f in declared}
    for name, value in given.items():
        fact = by_id.get(name)
        if fact is None:
            found.known(("facts", name), name, by_id, "fact")
        elif fact.kind == "bool" and not isinstance(value, bool):
            found.add(("facts", name), t("input.fact_bool", value=as_written(value)))
        elif fact.kind == "number" and (isinstance(value, bool) or not isinstance(value, (int, float))):
            found.add(("facts", name), t("input.fact_number", value=as_written(value)))
        elif fact.kind == "enum" and value not in fact.values:
            found.add(("facts", name), t("input.fact_enum", values=", ".join(fact.values), value=as_written(value)))


def _check_units(event: EventInput, pack: Pack, found: Inputs) -> None:
    """A registered grid (or community) given with a community or town it does not belong to is refused."""
    registered = pack.grids.get(event.grid)
    # units named as the pack names them; a town that is none of the pack's is already reported
    # as unknown, and not again as the wrong one
    town = event.town if event.town in pack.towns else None
    if registered is not None:
        grid, community = registered
        if event.community is not None and event.community != community.id:
            found.add(("community",), t("input.grid_community", grid=describe(pack, "grid", grid.id),
                                        community=describe(pack, "community", community.id),
                                        given=describe(pack, "community", event.community)))
        if town is not None and town != community.town:
            found.add(("town",), t("input.grid_town", grid=describe(pack, "grid", grid.id),
                                   town=describe(pack, "town", community.town), given=describe(pack, "town", town)))
        return
    named: Community | None = pack.communities.get(event.community) if event.community else None
    if named is not None and town is not None and town != named.town:
        found.add(("town",), t("input.community_town", community=describe(pack, "community", named.id),
                               town=describe(pack, "town", named.town), given=describe(pack, "town", town)))
