"""The catalogue's words about pack files: what ``validate``, ``lint`` and loading a pack say
when a file is wrong (key -> (Chinese, English)); ``noun`` names a kind of thing a pack holds.

The English side stays close to the wording developers (and the test suite) read."""

from __future__ import annotations

from .conditions import CONDITION_MESSAGES

# kinds of things a pack holds, as a message names them ("unknown {what} '{value}'")
NOUNS: dict[str, tuple[str, str]] = {
    "activity": ("活动", "activity"),
    "application field": ("申请表字段", "application field"),
    "body": ("议事机构", "body"),
    "category": ("类别", "category"),
    "code": ("编码", "code"),
    "community": ("村(社区)", "community"),
    "department": ("部门", "department"),
    "duty": ("职责", "duty"),
    "duty group": ("职责分组", "duty group"),
    "event flag": ("事件标注", "event flag"),
    "event type": ("事件类型", "event type"),
    "event type or list item": ("事件类型或清单事项", "event type or list item"),
    "grade": ("等级", "grade"),
    "grid": ("网格", "grid"),
    "grid kind": ("网格类型", "grid kind"),
    "grid kind name": ("网格类型名称", "grid kind name"),
    "item": ("清单事项", "item"),
    "level": ("层级", "level"),
    "negative-list activity": ("负面清单活动", "negative-list activity"),
    "reference": ("批复编号", "reference"),
    "risk level": ("风险等级", "risk level"),
    "role": ("角色", "role"),
    "staffing column": ("配备表列", "staffing column"),
    "staffing role": ("配备角色", "staffing role"),
    "statement": ("陈述", "statement"),
    "task flag": ("任务标注", "task flag"),
    "town": ("镇街", "town"),
    "unit": ("单位", "unit"),
    "unit kind": ("单位类型", "unit kind"),
    "whistle kind": ("吹哨类型", "whistle kind"),
    "issuer": ("发起单位（部门或镇街）", "issuer"),
    "power": ("权力或活动", "power"),
    "event_type": ("事件类型", "event_type"),
    "grid_kind": ("网格类型", "grid_kind"),
    "spans": ("涉及范围", "spans"),
}

