"""``gridrules show departments|towns|communities|grids|activities|levels|grades|types``: the
pack's names and ids as tables, so a clerk can find the id (or the name) to write."""

from __future__ import annotations

from datetime import date
from typing import Any

from gridrules.catalogue import english, t
from gridrules.pack.pack import Pack
from gridrules.pack.sections import DATA

from .table import heading

_ANY_DAY = date.min  # the directories do not change with the day

DIRECTORY_TITLES = {
    "departments": "部门", "towns": "镇街", "communities": "村(社区)", "grids": "网格",
    "activities": "网格活动", "levels": "处置层级", "grades": "事件等级", "types": "事件类型",
    "bodies": "审定机构",
}


def _kinds(pack: Pack) -> tuple[str, str, str]:
    """The headings of towns, communities and grids: the pack's own words for them in Chinese
    (乡镇(街道) in a county that says so), the tool's in English (``UnitTree.word``)."""
    words = pack.tree.words()
    return words["town"], words["community"], words["grid"]


def directory_title(pack: Pack, section: str) -> str:
    """A directory's title: the pack's own word for its units (see ``_kinds``), else the tool's."""
    level = {"towns": "town", "communities": "community", "grids": "grid"}.get(section)
    if level is not None and not english():
        return pack.tree.word(level)
    return heading(DIRECTORY_TITLES[section], "title")


def _simple(section: str):
    def table(pack: Pack, *_: Any) -> tuple[list[str], list[list[str]]]:
        return ["编号", "名称"], [[e["id"], e["name"]] for e in DATA[section](pack, _ANY_DAY, True)]

    return table


def _communities(pack: Pack, *_: Any) -> tuple[list[str], list[list[str]]]:
    rows = [[c.id, c.name, pack.towns[c.town].name if c.town in pack.towns else c.town, str(len(c.grids))]
            for c in pack.communities.values()]
    return ["编号", "名称", _kinds(pack)[0], "网格数"], rows


def _grids(pack: Pack, *_: Any) -> tuple[list[str], list[list[str]]]:
    kinds = pack.grid_kinds
    rows = [[gid, g.name, c.name, pack.towns[c.town].name if c.town in pack.towns else c.town,
             kinds[g.kind].name if g.kind is not None and g.kind in kinds else (g.kind or ""), "" if g.households is None else str(g.households)]
            for gid, (g, c) in pack.grids.items()]
    town, community, _grid = _kinds(pack)
    return ["编号", "名称", community, town, "类型", "户数"], rows


def _activities(pack: Pack, *_: Any) -> tuple[list[str], list[list[str]]]:
    rows = [[e["id"], e["name"], t("screen.show.negative", code=e["negative"]) if e["negative"] else ""]
            for e in DATA["activities"](pack, _ANY_DAY, True)]
    return ["编号", "名称", "说明"], rows


def _ranked(section: str):
    def table(pack: Pack, *_: Any) -> tuple[list[str], list[list[str]]]:
        return ["编号", "名称", "次序"], [[e["id"], e["name"], str(e["rank"] + 1)] for e in DATA[section](pack, _ANY_DAY, True)]

    return table


def _types(pack: Pack, *_: Any) -> tuple[list[str], list[list[str]]]:
    levels = {lv.id: lv.name for lv in pack.levels}
    grades = {g.id: g.name for g in pack.grades}
    rows = [[tp.code, tp.name, levels.get(tp.level, tp.level), grades.get(tp.grade, tp.grade)]
            for tp in pack.event_types.values()]
    return ["编号", "名称", "默认层级", "默认等级"], rows


def _bodies(pack: Pack, *_: Any) -> tuple[list[str], list[list[str]]]:
    levels = {lv.id: lv.name for lv in pack.levels}
    users = {"town": pack.tree.word("town"), "department": t("kind.department")}
    rows = []
    for e in DATA["bodies"](pack, _ANY_DAY, True):
        unit = (pack.tree.name_of(e["unit"]) if e["unit"]  # else one such body in each unit of its level's kind
                else t("screen.show.each_unit", level=levels.get(e["level"], e["level"])))
        power = e["temporary"]
        temporary = "" if power is None else t(
            "screen.show.temporary_power", name=power["name"], users=t("words.list_sep").join(users[u] for u in power["used_by"]),
            days="" if power["max_days"] is None else f"{power['max_days']:g}")
        rows.append([e["id"], e["name"], levels.get(e["level"], e["level"]), unit,
                     t("words.list_sep").join(kept["name"] for kept in e["lists"]), temporary])
    return ["编号", "名称", "层级", "单位", "保管的清单", "临时事项"], rows


DIRECTORY_TABLES = {
    "departments": _simple("departments"), "towns": _simple("towns"), "communities": _communities,
    "grids": _grids, "activities": _activities, "levels": _ranked("levels"), "grades": _ranked("grades"),
    "types": _types, "bodies": _bodies,
}
