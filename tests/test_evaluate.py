"""The independent checker (checking/checker.py) against docs/SPEC.md "What a plan must respect".

For every rule key the checker can flag there is at least one PAIR: a tiny scenario with a
hand-made plan that breaks exactly that rule (the checker reports that rule and nothing else,
with the right official / course / year / amount) and a nearly identical plan that keeps it
(no violation at all). Each case's docstring says why, with the arithmetic.

Then the targets, the money (exact fractions), the spreading of costs over the years a course
spans and the wording of every violation in English and Vietnamese.

Semantics used throughout: a course started in year y lasting m months spans the years
y .. y + ceil(m/12) - 1 and completes at the end of its last year; costs, away days and
lecturer hours are spread evenly over those years. ``tiny()`` is one unit U1, horizon
2020-2022, no targets, no budget cap, loose continuity (share 1.0, 10 leaders, 250 personal
days, day_value 0) and service_obligation 0.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import pytest
from builders import accepting, external, internal, lecturer, offer, official, target, tiny

from trainplan.checking.arithmetic import months_served_after
from trainplan.checking.checker import Checker, Evaluation, evaluate
from trainplan.checking.recount import away_limit, matches, staff_in_service, who_values
from trainplan.models.message import Message
from trainplan.models.plan import ClassRow, Enrollment, Plan
from trainplan.models.retirement import YearMonth
from trainplan.models.rules import Rule
from trainplan.models.scenario import (
    Budget,
    Continuity,
    ContinuityYear,
    Offering,
    Pin,
    Scenario,
    Succession,
    Unit,
    Who,
)
from trainplan.wording.catalogue import render, templates

# ---------------------------------------------------------------- helpers


def plan(
    *enrollments: tuple[str, str, int],
    classes: tuple[tuple[str, int, int, int, str, int], ...] = (),
) -> Plan:
    """A plan from (official, course, start_year) and (course, year, class_no, learners,
    lecturer, hours) tuples."""
    return Plan(tuple(Enrollment(*e) for e in enrollments), tuple(ClassRow(*c) for c in classes))


def loose(**changes: Any) -> Continuity:
    """The loose continuity of ``tiny()`` with ``changes``."""
    values: dict[str, Any] = {
        "max_away_share": 1.0,
        "max_leaders_away": 10,
        "max_personal_days": 250,
        "day_value": 0,
    }
    values.update(changes)
    return Continuity(**values)


def rules(evaluation: Evaluation) -> set[str]:
    return {v.rule for v in evaluation.violations}


def show(evaluation: Evaluation) -> str:
    return "\n".join(render(v.message, "en") for v in evaluation.violations) or "(no violations)"


@dataclass(frozen=True)
class Case:
    rule: str
    name: str
    why: str
    scenario: Scenario
    bad: Plan
    good: Plan
    expect: dict[str, Any]
    """Parameters the violation of the bad plan must carry."""


CASES: list[Case] = []

Build = Callable[[], tuple[Scenario, Plan, Plan, dict[str, Any]]]


def case(rule: str, variant: str = "") -> Callable[[Build], Build]:
    """Register a case; the builder's docstring says why the bad plan breaks ``rule``."""

    def register(build: Build) -> Build:
        scenario, bad, good, expect = build()
        name = f"{rule}/{variant}" if variant else rule
        CASES.append(
            Case(rule, name, inspect.cleandoc(build.__doc__ or ""), scenario, bad, good, expect)
        )
        return build

    return register


# Shared pieces. C: external, degree -> college, 12 months, 10 days away, 10M per learner,
# in service. I: internal, llct -> elementary, 1 month, 5 days, 1M per learner, classes of
# 1..40, class cost 5M, 40 lecturer hours, subject llct, full time. L1: teaches llct,
# 400 hours a year, 100k per hour.
A = official("A")
B = official("B")
D = official("D")
C = external("C")
I = internal("I")  # noqa: E741
L1 = lecturer("L1")
L2 = lecturer("L2")


def internal_scenario(**changes: Any) -> Scenario:
    """A, B; course I offered in 2020 (one class); lecturers L1, L2."""
    values: dict[str, Any] = {
        "officials": (A, B),
        "courses": (I,),
        "offerings": (offer("I", 2020, classes=1),),
        "lecturers": (L1, L2),
    }
    values.update(changes)
    return tiny(**values)


# ---------------------------------------------------------------- 1. ids and time


@case("unknown_official")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """Official X is not in the scenario (only A is)."""
    scenario = tiny(officials=(A,), courses=(C,), offerings=(offer("C", 2020, seats=1),))
    return scenario, plan(("X", "C", 2020)), plan(("A", "C", 2020)), {"official": "X"}


@case("unknown_course")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """Course Z is not in the scenario (only C is)."""
    scenario = tiny(officials=(A,), courses=(C,), offerings=(offer("C", 2020, seats=1),))
    return (
        scenario,
        plan(("A", "Z", 2020)),
        plan(("A", "C", 2020)),
        {"official": "A", "course": "Z"},
    )


@case("unknown_lecturer")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """The class of I in 2020 is taught by L9, who is not in the scenario (L1 and L2 are);
    its 40 hours still add up to I's 40 lecturer hours."""
    scenario = internal_scenario(officials=(A,))
    return (
        scenario,
        plan(("A", "I", 2020), classes=(("I", 2020, 1, 1, "L9", 40),)),
        plan(("A", "I", 2020), classes=(("I", 2020, 1, 1, "L1", 40),)),
        {"course": "I", "year": 2020, "lecturer": "L9"},
    )


@case("repeat")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """A is enrolled twice in C (both in 2020, so neither completes before the other starts
    and there is no level violation; 2 learners <= 2 seats)."""
    scenario = tiny(officials=(A,), courses=(C,), offerings=(offer("C", 2020, seats=2),))
    return (
        scenario,
        plan(("A", "C", 2020), ("A", "C", 2020)),
        plan(("A", "C", 2020)),
        {"official": "A", "course": "C"},
    )


@case("offering")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """C is offered in 2020 only; A starts it in 2021."""
    scenario = tiny(officials=(A,), courses=(C,), offerings=(offer("C", 2020, seats=1),))
    return (
        scenario,
        plan(("A", "C", 2021)),
        plan(("A", "C", 2020)),
        {"official": "A", "course": "C", "year": 2021},
    )


@case("horizon")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """C24 lasts 24 months = 2 years: started in 2022 it spans 2022-2023 and ends after the
    horizon 2020-2022; started in 2021 it spans 2021-2022. (Its 10 away days fall 5 in 2023:
    that year's unit limit must not be reported as well.)"""
    c24 = external("C24", months=24)
    scenario = tiny(
        officials=(A,),
        courses=(c24,),
        offerings=(offer("C24", 2021, seats=1), offer("C24", 2022, seats=1)),
    )
    return (
        scenario,
        plan(("A", "C24", 2022)),
        plan(("A", "C24", 2021)),
        {"official": "A", "course": "C24", "start": 2022, "end": 2023, "first": 2020, "last": 2022},
    )


# ---------------------------------------------------------------- 2. levels


@case("level", "initial")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """A already holds degree=college and C grants college; U (university) is above it."""
    holder = official("A", degree="college")
    u = external("U", grants="university")
    scenario = tiny(
        officials=(holder,),
        courses=(C, u),
        offerings=(offer("C", 2020, seats=1), offer("U", 2020, seats=1)),
    )
    return (
        scenario,
        plan(("A", "C", 2020)),
        plan(("A", "U", 2020)),
        {"official": "A", "course": "C", "year": 2020, "held": "college"},
    )


@case("level", "completed")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """C (12 months) started in 2020 completes at the end of 2020, so in 2021 A holds college
    and C2 (also college) grants nothing new; U (university) in 2021 is fine."""
    c2 = external("C2")
    u = external("U", grants="university")
    scenario = tiny(
        officials=(A,),
        courses=(C, c2, u),
        offerings=(
            offer("C", 2020, seats=1),
            offer("C2", 2021, seats=1),
            offer("U", 2021, seats=1),
        ),
    )
    return (
        scenario,
        plan(("A", "C", 2020), ("A", "C2", 2021)),
        plan(("A", "C", 2020), ("A", "U", 2021)),
        {"official": "A", "course": "C2", "year": 2021, "held": "college"},
    )


@case("level", "same-field")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """A holds college in law: CL (college in law) grants nothing new; CA (college in
    accounting) is a second degree in another field, which a post may accept."""
    holder = official("A", degree="college", fields={"degree": "law"})
    law = external("CL", field="law")
    accounting = external("CA", field="accounting")
    scenario = tiny(
        officials=(holder,),
        courses=(law, accounting),
        offerings=(offer("CL", 2020, seats=1), offer("CA", 2020, seats=1)),
    )
    return (
        scenario,
        plan(("A", "CL", 2020)),
        plan(("A", "CA", 2020)),
        {"official": "A", "course": "CL", "year": 2020, "held": "college"},
    )


