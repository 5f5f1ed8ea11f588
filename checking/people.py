"""The checker's rules about people: references, time, levels and service (SPEC.md rules 1
to 3), one method per rule, named as the rule. ``trainplan.checking.checker.Checker`` inherits
them; its own module holds the rules of seats, classes, money, continuity, targets and pins.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trainplan.checking.arithmetic import (
    end_year,
    months_before_leaving,
    months_owed,
    months_served_after,
    retirement_of,
)
from trainplan.checking.evaluation import Violation
from trainplan.checking.recount import Recount, degrees_held, meets
from trainplan.models.plan import Plan
from trainplan.models.rules import Rule
from trainplan.models.scenario import Course, Official, Scenario


def broken(rule: Rule, **params: Any) -> Violation:
    return Violation(rule, params)


class PeopleRules:
    """Rules of one official's enrollments, and the ids a plan may name."""

    scenario: Scenario
    plan: Plan
    recount: Recount

    # ------------------------------------------------------------ references

    def unknown_official(self) -> Iterator[Violation]:
        """An enrollment names an official the scenario lacks."""
        for enrollment in self.plan.enrollments:
            if enrollment.official_id not in self.scenario.official_by_id:
                yield broken(Rule.UNKNOWN_OFFICIAL, official=enrollment.official_id)

    def unknown_course(self) -> Iterator[Violation]:
        """An enrollment of a known official names a course the scenario lacks."""
        scenario = self.scenario
        for enrollment in self.plan.enrollments:
            if (
                enrollment.official_id in scenario.official_by_id
                and enrollment.course_id not in scenario.course_by_id
            ):
                yield broken(
                    Rule.UNKNOWN_COURSE,
                    official=enrollment.official_id,
                    course=enrollment.course_id,
                )

    def unknown_lecturer(self) -> Iterator[Violation]:
        """A row of an internal class names a lecturer the scenario lacks (a row of no hours
        and no lecturer is an untaught row, not an unknown lecturer)."""
        for (course_id, year, _), (_, rows) in self.recount.internal_classes.items():
            for row in rows:
                if row.hours == 0 and not row.lecturer_id:
                    continue
                if row.lecturer_id not in self.scenario.lecturer_by_id:
                    yield broken(
                        Rule.UNKNOWN_LECTURER, course=course_id, year=year, lecturer=row.lecturer_id
                    )

    # ------------------------------------------------------------ 1. time

    def offering(self) -> Iterator[Violation]:
        """A course starts only in a year its offerings row lists."""
        for enrollment in self.recount.enrollments:
            if (enrollment.course_id, enrollment.start_year) not in self.scenario.offering_by_key:
                yield broken(
                    Rule.OFFERING,
                    official=enrollment.official_id,
                    course=enrollment.course_id,
                    year=enrollment.start_year,
                )

    def horizon(self) -> Iterator[Violation]:
        """A course starts and completes inside the horizon."""
        first, last = self.scenario.settings.horizon
        for enrollment in self.recount.enrollments:
            course = self.scenario.course_by_id[enrollment.course_id]
            start, end = enrollment.start_year, end_year(course, enrollment.start_year)
            if start < first or end > last:
                yield broken(
                    Rule.HORIZON,
                    official=enrollment.official_id,
                    course=course.course_id,
                    start=start,
                    end=end,
                    first=first,
                    last=last,
                )

    # ------------------------------------------------------------ 2. levels

    def repeat(self) -> Iterator[Violation]:
        """Each course at most once per official, whatever the start years."""
        seen: set[tuple[str, str]] = set()
        for enrollment in self.recount.enrollments:
            key = (enrollment.official_id, enrollment.course_id)
            if key in seen:
                yield broken(
                    Rule.REPEAT, official=enrollment.official_id, course=enrollment.course_id
                )
            seen.add(key)

    def level(self) -> Iterator[Violation]:
        """An official starts a course only below the level it grants (levels completed before
        the start year); a course with a field also when the level they hold at or above it
        is in other fields (a second degree in a field their post accepts)."""
        scenario = self.scenario
        found = self.recount
        for enrollment, before in zip(found.enrollments, found.levels_before, strict=True):
            course = scenario.course_by_id[enrollment.course_id]
            held = before.get(course.track, 0)
            grants = scenario.rank(course.track, course.grants)
            if course.field is not None and held >= grants:
                official = scenario.official_by_id[enrollment.official_id]
                taken = found.by_official[enrollment.official_id]
                degrees = degrees_held(scenario, official, taken, enrollment.start_year - 1)
                if not meets(degrees, (course.track, grants, frozenset((course.field,)))):
                    continue
            if held >= grants:
                yield broken(
                    Rule.LEVEL,
                    official=enrollment.official_id,
                    course=course.course_id,
                    year=enrollment.start_year,
                    held=scenario.settings.tracks[course.track][held],
                )

    def prerequisite(self) -> Iterator[Violation]:
        """Every ``requires`` holds on the levels completed before the start year."""
        scenario = self.scenario
        found = self.recount
        for enrollment, before in zip(found.enrollments, found.levels_before, strict=True):
            course = scenario.course_by_id[enrollment.course_id]
            for requirement in course.requires:
                if before.get(requirement.track, 0) < scenario.rank(
                    requirement.track, requirement.level
                ):
                    yield broken(
                        Rule.PREREQUISITE,
                        official=enrollment.official_id,
                        course=course.course_id,
                        year=enrollment.start_year,
                        requirement=str(requirement),
                    )

    def max_age(self) -> Iterator[Violation]:
        """Age in the start year (start year - birth year) at most the course's ``max_age``."""
        for enrollment in self.recount.enrollments:
            course = self.scenario.course_by_id[enrollment.course_id]
            official = self.scenario.official_by_id[enrollment.official_id]
            age = enrollment.start_year - official.birth.year
            if course.max_age is not None and age > course.max_age:
                yield broken(
                    Rule.MAX_AGE,
                    official=official.official_id,
                    course=course.course_id,
                    year=enrollment.start_year,
                    age=age,
                    max_age=course.max_age,
                )

    # ------------------------------------------------------------ 3. retirement

    def _taken(self) -> Iterator[tuple[Official, Course, int]]:
        """Each enrollment's official, course and the year it completes at the end of."""
        for enrollment in self.recount.enrollments:
            course = self.scenario.course_by_id[enrollment.course_id]
            official = self.scenario.official_by_id[enrollment.official_id]
            yield official, course, end_year(course, enrollment.start_year)

    def retirement(self) -> Iterator[Violation]:
        """A course completes at the end of a year the official is still in service after
        (retirement: ``retires`` when given, else Decree 135/2020)."""
        for official, course, end in self._taken():
            retirement = retirement_of(official)
            if retirement.year <= end:
                yield broken(
                    Rule.RETIREMENT,
                    official=official.official_id,
                    course=course.course_id,
                    end=end,
                    retirement=str(retirement),
                )

    def obligation(self) -> Iterator[Violation]:
        """From the end of the course to retirement, at least obligation x months months
        (only for courses completing before retirement: the others break ``retirement``)."""
        for official, course, end in self._taken():
            retirement = retirement_of(official)
            served = months_served_after(official, end)
            owed = months_owed(self.scenario, course)
            if retirement.year > end and served < owed:
                yield broken(
                    Rule.OBLIGATION,
                    official=official.official_id,
                    course=course.course_id,
                    end=end,
                    served=served,
                    owed=float(owed),
                    retirement=str(retirement),
                )

    def joins(self) -> Iterator[Violation]:
        """A course starts only in a year after the one the official joins in (so they are in
        service for the whole of it)."""
        for enrollment in self.recount.enrollments:
            official = self.scenario.official_by_id[enrollment.official_id]
            if official.joins is not None and official.joins.year >= enrollment.start_year:
                yield broken(
                    Rule.JOINS,
                    official=official.official_id,
                    course=enrollment.course_id,
                    year=enrollment.start_year,
                    joins=str(official.joins),
                )

    def leaves(self) -> Iterator[Violation]:
        """An official who leaves is in service after the end of the course's last year, and
        for its obligation x months months after it."""
        for official, course, end in self._taken():
            leaves = official.leaves
            owed = months_owed(self.scenario, course)
            if leaves is not None and (
                leaves.year <= end or months_before_leaving(leaves, end) < owed
            ):
                yield broken(
                    Rule.LEAVES,
                    official=official.official_id,
                    course=course.course_id,
                    end=end,
                    owed=float(owed),
                    leaves=str(leaves),
                )
