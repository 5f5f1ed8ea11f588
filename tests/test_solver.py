"""The solver finds the hand-worked optimum of tiny instances, one per rule family.

Each test builds a scenario of 1-6 officials with ``tests.builders.tiny`` (one unit U1,
horizon 2020-2022, tracks degree [none, college, university] and llct [none, elementary,
intermediate], no budget cap, loose continuity, day_value 0, service_obligation 0 unless
the test says otherwise), works out the optimum in its docstring, and checks through
``solving.solve_optimal`` that the plan keeps every rule (``trainplan.checking.checker`` finds
no violation), is proven optimal, reaches exactly that weighted shortfall and money, and that
the solver's own objective equals what ``evaluate`` recomputes from the plan alone.
``test_solver_slips.py`` adds the cases that kill slips mutation testing found alive.

Unless a test says otherwise, officials are ``youth`` (a non-leading cadre, standard college /
elementary) born 1985-01 with degree and llct ``none``; ``external`` courses grant degree
college in 12 months, in service, 10 days away, 10,000,000 VND a learner; ``internal``
courses grant llct elementary in 1 month, full time, 5 days away, 1,000,000 VND a learner,
5,000,000 a class and 40 lecturer hours a class; lecturers teach llct for 100,000 an hour.
Money is in VND.
"""

from __future__ import annotations

from fractions import Fraction
from importlib.metadata import version

import pytest
from builders import external, internal, lecturer, offer, official, target, tiny
from solving import M, attainment, continuity, options, solve_optimal, starts, youths

from trainplan.checking.checker import evaluate
from trainplan.models.scenario import Budget, Continuity, ContinuityYear, Pin, Scenario
from trainplan.solver import Infeasible, input_hash, solve
from trainplan.wording.catalogue import conflict_lines

# ---------------------------------------------------------------- seats


def test_external_seats_cap_enrollments_per_year() -> None:
    """3 officials, course C offered 2020 and 2021 with 1 seat each; target 2021: all 3 hold
    college. Two can get a seat (one a year), so 2 qualify: shortfall 3 - 2 = 1;
    money 2 x 10M = 20M."""
    scenario = tiny(
        officials=youths(3),
        courses=(external("C"),),
        offerings=(offer("C", 2020, seats=1), offer("C", 2021, seats=1)),
        targets=(target("t", year=2021),),
    )
    plan, evaluation = solve_optimal(scenario, shortfall=1, money=20 * M)
    assert sorted(e.start_year for e in plan.enrollments) == [2020, 2021]
    assert attainment(evaluation, "t") == (3, 2, 3)


# ---------------------------------------------------------------- classes


def test_class_max_limits_learners() -> None:
    """5 officials, internal course K (class_max 3), 1 class allowed in 2020; target 2020: all 5
    hold llct elementary. One class seats 3: shortfall 2; money 3 x 1M learners + 5M class +
    40 h x 100k lecturer = 12M."""
    scenario = tiny(
        officials=youths(5),
        courses=(internal("K", class_min=1, class_max=3),),
        offerings=(offer("K", 2020, classes=1),),
        lecturers=(lecturer("L1"),),
        targets=(target("t", year=2020, has={"llct": "elementary"}),),
    )
    plan, _ = solve_optimal(scenario, shortfall=2, money=12 * M)
    assert len(plan.enrollments) == 3
    assert {(row.class_no, row.learners, row.lecturer_id, row.hours) for row in plan.classes} == {
        (1, 3, "L1", 40)
    }


def test_class_min_needs_an_extra_learner() -> None:
    """A chair and 2 youths; target 2020: the chair (leadership) holds llct elementary. Course K
    has class_min 2, so the chair's class needs one youth too, who helps no target: shortfall
    0; money 2 x 1M + 5M + 4M = 11M."""
    scenario = tiny(
        officials=(official("chair", post="chair"), official("Y1"), official("Y2")),
        courses=(internal("K", class_min=2, class_max=10),),
        offerings=(offer("K", 2020, classes=1),),
        lecturers=(lecturer("L1"),),
        targets=(target("t", year=2020, has={"llct": "elementary"}, leadership=True),),
    )
    plan, _ = solve_optimal(scenario, shortfall=0, money=11 * M)
    learners = {e.official_id for e in plan.enrollments}
    assert "chair" in learners and len(learners) == 2


def test_number_of_classes_limits_learners() -> None:
    """5 officials, course K with class_max 2 and 2 classes allowed in 2020; target 2020: all 5
    hold llct elementary. Two classes seat 4: shortfall 1; money 4 x 1M + 2 x 5M + 2 x 4M =
    22M."""
    scenario = tiny(
        officials=youths(5),
        courses=(internal("K", class_min=1, class_max=2),),
        offerings=(offer("K", 2020, classes=2),),
        lecturers=(lecturer("L1"),),
        targets=(target("t", year=2020, has={"llct": "elementary"}),),
    )
    plan, _ = solve_optimal(scenario, shortfall=1, money=22 * M)
    assert {(row.class_no, row.learners) for row in plan.classes} == {(1, 2), (2, 2)}


