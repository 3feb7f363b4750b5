"""A bounded fuzz run over the CLI's batch reader and the pack's YAML loader.

    python benchmarks/fuzz.py --seconds 120 [--seed 1]

Hypothesis draws the inputs (the strategies of tests/fuzzing.py, and text mutations of
valid lines and of the bundled pack's files); each call is checked, not shrunk:

* batch: JSON Lines of mutated tasks/events and broken text through ``gridrules route`` /
  ``check-task --batch --format json`` (cli/docio.py with one Checker): the exit code is
  0, 1 or 2, every non-blank line gets exactly one answer line, each answer a decision or
  an error line of the documented shape; one document per file (``route FILE``) likewise;
* pack: one bundled pack file mutated, then read, validated and compiled
  (``engine.loading.load_files``): a Pack or a ``PackError``, nothing else.

Counted: calls, tracebacks (any other exception), aborted batches (a line unanswered,
or exit 3), hangs (a call over ``--hang`` seconds: the watchdog stops the run).  Exit 0
when all but calls are 0.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import pathlib
import sys
import tempfile
import threading
import time
import traceback
from typing import Any, Callable

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the strategies: tests/fuzzing.py

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from fuzzing import JSON, TEXT, events, mutated, tasks  # noqa: E402
from gridrules import Checker, load_pack  # noqa: E402
from gridrules.cli import docio  # noqa: E402
from gridrules.cli.check_task import exit_code as task_exit, render_line as task_line  # noqa: E402
from gridrules.cli.main import main  # noqa: E402
from gridrules.cli.route import exit_code as event_exit, render_line as event_line  # noqa: E402
from gridrules.decide.inputs import validate_event, validate_task  # noqa: E402
from gridrules.engine.loading import load_files  # noqa: E402
from gridrules.errors import PackError  # noqa: E402
from gridrules.pack.loader import bundled_root, pack_files  # noqa: E402

# characters that break parsers: brackets, quotes, escapes, YAML indicators, line breaks of all kinds
NASTY = st.sampled_from(list('{}[]:,"\'\\\n\r\t -#&*!|>%@`?~') + ["\u2028", "\u2029", "\u0085", "\ufeff", "\\ud83d",
                        "\\ude00", "\\u0000", "9" * 40, "1e999", "NaN", "null", "9999-12-31T23:59:59+14:00", "-00:60"])


@st.composite
def text_mutation(draw, text: str) -> str:
    """``text`` with a few cuts, insertions and replacements."""
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        piece = draw(NASTY | st.text(TEXT, max_size=3))
        cut = draw(st.integers(0, 3))
        text = text[:at] + piece + text[at + cut:]
    return text


class Tally:
    def __init__(self) -> None:
        self.calls = self.tracebacks = self.aborted = self.hangs = 0
        self.examples: list[str] = []
        self.started = 0.0

    def fail(self, kind: str, what: str) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        if len(self.examples) < 10:
            self.examples.append(f"{kind}: {what[:1500]}")


def _watchdog(tally: Tally, limit: float) -> None:
    while True:
        time.sleep(1)
        if tally.started and time.monotonic() - tally.started > limit:
            tally.hangs += 1
            print(f"HANG: a call ran over {limit:g} s", file=sys.stderr, flush=True)
            report(tally)
            os._exit(4)


class Fuzz:
    def __init__(self, tally: Tally, workdir: pathlib.Path):
        self.tally = tally
        self.pack = load_pack()
        self.checker = Checker(self.pack)
        self.workdir = workdir
        self.files = pack_files(bundled_root())

    def call(self, what: str, fn: Callable[[], Any]) -> Any:
        self.tally.calls += 1
        self.tally.started = time.monotonic()
        try:
            return fn()
        except Exception:
            self.tally.fail("tracebacks", f"{what}\n{traceback.format_exc()}")
            return None
        finally:
            self.tally.started = 0.0

    def batch(self, command: str, lines: list[str]) -> None:
        path = self.workdir / "in.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        args: tuple[Any, ...]
        if command == "route":
            args = (validate_event, self.checker.route_event, event_line, event_exit)
        else:
            args = (validate_task, self.checker.check_task, task_line, task_exit)
        out = io.StringIO()

        def run() -> int:
            with contextlib.redirect_stdout(out):
                return docio.decide_command(str(path), "json", True, self.pack, args[0], args[1], None, args[2], args[3])

        code = self.call(f"{command} --batch {lines!r}", run)
        answers = out.getvalue().split("\n")[:-1]  # JSON Lines: records end at \n only
        wanted = [n for n, line in enumerate(path.read_bytes().decode("utf-8").split("\n"), 1) if line.strip()]
        if code not in (0, 1, 2) or len(answers) != len(wanted):
            self.tally.fail("aborted", f"{command} exit {code}, {len(answers)} answers for {len(wanted)} lines: {lines!r}")
            return
        for number, answer in zip(wanted, answers):
            row = json.loads(answer)
            if "error" in row and (set(row) != {"line", "error", "problems"} or row["line"] != number
                                   or any(p["line"] != number or p["path"] != str(path) for p in row["problems"])):
                self.tally.fail("aborted", f"error line of another shape: {answer}")

    def document(self, command: str, text: str) -> None:
        path = self.workdir / "doc.yaml"
        path.write_text(text, encoding="utf-8")
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
            code = self.call(f"{command} {text!r}", lambda: main([command, str(path), "--at", "2026-11-25T10:00:00+08:00"]))
        if code not in (0, 1, 2) or "unexpected error" in err.getvalue():
            self.tally.fail("tracebacks", f"{command} FILE exit {code}: {text!r}\n{err.getvalue()}")

    def pack_file(self, index: int, text: str) -> None:
        files = list(self.files)
        rel, _ = files[index]
        files[index] = (rel, text.encode("utf-8", "surrogatepass"))

        def load() -> None:
            try:
                load_files(files, "fuzz")
            except PackError:
                pass

        self.call(f"pack {rel}: {text!r}", load)


def report(tally: Tally) -> None:
    print(json.dumps({"calls": tally.calls, "tracebacks": tally.tracebacks, "aborted_batches": tally.aborted,
                      "hangs": tally.hangs}))
    for example in tally.examples:
        print(example, file=sys.stderr)


def run(seconds: float, first_seed: int, hang: float) -> Tally:
    tally = Tally()
    threading.Thread(target=_watchdog, args=(tally, hang), daemon=True).start()
    with tempfile.TemporaryDirectory() as tmp:
        fuzz = Fuzz(tally, pathlib.Path(tmp))
        pack = fuzz.pack
        texts = [(i, data.decode("utf-8")) for i, (rel, data) in enumerate(fuzz.files) if rel.endswith(".yaml")]
        docs = st.one_of(tasks(pack), events(pack))
        line = st.one_of(
            docs.map(lambda d: json.dumps(d, ensure_ascii=False)),
            docs.flatmap(mutated).map(lambda d: json.dumps(d, ensure_ascii=False)),
            docs.map(json.dumps).flatmap(text_mutation),
            JSON.map(json.dumps),
            st.text(TEXT, max_size=30),
        ).map(lambda s: s.replace("\n", " "))
        deadline = time.monotonic() + seconds
        round_seed = first_seed

        @settings(max_examples=50, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(st.sampled_from(["route", "check-task"]), st.lists(line, min_size=1, max_size=20),
               st.one_of(docs.map(json.dumps), docs.map(json.dumps).flatmap(text_mutation)),
               st.sampled_from(texts).flatmap(lambda it: st.tuples(st.just(it[0]), text_mutation(it[1]))))
        def one(command: str, lines: list[str], document: str, pack_edit: tuple[int, str]) -> None:
            if time.monotonic() > deadline:
                return
            fuzz.batch(command, lines)
            fuzz.document(command, document)
            fuzz.pack_file(*pack_edit)

        while time.monotonic() < deadline:
            seed(round_seed)(one)()
            round_seed += 1
    return tally


def main_() -> int:
    parser = argparse.ArgumentParser(description="Bounded fuzz run over the batch reader and the YAML loader.")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hang", type=float, default=30.0, help="seconds one call may take before it counts as a hang")
    args = parser.parse_args()
    started = time.monotonic()
    tally = run(args.seconds, args.seed, args.hang)
    report(tally)
    print(f"({time.monotonic() - started:.0f} s, seeds {args.seed}..)", file=sys.stderr)
    return 0 if not (tally.tracebacks or tally.aborted or tally.hangs) else 1


if __name__ == "__main__":
    sys.exit(main_())
