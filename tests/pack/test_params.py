"""Pack parameters: declared once (gridrules.pack.params), values from the pack."""

from __future__ import annotations

import pytest

from gridrules.errors import PackError
from gridrules.engine.loading import load_pack
from gridrules.pack import jsonschemas
from gridrules.pack.params import APPLICATION_LEAD, CAPACITY, PARAMETERS, TEMPORARY_MAX_DAYS


def test_the_bundled_values_are_read_through_their_declarations(pack):
    # rules/admission/policy.yaml: 120 hours per grid per month, 90 days, 30 working days
    assert pack.parameter(CAPACITY) == 120
    assert pack.parameter(TEMPORARY_MAX_DAYS) == 90
    assert pack.parameter(APPLICATION_LEAD) == 30


def test_the_published_schema_lists_exactly_the_declared_parameters():
    schema = jsonschemas.validator("admission_policy").schema
    parameters = schema["$defs"]["Parameters"]
    assert set(parameters["properties"]) == set(PARAMETERS)
    assert set(parameters["required"]) == {name for name, p in PARAMETERS.items() if p.required}
    assert parameters["additionalProperties"] is False


def test_an_optional_parameter_may_be_left_out(pack_copy):
    policy = pack_copy / "admission/policy.yaml"
    text = policy.read_text(encoding="utf-8")
    start = text.index("  application_lead_working_days:")
    end = text.index("  meeting_decision_working_days:")
    policy.write_text(text[:start] + text[end:], encoding="utf-8")
    assert load_pack(pack_copy).parameter(APPLICATION_LEAD) is None


def test_a_misspelled_parameter_is_an_error_at_its_key(pack_copy):
    policy = pack_copy / "admission/policy.yaml"
    text = policy.read_text(encoding="utf-8")
    policy.write_text(text.replace("  temporary_max_days:", "  temporary_max_day:"), encoding="utf-8")
    with pytest.raises(PackError) as caught:
        load_pack(pack_copy)
    line = text[: text.index("  temporary_max_days:")].count("\n") + 1
    rendered = [str(p) for p in caught.value.problems]
    assert f"{policy}:{line}:3: parameters: unknown key 'temporary_max_day' (did you mean 'temporary_max_days'?)" in rendered
    # and the required one it should have been is missing
    assert any(r.endswith("parameters: missing required key 'temporary_max_days'") for r in rendered)
