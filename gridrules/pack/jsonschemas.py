"""JSON Schemas: generated from the models, published in ``schemas/``, used to validate.

The schemas in ``schemas/`` are the published contract for editors and other
tools.  They are generated from the pydantic models (``python -m
gridrules.pack.schemagen`` rewrites them; a test fails when they drift), and the
loader validates every pack file against the *published* file, so what editors
see is exactly what gridrules enforces.
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from importlib import resources
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Callable

import jsonschema_rs
from pydantic import BaseModel

from gridrules.catalogue import english, t
from gridrules.catalogue.fields import field_label
from gridrules.catalogue.packfields import meant_by_meaning, pack_field_name
from gridrules.catalogue.plain import PATTERN_FORMS
from gridrules.catalogue.validation import half_width, number_with_unit
from gridrules.catalogue.humane import DAY_WRITTEN, written_apart, written_day
from gridrules.contract.base import DATE_PATTERN
from gridrules.lang.parse import suggest
from gridrules.pack.model.rules import CONDITION_MARKER, CONDITION_SCHEMA, OPERATORS
from gridrules.errors import Location
from gridrules.pack.yamlsrc import Document, describe_path, format_path

if TYPE_CHECKING:  # the reference validator is imported when a file fails the quick check (``validator``):
    # a valid pack never needs it, and importing it is a sixth of importing gridrules
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

    from gridrules.pack.packnames import Meant

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_id(name: str) -> str:
    return f"urn:gridrules:schema:{name}"


def _insert_conditions(node: Any, root_defs: dict) -> Any:
    """Replace the condition marker with a reference to the condition language."""
    if isinstance(node, dict):
        if node.get(CONDITION_MARKER):
            root_defs.update(CONDITION_SCHEMA["$defs"])
            rest = {k: v for k, v in node.items() if k != CONDITION_MARKER}
            return {"$ref": CONDITION_SCHEMA["$ref"], **rest}
        return {k: _insert_conditions(v, root_defs) for k, v in node.items()}
    if isinstance(node, list):
        return [_insert_conditions(v, root_defs) for v in node]
    return node


def build_schema(name: str, model: type[BaseModel]) -> dict:
    body = model.model_json_schema(by_alias=True, mode="validation")
    model_defs = body.pop("$defs", {})
    defs: dict = {}
    body = _insert_conditions(body, defs)
    defs.update(_insert_conditions(model_defs, defs))
    out: dict[str, Any] = {"$schema": DIALECT, "$id": schema_id(name)}
    out.update(body)
    if defs:
        out["$defs"] = dict(sorted(defs.items()))
    return out


def all_schemas() -> dict[str, dict]:
    """Every schema gridrules publishes, by file stem."""
    from gridrules.contract.documents import document_kinds
    from gridrules.pack.layout import schema_kinds
    from gridrules.contract.replay import ReplayReport
    from gridrules.contract.review import ApplicationReview

    kinds = schema_kinds() | document_kinds() | {"application_review": ApplicationReview, "replay": ReplayReport}
    return {name: build_schema(name, model) for name, model in sorted(kinds.items())}


def dump(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _published(name: str) -> dict:
    return json.loads(resources.files("gridrules.schemas").joinpath(f"{name}.schema.json").read_text("utf-8"))


@lru_cache(maxsize=None)
def validator(name: str) -> Draft202012Validator:
    """The reference validator (python-jsonschema): its errors become our messages."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_published(name))


@lru_cache(maxsize=None)
def fast_validator(name: str):
    """A quick yes/no (jsonschema-rs, compiled): the province-size pack's files take
    0.04 s instead of 1.2 s.  Formats stay annotations, as in the reference."""
    return jsonschema_rs.validator_for(_published(name), validate_formats=False)


# --- turning jsonschema errors into located, readable problems ---------------


_SHALLOW = ("type", "const", "required", "enum")
# the checks after which a value refused where a code belongs is read for the code meant (packnames)
NAMED_CHECKS = ("pattern", "enum")