# ---------------------------------------------------------------- lecturers


def test_lecturer_hours_per_year_and_subject() -> None:
    """4 officials, course K (class_max 2, 40 h a class, up to 2 classes in 2020); target 2020:
    all 4 hold llct elementary. L1 teaches llct but only 60 h a year (one class); L2 teaches
    only qlnn; L3 teaches llct but only from 2021. So one class, 2 learners: shortfall 2;
    money 2 x 1M + 5M + 40 h x 100k = 11M."""
    scenario = tiny(
        officials=youths(4),
        courses=(internal("K", class_min=1, class_max=2),),
        offerings=(offer("K", 2020, classes=2),),
        lecturers=(
            lecturer("L1", hours=60),
            lecturer("L2", subjects=("qlnn",)),
            lecturer("L3", from_year=2021),
        ),
        targets=(target("t", year=2020, has={"llct": "elementary"}),),
    )
    plan, _ = solve_optimal(scenario, shortfall=2, money=11 * M)
    assert {(row.lecturer_id, row.hours) for row in plan.classes} == {("L1", 40)}


def test_cheaper_lecturer_teaches() -> None:
    """2 officials, one class of K needed (target 2020: both hold llct elementary); L1 costs
    100k an hour, L2 50k: L2 teaches the 40 h. Shortfall 0; money 2 x 1M + 5M + 40 x 50k =
    9M."""
    scenario = tiny(
        officials=youths(2),
        courses=(internal("K"),),
        offerings=(offer("K", 2020, classes=1),),
        lecturers=(lecturer("L1"), lecturer("L2", cost_per_hour=50_000)),
        targets=(target("t", year=2020, has={"llct": "elementary"}),),
    )
    plan, _ = solve_optimal(scenario, shortfall=0, money=9 * M)
    assert {(row.lecturer_id, row.hours) for row in plan.classes} == {("L2", 40)}


def test_lecturer_hours_of_a_two_year_class_are_spread() -> None:
    """1 official; internal course K2 lasts 24 months (2020-2021) with 80 lecturer hours a
    class; L1 may teach 40 h a year. Spread evenly, 40 h fall in each year, so the class can
    open; target 2021: the official holds llct elementary. Shortfall 0; money 1M + 5M +
    80 x 100k = 14M."""
    scenario = tiny(
        officials=youths(1),
        courses=(internal("K2", months=24, lecturer_hours=80),),
        offerings=(offer("K2", 2020, classes=1),),
        lecturers=(lecturer("L1", hours=40),),
        targets=(target("t", year=2021, has={"llct": "elementary"}),),
    )
    solve_optimal(scenario, shortfall=0, money=14 * M)


# ---------------------------------------------------------------- time and levels


def test_elementary_completes_before_intermediate_starts() -> None:
    """1 official (llct none). Elementary E (3M) is offered only in 2021; intermediate I (7M,
    requires llct>=elementary) in 2021 and 2022. Targets: llct intermediate by 2021 and by
    2022, weight 1 each. I may not start in 2021 alongside E (E completes only at the end of
    2021), so E 2021 + I 2022: the 2021 target falls 1 short, the 2022 one is met. Shortfall
    1; money 10M."""
    scenario = tiny(
        officials=youths(1),
        courses=(
            external("E", track="llct", grants="elementary", cost=3 * M),
            external(
                "I",
                track="llct",
                grants="intermediate",
                cost=7 * M,
                requires=(("llct", "elementary"),),
            ),
        ),
        offerings=(
            offer("E", 2021, seats=5),
            offer("I", 2021, seats=5),
            offer("I", 2022, seats=5),
        ),
        targets=(
            target("t2021", year=2021, has={"llct": "intermediate"}),
            target("t2022", year=2022, has={"llct": "intermediate"}),
        ),
    )
    plan, _ = solve_optimal(scenario, shortfall=1, money=10 * M)
    assert starts(plan) == {("O1", "E", 2021), ("O1", "I", 2022)}


def test_two_year_course_ends_in_its_second_year() -> None:
    """3 officials; course D lasts 24 months, costs 20M, offered 2020 (1 seat), 2021 (1 seat)
    and 2022 (5 seats). Started in 2020 it ends 2021, in 2021 it ends 2022, in 2022 it would
    end 2023, after the horizon. Targets: all 3 hold college by 2021 and by 2022. Best: one
    starts 2020 (counts in 2021 and 2022), one 2021 (counts in 2022), the third cannot:
    shortfall (3 - 1) + (3 - 2) = 3; money 2 x 20M = 40M, spread 10M in 2020, 20M in 2021,
    10M in 2022."""
    scenario = tiny(
        officials=youths(3),
        courses=(external("D", months=24, cost=20 * M),),
        offerings=(
            offer("D", 2020, seats=1),
            offer("D", 2021, seats=1),
            offer("D", 2022, seats=5),
        ),
        targets=(target("t2021", year=2021), target("t2022", year=2022)),
    )
    plan, evaluation = solve_optimal(scenario, shortfall=3, money=40 * M)
    assert sorted(e.start_year for e in plan.enrollments) == [2020, 2021]
    assert attainment(evaluation, "t2021") == (3, 1, 3)
    assert attainment(evaluation, "t2022") == (3, 2, 3)
    assert evaluation.cost_by_year == {2020: 10 * M, 2021: 20 * M, 2022: 10 * M}


