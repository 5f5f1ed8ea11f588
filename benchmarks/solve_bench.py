"""Solve the built-in scenario and a generated province; print time, status and gap.

Each instance is solved twice in the same run: with trainplan's settings
(``trainplan.solver.parameters``: 8 workers, linearization level 2) and with a peer, CP-SAT's
defaults for this machine (as many workers as cores, linearization level 1). The ratio
peer/ours is printed; > 1 means ours is faster. Timings are measured, never asserted.

    .venv/bin/python benchmarks/solve_bench.py [--time-limit 120] [--province-officials 4000]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from trainplan.checking.checker import evaluate
from trainplan.files import load_scenario
from trainplan.solver import Engine, SolveOptions, solve
from trainplan.solver.parameters import LINEARIZATION_LEVEL, WORKERS

ROOT = Path(__file__).resolve().parent.parent


def run(name: str, folder: Path, time_limit: float, workers: int, linearization: int) -> dict:
    started = time.perf_counter()
    scenario = load_scenario(folder)
    loaded = time.perf_counter() - started
    plan = solve(
        scenario,
        SolveOptions(  # CP-SAT's own settings compared: the engine forced
            time_limit=time_limit,
            workers=workers,
            linearization_level=linearization,
            engine=Engine.CP_SAT,
        ),
    )
    evaluation = evaluate(scenario, plan)
    assert plan.solver is not None
    return {
        "name": name,
        "officials": len(scenario.officials),
        "load_s": loaded,
        "solve_s": plan.solver.seconds,
        "status": plan.solver.status,
        "gap": plan.solver.gap,
        "stages": ", ".join(
            f"{s['name']} {s['status']} {s['seconds']:.1f}s" for s in plan.solver.stages
        ),
        "shortfall": float(evaluation.weighted_shortfall),
        "money": float(evaluation.money),
        "valid": evaluation.valid,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=120.0)
    parser.add_argument("--province-officials", type=int, default=4000)
    parser.add_argument("--skip-peer", action="store_true")
    args = parser.parse_args()

    from trainplan.generator.generate import generate

    instances = [("built-in binh-gia-2018", ROOT / "scenarios" / "binh-gia-2018")]
    with tempfile.TemporaryDirectory() as tmp:
        per_unit = 20
        units = 20
        districts = max(1, round(args.province_officials / (per_unit * units)))
        province = generate(
            Path(tmp) / "province",
            units=units,
            officials_per_unit=per_unit,
            seed=1,
            districts=districts,
            provinces=1,
        )
        instances.append((f"generated province ({districts} districts)", province))
        cores = os.cpu_count() or 1
        print(f"machine: {cores} cores; time limit {args.time_limit:.0f} s per solve")
        header = (
            f"{'instance':38} {'settings':22} {'officials':>9} {'load s':>7} {'solve s':>8} "
            f"{'status':9} {'gap':>7} {'shortfall':>9} {'money VND':>16} valid"
        )
        print(header)
        print("-" * len(header))
        for name, folder in instances:
            ours = run(name, folder, args.time_limit, WORKERS, LINEARIZATION_LEVEL)
            rows = [(f"trainplan ({WORKERS} w, lin {LINEARIZATION_LEVEL})", ours)]
            if not args.skip_peer:
                rows.append(
                    (
                        f"CP-SAT default ({cores} w, lin 1)",
                        run(name, folder, args.time_limit, cores, 1),
                    )
                )
            for label, r in rows:
                gap = "-" if r["gap"] is None else f"{r['gap']:.2%}"
                print(
                    f"{name:38} {label:22} {r['officials']:>9} {r['load_s']:>7.2f} "
                    f"{r['solve_s']:>8.1f} {r['status']:9} {gap:>7} {r['shortfall']:>9g} "
                    f"{r['money']:>16,.0f} {r['valid']}"
                )
                print(f"{'':38} stages: {r['stages']}")
            if len(rows) == 2:
                peer = rows[1][1]
                ratio = peer["solve_s"] / max(ours["solve_s"], 1e-9)
                print(f"{'':38} time ratio peer/ours: {ratio:.2f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