PACK_MESSAGES: dict[str, tuple[str, str]] = {
    # --- the two checks every cross-reference is made of (refcheck) ---
    "pack.unknown": ("没有这个{what}：「{value}」", "unknown {what} '{value}'"),
    "pack.code_of_kind": ("应写{what}的编号（如 {examples}）", "write the {what}'s id (e.g. {examples})"),
    "pack.code_of_kind_bare": ("应写{what}的编号", "write the {what}'s id"),
    "pack.joined": ("「{value}」是几项{what}连在一起写的（中间是全角逗号或顿号）：请每项分开写，用半角逗号，如 [{parts}]",
                    "'{value}' is several values ({what}) written as one (joined by a full-width comma): "
                    "write each apart with a plain comma, as in [{parts}]"),
    "pack.same_name": ("{what}「{name}」与{first_what} {first}（{first_at}）同名：按名称查找时分不清，请改名",
                       "{what} '{name}' has the name of {first_what} {first} ({first_at}): a lookup by name "
                       "could not tell them apart; rename one"),
    "pack.same_name_within": ("{what}「{name}」与同在{within}的{first_what} {first}（{first_at}）同名：按名称查找时分不清，请改名",
                              "{what} '{name}' has the name of {first_what} {first} ({first_at}), also in {within}: "
                              "a lookup by name could not tell them apart; rename one"),
    "pack.one_of_these": ("（可写：{values}）", " (one of: {values})"),
    "pack.duplicate": ("{what}「{value}」重复（第 {entry} 项已有）", "duplicate {what} '{value}' (also at entry {entry})"),
    "pack.listed_times": ("「{value}」列了 {n} 次", "'{value}' is listed {n} times"),
    # --- crossref: organization, powers, lists ---
    "pack.to_before_from": ("截止日期（{last}）早于起始日期（{first}）", "to ({last}) is before from ({first})"),
    "pack.min_above_max": ("最小值 {min} 大于最大值 {max}", "min {min} is above max {max}"),
    "pack.duplicate_grid": ("网格「{grid}」重复（{other} 中已有）", "duplicate grid '{grid}' (also in {other})"),
    "pack.own_parent": ("网格「{grid}」不能是自己的上级网格", "grid '{grid}' is its own parent"),
    "pack.department_is_town": ("部门编号「{id}」与一个镇街编号相同", "department id '{id}' is also a town id"),
    "pack.activity_negative": ("「{id}」是负面清单上的活动，不能同时作为网格活动",
                               "'{id}' is a negative-list activity and cannot also be a grid activity"),
    "pack.role_negative": ("「{activity}」在负面清单上（{code}）；任何角色都不能承担",
                           "'{activity}' is on the negative list ({code}); no role may hold it"),
    "pack.activity_twice": ("同一活动列了两次", "an activity is listed twice"),
    "pack.code_prefix": ("编码「{code}」不符合任何类别前缀（{prefixes}）", "code '{code}' matches no category prefix ({prefixes})"),
    "pack.calendar_year": ("年份 {year} 与文件名 {stem}.yaml 不一致", "year {year} does not match the file name {stem}.yaml"),
    "pack.day_not_in_year": ("{day} 不在 {year} 年内", "{day} is not in {year}"),
    "pack.day_off_twice": ("{day} 已是休息日（{holiday}）", "{day} is already a day off ({holiday})"),
    "pack.makeup_twice": ("{day} 已是调休上班日（{holiday}）", "{day} is already a make-up day ({holiday})"),
    "pack.off_and_makeup": ("{day} 既是休息日（{holiday}）又是调休上班日",
                            "{day} is both a day off ({holiday}) and a make-up working day"),
    "pack.broken_placeholder": ("占位符写错了：{error}", "broken placeholder: {error}"),
    "pack.unknown_placeholder": ("没有这个占位符：「{{{name}}}」", "unknown placeholder '{{{name}}}'"),
    "pack.unknown_placeholder_only": ("没有这个占位符：「{{{name}}}」（只能用 {allowed}）",
                                      "unknown placeholder '{{{name}}}' (only {allowed})"),
    # --- crossref: written rules ---
    "pack.stage_file": ("阶段「{stage}」不能写在 {file} 中（应为 {allowed}）",
                        "stage '{stage}' does not belong in {file} (use {allowed})"),
    "pack.duplicate_rule": ("规则编号「{id}」重复（{other} 中已有）", "duplicate rule id '{id}' (also in {other})"),
    "pack.generated_prefix": ("以 {prefixes} 开头的规则编号由清单生成，书面规则不能使用",
                              "rule ids starting with {prefixes} are generated from the lists"),
    "pack.no_effect": ("这条规则没有任何效果（至少要给出一个标注 flag）", "the rule has no effect (give at least a flag)"),
    "pack.effect_stage": ("「{name}」在 {stage} 阶段没有意义（可用：{allowed}）",
                          "'{name}' has no meaning in the {stage} stage (allowed: {allowed})"),
    "pack.one_of_two": ("{first} 和 {second} 只能给一个", "give {first} or {second}, not both"),
    "pack.escalation_test": ("逐级上报规则必须检查 last_outcome 或 last_level（需要处置经过的最后一条）",
                             "an escalation rule must test last_outcome or last_level (it needs a last history entry)"),
    "pack.unknown_app_field": ("申请表没有这个字段：「{name}」", "unknown application field '{name}'"),
    # --- crossref: history ---
    "pack.seq": ("序号应为 {expected}，实为 {found}", "expected seq {expected}, found {found}"),
    "pack.version_not_after": ("版本 {version} 不晚于 {previous}", "version {version} is not after {previous}"),
    "pack.previous_version": ("previous_version {previous} 不是第 {n} 次修改产生的版本（{produced}）",
                              "previous_version {previous} is not the version change {n} produced ({produced})"),
    "pack.version_older": ("版本 {version} 早于 history.yaml 中最后一次修改的版本（{last}）",
                           "version {version} is older than the last change in history.yaml ({last})"),
}
PACK_MESSAGES.update({f"noun.{what}": words for what, words in NOUNS.items()})
PACK_MESSAGES.update(CONDITION_MESSAGES)


def noun(what: str) -> str:
    """A kind of thing a pack holds in the current language ("grid kind" -> 网格类型)."""
    from . import t

    return t(f"noun.{what}") if what in NOUNS else what

