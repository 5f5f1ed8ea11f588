"""Tiny instances that kill solver slips mutation testing found alive, and limits met exactly.

Each slip is a constraint that looks right on a one-course scenario and is wrong in general:
a lecturer's yearly hours checked per offering only, leaders counted only in a course's first
year, a level completed in the plan that does not stop another course granting it, and a
2-year course's days away not spread over its years. Each test builds a scenario where the slip
would admit a better plan than the true optimum, works that optimum out in its docstring, and
holds the solver to it through ``solving.solve_optimal`` (a valid plan per
``trainplan.checking.checker.evaluate``, proven optimal, exactly that shortfall and money).
The "at the limit" cases meet a limit with equality: the plan must still be admitted.

Conventions as in ``test_solver.py``: ``tiny()`` (one unit U1, horizon 2020-2022, loose
continuity, day_value 0); officials are ``youth`` (a non-leading cadre) born 1985-01 holding
no degree and no llct; ``external`` courses grant degree college in 12 months, in service,
10 days away, 10M a learner; ``internal`` ones grant llct elementary in 1 month, full time,
5 days away, 1M a learner, 5M a class, 40 lecturer hours a class (llct); lecturers cost 100k an
hour. An internal class of one learner taught 40 h by L1 costs 1M + 5M + 4M = 10M.
"""

from __future__ import annotations

import pytest
from builders import external, internal, lecturer, offer, official, target, tiny
from solving import M, continuity, solve_optimal, starts

from trainplan.models.scenario import Scenario

# ---------------------------------------------------------------- lecturer_hours


def two_courses_one_lecturer(hours: int, *, spread: bool) -> Scenario:
    """A (youth) wants llct elementary, B (finance) wants degree college; both targets 2021, the
    llct one weighs 2. K (llct elementary) and Q (degree college) are internal, 1 learner each,
    taught only by L1 (``hours`` a year). With ``spread``, K lasts 24 months from 2020 with 80 h
    a class, 40 h in each of 2020 and 2021, and Q runs in 2021: they meet in 2021 only. Without,
    K (40 h) and Q (40 h) both run in 2020."""
    year_of_q = 2021 if spread else 2020
    return tiny(
        officials=(official("A"), official("B", post="finance")),
        courses=(
            internal("K", months=24, lecturer_hours=80) if spread else internal("K"),
            internal("Q", track="degree", grants="college"),
        ),
        offerings=(offer("K", 2020, classes=1), offer("Q", year_of_q, classes=1)),
        lecturers=(lecturer("L1", hours=hours),),
        targets=(
            target("llct", year=2021, has={"llct": "elementary"}, weight=2.0, post="youth"),
            target("degree", year=2021, post="finance"),
        ),
    )


@pytest.mark.parametrize("spread", [False, True], ids=["same-year", "two-year-spread"])
def test_lecturer_hours_bind_through_the_sum_of_offerings(spread: bool) -> None:
    """L1 may teach 60 h a year; K and Q together need 80 h in one year (2020 when both run
    then; 2021 when K's 80 h are spread over 2020-2021 and Q runs in 2021). Each alone fits, so
    only the yearly sum over offerings forbids both. K runs, for the heavier llct target:
    shortfall 1 (B's target); money 1M + 5M + 40 h x 100k = 10M (80 h when spread: 14M)."""
    plan, _ = solve_optimal(
        two_courses_one_lecturer(60, spread=spread),
        shortfall=1,
        money=(14 if spread else 10) * M,
    )
    assert starts(plan) == {("A", "K", 2020)}


@pytest.mark.parametrize("spread", [False, True], ids=["same-year", "two-year-spread"])
def test_lecturer_hours_exactly_at_the_limit_pass(spread: bool) -> None:
    """The same with 80 h a year: both courses need exactly 80 h in their common year, which
    is allowed. Both targets met: shortfall 0; money 10M + 10M (14M + 10M when spread)."""
    plan, evaluation = solve_optimal(
        two_courses_one_lecturer(80, spread=spread),
        shortfall=0,
        money=(24 if spread else 20) * M,
    )
    year_of_q = 2021 if spread else 2020
    assert starts(plan) == {("A", "K", 2020), ("B", "Q", year_of_q)}
    assert evaluation.lecturer_hours_by_year[("L1", year_of_q)] == 80


# ---------------------------------------------------------------- leaders_away


def two_leaders(max_leaders_away: int) -> Scenario:
    """Chairs A and B of one unit; target 2022: both leaders hold college. Full-time courses:
    D lasts 24 months (2020-2021), 20M, offered 2020 only; C lasts 12 months, 10M, offered
    2021 only."""
    return tiny(
        officials=(official("A", post="chair"), official("B", post="chair")),
        courses=(
            external("D", months=24, cost=20 * M, mode="full_time"),
            external("C", mode="full_time"),
        ),
        offerings=(offer("D", 2020, seats=5), offer("C", 2021, seats=5)),
        targets=(target("leaders", year=2022, leadership=True),),
        continuity=continuity(max_leaders_away=max_leaders_away),
    )


def test_leaders_away_count_in_the_second_year_of_a_course() -> None:
    """max_leaders_away 1. Both leaders qualify only with one in D from 2020 and the other in C
    in 2021, and then both are away in 2021 (D's second year): not allowed; two in D in 2020
    or two in C in 2021 neither. So one leader qualifies, the cheaper way (C 2021): shortfall
    1; money 10M. Counting leaders only in a course's first year would admit D + C: shortfall
    0."""
    plan, _ = solve_optimal(two_leaders(1), shortfall=1, money=10 * M)
    assert {(course, year) for _, course, year in starts(plan)} == {("C", 2021)}
    assert len(plan.enrollments) == 1


