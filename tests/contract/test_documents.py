"""The task and event documents (``contract.documents``)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from gridrules.contract.documents import TaskInput

TASK = {"id": "T", "title": "走访", "department": "minzheng", "activities": ["visit"], "start": "2026-12-05"}


def test_an_end_before_the_start_is_reported_with_the_other_fields_problems():
    """A negative workload and an end before the start: both in one answer (an after-validator would
    not run while another field is wrong, and a form would need two submissions)."""
    with pytest.raises(ValidationError) as caught:
        TaskInput.model_validate(TASK | {"end": "2026-12-01", "hours_per_month": -3})
    assert sorted(e["loc"] for e in caught.value.errors()) == [("end",), ("hours_per_month",)]


def test_an_end_on_or_after_the_start_is_fine():
    assert str(TaskInput.model_validate(TASK | {"end": "2026-12-05"}).end) == "2026-12-05"
