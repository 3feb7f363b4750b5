"""The dashboard's assessment says what ``gridrules assess`` says of units it cannot judge as the
district's (review rev10c): a community code the registry does not hold (a slip of 和平社区's) is on no
list and named in the summary with its records and the code meant; without a 镇街派单记录 file the
summary says 无违规派单率 is in no town's score; the departments' table says beside each one's events
how many name no town (in no town's scoring of it)."""

from __future__ import annotations

import html
import json
import re

from fastapi.testclient import TestClient

from gridrules.catalogue import t
from gridrules.pages.app import create_app
from servicekit import write_config


def _record(i: int) -> dict:
    """rev10c's typo.jsonl: an unregistered grid naming tangxiang-hepign (for tangxiang-heping) in 龙石镇."""
    return {"event": {"id": f"TYPO-{i}", "type": "CG07", "reported_at": "2026-11-27T17:09:00+08:00",
                      "grid": "tangxiang-heping-09", "community": "tangxiang-hepign", "town": "longshi",
                      "life_threat": False, "people_involved": 1, "reporters": 1},
            "steps": [{"at": "2026-11-28T10:15:00+08:00", "kind": "feedback"},
                      {"at": "2026-12-01T07:39:00+08:00", "kind": "resolved"},
                      {"at": "2026-12-03T00:20:00+08:00", "kind": "revisit", "satisfaction": "basic"}]}


def _csrf(answer) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', answer.text).group(1)


def test_the_dashboard_lists_no_unregistered_community_and_names_it_in_the_summary(tmp_path, pack_copy):
    config = tmp_path / "serve.json"
    secrets = write_config(config)
    records = "".join(json.dumps(_record(i), ensure_ascii=False) + "\n" for i in range(12)).encode("utf-8")
    with TestClient(create_app(str(pack_copy), config, "off")) as web:
        web.post("/ui/login", data={"csrf": _csrf(web.get("/ui/login")), "token": secrets["secretariat"]})
        csrf = _csrf(web.get("/ui/dashboard"))
        answer = web.post("/ui/dashboard/assess", files={"records": ("typo.jsonl", records, "application/x-ndjson")},
                          data={"csrf": csrf, "period": "2026-11", "at": "2026-12-20T10:00"})
        assert answer.status_code == 200, answer.text
        page = html.unescape(answer.text)
        summary = re.search(r'<p id="assess-summary">(.*?)</p>', page, re.S).group(1)
        assert "tangxiang-hepign 12" in summary and "和平社区（tangxiang-heping，棠香街道）" in summary
        assert t("screen.assess.no_decisions", town="town", indicator="无违规派单率") in summary
        red = re.search(r'<ol id="red">(.*?)</ol>', page, re.S)
        assert red is not None and "龙石镇" in red.group(1) and "tangxiang-hepign" not in red.group(1)
        assert "tangxiang-hepign" not in page.replace(summary, "")  # in no table or list: the summary alone
        # the district's pooling of the departments says how many of each one's events name no town
        departments = re.search(r'<table class="scorecards"[^>]*>(.*?)</table>', page, re.S).group(1)
        assert "其中未能归属镇街" in departments