# ---------------------------------------------------------------- age


def test_max_age_in_the_start_year() -> None:
    """Course C (max_age 40) offered 2020 (1 seat) and 2021 (5 seats). P born 1980 is 40 in
    2020 and 41 in 2021, Q born 1985, R born 1975 (45). Target 2021: all 3 hold college. P
    can only take the 2020 seat, Q goes in 2021, R never: shortfall 1; money 20M."""
    scenario = tiny(
        officials=(
            official("P", birth=(1980, 6)),
            official("Q"),
            official("R", birth=(1975, 1)),
        ),
        courses=(external("C", max_age=40),),
        offerings=(offer("C", 2020, seats=1), offer("C", 2021, seats=5)),
        targets=(target("t", year=2021),),
    )
    plan, _ = solve_optimal(scenario, shortfall=1, money=20 * M)
    assert starts(plan) == {("P", "C", 2020), ("Q", "C", 2021)}


# ---------------------------------------------------------------- retirement


@pytest.mark.parametrize(
    ("born", "obligation", "old_goes"),
    [
        # born 1962-05: retires 2022-11, 23 months after the end of 2020 < 2 x 12 owed
        ((1962, 5), None, False),
        # born 1962-06: retires 2022-12, exactly the 24 months owed
        ((1962, 6), None, True),
        # the course's own obligation 1.5 x 12 = 18 <= 23 overrides service_obligation 2.0
        ((1962, 5), 1.5, True),
    ],
)
def test_service_obligation(
    born: tuple[int, int], obligation: float | None, old_goes: bool
) -> None:
    """Old (male, born as given) and Young; course C (12 months, 2020 only) with
    service_obligation 2.0. Target 2020: both hold college (Old is still in service at the end
    of 2020). If Old cannot serve the obligation he is never chosen: shortfall 1, money 10M;
    otherwise both go: shortfall 0, money 20M."""
    scenario = tiny(
        officials=(official("Old", birth=born), official("Young")),
        courses=(external("C", obligation=obligation),),
        offerings=(offer("C", 2020, seats=5),),
        targets=(target("t", year=2020),),
        service_obligation=2.0,
    )
    plan, _ = solve_optimal(
        scenario, shortfall=0 if old_goes else 1, money=(20 if old_goes else 10) * M
    )
    assert (("Old", "C", 2020) in starts(plan)) == old_goes


def test_retired_officials_leave_the_population() -> None:
    """Old (born 1962-01, retires 2022-07) and Young; course C 2020 only. Target t2020 counts
    both; t2022 counts only Young, since Old is not in service at the end of 2022. Old cannot
    take C (19 months after it < 24 owed): t2020 falls 1 short, t2022 is met. Shortfall 1;
    money 10M."""
    scenario = tiny(
        officials=(official("Old", birth=(1962, 1)), official("Young")),
        courses=(external("C"),),
        offerings=(offer("C", 2020, seats=5),),
        targets=(target("t2020", year=2020), target("t2022", year=2022)),
        service_obligation=2.0,
    )
    plan, evaluation = solve_optimal(scenario, shortfall=1, money=10 * M)
    assert starts(plan) == {("Young", "C", 2020)}
    assert attainment(evaluation, "t2020") == (2, 1, 2)
    assert attainment(evaluation, "t2022") == (1, 1, 1)


def test_retiring_the_year_after_a_course_ends_is_allowed() -> None:
    """Old (born 1962-10, retires 2023-07) and Young; course D lasts 36 months (2020-2022),
    no obligation. Old retires after 2022, so target 2022 counts him and he may take D (it
    ends 2022 < 2023): both qualify. Shortfall 0; money 2 x 30M = 60M."""
    scenario = tiny(
        officials=(official("Old", birth=(1962, 10)), official("Young")),
        courses=(external("D", months=36, cost=30 * M),),
        offerings=(offer("D", 2020, seats=5),),
        targets=(target("t", year=2022),),
    )
    plan, evaluation = solve_optimal(scenario, shortfall=0, money=60 * M)
    assert attainment(evaluation, "t") == (2, 2, 2)
    assert {e.official_id for e in plan.enrollments} == {"Old", "Young"}


