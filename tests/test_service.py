"""Data as it comes (SPEC.md, Version 2): early retirement, extensions, recruits, leavers,
officials retired before the horizon and births written as a year alone.

One meaning of "in service" (``trainplan.models.service``) for the solver's candidates, staff
counts and populations; the checker derives it again (``trainplan.checking.recount``) and both
must agree. Officials out of service for the whole horizon load with a warning naming their
row, never an error.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from builders import external, offer, official, target, tiny
from click.testing import CliRunner
from solving import M, options, solve_optimal, starts

from trainplan import cli
from trainplan.checking.arithmetic import in_service_at_end
from trainplan.checking.checker import evaluate
from trainplan.checking.recount import staff_in_service
from trainplan.files import read_scenario
from trainplan.files.cells import to_month
from trainplan.models import InputError, Problem
from trainplan.models.message import Message
from trainplan.models.plan import Enrollment, Plan
from trainplan.models.retirement import YearMonth, retirement_month
from trainplan.models.service import Service
from trainplan.solver import solve
from trainplan.solver.candidates import enumerate_candidates

TINY = Path(__file__).parent / "data" / "tiny"
C = external("C")  # degree -> college, 12 months, 10 M per learner, obligation of the scenario

# ---------------------------------------------------------------- the meaning, month by month


def test_in_service_during_and_at_the_end_of_a_year() -> None:
    """Joins 2021-03, leaves 2023-06, retires 2030-01: in service during 2021..2023, at the
    end of 2021 and 2022 (not 2023: gone within it); may start a course from 2022 on."""
    service = Service(YearMonth(2021, 3), YearMonth(2030, 1), YearMonth(2023, 6))
    assert service.last_month == YearMonth(2023, 6)
    assert [y for y in range(2019, 2026) if service.during(y)] == [2021, 2022, 2023]
    assert [y for y in range(2019, 2026) if service.at_end(y)] == [2021, 2022]
    assert [y for y in range(2019, 2026) if service.may_start(y)] == [2022, 2023, 2024, 2025]
    assert service.anywhere_in(2023, 2030) and not service.anywhere_in(2024, 2030)


def test_the_earlier_of_retirement_and_leaving_is_the_last_month() -> None:
    assert Service(None, YearMonth(2022, 7), YearMonth(2025, 1)).last_month == YearMonth(2022, 7)
    assert Service(None, YearMonth(2022, 7), None).last_month == YearMonth(2022, 7)


def test_retires_overrides_the_decree_both_ways() -> None:
    """A man born 1962-01 retires 2022-07 under Decree 135/2020 (60y6m in 2022); ``retires``
    brings it forward (early retirement) or pushes it back (an extension)."""
    assert official("D", birth=(1962, 1)).retirement == YearMonth(2022, 7)
    early = official("E", birth=(1962, 1), retires=YearMonth(2020, 3))
    late = official("X", birth=(1962, 1), retires=YearMonth(2024, 12))
    assert early.retirement == YearMonth(2020, 3) and late.retirement == YearMonth(2024, 12)
    assert early.months_served_after(2019) == 3 and late.months_served_after(2023) == 12


@pytest.mark.parametrize(
    ("text", "month"), [("1962", (1962, 1)), (" 1975 ", (1975, 1)), ("1962-05", (1962, 5))]
)
def test_a_birth_year_alone_means_january(text: str, month: tuple[int, int]) -> None:
    """Decree 135/2020, Art. 3(3): a record with the year of birth only counts from 1 January."""
    assert tuple(to_month(text)) == month


def test_the_retirement_of_a_birth_year_alone() -> None:
    """Born '1962' = 1962-01: a man reaches 60y6m (the age of 2022) in 2022-07; a woman born
    '1966' = 1966-01 reaches 55y4m (2021) in 2021-05."""
    assert retirement_month("M", to_month("1962")) == YearMonth(2022, 7)
    assert retirement_month("F", to_month("1966")) == YearMonth(2021, 5)


# ---------------------------------------------------------------- staff counts and populations

# U1, horizon 2020-2022. A: always. J: joins 2021-03. L: leaves 2021-06. R: retired in 2010
# (born 1950-01). E: retires early, 2022-02 (born 1985).
A = official("A")
J = official("J", joins=YearMonth(2021, 3))
L = official("L", leaves=YearMonth(2021, 6))
R = official("R", birth=(1950, 1))
E = official("E", retires=YearMonth(2022, 2))
PEOPLE = (A, J, L, R, E)
STAFF = {2020: 3, 2021: 4, 2022: 3}
"""During 2020: A, L, E. 2021: A, J (joined in it), L (leaves in it), E. 2022: A, J, E."""
AT_END = {2020: {"A", "L", "E"}, 2021: {"A", "J", "E"}, 2022: {"A", "J"}}
"""End of 2020: J not yet joined. 2021: L left within it. 2022: E retired within it."""


def test_staff_counts_move_with_joins_and_leaves() -> None:
    scenario = tiny(officials=PEOPLE, courses=(C,), offerings=())
    assert {y: scenario.staff("U1", y) for y in scenario.years} == STAFF
    checkers = staff_in_service(scenario, {("U1", y) for y in scenario.years})
    assert {y: checkers[("U1", y)] for y in scenario.years} == STAFF
    for year, count in STAFF.items():  # tiny: share 1.0 x 250 days x staff that year
        assert scenario.away_limit("U1", year) == 250 * count


def test_populations_move_with_joins_and_leaves() -> None:
    """Target t<year> (everyone, share 1): the population is who is in service at its end."""
    scenario = tiny(
        officials=PEOPLE,
        courses=(C,),
        offerings=(),
        targets=tuple(target(f"t{y}", year=y) for y in (2020, 2021, 2022)),
    )
    for t in scenario.settings.targets:
        assert {o.official_id for o in scenario.population(t)} == AT_END[t.year]
        assert {o.official_id for o in PEOPLE if in_service_at_end(o, t.year)} == AT_END[t.year]
    attained = {a.target_id: a.population for a in evaluate(scenario, Plan((), ())).attainment}
    assert attained == {f"t{y}": len(AT_END[y]) for y in AT_END}


def test_ethnic_minority_is_a_who_filter() -> None:
    m = official("M", ethnic_minority=True)
    scenario = tiny(
        officials=(A, m),
        courses=(C,),
        offerings=(),
        targets=(target("mino", ethnic_minority=True), target("rest", ethnic_minority=False)),
    )
    mino, rest = scenario.settings.targets
    assert [o.official_id for o in scenario.population(mino)] == ["M"]
    assert [o.official_id for o in scenario.population(rest)] == ["A"]
    assert [a.population for a in evaluate(scenario, Plan((), ())).attainment] == [1, 1]


def test_an_ethnic_minority_target_is_planned_for() -> None:
    """Two seats of C (10 M), three officials: the ethnic-minority target (M1, M2; weight 2)
    and the others' (A; weight 1). Training M1 and M2 leaves a weighted shortfall of 1,
    training A and one of them 2: the optimum is shortfall 1, money 20 M, M1 and M2."""
    m1, m2 = official("M1", ethnic_minority=True), official("M2", ethnic_minority=True)
    scenario = tiny(
        officials=(A, m1, m2),
        courses=(C,),
        offerings=(offer("C", 2020, seats=2),),
        targets=(
            target("mino", ethnic_minority=True, weight=2),
            target("rest", ethnic_minority=False),
        ),
    )
    plan, _ = solve_optimal(scenario, shortfall=1, money=20 * M)
    assert starts(plan) == {("M1", "C", 2020), ("M2", "C", 2020)}


# ---------------------------------------------------------------- the solver keeps them


Z = official("Z", leaves=YearMonth(2021, 12))
"""Leaves in the last month of 2021: not in service at its end, like a retirement in it."""


def test_no_candidate_outside_service() -> None:
    """C offered every year: J (joins 2021-03) only from 2022; L (leaves 2021-06) and Z
    (leaves 2021-12) only 2020 (it ends 2020, before they leave); R (retired 2010) never;
    E (retires 2022-02) 2020, 2021."""
    scenario = tiny(
        officials=(*PEOPLE, Z),
        courses=(C,),
        offerings=tuple(offer("C", y, seats=9) for y in (2020, 2021, 2022)),
    )
    found = {(o, y) for o, _, y in enumerate_candidates(scenario)}
    assert found == {
        ("A", 2020),
        ("A", 2021),
        ("A", 2022),
        ("J", 2022),
        ("L", 2020),
        ("Z", 2020),
        ("E", 2020),
        ("E", 2021),
    }


def test_the_solver_trains_recruits_and_extensions_when_they_may() -> None:
    """Target t2022: everyone in service at the end of 2022 holds a college degree (share 1).
    C (10 M) has 3 seats in 2020; D (the same degree, 15 M) is offered in 2022 only.
    Population: A; J (joins 2021-03, in year 2: may start only from 2022); X (born 1960-01:
    the decree retires him in 2020-01, but ``retires`` extends him to 2023-12). Out of it: L
    (leaves 2021-06, in year 2), E (retires early, 2021-03), R (retired in 2010), Y (joins
    2023-01, after the horizon). A and X take C in 2020; J can only take D in 2022. Optimum:
    shortfall 0, money 10 + 10 + 15 = 35 M (letting J start C in 2020 would cost 30 M)."""
    j = official("J", joins=YearMonth(2021, 3))
    x = official("X", birth=(1960, 1), retires=YearMonth(2023, 12))
    e = official("E", retires=YearMonth(2021, 3))
    y = official("Y", joins=YearMonth(2023, 1))
    scenario = tiny(
        officials=(A, j, x, L, e, R, y),
        courses=(C, external("D", cost=15 * M)),
        offerings=(offer("C", 2020, seats=3), offer("D", 2022, seats=1)),
        targets=(target("t2022", year=2022),),
    )
    plan, _ = solve_optimal(scenario, shortfall=0, money=35 * M)
    assert starts(plan) == {("A", "C", 2020), ("X", "C", 2020), ("J", "D", 2022)}


def test_the_solver_measures_the_obligation_to_leaving() -> None:
    """service_obligation 0.5: C (12 months) owes 6 months after the end of 2020. Target
    t2020 counts L5 (leaves 2021-05) and L6 (leaves 2021-06), both born 1985. L5 would serve
    5 months, L6 6: only L6 may be trained. Optimum: shortfall 1, money 10 M."""
    l5 = official("L5", leaves=YearMonth(2021, 5))
    l6 = official("L6", leaves=YearMonth(2021, 6))
    scenario = tiny(
        officials=(l5, l6),
        courses=(C,),
        offerings=(offer("C", 2020, seats=2),),
        targets=(target("t2020", year=2020),),
        service_obligation=0.5,
    )
    plan, _ = solve_optimal(scenario, shortfall=1, money=10 * M)
    assert starts(plan) == {("L6", "C", 2020)}


def test_the_checker_flags_what_the_candidates_leave_out() -> None:
    """Every enrollment the candidates refuse for J, L, Z, R and E is one the checker
    rejects, and every one they keep (alone in a plan) the checker accepts."""
    scenario = tiny(
        officials=(*PEOPLE, Z),
        courses=(C,),
        offerings=tuple(offer("C", y, seats=9) for y in (2020, 2021, 2022)),
        service_obligation=0.5,
    )
    kept = set(enumerate_candidates(scenario))
    for o in (*PEOPLE, Z):
        for year in (2020, 2021, 2022):
            key = (o.official_id, "C", year)
            valid = evaluate(scenario, Plan((Enrollment(*key),), ())).valid
            assert valid == (key in kept), key


# ---------------------------------------------------------------- files: warnings, not errors

HEADER = "official_id,name,unit_id,post_id,sex,birth,degree,llct,successor,retires,joins,leaves\n"
ROWS = (
    "O1,Nguyễn Văn An,X1,chair,M,1970-05,intermediate,elementary,false,,,\n"
    "O2,Hoàng Thị Bình,X1,youth,F,1990-02,college,none,,,,\n"
    "O3,Lý Văn Cường,X2,chair,M,1975-11,university,intermediate,,,,\n"
    "O4,Vi Thị Dung,X2,finance,F,1985-07,intermediate,none,true,,,\n"
    "O5,Retired,X1,youth,M,1950,none,none,,,,\n"  # row 6: 1950-01 -> retired 2010-01
    "O6,Early,X1,youth,M,1980-01,none,none,,2017-06,,\n"  # row 7
    "O7,Moved,X2,finance,F,1985-01,none,none,,,,2016-03\n"  # row 8
    "O8,Later,X2,finance,F,1995-01,none,none,,,2025-01,\n"  # row 9
    "O9,Recruit,X2,finance,F,1995-01,intermediate,none,,,2019-02,\n"  # row 10: in service
)
WARNINGS = [
    Problem("officials.csv", 6, "birth", Message("input.retired_before_horizon", month="2010-01")),
    Problem(
        "officials.csv", 7, "retires", Message("input.retires_before_horizon", month="2017-06")
    ),
    Problem("officials.csv", 8, "leaves", Message("input.leaves_before_horizon", month="2016-03")),
    Problem("officials.csv", 9, "joins", Message("input.joins_after_horizon", month="2025-01")),
]


def tiny_with(tmp_path: Path, rows: str = ROWS) -> Path:
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    (folder / "officials.csv").write_text(HEADER + rows, encoding="utf-8")
    return folder


def test_officials_out_of_service_load_with_a_warning_naming_their_row(tmp_path: Path) -> None:
    loaded = read_scenario(tiny_with(tmp_path))
    assert loaded.warnings == WARNINGS
    scenario = loaded.scenario
    assert len(scenario.officials) == 9
    assert scenario.official_by_id["O5"].birth == YearMonth(1950, 1)
    assert scenario.official_by_id["O9"].joins == YearMonth(2019, 2)
    out = {"O5", "O6", "O7", "O8"}
    assert not any(
        scenario.in_service(scenario.official_by_id[o], y) for o in out for y in scenario.years
    )
    plan = solve(scenario, options())
    assert evaluate(scenario, plan).valid
    assert not {e.official_id for e in plan.enrollments} & out


def test_the_command_line_shows_the_warnings_in_english_and_vietnamese(tmp_path: Path) -> None:
    folder = tiny_with(tmp_path)
    english = CliRunner().invoke(cli.main, ["validate", str(folder)])
    assert english.exit_code == 0, english.output
    assert (
        "warning: officials.csv row 6, birth: retired in 2010-01 under Decree 135/2020, before "
        "the horizon: out of service throughout, kept but never planned"
    ) in english.output
    assert "warning: officials.csv row 9, joins: joins in 2025-01, after the horizon" in (
        english.output
    )
    vietnamese = CliRunner().invoke(cli.main, ["validate", str(folder), "--lang", "vi"])
    assert vietnamese.exit_code == 0, vietnamese.output
    assert (
        "cảnh báo: officials.csv dòng 8, cột leaves: nghỉ việc tháng 2016-03, trước giai đoạn "
        "kế hoạch: không còn công tác, được giữ lại nhưng không được xếp học"
    ) in vietnamese.output


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (
            "O5,X,X1,youth,M,1980-01,none,none,,,2019-06,2019-02\n",
            Problem(
                "officials.csv",
                6,
                "leaves",
                Message("input.leaves_before_joins", leaves="2019-02", joins="2019-06"),
            ),
        ),
        (
            "O5,X,X1,youth,M,1980-01,none,none,,2019-06,2019-08,\n",
            Problem(
                "officials.csv",
                6,
                "joins",
                Message("input.joins_after_retirement", joins="2019-08", retirement="2019-06"),
            ),
        ),
    ],
    ids=["leaves-before-joins", "joins-after-retirement"],
)
def test_joining_after_going_is_an_error_naming_the_row(
    tmp_path: Path, row: str, problem: Problem
) -> None:
    with pytest.raises(InputError) as caught:
        read_scenario(tiny_with(tmp_path, ROWS.split("O5,")[0] + row))
    assert caught.value.problems == [problem]


def test_the_writer_carries_the_new_columns_and_filter(tmp_path: Path) -> None:
    """retires, joins and leaves are written as months and read back equal; so is a target
    filtering on ethnic_minority."""
    from trainplan.files import load_scenario
    from trainplan.files.scenario_writer import write_scenario

    scenario = tiny(
        officials=(
            official("A", retires=YearMonth(2031, 2), ethnic_minority=True),
            official("B", joins=YearMonth(2019, 9), leaves=YearMonth(2024, 11)),
        ),
        courses=(C,),
        offerings=(offer("C", 2020, seats=1),),
        targets=(target("mino", ethnic_minority=True),),
    )
    write_scenario(scenario, tmp_path / "s")
    header = (tmp_path / "s" / "officials.csv").read_text(encoding="utf-8").splitlines()[0]
    assert {"retires", "joins", "leaves", "ethnic_minority"} <= set(header.split(","))
    assert load_scenario(tmp_path / "s") == scenario


def test_a_recruits_age_counts_from_the_year_they_join(tmp_path: Path) -> None:
    """Tiny's horizon starts in 2018: someone born 2005 is 13 then, too young to serve, but
    fine as a recruit joining in 2020 (15 that year); joining in 2019 (14) is still refused."""
    recruit = "O5,Trẻ,X1,youth,F,2005-03,none,none,,,2020-09,\n"
    assert read_scenario(tiny_with(tmp_path / "a", ROWS.split("O5,")[0] + recruit)).warnings == []
    early = recruit.replace("2020-09", "2019-09")
    with pytest.raises(InputError) as caught:
        read_scenario(tiny_with(tmp_path / "b", ROWS.split("O5,")[0] + early))
    assert caught.value.problems == [
        Problem("officials.csv", 6, "birth", Message("input.too_young", birth="2005-03", age=15))
    ]
