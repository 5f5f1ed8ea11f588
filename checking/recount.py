"""The checker's own recount of a plan, done once and shared by the rule methods of
``trainplan.checking.checker.Checker``: levels completed, learners and classes, lecturer hours
per year, cost per year, days away per unit and year, attainment of the targets.

Independent of the solver: nothing here comes from ``trainplan.solver``, nor from the rule
helpers the solver relies on (``Scenario.away_limit``, ``population``, ``needs``,
``obligation_months``, ``Official.months_served_after``, ``Official.retirement``,
``Official.service``, ``Continuity.rules``, ``Course.years``):
SPEC.md's arithmetic is derived again here from the scenario's data, so that a slip in one is
caught by the other. Amounts are exact fractions.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from fractions import Fraction

from trainplan.checking.arithmetic import (
    end_year,
    in_force,
    in_service,
    in_service_at_end,
    is_leader,
    years_spanned,
)
from trainplan.checking.evaluation import Attainment
from trainplan.models.plan import ClassRow, Enrollment, Plan
from trainplan.models.scenario import (
    Course,
    Lecturer,
    Official,
    Scenario,
    Target,
    Who,
    as_fraction,
)

# ---------------------------------------------------------------- levels and targets


def completed_levels(
    scenario: Scenario, official: Official, enrollments: list[Enrollment], by_end_of: int
) -> dict[str, int]:
    """Rule 2: rank per track once every course of ``enrollments`` ending by ``by_end_of``
    completes (the initial level raised by each)."""
    levels = {track: scenario.rank(track, level) for track, level in official.levels.items()}
    for enrollment in enrollments:
        course = scenario.course_by_id[enrollment.course_id]
        if end_year(course, enrollment.start_year) <= by_end_of:
            rank = scenario.rank(course.track, course.grants)
            levels[course.track] = max(levels.get(course.track, 0), rank)
    return levels


Degree = tuple[str, int, str | None]
"""(track, rank, field): one level an official holds, initial or completed in the plan."""


def degrees_held(
    scenario: Scenario, official: Official, enrollments: list[Enrollment], by_end_of: int
) -> list[Degree]:
    """Rule 2 with fields: every level the official holds at the end of ``by_end_of``, each
    with its field: the initial one and one per course of ``enrollments`` completed by then."""
    held = [
        (track, scenario.rank(track, level), official.fields.get(track))
        for track, level in official.levels.items()
    ]
    for enrollment in enrollments:
        course = scenario.course_by_id[enrollment.course_id]
        if end_year(course, enrollment.start_year) <= by_end_of:
            held.append((course.track, scenario.rank(course.track, course.grants), course.field))
    return held


def paid_by(official: Official, course: Course) -> str:
    """Rule 5: who pays an enrollment's learner cost: ``other`` for a course another source
    funds, ``self`` for an official who asked to study at their own cost in a course whose
    learners may pay, else the ``budget``."""
    if course.funding == "other":
        return "other"
    if course.funding == "self" and official.self_funding:
        return "self"
    return "budget"


def who_values(scenario: Scenario, official: Official) -> dict[str, object]:
    """What each filter of a target's ``who`` compares: one entry per field of ``Who``."""
    post = scenario.post_by_id[official.post_id]
    return {
        "category": post.category,
        "post": official.post_id,
        "unit": official.unit_id,
        "leadership": post.leadership,
        "successor": official.successor,
        "sex": official.sex,
        "ethnic_minority": official.ethnic_minority,
    }


def matches(scenario: Scenario, who: Who, official: Official) -> bool:
    """Rule 7: the official passes every filter ``who`` sets (a tuple: any of its values)."""
    values = who_values(scenario, official)
    for name in Who.model_fields:
        wanted = getattr(who, name)
        if wanted is None or wanted == ():
            continue
        if isinstance(wanted, tuple):
            if values[name] not in wanted:
                return False
        elif values[name] != wanted:
            return False
    return True