def test_retiring_in_the_last_year_of_a_course_excludes_it() -> None:
    """Old (born 1962-01, retires 2022-07) and Young; course D lasts 36 months (2020-2022), no
    obligation. Old retires in D's last year, so he is never chosen; target t2021 (share 1)
    counts both but nobody can complete by 2021; target t2022 counts only Young. t2021 short
    2, t2022 met by Young: shortfall 2; money 30M."""
    scenario = tiny(
        officials=(official("Old", birth=(1962, 1)), official("Young")),
        courses=(external("D", months=36, cost=30 * M),),
        offerings=(offer("D", 2020, seats=5),),
        targets=(target("t2021", year=2021), target("t2022", year=2022)),
    )
    plan, _ = solve_optimal(scenario, shortfall=2, money=30 * M)
    assert starts(plan) == {("Young", "D", 2020)}


# ---------------------------------------------------------------- budget


@pytest.mark.parametrize(
    ("budget", "shortfall", "money"),
    [
        # 10M a year: one learner a year, all 3 by 2022
        (Budget(per_year=10 * M), 0, 30 * M),
        # 20M in all: two learners
        (Budget(total=20 * M), 1, 20 * M),
        # just under 20M a year (one learner a year) and 25M in all: two learners
        (Budget(per_year=20 * M - 1, total=25 * M), 1, 20 * M),
    ],
)
def test_budget_per_year_and_total(budget: Budget, shortfall: int, money: int) -> None:
    """3 officials, course C (10M) offered 2020, 2021 and 2022; target 2022: all 3 hold college.
    A 10M yearly cap allows one learner a year (all 3 by 2022); a 20M total cap allows 2."""
    scenario = tiny(
        officials=youths(3),
        courses=(external("C"),),
        offerings=tuple(offer("C", year, seats=5) for year in (2020, 2021, 2022)),
        targets=(target("t", year=2022),),
        budget=budget,
    )
    solve_optimal(scenario, shortfall=shortfall, money=money)


@pytest.mark.parametrize(("per_year", "learners"), [(15 * M, 1), (20 * M, 2), (9 * M, 0)])
def test_budget_of_a_two_year_course_is_spread(per_year: int, learners: int) -> None:
    """2 officials; course D (24 months, 20M) offered 2020 and 2021; target 2022: both hold
    college. D costs 10M in each of its two years: under a 15M yearly cap one learner fits
    (a second would put 20M in 2021, since a 2022 start ends after the horizon); under 20M
    both fit; under 9M none. Shortfall 2 - learners; money learners x 20M."""
    scenario = tiny(
        officials=youths(2),
        courses=(external("D", months=24, cost=20 * M),),
        offerings=(offer("D", 2020, seats=5), offer("D", 2021, seats=5)),
        targets=(target("t", year=2022),),
        budget=Budget(per_year=per_year),
    )
    solve_optimal(scenario, shortfall=2 - learners, money=learners * 20 * M)


# ---------------------------------------------------------------- continuity


def test_unit_away_share() -> None:
    """2 officials; max_away_share 0.1 of 250 days = 25 days per official, 50 for the unit in a
    year. Course C (30 days away) offered 2020 and 2021; targets: both hold college by 2020
    and by 2021. Both in one year would be 60 > 50 days, so one goes in 2020 and one in 2021:
    t2020 short 1, t2021 met. Shortfall 1; money 20M."""
    scenario = tiny(
        officials=youths(2),
        courses=(external("C", away_days=30),),
        offerings=(offer("C", 2020, seats=5), offer("C", 2021, seats=5)),
        targets=(target("t2020", year=2020), target("t2021", year=2021)),
        continuity=continuity(max_away_share=0.1),
    )
    plan, _ = solve_optimal(scenario, shortfall=1, money=20 * M)
    assert sorted(e.start_year for e in plan.enrollments) == [2020, 2021]


@pytest.mark.parametrize(
    ("mode", "shortfall", "money"), [("full_time", 1, 10 * M), ("in_service", 0, 20 * M)]
)
def test_leaders_away_in_full_time_courses(mode: str, shortfall: int, money: int) -> None:
    """2 chairs in one unit, max_leaders_away 1; course C offered 2020 only; target 2020: both
    leaders hold college. Full time, only one may go (shortfall 1, money 10M); in service, the
    limit does not apply (shortfall 0, money 20M)."""
    scenario = tiny(
        officials=(official("A", post="chair"), official("B", post="chair")),
        courses=(external("C", mode=mode),),
        offerings=(offer("C", 2020, seats=5),),
        targets=(target("t", year=2020, leadership=True),),
        continuity=continuity(max_leaders_away=1),
    )
    solve_optimal(scenario, shortfall=shortfall, money=money)


def test_personal_days() -> None:
    """1 official, max_personal_days 20. Courses G (degree college) and E (llct elementary),
    each 15 days away and 10M, offered 2020 only; X (llct elementary, 25 days, 1M) can never be
    taken. Targets 2020: degree college (weight 2), llct elementary (weight 1). Both courses
    in 2020 would be 30 > 20 days, so G alone: shortfall 1; money 10M."""
    scenario = tiny(
        officials=youths(1),
        courses=(
            external("G", away_days=15),
            external("E", track="llct", grants="elementary", away_days=15),
            external("X", track="llct", grants="elementary", away_days=25, cost=M),
        ),
        offerings=(offer("G", 2020, seats=5), offer("E", 2020, seats=5), offer("X", 2020, seats=5)),
        targets=(
            target("deg", year=2020, weight=2.0),
            target("llct", year=2020, has={"llct": "elementary"}),
        ),
        continuity=continuity(max_personal_days=20),
    )
    plan, _ = solve_optimal(scenario, shortfall=1, money=10 * M)
    assert starts(plan) == {("O1", "G", 2020)}


