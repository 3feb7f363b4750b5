"""Running ``gridrules`` in-process for the CLI tests: main() with arguments and optional stdin."""

from __future__ import annotations

import io

from gridrules.cli.main import main


def run(capsys, monkeypatch, args, stdin=None):
    """(exit code, stdout, stderr) of ``gridrules ARGS``."""
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err
