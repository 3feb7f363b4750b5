"""The catalogue's plain words for what libraries say in their own notation or in English
(``catalogue/plain.py``): every regular expression the published schemas use is said as a
form in words, by jsonschema's check of a pack file and by pydantic's of a document alike."""

from __future__ import annotations

import json
import pathlib

import pytest
from pydantic import ValidationError

from gridrules.catalogue import set_language
from gridrules.catalogue.plain import PATTERN_FORMS
from gridrules.errors import model_problems
from gridrules.pack.model.manifest import PackManifest

SCHEMAS = pathlib.Path(__file__).parents[2] / "schemas"


def _patterns(node) -> set[str]:
    if isinstance(node, dict):
        found = {node["pattern"]} if isinstance(node.get("pattern"), str) else set()
        return found.union(*(_patterns(v) for k, v in node.items() if k != "patternProperties"))
    if isinstance(node, list):
        return set().union(*(_patterns(v) for v in node))
    return set()


def test_every_pattern_of_the_published_schemas_has_a_form_in_words():
    used = set().union(*(_patterns(json.loads(p.read_text("utf-8"))) for p in SCHEMAS.glob("*.schema.json")))
    assert used and used <= set(PATTERN_FORMS), sorted(used - set(PATTERN_FORMS))


@pytest.fixture
def chinese():
    set_language("zh")
    yield
    set_language(None)


MANIFEST = {"name": "dazu-grid", "title": "大足", "version": "1.0.0", "utc_offset": "+08:00"}


def _said(data: dict) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        PackManifest.model_validate(data)
    return [str(p) for p in model_problems(caught.value)]


def test_pydantic_says_the_form_not_the_regular_expression(chinese):
    said = _said(MANIFEST | {"version": "1.0", "utc_offset": "+8"})
    assert "版本（version）: 应写成 1.2.3 这样的版本号" in said
    assert "utc_offset: 应写成 +08:00 这样的时区偏移" in said
    assert not any("^" in s or "$" in s for s in said), said


def test_pydantic_missing_and_extra_fields_in_chinese(chinese):
    """As a hand-edited serve.json or case file gets them (pydantic's Field required,
    Extra inputs are not permitted)."""
    said = _said({k: v for k, v in MANIFEST.items() if k != "title"} | {"titel": "大足"})
    assert "标题（title）: 缺少必填字段" in said, said
    assert "titel: 没有这个字段（请检查拼写，或删去它）" in said, said