def test_personal_days_of_a_two_year_course_are_spread() -> None:
    """1 official, max_personal_days 20; course D (24 months, 40 days away: 20 a year) is
    allowed. Target 2021: degree college. Shortfall 0; money 10M."""
    scenario = tiny(
        officials=youths(1),
        courses=(external("D", months=24, away_days=40),),
        offerings=(offer("D", 2020, seats=5),),
        targets=(target("t", year=2021),),
        continuity=continuity(max_personal_days=20),
    )
    solve_optimal(scenario, shortfall=0, money=10 * M)


@pytest.mark.parametrize(
    "override",
    [
        ContinuityYear(max_away_share=0.05),  # 12.5 days for the unit of 1 < 20
        ContinuityYear(max_leaders_away=0),
        ContinuityYear(max_personal_days=10),
    ],
)
def test_continuity_year_override(override: ContinuityYear) -> None:
    """1 chair; course C (full time, 20 days away) offered 2021 and 2022; default rules allow
    it, the 2021 override does not. Targets: college by 2021 and by 2022. The chair goes in
    2022: t2021 short 1; shortfall 1; money 10M."""
    scenario = tiny(
        officials=(official("chair", post="chair"),),
        courses=(external("C", mode="full_time", away_days=20),),
        offerings=(offer("C", 2021, seats=5), offer("C", 2022, seats=5)),
        targets=(target("t2021", year=2021), target("t2022", year=2022)),
        continuity=continuity(max_leaders_away=1, years={2021: override}),
    )
    plan, _ = solve_optimal(scenario, shortfall=1, money=10 * M)
    assert starts(plan) == {("chair", "C", 2022)}


# ---------------------------------------------------------------- targets


def test_shortfall_is_minimised_before_money() -> None:
    """1 official; course C costs 900M; a target of weight 0.001. Meeting it costs 900M, not
    meeting it costs nothing, yet shortfall comes first: shortfall 0; money 900M."""
    scenario = tiny(
        officials=youths(1),
        courses=(external("C", cost=900 * M),),
        offerings=(offer("C", 2020, seats=5),),
        targets=(target("t", year=2020, weight=0.001),),
    )
    solve_optimal(scenario, shortfall=0, money=900 * M)


def test_weights_choose_which_target_is_met() -> None:
    """A (youth) and B (finance); course C has 1 seat in 2020. Target ty (youths, weight 1.5)
    and tf (finance, weight 2.5): B takes the seat. Shortfall 1.5; money 10M."""
    scenario = tiny(
        officials=(official("A"), official("B", post="finance")),
        courses=(external("C"),),
        offerings=(offer("C", 2020, seats=1),),
        targets=(
            target("ty", year=2020, weight=1.5, post="youth"),
            target("tf", year=2020, weight=2.5, post="finance"),
        ),
    )
    plan, _ = solve_optimal(scenario, shortfall=Fraction(3, 2), money=10 * M)
    assert starts(plan) == {("B", "C", 2020)}


def test_standard_uses_the_post_standard() -> None:
    """Target 2021: degree college and each official's own standard on degree and llct.
    The chair (degree college, llct intermediate) needs degree university; the youth (degree
    none, llct elementary) needs college; the finance official (degree college, no llct
    standard) already qualifies. Courses: G (college, 10M), U (university, 30M). Chair takes
    U, youth the cheaper G: shortfall 0; money 40M."""
    scenario = tiny(
        officials=(
            official("chair", post="chair", degree="college", llct="intermediate"),
            official("youth", llct="elementary"),
            official("fin", post="finance", degree="college"),
        ),
        courses=(external("G"), external("U", grants="university", cost=30 * M)),
        offerings=(offer("G", 2020, seats=5), offer("U", 2020, seats=5)),
        targets=(target("t", year=2021, standard=("degree", "llct")),),
    )
    plan, evaluation = solve_optimal(scenario, shortfall=0, money=40 * M)
    assert starts(plan) == {("chair", "U", 2020), ("youth", "G", 2020)}
    assert attainment(evaluation, "t") == (3, 3, 3)


def test_hard_target_is_met_and_not_in_the_objective() -> None:
    """3 officials, hard target 2020: half hold college, so ceil(1.5) = 2 must. Money 20M; no
    soft target, so no "targets" objective."""
    scenario = tiny(
        officials=youths(3),
        courses=(external("C"),),
        offerings=(offer("C", 2020, seats=5),),
        targets=(target("t", year=2020, share=0.5, hard=True),),
    )
    _, evaluation = solve_optimal(scenario, shortfall=0, money=20 * M)
    assert attainment(evaluation, "t") == (3, 2, 2)


