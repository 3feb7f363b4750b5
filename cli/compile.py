"""``gridrules compile``: print the durable_rules rulesets a pack compiles to."""

from __future__ import annotations

import click

from gridrules.catalogue import t
from gridrules.engine.loading import compiled as compiled_pack, load_pack

from .common import emit_json, format_option, pack_option


@click.command("compile")
@click.argument("rulesets", nargs=-1)
@pack_option
@format_option()
def compile_command(rulesets: tuple[str, ...], pack_dir: str | None, fmt: str) -> int:
    """Show the rulesets the pack compiles to (all, or the RULESETS named).

    text lists each ruleset with its rules; json is the exact definitions
    handed to durable_rules.
    """
    pack = load_pack(pack_dir)
    compiled = compiled_pack(pack)
    unknown = [r for r in rulesets if r not in compiled.rulesets]
    if unknown:
        raise click.BadParameter(t("cli.no_ruleset", names=", ".join(unknown)), param_hint="RULESETS")
    chosen = {name: compiled.rulesets[name] for name in (rulesets or compiled.rulesets)}
    if fmt == "json":
        emit_json(chosen)
        return 0
    click.echo(t("cmd.compile.summary", pack=pack.info.name, version=pack.info.version, rulesets=len(compiled.rulesets),
                 rules=compiled.rule_count(), distinct=len(compiled.rules)))
    for name, definition in chosen.items():
        click.echo(f"\n{name} ({len(definition)})")
        for rule in definition:
            click.echo(f"  {rule}")
    return 0


COMMANDS = [compile_command]
