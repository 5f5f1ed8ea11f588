"""Every figure a committee report shows, computed once from (scenario, plan, evaluation).

plan.xlsx (``trainplan.reports.workbook``) and report.html (``trainplan.reports.html``) only
lay these figures out and word them; nothing here is worded (labels and sentences come from the
catalogue, ``say``/``render``). Amounts are whole VND, rounded as plan.json rounds them; days
and hours keep the fractions of a long course spread over its years as floats.

The structures are frozen and their field names stable: fields are added, never renamed.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from trainplan.models.message import Message


class ShortReason(StrEnum):
    """Why an official stays below their post standard on a track at the end of the horizon.

    Decided in this order for each track the official falls short on; the first that holds.
    """

    NO_COURSE = "no_course"
    """No course of the scenario raises that track above the official's level."""
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
class StageFigure:
    """One search the solver ran: its name (``Stage``), status and seconds."""

    name: str
    status: str
    seconds: float


@dataclass(frozen=True)
class YearTally:
    """Of the targets measured at the end of ``year``, how many are met."""

    year: int
    met: int
    total: int


@dataclass(frozen=True)
class Summary:
    """The first page: what the plan is, whether it meets its targets and what it costs."""

    scenario_name: str
    scenario_title: str
    input_hash: str
    report_date: str
    """ISO date (YYYY-MM-DD) the report was made."""
    first_year: int
    last_year: int
    status: str
    """The plan's ``SolveStatus`` (HAND_MADE for a plan with no solver record)."""
    stages: tuple[StageFigure, ...]
    valid: bool
    """The plan keeps every rule (the checker found no violation)."""
    violations: int
    targets: int
    targets_met: int
    """Targets met at their own year."""
    targets_met_by_year: tuple[YearTally, ...]
    """Every year of the horizon: the targets measured at its end (same who/has/standard)."""
    enrollments: int
    classes: int
    cost_total: int
    budget_total: int | None
    budget_per_year: int | None
    learner_cost: int
    class_cost: int
    lecturer_cost: int
    away_days_total: int
    away_value: int
    money: int
    """cost_total + away_value: the second objective (SPEC rule 9)."""
    weighted_shortfall: float
    officials_short: int
    """Officials in service at the end of the horizon still below their post standard."""


@dataclass(frozen=True)
class AttainmentFigure:
    """One target measured at the end of ``year`` (every year of the horizon, not only the
    target's own: ``is_target_year`` marks the one SPEC rule 7 judges)."""

    target_id: str
    target_year: int
    year: int
    population: int
    qualified: int
    required: int
    share: float
    """The target's share (required = ceil(share x population))."""
    attained: float
    """qualified / population (0 when nobody is in the population)."""
    met: bool
    shortfall: int
    hard: bool
    weight: float
    is_target_year: bool


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


@dataclass(frozen=True)
class MoneyFigure:
    """What "money" (the second objective) means: cost plus the value of days away."""

    cost: int
    away_days: int
    day_value: int
    leader_factor: float
    away_value: int
    money: int
    sentence: Message
    """``report.money_means``: the sum in one sentence, worded by the catalogue."""


@dataclass(frozen=True)
class Figures:
    """Everything a report shows, in the order a committee reads it."""

    summary: Summary
    money: MoneyFigure
    attainment: tuple[AttainmentFigure, ...]
    """Per target (scenario order), per year of the horizon."""
    cost_by_year: tuple[YearCost, ...]
    """Every year of the horizon."""
    units_by_year: tuple[UnitYear, ...]
    """Every unit (by name) and every year of the horizon."""
    offerings_by_year: tuple[OfferingYear, ...]
    """Every offering of the scenario, by course name and year."""
    lecturers_by_year: tuple[LecturerYear, ...]
    """Every lecturer (by name) and every year of the horizon they are active in."""
    schedule: tuple[ScheduleRow, ...]
    """By unit name, official name, start year."""
    classes: tuple[ClassFigure, ...]
    """By course name, year, class number."""
    short: tuple[ShortOfficial, ...]
    """By unit name, official name."""
