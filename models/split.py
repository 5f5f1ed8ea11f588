"""A scenario split by province, for ``solve --by-province`` (``trainplan.solver.provinces``).

Each province's part holds its units, officials and pins, every course, the offerings,
lecturers and budget caps whose scope lies inside it, and its share of what provinces share:
an offering, lecturer or budget cap open to several provinces (no scope, or a scope spanning
them) is *shared*. Its seats, classes, hours or VND are split among the provinces it is open to
by need (officials below the level the course grants; for lecturers and budgets, officials),
largest remainder first, so that the shares never add up to more than the whole: the union of
the parts' valid plans is a valid plan of the whole scenario.

A target whose population lies in one province goes to that province's part. A target whose
population spans provinces is *split*: each part asks the same share of its own population
(at least as much as the whole target asks, by rounding up each part; a hard one may thus
leave a part with no plan where the whole has one). ``solve --by-province`` then asks each
part a count of a soft one instead (``allocate``, ``asking``): in proportion to the officials
it qualifies at the target's price.

When nothing is shared and no target is split, the scenario decomposes exactly: the whole's
best plan is the union of the parts' best plans and its bound is the sum of theirs. When
something is shared, each part's ``relaxed`` copy gives it all of every shared capacity: with
no target split, the sum of their bounds bounds the whole scenario's best plan from below;
with targets split, they are the provinces' terms of a Lagrangian bound of the whole
(``trainplan.solver.lagrange``).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from trainplan.models.message import Message
from trainplan.models.problems import InputError, Problem
from trainplan.models.scenario import Budget, Lecturer, Offering, Scenario, Target


@dataclass(frozen=True)
class Part:
    """One province's share of the scenario."""

    province: str
    scenario: Scenario
    relaxed: Scenario | None
    """Every shared capacity wholly its own: for a bound of the whole (None when nothing is
    shared)."""


@dataclass(frozen=True)
class Split:
    parts: tuple[Part, ...]
    shared: tuple[str, ...]
    """What provinces share, as ``offering <course> <year>``, ``lecturer <id>``, ``budget``
    or ``budget <scope>``."""
    split_targets: tuple[str, ...]
    """Targets whose population spans provinces, asked of each province at the same share."""

    @property
    def exact(self) -> bool:
        """Nothing shared and no target split: the parts' best plans make the whole's."""
        return not self.shared and not self.split_targets


def apportion(amount: int, weights: Mapping[str, int]) -> dict[str, int]:
    """``amount`` split in proportion to ``weights`` (largest remainder, ties in key order);
    equal shares when every weight is 0. The shares add up to ``amount`` exactly."""
    keys = sorted(weights)
    if not keys:
        return {}
    total = sum(weights.values())
    exact = {
        key: Fraction(amount * (weights[key] if total else 1), total or len(keys)) for key in keys
    }
    shares = {key: math.floor(value) for key, value in exact.items()}
    left = amount - sum(shares.values())
    for key in sorted(keys, key=lambda k: (-(exact[k] - shares[k]), k))[:left]:
        shares[key] += 1
    return shares


def province_of_units(scenario: Scenario) -> dict[str, str]:
    """Each unit's province.

    Raises
    ------
    InputError
        When units name no province (units.csv, column ``province``: each such row), or when
        re-planning.
    """
    missing = [
        Problem(
            "units.csv",
            index + 2,  # the header is row 1
            "province",
            Message("input.by_province.no_province", unit=unit.unit_id),
        )
        for index, unit in enumerate(scenario.units)
        if not unit.province
    ]
    if missing:
        raise InputError(missing)
    if scenario.replan is not None:
        raise InputError([Problem("--baseline", None, None, Message("input.by_province.replan"))])
    return {unit.unit_id: str(unit.province) for unit in scenario.units}


