"""The checker's reading of a re-plan's history (``trainplan.models.history``), on its own.

Derived again here from the data alone, without the solver nor the helpers of
``models.history``: which enrollments are history that stays in the plan, which years are over,
what dropped and failed courses spent. ``trainplan.checking.checker.Checker`` asks these.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction

from trainplan.checking.evaluation import Violation
from trainplan.checking.recount import paid_by
from trainplan.models.plan import Plan
from trainplan.models.rules import Rule
from trainplan.models.scenario import Scenario

STAYING = frozenset({"completed", "in_progress"})
"""History statuses whose enrollment stays in the plan."""

PER_ENROLLMENT = frozenset(
    {
        Rule.OFFERING,
        Rule.HORIZON,
        Rule.LEVEL,
        Rule.PREREQUISITE,
        Rule.MAX_AGE,
        Rule.RETIREMENT,
        Rule.OBLIGATION,
        Rule.JOINS,
        Rule.LEAVES,
    }
)
"""Rules asked of each enrollment on its own: not of history, which happened."""

YEARLY = frozenset(
    {
        Rule.SEATS,
        Rule.CLASSES,
        Rule.CLASS_SIZE,
        Rule.CLASS_LEARNERS,
        Rule.CLASS_HOURS,
        Rule.LECTURER_SUBJECT,
        Rule.LECTURER_ACTIVE,
        Rule.LECTURER_HOURS,
        Rule.BUDGET_YEAR,
        Rule.UNIT_AWAY,
        Rule.LEADERS_AWAY,
        Rule.PERSONAL_DAYS,
        Rule.HARD_TARGET,
    }
)
"""Rules of one year (a ``year`` parameter): not asked again of a year that is over."""


def history_keys(scenario: Scenario) -> set[tuple[str, str, int]]:
    """The history enrollments that must be in the plan (completed or in progress)."""
    replan = scenario.replan
    if replan is None or replan.as_of is None:
        return set()
    return {
        (row.official_id, row.course_id, row.start_year)
        for row in replan.history
        if str(row.status) in STAYING
    }


def settled(scenario: Scenario, violation: Violation) -> bool:
    """Whether ``violation`` concerns what is over: a rule of one enrollment broken by a
    history enrollment, or a yearly rule in a year before the as-of year."""
    replan = scenario.replan
    if replan is None or replan.as_of is None:
        return False
    params = violation.params
    if violation.rule in PER_ENROLLMENT:
        pairs = {(official, course) for official, course, _ in history_keys(scenario)}
        return (params.get("official"), params.get("course")) in pairs
    year = params.get("year")
    return violation.rule in YEARLY and isinstance(year, int) and year < replan.as_of


def history(scenario: Scenario, plan: Plan) -> Iterator[Violation]:
    """Rule ``history``: the enrollments that started before the as-of year are exactly the
    history that stays (none moved, dropped or added)."""
    replan = scenario.replan
    if replan is None or replan.as_of is None:
        return
    wanted = history_keys(scenario)
    planned = {
        (e.official_id, e.course_id, e.start_year)
        for e in plan.enrollments
        if e.start_year < replan.as_of
    }
    for official, course, year in sorted(wanted - planned):
        yield Violation(
            Rule.HISTORY, {"official": official, "course": course, "year": year}, "missing"
        )
    for official, course, year in sorted(planned - wanted):
        yield Violation(
            Rule.HISTORY,
            {"official": official, "course": course, "year": year, "as_of": replan.as_of},
        )


def history_spent(scenario: Scenario, units: frozenset[str] | None = None) -> Fraction:
    """What dropped and failed courses spent: each learner's cost spread over the years the
    course spans, for those before the as-of year (they stopped then); with ``units``, only
    their officials' (a scope's own budget)."""
    replan = scenario.replan
    if replan is None or replan.as_of is None:
        return Fraction(0)
    spent = Fraction(0)
    for row in replan.history:
        course = scenario.course_by_id.get(row.course_id)
        if str(row.status) in STAYING or course is None:
            continue
        official = scenario.official_by_id.get(row.official_id)
        if official is not None and paid_by(official, course) != "budget":
            continue  # the learner or another source paid it
        if units is not None and (official is None or official.unit_id not in units):
            continue
        years = math.ceil(course.months / 12)
        over = sum(
            1 for year in range(row.start_year, row.start_year + years) if year < replan.as_of
        )
        spent += Fraction(course.cost_per_learner * over, years)
    return spent
