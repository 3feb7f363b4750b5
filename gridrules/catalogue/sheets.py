"""The spreadsheet readers' refusals and notices (tables/): what is wrong with a cell, a
header or a sheet, and what to do about it.  Keys ``sheet.*`` (the older ones are in
catalogue/running.py)."""

from __future__ import annotations

SHEETS: dict[str, tuple[str, str]] = {
    "sheet.not_date": ("「{value}」不是日期（写作 2027-03-01、2027-3-1 或 2027年3月1日）",
                       "'{value}' is not a date (write 2027-03-01, 2027-3-1 or 2027年3月1日)"),
    "sheet.not_validity": ("「{value}」不是有效期：写作“开始日期 至 结束日期”（或“开始日期 至 长期”），日期如 2027-03-01、2027-3-1 或 2027年3月1日",
                           "'{value}' is not a validity: write 'START 至 END' (or 'START 至 长期'), a day as 2027-03-01, 2027-3-1 or 2027年3月1日"),
    "sheet.validity_day_alone": ("只写了一个日期，读作有效期的开始日 {day}；清单事项 {code} 的开始日 {listed} 不能修订。要改结束日期，"
                                 "写作“{listed} 至 {day}”（或“{listed} 至 长期”）",
                                 "a day alone reads as the validity's start, {day}; item {code}'s start {listed} cannot be "
                                 "amended. To change its end, write '{listed} 至 {day}' (or '{listed} 至 长期')"),
    "sheet.validity_backwards": ("「{value}」的结束日期早于开始日期", "'{value}' ends before it starts"),
    "sheet.ambiguous_name": ("「{value}」中的空格分不清是隔开两个人还是名字里的空格：几个人请用“、”隔开，一个人请去掉名字中的空格",
                             "'{value}': the space may separate two people or be part of a name: separate people with 、 "
                             "and write a name without spaces"),
    "sheet.unknown_header": ("不认识的表头「{header}」：这一列不会被读取；请改为认识的表头之一（{known}），或删去这一列",
                             "unknown header '{header}': the column would not be read; rename it to one of the known headers "
                             "({known}) or delete the column"),
    "sheet.header_twice": ("表头「{header}」重复（{col} 列已有）：请删去或改名其中一列",
                           "the header '{header}' is given twice (column {col} has it already): delete or rename one"),
    "sheet.formula_unsaved": ("公式没有保存计算结果（保存这个文件的程序没有计算公式）：请在 Excel 或 WPS 中打开、保存后再导入，"
                              "或把公式换成数值",
                              "a formula without its result saved (the program that saved the file did not calculate it): "
                              "open and save the file in Excel or WPS, or write the value instead"),
    "sheet.formula_error": ("公式出错：{code}（请在 Excel 中改正这个单元格的公式或数值）",
                            "the formula gives an error: {code} (correct the cell's formula or value in Excel)"),
    "sheet.hidden_rows": ("第 {rows} 行是隐藏的（或被筛选隐藏）：隐藏的行也会被导入，表中却看不到它们；请取消隐藏（或取消筛选）核对后再导入，不要的行请删去",
                          "rows {rows} are hidden (or filtered out): hidden rows would be imported though the table does not "
                          "show them; unhide them (or clear the filter) and check them, delete the rows not wanted"),
    "sheet.and_more": (" 等共 {count} 行", " and more ({count} in all)"),
    "sheet.merged_cells": ("{cells} 是合并的单元格：合并只留下第一格的值，其余各格也会读作这个值；请取消合并，每行每列各写一格",
                           "{cells} are merged cells: the merge keeps the first cell's value only, and every other cell "
                           "would read it too; unmerge them and write each cell of each row"),
    "sheet.hidden_column": ("「{header}」列是隐藏的：隐藏的列也会被导入，表中却看不到它；请取消隐藏核对后再导入",
                            "the column '{header}' is hidden: it would be imported though the table does not show it; "
                            "unhide it and check it"),
    "sheet.hidden_sheet": ("第一个工作表「{sheet}」是隐藏的：请用 --sheet 指明要导入的工作表（有：{sheets}）",
                           "the first sheet '{sheet}' is hidden: name the sheet to import with --sheet (there are: {sheets})"),
    "sheet.headers_on_sheet": ("；表头在工作表「{sheet}」：请加 --sheet {option} 导入它",
                               "; the headers are on sheet '{sheet}': add --sheet {option} to import it"),
    "sheet.unknown_risk": ("不认识的风险等级「{value}」（可用：{levels}）", "unknown risk level '{value}' (levels: {levels})"),
    "sheet.community_on_row": ("{name}（第 {row} 行）", "{name} (row {row})"),
    "sheet.blank_always_written": ("清单事项 {code} 的「{header}」不能留空：清单上总有这一项，导出的表写的是 {value}；不修订就照写 {value}，"
                                   "要修订就写新的值（空白不当作“不变”，也不当作“删去”）",
                                   "list item {code}: {header} cannot be blank: the list always has it, and the "
                                   "exported table writes {value}; to keep it write {value}, to amend it write the new "
                                   "value (a blank is read neither as 'unchanged' nor as 'removed')"),
    "sheet.plan_in_its_column": ("本表有「培训计划」列：「培训」只写培训责任部门，培训计划写在「培训计划」列",
                                 "the table has a 培训计划 column: 培训 names the training's department alone, the plan goes "
                                 "in 培训计划"),
    "sheet.total_row": ("这一行是「{value}」行：汇总行不是一条记录，会被当作一条导入；请删去这一行（或把合计放到另一个工作表）再导入",
                        "this is a '{value}' row: a total is not a record, and would be imported as one; delete the row "
                        "(or put the totals on another sheet) and import again"),
    "sheet.percent_cell": ("单元格设成了百分比格式，显示 {shown}，存的数却是 {value}：这一栏写数值，不写百分数；请把单元格格式改为“常规”"
                           "或“数值”，再写上要的数",
                           "the cell is formatted as a percentage: it shows {shown} but holds {value}; the column takes a "
                           "number, not a percentage: format the cell as General or Number and write the number meant"),
    "sheet.date_serial": ("；{value} 像是 Excel 的日期序号（即 {day}）：日期格的格式被改成了“常规”或“数值”，请把单元格格式改回“日期”，"
                          "或照上面的样子写出日期",
                          "; {value} looks like Excel's number for a day ({day}): the date cell's format was changed to "
                          "General or Number; format it as a date again, or write the day as above"),
    "sheet.date_cell": ("这一格存的是日期或时刻（{value}）：这一栏不写日期。Excel 会把 1-2、3/4 这样的输入自动变成日期，请把单元格格式设为"
                        "“文本”后重新输入",
                        "the cell holds a date or a time ({value}): the column takes no date. Excel turns what is typed as 1-2 or 3/4 "
                        "into a date: format the cell as Text and type it again"),
    "sheet.number_grouping": ("「{value}」中的逗号不是千位分隔符（千位分隔符每三位一个，如 1,320），看不出是哪个数：请不加逗号写出要的数，"
                              "如 {choices}",
                              "'{value}': its comma is no thousands separator (one every three digits, as in 1,320), so "
                              "which number is meant is not clear: write it without commas, such as {choices}"),
    "sheet.write_number": ("：请只写数字，如 6 或 4.5（单位见表头，不写在格里）",
                           ": write digits only, such as 6 or 4.5 (the unit is the header's, not the cell's)"),
    "sheet.person_is_number": ("「{value}」是数字，不是姓名：这一栏写人员的姓名（几个人用“、”隔开）；电话、工号等请写在「备注」列",
                               "'{value}' is a number, not a name: the column takes people's names (separated by 、); "
                               "write a phone number or a staff number in 备注"),
    "sheet.name_is_number": ("「{value}」是数字，不是名称：这一栏写名称；编码请写在「{code}」列",
                             "'{value}' is a number, not a name: the column takes a name; write a code in {code}"),
    "sheet.code_scientific": ("「{value}」是 Excel 把长数字显示成的科学计数法，保存时编码的后几位已经丢了：请把这一列的单元格格式设为“文本”，"
                              "重新输入完整的编码（或改用导出的 xlsx 文件）",
                              "'{value}' is a long number as Excel shows it in scientific notation, and the code's last "
                              "digits were lost when saved: format the column as Text and type the whole code again (or "
                              "use the exported xlsx file)"),
    "sheet.row_place": ("{sheet} 第 {row} 行", "{sheet} row {row}"),
    "sheet.headers_on_sheets": ("；表头在工作表 {sheets}：请用 --sheet 指明要导入的一个",
                                "; the headers are on the sheets {sheets}: name the one to import with --sheet"),
}
