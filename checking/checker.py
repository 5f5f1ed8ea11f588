"""Recompute everything about a plan from the plan alone: every rule of SPEC.md ("What a plan
must respect"), the targets, the costs and the objective.

This is the independent check: it shares no code with the solver, works on hand-made plans
too, and the solver's objective must equal what it recomputes. Amounts are exact fractions
(a 3-year course's cost is spread in thirds over its years).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from trainplan.models.message import Message
from trainplan.models.plan import ClassRow, Enrollment, Plan
from trainplan.models.rules import Rule
from trainplan.models.scenario import Course, Official, Scenario, as_fraction


@dataclass(frozen=True)
class Violation:
    """One broken rule with the ids and numbers that locate it; ``message`` is what a
    committee reads (rendered by ``trainplan.wording``)."""

    rule: Rule
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> Message:
        return Message(f"rule.{self.rule}", **self.params)


@dataclass(frozen=True)
class Attainment:
    target_id: str
    year: int
    population: int
    qualified: int
    required: int
    share: float
    hard: bool
    weight: float

    @property
    def shortfall(self) -> int:
        return max(0, self.required - self.qualified)

    @property
    def met(self) -> bool:
        return self.shortfall == 0


@dataclass
class Evaluation:
    """What a plan achieves and which rules it breaks, recomputed from the plan alone."""

    violations: list[Violation]
    attainment: list[Attainment]
    cost_by_year: dict[int, Fraction]
    learner_cost: Fraction
    class_cost: Fraction
    lecturer_cost: Fraction
    away_days_by_unit_year: dict[tuple[str, int], Fraction]
    away_days_total: int
    away_value: Fraction
    """Days away x day_value, a leader's days x leader_factor."""

    @property
    def valid(self) -> bool:
        return not self.violations

    @property
    def cost_total(self) -> Fraction:
        return self.learner_cost + self.class_cost + self.lecturer_cost

    @property
    def weighted_shortfall(self) -> Fraction:
        return sum(
            (as_fraction(a.weight) * a.shortfall for a in self.attainment if not a.hard),
            Fraction(0),
        )

    @property
    def money(self) -> Fraction:
        """The second objective: cost plus the value of days away."""
        return self.cost_total + self.away_value


def completed_levels(
    scenario: Scenario, official: Official, enrollments: list[Enrollment], by_end_of: int
) -> dict[str, int]:
    """Rank per track once every course of ``enrollments`` ending by ``by_end_of`` completes."""
    levels = {track: scenario.rank(track, level) for track, level in official.levels.items()}
    for enrollment in enrollments:
        course = scenario.course_by_id[enrollment.course_id]
        if course.end_year(enrollment.start_year) <= by_end_of:
            rank = scenario.rank(course.track, course.grants)
            levels[course.track] = max(levels.get(course.track, 0), rank)
    return levels


def is_leader(scenario: Scenario, official: Official) -> bool:
    return scenario.post_of(official).leadership


def evaluate(scenario: Scenario, plan: Plan) -> Evaluation:
    """Check ``plan`` against every rule and recompute its targets, costs and objective."""
    return _Evaluator(scenario, plan).run()


