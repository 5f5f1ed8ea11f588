"""The one place that sets CP-SAT's parameters.

Every search gets its ``CpSolver`` here: the lexicographic stages (``stage_solver``), the
last single-threaded search that makes a plan reproducible (``reproduce_solver``) and the
search for an infeasibility core (``explain_solver``) and the questions of ``trainplan explain``
(``probe_solver``). All of them share the user's seed, the
linearization level, the log switch and ``catch_sigint_signal=False``: Ctrl-C belongs to the
caller (``SolveOptions.stop``), which stops the search and still keeps the best plan.
``recorded`` is what plan.json keeps of them, so that a committee can reproduce a plan.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from ortools.sat.python import cp_model

if TYPE_CHECKING:
    from trainplan.solver.search import Progress

WORKERS = 8
"""Default CP-SAT workers. 8 on 2 cores beats 2: the portfolio needs its LP and LNS workers."""

LINEARIZATION_LEVEL = 2
"""CP-SAT's default is 1; 2 puts more of the model into the LP relaxation, whose bound the
money stage needs (``benchmarks/solve_bench.py`` compares against CP-SAT's defaults)."""

STAGE_LEAST_SECONDS = 0.5
"""A stage that starts with less time left still gets this much: enough to find the hinted
plan again, so a late stage never loses the plan the earlier one found."""

REPRODUCE_LEAST_SECONDS = 1.0
"""The reproducing search at proven optima gets at least this much (it is quick)."""

EXPLAIN_SECONDS = 60.0
"""Time for finding an infeasibility core; past it the conflict is reported as unknown."""


class Engine(StrEnum):
    """What finds the plan (``solver.engines``)."""

    CP_SAT = "cp-sat"
    """trainplan's lexicographic CP-SAT search (``solver.search``): progress, reproducible."""
    HIGHS = "highs"
    """The same model as a MIP solved by HiGHS in one combined solve (``solver.mip``)."""
    AUTO = "auto"
    """CP-SAT or HiGHS by the scenario's size (``solver.engines.chosen``)."""


@dataclass
class SolveOptions:
    """What the caller chooses about a solve."""

    time_limit: float | None = 120.0
    """Wall-clock seconds for the whole solve; None = until proven optimal."""
    seed: int = 0
    workers: int = WORKERS
    """CP-SAT workers of the optimising stages (the reproducing search uses one)."""
    linearization_level: int = LINEARIZATION_LEVEL
    deterministic: bool = True
    """Once both optima are proven, find the plan a single-threaded search reaches at them:
    the same scenario and seed then give the same plan for any --workers."""
    progress: Callable[[Progress], None] | None = None
    stop: threading.Event = field(default_factory=threading.Event)
    """Set it (from a signal handler, say) to stop the search and keep the best plan."""
    log: bool = False
    """Print CP-SAT's own search log."""
    engine: Engine = Engine.AUTO
    """By the scenario's size (``solver.engines.chosen``), for every command: ``solve``,
    ``sweep`` and ``explain`` choose alike."""


SMALL_PORTFOLIO = (
    "max_lp",
    "core",
    "default_lp",
    "reduced_costs",
    "quick_restart",
    "pseudo_costs",
    "no_lp",
)
"""The full-problem subsolvers of a portfolio of 2 to 7 workers, in the order CP-SAT takes them.
CP-SAT's own choice for so few workers leaves out the core-based bound, and the money stage
then never closes its gap (measured on the built-in district: 2 and 4 workers stayed unproven
after 120 s where 1 and 8 prove it in 1–3 s; with ``max_lp`` and ``core`` first, every count
from 2 to 7 proves it in about 1 s, and a generated 200-official district too)."""


def subsolvers(workers: int) -> tuple[str, ...]:
    """The subsolvers chosen for ``workers`` (none: CP-SAT's own portfolio)."""
    return SMALL_PORTFOLIO if 1 < workers < WORKERS else ()


def _cp_solver(
    options: SolveOptions, *, workers: int, time_limit: float | None, least: float
) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.num_workers = workers
    for name in subsolvers(workers):
        params.subsolvers.append(name)
    params.random_seed = options.seed
    params.linearization_level = options.linearization_level
    params.catch_sigint_signal = False  # the caller's handler stops the search, keeps the plan
    params.log_search_progress = options.log
    if time_limit is not None:
        params.max_time_in_seconds = max(least, time_limit)
    return solver


def stage_solver(options: SolveOptions, time_limit: float | None) -> cp_model.CpSolver:
    """A solver for one optimising stage, with ``time_limit`` seconds (None = no limit)."""
    return _cp_solver(
        options, workers=options.workers, time_limit=time_limit, least=STAGE_LEAST_SECONDS
    )


def reproduce_solver(options: SolveOptions, time_limit: float | None) -> cp_model.CpSolver:
    """A single-threaded solver: its search depends on the model and the seed alone."""
    return _cp_solver(options, workers=1, time_limit=time_limit, least=REPRODUCE_LEAST_SECONDS)


def explain_solver(options: SolveOptions) -> cp_model.CpSolver:
    """A single-threaded solver for an infeasibility core: CP-SAT gives cores from the
    single-thread search only."""
    return _cp_solver(options, workers=1, time_limit=EXPLAIN_SECONDS, least=EXPLAIN_SECONDS)


def probe_solver(options: SolveOptions, time_limit: float | None) -> cp_model.CpSolver:
    """A solver for one question of ``trainplan explain`` (the most a target can reach, the
    least a limit must allow): the stages' workers, ``time_limit`` seconds."""
    return _cp_solver(
        options, workers=options.workers, time_limit=time_limit, least=STAGE_LEAST_SECONDS
    )


def recorded(options: SolveOptions) -> dict[str, Any]:
    """The parameters plan.json records with a plan."""
    chosen = subsolvers(options.workers)
    return {
        **({"subsolvers": list(chosen)} if chosen else {}),
        "num_workers": options.workers,
        "random_seed": options.seed,
        "linearization_level": options.linearization_level,
        "reproduce_at_optimum": options.deterministic,
        "max_time_in_seconds": options.time_limit,
    }
