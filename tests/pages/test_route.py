"""事件分流 in a real browser: a dispatcher routes an event by its Chinese names and reads the grade,
handler, deadlines in Beijing time, 直报 and 吹哨 with their report times."""

from __future__ import annotations

import pytest

from gridrules.catalogue import t
from pagekit import browser, served, shots, visit  # noqa: F401 - fixtures

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect


def fill_event(page, type_name: str, people: str) -> None:
    page.goto("/ui/route")
    page.get_by_label("事件类型").select_option(label=type_name)
    page.get_by_label("上报时间").fill("2026-11-25T09:30")
    page.get_by_label("发生网格").fill("和平社区01网格（棠香街道和平社区）")
    page.get_by_label("涉及人数").fill(people)


def test_a_neighbours_dispute_stays_in_the_grid_with_deadlines_in_beijing_time(visit):
    dispatcher = visit("dispatch")
    page = dispatcher.page
    fill_event(page, "邻里纠纷", "2")
    dispatcher.shot("form")
    page.get_by_role("button", name="分流").click()
    # MD02 邻里纠纷: grid level, general grade (rules/events/types.yaml); general: respond within 24 h,
    # close within 3 working days (Thu 26, Fri 27, Mon 30 Nov 2026), as rules/cases/records computes by hand
    expect(page.locator("#verdict")).to_have_text("一般事件 · 由网格处置")
    # routed now (after 2026-12-01, the machine's clock or later): those deadlines are past, and say so
    expect(page.locator("#respond-by")).to_have_text("2026-11-26 09:30 前（已过）")
    expect(page.locator("#close-by")).to_have_text("2026-11-30 09:30 前（已过）")
    expect(page.locator("#direct-report")).to_have_text("不需要")
    expect(page.get_by_text("以上时间均为北京时间")).to_be_visible()
    expect(page.get_by_text("按上报时间判定")).to_be_visible()  # the moment decided at is the report's, and says so
    expect(page.locator("#reported-later")).to_have_count(0)
    # what to do next, from the same deadlines: the grid handles it or reports it up to its community
    # (organization/levels.yaml); the 72 h feedback from Wed 09:30 is Sat 11-28 09:30
    steps = page.locator("#next-steps li")
    expect(steps.nth(0)).to_have_text("由和平社区01网格（网格）在 2026-11-26 09:30 前响应，2026-11-30 09:30 前办结。")
    expect(steps.nth(1)).to_have_text("本级无法解决或到期未能办结的，向和平社区（村(社区)）上报。")
    expect(steps.nth(2)).to_contain_text("向群众反馈（2026-11-28 09:30 前")
    dispatcher.shot("answer")


def test_a_report_time_still_to_come_is_questioned_and_its_deadlines_are_not_past(visit):
    dispatcher = visit("dispatch")
    page = dispatcher.page
    fill_event(page, "邻里纠纷", "2")
    page.get_by_label("上报时间").fill("2099-06-01T09:30")
    page.get_by_role("button", name="分流").click()
    expect(page.locator("#reported-later")).to_contain_text("晚于现在，请核实上报时间")
    expect(page.locator(".past")).to_have_count(0)


def test_a_crowd_is_urgent_reported_directly_and_whistled(visit):
    dispatcher = visit("dispatch")
    page = dispatcher.page
    fill_event(page, "邻里纠纷", "60")
    page.get_by_role("button", name="分流").click()
    # 50 or more people: urgent (grade.crowd); urgent: the grid leader reports directly to town and
    # district (dispatch.yaml), and the owning department (区司法局 for MD02) is whistled
    expect(page.locator("#verdict")).to_contain_text("紧急事件")
    expect(page.locator("#direct-report")).to_contain_text("立即直报")
    expect(page.locator("#direct-report")).to_contain_text("2026-11-25 09:30")
    expect(page.locator("#whistle")).to_contain_text("区司法局")
    expect(page.locator("#whistle")).to_contain_text("应急哨（和平社区01网格吹哨）")  # 网格吹哨: the reporting grid blows it
    expect(page.locator("#whistle")).to_contain_text("前）报到")
    # the emergency whistle's 30 minutes (no longer than urgent's response time), in the pack's words
    expect(page.locator("#whistle")).to_contain_text("须在 30分钟 内")
    expect(page.locator("#reasons")).to_contain_text("涉及 60 人")
    dispatcher.shot("urgent")


