"""The independent check of a plan: every rule of SPEC.md ("What a plan must respect"), the
targets, the costs and the objective, recomputed from the plan alone.

``Checker`` has one method per rule, named exactly as the rule (``trainplan.models.rules.Rule``):
``Checker.seats`` checks ``Rule.SEATS`` and yields its ``Violation``s. The figures several rules
read (levels completed, learners and classes, lecturer hours, cost per year, days away, the
targets' attainment) are recounted once by ``trainplan.checking.recount``. The check shares no
code with the solver and works on hand-made plans too; the solver's objective must equal what it
recomputes (``Evaluation.money`` and ``Evaluation.weighted_shortfall``).
"""

from __future__ import annotations

from collections.abc import Iterator

from trainplan.checking import history
from trainplan.checking.arithmetic import in_force, is_leader, years_spanned
from trainplan.checking.evaluation import Attainment, Evaluation, Violation
from trainplan.checking.people import PeopleRules, broken
from trainplan.checking.recount import (
    Recount,
    away_limit,
    completed_levels,
    recount,
    successor_lacks,
)
from trainplan.checking.scopes import ScopeRules
from trainplan.models.plan import Plan
from trainplan.models.rules import Rule
from trainplan.models.scenario import Scenario

__all__ = [
    "Attainment",
    "Checker",
    "Evaluation",
    "Violation",
    "completed_levels",
    "evaluate",
    "is_leader",
]


def evaluate(scenario: Scenario, plan: Plan) -> Evaluation:
    """Check ``plan`` against every rule and recompute its targets, costs and objective."""
    return Checker(scenario, plan).run()


