"""``gridrules lint``: the bundled pack's findings, each checked against the policy, and one
broken copy of the pack per check (``lint_packs/*.yaml``), each caught with its code and line.

Positions are computed from the edited text (where ``at`` first appears), not
from the linter; expected messages were written from the policy tables.
"""

from __future__ import annotations

import contextlib
import itertools
import pathlib
import random
from collections import Counter
from datetime import date, datetime, timedelta, timezone

import pytest
import yaml

from gridrules import Checker
from gridrules.catalogue import set_language
from gridrules.lint import CHECKS, lint_pack, lint_path
from gridrules.engine.loading import load_pack
from packedits import apply_edit, position

FIXTURES = sorted((pathlib.Path(__file__).parent / "lint_packs").glob("*.yaml"))
BROKEN_PACKS = pathlib.Path(__file__).parent.parent / "pack" / "broken_packs"
ON = date(2026, 11, 25)
AT = datetime(2026, 11, 25, 10, 0, tzinfo=timezone.utc)


@contextlib.contextmanager
def chinese():
    """Findings written in Chinese, as the district's staff read them (the expected messages here
    are the policy's words); the report's frame still renders in the suite's English."""
    set_language("zh")
    try:
        yield
    finally:
        set_language(None)


@pytest.fixture(scope="module")
def bundled(pack):
    with chinese():
        return lint_pack(pack, ON)


def _keys(report):
    return {(f.check.code, f.subject) for f in report.findings}


# --- the bundled pack ---------------------------------------------------------------------


def test_bundled_pack_has_no_errors(bundled):
    assert bundled.counts()["error"] == 0, [str(f) for f in bundled.findings if f.severity == "error"]
    assert bundled.exit_code("error") == 0


def test_bundled_pack_warnings_are_exactly_the_known_ones(bundled):
    """Each warning is true by the policy tables (policy.md §1, §4): see the tests below."""
    warnings = {(f.check.code, f.subject) for f in bundled.findings if f.severity == "warning"}
    assert warnings == {
        ("GR106", "L02"),  # L01 and L02 list the same activities; 公安 is first owner of both
        ("GR103", "L11"), ("GR103", "L12"), ("GR103", "L14"), ("GR103", "L15"),  # subsidy 0 with hours > 0
        ("GR401", "canlian"),  # 区残联 owns no item and no event type
        ("GR403", "2026"),  # the holiday calendar ends 2026-12-31, 36 days after ON (notice: 60 days)
    }
    assert bundled.exit_code("warning") == 1


def test_no_subsidy_warnings_match_the_policy_table(pack, bundled):
    # policy.md §4: L11 1h/0元, L12 2h/0元, L14 1h/0元, L15 2h/0元; every other item has a subsidy
    flagged = {f.subject for f in bundled.by_code("GR103")}
    assert flagged == {i.id for i in pack.items if i.hours_per_month > 0 and not i.subsidy} == {"L11", "L12", "L14", "L15"}


def test_canlian_owns_nothing(pack, bundled):
    owners = {d for i in pack.items for d in i.owners} | {d for t in pack.event_types.values() for d in t.owners}
    assert set(pack.departments) - owners == {"canlian"}
    (finding,) = bundled.by_code("GR401")
    assert finding.location.path.endswith("organization/departments.yaml")
    text = (pathlib.Path(pack.root) / "organization/departments.yaml").read_text(encoding="utf-8")
    assert (finding.location.line, finding.location.col) == position(text, "{id: canlian")


def test_l02_never_wins_an_unnamed_gongan_task_as_the_decisions_confirm(pack, bundled):
    """GR106 claims 公安's unnamed tasks within L02 all go to L01; decide every one of them."""
    checker = Checker(pack)
    activities = pack.items_by_id["L02"].activities
    for size in range(1, len(activities) + 1):
        for chosen in itertools.combinations(activities, size):
            task = {"id": "T", "title": "t", "department": "gongan", "activities": list(chosen), "start": "2026-12-01"}
            assert checker.check_task(task, at=AT).list_item == "L01", chosen
            assert checker.check_task(task | {"list_item": "L02"}, at=AT).list_item == "L02"
    # and 住建委, L02's other owner, does get L02: the warning is about 公安 only
    task = {"id": "T", "title": "t", "department": "zhujian", "activities": ["collect_info", "visit"], "start": "2026-12-01"}
    assert checker.check_task(task, at=AT).list_item == "L02"
    (finding,) = bundled.by_code("GR106")
    assert "区公安局（gongan）发起的任务永远不会由 L02" in finding.message