@case("prerequisite")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """U requires degree>=college completed before its start year; C, started in 2020,
    completes only at the end of 2020, so U may start in 2021 but not in 2020."""
    u = external("U", grants="university", requires=(("degree", "college"),))
    scenario = tiny(
        officials=(A,),
        courses=(C, u),
        offerings=(offer("C", 2020, seats=1), offer("U", 2020, seats=1), offer("U", 2021, seats=1)),
    )
    return (
        scenario,
        plan(("A", "C", 2020), ("A", "U", 2020)),
        plan(("A", "C", 2020), ("A", "U", 2021)),
        {"official": "A", "course": "U", "year": 2020, "requirement": "degree>=college"},
    )


@case("prerequisite", "long-course")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """C24 (24 months) started in 2020 spans 2020-2021 and completes at the end of 2021: U
    (requires degree>=college) may start in 2022, not in 2021."""
    c24 = external("C24", months=24)
    u = external("U", grants="university", requires=(("degree", "college"),))
    scenario = tiny(
        officials=(A,),
        courses=(c24, u),
        offerings=(
            offer("C24", 2020, seats=1),
            offer("U", 2021, seats=1),
            offer("U", 2022, seats=1),
        ),
    )
    return (
        scenario,
        plan(("A", "C24", 2020), ("A", "U", 2021)),
        plan(("A", "C24", 2020), ("A", "U", 2022)),
        {"official": "A", "course": "U", "year": 2021, "requirement": "degree>=college"},
    )


@case("max_age")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """A is born 1980: age 2021 - 1980 = 41 > max_age 40 in 2021; 2020 - 1980 = 40 is allowed."""
    old = official("A", birth=(1980, 1))
    c = external("C", max_age=40)
    scenario = tiny(
        officials=(old,),
        courses=(c,),
        offerings=(offer("C", 2020, seats=1), offer("C", 2021, seats=1)),
    )
    return (
        scenario,
        plan(("A", "C", 2021)),
        plan(("A", "C", 2020)),
        {"official": "A", "course": "C", "year": 2021, "age": 41, "max_age": 40},
    )


# ---------------------------------------------------------------- 3. retirement


@case("retirement")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """R, a man born 1960-06, retires 2020-06 (age 60 in 2020). C started in 2020 ends in
    2020, his retirement year; started in 2019 it ends 2019, and he then serves
    (2020*12+5) + 1 - 2020*12 = 6 months >= obligation 0 x 12."""
    r = official("R", birth=(1960, 6))
    scenario = tiny(
        officials=(r,),
        courses=(C,),
        horizon=(2019, 2022),
        offerings=(offer("C", 2019, seats=1), offer("C", 2020, seats=1)),
    )
    return (
        scenario,
        plan(("R", "C", 2020)),
        plan(("R", "C", 2019)),
        {"official": "R", "course": "C", "end": 2020, "retirement": "2020-06"},
    )


@case("obligation", "course")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """Q (3 months, its own obligation 2.0) owes 2 x 3 = 6 months after the end of 2019.
    R5 (man, born 1960-05) retires 2020-05: serves 2020*12+4+1 - 2020*12 = 5 < 6.
    R6 (born 1960-06) retires 2020-06: serves 6 >= 6."""
    r5, r6 = official("R5", birth=(1960, 5)), official("R6", birth=(1960, 6))
    q = external("Q", months=3, obligation=2.0)
    scenario = tiny(
        officials=(r5, r6),
        courses=(q,),
        horizon=(2019, 2022),
        offerings=(offer("Q", 2019, seats=1),),
    )
    return (
        scenario,
        plan(("R5", "Q", 2019)),
        plan(("R6", "Q", 2019)),
        {
            "official": "R5",
            "course": "Q",
            "end": 2019,
            "served": 5,
            "owed": 6.0,
            "retirement": "2020-05",
        },
    )


@case("obligation", "scenario")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """service_obligation 2.0: C (12 months) owes 24 months. A man born 1962-01 retires
    2022-07 (60y6m in 2022). C in 2020 ends 2020: 2022*12+6+1 - 2021*12 = 19 < 24;
    C in 2019 ends 2019: 2022*12+6+1 - 2020*12 = 31 >= 24."""
    m = official("M", birth=(1962, 1))
    scenario = tiny(
        officials=(m,),
        courses=(C,),
        horizon=(2019, 2022),
        service_obligation=2.0,
        offerings=(offer("C", 2019, seats=1), offer("C", 2020, seats=1)),
    )
    return (
        scenario,
        plan(("M", "C", 2020)),
        plan(("M", "C", 2019)),
        {
            "official": "M",
            "course": "C",
            "end": 2020,
            "served": 19,
            "owed": 24.0,
            "retirement": "2022-07",
        },
    )


@case("retirement", "retires")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """E (born 1985) retires early, in 2021-06 (``retires``): C started in 2021 ends in 2021,
    his retirement year; started in 2020 it ends before it (obligation 0)."""
    e = official("E", retires=YearMonth(2021, 6))
    scenario = tiny(
        officials=(e,),
        courses=(C,),
        offerings=(offer("C", 2020, seats=1), offer("C", 2021, seats=1)),
    )
    return (
        scenario,
        plan(("E", "C", 2021)),
        plan(("E", "C", 2020)),
        {"official": "E", "course": "C", "end": 2021, "retirement": "2021-06"},
    )


@case("joins")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """J joins in 2020-03: not in service for the whole of 2020, so C may start only from
    2021 (it then ends 2021, inside the horizon 2020-2022)."""
    j = official("J", joins=YearMonth(2020, 3))
    scenario = tiny(
        officials=(j,),
        courses=(C,),
        offerings=(offer("C", 2020, seats=1), offer("C", 2021, seats=1)),
    )
    return (
        scenario,
        plan(("J", "C", 2020)),
        plan(("J", "C", 2021)),
        {"official": "J", "course": "C", "year": 2020, "joins": "2020-03"},
    )


@case("leaves", "completes")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """L leaves in 2021-06: C started in 2021 would complete at the end of 2021, after he
    left; started in 2020 it ends in 2020 and he serves 6 months after it (obligation 0)."""
    leaver = official("L", leaves=YearMonth(2021, 6))
    scenario = tiny(
        officials=(leaver,),
        courses=(C,),
        offerings=(offer("C", 2020, seats=1), offer("C", 2021, seats=1)),
    )
    return (
        scenario,
        plan(("L", "C", 2021)),
        plan(("L", "C", 2020)),
        {"official": "L", "course": "C", "end": 2021, "owed": 0.0, "leaves": "2021-06"},
    )


@case("leaves", "december")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """Z leaves in 2021-12, his last month in service: C started in 2021 completes at the end
    of 2021, when he is gone (as a retirement in 2021-12 would be); started in 2020 it ends a
    year before he leaves (obligation 0)."""
    z = official("Z", leaves=YearMonth(2021, 12))
    scenario = tiny(
        officials=(z,),
        courses=(C,),
        offerings=(offer("C", 2020, seats=1), offer("C", 2021, seats=1)),
    )
    return (
        scenario,
        plan(("Z", "C", 2021)),
        plan(("Z", "C", 2020)),
        {"official": "Z", "course": "C", "end": 2021, "owed": 0.0, "leaves": "2021-12"},
    )


@case("leaves", "obligation")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """service_obligation 0.5: C (12 months) owes 6 months after the end of 2020. L5 leaves in
    2021-05 and serves 5 < 6; L6 leaves in 2021-06 and serves 6 >= 6. Both retire long after
    (born 1985): the obligation is measured to the earlier of retirement and leaving."""
    l5 = official("L5", leaves=YearMonth(2021, 5))
    l6 = official("L6", leaves=YearMonth(2021, 6))
    scenario = tiny(
        officials=(l5, l6),
        courses=(C,),
        service_obligation=0.5,
        offerings=(offer("C", 2020, seats=1),),
    )
    return (
        scenario,
        plan(("L5", "C", 2020)),
        plan(("L6", "C", 2020)),
        {"official": "L5", "course": "C", "end": 2020, "owed": 6.0, "leaves": "2021-05"},
    )


# ---------------------------------------------------------------- 4. seats, classes, lecturers


@case("seats")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """C has 1 seat in 2020; A and B both start it: 2 learners - 1 seat = 1 too many."""
    scenario = tiny(officials=(A, B), courses=(C,), offerings=(offer("C", 2020, seats=1),))
    return (
        scenario,
        plan(("A", "C", 2020), ("B", "C", 2020)),
        plan(("A", "C", 2020)),
        {"course": "C", "year": 2020, "learners": 2, "seats": 1, "over": 1},
    )


@case("classes")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """I may open 1 class in 2020; the bad plan opens 2 (A in class 1, B in class 2), the
    good one seats both in class 1."""
    scenario = internal_scenario()
    return (
        scenario,
        plan(
            ("A", "I", 2020),
            ("B", "I", 2020),
            classes=(("I", 2020, 1, 1, "L1", 40), ("I", 2020, 2, 1, "L1", 40)),
        ),
        plan(("A", "I", 2020), ("B", "I", 2020), classes=(("I", 2020, 1, 2, "L1", 40),)),
        {"course": "I", "year": 2020, "classes": 2, "allowed": 1},
    )


