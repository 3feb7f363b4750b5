"""``gridrules lint [PACK]``: analysis across a whole rule pack, before it goes live."""

from __future__ import annotations

import click

import gridrules
from gridrules.catalogue import t
from gridrules.lang.parse import suggest
from gridrules.lint import CHECKS, SEVERITIES, lint_path
from gridrules.lint.render import as_json, text
from gridrules.lint.sarif import sarif

from .common import emit_json, one_pack, pack_option, parse_day


def _codes(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> frozenset[str]:
    """``--ignore GR105,GR303 --ignore GR106`` -> the codes, each one a check's."""
    known = {c.code for c in CHECKS}
    codes = frozenset(code.strip().upper() for value in values for code in value.split(",") if code.strip())
    for code in sorted(codes - known):
        hint = suggest(code, known)
        raise click.BadParameter(t("cli.no_check", code=code) + (t("problem.hint", hint=hint) if hint else ""))
    return codes


@click.command("lint")
@click.argument("pack_arg", metavar="[PACK]", required=False, type=click.Path(file_okay=False, path_type=str))
@pack_option
@click.option("--format", "fmt", type=click.Choice(("text", "json", "sarif")), default="text", show_default=True,
              help="text: grouped by file, for people; json: the findings as data; sarif: SARIF 2.1.0 for code scanning.")
@click.option("--fail-on", "fail_on", type=click.Choice(SEVERITIES), default="error", show_default=True,
              help="Exit 1 when a finding is at least this severe.")
@click.option("--at", "at", default=None, metavar="DATE",
              help="The day the pack is judged on (expired approvals, workload in force); default today, pack time.")
@click.option("--min-severity", "min_severity", type=click.Choice(SEVERITIES), default="info", show_default=True,
              help="Leave out findings less severe than this.")
@click.option("--ignore", "ignore", multiple=True, metavar="CODES", callback=_codes,
              help="Leave out findings of these checks (GR105 or GR105,GR303; may be repeated).")
def lint(pack_arg: str | None, pack_dir: str | None, fmt: str, fail_on: str, at: str | None, min_severity: str,
         ignore: frozenset[str]) -> int:
    """Check a rule pack for gaps, contradictions and unlawful items.

    Every finding has a stable code (GR101 …), a severity (error, warning,
    info), a message and path:line:col.  Exit 0 when nothing reaches
    --fail-on, 1 when something does, 2 when the pack cannot be loaded (its
    load problems are reported as GR001).  Findings left out with
    --min-severity or --ignore neither show nor count.
    """
    report = lint_path(one_pack(pack_arg, pack_dir), parse_day(at)).narrowed(min_severity, ignore)
    if fmt == "json":
        emit_json(as_json(report))
    elif fmt == "sarif":
        emit_json(sarif(report, gridrules.__version__))
    else:
        click.echo(text(report))
    return report.exit_code(fail_on)


COMMANDS = [lint]
