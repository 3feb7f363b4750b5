"""``gridrules show``: the pack's lists as tables a clerk can read."""

from __future__ import annotations

import pathlib
from typing import Any, Mapping
from datetime import date, datetime

import click

from gridrules.engine.loading import load_pack
from gridrules.pack.pack import Pack
from gridrules.pack.layout import MANIFEST
from gridrules.pack.params import CAPACITY
from gridrules.pack.model.inforce import WITHDRAWN
from gridrules.catalogue import english, t
from gridrules.catalogue.humane import session_words
from gridrules.change.temporary import period_said
from gridrules.errors import InputError, Problem
from gridrules.lang.parse import suggest
from gridrules.pack.sections import (LISTS, SECTIONS, approvals_shown, duty_groups, item_status, items_shown, listing,
                                     matches, screening_lines)
from gridrules.tables.words import TITLES

from .common import at_option, emit_json, format_option, pack_option, parse_at
from .directories import DIRECTORY_TABLES, directory_title
from .table import fit, heading, render
from .writing import approval_hours


def _names(pack: Pack, ids: list[str], table: Mapping[str, Any]) -> str:
    return t("screen.joiner").join(table[i].name if i in table else i for i in ids)


def _validity(start: date, end: date | None) -> str:
    return t("screen.show.from", start=start) if end is None else t("screen.show.from_to", start=start, end=end)


def _session(session: str) -> str:
    """A joint-meeting session: 2024年第4次会议 in Chinese, its id for the developers."""
    return session if english() else session_words(session)


def _status(item: Any, in_force: bool, on: date) -> str:
    """After an item's id, unless it is in force: （已撤销）, （已到期）, （未生效）, or （待生效，its day 起）."""
    state = item_status(item, in_force, on)
    if state == "in_force":
        return ""
    if state == "pending":
        later = [c.effective for c in item.in_force.pending(on) if c.version != WITHDRAWN]
        return t("screen.show.pending", status=t("status.pending"), date=later[0])
    return t("screen.show.status", status=t(f"status.{state}"))


def _items(pack: Pack, on: date, include_all: bool) -> tuple[list[str], list[list]]:
    headers = ["编号", "事项", "职责", "责任部门", "活动", "频次", "工时", "补贴", "有效期", "审定"]
    rows = []
    for item, in_force in items_shown(pack, on, include_all):
        rows.append([
            item.id + _status(item, in_force, on),
            item.name,
            item.duty,
            _names(pack, item.owners, pack.departments),
            t("screen.joiner").join(pack.activity_name(a) for a in item.activities),
            item.frequency,
            f"{item.hours_per_month:g}",
            "—" if item.subsidy is None else t("screen.show.yuan", amount=f"{item.subsidy:g}"),
            _validity(item.effective.from_, item.effective.to),
            t("screen.show.approved", session=_session(item.approval.session), date=item.approval.date),
        ])
    return headers, rows


def _temporary(pack: Pack, on: date, include_all: bool):
    rows = [[a.ref, pack.tree.name_of(a.unit), str(a.decided_on), a.work,
             t("screen.joiner").join(pack.activity_name(x) for x in a.activities),
             period_said(pack, a, on), approval_hours(a)]
            for a, _ in approvals_shown(pack, on, include_all)]
    return ["批复编号", "单位", "决定日期", "工作", "活动", "起止", "工时"], rows


def _duties(pack: Pack, *_):
    groups = duty_groups(pack)
    return ["编号", "类别", "职责"], [[d.id, groups[d.group], d.text] for d in pack.duties.values()]


def _negative(pack: Pack, *_):
    rows = [[e.code, e.activity or t("screen.show.finding", finding=e.finding), e.title, e.forbidden,
             t("screen.joiner").join(e.screening_words), t("screen.joiner").join(e.screening_exceptions)]
            for e in pack.negative]
    return ["编号", "活动", "名称", "不得交给网格员的工作", "甄别词", "甄别例外"], rows