def test_leaders_away_exactly_at_the_limit_pass() -> None:
    """max_leaders_away 2: both leaders away in 2021 is allowed; the cheapest way is both in C
    in 2021: shortfall 0; money 20M."""
    plan, _ = solve_optimal(two_leaders(2), shortfall=0, money=20 * M)
    assert starts(plan) == {("A", "C", 2021), ("B", "C", 2021)}


# ---------------------------------------------------------------- level


def test_no_course_once_its_level_is_completed() -> None:
    """A (finance, born 1985) and B (youth, born 1970). G (external, college, max_age 40: B is
    too old) is offered 2020; K (internal, degree college, class_min 2) in 2021. Targets, weight
    1 each: t2020, the civil servants (A) hold college; t2022, the cadres (B) do. B can only
    take K, whose class needs a second learner; the only other is A.

    - A in G 2020 (10M): t2020 met, B cannot go: shortfall 1.
    - A and B in K 2021 (2 x 1M + 5M + 4M = 11M): t2022 met, A completes too late for t2020:
      shortfall 1.
    - A in G 2020 and then, as K's second learner, in K 2021 with B: shortfall 0, but A holds
      college from the end of 2020 and may start no other course granting it.

    Optimum: A in G 2020: shortfall 1; money 10M. Without the level rule the third plan wins."""
    scenario = tiny(
        officials=(official("A", post="finance"), official("B", birth=(1970, 1))),
        courses=(
            external("G", max_age=40),
            internal("K", track="degree", grants="college", class_min=2),
        ),
        offerings=(offer("G", 2020, seats=5), offer("K", 2021, classes=1)),
        lecturers=(lecturer("L1"),),
        targets=(
            target("t2020", year=2020, category="civil_servant"),
            target("t2022", year=2022, category="cadre"),
        ),
    )
    plan, _ = solve_optimal(scenario, shortfall=1, money=10 * M)
    assert starts(plan) == {("A", "G", 2020)}


# ---------------------------------------------------------------- days away of a 2-year course


def two_courses_of_days(**rules: object) -> Scenario:
    """A (finance) wants degree college (weight 2), B (youth) llct elementary (weight 1), both
    by 2022. D (degree college) lasts 24 months from 2020 with 40 days away, 20 in each of
    2020 and 2021, 20M; E (llct elementary) lasts 12 months in 2021 with 10 days, 10M."""
    return tiny(
        officials=(official("A", post="finance"), official("B")),
        courses=(
            external("D", months=24, away_days=40, cost=20 * M),
            external("E", track="llct", grants="elementary", away_days=10),
        ),
        offerings=(offer("D", 2020, seats=5), offer("E", 2021, seats=5)),
        targets=(
            target("degree", year=2022, weight=2.0, post="finance"),
            target("llct", year=2022, has={"llct": "elementary"}, post="youth"),
        ),
        continuity=continuity(**rules),
    )


def test_unit_days_away_of_a_two_year_course_count_in_its_second_year() -> None:
    """The unit of 2 may spare 0.05 x 250 x 2 = 25 days a year. D (A, 20 days in 2020 and
    20 in 2021) and E (B, 10 days in 2021) make 30 days in 2021: too many. D alone fits and
    meets the heavier target: shortfall 1; money 20M. Not spreading D's days into 2021 would
    admit both: shortfall 0."""
    plan, _ = solve_optimal(two_courses_of_days(max_away_share=0.05), shortfall=1, money=20 * M)
    assert starts(plan) == {("A", "D", 2020)}


def test_unit_days_away_exactly_at_the_limit_pass() -> None:
    """0.06 x 250 x 2 = 30 days a year: the 30 days of 2021 are allowed. Shortfall 0; money
    30M."""
    plan, evaluation = solve_optimal(
        two_courses_of_days(max_away_share=0.06), shortfall=0, money=30 * M
    )
    assert starts(plan) == {("A", "D", 2020), ("B", "E", 2021)}
    assert evaluation.away_days_by_unit_year[("U1", 2021)] == 30


def one_official_two_courses(max_personal_days: int) -> Scenario:
    """A alone wants degree college (weight 2) and llct elementary (weight 1) by 2022: D (24
    months from 2020, 40 days, 20 a year, 20M) and E (2021, 10 days, 10M)."""
    return tiny(
        officials=(official("A"),),
        courses=(
            external("D", months=24, away_days=40, cost=20 * M),
            external("E", track="llct", grants="elementary", away_days=10),
        ),
        offerings=(offer("D", 2020, seats=5), offer("E", 2021, seats=5)),
        targets=(
            target("degree", year=2022, weight=2.0),
            target("llct", year=2022, has={"llct": "elementary"}),
        ),
        continuity=continuity(max_personal_days=max_personal_days),
    )


def test_personal_days_of_a_two_year_course_count_in_its_second_year() -> None:
    """max_personal_days 25: D's 20 days of 2021 and E's 10 make 30 > 25, so A takes D alone:
    shortfall 1; money 20M. Not spreading D's days into 2021 would admit both."""
    plan, _ = solve_optimal(one_official_two_courses(25), shortfall=1, money=20 * M)
    assert starts(plan) == {("A", "D", 2020)}


def test_personal_days_exactly_at_the_limit_pass() -> None:
    """max_personal_days 30: the 30 days of 2021 are allowed. Shortfall 0; money 30M."""
    plan, _ = solve_optimal(one_official_two_courses(30), shortfall=0, money=30 * M)
    assert starts(plan) == {("A", "D", 2020), ("A", "E", 2021)}
