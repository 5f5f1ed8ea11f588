"""Which engine finds the plan: trainplan's CP-SAT search, or HiGHS on the same model as a
MIP (``SolveOptions.engine``), or one of them by the scenario's size (``auto``). Both give a
``Plan`` with the same ``SolverInfo`` fields, and both raise ``Infeasible`` (naming the hard
rules in conflict) and CP-SAT's ``TooLarge``."""

from __future__ import annotations

from trainplan.models.plan import Plan
from trainplan.models.scenario import Scenario
from trainplan.solver import search
from trainplan.solver.parameters import Engine, SolveOptions

HIGHS_FROM = 1_000
"""Officials from which ``auto`` takes HiGHS. Measured on 2 shared cores (benchmarks/README.md,
'Engine by size'): CP-SAT proves every scenario of up to about 500 officials in seconds, with
progress by stage and the same plan for any --workers; from a few thousand it stalls short of
its bound (a 4,000-official province 0.11 % short after 120 s, a 3,360-official one likewise)
where HiGHS proves the optimum in 18–22 s. HiGHS is also quicker on the small ones (1–2 s
against 1–6 s), but the built-in scenario and every district keep CP-SAT's plan, its progress
by stage and its last searches (``prefer_ethnic_minority``). ``auto`` is ``solve``'s default;
HiGHS runs single-threaded with the seed, so its proven plans are reproducible too."""


def chosen(scenario: Scenario, engine: Engine) -> Engine:
    """The engine that solves ``scenario``: ``engine`` itself unless ``auto``, which takes HiGHS
    from ``HIGHS_FROM`` officials on, and CP-SAT below or when a setting only CP-SAT's search
    honours is set (``prefer_ethnic_minority``: its last search)."""
    if engine != Engine.AUTO:
        return engine
    if scenario.settings.prefer_ethnic_minority or len(scenario.officials) < HIGHS_FROM:
        return Engine.CP_SAT
    return Engine.HIGHS


def solve(
    scenario: Scenario,
    options: SolveOptions | None = None,
    relative_gap: float = 0.0,
    hinted: bool = False,
) -> Plan:
    """Find the best plan for ``scenario`` with the engine ``options`` names. HiGHS stops at
    ``relative_gap`` and, when ``hinted``, starts from the greedy planner's plan (``solve
    --by-province``: a province stopped early still has a plan); CP-SAT always proves or runs
    out of time.

    Raises
    ------
    Infeasible
        When hard targets or require pins leave no valid plan; names them.
    TooLarge
        When the amounts overflow CP-SAT's 64-bit arithmetic (CP-SAT only).
    """
    options = options or SolveOptions()
    engine = chosen(scenario, options.engine)
    if engine == Engine.HIGHS:
        from trainplan.solver.greedy import greedy_plan
        from trainplan.solver.mip import solve_mip  # highspy is loaded only when asked for

        start = greedy_plan(scenario) if hinted else None
        return solve_mip(scenario, options, relative_gap, start)
    return search.solve(scenario, options)
