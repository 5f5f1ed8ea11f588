"""The scope rules of a plan, checked from the plan alone (SPEC rules 4 and 5 per scope).

A scope is a province or district id of units.csv (its ``province`` or ``district`` column);
blank is the whole scenario. Only officials of units inside an offering's scope take its seats
or classes (``seat_scope``); a lecturer teaches only classes whose offering lies inside the
lecturer's scope (``lecturer_scope``); each ``budget.scopes`` entry bounds the cost of its
scope (``budget_scope``): its officials' learner costs, and the class and lecturer costs of
offerings lying inside it. Shares no code with the solver.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from fractions import Fraction

from trainplan.checking import history
from trainplan.checking.arithmetic import years_spanned
from trainplan.checking.evaluation import Violation
from trainplan.checking.people import broken
from trainplan.checking.recount import Recount, paid_by
from trainplan.models.message import Message
from trainplan.models.plan import Plan
from trainplan.models.rules import Rule
from trainplan.models.scenario import Course, Scenario


def scope_name(scope: str | None) -> str | Message:
    """A scope as a message shows it: its id, or "the whole scenario"."""
    return scope if scope else Message("scope.whole")


def units_of(scenario: Scenario, scope: str | None) -> frozenset[str] | None:
    """The unit ids of ``scope``; None for the whole scenario (every unit)."""
    if not scope:
        return None
    return scenario.scope_units.get(scope, frozenset())


def inside(scenario: Scenario, inner: str | None, outer: str | None) -> bool:
    """Every unit of scope ``inner`` lies in scope ``outer``."""
    outer_units = units_of(scenario, outer)
    if outer_units is None:
        return True
    inner_units = units_of(scenario, inner)
    all_units = frozenset(scenario.unit_by_id)
    return (all_units if inner_units is None else inner_units) <= outer_units


class ScopeRules:
    """The rules of scopes, one method each, named as the rule."""

    scenario: Scenario
    plan: Plan
    recount: Recount

    def seat_scope(self) -> Iterator[Violation]:
        """An official takes an offering's seats or classes only if their unit lies in its
        scope."""
        scenario = self.scenario
        for enrollment in self.recount.enrollments:
            offering = scenario.offering_by_key.get((enrollment.course_id, enrollment.start_year))
            if offering is None or not offering.scope:
                continue
            official = scenario.official_by_id[enrollment.official_id]
            units = units_of(scenario, offering.scope)
            if units is not None and official.unit_id not in units:
                yield broken(
                    Rule.SEAT_SCOPE,
                    official=official.official_id,
                    unit=official.unit_id,
                    course=enrollment.course_id,
                    year=enrollment.start_year,
                    scope=offering.scope,
                )

    def lecturer_scope(self) -> Iterator[Violation]:
        """A lecturer teaches only classes whose offering lies inside the lecturer's scope."""
        scenario = self.scenario
        for course, row, lecturer in self.recount.teaching:
            if not lecturer.scope:
                continue
            offering = scenario.offering_by_key.get((course.course_id, row.year))
            where = offering.scope if offering else None
            if not inside(scenario, where, lecturer.scope):
                yield broken(
                    Rule.LECTURER_SCOPE,
                    course=course.course_id,
                    year=row.year,
                    lecturer=lecturer.lecturer_id,
                    scope=lecturer.scope,
                    where=scope_name(where),
                )

    def budget_scope(self) -> Iterator[Violation]:
        """Each scope's cost at most its ``per_year`` in each year and its ``total`` overall."""
        scenario = self.scenario
        for scope, budget in sorted(scenario.settings.budget.scopes.items()):
            by_year = scope_cost_by_year(scenario, self.recount, scope)
            if budget.per_year is not None:
                for year, cost in sorted(by_year.items()):
                    if cost > budget.per_year:
                        yield broken(
                            Rule.BUDGET_SCOPE,
                            scope=scope,
                            year=year,
                            cost=float(cost),
                            limit=budget.per_year,
                            over=float(cost - budget.per_year),
                        )
            units = units_of(scenario, scope) or frozenset()
            total = sum(by_year.values(), history.history_spent(scenario, units))
            if budget.total is not None and total > budget.total:
                violation = broken(
                    Rule.BUDGET_SCOPE,
                    scope=scope,
                    cost=float(total),
                    limit=budget.total,
                    over=float(total - budget.total),
                )
                yield Violation(violation.rule, violation.params, variant="total")


def scope_cost_by_year(scenario: Scenario, found: Recount, scope: str) -> dict[int, Fraction]:
    """The cost of ``scope`` per year: learners of its units, and the classes and lecturers'
    hours of offerings inside it, each spread over the years its course spans."""
    units = units_of(scenario, scope) or frozenset()
    costs: dict[int, Fraction] = defaultdict(Fraction)

    def spread(course: Course, start: int, amount: Fraction) -> None:
        spanned = years_spanned(course, start)
        for year in spanned:
            costs[year] += amount / len(spanned)

    def offered_inside(course_id: str, year: int) -> bool:
        offering = scenario.offering_by_key.get((course_id, year))
        return offering is not None and inside(scenario, offering.scope, scope)

    for enrollment in found.enrollments:
        official = scenario.official_by_id[enrollment.official_id]
        course = scenario.course_by_id[enrollment.course_id]
        if official.unit_id in units and paid_by(official, course) == "budget":
            spread(course, enrollment.start_year, Fraction(course.cost_per_learner))
    for (course_id, year), count in found.class_count.items():
        if scenario.course_by_id[course_id].funding == "other":
            continue  # another source's
        if offered_inside(course_id, year):
            course = scenario.course_by_id[course_id]
            spread(course, year, Fraction((course.class_cost or 0) * count))
    for course, row, lecturer in found.teaching:
        if course.funding != "other" and offered_inside(course.course_id, row.year):
            spread(course, row.year, Fraction(row.hours * lecturer.cost_per_hour))
    return dict(costs)
