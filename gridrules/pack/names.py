"""Names wherever ids go: a department, town, community, grid, event type, grade, level, role
or activity may be given by its id, its Chinese name, or a unique short form of the name
(民政局 for 区民政局, 棠香 for 棠香街道); a body (a department, an issuer) also by its abbreviation
as Chinese bodies are abbreviated (卫健委 for 区卫生健康委), when it fits exactly one.

Everything is read from the pack's own tables (whatever levels, units and departments it
declares), so a pack with other names or another ladder is read the same way; the few codes the
contract itself fixes (``contract.kinds.WORDED``: a task's status and channel, a lifecycle record's
step kinds, escalation reasons and 回访 results) are named by the catalogue's words instead (已派 for
assigned, 反馈 for feedback, 满意 for satisfied).  A value that
names nothing gets a did-you-mean over names and ids (ids compared without regard to case or
leading zeros: md02 and MD2 both suggest MD02); a short form that fits several names is an
error listing them.  Nothing is decided on a guess: only an exact id, an exact name, or a
short form or a body's abbreviation that fits exactly one name resolves.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
import weakref
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

from gridrules.catalogue import chinese, english, t
from gridrules.catalogue.codes import SAID
from gridrules.catalogue.humane import written_apart
from gridrules.contract.facts import EXTERNAL
from gridrules.contract.kinds import WORDED
from gridrules.errors import SHORT_LIST, InputError, Problem, coded_slip
from gridrules.pack.pack import Pack
from gridrules.pack.slips import SLIP_CHARS, closest_slip, spellings
from gridrules.pack.yamlsrc import copy_data

# the contract's codes read by the tool's words: a word must be written whole, since a short form
# would be a guess between codes that mean different things (未办结: 超时未办结 or 本级无法解决?)
CODED = frozenset(field.kind for field in WORDED)
KINDS = ("department", "town", "community", "grid", "unit", "activity", "role", "level", "grade", "type", "issuer", "risk",
         "item", "approval", "duty") + tuple(field.kind for field in WORDED)  # (the contract's codes: their words)
# how alike an id must be to be suggested: tongji is not yingji (0.67), minzhen is minzheng (0.93)
ID_CUTOFF = 0.75
MIN_SHORT = 2  # a short form has at least two characters (区 alone would fit every 区… department)
# how alike a name must be to be suggested by difflib's ratio (slips are found by ``closest_slip``):
# 区教育局 is not 区水利局 (0.5), 区税务局 not 区退役军人事务局 (0.5): only 区 and 局 alike; 民证局 is 区民政局 (0.57)
NAME_CUTOFF = 0.55
# the kinds whose names are bodies, abbreviated by keeping characters in order (卫健委 for 区卫生健康委)
BODIES = ("department", "issuer")
MIN_ABBREVIATED = 3  # 区教委 may be abbreviated (if a body's name fitted it); 农委 is only suggested


@dataclass(frozen=True)
class Entry:
    """One thing a name may stand for: its id, its name and (for units) where it is."""

    id: str
    name: str
    within: str = ""  # the community or town it is in, to tell same-named units apart

    @property
    def shown(self) -> str:
        where = f"，{self.within}" if self.within else ""
        return f"{self.name}（{self.id}{where}）"


@dataclass(frozen=True)
class Resolved:
    """The outcome of reading one value: ``id`` when it names exactly one thing, else the
    message (unknown or ambiguous) and a did-you-mean."""

    given: str
    id: str | None
    message: str = ""
    hint: Entry | None = None
    unknown: bool = False  # it names nothing (not: a short form of several)

    @property
    def by_name(self) -> bool:
        return self.id is not None and self.id != self.given


def _units(pack: Pack) -> dict[str, list[Entry]]:
    towns = {tid: town.name for tid, town in pack.towns.items()}
    return {
        "town": [Entry(tid, name) for tid, name in towns.items()],
        "community": [Entry(c.id, c.name, towns.get(c.town, c.town)) for c in pack.communities.values()],
        "grid": [Entry(gid, grid.name, community.name) for gid, (grid, community) in pack.grids.items()],
    }


def _any_unit(pack: Pack, units: dict[str, list[Entry]]) -> list[Entry]:
    """Every unit a lifecycle step may name (a ``responded`` step's ``unit``): the tree's (the district,
    the towns, by their names: 大足区, 棠香街道), then the communities and the grids."""
    tree = [Entry(u.id, u.name) for u in pack.tree.units.values() if u.id not in pack.towns]
    return tree + units["town"] + units["community"] + units["grid"]


def _build(pack: Pack) -> dict[str, list[Entry]]:
    out = _units(pack)
    out["unit"] = _any_unit(pack, out)
    out["department"] = [Entry(d.id, d.name) for d in pack.departments.values()]
    out["issuer"] = out["department"] + out["town"]
    out["activity"] = [Entry(a, pack.activity_name(a)) for a in pack.ids("activity")]
    out["role"] = [Entry(r.id, r.name) for r in pack.roles.values()]
    out["level"] = [Entry(lv.id, lv.name) for lv in pack.levels]
    out["grade"] = [Entry(g.id, g.name) for g in pack.grades]
    out["type"] = [Entry(tp.code, tp.name) for tp in pack.event_types.values()]
    out["risk"] = [Entry(level.id, level.name) for level in pack.risk_levels.values()]
    # what the pages' forms offer besides (read here too, so that names have one home)
    out["item"] = [Entry(i.id, i.name) for i in pack.items]
    out["duty"] = [Entry(d.id, d.text) for d in pack.duties.values()]
    units = pack.tree.units
    out["approval"] = [Entry(a.ref, a.work, units[a.unit].name if a.unit in units else a.unit) for a in pack.approvals]
    # the contract's own codes, named in the tool's words (the catalogue's, in Chinese whatever the
    # language: what a task or record is written in), not the pack's: contract.kinds' WORDED fields
    for field in WORDED:
        out[field.kind] = [Entry(code, chinese(field.word_key(code))) for code in field.codes]
    return out


_CACHE: "weakref.WeakKeyDictionary[Pack, dict[str, list[Entry]]]" = weakref.WeakKeyDictionary()
_IDS: "weakref.WeakKeyDictionary[Pack, dict[str, dict[str, Entry]]]" = weakref.WeakKeyDictionary()


def entries(pack: Pack, kind: str) -> list[Entry]:
    """Every ``kind`` the pack declares, in the pack's order."""
    return _built(pack)[kind]


def _built(pack: Pack) -> dict[str, list[Entry]]:
    built = _CACHE.get(pack)
    if built is None:
        built = _CACHE[pack] = _build(pack)
    return built


def _by_id(pack: Pack, kind: str) -> dict[str, Entry]:
    """``kind``'s entries by id: an id (what systems send) is found without a scan."""
    built = _IDS.get(pack)
    if built is None:
        built = _IDS[pack] = {k: {e.id: e for e in found} for k, found in _built(pack).items()}
    return built[kind]


_PLAIN: "weakref.WeakKeyDictionary[Pack, dict[str, list[Entry]]]" = weakref.WeakKeyDictionary()


def _plain_names(pack: Pack, kind: str) -> list[Entry]:
    """``kind``'s entries with their names in NFKC (ids as they are), in the pack's order."""
    built = _PLAIN.get(pack)
    if built is None:
        built = _PLAIN[pack] = {}
    found = built.get(kind)
    if found is None:
        found = built[kind] = [Entry(e.id, unicodedata.normalize("NFKC", e.name), e.within) for e in entries(pack, kind)]
    return found


def _plain_id(value: str) -> str:
    """An id compared loosely: upper case, numbers without leading zeros (md02, MD2 -> MD2)."""
    return re.sub(r"0+([0-9])", r"\1", value.strip().upper())


_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")


def _unbracketed(name: str) -> str:
    """A name without its bracketed parts, as people shorten it: 实有人口采集核实 for 实有人口(含流动人口)采集核实."""
    return _BRACKETED.sub("", name) if "(" in name or "（" in name else name


def _in_order(short: str, name: str) -> bool:
    """Whether every character of ``short`` is in ``name``, in the same order."""
    rest = iter(name)
    return all(ch in rest for ch in short)


NEAR = 0.75  # as alike as 区民证局 and 区民政局: a slip of the pen, not another body


def near(value: str, entry: Entry) -> bool:
    """Whether ``value`` reads as a slip for ``entry``'s name (a suggestion that is surely meant),
    not merely the closest of names that are all far (区税务局 and 区退役军人事务局)."""
    return (_in_order(value, entry.name) or difflib.SequenceMatcher(None, value, entry.name).ratio() >= NEAR
            or closest_slip(value, [(entry, spellings(entry.name))]) is not None)


_SPELT: "weakref.WeakKeyDictionary[Pack, dict[str, list[tuple[Entry, tuple[str, ...]]]]]" = weakref.WeakKeyDictionary()


def _spelt(pack: Pack, kind: str) -> list[tuple[Entry, tuple[str, ...]]]:
    """``kind``'s entries with the spellings a slip is measured against (their names in NFKC, as a
    value is compared), in the pack's order; made the first time a value names nothing."""
    built = _SPELT.setdefault(pack, {})
    found = built.get(kind)
    if found is None:
        plain = {e.id: e.name for e in _plain_names(pack, kind)}
        found = built[kind] = [(e, spellings(plain[e.id])) for e in entries(pack, kind)]
    return found


def _suggest(value: str, found: list[Entry], spelt: Sequence[tuple[Entry, tuple[str, ...]]] = ()) -> Entry | None:
    loose = _plain_id(value)
    same = [e for e in found if _plain_id(e.id) == loose]
    if len(same) == 1:
        return same[0]
    names = {e.name: e for e in found}
    ids = {e.id: e for e in found}
    if not value.isascii() and len(value) >= MIN_SHORT:
        # as people shorten a Chinese name: its characters in order (城管局 for 区城市管理局), or its
        # own first two (the place: 龙水街道 is 龙水镇, not the closer-spelt 龙岗街道) -- when one fits
        for fits in (lambda name: _in_order(value, name), lambda name: name[:2] == value[:2]):
            fitting = [e for e in found if fits(e.name)]
            if len(fitting) == 1:
                return fitting[0]
    # a slip in a short name or in a part of one (燃起泄漏 for 燃气泄漏、燃气隐患), which difflib's
    # ratio over the whole name misses
    slip = closest_slip(value, spelt) if len(value) >= SLIP_CHARS else None
    if slip is not None:
        return slip
    if not value.isascii() and len(value) < SLIP_CHARS:
        # a name too short for a slip's measure (反溃 for 反馈): as long, its first character kept, one
        # other changed -- when one fits (difflib's ratio for it, 0.5, is no higher than 区水利局's for 区教育局)
        fitting = [e for e in found if len(e.name) == len(value) and e.name[0] == value[0]
                   and sum(a != b for a, b in zip(e.name, value)) == 1]
        if len(fitting) == 1:
            return fitting[0]
    close = difflib.get_close_matches(value, list(names), n=1, cutoff=NAME_CUTOFF)
    if close:
        return names[close[0]]
    found_id = closest_id(value, list(ids))
    return ids[found_id] if found_id is not None else None


def closest_id(value: str, ids: Sequence[str]) -> str | None:
    """The id among ``ids`` that ``value`` is a slip for (a did-you-mean over ids alone: item.L6 and
    item.l13 for item.L06 and item.L13, itme.L13 for item.L13; a coded id only by a slip of its
    digits, ``errors.coded_slip``: item.L31 for item.L13), or None when none is close."""
    loose = _plain_id(value)
    same = [i for i in ids if _plain_id(i) == loose]
    if len(same) == 1:
        return same[0]
    coded = coded_slip(value, ids)  # item.L31: item.L13 (its digits swapped), never item.L17
    if coded is not None:
        return coded or None
    close = difflib.get_close_matches(value, list(ids), n=1, cutoff=ID_CUTOFF)
    if not close:
        lowered: dict[str, str] = {}
        for i in ids:
            lowered.setdefault(i.lower(), i)  # the first of ids alike but for case
        close = [lowered[c] for c in difflib.get_close_matches(value.lower(), list(lowered), n=1, cutoff=ID_CUTOFF)]
    return close[0] if close else None


# units that may be named by an id the registry does not hold (an event from an unregistered
# grid names its community and town): an id-shaped value is taken as given
_UNIT_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
OPEN_KINDS = {"grid": _UNIT_ID, "community": _UNIT_ID, "unit": _UNIT_ID,
              # a task's approval named by a reference the pack lacks is decided (批复不存在), not refused
              "approval": re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")}


class _NotWrittenOtherwise:
    """The shape of an approval's reference for one pack: reference-shaped, and not one of the pack's
    references written otherwise (tx-2026-11, TX-2026-011 for TX-2026-11): that is read as a name,
    and refused with the reference meant, not decided as a reference the pack lacks."""

    def __init__(self, shape: re.Pattern[str], known: frozenset[str]):
        self.shape, self.known = shape, known

    def match(self, value: str) -> bool:
        return self.shape.match(value) is not None and _plain_id(value) not in self.known


_SHAPES: "weakref.WeakKeyDictionary[Pack, dict[str, Any]]" = weakref.WeakKeyDictionary()


def open_shape(pack: Pack, kind: str) -> Any:
    """What an id of an open ``kind`` looks like in ``pack`` (an object with ``match``), or None for
    a kind whose ids are only the pack's."""
    shape = OPEN_KINDS.get(kind)
    if kind != "approval" or shape is None:
        return shape
    built = _SHAPES.setdefault(pack, {})
    found = built.get(kind)
    if found is None:
        found = built[kind] = _NotWrittenOtherwise(shape, frozenset(_plain_id(e.id) for e in entries(pack, kind)))
    return found


def _reading(pack: Pack, kind: str, value: str) -> tuple[str | None, list[Entry]]:
    """The id ``value`` names among the pack's ``kind`` (its id, its name, or a short name only one
    name contains), or None with the names it is short for when several are."""
    if value in _by_id(pack, kind):
        return value, []
    shape = open_shape(pack, kind)
    if shape is not None and shape.match(value):
        return value, []
    text = value.strip()
    found = entries(pack, kind)
    exact = [e for e in found if e.name == text]
    if not exact and not text.isascii():
        # as an input method may type it: full-width digits, letters, brackets and spaces
        # (和平社区０１网格) read as their plain forms, on both sides (NFKC)
        found, text = _plain_names(pack, kind), unicodedata.normalize("NFKC", text)
        exact = [e for e in found if e.name == text]
    if len(exact) == 1:
        return exact[0].id, []
    short = exact or ([e for e in found if _shortens(text, e.name)] if len(text) >= MIN_SHORT and kind not in CODED
                      else [])
    if len(short) == 1:
        return short[0].id, []
    if not short and kind in BODIES and len(text) >= MIN_ABBREVIATED and not text.isascii():
        return _abbreviated(pack, kind, text), []
    return None, [_by_id(pack, kind)[e.id] for e in short]


_CORES: "weakref.WeakKeyDictionary[Pack, dict[str, tuple[tuple[str, ...], list[tuple[str, str]]]]]" = \
    weakref.WeakKeyDictionary()


def _cores(pack: Pack, kind: str) -> tuple[tuple[str, ...], list[tuple[str, str]]]:
    """The level names a body's name may begin with (区 of 区民政局: the pack's levels), and each
    ``kind``'s id with its name as abbreviated: without that level and its bracketed parts
    (卫生健康委 of 区卫生健康委, 城市管理局 of 区城市管理局(综合行政执法))."""
    built = _CORES.setdefault(pack, {})
    found = built.get(kind)
    if found is None:
        levels = tuple(sorted({unicodedata.normalize("NFKC", lv.name) for lv in pack.levels if lv.name}, key=len,
                              reverse=True))
        found = built[kind] = (levels, [(e.id, _without_level(_unbracketed(e.name), levels))
                                        for e in _plain_names(pack, kind)])
    return found


def _without_level(name: str, levels: tuple[str, ...]) -> str:
    level = next((lv for lv in levels if name.startswith(lv) and len(name) - len(lv) >= MIN_SHORT), "")
    return name[len(level):]


def _abbreviated(pack: Pack, kind: str, text: str) -> str | None:
    """The one body ``text`` abbreviates as Chinese bodies are, or None: some of its name's characters
    in order, the first and the last kept (卫健委 for 卫生健康委, 住建委 for 住房城乡建委, 区城管局 for
    区城市管理局); the name read without its level and brackets (``_cores``), the value without its
    level.  Only a value that is no name or short form of the kind comes here (``_reading``)."""
    levels, cores = _cores(pack, kind)
    value = _without_level(unicodedata.normalize("NFKC", text), levels)
    fitting = [i for i, core in cores if _abbreviates(value, core)]
    return fitting[0] if len(fitting) == 1 else None


def _shortens(text: str, name: str) -> bool:
    """Whether ``text`` is a short form of ``name`` (民政局 of 区民政局, 实有人口采集核实 of its bracketed name)."""
    return text in name or text in _unbracketed(name)


def _abbreviates(value: str, core: str) -> bool:
    """Whether ``value`` (without its level) abbreviates a body's ``core`` name: the first and the last
    character kept, the rest of its characters in order."""
    return bool(core) and value[0] == core[0] and value[-1] == core[-1] and _in_order(value, core)


def body_meant(value: str, bodies: Sequence[Entry], levels: Sequence[str]) -> Entry | None:
    """The one body of ``bodies`` that ``value`` names as ``resolve`` reads a department's name (the
    name, a short form only it fits, its abbreviation), or None; for a pack file, whose tables are not
    read yet when a name is found where an id belongs (``levels``: the names of the pack's levels)."""
    text = unicodedata.normalize("NFKC", value.strip())
    plain = [(e, unicodedata.normalize("NFKC", e.name)) for e in bodies]
    exact = [e for e, name in plain if name == text]
    short = exact or ([e for e, name in plain if _shortens(text, name)] if len(text) >= MIN_SHORT else [])
    if len(short) == 1:
        return short[0]
    if short or len(text) < MIN_ABBREVIATED or text.isascii():
        return None
    ordered = tuple(sorted({unicodedata.normalize("NFKC", lv) for lv in levels if lv}, key=len, reverse=True))
    wanted = _without_level(text, ordered)
    fitting = [e for e, name in plain if _abbreviates(wanted, _without_level(_unbracketed(name), ordered))]
    return fitting[0] if len(fitting) == 1 else None


def meant_among(value: str, kind: str, found: Sequence[Entry], levels: Sequence[str]) -> tuple[Entry | None, bool]:
    """What ``value`` stands for among ``found`` (a pack file's ``kind``, read before the pack's tables
    are), as ``resolve`` reads it: (the entry, True) when it names one (a name, a short form only it
    fits, a body's abbreviation), (the entry, False) for a did-you-mean, (None, False) for neither."""
    if kind in BODIES:
        body = body_meant(value, found, levels)
        if body is not None:
            return body, True
    text = unicodedata.normalize("NFKC", value.strip())
    plain = [Entry(e.id, unicodedata.normalize("NFKC", e.name), e.within) for e in found]
    exact = [e for e in plain if e.name == text]
    short = exact or ([e for e in plain if _shortens(text, e.name)] if len(text) >= MIN_SHORT else [])
    if len(short) == 1:
        return found[plain.index(short[0])], True
    if short:
        return None, False
    hint = _suggest(text, list(found), [(e, spellings(p.name)) for e, p in zip(found, plain)])
    if hint is None and kind in SHARED_WORD_KINDS:
        hint = _shared_word(text, list(found))
    return hint, False


def read_as(pack: Pack, kind: str, value: str) -> str | None:
    """The id ``value`` reads as (``resolve``'s), or None: without the message and did-you-mean
    an unknown value costs to make (for values expected to name nothing, as an outside body's)."""
    return _reading(pack, kind, value)[0]


def resolve(pack: Pack, kind: str, value: str) -> Resolved:
    """What ``value`` stands for among the pack's ``kind``."""
    found_id, short = _reading(pack, kind, value)
    if found_id is not None:
        return Resolved(value, found_id)
    text = value.strip()
    what = t(f"kind.{kind}")
    if len(short) > 1:
        listed = t("words.list_sep").join(e.shown for e in short[:8]) + ("…" if len(short) > 8 else "")
        plain = unicodedata.normalize("NFKC", text)
        whole = all(unicodedata.normalize("NFKC", e.name) == plain for e in short)  # 新村社区 of two towns: no fuller name
        return Resolved(value, None, t("input.same_name" if whole else "input.ambiguous", value=value, what=what,
                                       candidates=listed))
    plain = text if text.isascii() else unicodedata.normalize("NFKC", text)  # compared as ``_reading`` reads it
    parts = written_apart(plain)
    if len(parts) > 1 and all(_reading(pack, kind, part)[0] is not None for part in parts):
        # several written as one (入户走访、发现报告): a did-you-mean for the first would drop the rest
        return Resolved(value, None, t("input.joined", value=value, what=what, parts=", ".join(parts)), unknown=True)
    hint = meant(pack, kind, plain)
    message = t("input.unknown_ref", what=what, value=value)
    found = entries(pack, kind)
    if hint is None and 0 < len(found) <= SHORT_LIST:  # nothing close: a short list is said whole
        message += t("input.one_of_these", values=t("words.list_sep").join(describe(pack, kind, e.id) for e in found))
    return Resolved(value, None, message, hint, unknown=True)


def meant(pack: Pack, kind: str, value: str) -> Entry | None:
    """The did-you-mean for a ``value`` that names none of the pack's ``kind``: the one entry it is a
    slip or a short form of, or None when none is close (``resolve``'s; the assessment's for a grid or
    community code the registry does not hold, which an event may name)."""
    found = entries(pack, kind)
    hint = _suggest(value, found, _spelt(pack, kind))
    if hint is None and kind in SHARED_WORD_KINDS:
        hint = _shared_word(value, found)
    if hint is None and kind in CODED:
        hint = _said(pack, kind, value)
    return hint


def _said(pack: Pack, kind: str, value: str) -> Entry | None:
    """The one code of a contract's ``kind`` that ``value`` says in everyday words (catalogue ``SAID``: 街道
    for an issuer that is a town), or whose codes are kinds of names (an issuer's: department, town) of which
    ``value`` names one (棠香街道, 民政局); None when none or several."""
    text = unicodedata.normalize("NFKC", value.strip())
    fitting = []
    for field in (f for f in WORDED if f.kind == kind):
        for code in field.codes:
            named = code in KINDS and code not in CODED and _reading(pack, code, text)[0] is not None
            if text in SAID.get(field.word_key(code), ()) or named:
                fitting.append(code)
    found = [e for e in entries(pack, kind) if e.id in fitting]
    return found[0] if len(found) == 1 else None


# the kinds whose short names say what is done (巡查巡逻): another word for the same work often keeps one
# of the name's words (治安巡逻: 巡逻). Not bodies (区税务局 shares 务局 with 区退役军人事务局 alone, and is
# not it), places (五星社区09网格 is not the one registered grid of 五星社区), nor event types, whose long
# names list many matters (人口普查 shares 人口 with 流动人口未登记 alone; 入户走访 入户 with 电动车入户充电)
SHARED_WORD_KINDS = ("activity",)


def _shared_word(value: str, found: list[Entry]) -> Entry | None:
    """The one name that shares a word with ``value``: a run of at least two characters and half the
    value's, which no other name holds (巡逻 of 治安巡逻, only in 巡查巡逻); None when none or several do."""
    if value.isascii():
        return None
    need = max(MIN_SHORT, (len(value) + 1) // 2)
    fitting = []
    for e in found:
        run = difflib.SequenceMatcher(None, value, e.name, autojunk=False).find_longest_match(0, len(value), 0, len(e.name))
        word = value[run.a:run.a + run.size]
        if run.size >= need and sum(word in other.name for other in found) == 1:
            fitting.append(e)
    return fitting[0] if len(fitting) == 1 else None


def describe(pack: Pack, kind: str, value: str) -> str:
    """``value``'s name and id (区民政局（minzheng）), or the value itself when it names nothing."""
    found = _by_id(pack, kind).get(value)
    return found.shown if found is not None and not english() else value


# --- reading the names in an input document ---------------------------------------------

# (path in the document, kind): a path step "*" is every item of a list
TASK_FIELDS: tuple[tuple[tuple, str], ...] = (
    (("town",), "town"), (("assignee",), "role"), (("activities", "*"), "activity"),
    (("list_item",), "item"), (("temporary_approval",), "approval"),
)
EVENT_FIELDS: tuple[tuple[tuple, str], ...] = (
    (("type",), "type"), (("grade",), "grade"), (("assigned_to",), "level"), (("town",), "town"),
    (("community",), "community"), (("grid",), "grid"), (("history", "*", "level"), "level"),
    (("reporter_role",), "role"),
)
# a lifecycle record's: its event's, and its steps' and ratings' departments, levels, units and towns
RECORD_FIELDS: tuple[tuple[tuple, str], ...] = tuple((("event", *path), kind) for path, kind in EVENT_FIELDS) + (
    (("steps", "*", "departments", "*"), "department"), (("steps", "*", "department"), "department"),
    (("steps", "*", "level"), "level"), (("steps", "*", "unit"), "unit"), (("ratings", "*", "town"), "town"), (("ratings", "*", "department"), "department"),
)
APPLICATION_FIELDS: tuple[tuple[tuple, str], ...] = (
    (("applicant",), "department"), (("activities", "*"), "activity"), (("training", "owner"), "department"),
    (("risk",), "risk"), (("duty",), "duty"),
)


def _places(raw: Any, path: tuple, at: tuple = ()) -> Iterable[tuple[tuple, Any, Callable[[Any], None]]]:
    """Each place ``path`` reaches in ``raw``: its path, its value and a setter."""
    if not path:
        return
    step, rest = path[0], path[1:]
    if step == "*":
        if isinstance(raw, list):
            for i, item in enumerate(raw):
                if rest:
                    yield from _places(item, rest, at + (i,))
                else:
                    def put_item(value: Any, items: list = raw, index: int = i) -> None:
                        items[index] = value

                    yield at + (i,), item, put_item
        return
    if not isinstance(raw, dict) or step not in raw:
        return
    if rest:
        yield from _places(raw[step], rest, at + (step,))
    else:
        def put(value: Any, mapping: dict = raw, key: Any = step) -> None:
            mapping[key] = value

        yield at + (step,), raw[step], put




def read_names(pack: Pack, raw: Any, fields: Iterable[tuple[tuple, str]]) -> tuple[Any, list[tuple[tuple, Resolved]]]:
    """``raw`` with every name in ``fields`` replaced by its id (a copy; ``raw`` is untouched),
    and what each string value there was read as (resolved by name, unknown or ambiguous)."""
    if not isinstance(raw, dict):
        return raw, []
    out = copy_data(raw)
    read: list[tuple[tuple, Resolved]] = []
    for path, kind in fields:
        for at, value, put in list(_places(out, path)):
            if not isinstance(value, str):
                continue
            found = resolve(pack, kind, value)
            if found.id is not None and found.by_name:
                put(found.id)
            if found.id is None or found.by_name:
                read.append((at, found))
    return out, read


def named(pack: Pack, kind: str, value: str, field: str) -> str:
    """A value given by id or by name (棠香, 棠香街道, tangxiang) as the id; an unknown or ambiguous
    name is bad input naming ``field`` (an option, or a request's field), with a did-you-mean."""
    found = resolve(pack, kind, value)
    if found.id is None:
        hint = found.hint
        raise InputError(Problem(found.message, field=field, hint=hint.id if hint else None,
                                 hint_shown=hint.shown if hint else None))
    return found.id


def named_list(pack: Pack, kind: str, values: list[str], field: str, each: bool = False) -> list[str]:
    """``named`` for every value, all the problems at once (``each``: named by its place, field[i])."""
    problems, out = [], []
    for i, value in enumerate(values):
        try:
            out.append(named(pack, kind, value, f"{field}[{i}]" if each else field))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return out


# a town's task says so by the code or by the tool's word for it (镇街: contract.kinds' WORDED)
_BY_TOWN = frozenset({"town", chinese("task.issued_by.town")})


def issuer_kind(raw: Any) -> str:
    """What a task's ``department`` names: a town when the task is issued by a town."""
    issued_by = raw.get("issued_by") if isinstance(raw, dict) else getattr(raw, "issued_by", None)
    return "issuer" if issued_by in _BY_TOWN else "department"


# a task's department names a department, or a town when a town issues it
_ISSUER_FIELDS = {kind: ((("department",), kind),) + TASK_FIELDS for kind in ("department", "issuer")}


def task_fields(raw: Any) -> tuple[tuple[tuple, str], ...]:
    department = raw.get("department") if isinstance(raw, dict) else getattr(raw, "department", None)
    if isinstance(department, str) and department.startswith(EXTERNAL):
        return TASK_FIELDS  # a body outside the pack (external:<name>): its name is its own
    return _ISSUER_FIELDS[issuer_kind(raw)]


def fields_of(kind: str, raw: Any) -> tuple[tuple[tuple, str], ...]:
    """The fields of a ``task``, ``event`` or ``application`` that may name things."""
    return {"task": task_fields(raw), "event": EVENT_FIELDS, "application": APPLICATION_FIELDS}[kind]


def resolved_words(pack: Pack, kind: str, raw: Any) -> str:
    """The names a document gave and the ids they were read as (部门「民政局」→ minzheng, 状态「已派」→
    assigned), or ''."""
    # with the contract's codes written by the tool's words (已派 -> assigned) that are read on any item
    words = tuple((field.path, field.kind) for field in WORDED if field.document == kind and field.on is None)
    _, read = read_names(pack, raw, fields_of(kind, raw) + words)
    shown = [t("names.pair", label=_label(path), given=found.given, id=found.id)
             for path, found in read if found.id is not None]
    return t("names.resolved", items=t("names.sep").join(shown)) if shown else ""


def _label(path: tuple) -> str:
    from gridrules.catalogue.fields import field_label

    field = ""
    for step in path:
        field += f"[{step}]" if isinstance(step, int) else (f".{step}" if field else str(step))
    return field_label(field)
