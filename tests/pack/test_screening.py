"""The negative list's tell-tale words: found after NFKC normalisation, each once, with its code."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings, strategies as st

from gridrules.pack.model.powers import NegativeEntry
from gridrules.pack.screening import Hit, Screening, normalised


def entry(code: str, words: list[str]) -> NegativeEntry:
    return NegativeEntry(code=code, activity=f"a_{code.lower()}", activity_name="活动", forbidden="禁止", basis="依据",
                         screening_words=words)


def test_each_word_is_named_once_with_its_code_in_the_order_found():
    s = Screening([entry("F07", ["截图", "报数"]), entry("F10", ["出具证明"])])
    assert s.hits("截图后报数，再截图", None) == (Hit("F07", "截图"), Hit("F07", "报数"))
    assert s.hits("标题", "请出具证明") == (Hit("F10", "出具证明"),)
    assert s.hits("入户核实", None) == () and s.hits(None, None) == ()


def test_text_is_nfkc_normalised_before_it_is_searched():
    s = Screening([entry("F07", ["APP截图"])])
    assert s.hits("安装ＡＰＰ截图", None) == (Hit("F07", "APP截图"),)  # full-width letters


# full-width forms, the characters they may combine with or around, and others NFKC changes
_TRICKY = st.sampled_from(["，", "？", "Ａ", "ｐ", "１", "\u0301", "\u0308", "\u0327", "\u3000", "ｶ", "\uff9e",
                           "ﬁ", "①", "e", "A", "n", ",", "截", "图", "\u2f00", "\uac00", "\u1100", "\u1161",
                           "\n", "\t", "\x00", "\x85", "\u200b", "\u00ad", "\u202e", "\ufeff", "\U000e0041"])


def _unseen(c: str) -> bool:
    return unicodedata.category(c) in ("Cc", "Cf")  # controls and format characters: a reader sees none


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_TRICKY, st.characters()), max_size=12).map("".join))
def test_screened_text_is_exactly_its_nfkc_without_what_no_one_sees(text):
    # normalised takes short cuts (printable text, full-width punctuation); what it gives must be
    # NFKC's own of the text without its controls and format characters
    assert normalised(text) == unicodedata.normalize("NFKC", "".join(c for c in text if not _unseen(c)))


def test_a_word_broken_by_characters_no_one_sees_is_found():
    """收\u200b费 reads as 收费 on screen: a zero-width space, a soft hyphen, a line break, a NUL or a
    bidirectional mark inside a word does not hide it from screening."""
    s = Screening([entry("F05", ["收费"])])
    for hidden in ("\u200b", "\u00ad", "\n", "\x00", "\u202e", "\ufeff", "\u2060"):
        assert s.hits(f"协助收{hidden}费工作", None) == (Hit("F05", "收费"),), repr(hidden)
    assert s.hits("协助收 费工作", None) == ()  # a space is seen: words apart are not joined


def test_the_short_cut_is_taken_and_refused_where_it_must_be():
    assert normalised("说明，第 1 号？") == "说明,第 1 号?"
    assert normalised("Ａ\u0301") == "\u00c1"  # a full-width letter with an accent composes: NFKC's own answer


def test_a_longer_word_is_found_whole_where_a_shorter_one_lies_inside_it():
    s = Screening([entry("F10", ["证明"]), entry("F11", ["居住证明"])])
    assert s.hits("出具居住证明", None) == (Hit("F11", "居住证明"),)


def test_the_digest_names_the_word_list():
    a = Screening([entry("F07", ["截图"]), entry("F10", ["出具证明"])])
    b = Screening([entry("F10", ["出具证明"]), entry("F07", ["截图"])])
    c = Screening([entry("F07", ["截图", "打卡"]), entry("F10", ["出具证明"])])
    assert a.digest == b.digest != c.digest
    assert Screening([]).hits("截图", None) == ()


def test_the_bundled_words_catch_the_disguised_tasks_the_policy_names(pack):
    hits = pack.screening.hits("入户督促安装反诈APP并截图上报安装率", None)
    assert hits == (Hit("F07", "截图"), Hit("F07", "安装率"))
    assert pack.screening.hits("为流动人口出具居住证明", None) == (Hit("F10", "居住证明"),)


def test_a_long_text_is_screened_without_being_remembered():
    s = Screening([entry("F07", ["截图"])])
    long = "走访" * 500 + "截图"
    assert s.hits("标题", long) == (Hit("F07", "截图"),)
    assert all(sum(len(t) for t in key if t) <= 200 for key in s._memo)


def test_what_is_remembered_is_what_screening_afresh_finds():
    """Short texts are remembered (a task's title and description), long ones screened each time:
    both give what a fresh screening gives, however often asked."""
    s = Screening([entry("F07", ["截图", "报数"]), entry("F10", ["出具证明"])])
    long = "请" * 300 + "截图"
    for _ in range(3):
        for texts in [("截图后报数", None), ("标题", "请出具证明"), ("入户核实", None), (long, None), (long, "报数")]:
            assert s.hits(*texts) == Screening([entry("F07", ["截图", "报数"]), entry("F10", ["出具证明"])]).hits(*texts)
    assert ("截图后报数", None) in s._memo and (long, None) not in s._memo