def standard_at(scenario: Scenario, post_id: str, year: int) -> dict[str, str]:
    """The checker's own reading of the standard of ``post_id`` at the end of ``year``: the
    post's, then each change of ``settings.standards`` whose year has come, earliest first."""
    post = scenario.post_by_id[post_id]
    standard = dict(post.standard)
    changes = [c for c in scenario.settings.standards if c.from_year <= year]
    for change in sorted(changes, key=lambda c: c.from_year):
        applies = (not change.posts or post_id in change.posts) and (
            change.category is None or change.category == post.category
        )
        if applies:
            standard = {**standard, **change.standard}
    return standard


Requirement = tuple[str, int, frozenset[str] | None]
"""(track, rank, fields): a level of ``rank`` or more in ``track``, in one of ``fields`` (None:
in any field)."""


def requirements(scenario: Scenario, target: Target, official: Official) -> list[Requirement]:
    """Rule 7: what the official must hold: each ``has`` level in any field; on the
    ``standard`` tracks their own post's standard, in a field the post accepts if it names
    fields (Decree 33/2023 Art. 10)."""
    found: list[Requirement] = [
        (track, scenario.rank(track, level), None) for track, level in target.has.items()
    ]
    post = scenario.post_by_id[official.post_id]
    standard = standard_at(scenario, official.post_id, target.year)
    for track in target.standard:
        if track in standard:
            fields = frozenset(post.fields.get(track, ())) or None
            found.append((track, scenario.rank(track, standard[track]), fields))
    return found


def meets(held: list[Degree], requirement: Requirement) -> bool:
    """Some degree held is of the track, high enough and, if fields are named, in one."""
    track, rank, fields = requirement
    return rank == 0 or any(
        t == track and r >= rank and (fields is None or f in fields) for t, r, f in held
    )


def qualifies(
    scenario: Scenario, target: Target, official: Official, taken: list[Enrollment], year: int
) -> bool:
    """Rule 7 for one official: at the end of ``year``, with the courses ``taken`` completed
    by then, they hold all that ``target`` asks of them."""
    held = degrees_held(scenario, official, taken, year)
    return all(meets(held, need) for need in requirements(scenario, target, official))


def successor_lacks(
    scenario: Scenario, official: Official, taken: list[Enrollment], year: int
) -> list[str]:
    """Rule ``successor``: what ``official`` still lacks at the end of the congress ``year``
    of the standard of the post they are planned for, in force then, on every track and in a
    field it accepts — ``track level (fields)`` each; empty when ready."""
    assert official.successor_for is not None
    post = scenario.post_by_id[official.successor_for]
    held = degrees_held(scenario, official, taken, year)
    lacking = []
    for track, level in sorted(standard_at(scenario, post.post_id, year).items()):
        fields = tuple(sorted(post.fields.get(track, ())))
        if not meets(held, (track, scenario.rank(track, level), frozenset(fields) or None)):
            lacking.append(f"{track} {level}" + (f" ({'; '.join(fields)})" if fields else ""))
    return lacking


# ---------------------------------------------------------------- the recount

ClassKey = tuple[str, int, int]
"""(course_id, year, class_no): one class."""