class _Splitter:
    """Works out each province's share of ``scenario``."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.province_of = province_of_units(scenario)
        self.provinces = sorted(set(self.province_of.values()))
        self.officials: dict[str, list[str]] = defaultdict(list)
        for official in scenario.officials:
            self.officials[self.province_of[official.unit_id]].append(official.official_id)
        self.shared: list[str] = []

    def touched(self, scope: str | None) -> list[str]:
        """The provinces a scope reaches (every province when blank)."""
        if not scope:
            return self.provinces
        units = self.scenario.scope_units.get(scope, frozenset())
        return sorted({self.province_of[unit] for unit in units})

    def need(self, course_id: str, provinces: list[str]) -> dict[str, int]:
        """Officials of each province below the level ``course_id`` grants."""
        scenario = self.scenario
        course = scenario.course_by_id[course_id]
        grants = scenario.rank(course.track, course.grants)
        found = {province: 0 for province in provinces}
        for official in scenario.officials:
            province = self.province_of[official.unit_id]
            if (
                province in found
                and scenario.rank(course.track, official.levels[course.track]) < grants
            ):
                found[province] += 1
        return found

    def headcount(self, provinces: list[str]) -> dict[str, int]:
        return {province: len(self.officials[province]) for province in provinces}

    def offerings(self) -> dict[str, tuple[list[Offering], list[Offering]]]:
        """Each province's offerings: (its share, the relaxed whole)."""
        found: dict[str, tuple[list[Offering], list[Offering]]] = {
            p: ([], []) for p in self.provinces
        }
        for offering in self.scenario.offerings:
            reach = self.touched(offering.scope)
            if len(reach) == 1:
                found[reach[0]][0].append(offering)
                found[reach[0]][1].append(offering)
                continue
            self.shared.append(f"offering {offering.course_id} {offering.year}")
            need = self.need(offering.course_id, reach)
            seats = apportion(offering.seats or 0, need) if offering.seats is not None else {}
            classes = apportion(offering.classes or 0, need) if offering.classes is not None else {}
            for province in reach:
                share = offering.model_copy(
                    update={"seats": seats.get(province), "classes": classes.get(province)}
                )
                found[province][0].append(share)
                found[province][1].append(offering)
        return found

    def lecturers(self) -> dict[str, tuple[list[Lecturer], list[Lecturer]]]:
        found: dict[str, tuple[list[Lecturer], list[Lecturer]]] = {
            p: ([], []) for p in self.provinces
        }
        for lecturer in self.scenario.lecturers:
            reach = self.touched(lecturer.scope)
            if len(reach) > 1 and lecturer.hours_per_year:
                self.shared.append(f"lecturer {lecturer.lecturer_id}")
            hours = apportion(lecturer.hours_per_year, self.headcount(reach))
            for province in reach:
                found[province][0].append(
                    lecturer.model_copy(update={"hours_per_year": hours[province]})
                )
                found[province][1].append(lecturer)
        return found

    def budgets(self) -> dict[str, tuple[Budget, Budget]]:
        """Each province's budget: its share of the national caps and of scopes spanning
        provinces, its own scopes' caps; and the relaxed one (every cap whole)."""
        budget = self.scenario.settings.budget
        everyone = self.headcount(self.provinces)
        if len(self.provinces) > 1 and (budget.per_year is not None or budget.total is not None):
            self.shared.append("budget")
        national = {
            field: apportion(value, everyone) if value is not None else None
            for field, value in (("per_year", budget.per_year), ("total", budget.total))
        }
        own: dict[str, dict[str, Budget]] = {p: {} for p in self.provinces}
        relaxed_own: dict[str, dict[str, Budget]] = {p: {} for p in self.provinces}
        for scope, capped in budget.scopes.items():
            reach = self.touched(scope)
            if len(reach) > 1:
                self.shared.append(f"budget {scope}")
            units = self.scenario.scope_units.get(scope, frozenset())
            counts = {p: 0 for p in reach}
            for official in self.scenario.officials:
                if official.unit_id in units:
                    counts[self.province_of[official.unit_id]] += 1
            per_year = apportion(capped.per_year, counts) if capped.per_year is not None else {}
            total = apportion(capped.total, counts) if capped.total is not None else {}
            for province in reach:
                own[province][scope] = Budget(
                    per_year=per_year.get(province), total=total.get(province)
                )
                relaxed_own[province][scope] = capped
        return {
            p: (
                Budget(
                    per_year=None if national["per_year"] is None else national["per_year"][p],
                    total=None if national["total"] is None else national["total"][p],
                    scopes=own[p],
                ),
                budget.model_copy(update={"scopes": relaxed_own[p]}),
            )
            for p in self.provinces
        }

    def targets(self) -> tuple[dict[str, list[Target]], list[str]]:
        """Each province's targets, and the ids of those split (population spanning
        provinces: every province asked the same share of its own)."""
        found: dict[str, list[Target]] = {p: [] for p in self.provinces}
        split: list[str] = []
        for target in self.scenario.settings.targets:
            reach = sorted({self.province_of[o.unit_id] for o in self.scenario.population(target)})
            if len(reach) > 1:
                split.append(target.id)
            for province in reach:
                found[province].append(target)
        return found, split


