"""``gridrules test [PATH]``: run decision cases (YAML) against a pack, as a CI step."""

from __future__ import annotations

import pathlib

import click

from gridrules import Checker
from gridrules.pack.layout import CASES_DIR, MANIFEST
from gridrules.pack.loader import bundled_root
from gridrules.engine.loading import load_pack
from gridrules.cases.run import as_json, junit, run_cases, text

from .common import emit_json, one_pack, pack_option


def _is_pack(path: str) -> bool:
    """``gridrules test examples/county`` runs that pack's cases against that pack, as ``lint`` and
    ``validate`` read a pack given that way."""
    folder = pathlib.Path(path)
    return folder.is_dir() and (folder / MANIFEST).is_file()


def _pack_of_cases(path: str) -> str | None:
    """The pack whose ``cases/`` hold ``path`` (None: no pack's): ``gridrules test
    examples/county/cases/tasks`` runs them against the pack they were written for, not the bundled one."""
    here = pathlib.Path(path).resolve()
    for folder in here.parents:
        if (folder / MANIFEST).is_file():
            cases = folder / CASES_DIR
            return str(folder) if here == cases or cases in here.parents else None
    return None


@click.command("test")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=str))
@pack_option
@click.option("--format", "fmt", type=click.Choice(("text", "json", "junit")), default="text", show_default=True,
              help="text: ✓/✗ per case with a diff per failure; json: the results as data; junit: JUnit XML for CI.")
@click.option("--require-tests", is_flag=True,
              help="Also fail when a rule of the pack has no case in which it fires (is named among the reasons).")
def test(path: str | None, pack_dir: str | None, fmt: str, require_tests: bool) -> int:
    """Run the decision cases in PATH (a case file or folder; default: the pack's own cases/).

    PATH may be a pack folder (its cases/ are run against it); cases inside a
    pack's cases/ are run against that pack unless --pack says otherwise.

    Exit 0 when every case passes, 1 when a case fails (or, with
    --require-tests, a rule is untested), 2 when the pack cannot be loaded or
    a case file is malformed.
    """
    if path is not None and _is_pack(path):
        pack_dir, path = one_pack(path, pack_dir), None
    elif path is not None and pack_dir is None:
        pack_dir = _pack_of_cases(path)
    pack = load_pack(pack_dir)
    if path is None:
        path = str(pathlib.Path(pack_dir) / CASES_DIR) if pack_dir else str(bundled_root().joinpath(CASES_DIR))
    run = run_cases(Checker(pack), path, require_tests)
    if fmt == "json":
        emit_json(as_json(run))
    elif fmt == "junit":
        click.echo(junit(run), nl=False)
    else:
        click.echo(text(run))
    return run.exit_code()


COMMANDS = [test]
