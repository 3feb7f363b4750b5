"""The pages name the pack's units in the pack's own words: examples/county calls its towns 乡镇(街道)
(organization/units.yaml unit_kinds), the bundled pack 镇街.  The pages had written 镇街 and 村(社区) in
their templates and the catalogue's labels whatever the pack said.  Each page's HTML is fetched from a
real ``gridrules serve``.  So are the levels a direct report goes to, which the route form's label
had written 镇街、区 whatever the pack's dispatch rules name."""

from __future__ import annotations

import html
import re

import httpx
import pytest

from gridrules.service import tokens
from gridrules.service.config import load_config, save_config
from pagekit import Served, served  # noqa: F401 - fixtures


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    """``gridrules serve`` over the county example, a token of its town 西河镇 (xihe) added."""
    from examplepacks import COUNTY

    server = Served(tmp_path_factory.mktemp("county"), source=COUNTY)
    try:
        config, _record, secret = tokens.issue(load_config(server.config), "town:xihe")
        save_config(server.config, config)
        server.secrets["town:xihe"] = secret
        yield server
    finally:
        server.stop()


def _pages(server: Served, role: str, *paths: str) -> dict[str, str]:
    """The pages at ``paths`` as ``role`` sees them, unescaped."""
    with httpx.Client(base_url=server.base, timeout=60) as web:
        csrf = re.search(r'name="csrf" value="([^"]+)"', web.get("/ui/login").text).group(1)
        assert web.post("/ui/login", data={"csrf": csrf, "token": server.secrets[role]}).status_code in (200, 303)
        found = {}
        for path in paths:
            answer = web.get(path)
            assert answer.status_code == 200, (path, answer.text)
            found[path] = html.unescape(answer.text)
        return found


def _menu(page: str) -> list[str]:
    menu = re.search(r'<nav[^>]*aria-label="主菜单".*?</nav>', page, re.S).group(0)
    return re.findall(r"<a [^>]*>([^<]+)</a>", menu)


def _label(page: str, field: str) -> str:
    return re.search(rf'<label for="f-{field}"[^>]*>(.*?)</label>', page, re.S).group(1)


def test_a_countys_pages_call_its_towns_xiangzhen_jiedao(county):
    town, community = "乡镇(街道)", "村(社区)"  # examples/county/organization/units.yaml
    pages = _pages(county, "dispatch", "/ui/route", "/ui/check")
    route, check = pages["/ui/route"], pages["/ui/check"]
    assert _label(route, "town").startswith(f"所在{town}") and _label(route, "community").startswith(f"所在{community}")
    assert f"并在下面写明所在{community}和{town}" in route and f"（按{community}或网格）" in route
    assert f"发出任务的职能部门或{town}" in check
    # the levels its dispatch rule reports directly to (events/dispatch.yaml: [town, county]), by their names
    assert _label(route, "direct_report_claimed") == "以直报方式上报（越级直报乡镇(街道)、县）"
    pages = _pages(county, "secretariat", "/ui/temporary", "/ui/items?list=temporary", "/ui/items/L02")
    temporary, lists, item = pages["/ui/temporary"], pages["/ui/items?list=temporary"], pages["/ui/items/L02"]
    assert f"{town}临时事项" in _menu(temporary)
    assert re.search(rf"<title>{re.escape(town)}临时事项", temporary) and f"<h1>{town}临时事项</h1>" in temporary
    assert f"{town}的专题研究批复由{town}自己记录" in temporary
    assert f">{town}临时事项</a>" in lists
    assert f"<dt>适用{town}</dt><dd>西河镇、南山乡</dd>" in item  # L02: towns [xihe, nanshan]
    mine = _pages(county, "town:xihe", "/ui/temporary")["/ui/temporary"]
    assert f"当前身份：{town}指挥中心：西河镇" in mine and f"今天本{town}每个网格" in mine
    for page in (route, check, temporary, lists, item, mine):  # where the pages name units, never 镇街
        assert not any("镇街" in words for words in _menu(page))
        assert not re.search(r"(<h1>|<title>|<dt>适用|所在|按|或|本|当前身份：)镇街", page), page


def test_the_bundled_pack_s_pages_still_say_zhenjie(served):
    route, check = _pages(served, "dispatch", "/ui/route", "/ui/check").values()
    temporary = _pages(served, "town:tangxiang", "/ui/temporary")["/ui/temporary"]
    assert _label(route, "town").startswith("所在镇街") and _label(route, "community").startswith("所在村(社区)")
    assert "并在下面写明所在村(社区)和镇街" in route
    assert "发出任务的职能部门或镇街" in check
    assert _label(route, "direct_report_claimed") == "以直报方式上报（越级直报镇街、区）"  # [town, district]
    assert "镇街临时事项" in _menu(temporary) and "<h1>镇街临时事项：棠香街道</h1>" in temporary
    assert "当前身份：镇街指挥中心：棠香街道" in temporary and "今天本镇街每个网格" in temporary