def test_an_unknown_grid_is_named_with_a_suggestion(visit):
    dispatcher = visit("department:minzheng")
    page = dispatcher.page
    fill_event(page, "邻里纠纷", "1")
    page.get_by_label("发生网格").fill("和平社区01号网格")  # (和平社区01网, a unique short form, is read)
    page.get_by_role("button", name="分流").click()
    expect(page.locator("#grid-error")).to_contain_text(
        t("page.unknown_name", text="和平社区01号网格", kind=t("kind.grid"),
          hint=t("page.did_you_mean", name="和平社区01网格（棠香街道和平社区）")))
    dispatcher.shot("unknown-grid")


def test_a_town_routes_the_events_in_its_own_town_only(visit):
    town = visit("town:longgang")
    page = town.page
    page.goto("/ui/")
    expect(page.get_by_role("link", name="事件分流").first).to_be_visible()
    fill_event(page, "邻里纠纷", "2")  # a grid of 棠香街道: not this town's
    with page.expect_response(lambda r: r.url.endswith("/ui/route") and r.request.method == "POST") as sent:
        page.get_by_role("button", name="分流").click()
    answer = sent.value
    assert answer.status == 403
    # the grid's own town named, as the API's 403 names it (docs/dispatchers.md): one sentence for both
    expect(page.locator("#grid-error")).to_contain_text(t("page.own_event", town="龙岗街道",
                                                          why=t("http.event_elsewhere", town="棠香街道")))
    expect(page.locator("#grid-error")).to_contain_text(t("http.event_elsewhere", town="棠香街道"))  # 本事件在 棠香街道
    town.shot("another-towns-event")
    page.get_by_label("发生网格").fill("五星社区01网格（龙岗街道五星社区）")
    page.get_by_role("button", name="分流").click()
    expect(page.locator("#verdict")).to_have_text("一般事件 · 由网格处置")
    assert page.locator("#grids option").count() == 0  # the form is gone; the answer shows
    page.goto("/ui/route")
    offered = page.locator("#grids option").evaluate_all("os => os.map(o => o.value)")
    assert offered and all("龙岗街道" in grid for grid in offered)  # the form offers the town's own grids


def test_every_problem_of_a_submission_shows_at_once_beside_its_field(visit):
    """An unknown grid, a people count that is no whole number and a step before the report: one
    submission, three fields marked (they came back one a submission)."""
    dispatcher = visit("department:minzheng")
    page = dispatcher.page
    fill_event(page, "邻里纠纷", "1.5")
    page.get_by_label("发生网格").fill("和平社区01号网格")
    page.get_by_label("已处置层级").select_option(label="网格")
    page.get_by_label("处置结果", exact=True).select_option(label="本级无法解决")
    page.get_by_label("处置结果时间").fill("2026-11-25T08:00")
    page.get_by_role("button", name="分流").click()
    expect(page.locator("#grid-error")).to_contain_text("和平社区01号网格")
    expect(page.locator("#people_involved-error")).to_have_text(t("page.not_whole", text="1.5"))
    expect(page.locator("#step_at-error")).to_have_text(t("page.step_before_report", reported="上报时间"))
    expect(page.locator(".field.invalid")).to_have_count(3)
    dispatcher.shot("three-problems")