# Worked out from policy.md §4 by the contract's tie-break (fewest activities beyond the
# task's, then the department's place among the owners, then the lowest code):
# (later item, earlier item, department, winner between the two)
OVERLAPS = {
    ("L05", "L04", "sifa", "L04"),      # visit+report: 1 beyond each (mediate / care); sifa 1st in both; L04 < L05
    ("L06", "L01", "gongan", "L01"),    # L01 has 3 activities, L06 4
    ("L06", "L02", "gongan", "L02"),    # likewise (L01 beats both, see GR106)
    ("L09", "L08", "yingji", "L09"),    # L09 2 activities, L08 4
    ("L12", "L02", "zhujian", "L02"),   # report: 2 beyond each; zhujian 2nd in both; L02 < L12
    ("L13", "L06", "minzheng", "L13"),  # L13 3, L06 4
    ("L17", "L06", "weijian", "L17"),   # L17 2, L06 4
}


def test_overlaps_are_the_ones_the_policy_table_gives(bundled):
    found = set()
    for f in bundled.by_code("GR105"):
        other = f.related[0][0].split()[-1]
        winner = f.message.split("的任务由 ")[1].split(" 准入")[0]
        dept = f.message.split("未注明清单事项时，")[1].split("（")[1].split("）")[0]
        found.add((f.subject, other, dept, winner))
    # L02/L01 for gongan is said once, by GR106, not again as an overlap
    assert found == OVERLAPS


@pytest.mark.parametrize("later,earlier,dept,winner", sorted(OVERLAPS))
def test_overlap_winner_is_what_admission_decides(pack, later, earlier, dept, winner):
    """A task from the department asking for exactly the activities both items share."""
    checker = Checker(pack)
    a, b = pack.items_by_id[earlier], pack.items_by_id[later]
    common = [x for x in a.activities if x in b.activities]
    task = {"id": "T", "title": "t", "department": dept, "activities": common, "start": "2026-12-01"}
    decided = checker.check_task(task, at=AT).list_item
    third = {"L06/L02": "L01"}  # L01 beats both for gongan's visit+report
    assert decided == third.get(f"{later}/{earlier}", winner)


def test_ended_approval_depends_on_the_day(pack):
    with chinese():
        (finding,) = lint_pack(pack, ON).by_code("GR303")
    assert finding.subject == "LS-2026-06" and "已于 2026-08-29 到期" in finding.message
    assert lint_pack(pack, date(2026, 8, 29)).by_code("GR303") == []  # its last day
    assert [f.subject for f in lint_pack(pack, date(2027, 2, 1)).by_code("GR303")] == ["TX-2026-11", "LS-2026-06"]


def test_every_written_rule_fires_and_decides_somewhere(pack):
    from gridrules.lint.context import LintContext

    exploration = LintContext(pack, ON).exploration
    assert exploration.gaps == {}
    for rule_id, stats in exploration.rules.items():
        assert stats.analysed and stats.fired and stats.decided, rule_id


def test_every_check_has_a_distinct_code_and_a_fixture_or_a_bundled_case(bundled):
    codes = [c.code for c in CHECKS]
    assert len(codes) == len(set(codes))
    covered = {yaml.safe_load(p.read_text(encoding="utf-8"))["expect"][0]["code"] for p in FIXTURES}
    covered |= {f.check.code for f in bundled.findings}  # GR103, GR105, GR106, GR303, GR401
    covered |= {"GR001"}  # test_unloadable_pack_is_reported_as_gr001
    covered |= {"GR801", "GR802", "GR803", "GR804"}  # tests/lint/test_structure.py, on examples/city
    assert covered == set(codes)


