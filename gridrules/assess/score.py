"""Scores, the red and black lists (红黑榜) and budget advice, from a ``Tally``.

Shares are exact fractions of integer counts, compared unrounded; only their
display is rounded (one decimal, half up).  The score is Σ(weight × share) /
Σ weight × 100 over the indicators that have cases; the ratings' share is
(mean − 1) / 4.  The lists and the advice go by the pooled score of a unit
(the district's pooling for departments), as the pack's rules say.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from gridrules.assess.tally import Tally, UnitCounts
from gridrules.catalogue import t
from gridrules.pack.model.assessment import AssessmentFile, ScoredLevel
from gridrules.pack.pack import Pack

RATING_SPAN = 4  # a 1-5 rating: (mean - 1) / (5 - 1)


def shown(value: Fraction | None, places: int = 1) -> str:
    """A share or score as text, one decimal, rounded half up (``None``: "—")."""
    if value is None:
        return "—"
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return str(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


MAX_PLACES = 4


def places_against(value: Fraction | None, thresholds: tuple[int | float, ...]) -> int:
    """The decimals ``value`` is shown with: one, or as many more as keep it on its own side of every
    threshold it is compared with unrounded (94.97 is not on a red list from 95: shown 94.97, not 95.0)."""
    places = 1
    while value is not None and places < MAX_PLACES and any(
            (Fraction(shown(value, places)) >= Fraction(bar)) != (value >= Fraction(bar)) for bar in thresholds):
        places += 1
    return places


@dataclass
class Figure:
    indicator: str
    name: str
    weight: int
    numerator: int
    denominator: int
    share: Fraction | None  # 0..1
    bar: float | None  # in %
    missed: bool  # below its bar (marked, not scored)

    @property
    def counts_shown(self) -> str:
        """What the share is made of: numerator/denominator, or for ratings how many and their mean
        (the share of ratings is (mean − 1) / 4: Σ(score − 1) over 4 × how many)."""
        if self.indicator != "rating" or not self.denominator:
            return f"{self.numerator}/{self.denominator}"
        n, mean = self.ratings()
        return t("assess.rating_counts", n=n, mean=shown(mean))

    def ratings(self) -> tuple[int, Fraction | None]:
        """For the ratings: how many there were and their mean score (None: none), which the numerator
        (Σ(score − 1)) and the denominator (4 × how many) are made of."""
        n = self.denominator // RATING_SPAN
        return n, 1 + Fraction(self.numerator, n) if n else None

    def as_dict(self) -> dict:
        return {"indicator": self.indicator, "name": self.name, "weight": self.weight,
                "numerator": self.numerator, "denominator": self.denominator,
                "share": None if self.share is None else float(self.share * 100),
                "share_shown": shown(None if self.share is None else self.share * 100),
                "bar": self.bar, "missed_bar": self.missed}


@dataclass
class UnitScore:
    level: str
    unit: str
    name: str
    events: int
    pending: int
    cases: int
    figures: list[Figure]
    score: Fraction | None
    late_emergency: int = 0
    lists: list[str] = field(default_factory=list)  # "red" / "black"
    budget_cut: bool = False
    places: int = 1  # the score's decimals as shown (``places_against`` the thresholds it is compared with)
    no_town: int = 0  # a department's events in its pooling that no town's scoring holds (no town known)

    @property
    def score_shown(self) -> str:
        return shown(self.score, self.places)

    @property
    def score_value(self) -> float | None:
        """The exact score as a number (a workbook's cell, formatted to the places shown: sorting the
        sheet still separates 68.46 from 68.54), None without one."""
        return None if self.score is None else float(self.score)

    @property
    def why(self) -> str:
        """Why the unit has no score ("" when it has one): no event in the period, or no case in any
        share.  Said beside the score, never in its place: a score column holds numbers only."""
        if self.score is not None:
            return ""
        return t("report.why.no_events") if self.no_events else t("report.why.no_cases")

    @property
    def no_events(self) -> bool:
        """No event of the period counted for the unit (a registered town or community or a department
        listed all the same, so that a unit without events is not mistaken for one whose records are missing)."""
        return self.events == 0

    def as_dict(self) -> dict:
        return {"level": self.level, "unit": self.unit, "name": self.name, "events": self.events,
                "pending": self.pending, "cases": self.cases,
                "figures": [f.as_dict() for f in self.figures],
                "score": None if self.score is None else float(self.score), "score_shown": self.score_shown,
                "late_emergency_whistles": self.late_emergency,
                "list": self.lists[0] if self.lists else None, "budget_cut_advised": self.budget_cut,
                "no_events": self.no_events,
                **({"events_without_town": self.no_town} if self.level == "department" else {})}


def figures(scored: ScoredLevel, counts: UnitCounts) -> list[Figure]:
    out = []
    for indicator in scored.indicators:
        if indicator.id == "rating":
            num, den = counts.rating_sum - counts.rating_n, RATING_SPAN * counts.rating_n
            cases = counts.rating_n
        else:
            num, den = counts.figures.get(indicator.id, [0, 0])
            cases = den
        share = Fraction(num, den) if cases else None
        missed = share is not None and indicator.bar is not None and share * 100 < Fraction(indicator.bar)
        # ratings: numerator Σ(score − 1), denominator 4 × number of ratings
        out.append(Figure(indicator.id, indicator.name, indicator.weight, num, den, share, indicator.bar, missed))
    return out


def score_of(found: list[Figure]) -> Fraction | None:
    counted = [(f.weight, f.share) for f in found if f.share is not None]
    if not counted:
        return None
    total = Fraction(0)
    for weight, share in counted:
        total += weight * share
    return total / sum(weight for weight, _ in counted) * 100


def list_of(model: AssessmentFile, score: Fraction | None, cases: int, late_emergency: int) -> list[str]:
    black = late_emergency > 0 or (score is not None and score < Fraction(model.black.below_score)
                                   and cases >= model.black.min_cases)
    if black:
        return ["black"]  # 黑 overrides 红
    if score is not None and score >= Fraction(model.red.min_score) and cases >= model.red.min_cases:
        return ["red"]
    return []


def unit_name(pack: Pack, level: str, uid: str) -> str:
    if level in ("department",):
        return pack.departments[uid].name if uid in pack.departments else uid
    if level == "department_town":
        department, _, town = uid.partition("@")
        return t("assess.rated_by", department=unit_name(pack, "department", department), town=unit_name(pack, "town", town))
    # a unit the registry lacks (records may name a grid or community not yet registered): its id, said so
    if level == "town":
        return pack.towns[uid].name if uid in pack.towns else t("assess.unregistered", id=uid)
    if level == "community":
        return pack.communities[uid].name if uid in pack.communities else t("assess.unregistered", id=uid)
    if level == "grid":
        return pack.grids[uid][0].name if uid in pack.grids else t("assess.unregistered", id=uid)
    return pack.district.name if uid == pack.district.id else uid


def scores(pack: Pack, tally: Tally) -> dict[str, list[UnitScore]]:
    """Every unit's figures and score, per level (department, town, community, department_town)."""
    model = pack.assessment
    assert model is not None
    out: dict[str, list[UnitScore]] = {"department": [], "town": [], "community": [], "department_town": []}
    for (level, uid), counts in sorted(tally.units.items()):
        if level not in out or not registered(pack, level, uid):
            continue  # a community the registry lacks is counted apart (Tally.unregistered), never scored
        scored: ScoredLevel = getattr(model.levels, "department" if level == "department_town" else level)
        found = figures(scored, counts)
        score = score_of(found)
        row = UnitScore(level, uid, unit_name(pack, level, uid), counts.events, counts.pending, counts.cases,
                        found, score, counts.late_emergency, no_town=counts.no_town)
        if level != "department_town":  # the pooled score decides the lists and the advice
            row.lists = list_of(model, score, counts.cases, counts.late_emergency)
            row.budget_cut = score is not None and score < Fraction(model.budget.below_score)
            row.places = places_against(score, (model.red.min_score, model.black.below_score, model.budget.below_score))
        out[level].append(row)
    _registered(pack, tally, out)
    for level, rows in out.items():  # each level's table in the pack's own order, not by id
        place = registry_key(pack, level)
        rows.sort(key=lambda u: place(u.unit))
    return out


