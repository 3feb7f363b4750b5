"""The temporary-approval endpoints answer in their own fields' names: the command line's names sent
in a body are told this endpoint's (「写成 decided_on」), and a conflict names what differs as the
request names it (valid_to, not the pack file's to)."""

from __future__ import annotations

import pytest


pytestmark = pytest.mark.usefixtures("decisions_after_today")

ZH = {"Accept-Language": "zh-CN"}
# the approval the tests record: 2026-12-01 to 2027-02-28 is 90 days, the policy's longest (policy.md: temporary items)
TEMPORARY = {"ref": "TX-2026-12", "decided_on": "2026-12-01", "work": "春节前独居老人安全走访",
             "activities": ["visit", "care"], "valid_to": "2027-02-28", "hours_per_month": 2}


def test_the_command_lines_names_in_an_approval_are_told_this_endpoints_names(served):
    """date/from/to/hours (``gridrules temporary approve``'s options) are answered 「写成 decided_on」 each,
    the field they stand for not said missing besides; a misspelt field gets the nearest; the documented
    names are still what is read."""
    client, as_ = served
    cli = {"ref": "TX-2026-12", "date": "2026-12-01", "work": "春节前独居老人安全走访", "activities": ["visit", "care"],
           "from": "2026-12-01", "to": "2027-02-28", "hours": 2}
    r = client.post("/v1/temporary", json=cli, headers=as_("town:tangxiang") | ZH)
    assert r.status_code == 422, r.text
    problems = {p["field"]: p for p in r.json()["problems"]}
    assert set(problems) == {"date", "from", "to", "hours"}  # not decided_on nor valid_to: missing
    assert problems["date"]["message"] == "没有这个字段：date（本接口写成 decided_on）"
    assert {f: p["hint"] for f, p in problems.items()} == {"date": "decided_on", "from": "valid_from",
                                                           "to": "valid_to", "hours": "hours_per_month"}
    r = client.post("/v1/temporary", json=TEMPORARY | {"valid_unti": "2027-02-28"}, headers=as_("town:tangxiang"))
    assert r.status_code == 422 and [(p["field"], p["hint"]) for p in r.json()["problems"]] == [("valid_unti", "valid_to")]
    r = client.post("/v1/temporary", json=TEMPORARY, headers=as_("town:tangxiang"))
    assert r.status_code == 201, r.text
    # a withdrawal's date given as an approval's decided_on is told date (difflib would say decision: another field)
    r = client.post("/v1/temporary/TX-2026-12/withdraw", json={"decided_on": "2026-12-20"}, headers=as_("town:tangxiang"))
    assert r.status_code == 422 and [(p["field"], p["hint"]) for p in r.json()["problems"]] == [("decided_on", "date")]


def test_a_conflicting_resend_names_the_requests_own_fields(served):
    """The same reference sent with another last day: the 409 names valid_to (what this request calls it),
    not the pack file's to; a refusal's finding (longer than the policy's 90 days) names it so too."""
    client, as_ = served
    town = as_("town:tangxiang") | ZH
    assert client.post("/v1/temporary", json=TEMPORARY, headers=town).status_code == 201
    r = client.post("/v1/temporary", json=TEMPORARY | {"valid_to": "2027-02-27"}, headers=town)
    assert r.status_code == 409, r.text
    message = r.json()["message"]
    assert "截止日期（valid_to）" in message and "（to）" not in message
    r = client.post("/v1/temporary", json=TEMPORARY | {"ref": "TX-2026-13", "valid_to": "2027-03-01"}, headers=town)
    assert r.status_code == 409 and r.json()["error"] == "refused", r.text  # 91 days, both counted
    assert [f["field"] for f in r.json()["findings"]] == ["valid_to"]


def test_hours_taking_the_town_past_capacity_are_refused_at_hours_per_month_unless_a_reason_is_given(served):
    """棠香 carries the list's 52 h and TX-2026-11's 2 h on 2026-12-01: 200 h more is 254 > 120 (policy
    §4, §8), refused as the joint meeting's approval of such an item is (409, the finding at
    hours_per_month naming the total and the cap, how to give the reason said); with ``override`` the
    approval is recorded and the reason kept in the history."""
    client, as_ = served
    town = as_("town:tangxiang") | ZH
    r = client.post("/v1/temporary", json=TEMPORARY | {"hours_per_month": 200}, headers=town)
    assert r.status_code == 409, r.text
    [finding] = r.json()["findings"]
    assert finding["field"] == "hours_per_month" and "254 小时" in finding["message"] and "上限 120 小时" in finding["message"]
    assert "254 小时" in r.json()["message"] and r.json()["message"].endswith("（理由写在请求的 override 字段）")
    r = client.post("/v1/temporary", json=TEMPORARY | {"hours_per_month": 200, "override": "专题研究决定"}, headers=town)
    assert r.status_code == 201 and r.json()["change"]["override"] == "专题研究决定", r.text
