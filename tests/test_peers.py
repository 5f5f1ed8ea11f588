"""The peers of CP-SAT in ``benchmarks/``: the greedy planner (``solver.greedy``) and the MIP
solved by HiGHS (``solver.mip``). Both plans must keep every rule, as trainplan's own checker
sees it; the MIP's proven optimum must be CP-SAT's; the greedy's can only be worse or equal.

The scenarios are tiny, each stressing one family of rules the greedy and the MIP's rows must
get right:

- ``seats``: three cadres, one external course with two seats, a yearly budget for one
  learner: one qualifies in 2020, one in 2021 (seats, budget_year);
- ``classes``: three cadres, an internal LLCT course of classes of 2 to 2 learners, one class a
  year in 2020 and 2021 and a lecturer with time for one class a year: classes of two only
  (class_size, classes, lecturer_hours);
- ``chain``: a chair who needs a university degree by 2022, which requires college first,
  and a unit sparing few days (prerequisite, level, unit_away, leaders_away);
- ``district``: a generated district of 2 units of 5 officials (every rule at once).
"""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import pytest
from builders import external, internal, lecturer, offer, official, target, tiny
from solving import continuity

from trainplan.checking.checker import evaluate
from trainplan.files import load_scenario
from trainplan.generator.generate import generate
from trainplan.models.plan import SolveStatus
from trainplan.models.scenario import Budget, Scenario
from trainplan.solver import Infeasible, SolveOptions, solve
from trainplan.solver.greedy import greedy_plan
from trainplan.solver.mip import solve_mip
from trainplan.wording import render

M = 1_000_000


def seats() -> Scenario:
    return tiny(
        officials=tuple(official(f"O{i}") for i in (1, 2, 3)),
        courses=(external("deg", cost=10 * M),),
        offerings=(offer("deg", 2020, seats=2), offer("deg", 2021, seats=2)),
        targets=(target("everyone", year=2022, share=1.0, category=("cadre",)),),
        budget=Budget(per_year=10 * M),
    )


def classes() -> Scenario:
    return tiny(
        officials=tuple(official(f"O{i}") for i in (1, 2, 3)),
        courses=(internal("llct1", class_min=2, class_max=2, lecturer_hours=40),),
        offerings=(offer("llct1", 2020, classes=1), offer("llct1", 2021, classes=1)),
        lecturers=(lecturer("L1", hours=50),),
        targets=(target("llct", year=2022, share=1.0, has={"llct": "elementary"}),),
    )


def chain() -> Scenario:
    return tiny(
        officials=(
            official("C1", post="chair", degree="none"),
            official("C2", post="chair", degree="college", unit="U2"),
            official("Y1", degree="none"),
        ),
        courses=(
            external("college", grants="college", cost=8 * M, mode="full_time"),
            external(
                "univ",
                grants="university",
                cost=12 * M,
                mode="full_time",
                requires=(("degree", "college"),),
            ),
        ),
        offerings=(
            offer("college", 2020, seats=5),
            offer("univ", 2021, seats=5),
            offer("univ", 2022, seats=5),
        ),
        units=("U1", "U2"),
        targets=(
            target("leaders", year=2022, share=1.0, has={"degree": "university"}, leadership=True),
            target("youth", year=2022, share=1.0, category=("cadre",), post=("youth",)),
        ),
        continuity=continuity(max_away_share=0.2, max_leaders_away=1, day_value=100_000),
    )


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    folder = tmp_path_factory.mktemp("district") / "scenario"
    return load_scenario(generate(folder, units=2, officials_per_unit=5, seed=3))


SCENARIOS = {"seats": seats, "classes": classes, "chain": chain}


def scenario_named(name: str, district: Scenario) -> Scenario:
    return district if name == "district" else SCENARIOS[name]()


def violations(scenario: Scenario, plan: object) -> list[str]:
    return [render(v.message) for v in evaluate(scenario, plan).violations]  # type: ignore[arg-type]


@pytest.mark.parametrize("name", [*SCENARIOS, "district"])
def test_the_mip_finds_cp_sats_optimum_and_its_plan_keeps_every_rule(
    name: str, district: Scenario
) -> None:
    scenario = scenario_named(name, district)
    mip = solve_mip(scenario, SolveOptions(time_limit=60))
    ours = solve(scenario, SolveOptions(time_limit=60))
    assert mip.solver is not None and ours.solver is not None
    assert mip.solver.status == ours.solver.status == SolveStatus.OPTIMAL
    assert violations(scenario, mip) == []
    found, best = evaluate(scenario, mip), evaluate(scenario, ours)
    assert (found.weighted_shortfall, found.money) == (best.weighted_shortfall, best.money)
    assert mip.solver.objective["money"] == float(found.money)  # its own arithmetic, checked
    assert mip.solver.parameters["engine"] == "highs"
    assert len(mip.enrollments) > 0


