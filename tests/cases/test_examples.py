"""The example packs (a county with towns only, a city with counties) and the minimal template
each carry decision cases; they pass, and the runner is not vacuous on them."""

from __future__ import annotations

import pytest
import yaml

from examplepacks import PACKS, copy_of

from gridrules import Checker
from gridrules.cases.run import run_cases
from gridrules.engine.loading import load_pack


@pytest.mark.parametrize("name", sorted(PACKS))
def test_every_example_case_passes(name):
    root = PACKS[name]
    run = run_cases(Checker(load_pack(root)), root / "cases")
    assert run.outcomes and run.counts()["failed"] == 0, [o.case.name for o in run.failed]


@pytest.mark.parametrize("name", ["county", "city"])
def test_every_rule_of_an_example_pack_fires_in_one_of_its_cases(name):
    # as the bundled pack's cases do (gridrules test PACK --require-tests): the examples had left most rules
    # (50 of the county's 67, 49 of the city's 65) firing in no case; the minimal template is a skeleton to grow
    root = PACKS[name]
    run = run_cases(Checker(load_pack(root)), root / "cases", require_tests=True)
    assert run.untested == [] and run.counts()["failed"] == 0, run.untested


def test_a_wrong_expectation_in_an_example_fails(tmp_path):
    root = copy_of(PACKS["city"], tmp_path / "city")
    cases = root / "cases" / "events" / "city.yaml"
    data = yaml.safe_load(cases.read_text(encoding="utf-8"))
    data["cases"][0]["expect"]["handler"]["unit"] = "shicity"  # the bug the tree fixes: the city's centre
    cases.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    run = run_cases(Checker(load_pack(root)), root / "cases")
    assert run.counts()["failed"] == 1