# --- broken copies --------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_broken_copy_is_caught_with_code_and_line(fixture, pack_copy, bundled):
    case = yaml.safe_load(fixture.read_text(encoding="utf-8"))
    for edit in case["edits"]:
        apply_edit(pack_copy, edit)
    with chinese():
        report = lint_path(pack_copy, ON)
    assert report.loaded, [str(f) for f in report.findings]
    rendered = [str(f) for f in report.findings]
    for want in case["expect"]:
        # the edit caused it: the bundled pack has no such finding
        assert (want["code"], want["subject"]) not in _keys(bundled)
        text = (pack_copy / want["file"]).read_text(encoding="utf-8")
        line, col = position(text, want["at"], want.get("offset", 0))
        check = next(c for c in CHECKS if c.code == want["code"])
        prefix = f"{pack_copy}/{want['file']}:{line}:{col}: {check.severity} {check.code} {check.name}: "
        assert any(r.startswith(prefix) and want["message"] in r for r in rendered), (
            f"{case['description']}: expected\n  {prefix}…{want['message']}…\ngot:\n  " + "\n  ".join(rendered))
    if any(next(c for c in CHECKS if c.code == w["code"]).severity == "error" for w in case["expect"]):
        assert report.exit_code("error") == 1


def test_a_word_inside_a_screening_exception_is_no_finding(pack_copy):
    """Lint reads an item's name as screening reads a task's title: 收取 inside F05's exception
    接收取暖补贴 is no GR109 (the word outside it is: lint_packs/item_screened_word_beside_exception.yaml)."""
    apply_edit(pack_copy, {"file": "admission/items.yaml", "replace": "    name: 标准地址与实有单位核采\n",
                           "with": "    name: 标准地址与实有单位核采，接收取暖补贴申请\n"})
    report = lint_path(pack_copy, ON)
    assert report.loaded and not report.by_code("GR109"), [str(f) for f in report.by_code("GR109")]


def test_a_negated_word_is_no_finding(pack_copy):
    """Lint reads an item's name as screening reads a task's title: 收取 right after 不得 (and 押金 right
    after it) is no GR109 (a word apart from the negation is: lint_packs/item_screened_word_apart_from_negation.yaml)."""
    apply_edit(pack_copy, {"file": "admission/items.yaml", "replace": "    name: 标准地址与实有单位核采\n",
                           "with": "    name: 标准地址与实有单位核采，不得收取押金\n"})
    report = lint_path(pack_copy, ON)
    assert report.loaded and not report.by_code("GR109"), [str(f) for f in report.by_code("GR109")]


def test_unloadable_pack_is_reported_as_gr001(pack_copy):
    case = yaml.safe_load((BROKEN_PACKS / "temporary_too_long.yaml").read_text(encoding="utf-8"))
    for edit in case["edits"]:
        apply_edit(pack_copy, edit)
    report = lint_path(pack_copy, ON)
    assert not report.loaded and report.exit_code("info") == 2
    text = (pack_copy / "admission/temporary.yaml").read_text(encoding="utf-8")
    line, col = position(text, "2026-08-30")
    assert [str(f) for f in report.findings] == [
        f"{pack_copy}/admission/temporary.yaml:{line}:{col}: error GR001 pack-invalid: "
        "LS-2026-06.to: runs 91 days (2026-06-01 to 2026-08-30, both counted), longer than the maximum of 90"
    ]


# --- the claims, checked by deciding -----------------------------------------------------------


def random_events(pack, n: int, seed: int):
    rng = random.Random(seed)
    levels, grades = [lv.id for lv in pack.levels], [g.id for g in pack.grades]
    grids = list(pack.grids) + ["unregistered-grid-01"]
    for i in range(n):
        reported = datetime(2026, 11, 2, 9, 30, tzinfo=timezone(timedelta(hours=8))) + timedelta(hours=rng.randint(0, 24 * 40))
        event = {
            "id": f"EV-{i}", "type": rng.choice(list(pack.event_types)), "reported_at": reported.isoformat(),
            "grid": rng.choice(grids), "life_threat": rng.random() < 0.2,
            "people_involved": rng.choice([0, 3, 9, 10, 11, 49, 50, 51, 120]), "reporters": rng.randint(1, 8),
            "recurrences_30d": rng.randint(0, 5), "spans": rng.choice(["none", "grids", "communities", "towns"]),
            "needs_enforcement": rng.random() < 0.3,
        }
        if event["grid"] not in pack.grids:
            event |= {"community": "x-community", "town": rng.choice(list(pack.towns))}
        if rng.random() < 0.4:
            event["grade"] = rng.choice(grades)
        if rng.random() < 0.5:
            event["history"] = [{"level": rng.choice(levels), "outcome": rng.choice(["unresolved", "overdue", "resolved"]),
                                 "at": (reported + timedelta(hours=1)).isoformat()}]
        if rng.random() < 0.5:
            event["assigned_to"] = rng.choice(levels)
        yield event, reported + timedelta(hours=rng.choice([0, 1, 30, 100, 400]))


