"""What the pages' forms offer -- Chinese names -- and the ids they send back.

A clerk picks 区民政局, 入户走访, 棠香街道, never ``minzheng``, ``visit``,
``tangxiang``.  The names are the library's (``gridrules.pack.names``: one home for
every name an id has); this module only lays them out for a form -- what each
choice means, which group it is shown in, a grid shown with its town and
community -- and reads a form's value back through the library's resolver (a
name, a unique short form or an id), with the field named and a "did you mean"
in the form's words when it names nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from gridrules.catalogue import chinese, t
from gridrules.catalogue.pages import chinese_words
from gridrules.errors import InputError, Problem
from gridrules.pack.layout import DUTIES, EVENT_TYPES
from gridrules.pack.names import Entry, entries, resolve
from gridrules.pack.pack import Pack
from gridrules.pack.tree import LEVELS

# the words the forms use for each kind of thing (catalogue/pages.py: the pages speak Chinese)
KINDS = chinese_words("page.kind.")


@dataclass(frozen=True)
class Choice:
    """One thing a form offers: its id, the name shown, what it means (or None), its group (or None)."""

    id: str
    name: str
    meaning: str | None = None
    group: str | None = None


@dataclass
class Table:
    kind: str
    pack: Pack
    choices: list[Choice] = field(default_factory=list)

    def name(self, id_: str | None) -> str:
        """The name of ``id_`` (the id itself when the pack does not know it)."""
        return next((c.name for c in self.choices if c.id == id_), id_ or "")

    def resolve(self, text: str, field_name: str) -> str:
        """The id a form's value names: a name shown here, or what the library reads it as."""
        wanted = text.strip()
        for choice in self.choices:  # the form's own label (a grid with its town and community)
            if wanted == choice.name:
                return choice.id
        found = resolve(self.pack, self.kind, wanted)
        if found.id is not None:
            return found.id
        if found.message != t("input.unknown_ref", what=t(f"kind.{self.kind}"), value=wanted):
            raise InputError(Problem(found.message, field=field_name))  # a short form of several: they are listed
        hint = t("page.did_you_mean", name=self.name(found.hint.id)) if found.hint is not None else ""
        raise InputError(Problem(t("page.unknown_name", text=wanted, kind=t(f"kind.{self.kind}"), hint=hint),
                                 field=field_name))

    def resolve_all(self, texts: list[str], field_name: str) -> list[str]:
        return [self.resolve(t, field_name) for t in texts if t.strip()]


class Names:
    """Every table the forms read, for one pack: the library's names, laid out for forms."""

    def __init__(self, pack: Pack):
        self.pack = pack
        categories = {c.prefix: c.name for c in pack.files[EVENT_TYPES].categories}
        groups = {g.id: g.name for g in pack.files[DUTIES].groups}

        def meaning(kind: str, entry: Entry) -> tuple[str | None, str | None]:
            if kind == "activity":
                if entry.id in pack.activities:
                    return pack.activities[entry.id].description, None
                barred = pack.negative_by_activity.get(entry.id)  # offered: the answer says why it cannot be given
                return (barred.forbidden if barred else None), chinese("page.negative_group")
            if kind == "item":
                return pack.items_by_id[entry.id].content, None
            if kind == "type":
                return None, categories.get(entry.id.rstrip("0123456789"))
            if kind == "level":
                return next(lv.actors for lv in pack.levels if lv.id == entry.id), None
            if kind == "duty":
                return None, groups.get(pack.duties[entry.id].group)
            if kind == "approval":  # grouped by the body's unit, by its name
                return None, entry.within
            return None, None

        self.tables: dict[str, Table] = {}
        for kind in KINDS:
            table = self.tables[kind] = Table(kind, pack)
            found = entries(pack, kind)
            if kind == "activity":  # the pack's activities in its order, then the negative list's
                order = {a: i for i, a in enumerate([*pack.activities, *(e.activity for e in pack.negative)])}
                found = sorted(found, key=lambda e: order.get(e.id, len(order)))
            for entry in found:
                about, group = meaning(kind, entry)
                table.choices.append(Choice(entry.id, self._shown(kind, entry), about, group))

    def _shown(self, kind: str, entry: Entry) -> str:
        """A grid is shown with its town and community, a community with its town (names of grids
        repeat across communities, and of communities across towns)."""
        if kind == "approval":  # as its body's decision is cited: its reference, then its work
            return f"{entry.id} {entry.name}"
        if kind not in ("grid", "community"):
            return entry.name
        community = self.pack.grids[entry.id][1] if kind == "grid" else self.pack.communities[entry.id]
        town = self.pack.towns[community.town].name if community.town in self.pack.towns else community.town
        if kind == "grid":
            return chinese("page.grid_shown", grid=entry.name, town=town, community=community.name)
        return chinese("page.community_shown", community=entry.name, town=town)

    def __getitem__(self, kind: str) -> Table:
        return self.tables[kind]

    def name(self, kind: str, id_: str | None) -> str:
        return self.tables[kind].name(id_)

    def names(self, kind: str, ids: list[str] | tuple[str, ...]) -> str:
        return chinese("words.list_sep").join(self.name(kind, i) for i in ids)


@lru_cache(maxsize=4)
def names_of(pack: Pack) -> Names:
    """The tables of ``pack`` (a snapshot's pack is frozen: built once per loaded pack)."""
    return Names(pack)


def unit_words(pack: Pack | None) -> dict[str, str]:
    """What the pages call the pack's units of each of the tool's levels (``town``, ``community``,
    ``grid``) and its top unit (``district``: 区, 县): the pack's own words (``UnitTree.word``: 乡镇(街道)
    in a county that says so), the tool's Chinese ones (``kind.*``) on a page that has no pack."""
    if pack is None:
        return {level: chinese(f"kind.{level}") for level in LEVELS} | {"district": chinese("kind.top")}
    return pack.tree.words(chinese=True) | {"district": pack.tree.top_word(chinese=True)}


def direct_levels(pack: Pack | None) -> str:
    """The levels the pack's dispatch rules report directly to (直报: 镇街、区 in the bundled pack), by
    the pack's names in its level order (none on a page with no pack: no event form is shown there)."""
    if pack is None:
        return ""
    named = {level for rule in pack.rules_of("dispatch") for level in rule.direct_report or ()}
    return chinese("words.list_sep").join(level.name for level in pack.levels if level.id in named)


def worded(words: dict[str, str], pack: Pack | None) -> dict[str, str]:
    """The catalogue's words for the pages (``chinese_words``), those naming a kind of unit
    (``{town}临时事项``, ``所在{community}``) in the pack's own words (``unit_words``), and the levels
    a direct report goes to (``{direct_levels}``) as its dispatch rules name them."""
    kinds = {**unit_words(pack), "direct_levels": direct_levels(pack)}
    return {key: text.format(**kinds) if "{" in text else text for key, text in words.items()}