class _Evaluator:
    def __init__(self, scenario: Scenario, plan: Plan) -> None:
        self.scenario = scenario
        self.plan = plan
        self.violations: list[Violation] = []
        self.span_lcm = math.lcm(*(c.span for c in scenario.courses)) if scenario.courses else 1

    def flag(self, rule: str, **params: Any) -> None:
        self.violations.append(Violation(Rule(rule), params))

    def run(self) -> Evaluation:
        scenario = self.scenario
        enrollments = self._known_enrollments()
        by_official: dict[str, list[Enrollment]] = defaultdict(list)
        for enrollment in enrollments:
            by_official[enrollment.official_id].append(enrollment)
        for official_id, own in by_official.items():
            self._official_rules(scenario.official_by_id[official_id], own)
        self._seats(enrollments)
        lecturer_cost, class_count = self._classes(enrollments)
        learner_cost = sum(
            (Fraction(scenario.course_by_id[e.course_id].cost_per_learner) for e in enrollments),
            Fraction(0),
        )
        class_cost = sum(
            (
                Fraction(scenario.course_by_id[course_id].class_cost or 0) * count
                for (course_id, _), count in class_count.items()
            ),
            Fraction(0),
        )
        cost_by_year = self._money(enrollments, class_count)
        away_by_unit_year, away_total, away_value = self._continuity(enrollments)
        attainment = self._targets(by_official)
        self._pins(enrollments)
        return Evaluation(
            violations=self.violations,
            attainment=attainment,
            cost_by_year=cost_by_year,
            learner_cost=learner_cost,
            class_cost=class_cost,
            lecturer_cost=lecturer_cost,
            away_days_by_unit_year=away_by_unit_year,
            away_days_total=away_total,
            away_value=away_value,
        )

    # ------------------------------------------------------------ enrollments, one by one

    def _known_enrollments(self) -> list[Enrollment]:
        scenario = self.scenario
        known = []
        seen: set[tuple[str, str]] = set()
        first, last = scenario.settings.horizon
        for enrollment in self.plan.enrollments:
            official = scenario.official_by_id.get(enrollment.official_id)
            course = scenario.course_by_id.get(enrollment.course_id)
            if official is None:
                self.flag("unknown_official", official=enrollment.official_id)
                continue
            if course is None:
                self.flag(
                    "unknown_course", official=official.official_id, course=enrollment.course_id
                )
                continue
            key = (enrollment.official_id, enrollment.course_id)
            if key in seen:
                self.flag("repeat", official=official.official_id, course=course.course_id)
            seen.add(key)
            start, end = enrollment.start_year, course.end_year(enrollment.start_year)
            if (course.course_id, start) not in scenario.offering_by_key:
                self.flag(
                    "offering", official=official.official_id, course=course.course_id, year=start
                )
            if start < first or end > last:
                self.flag(
                    "horizon",
                    official=official.official_id,
                    course=course.course_id,
                    start=start,
                    end=end,
                    first=first,
                    last=last,
                )
            known.append(enrollment)
        return known

    def _official_rules(self, official: Official, own: list[Enrollment]) -> None:
        scenario = self.scenario
        retirement = official.retirement
        for enrollment in own:
            course = scenario.course_by_id[enrollment.course_id]
            start, end = enrollment.start_year, course.end_year(enrollment.start_year)
            who = official.official_id
            before = completed_levels(scenario, official, own, start - 1)
            grants = scenario.rank(course.track, course.grants)
            if before.get(course.track, 0) >= grants:
                held = scenario.settings.tracks[course.track][before[course.track]]
                self.flag("level", official=who, course=course.course_id, year=start, held=held)
            for requirement in course.requires:
                if before.get(requirement.track, 0) < scenario.rank(
                    requirement.track, requirement.level
                ):
                    self.flag(
                        "prerequisite",
                        official=who,
                        course=course.course_id,
                        year=start,
                        requirement=str(requirement),
                    )
            age = start - official.birth.year
            if course.max_age is not None and age > course.max_age:
                self.flag(
                    "max_age",
                    official=who,
                    course=course.course_id,
                    year=start,
                    age=age,
                    max_age=course.max_age,
                )
            if retirement.year <= end:
                self.flag(
                    "retirement",
                    official=who,
                    course=course.course_id,
                    end=end,
                    retirement=str(retirement),
                )
            else:
                served = official.months_served_after(end)
                owed = scenario.obligation_months(course)
                if served < owed:
                    self.flag(
                        "obligation",
                        official=who,
                        course=course.course_id,
                        end=end,
                        served=served,
                        owed=float(owed),
                        retirement=str(retirement),
                    )

    # ------------------------------------------------------------ capacity

    def _seats(self, enrollments: list[Enrollment]) -> None:
        scenario = self.scenario
        counts = Counter((e.course_id, e.start_year) for e in enrollments)
        for (course_id, year), count in sorted(counts.items()):
            course = scenario.course_by_id[course_id]
            offering = scenario.offering_by_key.get((course_id, year))
            if course.provider == "external" and offering is not None:
                seats = offering.seats or 0
                if count > seats:
                    self.flag(
                        "seats",
                        course=course_id,
                        year=year,
                        learners=count,
                        seats=seats,
                        over=count - seats,
                    )

    def _classes(self, enrollments: list[Enrollment]) -> tuple[Fraction, Counter[tuple[str, int]]]:
        """Check classes and lecturers; return lecturer cost and classes per (course, year)."""
        scenario = self.scenario
        learners = Counter((e.course_id, e.start_year) for e in enrollments)
        rows_by_class: dict[tuple[str, int, int], list[ClassRow]] = defaultdict(list)
        for row in self.plan.classes:
            rows_by_class[(row.course_id, row.year, row.class_no)].append(row)
        class_count: Counter[tuple[str, int]] = Counter()
        seated: Counter[tuple[str, int]] = Counter()
        lecturer_year_hours: dict[tuple[str, int], Fraction] = defaultdict(Fraction)
        lecturer_cost = Fraction(0)
        for (course_id, year, class_no), rows in sorted(rows_by_class.items()):
            course = scenario.course_by_id.get(course_id)
            if course is None or course.provider != "internal":
                self.flag("class_not_internal", course=course_id, year=year, class_no=class_no)
                continue
            class_count[(course_id, year)] += 1
            size = rows[0].learners
            if any(row.learners != size for row in rows):
                self.flag("class_rows_disagree", course=course_id, year=year, class_no=class_no)
            seated[(course_id, year)] += size
            assert course.class_min is not None and course.class_max is not None
            if not course.class_min <= size <= course.class_max:
                self.flag(
                    "class_size",
                    course=course_id,
                    year=year,
                    class_no=class_no,
                    learners=size,
                    low=course.class_min,
                    high=course.class_max,
                )
            hours = sum(row.hours for row in rows)
            if hours != (course.lecturer_hours or 0):
                self.flag(
                    "class_hours",
                    course=course_id,
                    year=year,
                    class_no=class_no,
                    hours=hours,
                    needed=course.lecturer_hours,
                )
            for row in rows:
                if row.hours == 0 and not row.lecturer_id:
                    continue
                lecturer = scenario.lecturer_by_id.get(row.lecturer_id)
                if lecturer is None:
                    self.flag(
                        "unknown_lecturer", course=course_id, year=year, lecturer=row.lecturer_id
                    )
                    continue
                if course.subject not in lecturer.subjects:
                    self.flag(
                        "lecturer_subject",
                        course=course_id,
                        year=year,
                        lecturer=row.lecturer_id,
                        subject=course.subject,
                    )
                inactive = [y for y in course.years(year) if not lecturer.active(y)]
                if inactive:
                    self.flag(
                        "lecturer_active",
                        course=course_id,
                        year=year,
                        lecturer=row.lecturer_id,
                        inactive=inactive[0],
                    )
                lecturer_cost += Fraction(row.hours * lecturer.cost_per_hour)
                for spanned in course.years(year):
                    lecturer_year_hours[(row.lecturer_id, spanned)] += Fraction(
                        row.hours, course.span
                    )
        for (lecturer_id, year), taught in sorted(lecturer_year_hours.items()):
            limit = scenario.lecturer_by_id[lecturer_id].hours_per_year
            if taught > limit:
                self.flag(
                    "lecturer_hours",
                    lecturer=lecturer_id,
                    year=year,
                    hours=float(taught),
                    limit=limit,
                    over=float(taught - limit),
                )
        for key in sorted(set(class_count) | {k for k in learners if self._internal(k[0])}):
            course_id, year = key
            offering = scenario.offering_by_key.get(key)
            allowed = (offering.classes or 0) if offering else 0
            if class_count[key] > allowed:
                self.flag(
                    "classes",
                    course=course_id,
                    year=year,
                    classes=class_count[key],
                    allowed=allowed,
                )
            if seated[key] != learners[key]:
                self.flag(
                    "class_learners",
                    course=course_id,
                    year=year,
                    seated=seated[key],
                    enrolled=learners[key],
                )
        return lecturer_cost, class_count

    def _internal(self, course_id: str) -> bool:
        return self.scenario.course_by_id[course_id].provider == "internal"

    # ------------------------------------------------------------ money

    def _money(
        self, enrollments: list[Enrollment], class_count: Counter[tuple[str, int]]
    ) -> dict[int, Fraction]:
        scenario = self.scenario
        cost_by_year: dict[int, Fraction] = {year: Fraction(0) for year in scenario.years}

        def spread(course: Course, start: int, amount: Fraction) -> None:
            for year in course.years(start):
                cost_by_year[year] = cost_by_year.get(year, Fraction(0)) + amount / course.span

        for enrollment in enrollments:
            course = scenario.course_by_id[enrollment.course_id]
            spread(course, enrollment.start_year, Fraction(course.cost_per_learner))
        for (course_id, year), count in class_count.items():
            course = scenario.course_by_id[course_id]
            spread(course, year, Fraction((course.class_cost or 0) * count))
        for row in self.plan.classes:
            taught = scenario.course_by_id.get(row.course_id)
            lecturer = scenario.lecturer_by_id.get(row.lecturer_id)
            if taught is not None and lecturer is not None and taught.provider == "internal":
                spread(taught, row.year, Fraction(row.hours * lecturer.cost_per_hour))
        budget = scenario.settings.budget
        if budget.per_year is not None:
            for year, cost in sorted(cost_by_year.items()):
                if cost > budget.per_year:
                    self.flag(
                        "budget_year",
                        year=year,
                        cost=float(cost),
                        limit=budget.per_year,
                        over=float(cost - budget.per_year),
                    )
        total = sum(cost_by_year.values(), Fraction(0))
        if budget.total is not None and total > budget.total:
            self.flag(
                "budget_total",
                cost=float(total),
                limit=budget.total,
                over=float(total - budget.total),
            )
        return cost_by_year

    # ------------------------------------------------------------ continuity

    def _continuity(
        self, enrollments: list[Enrollment]
    ) -> tuple[dict[tuple[str, int], Fraction], int, Fraction]:
        scenario = self.scenario
        continuity = scenario.settings.continuity
        unit_days: dict[tuple[str, int], Fraction] = defaultdict(Fraction)
        personal_days: dict[tuple[str, int], Fraction] = defaultdict(Fraction)
        leaders: dict[tuple[str, int], set[str]] = defaultdict(set)
        total_days = 0
        value = Fraction(0)
        for enrollment in enrollments:
            official = scenario.official_by_id[enrollment.official_id]
            course = scenario.course_by_id[enrollment.course_id]
            leader = is_leader(scenario, official)
            total_days += course.away_days
            factor = as_fraction(continuity.leader_factor) if leader else Fraction(1)
            value += Fraction(course.away_days * continuity.day_value) * factor
            for year in course.years(enrollment.start_year):
                days = Fraction(course.away_days, course.span)
                unit_days[(official.unit_id, year)] += days
                personal_days[(official.official_id, year)] += days
                if leader and course.mode == "full_time":
                    leaders[(official.unit_id, year)].add(official.official_id)
        for (unit_id, year), days in sorted(unit_days.items()):
            limit = scenario.away_limit(unit_id, year)
            if days > limit:
                self.flag(
                    "unit_away",
                    unit=unit_id,
                    year=year,
                    days=float(days),
                    limit=float(limit),
                    over=float(days - limit),
                )
        for (unit_id, year), names in sorted(leaders.items()):
            limit_leaders = continuity.rules(year).max_leaders_away
            if len(names) > limit_leaders:
                self.flag(
                    "leaders_away",
                    unit=unit_id,
                    year=year,
                    leaders=", ".join(sorted(names)),
                    count=len(names),
                    limit=limit_leaders,
                )
        for (official_id, year), days in sorted(personal_days.items()):
            limit_days = continuity.rules(year).max_personal_days
            if days > limit_days:
                self.flag(
                    "personal_days",
                    official=official_id,
                    year=year,
                    days=float(days),
                    limit=limit_days,
                    over=float(days - limit_days),
                )
        return dict(unit_days), total_days, value

    # ------------------------------------------------------------ targets and pins

    def _targets(self, by_official: dict[str, list[Enrollment]]) -> list[Attainment]:
        scenario = self.scenario
        results = []
        for target in scenario.settings.targets:
            population = scenario.population(target)
            qualified = 0
            for official in population:
                levels = completed_levels(
                    scenario, official, by_official.get(official.official_id, []), target.year
                )
                needed = scenario.required_levels(target, official)
                if all(levels.get(track, 0) >= rank for track, rank in needed.items()):
                    qualified += 1
            required = math.ceil(as_fraction(target.share) * len(population))
            result = Attainment(
                target_id=target.id,
                year=target.year,
                population=len(population),
                qualified=qualified,
                required=required,
                share=target.share,
                hard=target.hard,
                weight=target.weight,
            )
            if target.hard and not result.met:
                self.flag(
                    "hard_target",
                    target=target.id,
                    year=target.year,
                    qualified=qualified,
                    required=required,
                    short=result.shortfall,
                )
            results.append(result)
        return results

    def _pins(self, enrollments: list[Enrollment]) -> None:
        planned = {(e.official_id, e.course_id, e.start_year) for e in enrollments}
        for pin in self.scenario.pins:
            key = (pin.official_id, pin.course_id, pin.year)
            if pin.action == "require" and key not in planned:
                self.flag(
                    "pin_require", official=pin.official_id, course=pin.course_id, year=pin.year
                )
            if pin.action == "forbid" and key in planned:
                self.flag(
                    "pin_forbid", official=pin.official_id, course=pin.course_id, year=pin.year
                )
