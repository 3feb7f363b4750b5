"""``python -m gridrules.pack.docgen [DIR]``: (re)write docs/reference.md, the reference of
the input and decision documents, from the published JSON Schemas: every field with its id,
its Chinese name, whether it is required, its type and values, and what it means; and
docs/pack-reference.md, the fields of each pack file, from the same schemas and the Chinese
names the tool's messages give them (catalogue.packfields).
tests/pack/test_docgen.py checks that the committed files are what this writes."""

from __future__ import annotations

import pathlib
import sys

from gridrules.catalogue.decisions import DECISIONS
from gridrules.catalogue.messages import MESSAGES
from gridrules.catalogue.fields import field_name
from gridrules.catalogue.packfields import pack_field_name
from gridrules.catalogue.notes import (DOCUMENTS, FLAG_NOTES, FLAGS_HEADING, HELD, NAMES, NOTES, OWN_FLAG, PATTERNS,
                                       READS_NAMES)
from gridrules.contract.facts import EXTERNAL, FLAGS
from gridrules.contract.kinds import WORDED, worded
from gridrules.pack.jsonschemas import all_schemas
from gridrules.pack.layout import CALENDARS, FILE_KINDS
from gridrules.pack.loader import read_pack
from gridrules.pack.names import APPLICATION_FIELDS, EVENT_FIELDS, RECORD_FIELDS, task_fields
from gridrules.pack.pack import Pack

HEADER = """# 输入和判定文档参考

本文由 `python -m gridrules.pack.docgen docs` 根据 `schemas/` 中的 JSON Schema 和内置规则包生成，请勿手改
（测试会核对它与 Schema 和规则包一致）。每个字段写出编号（JSON/YAML 中的键）、中文名称、是否必填、类型和取值；
判定结论中各标注的含义见文末的“标注”一节。
类型一栏写着“输入时也可写名称”的字段（{kinds}），
也可以写中文名称或不致混淆的简称（如 `{department}`、`{town}`）；判定结果里写回的是编号。其余编号
（如 `spans`、处置记录中的单位编码）只能写编号。编号和名称可用 `gridrules show departments`
（以及 towns、communities、grids、activities、roles、levels、grades、types、items、temporary、duties）查到；
{coded}的名称（如 {examples}）写在各自的说明里。
输入中的日期也可照办事员的习惯写：`2026年12月1日`、`2026/12/1`（数字可为全角）；带时区的日期时间也可写成
`2026年11月25日 9:30+08:00`、`2026年11月25日 9时30分+08:00`，与 ISO 写法判定相同；`12/1/2026`、`1/12`、`12月1日`
看不出年、月、日的顺序或没有年份，不作猜测，会指出该栏。文件须为 UTF-8 编码：记事本存成 GBK（“ANSI”）或
UTF-16（“Unicode”）的，会指出是哪种编码，请“另存为”UTF-8。
"""


def _paths(fields: tuple[tuple[tuple, str], ...]) -> frozenset[str]:
    """``(("history", "*", "level"), "level")`` -> ``history[].level``; a list's items: ``activities[]``."""
    return frozenset("".join("[]" if step == "*" else f".{step}" for step in path).lstrip(".") for path, _ in fields)


def _words(document: str) -> tuple[tuple[tuple, str], ...]:
    """``document``'s fields read by the tool's words (contract.kinds' WORDED), as (path, kind)."""
    return tuple((field.path, field.kind) for field in worded(document))


def _words_on(document: str) -> dict[str, str]:
    """Of those, the ones read only on one kind of step (``Worded.on``: an escalation's reason, not a
    退哨's), by path: that kind."""
    return {path: field.on[1] for field in worded(document) if field.on is not None
            for path in _paths(((field.path, field.kind),))}


