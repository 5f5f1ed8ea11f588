"""What-ifs: a numeric setting or offering of a scenario named by its path, and the variants
of a sweep (SPEC.md, "Questions a committee asks": ``trainplan sweep --vary``).

A setting is named as ``scenario.yaml`` nests it (``budget.per_year``,
``continuity.years.2021.max_away_share``, ``targets.cadres-2020.share``, a target's deadline
``targets.cadres-2020.year``) and an offering as
``offerings.<course>.<year>.seats`` (``*`` for every year the course is offered), a lecturer's
hours as ``lecturers.<id>.hours_per_year``. Each variant
is an edit of the frozen scenario (``model_copy(update=...)``), its settings validated again,
so a value no scenario may hold (a share above 1) is refused before anything is solved.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from pydantic import ValidationError

from trainplan.models.message import Message
from trainplan.models.plan import Plan, SolveStatus
from trainplan.models.scenario import Lecturer, Offering, Scenario, Settings

Value = int | float

WHOLE = frozenset(
    {"per_year", "total", "working_days", "max_leaders_away", "max_personal_days", "day_value"}
    | {"seats", "classes", "hours_per_year", "year"}
)
"""Leaves that hold whole numbers (amounts in VND, counts): a sweep never makes them decimal."""
BUDGET = ("per_year", "total")
CONTINUITY = (
    "working_days",
    "max_away_share",
    "max_leaders_away",
    "max_personal_days",
    "day_value",
    "leader_factor",
)
CONTINUITY_YEAR = ("max_away_share", "max_leaders_away", "max_personal_days")
TARGET = ("share", "weight", "year")
OFFERING = ("seats", "classes")
LECTURER = ("hours_per_year",)
MAX_VARIED = 2
"""Settings varied at once: one (a line of variants) or two (a grid)."""
MAX_VARIANTS = 400
"""Variants of one sweep: each is a whole solve, so a mistyped STEPS is refused, not run."""


class VaryError(Exception):
    """A ``--vary`` that cannot be run: ``message`` says why (an ``input.vary.*`` key)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.key)
        self.message = message


@dataclass(frozen=True)
class Vary:
    """One ``--vary SETTING=FROM:TO:STEPS``: the setting as given and the values it takes."""

    setting: str
    values: tuple[Value, ...]


@dataclass(frozen=True)
class Variant:
    """One edited scenario of a sweep and the values it was given, by setting as named."""

    settings: tuple[tuple[str, Value], ...]
    scenario: Scenario


@dataclass(frozen=True)
class Outcome:
    """One variant solved: its status and plan (empty when it has none: the hard rules leave
    no plan, or none was found in the time limit)."""

    variant: Variant
    status: SolveStatus
    plan: Plan
    seconds: float


def _number(text: str, given: str) -> Fraction:
    try:
        return Fraction(str(float(text.strip())))
    except ValueError:
        raise VaryError(Message("input.vary.shape", text=given)) from None


def parse_vary(text: str) -> tuple[str, Fraction, Fraction, int]:
    """``SETTING=FROM:TO:STEPS`` as (setting, from, to, steps): STEPS values from FROM to TO.

    Raises
    ------
    VaryError
        When the text is not of that shape or STEPS is not a whole number of at least 1 (1
        only when FROM equals TO).
    """
    setting, equals, span = text.partition("=")
    parts = span.split(":")
    if not equals or not setting.strip() or len(parts) != 3:
        raise VaryError(Message("input.vary.shape", text=text))
    first, last = _number(parts[0], text), _number(parts[1], text)
    try:
        steps = int(parts[2].strip())
    except ValueError:
        steps = 0
    if steps < 1 or (steps == 1 and first != last):
        raise VaryError(Message("input.vary.steps", setting=setting.strip(), steps=parts[2]))
    return setting.strip(), first, last, steps


def _leaf(setting: str) -> str:
    return setting.rsplit(".", 1)[-1]


def _values(setting: str, first: Fraction, last: Fraction, steps: int) -> tuple[Value, ...]:
    exact = [first + (last - first) * i / max(steps - 1, 1) for i in range(steps)]
    if _leaf(setting) not in WHOLE:
        return tuple(float(value) for value in exact)
    broken = next((value for value in exact if value.denominator != 1), None)
    if broken is not None:
        raise VaryError(Message("input.vary.not_whole", setting=setting, value=float(broken)))
    return tuple(int(value) for value in exact)


def _unknown(setting: str) -> VaryError:
    return VaryError(Message("input.vary.unknown", setting=setting))