def _deepest(error: ValidationError) -> ValidationError:
    """For anyOf/oneOf, the branch error that best explains what is wrong.

    The branch that got furthest into the value (the deepest error) is the one
    the writer meant; among equals, a structural complaint beats "wrong type".
    """
    while error.validator in ("anyOf", "oneOf") and error.context:
        candidates = [e for e in error.context if e.validator_value != "null"] or list(error.context)
        error = max(
            candidates,
            key=lambda e: (len(e.absolute_path), e.validator not in _SHALLOW, -len(e.schema_path)),
        )
    return error


def _describe_type(value: Any) -> str:
    if isinstance(value, bool):
        return t("type.boolean_got")
    if isinstance(value, (int, float)):
        return t("type.number")
    if isinstance(value, str):
        return t("type.string")
    if isinstance(value, list):
        return t("type.array")
    if isinstance(value, dict):
        return t("type.object")
    return t("type.null") if value is None else type(value).__name__


_TYPE_WORDS = ("string", "integer", "number", "boolean", "array", "object", "null")


def _type_word(name: str) -> str:
    return t(f"type.{name}") if name in _TYPE_WORDS else name


def _key_meant(key: str, schema: Mapping, inst: dict, rel: str) -> str | None:
    """The key an unknown ``key`` was meant as: a close spelling (hour_per_month), one spelling the
    other cut short (reference: ref), the one key this file names so (频次: frequency), or the one key whose Chinese name in this file says what ``key``
    means elsewhere in the catalogue (date, 日期: decided_on, 决定日期) -- among several, the one the
    object still lacks of those it requires.  None when nothing is near."""
    allowed = list(schema.get("properties", {}))
    found = suggest(key, allowed)
    if found is not None:
        return found
    cut = [k for k in allowed if min(len(k), len(key)) >= 3 and (key.startswith(k) or k.startswith(key))]
    if len(cut) == 1:
        return cut[0]
    names = {k: pack_field_name(rel, k) for k in allowed if k not in inst}
    written = unicodedata.normalize("NFKC", key).strip()
    by_name = [k for k, name in names.items() if name and written in (name, name.split("（")[0])]
    if len(by_name) == 1:  # the key written by its name in this file (频次: frequency)
        return by_name[0]
    by_meaning = meant_by_meaning(key, names)
    lacking = [k for k in by_meaning if k in schema.get("required", ())]
    for candidates in (lacking, by_meaning):
        if len(candidates) == 1:
            return candidates[0]
    return None


