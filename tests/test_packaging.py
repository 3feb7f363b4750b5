"""What an installed gridrules contains: every package of the source tree, and its data."""

from __future__ import annotations

import pathlib
import tomllib
from importlib import resources

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_every_source_package_is_installed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    mapped = {pkg: ROOT / path for pkg, path in config["package-dir"].items()}
    found = set()
    for pkg, folder in mapped.items():
        for init in folder.rglob("__init__.py"):
            if "__pycache__" in init.parts:
                continue
            rel = init.parent.relative_to(folder)
            found.add(".".join([pkg, *rel.parts]))
    assert found <= listed, f"packages missing from pyproject.toml: {sorted(found - listed)}"


def test_the_package_says_it_is_typed():
    # PEP 561: py.typed in the installed package (in CI a real, non-editable install of the wheel)
    assert resources.files("gridrules").joinpath("py.typed").is_file()
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "py.typed" in config["package-data"]["gridrules"]
