"""Scopes (a province or district of units.csv) from the solver's side and the input's: the
solver keeps each scope rule on its own, and an unknown scope id is refused naming file, row
and column in both languages. The checker's caught/kept pairs are in ``test_evaluate.py``
(cases ``seat_scope``, ``lecturer_scope``, ``budget_scope``, ``budget_scope/total``)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from builders import external, internal, lecturer, offer, official, target, tiny
from solving import M, solve_optimal, starts

from trainplan.files.loader import load_scenario
from trainplan.files.scenario_writer import write_scenario
from trainplan.models.problems import InputError
from trainplan.models.scenario import Budget, Offering, Scenario, Unit
from trainplan.wording import problem_text

A = official("A")  # U1, province P1, district D1
A2 = official("A2")
B = official("B", unit="U2")  # U2, province P2, district D2
C = external("C")  # degree -> college, 10M a learner, 12 months


def provinces(**changes: object) -> Scenario:
    """Units U1 (P1/D1) and U2 (P2/D2); A, A2 in U1 and B in U2, all wanting a college degree
    by 2022 (target share 1.0); ``changes``."""
    values: dict[str, object] = {
        "officials": (A, A2, B),
        "courses": (C,),
        "offerings": (offer("C", 2020, seats=3),),
        "targets": (target(share=1.0),),
        "units": ("U1", "U2"),
    }
    values.update(changes)
    scenario = tiny(**values)  # type: ignore[arg-type]
    units = (
        Unit(unit_id="U1", name="Xã U1", district="D1", province="P1"),
        Unit(unit_id="U2", name="Xã U2", district="D2", province="P2"),
    )
    return scenario.model_copy(update={"units": units})


def test_seat_scope_only_officials_inside_take_the_seats() -> None:
    """C's 3 seats of 2020 are P1's: A and A2 take them, B cannot (shortfall 1, 2 x 10M)."""
    scenario = provinces(offerings=(Offering(course_id="C", year=2020, seats=3, scope="P1"),))
    plan, _ = solve_optimal(scenario, shortfall=1, money=20 * M)
    assert starts(plan) == {("A", "C", 2020), ("A2", "C", 2020)}


def test_lecturer_scope_a_lecturer_teaches_only_inside_their_scope() -> None:
    """I (llct elementary) opens one class for P1 in 2020. L1 teaches only in P2, so L2 (P1,
    dearer: 200k an hour) must: 1M x 2 learners + 5M class + 40 h x 200k = 15M."""
    course = internal("I")
    goal = target(share=1.0, has={"llct": "elementary"}, unit=("U1",))
    scenario = provinces(
        officials=(A, A2),
        courses=(course,),
        offerings=(Offering(course_id="I", year=2020, classes=1, scope="P1"),),
        lecturers=(lecturer("L1", scope="P2"), lecturer("L2", scope="P1", cost_per_hour=200_000)),
        targets=(goal,),
    )
    plan, _ = solve_optimal(scenario, shortfall=0, money=15 * M)
    assert {row.lecturer_id for row in plan.classes} == {"L2"}


def test_budget_scope_bounds_the_cost_of_its_officials() -> None:
    """P1 may spend 10M a year: one of A, A2 studies (10M), B (P2, no cap) too."""
    scenario = provinces(budget=Budget(scopes={"P1": Budget(per_year=10 * M)}))
    plan, _ = solve_optimal(scenario, shortfall=1, money=20 * M)
    assert ("B", "C", 2020) in starts(plan)
    assert len(starts(plan)) == 2


def test_budget_scope_total_bounds_the_whole_horizon() -> None:
    """District D1's total of 15M allows one of A and A2 even with C offered every year."""
    offerings = tuple(offer("C", year, seats=3) for year in (2020, 2021))
    scenario = provinces(offerings=offerings, budget=Budget(scopes={"D1": Budget(total=15 * M)}))
    plan, _ = solve_optimal(scenario, shortfall=1, money=20 * M)
    assert sum(1 for e in plan.enrollments if e.official_id in {"A", "A2"}) == 1


@pytest.mark.parametrize(
    ("table", "column"), [("offerings.csv", "scope"), ("lecturers.csv", "scope")]
)
def test_an_unknown_scope_is_refused_naming_file_row_and_column(
    tmp_path: Path, table: str, column: str
) -> None:
    scenario = provinces(
        courses=(C, internal("I")),
        offerings=(offer("C", 2020, seats=3), offer("I", 2020, classes=1)),
        lecturers=(lecturer("L1"),),
    )
    write_scenario(scenario, tmp_path)
    path = tmp_path / table
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    if column not in header:
        lines = [lines[0] + f",{column}"] + [line + "," for line in lines[1:]]
        header.append(column)
    cells = lines[1].split(",")
    cells[header.index(column)] = "P9"
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_scenario(tmp_path)
    [problem] = caught.value.problems
    assert (Path(problem.file).name, problem.row, problem.column) == (table, 2, column)
    assert "P9" in problem_text(problem, "en") and "province" in problem_text(problem, "en")
    assert "tỉnh" in problem_text(problem, "vi")