def _roles(pack: Pack, *_):
    rows = []
    for role in pack.roles.values():
        powers = t("screen.joiner").join(pack.activity_name(a) for a in role.activities)
        extra = t("screen.joiner").join(p.name for p in role.special_powers)
        rows.append([role.id, role.name, t("screen.show.also", powers=powers, extra=extra) if extra else powers])
    return ["角色", "名称", "可以承担"], rows


def _events(pack: Pack, *_):
    level_names = {lv.id: lv.name for lv in pack.levels}
    grade_names = {g.id: g.name for g in pack.grades}
    rows = [[t.code, t.name, level_names[t.level], grade_names[t.grade],
             _names(pack, t.owners, pack.departments), pack.risk_levels[pack.risk_of(t.code)[0]].name]
            for t in pack.event_types.values()]
    return ["编号", "事件类型", "默认层级", "默认等级", "责任部门", "风险"], rows


BUILDERS = {"items": _items, "temporary": _temporary, "duties": _duties,
            "negative": _negative, "roles": _roles, "events": _events, **DIRECTORY_TABLES}


def _split(words: tuple[str, ...], pack_dir: str | None) -> tuple[tuple[str, ...], str | None]:
    """``show grids 和平`` -> (("grids",), "和平"): the words that name sections, and a search term.  A word
    that is a pack's folder, with no --pack given, is refused with the --pack to write: ``show towns 青山``
    (as ``validate 青山`` takes it) would search the bundled pack for 青山 and show another district's towns."""
    sections = tuple(w for w in words if w in SECTIONS)
    rest = [w for w in words if w not in SECTIONS]
    folder = next((w for w in rest if pack_dir is None and (pathlib.Path(w) / MANIFEST).is_file()), None)
    if folder is not None:
        raise InputError(Problem(t("show.pack_as_word", word=folder, sections="".join(f" {s}" for s in sections)), field="SEARCH"))
    if len(rest) > 1 or (rest and not sections):
        bad = rest[0] if not sections else rest[1]
        hint = suggest(bad, SECTIONS)
        raise InputError(Problem(t("show.unknown_section", word=bad, sections=", ".join(SECTIONS)),
                                 field="SECTION", hint=hint))
    return sections, (rest[0] if rest else None)


@click.command("show")
@click.argument("words", nargs=-1, metavar="[SECTION]... [SEARCH]")
@pack_option
@format_option()
@at_option("Show what is in force at this moment (default: now).")
@click.option("--all", "include_all", is_flag=True, help="Include withdrawn, not yet approved and lapsed entries.")
def show(words: tuple[str, ...], pack_dir: str | None, fmt: str, at: str | None, include_all: bool) -> int:
    """Show the admission list, temporary approvals, duties, negative list, roles and event types
    (all of them, or the SECTIONs named), or the pack's names and ids (departments, towns,
    communities, grids, activities, levels, grades, types, bodies); SEARCH keeps the rows that contain it
    (show grids 和平)."""
    sections, term = _split(words, pack_dir)
    pack = load_pack(pack_dir)
    moment = parse_at(at, pack.tz) or datetime.now(pack.tz)
    on = moment.astimezone(pack.tz).date()
    chosen = sections or LISTS
    if fmt == "json":
        emit_json(listing(pack, moment, chosen, include_all, term))
        return 0
    click.echo(t("show.pack", title=pack.manifest.title, version=pack.info.version, on=on))
    for name in chosen:
        headers, rows = BUILDERS[name](pack, on, include_all)
        rows = [r for r in rows if term is None or matches(r, term)]
        click.echo("\n" + t("show.section", title=heading(TITLES[name], "title") if name in TITLES else directory_title(pack, name), count=len(rows)))
        click.echo(render(headers, rows) if rows else t("table.none"))
    if "items" in chosen and term is None:
        click.echo("\n" + t("screen.show.total", hours=f"{pack.listed_hours(on, approvals=False):g}",
                                limit=f"{pack.parameter(CAPACITY):g}"))
    if "negative" in chosen and term is None:
        click.echo("\n" + "\n".join(line for said in screening_lines(pack, t) for line in fit(said)))
    return 0


COMMANDS = [show]
