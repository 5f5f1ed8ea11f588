"""Which engine finds the plan: trainplan's CP-SAT search, or HiGHS on the same model as a
MIP (``SolveOptions.engine``). Both give a ``Plan`` with the same ``SolverInfo`` fields, and
both raise ``Infeasible`` (naming the hard rules in conflict) and CP-SAT's ``TooLarge``."""

from __future__ import annotations

from trainplan.models.plan import Plan
from trainplan.models.scenario import Scenario
from trainplan.solver import search
from trainplan.solver.parameters import Engine, SolveOptions


def solve(scenario: Scenario, options: SolveOptions | None = None) -> Plan:
    """Find the best plan for ``scenario`` with the engine ``options`` names.

    Raises
    ------
    Infeasible
        When hard targets or require pins leave no valid plan; names them.
    TooLarge
        When the amounts overflow CP-SAT's 64-bit arithmetic (CP-SAT only).
    """
    options = options or SolveOptions()
    if options.engine == Engine.HIGHS:
        from trainplan.solver.mip import solve_mip  # highspy is loaded only when asked for

        return solve_mip(scenario, options)
    return search.solve(scenario, options)
