"""pydantic's validation errors in the catalogue's words."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from . import english, t
from .humane import written_apart, written_number
from .plain import PATTERN_FORMS

# the id patterns of gridrules.contract.base, as a person reads them
_PATTERNS = {
    r"^[a-z][a-z0-9_]*$": "pyd.pattern.slug",
    r"^[A-Z]{1,4}[0-9]{2,}$": "pyd.pattern.code",
    r"^[A-Z]{1,4}[0-9]{2,4}$": "pyd.pattern.code",
    r"^[a-z0-9][a-z0-9_-]*$": "pyd.pattern.unit",
    r"^[A-Za-z0-9][A-Za-z0-9_.-]*$": "pyd.pattern.ref",
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "pyd.pattern.date",
}
_SAME = {"int_parsing": "int_type", "float_parsing": "float_type", "bool_parsing": "bool_type",
         "model_type": "dict_type", "model_attributes_type": "dict_type", "dict_attributes_type": "dict_type",
         "list_attributes_type": "list_type", "string_unicode": "string_type"}


# a discriminated union's tag missing or unknown (a step's kind)
_TAGS = ("union_tag_invalid", "union_tag_not_found")


def listed(text: object) -> list[str]:
    """The values pydantic lists in one string (``'a', 'b'``; ``'a', 'b' or 'c'``), unquoted."""
    return [value.strip().strip("'") for value in str(text).replace(" or ", ", ").split(",") if value.strip()]


def tags_of(ctx: dict[str, Any]) -> list[str]:
    """An unknown tag's expected tags."""
    return listed(ctx.get("expected_tags", ""))


def half_width(given: str, whole: bool) -> str | None:
    """``given`` in half-width digits when it is a number written in full-width ones (２, ６０．５), else None
    (a pack file's number is told so by the schema's check, ``pack.jsonschemas``; a document's by pydantic's)."""
    plain = unicodedata.normalize("NFKC", given).strip()
    if plain == given.strip():
        return None
    try:
        written_number(given, whole)
    except ValueError:
        return None
    return plain


_WITH_UNIT = re.compile(r"([+-]?[0-9]+(?:\.[0-9]+)?)\s*([^\s0-9.+-][^0-9]*)")


def number_with_unit(given: str) -> tuple[str, str] | None:
    """(the number, the words after it) when ``given`` is a number written with its unit or a word after
    it (3天, 8 小时, １２０元: NFKC), where a field's number alone belongs (its unit is the field's); else None."""
    found = _WITH_UNIT.fullmatch(unicodedata.normalize("NFKC", given).strip())
    return (found.group(1), found.group(2).strip()) if found else None


def not_a_number(text: str) -> str:
    """Why ``text`` typed where a number belongs (an option, a form's field, a sheet's cell) is refused: it is
    no number; with the number alone to write when it is one with its unit (4小时, 120元)."""
    unit = number_with_unit(text)
    return t("input.not_number", value=text) + (t("pyd.number_unit", plain=unit[0], unit=unit[1]) if unit else "")


def error_message(err: dict[str, Any], message: str) -> str:
    """The message of one pydantic error (``err`` from ``errors()``); ``message`` is its English
    text with pydantic's prefixes removed (our own validators' messages are already ours)."""
    kind = _SAME.get(err.get("type", ""), err.get("type", ""))
    # a bound as people write it: 0, not 0.0 (a float field's bounds are floats)
    ctx = {k: f"{v:g}" if isinstance(v, float) else v for k, v in (err.get("ctx") or {}).items() if k != "error"}
    if kind in _TAGS:  # pydantic's English names neither the field nor the kinds plainly: ours in both languages
        return t(f"pyd.{kind}", tag=ctx.get("tag", ""), expected=t("words.list_sep").join(tags_of(ctx)))
    pattern = str(ctx.get("pattern")) if kind == "string_pattern_mismatch" else None
    if pattern is not None and pattern not in _PATTERNS and pattern in PATTERN_FORMS:
        return t(PATTERN_FORMS[pattern])  # the form in words, not the expression (in both languages)
    given = err.get("input")
    if kind == "list_type" and isinstance(given, str) and given.strip():
        # a list written as one text (activities: 入户走访，发现报告): the list to write instead
        return t("pyd.list_from_text", items=", ".join(written_apart(given)) or given.strip())
    if kind in ("float_type", "int_type") and isinstance(given, str):
        plain = half_width(given, whole=kind == "int_type")
        if plain is not None:  # ２ typed by an input method: YAML reads it as text (refused all the same)
            return (message if english() else t(f"pyd.{kind}", pydantic=message)) + t("pyd.half_width", plain=plain)
        unit = number_with_unit(given)
        if unit is not None:  # 8小时: the number alone (the field says its unit)
            return (message if english() else t(f"pyd.{kind}", pydantic=message)) + \
                t("pyd.number_unit", plain=unit[0], unit=unit[1])
    if english() or err.get("type") in ("value_error", "assertion_error"):
        return message
    if pattern is not None:
        return t(_PATTERNS.get(pattern, "pyd.pattern.other"), pattern=pattern, pydantic=message)
    if f"pyd.{kind}" not in _KNOWN:
        return message
    if kind == "literal_error":
        ctx["expected"] = t("words.list_sep").join(listed(ctx.get("expected", "")))
    try:
        return t(f"pyd.{kind}", pydantic=message, **ctx)
    except (KeyError, IndexError):  # a context this version of pydantic does not give
        return message


def _known() -> frozenset[str]:
    from .messages import MESSAGES

    return frozenset(k for k in MESSAGES if k.startswith("pyd."))


_KNOWN = _known()
