"""Which (official, course, start year) enrollments are worth a variable at all.

An enrollment gets a variable only if no rule can be seen to forbid it from the data alone:
the course is offered that year and ends inside the horizon, the official is young enough,
serves the obligation before retiring, lacks the level the course grants, could have its
prerequisites by then, and no pin forbids it. Everything the plan as a whole decides
(prerequisites taken in the plan, seats, budget, ...) is left to the model.
"""

from __future__ import annotations

from collections import defaultdict

from trainplan.models.message import Message
from trainplan.models.scenario import Course, Official, Scenario

Key = tuple[str, str, int]
"""(official_id, course_id, start_year)"""


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


def exclusion(
    scenario: Scenario,
    official: Official,
    course: Course,
    start: int,
    completion: dict[tuple[str, int], int],
    forbidden: set[Key],
) -> Message | None:
    """The reason this enrollment can never be in a valid plan, or None if it might be."""
    first, last = scenario.settings.horizon
    end = course.end_year(start)
    if (course.course_id, start) not in scenario.offering_by_key:
        return Message("why.offering", course=course.course_id, year=start)
    if start < first or end > last:
        return Message("why.horizon", course=course.course_id, start=start, end=end)
    if (official.official_id, course.course_id, start) in forbidden:
        return Message("why.pin_forbid")
    if scenario.rank(course.track, official.levels[course.track]) >= scenario.rank(
        course.track, course.grants
    ):
        return Message("why.level", level=official.levels[course.track])
    if course.max_age is not None and start - official.birth.year > course.max_age:
        age = start - official.birth.year
        return Message("why.max_age", age=age, year=start, max_age=course.max_age)
    retirement = official.retirement
    if retirement.year <= end:
        return Message("why.retirement", retirement=str(retirement), end=end)
    served = official.months_served_after(end)
    if served < scenario.obligation_months(course):
        return Message("why.obligation", retirement=str(retirement), served=served)
    continuity = scenario.settings.continuity
    for year in course.years(start):
        if course.away_days / course.span > continuity.rules(year).max_personal_days:
            return Message("why.personal_days", days=course.away_days, year=year)
        if (
            course.mode == "full_time"
            and scenario.post_of(official).leadership
            and continuity.rules(year).max_leaders_away == 0
        ):
            return Message("why.leaders_away", year=year)
    for requirement in course.requires:
        needed = scenario.rank(requirement.track, requirement.level)
        if scenario.rank(requirement.track, official.levels[requirement.track]) >= needed:
            continue
        earliest = completion.get((requirement.track, needed))
        if earliest is None or earliest >= start:
            return Message("why.prerequisite", requirement=str(requirement), year=start)
    return None


def enumerate_candidates(scenario: Scenario) -> list[Key]:
    """Every enrollment that may be in a valid plan, in a fixed order (official, course, year)."""
    completion = earliest_completion(scenario)
    forbidden = {
        (p.official_id, p.course_id, p.year) for p in scenario.pins if p.action == "forbid"
    }
    offered: dict[str, list[int]] = defaultdict(list)
    for offering in scenario.offerings:
        offered[offering.course_id].append(offering.year)
    candidates = []
    for official in scenario.officials:
        for course in scenario.courses:
            for start in sorted(offered[course.course_id]):
                if exclusion(scenario, official, course, start, completion, forbidden) is None:
                    candidates.append((official.official_id, course.course_id, start))
    return candidates