PACK_MESSAGES.update({
    # --- structure: the unit tree, levels, bodies, where items and approvals sit ---
    "pack.spans_words": ("各单位类型的 spans 词必须互不相同，也不能是 none",
                         "each kind's spans word must differ from the others' and from none"),
    "pack.one_top_unit": ("单位树只能有一个顶层单位，而不是 {count} 个", "the tree has one top unit, not {count}"),
    "pack.duplicate_unit": ("单位「{unit}」重复", "duplicate unit '{unit}'"),
    "pack.unknown_unit_kind": ("没有这个单位类型：「{kind}」（单位树的类型：{kinds}）",
                               "unknown unit kind '{kind}' (the tree's kinds: {kinds})"),
    "pack.kind_under": ("{kind} 不能隶属于 {parent}：类型自上而下排列，unit_kinds 中最低的在前",
                        "a {kind} cannot sit under a {parent}: kinds go down the tree, lowest first in unit_kinds"),
    "pack.town_is_district": ("镇街编号「{town}」与区县编号相同", "town id '{town}' is the district's id"),
    "pack.level_lower_unit": ("层级 {level} 由比下一层级更低的单位类型承担",
                              "level {level} is handled by a lower kind of unit than the level below it"),
    "pack.body_reserved": ("议事机构编号「{id}」重复或为保留字", "duplicate or reserved body id '{id}'"),
    "pack.body_unit_kind": ("单位「{unit}」是 {kind}，但层级 {level} 属于 {level_kind}",
                            "unit '{unit}' is a {kind}, but level {level} is a {level_kind}'s"),
    "pack.duplicate_list": ("清单「{id}」重复", "duplicate list '{id}'"),
    "pack.no_list_keeper": ("没有议事机构管理清单：请给一个议事机构写 lists", "no body keeps a list: give one body lists"),
    "pack.unknown_list": ("{body} 没有这个清单：「{value}」", "unknown list of {body} '{value}'"),
    "pack.body_no_list": ("议事机构 {body} 不管理清单", "body {body} keeps no list"),
    "pack.unit_has_no_body": ("单位「{unit}」没有 {body}（其单位：{units}…）", "unit '{unit}' has no {body} (its units: {units}…)"),
    "pack.which_unit": ("请写明是哪个单位的 {body} 审定的（unit:）：共有 {count} 个",
                        "say which unit's {body} approved it (unit:): there are {count}"),
    "pack.no_temporary_body": ("{unit} 没有可作临时纳入决定的议事机构（bodies.yaml 的 temporary）",
                               "no body of {unit} gives temporary inclusions (bodies.yaml temporary)"),
    "pack.temporary_unit_gone": (
        "单位「{unit}」已不在单位树（{units}）中，而临时事项 {ref} 有效至 {last}：请把该单位暂时放回单位树，用 {withdraw} "
        "撤回后再撤并；或把这里的 unit 改为承接它的单位，再用 {record} 记录（{history} 的原记录不要改动）",
        "unit '{unit}' is no longer in the unit tree ({units}) but temporary approval {ref} runs until {last}: put the "
        "unit back, withdraw the approval ({withdraw}) and then remove the unit; or change this unit to the one that "
        "took it over and record that with {record} (leave {history}'s entries as they are)"),
    "pack.body_not_at": ("{body} 不设在 {unit}", "{body} does not sit at {unit}"),
    "pack.temporary_too_long": ("为期 {days} 天（{first} 至 {last}，首尾都算），超过最长 {max} 天",
                                "runs {days} days ({first} to {last}, both counted), longer than the maximum of {max}"),
    "pack.fact_repeats": ("事实「{id}」已是{decision}的事实", "fact '{id}' is already a {decision} fact"),
    "pack.flag_repeats": ("标注「{id}」已是{decision}的标注", "flag '{id}' is already a {decision} flag"),
})

PACK_MESSAGES.update({
    # --- terms over time (crossterms) ---
    "pack.approved": ("审定", "approved"),
    "pack.amended": ("修订", "amended"),
    "pack.withdrawn": ("撤销", "withdrawn"),
    "pack.decided_order": ("{change}日期 {date} 早于此前{before}的日期（{before_date}）：修改须按决定的先后记录",
                           "{change} on {date}, before it was {before} ({before_date}): "
                           "changes are recorded in the order they were decided"),
    "pack.effective_order": ("{change}自 {date} 起生效，早于前一次修改的生效日（{before_date}）",
                             "{change} with effect from {date}, before the change it follows takes effect ({before_date})"),
    "pack.end_before_item": ("截止日期（{end}）早于事项开始（{start}）", "end ({end}) is before the item starts ({start})"),
    "pack.withdrawn_before": ("撤销日期（{withdrawn}）早于作出决定的日期（{decided}）",
                              "withdrawn ({withdrawn}) before it was decided ({decided})"),
    "pack.withdrawn_from_alone": ("有 withdrawn_from 却没有 withdrawn_on（撤销决定的日期）",
                                  "withdrawn_from without withdrawn_on (the date of the decision)"),
    # --- fidelity: risk list, screening words, roles' own limits ---
    "pack.role_over_capacity": ("{role} 的自有工作量上限（{limit}）超过网格容量（{capacity}）",
                                "{role}'s own hours limit ({limit}) is above the grid's capacity ({capacity})"),
    "pack.risk_two_homes": ("{code} 已在 {file} 中给出自己的风险等级（{risk}）：只能写在一处",
                            "{code} gives its own risk in {file} ({risk}): one home"),
    "pack.screening_normalise": ("甄别词「{word}」不是甄别时的写法（NFKC 规范化、无空白）：应写作「{written}」",
                                 "screening word '{word}' is not written as screened (NFKC, no blank): write '{written}'"),
    "pack.screening_twice": ("甄别词「{word}」在 {code} 下也列了", "screening word '{word}' is also listed under {code}"),
    "pack.screening_exception_normalise": ("甄别例外「{phrase}」不是甄别时的写法（NFKC 规范化、无空白）：应写作「{written}」",
                                           "screening exception '{phrase}' is not written as screened (NFKC, no blank): "
                                           "write '{written}'"),
    "pack.screening_exception_no_word": ("甄别例外「{phrase}」不含 {code} 的任何甄别词（{words}）：它免不了任何命中",
                                         "screening exception '{phrase}' holds none of {code}'s screening words ({words}): "
                                         "it exempts nothing"),
    "pack.screening_exception_is_word": ("甄别例外「{phrase}」就是 {code} 的甄别词：例外须比它所含的甄别词长"
                                         "（不再查这个词，就从甄别词中删去）",
                                         "screening exception '{phrase}' is {code}'s screening word itself: an exception "
                                         "must be longer than the word it holds (to stop screening for it, remove the word)"),
    "pack.screening_negation_normalise": ("甄别否定词「{negation}」不是甄别时的写法（NFKC 规范化、无空白）：应写作「{written}」",
                                          "screening negation '{negation}' is not written as screened (NFKC, no blank): "
                                          "write '{written}'"),
    "pack.screening_negation_word": ("甄别否定词「{negation}」含 {code} 的甄别词「{word}」：否定词本身就会被当作该词命中",
                                     "screening negation '{negation}' holds the screening word '{word}' of "
                                     "{code}: the negation itself would be found as that word"),
    "pack.screening_unsaying_normalise": ("甄别否定词例外「{phrase}」不是甄别时的写法（NFKC 规范化、无空白）：应写作「{written}」",
                                          "screening negation exception '{phrase}' is not written as screened (NFKC, "
                                          "no blank): write '{written}'"),
    "pack.screening_unsaying_is_negation": ("甄别否定词例外「{phrase}」就是甄别否定词：例外须比它所含的否定词长"
                                            "（不再读作否定，就从甄别否定词中删去）",
                                            "screening negation exception '{phrase}' is a screening negation itself: an "
                                            "exception must be longer than the negation it holds (to stop reading it as "
                                            "a negation, remove it from the negations)"),
    "pack.screening_unsaying_no_negation": ("甄别否定词例外「{phrase}」不含任何甄别否定词（{negations}）：它免不了任何否定",
                                            "screening negation exception '{phrase}' holds none of the screening "
                                            "negations ({negations}): it unsays nothing"),
    # --- assessment.yaml ---
    "pack.revisit_value": ("「{value}」不是回访结果（{values}）", "'{value}' is not a revisit value ({values})"),
    "pack.unknown_indicator": ("没有这个指标：「{id}」（gridrules 能统计：{known}）",
                               "unknown indicator '{id}' (gridrules counts: {known})"),
    "pack.indicator_twice": ("指标「{id}」在 {level} 下列了两次", "indicator '{id}' is listed twice for {level}"),
    "pack.towns_only": ("no_unauthorized_assignment 统计镇街的任务判定：只能用于镇街",
                        "no_unauthorized_assignment counts towns' task decisions: towns only"),
    "pack.indicator_needs": ("指标「{id}」需要「{option}」（一个层级）", "indicator '{id}' needs '{option}' (a level)"),
    "pack.indicator_takes_no": ("指标「{id}」不接受「{option}」", "indicator '{id}' takes no '{option}'"),
})

