"""The decision variables of the CP-SAT model, in typed containers with readable names.

- ``enroll[official, course, start]`` (``enroll_<official>_<course>_<start>``): 1 if the
  official starts the course that year; only candidates get one (``solver.candidates``).
- ``classes_open[course, year]`` (``classes_<course>_<year>``): classes of an internal course.
- ``hours[lecturer, course, year]`` (``hours_<lecturer>_<course>_<year>``): hours the lecturer
  teaches that offering, over all its classes and years.
- ``qualified[official, levels@year]``: may be 1 only if the official holds those levels at
  the end of that year; made on demand by ``target_count``.
- ``shortfall[target]`` (``shortfall_<target>``): how far a soft target falls short.

The order in which variables are made is part of the model, and so of which of several equal
plans a seeded search finds: keep it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from trainplan.models.scenario import Need, Scenario, Target
from trainplan.solver.candidates import Key, enumerate_candidates, teachers

Offer = tuple[str, int]
"""An offering: (course_id, start year)."""
Teach = tuple[str, str, int]
"""(lecturer_id, course_id, start year)."""


def _need_key(need: Need) -> tuple[str, int] | tuple[str, int, tuple[str, ...]]:
    """A need as the key of its qualified literal: (track, rank), and the fields if any."""
    if need.fields is None:
        return (need.track, need.rank)
    return (need.track, need.rank, tuple(sorted(need.fields)))


@dataclass(frozen=True)
class TargetCount:
    """How many of a target's population qualify: ``constant`` who already do, plus one per
    true literal; ``required`` of them must."""

    required: int
    constant: int
    literals: list[cp_model.IntVar]

    @property
    def expression(self) -> cp_model.LinearExprT:
        return self.constant + sum(self.literals)


@dataclass
class Variables:
    """Every variable of one model, and the indexes the constraints read them by."""

    model: cp_model.CpModel
    scenario: Scenario
    enroll: dict[Key, cp_model.IntVar] = field(default_factory=dict)
    classes_open: dict[Offer, cp_model.IntVar] = field(default_factory=dict)
    hours: dict[Teach, cp_model.IntVar] = field(default_factory=dict)
    qualified: dict[tuple[str, str], cp_model.IntVar] = field(default_factory=dict)
    shortfall: dict[str, cp_model.IntVar] = field(default_factory=dict)
    by_official: dict[str, list[Key]] = field(default_factory=lambda: defaultdict(list))
    by_offering: dict[Offer, list[Key]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def create(cls, model: cp_model.CpModel, scenario: Scenario, *, explain: bool) -> Variables:
        """Enrollment, class and hours variables. When ``explain``, the class and hours bounds
        are loose, so that the class and lecturer limits can be named in a core instead."""
        made = cls(model, scenario)
        for candidate in enumerate_candidates(scenario):
            official_id, course_id, year = candidate
            made.enroll[candidate] = model.new_bool_var(f"enroll_{official_id}_{course_id}_{year}")
        for candidate in made.enroll:
            made.by_official[candidate[0]].append(candidate)
            made.by_offering[(candidate[1], candidate[2])].append(candidate)
        for found in scenario.offerings:
            course = scenario.course_by_id[found.course_id]
            key = (found.course_id, found.year)
            if course.provider != "internal" or not made.by_offering.get(key):
                continue
            allowed = found.classes or 0
            most_classes = max(allowed, len(made.by_offering[key])) if explain else allowed
            made.classes_open[key] = model.new_int_var(
                0, most_classes, f"classes_{found.course_id}_{found.year}"
            )
            for lecturer in teachers(scenario, course, found.year):
                most = most_classes * (course.lecturer_hours or 0)
                if not explain:  # one offering alone stays within the lecturer's years; the
                    # sum over offerings and years is Constraints.lecturer_hours
                    most = min(most, lecturer.hours_per_year * course.span)
                name = f"hours_{lecturer.lecturer_id}_{found.course_id}_{found.year}"
                made.hours[(lecturer.lecturer_id, found.course_id, found.year)] = model.new_int_var(
                    0, most, name
                )
        return made

    def learners(self, course_id: str, year: int) -> cp_model.LinearExprT:
        """Enrollments starting ``course_id`` in ``year``."""
        return sum(self.enroll[key] for key in self.by_offering.get((course_id, year), ()))

    def ends_by(
        self,
        official_id: str,
        track: str,
        rank: int,
        year: int,
        fields: frozenset[str] | None = None,
    ) -> list[cp_model.IntVar]:
        """Enrollments of the official that grant ``rank`` or more in ``track`` by end of year
        (in one of ``fields``, when given)."""
        scenario = self.scenario
        found = []
        for key in self.by_official.get(official_id, ()):
            course = scenario.course_by_id[key[1]]
            if (
                course.track == track
                and scenario.rank(track, course.grants) >= rank
                and course.end_year(key[2]) <= year
                and (fields is None or course.field in fields)
            ):
                found.append(self.enroll[key])
        return found

    def decision_vars(self) -> list[cp_model.IntVar]:
        """The variables a solution is read from and a hint is given to."""
        return [
            *self.enroll.values(),
            *self.classes_open.values(),
            *self.hours.values(),
            *self.qualified.values(),
            *self.shortfall.values(),
        ]

    # ------------------------------------------------------------ targets

    def qualified_literal(
        self, official_id: str, needs: tuple[Need, ...], year: int
    ) -> cp_model.IntVar | int:
        """1 if the official already qualifies, 0 if they cannot, else a literal that may be 1
        only if, for every need not met initially, some enrollment completing by ``year``
        meets it."""
        scenario = self.scenario
        official = scenario.official_by_id[official_id]
        lacking = [
            need
            for need in needs
            if not need.met_by(
                scenario.rank(need.track, official.levels[need.track]),
                official.fields.get(need.track),
            )
        ]
        if not lacking:
            return 1
        providers = [
            self.ends_by(official_id, need.track, need.rank, year, need.fields) for need in lacking
        ]
        if any(not found for found in providers):
            return 0
        key = (official_id, f"{sorted(map(_need_key, lacking))}@{year}")
        if key not in self.qualified:
            var = self.model.new_bool_var(f"qualified_{official_id}_{year}_{len(self.qualified)}")
            for found in providers:
                self.model.add_bool_or([var.Not(), *found])
            self.qualified[key] = var
        return self.qualified[key]

    def target_count(self, target: Target) -> TargetCount:
        """Who of the target's population may qualify by the end of its year (SPEC rule 7)."""
        scenario = self.scenario
        population = scenario.population(target)
        required = target.required(len(population))
        constant = 0
        literals = []
        for official in population:
            value = self.qualified_literal(
                official.official_id, scenario.needs(target, official), target.year
            )
            if isinstance(value, int):
                constant += value
            else:
                literals.append(value)
        return TargetCount(required, constant, literals)

    def add_shortfall(self, target: Target, count: TargetCount) -> cp_model.IntVar:
        """A soft target's shortfall: at least ``required`` minus those who qualify, never
        below 0; the targets objective pushes it down to exactly that."""
        gap = max(0, count.required - count.constant)
        shortfall = self.model.new_int_var(0, gap, f"shortfall_{target.id}")
        if gap:
            self.model.add(shortfall >= count.required - count.expression)
        self.shortfall[target.id] = shortfall
        return shortfall
