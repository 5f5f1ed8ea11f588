"""Which enrollments and which lecturers get a variable at all.

An (official, course, start year) enrollment gets a variable only if no rule can be seen to
forbid it from the data alone. Each such rule is one predicate below, named as its
``trainplan.models.rules.Rule``: it returns the reason (``Message("why.<rule>", ...)``) why
the enrollment can never be in a valid plan, or None if that rule allows it. ``exclusion``
asks them in the order of ``PRUNING``. What the plan as a whole decides (prerequisites taken in
the plan, seats, budget, ...) is left to ``trainplan.solver.constraints``.

A lecturer gets an hours variable for an offering only if ``lecturer_subject``,
``lecturer_active`` and ``lecturer_scope`` allow it (SPEC rule 4).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from trainplan.models.message import LEVEL, Message
from trainplan.models.scenario import Course, Lecturer, Official, Scenario
from trainplan.models.service import months_after

Key = tuple[str, str, int]
"""An enrollment: (official_id, course_id, start_year)."""


def earliest_completion(scenario: Scenario) -> dict[tuple[str, int], int]:
    """For each (track, rank), the first year's end by which some course can grant it."""
    first, last = scenario.settings.horizon
    best: dict[tuple[str, int], int] = {}
    for offering in scenario.offerings:
        course = scenario.course_by_id[offering.course_id]
        end = course.end_year(offering.year)
        if offering.year < first or end > last:
            continue
        for rank in range(1, scenario.rank(course.track, course.grants) + 1):
            key = (course.track, rank)
            best[key] = min(best.get(key, end), end)
    return best


@dataclass(frozen=True)
class Facts:
    """What the predicates read besides the enrollment itself, worked out once per scenario."""

    scenario: Scenario
    completion: dict[tuple[str, int], int]
    """``earliest_completion``: when each level can be held at the soonest."""
    forbidden: frozenset[Key]
    """The enrollments of ``forbid`` pins."""

    @classmethod
    def of(cls, scenario: Scenario) -> Facts:
        forbidden = frozenset(
            (p.official_id, p.course_id, p.year) for p in scenario.pins if p.action == "forbid"
        )
        return cls(scenario, earliest_completion(scenario), forbidden)


Predicate = Callable[[Facts, Official, Course, int], Message | None]
"""A pruning rule: why (official, course, start) can never be planned, or None."""


# ------------------------------------------------------------ 1. time


def offering(facts: Facts, official: Official, course: Course, start: int) -> Message | None:
    """A course starts only in a year its offerings row lists."""
    if (course.course_id, start) not in facts.scenario.offering_by_key:
        return Message("why.offering", course=course.course_id, year=start)
    return None


def seat_scope(facts: Facts, official: Official, course: Course, start: int) -> Message | None:
    """Only officials of units inside an offering's scope take its seats or classes."""
    found = facts.scenario.offering_by_key.get((course.course_id, start))
    if found is None or not found.scope:
        return None
    if official.unit_id not in facts.scenario.scope_units.get(found.scope, ()):
        return Message("why.seat_scope", course=course.course_id, year=start, scope=found.scope)
    return None


def horizon(facts: Facts, official: Official, course: Course, start: int) -> Message | None:
    """A course starts and completes inside the horizon."""
    first, last = facts.scenario.settings.horizon
    end = course.end_year(start)
    if start < first or end > last:
        return Message("why.horizon", course=course.course_id, start=start, end=end)
    return None


def history(facts: Facts, official: Official, course: Course, start: int) -> Message | None:
    """Re-planning: nothing new starts before the as-of year (what did is history, which
    ``enumerate_candidates`` gives a variable whatever the rules say now)."""
    replan = facts.scenario.replan
    if replan is not None and replan.past(start):
        return Message("why.history", year=start, as_of=replan.as_of)
    return None


# ------------------------------------------------------------ 8. pins


