"""A sweep of the built-in scenario's yearly budget over 7 levels, one variant after another
and side by side on a local Dask cluster (``solver.distributed``): wall time, the same plans,
and a monotone front (more money never lowers attainment).

Each run is a list of ``JOBS:WORKERS`` (Dask workers, CP-SAT workers per variant); the first is
the reference whose plans the others must equal. Timings are measured, never asserted.

    .venv/bin/python benchmarks/sweep_bench.py [--runs 1:8,2:8] [--time-limit 120]
"""

from __future__ import annotations

import argparse
import itertools
import os
import time

from trainplan.checking.checker import evaluate
from trainplan.models.whatif import variants
from trainplan.scenarios import builtin
from trainplan.solver import SolveOptions
from trainplan.solver.distributed import Cluster
from trainplan.solver.sweep import sweep_parallel

BUDGETS = "budget.per_year=0:60000000:7"
"""0 to 60 M VND a year: from no course to most targets met, each level a different plan."""


def run(jobs: int, workers: int, time_limit: float) -> tuple[float, list[tuple]]:
    """Wall seconds and (budget, status, shortfall, money, enrollments) per variant."""
    from trainplan.files import load_scenario

    scenario = load_scenario(builtin())
    found = variants(scenario, [BUDGETS])
    began = time.perf_counter()
    rows: dict[int, tuple] = {}
    options = SolveOptions(time_limit=time_limit, workers=workers)
    for index, outcome in sweep_parallel(found, options, Cluster(jobs=jobs)):
        evaluation = evaluate(outcome.variant.scenario, outcome.plan)
        rows[index] = (
            outcome.variant.settings[0][1],
            str(outcome.status),
            float(evaluation.weighted_shortfall),
            float(evaluation.money),
            outcome.plan.enrollments,
        )
    return time.perf_counter() - began, [rows[i] for i in sorted(rows)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", default="1:8,2:8")
    parser.add_argument("--time-limit", type=float, default=120.0)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores, load average {load:.1f} (shared: times are noisy)")
    reference: tuple[float, list[tuple]] | None = None
    for text in args.runs.split(","):
        jobs, workers = (int(part) for part in text.split(":"))
        seconds, rows = run(jobs, workers, args.time_limit)
        shortfalls = [row[2] for row in rows]
        monotone = all(a >= b for a, b in itertools.pairwise(shortfalls))
        same = "-" if reference is None else str(rows == reference[1])
        ratio = "-" if reference is None else f"{seconds / reference[0]:.2f}"
        print(
            f"jobs {jobs} x {workers} CP-SAT workers: {seconds:6.1f} s wall (ratio to first "
            f"{ratio}); front monotone {monotone}; same plans as first {same}"
        )
        for budget, status, shortfall, money, _ in rows:
            print(
                f"    {budget:>12,} VND/year  {status:9} shortfall {shortfall:5g}  "
                f"money {money:,.0f}"
            )
        if reference is None:
            reference = (seconds, rows)


if __name__ == "__main__":
    main()
