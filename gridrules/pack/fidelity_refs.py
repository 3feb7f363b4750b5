"""Cross-reference checks of the fidelity additions (part of the third validation layer):
the risk list, the screening words, the roles' own hours limits, the external issuers' level.

Each problem is reported as ``(file, path, message, hint)`` like ``crossref``'s.
"""

from __future__ import annotations

from typing import Callable

from gridrules.catalogue import t
from gridrules.catalogue.packfiles import noun
from gridrules.lang.parse import suggest
from gridrules.pack.refcheck import known as _known, unique as _unique
from gridrules.pack import layout
from gridrules.pack.pack import Pack
from gridrules.pack.params import CAPACITY
from gridrules.pack.screening import normalised

Report = Callable[..., None]


def check(pack: Pack, report: Report) -> None:
    level = pack.admission_policy.responsible_level.external
    if level is not None and level not in pack.level_rank:
        report(layout.ADMISSION_POLICY, ("responsible_level", "external"), t("pack.unknown", what=noun("level"), value=level),
               suggest(level, pack.level_rank))
    _screening_words(pack, report)
    _risk(pack, report)
    capacity = pack.parameter(CAPACITY)
    for i, role in enumerate(pack.files[layout.ROLES].roles):
        if role.own_hours_limit is not None and capacity is not None and role.own_hours_limit > capacity:
            report(layout.ROLES, ("roles", i, "own_hours_limit"),
                   t("pack.role_over_capacity", role=role.id, limit=f"{role.own_hours_limit:g}", capacity=f"{capacity:g}"))


def _risk(pack: Pack, r: Report) -> None:
    """The risk list: its levels once each, its entries for event types (an item's risk is its own)."""
    rel = layout.RISK
    risk = pack.risk
    _unique(r, rel, ("levels",), [x.id for x in risk.levels], "risk level", "id")
    _known(r, rel, ("default",), risk.default, pack.risk_levels, "risk level")
    _unique(r, rel, ("entries",), [e.code for e in risk.entries], "code", "code")
    for i, entry in enumerate(risk.entries):
        own = pack.items_by_id.get(entry.code)
        if own is not None and own.risk is not None:
            r(rel, ("entries", i, "level"), t("pack.risk_two_homes", code=entry.code, file=layout.ITEMS, risk=own.risk))
        elif own is None:
            _known(r, rel, ("entries", i, "code"), entry.code, pack.event_types, "event type or list item")
        _known(r, rel, ("entries", i, "level"), entry.level, pack.risk_levels, "risk level")


def _screening_words(pack: Pack, report: Report) -> None:
    """Each word is searched for in NFKC-normalised text, so it must be written normalised
    (else it could never match) and name one code only (else a hit would be ambiguous).  An
    exception is written so too, and holds one of its entry's words and more: else it would
    exempt nothing (a slip the author should hear of, not a silent no-op) or switch the word off."""
    seen: dict[str, str] = {}
    for i, entry in enumerate(pack.negative):
        for j, word in enumerate(entry.screening_words):
            at = ("entries", i, "screening_words", j)
            if normalised(word) != word or not word.strip():
                report(layout.NEGATIVE_LIST, at, t("pack.screening_normalise", word=word, written=normalised(word).strip()))
            elif word in seen and seen[word] != entry.code:
                report(layout.NEGATIVE_LIST, at, t("pack.screening_twice", word=word, code=seen[word]))
            seen.setdefault(word, entry.code)
        words = [normalised(w) for w in entry.screening_words]
        for j, phrase in enumerate(entry.screening_exceptions):
            at = ("entries", i, "screening_exceptions", j)
            if normalised(phrase) != phrase or not phrase.strip():
                report(layout.NEGATIVE_LIST, at,
                       t("pack.screening_exception_normalise", phrase=phrase, written=normalised(phrase).strip()))
            elif phrase in words:
                report(layout.NEGATIVE_LIST, at, t("pack.screening_exception_is_word", phrase=phrase, code=entry.code))
            elif not any(w in phrase for w in words):
                report(layout.NEGATIVE_LIST, at, t("pack.screening_exception_no_word", phrase=phrase, code=entry.code,
                                                   words=", ".join(words) or "—"))
    _screening_negations(pack, seen, report)


def _screening_negations(pack: Pack, words: dict[str, str], report: Report) -> None:
    """A negation is looked for in the text as screened, so it is written so too, without blanks (a
    blank between a negation and a word is a character: they are not adjacent); one holding a
    screening word would be flagged itself wherever it negates (免收费 holds 收费), and one being a
    word would negate itself."""
    for j, negation in enumerate(pack.files[layout.NEGATIVE_LIST].screening_negations):
        at = ("screening_negations", j)
        held = next((w for w in sorted(words, key=lambda w: (-len(w), w)) if w in negation), None)
        if normalised(negation) != negation or any(c.isspace() for c in negation):  # a blank is a character between
            report(layout.NEGATIVE_LIST, at,
                   t("pack.screening_negation_normalise", negation=negation, written="".join(normalised(negation).split())))
        elif held is not None:
            report(layout.NEGATIVE_LIST, at,
                   t("pack.screening_negation_word", negation=negation, word=held, code=words[held]))
    _screening_negation_exceptions(pack, report)


def _screening_negation_exceptions(pack: Pack, report: Report) -> None:
    """A negation exception is looked for as a negation is, so it is written so too; it holds a negation
    and more (无不 holds 不): else it would unsay nothing (a slip the author should hear of) or switch the
    negation off everywhere."""
    listed = pack.files[layout.NEGATIVE_LIST]
    negations = [normalised(n) for n in listed.screening_negations]
    for j, phrase in enumerate(listed.screening_negation_exceptions):
        at = ("screening_negation_exceptions", j)
        if normalised(phrase) != phrase or any(c.isspace() for c in phrase):
            report(layout.NEGATIVE_LIST, at, t("pack.screening_unsaying_normalise", phrase=phrase,
                                               written="".join(normalised(phrase).split())))
        elif phrase in negations:
            report(layout.NEGATIVE_LIST, at, t("pack.screening_unsaying_is_negation", phrase=phrase))
        elif not any(n in phrase for n in negations):
            report(layout.NEGATIVE_LIST, at, t("pack.screening_unsaying_no_negation", phrase=phrase,
                                               negations=", ".join(negations) or "—"))