# per document, the paths whose values are read as names when they are not ids (pack/names.py),
# or as codes when written by the tool's words (已派, 反馈: contract.kinds' WORDED)
NAMED = {
    "task": _paths(task_fields({}) + _words("task")),
    "event": _paths(EVENT_FIELDS + _words("event")),
    "application": _paths(APPLICATION_FIELDS),
    "lifecycle_record": _paths(RECORD_FIELDS + _words("record")),
}
# per document, those of them read only on one kind of step, by path: that kind
NAMED_ON = {"task": _words_on("task"), "event": _words_on("event"), "lifecycle_record": _words_on("record")}


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


def reads_names(document: str, path: str, kind: str | None = None) -> bool:
    """Whether the field at ``path`` of ``document`` (``activities[]``: a list's items) may be
    given by name, on a step of ``kind`` (a field read only on one kind: on that one): a field of a
    document held in another is read as that one's (``notes.HELD``)."""
    if path in NAMED.get(document, ()):
        only = NAMED_ON.get(document, {}).get(path)
        return only is None or only == kind
    return any(path.startswith(prefix) and reads_names(held, path[len(prefix):])
               for prefix, held in HELD.get(document, {}).items())


def _type(schema: dict, node: dict, named: bool = False, items_named: bool = False) -> str:
    """The type and values of a field; ``named``: it may be given by name (``items_named``: its items)."""
    node = _plain(schema, node)
    if "enum" in node:  # (a risk level of an application may be given by its name, 低)
        return "取值：" + "、".join(f"`{v}`" for v in node["enum"]) + (READS_NAMES if named else "")
    if "const" in node:  # (a step's kind may be given by its word, 反馈)
        return f"固定为 `{node['const']}`" + (READS_NAMES if named else "")
    kind = node.get("type")
    if node.get("format") == "date":
        return "日期（YYYY-MM-DD）"
    if node.get("format") == "date-time":
        return "带时区的日期时间（如 2026-11-25T09:30:00+08:00）"
    if kind == "string":
        words = PATTERNS.get(node.get("pattern", ""), "文字")
        longest = node.get("maxLength")
        limits = [f"最多 {longest} 字符"] if longest is not None and longest < 1000 and "{name_max}" not in words else []
        if named and "{named}" not in words:
            words += "{named}"
        said = words.format(named=READS_NAMES if named else "",
                            name_max=(longest or 0) - len(EXTERNAL))  # an outside body's name, after external:
        return "，".join([said, *limits])
    if kind in ("integer", "number"):
        word = "整数" if kind == "integer" else "数字"
        low, high = node.get("minimum"), node.get("maximum")
        return word + (f"（{low}–{high}）" if low is not None and high is not None else "")
    if kind == "boolean":
        return "是/否（`true` 或 `false`）"
    if kind == "array":
        return f"列表，每项：{_type(schema, node.get('items', {}), items_named)}"
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
          nested: list[tuple[str, dict]], words: dict[str, str], kind: str | None = None) -> None:
    required = set(node.get("required", []))
    for name, field in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        plain = _plain(schema, field)
        said = note(document, path, kind)
        for placeholder, value in words.items():
            said = said.replace("{" + placeholder + "}", value)
        default = field.get("default")
        if default not in (None, [], {}) and name not in required:
            said = f"{said}（默认 `{str(default).lower() if isinstance(default, bool) else default}`）".lstrip()
        title = NAMES.get(document, {}).get(path) or field_name(path)
        shape = _type(schema, field, reads_names(document, path, kind), reads_names(document, f"{path}[]", kind))
        out.append(f"| `{path}` | {title} | {'必填' if name in required else ''} | {shape} | {said} |")
        nested += _inner(schema, node, path, plain)


def _inner(schema: dict, node: dict, path: str, plain: dict) -> list[tuple[str, dict]]:
    """The objects inside the field at ``path`` (``plain``, resolved), each with the prefix its fields are
    listed under: its items' (``path[].``), its own (``path.``), or each variant of its items that is one."""
    items = _resolve(schema, plain.get("items", {})) if plain.get("type") == "array" else None
    if items is not None and "properties" in items:
        return [(f"{path}[].", items)]
    if "properties" in plain and plain is not node:
        return [(f"{path}.", plain)]
    if items is not None and ("oneOf" in items or "anyOf" in items):
        variants = (_resolve(schema, variant) for variant in items.get("oneOf", items.get("anyOf", [])))
        return [(f"{path}[].", variant) for variant in variants if "properties" in variant]
    return []


