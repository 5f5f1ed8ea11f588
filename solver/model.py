"""The CP-SAT model of SPEC.md, "What a plan must respect".

``PlanModel(scenario)`` builds variables, then one method per rule family, in this order:
time and levels (``_one_start_per_course``, ``_level_below_grants``, ``_prerequisites``),
``_seats``, ``_classes``, ``_lecturers``, ``_budget``, ``_continuity``, ``_targets``,
``_pins``. Retirement, obligation, age and offerings are enforced by which enrollments get a
variable at all (``solver.candidates``).

Money and days are spread evenly over a course's years; to keep every coefficient an
integer, yearly sums are multiplied by ``scale`` = lcm of all course spans.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from ortools.sat.python import cp_model
from trainplan.models.message import Message
from trainplan.models.scenario import Scenario, Target, as_fraction
from trainplan.solver.candidates import Key, enumerate_candidates


@dataclass
class Objectives:
    """The two objectives as integer linear expressions, with their exact scale factors.

    ``shortfall`` is the weighted shortfall of the soft targets times ``shortfall_scale``;
    ``money`` is cost plus the value of days away, in VND, times ``money_scale``.
    """

    shortfall_terms: list[tuple[cp_model.IntVar, int]] = field(default_factory=list)
    shortfall_scale: Fraction = Fraction(1)
    money_terms: list[tuple[cp_model.IntVar, int]] = field(default_factory=list)
    money_scale: Fraction = Fraction(1)

    @staticmethod
    def expression(terms: list[tuple[cp_model.IntVar, int]]) -> cp_model.LinearExpr:
        return sum((var * coef for var, coef in terms if coef), cp_model.LinearExpr.constant(0))


def _integer_terms(
    terms: list[tuple[cp_model.IntVar, Fraction]],
) -> tuple[list[tuple[cp_model.IntVar, int]], Fraction]:
    """Scale fractional coefficients to the smallest exact integers; return terms and scale.

    The scale s is such that sum(int_coef * var) = s * sum(fraction_coef * var).
    """
    denominator = math.lcm(*(coef.denominator for _, coef in terms)) if terms else 1
    integers = [(var, int(coef * denominator)) for var, coef in terms]
    divisor = math.gcd(*(coef for _, coef in integers)) or 1
    return [(var, coef // divisor) for var, coef in integers], Fraction(denominator, divisor)


class PlanModel:
    """Variables and constraints for one scenario; the objectives are set by the caller."""

    def __init__(self, scenario: Scenario, *, explain: bool = False) -> None:
        self.scenario = scenario
        self.explain = explain
        """Build for explaining infeasibility: each capacity limit (seats, classes, lecturer
        hours, budget, days away, leaders) is enforced by a literal of its own, so that an
        infeasibility core can name the limits that collide with the hard rules."""
        self.rule_literals: list[tuple[cp_model.IntVar, Message]] = []
        self.model = cp_model.CpModel()
        self.model.name = f"trainplan-{scenario.settings.name}"
        self.scale = math.lcm(*(c.span for c in scenario.courses)) if scenario.courses else 1
        self.enroll: dict[Key, cp_model.IntVar] = {}
        self.classes_open: dict[tuple[str, int], cp_model.IntVar] = {}
        self.hours: dict[tuple[str, str, int], cp_model.IntVar] = {}
        self.qualified: dict[tuple[str, str], cp_model.IntVar] = {}
        self.shortfall: dict[str, cp_model.IntVar] = {}
        self.required: dict[str, int] = {}
        self.target_literals: dict[str, cp_model.IntVar] = {}
        """For explaining infeasibility: one literal per hard target enforcing it."""
        self.pin_literals: dict[int, cp_model.IntVar] = {}
        self.objectives = Objectives()

        self._variables()
        self._one_start_per_course()
        self._level_below_grants()
        self._prerequisites()
        self._seats()
        self._classes()
        self._lecturers()
        self._budget()
        self._continuity()
        self._targets()
        self._pins()
        self._money()

    # ------------------------------------------------------------ variables and indexes

    def _variables(self) -> None:
        scenario = self.scenario
        for candidate in enumerate_candidates(scenario):
            official_id, course_id, year = candidate
            self.enroll[candidate] = self.model.new_bool_var(
                f"enroll_{official_id}_{course_id}_{year}"
            )
        self.by_official: dict[str, list[Key]] = defaultdict(list)
        self.by_offering: dict[tuple[str, int], list[Key]] = defaultdict(list)
        for candidate in self.enroll:
            self.by_official[candidate[0]].append(candidate)
            self.by_offering[(candidate[1], candidate[2])].append(candidate)
        for offering in scenario.offerings:
            course = scenario.course_by_id[offering.course_id]
            key = (offering.course_id, offering.year)
            if course.provider != "internal" or not self.by_offering.get(key):
                continue
            allowed = offering.classes or 0
            most_classes = max(allowed, len(self.by_offering[key])) if self.explain else allowed
            self.classes_open[key] = self.model.new_int_var(
                0, most_classes, f"classes_{offering.course_id}_{offering.year}"
            )
            for lecturer in scenario.lecturers:
                if course.subject in lecturer.subjects and all(
                    lecturer.active(y) for y in course.years(offering.year)
                ):
                    most = most_classes * (course.lecturer_hours or 0)
                    if not self.explain:
                        most = min(most, lecturer.hours_per_year * course.span)
                    self.hours[(lecturer.lecturer_id, offering.course_id, offering.year)] = (
                        self.model.new_int_var(
                            0,
                            most,
                            f"hours_{lecturer.lecturer_id}_{offering.course_id}_{offering.year}",
                        )
                    )

    def _ends_by(self, official_id: str, track: str, rank: int, year: int) -> list[cp_model.IntVar]:
        """Enrollments of the official that grant ``rank`` or more in ``track`` by end of year."""
        scenario = self.scenario
        found = []
        for key in self.by_official.get(official_id, ()):
            course = scenario.course_by_id[key[1]]
            if (
                course.track == track
                and scenario.rank(track, course.grants) >= rank
                and course.end_year(key[2]) <= year
            ):
                found.append(self.enroll[key])
        return found

    # ------------------------------------------------------------ time and levels

    def _one_start_per_course(self) -> None:
        """Each course at most once per official."""
        starts: dict[tuple[str, str], list[cp_model.IntVar]] = defaultdict(list)
        for key, var in self.enroll.items():
            starts[(key[0], key[1])].append(var)
        for (official_id, course_id), variables in starts.items():
            if len(variables) > 1:
                self.model.add_at_most_one(variables).with_name(f"once_{official_id}_{course_id}")

    def _level_below_grants(self) -> None:
        """No course starts once a course granting as much or more has completed."""
        scenario = self.scenario
        for key, var in self.enroll.items():
            official_id, course_id, start = key
            course = scenario.course_by_id[course_id]
            grants = scenario.rank(course.track, course.grants)
            earlier = self._ends_by(official_id, course.track, grants, start - 1)
            if earlier:
                self.model.add(sum(earlier) == 0).only_enforce_if(var)

    def _prerequisites(self) -> None:
        """A course's prerequisites are completed before its start year."""
        scenario = self.scenario
        for key, var in self.enroll.items():
            official_id, course_id, start = key
            official = scenario.official_by_id[official_id]
            course = scenario.course_by_id[course_id]
            for requirement in course.requires:
                needed = scenario.rank(requirement.track, requirement.level)
                if scenario.rank(requirement.track, official.levels[requirement.track]) >= needed:
                    continue
                providers = self._ends_by(official_id, requirement.track, needed, start - 1)
                self.model.add_bool_or([var.Not(), *providers]).with_name(
                    f"requires_{official_id}_{course_id}_{start}_{requirement.track}"
                )

    # ------------------------------------------------------------ capacity

    def learners(self, course_id: str, year: int) -> cp_model.LinearExprT:
        return sum(self.enroll[key] for key in self.by_offering.get((course_id, year), ()))

    def _seats(self) -> None:
        """External courses: enrollments starting in (course, year) <= seats."""
        for offering in self.scenario.offerings:
            course = self.scenario.course_by_id[offering.course_id]
            keys = self.by_offering.get((offering.course_id, offering.year), [])
            if course.provider == "external" and keys and len(keys) > (offering.seats or 0):
                seats = offering.seats or 0
                self._limit(
                    [self.model.add(self.learners(offering.course_id, offering.year) <= seats)],
                    Message(
                        "limit.seats",
                        **{"course": course.course_id, "year": offering.year, "seats": seats},
                    ),
                )

    def _classes(self) -> None:
        """Internal courses: k classes, k x class_min <= learners <= k x class_max."""
        for (course_id, year), classes in self.classes_open.items():
            course = self.scenario.course_by_id[course_id]
            assert course.class_max is not None and course.class_min is not None
            learners = self.learners(course_id, year)
            params = {"course": course_id, "year": year}
            self._limit(
                [
                    self.model.add(learners <= course.class_max * classes),
                    self.model.add(learners >= course.class_min * classes),
                ],
                Message(
                    "limit.class_size",
                    **{**params, "low": course.class_min, "high": course.class_max},
                ),
            )
            self.model.add(classes <= learners)  # no class without learners
            if self.explain:
                allowed = self.scenario.offering_by_key[(course_id, year)].classes or 0
                self._limit(
                    [self.model.add(classes <= allowed)],
                    Message("limit.classes", **{**params, "classes": allowed}),
                )

    def _lecturers(self) -> None:
        """Each class gets its lecturer hours; no lecturer over hours_per_year in any year."""
        scenario = self.scenario
        by_offering: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
        by_lecturer_year: dict[tuple[str, int], list[tuple[cp_model.IntVar, int]]] = defaultdict(
            list
        )
        for (lecturer_id, course_id, year), var in self.hours.items():
            course = scenario.course_by_id[course_id]
            by_offering[(course_id, year)].append(var)
            for spanned in course.years(year):
                by_lecturer_year[(lecturer_id, spanned)].append((var, self.scale // course.span))
        for (course_id, year), classes in self.classes_open.items():
            course = scenario.course_by_id[course_id]
            needed = (course.lecturer_hours or 0) * classes
            self.model.add(sum(by_offering.get((course_id, year), [])) == needed).with_name(
                f"class_hours_{course_id}_{year}"
            )
        for (lecturer_id, year), terms in by_lecturer_year.items():
            hours = scenario.lecturer_by_id[lecturer_id].hours_per_year
            self._limit(
                [self.model.add(sum(var * coef for var, coef in terms) <= hours * self.scale)],
                Message(
                    "limit.lecturer_hours",
                    **{"lecturer": lecturer_id, "year": year, "hours": hours},
                ),
            )

    def _limit(self, constraints: list[cp_model.Constraint], reason: Message) -> None:
        """A capacity limit; when explaining, enforced by a literal that names it."""
        if self.explain:
            literal = self.model.new_bool_var(f"limit_{len(self.rule_literals)}")
            for constraint in constraints:
                constraint.only_enforce_if(literal)
            self.rule_literals.append((literal, reason))

    # ------------------------------------------------------------ money

    def cost_terms(self) -> list[tuple[cp_model.IntVar, int, str, int]]:
        """(variable, VND per unit, course_id, start year) for every cost of the plan."""
        scenario = self.scenario
        terms: list[tuple[cp_model.IntVar, int, str, int]] = []
        for (_, course_id, year), var in self.enroll.items():
            terms.append((var, scenario.course_by_id[course_id].cost_per_learner, course_id, year))
        for (course_id, year), var in self.classes_open.items():
            terms.append((var, scenario.course_by_id[course_id].class_cost or 0, course_id, year))
        for (lecturer_id, course_id, year), var in self.hours.items():
            terms.append((var, scenario.lecturer_by_id[lecturer_id].cost_per_hour, course_id, year))
        return terms

    def _budget(self) -> None:
        """Each year's cost <= budget.per_year; the whole <= budget.total."""
        scenario = self.scenario
        budget = scenario.settings.budget
        terms = self.cost_terms()
        if budget.per_year is not None:
            by_year: dict[int, list[tuple[cp_model.IntVar, int]]] = defaultdict(list)
            for var, cost, course_id, start in terms:
                course = scenario.course_by_id[course_id]
                for year in course.years(start):
                    by_year[year].append((var, cost * (self.scale // course.span)))
            for year, year_terms in sorted(by_year.items()):
                spent = sum(var * coef for var, coef in year_terms if coef)
                self._limit(
                    [self.model.add(spent <= budget.per_year * self.scale)],
                    Message("limit.budget_year", year=year, limit=budget.per_year),
                )
        if budget.total is not None:
            spent = sum(var * cost for var, cost, _, _ in terms if cost)
            self._limit(
                [self.model.add(spent <= budget.total)],
                Message("limit.budget_total", limit=budget.total),
            )

    def _money(self) -> None:
        """Second objective: cost plus days away x day_value (a leader's x leader_factor)."""
        scenario = self.scenario
        continuity = scenario.settings.continuity
        factor = as_fraction(continuity.leader_factor)
        coefficients: dict[cp_model.IntVar, Fraction] = defaultdict(Fraction)
        for var, cost, _, _ in self.cost_terms():
            coefficients[var] += cost
        for (official_id, course_id, _), var in self.enroll.items():
            official = scenario.official_by_id[official_id]
            days = scenario.course_by_id[course_id].away_days * continuity.day_value
            leader = scenario.post_of(official).leadership
            coefficients[var] += days * (factor if leader else 1)
        terms, scale = _integer_terms(list(coefficients.items()))
        self.objectives.money_terms = terms
        self.objectives.money_scale = scale

    # ------------------------------------------------------------ continuity

    def _continuity(self) -> None:
        """Per unit and year: days away and leaders away; per official and year: days away."""
        scenario = self.scenario
        continuity = scenario.settings.continuity
        unit_days: dict[tuple[str, int], list[tuple[cp_model.IntVar, int]]] = defaultdict(list)
        personal: dict[tuple[str, int], list[tuple[cp_model.IntVar, int]]] = defaultdict(list)
        leaders: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
        for (official_id, course_id, start), var in self.enroll.items():
            official = scenario.official_by_id[official_id]
            course = scenario.course_by_id[course_id]
            leader = scenario.post_of(official).leadership
            for year in course.years(start):
                days = course.away_days * (self.scale // course.span)
                if days:
                    unit_days[(official.unit_id, year)].append((var, days))
                    personal[(official_id, year)].append((var, days))
                if leader and course.mode == "full_time":
                    leaders[(official.unit_id, year)].append(var)
        for (unit_id, year), terms in sorted(unit_days.items()):
            limit = scenario.away_limit(unit_id, year)
            bound = math.floor(limit * self.scale)
            if sum(coef for _, coef in terms) > bound:
                self._limit(
                    [self.model.add(sum(var * coef for var, coef in terms) <= bound)],
                    Message(
                        "limit.unit_away", **{"unit": unit_id, "year": year, "limit": float(limit)}
                    ),
                )
        for (official_id, year), terms in personal.items():
            days = continuity.rules(year).max_personal_days
            bound = days * self.scale
            if len(terms) > 1 and sum(coef for _, coef in terms) > bound:
                self._limit(
                    [self.model.add(sum(var * coef for var, coef in terms) <= bound)],
                    Message(
                        "limit.personal_days",
                        **{"official": official_id, "year": year, "limit": days},
                    ),
                )
        for (unit_id, year), variables in sorted(leaders.items()):
            limit_leaders = continuity.rules(year).max_leaders_away
            if len(variables) > limit_leaders:
                self._limit(
                    [self.model.add(sum(variables) <= limit_leaders)],
                    Message(
                        "limit.leaders_away",
                        **{"unit": unit_id, "year": year, "limit": limit_leaders},
                    ),
                )

    # ------------------------------------------------------------ targets

    def _qualified_var(
        self, official_id: str, needs: dict[str, int], year: int
    ) -> cp_model.IntVar | int:
        """1 if the official already qualifies, 0 if they cannot, else a literal that may be 1
        only if, for every lacking track, some enrollment completing by ``year`` grants it."""
        official = self.scenario.official_by_id[official_id]
        lacking = {
            track: rank
            for track, rank in needs.items()
            if self.scenario.rank(track, official.levels[track]) < rank
        }
        if not lacking:
            return 1
        providers = {t: self._ends_by(official_id, t, r, year) for t, r in lacking.items()}
        if any(not found for found in providers.values()):
            return 0
        key = (official_id, f"{sorted(lacking.items())}@{year}")
        if key not in self.qualified:
            var = self.model.new_bool_var(f"qualified_{official_id}_{year}_{len(self.qualified)}")
            for found in providers.values():
                self.model.add_bool_or([var.Not(), *found])
            self.qualified[key] = var
        return self.qualified[key]

    def _targets(self) -> None:
        """Shortfall of each target; hard targets may not fall short."""
        scenario = self.scenario
        shortfall_terms: list[tuple[cp_model.IntVar, Fraction]] = []
        for target in scenario.settings.targets:
            population = scenario.population(target)
            required = math.ceil(as_fraction(target.share) * len(population))
            constant = 0
            literals = []
            for official in population:
                value = self._qualified_var(
                    official.official_id, scenario.required_levels(target, official), target.year
                )
                if isinstance(value, int):
                    constant += value
                else:
                    literals.append(value)
            count = constant + sum(literals)
            self.required[target.id] = required
            if target.hard:
                self._hard_target(target, count, required)
                continue
            gap = max(0, required - constant)
            shortfall = self.model.new_int_var(0, gap, f"shortfall_{target.id}")
            if gap:
                self.model.add(shortfall >= required - count)
            self.shortfall[target.id] = shortfall
            shortfall_terms.append((shortfall, as_fraction(target.weight)))
        terms, scale = _integer_terms(shortfall_terms)
        self.objectives.shortfall_terms = terms
        self.objectives.shortfall_scale = scale

    def _hard_target(self, target: Target, count: cp_model.LinearExprT, required: int) -> None:
        literal = self.model.new_bool_var(f"hard_{target.id}")
        self.model.add(count >= required).only_enforce_if(literal)
        self.target_literals[target.id] = literal

    # ------------------------------------------------------------ pins

    def _pins(self) -> None:
        """A require pin's enrollment is in the plan (forbid pins have no variable at all)."""
        for index, pin in enumerate(self.scenario.pins):
            if pin.action != "require":
                continue
            var = self.enroll.get((pin.official_id, pin.course_id, pin.year))
            if var is None:
                continue  # reported before solving: see solver.search.unkeepable_pins
            literal = self.model.new_bool_var(f"pin_{index}")
            self.model.add_implication(literal, var)
            self.pin_literals[index] = literal

    def assumptions(self) -> list[cp_model.IntVar]:
        """The literals of the hard rules a user chose (hard targets, require pins).

        Solving under these as assumptions lets CP-SAT name the ones that conflict.
        """
        return [*self.target_literals.values(), *self.pin_literals.values()]