PACK_MESSAGES.update({
    # --- the published JSON Schemas (jsonschemas) ---
    "pack.unknown_key": ("没有这个键：「{name}」", "unknown key '{name}'"),
    "pack.unknown_operator": ("没有这个运算符：「{name}」，可用的有 {operators}",
                              "unknown operator '{name}'; the operators are {operators}"),
    "pack.missing_key": ("缺少必填的键「{name}」", "missing required key '{name}'"),
    "pack.keys_here": ("；这里可写的键有：{keys}", "; the keys written here: {keys}"),
    "pack.expected_type": ("应为{words}，实为{kind} {value}", "expected {words}, got {kind} {value}"),
    # what to write where a mapping belongs (jsonschemas._written_instead): its keys, and their names in Chinese
    "pack.mapping_form": ("：写成 {form}{names}", ": write {form}{names}"),
    "pack.mapping_one_of": ("：写成 {forms}或 {last}{names}，只写其中一个", ": write one of {forms} or {last}{names}"),
    "pack.mapping_names": ("（即{names}）", " ({names})"),  # the keys' names in Chinese (none in English)
    "pack.list_form": ("：写成 [{items}]", ": write [{items}]"),
    # towns: chengguan, where all or a list of towns belongs
    "pack.word_or_list": ("应为 {words} 或列表（只有一项也写成列表），实为文字 {value}",
                          "expected {words} or a list (of one item too), got text {value}"),
    "pack.pattern": ("{value} 格式不对（应符合 {pattern}）", "{value} is not in the expected form (pattern {pattern})"),
    "pack.pattern_form": ("{value} 格式不对：{form}", "{value} is not in the expected form: {form}"),
    "pack.date_written_iso": ("；应写作 {iso}", "; write it as {iso}"),
    "pack.text_empty": ("不能为空（至少要 1 个字符）", "must not be empty (at least 1 character)"),
    "pack.text_short": ("至少要 {n} 个字符（现有 {count} 个）", "needs at least {n} characters (this has {count})"),
    "pack.text_long": ("最多 {n} 个字符（现有 {count} 个）", "at most {n} characters (this has {count})"),
    "pack.too_many": ("最多 {n} 项（现有 {count} 项）", "at most {n} entries (this has {count})"),
    "pack.key_problem": ("键「{name}」：{problem}", "key '{name}': {problem}"),
    "pack.not_allowed": ("{value} 不能用在这里", "{value} is not allowed here"),
    "pack.not_one_of": ("{value} 不是可选值之一：{options}", "{value} is not one of {options}"),
    "pack.not_empty": ("不能为空", "must not be empty"),
    "pack.at_least": ("至少要 {n} 项", "needs at least {n} entries"),
    "pack.out_of_range": ("{value} 超出范围（{bound} {limit}）", "{value} is out of range ({bound} {limit})"),
    "pack.keys_allowed": ("{where}：只能给出格式允许的键（{bound} {limit}）",
                          "{where}: give exactly the keys the schema allows ({bound} {limit})"),
    "pack.value": ("值", "value"),
    "pack.schema_other": ("不符合格式：{message}", "{message}"),
    "words.or": ("、", " or "),
    "type.string": ("文字", "text"),
    "type.integer": ("整数", "a whole number"),
    "type.number": ("数字", "a number"),
    "type.boolean": ("true 或 false", "true or false"),
    "type.boolean_got": ("true/false", "true/false"),
    "type.array": ("列表", "a list"),
    "type.object": ("“键: 值”的映射", "a mapping"),
    "type.null": ("空值", "nothing"),
    "bound.minimum": ("最小", "minimum"),
    "bound.maximum": ("最大", "maximum"),
    "bound.exclusiveMinimum": ("须大于", "exclusiveMinimum"),
    "bound.exclusiveMaximum": ("须小于", "exclusiveMaximum"),
    "bound.minProperties": ("至少键数", "minProperties"),
    "bound.maxProperties": ("至多键数", "maxProperties"),
})