def document(name: str, schema: dict, words: dict[str, str]) -> list[str]:
    """The section of one document; ``words``: what the notes' placeholders say of the pack."""
    title = DOCUMENTS[name]
    out = [f"## {title}（{name}）", "",
           "| 字段 | 名称 | 必填 | 类型与取值 | 说明 |", "|---|---|---|---|---|"]
    nested: list[tuple[str, dict]] = []
    _rows(name, schema, schema, "", out, nested, words)
    seen: set[str] = set()
    while nested:
        prefix, node = nested.pop(0)
        kind = node.get("properties", {}).get("kind", {}).get("const")
        label = f"{prefix}（kind: {kind}）" if kind else prefix
        if label in seen:
            continue
        seen.add(label)
        out += ["", f"### `{label.rstrip('.')}`", "", "| 字段 | 名称 | 必填 | 类型与取值 | 说明 |", "|---|---|---|---|---|"]
        _rows(name, schema, node, prefix, out, nested, words, kind)
    return out + [""]


def pack_words(pack: Pack) -> dict[str, str]:
    """What the notes' placeholders say of ``pack``: ``{spans}``, the values an event's spans may take."""
    kinds = [f"`{kind.spans}` 跨{kind.name}" for kind in pack.tree.kinds if kind.spans]
    return {"spans": "、".join(["`none` 不跨", *kinds])}


def flags(pack: Pack) -> list[str]:
    """The section of the flags: each one a task's and an event's decision may carry, in the order
    decisions list them, with its Chinese name (the catalogue's; the pack's own flags, the pack's)
    and what it means."""
    own = pack.flag_names()
    out = ["## 标注", "", FLAGS_HEADING]
    for decision, document in (("task", "task_decision"), ("event", "event_decision")):
        out += ["", f"### {DOCUMENTS[document]}（{document}）的标注", "",
                "| 标注 | 名称 | 含义 |", "|---|---|---|"]
        for flag in pack.flags_of(decision):
            if flag in FLAGS[decision]:
                name, meaning = DECISIONS[f"dec.flag.{flag}"][0], FLAG_NOTES[decision][flag]
            else:
                name, meaning = own[flag], OWN_FLAG
            out.append(f"| `{flag}` | {name} | {meaning} |")
    return out + [""]


def header(pack: Pack) -> str:
    """The reference's opening: which kinds of thing the documents read by name (the name reader's
    fields, in the order they first appear), with names of ``pack``'s for examples."""
    kinds = dict.fromkeys(kind for fields in (task_fields({}), task_fields({"issued_by": "town"}), EVENT_FIELDS,
                                              APPLICATION_FIELDS, RECORD_FIELDS, _words("task"), _words("event"),
                                              _words("record"))
                          for _, kind in fields if kind != "issuer")
    words = "、".join(MESSAGES[f"kind.{kind}"][0] for kind in kinds)
    department = next(iter(pack.departments.values())).name if pack.departments else ""
    town = next(iter(pack.towns.values())).name if pack.towns else ""
    # the contract's codes written by the tool's words, each kind with its first word not given already
    # for example (an event's history outcome and an escalation's reason share 本级无法解决)
    coded = "、".join(MESSAGES[f"kind.{field.kind}"][0] for field in WORDED)
    given: list[str] = []
    for field in WORDED:
        said = [MESSAGES[field.word_key(code)][0] for code in field.codes]
        given.append(next((word for word in said if word not in given), said[0]))
    examples = "、".join(given)
    return HEADER.format(kinds=words, department=department, town=town, coded=coded, examples=examples)


def reference(pack: Pack | None = None) -> str:
    """The reference, for ``pack`` (the bundled one by default: the values and flags a pack decides)."""
    schemas = all_schemas()
    pack = pack if pack is not None else read_pack()
    words = pack_words(pack)
    lines = [header(pack)]
    for name in DOCUMENTS:
        lines += document(name, schemas[name], words)
    lines += flags(pack)
    return "\n".join(lines).rstrip() + "\n"


