"""A generated country solved province by province on Dask (``solve --by-province``), with 1
and 2 local Dask workers: wall time, speed-up, peak memory of the whole process tree (the Dask
workers too), combined objective, bound and gap, and whether ``check`` accepts the joined plan
against the whole scenario. Each run is a process of its own.

    .venv/bin/python benchmarks/country_bench.py --provinces 60 --districts 2 --units 10 \
        --per-unit 25 --jobs 1,2 --time-limit 0 --engine auto

``--time-limit`` is the whole run's budget, as ``solve --by-province`` takes it (0: none, each
province to its proof or HiGHS's gap, and the bound of the whole).

Timings are measured, never asserted; the machine may be shared (say so when quoting them).
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def peak_rss(stop: threading.Event, found: list[int]) -> None:
    """Sample the RSS of this process and all its children until ``stop``: the peak, in bytes."""
    import psutil

    me = psutil.Process()
    while not stop.is_set():
        total = 0
        for process in [me, *me.children(recursive=True)]:
            try:
                total += process.memory_info().rss
            except psutil.Error:
                continue
        found[0] = max(found[0], total)
        time.sleep(0.25)


def run_one(folder: Path, jobs: int, time_limit: float, engine: str) -> dict[str, object]:
    """Load, split, solve by province on ``jobs`` Dask workers, check: what a run measures."""
    from trainplan.checking.checker import evaluate
    from trainplan.files.loader import load_scenario
    from trainplan.models.split import split_by_province
    from trainplan.solver import Engine, SolveOptions
    from trainplan.solver.distributed import Cluster
    from trainplan.solver.provinces import ProvinceDone, solve_by_province

    stop, peak = threading.Event(), [0]
    sampler = threading.Thread(target=peak_rss, args=(stop, peak), daemon=True)
    sampler.start()
    started = time.monotonic()
    scenario = load_scenario(folder)
    loaded = time.monotonic()
    split = split_by_province(scenario)
    parted = time.monotonic()

    def show(done: ProvinceDone) -> None:
        if done.phase == "priced":
            print(f"  prices kept: {done.prices}", file=sys.stderr, flush=True)
            return
        if done.phase == "prices":
            print(
                f"  {time.monotonic() - started:7.1f} s prices try {done.done}: sample bound"
                f" {done.bound or 0:,.0f}",
                file=sys.stderr,
                flush=True,
            )
            return
        gap = "-" if done.gap is None else f"{100 * done.gap:.3f} % ({done.bound_of})"
        own = "-" if done.province_gap is None else f"{100 * done.province_gap:.3f} %"
        print(
            f"  {time.monotonic() - started:7.1f} s {done.phase} [{done.done}/{done.count}]"
            f" {done.province} {done.status} (own gap {own})"
            f" shortfall {done.objective.get('targets', 0):g}"
            f" money {done.objective.get('money', 0):,.0f} gap {gap}",
            file=sys.stderr,
            flush=True,
        )

    options = SolveOptions(time_limit=time_limit or None, engine=Engine(engine))
    plan, _ = solve_by_province(scenario, options, Cluster(jobs), show, split)
    solved = time.monotonic()
    evaluation = evaluate(scenario, plan)
    checked = time.monotonic()
    stop.set()
    sampler.join()
    assert plan.solver is not None
    return {
        "officials": len(scenario.officials),
        "provinces": len(split.parts),
        "jobs": jobs,
        "engine": engine,
        "time_limit": time_limit,
        "load_s": round(loaded - started, 1),
        "split_s": round(parted - loaded, 1),
        "solve_s": round(solved - parted, 1),
        "check_s": round(checked - solved, 1),
        "status": str(plan.solver.status),
        "shortfall": plan.solver.objective.get("targets", 0.0),
        "money": plan.solver.objective.get("money", 0.0),
        "money_bound": plan.solver.bound.get("money", 0.0),
        "gap_pct": _pct(plan.solver.gap),
        "bound_of": plan.solver.parameters.get("bound_of"),
        "bound_by": plan.solver.parameters.get("bound_by"),
        "split_gap_pct": _pct(plan.solver.parameters.get("split_gap")),
        "shared": len(split.shared),
        "split_targets": len(split.split_targets),
        "violations": len(evaluation.violations),
        "whole_shortfall": float(evaluation.weighted_shortfall),
        "peak_mib": round(peak[0] / 2**20),
        "wall_s": round(checked - started, 1),
    }


def _pct(fraction: object) -> float | None:
    return None if fraction is None else round(100 * float(fraction), 4)  # type: ignore[arg-type]


def run_whole(folder: Path, time_limit: float, engine: str) -> dict[str, object]:
    """The whole country in one model, for comparison: time, status, gap, peak memory."""
    from trainplan.checking.checker import evaluate
    from trainplan.files.loader import load_scenario
    from trainplan.solver import Engine, SolveOptions, solve

    stop, peak = threading.Event(), [0]
    sampler = threading.Thread(target=peak_rss, args=(stop, peak), daemon=True)
    sampler.start()
    scenario = load_scenario(folder)
    started = time.monotonic()
    plan = solve(scenario, SolveOptions(time_limit=time_limit, engine=Engine(engine)))
    solved = time.monotonic()
    evaluation = evaluate(scenario, plan)
    stop.set()
    sampler.join()
    assert plan.solver is not None
    return {
        "officials": len(scenario.officials),
        "jobs": "whole",
        "engine": engine,
        "time_limit": time_limit,
        "solve_s": round(solved - started, 1),
        "status": str(plan.solver.status),
        "shortfall": plan.solver.objective.get("targets", 0.0),
        "money": plan.solver.objective.get("money", 0.0),
        "money_bound": plan.solver.bound.get("money", 0.0),
        "gap_pct": round(100 * (plan.solver.gap or 0.0), 4),
        "violations": len(evaluation.violations),
        "peak_mib": round(peak[0] / 2**20),
    }


def run_greedy(folder: Path) -> dict[str, object]:
    """The peer: the greedy planner (what a careful human planner does) on the whole country
    at once, checked as the joined plans are."""
    from trainplan.checking.checker import evaluate
    from trainplan.files.loader import load_scenario
    from trainplan.solver.greedy import greedy_plan

    stop, peak = threading.Event(), [0]
    sampler = threading.Thread(target=peak_rss, args=(stop, peak), daemon=True)
    sampler.start()
    scenario = load_scenario(folder)
    started = time.monotonic()
    plan = greedy_plan(scenario)
    solved = time.monotonic()
    evaluation = evaluate(scenario, plan)
    stop.set()
    sampler.join()
    return {
        "officials": len(scenario.officials),
        "jobs": "greedy",
        "solve_s": round(solved - started, 1),
        "status": "-",
        "shortfall": float(evaluation.weighted_shortfall),
        "money": float(evaluation.money),
        "violations": len(evaluation.violations),
        "whole_shortfall": float(evaluation.weighted_shortfall),
        "peak_mib": round(peak[0] / 2**20),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provinces", type=int, default=60)
    parser.add_argument("--districts", type=int, default=2)
    parser.add_argument("--units", type=int, default=10)
    parser.add_argument("--per-unit", type=int, default=25)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument(
        "--jobs", default="greedy,1,2", help="Dask workers per run; greedy: the peer, whole"
    )
    parser.add_argument("--time-limit", type=float, default=900.0)
    parser.add_argument("--engine", default="auto")
    parser.add_argument(
        "--whole", action="store_true", help="solve the whole country in one model instead"
    )
    parser.add_argument("--run", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run is not None:
        print(json.dumps(run_one(args.folder, args.run, args.time_limit, args.engine)))
        return
    if args.jobs == "greedy" and args.folder is not None:
        print(json.dumps(run_greedy(args.folder)))
        return
    if args.whole and args.folder is not None:
        print(json.dumps(run_whole(args.folder, args.time_limit, args.engine)))
        return
    from trainplan.generator.generate import generate

    size = f"{args.provinces}x{args.districts}x{args.units}x{args.per_unit}-s{args.seed}"
    folder = ROOT / "build" / "bench" / f"country-{size}"
    if not (folder / "scenario.yaml").exists():
        generate(
            folder,
            units=args.units,
            officials_per_unit=args.per_unit,
            seed=args.seed,
            districts=args.districts,
            provinces=args.provinces,
        )
    if args.whole:
        done = subprocess.run(
            [
                sys.executable,
                __file__,
                "--whole",
                "--folder",
                str(folder),
                "--time-limit",
                str(args.time_limit),
                "--engine",
                args.engine,
            ],
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        )
        print(done.stdout.strip().splitlines()[-1])
        return
    rows = []
    for jobs in args.jobs.split(","):
        print(f"country {size}, {jobs} Dask worker(s), {args.engine}", file=sys.stderr)
        which = ["--jobs", "greedy"] if jobs == "greedy" else ["--run", jobs]
        done = subprocess.run(
            [
                sys.executable,
                __file__,
                *which,
                "--folder",
                str(folder),
                "--time-limit",
                str(args.time_limit),
                "--engine",
                args.engine,
            ],
            check=True,
            capture_output=False,
            stdout=subprocess.PIPE,
            text=True,
        )
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), flush=True)
    solved = [row for row in rows if row["jobs"] != "greedy"]
    peer = next((row for row in rows if row["jobs"] == "greedy"), None)
    first = float(str(solved[0]["solve_s"])) if solved else None
    for row in rows:  # ratios against one Dask worker, and against the greedy peer's money
        own = float(str(row["solve_s"]))
        row["speed_up"] = None if first is None or row is peer else round(first / own, 2)
        money = float(str(peer["money"])) if peer else 0.0
        row["money_vs_greedy"] = round(float(str(row["money"])) / money, 3) if money else None
    fields = list(dict.fromkeys(key for row in rows for key in row))
    results = HERE / "results" / f"country-{datetime.now():%Y-%m-%dT%H%M}.csv"
    with results.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    for row in rows:
        print(
            f"jobs {row['jobs']}: solve {row['solve_s']} s (speed-up {row['speed_up']}),"
            f" peak {row['peak_mib']} MiB, {row['status']}, gap {row.get('gap_pct')} %"
            f" ({row.get('bound_of')}), violations {row['violations']},"
            f" money {row['money']:,.0f} ({row['money_vs_greedy']} of greedy's)"
        )
    print(f"written {results}")


if __name__ == "__main__":
    main()
