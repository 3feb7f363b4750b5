"""The negative list's tell-tale words: found after NFKC normalisation, each once, with its code."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings, strategies as st

from gridrules.pack.model.powers import NegativeEntry
from gridrules.pack.screening import Hit, Screening, normalised


def entry(code: str, words: list[str], exceptions: list[str] = ()) -> NegativeEntry:
    return NegativeEntry(code=code, activity=f"a_{code.lower()}", activity_name="活动", forbidden="禁止", basis="依据",
                         screening_words=words, screening_exceptions=list(exceptions))


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


# --- exceptions: phrases in which an entry's words do not count ------------------------------


def test_a_word_inside_an_exception_is_no_hit_and_one_outside_it_is():
    s = Screening([entry("F05", ["收取", "收费"], ["接收取暖补贴", "收费站"])])
    assert s.hits("接收取暖补贴申请材料", None) == ()
    assert s.hits("高速收费站值守", None) == ()
    assert s.hits("直接收取暖气费", None) == (Hit("F05", "收取"),)  # 接收取暖 is there, the exception is not
    assert s.hits("接收取暖补贴申请，收取材料费", None) == (Hit("F05", "收取"),)
    assert s.hits("接收取暖补贴申请", "收取材料费") == (Hit("F05", "收取"),)
    assert s.hits("收费站收费", None) == (Hit("F05", "收费"),)  # the second 收费 is outside 收费站


def test_an_exception_speaks_only_for_its_own_entrys_words():
    # 扣押金: F01's 扣押 excepted there, F05's 押金 inside the same phrase still counts
    s = Screening([entry("F01", ["扣押"], ["扣押金"]), entry("F05", ["押金"])])
    assert s.hits("退租时扣押金", None) == (Hit("F05", "押金"),)
    assert s.hits("扣押车辆", None) == (Hit("F01", "扣押"),)


def test_a_word_overlapping_an_exception_is_found():
    # the word begins before the exception, or runs past its end: that occurrence is not inside it
    s = Screening([entry("F05", ["收取"], ["接收取暖补贴"]), entry("F09", ["直接收", "补贴款"])])
    assert s.hits("直接收取暖补贴", None) == (Hit("F09", "直接收"),)  # 收取 itself still inside the exception
    assert s.hits("接收取暖补贴款", None) == (Hit("F09", "补贴款"),)


def test_a_word_inside_a_longer_word_that_an_exception_holds_still_counts():
    # 居住证明 does not count inside F11's exception, so F10's 证明 in it is not stood for: it counts
    s = Screening([entry("F10", ["证明"]), entry("F11", ["居住证明"], ["居住证明书"])])
    assert s.hits("领取居住证明书", None) == (Hit("F10", "证明"),)
    assert s.hits("出具居住证明", None) == (Hit("F11", "居住证明"),)


def test_words_overlapping_each_other_are_both_found():
    # neither lies inside the other: 扣押 and 押金 in 扣押金 (before, the first one hid the second)
    s = Screening([entry("F01", ["扣押"]), entry("F05", ["押金"])])
    assert s.hits("扣押金", None) == (Hit("F01", "扣押"), Hit("F05", "押金"))


def test_exceptions_change_the_digest_and_so_does_the_reading():
    """The digest names the list and how it is read: the same words read as before exceptions and
    overlaps (the first reading's digest, over the words alone) are another list to replay, which then
    says it cannot screen such a logged task again instead of taking its words as unchanged."""
    words = [entry("F05", ["收取"])]
    first_reading = "sha256:" + __import__("hashlib").sha256(b'[["\xe6\x94\xb6\xe5\x8f\x96","F05"]]').hexdigest()
    assert Screening(words).digest != first_reading
    assert Screening(words).digest == Screening([entry("F05", ["收取"])]).digest
    assert Screening([entry("F05", ["收取"], ["接收取暖补贴"])]).digest != Screening(words).digest


def test_the_bundled_exceptions_hold_a_word_and_keep_the_word_outside_them(pack):
    assert pack.screening.hits("独居老人走访并接收取暖补贴申请材料", None) == ()
    assert pack.screening.hits("引导居民关注反诈订阅号并订阅理财报刊", None) == (Hit("F03", "订阅"),)
    for e in pack.negative:
        for phrase in e.screening_exceptions:
            assert any(w in phrase and w != phrase for w in e.screening_words), phrase
            assert pack.screening.hits(phrase, None) == ()
            assert pack.screening.hits(phrase + "，" + phrase, None) == ()


# small alphabets, so words, exceptions and texts overlap often
_CHARS = "收取接暖费站"
_PHRASE = st.text(alphabet=_CHARS, min_size=1, max_size=4)
_TEXT = st.text(alphabet=_CHARS + "，", max_size=24)
_ENTRIES = st.lists(st.tuples(st.lists(_PHRASE, min_size=1, max_size=3), st.lists(_PHRASE, max_size=3)),
                    min_size=1, max_size=3)


def _screening(drawn) -> tuple[Screening, dict[str, str], dict[str, set[str]]]:
    entries = [entry(f"F{i:02d}", words, exceptions) for i, (words, exceptions) in enumerate(drawn)]
    code_of: dict[str, str] = {}
    excepts: dict[str, set[str]] = {}
    for e in entries:
        for w in e.screening_words:
            code_of.setdefault(w, e.code)
        for x in e.screening_exceptions:
            excepts.setdefault(x, set()).add(e.code)
    return Screening(entries), code_of, excepts


def _occurrences(phrase: str, text: str) -> list[int]:
    return [i for i in range(len(text)) if text.startswith(phrase, i)]


def _inside(i: int, length: int, k: int, other: int) -> bool:
    return k <= i and i + length <= k + other


def _excepted(i: int, word: str, text: str, code_of, excepts) -> bool:
    return any(_inside(i, len(word), k, len(x)) for x, codes in excepts.items() if code_of[word] in codes
               for k in _occurrences(x, text))


def _counts(i: int, word: str, text: str, code_of, excepts) -> bool:
    """The rule in words, by brute force: an occurrence counts unless it lies inside an occurrence
    of an exception for its own entry, or of a longer word that counts."""
    return not _excepted(i, word, text, code_of, excepts) and not any(
        _inside(i, len(word), k, len(v)) and _counts(k, v, text, code_of, excepts)
        for v in code_of if len(v) > len(word) for k in _occurrences(v, text))


@settings(max_examples=600, deadline=None)
@given(_ENTRIES, _TEXT)
def test_hits_are_the_words_with_an_occurrence_that_counts_in_the_order_they_begin(drawn, text):
    s, code_of, excepts = _screening(drawn)
    counted = sorted((i, w) for w in code_of for i in _occurrences(w, text) if _counts(i, w, text, code_of, excepts))
    expected = tuple(dict.fromkeys(Hit(code_of[w], w) for _, w in counted))
    assert s.hits(text, None) == expected


@settings(max_examples=400, deadline=None)
@given(_ENTRIES, _TEXT, _TEXT, st.data())
def test_a_word_outside_every_exception_is_found(drawn, before, after, data):
    s, code_of, excepts = _screening(drawn)
    word = data.draw(st.sampled_from(sorted(code_of)))
    text = before + word + after
    i = len(before)
    if _excepted(i, word, text, code_of, excepts):
        return  # this occurrence lies inside an exception: the next test's
    longer = [v for v in code_of if len(v) > len(word) and any(_inside(i, len(word), k, len(v)) for k in _occurrences(v, text))]
    if longer:  # inside a longer word: it is found, or the longer one around it is
        assert {h.word for h in s.hits(text, None)} & {word, *longer}
    else:
        assert Hit(code_of[word], word) in s.hits(text, None)


@settings(max_examples=400, deadline=None)
@given(_ENTRIES, _TEXT, _TEXT, st.data())
def test_a_word_only_inside_its_exceptions_is_not_found(drawn, before, after, data):
    s, code_of, excepts = _screening(drawn)
    own = [(x, w) for x, codes in excepts.items() for w in code_of if code_of[w] in codes and w in x]
    if not own:
        return
    phrase, word = data.draw(st.sampled_from(sorted(own)))
    # the word's other occurrences removed from around the phrase: only the phrase's are left
    before, after = before.replace(word[0], "，"), after.replace(word[-1], "，")
    text = before + phrase + after
    if all(_excepted(i, word, text, code_of, excepts) for i in _occurrences(word, text)):
        assert Hit(code_of[word], word) not in s.hits(text, None)
