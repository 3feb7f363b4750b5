"""``import registry|items`` on screen, for the clerks who read it: the pack's names (棠香街道（tangxiang）,
城市网格, 区民政局) and the tables' own column words (户数, 网格长, 工作量), never a field's id."""

from __future__ import annotations

from datetime import date
from typing import Any

from gridrules.catalogue import t
from gridrules.pack.pack import Pack
from gridrules.tables import words
from gridrules.tables.itemsheet import ItemRow
from gridrules.tables.ledger import staff_columns
from gridrules.tables.registry import Plan, UnitChange

from .writing import finding_lines, render_review, workload_line


def paired(name: str | None, uid: str) -> str:
    """A unit as the README writes it: its name, its id in brackets (an id without a name, alone)."""
    return t("finding.paired", first=name, second=uid) if name and name != uid else uid


def _listed(value: Any, name=lambda v: v) -> str:
    if value is None or value == []:
        return "—"
    if isinstance(value, list):
        return words.LIST_SEP.join(name(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(name(value))


class _Names:
    """Ids as the pack names them, for one plan's screen."""

    def __init__(self, pack: Pack, plan: Plan):
        self.pack = pack
        self.communities = {c.id: c.name for c in pack.communities.values()} | {c["id"]: c["name"] for c in plan.communities}
        self.roles = {role: column for column, role in staff_columns(pack).items()}

    def town(self, tid: str) -> str:
        town = self.pack.towns.get(tid)
        return paired(town.name if town else None, tid)

    def kind(self, kid: str) -> str:
        kind = self.pack.grid_kinds.get(kid)
        return kind.name if kind else kid

    def field_lines(self, unit: UnitChange) -> list[str]:
        lines = []
        for f, before, after in unit.fields:
            if f == "staff":
                before, after = before or {}, after or {}
                for role in [*before, *(r for r in after if r not in before)]:
                    if before.get(role) != after.get(role):
                        lines.append(self.line(self.roles.get(role, role), _listed(before.get(role)), _listed(after.get(role))))
                continue
            show = {"kind": self.kind, "town": self.town,
                    "community": lambda c: paired(self.communities.get(c), c)}.get(f, lambda v: v)
            label = (words.GRID_FIELD_WORDS if unit.kind == "grid" else words.COMMUNITY_FIELD_WORDS).get(f, f)
            lines.append(self.line(label, _listed(before, show), _listed(after, show)))
        return lines

    @staticmethod
    def line(label: str, before: str, after: str, indent: str = "      ") -> str:
        return indent + t("screen.import.field", field=label, before=before, after=after)


def render_plan(plan: Plan, pack: Pack) -> str:
    names = _Names(pack, plan)
    c = plan.counts()
    lines = [t("screen.import.source", source=plan.source, rows=plan.rows, town=pack.tree.word("town"),
               towns=t("screen.joiner").join(names.town(town) for town in plan.towns) or t("screen.none")),
             t("cmd.history.units", added=c["added"], changed=c["changed"], removed=c["removed"])]
    for sign, units in (("+", plan.added), ("~", plan.changed), ("-", plan.removed)):
        for unit in units:
            note = t("screen.import.derived") if unit.derived else ""
            lines.append(f"  {sign} {pack.tree.word(unit.kind)} {paired(unit.name, unit.id)}{note}")
            lines += names.field_lines(unit)
    return "\n".join(lines)


def _amended(pack: Pack, field: str, value: Any) -> str:
    department = lambda d: pack.departments[d].name if d in pack.departments else d  # noqa: E731
    if field == "end":
        return value.isoformat() if isinstance(value, date) else words.OPEN_END
    if field == "activities":
        return _listed(value, pack.activity_name)
    if field in ("owners", "training_owner"):
        return _listed(value, department)
    return _listed(value)


def render_items(rows: list[ItemRow], pack: Pack, pack_dir: str | None = None, absent: list[str] | None = None,
                 later: list[str] | None = None) -> str:
    blocks = []
    for r in rows:
        if r.kind == "unchanged":
            blocks.append(t("screen.import.row_same", row=r.row, target=r.target))
            continue
        if r.kind == "new":
            lines = [t("screen.import.row_new", row=r.row, target=r.target)]
            if r.review is not None:
                lines.append(render_review(r.review, pack, ids=False))
            blocks.append("\n".join(lines))
            continue
        item = pack.items_by_id.get(r.target)
        lines = [t("screen.import.row_amend", row=r.row, target=paired(item.name if item else None, r.target))]
        lines += [_Names.line(words.AMENDED_WORDS.get(f, f), _amended(pack, f, b), _amended(pack, f, a), "  ")
                  for f, (b, a) in r.changes.items()]
        if r.review is not None:
            lines.append(t("screen.import.amend_findings", count=len(r.review.findings)))
            lines += finding_lines(r.review.findings, ids=False)
            lines.append(workload_line(pack, r.review.workload))
        lines.append(t("screen.import.new_blocking", count=len(r.new_blocking)) if r.new_blocking
                     else t("screen.import.no_new_blocking"))
        lines.append(t("screen.import.record_with", command=r.amend_command(pack_dir)))
        blocks.append("\n".join(lines))
    def named(codes: list[str]) -> str:
        return t("words.list_sep").join(
            paired(pack.items_by_id[code].name if code in pack.items_by_id else None, code) for code in codes)

    if absent:
        blocks.append(t("screen.import.absent", items=named(absent)))
    if later:  # approved after the export: the table never had them
        blocks.append(t("screen.import.approved_since", items=named(later)))
    if rows:  # last, where a long screen ends
        blocks.append(t("screen.import.items_summary", rows=len(rows), same=sum(r.kind == "unchanged" for r in rows),
                        amend=sum(r.kind == "amend" for r in rows), new=sum(r.kind == "new" for r in rows)))
    return "\n\n".join(blocks) if blocks else t("screen.import.no_items")