PACK_MESSAGES.update({
    # --- strict YAML and JSON (yamlsrc, yamlevents, catalogue.syntax) ---
    "yaml.syntax": ("YAML 语法错误：{what}", "YAML syntax: {what}"),
    "yaml.full_width_colon": ("这里的冒号是全角的“：”：请改成半角的 \":\"，后面加一个空格（如 start: 2026-12-01）",
                              "this colon is the full-width '：': write ':' followed by a space (start: 2026-12-01)"),
    "yaml.full_width_space": ("这里有一个全角空格“　”（中文输入法打出的）：请改成半角空格",
                              "this is a full-width space '　' (typed by a Chinese input method): write a plain space"),
    "yaml.tab": ("这里有一个 Tab（制表符）：YAML 的缩进和分隔只能用空格，请把它换成空格",
                 "a tab here: YAML indents and separates with spaces only; replace it with spaces"),
    "yaml.full_width_indent": ("这一行用全角空格“　”缩进（中文输入法打出的）：缩进要用半角空格",
                               "this line is indented with full-width spaces '　' (typed by a Chinese input method): "
                               "indent with plain spaces"),
    "yaml.full_width_comma": ("这里的逗号是全角的“，”：括号中的各项要用半角的 \",\" 隔开，后面加一个空格（如 from: 2026-03-01, to: 2026-12-31）",
                              "this comma is the full-width '，': entries in brackets are separated by ',' followed by a "
                              "space (from: 2026-03-01, to: 2026-12-31)"),
    "yaml.unbraced": ("一行里写了几个“键: 值”：要放在花括号里，写成 {written}；或者每个键各写一行",
                      "several 'key: value' on one line go in braces, {written}, or one key a line"),
    "yaml.no_colon": ("这一行缺少冒号：应写成“字段: 值”", "this line has no colon: write 'field: value'"),
    "yaml.colon_space": ("冒号后面要加一个空格（如 department: 民政局）",
                         "a space is needed after the colon (department: minzheng)"),
    "yaml.indented_more": ("第 {line} 行比第 {other} 行的{name}多缩进了 {n} 格：同一级的字段要左端对齐（删去 {n} 个空格）",
                           "line {line} is indented {n} space(s) more than {name} on line {other}: fields of one level "
                           "line up (remove {n} spaces)"),
    "yaml.indented_less": ("第 {line} 行比第 {other} 行的{name}少缩进了 {n} 格：同一级的字段要左端对齐（补上 {n} 个空格）",
                           "line {line} is indented {n} space(s) less than {name} on line {other}: fields of one level "
                           "line up (add {n} spaces)"),
    "yaml.indent_key": ("键「{name}」", "the key '{name}'"),
    "yaml.continued_deeper": ("第 {line} 行被读作第 {other} 行的续行，两行合成了一个值「{value}」：它多半本应是与第 {other} 行同级的"
                              "{what}，请与之左端对齐（删去 {n} 个空格）；确是多行文字的，请加引号或用“|”",
                              "line {line} is read as a continuation of line {other}, making the one value '{value}': "
                              "it is probably meant as {what} at line {other}'s indent (remove {n} spaces); text over "
                              "several lines is quoted or written with '|'"),
    "yaml.indent_entry": ("列表项“- ”", "the list entry '- '"),
    "yaml.one_document": ("一个文件只能有一个 YAML 文档", "only one YAML document per file is allowed"),
    "yaml.not_yaml": ("不是有效的 YAML", "not valid YAML"),
    "syntax.untranslated": ("解析器报告：{problem}", "{problem}"),
    "yaml.alias": ("不能用别名（*名称）：请把值直接写出来", "aliases (*name) are not allowed: write the value out"),
    "yaml.bad_character": ("不允许的字符 {code}（YAML 文件中不能有控制字符；请删去它，或在带引号的字符串中写成转义，如 \\x01）",
                           "character {code} is not allowed (a YAML file may hold no control characters; remove it, "
                           "or write it as an escape such as \\x01 in a quoted string)"),
    "yaml.too_deep": ("嵌套超过 {depth} 层", "nested more than {depth} levels deep"),
    "yaml.tag": ("不能用标签「{tag}」", "tag '{tag}' is not allowed"),
    "yaml.long_number": ("这个数有 {digits} 位，超过 gridrules 能读的位数（{max}）",
                         "a number of {digits} digits is longer than gridrules reads ({max})"),
    "yaml.half_surrogate": ("\\u 转义只写了代理对的一半，不是一个字符",
                            "a \\u escape of half a surrogate pair is not a character"),
    "yaml.key_not_text": ("映射的键必须是普通文字", "mapping keys must be plain text"),
    "yaml.merge_key": ("不能用合并键（<<）", "merge keys (<<) are not allowed"),
    "yaml.duplicate_key": ("键「{name}」重复（第 {line} 行已有）", "duplicate key '{name}' (first at line {line})"),
    "json.duplicate_key": ("键「{name}」重复", "duplicate key '{name}'"),
    "json.constant": ("{name} 不是 gridrules 接受的数", "{name} is not a number gridrules accepts"),
    "json.invalid": ("第 {col} 列不是有效的 JSON：{error}", "not valid JSON at column {col}: {error}"),
    "json.refused_at": ("第 {col} 列：{error}", "at column {col}: {error}"),  # JSON, but not what gridrules reads
    "pack.cannot_read": ("无法读取文件：{reason}", "cannot read file: {reason}"),
})

