"""Helpers of the solver tests: solve a tiny scenario and hold the plan to a hand-worked optimum.

``solve_optimal`` solves, checks the plan keeps every rule (``trainplan.checking.checker``
finds no violation), is proven optimal, reaches exactly the given weighted shortfall and money,
and that the solver's own objective equals what ``evaluate`` recomputes from the plan alone.
"""

from __future__ import annotations

from fractions import Fraction

from builders import official

from trainplan.checking.checker import Evaluation, evaluate
from trainplan.models.plan import Plan, SolveStatus
from trainplan.models.scenario import Continuity, Official, Scenario
from trainplan.solver import SolveOptions, solve
from trainplan.wording.catalogue import render

M = 1_000_000
"""One million VND."""


def options(seed: int = 0) -> SolveOptions:
    return SolveOptions(time_limit=20, seed=seed, workers=8)


def solve_optimal(
    scenario: Scenario, *, shortfall: Fraction | int, money: Fraction | int
) -> tuple[Plan, Evaluation]:
    """Solve, check the plan is valid and optimal with exactly this objective; return both."""
    plan = solve(scenario, options())
    evaluation = evaluate(scenario, plan)
    assert [render(v.message) for v in evaluation.violations] == []
    assert evaluation.violations == []
    assert plan.solver is not None
    assert plan.solver.status == SolveStatus.OPTIMAL
    assert evaluation.weighted_shortfall == Fraction(shortfall)
    assert evaluation.money == Fraction(money)
    objective = plan.solver.objective
    assert objective["money"] == float(evaluation.money)
    if any(not t.hard for t in scenario.settings.targets):
        assert objective["targets"] == float(evaluation.weighted_shortfall)
    else:
        assert "targets" not in objective
    return plan, evaluation


def starts(plan: Plan) -> set[tuple[str, str, int]]:
    return {(e.official_id, e.course_id, e.start_year) for e in plan.enrollments}


def continuity(**rules: object) -> Continuity:
    """The loose continuity of ``tiny`` with some rules changed."""
    loose: dict[str, object] = {
        "max_away_share": 1.0,
        "max_leaders_away": 10,
        "max_personal_days": 250,
        "day_value": 0,
    }
    return Continuity(**{**loose, **rules})


def youths(count: int) -> tuple[Official, ...]:
    return tuple(official(f"O{i}") for i in range(1, count + 1))


def attainment(evaluation: Evaluation, target_id: str) -> tuple[int, int, int]:
    """(population, qualified, required) of one target."""
    found = next(a for a in evaluation.attainment if a.target_id == target_id)
    return found.population, found.qualified, found.required