def test_the_worked_out_optima() -> None:
    """seats: a budget for one learner a year, two years: two qualify, one falls short.
    classes: classes of exactly two, one a year, but one lecturer's 50 hours a year cover one
    40-hour class: two qualify in 2020 and the third cannot fill a class alone."""
    for scenario, shortfall, money in ((seats(), 1, 20 * M), (classes(), 1, None)):
        plan = solve_mip(scenario, SolveOptions(time_limit=60))
        evaluation = evaluate(scenario, plan)
        assert evaluation.weighted_shortfall == Fraction(shortfall)
        if money is not None:
            assert evaluation.money == money


@pytest.mark.parametrize("name", [*SCENARIOS, "district"])
def test_the_greedy_plan_keeps_every_rule_and_is_never_better_than_the_optimum(
    name: str, district: Scenario
) -> None:
    scenario = scenario_named(name, district)
    plan = greedy_plan(scenario)
    assert violations(scenario, plan) == []
    found = evaluate(scenario, plan)
    best = evaluate(scenario, solve_mip(scenario, SolveOptions(time_limit=60)))
    assert (found.weighted_shortfall, found.money) >= (best.weighted_shortfall, best.money)
    assert len(plan.enrollments) > 0  # it plans something: every scenario lets someone study


def test_the_greedy_closes_a_class_too_small_to_open() -> None:
    """The third cadre of ``classes`` alone cannot fill a class of two: never enrolled alone."""
    plan = greedy_plan(classes())
    assert violations(classes(), plan) == []
    learners = {(c.course_id, c.year): c.learners for c in plan.classes}
    assert learners == {("llct1", 2020): 2}


def test_the_greedy_plans_the_prerequisite_first() -> None:
    plan = greedy_plan(chain())
    taken = {(e.official_id, e.course_id, e.start_year) for e in plan.enrollments}
    assert ("C1", "college", 2020) in taken and ("C1", "univ", 2021) in taken
    assert violations(chain(), plan) == []


def test_a_hard_target_no_plan_can_meet_is_infeasible_for_the_mip_too() -> None:
    base = seats()
    hard = base.settings.model_copy(
        update={"targets": (target("everyone", year=2022, share=1.0, hard=True),)}
    )
    with pytest.raises(Infeasible):
        solve_mip(base.model_copy(update={"settings": hard}), SolveOptions(time_limit=30))


def test_the_peers_need_no_folder() -> None:
    """Both take a Scenario alone (the benchmark hands them generated ones)."""
    assert greedy_plan(seats()).solver is None
    assert solve_mip(seats(), SolveOptions(time_limit=30)).solver is not None


def test_solve_with_the_highs_engine_gives_a_checked_plan_with_solver_info() -> None:
    """``SolveOptions(engine=HIGHS)`` through ``trainplan.solver.solve``: the same plan.json
    fields as CP-SAT's (status, objective, bound, gap, seed, input hash, stages)."""
    from trainplan.models.fingerprint import input_hash
    from trainplan.solver import Engine

    scenario = chain()
    plan = solve(scenario, SolveOptions(time_limit=30, engine=Engine.HIGHS, seed=3))
    assert plan.solver is not None and plan.solver.status == SolveStatus.OPTIMAL
    assert violations(scenario, plan) == []
    info = plan.solver
    assert info.parameters["engine"] == "highs" and info.seed == 3
    assert info.objective.keys() == info.bound.keys() == {"targets", "money"}
    assert info.gap == 0 and info.input_hash == input_hash(scenario)
    assert [stage["name"] for stage in info.stages] == ["targets", "money"]


def test_a_proven_highs_plan_is_reproducible_whatever_the_workers(district: Scenario) -> None:
    """HiGHS runs single-threaded with the seed: a proven plan is the same plan for any
    --workers (the default engine takes HiGHS from 1,000 officials); one cut short by a
    relative gap is not marked reproducible."""
    from trainplan.solver import Engine

    plans = [
        solve(district, SolveOptions(time_limit=60, engine=Engine.HIGHS, workers=workers))
        for workers in (1, 8)
    ]
    first, second = (plan.solver for plan in plans)
    assert first is not None and second is not None
    assert first.status == SolveStatus.OPTIMAL and first.reproducible and second.reproducible
    assert plans[0].enrollments == plans[1].enrollments and plans[0].classes == plans[1].classes
    cut = solve_mip(district, SolveOptions(time_limit=60), relative_gap=0.5)
    assert cut.solver is not None and not cut.solver.reproducible


