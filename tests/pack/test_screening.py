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
_TRICKY = st.sampled_from(["，", "？", "：", "（", "）", "＝", "\u0338", "Ａ", "ｐ", "１", "\u0301", "\u0308", "\u0327", "\u3000", "ｶ", "\uff9e",
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
    # the usual punctuation narrowed first, then any other full-width form, then NFKC itself where that is not all
    assert normalised("（说明）：第１号；好！") == "(说明):第1号;好!"
    assert normalised("说明，ａ\u0301") == "说明,\u00e1"
    assert normalised("（＝\u0338）") == "(\u2260)"  # = with a long solidus overlay composes to ≠


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


def _drawn(drawn) -> tuple[list, dict[str, str], dict[str, set[str]]]:
    """The drawn entries, each word's code (the first entry listing it) and each exception's codes."""
    entries = [entry(f"F{i:02d}", words, exceptions) for i, (words, exceptions) in enumerate(drawn)]
    code_of: dict[str, str] = {}
    excepts: dict[str, set[str]] = {}
    for e in entries:
        for w in e.screening_words:
            code_of.setdefault(w, e.code)
        for x in e.screening_exceptions:
            excepts.setdefault(x, set()).add(e.code)
    return entries, code_of, excepts


def _screening(drawn) -> tuple[Screening, dict[str, str], dict[str, set[str]]]:
    entries, code_of, excepts = _drawn(drawn)
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


# --- negations: a word right after one is the department saying it is not to be done --------------


def negating(*entries: NegativeEntry, negations=("不", "不得", "无需", "严禁")) -> Screening:
    return Screening(entries, negations)


def test_a_word_right_after_a_negation_is_no_hit_and_one_character_apart_it_is():
    s = negating(entry("F05", ["收取", "收费", "押金"]), entry("F07", ["截图"]))
    assert s.hits("无需截图上报", None) == ()
    assert s.hits("不收取任何费用", None) == () and s.hits("严禁收费", None) == ()
    assert s.hits("无需再截图上报", None) == (Hit("F07", "截图"),)  # one character between: counts
    assert s.hits("不得向居民收取", None) == (Hit("F05", "收取"),)  # the brief's own boundary
    assert s.hits("不用截图", None) == (Hit("F07", "截图"),)  # 不用 is not listed here, 用 is between


def test_the_longest_negation_ending_there_is_read():
    # 不得 and 不 both could end before 收取 only if listed so; here 不得 is, and 得 alone is not
    s = negating(entry("F05", ["收取"]), negations=("不", "不得"))
    assert s.hits("不得收取", None) == ()
    assert negating(entry("F05", ["收取"]), negations=("不",)).hits("不得收取", None) == (Hit("F05", "收取"),)


def test_a_double_negation_is_a_duty_and_counts():
    s = negating(entry("F05", ["收费"]), entry("F07", ["截图"]), negations=("不", "不得", "不能"))
    assert s.hits("不得不收费", None) == (Hit("F05", "收费"),)
    assert s.hits("不能不截图", None) == (Hit("F07", "截图"),)
    assert s.hits("不得，不收费", None) == ()  # a character between the two: the second one negates


def test_a_question_a_not_a_is_no_negation():
    s = negating(entry("F05", ["收费"]), entry("F07", ["截图"]))
    assert s.hits("了解商户收不收费", None) == (Hit("F05", "收费"),)
    assert s.hits("要截不截图", None) == (Hit("F07", "截图"),)
    assert s.hits("费不收费", None) == ()  # the character before 不 is not the word's first: 不 negates


def test_a_word_right_after_a_negated_word_is_negated_with_it_and_one_apart_is_not():
    s = negating(entry("F05", ["收取", "押金"]), entry("F07", ["截图"]))
    assert s.hits("不得收取押金", None) == ()
    assert s.hits("不得收取、押金", None) == (Hit("F05", "押金"),)
    assert s.hits("不得收取押金后截图", None) == (Hit("F07", "截图"),)


def test_a_negated_word_overlapping_one_that_is_not_negated_leaves_that_one_counting():
    # 不扣押金: 扣押 is negated, 押金 begins inside it, after 扣 (no negation): it counts
    s = negating(entry("F01", ["扣押"]), entry("F05", ["押金"]))
    assert s.hits("不扣押金", None) == (Hit("F05", "押金"),)
    assert s.hits("扣押金", None) == (Hit("F01", "扣押"), Hit("F05", "押金"))


def test_a_word_of_the_negated_ones_entry_beginning_inside_it_is_negated_with_it():
    # 不得代收费用 is 不得 + 代收 + 费用: 收费 shares 收 with the negated 代收, both F05's, and was read at its own
    # place (after 代, no negation), so the task that wrote it would not collect fees was flagged for collecting them
    s = negating(entry("F05", ["收费", "收取", "代收", "押金"]), entry("F01", ["扣押"]))
    assert s.hits("不得代收费用", None) == ()
    assert s.hits("代收费用", None) == (Hit("F05", "代收"), Hit("F05", "收费"))  # not negated: both count
    assert s.hits("不得代收、收费", None) == (Hit("F05", "收费"),)  # apart: 收费 at its own place, after 、
    assert s.hits("不得代收取押金", None) == ()  # 收取 in 代收's negation, 押金 right after the negated 收取
    assert s.hits("不得不代收费用", None) == (Hit("F05", "代收"), Hit("F05", "收费"))  # a duty: nothing negated
    assert s.hits("不扣押金", None) == (Hit("F05", "押金"),)  # another entry's word: read at its own place


def test_a_word_inside_a_negated_longer_word_is_negated_with_it():
    # 不得出具证明 says no certificate is to be issued: 证明 inside the negated 出具证明 is not a hit of its own
    s = negating(entry("F10", ["证明", "出具证明"]), entry("F07", ["截图"]))
    assert s.hits("不得出具证明", None) == ()
    assert s.hits("不得证明", None) == ()
    assert s.hits("出具证明", None) == (Hit("F10", "出具证明"),)  # not negated: the longer word is the hit
    assert s.hits("不得出具、证明", None) == (Hit("F10", "证明"),)  # apart, 证明 is read at its own place
    assert s.hits("不得出具证明截图", None) == ()  # 截图 begins where the negated 出具证明 ends


def test_a_negation_sharing_its_last_character_with_the_word_negates_it():
    # 免收费用 is 免 + 收费: the negation 免收 and the word share 收
    s = negating(entry("F05", ["收费", "收取", "押金"]), negations=("不", "免收"))
    assert s.hits("免收费用", None) == () and s.hits("免收取任何费用", None) == ()
    assert s.hits("免收押金", None) == ()  # adjacent, as before
    assert s.hits("免费收费", None) == (Hit("F05", "收费"),)  # 免 alone is no negation
    assert s.hits("不免收费", None) == (Hit("F05", "收费"),)  # 不免: a double negation, unavoidably charged
    assert s.hits("免收费用，收取押金", None) == (Hit("F05", "收取"), Hit("F05", "押金"))  # read at their places


def test_a_negation_inside_a_negation_exception_negates_nothing():
    s = Screening([entry("F05", ["收费", "收取"])], ["不", "免收", "严禁"], ["无不", "莫不", "难免收", "减免收"])
    assert s.hits("无不收取费用", None) == (Hit("F05", "收取"),)  # 无不: all, without exception
    assert s.hits("莫不收费", None) == (Hit("F05", "收费"),)
    assert s.hits("难免收费", None) == (Hit("F05", "收费"),) and s.hits("减免收费", None) == (Hit("F05", "收费"),)
    assert s.hits("无需不收费", None) == ()  # no exception here: 不 negates
    assert s.hits("不收费", None) == () and s.hits("免收费用", None) == ()  # outside the exceptions: negations
    assert s.hits("严禁无不收费", None) == (Hit("F05", "收费"),)  # what ends before 收费 is inside 无不
    assert Screening([entry("F05", ["收费"])], ["不"], ["无不"]).digest != Screening([entry("F05", ["收费"])], ["不"]).digest


def test_a_negated_word_repeated_without_negation_counts():
    s = negating(entry("F07", ["截图"]))
    assert s.hits("无需截图，完成后截图上报", None) == (Hit("F07", "截图"),)
    assert s.hits("无需截图", "完成后截图上报") == (Hit("F07", "截图"),)
    assert s.hits("截图上报，无需截图", None) == (Hit("F07", "截图"),)


def test_a_negation_is_read_in_the_text_as_screened():
    s = negating(entry("F05", ["收费"]))
    for unseen in ("\u200b", "\u00ad", "\n", "\u2060", "\ufeff"):  # a reader sees nothing between: adjacent
        assert s.hits(f"严禁{unseen}收费", None) == (), repr(unseen)
    for seen in ("\u3000", " ", "，", "、", "Ａ"):  # a full-width space is a space, a comma a comma: apart
        assert s.hits(f"严禁{seen}收费", None) == (Hit("F05", "收费"),), repr(seen)
    assert Screening([entry("F05", ["收费"])], ["ＡＢ"]).hits("AB收费", None) == ()  # the negation is normalised too


def test_a_negation_before_an_exception_changes_nothing_the_exception_did_not():
    s = negating(entry("F05", ["收取"], ["接收取暖补贴"]))
    assert s.hits("不接收取暖补贴申请", None) == ()
    assert s.hits("不接收取暖补贴申请，收取材料费", None) == (Hit("F05", "收取"),)
    assert s.hits("接收取暖补贴申请，不收取材料费", None) == ()


def test_a_negation_in_a_text_without_words_is_not_looked_at(monkeypatch):
    """The words-only scan runs first: a text without a word never reaches the negation check."""
    s = negating(entry("F05", ["收费"]))
    monkeypatch.setattr(Screening, "_negated", lambda *a: (_ for _ in ()).throw(AssertionError("looked")))
    assert s.hits("不得入户，严禁打扰居民", None) == ()


def test_negations_are_part_of_the_digest():
    words = [entry("F05", ["收取"])]
    assert Screening(words, ["不"]).digest != Screening(words).digest
    assert Screening(words, ["不", "严禁"]).digest == Screening(words, ["严禁", "不"]).digest


def test_the_bundled_negations_read_the_tasks_that_comply_as_complying(pack):
    for text in ("无需截图上报", "不收取任何费用", "严禁收费", "不得收取押金", "不得签订责任状", "请勿代收",
                 "不需要截图", "免收押金", "不再报数"):
        assert pack.screening.hits(text, None) == (), text
    assert pack.screening.hits("不得向居民收取", None) == (Hit("F05", "收取"),)
    assert pack.screening.hits("不得不收费", None) == (Hit("F05", "收费"),)
    assert pack.screening.hits("询问物业收不收费", None) == (Hit("F05", "收费"),)
    assert pack.screening.hits("难免收费", None) == (Hit("F05", "收费"),)  # 免 alone is not listed
    assert pack.screening.hits("督促未签订责任状的商户", None) == (Hit("F06", "签订责任状"),)  # nor 未
    # 不 opening another word (不定期, 不断) is one character or more away from the word after it
    assert pack.screening.hits("不定期截图上报", None) == (Hit("F07", "截图"),)
    assert pack.screening.hits("不断推销理财产品", None) == (Hit("F03", "推销"),)
    words = {w for e in pack.negative for w in e.screening_words}
    negations = pack.files["powers/negative_list.yaml"].screening_negations
    assert negations and not [n for n in negations if any(w in n for w in words)]


_NEG_CHARS = "收取不得"
_NEG_ENTRIES = st.lists(st.tuples(st.lists(st.text(alphabet=_NEG_CHARS, min_size=2, max_size=3), min_size=1, max_size=3),
                                  st.lists(st.text(alphabet=_NEG_CHARS, min_size=3, max_size=4), max_size=2)),
                        min_size=1, max_size=2)


def _negation_ending(text: str, end: int, before: int, negations, unsaying) -> int:
    """The longest negation ending at end, beginning before before, not inside a negation exception."""
    return max((len(n) for n in negations if text[:end].endswith(n) and end - len(n) < before
                and not any(x != n and _inside(end - len(n), len(n), k, len(x)) for x in unsaying
                            for k in _occurrences(x, text))), default=0)


def _negated_at(i: int, word: str, text: str, code_of, negations, unsaying) -> bool:
    """The rule in words: the negation ending nearest i, at i or inside the word, and beginning before
    i (the longest there), negates when none ends right where it begins and the character before it
    is not text[i]; or a word ends right at i whose occurrence there is negated; or a longer word
    around this occurrence is negated; or a word of the same entry begun before i and reaching past it
    is negated there (不得代收费用: 收费 begins inside the negated 代收, both F05's)."""
    rule = (negations, unsaying)
    for end in range(i, i + len(word)):
        n = _negation_ending(text, end, i, *rule)
        if n:
            b = end - n
            if not _negation_ending(text, b, b, *rule) and not (b > 0 and text[b - 1] == text[i]):
                return True
            break
    return any(i - len(v) >= 0 and text.startswith(v, i - len(v)) and _negated_at(i - len(v), v, text, code_of, *rule)
               for v in code_of) or any(_inside(i, len(word), k, len(v)) and _negated_at(k, v, text, code_of, *rule)
                                        for v in code_of if len(v) > len(word) for k in _occurrences(v, text)) \
        or any(code_of[v] == code_of[word] and k < i < k + len(v) and _negated_at(k, v, text, code_of, *rule)
               for v in code_of for k in _occurrences(v, text))


def _counts_negated(i, word, text, code_of, excepts, negations, unsaying) -> bool:
    return (not _negated_at(i, word, text, code_of, negations, unsaying) and not _excepted(i, word, text, code_of, excepts)
            and not any(_inside(i, len(word), k, len(v)) and _counts_negated(k, v, text, code_of, excepts, negations, unsaying)
                        for v in code_of if len(v) > len(word) for k in _occurrences(v, text)))


@settings(max_examples=600, deadline=None)
@given(_NEG_ENTRIES, st.lists(st.text(alphabet=_NEG_CHARS, min_size=1, max_size=2), min_size=1, max_size=3),
       st.lists(st.text(alphabet=_NEG_CHARS, min_size=2, max_size=3), max_size=2),
       st.text(alphabet=_NEG_CHARS + "，", max_size=16))
def test_hits_with_negations_are_the_occurrences_the_rule_counts(drawn, negations, unsaying, text):
    entries, code_of, excepts = _drawn(drawn)
    counted = sorted((i, w) for w in code_of for i in _occurrences(w, text)
                     if _counts_negated(i, w, text, code_of, excepts, negations, unsaying))
    found = Screening(entries, negations, unsaying).hits(text, None)
    assert found == tuple(dict.fromkeys(Hit(code_of[w], w) for _, w in counted))
