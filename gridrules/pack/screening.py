"""The negative list's tell-tale words (``screening_words`` per code): disguised work.

A task's title and description, without the characters a reader does not see and
NFKC-normalised, are searched for every word, verbatim (no word segmentation);
each hit is the word and the negative-list code it points to.  The words are
pack data; their digest names the list a decision was screened with (the
decision log keeps the hits and the digest, never the text they were found in).

Where a word is found counts, not only that it is: an occurrence of a word does not count when
it lies inside an occurrence of one of its own entry's ``screening_exceptions`` (收取 in
接收取暖补贴), or inside an occurrence of a longer word that counts (证明 in 居住证明: the longer
one is the hit); every other occurrence does, whatever else overlaps it.  A word of another entry
inside an exception still counts: an exception speaks only for its entry's words.

Nor does an occurrence count when a negation of the list's ``screening_negations`` ends right where
it begins, in the text as screened (无需截图上报, 严禁收费, 不得收取押金: the department writes that it is
complying), or shares its last characters with the word's first (免收费用: 免收 and 收费 share 收, and 免
negates 收费).  Adjacent only: 不得向居民收取 still counts, since a reading that reaches further back decides
on a guess.  The negation read is the one ending nearest the word's beginning, the longest ending there,
and it does not negate when another negation ends right where it begins (不得不收费, 不能不截图, 不免收费:
a double negation is a duty) or when the character before it is the word's first (收不收费, 截不截图: a
question, A不A).  A negation inside an occurrence of one of the list's ``screening_negation_exceptions``
is no negation there (无不收费: 无不 is "all, without exception"; 难免收费: 难免 is "unavoidably").  A word
beginning right where a negated one ends is negated with it (不得收取押金: 押金 is what 收取 would take), and
so is a word inside a negated one (不得出具证明 negates a 证明 listed beside 出具证明), and a word of the
negated one's own entry beginning inside it (不得代收费用: 收费 shares 收 with the negated 代收, both F05's:
the one work said not to be done, written without a gap).  A word of another entry overlapping a negated one
is read at its own place (不扣押金: 扣押 is F01's, 押金 F05's; 押金 begins after 扣, no negation, and counts).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from typing import Iterable, Mapping, NamedTuple

from gridrules.pack.model.powers import NegativeEntry


MEMO_LIMIT = 10_000
MEMO_TEXT = 200  # characters: what is remembered stays small (at most ~2 MB of text)
# how words are found, part of the list's digest: a task logged under another reading (1: of words
# overlapping, only the first found; no exceptions; 2: no negations; 3: a negation only right before the
# word, no negation exceptions, a word inside a negated one read at its own place; 4: a word of the negated
# one's entry overlapping it read at its own place) cannot be said to screen the same, so replay counts it
# among those it cannot screen again (``log/replay.py``) rather than as unchanged
READING = 5


class Hit(NamedTuple):
    code: str
    word: str


# the full-width forms of ASCII (U+FF01-FF5E): NFKC makes each the ASCII character 0xFEE0 below it
_WIDE = re.compile("[\uff01-\uff5e]+")
_NARROW = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


def _narrowed(match: re.Match) -> str:
    return match.group().translate(_NARROW)


# the full-width punctuation Chinese text is written with, and the ASCII NFKC makes of each: replaced
# where present by one C call each (a regular expression's substitution costs ~6x that on a short text)
_PUNCTUATION = tuple((wide, chr(ord(wide) - 0xFEE0)) for wide in "，：；！？（）")


# characters a reader does not see (controls, format characters: zero-width spaces and joiners, the
# soft hyphen, bidirectional marks, tags): dropped before searching, so 收\u200b费 is 收费 to screening
_CONTROLS = dict.fromkeys([*range(0x20), *range(0x7F, 0xA0)])


def _unseen_dropped(text: str) -> str:
    text = text.translate(_CONTROLS)  # the usual ones: line breaks and tabs in a description
    if not text.isprintable():  # format characters, or spaces other than ASCII's (kept): rare, read one by one
        text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return text


def normalised(text: str) -> str:
    """``text`` as screened: without the characters a reader does not see, then NFKC (full-width
    letters and digits become plain ones)."""
    if not text.isprintable():  # a C scan: most titles pass it
        text = _unseen_dropped(text)
    # most texts are normal already: the check is quicker than building the same string again
    if unicodedata.is_normalized("NFKC", text):
        return text
    # Most others only hold full-width punctuation (，？！): replaced by what NFKC makes of each
    # (an ASCII character, which NFKC leaves as it is), the text's NFKC is unchanged; when the
    # result is normal, it is that NFKC -- the usual punctuation first, then any full-width form
    narrow = text
    for wide, plain in _PUNCTUATION:
        if wide in narrow:
            narrow = narrow.replace(wide, plain)
    if unicodedata.is_normalized("NFKC", narrow):
        return narrow
    narrow = _WIDE.sub(_narrowed, narrow)
    return narrow if unicodedata.is_normalized("NFKC", narrow) else unicodedata.normalize("NFKC", text)


class _Listed(NamedTuple):
    """A listed phrase as it may begin at one place in a text."""
    length: int
    word: str | None  # the screening word it is, or None
    code: str | None  # that word's code
    excepts: tuple[str, ...]  # the codes whose words it is an exception for


class Screening:
    """The words of one pack, ready to search for: one regular expression of them all (the words
    alone, a C scan that finds nothing in most texts) and, for a text it finds one in, one pass
    of a second that sees every place a word or an exception begins."""

    def __init__(self, entries: Iterable[NegativeEntry], negations: Iterable[str] = (),
                 negation_exceptions: Iterable[str] = ()):
        self.code_of: dict[str, str] = {}
        excepts: dict[str, set[str]] = {}
        for entry in entries:
            for word in entry.screening_words:
                self.code_of.setdefault(normalised(word), entry.code)
            for phrase in entry.screening_exceptions:
                excepts.setdefault(normalised(phrase), set()).add(entry.code)
        # longest first, so a long word is found whole where a shorter one lies inside it
        words = sorted(self.code_of, key=lambda w: (-len(w), w))
        self._pattern = re.compile("|".join(map(re.escape, words))) if words else None
        # every listed phrase, longest first: a lookahead takes none of the text, so the pass sees
        # each place one begins, with the longest beginning there; the shorter ones beginning
        # there are its listed beginnings, found with it (_starting)
        phrases = sorted(set(words) | set(excepts), key=lambda w: (-len(w), w))
        self._every = re.compile("(?=(" + "|".join(map(re.escape, phrases)) + "))") if words else None
        self._starting: dict[str, tuple[_Listed, ...]] = {
            p: tuple(_Listed(len(q), q if q in self.code_of else None, self.code_of.get(q),
                             tuple(sorted(excepts.get(q, ())))) for q in phrases if p.startswith(q))
            for p in phrases}
        # no exception's occurrence around a word's begins further back than this
        self._back = max((len(p) for p in excepts), default=1) - 1
        # the negations, and their lengths longest first: looked for only where a word begins
        self._negations = frozenset(n for n in map(normalised, negations) if n)
        self._negation_lengths = sorted({len(n) for n in self._negations}, reverse=True)
        self._negation_ends = frozenset(n[-1] for n in self._negations)  # no negation ends after another character
        # per negation, the negation exceptions holding it and where in each it lies (无不: 不 at 1)
        unsaying = {x for x in map(normalised, negation_exceptions) if x}
        self._unsaid: dict[str, tuple[tuple[str, int], ...]] = {
            n: tuple((x, i) for x in sorted(unsaying) if x != n for i in range(len(x)) if x.startswith(n, i))
            for n in self._negations}
        listed = {"reading": READING, "words": sorted(self.code_of.items()),
                  "exceptions": sorted((p, sorted(c)) for p, c in excepts.items()),
                  "negations": sorted(self._negations), "negation_exceptions": sorted(unsaying)}
        self._memo: dict[tuple, tuple[Hit, ...]] = {}
        # what was found, by the texts (``hits``' memo): a caller deciding many tasks looks there first
        self.remembered: Mapping[tuple, tuple[Hit, ...]] = self._memo
        self.digest = "sha256:" + hashlib.sha256(
            json.dumps(listed, ensure_ascii=False, separators=(",", ":")).encode("utf-8")).hexdigest()

    def hits(self, *texts: str | None) -> tuple[Hit, ...]:
        """The words found in ``texts`` (each once), in the order first found.  Tasks repeat
        their titles, so what was found is remembered (bounded) under short texts."""
        found = self._memo.get(texts)
        if found is not None:
            return found
        if len(texts) != 2 or len(texts[0] or "") + len(texts[1] or "") > MEMO_TEXT:  # long: screened, not kept
            return self._hits(texts)
        if len(self._memo) >= MEMO_LIMIT:
            self._memo.clear()
        found = self._memo[texts] = self._hits(texts)
        return found

    def _hits(self, texts: tuple[str | None, ...]) -> tuple[Hit, ...]:
        pattern = self._pattern
        if pattern is None:
            return ()
        seen: dict[str, Hit] = {}
        for text in texts:
            if text:
                text = normalised(text)
                first = pattern.search(text)
                if first is None:  # the common case: one C call, nothing found
                    continue
                for word in self._counted(text, max(0, first.start() - self._back)):
                    if word not in seen:
                        seen[word] = Hit(self.code_of[word], word)
        return tuple(seen.values())

    def _counted(self, text: str, start: int) -> Iterable[str]:
        """The words of ``text`` whose occurrence counts, in the order they begin (from ``start``:
        no word begins before it, nor an exception around one)."""
        word_end = 0  # the furthest a word that counts, begun further back, reaches
        except_end: dict[str, int] = {}  # per code: the furthest an exception for it begun so far reaches
        negated_ends: set[int] = set()  # where a negated word ends: a word beginning there is negated with it
        negated_end = 0  # the furthest a negated word reaches: a word inside it is negated with it
        # per code: the furthest a negated word of that entry reaches: a word of the entry beginning inside it is
        # negated with it (不得代收费用: 收费 in the negated 代收's F05), one of another entry is not (不扣押金)
        negated_reach: dict[str, int] = {}
        for match in self._every.finditer(text, start):  # type: ignore[union-attr]
            at = match.start()
            starting = self._starting[match.group(1)]
            for listed in starting:
                for code in listed.excepts:
                    if except_end.get(code, 0) < at + listed.length:
                        except_end[code] = at + listed.length
            # the words beginning here longer than this are negated (0: all of them)
            shared = _NONE if not self._negations else 0 if at in negated_ends else self._negated(text, at, starting)
            for listed in starting:  # longest first: the shorter words beginning here lie inside it
                if listed.word is None:
                    continue
                end = at + listed.length
                # negated here, inside a negated word, or beginning inside a negated word of its entry
                if listed.length > shared or end <= negated_end or at < negated_reach.get(listed.code, 0):  # type: ignore[arg-type]
                    negated_ends.add(end)
                    negated_end = max(negated_end, end)
                    negated_reach[listed.code] = max(negated_reach.get(listed.code, 0), end)  # type: ignore[index,arg-type]
                elif word_end < end and except_end.get(listed.code, 0) < end:  # type: ignore[arg-type]
                    yield listed.word  # the shorter words beginning here lie inside it: none of them counts
                    word_end = end

    def _negation_ending(self, text: str, end: int, before: int) -> int:
        """The length of the longest negation ending at ``end`` in ``text`` and beginning before
        ``before``, outside every negation exception (无不), or 0."""
        if end < 1 or text[end - 1] not in self._negation_ends:  # most characters end no negation
            return 0
        for length in self._negation_lengths:
            begins = end - length
            if 0 <= begins < before and text[begins:end] in self._negations and not self._unsaid_at(text, begins, end):
                return length
        return 0

    def _unsaid_at(self, text: str, begins: int, end: int) -> bool:
        """Whether the negation at ``text[begins:end]`` lies inside an occurrence of a negation exception."""
        return any(text.startswith(phrase, begins - i) for phrase, i in self._unsaid[text[begins:end]] if begins >= i)

    def _negated(self, text: str, at: int, starting: tuple[_Listed, ...]) -> int:
        """How many characters of a word beginning at ``at`` the negation read there shares with it: the
        words beginning there longer than that are negated (a larger number than any: none is).  The
        negation read is the one ending nearest ``at`` (at it, or inside the longest word beginning there)
        and beginning before it, the longest ending there; it negates nothing when another ends right where
        it begins (不得不: a double negation) or the character before it is the word's first (收不收费:
        a question, A不A)."""
        longest = max((listed.length for listed in starting if listed.word is not None), default=0)
        for shared in range(min(longest, self._negation_lengths[0])):
            length = self._negation_ending(text, at + shared, at)
            if length:
                begins = at + shared - length
                if self._negation_ending(text, begins, begins) or (begins > 0 and text[begins - 1] == text[at]):
                    return _NONE
                return shared
        return _NONE


_NONE = 1 << 30  # longer than any word: no word beginning there is negated