def pin_forbid(facts: Facts, official: Official, course: Course, start: int) -> Message | None:
    """A ``forbid`` pin's enrollment is never planned."""
    if (official.official_id, course.course_id, start) in facts.forbidden:
        return Message("why.pin_forbid")
    return None


# ------------------------------------------------------------ 2. levels


def level(facts: Facts, official: Official, course: Course, start: int) -> Message | None:
    """Only an official whose initial level is below what the course grants may take it, or,
    for a course with a field, whose level is in another field (a second degree in a field
    their post accepts). Levels gained in the plan are the model's: ``Constraints.level``."""
    scenario = facts.scenario
    held = official.levels[course.track]
    below = scenario.rank(course.track, held) < scenario.rank(course.track, course.grants)
    if below or _second_degree_counts(scenario, official, course):
        return None
    alias = scenario.settings.level_names.get(course.track, {}).get(held, "")
    words = Message(LEVEL, track=course.track, level=held, name=alias)
    if course.field is not None and official.fields.get(course.track) != course.field:
        return Message("reason.second_degree", level=words, field=course.field)
    return Message("why.level", level=words)


def _second_degree_counts(scenario: Scenario, official: Official, course: Course) -> bool:
    """A course with a field the official does not hold, at or below their level, in a field
    their own post or the post they are planned for accepts: a second degree that can count
    (a standard in force names its fields). Any other second degree counts for nothing: not
    a variable (the checker still allows it, rule ``level``)."""
    track, field = course.track, course.field
    if field is None or official.fields.get(track) == field:
        return False
    posts = [official.post_id, *([official.successor_for] if official.successor_for else [])]
    return any(field in scenario.post_by_id[post].fields.get(track, ()) for post in posts)


def max_age(facts: Facts, official: Official, course: Course, start: int) -> Message | None:
    """Age in the start year (start year - birth year) at most the course's ``max_age``."""
    age = start - official.birth.year
    if course.max_age is not None and age > course.max_age:
        return Message("why.max_age", age=age, year=start, max_age=course.max_age)
    return None


def prerequisite(facts: Facts, official: Official, course: Course, start: int) -> Message | None:
    """Each requirement is held initially, or some course can grant it before the start year
    (whether the plan takes that course is the model's: ``Constraints.prerequisite``)."""
    scenario = facts.scenario
    for requirement in course.requires:
        needed = scenario.rank(requirement.track, requirement.level)
        if scenario.rank(requirement.track, official.levels[requirement.track]) >= needed:
            continue
        earliest = facts.completion.get((requirement.track, needed))
        if earliest is None or earliest >= start:
            return Message("why.prerequisite", requirement=str(requirement), year=start)
    return None


# ------------------------------------------------------------ 3. retirement


def retirement(facts: Facts, official: Official, course: Course, start: int) -> Message | None:
    """The official is still in service at the end of the course's last year."""
    end = course.end_year(start)
    if official.retirement.year <= end:
        return Message("why.retirement", retirement=str(official.retirement), end=end)
    return None


def obligation(facts: Facts, official: Official, course: Course, start: int) -> Message | None:
    """Months served after the course at least its obligation x its months."""
    served = official.months_served_after(course.end_year(start))
    if served < facts.scenario.obligation_months(course):
        return Message("why.obligation", retirement=str(official.retirement), served=served)
    return None


def joins(facts: Facts, official: Official, course: Course, start: int) -> Message | None:
    """The official joined before the start year (in service for the whole of it)."""
    if not official.service.may_start(start):
        return Message("why.joins", joins=str(official.joins), year=start)
    return None


def leaves(facts: Facts, official: Official, course: Course, start: int) -> Message | None:
    """An official who leaves is still in service after the course's last year, and for its
    obligation x months months after it."""
    if official.leaves is None:
        return None
    end = course.end_year(start)
    owed = facts.scenario.obligation_months(course)
    if official.leaves.year <= end or months_after(end, official.leaves) < owed:
        return Message("why.leaves", leaves=str(official.leaves), end=end, owed=float(owed))
    return None