# ---------------------------------------------------------------- money


def test_cheaper_course_preferred() -> None:
    """1 official; G1 (12M) and G2 (10M) both grant college; target 2020. G2: money 10M."""
    scenario = tiny(
        officials=youths(1),
        courses=(external("G1", cost=12 * M), external("G2")),
        offerings=(offer("G1", 2020, seats=5), offer("G2", 2020, seats=5)),
        targets=(target("t", year=2020),),
    )
    plan, _ = solve_optimal(scenario, shortfall=0, money=10 * M)
    assert starts(plan) == {("O1", "G2", 2020)}


def test_days_away_have_a_price() -> None:
    """day_value 300k. G1: 10M, 0 days (10M); G2: 8M, 10 days (8M + 3M = 11M). G1: 10M."""
    scenario = tiny(
        officials=youths(1),
        courses=(external("G1", away_days=0), external("G2", cost=8 * M)),
        offerings=(offer("G1", 2020, seats=5), offer("G2", 2020, seats=5)),
        targets=(target("t", year=2020),),
        continuity=continuity(day_value=300_000),
    )
    plan, _ = solve_optimal(scenario, shortfall=0, money=10 * M)
    assert starts(plan) == {("O1", "G1", 2020)}


@pytest.mark.parametrize(
    ("leader_factor", "chosen", "money"),
    [(2.0, "youth", 13 * M), (0.5, "chair", 11_500_000), (1.5, "youth", 13 * M)],
)
def test_leader_factor(leader_factor: float, chosen: str, money: int) -> None:
    """A chair and a youth (both cadres); target 2020: half the cadres (1) hold college. Course
    C: 10M, 10 days away, day_value 300k. The youth costs 10M + 3M = 13M, the chair
    10M + 3M x leader_factor: 16M at 2.0, 11.5M at 0.5, 14.5M at 1.5."""
    scenario = tiny(
        officials=(official("chair", post="chair"), official("youth")),
        courses=(external("C"),),
        offerings=(offer("C", 2020, seats=5),),
        targets=(target("t", year=2020, share=0.5, category="cadre"),),
        continuity=continuity(day_value=300_000, leader_factor=leader_factor),
    )
    plan, _ = solve_optimal(scenario, shortfall=0, money=money)
    assert starts(plan) == {(chosen, "C", 2020)}


# ---------------------------------------------------------------- pins


def test_require_pin_forces_an_enrollment() -> None:
    """No target; a require pin puts O1 in C in 2021, which the empty plan would not: money
    10M. O2 stays home."""
    scenario = tiny(
        officials=youths(2),
        courses=(external("C"),),
        offerings=(offer("C", 2020, seats=5), offer("C", 2021, seats=5)),
        pins=(Pin(official_id="O1", course_id="C", year=2021, action="require"),),
    )
    plan, _ = solve_optimal(scenario, shortfall=0, money=10 * M)
    assert starts(plan) == {("O1", "C", 2021)}


def test_forbid_pin_excludes_an_enrollment() -> None:
    """1 official; G1 (8M) and G2 (10M) grant college; target 2020. A forbid pin on G1 in 2020
    leaves G2: money 10M (8M without the pin)."""
    scenario = tiny(
        officials=youths(1),
        courses=(external("G1", cost=8 * M), external("G2")),
        offerings=(offer("G1", 2020, seats=5), offer("G2", 2020, seats=5)),
        targets=(target("t", year=2020),),
        pins=(Pin(official_id="O1", course_id="G1", year=2020, action="forbid"),),
    )
    plan, _ = solve_optimal(scenario, shortfall=0, money=10 * M)
    assert starts(plan) == {("O1", "G2", 2020)}


# ---------------------------------------------------------------- infeasibility


def test_unreachable_hard_target_is_named() -> None:
    """2 officials, 1 seat; hard target: both hold college by 2020. No plan: the reasons name
    the target."""
    scenario = tiny(
        officials=youths(2),
        courses=(external("C"),),
        offerings=(offer("C", 2020, seats=1),),
        targets=(
            target("soft", year=2020, has={"llct": "elementary"}),
            target("all-college", year=2020, hard=True),
        ),
    )
    with pytest.raises(Infeasible) as raised:
        solve(scenario, options())
    assert any("all-college" in reason for reason in conflict_lines(raised.value))
    assert not any("soft" in reason for reason in conflict_lines(raised.value))


def test_require_pins_over_the_seats_are_named() -> None:
    """1 seat in C 2020, require pins put O1 and O2 in it: both pins are named (rows 2, 3)."""
    scenario = tiny(
        officials=youths(3),
        courses=(external("C"),),
        offerings=(offer("C", 2020, seats=1),),
        pins=(
            Pin(official_id="O1", course_id="C", year=2020, action="require"),
            Pin(official_id="O2", course_id="C", year=2020, action="require"),
        ),
    )
    with pytest.raises(Infeasible) as raised:
        solve(scenario, options())
    reasons = conflict_lines(raised.value)
    assert any("row 2" in r and "O1" in r for r in reasons)
    assert any("row 3" in r and "O2" in r for r in reasons)


