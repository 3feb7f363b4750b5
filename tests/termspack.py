"""A copy of the bundled pack in which the joint meeting approved, amended and withdrew an item:
the example of terms over time (policy §8), made by the workflow commands themselves.

The bundled pack lists only the policy's items (L01–L17).  Terms over time need an item with
all three changes, so the tests make one on a copy: ``gridrules admission approve`` of
``tests/terms/application.yaml`` (session 2026-5, 2026-11-26; in force from 2026-12-01: patrol
and report, 2 hours, 40 元; the next code, L18), ``admission amend`` (session 2026-6, 2026-11-27,
from 2026-12-10: publicize added, 3 hours, 60 元) and ``admission withdraw`` (session 2026-7,
2026-11-28, from 2026-12-20; its last day 2026-12-19).  Its training is not recorded as delivered.
The history is the commands' own (three entries after the bundled genesis).  The pack's ``cases/``
holds the bundled cases and, in ``cases/terms/``, those of ``tests/terms/cases/`` (their
expectations worked out from §8), so ``gridrules test --require-tests`` can run on it whole.
"""

from __future__ import annotations

import contextlib
import io
import pathlib
import shutil

from gridrules.cli.main import main
from gridrules.pack.loader import bundled_root

TERMS = pathlib.Path(__file__).resolve().parent / "terms"
APPLICATION = TERMS / "application.yaml"
CODE = "L18"  # the code the approval gives: the next after the policy's L17
COMMANDS = (
    ["admission", "approve", str(APPLICATION), "--session", "2026-5", "--date", "2026-11-26"],
    ["admission", "amend", CODE, "--session", "2026-6", "--date", "2026-11-27", "--effective", "2026-12-10",
     "--activities", "patrol,report,publicize", "--hours", "3", "--subsidy", "60"],
    ["admission", "withdraw", CODE, "--session", "2026-7", "--date", "2026-11-28", "--effective", "2026-12-20"],
)


def build_terms_pack(target: pathlib.Path) -> pathlib.Path:
    """Write the bundled pack (policy files and cases) into ``target`` and record L18's three changes."""
    from conftest import write_pack_copy

    write_pack_copy(target)
    shutil.copytree(pathlib.Path(str(bundled_root().joinpath("cases"))), target / "cases")
    shutil.copytree(TERMS / "cases", target / "cases" / "terms")
    for args in COMMANDS:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([*args, "--pack", str(target)])
        assert code == 0, (args, out.getvalue(), err.getvalue())
    return target


if __name__ == "__main__":  # CI (.ci/run): python tests/termspack.py DIR, then gridrules test --require-tests --pack DIR
    import sys

    print(build_terms_pack(pathlib.Path(sys.argv[1])))
