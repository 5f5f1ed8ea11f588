"""The tables of the report, one row type and one builder each: cost per year against the
budget, communes by year against their limits, offerings and lecturers by year against theirs,
the schedule and the classes. Part of ``trainplan.reports.figures`` (which re-exports the row
types); names sort the rows, ids break ties.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from fractions import Fraction

from trainplan.checking.arithmetic import end_year, in_force
from trainplan.checking.evaluation import Evaluation
from trainplan.checking.recount import Recount, away_limit, cost_by_year, paid_by, staff_in_service
from trainplan.models.plan import ClassRow, Enrollment, Plan
from trainplan.models.scenario import Scenario


def vnd(value: Fraction) -> int:
    """Whole VND, rounded as plan.json rounds (``files.plancontent``)."""
    return round(value)


@dataclass(frozen=True)
class YearCost:
    """What one year costs against budget.per_year (None: no cap)."""

    year: int
    cost: int
    learner_cost: int
    class_cost: int
    lecturer_cost: int
    budget: int | None
    within: bool


@dataclass(frozen=True)
class UnitYear:
    """One commune in one year: days away against its limit, leaders away against theirs."""

    unit_id: str
    unit_name: str
    year: int
    staff: int
    """Officials of the unit in service that year."""
    days: float
    limit: float
    """max_away_share (of that year) x working_days x staff."""
    used: float
    """days / limit (0 when the limit is 0 and nobody is away)."""
    leaders_away: int
    max_leaders_away: int
    within: bool


@dataclass(frozen=True)
class OfferingYear:
    """One course in one start year: learners against seats (external) or classes opened
    against classes allowed (internal)."""

    course_id: str
    course_name: str
    provider: str
    year: int
    learners: int
    seats: int | None
    """External courses: the offering's seats (None for internal courses)."""
    classes: int
    max_classes: int | None
    """Internal courses: the offering's classes (None for external courses)."""
    class_max: int | None


@dataclass(frozen=True)
class LecturerYear:
    """One lecturer in one year: hours taught (a long course's hours spread over its years)
    against hours_per_year."""

    lecturer_id: str
    lecturer_name: str
    year: int
    hours: float
    limit: int
    within: bool


@dataclass(frozen=True)
class ScheduleRow:
    """One enrollment, with names: who studies what, when, at what cost."""

    official_id: str
    official_name: str
    unit_id: str
    unit_name: str
    post_id: str
    post_name: str
    course_id: str
    course_name: str
    track: str
    grants: str
    mode: str
    start_year: int
    end_year: int
    away_days: int
    cost: int
    """The course's cost_per_learner (class and lecturer costs are the classes')."""
    payer: str = "budget"
    """Who pays that cost: ``budget``, ``self`` (the official) or ``other`` (another source)."""


@dataclass(frozen=True)
class Teaching:
    """Hours one lecturer teaches one class."""

    lecturer_id: str
    lecturer_name: str
    hours: int


@dataclass(frozen=True)
class ClassFigure:
    """One class of an internal course with its lecturers."""

    course_id: str
    course_name: str
    year: int
    class_no: int
    learners: int | None
    lecturers: tuple[Teaching, ...]
    hours: int
    """All hours taught to the class."""


def costs(scenario: Scenario, evaluation: Evaluation, found: Recount) -> tuple[YearCost, ...]:
    """Cost per year of the horizon against budget.per_year, with its three parts (each part
    rounded on its own: the parts may differ from the year's cost by a dong)."""
    learners = cost_by_year(scenario, found.enrollments, Counter(), [])
    classes = cost_by_year(scenario, [], found.class_count, [])
    lecturers = cost_by_year(scenario, [], Counter(), found.teaching)
    cap = scenario.settings.budget.per_year
    rows = []
    for year in scenario.years:
        cost = evaluation.cost_by_year.get(year, Fraction(0))
        rows.append(
            YearCost(
                year=year,
                cost=vnd(cost),
                learner_cost=vnd(learners.get(year, Fraction(0))),
                class_cost=vnd(classes.get(year, Fraction(0))),
                lecturer_cost=vnd(lecturers.get(year, Fraction(0))),
                budget=cap,
                within=cap is None or cost <= cap,
            )
        )
    return tuple(rows)


