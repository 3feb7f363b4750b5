"""``python -m gridrules.pack.docgen [DIR]``: (re)write docs/reference.md, the reference of
the input and decision documents, from the published JSON Schemas: every field with its id,
its Chinese name, whether it is required, its type and values, and what it means.
tests/pack/test_docgen.py checks that the committed file is what this writes."""

from __future__ import annotations

import pathlib
import sys

from gridrules.catalogue.fields import field_name
from gridrules.catalogue.notes import DOCUMENTS, HELD, NAMES, NOTES, PATTERNS
from gridrules.pack.jsonschemas import all_schemas

HEADER = """# 输入和判定文档参考

本文由 `python -m gridrules.pack.docgen docs` 根据 `schemas/` 中的 JSON Schema 生成，请勿手改
（测试会核对它与 Schema 一致）。每个字段写出编号（JSON/YAML 中的键）、中文名称、是否必填、类型和取值。
凡是填编号的地方（部门、镇街、村(社区)、网格、事件类型、等级、层级、角色、活动），也可以写中文名称或不致混淆的简称
（如 `区民政局`、`民政局`、`棠香`）；判定结果里写回的是编号。编号和名称可用 `gridrules show departments`
（以及 towns、communities、grids、activities、roles、levels、grades、types）查到。
"""


def _resolve(schema: dict, node: dict) -> dict:
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _plain(schema: dict, node: dict) -> dict:
    """A field's schema without the ``null`` of an optional value."""
    node = _resolve(schema, node)
    options = [o for o in node.get("anyOf", []) if o.get("type") != "null"]
    if len(options) == 1:
        merged = {k: v for k, v in node.items() if k != "anyOf"}
        return merged | _resolve(schema, options[0])
    return node


def _type(schema: dict, node: dict) -> str:
    node = _plain(schema, node)
    if "enum" in node:
        return "取值：" + "、".join(f"`{v}`" for v in node["enum"])
    if "const" in node:
        return f"固定为 `{node['const']}`"
    kind = node.get("type")
    if node.get("format") == "date":
        return "日期（YYYY-MM-DD）"
    if node.get("format") == "date-time":
        return "带时区的日期时间（如 2026-11-25T09:30:00+08:00）"
    if kind == "string":
        words = PATTERNS.get(node.get("pattern", ""), "文字")
        limits = [f"最多 {node['maxLength']} 字符"] if "maxLength" in node and node["maxLength"] < 1000 else []
        return "，".join([words, *limits])
    if kind in ("integer", "number"):
        word = "整数" if kind == "integer" else "数字"
        low, high = node.get("minimum"), node.get("maximum")
        return word + (f"（{low}–{high}）" if low is not None and high is not None else "")
    if kind == "boolean":
        return "是/否（`true` 或 `false`）"
    if kind == "array":
        return f"列表，每项：{_type(schema, node.get('items', {}))}"
    if kind == "object" or "properties" in node:
        return "映射（字段见下）"
    if "anyOf" in node or "oneOf" in node:
        return "几种之一（见下）"
    return "—"


def note(document: str, path: str, kind: str | None = None) -> str:
    """The Chinese note of the field at ``path`` of ``document``: its own (for one ``kind`` of
    step, ``steps[escalated].level``, before ``steps[].level``), or that of the document held
    at a prefix of the path (``notes.HELD``); '' when it has none (never another field's)."""
    notes = NOTES[document]
    for key in ((path.replace("[]", f"[{kind}]", 1),) if kind else ()) + (path,):
        if key in notes:
            return notes[key]
    for prefix, held in HELD.get(document, {}).items():
        if path.startswith(prefix):
            return note(held, path[len(prefix):], kind)
    return ""


def _rows(document: str, schema: dict, node: dict, prefix: str, out: list[str],
          nested: list[tuple[str, dict]], kind: str | None = None) -> None:
    required = set(node.get("required", []))
    for name, field in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        plain = _plain(schema, field)
        said = note(document, path, kind)
        default = field.get("default")
        if default not in (None, [], {}) and name not in required:
            said = f"{said}（默认 `{str(default).lower() if isinstance(default, bool) else default}`）".lstrip()
        named = NAMES.get(document, {}).get(path) or field_name(path)
        out.append(f"| `{path}` | {named} | {'必填' if name in required else ''} | "
                   f"{_type(schema, field)} | {said} |")
        items = _resolve(schema, plain.get("items", {})) if plain.get("type") == "array" else None
        if items is not None and "properties" in items:
            nested.append((f"{path}[].", items))
        elif "properties" in plain and plain is not node:
            nested.append((f"{path}.", plain))
        elif items is not None and ("oneOf" in items or "anyOf" in items):
            for variant in items.get("oneOf", items.get("anyOf", [])):
                nested.append((f"{path}[].", _resolve(schema, variant)))


def document(name: str, schema: dict) -> list[str]:
    title = DOCUMENTS[name]
    out = [f"## {title}（{name}）", "",
           "| 字段 | 名称 | 必填 | 类型与取值 | 说明 |", "|---|---|---|---|---|"]
    nested: list[tuple[str, dict]] = []
    _rows(name, schema, schema, "", out, nested)
    seen: set[str] = set()
    while nested:
        prefix, node = nested.pop(0)
        kind = node.get("properties", {}).get("kind", {}).get("const")
        label = f"{prefix}（kind: {kind}）" if kind else prefix
        if label in seen:
            continue
        seen.add(label)
        out += ["", f"### `{label.rstrip('.')}`", "", "| 字段 | 名称 | 必填 | 类型与取值 | 说明 |", "|---|---|---|---|---|"]
        _rows(name, schema, node, prefix, out, nested, kind)
    return out + [""]


def reference() -> str:
    schemas = all_schemas()
    lines = [HEADER]
    for name in DOCUMENTS:
        lines += document(name, schemas[name])
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    target = pathlib.Path((argv or sys.argv[1:] or ["docs"])[0])
    target.mkdir(parents=True, exist_ok=True)
    (target / "reference.md").write_text(reference(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
