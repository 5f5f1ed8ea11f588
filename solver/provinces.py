"""``solve --by-province``: a country solved province by province, side by side on Dask.

The scenario is split by ``trainplan.models.split`` (each province's part holds its share of
what provinces share); each part is one task on the executor of ``solver.distributed`` (a
local cluster by default, or an existing one by its scheduler address), so at most one model
per Dask worker exists at any time. The parts' plans are joined into one plan of the whole
scenario: each part keeps its share of every shared capacity, so the union keeps every rule
(``trainplan check`` against the whole scenario says so).

The combined objective is the sum of the parts' objectives. Its bound:

- nothing shared and no target split: the sum of the parts' bounds, the whole scenario's bound;
- something shared, no target split: the sum of the bounds of the parts with every shared
  capacity wholly their own (``Part.relaxed``, one more task each), a bound of the whole;
- a target split (its population spans provinces): the sum of the parts' bounds, a bound of
  the split problem only (each province asked the target's share of its own population).

``ProvinceDone`` reports each finished province with the running totals and combined gap.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from trainplan.models.fingerprint import input_hash
from trainplan.models.plan import ClassRow, Plan, SolverInfo, SolveStatus
from trainplan.models.scenario import Scenario
from trainplan.models.split import Split, split_by_province
from trainplan.solver.distributed import Cluster, run_tasks
from trainplan.solver.engines import solve
from trainplan.solver.parameters import Engine, SolveOptions

OBJECTIVES = ("targets", "money")
"""The stages whose values and bounds add up over provinces (``SolverInfo.objective``)."""


@dataclass(frozen=True)
class ProvinceJob:
    """What a Dask worker needs to solve one province: its part and the solve's options."""

    province: str
    scenario: Scenario
    relaxed: bool
    """The part with every shared capacity its own: solved for its bound only."""
    time_limit: float | None
    seed: int
    workers: int
    engine: Engine


def solve_province(job: ProvinceJob) -> Plan:
    """One province's part solved on a worker (module level, so workers can import it)."""
    options = SolveOptions(
        time_limit=job.time_limit,
        seed=job.seed,
        workers=job.workers,
        deterministic=not job.relaxed,
        engine=job.engine,
    )
    return solve(job.scenario, options)


@dataclass
class Totals:
    """The running sums over the provinces done."""

    objective: dict[str, float] = field(default_factory=lambda: dict.fromkeys(OBJECTIVES, 0.0))
    bound: dict[str, float] = field(default_factory=lambda: dict.fromkeys(OBJECTIVES, 0.0))
    proven: bool = True
    unknown: int = 0
    """Provinces with no plan found in time: the sums lack them, no gap is claimed."""

    def add(self, info: SolverInfo, *, plan: bool, bound: bool) -> None:
        for name in OBJECTIVES:
            if plan:
                self.objective[name] += info.objective.get(name, 0.0)
            if bound:
                self.bound[name] += info.bound.get(name, info.objective.get(name, 0.0))
        if plan:
            self.proven = self.proven and info.status == SolveStatus.OPTIMAL

    @property
    def gap(self) -> float:
        """Relative gap of the first stage the bound leaves open (shortfall, else money)."""
        for name in OBJECTIVES:
            value, bound = self.objective[name], self.bound[name]
            if value - bound > 1e-9 * max(1.0, abs(value)):
                return (value - bound) / max(1.0, abs(value))
        return 0.0


@dataclass(frozen=True)
class ProvinceDone:
    """Progress: one more province finished (``done`` of ``count``), and the totals so far."""

    province: str
    done: int
    count: int
    status: SolveStatus
    objective: dict[str, float]
    gap: float


def solve_by_province(
    scenario: Scenario,
    options: SolveOptions,
    cluster: Cluster,
    progress: Callable[[ProvinceDone], None] | None = None,
    split: Split | None = None,
) -> tuple[Plan, Split]:
    """The plan of the whole ``scenario`` joined from its provinces' plans, and the split.

    Raises
    ------
    InputError
        When a unit names no province, or when re-planning (``models.split``).
    Infeasible
        When a province's hard rules leave it no plan (names them).
    """
    started = time.monotonic()
    split = split or split_by_province(scenario)
    jobs = [
        ProvinceJob(
            part.province,
            scenario_of,
            relaxed,
            options.time_limit,
            options.seed,
            options.workers,
            options.engine,
        )
        for part in split.parts
        for scenario_of, relaxed in ((part.scenario, False), (part.relaxed, True))
        if scenario_of is not None
    ]
    plans: dict[str, Plan] = {}
    totals = Totals()
    relaxing = any(job.relaxed for job in jobs)
    for index, plan in run_tasks(solve_province, jobs, cluster, options.stop):
        job = jobs[index]
        assert plan.solver is not None
        totals.add(plan.solver, plan=not job.relaxed, bound=job.relaxed or not relaxing)
        if job.relaxed:
            continue
        if plan.solver.status == SolveStatus.UNKNOWN:  # no plan in time: the province plans
            totals.proven = False  # nothing, and the totals miss its objective
            totals.unknown += 1
        plans[job.province] = plan
        if progress is not None:
            progress(
                ProvinceDone(
                    job.province,
                    len(plans),
                    len(split.parts),
                    plan.solver.status,
                    dict(totals.objective),
                    totals.gap,
                )
            )
    return joined(scenario, split, plans, totals, options, started), split


def joined(
    scenario: Scenario,
    split: Split,
    plans: dict[str, Plan],
    totals: Totals,
    options: SolveOptions,
    started: float,
) -> Plan:
    """One plan of the whole scenario from the provinces' plans; classes of one course and
    year in several provinces are numbered on from each other."""
    enrollments = [e for plan in plans.values() for e in plan.enrollments]
    classes: list[ClassRow] = []
    numbered: dict[tuple[str, int], int] = defaultdict(int)
    for province in sorted(plans):
        offset = dict(numbered)
        for row in plans[province].classes:
            key = (row.course_id, row.year)
            number = offset.get(key, 0) + row.class_no
            classes.append(
                ClassRow(row.course_id, row.year, number, row.learners, row.lecturer_id, row.hours)
            )
            numbered[key] = max(numbered[key], number)
    complete = len(plans) == len(split.parts)
    interrupted = options.stop.is_set() or not complete
    status = (
        SolveStatus.OPTIMAL
        if complete and totals.proven and not split.split_targets and totals.gap == 0
        else SolveStatus.FEASIBLE
        if plans
        else SolveStatus.UNKNOWN
    )
    info = SolverInfo(
        status=status,
        objective=dict(totals.objective),
        bound=dict(totals.bound),
        gap=totals.gap if complete and not totals.unknown else None,
        seconds=round(time.monotonic() - started, 3),
        seed=options.seed,
        workers=options.workers,
        time_limit=options.time_limit,
        interrupted=interrupted,
        parameters={
            "by_province": len(split.parts),
            "engine": str(options.engine),
            "shared": len(split.shared),
            "split_targets": list(split.split_targets),
            "bound_of": "whole" if not split.split_targets else "split",
        },
        input_hash=input_hash(scenario),
    )
    return Plan(tuple(enrollments), tuple(classes), info)