class Checker(PeopleRules, ScopeRules):
    """The rules of SPEC.md, one method each, named as the rule; ``run`` calls them in the
    order of ``Rule`` (references, then SPEC sections 1 to 8), so violations come grouped by
    rule. Each method only reads the scenario, the plan and the shared ``Recount``; the scope
    rules are ``trainplan.checking.scopes.ScopeRules``."""

    def __init__(self, scenario: Scenario, plan: Plan) -> None:
        self.scenario = scenario
        self.plan = plan
        self.recount: Recount = recount(scenario, plan)

    def run(self) -> Evaluation:
        """Every rule's violations, and the figures recounted from the plan."""
        found = self.recount
        return Evaluation(
            violations=[
                v
                for rule in Rule
                for v in getattr(self, rule.value)()
                if not history.settled(self.scenario, v)
            ],
            attainment=found.attainment,
            cost_by_year=found.cost_by_year,
            learner_cost=found.learner_cost,
            class_cost=found.class_cost,
            lecturer_cost=found.lecturer_cost,
            away_days_by_unit_year=found.unit_days,
            away_days_total=found.away_days_total,
            away_value=found.away_value,
            lecturer_hours_by_year=found.lecturer_hours,
            self_paid=found.self_paid,
            other_paid=found.other_paid,
        )

    # ------------------------------------------------------------ 4. seats, classes, lecturers

    def seats(self) -> Iterator[Violation]:
        """External: enrollments starting in (course, year) at most its seats."""
        for (course_id, year), count in sorted(self.recount.learners.items()):
            course = self.scenario.course_by_id[course_id]
            offering = self.scenario.offering_by_key.get((course_id, year))
            if course.provider != "external" or offering is None:
                continue
            seats = offering.seats or 0
            if count > seats:
                yield broken(
                    Rule.SEATS,
                    course=course_id,
                    year=year,
                    learners=count,
                    seats=seats,
                    over=count - seats,
                )

    def classes(self) -> Iterator[Violation]:
        """Internal: classes opened in (course, year) at most the offering's ``classes``."""
        for key in self.recount.internal_keys:
            offering = self.scenario.offering_by_key.get(key)
            allowed = (offering.classes or 0) if offering else 0
            opened = self.recount.class_count[key]
            if opened > allowed:
                course_id, year = key
                yield broken(
                    Rule.CLASSES, course=course_id, year=year, classes=opened, allowed=allowed
                )

    def class_size(self) -> Iterator[Violation]:
        """Each class holds class_min .. class_max learners; classes whose size a hand-made
        plan leaves blank hold, together, the learners the others do not seat."""
        found = self.recount
        for (course_id, year, class_no), (course, _) in found.internal_classes.items():
            size = found.class_size[(course_id, year, class_no)]
            if size is None:
                continue
            low, high = course.class_min or 0, course.class_max or 0
            if not low <= size <= high:
                yield broken(
                    Rule.CLASS_SIZE,
                    course=course_id,
                    year=year,
                    class_no=class_no,
                    learners=size,
                    low=low,
                    high=high,
                )

        for (course_id, year), unsized in sorted(found.unsized.items()):
            course = self.scenario.course_by_id[course_id]
            left = found.learners[(course_id, year)] - found.seated[(course_id, year)]
            low, high = (
                len(unsized) * (course.class_min or 0),
                len(unsized) * (course.class_max or 0),
            )
            if not low <= left <= high:
                yield Violation(
                    Rule.CLASS_SIZE,
                    {
                        "course": course_id,
                        "year": year,
                        "classes": ", ".join(str(number) for number in unsized),
                        "n": len(unsized),
                        "learners": left,
                        "low": low,
                        "high": high,
                    },
                    variant="together",
                )

    def class_learners(self) -> Iterator[Violation]:
        """The classes of (course, year) seat exactly the officials enrolled in it (checked
        by ``class_size`` when some class's size is left blank)."""
        found = self.recount
        for key in self.recount.internal_keys:
            if key in found.unsized:
                continue
            if found.seated[key] != found.learners[key]:
                course_id, year = key
                yield broken(
                    Rule.CLASS_LEARNERS,
                    course=course_id,
                    year=year,
                    seated=found.seated[key],
                    enrolled=found.learners[key],
                )

    def class_rows_disagree(self) -> Iterator[Violation]:
        """The rows of one class (one per lecturer) give the same learners."""
        for (course_id, year, class_no), (_, rows) in self.recount.internal_classes.items():
            given = {row.learners for row in rows if row.learners is not None}
            if len(given) > 1:
                yield broken(
                    Rule.CLASS_ROWS_DISAGREE, course=course_id, year=year, class_no=class_no
                )

    def class_not_internal(self) -> Iterator[Violation]:
        """Classes belong to known internal courses only."""
        for key in self.recount.class_rows:
            if key not in self.recount.internal_classes:
                course_id, year, class_no = key
                yield broken(
                    Rule.CLASS_NOT_INTERNAL, course=course_id, year=year, class_no=class_no
                )

    def class_hours(self) -> Iterator[Violation]:
        """Each class gets exactly the course's lecturer_hours."""
        for (course_id, year, class_no), (course, rows) in self.recount.internal_classes.items():
            hours = sum(row.hours for row in rows)
            if hours != (course.lecturer_hours or 0):
                yield broken(
                    Rule.CLASS_HOURS,
                    course=course_id,
                    year=year,
                    class_no=class_no,
                    hours=hours,
                    needed=course.lecturer_hours,
                )

    def lecturer_subject(self) -> Iterator[Violation]:
        """A lecturer teaches only courses whose subject is among theirs."""
        for course, row, lecturer in self.recount.teaching:
            if course.subject not in lecturer.subjects:
                yield broken(
                    Rule.LECTURER_SUBJECT,
                    course=course.course_id,
                    year=row.year,
                    lecturer=row.lecturer_id,
                    subject=course.subject,
                )

    def lecturer_active(self) -> Iterator[Violation]:
        """A lecturer is active in every year the course spans."""
        for course, row, lecturer in self.recount.teaching:
            inactive = [
                year
                for year in years_spanned(course, row.year)
                if (lecturer.from_year is not None and year < lecturer.from_year)
                or (lecturer.to_year is not None and year > lecturer.to_year)
            ]
            if inactive:
                yield broken(
                    Rule.LECTURER_ACTIVE,
                    course=course.course_id,
                    year=row.year,
                    lecturer=row.lecturer_id,
                    inactive=inactive[0],
                )

    def lecturer_hours(self) -> Iterator[Violation]:
        """No lecturer teaches more than hours_per_year in a year."""
        for (lecturer_id, year), taught in self.recount.lecturer_hours.items():
            limit = self.scenario.lecturer_by_id[lecturer_id].hours_per_year
            if taught > limit:
                yield broken(
                    Rule.LECTURER_HOURS,
                    lecturer=lecturer_id,
                    year=year,
                    hours=float(taught),
                    limit=limit,
                    over=float(taught - limit),
                )

    # ------------------------------------------------------------ 5. money

    def budget_year(self) -> Iterator[Violation]:
        """Each year's cost at most budget.per_year."""
        limit = self.scenario.settings.budget.per_year
        if limit is None:
            return
        for year, cost in sorted(self.recount.cost_by_year.items()):
            if cost > limit:
                yield broken(
                    Rule.BUDGET_YEAR,
                    year=year,
                    cost=float(cost),
                    limit=limit,
                    over=float(cost - limit),
                )

    def budget_total(self) -> Iterator[Violation]:
        """The whole cost at most budget.total."""
        limit = self.scenario.settings.budget.total
        total = sum(self.recount.cost_by_year.values(), history.history_spent(self.scenario))
        if limit is not None and total > limit:
            yield broken(
                Rule.BUDGET_TOTAL, cost=float(total), limit=limit, over=float(total - limit)
            )

    # ------------------------------------------------------------ 6. continuity

    def unit_away(self) -> Iterator[Violation]:
        """A unit's days away in a year at most max_away_share x working_days x its officials
        in service that year."""
        found = self.recount
        for (unit_id, year), days in found.unit_days.items():
            limit = away_limit(self.scenario, found.staff[(unit_id, year)], year)
            if days > limit:
                yield broken(
                    Rule.UNIT_AWAY,
                    unit=unit_id,
                    year=year,
                    days=float(days),
                    limit=float(limit),
                    over=float(days - limit),
                )

    def leaders_away(self) -> Iterator[Violation]:
        """A unit's leadership officials in full-time courses in a year at most
        max_leaders_away (that year's override, else the default)."""
        continuity = self.scenario.settings.continuity
        for (unit_id, year), names in self.recount.leaders_away.items():
            limit = in_force(continuity, year, "max_leaders_away")
            if len(names) > limit:
                yield broken(
                    Rule.LEADERS_AWAY,
                    unit=unit_id,
                    year=year,
                    leaders=", ".join(sorted(names)),
                    count=len(names),
                    limit=limit,
                )

    def personal_days(self) -> Iterator[Violation]:
        """An official's days away in a year at most max_personal_days (that year's override,
        else the default)."""
        continuity = self.scenario.settings.continuity
        for (official_id, year), days in self.recount.personal_days.items():
            limit = in_force(continuity, year, "max_personal_days")
            if days > limit:
                yield broken(
                    Rule.PERSONAL_DAYS,
                    official=official_id,
                    year=year,
                    days=float(days),
                    limit=limit,
                    over=float(days - limit),
                )

    # ------------------------------------------------------------ 7, 8. targets and pins

    def hard_target(self) -> Iterator[Violation]:
        """A hard target has no shortfall."""
        for result in self.recount.attainment:
            if result.hard and not result.met:
                yield broken(
                    Rule.HARD_TARGET,
                    target=result.target_id,
                    year=result.year,
                    qualified=result.qualified,
                    required=result.required,
                    short=result.shortfall,
                )

    def successor(self) -> Iterator[Violation]:
        """Each official planned for a post (``successor_for``) holds that post's standard,
        as in force at the end of the congress year, on every track and in a field it
        accepts, by then (``settings.succession``)."""
        scenario, succession = self.scenario, self.scenario.settings.succession
        if succession is None:
            return
        year = succession.year
        for official in scenario.officials:
            post_id = official.successor_for
            if post_id is None or post_id not in scenario.post_by_id:
                continue
            taken = self.recount.by_official.get(official.official_id, [])
            lacking = successor_lacks(scenario, official, taken, year)
            if lacking:
                yield broken(
                    Rule.SUCCESSOR,
                    official=official.official_id,
                    post=post_id,
                    year=year,
                    lacking=", ".join(lacking),
                )

    def pin_require(self) -> Iterator[Violation]:
        """A ``require`` pin is in the plan."""
        planned = self.recount.planned
        for pin in self.scenario.pins:
            if (
                pin.action == "require"
                and (pin.official_id, pin.course_id, pin.year) not in planned
            ):
                yield broken(
                    Rule.PIN_REQUIRE, official=pin.official_id, course=pin.course_id, year=pin.year
                )

    def pin_forbid(self) -> Iterator[Violation]:
        """A ``forbid`` pin is not in the plan."""
        planned = self.recount.planned
        for pin in self.scenario.pins:
            if pin.action == "forbid" and (pin.official_id, pin.course_id, pin.year) in planned:
                yield broken(
                    Rule.PIN_FORBID, official=pin.official_id, course=pin.course_id, year=pin.year
                )

    # ------------------------------------------------------------ re-planning

    def history(self) -> Iterator[Violation]:
        """What started before the as-of year is the history that stays, never moved."""
        yield from history.history(self.scenario, self.plan)