@pytest.mark.parametrize("name,rule", [
    ("rule_never_fires_unreachable", "review.unknown_unit"),
    ("rule_never_decides_whistle", "whistle.enforcement"),
    ("rule_never_decides_grade", "grade.crowd_major"),
    ("rule_never_decides_level", "level.spans_towns_town"),
])
def test_a_rule_lint_says_never_decides_is_never_among_the_reasons(name, rule, pack_copy):
    case = yaml.safe_load((pathlib.Path(__file__).parent / "lint_packs" / f"{name}.yaml").read_text(encoding="utf-8"))
    for edit in case["edits"]:
        apply_edit(pack_copy, edit)
    broken = load_pack(pack_copy)
    assert (case["expect"][0]["code"], rule) in _keys(lint_pack(broken, ON))
    checker = Checker(broken)
    seen = Counter()
    for event, at in random_events(broken, 3000, seed=len(name)):
        seen.update(r.rule for r in checker.route_event(event, at=at).reasons)
    assert seen[rule] == 0
    # while the rules around it do decide (the random events reach that part of the pack)
    assert all(seen[r] > 0 for r in ("whistle.emergency", "grade.crowd", "level.spans_towns", "review.grade_raised"))


def test_a_list_field_read_before_dispatch_is_carried_through_the_stages(pack_copy):
    """assigned_powers (a list) read by a leveling rule must reach dispatch with its level."""
    apply_edit(pack_copy, {"file": "events/levels.yaml", "replace": "  - id: level.spans_towns\n",
                           "with": "  - id: level.assigned_enforcer\n    when: {assigned_powers: {includes: enforce}}\n"
                                   "    level: town\n    text: 指派给有执法权的层级。\n    basis: 测试\n  - id: level.spans_towns\n"})
    from gridrules.lint.context import LintContext

    stats = LintContext(load_pack(pack_copy), ON).exploration.rules
    assert stats["level.assigned_enforcer"].fired and stats["level.assigned_enforcer"].decided
    assert stats["review.assigned_without_enforcement"].decided


def test_admissible_task_sets_come_in_a_fixed_order(pack):
    """Largest first, then in the order the item lists its activities: GR106 names winners and
    the widest task in this order, so output does not vary with the process's string hashing
    (it did, on the province pack: two runs, two orders of the same winners)."""
    from gridrules.lint.context import LintContext
    from gridrules.lint.overlap import admissible_sets

    ctx = LintContext(pack, date(2026, 11, 25))
    found = admissible_sets(ctx, ["visit", "report", "patrol", "enforce"])  # enforce: negative list
    assert [tuple(sorted(t, key=["visit", "report", "patrol"].index)) for t in found] == [
        ("visit", "report", "patrol"),
        ("visit", "report"), ("visit", "patrol"), ("report", "patrol"),
        ("visit",), ("report",), ("patrol",),
    ]


# --- the fidelity additions (policy §8) -------------------------------------------------------


def test_the_calendar_warning_starts_60_days_before_it_ends(pack):
    # the calendar covers 2026 only; calendar_notice_days is 60: 2026-11-01 is 60 days before 2026-12-31
    assert "GR403" in {f.check.code for f in lint_pack(pack, date(2026, 11, 1)).findings}
    assert "GR403" not in {f.check.code for f in lint_pack(pack, date(2026, 10, 31)).findings}