def test_require_pins_taking_a_course_twice_are_named() -> None:
    """Require pins put O1 in C in 2020 and again in 2021 (each course at most once, and O1
    holds college after 2020): both pins are named."""
    scenario = tiny(
        officials=youths(1),
        courses=(external("C"),),
        offerings=(offer("C", 2020, seats=5), offer("C", 2021, seats=5)),
        pins=(
            Pin(official_id="O1", course_id="C", year=2020, action="require"),
            Pin(official_id="O1", course_id="C", year=2021, action="require"),
        ),
    )
    with pytest.raises(Infeasible) as raised:
        solve(scenario, options())
    reasons = conflict_lines(raised.value)
    assert any("row 2" in r and "2020" in r for r in reasons)
    assert any("row 3" in r and "2021" in r for r in reasons)


def test_require_pin_against_a_forbid_pin_is_named() -> None:
    """A require and a forbid pin on the same enrollment: the require pin (row 2) is named."""
    scenario = tiny(
        officials=youths(1),
        courses=(external("C"),),
        offerings=(offer("C", 2020, seats=5),),
        pins=(
            Pin(official_id="O1", course_id="C", year=2020, action="require"),
            Pin(official_id="O1", course_id="C", year=2020, action="forbid"),
        ),
    )
    with pytest.raises(Infeasible) as raised:
        solve(scenario, options())
    [reason] = conflict_lines(raised.value)
    assert "row 2" in reason and "O1" in reason and "forbid" in reason


def test_require_pin_for_someone_retiring_names_the_reason() -> None:
    """Old (born 1962-01) retires 2022-07; a require pin puts him in the 36-month course D
    ending 2022: the reason names the pin and his retirement."""
    scenario = tiny(
        officials=(official("Old", birth=(1962, 1)),),
        courses=(external("D", months=36),),
        offerings=(offer("D", 2020, seats=5),),
        pins=(Pin(official_id="Old", course_id="D", year=2020, action="require"),),
    )
    with pytest.raises(Infeasible) as raised:
        solve(scenario, options())
    [reason] = conflict_lines(raised.value)
    assert "row 2" in reason and "Old" in reason and "retires in 2022-07" in reason


# ---------------------------------------------------------------- reproducibility


def forty_officials() -> Scenario:
    """40 officials in 4 units, many alike (so the optimum has many ties: a free-running
    parallel search returns different optimal plans from run to run), 3 courses (one of them
    internal, taught by 2 lecturers), 3 soft targets, a yearly budget and realistic
    continuity. Proven optimal in about a second."""
    posts = ("chair", "youth", "youth", "finance", "youth")
    officials = tuple(
        official(
            f"O{i:02d}",
            unit=f"U{i % 4 + 1}",
            post=posts[i % len(posts)],
            sex="MF"[i % 2],
            birth=(1970 + i % 20, i % 12 + 1),
            degree=("none", "college")[i % 3 == 0],
            llct=("none", "elementary")[i % 4 == 0],
        )
        for i in range(40)
    )
    courses = (
        external("G", cost=12 * M, away_days=20),
        external(
            "U",
            grants="university",
            months=24,
            cost=40 * M,
            away_days=40,
            requires=(("degree", "college"),),
            max_age=45,
        ),
        internal("E", class_min=3, class_max=8, away_days=10),
    )
    offerings = (
        *(offer("G", year, seats=4) for year in (2020, 2021, 2022)),
        offer("U", 2020, seats=2),
        offer("U", 2021, seats=2),
        *(offer("E", year, classes=2) for year in (2020, 2021, 2022)),
    )
    return tiny(
        officials=officials,
        courses=courses,
        offerings=offerings,
        lecturers=(lecturer("L1", hours=120), lecturer("L2", hours=80, cost_per_hour=80_000)),
        targets=(
            target("cadres-college", year=2022, share=0.6, category="cadre"),
            target("llct", year=2022, share=0.5, has={"llct": "elementary"}, weight=2.0),
            target("chairs", year=2022, share=1.0, standard=("degree", "llct"), post="chair"),
        ),
        budget=Budget(per_year=80 * M),
        continuity=Continuity(max_personal_days=60, day_value=300_000),
        units=("U1", "U2", "U3", "U4"),
        service_obligation=2.0,
    )


def test_same_seed_same_plan() -> None:
    """Three solves with seed 7 give the same enrollments and classes, and a valid optimum."""
    scenario = forty_officials()
    first, *others = (solve(scenario, options(seed=7)) for _ in range(3))
    assert first.enrollments and first.classes
    for other in others:
        assert other.enrollments == first.enrollments
        assert other.classes == first.classes
    evaluation = evaluate(scenario, first)
    assert evaluation.violations == []
    assert first.solver is not None and first.solver.status == "OPTIMAL"
    assert first.solver.objective == {
        "targets": float(evaluation.weighted_shortfall),
        "money": float(evaluation.money),
    }