@case("class_size", "below")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """I's classes hold 2..3 learners; a class of 1 (A alone) is too small, A+B is fine."""
    scenario = internal_scenario(courses=(internal("I", class_min=2, class_max=3),))
    return (
        scenario,
        plan(("A", "I", 2020), classes=(("I", 2020, 1, 1, "L1", 40),)),
        plan(("A", "I", 2020), ("B", "I", 2020), classes=(("I", 2020, 1, 2, "L1", 40),)),
        {"course": "I", "year": 2020, "class_no": 1, "learners": 1, "low": 2, "high": 3},
    )


@case("class_size", "above")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """I's classes hold 1..2 learners and 2 classes may open: A, B, D in one class is 3 > 2;
    classes of 2 and 1 are fine."""
    scenario = internal_scenario(
        officials=(A, B, D),
        courses=(internal("I", class_min=1, class_max=2),),
        offerings=(offer("I", 2020, classes=2),),
    )
    three = (("A", "I", 2020), ("B", "I", 2020), ("D", "I", 2020))
    return (
        scenario,
        plan(*three, classes=(("I", 2020, 1, 3, "L1", 40),)),
        plan(*three, classes=(("I", 2020, 1, 2, "L1", 40), ("I", 2020, 2, 1, "L2", 40))),
        {"course": "I", "year": 2020, "class_no": 1, "learners": 3, "low": 1, "high": 2},
    )


@case("class_learners")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """A and B are enrolled in I 2020 but its only class seats 1 learner: 1 != 2."""
    scenario = internal_scenario()
    both = (("A", "I", 2020), ("B", "I", 2020))
    return (
        scenario,
        plan(*both, classes=(("I", 2020, 1, 1, "L1", 40),)),
        plan(*both, classes=(("I", 2020, 1, 2, "L1", 40),)),
        {"course": "I", "year": 2020, "seated": 1, "enrolled": 2},
    )


@case("class_learners", "no-class")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """A is enrolled in the internal course I but no class is opened: 0 seated != 1."""
    scenario = internal_scenario(officials=(A,))
    return (
        scenario,
        plan(("A", "I", 2020)),
        plan(("A", "I", 2020), classes=(("I", 2020, 1, 1, "L1", 40),)),
        {"course": "I", "year": 2020, "seated": 0, "enrolled": 1},
    )


@case("class_rows_disagree")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """Class 1 of I 2020 is taught by L1 (20 h) and L2 (20 h); its two rows say 2 and 3
    learners. (20 + 20 = 40 hours as needed; 2 learners enrolled.)"""
    scenario = internal_scenario()
    both = (("A", "I", 2020), ("B", "I", 2020))
    return (
        scenario,
        plan(*both, classes=(("I", 2020, 1, 2, "L1", 20), ("I", 2020, 1, 3, "L2", 20))),
        plan(*both, classes=(("I", 2020, 1, 2, "L1", 20), ("I", 2020, 1, 2, "L2", 20))),
        {"course": "I", "year": 2020, "class_no": 1},
    )


@case("class_not_internal")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """C is external: it has seats, not classes, yet the bad plan opens a class of C."""
    scenario = tiny(
        officials=(A,), courses=(C,), offerings=(offer("C", 2020, seats=1),), lecturers=(L1,)
    )
    return (
        scenario,
        plan(("A", "C", 2020), classes=(("C", 2020, 1, 1, "L1", 40),)),
        plan(("A", "C", 2020)),
        {"course": "C", "year": 2020, "class_no": 1},
    )


@case("class_not_internal", "unknown-course")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """A class of course Z, which is not in the scenario at all."""
    scenario = tiny(
        officials=(A,), courses=(C,), offerings=(offer("C", 2020, seats=1),), lecturers=(L1,)
    )
    return (
        scenario,
        plan(("A", "C", 2020), classes=(("Z", 2020, 1, 1, "L1", 40),)),
        plan(("A", "C", 2020)),
        {"course": "Z", "year": 2020, "class_no": 1},
    )


@case("class_hours")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """A class of I needs 40 lecturer hours; the bad plan gives it 30."""
    scenario = internal_scenario(officials=(A,))
    return (
        scenario,
        plan(("A", "I", 2020), classes=(("I", 2020, 1, 1, "L1", 30),)),
        plan(("A", "I", 2020), classes=(("I", 2020, 1, 1, "L1", 40),)),
        {"course": "I", "year": 2020, "class_no": 1, "hours": 30, "needed": 40},
    )


@case("class_hours", "split")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """A class of I taught by two lecturers: L1 20 h + L2 30 h = 50 != 40; 20 + 20 = 40."""
    scenario = internal_scenario(officials=(A,))
    return (
        scenario,
        plan(("A", "I", 2020), classes=(("I", 2020, 1, 1, "L1", 20), ("I", 2020, 1, 1, "L2", 30))),
        plan(("A", "I", 2020), classes=(("I", 2020, 1, 1, "L1", 20), ("I", 2020, 1, 1, "L2", 20))),
        {"course": "I", "year": 2020, "class_no": 1, "hours": 50, "needed": 40},
    )


@case("lecturer_subject")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """I's subject is llct; L3 teaches only qlnn, L1 teaches llct."""
    scenario = internal_scenario(officials=(A,), lecturers=(L1, lecturer("L3", subjects=("qlnn",))))
    return (
        scenario,
        plan(("A", "I", 2020), classes=(("I", 2020, 1, 1, "L3", 40),)),
        plan(("A", "I", 2020), classes=(("I", 2020, 1, 1, "L1", 40),)),
        {"course": "I", "year": 2020, "lecturer": "L3", "subject": "llct"},
    )


@case("lecturer_active", "year")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """L1 teaches until 2020 (to_year); a class of I in 2021 taught by L1 is not possible,
    one in 2020 is."""
    scenario = internal_scenario(
        officials=(A,),
        lecturers=(lecturer("L1", to_year=2020),),
        offerings=(offer("I", 2020, classes=1), offer("I", 2021, classes=1)),
    )
    return (
        scenario,
        plan(("A", "I", 2021), classes=(("I", 2021, 1, 1, "L1", 40),)),
        plan(("A", "I", 2020), classes=(("I", 2020, 1, 1, "L1", 40),)),
        {"course": "I", "year": 2021, "lecturer": "L1", "inactive": 2021},
    )


@case("lecturer_active", "span")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """I18 (18 months) started in 2020 spans 2020-2021; L1 teaches until 2020 only, so he is
    not active in every year it spans; L2 (no limits) is."""
    scenario = internal_scenario(
        officials=(A,),
        courses=(internal("I18", months=18),),
        lecturers=(lecturer("L1", to_year=2020), L2),
        offerings=(offer("I18", 2020, classes=1),),
    )
    return (
        scenario,
        plan(("A", "I18", 2020), classes=(("I18", 2020, 1, 1, "L1", 40),)),
        plan(("A", "I18", 2020), classes=(("I18", 2020, 1, 1, "L2", 40),)),
        {"course": "I18", "year": 2020, "lecturer": "L1", "inactive": 2021},
    )


@case("lecturer_hours")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """L1 may teach 50 hours a year; two classes of I (40 h each) in 2020 both taught by L1
    is 80 h = 30 over; giving class 2 to L2 keeps L1 at 40."""
    scenario = internal_scenario(
        lecturers=(lecturer("L1", hours=50), L2), offerings=(offer("I", 2020, classes=2),)
    )
    both = (("A", "I", 2020), ("B", "I", 2020))
    return (
        scenario,
        plan(*both, classes=(("I", 2020, 1, 1, "L1", 40), ("I", 2020, 2, 1, "L1", 40))),
        plan(*both, classes=(("I", 2020, 1, 1, "L1", 40), ("I", 2020, 2, 1, "L2", 40))),
        {"lecturer": "L1", "year": 2020, "hours": 80.0, "limit": 50, "over": 30.0},
    )


@case("lecturer_hours", "spread")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """L1 may teach 50 hours a year. Two 1-month classes of I in 2020: 2 x 40 = 80 h in 2020.
    Two classes of I24 (24 months, 2020-2021): 2 x 40 / 2 years = 40 h a year <= 50."""
    scenario = internal_scenario(
        courses=(I, internal("I24", months=24)),
        lecturers=(lecturer("L1", hours=50),),
        offerings=(offer("I", 2020, classes=2), offer("I24", 2020, classes=2)),
    )
    return (
        scenario,
        plan(
            ("A", "I", 2020),
            ("B", "I", 2020),
            classes=(("I", 2020, 1, 1, "L1", 40), ("I", 2020, 2, 1, "L1", 40)),
        ),
        plan(
            ("A", "I24", 2020),
            ("B", "I24", 2020),
            classes=(("I24", 2020, 1, 1, "L1", 40), ("I24", 2020, 2, 1, "L1", 40)),
        ),
        {"lecturer": "L1", "year": 2020, "hours": 80.0, "limit": 50, "over": 30.0},
    )


