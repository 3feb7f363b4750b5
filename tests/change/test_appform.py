"""The blank application form and reading filled-in applications."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from appdocs import CANLIAN
from gridrules.catalogue import set_language
from gridrules.change.appform import blank_form, default_id, validate_application
from gridrules.errors import InputError
from gridrules.change.review import review_application
from gridrules.pack.yamlsrc import parse_yaml


def test_the_blank_form_is_a_well_formed_incomplete_application(pack):
    text = blank_form(pack, "APP-2026-100", applicant="canlian")
    doc, problems = parse_yaml(text, "form.yaml")
    assert problems == []
    app = validate_application(doc.data, doc)
    assert (app.id, app.applicant) == ("APP-2026-100", "canlian")
    report = review_application(pack, app, datetime(2026, 11, 25).date())
    assert report.recommendation == "incomplete"
    assert "missing.applicant" not in [f.id for f in report.findings]


def test_the_form_explains_every_field_in_chinese_with_the_packs_codes(pack):
    text = blank_form(pack, "APP-1")
    for line in ("# 事项名称", "# 依据：", "# 对应职责：", "# 工作补贴（元/网格/月）：", "# 培训计划与责任单位："):
        assert line in text
    assert "canlian 区残联" in text and "D11 协助有关部门依靠专业力量开展心理辅导、心理危机干预" in text
    assert "proxy_service 代办代跑" in text and "enforce（F01）" in text
    assert "民生需求项目" in text
    for field in ("item", "basis", "applicant", "content", "duty", "activities", "categories", "frequency",
                  "hours_per_month", "subsidy", "training", "start", "end"):
        assert f"\n{field}:" in text


def test_an_unknown_applicant_for_the_form_is_refused(pack):
    with pytest.raises(InputError, match="did you mean 'canlian'"):
        blank_form(pack, "APP-1", applicant="canlain")


def test_default_id():
    assert default_id(datetime(2026, 11, 25, 10, 30, 5, tzinfo=timezone.utc)) == "APP-20261125-103005"


@pytest.mark.parametrize(
    "text, message",
    [
        ("id: A-1\nhours_per_month: three\n", "form.yaml:2:18: hours_per_month: Input should be a valid number"),
        # full-width digits are text to YAML: refused (a file's types are the contract's), with the number to write
        ("id: A-1\nhours_per_month: ２\n", "form.yaml:2:18: hours_per_month: Input should be a valid number: "
                                             "write it in half-width digits, 2"),
        ("id: A-1\nsubsidy: ６０．５\n", "form.yaml:2:10: subsidy: Input should be a valid number: "
                                        "write it in half-width digits, 60.5"),
        ("id: A-1\nitme: 走访\n", "form.yaml:2:1: itme: unknown field 'itme' (did you mean 'item'?)"),
        ("item: 走访\n", "form.yaml:1:1: id: missing required field"),
        ("id: A-1\nstart: 2027-03-01\nend: 2027-01-01\n", "end (2027-01-01) is before start (2027-03-01)"),
        ("id: A-1\nduty: d3\n", "form.yaml:2:7: duty: String should match pattern"),
        # what becomes the item's name is held to the item's limit: the review cannot recommend what approval must refuse
        ("id: A-1\nitem: " + "长" * 201 + "\n", "form.yaml:2:7: item: String should have at most 200 characters"),
        ("id: A-1\nfrequency: " + "x" * 201 + "\n", "form.yaml:2:12: frequency: String should have at most 200 characters"),
        ("id: A-1\ncontent: " + "x" * 2001 + "\n", "form.yaml:2:10: content: String should have at most 2000 characters"),
    ],
)
def test_a_malformed_application_names_the_field_and_line(text, message):
    doc, problems = parse_yaml(text, "form.yaml")
    assert problems == []
    with pytest.raises(InputError) as caught:
        validate_application(doc.data, doc)
    assert any(str(p).startswith(message) or message in str(p) for p in caught.value.problems), caught.value.problems


def test_the_form_asks_for_every_field_of_an_application_once():
    from gridrules.contract.application import Application
    from gridrules.pack.model.form import FormPrompts

    assert sorted(FormPrompts.model_fields) == sorted(Application.model_fields)


def test_the_forms_words_are_the_packs(pack_copy):
    from gridrules.pack.loader import load_pack

    path = pack_copy / "admission" / "form.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in (('basis: "{name}：法律、法规或政策文件的名称和条款"', 'basis: "{name}：写明文件名称和条款号"'),
                     ("  between: 、", "  between: ；"),
                     ("  - 申请纳入网格化服务管理工作清单（{title} {version}）", "  - 网格工作准入申请表（{version}）")):
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    form = blank_form(load_pack(pack_copy), "APP-1")
    assert form.startswith("# 网格工作准入申请表（1.0.0）\n")
    assert "\n# 依据：写明文件名称和条款号\nbasis:\n" in form
    assert "# 类别：可选：社会治理；平安建设；" in form


def test_a_name_that_names_no_department_is_refused_with_a_guess_an_unknown_id_left_for_the_review(pack):
    raw = {"id": "APP-1", "item": "x", "applicant": "区财政局"}
    with pytest.raises(InputError) as caught:
        validate_application(raw, pack=pack)
    (problem,) = caught.value.problems
    assert problem.field == "applicant" and "区财政局" in problem.message and problem.hint == "minzheng"
    app = validate_application(raw | {"applicant": "caizheng"}, pack=pack)  # id-shaped: the review's to judge
    assert app.applicant == "caizheng"


def test_a_risk_level_may_be_given_by_its_name_as_the_form_says(pack):
    """The form's comment offers low（低）: 低 reads as low; a name no level has is refused with the
    level it may mean."""
    app = validate_application(CANLIAN | {"risk": "低"}, pack=pack)
    assert app.risk == "low"
    with pytest.raises(InputError) as caught:
        validate_application(CANLIAN | {"risk": "很低"}, pack=pack)
    assert [p.hint for p in caught.value.problems] == ["low"]


def test_a_duty_may_be_given_by_its_words_as_every_other_field_by_its_name(pack):
    """responsibilities/duties.yaml D03 入户走访，收集社情民意，及时反映并妥善处理群众利益诉求: its
    first clauses, as a clerk copies them, read as D03 (they had been refused as not a code)."""
    app = validate_application(CANLIAN | {"duty": "入户走访，收集社情民意"}, pack=pack)
    assert app.duty == "D03"
    assert validate_application(CANLIAN | {"duty": "D03"}, pack=pack).duty == "D03"
    # a code the pack lacks is the review's to report (unknown.duty), as an unknown department's id is
    assert validate_application(CANLIAN | {"duty": "D12"}, pack=pack).duty == "D12"


def test_words_that_are_no_duty_get_a_did_you_mean_from_the_duties(pack):
    with pytest.raises(InputError) as caught:
        validate_application(CANLIAN | {"duty": "入户走访收集民意"}, pack=pack)
    (problem,) = caught.value.problems
    assert problem.field == "duty" and problem.hint == "D03", problem


def test_a_duty_written_as_no_code_is_shown_the_packs_duty_codes_not_an_event_types(pack):
    """MD02 is an event type and L13 a list item: a duty's form is shown by the pack's duties."""
    set_language("zh")
    try:
        with pytest.raises(InputError) as caught:
            validate_application(CANLIAN | {"duty": "d3"}, pack=pack)
    finally:
        set_language(None)
    (problem,) = caught.value.problems
    assert problem.field == "duty" and "D01、D02" in problem.message and "MD02" not in problem.message, problem
    assert problem.hint == "D03"


def test_full_width_digits_in_a_file_are_refused_in_chinese_with_the_number_to_write():
    doc, _ = parse_yaml("id: A-1\nhours_per_month: ２\n", "form.yaml")
    set_language("zh")
    try:
        with pytest.raises(InputError) as caught:
            validate_application(doc.data, doc)
    finally:
        set_language(None)
    (problem,) = caught.value.problems
    assert problem.message == "应为数字：写成半角数字 2", problem
