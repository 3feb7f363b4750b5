"""``gridrules replay --log URL --pack CANDIDATE``: what would a change have changed?"""

from __future__ import annotations

import json

import click

from gridrules.catalogue import MESSAGES, english, t
from gridrules.decide import labels
from gridrules.engine.loading import load_pack
from gridrules.log import open_log
from gridrules.log.open import window
from gridrules.contract.replay import ReplayReport
from gridrules.log.replay import replay
from gridrules.pack.pack import Pack
from gridrules.pack.tree import LEVELS

from .log import LOG_HELP, not_blank

def outcome_words(kind: str, outcome: str, pack: Pack) -> str:
    """A transition's end as the text says it: a task's verdict in words with what admits it
    (准入（L13）for ``admitted(L13)``), an event's level by the pack's name; ids under --lang en."""
    if english():
        return outcome
    if kind == "event":
        rank = pack.level_rank.get(outcome)
        return pack.levels[rank].name if rank is not None else outcome
    verdict, _, by = outcome.partition("(")
    return labels.verdict_short(verdict) + (t("dec.aside", text=by.removesuffix(")")) if by else "")


def render(result: ReplayReport, pack: Pack) -> str:
    lines = [t("dec.replay.head", replayed=result.replayed, digest=result.candidate_digest,
               unchanged=result.unchanged, changed=result.changed)]
    for change in result.transitions:
        what = t("dec.replay.task") if change.kind == "task" else t("dec.replay.event")
        lines.append(t("dec.replay.transition", what=what, old=outcome_words(change.kind, change.from_, pack),
                       new=outcome_words(change.kind, change.to, pack), count=change.count))
        for name, counts in change.by.items():
            top = t("dec.replay.top_joiner").join(f"{k} {v}" for k, v in list(counts.items())[:10])
            dimension = (pack.tree.word(name) if name in LEVELS  # 按乡镇(街道) where the pack calls its towns so
                         else t(f"dec.replay.dim.{name}") if f"dec.replay.dim.{name}" in MESSAGES else name)
            lines.append(t("dec.replay.by", dimension=dimension, top=top))
        for example in change.examples:
            reason = t("dec.aside", text=example.reasons[0]) if example.reasons else ""
            lines.append(t("dec.replay.example", seq=example.seq, id=example.id or "—", at=example.at, reason=reason))
    screening = result.screening
    if screening.logged:
        lines.append(t("dec.replay.screening", logged=screening.logged, words=screening.with_words) + (
            t("dec.replay.screening_unknown", n=screening.not_recomputable) if screening.not_recomputable
            else t("dec.replay.screening_holds")))
    return "\n".join(lines)


@click.command("replay")
@click.option("--log", "url", required=True, metavar="URL", help=LOG_HELP, callback=not_blank)
@click.option("--pack", "candidate", required=True, type=click.Path(exists=True, file_okay=False),
              help="The candidate pack folder to re-decide with.")
@click.option("--base", "base_dir", type=click.Path(exists=True, file_okay=False),
              help="The pack the log was decided with (default: the bundled pack): the candidate's list "
                   "changes against it count as in effect before every logged moment.")
@click.option("--since", help="Only decisions made at or after this moment (ISO 8601, or a date: 00:00 of that day).")
@click.option("--until", help="Only decisions made before this moment (ISO 8601, or a date: 00:00 of that day).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def replay_command(url: str, candidate: str, base_dir: str | None, since: str | None, until: str | None,
                   fmt: str) -> int:
    """Re-decide every logged input at its moment with the candidate pack (--pack); report verdict and level changes.

    Exit 0 when nothing would change, 1 when something would.
    """
    base = load_pack(base_dir)
    start, end = window(since, until, base.tz)
    with open_log(url, read_only=True) as log:
        result = replay(log, candidate, base, start, end)
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render(result.report(), base))
    if base.digest not in result.logged_digests and result.replayed:
        click.echo(t("dec.replay.other_base", digest=base.digest), err=True)
    return 0 if result.replayed == result.unchanged else 1


COMMANDS = [replay_command]
