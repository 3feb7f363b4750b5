import json

import pytest
from jsonschema import Draft202012Validator

from gridrules.pack import jsonschemas
from gridrules.pack.loader import bundled_root
from importlib import resources

GENERATED = jsonschemas.all_schemas()


def published(name: str) -> dict:
    return json.loads(resources.files("gridrules.schemas").joinpath(f"{name}.schema.json").read_text("utf-8"))


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_published_schema_is_up_to_date(name):
    assert published(name) == GENERATED[name], (
        f"schemas/{name}.schema.json is stale: run python -m gridrules.pack.schemagen schemas"
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


def test_the_fast_check_and_the_reference_agree_on_every_bundled_and_broken_file(pack_copy):
    """jsonschema-rs only decides when to skip the reference (python-jsonschema) check;
    they must agree, on valid files and on the broken-pack fixtures' files."""
    import pathlib

    import yaml as pyyaml

    from gridrules.pack.layout import kind_of
    from gridrules.pack.loader import pack_files
    from gridrules.pack.yamlsrc import parse_yaml

    def agree(rel, data):
        kind = kind_of(rel)
        if kind is None:
            return
        doc, problems = parse_yaml(data.decode("utf-8"), rel)
        if doc is None or doc.data is None:
            return
        fast = jsonschemas.fast_validator(kind.schema).is_valid(doc.data)
        reference = not list(jsonschemas.validator(kind.schema).iter_errors(doc.data))
        assert fast == reference, rel

    for rel, data in pack_files(bundled_root()):
        agree(rel, data)
    fixtures = sorted((pathlib.Path(__file__).parent / "broken_packs").glob("*.yaml"))
    for fixture in fixtures:
        case = pyyaml.safe_load(fixture.read_text(encoding="utf-8"))
        for edit in case["edits"]:
            if "replace" in edit:
                rel = edit["file"]
                text = (pack_copy / rel).read_text(encoding="utf-8").replace(edit["replace"], edit["with"])
                agree(rel, text.encode("utf-8"))