@pytest.mark.parametrize("reporter, flagged", [("专职网格员", True), ("网格长", False)])
def test_a_direct_report_names_who_made_it_and_only_the_grid_leader_may(visit, reporter, flagged):
    """直报 is the 网格长's power (the seed; rules/cases/events/fidelity.yaml EV-F06, EV-F08): a
    full-time worker's 直报 is flagged 直报人无直报权限, the 网格长's is not."""
    dispatcher = visit("dispatch")
    page = dispatcher.page
    fill_event(page, "传染病、聚集性病例线索", "1")
    page.get_by_label("上报人").select_option(label=reporter)
    page.get_by_label("以直报方式上报").check()
    page.get_by_role("button", name="分流").click()
    expect(page.locator("#direct-report")).to_contain_text("立即直报")
    flags = page.locator("#flags")
    (expect(flags).to_contain_text if flagged else expect(flags).not_to_contain_text)("直报人无直报权限")


def test_a_direct_report_claimed_for_a_matter_not_urgent_is_answered_why_not(visit):
    """直报 goes by grade: a 网格长's 直报 of a noise complaint (CG05, general) is not made, and the answer
    says why (rules/events/dispatch.yaml level.direct_report_not_urgent; cases EV-F11, EV-F12)."""
    dispatcher = visit("dispatch")
    page = dispatcher.page
    fill_event(page, "噪声扰民", "1")
    page.get_by_label("上报人").select_option(label="网格长")
    page.get_by_label("以直报方式上报").check()
    page.get_by_role("button", name="分流").click()
    expect(page.locator("#direct-report")).to_have_text("不需要")
    expect(page.locator("#reasons")).to_contain_text("本事件以直报方式上报，但等级不是紧急：直报只用于紧急事件")
    dispatcher.shot("direct-report-not-urgent")


def test_a_grid_not_in_the_registry_is_routed_with_its_community_and_town(visit):
    """A newly drawn grid is routed by its id and the community it lies in (the registry is never
    complete); without them its handling unit is unknown and said to be."""
    dispatcher = visit("dispatch")
    page = dispatcher.page
    fill_event(page, "婚姻家庭纠纷", "2")
    page.get_by_label("发生网格").fill("tangxiang-heping-99")
    page.get_by_role("button", name="分流").click()
    # MD01 婚姻家庭纠纷 is handled by the community (rules/events/types.yaml); the grid names none
    expect(page.locator("#verdict")).to_have_text("一般事件 · 由村(社区)处置")
    expect(page.get_by_text("处置单位：村(社区)（单位未登记，请核实）")).to_be_visible()
    # the next steps say so too: neither the community nor the town above it is known
    expect(page.locator("#next-steps li").nth(0)).to_contain_text("由村(社区)（单位未登记，请核实）在")
    expect(page.locator("#next-steps li").nth(1)).to_have_text("本级无法解决或到期未能办结的，向镇街（单位未登记，请核实）上报。")
    expect(page.locator("#grid")).to_have_text("tangxiang-heping-99（名录中没有）")

    fill_event(page, "婚姻家庭纠纷", "2")
    page.get_by_label("发生网格").fill("tangxiang-heping-99")
    page.get_by_text("网格不在名录中时").click()
    page.get_by_label("所在村(社区)").fill("和平社区（棠香街道）")
    dispatcher.shot("unregistered-grid")
    page.get_by_role("button", name="分流").click()
    expect(page.get_by_text("处置单位：和平社区")).to_be_visible()
    expect(page.get_by_text("单位未登记，请核实")).to_have_count(0)
    expect(page.locator("#grid")).to_have_text("tangxiang-heping-99（名录中没有，和平社区（棠香街道））")

    # a registered grid given with a community it does not lie in is refused there, not decided
    fill_event(page, "婚姻家庭纠纷", "2")
    page.get_by_text("网格不在名录中时").click()
    page.get_by_label("所在村(社区)").fill("五星社区（龙岗街道）")
    page.get_by_role("button", name="分流").click()
    expect(page.locator("#unregistered")).to_have_attribute("open", "")
    expect(page.locator("#community-error")).to_contain_text("tangxiang-heping-01")  # the grid it is given with
    dispatcher.shot("community-mismatch")


