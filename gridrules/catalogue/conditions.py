"""The catalogue's words about written rules' conditions (``when:``), as loading a pack reports
them (key -> (Chinese, English)); merged into the catalogue by ``packfiles``.  Stage names,
field ids and kinds (number, bool, …) stay ids: they are what the pack writes."""

from __future__ import annotations

CONDITION_MESSAGES: dict[str, tuple[str, str]] = {
    "cond.shape": ("条件应为「always」或非空的映射", "a condition is 'always' or a non-empty mapping"),
    "cond.alone": ("all/any/not 必须单独成为一个映射", "all/any/not must stand alone in their mapping"),
    "cond.list": ("「{word}」后面应是非空的条件列表", "'{word}' takes a non-empty list of conditions"),
    "cond.unknown_field_stage": ("{stage} 阶段的规则没有这个字段：「{name}」", "unknown field '{name}' for {stage} rules"),
    "cond.one_test": ("至少要给一个检验", "give at least one test"),
    "cond.operator": ("运算符「{op}」不适用于 {kind} 型字段「{name}」（可用：{allowed}）",
                      "operator '{op}' does not apply to {kind} field '{name}' (use one of: {allowed})"),
    "cond.exists_bool": ("exists 只能是 true 或 false", "exists takes true or false"),
    "cond.always_present": ("字段「{name}」总是有值；不能用「exists」", "field '{name}' is always present; 'exists' does not apply"),
    "cond.takes_list": ("「{op}」后面应是列表", "'{op}' takes a list"),
    "cond.takes_one": ("「{op}」后面只能是一个值，不能是列表", "'{op}' takes one value, not a list"),
    "cond.unknown_field": ("没有这个字段：「{name}」", "unknown field '{name}'"),
    "cond.compare": ("{kind} 型字段「{name}」不能与 {other_kind} 型字段「{other}」比较",
                     "cannot compare {kind} field '{name}' with {other_kind} field '{other}'"),
    "cond.unknown_param": ("没有这个参数：「{name}」", "unknown parameter '{name}'"),
    "cond.param_number": ("参数是数字；「{name}」是 {kind} 型字段", "a parameter is a number; '{name}' is a {kind} field"),
    "cond.operand": ("运算对象的映射只能是 {{field: 名称}} 或 {{param: 名称}}", "an operand mapping is {{field: name}} or {{param: name}}"),
    "cond.not_bool": ("「{name}」只能是 true 或 false，而不是「{value}」", "'{name}' is true or false, not '{value}'"),
    "cond.not_number": ("「{name}」是数字，而不是「{value}」", "'{name}' is a number, not '{value}'"),
    "cond.unknown_value": ("没有这个{what}：「{value}」", "unknown {what} '{value}'"),
    "cond.date_literal": ("「{name}」只能与另一个字段比较，不能与写定的值比较", "compare '{name}' with another field, not a literal"),
    "cond.holds_ids": ("「{name}」的值是编号，而不是「{value}」", "'{name}' holds ids, not '{value}'"),
}