PACK_HEADER = """# 规则包文件字段参考

本文由 `python -m gridrules.pack.docgen docs` 根据 `schemas/` 中规则包各文件的 JSON Schema 生成，请勿手改
（测试会核对它与 Schema 一致）。怎样一步步写自己的规则包，见 [规则包编写指南](packs.md)。
每个文件一节，按建议填写的顺序；每个字段写出键名（YAML 中冒号前的英文）、中文名称（`gridrules validate`
指出问题时用的名称）、是否必填和类型。`[]` 表示列表中的每一项。写着“几种之一”的字段有几种写法，
照 `gridrules init --template minimal` 生成的文件或内置规则包的写法写即可。
"""

# the order a district fills its pack in (docs/packs.md), then the rest in FILE_KINDS' order
PACK_ORDER = ("pack.yaml", "organization/levels.yaml", "organization/units.yaml", "organization/registry.yaml",
              "organization/departments.yaml", "powers/roles.yaml", "powers/activities.yaml",
              "powers/negative_list.yaml", "responsibilities/duties.yaml", "risk.yaml", "admission/bodies.yaml",
              "admission/items.yaml", "admission/temporary.yaml", "events/types.yaml", "events/grading.yaml",
              "events/levels.yaml", "events/deadlines.yaml", "events/dispatch.yaml", "events/review.yaml",
              CALENDARS, "assessment.yaml", "history.yaml")


def _pack_rows(rel: str, schema: dict, node: dict, prefix: str, out: list[str],
               nested: list[tuple[str, dict]]) -> None:
    required = set(node.get("required", []))
    for name, field in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        plain = _plain(schema, field)
        title = pack_field_name(rel, path) or "—"
        out.append(f"| `{path}` | {title} | {'必填' if name in required else ''} | {_type(schema, field)} |")
        nested += _inner(schema, node, path, plain)


def pack_file(rels: list[str], schema: dict) -> list[str]:
    """The section of the pack files ``rels`` (the rule files share one schema)."""
    rel = rels[0]
    out = ["## " + "、".join(f"`{r}`" for r in rels), "",
           "| 字段 | 名称 | 必填 | 类型与取值 |", "|---|---|---|---|"]
    nested: list[tuple[str, dict]] = []
    _pack_rows(rel, schema, schema, "", out, nested)
    # a part shown once (a condition holds conditions: its parts are shown at the first); the parts seen are
    # kept, not only their ids: an optional part is a dict made afresh (``_plain``), and a freed one's id is
    # reused by the next, whose section was then dropped as seen (history's changes[].review)
    seen: dict[int, dict] = {}
    while nested:
        prefix, node = nested.pop(0)
        if id(node) in seen:
            continue
        seen[id(node)] = node
        out += ["", f"### `{prefix.rstrip('.')}`", "", "| 字段 | 名称 | 必填 | 类型与取值 |", "|---|---|---|---|"]
        _pack_rows(rel, schema, node, prefix, out, nested)
    return out + [""]


def pack_reference() -> str:
    """The reference of the pack files' fields: a section per schema, its files named."""
    schemas = all_schemas()
    order = {rel: n for n, rel in enumerate(PACK_ORDER)}
    kinds = sorted(FILE_KINDS, key=lambda kind: order.get(kind.pattern, len(order)))
    files: dict[str, list[str]] = {}
    for kind in kinds:
        files.setdefault(kind.schema, []).append("calendar/年份.yaml" if kind.pattern.startswith("calendar/")
                                                 else kind.pattern)
    lines = [PACK_HEADER]
    for name, rels in files.items():
        lines += pack_file(rels, schemas[name])
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    target = pathlib.Path((argv or sys.argv[1:] or ["docs"])[0])
    target.mkdir(parents=True, exist_ok=True)
    (target / "reference.md").write_text(reference(), encoding="utf-8")
    (target / "pack-reference.md").write_text(pack_reference(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
