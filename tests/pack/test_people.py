"""A list of people's names: separated by 、 , ; / or a line break, never a space alone; a space
inside a name is alignment, part of a Latin name, or refused as ambiguous."""

from __future__ import annotations

import pytest

from gridrules.pack.people import AmbiguousName, count_people, names_in


@pytest.mark.parametrize("text, names", [
    ("李　明", ["李明"]),  # a full-width space aligning a two-character name is one person
    ("欧阳 娜", ["欧阳娜"]),
    ("张三、李四，王五,赵六;钱七；孙八/周九／吴十", ["张三", "李四", "王五", "赵六", "钱七", "孙八", "周九", "吴十"]),
    ("陈静\n张三", ["陈静", "张三"]),  # Alt+Enter in a cell
    ("李　明、欧阳 娜", ["李明", "欧阳娜"]),
    (" 张三 、 李四 ", ["张三", "李四"]),
    ("John Smith、张三", ["John Smith", "张三"]),
    ("、", []),
])
def test_names_are_separated_only_by_unambiguous_separators(text, names):
    assert names_in(text) == names


@pytest.mark.parametrize("text, part", [("张三 李四", "张三 李四"), ("王五、欧阳 娜娜", "欧阳 娜娜"), ("李 明 王 芳", "李 明 王 芳")])
def test_a_space_between_two_possible_names_is_refused(text, part):
    with pytest.raises(AmbiguousName) as caught:
        names_in(text)
    assert caught.value.args[0] == part


def test_a_recorded_list_counts_the_people_its_entries_name():
    assert count_people(["张三、李四", "王五"]) == 3
    assert count_people(["李　明"]) == 1
    assert count_people(["张三 李四"]) == 1  # unreadable: one entry, one person
    assert count_people([]) == 0
