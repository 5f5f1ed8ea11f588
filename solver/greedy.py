"""A careful human planner's plan, with no optimisation engine: the baseline of
``benchmarks/``.

Targets are taken in order (hard ones first, then by year). For each, the officials of its
population who lack what it asks are ranked as a planner would rank them: those who need the
fewest courses first, then those who count towards the most targets, then those with the most
service left. Each is given the cheapest course of each lacking track that completes by the
target's year, earliest start first, after any prerequisite it lacks (planned the same way), as
long as every rule still holds: seats, classes and their lecturers' hours, the yearly and total
budget, each unit's days away, personal days and leaders away (the rules the data alone decides
are ``solver.candidates``'s, whose enrollments are the only ones tried). A target stops taking
officials once enough qualify. Internal courses open a class when its first learner comes; a
class left below ``class_min`` at the end is closed and the whole plan made again without that
offering, until every class is full enough. It plans from scratch: re-planning (history and
an approved baseline, ``scenario.replan``) is left to the engines.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from trainplan.models.plan import ClassRow, Enrollment, Plan
from trainplan.models.scenario import Course, Need, Official, Scenario, Target
from trainplan.solver.candidates import Key, enumerate_candidates, teachers
from trainplan.solver.extract import split_classes

MAX_DEPTH = 3
"""Prerequisites planned before a course, one below the other (degree: college, university)."""


@dataclass
class _Ledger:
    """What the plan so far uses of every limited resource, in exact fractions."""

    enrolled: set[Key] = field(default_factory=set)
    mine: dict[str, list[Key]] = field(default_factory=lambda: defaultdict(list))
    """The enrollments of each official."""
    learners: dict[tuple[str, int], int] = field(default_factory=lambda: defaultdict(int))
    classes: dict[tuple[str, int], int] = field(default_factory=lambda: defaultdict(int))
    teaching: dict[tuple[str, str, int], int] = field(default_factory=lambda: defaultdict(int))
    """Hours of each lecturer in each offering (lecturer_id, course_id, start year)."""
    lecturer_year: dict[tuple[str, int], Fraction] = field(
        default_factory=lambda: defaultdict(Fraction)
    )
    cost_year: dict[int, Fraction] = field(default_factory=lambda: defaultdict(Fraction))
    cost_total: Fraction = Fraction(0)
    unit_days: dict[tuple[str, int], Fraction] = field(
        default_factory=lambda: defaultdict(Fraction)
    )
    personal: dict[tuple[str, int], Fraction] = field(default_factory=lambda: defaultdict(Fraction))
    leaders: dict[tuple[str, int], int] = field(default_factory=lambda: defaultdict(int))
    scope_year: dict[tuple[str, int], Fraction] = field(
        default_factory=lambda: defaultdict(Fraction)
    )
    scope_total: dict[str, Fraction] = field(default_factory=lambda: defaultdict(Fraction))


class Greedy:
    """One pass of the planner over the targets, with some internal offerings closed."""

    def __init__(self, scenario: Scenario, closed: frozenset[tuple[str, int]]) -> None:
        self.scenario = scenario
        self.closed = closed
        self.ledger = _Ledger()
        self.by_official: dict[str, list[Key]] = defaultdict(list)
        for key in enumerate_candidates(scenario):
            if (key[1], key[2]) not in closed:
                self.by_official[key[0]].append(key)

    # ------------------------------------------------------------ levels

    def level_by(self, official: Official, track: str, year: int) -> int:
        """The official's rank in ``track`` at the end of ``year``, with the plan so far."""
        scenario = self.scenario
        rank = scenario.rank(track, official.levels[track])
        for _, course_id, start in self.ledger.mine.get(official.official_id, ()):
            course = scenario.course_by_id[course_id]
            if course.track == track and course.end_year(start) <= year:
                rank = max(rank, scenario.rank(track, course.grants))
        return rank

    def holds(self, official: Official, need: Need, year: int) -> bool:
        """Whether the official meets ``need`` at the end of ``year``, with the plan so far."""
        scenario = self.scenario
        track = need.track
        if need.met_by(scenario.rank(track, official.levels[track]), official.fields.get(track)):
            return True
        for _, course_id, start in self.ledger.mine.get(official.official_id, ()):
            course = scenario.course_by_id[course_id]
            if course.track != track or course.end_year(start) > year:
                continue
            if need.met_by(scenario.rank(track, course.grants), course.field):
                return True
        return False

    def qualified(self, official: Official, target: Target) -> bool:
        needs = self.scenario.needs(target, official)
        return all(self.holds(official, need, target.year) for need in needs)

    # ------------------------------------------------------------ rules

    def _share(self, course: Course, amount: Fraction | int) -> Fraction:
        return Fraction(amount) / course.span

    def _scopes(self, official: Official, course_id: str, start: int) -> list[str]:
        """The ``budget.scopes`` an enrollment's cost counts in: those holding the official's
        unit or the offering's scope. The whole cost counts in each (more than budget_scope
        counts: a greedy planner may be cautious, never wrong)."""
        scenario = self.scenario
        offered = scenario.offering_by_key[(course_id, start)].scope
        units = scenario.scope_units.get(offered, frozenset()) if offered else None
        return [
            scope
            for scope in scenario.settings.budget.scopes
            if official.unit_id in scenario.scope_units.get(scope, ())
            or (units is not None and units <= scenario.scope_units.get(scope, frozenset()))
        ]

    def _budget_share(self, official: Official, course: Course) -> Fraction:
        """The learner cost the budget pays (``Scenario.payer``)."""
        paid = self.scenario.payer(official, course) == "budget"
        return Fraction(course.cost_per_learner) if paid else Fraction(0)

    def fits(self, key: Key) -> bool:
        """Whether adding the enrollment keeps every rule (classes it would open included)."""
        scenario, ledger = self.scenario, self.ledger
        official_id, course_id, start = key
        official = scenario.official_by_id[official_id]
        course = scenario.course_by_id[course_id]
        grants = scenario.rank(course.track, course.grants)
        mine = ledger.mine.get(official_id, [])
        if any(k[1] == course_id for k in mine):
            return False  # repeat
        if course.field is None:
            if self.level_by(official, course.track, start - 1) >= grants:
                return False  # level
        elif self.holds(
            official, Need(course.track, grants, frozenset((course.field,))), start - 1
        ):
            return False  # level (a second degree only in another field)
        for k in mine:  # a later course of the track must still raise the level
            other = scenario.course_by_id[k[1]]
            if (
                other.track == course.track
                and k[2] > course.end_year(start)
                and scenario.rank(other.track, other.grants) <= grants
            ):
                return False
        for requirement in course.requires:
            needed = scenario.rank(requirement.track, requirement.level)
            if self.level_by(official, requirement.track, start - 1) < needed:
                return False  # prerequisite
        offering = scenario.offering_by_key[(course_id, start)]
        cost = self._budget_share(official, course)
        opening = None
        if course.provider == "external":
            if ledger.learners[(course_id, start)] >= (offering.seats or 0):
                return False  # seats
        else:
            assert course.class_max is not None
            learners = ledger.learners[(course_id, start)] + 1
            classes = math.ceil(learners / course.class_max)
            if classes > ledger.classes[(course_id, start)]:
                if classes > (offering.classes or 0):
                    return False  # classes
                opening = self._lecturers(course, start)
                if opening is None:
                    return False  # lecturer_hours
                if course.funding != "other":
                    cost += (course.class_cost or 0) + sum(
                        scenario.lecturer_by_id[lecturer].cost_per_hour * hours
                        for lecturer, hours in opening
                    )
        budget = scenario.settings.budget
        if budget.total is not None and ledger.cost_total + cost > budget.total:
            return False  # budget_total
        for scope in self._scopes(official, course_id, start):
            capped = budget.scopes[scope]
            if capped.total is not None and ledger.scope_total[scope] + cost > capped.total:
                return False  # budget_scope
            for year in course.years(start) if capped.per_year is not None else ():
                spent = ledger.scope_year[(scope, year)] + self._share(course, cost)
                if capped.per_year is not None and spent > capped.per_year:
                    return False  # budget_scope
        continuity = scenario.settings.continuity
        leader = course.mode == "full_time" and scenario.post_of(official).leadership
        for year in course.years(start):
            if budget.per_year is not None and (
                ledger.cost_year[year] + self._share(course, cost) > budget.per_year
            ):
                return False  # budget_year
            days = self._share(course, course.away_days)
            if ledger.unit_days[(official.unit_id, year)] + days > scenario.away_limit(
                official.unit_id, year
            ):
                return False  # unit_away
            rules = continuity.rules(year)
            if ledger.personal[(official_id, year)] + days > rules.max_personal_days:
                return False  # personal_days
            if leader and ledger.leaders[(official.unit_id, year)] + 1 > rules.max_leaders_away:
                return False  # leaders_away
        return True

    def _lecturers(self, course: Course, start: int) -> list[tuple[str, int]] | None:
        """Lecturers' hours for one more class of ``course``, or None if they lack the time."""
        needed = course.lecturer_hours or 0
        found: list[tuple[str, int]] = []
        for lecturer in teachers(self.scenario, course, start):
            if needed == 0:
                break
            spare = min(
                lecturer.hours_per_year - self.ledger.lecturer_year[(lecturer.lecturer_id, y)]
                for y in course.years(start)
            )
            take = min(needed, math.floor(spare * course.span))
            if take > 0:
                found.append((lecturer.lecturer_id, take))
                needed -= take
        return found if needed == 0 else None

    def add(self, key: Key) -> None:
        """Add an enrollment that ``fits``, with the class it opens, to the ledger."""
        scenario, ledger = self.scenario, self.ledger
        official_id, course_id, start = key
        official = scenario.official_by_id[official_id]
        course = scenario.course_by_id[course_id]
        cost = self._budget_share(official, course)
        ledger.learners[(course_id, start)] += 1
        if course.provider == "internal":
            assert course.class_max is not None
            classes = math.ceil(ledger.learners[(course_id, start)] / course.class_max)
            if classes > ledger.classes[(course_id, start)]:
                opening = self._lecturers(course, start)
                assert opening is not None
                ledger.classes[(course_id, start)] = classes
                public = course.funding != "other"  # another source pays the classes
                cost += (course.class_cost or 0) * public
                for lecturer_id, hours in opening:
                    ledger.teaching[(lecturer_id, course_id, start)] += hours
                    cost += scenario.lecturer_by_id[lecturer_id].cost_per_hour * hours * public
                    for year in course.years(start):
                        ledger.lecturer_year[(lecturer_id, year)] += self._share(course, hours)
        ledger.enrolled.add(key)
        ledger.mine[official_id].append(key)
        ledger.cost_total += cost
        for scope in self._scopes(official, course_id, start):
            ledger.scope_total[scope] += cost
            for year in course.years(start):
                ledger.scope_year[(scope, year)] += self._share(course, cost)
        leader = course.mode == "full_time" and scenario.post_of(official).leadership
        for year in course.years(start):
            ledger.cost_year[year] += self._share(course, cost)
            days = self._share(course, course.away_days)
            ledger.unit_days[(official.unit_id, year)] += days
            ledger.personal[(official_id, year)] += days
            if leader:
                ledger.leaders[(official.unit_id, year)] += 1

    # ------------------------------------------------------------ planning

    def reach(self, official: Official, need: Need, year: int, depth: int) -> bool:
        """Plan courses so that the official meets ``need`` by the end of ``year``: the
        cheapest course, earliest start first, prerequisites before it."""
        if self.holds(official, need, year):
            return True
        if depth > MAX_DEPTH:
            return False
        scenario = self.scenario
        options = sorted(
            (
                key
                for key in self.by_official.get(official.official_id, ())
                if (course := scenario.course_by_id[key[1]]).track == need.track
                and need.met_by(scenario.rank(need.track, course.grants), course.field)
                and course.end_year(key[2]) <= year
            ),
            key=lambda k: (scenario.course_by_id[k[1]].cost_per_learner, k[2], k[1]),
        )
        for key in options:
            course = scenario.course_by_id[key[1]]
            before = len(self.ledger.enrolled)
            prerequisites = all(
                self.reach(
                    official,
                    Need(requirement.track, scenario.rank(requirement.track, requirement.level)),
                    key[2] - 1,
                    depth + 1,
                )
                for requirement in course.requires
            )
            if prerequisites and self.fits(key):
                self.add(key)
                return True
            if len(self.ledger.enrolled) != before:  # a prerequisite planned for nothing
                return False  # (kept: undoing the ledger is not worth it for a baseline)
        return False

    def plan(self) -> None:
        scenario = self.scenario
        targets = sorted(scenario.settings.targets, key=lambda t: (not t.hard, t.year, t.id))
        populations = {t.id: scenario.population(t) for t in targets}
        counts: dict[str, int] = defaultdict(int)
        for target in targets:
            for official in populations[target.id]:
                counts[official.official_id] += 1
        first = scenario.settings.horizon[0]
        for pin in scenario.pins:
            key = (pin.official_id, pin.course_id, pin.year)
            if pin.action == "require" and self.fits(key):
                self.add(key)
        succession = scenario.settings.succession
        for official in scenario.officials if succession is not None else ():
            if official.successor_for is not None:  # the succession pool first: a hard rule
                assert succession is not None
                for need in scenario.successor_needs(official):
                    self.reach(official, need, succession.year, 0)
        for target in targets:
            population = populations[target.id]
            required = target.required(len(population))
            have = sum(1 for official in population if self.qualified(official, target))

            def lacking(official: Official, target: Target = target) -> int:
                needs = scenario.needs(target, official)
                return sum(1 for need in needs if not self.holds(official, need, target.year))

            ranked = sorted(
                (o for o in population if not self.qualified(o, target)),
                key=lambda o: (
                    lacking(o),
                    -counts[o.official_id],
                    -o.months_served_after(first),
                    o.official_id,
                ),
            )
            for official in ranked:
                if have >= required:
                    break
                needs = scenario.needs(target, official)
                done = all(
                    self.reach(official, need, target.year, 0)
                    for need in sorted(needs, key=lambda n: (n.track, n.rank, n.fields is not None))
                )
                if done:
                    have += 1

    def thin_classes(self) -> set[tuple[str, int]]:
        """Internal offerings whose classes hold fewer than ``class_min`` learners each."""
        scenario, ledger = self.scenario, self.ledger
        return {
            offer
            for offer, classes in ledger.classes.items()
            if ledger.learners[offer] < classes * (scenario.course_by_id[offer[0]].class_min or 0)
        }

    def result(self) -> Plan:
        scenario, ledger = self.scenario, self.ledger
        classes: list[ClassRow] = []
        for (course_id, year), count in sorted(ledger.classes.items()):
            course = scenario.course_by_id[course_id]
            teaching = [
                (lecturer_id, hours)
                for (lecturer_id, c, y), hours in ledger.teaching.items()
                if (c, y) == (course_id, year)
            ]
            classes.extend(
                split_classes(
                    course_id,
                    year,
                    count,
                    ledger.learners[(course_id, year)],
                    course.lecturer_hours or 0,
                    teaching,
                )
            )
        return Plan(tuple(Enrollment(*key) for key in ledger.enrolled), tuple(classes))


def greedy_plan(scenario: Scenario) -> Plan:
    """The planner's plan: targets in order, the readiest officials first, every rule kept."""
    closed: frozenset[tuple[str, int]] = frozenset()
    while True:
        greedy = Greedy(scenario, closed)
        greedy.plan()
        thin = greedy.thin_classes()
        if not thin:
            return greedy.result()
        closed = closed | thin