def explain(error: ValidationError, doc: Document, rel: str = "") -> list[tuple[Location, str, str | None]]:
    """(location, message, hint) for one schema error; ``rel``: the pack file it is in (its keys named
    in its words)."""
    one = _one_for_list(error, doc)
    if one is not None:
        return [one]
    error = _deepest(error)
    path = tuple(error.absolute_path)
    where = format_path(path)
    v, inst, schema = error.validator, error.instance, error.schema
    # set on every error a validator raises (the only errors explained here)
    value: Any = error.validator_value
    if v == "additionalProperties" and isinstance(inst, dict) and isinstance(schema, Mapping):
        allowed = set(schema.get("properties", {}))
        out: list[tuple[Location, str, str | None]] = []
        for key in sorted(set(inst) - allowed):
            if allowed == set(OPERATORS):  # a field test's operator: the ones there are, listed
                out.append((doc.locate_key(path + (key,)), t("pack.unknown_operator", name=key,
                            operators=t("words.list_sep").join(OPERATORS)), _operator_meant(key)))
                continue
            meant = _key_meant(key, schema, inst, rel)
            said = t("pack.unknown_key", name=key)
            if meant is None:  # nothing near by spelling or by meaning: the keys there are, by name
                said += t("pack.keys_here", keys=t("words.list_sep").join(
                    field_label(k, rel) for k in schema.get("properties", {}) if k not in inst))
            out.append((doc.locate_key(path + (key,)), said, meant))
        return out or [(doc.locate(path), t("pack.schema_other", message=error.message), None)]
    if v == "required":
        missing = [k for k in value if isinstance(inst, dict) and k not in inst]
        return [(doc.locate(path), t("pack.missing_key", name=field_label(k, rel)), None) for k in missing]
    if v == "type":
        wanted: list[str] = value if isinstance(value, list) else [value]
        words = t("words.or").join(_type_word(w) for w in wanted)
        shown = json.dumps(inst, ensure_ascii=False)[:60]
        said = t("pack.expected_type", words=words, kind=_describe_type(inst), value=shown)
        shape = schema if isinstance(schema, Mapping) else {}
        return [(doc.locate(path), said + _written_instead(wanted, inst, shape, rel), None)]
    if "propertyNames" in error.relative_schema_path and isinstance(inst, str):  # a key, not a value, is wrong
        return [(doc.locate(path), t("pack.key_problem", name=inst, problem=_value_problem(str(v), inst, value)), None)]
    if v in ("pattern", "minLength", "maxLength", "maxItems", "not"):
        return [(doc.locate(path), _value_problem(str(v), inst, value), None)]
    if v in ("enum", "const"):
        options = value if v == "enum" else [value]
        return [(doc.locate(path), t("pack.not_one_of", value=json.dumps(inst, ensure_ascii=False), options=", ".join(map(str, options))), suggest(inst, options) if isinstance(inst, str) else None)]
    if v == "minItems":
        return [(doc.locate(path), t("pack.not_empty") if value == 1 else t("pack.at_least", n=value), None)]
    if v in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return [(doc.locate(path), t("pack.out_of_range", value=inst, bound=t(f"bound.{v}"), limit=value), None)]
    if v in ("minProperties", "maxProperties") and isinstance(inst, dict):
        return [(doc.locate(path), t("pack.keys_allowed", where=where or t("pack.value"), bound=t(f"bound.{v}"), limit=value), None)]
    return [(doc.locate(path), t("pack.schema_other", message=error.message), None)]


def _one_for_list(error: ValidationError, doc: Document) -> tuple[Location, str, str | None] | None:
    """One text where a word or a list belongs (towns: all, or a list of towns): the text is one item
    written without its list (towns: chengguan), unless it is near the word (alll: all is meant)."""
    inst = error.instance
    if error.validator != "anyOf" or not isinstance(inst, str) or not inst.strip():
        return None
    words = [e.validator_value for e in error.context if e.validator == "const" and isinstance(e.validator_value, str)]
    lists = [e for e in error.context if e.validator == "type" and e.validator_value == "array"]
    if not words or not lists or suggest(inst, words) is not None:
        return None
    said = t("pack.word_or_list", words=t("words.or").join(words), value=json.dumps(inst, ensure_ascii=False))
    return doc.locate(tuple(error.absolute_path)), said + _written_instead(["array"], inst, {}, ""), None


def _written_instead(wanted: list[str], inst: Any, schema: Mapping, rel: str) -> str:
    """What to write instead of a value of the wrong kind, when the value shows what was meant ('' when it
    does not): a number in full-width digits (２) or with its unit (3天, 8小时, 120元) -- the number alone;
    one text where a list belongs (minzheng, 2026-01-04) -- the list; text where a mapping belongs (close:
    3天, days_off: 2027-02-06 至 2027-02-13) -- the mapping's keys, by name."""
    if isinstance(inst, str) and ("number" in wanted or "integer" in wanted):
        whole = "number" not in wanted
        plain = half_width(inst, whole=whole)
        if plain is not None:  # ２ typed by an input method: YAML reads it as text (refused all the same)
            return t("pyd.half_width", plain=plain)
        unit = number_with_unit(inst)
        return t("pyd.number_unit", plain=unit[0], unit=unit[1]) if unit is not None else ""
    if isinstance(inst, str) and inst.strip() and wanted == ["array"]:
        return t("pack.list_form", items=", ".join(written_apart(inst)) or inst.strip())
    keys = list(schema.get("properties", {})) if "object" in wanted and not isinstance(inst, dict) else []
    if not keys:
        return ""
    forms = [f"{{{k}: …}}" for k in keys]
    names = "" if english() else t("pack.mapping_names", names=t("words.list_sep").join(
        pack_field_name(rel, k) or k for k in keys))
    if schema.get("maxProperties") == 1 and len(keys) > 1:  # one key of several (a time limit: minutes, hours …)
        return t("pack.mapping_one_of", forms=t("words.list_sep").join(forms[:-1]), last=forms[-1], names=names)
    return t("pack.mapping_form", form="{" + ", ".join(f"{k}: …" for k in keys) + "}", names=names)


