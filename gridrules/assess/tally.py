"""Per-unit partial aggregates as integer counts: ``Tally`` objects merge exactly.

A unit is ``(level, id)``: ``department``, ``town``, ``community``, ``grid``, the
``department_town`` pairs (a town's scoring of a department it summoned) and the
``district`` (every event, for the trend).  Per unit and indicator a tally keeps
``[numerator, denominator]``; besides: the events counted, the pending ones, the
cases (distinct non-pending events that entered any figure), the 应急哨 answered
late, the ratings' sum and number, and per month the on-time counts the trend
charts read; and the records of another pack's digest and the period's records with a
延期 not applied, each counted and the first named.  Adding two tallies adds every count,
so records split any way (files, byte ranges, workers) give the same result as one run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Unit = tuple[str, str]  # (level, id)
# a record's place among the inputs, (file, line) -- or (0, its place) for records given in memory --
# with its ``path:line`` and event id
Placed = tuple[tuple[int, int], str, str]
# how many of a kind of record are named, the first in record order: those routed by a pack with another
# digest; the period's with a 延期 recorded after its limit had passed (not applied)
FIRST_NAMED = 5


def name_first(named: list[Placed], record: Placed) -> None:
    """Keep ``record`` in ``named`` when it is among the first FIRST_NAMED in record order."""
    if len(named) < FIRST_NAMED or record < named[-1]:
        named.append(record)
        if len(named) > 1 and record < named[-2]:  # one held back and judged last
            named.sort()
        del named[FIRST_NAMED:]


def first_of(mine: list[Placed], other: list[Placed]) -> list[Placed]:
    """The first FIRST_NAMED of two parts' named records, whatever order the parts come in."""
    return sorted(mine + other)[:FIRST_NAMED] if other else mine


def add_pairs(into: dict, pairs: dict) -> None:
    """Add each [numerator, denominator] of ``pairs`` to ``into``'s, key by key."""
    for key, (num, den) in pairs.items():
        pair = into.setdefault(key, [0, 0])
        pair[0] += num
        pair[1] += den


@dataclass
class UnitCounts:
    figures: dict[str, list[int]] = field(default_factory=dict)  # indicator -> [numerator, denominator]
    events: int = 0
    pending: int = 0
    cases: int = 0
    late_emergency: int = 0
    rating_sum: int = 0
    rating_n: int = 0
    # a department's events that name no town (an unregistered grid and community, no town written): in
    # the district's pooling, in no town's scoring -- why the towns' scorings do not sum to the pooling
    no_town: int = 0

    def add(self, indicator: str, ok: bool) -> None:
        pair = self.figures.get(indicator)
        if pair is None:
            pair = self.figures[indicator] = [0, 0]
        pair[0] += ok
        pair[1] += 1

    def merge(self, other: "UnitCounts") -> None:
        add_pairs(self.figures, other.figures)
        self.events += other.events
        self.pending += other.pending
        self.cases += other.cases
        self.late_emergency += other.late_emergency
        self.rating_sum += other.rating_sum
        self.rating_n += other.rating_n
        self.no_town += other.no_town

    def as_dict(self) -> dict:
        return {"figures": {k: list(v) for k, v in sorted(self.figures.items())}, "events": self.events,
                "pending": self.pending, "cases": self.cases, "late_emergency": self.late_emergency,
                "rating_sum": self.rating_sum, "rating_n": self.rating_n, "no_town": self.no_town}