PACK_MESSAGES.update({
    # --- what a pack folder may hold (confined) ---
    "entry.link": ("符号链接", "a symbolic link"),
    "entry.fifo": ("命名管道（FIFO）", "a FIFO (named pipe)"),
    "entry.socket": ("套接字", "a socket"),
    "entry.device": ("设备文件", "a device"),
    "entry.other": ("不是普通文件", "not a plain file"),
    "pack.plain_files_links": ("{kind}：规则包只能含普通文件，gridrules 从不跟随链接到包外",
                               "{kind}: a rule pack holds plain files only, and gridrules never follows links out of it"),
    "pack.plain_files": ("{kind}：规则包只能含普通文件", "{kind}: a rule pack holds plain files only"),
    "pack.plain_folders": ("{kind}：规则包只能含普通文件夹，gridrules 从不跟随链接到包外",
                           "{kind}: a rule pack holds plain folders only, and gridrules never follows links out of it"),
    "pack.unsafe_read": ("无法安全读取（{reason}）：是链接或特殊文件",
                         "cannot be read safely ({reason}): a link or a special file"),
    "pack.too_big": ("文件有 {size} 字节；规则包文件最多 {limit} 字节",
                     "the file is {size} bytes; a pack file may hold at most {limit} bytes"),
    "pack.grew": ("读取时文件增长超过了 {limit} 字节", "the file grew past {limit} bytes while it was read"),
})

PACK_MESSAGES.update({
    # --- the journal of an interrupted change (journal) ---
    "journal.not_folder": ("{folder} 不是普通文件夹（是链接？）：请手工删除", "{folder} is not a plain folder (a link?): remove it by hand"),
    "journal.not_json": ("不是 gridrules 写的修改日志（不是 JSON）：请手工删除该文件夹",
                         "not a journal gridrules wrote (not JSON): remove the folder by hand"),
    "journal.no_files": ("不是 gridrules 写的修改日志（没有文件列表）：请手工删除该文件夹",
                         "not a journal gridrules wrote (no list of files): remove the folder by hand"),
    "journal.bad_entry": ("第 {n} 个文件：不是 gridrules 写的条目（path、backup、after）",
                          "file {n}: not an entry gridrules writes (path, backup, after)"),
    "journal.not_pack_file": ("第 {n} 个文件：「{path}」不是本规则包的文件；什么也没有读写",
                              "file {n}: '{path}' is not a file of this pack; nothing was read or written"),
    "journal.bad_backup": ("第 {n} 个文件：备份「{backup}」不是日志文件夹中的文件",
                           "file {n}: backup '{backup}' is not a file of the journal folder"),
    "journal.bad_after": ("第 {n} 个文件：「after」必须是新内容的 sha256", "file {n}: 'after' must be the sha256 of the new contents"),
    "journal.edited": (
        "对这个规则包的一次修改被中断，之后 {files} 又被手工改动：gridrules 既不撤销那次修改（会丢掉手工改动），"
        "也不隐藏手工改动。旧内容保存在 {folder}/（N.bak，顺序同 journal.json）：请把每个文件改成应有的样子，"
        "然后手工删除 {folder}/",
        "a change to this pack was interrupted, and {files} changed by hand since: gridrules will neither undo the "
        "change (that would drop the edits) nor hide the edits. The old contents are saved in {folder}/ (N.bak, in "
        "the order of journal.json): put every file as it should be, then remove {folder}/ by hand"),
    "journal.kept_changing": ("读取时规则包一直在变；请再试一次", "the pack kept changing while it was being read; try again"),
})

