"""trainplan's CP-SAT search against its peers, side by side in one run, as ratios.

Instances: the built-in scenario, a generated province (``trainplan generate --units 20
--officials-per-unit 20 --districts 10 --seed 1``: 4,000 officials) and a small generated
district for quick runs (``--units 5 --officials-per-unit 10 --districts 2 --seed 1``).
Peers, each in a process of its own so that its peak memory is its own:

- ``trainplan``: CP-SAT as ``trainplan solve`` runs it (``solver.parameters``);
- ``greedy``: a careful human planner (``solver.greedy``), no engine;
- ``highs``: the same rules as a MIP solved by HiGHS (``solver.mip``);
- ``cpsat-default``: CP-SAT with its default parameters (as many workers as cores,
  linearization level 1), two stages as trainplan runs them.

Every plan is checked by trainplan's checker (``valid``). Printed per instance and peer: model
build time, solve time, status, both objectives, the money bound and gap, peak memory, and the
ratios peer / trainplan of solve time and money. Timings are measured, never asserted; the
machine's load (other jobs on its cores) is printed with them. Results go to
``benchmarks/results/peers-<date>.csv``.

    make bench                                            # or:
    .venv/bin/python benchmarks/peers_bench.py [--quick] [--time-limit 120]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
PEERS = ("trainplan", "greedy", "highs", "cpsat-default")
GENERATED = {
    "small district": {"units": 5, "officials_per_unit": 10, "districts": 2, "seed": 1},
    "province 4,000": {"units": 20, "officials_per_unit": 20, "districts": 10, "seed": 1},
}
COLUMNS = (
    "instance", "officials", "peer", "build_s", "solve_s", "status", "shortfall", "money",
    "money_bound", "gap", "peak_mib", "valid", "time_ratio", "money_ratio",
)  # fmt: skip


def run_one(folder: Path, peer: str, time_limit: float) -> dict[str, Any]:
    """Solve one instance with one peer, in this process; what it measured."""
    from trainplan.checking.checker import evaluate
    from trainplan.files import load_scenario
    from trainplan.solver import Engine, SolveOptions, solve
    from trainplan.solver.engines import HIGHS_FROM
    from trainplan.solver.greedy import greedy_plan
    from trainplan.solver.mip import solve_mip
    from trainplan.solver.model import PlanModel

    scenario = load_scenario(folder)
    row: dict[str, Any] = {"officials": len(scenario.officials), "peer": peer}
    build = 0.0
    if peer == "cpsat-default" or (peer == "trainplan" and len(scenario.officials) < HIGHS_FROM):
        began = time.perf_counter()
        PlanModel(scenario)  # the build alone, timed apart from the search
        build = time.perf_counter() - began
    began = time.perf_counter()
    if peer == "greedy":
        plan = greedy_plan(scenario)
    elif peer == "highs":
        plan = solve_mip(scenario, SolveOptions(time_limit=time_limit))
    elif peer == "trainplan":
        plan = solve(scenario, SolveOptions(time_limit=time_limit))
    else:
        cores = os.cpu_count() or 1
        options = SolveOptions(
            time_limit=time_limit, workers=cores, linearization_level=1, engine=Engine.CP_SAT
        )
        plan = solve(scenario, options)
    seconds = time.perf_counter() - began
    evaluation = evaluate(scenario, plan)
    info = plan.solver
    mip = info is not None and info.parameters.get("engine") == "highs"
    if mip:  # HiGHS times its own build (trainplan's default takes it from 1,000 officials)
        assert info is not None
        build = float(info.parameters.get("build_seconds", 0.0))
    row.update(
        build_s=round(build, 2),
        solve_s=round(seconds - (build if mip else 0.0), 2),
        status="-" if info is None else str(info.status),
        shortfall=float(evaluation.weighted_shortfall),
        money=float(evaluation.money),
        money_bound=None if info is None else info.bound.get("money"),
        gap=None if info is None else info.gap,
        valid=evaluation.valid,
        peak_mib=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    )
    return row


def measure(folder: Path, peer: str, time_limit: float) -> dict[str, Any]:
    """``run_one`` in a fresh Python process (its own peak memory), as JSON on stdout."""
    command = [
        sys.executable, __file__, "--one", str(folder), peer, "--time-limit", str(time_limit),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def shown(value: Any, spec: str = "") -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and spec:
        return format(value, spec)
    return str(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=120.0)
    parser.add_argument("--quick", action="store_true", help="built-in and the small district")
    parser.add_argument("--peers", default=",".join(PEERS))
    parser.add_argument("--one", nargs=2, metavar=("FOLDER", "PEER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(Path(args.one[0]), args.one[1], args.time_limit)))
        return

    from trainplan.generator.generate import generate

    peers = [p for p in args.peers.split(",") if p]
    rows: list[dict[str, Any]] = []
    load = os.getloadavg()
    print(
        f"machine: {os.cpu_count()} cores, load average {load[0]:.1f} (other jobs share the "
        f"cores: times are noisy); time limit {args.time_limit:.0f} s per solve"
    )
    with tempfile.TemporaryDirectory() as tmp:
        instances = [("built-in binh-gia-2018", ROOT / "scenarios" / "binh-gia-2018")]
        for name, size in GENERATED.items():
            if args.quick and name.startswith("province"):
                continue
            instances.append((name, generate(Path(tmp) / name.replace(" ", "-"), **size)))
        header = (
            f"{'instance':24} {'peer':14} {'offic.':>6} {'build s':>7} {'solve s':>8} "
            f"{'status':9} {'shortf.':>7} {'money VND':>16} {'bound':>16} {'gap':>7} "
            f"{'MiB':>5} {'valid':5} {'t/ours':>7} {'$/ours':>6}"
        )
        print(header)
        print("-" * len(header))
        for name, folder in instances:
            ours: dict[str, Any] | None = None
            for peer in peers:
                row = {"instance": name, **measure(folder, peer, args.time_limit)}
                if peer == "trainplan":
                    ours = row
                if ours is not None:
                    row["time_ratio"] = round(row["solve_s"] / max(ours["solve_s"], 1e-3), 2)
                    row["money_ratio"] = round(row["money"] / max(ours["money"], 1.0), 3)
                rows.append(row)
                gap = row.get("gap")
                print(
                    f"{name:24} {peer:14} {row['officials']:>6} {row['build_s']:>7.2f} "
                    f"{row['solve_s']:>8.2f} {row['status']:9} {row['shortfall']:>7g} "
                    f"{row['money']:>16,.0f} {shown(row['money_bound'], ',.0f'):>16} "
                    f"{'-' if gap is None else f'{gap:.2%}':>7} {row['peak_mib']:>5} "
                    f"{row['valid']!s:5} {shown(row.get('time_ratio')):>7} "
                    f"{shown(row.get('money_ratio')):>6}",
                    flush=True,
                )
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H%M")
    path = RESULTS / f"peers-{stamp}{'-quick' if args.quick else ''}.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column) for column in COLUMNS})
    print(f"wrote {path.relative_to(ROOT)} (ratios: peer / trainplan; > 1 = slower or dearer)")


if __name__ == "__main__":
    main()