def test_a_rule_that_states_the_safeguard_is_not_dead_code(pack_copy):
    """level.high_risk gives the floor community, which no default high type needs (they all start at
    town or district): as a level it never decides, but its statement (the safeguard) always does."""
    report = lint_path(pack_copy, ON)
    assert not [f for f in report.findings if f.subject == "level.high_risk"]
    text = (pack_copy / "events/levels.yaml").read_text(encoding="utf-8")
    apply_edit(pack_copy, {"file": "events/levels.yaml", "replace": "    states: safeguard\n", "with": ""})
    assert "states: safeguard" not in (pack_copy / "events/levels.yaml").read_text(encoding="utf-8") != text
    report = lint_path(pack_copy, ON)
    assert {f.check.code for f in report.findings if f.subject == "level.high_risk"} == {"GR502"}


def test_the_calendar_warning_cites_the_last_calendars_own_basis(pack, pack_copy):
    """Which notice to follow is the pack's data (the last calendar's ``basis``), not the tool's."""
    found = [f for f in lint_pack(pack, date(2026, 11, 1)).findings if f.check.code == "GR403"]
    assert pack.calendars[2026].basis in found[0].message and "calendar/2027.yaml" in found[0].message
    apply_edit(pack_copy, {"file": "calendar/2026.yaml", "replace": f"basis: {pack.calendars[2026].basis}",
                           "with": "basis: 某省人民政府办公厅关于2026年节假日安排的通知"})
    report = lint_path(pack_copy, date(2026, 11, 1))
    found = [f for f in report.findings if f.check.code == "GR403"]
    assert "某省人民政府办公厅关于2026年节假日安排的通知" in found[0].message and "国务院" not in found[0].message


def test_the_readme_s_table_of_codes_names_every_check():
    """A check the README's table leaves out is one a deployer meets unexplained (GR601-603 were)."""
    import pathlib
    import re

    from gridrules.lint import CHECKS

    readme = (pathlib.Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    covered: set[str] = set()
    for first, last in re.findall(r"^\| GR(\d{3})(?:–(\d{3}))? \|", readme, flags=re.M):
        covered.update(f"GR{n:03d}" for n in range(int(first), int(last or first) + 1))
    assert {c.code for c in CHECKS} <= covered, sorted({c.code for c in CHECKS} - covered)


def test_lint_registers_no_list_items_ruleset_in_the_engine(pack_copy, monkeypatch):
    """lint fires the written stages only; a 10,000-item list's ~700 item and relay rulesets held
    ~600 MB in the engine for nothing (lint went past 1 GB)."""
    from gridrules.engine.loading import load_pack
    from gridrules.lint import LintContext, lint_pack

    items = pack_copy / "admission/items.yaml"  # a digest of its own: no earlier test's rulesets are shared
    items.write_text(items.read_text(encoding="utf-8").replace("hours_per_month: 3\n", "hours_per_month: 5\n", 1),
                     encoding="utf-8")
    pack = load_pack(pack_copy)
    seen = []
    real = LintContext.checker.func

    def kept(ctx):
        seen.append(real(ctx))
        return seen[-1]

    monkeypatch.setattr(LintContext.checker, "func", kept)  # keeps the Checker lint made
    lint_pack(pack)
    registered = set(seen[0].engine.rulesets.handles)
    assert registered and not {n for n in registered if n.startswith(("admission.items", "admission.relay"))}
    assert {"routing.grading", "routing.dispatch"} <= registered


def test_an_untrained_item_promises_the_training_pending_flag_only_where_a_rule_raises_it(terms_pack):
    # examples/county has no training_pending rule: GR108 had said its tasks "are all flagged training_pending"
    county = load_pack(pathlib.Path(__file__).resolve().parents[2] / "examples" / "county")
    with chinese():
        found = lint_pack(county, ON).by_code("GR108")
        flagged = lint_pack(terms_pack, ON).by_code("GR108")  # L18, untrained, in a pack with the rule
    assert found and all("本规则包没有据此标注任务的规则" in f.message and "training_pending）" not in f.message
                         for f in found)
    assert [f.subject for f in flagged] == ["L18"] and "都会被标注「培训未完成」（training_pending）" in flagged[0].message