PACK_MESSAGES.update({
    # --- the history's hash chain (chain): files changed outside the workflow ---
    "drift.changed": ("{file}: 内容被改动", "{file}: changed"),
    "drift.added": ("{file}: 新增", "{file}: added"),
    "drift.removed": ("{file}: 被删除", "{file}: removed"),
    "drift.line": ("{line}（未经流程，与 history.yaml 的记录不符）",
                   "{line} outside the workflow (history.yaml records other contents)"),
    "drift.refused": (
        "{root}：有文件未经流程被改动（{drift}）：history.yaml 没有记录这些改动，因此什么也没有写入。{hint}",
        "{root}: files changed outside the workflow ({drift}): history.yaml does not record them, so nothing was "
        "written. {hint}"),
    # the way forward from files changed outside the workflow (validate, lint, the warning of a decision, a refused write)
    "drift.hint": (
        "有意的手工修改用 `gridrules history record --reason …` 记录；否则请把文件改回"
        "（`gridrules history verify` 核对全部历史）",
        "a deliberate edit is recorded with `gridrules history record --reason …`; otherwise put the files back "
        "(`gridrules history verify` checks the whole history)"),
    # ... and from an edited history entry: no record can make it right
    "chain.hint": (
        "变更记录不能再记一笔来补救：请从备份或发布的版本恢复 history.yaml"
        "（`gridrules history verify` 列出问题，`--head` 对照公布的链首哈希）",
        "no new entry can make it right: restore history.yaml from a backup or the published pack "
        "(`gridrules history verify` lists the problems, `--head` checks a published head)"),
    "chain.no_genesis": ("history.yaml 没有创始记录（genesis）：无法核对规则包的历史"
                         "（用 `gridrules history record --reason …` 按现状记录规则包）",
                         "history.yaml has no genesis entry: the pack's history cannot be checked "
                         "(record the pack as it is with `gridrules history record --reason …`)"),
    "chain.genesis_digest": ("创始记录（genesis）：其内容摘要与其文件哈希算出的不一致",
                             "genesis: its content digest is not the one its files' hashes make"),
    "chain.where": ("第 {seq} 次修改（{action} {target}）", "change {seq} ({action} {target})"),
    "chain.previous": ("{where}：前一条记录不是它写入时所接的那条（更早的记录被改动、删除或插入）",
                       "{where}: the entry before it is not the one it was written after "
                       "(an earlier entry was changed, removed or inserted)"),
    "chain.before": ("{where}：它所修改的规则包不是前一条记录留下的规则包",
                     "{where}: the pack it changed is not the one the entry before it left"),
    "chain.after": ("{where}：其文件哈希算不出它记录的内容摘要",
                    "{where}: its files' hashes do not make the content digest it records"),
    "chain.genesis": ("创始记录（genesis）", "genesis"),
    "chain.hash": ("{where}：写入后被改动（其内容与它自己的哈希 hash 不符）",
                   "{where}: changed after it was written (its contents do not make its own hash)"),
    "chain.hash_missing": ("{where}：缺少它自己的哈希 hash（此前的记录都带有：被删去了）",
                           "{where}: its own hash is missing (the entries before it carry theirs: it was removed)"),
    "chain.head_unknown": ("发布的链首哈希 {head} 不是这份变更记录中任何一条记录的哈希："
                           "发布之后变更记录被改写（或者这不是发布它的那个规则包）",
                           "the published head {head} is the hash of no entry of this history: the history was "
                           "rewritten since it was published (or this is not the pack that published it)"),
    "chain.refused": ("{root}/history.yaml 的变更记录核验未通过（{problems}）：再追加一条记录会把被改动的记录接进链里，"
                      "因此什么也没有写入。请从备份或发布的版本恢复 history.yaml（`gridrules history verify` 列出问题）",
                      "{root}/history.yaml does not verify ({problems}): a new entry would chain the edited one in, "
                      "so nothing was written. Restore history.yaml from a backup or the published pack "
                      "(`gridrules history verify` lists the problems)"),
    "drift.history": ("history.yaml: {problem}", "history.yaml: {problem}"),
})

PACK_MESSAGES.update({
    # --- reading a pack folder (loader) ---
    "pack.not_a_folder": ("不是存放规则包的文件夹", "not a folder holding a rule pack"),
    "pack.missing_file": ("缺少文件 {file}", "missing file {file}"),
    "pack.unknown_file": ("规则包里没有这种文件", "not a file a rule pack has"),
    "pack.empty_file": ("文件是空的", "the file is empty"),
})

