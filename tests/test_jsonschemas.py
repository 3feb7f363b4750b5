import json

import pytest
from jsonschema import Draft202012Validator

from gridrules import jsonschemas
from gridrules.loader import bundled_root
from importlib import resources

GENERATED = jsonschemas.all_schemas()


def published(name: str) -> dict:
    return json.loads(resources.files("gridrules.schemas").joinpath(f"{name}.schema.json").read_text("utf-8"))


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_published_schema_is_up_to_date(name):
    assert published(name) == GENERATED[name], (
        f"schemas/{name}.schema.json is stale: run python -m gridrules.schemagen schemas"
    )


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_schema_is_valid_draft_2020_12_with_titles(name):
    schema = published(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema.get("title") and schema.get("description")


def _objects(node):
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            yield node
        for value in node.values():
            yield from _objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from _objects(value)


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_schemas_are_strict(name):
    for obj in _objects(published(name)):
        assert obj.get("additionalProperties") is False, (name, sorted(obj["properties"]))


def test_no_schema_file_is_left_over():
    names = {p.name for p in resources.files("gridrules.schemas").iterdir() if p.name.endswith(".json")}
    assert names == {f"{n}.schema.json" for n in GENERATED}


def test_schema_rejects_unknown_key_in_a_rule():
    validator = jsonschemas.validator("rules")
    bad = {"stage": "grading", "rules": [{"id": "a.b", "when": "always", "text": "x", "basis": "y", "grad": "urgent"}]}
    assert any("grad" in e.message for e in validator.iter_errors(bad))