def test_an_unknown_scope_of_a_budget_is_refused_in_scenario_yaml(tmp_path: Path) -> None:
    write_scenario(provinces(), tmp_path)
    path = tmp_path / "scenario.yaml"
    settings = yaml.safe_load(path.read_text(encoding="utf-8"))
    settings["budget"] = {"scopes": {"P1": {"per_year": 1000}, "P9": {"per_year": 1000}}}
    path.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_scenario(tmp_path)
    [problem] = caught.value.problems
    assert Path(problem.file).name == "scenario.yaml"
    assert "P9" in problem_text(problem, "en") and "P9" in problem_text(problem, "vi")


def test_a_scenario_without_scopes_reads_as_before(tmp_path: Path) -> None:
    """Scope columns are optional: a scenario written without them loads unchanged."""
    scenario = provinces()
    write_scenario(scenario, tmp_path)
    loaded = load_scenario(tmp_path)
    assert loaded.offerings == scenario.offerings
    assert loaded.settings.budget == scenario.settings.budget


def test_generate_writes_provincial_courses_lecturers_and_budgets(tmp_path: Path) -> None:
    """Two provinces: LLCT courses are each province's own (``llct-sc-P01``, offered to P01
    only), lecturers teach in their province, each province has its budget; degree courses
    stay national with shared seats. One province: no scopes at all, as before."""
    from trainplan.generator.generate import generate

    two = load_scenario(
        generate(tmp_path / "two", units=2, officials_per_unit=6, seed=1, provinces=2)
    )
    scoped = {o.course_id: o.scope for o in two.offerings}
    assert scoped["llct-sc-P01"] == "P01" and scoped["llct-tc-P02"] == "P02"
    assert scoped["cm-tc"] is None
    assert {lec.scope for lec in two.lecturers} == {"P01", "P02"}
    assert set(two.settings.budget.scopes) == {"P01", "P02"}
    assert two.scope_units["P01"] == {"P01-D01-U001", "P01-D01-U002"}
    one = load_scenario(generate(tmp_path / "one", units=2, officials_per_unit=6, seed=1))
    assert all(o.scope is None for o in one.offerings) and not one.settings.budget.scopes
    assert all(lec.scope is None for lec in one.lecturers)


@pytest.mark.parametrize("case", ["seats", "lecturer", "budget"])
def test_the_greedy_and_the_mip_keep_the_scopes(case: str) -> None:
    """The peers of the benchmarks plan scoped scenarios validly, and HiGHS finds CP-SAT's
    optimum (the MIP is made of the CP-SAT model's rows, scope rules included)."""
    from trainplan.checking.checker import evaluate
    from trainplan.solver import Engine, SolveOptions, solve
    from trainplan.solver.greedy import greedy_plan

    scenario = {
        "seats": provinces(offerings=(Offering(course_id="C", year=2020, seats=3, scope="P1"),)),
        "lecturer": provinces(
            courses=(C, internal("I")),
            offerings=(
                offer("C", 2020, seats=3),
                Offering(course_id="I", year=2020, classes=1, scope="P1"),
            ),
            lecturers=(lecturer("L1", scope="P2"), lecturer("L2", scope="P1")),
            targets=(target(share=1.0), target("l", share=1.0, has={"llct": "elementary"})),
        ),
        "budget": provinces(budget=Budget(scopes={"P1": Budget(per_year=10 * M)})),
    }[case]
    assert evaluate(scenario, greedy_plan(scenario)).violations == []
    highs = solve(scenario, SolveOptions(time_limit=20, engine=Engine.HIGHS))
    cpsat = solve(scenario, SolveOptions(time_limit=20))
    assert evaluate(scenario, highs).violations == []
    assert highs.solver is not None and cpsat.solver is not None
    assert highs.solver.objective == cpsat.solver.objective


def test_explain_names_a_scopes_budget_as_the_limit(tmp_path: Path) -> None:
    """P1's 10M a year lets one of A, A2 study: explain --json names that cap (kind
    budget_scope, the scope and the year), as plain JSON."""
    import json

    from click.testing import CliRunner

    from trainplan.cli import main

    write_scenario(provinces(budget=Budget(scopes={"P1": Budget(per_year=10 * M)})), tmp_path)
    result = CliRunner().invoke(main, ["explain", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    start = result.output.index("{")
    [target_found] = json.loads(result.output[start:])["targets"]
    limits = [limit for limit in target_found["limits"] if limit["kind"] == "budget_scope"]
    assert limits and limits[0]["scope"] == "P1" and limits[0]["period"] == "2020"