# ---------------------------------------------------------------- 5. money

# Internal course for the budget cases: 10M per learner, class 5M, 40 h x 100k = 4M lecturer.
PRICEY = internal("I", cost=10_000_000, class_cost=5_000_000)


@case("budget_year")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """Budget 25M a year. A and B in one class of I in 2020: 2 x 10M + class 5M + 40 h x
    100k = 29M > 25M (4M over). One class a year (A 2020, B 2021): 10M + 5M + 4M = 19M."""
    scenario = internal_scenario(
        courses=(PRICEY,),
        budget=Budget(per_year=25_000_000),
        offerings=(offer("I", 2020, classes=1), offer("I", 2021, classes=1)),
    )
    return (
        scenario,
        plan(("A", "I", 2020), ("B", "I", 2020), classes=(("I", 2020, 1, 2, "L1", 40),)),
        plan(
            ("A", "I", 2020),
            ("B", "I", 2021),
            classes=(("I", 2020, 1, 1, "L1", 40), ("I", 2021, 1, 1, "L1", 40)),
        ),
        {"year": 2020, "cost": 29_000_000.0, "limit": 25_000_000, "over": 4_000_000.0},
    )


@case("budget_year", "spread")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """Budget 20M a year. C12 (12 months, 30M) costs 30M in 2020: 10M over. C24 (24 months,
    30M) spreads 30M / 2 = 15M over 2020 and 2021."""
    scenario = tiny(
        officials=(A,),
        budget=Budget(per_year=20_000_000),
        courses=(external("C12", cost=30_000_000), external("C24", months=24, cost=30_000_000)),
        offerings=(offer("C12", 2020, seats=1), offer("C24", 2020, seats=1)),
    )
    return (
        scenario,
        plan(("A", "C12", 2020)),
        plan(("A", "C24", 2020)),
        {"year": 2020, "cost": 30_000_000.0, "limit": 20_000_000, "over": 10_000_000.0},
    )


@case("budget_total")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """Budget 30M in all. One class a year (A 2020, B 2021): 2 x (10M + 5M + 4M) = 38M > 30M
    (8M over). A and B in one class of 2020: 2 x 10M + 5M + 4M = 29M."""
    scenario = internal_scenario(
        courses=(PRICEY,),
        budget=Budget(total=30_000_000),
        offerings=(offer("I", 2020, classes=1), offer("I", 2021, classes=1)),
    )
    return (
        scenario,
        plan(
            ("A", "I", 2020),
            ("B", "I", 2021),
            classes=(("I", 2020, 1, 1, "L1", 40), ("I", 2021, 1, 1, "L1", 40)),
        ),
        plan(("A", "I", 2020), ("B", "I", 2020), classes=(("I", 2020, 1, 2, "L1", 40),)),
        {"cost": 38_000_000.0, "limit": 30_000_000, "over": 8_000_000.0},
    )


@case("budget_total", "who-pays")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """Budget 10M in all. CS (10M a learner) lets learners who asked pay their own way: S did,
    A did not. A and B both on the budget: 20M (10M over); A and S: S pays, the budget 10M.
    CO is paid by another source: never the budget's."""
    payer = official("S", self_funding=True)
    own = external("CS", funding="self")
    other = external("CO", grants="university", funding="other")
    scenario = tiny(
        officials=(A, B, payer),
        courses=(own, other),
        offerings=(offer("CS", 2020, seats=3), offer("CO", 2021, seats=3)),
        budget=Budget(total=10_000_000),
    )
    return (
        scenario,
        plan(("A", "CS", 2020), ("B", "CS", 2020)),
        plan(("A", "CS", 2020), ("S", "CS", 2020), ("S", "CO", 2021), ("A", "CO", 2021)),
        {"cost": 20_000_000.0, "limit": 10_000_000, "over": 10_000_000.0},
    )


def _succession(scenario: Scenario, year: int) -> Scenario:
    settings = scenario.settings.model_copy(update={"succession": Succession(year=year)})
    return scenario.model_copy(update={"settings": settings})


@case("successor")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """A (college, llct intermediate) is planned for chair (university) at the 2021 congress:
    U started in 2022 completes after it; started in 2020 it completes before it."""
    pool = official("A", degree="college", llct="intermediate", successor_for="chair")
    u = external("U", grants="university")
    scenario = tiny(
        officials=(pool,),
        courses=(u,),
        offerings=(offer("U", 2020, seats=1), offer("U", 2022, seats=1)),
    )
    return (
        _succession(scenario, 2021),
        plan(("A", "U", 2022)),
        plan(("A", "U", 2020)),
        {"official": "A", "post": "chair", "year": 2021, "lacking": "degree university"},
    )


@case("successor", "field")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """The finance post accepts accounting only: B's successor training in law (UL) leaves the
    standard unmet; in accounting (UA) it is met."""
    pool = official("B", degree="none", successor_for="finance")
    scenario = tiny(
        officials=(pool,),
        courses=(external("UL", field="law"), external("UA", field="accounting")),
        offerings=(offer("UL", 2020, seats=1), offer("UA", 2020, seats=1)),
    )
    return (
        _succession(accepting(scenario, "finance", "accounting"), 2021),
        plan(("B", "UL", 2020)),
        plan(("B", "UA", 2020)),
        {
            "official": "B",
            "post": "finance",
            "year": 2021,
            "lacking": "degree college (accounting)",
        },
    )


# ---------------------------------------------------------------- 4 and 5 per scope

A2 = official("A2")  # U1, like A
B2 = official("B2", unit="U2")


def provinces(**changes: Any) -> Scenario:
    """Two provinces: U1 in province P1 (district D1), U2 in P2 (D2); A and A2 in U1, B2 in
    U2; course C (10M a learner, 2020 only) and ``changes``."""
    values: dict[str, Any] = {
        "officials": (A, A2, B2),
        "courses": (C,),
        "offerings": (offer("C", 2020, seats=3),),
        "units": ("U1", "U2"),
    }
    values.update(changes)
    scenario = tiny(**values)
    units = (
        Unit(unit_id="U1", name="Xã U1", district="D1", province="P1"),
        Unit(unit_id="U2", name="Xã U2", district="D2", province="P2"),
    )
    return scenario.model_copy(update={"units": units})


@case("seat_scope")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """C's seats of 2020 are for province P1 only: B2 (U2, province P2) may not take one; A
    (U1, in P1) may."""
    scenario = provinces(offerings=(Offering(course_id="C", year=2020, seats=3, scope="P1"),))
    return (
        scenario,
        plan(("B2", "C", 2020)),
        plan(("A", "C", 2020)),
        {"official": "B2", "unit": "U2", "course": "C", "scope": "P1"},
    )


@case("lecturer_scope")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """I's class of 2020 is open to the whole scenario (no scope); L1 teaches only within
    district D1, so may not teach it; L2 (no scope) may."""
    scenario = provinces(
        courses=(I,),
        offerings=(offer("I", 2020, classes=1),),
        lecturers=(lecturer("L1", scope="D1"), L2),
    )
    return (
        scenario,
        plan(("A", "I", 2020), classes=(("I", 2020, 1, 1, "L1", 40),)),
        plan(("A", "I", 2020), classes=(("I", 2020, 1, 1, "L2", 40),)),
        {"course": "I", "year": 2020, "lecturer": "L1", "scope": "D1"},
    )


@case("budget_scope")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """Province P1 may spend 5M a year: A (in P1) taking C costs P1 10M in 2020 (5M over);
    B2 taking it costs P2, which has no cap of its own (the whole scenario has none either)."""
    scenario = provinces(budget=Budget(scopes={"P1": Budget(per_year=5_000_000)}))
    return (
        scenario,
        plan(("A", "C", 2020)),
        plan(("B2", "C", 2020)),
        {"scope": "P1", "year": 2020, "cost": 10_000_000.0, "over": 5_000_000.0},
    )


@case("budget_scope", "total")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """District D1 may spend 15M in all: A and A2 (both in D1) taking C cost it 20M (5M
    over); A with B2 costs D1 10M."""
    scenario = provinces(budget=Budget(scopes={"D1": Budget(total=15_000_000)}))
    return (
        scenario,
        plan(("A", "C", 2020), ("A2", "C", 2020)),
        plan(("A", "C", 2020), ("B2", "C", 2020)),
        {"scope": "D1", "cost": 20_000_000.0, "limit": 15_000_000, "over": 5_000_000.0},
    )


# ---------------------------------------------------------------- 6. continuity

RETIRED = official("R", birth=(1950, 1))  # retired 2010-01: not in service 2020-2022


@case("unit_away")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """U1 has A, B in service (R retired in 2010 and does not count): limit = 0.10 x 250
    working days x 2 = 50 days. A and B both take C30 (30 days) in 2020: 60 > 50 (10 over);
    A in 2020 and B in 2021: 30 each year."""
    c30 = external("C", away_days=30)
    scenario = tiny(
        officials=(A, B, RETIRED),
        courses=(c30,),
        continuity=loose(max_away_share=0.10),
        offerings=(offer("C", 2020, seats=2), offer("C", 2021, seats=2)),
    )
    return (
        scenario,
        plan(("A", "C", 2020), ("B", "C", 2020)),
        plan(("A", "C", 2020), ("B", "C", 2021)),
        {"unit": "U1", "year": 2020, "days": 60.0, "limit": 50.0, "over": 10.0},
    )


