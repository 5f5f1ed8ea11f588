"""``solve --by-province``: a scenario split by province (``models.split``), the provinces
solved apart (``solver.provinces``, on a local Dask cluster here) and joined into one plan that
``check`` accepts against the whole scenario.

The tiny scenario: provinces P1 (unit U1: A, A2) and P2 (unit U2: B, B2); each province's
own degree course (C1 for P1, C2 for P2: 10M a learner, 12 months, one seat a year in 2020
and 2021), lecturers and budgets none; one target per province (everyone a college degree by
2022). Nothing is shared, so the joined plan is the whole scenario's optimum: every official
studies (4 x 10M, shortfall 0).
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from builders import external, offer, official, target, tiny
from click.testing import CliRunner

from trainplan.checking.checker import evaluate
from trainplan.cli import main
from trainplan.files.scenario_writer import write_scenario
from trainplan.models.plan import SolveStatus
from trainplan.models.problems import InputError
from trainplan.models.scenario import Budget, Offering, Scenario, Unit
from trainplan.models.split import apportion, split_by_province
from trainplan.solver import SolveOptions, solve
from trainplan.solver.distributed import Cluster
from trainplan.solver.provinces import solve_by_province

M = 1_000_000
OFFICIALS = (official("A"), official("A2"), official("B", unit="U2"), official("B2", unit="U2"))


def two_provinces(*, shared: bool = False, **changes: object) -> Scenario:
    """The module's scenario; ``shared``: one national course C (no scope) with 2 seats a
    year in place of C1 and C2."""
    if shared:
        courses = (external("C"),)
        offerings: tuple[Offering, ...] = tuple(offer("C", y, seats=2) for y in (2020, 2021))
    else:
        courses = (external("C1"), external("C2"))
        offerings = tuple(
            Offering(course_id=f"C{p}", year=y, seats=1, scope=f"P{p}")
            for p in (1, 2)
            for y in (2020, 2021)
        )
    values: dict[str, object] = {
        "officials": OFFICIALS,
        "courses": courses,
        "offerings": offerings,
        "targets": (
            target("t1", share=1.0, unit=("U1",)),
            target("t2", share=1.0, unit=("U2",)),
        ),
        "units": ("U1", "U2"),
    }
    values.update(changes)
    scenario = tiny(**values)  # type: ignore[arg-type]
    units = (
        Unit(unit_id="U1", name="Xã U1", district="D1", province="P1"),
        Unit(unit_id="U2", name="Xã U2", district="D2", province="P2"),
    )
    return scenario.model_copy(update={"units": units})


def options() -> SolveOptions:
    return SolveOptions(time_limit=20, seed=0)


def test_nothing_shared_the_joined_plan_is_the_whole_optimum_on_dask() -> None:
    scenario = two_provinces()
    split = split_by_province(scenario)
    assert split.exact and [p.province for p in split.parts] == ["P1", "P2"]
    assert {o.official_id for o in split.parts[0].scenario.officials} == {"A", "A2"}
    plan, _ = solve_by_province(scenario, options(), Cluster(jobs=2))
    evaluation = evaluate(scenario, plan)
    assert evaluation.violations == []
    whole = solve(scenario, options())
    assert whole.solver is not None and plan.solver is not None
    assert evaluation.money == evaluate(scenario, whole).money == 40 * M
    assert evaluation.weighted_shortfall == 0
    assert plan.solver.objective == whole.solver.objective
    assert plan.solver.bound == plan.solver.objective and plan.solver.gap == 0
    assert plan.solver.status == SolveStatus.OPTIMAL


def test_shared_seats_are_split_by_need_and_the_relaxed_bound_bounds_the_whole() -> None:
    """C's 2 national seats a year: A, A2, B, B2 all lack a college degree, so each province
    gets one a year. The relaxed parts (2 seats each) bound the whole optimum from below."""
    scenario = two_provinces(shared=True)
    split = split_by_province(scenario)
    assert not split.exact and "offering C 2020" in split.shared
    assert [o.seats for o in split.parts[0].scenario.offerings] == [1, 1]
    assert split.parts[0].relaxed is not None
    assert [o.seats for o in split.parts[0].relaxed.offerings] == [2, 2]
    plan, _ = solve_by_province(scenario, options(), Cluster(jobs=1))
    assert evaluate(scenario, plan).violations == []
    whole = solve(scenario, options())
    assert plan.solver is not None and whole.solver is not None
    for stage in ("targets", "money"):
        bound, best = plan.solver.bound[stage], whole.solver.objective[stage]
        assert bound <= best <= plan.solver.objective[stage]


def test_a_target_over_both_provinces_is_split_at_the_same_share() -> None:
    """``everyone`` (no unit filter) spans P1 and P2: each part asks its own 50 %."""
    everyone = target("everyone", share=0.5)
    split = split_by_province(two_provinces(targets=(everyone,)))
    assert split.split_targets == ("everyone",)
    assert all(part.scenario.settings.targets == (everyone,) for part in split.parts)
    assert all(part.relaxed is None for part in split.parts)  # no bound of the whole claimed


def test_national_budget_is_apportioned_by_officials() -> None:
    scenario = two_provinces(budget=Budget(per_year=30 * M, scopes={"P1": Budget(total=7)}))
    split = split_by_province(scenario)
    assert [p.scenario.settings.budget.per_year for p in split.parts] == [15 * M, 15 * M]
    assert split.parts[0].scenario.settings.budget.scopes == {"P1": Budget(total=7)}
    assert split.parts[1].scenario.settings.budget.scopes == {}


@pytest.mark.parametrize(
    ("amount", "weights", "shares"),
    [
        (7, {"a": 1, "b": 1}, {"a": 4, "b": 3}),
        (10, {"a": 3, "b": 1}, {"a": 8, "b": 2}),  # 7.5 / 2.5: the tie goes to a
        (3, {"a": 0, "b": 0}, {"a": 2, "b": 1}),
        (5, {"a": 1, "b": 0}, {"a": 5, "b": 0}),
    ],
)
def test_apportion_never_exceeds_the_whole(
    amount: int, weights: dict[str, int], shares: dict[str, int]
) -> None:
    assert apportion(amount, weights) == shares
    assert sum(apportion(amount, weights).values()) == amount
    assert all(Fraction(s) >= 0 for s in shares.values())


def test_every_unit_without_province_is_refused_by_its_row() -> None:
    scenario = two_provinces()
    units = (
        Unit(unit_id="U1", name="Xã U1"),
        Unit(unit_id="U2", name="Xã U2", province="P2"),
        Unit(unit_id="U3", name="Xã U3"),
    )
    with pytest.raises(InputError) as caught:
        split_by_province(scenario.model_copy(update={"units": units}))
    problems = caught.value.problems
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("units.csv", 2, "province"),
        ("units.csv", 4, "province"),
    ]
    assert [p.message.params["unit"] for p in problems] == ["U1", "U3"]


def test_scopes_naming_provinces_no_unit_has_say_so_first() -> None:
    """A country whose units.csv lost its province column: the root cause is said before each
    scope that names a province no unit lies in."""
    from trainplan.checking.validate import validate_scenario

    scenario = two_provinces()  # C1's and C2's seats are for P1 and P2
    units = tuple(unit.model_copy(update={"province": None}) for unit in scenario.units)
    problems = validate_scenario(scenario.model_copy(update={"units": units}))
    assert problems[0].message.key == "input.scope.no_provinces"
    assert (problems[0].file, problems[0].column) == ("units.csv", "province")
    assert any(p.message.key == "input.no_scope" for p in problems[1:])


def test_solve_by_province_writes_a_plan_check_accepts(tmp_path: Path) -> None:
    folder = tmp_path / "scenario"
    write_scenario(two_provinces(), folder)
    runner = CliRunner()
    out = tmp_path / "plan"
    solved = runner.invoke(
        main, ["solve", str(folder), "--by-province", "--jobs", "1", "--out", str(out)]
    )
    assert solved.exit_code == 0, solved.output
    assert "[2/2]" in solved.output
    checked = runner.invoke(main, ["check", str(folder), str(out)])
    assert checked.exit_code == 0, checked.output


def test_classes_of_a_shared_course_are_numbered_on_and_lecturer_hours_split() -> None:
    """Internal course I (no scope, 2 classes in 2020) and lecturer L1 (no scope, 80 hours, 40
    a class): each province gets one class and 40 of L1's hours; the joined plan numbers the
    classes 1 and 2 and keeps every rule of the whole scenario."""
    from builders import internal, lecturer

    scenario = two_provinces(
        courses=(internal("I"),),
        offerings=(offer("I", 2020, classes=2),),
        lecturers=(lecturer("L1", hours=80),),
        targets=(
            target("t1", share=1.0, has={"llct": "elementary"}, unit=("U1",)),
            target("t2", share=1.0, has={"llct": "elementary"}, unit=("U2",)),
        ),
    )
    split = split_by_province(scenario)
    assert [p.scenario.lecturers[0].hours_per_year for p in split.parts] == [40, 40]
    plan, _ = solve_by_province(scenario, options(), Cluster(jobs=1))
    assert sorted((row.class_no, row.lecturer_id) for row in plan.classes) == [(1, "L1"), (2, "L1")]
    evaluation = evaluate(scenario, plan)
    assert evaluation.violations == [] and evaluation.weighted_shortfall == 0


def test_jobs_without_by_province_are_said_to_count_for_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "scenario"
    write_scenario(two_provinces(), folder)
    args = ["solve", str(folder), "--jobs", "2", "--out", str(tmp_path / "plan")]
    solved = CliRunner().invoke(main, args)
    assert solved.exit_code == 0, solved.output
    assert "--jobs and --scheduler count only with --by-province" in solved.output
    quiet = CliRunner().invoke(main, ["solve", str(folder), "--out", str(tmp_path / "plan2")])
    assert "count only with --by-province" not in quiet.output


def test_one_province_by_province_says_a_plain_solve_proves_it(tmp_path: Path) -> None:
    scenario = two_provinces()
    units = tuple(unit.model_copy(update={"province": "P1"}) for unit in scenario.units)
    offerings = tuple(o.model_copy(update={"scope": "P1"}) for o in scenario.offerings)
    folder = tmp_path / "scenario"
    write_scenario(scenario.model_copy(update={"units": units, "offerings": offerings}), folder)
    args = ["solve", str(folder), "--by-province", "--jobs", "1", "--out", str(tmp_path / "p")]
    solved = CliRunner().invoke(main, args)
    assert solved.exit_code == 0, solved.output
    assert "One province only: solve without --by-province proves its optimum" in solved.output
