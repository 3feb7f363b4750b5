"""Stages, files and rulesets: one declaration (contract.facts.STAGES), the rest derived."""

from __future__ import annotations

from gridrules import Checker
from gridrules.contract.facts import STAGES
from gridrules.pack import layout
from gridrules.pack.model.rules import RulesFile


def test_every_file_a_stage_names_is_a_pack_file_of_rules():
    patterns = {k.pattern: k for k in layout.FILE_KINDS}
    for stage in STAGES.values():
        for rel in stage.files:
            assert rel in patterns, rel
            assert "stage" in patterns[rel].model.model_fields and "rules" in patterns[rel].model.model_fields
    assert set(layout.RULE_FILES) == {rel for s in STAGES.values() for rel in s.files}
    assert layout.stages_of(layout.EVENT_REVIEW_RULES) == ("leveling", "dispatch")
    assert layout.stages_of(layout.ITEMS) == ()


def test_rules_of_a_stage_come_from_its_files_in_their_order(pack):
    leveling = pack.rules_of("leveling")
    expected = [r for rel in STAGES["leveling"].files
                if pack.files[rel].stage == "leveling" for r in pack.files[rel].rules]
    assert leveling == expected
    assert isinstance(pack.files[layout.LEVEL_RULES], RulesFile)


def test_compiled_rulesets_are_named_from_the_stages(pack):
    compiled = Checker(pack).compiled
    for stage in STAGES.values():
        if stage.written:
            assert compiled.stages[stage.name][0] == stage.ruleset
    assert compiled.common[0] == f"{STAGES['admission'].ruleset}.common"