@dataclass
class Recount:
    """Everything the rules need, recomputed once from the plan alone."""

    enrollments: list[Enrollment]
    """The plan's enrollments that name a known official and a known course."""
    levels_before: list[dict[str, int]]
    """Per enrollment (same order), the official's ranks completed before its start year."""
    by_official: dict[str, list[Enrollment]]
    learners: Counter[tuple[str, int]]
    """Enrollments starting per (course, year)."""
    class_rows: dict[ClassKey, list[ClassRow]]
    """Every class of the plan with its rows (one per lecturer), sorted."""
    internal_classes: dict[ClassKey, tuple[Course, list[ClassRow]]]
    """The classes of known internal courses: the only ones that count."""
    class_count: Counter[tuple[str, int]]
    internal_keys: list[tuple[str, int]]
    """(course, year) of internal courses with a class or a learner, sorted."""
    seated: Counter[tuple[str, int]]
    """Learners the classes seat per (course, year), counting only the classes whose size is
    known (``class_size``)."""
    class_size: dict[ClassKey, int | None]
    """Each internal class's learners: the number its rows give; for a course-year's only
    class with the cell left blank, everyone enrolled in it; else None (unknown)."""
    unsized: dict[tuple[str, int], list[int]]
    """Per (course, year), the class numbers whose size is unknown: their sizes are checked
    together (k x class_min <= learners left <= k x class_max)."""
    teaching: list[tuple[Course, ClassRow, Lecturer]]
    """Rows of internal classes taught by a known lecturer."""
    lecturer_hours: dict[tuple[str, int], Fraction]
    learner_cost: Fraction
    """Learners' costs paid with public money (the budget or another source)."""
    self_paid: Fraction
    """Learners' costs paid by the officials who asked to study at their own cost."""
    other_paid: Fraction
    """What other sources pay: their courses' learners, classes and lecturers."""
    class_cost: Fraction
    lecturer_cost: Fraction
    cost_by_year: dict[int, Fraction]
    unit_days: dict[tuple[str, int], Fraction]
    personal_days: dict[tuple[str, int], Fraction]
    leaders_away: dict[tuple[str, int], set[str]]
    """Leadership officials of a unit in full-time courses, per year."""
    away_days_total: int
    away_value: Fraction
    attainment: list[Attainment]
    staff: dict[tuple[str, int], int]
    """Officials of a unit in service in a year, for every (unit, year) with days away."""
    planned: set[tuple[str, str, int]]
    """(official, course, start year) of every enrollment, for the pins."""


def class_sizes(
    internal: dict[ClassKey, tuple[Course, list[ClassRow]]],
    class_count: Counter[tuple[str, int]],
    enrolled: Counter[tuple[str, int]],
) -> dict[ClassKey, int | None]:
    """Each class's learners: the first number its rows give; a course-year's only class
    with no number seats everyone enrolled in it; otherwise unknown (None)."""
    sizes: dict[ClassKey, int | None] = {}
    for key, (_, rows) in internal.items():
        given = [row.learners for row in rows if row.learners is not None]
        if given:
            sizes[key] = given[0]
        elif class_count[(key[0], key[1])] == 1:
            sizes[key] = enrolled[(key[0], key[1])]
        else:
            sizes[key] = None
    return sizes


def recount(scenario: Scenario, plan: Plan) -> Recount:
    """Recount ``plan``: the shared figures every rule method reads."""
    enrollments = known_enrollments(scenario, plan)
    by_official: dict[str, list[Enrollment]] = defaultdict(list)
    for enrollment in enrollments:
        by_official[enrollment.official_id].append(enrollment)
    levels_before = [
        completed_levels(
            scenario,
            scenario.official_by_id[e.official_id],
            by_official[e.official_id],
            e.start_year - 1,
        )
        for e in enrollments
    ]
    class_rows: dict[ClassKey, list[ClassRow]] = defaultdict(list)
    for row in plan.classes:
        class_rows[(row.course_id, row.year, row.class_no)].append(row)
    internal = internal_classes(scenario, class_rows)
    class_count: Counter[tuple[str, int]] = Counter()
    for course_id, year, _ in internal:
        class_count[(course_id, year)] += 1
    enrolled = Counter((e.course_id, e.start_year) for e in enrollments)
    sizes = class_sizes(internal, class_count, enrolled)
    seated: Counter[tuple[str, int]] = Counter()
    unsized: dict[tuple[str, int], list[int]] = defaultdict(list)
    for (course_id, year, class_no), size in sizes.items():
        if size is None:
            unsized[(course_id, year)].append(class_no)
        else:
            seated[(course_id, year)] += size
    teaching = [
        (course, row, scenario.lecturer_by_id[row.lecturer_id])
        for course, rows in internal.values()
        for row in rows
        if row.lecturer_id in scenario.lecturer_by_id
    ]
    unit_days, personal_days, leaders, total, value = days_away(scenario, enrollments)
    learners = Counter((e.course_id, e.start_year) for e in enrollments)
    internal_keys = set(class_count) | {
        key for key in learners if scenario.course_by_id[key[0]].provider == "internal"
    }
    return Recount(
        enrollments=enrollments,
        levels_before=levels_before,
        by_official=dict(by_official),
        learners=learners,
        class_rows=dict(sorted(class_rows.items())),
        internal_classes=internal,
        class_count=class_count,
        internal_keys=sorted(internal_keys),
        seated=seated,
        class_size=sizes,
        unsized=dict(unsized),
        teaching=teaching,
        lecturer_hours=lecturer_hours_by_year(teaching),
        learner_cost=paid(scenario, enrollments, ("budget", "other")),
        self_paid=paid(scenario, enrollments, ("self",)),
        other_paid=paid(scenario, enrollments, ("other",))
        + sum(
            (
                Fraction(scenario.course_by_id[course_id].class_cost or 0) * count
                for (course_id, _), count in class_count.items()
                if scenario.course_by_id[course_id].funding == "other"
            ),
            Fraction(0),
        )
        + sum(
            (
                Fraction(row.hours * lecturer.cost_per_hour)
                for course, row, lecturer in teaching
                if course.funding == "other"
            ),
            Fraction(0),
        ),
        class_cost=sum(
            (
                Fraction(scenario.course_by_id[course_id].class_cost or 0) * count
                for (course_id, _), count in class_count.items()
            ),
            Fraction(0),
        ),
        lecturer_cost=sum(
            (Fraction(row.hours * lecturer.cost_per_hour) for _, row, lecturer in teaching),
            Fraction(0),
        ),
        cost_by_year=cost_by_year(scenario, enrollments, class_count, teaching),
        unit_days=unit_days,
        personal_days=personal_days,
        leaders_away=leaders,
        away_days_total=total,
        away_value=value,
        attainment=attainment(scenario, by_official),
        staff=staff_in_service(scenario, set(unit_days)),
        planned={(e.official_id, e.course_id, e.start_year) for e in enrollments},
    )