# ------------------------------------------------------------ 6. continuity


def personal_days(facts: Facts, official: Official, course: Course, start: int) -> Message | None:
    """The course alone must fit each year's ``max_personal_days`` (its days are spread
    evenly over its years); courses taken together are the model's:
    ``Constraints.personal_days``."""
    continuity = facts.scenario.settings.continuity
    for year in course.years(start):
        if Fraction(course.away_days, course.span) > continuity.rules(year).max_personal_days:
            return Message("why.personal_days", days=course.away_days, year=year)
    return None


def leaders_away(facts: Facts, official: Official, course: Course, start: int) -> Message | None:
    """A leader may not take a full-time course in a year that lets no leader away."""
    continuity = facts.scenario.settings.continuity
    if course.mode != "full_time" or not facts.scenario.post_of(official).leadership:
        return None
    for year in course.years(start):
        if continuity.rules(year).max_leaders_away == 0:
            return Message("why.leaders_away", year=year)
    return None


PRUNING: tuple[Predicate, ...] = (
    offering,
    seat_scope,
    horizon,
    history,
    pin_forbid,
    level,
    max_age,
    retirement,
    obligation,
    joins,
    leaves,
    personal_days,
    leaders_away,
    prerequisite,
)
"""The pruning rules, in the order ``exclusion`` asks them: the first reason found is the one
a require pin's conflict names."""


def exclusion(facts: Facts, official: Official, course: Course, start: int) -> Message | None:
    """The reason this enrollment can never be in a valid plan, or None if it might be."""
    for rule in PRUNING:
        reason = rule(facts, official, course, start)
        if reason is not None:
            return reason
    return None


def enumerate_candidates(scenario: Scenario) -> list[Key]:
    """Every enrollment that may be in a valid plan, in a fixed order (official, course, year):
    when re-planning, the history that stays too, whatever the rules say now."""
    facts = Facts.of(scenario)
    offered: dict[str, list[int]] = defaultdict(list)
    for found in scenario.offerings:
        offered[found.course_id].append(found.year)
    kept: dict[tuple[str, str], set[int]] = defaultdict(set)
    for official_id, course_id, start in scenario.replan.kept if scenario.replan else ():
        kept[(official_id, course_id)].add(start)
    candidates = []
    for official in scenario.officials:
        for course in scenario.courses:
            held = kept.get((official.official_id, course.course_id), set())
            for start in sorted(set(offered[course.course_id]) | held):
                if start in held or exclusion(facts, official, course, start) is None:
                    candidates.append((official.official_id, course.course_id, start))
    return candidates


# ------------------------------------------------------------ 4. lecturers


def lecturer_subject(lecturer: Lecturer, course: Course) -> bool:
    """The lecturer's subjects include the course's subject."""
    return course.subject in lecturer.subjects


def lecturer_active(lecturer: Lecturer, course: Course, start: int) -> bool:
    """The lecturer is active in every year the course spans."""
    return all(lecturer.active(year) for year in course.years(start))


def lecturer_scope(scenario: Scenario, lecturer: Lecturer, course: Course, start: int) -> bool:
    """The lecturer's scope holds every unit the offering is open to (blank: every unit)."""
    if not lecturer.scope:
        return True
    found = scenario.offering_by_key.get((course.course_id, start))
    open_to = (
        scenario.scope_units.get(found.scope, frozenset())
        if found is not None and found.scope
        else frozenset(scenario.unit_by_id)
    )
    return open_to <= scenario.scope_units.get(lecturer.scope, frozenset())


def teachers(scenario: Scenario, course: Course, start: int) -> list[Lecturer]:
    """The lecturers who may teach ``course`` started in ``start``, in the scenario's order."""
    return [
        lecturer
        for lecturer in scenario.lecturers
        if lecturer_subject(lecturer, course)
        and lecturer_active(lecturer, course, start)
        and lecturer_scope(scenario, lecturer, course, start)
    ]
