"""``gridrules``: the command group and its one error boundary.

Every command returns an exit code.  Known errors (a bad pack, bad input) are
printed plainly to stderr and exit 2, as does a file the system will not let us read or
write (named, with the reason); an unexpected error prints "unexpected
error" and exits 3, with the traceback only under ``--debug``.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import traceback

import click

from gridrules.catalogue import english, set_language, t
from gridrules.catalogue.help import chinese_quotes
from gridrules.catalogue.syntax import os_reason
from gridrules.errors import GridRulesError, ProblemsError

from .common import print_version
from .spelling import as_typed
from .table import Layout
from .conventions import add_shared_options, apply_language, language_from


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--debug", is_flag=True, help="Show a traceback for unexpected errors.")
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=print_version,
    help="Print gridrules' version and the bundled pack's version and digest.",
)
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """gridrules: 社区网格化治理规则引擎 — grid work admission and event routing as policy-as-code."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def _register_commands() -> None:
    """Every module of this package that defines COMMANDS adds them (one module per command)."""
    for info in sorted(pkgutil.iter_modules(sys.modules[__package__].__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__package__}.{info.name}")
        for command in getattr(module, "COMMANDS", ()):
            cli.add_command(command)


_register_commands()
add_shared_options(cli)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    apply_language(cli, language_from(args))
    try:
        return _run(args, debug)
    finally:
        set_language(None)  # a caller in the same process (tests) starts from its own default again
        Layout.wide = False


def _run(args: list[str], debug: bool) -> int:
    try:
        result = cli.main(args=args, prog_name="gridrules", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo(t("cli.aborted"), err=True)
        return 130
    except click.exceptions.ClickException as exc:
        said = exc.format_message()
        if not english() and any("\u4e00" <= ch <= "\u9fff" for ch in said):
            # click joins some sentences itself (缺少参数 'FILE'.): its space before the quoted name and
            # its full stop, Chinese
            said = chinese_quotes(said[:-1] + "。" if said.endswith(".") else said)
            exc.format_message = lambda: said  # type: ignore[method-assign]
        exc.show()
        return 2 if exc.exit_code in (1, 2) else exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except ProblemsError as exc:
        click.echo("gridrules: " + t("cli.heading", title=exc.heading), err=True)
        for problem in as_typed(exc.problems, cli, args):
            click.echo(f"  {problem}", err=True)
        return 2
    except GridRulesError as exc:
        click.echo(f"gridrules: {exc}", err=True)
        return 2
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a place the system will not let us read or write (a folder missing, no permission)
        where = exc.filename
        click.echo("gridrules: " + (t("cli.os_error", path=where, reason=os_reason(exc)) if where
                                    else t("cli.os_error_unnamed", reason=os_reason(exc))), err=True)
        if debug:
            traceback.print_exc()
        return 2
    except Exception as exc:  # the one place that catches everything
        click.echo("gridrules: " + t("cli.unexpected", kind=type(exc).__name__, error=exc), err=True)
        if debug:
            traceback.print_exc()
        else:
            click.echo(t("cli.debug_hint"), err=True)
        return 3
    return result if isinstance(result, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