def test_highs_progress_ends_where_the_search_ended() -> None:
    """The last progress of a proven HiGHS solve shows the money at its bound (gap 0)."""
    from trainplan.solver import Engine
    from trainplan.solver.search import Progress

    seen: list[Progress] = []
    options = SolveOptions(time_limit=30, engine=Engine.HIGHS, progress=seen.append)
    plan = solve(chain(), options)
    assert plan.solver is not None and plan.solver.status == SolveStatus.OPTIMAL
    last = seen[-1]
    assert last.stage == "money" and last.objective == last.bound == plan.solver.objective["money"]


def test_highs_progress_says_the_first_stage_left_and_its_bound() -> None:
    """The combined objective ``U x shortfall + money`` read back into CP-SAT's stages."""
    from trainplan.solver.mip import MipModel, progress_of

    mip = MipModel(chain())
    (targets, shortfall, weight), (money_stage, money, _) = mip.tiers
    assert (targets, money_stage) == ("targets", "money") and weight > 10
    nothing = progress_of(mip, {"primal": math.inf, "dual": -math.inf}, 1.0)
    assert (nothing.stage, nothing.objective, nothing.bound) == ("targets", None, None)
    short = progress_of(mip, {"primal": 2 * weight + 5, "dual": weight + 3}, 2.0)
    assert short.stage == "targets"
    assert short.objective == float(shortfall.value(2)) and short.bound == float(shortfall.value(1))
    met = progress_of(mip, {"primal": 7.0, "dual": 4.2, "solutions": 2}, 3.0)
    assert met.stage == "money" and met.solutions == 2
    assert met.objective == float(money.value(7)) and met.bound == float(money.value(5))


def test_a_stop_before_highs_starts_keeps_no_plan_and_says_so() -> None:
    options = SolveOptions(time_limit=30, engine="highs")  # type: ignore[arg-type]
    options.stop.set()
    plan = solve(chain(), options)
    assert plan.solver is not None and plan.solver.interrupted
    assert plan.solver.status == SolveStatus.UNKNOWN and plan.enrollments == ()


def test_the_mip_re_plans_as_cp_sat_does_changes_before_money() -> None:
    """test_replan's worked cases through HiGHS: A keeps the dear course E of the baseline
    (changes weigh before money); as of 2021 after A dropped out, one change, B never moved."""
    from test_replan import dropout_scenario, keys, past, planned, replanned

    from trainplan.models.history import Status

    base = tiny(
        officials=(official("A"),),
        courses=(external("C"), external("E", cost=30 * M)),
        offerings=(offer("C", 2021, seats=1), offer("E", 2021, seats=1)),
        targets=(target(),),
    )
    highs = SolveOptions(time_limit=30, engine="highs")  # type: ignore[arg-type]
    kept = solve(replanned(base, baseline=planned(("A", "E", 2021))), highs)
    assert keys(kept) == {("A", "E", 2021)}
    scenario = replanned(
        dropout_scenario(),
        baseline=planned(("A", "C", 2020), ("B", "C", 2021)),
        as_of=2021,
        history=(past("A", "C", 2020, Status.DROPPED),),
    )
    plan, ours = solve(scenario, highs), solve(scenario, SolveOptions(time_limit=30))
    assert plan.solver is not None and ours.solver is not None
    assert plan.solver.objective == ours.solver.objective
    assert plan.solver.objective.get("changes") == 1.0
    assert ("B", "C", 2021) in keys(plan) and violations(scenario, plan) == []
    assert [c.kind for c in plan.changes] == [c.kind for c in ours.changes]


def test_solve_engine_highs_on_the_command_line_writes_a_plan_check_accepts(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    import json
    import os
    import subprocess
    import sys

    from trainplan.files.scenario_writer import write_scenario

    folder = tmp_path_factory.mktemp("engine") / "scenario"
    write_scenario(chain(), folder)
    trainplan = str(Path(sys.executable).parent / "trainplan")
    env = {**os.environ, "TRAINPLAN_STRICT_WORDS": "1"}
    out = folder.parent / "plan"
    solved = subprocess.run(
        [trainplan, "solve", str(folder), "--engine", "highs", "--out", str(out)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert solved.returncode == 0, solved.stderr
    assert ", seed 0, HiGHS" in solved.stdout  # the engine said in the status line
    document = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    assert "highs" in json.dumps(document)
    checked = subprocess.run(
        [trainplan, "check", str(folder), str(out)], capture_output=True, text=True, env=env
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