@case("unit_away", "year-override")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """2021 is an election year: max_away_share 0.05, so U1's limit is 0.05 x 250 x 2 = 25
    days, and B's 30 days in 2021 are 5 over; in 2022 the default 0.10 x 250 x 2 = 50 holds."""
    c30 = external("C", away_days=30)
    scenario = tiny(
        officials=(A, B),
        courses=(c30,),
        continuity=loose(max_away_share=0.10, years={2021: ContinuityYear(max_away_share=0.05)}),
        offerings=(offer("C", 2020, seats=1), offer("C", 2021, seats=1), offer("C", 2022, seats=1)),
    )
    return (
        scenario,
        plan(("A", "C", 2020), ("B", "C", 2021)),
        plan(("A", "C", 2020), ("B", "C", 2022)),
        {"unit": "U1", "year": 2021, "days": 30.0, "limit": 25.0, "over": 5.0},
    )


@case("leaders_away")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """At most 1 leader of U1 in a full-time course a year; chairs A and B both take the
    full-time F in 2020 (2 > 1). If B takes the in-service C instead, only A counts."""
    chairs = (official("A", post="chair"), official("B", post="chair"))
    f = external("F", mode="full_time")
    scenario = tiny(
        officials=chairs,
        courses=(C, f),
        continuity=loose(max_leaders_away=1),
        offerings=(offer("C", 2020, seats=2), offer("F", 2020, seats=2)),
    )
    return (
        scenario,
        plan(("A", "F", 2020), ("B", "F", 2020)),
        plan(("A", "F", 2020), ("B", "C", 2020)),
        {"unit": "U1", "year": 2020, "count": 2, "limit": 1, "leaders": "A, B"},
    )


@case("personal_days")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """At most 80 days away a year for one official: C50 (50 days) and E (40 days) both in
    2020 is 90 (10 over); E in 2021 keeps 50 and 40."""
    c50 = external("C", away_days=50)
    e = external("E", track="llct", grants="elementary", away_days=40)
    scenario = tiny(
        officials=(A,),
        courses=(c50, e),
        continuity=loose(max_personal_days=80),
        offerings=(offer("C", 2020, seats=1), offer("E", 2020, seats=1), offer("E", 2021, seats=1)),
    )
    return (
        scenario,
        plan(("A", "C", 2020), ("A", "E", 2020)),
        plan(("A", "C", 2020), ("A", "E", 2021)),
        {"official": "A", "year": 2020, "days": 90.0, "limit": 80, "over": 10.0},
    )


@case("personal_days", "spread")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """At most 80 days a year: C12 (12 months, 120 days) is 120 in 2020 (40 over); C24
    (24 months, 120 days) is 120 / 2 = 60 in 2020 and in 2021."""
    scenario = tiny(
        officials=(A,),
        continuity=loose(max_personal_days=80),
        courses=(external("C12", away_days=120), external("C24", months=24, away_days=120)),
        offerings=(offer("C12", 2020, seats=1), offer("C24", 2020, seats=1)),
    )
    return (
        scenario,
        plan(("A", "C12", 2020)),
        plan(("A", "C24", 2020)),
        {"official": "A", "year": 2020, "days": 120.0, "limit": 80, "over": 40.0},
    )


# ---------------------------------------------------------------- 7, 8. targets and pins


@case("hard_target")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """Hard target 2021: half of A, B with a college degree: required = ceil(0.5 x 2) = 1.
    C started in 2022 completes after 2021 and does not count (0 qualified, 1 short);
    started in 2021 it completes at the end of 2021 (1 qualified)."""
    hard = target("t", year=2021, share=0.5, hard=True)
    scenario = tiny(
        officials=(A, B),
        courses=(C,),
        targets=(hard,),
        offerings=(offer("C", 2021, seats=1), offer("C", 2022, seats=1)),
    )
    return (
        scenario,
        plan(("A", "C", 2022)),
        plan(("A", "C", 2021)),
        {"target": "t", "year": 2021, "qualified": 0, "required": 1, "short": 1},
    )


@case("pin_require")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """A is pinned to start C in 2020; the bad plan starts it in 2021."""
    pin = Pin(official_id="A", course_id="C", year=2020, action="require")
    scenario = tiny(
        officials=(A,),
        courses=(C,),
        pins=(pin,),
        offerings=(offer("C", 2020, seats=1), offer("C", 2021, seats=1)),
    )
    return (
        scenario,
        plan(("A", "C", 2021)),
        plan(("A", "C", 2020)),
        {"official": "A", "course": "C", "year": 2020},
    )


@case("pin_forbid")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """A must not start C in 2020; the bad plan does, the good one starts it in 2021."""
    pin = Pin(official_id="A", course_id="C", year=2020, action="forbid")
    scenario = tiny(
        officials=(A,),
        courses=(C,),
        pins=(pin,),
        offerings=(offer("C", 2020, seats=1), offer("C", 2021, seats=1)),
    )
    return (
        scenario,
        plan(("A", "C", 2020)),
        plan(("A", "C", 2021)),
        {"official": "A", "course": "C", "year": 2020},
    )


@case("history")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """Re-planning as of 2021: A completed C started in 2020 (history); the bad plan moves it
    to 2021, the good one keeps it (models.history)."""
    from trainplan.models.history import Past, Replan, Source, Status

    past = Past(
        official_id="A",
        course_id="C",
        start_year=2020,
        status=Status.COMPLETED,
        source=Source.ACTUALS,
    )
    scenario = tiny(
        officials=(A,),
        courses=(C,),
        offerings=(offer("C", 2020, seats=1), offer("C", 2021, seats=1)),
    ).model_copy(update={"replan": Replan(as_of=2021, history=(past,))})
    return (
        scenario,
        plan(("A", "C", 2021)),
        plan(("A", "C", 2020)),
        {"official": "A", "course": "C", "year": 2020},
    )


# ---------------------------------------------------------------- slips the checker must not make


@case("repeat", "different-years")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """ "Each course at most once per official" whatever the start year: A starts C24
    (24 months) in 2020 and again in 2021. The first run completes only at the end of 2021, so
    in 2021 A still holds degree none and no level rule is broken: only the repeat is."""
    c24 = external("C24", months=24)
    scenario = tiny(
        officials=(A, B),
        courses=(c24,),
        offerings=(offer("C24", 2020, seats=1), offer("C24", 2021, seats=1)),
    )
    return (
        scenario,
        plan(("A", "C24", 2020), ("A", "C24", 2021)),
        plan(("A", "C24", 2020), ("B", "C24", 2021)),
        {"official": "A", "course": "C24"},
    )


@case("leaders_away", "second-year")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """A full-time course keeps a leader away in every year it spans: chair A's F24 (24
    months, full time) started in 2020 spans 2020-2021, so chair B's full-time F in 2021 makes
    2 leaders away in 2021 (limit 1). B in 2022 is alone."""
    chairs = (official("A", post="chair"), official("B", post="chair"))
    f24 = external("F24", months=24, mode="full_time")
    f = external("F", track="llct", grants="elementary", mode="full_time")
    scenario = tiny(
        officials=chairs,
        courses=(f24, f),
        continuity=loose(max_leaders_away=1),
        offerings=(
            offer("F24", 2020, seats=1),
            offer("F", 2021, seats=1),
            offer("F", 2022, seats=1),
        ),
    )
    return (
        scenario,
        plan(("A", "F24", 2020), ("B", "F", 2021)),
        plan(("A", "F24", 2020), ("B", "F", 2022)),
        {"unit": "U1", "year": 2021, "count": 2, "limit": 1, "leaders": "A, B"},
    )


# ---------------------------------------------------------------- limits: at the limit passes,
# one over is caught. In each case the good plan uses a capacity exactly and the bad plan one
# unit more (a learner, a class, an hour, a dong, a day, a leader), so that a check written
# with >= instead of >, or one that lets a little over through, fails a pair.


@case("seats", "at-limit")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """C has 2 seats in 2020: A and B fill them exactly; A, B and D are 1 too many."""
    scenario = tiny(officials=(A, B, D), courses=(C,), offerings=(offer("C", 2020, seats=2),))
    return (
        scenario,
        plan(("A", "C", 2020), ("B", "C", 2020), ("D", "C", 2020)),
        plan(("A", "C", 2020), ("B", "C", 2020)),
        {"course": "C", "year": 2020, "learners": 3, "seats": 2, "over": 1},
    )


def _classes_of_one(*officials: str) -> tuple[tuple[str, int, int, int, str, int], ...]:
    """One class of I in 2020 per official, numbered from 1, each taught 40 h by L1."""
    return tuple(("I", 2020, n, 1, "L1", 40) for n in range(1, len(officials) + 1))