def _operator_meant(key: str) -> str | None:
    """The operator ``key`` was meant as: a close spelling, or its words run together (gt_or_eq, gt_eq:
    gte)."""
    return suggest(key, OPERATORS) or suggest(key.replace("_or_", "").replace("_", ""), OPERATORS)


def _value_problem(v: str, inst: Any, value: Any) -> str:
    """What is wrong with a value's form, length or count, in words (no regular expressions,
    none of jsonschema's English)."""
    shown = json.dumps(inst, ensure_ascii=False)
    if v == "pattern":
        form = PATTERN_FORMS.get(value)
        said = t("pack.pattern_form", value=shown, form=t(form)) if form else t("pack.pattern", value=shown, pattern=value)
        iso = _iso_day(inst) if value == DATE_PATTERN else None
        return said + t("pack.date_written_iso", iso=iso) if iso else said
    if v == "minLength" and isinstance(inst, str):
        return t("pack.text_empty") if value == 1 else t("pack.text_short", n=value, count=len(inst))
    if v == "maxLength" and isinstance(inst, str):
        return t("pack.text_long", n=value, count=len(inst))
    if v == "maxItems" and isinstance(inst, list):
        return t("pack.too_many", n=value, count=len(inst))
    return t("pack.not_allowed", value=shown)


def _iso_day(value: Any) -> str | None:
    """A date written as clerks write one (2026年3月1日, 2026/3/1, 2026-3-1) in the form a pack keeps
    (2026-03-01), or None: a pack stays ISO (other tools read it), so this is only offered."""
    if not isinstance(value, str) or not DAY_WRITTEN.match(unicodedata.normalize("NFKC", value)):
        return None
    try:
        return written_day(value).isoformat()
    except ValueError:  # 2026年2月30日: no day to offer
        return None


def check(doc: Document, schema_name: str, named: Callable[[tuple, Any], Meant | None] | None = None,
          rel: str = "") -> list[tuple[Any, str, str, str | None, str | None]]:
    """Validate a parsed document; (location, field, message, hint, the hint as a person reads it) per
    problem, each once (every ``required`` error lists all the keys missing).  ``rel``: the pack file
    (its keys named in its words).

    ``named``: for a value at a path refused by its form, what to say when the field holds a code of
    a kind (``packnames.PackNames.meant``: 入户走访 where an activity's code belongs -- the field's own
    kind of code, and the one meant).  The fast validator only skips work: when it says "valid"
    nothing is left to report; otherwise the reference validator decides and explains (should the
    two ever disagree, the reference wins)."""
    if fast_validator(schema_name).is_valid(doc.data):
        return []
    out: list[tuple[Any, str, str, str | None, str | None]] = []
    for error in validator(schema_name).iter_errors(doc.data):
        deepest = _deepest(error)
        path = tuple(deepest.absolute_path)
        for location, message, hint in explain(error, doc, rel):
            # a key meant for an unknown one, by its name in this file
            shown = field_label(hint, rel) if hint and deepest.validator == "additionalProperties" else None
            meant = named(path, deepest.instance) if named is not None and deepest.validator in NAMED_CHECKS else None
            if meant is not None and deepest.validator == "pattern":
                value = json.dumps(deepest.instance, ensure_ascii=False)
                message = meant.joined or t("pack.pattern_form", value=value, form=meant.form)
                hint, shown = meant.hint, meant.shown
            elif meant is not None and meant.hint is not None:  # (an enum's message lists its values already)
                hint, shown = meant.hint, meant.shown
            found = (location, describe_path(doc.data, path), message, hint, shown)
            if found not in out:
                out.append(found)
    return out

