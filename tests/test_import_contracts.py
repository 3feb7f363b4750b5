"""The import contracts in pyproject.toml ([tool.importlinter]) hold, and each one can fail.

The contracts are checked with import-linter against the installed package as Python
imports it, which includes the CLI (installed as ``gridrules.cli`` from the top-level
``cli/`` folder).  An editable install keeps ``gridrules`` and ``gridrules.cli`` in two
folders, which import-linter cannot follow, so the test copies the installed modules into one
package tree and checks that; a real install is copied as it is.
"""

from __future__ import annotations

import importlib.util
import pathlib
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
CONFIG = ROOT / "pyproject.toml"
LINT_IMPORTS = pathlib.Path(sys.executable).parent / "lint-imports"


def _package_dir(name: str) -> pathlib.Path:
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.origin is not None, f"{name} is not installed"
    return pathlib.Path(spec.origin).parent


def _copy_modules(source: pathlib.Path, target: pathlib.Path) -> None:
    for path in source.rglob("*.py"):
        if "__pycache__" in path.parts:
            continue
        dest = target / path.relative_to(source)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)


@pytest.fixture
def installed(tmp_path: pathlib.Path) -> pathlib.Path:
    """A folder holding the installed ``gridrules`` package, the CLI inside it."""
    package = tmp_path / "site" / "gridrules"
    _copy_modules(_package_dir("gridrules"), package)
    for sub in ("cli", "rules", "schemas"):
        if not (package / sub / "__init__.py").exists():  # an editable install maps it elsewhere
            _copy_modules(_package_dir(f"gridrules.{sub}"), package / sub)
    return tmp_path / "site"


def lint_imports(site: pathlib.Path, *contracts: str) -> subprocess.CompletedProcess[str]:
    args = [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(CONFIG)]
    for contract in contracts:
        args += ["--contract", contract]
    # lint-imports puts its working directory first on sys.path: run it in the copy
    return subprocess.run(args, cwd=site, capture_output=True, text=True, timeout=120)


def test_the_contracts_hold(installed: pathlib.Path) -> None:
    result = lint_imports(installed)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_cli_is_part_of_the_checked_package(installed: pathlib.Path) -> None:
    # without it, the layers contract would not know the top layer and must refuse
    shutil.rmtree(installed / "gridrules" / "cli")
    result = lint_imports(installed, "layers")
    assert result.returncode != 0
    assert "gridrules.cli does not exist" in result.stdout + result.stderr


# (contract id, module to edit, the forbidden line added to it)
BREAKS = [
    ("layers", "pack/layout.py", "import gridrules.change.store"),
    ("layers", "contract/base.py", "from gridrules.lang import tree"),
    ("layers", "change/store.py", "import gridrules.cli.main"),
    ("layers", "lint/rules.py", "import gridrules.cases.suite"),
    ("durable", "decide/routing.py", "import durable_rules_engine"),
    ("durable", "engine/compiler.py", "from durable import lang"),
    ("click", "pack/layout.py", "import click"),
    ("click", "lint/render.py", "import click"),
    ("decide-change", "decide/texts.py", "from gridrules.change import history"),
]


@pytest.mark.parametrize(("contract", "module", "line"), BREAKS)
def test_each_contract_can_fail(installed: pathlib.Path, contract: str, module: str, line: str) -> None:
    path = installed / "gridrules" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    result = lint_imports(installed, contract)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 broken" in result.stdout
    # broken by the added line, not by something else
    importer = "gridrules." + module.removesuffix(".py").replace("/", ".")
    assert f"{importer} -> " in result.stdout, result.stdout


def test_a_new_subpackage_must_join_a_layer(installed: pathlib.Path) -> None:
    (installed / "gridrules" / "newlayer").mkdir()
    (installed / "gridrules" / "newlayer" / "__init__.py").write_text('"""Not in any layer."""\n')
    result = lint_imports(installed, "layers")
    assert result.returncode == 1
    assert "gridrules.newlayer" in result.stdout
