"""The tables' own wording: column headers as a district prints them, and messages.

District values (names, codes, thresholds) come from the pack; these are the
tool's generic words, kept together here.
"""

from __future__ import annotations

# --- the published lists -----------------------------------------------------------------

ITEMS = ("编号", "事项名称", "职责", "责任部门", "工作内容", "频次", "工作量", "补贴", "培训", "审定", "有效期", "活动",
         "风险", "依据", "培训计划", "类别")
# 风险: the name of the item's risk level (risk.yaml); 培训: the training's department, 培训计划 its plan; 依据: the
# department's legal basis; 类别: the item's categories -- what an application states, so that a row filled like an
# exported one is a whole application
TEMPORARY = ("批复编号", "单位", "决定日期", "工作内容", "活动", "开始", "结束", "工作量", "撤销日期", "备注")
NEGATIVE = ("编号", "事项", "禁止内容", "依据", "甄别词", "甄别例外")
DUTIES = ("编号", "类别", "职责")
TYPES = ("编号", "事件类型", "类别", "处置层级", "等级", "责任部门")
TITLES = {  # also the titles of ``gridrules show``
    "items": "网格化服务管理工作清单（准入清单）",
    "temporary": "临时事项批复",
    "duties": "网格员职责（责任清单）",
    "negative": "负面清单",
    "roles": "网格角色权限（权力清单）",
    "events": "事件分类",
    "registry": "村(社区)与网格登记表",
}
# an approved item not yet in effect is listed: its 有效期 says from when; the changes the pack had
# recorded when the table was made, so that one recorded after it is not read as the clerk's edit.
# What is listed is said by the items' status words (catalogue status.in_force, status.pending)
IN_FORCE = "（截至 {on}：有效及待生效；已记变更 {seq} 条）"
IN_FORCE_BEFORE = ("（截至 {on}：在用及已批准待生效；已记变更 {seq} 条）",)  # titles of tables published before: read too
LIST_SEP = "、"
# an amendment in 审定 (not read on import), with the day it takes effect: the row's terms are those for work
# starting on the list's day, so an amendment in force later is said to be, not taken for the terms shown
AMENDED_FROM = "{decision}修订，{effective} 起施行"
OPEN_END = "长期"
OPEN_ENDS = (OPEN_END, "长期有效")  # read as no end
UNTIL = "至"
# read between a validity's two days (～ reads as ~): the words and the dashes people type (——, —, –; not the
# hyphen, which is inside a day's 2027-03-01)
UNTIL_WORDS = (UNTIL, "到", "~", "——", "—", "–")
TRAINING_SEP = "："  # an older table's 培训 cell: 部门：计划 (read, no longer written)

# --- the registry table ------------------------------------------------------------------

TOWN = "镇街"
COMMUNITY = "村(社区)"
COMMUNITY_ID = "村(社区)编码"
GRID_NAME = "网格名称"
GRID_CODE = "网格编码"
GRID_KIND = "网格类型"
HOUSEHOLDS = "户数"
PARENT = "上级网格"
REGISTRY_REQUIRED = (TOWN, COMMUNITY, GRID_NAME, GRID_CODE)
REGISTRY_OPTIONAL = (GRID_KIND, HOUSEHOLDS, PARENT, COMMUNITY_ID)  # then the staffing columns of the pack
# a change's field as import registry shows it: by the column that holds it (a grid's staff: its roles' columns)
GRID_FIELD_WORDS = {"name": GRID_NAME, "kind": GRID_KIND, "households": HOUSEHOLDS, "parent": PARENT,
                    "community": COMMUNITY}
COMMUNITY_FIELD_WORDS = {"name": COMMUNITY, "town": TOWN}
# an amended field as import items shows it: by the items table's column
AMENDED_WORDS = {"hours_per_month": "工作量", "subsidy": "补贴", "activities": "活动", "owners": "责任部门",
                 "frequency": "频次", "end": "有效期（结束日）", "training_owner": "培训", "training_plan": "培训计划"}

# --- any table ---------------------------------------------------------------------------

# the registry's columns a clerk may write once over the rows they group (a town merged down its communities' rows)
MERGED_DOWN = (TOWN, COMMUNITY, COMMUNITY_ID)
# what a total row (合计, 小计 …, spaced or not) writes in one of its cells: a sum over the rows, never a record
TOTALS = ("合计", "小计", "总计", "共计")
# a number column's unit, written after its header in brackets (工作量（小时/网格/月）) so that a clerk knows what number
# to type: the application field whose name in the pack says it (admission/policy.yaml's application_fields:
# 工作量（小时/网格/月）), or the unit itself where no field of the pack names one
UNIT_FIELDS = {"工作量": "hours_per_month", "补贴": "subsidy"}
UNITS_OF = {HOUSEHOLDS: "户"}
IGNORED = ("序号", "备注")  # columns a table may have that are not read (every other unknown header is refused)
UNITS = ("户", "人", "名", "个", "次", "小时", "小时/月", "小时/网格/月", "元", "元/月", "元/网格", "元/网格/月")  # 户数（户） is 户数; the review says 小时/网格/月

# --- messages: the catalogue's ``sheet.*`` keys (gridrules/catalogue/running.py) --------------------
