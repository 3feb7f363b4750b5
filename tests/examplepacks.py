"""The example packs beside the bundled one (examples/county, examples/city) and the minimal
template, found in the source tree, with writable copies for tests that change them."""

from __future__ import annotations

import pathlib
import shutil

REPO = pathlib.Path(__file__).resolve().parent.parent
COUNTY = REPO / "examples" / "county"
CITY = REPO / "examples" / "city"
MINIMAL = REPO / "templates" / "minimal"
PACKS = {"county": COUNTY, "city": CITY, "minimal": MINIMAL}


def copy_of(source: pathlib.Path, target: pathlib.Path) -> pathlib.Path:
    shutil.copytree(source, target)
    return target
