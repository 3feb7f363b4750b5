"""A new community's id is derived as the bundled pack's ids are."""

from __future__ import annotations

from gridrules.pack import layout
from gridrules.tables.unitids import community_id, pinyin


def test_the_bundled_communities_ids_are_what_derivation_gives(pack):
    # the policy's sample communities: 和平社区 in tangxiang is tangxiang-heping, 双桥村 longshui-shuangqiao, …
    endings = pack.files[layout.UNITS].community_ids.drop_endings
    for c in pack.communities.values():
        assert community_id(c.town, c.name, endings, taken=()) == c.id


def test_a_taken_id_gets_a_numeric_suffix():
    endings = ["社区", "村"]
    assert community_id("tangxiang", "和平社区", endings, {"tangxiang-heping"}) == "tangxiang-heping-2"
    assert community_id("tangxiang", "和平村", endings, {"tangxiang-heping", "tangxiang-heping-2"}) == "tangxiang-heping-3"


def test_pinyin_reads_phrases_and_keeps_ascii_ids():
    assert pinyin("重庆") == "chongqing"  # not zhongqing: a phrase-aware library
    assert pinyin("绿荫") == "lvyin"
    assert pinyin("幸福１号") == "xingfu1hao"


def test_a_name_that_is_only_an_ending_keeps_it():
    assert community_id("x", "村", ["村"], ()) == "x-cun"
    assert community_id("x", "---", ["村"], ()) is None
