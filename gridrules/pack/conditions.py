"""Parse the condition (``when``) of every written rule against its stage's facts.

The loader runs this on the indexed pack (the vocabulary the conditions name ids
from) and completes the pack with the trees; the compiler translates them.
"""

from __future__ import annotations

from typing import Any

from gridrules.lang.parse import parse
from gridrules.pack.layout import RULE_FILES, stages_of
from gridrules.pack.pack import Pack

# (file, path, message, hint, at_key): a problem found, located by the loader
Found = tuple[str, tuple, str, "str | None", bool]


def parse_conditions(pack: Pack) -> tuple[dict[str, Any], list[Found]]:
    """rule id -> parsed condition, and the problems of the conditions that do not parse.

    A file holding a stage it may not hold is left to ``crossref`` to report."""
    conditions: dict[str, Any] = {}
    found: list[Found] = []
    for rel in RULE_FILES:
        model = pack.files[rel]
        if model.stage not in stages_of(rel):
            continue
        stage = pack.stages[model.stage]  # the contract's facts and the pack's own
        for i, rule in enumerate(model.rules):
            tree, issues = parse(rule.when, stage, pack, ("rules", i, "when"))
            found.extend((rel, tuple(x.path), x.message, x.hint, x.at_key) for x in issues)
            if tree is not None:
                conditions.setdefault(rule.id, tree)
    return conditions, found
