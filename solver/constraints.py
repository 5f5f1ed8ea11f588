"""The hard rules of SPEC.md, "What a plan must respect", as CP-SAT constraints.

``Constraints`` has one method per rule family, named as the ``trainplan.models.rules.Rule``
it enforces. ``trainplan.solver.model.PlanModel`` calls them in this order: ``add`` (repeat,
level, prerequisite, seats, class_size, classes, class_hours, lecturer_hours, budget_year,
budget_total, budget_scope, unit_away, personal_days, leaders_away), then ``hard_target`` for
each hard target in the pass that counts every target, then ``pin_require``. The order of
variables and constraints is part of the model, and so of which of several equally good plans
a seeded search finds: keep it. The rules that need no constraint because they decide which
enrollments get a variable at all (offering, seat_scope, horizon, max_age, retirement,
obligation, joins, leaves, pin_forbid, and the parts of level, prerequisite, personal_days and
leaders_away the data alone decides; lecturer_scope for hours) are the predicates of
``trainplan.solver.candidates``, under the same names.

Days, cost and lecturer hours are spread evenly over a course's years; to keep every
coefficient an integer, yearly sums are multiplied by ``scale``, the lcm of all course spans.

Built to explain infeasibility (``explain=True``), each capacity limit (seats, classes,
class size, lecturer hours, budget, days away, leaders) is enforced by a literal of its own,
named by a ``Message("limit.<rule>", ...)``, so that an infeasibility core can name the limits
that collide with the hard rules.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from trainplan.models.message import Message
from trainplan.models.scenario import Scenario, Target
from trainplan.solver.candidates import Key
from trainplan.solver.objectives import cost_terms
from trainplan.solver.variables import TargetCount, Variables


@dataclass(frozen=True)
class Usage:
    """What a capacity limit bounds: ``expression`` <= ``bound``, both in the limit's own
    units (seats, VND, days, hours) times ``divisor``."""

    expression: cp_model.LinearExprT
    bound: int
    divisor: int


class Constraints:
    """Adds the constraints of each rule family to ``model`` over ``variables``."""

    def __init__(
        self, model: cp_model.CpModel, scenario: Scenario, variables: Variables, *, explain: bool
    ) -> None:
        self.model = model
        self.scenario = scenario
        self.variables = variables
        self.explain = explain
        self.scale = math.lcm(*(c.span for c in scenario.courses)) if scenario.courses else 1
        """Yearly sums are multiplied by this, so that a course's share of a year is whole."""
        self.rule_literals: list[tuple[cp_model.IntVar, Message]] = []
        """When explaining: the literal enforcing each capacity limit, and its name."""
        self.target_literals: dict[str, cp_model.IntVar] = {}
        """The literal enforcing each hard target (assumed when solving)."""
        self.required: dict[str, int] = {}
        """How many of each hard target's population must qualify."""
        self.pin_literals: dict[int, cp_model.IntVar] = {}
        """The literal enforcing each require pin, by its index in ``scenario.pins``."""
        self.successor_literals: dict[str, cp_model.IntVar] = {}
        """The literal enforcing each successor's readiness, by official (assumed)."""
        self.successors_out_of_reach: set[str] = set()
        """Successors no enrollment variable can ready (the data alone rules it out)."""
        self.usages: dict[int, Usage] = {}
        """When explaining: by the index of a limit's literal, what the limit bounds."""

    def add(self) -> None:
        """The families that read only the variables, in the order of SPEC.md."""
        self.repeat()
        self.level()
        self.prerequisite()
        self.seats()
        self.class_size()
        self.classes()
        self.class_hours()
        self.lecturer_hours()
        self.budget_year()
        self.budget_total()
        self.budget_scope()
        self.unit_away()
        self.personal_days()
        self.leaders_away()

    def _limit(
        self,
        constraints: list[cp_model.Constraint],
        reason: Message,
        usage: cp_model.LinearExprT | None = None,
        bound: int = 0,
        divisor: int = 1,
    ) -> None:
        """A capacity limit; when explaining, enforced by a literal that names it. ``usage``
        <= ``bound`` is what it says, in its own units times ``divisor``; kept for
        ``trainplan explain``, which asks how far a limit must move."""
        if self.explain:
            literal = self.model.new_bool_var(f"limit_{len(self.rule_literals)}")
            for constraint in constraints:
                constraint.only_enforce_if(literal)
            self.rule_literals.append((literal, reason))
            if usage is not None:
                self.usages[literal.index] = Usage(usage, bound, divisor)

    # ------------------------------------------------------------ 2. levels

    def repeat(self) -> None:
        """Each course at most once per official."""
        starts: dict[tuple[str, str], list[cp_model.IntVar]] = defaultdict(list)
        for key, var in self.variables.enroll.items():
            starts[(key[0], key[1])].append(var)
        for (official_id, course_id), variables in starts.items():
            if len(variables) > 1:
                self.model.add_at_most_one(variables).with_name(f"once_{official_id}_{course_id}")

    def level(self) -> None:
        """No course starts once a course granting as much or more (in the same field, for a
        course with a field) has completed (the initial level is the candidates' ``level``)."""
        for key, var in self.variables.enroll.items():
            self._level_of(key, var)

    def _level_of(self, key: Key, var: cp_model.IntVar) -> None:
        official_id, course_id, start = key
        course = self.scenario.course_by_id[course_id]
        grants = self.scenario.rank(course.track, course.grants)
        same = None if course.field is None else frozenset((course.field,))
        earlier = self.variables.ends_by(official_id, course.track, grants, start - 1, same)
        if earlier:
            self.model.add(sum(earlier) == 0).only_enforce_if(var)

    def prerequisite(self) -> None:
        """A course's requirements not held initially are completed in the plan before its
        start year."""
        scenario = self.scenario
        for key, var in self.variables.enroll.items():
            official_id, course_id, start = key
            official = scenario.official_by_id[official_id]
            course = scenario.course_by_id[course_id]
            for requirement in course.requires:
                needed = scenario.rank(requirement.track, requirement.level)
                if scenario.rank(requirement.track, official.levels[requirement.track]) >= needed:
                    continue
                providers = self.variables.ends_by(
                    official_id, requirement.track, needed, start - 1
                )
                self.model.add_bool_or([var.Not(), *providers]).with_name(
                    f"requires_{official_id}_{course_id}_{start}_{requirement.track}"
                )

    # ------------------------------------------------------------ 4. seats and classes

    def seats(self) -> None:
        """External courses: enrollments starting in (course, year) <= seats."""
        for found in self.scenario.offerings:
            course = self.scenario.course_by_id[found.course_id]
            keys = self.variables.by_offering.get((found.course_id, found.year), [])
            seats = found.seats or 0
            if course.provider == "external" and keys and len(keys) > seats:
                self._limit(
                    [self.model.add(self.variables.learners(found.course_id, found.year) <= seats)],
                    Message("limit.seats", course=course.course_id, year=found.year, seats=seats),
                    self.variables.learners(found.course_id, found.year),
                    seats,
                )

    def class_size(self) -> None:
        """Internal courses: k classes open, k x class_min <= learners <= k x class_max, and no
        class without learners."""
        for (course_id, year), classes in self.variables.classes_open.items():
            course = self.scenario.course_by_id[course_id]
            assert course.class_max is not None and course.class_min is not None
            learners = self.variables.learners(course_id, year)
            self._limit(
                [
                    self.model.add(learners <= course.class_max * classes),
                    self.model.add(learners >= course.class_min * classes),
                ],
                Message(
                    "limit.class_size",
                    course=course_id,
                    year=year,
                    low=course.class_min,
                    high=course.class_max,
                ),
            )
            self.model.add(classes <= learners)

    def classes(self) -> None:
        """Internal courses: k <= the offering's classes. The bound of ``classes_open`` keeps
        it; only when explaining is it a constraint, so that a core can name it."""
        if not self.explain:
            return
        for (course_id, year), classes in self.variables.classes_open.items():
            allowed = self.scenario.offering_by_key[(course_id, year)].classes or 0
            self._limit(
                [self.model.add(classes <= allowed)],
                Message("limit.classes", course=course_id, year=year, classes=allowed),
                classes,
                allowed,
            )

    # ------------------------------------------------------------ 4. lecturers

    def class_hours(self) -> None:
        """Each class gets the course's lecturer_hours from the lecturers who may teach it
        (``candidates.lecturer_subject`` and ``lecturer_active`` chose who has a variable)."""
        by_offering: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
        for (_, course_id, year), var in self.variables.hours.items():
            by_offering[(course_id, year)].append(var)
        for (course_id, year), classes in self.variables.classes_open.items():
            course = self.scenario.course_by_id[course_id]
            needed = (course.lecturer_hours or 0) * classes
            self.model.add(sum(by_offering.get((course_id, year), [])) == needed).with_name(
                f"class_hours_{course_id}_{year}"
            )

    def lecturer_hours(self) -> None:
        """No lecturer teaches more than hours_per_year in a year; a course's hours are spread
        evenly over its years."""
        scenario = self.scenario
        by_year: dict[tuple[str, int], list[tuple[cp_model.IntVar, int]]] = defaultdict(list)
        for (lecturer_id, course_id, start), var in self.variables.hours.items():
            course = scenario.course_by_id[course_id]
            for year in course.years(start):
                by_year[(lecturer_id, year)].append((var, self.scale // course.span))
        for (lecturer_id, year), terms in by_year.items():
            hours = scenario.lecturer_by_id[lecturer_id].hours_per_year
            taught = sum(var * coef for var, coef in terms)
            self._limit(
                [self.model.add(taught <= hours * self.scale)],
                Message("limit.lecturer_hours", lecturer=lecturer_id, year=year, hours=hours),
                taught,
                hours * self.scale,
                self.scale,
            )

    # ------------------------------------------------------------ 5. money

    def budget_year(self) -> None:
        """Each year's cost <= budget.per_year; a course's cost is spread over its years."""
        scenario = self.scenario
        per_year = scenario.settings.budget.per_year
        if per_year is None:
            return
        by_year: dict[int, list[tuple[cp_model.IntVar, int]]] = defaultdict(list)
        for var, cost, course_id, start in cost_terms(scenario, self.variables):
            course = scenario.course_by_id[course_id]
            for year in course.years(start):
                by_year[year].append((var, cost * (self.scale // course.span)))
        for year, year_terms in sorted(by_year.items()):
            spent = sum(var * coef for var, coef in year_terms if coef)
            self._limit(
                [self.model.add(spent <= per_year * self.scale)],
                Message("limit.budget_year", year=year, limit=per_year),
                spent,
                per_year * self.scale,
                self.scale,
            )

    def budget_total(self) -> None:
        """The whole plan's cost <= budget.total."""
        total = self.scenario.settings.budget.total
        if total is None:
            return
        terms = cost_terms(self.scenario, self.variables)
        spent = sum(var * cost for var, cost, _, _ in terms if cost)
        reason = Message("limit.budget_total", limit=total)
        self._limit([self.model.add(spent <= total)], reason, spent, total)

    def budget_scope(self) -> None:
        """Each scope's cost <= its own per_year and total (``budget.scopes``): the learners of
        its units, and the classes and lecturers' hours of offerings whose scope lies in it."""
        scenario = self.scenario
        for scope, budget in sorted(scenario.settings.budget.scopes.items()):
            units = scenario.scope_units.get(scope, frozenset())
            by_year: dict[int, list[tuple[cp_model.IntVar, int]]] = defaultdict(list)
            for var, cost, course_id, start in self._scope_cost_terms(units):
                course = scenario.course_by_id[course_id]
                for year in course.years(start):
                    by_year[year].append((var, cost * (self.scale // course.span)))
            for year, year_terms in sorted(by_year.items()) if budget.per_year is not None else ():
                spent = sum(var * coef for var, coef in year_terms if coef)
                assert budget.per_year is not None
                self._limit(
                    [self.model.add(spent <= budget.per_year * self.scale)],
                    Message(
                        "limit.budget_scope",
                        scope=scope,
                        period=str(year),
                        limit=budget.per_year,
                    ),
                    spent,
                    budget.per_year * self.scale,
                    self.scale,
                )
            if budget.total is not None:
                terms = self._scope_cost_terms(units)
                spent = sum(var * cost for var, cost, _, _ in terms if cost)
                reason = Message(
                    "limit.budget_scope",
                    scope=scope,
                    period="{}–{}".format(*scenario.settings.horizon),
                    limit=budget.total,
                )
                self._limit([self.model.add(spent <= budget.total)], reason, spent, budget.total)

    def _scope_cost_terms(
        self, units: frozenset[str]
    ) -> list[tuple[cp_model.IntVar, int, str, int]]:
        """``cost_terms`` of one scope (by its units)."""
        scenario = self.scenario
        every = frozenset(scenario.unit_by_id)

        def offered_inside(course_id: str, year: int) -> bool:
            scope = scenario.offering_by_key[(course_id, year)].scope
            return (scenario.scope_units.get(scope, frozenset()) if scope else every) <= units

        terms: list[tuple[cp_model.IntVar, int, str, int]] = []
        for (official_id, course_id, year), var in self.variables.enroll.items():
            official = scenario.official_by_id[official_id]
            course = scenario.course_by_id[course_id]
            if official.unit_id in units and scenario.payer(official, course) == "budget":
                terms.append((var, course.cost_per_learner, course_id, year))
        for (course_id, year), var in self.variables.classes_open.items():
            if scenario.course_by_id[course_id].funding == "other":
                continue
            if offered_inside(course_id, year):
                cost = scenario.course_by_id[course_id].class_cost or 0
                terms.append((var, cost, course_id, year))
        for (lecturer_id, course_id, year), var in self.variables.hours.items():
            if scenario.course_by_id[course_id].funding == "other":
                continue
            if offered_inside(course_id, year):
                cost = scenario.lecturer_by_id[lecturer_id].cost_per_hour
                terms.append((var, cost, course_id, year))
        return terms

    # ------------------------------------------------------------ 6. continuity

    def _days_away(self) -> list[tuple[str, str, int, cp_model.IntVar, int]]:
        """(official_id, unit_id, year, enrollment, scaled days away that year) of every
        enrollment with days away, for each year it spans."""
        scenario = self.scenario
        found = []
        for (official_id, course_id, start), var in self.variables.enroll.items():
            course = scenario.course_by_id[course_id]
            days = course.away_days * (self.scale // course.span)
            if not days:
                continue
            unit_id = scenario.official_by_id[official_id].unit_id
            for year in course.years(start):
                found.append((official_id, unit_id, year, var, days))
        return found

    def unit_away(self) -> None:
        """A unit's days away in a year <= max_away_share x working_days x its staff then."""
        by_unit: dict[tuple[str, int], list[tuple[cp_model.IntVar, int]]] = defaultdict(list)
        for _, unit_id, year, var, days in self._days_away():
            by_unit[(unit_id, year)].append((var, days))
        for (unit_id, year), terms in sorted(by_unit.items()):
            limit = self.scenario.away_limit(unit_id, year)
            bound = math.floor(limit * self.scale)
            if sum(coef for _, coef in terms) > bound:
                away = sum(var * coef for var, coef in terms)
                self._limit(
                    [self.model.add(away <= bound)],
                    Message(
                        "limit.unit_away",
                        unit=unit_id,
                        unit_name=self.scenario.unit_by_id[unit_id].name,
                        year=year,
                        limit=float(limit),
                    ),
                    away,
                    bound,
                    self.scale,
                )

    def personal_days(self) -> None:
        """An official's days away in a year <= max_personal_days (one course alone is the
        candidates' ``personal_days``)."""
        by_official: dict[tuple[str, int], list[tuple[cp_model.IntVar, int]]] = defaultdict(list)
        for official_id, _, year, var, days in self._days_away():
            by_official[(official_id, year)].append((var, days))
        continuity = self.scenario.settings.continuity
        for (official_id, year), terms in by_official.items():
            days = continuity.rules(year).max_personal_days
            bound = days * self.scale
            if len(terms) > 1 and sum(coef for _, coef in terms) > bound:
                away = sum(var * coef for var, coef in terms)
                self._limit(
                    [self.model.add(away <= bound)],
                    Message("limit.personal_days", official=official_id, year=year, limit=days),
                    away,
                    bound,
                    self.scale,
                )

    def leaders_away(self) -> None:
        """A unit's leadership officials in full-time courses in a year <= max_leaders_away;
        a course counts in every year it spans."""
        scenario = self.scenario
        leaders: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
        for (official_id, course_id, start), var in self.variables.enroll.items():
            official = scenario.official_by_id[official_id]
            course = scenario.course_by_id[course_id]
            if course.mode == "full_time" and scenario.post_of(official).leadership:
                for year in course.years(start):
                    leaders[(official.unit_id, year)].append(var)
        continuity = scenario.settings.continuity
        for (unit_id, year), variables in sorted(leaders.items()):
            limit = continuity.rules(year).max_leaders_away
            if len(variables) > limit:
                self._limit(
                    [self.model.add(sum(variables) <= limit)],
                    Message(
                        "limit.leaders_away",
                        unit=unit_id,
                        unit_name=self.scenario.unit_by_id[unit_id].name,
                        year=year,
                        limit=limit,
                    ),
                    sum(variables),
                    limit,
                )

    # ------------------------------------------------------------ 7. targets

    def hard_target(self, target: Target, count: TargetCount) -> None:
        """A hard target may not fall short: enforced by a literal the search assumes, so that
        an infeasibility core can name it."""
        literal = self.model.new_bool_var(f"hard_{target.id}")
        self.model.add(count.expression >= count.required).only_enforce_if(literal)
        self.target_literals[target.id] = literal
        self.required[target.id] = count.required

    def successor(self) -> None:
        """Each official planned for a post meets its standard by the congress year
        (``settings.succession``), enforced by a literal the search assumes, so that an
        infeasibility core can name the successor."""
        scenario, succession = self.scenario, self.scenario.settings.succession
        if succession is None:
            return
        for official in scenario.officials:
            if official.successor_for is None:
                continue
            needs = scenario.successor_needs(official)
            ready = self.variables.qualified_literal(official.official_id, needs, succession.year)
            if isinstance(ready, int) and ready == 1:
                continue  # ready already
            literal = self.model.new_bool_var(f"successor_{official.official_id}")
            if isinstance(ready, int):
                self.model.add(literal == 0)  # assumed true: a conflict naming them
                self.successors_out_of_reach.add(official.official_id)
            else:
                self.model.add_implication(literal, ready)
            self.successor_literals[official.official_id] = literal

    # ------------------------------------------------------------ 8. pins

    def pin_require(self) -> None:
        """A require pin's enrollment is in the plan, enforced by an assumed literal. A pin
        without a variable is refused before solving (``explain.unkeepable_pins``)."""
        for index, pin in enumerate(self.scenario.pins):
            if pin.action != "require":
                continue
            var = self.variables.enroll.get((pin.official_id, pin.course_id, pin.year))
            if var is None:
                continue
            literal = self.model.new_bool_var(f"pin_{index}")
            self.model.add_implication(literal, var)
            self.pin_literals[index] = literal

    def assumptions(self) -> list[cp_model.IntVar]:
        """The literals of the hard rules a user chose (hard targets, successors, require
        pins).

        Solving under these as assumptions lets CP-SAT name the ones that conflict.
        """
        return [
            *self.target_literals.values(),
            *self.successor_literals.values(),
            *self.pin_literals.values(),
        ]
