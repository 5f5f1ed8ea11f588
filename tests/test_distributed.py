"""Solving side by side on Dask distributed (``trainplan.solver.distributed``) and the sweep
that uses it (``trainplan sweep --jobs N``).

The scenario is a generated district of 2 units of 5 officials (seed 3): small enough that each
variant is proven optimal in well under a second, large enough that its plans hold several
courses, classes and lecturers, so that two runs agreeing on them says something.
"""

from __future__ import annotations

import csv
import itertools
import operator
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from trainplan.generator.generate import generate
from trainplan.solver.distributed import Cluster, default_jobs, run_tasks

TRAINPLAN = Path(sys.executable).parent / "trainplan"
PLAN_TABLES = ("enrollments.csv", "classes.csv", "attainment.csv")
BUDGETS = "budget.per_year=0:150000000:4"
"""Four yearly budgets, 0 to 150 M VND: from no course at all to most of what the targets ask."""


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("district") / "scenario"
    return generate(folder, units=2, officials_per_unit=5, seed=3)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TRAINPLAN_STRICT_WORDS": "1"}
    return subprocess.run(
        [str(TRAINPLAN), *args], capture_output=True, text=True, env=env, timeout=300
    )


def table(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def sleep_then(seconds: float) -> float:
    """A task that takes ``seconds`` (importable by the workers: this module is on their
    path, and cloudpickle sends it by value otherwise)."""
    time.sleep(seconds)
    return seconds


# ------------------------------------------------------------------ the executor


def test_one_job_is_no_cluster_and_a_default_never_below_one() -> None:
    assert not Cluster(jobs=1).parallel
    assert Cluster(jobs=2).parallel and Cluster(jobs=1, scheduler="tcp://x:8786").parallel
    assert default_jobs() >= 1


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_task_comes_back_once_with_its_index(jobs: int) -> None:
    items = [3, -1, 4, -1, 5]
    found = list(run_tasks(operator.neg, items, Cluster(jobs=jobs), threading.Event()))
    assert sorted(found) == [(0, -3), (1, 1), (2, -4), (3, 1), (4, -5)]
    if jobs == 1:  # here, in order
        assert [index for index, _ in found] == [0, 1, 2, 3, 4]


def test_a_stop_keeps_what_finished_and_ends_the_rest() -> None:
    """The quick task finishes, the stop comes, the two long ones are never yielded (closing
    the local cluster ends them: the test does not wait 60 s)."""
    stop = threading.Event()
    found = []
    for index, result in run_tasks(sleep_then, [0.0, 60.0, 60.0], Cluster(jobs=2), stop):
        found.append((index, result))
        stop.set()
    assert found == [(0, 0.0)]


def test_a_stop_before_anything_runs_yields_nothing() -> None:
    stop = threading.Event()
    stop.set()
    assert list(run_tasks(operator.neg, [1, 2], Cluster(jobs=1), stop)) == []
    assert list(run_tasks(operator.neg, [1, 2], Cluster(jobs=2), stop)) == []


# ------------------------------------------------------------------ a parallel sweep


@pytest.fixture(scope="module")
def sweeps(district: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """The same sweep with one job (here, one variant after another) and with two Dask
    workers of a local cluster."""
    folders = {}
    for jobs in (1, 2):
        out = tmp_path_factory.mktemp(f"jobs{jobs}") / "sweep"
        result = run(
            "sweep", str(district), "--vary", BUDGETS, "--out", str(out), "--jobs", str(jobs),
            "--time-limit", "60",
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert "[4/4]" in result.stderr and "sweep.csv" in result.stdout
        folders[jobs] = out
    return folders


def test_two_dask_workers_give_the_same_sweep_and_plans_as_one(sweeps: dict[int, Path]) -> None:
    one, two = sweeps[1], sweeps[2]
    rows = table(one / "sweep.csv")
    assert [r["status"] for r in rows] == ["OPTIMAL"] * 4
    assert table(two / "sweep.csv") == rows  # the variants' order, whatever finished first
    for row in rows:
        for name in PLAN_TABLES:
            assert (two / row["plan"] / name).read_bytes() == (
                one / row["plan"] / name
            ).read_bytes()
    assert len(table(one / rows[-1]["plan"] / "enrollments.csv")) > 0


def test_more_money_never_lowers_attainment(sweeps: dict[int, Path]) -> None:
    """The front of a budget sweep is monotone: each budget allows every plan a smaller one
    does, so the least shortfall never rises as the budget grows, and some budget helps."""
    rows = table(sweeps[2] / "sweep.csv")
    budgets = [int(r["budget.per_year"]) for r in rows]
    shortfalls = [int(r["shortfall"]) for r in rows]
    assert budgets == sorted(budgets)
    assert all(a >= b for a, b in itertools.pairwise(shortfalls))
    assert shortfalls[-1] < shortfalls[0]
    assert int(rows[0]["money"]) == 0  # no budget, no course


def test_sweep_csv_keeps_the_variants_order_whatever_finishes_first(tmp_path: Path) -> None:
    """A parallel sweep hands outcomes back as they finish: the third variant first here."""
    from tests.test_sweep import seats_scenario
    from trainplan.files.sweepio import SweepWriter
    from trainplan.models.plan import Plan, SolveStatus
    from trainplan.models.whatif import Outcome, variants

    base = seats_scenario()
    found = variants(base, ["offerings.deg.2020.seats=0:2:3"])
    writer = SweepWriter(tmp_path / "order", base, found)
    for index in (2, 0, 1):
        writer.add(index, Outcome(found[index], SolveStatus.INFEASIBLE, Plan(), 0.0))
    rows = table(tmp_path / "order" / "sweep.csv")
    assert [r["offerings.deg.2020.seats"] for r in rows] == ["0", "1", "2"]


def test_an_existing_cluster_is_used_by_its_scheduler_address() -> None:
    """``--scheduler ADDRESS``: the tasks run on that cluster's workers, which stay up after."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        found = run_tasks(operator.neg, [1, 2, 3], Cluster(scheduler=address), threading.Event())
        assert sorted(found) == [(0, -1), (1, -2), (2, -3)]
        with Client(address) as client:  # still there for the next run
            assert len(client.scheduler_info()["workers"]) == 1