@dataclass
class Tally:
    """Everything an assessment counts; ``merge`` adds another partial tally to this one."""

    units: dict[Unit, UnitCounts] = field(default_factory=dict)
    monthly: dict[tuple[str, str, str, str], list[int]] = field(default_factory=dict)  # (level, id, month, indicator)
    records: int = 0  # records read (good and bad), in or out of the period
    in_period: int = 0  # good records of the period's events, counted
    after_at: int = 0  # good records of the period's events reported after the check (--at): left out
    errors: int = 0
    digest_mismatch: int = 0  # records routed by a pack this one's history does not record
    mismatched: list[Placed] = field(default_factory=list)  # the first FIRST_NAMED of them, in record order
    earlier: dict[str, int] = field(default_factory=dict)  # records routed by an earlier version of this pack, by version
    late_extension: int = 0  # the period's records counted with a 延期 recorded after its limit had passed
    late_extended: list[Placed] = field(default_factory=list)  # the first FIRST_NAMED of them, likewise
    # the period's records with a whistle blown at a level that blows none (policy §6): not scored
    unscored_whistle: int = 0
    unscored: list[Placed] = field(default_factory=list)  # the first FIRST_NAMED of them, likewise
    # the period's records per community and grid the registry does not hold ((level, id) -> records):
    # counted apart, never scored, listed or advised on, and named in the summary
    unregistered: dict[Unit, int] = field(default_factory=dict)
    # --explain: per unit and indicator the events (tasks) behind the figure, (id, met), and for
    # ratings (event id, the score given)
    explained: dict[Unit, dict[str, list[tuple[str, bool | int]]]] = field(default_factory=dict)

    def unit(self, unit: Unit) -> UnitCounts:
        found = self.units.get(unit)
        if found is None:
            found = self.units[unit] = UnitCounts()
        return found

    def month(self, unit: Unit, month: str, indicator: str, ok: bool) -> None:
        key = (unit[0], unit[1], month, indicator)
        pair = self.monthly.get(key)
        if pair is None:
            pair = self.monthly[key] = [0, 0]
        pair[0] += ok
        pair[1] += 1

    def mismatch(self, record: Placed) -> None:
        """One more record routed by a pack with another digest, kept when among the first named."""
        self.digest_mismatch += 1
        name_first(self.mismatched, record)

    def extended_late(self, record: Placed) -> None:
        """One more of the period's records with a 延期 not applied (recorded after its limit had
        passed), kept when among the first named."""
        self.late_extension += 1
        name_first(self.late_extended, record)

    def whistle_unscored(self, record: Placed) -> None:
        """One more of the period's records with a whistle left unscored (blown at a level that blows
        none), kept when among the first named."""
        self.unscored_whistle += 1
        name_first(self.unscored, record)

    def merge(self, other: "Tally") -> "Tally":
        for unit, counts in other.units.items():
            self.unit(unit).merge(counts)
        add_pairs(self.monthly, other.monthly)
        self.records += other.records
        self.in_period += other.in_period
        self.after_at += other.after_at
        self.errors += other.errors
        self.digest_mismatch += other.digest_mismatch
        for version, n in other.earlier.items():
            self.earlier[version] = self.earlier.get(version, 0) + n
        self.mismatched = first_of(self.mismatched, other.mismatched)
        self.late_extension += other.late_extension
        self.late_extended = first_of(self.late_extended, other.late_extended)
        self.unscored_whistle += other.unscored_whistle
        self.unscored = first_of(self.unscored, other.unscored)
        for unit, n in other.unregistered.items():
            self.unregistered[unit] = self.unregistered.get(unit, 0) + n
        for unit, figures in other.explained.items():
            mine = self.explained.setdefault(unit, {})
            for name, events in figures.items():
                mine.setdefault(name, []).extend(events)
        return self

    def as_dict(self) -> dict:
        """The counts as plain data (what a worker would send back)."""
        return {
            "units": {f"{level}:{uid}": c.as_dict() for (level, uid), c in sorted(self.units.items())},
            "monthly": {":".join(k): list(v) for k, v in sorted(self.monthly.items())},
            "records": self.records, "in_period": self.in_period, "after_at": self.after_at, "errors": self.errors,
            "digest_mismatch": self.digest_mismatch,
            "earlier": dict(sorted(self.earlier.items())),
            "mismatched": [[list(place), source, event] for place, source, event in self.mismatched],
            "late_extension": self.late_extension,
            "late_extended": [[list(place), source, event] for place, source, event in self.late_extended],
            "unscored_whistle": self.unscored_whistle,
            "unscored": [[list(place), source, event] for place, source, event in self.unscored],
            "unregistered": {f"{level}:{uid}": n for (level, uid), n in sorted(self.unregistered.items())},
        }