def paid(scenario: Scenario, enrollments: list[Enrollment], payers: tuple[str, ...]) -> Fraction:
    """The learner costs of ``enrollments`` that ``payers`` pay."""
    return sum(
        (
            Fraction(course.cost_per_learner)
            for e in enrollments
            if paid_by(
                scenario.official_by_id[e.official_id],
                course := scenario.course_by_id[e.course_id],
            )
            in payers
        ),
        Fraction(0),
    )


def known_enrollments(scenario: Scenario, plan: Plan) -> list[Enrollment]:
    """The enrollments naming an official and a course the scenario holds (the others are
    reported as unknown and count for nothing else)."""
    return [
        e
        for e in plan.enrollments
        if e.official_id in scenario.official_by_id and e.course_id in scenario.course_by_id
    ]


def internal_classes(
    scenario: Scenario, class_rows: dict[ClassKey, list[ClassRow]]
) -> dict[ClassKey, tuple[Course, list[ClassRow]]]:
    """The classes of known internal courses, sorted, with their course."""
    found = {}
    for key, rows in sorted(class_rows.items()):
        course = scenario.course_by_id.get(key[0])
        if course is not None and course.provider == "internal":
            found[key] = (course, rows)
    return found


def lecturer_hours_by_year(
    teaching: list[tuple[Course, ClassRow, Lecturer]],
) -> dict[tuple[str, int], Fraction]:
    """Rule 4: hours per (lecturer, year), a class's hours spread over the years it spans."""
    hours: dict[tuple[str, int], Fraction] = defaultdict(Fraction)
    for course, row, _ in teaching:
        spanned = years_spanned(course, row.year)
        for year in spanned:
            hours[(row.lecturer_id, year)] += Fraction(row.hours, len(spanned))
    return dict(sorted(hours.items()))


