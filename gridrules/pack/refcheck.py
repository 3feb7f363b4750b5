"""The checks every cross-reference check is made of: a value is one the pack knows (with a
did-you-mean), values are not listed twice, a text's placeholders are ones it may use.
``report(file, path, message, hint)`` collects."""

from __future__ import annotations

from collections import Counter
from typing import Any, Callable, Iterable

from gridrules.catalogue import t
from gridrules.catalogue.packfiles import noun
from gridrules.contract.placeholders import placeholders
from gridrules.errors import SHORT_LIST
from gridrules.lang.parse import suggest


def unique(report: Callable[..., None], rel: str, base: tuple, values: Iterable[Any], what: str, key: str | None = None) -> None:
    seen: dict[Any, int] = {}
    for i, value in enumerate(values):
        if value in seen:
            path = base + (i, key) if key else base + (i,)
            report(rel, path, t("pack.duplicate", what=noun(what), value=value, entry=seen[value] + 1))
        else:
            seen[value] = i


def known(report: Callable[..., None], rel: str, path: tuple, value: Any, table, what: str) -> bool:
    if value in table:
        return True
    hint = suggest(value, table)
    message = t("pack.unknown", what=noun(what), value=value)
    if hint is None and 0 < len(table) <= SHORT_LIST:  # nothing close: a short list is said whole
        values = sorted(map(str, table)) if isinstance(table, (set, frozenset)) else [str(v) for v in table]
        message += t("pack.one_of_these", values=t("words.list_sep").join(values))
    report(rel, path, message, hint)
    return False


def each_known(report: Callable[..., None], rel: str, path: tuple, values: list, table, what: str) -> None:
    for i, value in enumerate(values):
        known(report, rel, path + (i,), value, table, what)
    counts = Counter(values)
    for value, n in counts.items():
        if n > 1:
            report(rel, path, t("pack.listed_times", value=value, n=n))


def known_placeholders(report: Callable[..., None], rel: str, path: tuple, template: str, allowed: frozenset[str],
                       list_allowed: bool = False) -> None:
    """Each ``{placeholder}`` of ``template`` is one of ``allowed`` (a broken template is said once);
    an unknown one gets a did-you-mean, or with ``list_allowed`` the whole (short) list."""
    try:
        names = placeholders(template)
    except ValueError as exc:
        report(rel, path, t("pack.broken_placeholder", error=exc))
        return
    for name in names:
        if name in allowed:
            continue
        if list_allowed:
            report(rel, path, t("pack.unknown_placeholder_only", name=name,
                                allowed=", ".join("{" + a + "}" for a in sorted(allowed))))
        else:
            report(rel, path, t("pack.unknown_placeholder", name=name), suggest(name, allowed))