@case("classes", "at-limit")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """I may open 2 classes in 2020: 2 classes (A; B) is the limit, 3 (A; B; D) one over.
    L1's 3 x 40 = 120 h stay under his 400."""
    scenario = internal_scenario(officials=(A, B, D), offerings=(offer("I", 2020, classes=2),))
    three = (("A", "I", 2020), ("B", "I", 2020), ("D", "I", 2020))
    return (
        scenario,
        plan(*three, classes=_classes_of_one("A", "B", "D")),
        plan(*three, classes=(("I", 2020, 1, 2, "L1", 40), ("I", 2020, 2, 1, "L1", 40))),
        {"course": "I", "year": 2020, "classes": 3, "allowed": 2},
    )


@case("class_size", "at-min")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """I's classes hold 2..3: a class of exactly 2 is fine, a class of 1 is one short."""
    scenario = internal_scenario(courses=(internal("I", class_min=2, class_max=3),))
    return (
        scenario,
        plan(("A", "I", 2020), classes=(("I", 2020, 1, 1, "L1", 40),)),
        plan(("A", "I", 2020), ("B", "I", 2020), classes=(("I", 2020, 1, 2, "L1", 40),)),
        {"course": "I", "year": 2020, "class_no": 1, "learners": 1, "low": 2, "high": 3},
    )


@case("class_size", "at-max")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """I's classes hold 1..3: a class of exactly 3 is fine, a class of 4 is one over."""
    e = official("E")
    scenario = internal_scenario(
        officials=(A, B, D, e), courses=(internal("I", class_min=1, class_max=3),)
    )
    four = (("A", "I", 2020), ("B", "I", 2020), ("D", "I", 2020), ("E", "I", 2020))
    return (
        scenario,
        plan(*four, classes=(("I", 2020, 1, 4, "L1", 40),)),
        plan(*four[:3], classes=(("I", 2020, 1, 3, "L1", 40),)),
        {"course": "I", "year": 2020, "class_no": 1, "learners": 4, "low": 1, "high": 3},
    )


@case("class_hours", "one-over")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """A class of I needs exactly 40 lecturer hours: 40 is right, 41 is one too many."""
    scenario = internal_scenario(officials=(A,))
    return (
        scenario,
        plan(("A", "I", 2020), classes=(("I", 2020, 1, 1, "L1", 41),)),
        plan(("A", "I", 2020), classes=(("I", 2020, 1, 1, "L1", 40),)),
        {"course": "I", "year": 2020, "class_no": 1, "hours": 41, "needed": 40},
    )


@case("lecturer_hours", "at-limit")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """L1 may teach 60 hours a year. Two classes of I (40 h each) in 2020: L1 teaches class 1
    (40 h) and shares class 2 with L2: 20 + 20 puts L1 at exactly 60, 21 + 19 at 61."""
    scenario = internal_scenario(
        lecturers=(lecturer("L1", hours=60), L2), offerings=(offer("I", 2020, classes=2),)
    )
    both = (("A", "I", 2020), ("B", "I", 2020))
    first = ("I", 2020, 1, 1, "L1", 40)
    return (
        scenario,
        plan(*both, classes=(first, ("I", 2020, 2, 1, "L1", 21), ("I", 2020, 2, 1, "L2", 19))),
        plan(*both, classes=(first, ("I", 2020, 2, 1, "L1", 20), ("I", 2020, 2, 1, "L2", 20))),
        {"lecturer": "L1", "year": 2020, "hours": 61.0, "limit": 60, "over": 1.0},
    )


# C costs 10,000,000 VND per learner; C1, the same course at one dong more.
DEAR_BY_ONE = external("C1", cost=10_000_001)


@case("budget_year", "at-limit")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """Budget 10,000,000 a year: C (10,000,000) in 2020 spends it exactly, C1 (one dong
    dearer) is 1 dong over."""
    scenario = tiny(
        officials=(A,),
        courses=(C, DEAR_BY_ONE),
        budget=Budget(per_year=10_000_000),
        offerings=(offer("C", 2020, seats=1), offer("C1", 2020, seats=1)),
    )
    return (
        scenario,
        plan(("A", "C1", 2020)),
        plan(("A", "C", 2020)),
        {"year": 2020, "cost": 10_000_001.0, "limit": 10_000_000, "over": 1.0},
    )


@case("budget_total", "at-limit")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """Budget 20,000,000 in all: A in C (2020) and B in C (2021) spend it exactly; B in C1
    (one dong dearer) is 1 dong over."""
    scenario = tiny(
        officials=(A, B),
        courses=(C, DEAR_BY_ONE),
        budget=Budget(total=20_000_000),
        offerings=(
            offer("C", 2020, seats=1),
            offer("C", 2021, seats=1),
            offer("C1", 2021, seats=1),
        ),
    )
    return (
        scenario,
        plan(("A", "C", 2020), ("B", "C1", 2021)),
        plan(("A", "C", 2020), ("B", "C", 2021)),
        {"cost": 20_000_001.0, "limit": 20_000_000, "over": 1.0},
    )


@case("unit_away", "at-limit")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """U1 has A and B: 0.10 x 250 x 2 = 50 days a year. Both in C25 (25 days) in 2020 is
    exactly 50; A in C25 and B in C26 (26 days) is 51, one day over."""
    c25 = external("C25", away_days=25)
    c26 = external("C26", away_days=26)
    scenario = tiny(
        officials=(A, B),
        courses=(c25, c26),
        continuity=loose(max_away_share=0.10),
        offerings=(offer("C25", 2020, seats=2), offer("C26", 2020, seats=2)),
    )
    return (
        scenario,
        plan(("A", "C25", 2020), ("B", "C26", 2020)),
        plan(("A", "C25", 2020), ("B", "C25", 2020)),
        {"unit": "U1", "year": 2020, "days": 51.0, "limit": 50.0, "over": 1.0},
    )


@case("leaders_away", "at-limit")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """At most 2 leaders of U1 in full-time courses a year: chairs A and B in F (full time)
    in 2020 is the limit; A, B and D is one over."""
    chairs = tuple(official(name, post="chair") for name in "ABD")
    f = external("F", mode="full_time")
    scenario = tiny(
        officials=chairs,
        courses=(f,),
        continuity=loose(max_leaders_away=2),
        offerings=(offer("F", 2020, seats=3),),
    )
    return (
        scenario,
        plan(("A", "F", 2020), ("B", "F", 2020), ("D", "F", 2020)),
        plan(("A", "F", 2020), ("B", "F", 2020)),
        {"unit": "U1", "year": 2020, "count": 3, "limit": 2, "leaders": "A, B, D"},
    )


@case("personal_days", "at-limit")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """At most 80 days away a year for one official: C40 (40 days) and E40 (40 days) in 2020
    is exactly 80; C40 and E41 (41 days) is 81, one over."""
    c40 = external("C", away_days=40)
    e40 = external("E40", track="llct", grants="elementary", away_days=40)
    e41 = external("E41", track="llct", grants="elementary", away_days=41)
    scenario = tiny(
        officials=(A,),
        courses=(c40, e40, e41),
        continuity=loose(max_personal_days=80),
        offerings=(
            offer("C", 2020, seats=1),
            offer("E40", 2020, seats=1),
            offer("E41", 2020, seats=1),
        ),
    )
    return (
        scenario,
        plan(("A", "C", 2020), ("A", "E41", 2020)),
        plan(("A", "C", 2020), ("A", "E40", 2020)),
        {"official": "A", "year": 2020, "days": 81.0, "limit": 80, "over": 1.0},
    )


@case("obligation", "at-limit")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """Q25 lasts 25 months with obligation 2.2: 2.2 x 25 = 55 months owed exactly (in floats
    55.00000000000001). Started in 2018 it spans 2018-2020. M7 (man, born 1964-04) retires
    2025-07 (61y3m) and serves (2025 - 2020 - 1) x 12 + 7 = 55 months after 2020, exactly what
    he owes; M6 (born 1964-03) retires 2025-06 and serves 54, one short."""
    m6, m7 = official("M6", birth=(1964, 3)), official("M7", birth=(1964, 4))
    q25 = external("Q25", months=25, obligation=2.2)
    scenario = tiny(
        officials=(m6, m7),
        courses=(q25,),
        horizon=(2018, 2022),
        offerings=(offer("Q25", 2018, seats=1),),
    )
    return (
        scenario,
        plan(("M6", "Q25", 2018)),
        plan(("M7", "Q25", 2018)),
        {"official": "M6", "course": "Q25", "end": 2020, "served": 54, "owed": 55.0},
    )


# ---------------------------------------------------------------- year overrides
# continuity.years replaces a default for one year only: a stricter override makes a plan fail
# in that year alone, a looser one lets a plan pass in that year alone.


