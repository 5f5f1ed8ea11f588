"""Solving the variants of a sweep (``trainplan sweep``), one after another or side by side.

Each variant is a whole solve with the same options (time limit, seed, CP-SAT workers); a
variant whose hard rules leave no plan is an outcome too (``INFEASIBLE``), not the end of the
sweep, and so is one whose amounts are too large for the solver (``MODEL_INVALID``). A stop
(Ctrl-C) ends the sweep: the variants finished before it are kept, those it cut short are
dropped, since their plans would not be comparable with the others.

With a parallel ``Cluster`` the variants run on Dask distributed (``solver.distributed``) and
come back as they finish, each with its index; every variant gets the same ``VariantJob``
options whatever the number of Dask workers, so the same sweep gives the same plans.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from trainplan.models.plan import Plan, SolveStatus
from trainplan.models.whatif import Outcome, Variant
from trainplan.solver.distributed import Cluster, run_tasks
from trainplan.solver.engines import solve
from trainplan.solver.explain import Infeasible
from trainplan.solver.parameters import Engine, SolveOptions
from trainplan.solver.search import TooLarge


def _outcome(variant: Variant, options: SolveOptions) -> Outcome | None:
    """One variant solved; None when a stop cut it short."""
    try:
        plan = solve(variant.scenario, options)
    except (Infeasible, TooLarge) as error:
        if options.stop.is_set():
            return None
        refused = isinstance(error, TooLarge)  # amounts beyond 64-bit arithmetic
        status = SolveStatus.MODEL_INVALID if refused else SolveStatus.INFEASIBLE
        return Outcome(variant, status, Plan(), 0.0)
    assert plan.solver is not None
    if plan.solver.interrupted:
        return None
    return Outcome(variant, plan.solver.status, plan, plan.solver.seconds)


def sweep(
    found: Iterable[Variant],
    options: SolveOptions,
    starting: Callable[[int, Variant], None] | None = None,
) -> Iterator[Outcome]:
    """Solve each variant in turn, here; ``starting(index, variant)`` is called before each."""
    for index, variant in enumerate(found):
        if options.stop.is_set():
            return
        if starting is not None:
            starting(index, variant)
        outcome = _outcome(variant, options)
        if outcome is None:
            return
        yield outcome


@dataclass(frozen=True)
class VariantJob:
    """What a Dask worker needs to solve one variant: the variant and the options of its
    solve (plain values: a worker has no progress printer, and its own stop)."""

    variant: Variant
    time_limit: float | None
    seed: int
    workers: int
    linearization_level: int
    deterministic: bool
    engine: Engine = Engine.CP_SAT


def solve_job(job: VariantJob) -> Outcome | None:
    """Solve one variant on a worker (a module-level function, so workers can import it)."""
    options = SolveOptions(
        time_limit=job.time_limit,
        seed=job.seed,
        workers=job.workers,
        linearization_level=job.linearization_level,
        deterministic=job.deterministic,
        engine=job.engine,
    )
    return _outcome(job.variant, options)


def sweep_parallel(
    found: list[Variant], options: SolveOptions, cluster: Cluster
) -> Iterator[tuple[int, Outcome]]:
    """``(index, outcome)`` of each variant as it finishes on ``cluster`` (in order, here,
    when the cluster is not parallel); ``options.stop`` ends the sweep, keeping what was
    yielded."""
    if not cluster.parallel:
        yield from enumerate(sweep(found, options))
        return
    jobs = [
        VariantJob(
            variant,
            options.time_limit,
            options.seed,
            options.workers,
            options.linearization_level,
            options.deterministic,
            options.engine,
        )
        for variant in found
    ]
    for index, outcome in run_tasks(solve_job, jobs, cluster, options.stop):
        if outcome is not None:
            yield index, outcome
