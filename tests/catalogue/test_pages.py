"""The web pages' own words have one home, the catalogue (catalogue/pages.py): a page's Python keeps
none of them, and they are shown in Chinese whatever the process speaks, as the templates are."""

from __future__ import annotations

import ast
import pathlib
import re
from typing import get_args

import pytest

import gridrules.pages as pages
from gridrules.catalogue import MESSAGES, chinese, set_language, t
from gridrules.catalogue.pages import PAGES, chinese_words
from gridrules.contract.review import Recommendation
from gridrules.pages import applications, session
from gridrules.service.applications import FILED_AS, PENDING, WITHDRAWN
from gridrules.service.tokens import PLAIN_ROLES, SCOPED_ROLES

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
FOLDER = pathlib.Path(pages.__file__).parent
# modules that may hold Chinese: forms.py reads dates written 2026年12月5日: its pattern is notation
# read, not words shown.
STILL = {"forms.py"}


def chinese_literals(path: pathlib.Path) -> list[str]:
    """The strings (f-strings' parts too) in ``path`` that hold Chinese, docstrings apart."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    documented = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, documented) and node.body and isinstance(node.body[0], ast.Expr)}
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings and CJK.search(node.value)]


@pytest.mark.parametrize("path", sorted(FOLDER.glob("*.py")), ids=lambda path: path.name)
def test_a_pages_module_keeps_no_words_of_its_own(path):
    found = chinese_literals(path)
    if path.name in STILL:
        assert found, f"{path.name} holds no Chinese now: take it off STILL"
    else:
        assert not found, f"{path.name} writes {found}: the pages' words go in catalogue/pages.py"


def test_the_check_reads_words_in_a_module_and_not_its_docstrings(tmp_path):
    module = tmp_path / "page.py"
    module.write_text('"""准入申请."""\n\n\ndef f(n):\n    """第一次."""\n    return f"共 {n} 项"\n', encoding="utf-8")
    assert chinese_literals(module) == ["共 ", " 项"]


def test_the_applications_words_are_the_catalogues_chinese_for_every_status_and_recommendation():
    assert set(applications.STATUS_WORDS) == {PENDING, *FILED_AS.values(), WITHDRAWN}
    assert set(applications.RECOMMENDATION_WORDS) == set(get_args(Recommendation))
    for prefix, words in (("page.application.status.", applications.STATUS_WORDS),
                          ("page.application.recommendation.", applications.RECOMMENDATION_WORDS),
                          ("page.application.field.", applications.FIELD_WORDS)):
        assert words == {key: PAGES[prefix + key][0] for key in words}
        assert all(MESSAGES[prefix + key] == PAGES[prefix + key] for key in words)  # merged, not overridden
    assert set(applications.OWN_FIELDS) <= set(applications.FIELD_WORDS)


def test_every_role_has_the_pages_words():
    assert set(session.ROLE_WORDS) == {*PLAIN_ROLES, *SCOPED_ROLES}
    assert session.ROLE_WORDS == {role: PAGES[f"page.role.{role}"][0] for role in session.ROLE_WORDS}


def test_the_pages_words_are_the_chinese_side_whatever_the_language():
    set_language("en")
    try:
        assert chinese_words("page.application.status.") == {"pending": "待审议", "approved": "审定纳入", "rejected": "不予纳入",
                                                                  "withdrawn": "已撤回"}
        assert chinese("page.role_of", role="职能部门", unit="区民政局") == "职能部门：区民政局"
        assert t("page.role_of", role="department", unit="minzheng") == "department: minzheng"  # a message would not be
    finally:
        set_language(None)


def test_the_menu_and_the_forms_enumerations_are_the_catalogues_chinese_for_every_value():
    from gridrules.contract.facts import OUTCOMES, STATUSES
    from gridrules.pages import check, items, render, route
    from gridrules.tables.published import EXPORTS

    assert {path for path, _, _ in render.MENU} == {path for path in session.PAGES if path.count("/") == 1}
    assert all((words, about) == (PAGES[f"page.menu.{path[1:]}"][0], PAGES[f"page.menu_about.{path[1:]}"][0])
               for path, words, about in render.MENU)
    assert [status for status, _ in check.STATUS_WORDS] == list(STATUSES)
    assert [outcome for outcome, _ in route.OUTCOME_WORDS] == list(OUTCOMES)
    assert set(items.LISTS) <= set(EXPORTS)
    assert check.LABELS["department"] == check.LABELS["issuer"] == PAGES["page.check.field.issuer"][0]


def test_the_review_s_recommendation_has_one_wording_on_the_pages_and_the_command_line():
    """The policy admits work by 纳入清单 (清单式准入): the pages say what ``admission review`` says,
    建议同意纳入, not 建议批准 beside it; the words have one home, the review's (catalogue/running.py)."""
    for said in get_args(Recommendation):
        assert applications.RECOMMENDATION_WORDS[said] == chinese(f"review.recommendation.{said}")
        assert MESSAGES[f"page.application.recommendation.{said}"] == MESSAGES[f"review.recommendation.{said}"]
    assert applications.RECOMMENDATION_WORDS["approve"] == "建议同意纳入"


def test_the_task_forms_status_choices_say_the_words_a_task_is_read_by():
    """The 任务准入自查 form offers a task's status by the tool's words for its codes (已派（事后核查）),
    the very words a task file or request may give it by (catalogue/codes.py): one wording, shown and read."""
    from gridrules.catalogue.codes import code_words

    offered = chinese_words("page.check.status.")
    words = code_words("task", "status")
    assert offered.keys() == words.keys()
    for code, label in offered.items():
        assert label.startswith(words[code] + "（"), (code, label)