@case("leaders_away", "year-stricter")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """1 leader away a year, but 0 in 2021: chair A in the full-time F in 2021 breaks it; the
    same in 2020 keeps the default."""
    f = external("F", mode="full_time")
    scenario = tiny(
        officials=(official("A", post="chair"),),
        courses=(f,),
        continuity=loose(max_leaders_away=1, years={2021: ContinuityYear(max_leaders_away=0)}),
        offerings=(offer("F", 2020, seats=1), offer("F", 2021, seats=1)),
    )
    return (
        scenario,
        plan(("A", "F", 2021)),
        plan(("A", "F", 2020)),
        {"unit": "U1", "year": 2021, "count": 1, "limit": 0, "leaders": "A"},
    )


@case("leaders_away", "year-looser")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """1 leader away a year, but 2 in 2021: chairs A and B in the full-time F in 2021 is
    allowed; the same in 2020 breaks the default."""
    chairs = (official("A", post="chair"), official("B", post="chair"))
    f = external("F", mode="full_time")
    scenario = tiny(
        officials=chairs,
        courses=(f,),
        continuity=loose(max_leaders_away=1, years={2021: ContinuityYear(max_leaders_away=2)}),
        offerings=(offer("F", 2020, seats=2), offer("F", 2021, seats=2)),
    )
    return (
        scenario,
        plan(("A", "F", 2020), ("B", "F", 2020)),
        plan(("A", "F", 2021), ("B", "F", 2021)),
        {"unit": "U1", "year": 2020, "count": 2, "limit": 1, "leaders": "A, B"},
    )


@case("personal_days", "year-stricter")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """80 days away a year, but 30 in 2021: C40 (40 days) in 2021 is 10 over; in 2020 it
    keeps the default."""
    scenario = tiny(
        officials=(A,),
        courses=(external("C", away_days=40),),
        continuity=loose(max_personal_days=80, years={2021: ContinuityYear(max_personal_days=30)}),
        offerings=(offer("C", 2020, seats=1), offer("C", 2021, seats=1)),
    )
    return (
        scenario,
        plan(("A", "C", 2021)),
        plan(("A", "C", 2020)),
        {"official": "A", "year": 2021, "days": 40.0, "limit": 30, "over": 10.0},
    )


@case("personal_days", "year-looser")
def _() -> tuple[Scenario, Plan, Plan, dict[str, Any]]:
    """30 days away a year, but 80 in 2021: C40 (40 days) in 2021 is allowed; in 2020 it is
    10 over the default."""
    scenario = tiny(
        officials=(A,),
        courses=(external("C", away_days=40),),
        continuity=loose(max_personal_days=30, years={2021: ContinuityYear(max_personal_days=80)}),
        offerings=(offer("C", 2020, seats=1), offer("C", 2021, seats=1)),
    )
    return (
        scenario,
        plan(("A", "C", 2020)),
        plan(("A", "C", 2021)),
        {"official": "A", "year": 2020, "days": 40.0, "limit": 30, "over": 10.0},
    )


# ---------------------------------------------------------------- the pairs


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_plan_breaks_exactly_its_rule(case: Case) -> None:
    evaluation = evaluate(case.scenario, case.bad)
    assert rules(evaluation) == {case.rule}, f"{case.why}\n{show(evaluation)}"
    found = [{key: v.params.get(key) for key in case.expect} for v in evaluation.violations]
    assert case.expect in found, f"{case.why}\n{found}"
    assert not evaluation.valid


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_good_plan_keeps_every_rule(case: Case) -> None:
    evaluation = evaluate(case.scenario, case.good)
    assert evaluation.violations == [], f"{case.why}\n{show(evaluation)}"
    assert evaluation.valid


def test_every_rule_of_the_registry_has_a_case() -> None:
    covered = {Rule(c.rule) for c in CASES}
    assert covered == set(Rule)
    rule_keys = {k for k in templates("en") if k.startswith("rule.") and k.count(".") == 1}
    assert {f"rule.{rule}" for rule in Rule} == rule_keys
    variants = {k.split(".")[1] for k in templates("en") if k.count(".") == 2 and k[:5] == "rule."}
    assert variants <= {str(rule) for rule in Rule}  # rule.<rule>.<variant>: a second wording


def test_every_rule_has_a_checker_method_of_its_name_and_back() -> None:
    """One home per rule: ``Checker.<rule>`` checks ``Rule(<rule>)``, and every public method
    of the checker but ``run`` is a rule."""
    methods = {
        name
        for name, member in inspect.getmembers(Checker, inspect.isfunction)
        if not name.startswith("_")
    }
    assert methods - {"run"} == {rule.value for rule in Rule}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_the_rules_method_alone_reports_the_bad_plan(case: Case) -> None:
    """The broken rule is found by the method of its name, which passes the good plan."""
    method = getattr(Checker(case.scenario, case.bad), case.rule)
    assert {v.rule for v in method()} == {case.rule}
    assert list(getattr(Checker(case.scenario, case.good), case.rule)()) == []


CHECKER_MODULES = ("checker", "recount", "arithmetic", "people", "scopes", "history", "evaluation")

# The model's helpers for rule arithmetic, which the solver uses: the checker derives it again.
SOLVER_HELPERS = frozenset(
    {
        "away_limit",
        "staff",
        "population",
        "matches",
        "needs",
        "met_by",
        "payer",
        "obligation_months",
        "months_served_after",
        "in_service",
        "in_service_at_end",
        "rules",
        "end_year",
        "years",
        "span",
        "active",
    }
)