def cost_by_year(
    scenario: Scenario,
    enrollments: list[Enrollment],
    class_count: Counter[tuple[str, int]],
    teaching: list[tuple[Course, ClassRow, Lecturer]],
) -> dict[int, Fraction]:
    """Rule 5: what the budget pays — learners, classes and lecturers' hours, each spread over
    the years its course spans (not learners who pay their own way, nor what another source
    funds); every horizon year is present, a course outside it adds its own years."""
    first, last = scenario.settings.horizon
    costs: dict[int, Fraction] = {year: Fraction(0) for year in range(first, last + 1)}

    def spread(course: Course, start: int, amount: Fraction) -> None:
        spanned = years_spanned(course, start)
        for year in spanned:
            costs[year] = costs.get(year, Fraction(0)) + amount / len(spanned)

    for enrollment in enrollments:
        course = scenario.course_by_id[enrollment.course_id]
        if paid_by(scenario.official_by_id[enrollment.official_id], course) == "budget":
            spread(course, enrollment.start_year, Fraction(course.cost_per_learner))
    for (course_id, year), count in class_count.items():
        course = scenario.course_by_id[course_id]
        if course.funding != "other":
            spread(course, year, Fraction((course.class_cost or 0) * count))
    for course, row, lecturer in teaching:
        if course.funding != "other":
            spread(course, row.year, Fraction(row.hours * lecturer.cost_per_hour))
    return costs


def days_away(
    scenario: Scenario, enrollments: list[Enrollment]
) -> tuple[
    dict[tuple[str, int], Fraction],
    dict[tuple[str, int], Fraction],
    dict[tuple[str, int], set[str]],
    int,
    Fraction,
]:
    """Rule 6 and the money objective: days away per (unit, year) and per (official, year),
    the leaders in full-time courses per (unit, year), all days away and their value."""
    continuity = scenario.settings.continuity
    unit_days: dict[tuple[str, int], Fraction] = defaultdict(Fraction)
    personal: dict[tuple[str, int], Fraction] = defaultdict(Fraction)
    leaders: dict[tuple[str, int], set[str]] = defaultdict(set)
    total = 0
    value = Fraction(0)
    for enrollment in enrollments:
        official = scenario.official_by_id[enrollment.official_id]
        course = scenario.course_by_id[enrollment.course_id]
        leader = is_leader(scenario, official)
        total += course.away_days
        factor = as_fraction(continuity.leader_factor) if leader else Fraction(1)
        value += Fraction(course.away_days * continuity.day_value) * factor
        spanned = years_spanned(course, enrollment.start_year)
        for year in spanned:
            days = Fraction(course.away_days, len(spanned))
            unit_days[(official.unit_id, year)] += days
            personal[(official.official_id, year)] += days
            if leader and course.mode == "full_time":
                leaders[(official.unit_id, year)].add(official.official_id)
    return (
        dict(sorted(unit_days.items())),
        dict(sorted(personal.items())),
        dict(sorted(leaders.items())),
        total,
        value,
    )


def staff_in_service(scenario: Scenario, keys: set[tuple[str, int]]) -> dict[tuple[str, int], int]:
    """Rule 6: officials of the unit in service in the year, for each (unit, year) of ``keys``."""
    by_unit: dict[str, list[Official]] = defaultdict(list)
    for official in scenario.officials:
        by_unit[official.unit_id].append(official)
    return {
        (unit_id, year): sum(in_service(official, year) for official in by_unit[unit_id])
        for unit_id, year in sorted(keys)
    }


def away_limit(scenario: Scenario, staff: int, year: int) -> Fraction:
    """Rule 6: days a unit of ``staff`` officials in service may spare in ``year``."""
    continuity = scenario.settings.continuity
    share = as_fraction(in_force(continuity, year, "max_away_share"))
    return share * continuity.working_days * staff


def attainment(scenario: Scenario, by_official: dict[str, list[Enrollment]]) -> list[Attainment]:
    """Rule 7: population, qualified and required for every target, in the scenario's order."""
    results = []
    for target in scenario.settings.targets:
        population = [
            official
            for official in scenario.officials
            if matches(scenario, target.who, official) and in_service_at_end(official, target.year)
        ]
        qualified = 0
        for official in population:
            taken = by_official.get(official.official_id, [])
            qualified += qualifies(scenario, target, official, taken, target.year)
        results.append(
            Attainment(
                target_id=target.id,
                year=target.year,
                population=len(population),
                qualified=qualified,
                required=math.ceil(as_fraction(target.share) * len(population)),
                share=target.share,
                hard=target.hard,
                weight=target.weight,
            )
        )
    return results
