"""Who stays below their post standard at the end of the horizon, and why (``ShortReason``).

An official counts when in service at the end of the horizon's last year and, with the plan's
courses completed, below their post's standard on some track. For each such track the reason is
the first of ``ShortReason`` that holds, judged against every course of that track that would
raise the official's level and every year it is offered, by the checker's own arithmetic
(``trainplan.checking.recount``) and the plan's other enrollments of the official.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from trainplan.checking.arithmetic import (
    end_year,
    in_service_at_end,
    months_before_leaving,
    months_owed,
    months_served_after,
    retirement_of,
)
from trainplan.checking.evaluation import Attainment
from trainplan.checking.recount import completed_levels, degrees_held, matches, meets
from trainplan.models.plan import Enrollment
from trainplan.models.rules import Rule
from trainplan.models.scenario import Course, Official, Scenario


class ShortReason(StrEnum):
    """Why an official stays below their post standard on a track at the end of the horizon.

    Decided in this order for each track the official falls short on; the first that holds.
    """

    NO_COURSE = "no_course"
    """No course of the scenario raises that track above the official's level."""
    NO_FIELD = "no_field"
    """The post accepts the level only in some fields, and no course grants it in them."""
    RETIRING = "retiring"
    """Every course that would raise it, in every year offered, ends too late for the official:
    they retire or leave before it completes or before its service obligation is repaid."""
    NOT_ELIGIBLE = "not_eligible"
    """Every such course and year is closed to the official by another rule (``rule`` names the
    one that closes most of them: prerequisite, max_age, joins, horizon, ...)."""
    NOT_NEEDED = "not_needed"
    """A course is open to the official, but they count in no target's population."""
    TARGETS_MET = "targets_met"
    """A course is open to them and they count for targets, but every such target is met
    without them (training them would only cost more)."""
    LIMITS = "limits"
    """A course is open to them and a target they count for falls short: seats, classes,
    lecturer hours, budget or days away ran out (``trainplan explain`` names which)."""


@dataclass(frozen=True)
class Gap:
    """One track on which an official ends the horizon below their post standard."""

    track: str
    level: str
    """The level they hold at the end of the horizon."""
    standard: str
    reason: ShortReason
    rule: str
    """NOT_ELIGIBLE, RETIRING: the rule (``Rule`` value) that closes most courses; else ""."""
    fields: tuple[str, ...] = ()
    """The fields the post accepts the standard in (none: any field)."""
    held_fields: tuple[str, ...] = ()
    """When the post names fields: the fields of the levels they hold at or above it."""

    @property
    def fields_words(self) -> str:
        """`` (luật; hành chính)`` after the standard's level, or nothing."""
        return f" ({'; '.join(self.fields)})" if self.fields else ""

    @property
    def held_words(self) -> str:
        """`` (kinh tế)`` after the level held, when its field is what falls short."""
        return f" ({'; '.join(self.held_fields)})" if self.held_fields else ""


@dataclass(frozen=True)
class ShortOfficial:
    """An official in service at the end of the horizon still below their post standard."""

    official_id: str
    official_name: str
    unit_id: str
    unit_name: str
    post_id: str
    post_name: str
    gaps: tuple[Gap, ...]
    reason: ShortReason
    """The first gap's reason (tracks in the scenario's order)."""


SERVICE_RULES = frozenset({Rule.RETIREMENT, Rule.OBLIGATION, Rule.LEAVES})
"""Rules that close a course because the official's service ends too soon."""


def closing_rule(
    scenario: Scenario,
    official: Official,
    course: Course,
    start: int,
    taken: list[Enrollment],
    depth: int = 3,
) -> Rule | None:
    """The first rule that forbids ``official`` to start ``course`` in ``start`` beside the
    plan's ``taken`` courses of theirs; None when they may. A prerequisite not yet held
    closes the course only if no course open to the official could grant it before ``start``
    (a chain of up to ``depth`` courses): an official who could take the prerequisite first
    is not "not eligible"."""
    last = scenario.settings.horizon[1]
    end = end_year(course, start)
    if end > last:
        return Rule.HORIZON
    if official.joins is not None and official.joins.year >= start:
        return Rule.JOINS
    if any(e.course_id == course.course_id for e in taken):
        return Rule.REPEAT
    before = completed_levels(scenario, official, taken, start - 1)
    grants = scenario.rank(course.track, course.grants)
    if course.field is None and before.get(course.track, 0) >= grants:
        return Rule.LEVEL
    same_field = (course.track, grants, frozenset({course.field}) if course.field else None)
    if course.field is not None and meets(
        degrees_held(scenario, official, taken, start - 1), same_field
    ):
        return Rule.LEVEL
    for requirement in course.requires:
        needed = scenario.rank(requirement.track, requirement.level)
        if before.get(requirement.track, 0) < needed and not _can_gain(
            scenario, official, requirement.track, needed, start - 1, taken, depth - 1
        ):
            return Rule.PREREQUISITE
    if course.max_age is not None and start - official.birth.year > course.max_age:
        return Rule.MAX_AGE
    owed = months_owed(scenario, course)
    if retirement_of(official).year <= end:
        return Rule.RETIREMENT
    if months_served_after(official, end) < owed:
        return Rule.OBLIGATION
    leaves = official.leaves
    if leaves is not None and (leaves.year <= end or months_before_leaving(leaves, end) < owed):
        return Rule.LEAVES
    return None


