"""The spreadsheet readers' refusals and notices (tables/): what is wrong with a cell, a
header or a sheet, and what to do about it.  Keys ``sheet.*`` (the older ones are in
catalogue/running.py)."""

from __future__ import annotations

SHEETS: dict[str, tuple[str, str]] = {
    "sheet.not_date": ("'{value}' 不是日期（写作 2027-03-01、2027-3-1 或 2027年3月1日）",
                       "'{value}' is not a date (write 2027-03-01, 2027-3-1 or 2027年3月1日)"),
    "sheet.not_validity": ("'{value}' 不是有效期：写作“开始日期 至 结束日期”（或“开始日期 至 长期”），日期如 2027-03-01、2027-3-1 或 2027年3月1日",
                           "'{value}' is not a validity: write 'START 至 END' (or 'START 至 长期'), a day as 2027-03-01, 2027-3-1 or 2027年3月1日"),
    "sheet.validity_backwards": ("'{value}' 的结束日期早于开始日期", "'{value}' ends before it starts"),
    "sheet.ambiguous_name": ("'{value}' 中的空格分不清是隔开两个人还是名字里的空格：几个人请用“、”隔开，一个人请去掉名字中的空格",
                             "'{value}': the space may separate two people or be part of a name: separate people with 、 "
                             "and write a name without spaces"),
    "sheet.unknown_header": ("不认识的表头「{header}」：这一列不会被读取；请改为认识的表头之一（{known}），或删去这一列",
                             "unknown header '{header}': the column would not be read; rename it to one of the known headers "
                             "({known}) or delete the column"),
    "sheet.header_twice": ("表头「{header}」重复（{col} 列已有）：请删去或改名其中一列",
                           "the header '{header}' is given twice (column {col} has it already): delete or rename one"),
}