def test_the_form_offers_what_an_event_spans_as_the_pack_s_tree_names_its_units(tmp_path):
    """The spans values are the pack's unit kinds (organization/units.yaml), not the bundled pack's three:
    the city example's counties can be spanned, and its towns are called 乡镇(街道)."""
    import re

    from fastapi.testclient import TestClient

    from examplepacks import CITY, copy_of
    from gridrules.pages.app import create_app
    from servicekit import write_config

    config = tmp_path / "serve.json"
    secrets = write_config(config)
    with TestClient(create_app(str(copy_of(CITY, tmp_path / "pack")), config, "off")) as web:
        login = re.search(r'name="csrf" value="([^"]+)"', web.get("/ui/login").text).group(1)
        web.post("/ui/login", data={"csrf": login, "token": secrets["dispatch"]}, follow_redirects=False)
        form = web.get("/ui/route").text
        spans = re.search(r'<select id="f-spans".*?</select>', form, re.S).group(0)
        offered = re.findall(r'<option value="(\w+)"[^>]*>([^<]*)</option>', spans)
        assert offered == [("none", "不跨区域"), ("grids", "跨网格"), ("communities", "跨村(社区)"),
                           ("towns", "跨乡镇(街道)"), ("counties", "跨县(区)")]
        csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
        answer = web.post("/ui/route", data={"csrf": csrf, "id": "EV-1", "type": "MD01", "reported_at": "2026-03-02T09:00",
                                             "grid": "hekou-shuiwan-01", "spans": "counties"})
        # an event across counties is the city's (examples/city/organization: 示例市, its handler 示例市社会治理中心)
        assert answer.status_code == 200 and "处置单位：示例市社会治理中心" in answer.text


def test_a_town_sending_an_event_that_contradicts_itself_is_told_so_not_that_it_is_another_towns(visit):
    """A grid of 棠香街道 given with a community of 龙岗街道, sent by 龙岗's command centre: what is wrong
    is the event itself (422, beside the community), as the API answers it, not a 403 saying the
    event is 棠香's."""
    town = visit("town:longgang")
    page = town.page
    fill_event(page, "邻里纠纷", "2")
    page.get_by_text("网格不在名录中时").click()
    page.get_by_label("所在村(社区)").fill("五星社区（龙岗街道）")
    with page.expect_response(lambda r: r.url.endswith("/ui/route") and r.request.method == "POST") as sent:
        page.get_by_role("button", name="分流").click()
    assert sent.value.status == 422
    expect(page.locator("#community-error")).to_contain_text("tangxiang-heping-01")
    expect(page.locator("#grid-error")).to_have_count(0)


def test_the_rule_ids_stand_apart_from_the_reasons_for_a_department_and_beside_them_for_dispatch(visit):
    """Review 9, finding 8 on 事件分流: a department reads the reasons and their basis in words, the rule ids
    in one small line under them; a dispatcher sees each reason's rule id beside it (grade.crowd: 50 or more
    people, rules/events/grading.yaml)."""
    department = visit("department:minzheng")
    fill_event(department.page, "邻里纠纷", "60")
    department.page.get_by_role("button", name="分流").click()
    expect(department.page.locator("#reasons")).to_contain_text("涉及 60 人")
    expect(department.page.locator("#reasons")).not_to_contain_text("grade.crowd")
    expect(department.page.locator("#rule-ids")).to_contain_text("grade.crowd")

    dispatcher = visit("dispatch")
    fill_event(dispatcher.page, "邻里纠纷", "60")
    dispatcher.page.get_by_role("button", name="分流").click()
    crowd = dispatcher.page.locator("#reasons li", has_text="涉及 60 人")
    expect(crowd.locator(".rule-id")).to_have_text("规则编号 grade.crowd")
    expect(dispatcher.page.locator("#rule-ids")).to_have_count(0)
