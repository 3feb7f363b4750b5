"""Texts with ``{placeholders}``: which names a text may use is part of its type.

``Annotated[Text, allows("field", "value")]`` is a text that may use ``{field}``
and ``{value}`` and nothing else; a misspelled or broken placeholder is refused
where it is written, when the pack loads.
"""

from __future__ import annotations

from typing import Callable

from pydantic import AfterValidator

from gridrules.catalogue import t
from gridrules.contract.placeholders import placeholders
from gridrules.lang.parse import suggest


def _checker(allowed: frozenset[str]) -> Callable[[str], str]:
    def check(template: str) -> str:
        try:
            names = placeholders(template)
        except ValueError as exc:
            raise ValueError(t("pack.broken_placeholder", error=exc)) from None
        for name in names:
            if name not in allowed:
                hint = suggest(name, allowed)
                may = ", ".join(f"{{{n}}}" for n in sorted(allowed)) or t("words.none")
                raise ValueError(t("pack.unknown_placeholder", name=name)
                                 + (t("problem.hint", hint=hint) if hint else t("pack.text_may_use", names=may)))
        return template

    return check


def allows(*names: str) -> AfterValidator:
    """Use as ``Annotated[Text, allows("field", "value")]``: a text that may use exactly
    the placeholders ``names``."""
    return AfterValidator(_checker(frozenset(names)))