PACK_MESSAGES.update({
    # --- the models' own checks (pack/model/*) and placeholders ---
    "placeholder.braces": ("花括号不成对：{error}", "{error}"),
    "placeholder.not_plain": ("「{{{name}}}」不是简单的占位符", "'{{{name}}}' is not a plain placeholder"),
    "pack.text_may_use": ("（这段文字可用：{names}）", " (this text may use: {names})"),
    "pack.not_free_text": ("{name} 不是自由文字字段：应为 {fields} 之一", "{name} is not a free-text field: one of {fields}"),
    "pack.listed_twice": ("{name} 列了两次", "{name} is listed twice"),
    "pack.drop_or_hash": ("请写明决策日志对 {fields} 是舍弃（drop）还是取哈希（hash）",
                          "say whether the log drops or hashes {fields}"),
    "pack.blocking_outcome": ("阻断性审查意见须给出结果（reject 或 incomplete）",
                              "a blocking finding needs an outcome (reject or incomplete)"),
    "pack.advisory_outcome": ("提示性审查意见不给结果（outcome）", "an advisory finding has no outcome"),
    "pack.activity_or_finding": ("只能给 activity（连同 activity_name）或 finding（连同 name）之一",
                                 "give either activity (with activity_name) or finding (with name)"),
    "pack.needs_activity_name": ("活动条目须有 activity_name", "an activity entry needs activity_name"),
    "pack.needs_name": ("审查意见条目须有 name", "a finding entry needs name"),
    "pack.units_both_forms": ("单位只能用一种写法：树形（unit_kinds、units）或旧写法（district、towns、town_handler_name），不能两种都写",
                              "write either the tree (unit_kinds, units) or district, towns and town_handler_name, not both"),
    "pack.units_tree_needs": ("树形写法需要同时给出 unit_kinds 和 units", "the tree form needs both unit_kinds and units"),
    "pack.units_neither": ("请给出 unit_kinds 和 units（或旧写法的 district、towns、town_handler_name）",
                           "give unit_kinds and units (or the old district, towns and town_handler_name)"),
    "pack.same_label": ("「{name}」对任务和事件是同一个事实：两处的名称须相同",
                        "'{name}' is the same fact for tasks and events: give it the same label in both"),
    "pack.enum_values": ("枚举型（enum）事实须列出取值（且只有枚举型事实列取值）",
                         "an enum fact lists its values (and only an enum fact does)"),
    "history.ledger_source": ("台账导入须给出 source（且只有台账导入给 source）",
                              "a ledger import gives source (and only a ledger import does)"),
    "history.ledger_only_source": ("台账导入只给 source（不给会议届次、单位或文号）",
                                   "a ledger import gives source (and no session, unit or reference)"),
    "history.department": ("部门的记录须给出 department（且只有部门的记录给 department）",
                           "a department's record gives department (and only a department's does)"),
    "history.department_only": ("部门的记录只给 department（不给会议届次、单位或文号）",
                                "a department's record gives department (and no session, unit or reference)"),
    "history.session_or_reference": ("议事机构的决定须给出会议届次或文号（二者之一）",
                                     "a body's decision gives its session or its reference (one of them)"),
    "history.unit_or_town": ("只写 unit（town 是它的旧名），不能两个都写", "give unit (town is its older name), not both"),
    "history.names_decision": ("除记录下来的手工修改外，每次修改都须写明依据的决定",
                               "every change but a recorded hand edit names its decision"),
    "history.gives_reason": ("记录手工修改须给出理由", "a recorded hand edit gives its reason"),
})

PACK_MESSAGES.update({
    # --- gridrules lint's text report (the findings speak the pack's Chinese) ---
    "lint.heading": ("gridrules lint：{name} {version}（{root}），判定日 {on}", "gridrules lint: {name} {version} ({root}), judged on {on}"),
    "lint.not_loaded": ("gridrules lint：规则包无法加载（{root}），{count} 个问题",
                        "gridrules lint: the pack does not load ({root}), {count} problem(s)"),
    "lint.file": ("{file}（{counts}）", "{file} ({counts})"),
    "lint.see": ("参见{what}：{where}", "see {what}: {where}"),
    "lint.total": ("合计：{summary}", "total: {summary}"),
    "lint.nothing": ("合计：没有发现问题", "total: nothing found"),
    "lint.hidden": ("另有 {n} 条按 --min-severity / --ignore 未列出", "{n} more left out by --min-severity / --ignore"),
    "lint.sep": ("，", ", "),
    "lint.count.error": ("{n} 个错误", "{n} error(s)"),
    "lint.count.warning": ("{n} 个警告", "{n} warning(s)"),
    "lint.count.info": ("{n} 条提示", "{n} info"),
    "lint.severity.error": ("错误", "error"),
    "lint.severity.warning": ("警告", "warning"),
    "lint.severity.info": ("提示", "info"),
})

# what the rule engine cannot hold (engine/capacity.py, engine/oversize.py)
PACK_MESSAGES.update({
    "engine.or_paths": ("条件可经 {paths} 条分支（$or 路径）匹配；规则引擎每条规则最多接受 {limit} 条：请拆分这条规则",
                        "the condition can match through {paths} alternatives ($or paths); the engine takes at most "
                        "{limit} per rule: split the rule"),
    "engine.tests": ("条件含 {tests} 个不同的判断（in: 列表每个值算一个）；规则引擎每条规则最多接受 {limit} 个：请拆分这条规则",
                     "the condition makes {tests} distinct tests (an in: list counts one per value); the engine "
                     "takes at most {limit} per rule: split the rule"),
    "engine.joiners": ("条件（或其 any 的一个分支）共用了 {count} 处 all/any（not: 已下推，in:、includes 等列表判断计入）；"
                       "规则引擎每条规则最多接受 {limit} 处：请把它拆成几条规则或展平",
                       "the condition (or one branch of its any) joins tests with all/any {count} times (not: pushed "
                       "down, in:, includes and other list tests included); the engine takes at most {limit} per rule: "
                       "split it into rules or flatten it"),
    "engine.generated_rule": ("{rule}：{problem}（由这一条目生成的规则）", "{rule}: {problem} (a rule made from this entry)"),
})
