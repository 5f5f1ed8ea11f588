"""The built-in Bình Gia scenario and generated districts, solved end to end: proven optimum,
the 2020 targets met, and the solver's objective equal to what the checker recomputes from
the plan files alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainplan.checking.checker import Evaluation, evaluate
from trainplan.files import load_scenario
from trainplan.files.planio import plan_files, read_plan, write_plan_folder
from trainplan.generator.generate import generate
from trainplan.models import Scenario
from trainplan.models.plan import Plan
from trainplan.solver import SolveOptions, solve


def _agree(plan: Plan, evaluation: Evaluation) -> None:
    """plan.json's solver objective must be what the checker recomputes (exact when OPTIMAL)."""
    assert plan.solver is not None and plan.solver.status == "OPTIMAL"
    assert evaluation.violations == []
    objective = plan.solver.objective
    assert objective["money"] == float(evaluation.money)
    assert objective.get("targets", 0.0) == float(evaluation.weighted_shortfall)


def test_builtin_is_solved_to_a_proven_optimum_meeting_the_2020_and_2021_targets(
    builtin_scenario: Scenario, builtin_plan: Plan
) -> None:
    evaluation = evaluate(builtin_scenario, builtin_plan)
    _agree(builtin_plan, evaluation)
    met = {a.target_id: a.met for a in evaluation.attainment}
    assert met["cadres-2020"] and met["civil-servants-2020"]
    assert met["cadres-2021"] and met["civil-servants-2021"]
    assert met["expertise-standard-2021"] and met["llct-standard-2021"]
    assert builtin_plan.solver is not None and builtin_plan.solver.gap == 0


def test_builtin_optimum_is_pinned(builtin_scenario: Scenario, builtin_plan: Plan) -> None:
    """The built-in optimum, as recomputed by the checker: all ten targets met (no
    shortfall), cost 1,366,500,000 VND and money (cost plus days away valued) 3,109,500,000 VND.
    A change of these numbers is a change of the scenario, the rules or the objective, and
    must be deliberate."""
    assert builtin_plan.solver is not None and builtin_plan.solver.status == "OPTIMAL"
    evaluation = evaluate(builtin_scenario, builtin_plan)
    assert evaluation.violations == []
    assert len(evaluation.attainment) == 10
    assert all(a.met for a in evaluation.attainment), evaluation.attainment
    assert evaluation.weighted_shortfall == 0
    assert evaluation.cost_total == 1_366_500_000
    assert evaluation.money == 3_109_500_000


def test_builtin_plan_files_check_alone(
    builtin_scenario: Scenario, builtin_plan: Plan, tmp_path: Path
) -> None:
    """Written to files and read back without the solver, the plan is still valid and costs
    the same."""
    evaluation = evaluate(builtin_scenario, builtin_plan)
    folder = tmp_path / "plan"
    write_plan_folder(folder, plan_files(builtin_scenario, builtin_plan, evaluation))
    again = evaluate(builtin_scenario, read_plan(folder))
    assert again.violations == []
    assert again.money == evaluation.money
    assert again.weighted_shortfall == evaluation.weighted_shortfall


@pytest.mark.parametrize("seed", [1, 2, 5])
def test_generated_districts_objective_equals_the_recomputed_one(tmp_path: Path, seed: int) -> None:
    folder = generate(tmp_path / "district", units=6, officials_per_unit=12, seed=seed)
    scenario = load_scenario(folder)
    plan = solve(scenario, SolveOptions(time_limit=120, seed=seed))
    assert plan.enrollments, "a plan that trains nobody would make the comparison vacuous"
    _agree(plan, evaluate(scenario, plan))
