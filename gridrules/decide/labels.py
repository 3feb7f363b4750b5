"""The verdicts, flags and levels of the contract in words, for people (the CLI's text output, the
pages): their words live in the catalogue (catalogue/decisions.py), Chinese unless --lang en."""

from collections.abc import Iterable

from gridrules.catalogue import english, t
from gridrules.catalogue.decisions import DECISIONS
from gridrules.contract.facts import VERDICTS as VERDICT_IDS

_FLAG = "dec.flag."
# the Chinese words, for the pages (which are Chinese)
FLAGS = {key[len(_FLAG):]: zh for key, (zh, _en) in DECISIONS.items() if key.startswith(_FLAG)}
VERDICT_SHORT = {v: DECISIONS[f"dec.short.{v}"][0] for v in VERDICT_IDS}


def _for_role_only(verdict: str, flags: list[str]) -> bool:
    """Forbidden only because the assigned role lacks the power: another role may be given it."""
    return verdict == "forbidden" and "forbidden_activity" not in flags


def level_meaning(verdict: str, flags: list[str], level: str) -> str:
    """What the responsible level means, by verdict."""
    return t("dec.level." + ("forbidden_role" if _for_role_only(verdict, flags) else verdict), level=level)


PENDING_RULE = "admission.unlisted_pending"  # an approved item covers it from a later day


def verdict_words(verdict: str, flags: list[str], chinese: bool = False, rules: Iterable[str] = ()) -> str:
    """The verdict as a clerk reads it: a task forbidden only for its role is not "any approval"; one
    an approved item covers from a later day (a reason ``rules`` names) is not told to apply.
    ``chinese``: always in Chinese (the pages are Chinese whatever the process speaks)."""
    key = "dec.verdict." + ("forbidden_role" if _for_role_only(verdict, flags) else verdict)
    if verdict == "needs_application" and PENDING_RULE in rules:
        key += "_pending"
    return DECISIONS[key][0] if chinese else t(key)


def verdict_short(verdict: str) -> str:
    return t(f"dec.short.{verdict}")


def flags(names: list[str], own: dict[str, str] | None = None) -> str:
    """The flags' Chinese names: the contract's from the catalogue, the pack's own from ``own`` (its
    names); their ids with --lang en, for developers."""
    if not names:
        return t("words.none")
    if english():
        return ", ".join(names)
    words = FLAGS | (own or {})
    return "、".join(words.get(n, n) for n in names)