def _can_gain(
    scenario: Scenario,
    official: Official,
    track: str,
    rank: int,
    by_year: int,
    taken: list[Enrollment],
    depth: int,
) -> bool:
    """Whether some course open to ``official`` grants ``rank`` in ``track`` by the end of
    ``by_year`` (its own prerequisites gained the same way, ``depth`` courses deep)."""
    if depth <= 0:
        return False
    for course in scenario.courses:
        if course.track != track or scenario.rank(track, course.grants) < rank:
            continue
        for offering in scenario.offerings_by_course.get(course.course_id, ()):
            late = end_year(course, offering.year) > by_year
            if late or not scenario.open_to(official, offering):
                continue
            if closing_rule(scenario, official, course, offering.year, taken, depth) is None:
                return True
    return False


def _targets_of(
    scenario: Scenario, official: Official, attainment: Iterable[Attainment]
) -> list[Attainment]:
    """The targets (at their own year) whose population holds ``official``."""
    met = {a.target_id: a for a in attainment}
    return [
        met[target.id]
        for target in scenario.settings.targets
        if target.id in met
        and matches(scenario, target.who, official)
        and in_service_at_end(official, target.year)
    ]


def gap_reason(
    scenario: Scenario,
    official: Official,
    track: str,
    held: int,
    taken: list[Enrollment],
    attainment: list[Attainment],
    standard: tuple[int, frozenset[str]] | None = None,
) -> tuple[ShortReason, str]:
    """Why ``official`` ends below standard on ``track`` (held rank ``held``), and the rule
    that closes most courses when none is open. ``standard``: the rank the post asks for in
    the fields it accepts, when it names fields (only courses in them help)."""
    if standard is None:
        raising = [
            c
            for c in scenario.courses
            if c.track == track and scenario.rank(track, c.grants) > held
        ]
    else:
        rank, fields = standard
        raising = [
            c
            for c in scenario.courses
            if c.track == track and c.field in fields and scenario.rank(track, c.grants) >= rank
        ]
    if not raising:
        return (ShortReason.NO_COURSE if standard is None else ShortReason.NO_FIELD), ""
    closed: Counter[Rule] = Counter()
    open_somewhere = elsewhere = False
    for course in raising:
        for offering in scenario.offerings_by_course.get(course.course_id, ()):
            if not scenario.open_to(official, offering):  # another province's class, say
                elsewhere = True
                continue
            rule = closing_rule(scenario, official, course, offering.year, taken)
            if rule is None:
                open_somewhere = True
            else:
                closed[rule] += 1
    if not open_somewhere:
        if not closed:
            if elsewhere:  # offered only to other units
                return ShortReason.NOT_ELIGIBLE, str(Rule.SEAT_SCOPE)
            return ShortReason.NO_COURSE, ""
        rule, _ = closed.most_common(1)[0]
        if set(closed) <= SERVICE_RULES:
            return ShortReason.RETIRING, str(rule)
        besides = Counter({r: n for r, n in closed.items() if r not in SERVICE_RULES})
        direct = Counter({r: n for r, n in besides.items() if r != Rule.PREREQUISITE})
        # a prerequisite out of reach follows from what closes the courses granting it (an
        # age limit, say): name that root rule when there is one
        return ShortReason.NOT_ELIGIBLE, str((direct or besides).most_common(1)[0][0])
    counted = _targets_of(scenario, official, attainment)
    if not counted:
        return ShortReason.NOT_NEEDED, ""
    if all(a.met for a in counted):
        return ShortReason.TARGETS_MET, ""
    return ShortReason.LIMITS, ""


def short_officials(
    scenario: Scenario,
    by_official: dict[str, list[Enrollment]],
    attainment: list[Attainment],
) -> list[ShortOfficial]:
    """Every official in service at the end of the horizon still below their post standard,
    by unit name and official name."""
    last = scenario.settings.horizon[1]
    tracks = scenario.settings.tracks
    found = []
    for official in scenario.officials:
        if not in_service_at_end(official, last):
            continue
        post = scenario.post_by_id[official.post_id]
        in_force = scenario.standard_in(post, last)  # the standard at the end of the horizon
        taken = by_official.get(official.official_id, [])
        levels = completed_levels(scenario, official, taken, last)
        degrees = degrees_held(scenario, official, taken, last)
        gaps = []
        for track, levels_of_track in tracks.items():
            standard = in_force.get(track)
            if standard is None:
                continue
            held = levels.get(track, 0)
            rank = scenario.rank(track, standard)
            fields = frozenset(post.fields.get(track, ()))
            if meets(degrees, (track, rank, fields or None)):
                continue
            named = (rank, fields) if fields else None
            reason, rule = gap_reason(scenario, official, track, held, taken, attainment, named)
            high_enough = sorted(
                {f for t, r, f in degrees if t == track and r >= rank and f is not None}
            )
            gaps.append(
                Gap(
                    track,
                    levels_of_track[held],
                    standard,
                    reason,
                    rule,
                    tuple(sorted(fields)),
                    tuple(high_enough) if fields else (),
                )
            )
        if gaps:
            unit = scenario.unit_by_id[official.unit_id]
            found.append(
                ShortOfficial(
                    official_id=official.official_id,
                    official_name=official.name,
                    unit_id=official.unit_id,
                    unit_name=unit.name,
                    post_id=post.post_id,
                    post_name=post.name,
                    gaps=tuple(gaps),
                    reason=gaps[0].reason,
                )
            )
    return sorted(found, key=lambda s: (s.unit_name, s.unit_id, s.official_name, s.official_id))
