"""The tables' own wording: column headers as a district prints them, and messages.

District values (names, codes, thresholds) come from the pack; these are the
tool's generic words, kept together here.
"""

from __future__ import annotations

# --- the published lists -----------------------------------------------------------------

ITEMS = ("编号", "事项名称", "职责", "责任部门", "工作内容", "频次", "工作量", "补贴", "培训", "审定", "有效期", "活动")
TEMPORARY = ("批复编号", "单位", "决定日期", "工作内容", "活动", "开始", "结束", "工作量", "撤销日期", "备注")
NEGATIVE = ("编号", "事项", "禁止内容", "依据")
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
IN_FORCE = "（{on} 在用）"
LIST_SEP = "、"
OPEN_END = "长期"
UNTIL = "至"
TRAINING = "{owner}：{plan}"

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

# --- messages ------------------------------------------------------------------------------

NONE = "无"
NO_FILE = "文件不存在"
UNKNOWN_FORMAT = "不认识的文件类型 '{suffix}'：请用 .xlsx 或 .csv"
NOT_TEXT = "无法读成文本（请存为 UTF-8 或 GBK 编码的 csv）"
NOT_XLSX = "不是可读的 xlsx 文件（{error}）"
NO_SHEET = "没有工作表 '{sheet}'（有：{sheets}）"
MISSING_HEADERS = "表头缺少 {headers}（找到的表头：{found}）"
REQUIRED = "必填，不能为空"
NOT_COUNT = "'{value}' 不是非负整数"
NOT_NUMBER = "'{value}' 不是数字"
NOT_DATE = "'{value}' 不是日期（写作 YYYY-MM-DD）"
BAD_CODE = "网格编码 '{value}' 只能由小写字母、数字、- 和 _ 组成，且以字母或数字开头"
UNKNOWN_TOWN = "不认识的镇街 '{value}'"
UNKNOWN_KIND = "不认识的网格类型 '{value}'（可用：{kinds}）"
UNKNOWN_PARENT = "上级网格 '{value}' 不在本表，也不在登记表中"
OWN_PARENT = "上级网格不能是网格自身"
DUPLICATE_CODE = "网格编码 '{value}' 重复（第 {first} 行已用）"
DUPLICATE_ID = "村(社区)编码 '{value}' 已属于 {other}"
COMMUNITY_ID_TWO_NAMES = "村(社区)编码 '{value}' 在本表中对应两个名称（{first}、{other}）"
COMMUNITY_AMBIGUOUS = "镇街中有多个名为 '{value}' 的村(社区)（{ids}）：请写村(社区)编码"
BAD_COMMUNITY_ID = "村(社区)编码 '{value}' 只能由小写字母、数字、- 和 _ 组成"
NO_PINYIN = "无法从 '{value}' 得出编码：请在「村(社区)编码」列写出"
UNKNOWN_DEPARTMENT = "不认识的部门 '{value}'"
UNKNOWN_ACTIVITY = "不认识的活动 '{value}'"
UNKNOWN_DUTY = "不认识的职责 '{value}'"
UNKNOWN_ITEM = "清单中没有事项 '{value}'"
NOT_AMENDABLE = ("清单事项 {code} 的「{header}」不能修订（可修订：工作量、补贴、活动、责任部门、频次、有效期的结束日、培训）；"
                 "要改请撤销后另行申请，或删去此格")
REFUSED = "表格有不合格之处，未写入任何内容"
