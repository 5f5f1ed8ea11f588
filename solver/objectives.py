"""The two objectives of SPEC rule 9 as integer linear expressions with exact scales.

CP-SAT needs integer coefficients, but target weights, a leader's day factor and costs spread
over a course's years are fractions. Each objective keeps its terms in the smallest exact
integers and the ``Fraction`` scale that maps them back: value = expression / scale, exactly,
so the objective plan.json reports equals what ``trainplan.checking.checker`` recomputes.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from ortools.sat.python import cp_model

from trainplan.models.scenario import Scenario, as_fraction
from trainplan.solver.variables import Variables

Terms = list[tuple[cp_model.IntVar, int]]


@dataclass(frozen=True)
class Objective:
    """``sum(coefficient x variable) = scale x`` the objective in its own units."""

    terms: Terms
    scale: Fraction

    @property
    def expression(self) -> cp_model.LinearExpr:
        return sum(
            (var * coef for var, coef in self.terms if coef), cp_model.LinearExpr.constant(0)
        )

    @property
    def most(self) -> int:
        """The largest value the expression can take (coefficients are never negative)."""
        return sum(list(var.proto.domain)[-1] * coef for var, coef in self.terms)

    def value(self, raw: int) -> Fraction:
        """The objective, in its own units, of the expression's value ``raw``."""
        return Fraction(raw) / self.scale


@dataclass(frozen=True)
class Objectives:
    shortfall: Objective
    """Weighted shortfall of the soft targets (first stage)."""
    money: Objective
    """Cost plus the value of days away, in VND (last stage); when re-planning with a
    ``change_value``, plus that value per change to the baseline."""
    changes: Objective | None = None
    """Re-planning: changes to the approved baseline (the stage between the two)."""


def integer_terms(terms: list[tuple[cp_model.IntVar, Fraction]]) -> Objective:
    """Scale fractional coefficients to the smallest exact integers.

    The scale s is such that sum(int_coef * var) = s * sum(fraction_coef * var).
    """
    denominator = math.lcm(*(coef.denominator for _, coef in terms)) if terms else 1
    integers = [(var, int(coef * denominator)) for var, coef in terms]
    divisor = math.gcd(*(coef for _, coef in integers)) or 1
    return Objective(
        [(var, coef // divisor) for var, coef in integers], Fraction(denominator, divisor)
    )


def cost_terms(
    scenario: Scenario, variables: Variables, *, budget: bool = True
) -> list[tuple[cp_model.IntVar, int, str, int]]:
    """(variable, VND per unit, course_id, start year) for every cost of the plan (SPEC rule 5):
    learners, classes and lecturers' hours — those the budget pays, or with ``budget`` False
    all public money (another source's too). Learners who pay their own way are in neither
    (``Scenario.payer``)."""
    terms: list[tuple[cp_model.IntVar, int, str, int]] = []
    paid = ("budget",) if budget else ("budget", "other")
    for (official_id, course_id, year), var in variables.enroll.items():
        course = scenario.course_by_id[course_id]
        if scenario.payer(scenario.official_by_id[official_id], course) in paid:
            terms.append((var, course.cost_per_learner, course_id, year))
    for (course_id, year), var in variables.classes_open.items():
        course = scenario.course_by_id[course_id]
        if not (budget and course.funding == "other"):  # classes: learners never pay them
            terms.append((var, course.class_cost or 0, course_id, year))
    for (lecturer_id, course_id, year), var in variables.hours.items():
        if not (budget and scenario.course_by_id[course_id].funding == "other"):
            terms.append((var, scenario.lecturer_by_id[lecturer_id].cost_per_hour, course_id, year))
    return terms


def shortfall(scenario: Scenario, variables: Variables) -> Objective:
    """Weighted shortfall of the soft targets, from ``variables.shortfall``."""
    weights = {target.id: as_fraction(target.weight) for target in scenario.settings.targets}
    return integer_terms(
        [(var, weights[target_id]) for target_id, var in variables.shortfall.items()]
    )


def money(scenario: Scenario, variables: Variables) -> Objective:
    """Cost plus days away x day_value (a leader's x leader_factor)."""
    continuity = scenario.settings.continuity
    factor = as_fraction(continuity.leader_factor)
    coefficients: dict[cp_model.IntVar, Fraction] = defaultdict(Fraction)
    for var, cost, _, _ in cost_terms(scenario, variables, budget=False):
        coefficients[var] += cost
    for (official_id, course_id, _), var in variables.enroll.items():
        official = scenario.official_by_id[official_id]
        days = scenario.course_by_id[course_id].away_days * continuity.day_value
        leader = scenario.post_of(official).leadership
        coefficients[var] += days * (factor if leader else 1)
    return integer_terms(list(coefficients.items()))


def ethnic_minority_enrollments(scenario: Scenario, variables: Variables) -> cp_model.LinearExpr:
    """How many enrollments of ethnic-minority officials a plan has: what the last search
    maximises, at the proven optima, when ``settings.prefer_ethnic_minority`` is set."""
    chosen = [
        var
        for (official_id, _, _), var in variables.enroll.items()
        if scenario.official_by_id[official_id].ethnic_minority
    ]
    return sum(chosen, cp_model.LinearExpr.constant(0))
