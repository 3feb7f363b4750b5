"""Lint speaks the catalogue's language: every finding, related place and check summary is
Chinese under zh and English under en; the pack's own texts (names, the negative list's
wording, a condition as language.yaml words it) stay as the pack wrote them in both.

The English check is exact: every string the pack's files hold (and each literal piece of its
templates) is cut out of a message, and what remains of an English message holds no CJK
character or punctuation; the Chinese one holds Chinese and differs from it, word for word."""

from __future__ import annotations

import json
import pathlib
import re
import shutil
from datetime import date

import pytest
import yaml

from examplepacks import CITY, COUNTY, MINIMAL, copy_of
from packedits import apply_edit

from gridrules.catalogue import set_language
from gridrules.lint import lint_path
from gridrules.lint.render import as_json, text
from gridrules.lint.sarif import sarif
from gridrules.pack.loader import bundled_root

ON = date(2026, 11, 25)
FIXTURES = pathlib.Path(__file__).parent / "lint_packs"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
# one broken copy per family of checks whose findings the bundled and example packs lack
BROKEN = ("item_negative_activity", "items_overlap", "event_type_no_owner", "temporary_negative_activity",
          "workload_over_capacity_later", "rule_never_decides_whistle", "rule_not_analysed",
          "assessment_lists_overlap", "grid_staffing_incomplete")


def _strings(value, out: set[str]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _strings(k, out)
            _strings(v, out)
    elif isinstance(value, list):
        for v in value:
            _strings(v, out)
    elif isinstance(value, str):
        out.update(piece for piece in re.split(r"\{[a-z_]*\}", value) if piece)


def pack_texts(root: pathlib.Path) -> list[str]:
    """Every string the pack's files hold, in pieces around {placeholders}, longest first."""
    found: set[str] = set()
    for path in root.rglob("*.yaml"):
        try:
            _strings(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader), found)
        except yaml.YAMLError:
            continue
    return sorted(found, key=len, reverse=True)


def _own_words(message: str, texts: list[str]) -> str:
    for piece in texts:
        message = message.replace(piece, " ")
    return message


def _broken(name: str, target: pathlib.Path) -> pathlib.Path:
    spec = yaml.safe_load((FIXTURES / f"{name}.yaml").read_text(encoding="utf-8"))
    root = pathlib.Path(shutil.copytree(bundled_root(), target))
    for edit in spec["edits"]:
        apply_edit(root, edit)
    return root


def _report(root: pathlib.Path, lang: str):
    set_language(lang)
    try:
        report = lint_path(root, ON)
        return report, as_json(report), text(report), sarif(report, "test")
    finally:
        set_language(None)


def _said(document: dict, sarif_doc: dict) -> list[str]:
    """Everything a report says in words: messages, related places' names, check summaries."""
    said = [f["message"] for f in document["findings"]]
    said += [r["what"] for f in document["findings"] for r in f["related"]]
    said += [c["summary"] for c in document["checks"]]
    said += [r["shortDescription"]["text"] for r in sarif_doc["runs"][0]["tool"]["driver"]["rules"]]
    return said


@pytest.mark.parametrize("name", ["bundled", "county", "city", "minimal", *BROKEN])
def test_findings_follow_the_language(name, tmp_path):
    sources = {"bundled": bundled_root(), "county": COUNTY, "city": CITY, "minimal": MINIMAL}
    root = copy_of(sources[name], tmp_path / name) if name in sources else _broken(name, tmp_path / name)
    texts = pack_texts(root)
    _, zh, zh_text, zh_sarif = _report(root, "zh")
    report, en, en_text, en_sarif = _report(root, "en")
    assert report.findings, "each pack here has findings to judge"
    for said in _said(en, en_sarif):
        assert not CJK.search(_own_words(said, texts)), said
    for said, english in zip(_said(zh, zh_sarif), _said(en, en_sarif), strict=True):
        assert CJK.search(said) and said != english, said
    # the same findings, in the same order, at the same places: only the words differ
    strip = [{k: v for k, v in f.items() if k not in ("message", "related")} for f in zh["findings"]]
    assert strip == [{k: v for k, v in f.items() if k not in ("message", "related")} for f in en["findings"]]
    # the text report's frame and every line of it: English under en
    for line in en_text.splitlines():
        assert not CJK.search(_own_words(line, texts)), line
    assert json.dumps(en_sarif["runs"][0]["results"], ensure_ascii=False).count("message") == len(en["findings"]) + sum(
        len(f["related"]) for f in en["findings"])


def test_gr601_names_the_units_as_the_pack_calls_them(tmp_path):
    """examples/county calls its towns 乡镇(街道) (organization/units.yaml), not the bundled 镇街."""
    kinds = yaml.safe_load((COUNTY / "organization" / "units.yaml").read_text(encoding="utf-8"))["unit_kinds"]
    assert {k["id"]: k["name"] for k in kinds}["town"] == "乡镇(街道)"
    _, zh, _, _ = _report(COUNTY, "zh")
    (missing,) = [f for f in zh["findings"] if f["code"] == "GR601"]
    assert missing["message"] == "规则包没有 assessment.yaml：无法对部门、乡镇(街道)、村(社区)考核打分。"
    _, en, _, _ = _report(COUNTY, "en")
    (missing,) = [f for f in en["findings"] if f["code"] == "GR601"]
    assert missing["message"] == "the pack has no assessment.yaml: departments, 乡镇(街道) and 村(社区) cannot be scored."