def test_solver_info_is_filled() -> None:
    """Versions, seed and a hash of the input that equal scenarios share and others do not."""
    scenario = tiny(
        officials=youths(2),
        courses=(external("C"),),
        offerings=(offer("C", 2020, seats=5),),
        targets=(target("t", year=2020),),
    )
    same = tiny(
        officials=youths(2),
        courses=(external("C"),),
        offerings=(offer("C", 2020, seats=5),),
        targets=(target("t", year=2020),),
    )
    other = scenario.model_copy(update={"offerings": (offer("C", 2020, seats=1),)})
    plan = solve(scenario, options(seed=42))
    info = plan.solver
    assert info is not None
    assert info.ortools_version == version("ortools")
    assert info.seed == 42
    assert info.workers == 8
    assert info.time_limit == 20
    assert info.input_hash == input_hash(scenario) == input_hash(same)
    assert input_hash(other) != info.input_hash
    same_plan = solve(same, options(seed=42))
    assert same_plan.solver is not None and same_plan.solver.input_hash == info.input_hash
    assert [stage["name"] for stage in info.stages] == ["targets", "money", "reproduce"]
    assert info.reproducible
    assert info.seconds >= 0 and info.gap == 0


def test_amounts_too_large_for_64_bit_arithmetic_are_refused_clearly() -> None:
    """A total budget over 300 officials x 20 courses x 3 years at 10^15 VND each sums past
    2^63: the solver must say so (TooLarge) instead of failing with an invalid model."""
    from builders import external, offer, official, tiny

    from trainplan.models.scenario import Budget
    from trainplan.solver import TooLarge

    officials = tuple(official(f"O{i}") for i in range(300))
    courses = tuple(
        external(f"C{k}", cost=10**15, grants="college" if k % 2 else "university")
        for k in range(20)
    )
    offerings = tuple(
        offer(f"C{k}", year, seats=100) for k in range(20) for year in (2020, 2021, 2022)
    )
    with pytest.raises(TooLarge, match="overflow"):
        solve(
            tiny(
                officials=officials,
                courses=courses,
                offerings=offerings,
                budget=Budget(total=10**15),
            )
        )


def test_infeasibility_reads_in_vietnamese() -> None:
    """The reasons of exit 3 come in the committee's language too."""
    scenario = tiny(
        officials=(official("O1", birth=(1960, 1)),),
        courses=(external("deg", months=24),),
        offerings=(offer("deg", 2020, seats=1),),
        pins=(Pin(official_id="O1", course_id="deg", year=2020, action="require"),),
    )
    with pytest.raises(Infeasible) as raised:
        solve(scenario)
    [english] = conflict_lines(raised.value, lang="en")
    [vietnamese] = conflict_lines(raised.value, lambda index: f"pins.csv dòng {index + 2}", "vi")
    assert "cannot start deg in 2020" in english and "retires in" in english
    assert vietnamese.startswith("pins.csv dòng 2: O1 không thể học khóa deg năm 2020: nghỉ hưu")


def test_infeasibility_names_the_limit_a_pin_collides_with() -> None:
    """Two require pins for the one seat of 'deg' in 2020: no plan keeps both. The reasons name
    both pins and the seat limit, so the committee sees what to change."""
    scenario = tiny(
        officials=(official("O1"), official("O2")),
        courses=(external("deg"),),
        offerings=(offer("deg", 2020, seats=1),),
        pins=(
            Pin(official_id="O1", course_id="deg", year=2020, action="require"),
            Pin(official_id="O2", course_id="deg", year=2020, action="require"),
        ),
    )
    with pytest.raises(Infeasible) as raised:
        solve(scenario)
    reasons = conflict_lines(raised.value)
    assert "limit: seats of deg in 2020: 1" in reasons
    assert sum("require pin" in reason for reason in reasons) == 2


def test_infeasibility_names_a_budget_and_a_unit_limit() -> None:
    """A hard target needs both officials trained in 2020 (10M each) but the 2020 budget is
    15M and the unit can spare 10 days a year (2 officials x 250 days x 2 %) for 2 x 10 days:
    the core names the hard target and at least one of the two limits."""
    scenario = tiny(
        officials=(official("O1"), official("O2")),
        courses=(external("deg", away_days=10),),
        offerings=(offer("deg", 2020, seats=2),),
        targets=(target("all", year=2020, hard=True),),
        horizon=(2020, 2020),
        budget=Budget(per_year=15_000_000),
        continuity=Continuity(
            max_away_share=0.02, max_leaders_away=10, max_personal_days=250, day_value=0
        ),
    )
    with pytest.raises(Infeasible) as raised:
        solve(scenario)
    reasons = conflict_lines(raised.value)
    assert any(reason.startswith("hard target all") for reason in reasons)
    assert {
        "limit: the budget of 2020 is 15,000,000 VND",
        "limit: unit U1 can spare 10 days in 2020",
    } & set(reasons)