def units_by_year(
    scenario: Scenario,
    unit_days: dict[tuple[str, int], Fraction],
    leaders: dict[tuple[str, int], set[str]],
) -> tuple[UnitYear, ...]:
    """Every unit and year: days away against max_away_share x working_days x staff."""
    keys = {(u.unit_id, y) for u in scenario.units for y in scenario.years}
    staff = staff_in_service(scenario, keys)
    continuity = scenario.settings.continuity
    rows = []
    for unit in sorted(scenario.units, key=lambda u: (u.name, u.unit_id)):
        for year in scenario.years:
            days = unit_days.get((unit.unit_id, year), Fraction(0))
            limit = away_limit(scenario, staff[(unit.unit_id, year)], year)
            away = len(leaders.get((unit.unit_id, year), set()))
            most = int(in_force(continuity, year, "max_leaders_away"))
            rows.append(
                UnitYear(
                    unit_id=unit.unit_id,
                    unit_name=unit.name,
                    year=year,
                    staff=staff[(unit.unit_id, year)],
                    days=float(days),
                    limit=float(limit),
                    used=float(days / limit) if limit else (0.0 if not days else float("inf")),
                    leaders_away=away,
                    max_leaders_away=most,
                    within=days <= limit and away <= most,
                )
            )
    return tuple(rows)


def offerings(
    scenario: Scenario, learners: Counter[tuple[str, int]], classes: Counter[tuple[str, int]]
) -> tuple[OfferingYear, ...]:
    """Every offering: learners against seats, classes opened against classes allowed."""
    rows = []
    for offering in scenario.offerings:
        course = scenario.course_by_id.get(offering.course_id)
        if course is None:
            continue
        internal = course.provider == "internal"
        key = (course.course_id, offering.year)
        rows.append(
            OfferingYear(
                course_id=course.course_id,
                course_name=course.name,
                provider=course.provider,
                year=offering.year,
                learners=learners.get(key, 0),
                seats=None if internal else (offering.seats or 0),
                classes=classes.get(key, 0),
                max_classes=(offering.classes or 0) if internal else None,
                class_max=course.class_max if internal else None,
            )
        )
    return tuple(sorted(rows, key=lambda r: (r.course_name, r.course_id, r.year)))


def lecturers(
    scenario: Scenario, hours: dict[tuple[str, int], Fraction]
) -> tuple[LecturerYear, ...]:
    """Every lecturer and year they are active in: hours taught against hours_per_year."""
    rows = []
    for lecturer in sorted(scenario.lecturers, key=lambda x: (x.name, x.lecturer_id)):
        for year in scenario.years:
            taught = hours.get((lecturer.lecturer_id, year), Fraction(0))
            if not lecturer.active(year) and not taught:
                continue
            rows.append(
                LecturerYear(
                    lecturer_id=lecturer.lecturer_id,
                    lecturer_name=lecturer.name,
                    year=year,
                    hours=float(taught),
                    limit=lecturer.hours_per_year,
                    within=taught <= lecturer.hours_per_year,
                )
            )
    return tuple(rows)


def schedule(scenario: Scenario, enrollments: list[Enrollment]) -> tuple[ScheduleRow, ...]:
    """The enrollments naming known officials and courses, with names."""
    rows = []
    for e in enrollments:
        official = scenario.official_by_id[e.official_id]
        course = scenario.course_by_id[e.course_id]
        unit = scenario.unit_by_id[official.unit_id]
        post = scenario.post_by_id[official.post_id]
        rows.append(
            ScheduleRow(
                official_id=official.official_id,
                official_name=official.name,
                unit_id=unit.unit_id,
                unit_name=unit.name,
                post_id=post.post_id,
                post_name=post.name,
                course_id=course.course_id,
                course_name=course.name,
                track=course.track,
                grants=course.grants,
                mode=course.mode,
                start_year=e.start_year,
                end_year=end_year(course, e.start_year),
                away_days=course.away_days,
                cost=course.cost_per_learner,
                payer=paid_by(official, course),
            )
        )
    return tuple(
        sorted(
            rows,
            key=lambda r: (r.unit_name, r.unit_id, r.official_name, r.official_id, r.start_year),
        )
    )


def classes(scenario: Scenario, plan: Plan) -> tuple[ClassFigure, ...]:
    """Every class of the plan with its lecturers (one row per lecturer in classes.csv)."""
    grouped: dict[tuple[str, int, int], list[ClassRow]] = defaultdict(list)
    for row in plan.classes:
        grouped[(row.course_id, row.year, row.class_no)].append(row)
    found = []
    for (course_id, year, class_no), rows in grouped.items():
        course = scenario.course_by_id.get(course_id)
        sizes = [r.learners for r in rows if r.learners is not None]
        teaching = tuple(
            Teaching(
                r.lecturer_id,
                scenario.lecturer_by_id[r.lecturer_id].name
                if r.lecturer_id in scenario.lecturer_by_id
                else "",
                r.hours,
            )
            for r in rows
            if r.lecturer_id
        )
        found.append(
            ClassFigure(
                course_id=course_id,
                course_name=course.name if course is not None else course_id,
                year=year,
                class_no=class_no,
                learners=sizes[0] if sizes else None,
                lecturers=teaching,
                hours=sum(r.hours for r in rows),
            )
        )
    return tuple(sorted(found, key=lambda c: (c.course_name, c.course_id, c.year, c.class_no)))