@pytest.mark.parametrize("module", CHECKER_MODULES)
def test_the_checker_shares_no_logic_with_the_solver(module: str) -> None:
    """No import of the solver or OR-Tools, and none of the model helpers the solver computes
    its limits with (``Scenario.away_limit``, ``Course.years`` ...): a slip there would
    otherwise pass both the solver and its check."""
    source = inspect.getsource(importlib.import_module(f"trainplan.checking.{module}"))
    tree = ast.parse(source)
    imported = {
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    } | {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert not {name for name in imported if "solver" in name or "ortools" in name}
    used = {
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    } | {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "span"
    }
    assert not used & SOLVER_HELPERS


def test_the_checker_knows_every_who_filter() -> None:
    """A filter added to ``Who`` must be taught to the checker's own population count."""
    scenario = tiny(officials=(A,), courses=(C,), offerings=())
    assert set(who_values(scenario, A)) == set(Who.model_fields)


def test_the_checkers_own_arithmetic_agrees_with_the_models(builtin_scenario: Scenario) -> None:
    """The checker derives SPEC.md's arithmetic itself; on the built-in scenario it must agree
    with the model's helpers, which the solver uses (populations, months served, away limits)."""
    scenario = builtin_scenario
    for target_ in scenario.settings.targets:
        ours = [o for o in scenario.officials if matches(scenario, target_.who, o)]
        assert ours == [o for o in scenario.officials if scenario.matches(target_.who, o)]
    for official_ in scenario.officials:
        for end in scenario.years:
            assert months_served_after(official_, end) == official_.months_served_after(end)
    units = {o.unit_id for o in scenario.officials}
    staff = staff_in_service(scenario, {(u, y) for u in units for y in scenario.years})
    for (unit_id, year), count in staff.items():
        assert away_limit(scenario, count, year) == scenario.away_limit(unit_id, year)


# ---------------------------------------------------------------- messages


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_violations_read_in_english_and_vietnamese(case: Case) -> None:
    """Every template renders with the parameters the checker really gives it."""
    for violation in evaluate(case.scenario, case.bad).violations:
        english, vietnamese = render(violation.message, "en"), render(violation.message, "vi")
        assert english and vietnamese
        assert english != vietnamese
        assert "{" not in english and "{" not in vietnamese


def test_vietnamese_groups_thousands_with_dots() -> None:
    params = {"year": 2020, "cost": 29_000_000.0, "limit": 25_000_000, "over": 4_000_000.0}
    assert "29,000,000" in render(Message("rule.budget_year", **params), "en")
    vi = render(Message("rule.budget_year", **params), "vi")
    assert "29.000.000" in vi and "4.000.000" in vi and "25.000.000" in vi
    # a year is not a thousands group
    assert vi.startswith("2020:")


# ---------------------------------------------------------------- targets

NOTHING = {"degree": "none"}  # a trivial ``has`` (the builder reads an empty one as college)


def attainment(scenario: Scenario, the_plan: Plan) -> dict[str, Any]:
    evaluation = evaluate(scenario, the_plan)
    assert evaluation.violations == [], show(evaluation)
    return {a.target_id: a for a in evaluation.attainment}


def test_population_excludes_those_retiring_by_the_end_of_the_target_year() -> None:
    """R0 (man, 1960-06) retires 2020-06; R1 (man, 1961-01) retires 2021-04 (60y3m).
    End of 2019: A, R0, R1 = 3. End of 2020: R0 retired in 2020 -> A, R1 = 2.
    End of 2021: R1 retired in 2021 -> A = 1."""
    officials = (A, official("R0", birth=(1960, 6)), official("R1", birth=(1961, 1)))
    targets = tuple(target(f"t{y}", year=y, share=0.5) for y in (2019, 2020, 2021))
    scenario = tiny(
        officials=officials, courses=(C,), offerings=(), targets=targets, horizon=(2019, 2022)
    )
    found = attainment(scenario, plan())
    assert {t: a.population for t, a in found.items()} == {"t2019": 3, "t2020": 2, "t2021": 1}
    # ceil(0.5 x 3) = 2, ceil(0.5 x 2) = 1, ceil(0.5 x 1) = 1
    assert {t: a.required for t, a in found.items()} == {"t2019": 2, "t2020": 1, "t2021": 1}
    assert all(a.shortfall == a.required for a in found.values())


@pytest.mark.parametrize(
    ("share", "required"),
    [
        (0.28, 7),  # 0.28 x 25 = 7 exactly (as a float it is 7.000000000000001 -> ceil 8)
        (0.5, 13),  # ceil(12.5)
        (0.01, 1),  # ceil(0.25)
        (0.0, 0),
        (1.0, 25),
    ],
)
def test_required_is_the_ceiling_of_the_exact_share(share: float, required: int) -> None:
    officials = tuple(official(f"O{n:02d}") for n in range(25))
    scenario = tiny(
        officials=officials, courses=(C,), offerings=(), targets=(target("t", share=share),)
    )
    found = attainment(scenario, plan())["t"]
    assert (found.population, found.required, found.qualified) == (25, required, 0)
    assert found.shortfall == required
    assert found.met is (required == 0)


def test_a_course_completing_after_the_target_year_does_not_count() -> None:
    """C24 started 2021 spans 2021-2022 and completes at the end of 2022: A is qualified for
    the 2022 target, not for the 2021 one; C started 2021 completes at the end of 2021."""
    c24 = external("C24", months=24)
    scenario = tiny(
        officials=(A, B),
        courses=(C, c24),
        offerings=(offer("C24", 2021, seats=1), offer("C", 2021, seats=1)),
        targets=(target("t2021", year=2021), target("t2022", year=2022)),
    )
    found = attainment(scenario, plan(("A", "C24", 2021)))
    assert (found["t2021"].qualified, found["t2022"].qualified) == (0, 1)
    found = attainment(scenario, plan(("A", "C", 2021)))
    assert (found["t2021"].qualified, found["t2022"].qualified) == (1, 1)
    # population 2, share 1.0: required 2, so 1 short either way
    assert (found["t2022"].required, found["t2022"].shortfall) == (2, 1)


def test_standard_uses_the_officials_own_post_standard() -> None:
    """standard [llct]: a chair needs llct intermediate, a youth secretary elementary, the
    finance post has no llct standard. With llct elementary: the chair is not qualified, the
    youth secretary is; the finance officer is, even with llct none. 2 of 3."""
    officials = (
        official("CH", post="chair", llct="elementary"),
        official("YO", post="youth", llct="elementary"),
        official("FI", post="finance", llct="none"),
    )
    scenario = tiny(
        officials=officials,
        courses=(C,),
        offerings=(),
        targets=(
            target("std", has=NOTHING, standard=("llct",)),
            target("both", has={"llct": "elementary"}, standard=("llct",)),
            target("cadres", has=NOTHING, standard=("llct",), category="cadre"),
        ),
    )
    found = attainment(scenario, plan())
    assert (found["std"].population, found["std"].qualified) == (3, 2)
    # has llct>=elementary on top of the standard: the finance officer (none) now fails
    assert found["both"].qualified == 1
    # who: {category: cadre} leaves out the civil servant (finance)
    assert (found["cadres"].population, found["cadres"].qualified) == (2, 1)


def test_completing_a_course_raises_the_level_for_a_standard_target() -> None:
    """The chair starts with llct elementary; P (llct intermediate, 12 months) in 2020
    completes at the end of 2020 and meets the chair's llct standard for a 2020 target."""
    p = external("P", track="llct", grants="intermediate")
    scenario = tiny(
        officials=(official("CH", post="chair", llct="elementary"),),
        courses=(p,),
        offerings=(offer("P", 2020, seats=1),),
        targets=(target("std", year=2020, has=NOTHING, standard=("llct",)),),
    )
    assert attainment(scenario, plan())["std"].qualified == 0
    assert attainment(scenario, plan(("CH", "P", 2020)))["std"].qualified == 1


# ---------------------------------------------------------------- money


def test_money_is_cost_plus_days_away_valued_with_the_leader_factor() -> None:
    """day_value 300,000 VND, leader_factor 1.1. Chair A (leader) and youth B take C in 2020
    (external: 10M each, 10 days) and I in 2021 (internal: 1M each, 5 days, one class of 2:
    class 5M, 40 h x 100k = 4M).
      cost = 2 x 10M + 2 x 1M + 5M + 4M = 31,000,000 (2020: 20M, 2021: 11M)
      away = A: 15 days x 300,000 x 1.1 = 4,950,000; B: 15 x 300,000 = 4,500,000
      money = 31,000,000 + 9,450,000 = 40,450,000."""
    chair = official("A", post="chair")
    scenario = tiny(
        officials=(chair, B),
        courses=(C, I),
        lecturers=(L1,),
        continuity=loose(day_value=300_000, leader_factor=1.1),
        offerings=(offer("C", 2020, seats=2), offer("I", 2021, classes=1)),
    )
    the_plan = plan(
        ("A", "C", 2020),
        ("B", "C", 2020),
        ("A", "I", 2021),
        ("B", "I", 2021),
        classes=(("I", 2021, 1, 2, "L1", 40),),
    )
    evaluation = evaluate(scenario, the_plan)
    assert evaluation.violations == [], show(evaluation)
    assert evaluation.learner_cost == Fraction(22_000_000)
    assert evaluation.class_cost == Fraction(5_000_000)
    assert evaluation.lecturer_cost == Fraction(4_000_000)
    assert evaluation.cost_total == Fraction(31_000_000)
    assert evaluation.cost_by_year == {
        2020: Fraction(20_000_000),
        2021: Fraction(11_000_000),
        2022: Fraction(0),
    }
    assert evaluation.away_days_total == 30
    assert evaluation.away_value == Fraction(9_450_000)
    assert evaluation.money == Fraction(40_450_000)
    assert isinstance(evaluation.money, Fraction)
    assert evaluation.weighted_shortfall == 0


def test_leader_factor_is_exact() -> None:
    """10 days x 300,000 x 1.1 is 3,300,000 exactly (as floats: 3300000.0000000005)."""
    chair = official("A", post="chair")
    scenario = tiny(
        officials=(chair,),
        courses=(C,),
        offerings=(offer("C", 2020, seats=1),),
        continuity=loose(day_value=300_000, leader_factor=1.1),
    )
    evaluation = evaluate(scenario, plan(("A", "C", 2020)))
    assert evaluation.away_value == Fraction(3_300_000)
    assert evaluation.money == Fraction(13_300_000)


def test_costs_days_and_hours_spread_over_the_years_a_course_spans() -> None:
    """C24 (external, 24 months, 30M, 24 days) and I24 (internal, 24 months, 1M per learner,
    class 5M, 40 h x 100k = 4M, 5 days) started 2020 span 2020-2021: each year carries
    (30M + 1M + 5M + 4M) / 2 = 20M, (24 + 5) / 2 = 14.5 days, and L1 teaches 40 / 2 = 20 h
    (exactly his limit of 20). C36 (36 months, 10M) started 2020 spans 2020-2022: 10M / 3 a
    year, an exact third."""
    c24 = external("C24", months=24, cost=30_000_000, away_days=24)
    i24 = internal("I24", months=24)
    c36 = external(
        "C36", track="llct", grants="elementary", months=36, cost=10_000_000, away_days=0
    )
    scenario = tiny(
        officials=(A, B),
        courses=(c24, i24, c36),
        lecturers=(lecturer("L1", hours=20),),
        offerings=(
            offer("C24", 2020, seats=1),
            offer("I24", 2020, classes=1),
            offer("C36", 2020, seats=1),
        ),
    )
    evaluation = evaluate(
        scenario,
        plan(("A", "C24", 2020), ("A", "I24", 2020), classes=(("I24", 2020, 1, 1, "L1", 40),)),
    )
    assert evaluation.violations == [], show(evaluation)
    assert evaluation.cost_by_year == {
        2020: Fraction(20_000_000),
        2021: Fraction(20_000_000),
        2022: Fraction(0),
    }
    assert evaluation.away_days_by_unit_year == {
        ("U1", 2020): Fraction(29, 2),
        ("U1", 2021): Fraction(29, 2),
    }
    assert evaluation.cost_total == Fraction(40_000_000)

    evaluation = evaluate(scenario, plan(("B", "C36", 2020)))
    third = Fraction(10_000_000, 3)
    assert evaluation.cost_by_year == {2020: third, 2021: third, 2022: third}
    assert evaluation.cost_total == Fraction(10_000_000)


def test_service_months_after_follows_the_month_index() -> None:
    """A man born 1960-06 retires 2020-06: after a course ending 2018 he serves
    (2020*12 + 5) + 1 - 2019*12 = 18 months, after one ending 2019, 6."""
    r = official("R", birth=(1960, 6))
    assert r.months_served_after(2018) == 18
    assert r.months_served_after(2019) == 6
