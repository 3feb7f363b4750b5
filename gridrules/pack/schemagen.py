"""``python -m gridrules.pack.schemagen [DIR]``: (re)write the published JSON Schemas."""

from __future__ import annotations

import pathlib
import sys

from gridrules.pack.jsonschemas import all_schemas, dump


def main(argv: list[str] | None = None) -> int:
    target = pathlib.Path((argv or sys.argv[1:] or ["schemas"])[0])
    target.mkdir(parents=True, exist_ok=True)  # as docgen does: a new folder is made
    for name, schema in all_schemas().items():
        (target / f"{name}.schema.json").write_text(dump(schema), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