def _settings_edit(scenario: Scenario, setting: str, value: Value) -> dict[str, Any]:
    """The scenario's settings as a dict with ``setting`` set to ``value``."""
    data = scenario.settings.model_dump()
    parts = setting.split(".")
    head, leaf = parts[0], parts[-1]
    if parts == ["service_obligation"]:
        data["service_obligation"] = value
    elif head == "budget" and len(parts) == 2 and leaf in BUDGET:
        data["budget"][leaf] = value
    elif head == "continuity" and len(parts) == 2 and leaf in CONTINUITY:
        data["continuity"][leaf] = value
    elif head == "continuity" and len(parts) == 4 and parts[1] == "years":
        if leaf not in CONTINUITY_YEAR or not parts[2].isdigit():
            raise _unknown(setting)
        year = int(parts[2])
        first, last = scenario.settings.horizon
        if not first <= year <= last:
            raise VaryError(Message("input.vary.no_year", setting=setting, year=year))
        data["continuity"]["years"].setdefault(year, {})[leaf] = value
    elif head == "targets" and len(parts) >= 3 and leaf in TARGET:
        target_id = ".".join(parts[1:-1])
        found = [t for t in data["targets"] if t["id"] == target_id]
        if not found:
            raise VaryError(Message("input.vary.no_target", setting=setting, target=target_id))
        first, last = scenario.settings.horizon
        if leaf == "year" and not first <= value <= last:
            raise VaryError(Message("input.vary.no_year", setting=setting, year=value))
        found[0][leaf] = value
    else:
        raise _unknown(setting)
    return data


def _offerings_edit(scenario: Scenario, setting: str, value: Value) -> tuple[Offering, ...]:
    """The offerings with ``offerings.<course>.<year|*>.<seats|classes>`` set to ``value``."""
    parts = setting.split(".")
    if len(parts) < 4 or parts[-1] not in OFFERING:
        raise _unknown(setting)
    leaf, year_text, course_id = parts[-1], parts[-2], ".".join(parts[1:-2])
    course = scenario.course_by_id.get(course_id)
    if course is None:
        raise VaryError(Message("input.vary.no_course", setting=setting, course=course_id))
    if (leaf == "seats") != (course.provider == "external"):
        key = "input.vary.seats_of_internal" if leaf == "seats" else "input.vary.classes_external"
        raise VaryError(Message(key, setting=setting, course=course_id))
    if year_text != "*" and not year_text.isdigit():
        raise _unknown(setting)
    chosen = [
        o
        for o in scenario.offerings
        if o.course_id == course_id and (year_text == "*" or o.year == int(year_text))
    ]
    if not chosen:
        raise VaryError(
            Message("input.vary.no_offering", setting=setting, course=course_id, year=year_text)
        )
    edited = {o: o.model_copy(update={leaf: value}) for o in chosen}
    return tuple(edited.get(o, o) for o in scenario.offerings)


def _lecturers_edit(scenario: Scenario, setting: str, value: Value) -> tuple[Lecturer, ...]:
    """The lecturers with ``lecturers.<id>.hours_per_year`` set to ``value``."""
    parts = setting.split(".")
    lecturer_id = ".".join(parts[1:-1])
    if len(parts) < 3 or parts[-1] not in LECTURER or lecturer_id not in scenario.lecturer_by_id:
        raise _unknown(setting)
    edited = []
    for lecturer in scenario.lecturers:
        if lecturer.lecturer_id == lecturer_id:
            lecturer = Lecturer.model_validate({**lecturer.model_dump(), parts[-1]: value})
        edited.append(lecturer)
    return tuple(edited)


def with_setting(scenario: Scenario, setting: str, value: Value) -> Scenario:
    """``scenario`` with ``setting`` (a path, as above) set to ``value``: an edited copy.

    Raises
    ------
    VaryError
        When no setting or offering has that path, or the value is not one it may hold.
    """
    try:
        if setting.startswith("lecturers."):
            return scenario.model_copy(
                update={"lecturers": _lecturers_edit(scenario, setting, value)}
            )
        if setting.startswith("offerings."):
            offerings = _offerings_edit(scenario, setting, value)
            for offering in offerings:  # field rules again (seats >= 0)
                Offering.model_validate(offering.model_dump())
            return scenario.model_copy(update={"offerings": offerings})
        settings = Settings.model_validate(_settings_edit(scenario, setting, value))
    except ValidationError:
        raise VaryError(
            Message("input.vary.bad_value", setting=setting, value=float(value))
        ) from None
    return scenario.model_copy(update={"settings": settings})


def variants(scenario: Scenario, texts: list[str]) -> list[Variant]:
    """Every variant of a sweep: one per value of one ``--vary``, or the grid of two.

    Raises
    ------
    VaryError
        For a ``--vary`` of the wrong shape, an unknown setting, a value it may not hold, the
        same setting twice, more than two settings or too many variants; before any solve.
    """
    if not texts or len(texts) > MAX_VARIED:
        raise VaryError(Message("input.vary.how_many", most=MAX_VARIED))
    parsed = [parse_vary(text) for text in texts]
    if len(parsed) == 2 and parsed[0][0] == parsed[1][0]:
        raise VaryError(Message("input.vary.twice", setting=parsed[0][0]))
    count = 1
    for *_, steps in parsed:
        count *= steps
    if count > MAX_VARIANTS:
        raise VaryError(Message("input.vary.too_many", n=count, most=MAX_VARIANTS))
    varies = [Vary(s, _values(s, first, last, steps)) for s, first, last, steps in parsed]
    found = []
    for values in itertools.product(*(vary.values for vary in varies)):
        edited = scenario
        chosen = tuple(zip((v.setting for v in varies), values, strict=True))
        for setting, value in chosen:
            edited = with_setting(edited, setting, value)
        found.append(Variant(chosen, edited))
    return found