def registry_key(pack: Pack, level: str) -> Callable[[str], tuple]:
    """A unit's place in the pack's own order, as an office lists its units: the towns and communities
    as the registry holds them, the departments as the pack lists them, a town's scoring of a department
    by the department, then the town; a unit the pack does not register after those, by its id."""
    def place(registered: Mapping[str, object]) -> Callable[[str], tuple]:
        order = {uid: i for i, uid in enumerate(registered)}
        return lambda uid: (uid not in order, order.get(uid, 0), uid)

    if level == "department_town":
        department, town = place(pack.departments), place(pack.towns)
        return lambda uid: department(uid.partition("@")[0]) + town(uid.partition("@")[2])
    by_level: dict[str, Mapping[str, object]] = {"department": pack.departments, "town": pack.towns,
                                                 "community": pack.communities, "grid": pack.grids}
    return place(by_level.get(level, {}))


def ranked(units: list[UnitScore], high_first: bool) -> list[tuple[int, UnitScore]]:
    """``units`` (each level's in the pack's order) by score within their level -- ``high_first`` (a red
    list) or lowest first (a black list, the budget advice), a unit with no score last -- each with its
    rank in its level (名次: equal exact scores share one, the next skips: 1, 2, 2, 4); tied units keep
    the order given.  Levels are ranked apart: they are scored on different indicators."""
    out: list[tuple[int, UnitScore]] = []
    levels: dict[str, list[UnitScore]] = {}
    for u in units:
        levels.setdefault(u.level, []).append(u)
    for rows in levels.values():
        rows = sorted(rows, key=lambda u: (u.score is None, -(u.score or 0) if high_first else (u.score or 0)))
        for i, u in enumerate(rows):
            tied = i and rows[i - 1].score == u.score
            out.append((out[-1][0] if tied else i + 1, u))
    return out


def registered(pack: Pack, level: str, uid: str) -> bool:
    """Whether the district registers the unit a level's tally names: its communities and towns are
    the registry's (a record may name a community it lacks: an unregistered grid's, or a slip); a
    department and a town's scoring of one are the pack's whatever they are."""
    if level == "community":
        return uid in pack.communities
    if level == "town":
        return uid in pack.towns
    return True


def _registered(pack: Pack, tally: Tally, out: dict[str, list[UnitScore]]) -> None:
    """Every registered town and community and every department that could be summoned (and so
    rated) is listed, those with no event in the period too: no figure, no score, on no list, no
    advice (policy §7 scores each of these units; one left out would read as records missing).
    Each town's scoring of the departments is not padded: a town scores only the departments it
    summoned (§7: "owners never summoned are not scored")."""
    model = pack.assessment
    assert model is not None
    for level, registered in (("town", pack.towns), ("community", pack.communities),
                              ("department", pack.departments)):
        absent = [uid for uid in registered if (level, uid) not in tally.units]
        if absent:
            empty = figures(getattr(model.levels, level), UnitCounts())
            out[level] += [UnitScore(level, uid, unit_name(pack, level, uid), 0, 0, 0, empty, None) for uid in absent]
