"""``gridrules bench``: measuring the checker (``run``), on distinct random inputs
(``random_inputs``) and, labelled, on a repeated-input mix (``samples``)."""

from gridrules.bench.random_inputs import random_events, random_tasks
from gridrules.bench.run import conditions, cpu_model, engine_calls, run
from gridrules.bench.samples import BENCH_AT, sample_events, sample_tasks

__all__ = ["BENCH_AT", "conditions", "cpu_model", "engine_calls", "random_events", "random_tasks", "run",
           "sample_events", "sample_tasks"]