def split_by_province(scenario: Scenario) -> Split:
    """``scenario``'s parts, one per province (see the module's docstring).

    Raises
    ------
    InputError
        When a unit names no province, or when re-planning.
    """
    cut = _Splitter(scenario)
    offerings, lecturers, budgets = cut.offerings(), cut.lecturers(), cut.budgets()
    targets, split = cut.targets()
    parts = []
    for province in cut.provinces:
        units = tuple(u for u in scenario.units if cut.province_of[u.unit_id] == province)
        members = set(cut.officials[province])
        own = dict(
            units=units,
            officials=tuple(o for o in scenario.officials if o.official_id in members),
            pins=tuple(p for p in scenario.pins if p.official_id in members),
        )
        settings = scenario.settings.model_copy(
            update={"targets": tuple(targets[province]), "budget": budgets[province][0]}
        )
        share = scenario.model_copy(
            update={
                **own,
                "settings": settings,
                "offerings": tuple(offerings[province][0]),
                "lecturers": tuple(lecturers[province][0]),
            }
        )
        relaxed = None
        if cut.shared:
            whole = settings.model_copy(update={"budget": budgets[province][1]})
            relaxed = share.model_copy(
                update={
                    "settings": whole,
                    "offerings": tuple(offerings[province][1]),
                    "lecturers": tuple(lecturers[province][1]),
                }
            )
        parts.append(Part(province, share, relaxed))
    return Split(tuple(parts), tuple(cut.shared), tuple(split))


def allocate(
    required: int, reached: Mapping[str, int], population: Mapping[str, int]
) -> dict[str, int]:
    """``required`` officials of a target spanning provinces, split among them in proportion
    to ``reached`` (how many each province's plan at the target's price qualifies: where
    training is cheap it qualifies more), by ``population`` where none is reached; never more
    than a province's population. The counts add up to ``required`` when the populations hold
    it (``trainplan.solver.provinces``)."""
    weights = dict(reached) if any(reached.get(p, 0) for p in population) else dict(population)
    counts = dict.fromkeys(population, 0)
    left = required
    open_ = {p for p in population if population[p] > 0}
    while left > 0 and open_:
        shares = apportion(left, {p: weights.get(p, 0) for p in open_})
        for province, share in shares.items():
            taken = min(share, population[province] - counts[province])
            counts[province] += taken
            left -= taken
        open_ = {p for p in open_ if counts[p] < population[p]}
    return counts


def asking(scenario: Scenario, counts: Mapping[str, int]) -> Scenario:
    """A province's part with each soft target of ``counts`` asking that many officials of its
    population (hard targets keep the share every province is asked)."""
    targets = []
    for target in scenario.settings.targets:
        if target.id in counts and not target.hard:
            size = len(scenario.population(target))
            count = min(counts[target.id], size)
            # ceil(share x size) == count: half an official below it keeps float error away
            share = 0.0 if count <= 0 else (count - 0.5) / size
            target = target.model_copy(update={"share": share})
        targets.append(target)
    settings = scenario.settings.model_copy(update={"targets": tuple(targets)})
    return scenario.model_copy(update={"settings": settings})
