"""The scenario: frozen, validated data for one planning problem (SPEC.md, "A scenario").

Every table row and setting of the scenario contract is a frozen pydantic model. A what-if
is an edit (``scenario.model_copy(update=...)``), never a mutation. Field rules live here;
rules that need the whole scenario (unknown ids, duplicates, ...) live in
``trainplan.checking.validate``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from functools import cached_property
from typing import Any, Self

from pydantic import ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError
from pydantic_core.core_schema import ValidationInfo

from trainplan.models import conventions
from trainplan.models.base import Category as Category
from trainplan.models.base import Count as Count
from trainplan.models.base import FieldName as FieldName
from trainplan.models.base import Frozen as Frozen
from trainplan.models.base import Funding as Funding
from trainplan.models.base import Mode as Mode
from trainplan.models.base import Money as Money
from trainplan.models.base import Need as Need
from trainplan.models.base import Number as Number
from trainplan.models.base import PinAction as PinAction
from trainplan.models.base import Provider as Provider
from trainplan.models.base import Sex as Sex
from trainplan.models.base import Share as Share
from trainplan.models.base import as_fraction as as_fraction
from trainplan.models.history import Replan
from trainplan.models.limits import Budget as Budget
from trainplan.models.limits import Continuity as Continuity
from trainplan.models.limits import ContinuityRules as ContinuityRules
from trainplan.models.limits import ContinuityYear as ContinuityYear
from trainplan.models.official import Official as Official
from trainplan.models.service import Service
from trainplan.models.standards import StandardChange as StandardChange
from trainplan.models.standards import Succession as Succession

RULES = {
    "input.course.internal_needs": "an internal course needs {fields}",
    "input.course.class_min_above_max": "class_min {low} is above class_max {high}",
    "input.lecturer.years_reversed": "from_year {first} is after to_year {last}",
    "input.horizon.reversed": "horizon starts in {first}, after it ends in {last}",
    "input.horizon.years": "horizon years must lie between {low} and {high}",
    "input.horizon.too_long": "a horizon of more than {years} years is not supported",
    "input.tracks.none": "at least one track is needed",
    "input.track.too_few_levels": "track '{track}' needs at least two levels, lowest first",
    "input.track.level_twice": "track '{track}' lists a level twice",
    **conventions.RULES,
}
"""The rules the models check themselves, by catalogue key, in English: pydantic's words for
them wherever the catalogue is not read (the loader renders the key in the reader's language)."""


def _broken(key: str, **params: Any) -> PydanticCustomError:
    """A rule of ``RULES`` broken: its key is pydantic's error type. ``field`` names the column
    a rule across fields points at, ``setting`` the key inside a setting (``tracks.llct``)."""
    return PydanticCustomError(key, RULES[key], params)


class Unit(Frozen):
    unit_id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    district: str | None = None
    province: str | None = None
    unit_class: str | None = None


class Post(Frozen):
    post_id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    category: Category
    leadership: bool
    standard: dict[str, str] = Field(default_factory=dict)
    """The post's standard level per track; a track absent here has no standard."""
    fields: dict[str, tuple[FieldName, ...]] = Field(default_factory=dict)
    """Per track, the fields in which a level meets the post's standard (Decree 33/2023 Art.
    10: a degree "in a matching field"); a track absent here: any field."""


class Requirement(Frozen):
    """``track >= level``: a prerequisite of a course."""

    track: str
    level: str

    def __str__(self) -> str:
        return f"{self.track}>={self.level}"


class Course(Frozen):
    course_id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    track: str
    grants: str
    requires: tuple[Requirement, ...] = ()
    months: int = Field(gt=0, le=120)
    away_days: int = Field(ge=0, le=2000)
    mode: Mode
    cost_per_learner: Money
    provider: Provider
    max_age: int | None = Field(default=None, gt=0, le=100)
    obligation: Number | None = Field(default=None, ge=0, le=20)
    class_max: int | None = Field(default=None, gt=0)
    class_min: int | None = Field(default=None, ge=0)
    class_cost: Money | None = None
    lecturer_hours: int | None = Field(default=None, ge=0)
    subject: str | None = None
    field: FieldName | None = None
    """The field of the level the course grants; None: a field no post names."""
    funding: Funding = "budget"
    """Who pays (Decree 171/2025 Art. 32); ``Scenario.payer`` says it per enrollment."""

    @model_validator(mode="after")
    def _internal_course_has_class_fields(self) -> Course:
        if self.provider == "internal":
            missing = [
                name
                for name in ("class_max", "class_min", "class_cost", "lecturer_hours", "subject")
                if getattr(self, name) is None
            ]
            if missing:
                raise _broken(
                    "input.course.internal_needs", fields=", ".join(missing), field=missing[0]
                )
            assert self.class_min is not None and self.class_max is not None
            if self.class_min > self.class_max:
                raise _broken(
                    "input.course.class_min_above_max",
                    low=self.class_min,
                    high=self.class_max,
                    field="class_min",
                )
        return self

    @property
    def span(self) -> int:
        """Number of calendar years the course spans: ceil(months / 12)."""
        return math.ceil(self.months / 12)

    def end_year(self, start_year: int) -> int:
        """The last year of the course started in ``start_year``; it completes at its end."""
        return start_year + self.span - 1

    def years(self, start_year: int) -> range:
        return range(start_year, start_year + self.span)


class Offering(Frozen):
    course_id: str
    year: int
    seats: int | None = Field(default=None, ge=0)
    classes: int | None = Field(default=None, ge=0)
    scope: str | None = None
    """A province or district id: only its units' officials take these seats or classes."""


class Lecturer(Frozen):
    lecturer_id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    subjects: tuple[str, ...]
    hours_per_year: int = Field(ge=0)
    cost_per_hour: Money
    from_year: int | None = None
    to_year: int | None = None
    scope: str | None = None
    """A province or district id: the lecturer teaches only classes within it."""

    @model_validator(mode="after")
    def _years_in_order(self) -> Lecturer:
        if (
            self.from_year is not None
            and self.to_year is not None
            and self.from_year > self.to_year
        ):
            raise _broken(
                "input.lecturer.years_reversed",
                first=self.from_year,
                last=self.to_year,
                field="from_year",
            )
        return self

    def active(self, year: int) -> bool:
        return (self.from_year is None or self.from_year <= year) and (
            self.to_year is None or year <= self.to_year
        )


class Pin(Frozen):
    official_id: str
    course_id: str
    year: int
    action: PinAction


class Who(Frozen):
    """A target's population filter; each field is a set of accepted values, empty = any."""

    category: tuple[Category, ...] = ()
    post: tuple[str, ...] = ()
    unit: tuple[str, ...] = ()
    leadership: bool | None = None
    successor: bool | None = None
    sex: tuple[Sex, ...] = ()
    ethnic_minority: bool | None = None

    @field_validator("category", "post", "unit", "sex", mode="before")
    @classmethod
    def _one_or_many(cls, value: object, info: ValidationInfo) -> object:
        values = (value,) if isinstance(value, str) else value
        return conventions.chosen(str(info.field_name), values)  # Nữ -> F, Cán bộ -> cadre


class Target(Frozen):
    id: str = Field(min_length=1)
    year: int
    who: Who = Field(default_factory=Who)
    has: dict[str, str] = Field(default_factory=dict)
    """Minimum level per track."""
    standard: tuple[str, ...] = ()
    """Tracks on which the official must meet their own post's standard."""
    share: Share
    hard: bool = False
    weight: Number = Field(default=1.0, gt=0, le=1e6)

    @field_validator("standard", mode="before")
    @classmethod
    def _standard_list(cls, value: object) -> object:
        if value is None or value is False:
            return ()
        if isinstance(value, str):
            return (value,)
        return value

    def required(self, population: int) -> int:
        """Officials the target asks to count of a population of ``population``: its share,
        rounded up."""
        return math.ceil(as_fraction(self.share) * population)


HORIZON_YEARS = (1900, 2200)
MAX_HORIZON = 30
"""Years a horizon may span beyond its first."""


class Settings(Frozen):
    """Everything ``scenario.yaml`` holds."""

    name: str = Field(min_length=1)
    title: str = ""
    horizon: tuple[int, int]
    tracks: dict[str, tuple[str, ...]]
    targets: tuple[Target, ...] = ()
    budget: Budget = Field(default_factory=Budget)
    continuity: Continuity = Field(default_factory=Continuity)
    service_obligation: Number = Field(default=2.0, ge=0, le=20)
    standards: tuple[StandardChange, ...] = ()
    """Post standards that change from a year on (none: the posts' own, every year)."""
    succession: Succession | None = None
    """The congress the succession pool must be ready for (``Official.successor_for``)."""
    change_value: Money | None = None
    """Re-planning: VND one change to the baseline weighs with money; None: changes weigh
    before money (SPEC rule 9)."""
    prefer_ethnic_minority: bool = False
    """Among the plans equally good by SPEC rule 9 (the same shortfall and money), take one
    training as many ethnic-minority officials as any: a priority that costs nothing."""
    level_names: dict[str, dict[str, str]] = Field(default_factory=dict)
    """Other names of levels (Vietnamese ones), per track and level: ``{degree: {college: Cao
    đẳng}}``. Files may use either name; the models hold the canonical one (``level``)."""

    @model_validator(mode="before")
    @classmethod
    def _standard_true_means_every_track(cls, data: object) -> object:
        """``standard: true`` in a target = the post standard on every track."""
        if not isinstance(data, dict):
            return data
        tracks, targets = data.get("tracks"), data.get("targets")
        if not isinstance(tracks, dict) or not isinstance(targets, list | tuple):
            return data
        names = data.get("level_names")  # and has: {degree: Cao đẳng} -> college
        expanded = [conventions.target_levels(target, tracks, names) for target in targets]
        return {**data, "targets": expanded}

    @field_validator("horizon")
    @classmethod
    def _horizon_in_order(cls, value: tuple[int, int]) -> tuple[int, int]:
        first, last = value
        if first > last:
            raise _broken("input.horizon.reversed", first=first, last=last)
        low, high = HORIZON_YEARS
        if first < low or last > high:
            raise _broken("input.horizon.years", low=low, high=high)
        if last - first > MAX_HORIZON:
            raise _broken("input.horizon.too_long", years=MAX_HORIZON)
        return value

    @field_validator("tracks")
    @classmethod
    def _tracks_have_levels(cls, value: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        if not value:
            raise _broken("input.tracks.none")
        for track, levels in value.items():
            if len(levels) < 2:
                raise _broken("input.track.too_few_levels", track=track, setting=track)
            if len(set(levels)) != len(levels):
                raise _broken("input.track.level_twice", track=track, setting=track)
        return value

    @field_validator("level_names")
    @classmethod
    def _names_of_known_levels(cls, value: dict[str, dict[str, str]], info: ValidationInfo) -> Any:
        problem = conventions.level_names_problem(info.data.get("tracks") or {}, value)
        if problem is not None:
            raise _broken(problem[0], **problem[1])
        return value

    def level(self, track: str, name: str) -> str:
        """The level of ``track`` that ``name`` means (its canonical name or a ``level_names``
        alias, any case, with or without diacritics where unambiguous); else ``name``."""
        levels = self.tracks.get(track)
        if levels is None:
            return name
        lookup = conventions.level_lookup(levels, self.level_names.get(track, {}))
        return conventions.level_named(lookup, name) or name


class Scenario(Frozen):
    """A whole scenario: settings and tables. Build it with ``trainplan.files.load_scenario``."""

    settings: Settings
    units: tuple[Unit, ...]
    posts: tuple[Post, ...]
    officials: tuple[Official, ...]
    courses: tuple[Course, ...]
    offerings: tuple[Offering, ...]
    lecturers: tuple[Lecturer, ...] = ()
    pins: tuple[Pin, ...] = ()
    replan: Replan | None = None
    """The approved baseline and the history when re-planning (``models.history``)."""

    model_config = ConfigDict(frozen=True, extra="forbid", ignored_types=(cached_property,))

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A what-if: an edited copy whose look-ups are computed afresh, never stale."""
        copied = super().model_copy(update=update, deep=deep)
        for name, member in vars(Scenario).items():
            if isinstance(member, cached_property):
                copied.__dict__.pop(name, None)
        return copied

    # Look-ups, computed once per (immutable) scenario.
    @cached_property
    def years(self) -> range:
        first, last = self.settings.horizon
        return range(first, last + 1)

    @cached_property
    def unit_by_id(self) -> dict[str, Unit]:
        return {unit.unit_id: unit for unit in self.units}

    @cached_property
    def scope_units(self) -> dict[str, frozenset[str]]:
        """The units of each province and district id (``models.scopes``)."""
        found: dict[str, set[str]] = {}
        for unit in self.units:
            for scope in {unit.province, unit.district} - {None, ""}:
                found.setdefault(str(scope), set()).add(unit.unit_id)
        return {scope: frozenset(units) for scope, units in found.items()}

    @cached_property
    def post_by_id(self) -> dict[str, Post]:
        return {post.post_id: post for post in self.posts}

    @cached_property
    def official_by_id(self) -> dict[str, Official]:
        return {official.official_id: official for official in self.officials}

    @cached_property
    def course_by_id(self) -> dict[str, Course]:
        return {course.course_id: course for course in self.courses}

    @cached_property
    def lecturer_by_id(self) -> dict[str, Lecturer]:
        return {lecturer.lecturer_id: lecturer for lecturer in self.lecturers}

    @cached_property
    def offering_by_key(self) -> dict[tuple[str, int], Offering]:
        return {(offering.course_id, offering.year): offering for offering in self.offerings}

    @cached_property
    def offerings_by_course(self) -> dict[str, list[Offering]]:
        found: dict[str, list[Offering]] = {}
        for offering in self.offerings:
            found.setdefault(offering.course_id, []).append(offering)
        return found

    def open_to(self, official: Official, offering: Offering) -> bool:
        """Whether ``official``'s unit lies in the offering's scope (blank: every unit)."""
        return not offering.scope or official.unit_id in self.scope_units.get(offering.scope, ())

    @cached_property
    def service_by_id(self) -> dict[str, Service]:
        return {official.official_id: official.service for official in self.officials}

    @cached_property
    def officials_by_unit(self) -> dict[str, list[Official]]:
        found: dict[str, list[Official]] = {}
        for official in self.officials:
            found.setdefault(official.unit_id, []).append(official)
        return found

    def staff(self, unit_id: str, year: int) -> int:
        """The unit's officials in service in ``year`` (``Service.during``)."""
        return sum(self.in_service(o, year) for o in self.officials_by_unit.get(unit_id, ()))

    def away_limit(self, unit_id: str, year: int) -> Fraction:
        """Days the unit may spare in ``year``: max_away_share x working_days x staff."""
        continuity = self.settings.continuity
        share = as_fraction(continuity.rules(year).max_away_share)
        return share * continuity.working_days * self.staff(unit_id, year)

    def rank(self, track: str, level: str) -> int:
        """Position of ``level`` in ``track``, 0 for the lowest."""
        return self.settings.tracks[track].index(level)

    def post_of(self, official: Official) -> Post:
        return self.post_by_id[official.post_id]

    def in_service(self, official: Official, year: int) -> bool:
        """In service during ``year``: joined by its end, last month in it or later."""
        return self.service_by_id[official.official_id].during(year)

    def in_service_at_end(self, official: Official, year: int) -> bool:
        """In service at the end of ``year``: joined by then, last month after it."""
        return self.service_by_id[official.official_id].at_end(year)

    def matches(self, who: Who, official: Official) -> bool:
        post = self.post_of(official)
        return (
            (not who.category or post.category in who.category)
            and (not who.post or official.post_id in who.post)
            and (not who.unit or official.unit_id in who.unit)
            and (who.leadership is None or post.leadership == who.leadership)
            and (who.successor is None or official.successor == who.successor)
            and (not who.sex or official.sex in who.sex)
            and (who.ethnic_minority is None or official.ethnic_minority == who.ethnic_minority)
        )

    def population(self, target: Target) -> list[Official]:
        """Officials the target counts: matching ``who``, in service at the end of its year."""
        return [
            official
            for official in self.officials
            if self.matches(target.who, official) and self.in_service_at_end(official, target.year)
        ]

    def required(self, target: Target) -> int:
        """Officials the target asks to count: its share of its population, rounded up."""
        return target.required(len(self.population(target)))

    def standard_in(self, post: Post, year: int) -> dict[str, str]:
        """The standard of ``post`` in force at the end of ``year``: its own, changed by the
        settings' ``standards`` from their year on, in order (SPEC v2, "standards that
        change")."""
        standard = dict(post.standard)
        for change in sorted(self.settings.standards, key=lambda c: c.from_year):
            if change.from_year > year:
                continue
            if change.posts and post.post_id not in change.posts:
                continue
            if change.category is not None and post.category != change.category:
                continue
            standard.update(change.standard)
        return standard

    def needs(self, target: Target, official: Official) -> tuple[Need, ...]:
        """What ``official`` must hold to count as qualified for ``target``: the ``has``
        levels, and the post's standard in force in the target's year on the ``standard``
        tracks, in a field the post accepts where it names fields."""
        ranks = {track: self.rank(track, level) for track, level in target.has.items()}
        return self._standard_needs(ranks, self.post_of(official), target.year, target.standard)

    def successor_needs(self, official: Official) -> tuple[Need, ...]:
        """What a successor must hold by the congress (``settings.succession``): the standard
        of the post they are planned for, in force at the end of its year, on every track."""
        assert official.successor_for is not None and self.settings.succession is not None
        post, year = self.post_by_id[official.successor_for], self.settings.succession.year
        return self._standard_needs({}, post, year, tuple(self.standard_in(post, year)))

    def _standard_needs(
        self, ranks: dict[str, int], post: Post, year: int, tracks: tuple[str, ...]
    ) -> tuple[Need, ...]:
        """``ranks`` (in any field) and ``post``'s standard on ``tracks`` in force at the end
        of ``year``, in a field the post accepts where it names fields."""
        matching: list[Need] = []
        standard = self.standard_in(post, year)
        for track in tracks:
            level = standard.get(track)
            if level is None:
                continue
            fields = post.fields.get(track)
            if fields:
                matching.append(Need(track, self.rank(track, level), frozenset(fields)))
            else:
                ranks[track] = max(ranks.get(track, 0), self.rank(track, level))
        return (*(Need(track, rank) for track, rank in ranks.items()), *matching)

    def payer(self, official: Official, course: Course) -> Funding:
        """Who pays ``official``'s learner cost of ``course``: the official who asked to study
        at their own cost in a course that lets learners pay; another source for a course it
        funds (classes and lecturers too); else the budget (SPEC v2, "who pays")."""
        if course.funding == "self":
            return "self" if official.self_funding else "budget"
        return course.funding

    def obligation_months(self, course: Course) -> Fraction:
        """Months of service owed after ``course``: obligation x its months."""
        factor = (
            self.settings.service_obligation if course.obligation is None else course.obligation
        )
        return as_fraction(factor) * course.months
