"""``gridrules.cases.coverage``: which list items the cases leave untested, and where their cases go."""

from __future__ import annotations

import pathlib

import yaml

from gridrules import Checker
from gridrules.cases.coverage import case_file_for, item_gaps, item_rules, sketch
from gridrules.cases.suite import load_cases
from gridrules.pack.loader import bundled_root

CASES = pathlib.Path(str(bundled_root().joinpath("cases")))


def test_an_items_untested_rules_are_grouped_under_it_in_the_packs_order(pack):
    checker = Checker(pack)
    gaps = item_gaps(checker, ["relay.L13", "grade.type_default", "item.L02", "item.L13"])
    assert [(g.item, g.rules) for g in gaps] == [("L02", ("item.L02",)), ("L13", ("relay.L13", "item.L13"))]
    assert gaps[1].name == pack.items_by_id["L13"].name
    assert sorted(item_rules(checker.compiled, "L13")) == ["item.L13", "relay.L13"]


def test_the_case_file_for_a_kind_is_the_one_expecting_most_rules_of_it():
    cases = load_cases(CASES)
    named = {}
    for case in cases:
        for rule in case.model.expect.get("rules") or []:
            if rule.startswith("relay."):
                named.setdefault(case.file, set()).add(rule)
    assert case_file_for(cases, "relay") == max(named, key=lambda f: len(named[f]))
    assert pathlib.Path(case_file_for(cases, "relay")).name == "relay.yaml"  # the bundled pack's relay cases
    assert case_file_for(cases, "nothing") is None


def test_a_sketch_is_a_case_yaml_reads_back(pack):
    for rule in ("item.L01", "relay.L01"):
        [case] = yaml.safe_load("\n".join(sketch(pack, pack.items_by_id["L01"], rule)))
        assert case["input"]["list_item"] == "L01" and case["expect"]["rules"] == [rule]
        assert case["input"]["title"] == pack.items_by_id["L01"].name  # 实有人口(含流动人口)采集核实, brackets kept
