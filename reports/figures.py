"""Every figure a committee report shows, computed once from (scenario, plan, evaluation).

plan.xlsx (``trainplan.reports.workbook``) and report.html (``trainplan.reports.html``) only
lay these figures out and word them; nothing here is worded (labels and sentences come from the
catalogue, ``say``/``render``). Amounts are whole VND, rounded as plan.json rounds them; days
and hours keep the fractions of a long course spread over its years as floats.

The structures are frozen and their field names stable: fields are added, never renamed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trainplan.checking.arithmetic import in_service_at_end
from trainplan.checking.evaluation import Evaluation
from trainplan.checking.recount import matches, qualifies, recount
from trainplan.models.message import Message
from trainplan.models.plan import Enrollment, Plan, SolverInfo, SolveStatus
from trainplan.models.scenario import Scenario
from trainplan.reports.changerows import ChangeRow, change_rows
from trainplan.reports.explained import WhyTarget, why_targets

# the officials left short are part of the figures: their types are re-exported from here
from trainplan.reports.short import Gap as Gap
from trainplan.reports.short import ShortOfficial as ShortOfficial
from trainplan.reports.short import ShortReason as ShortReason
from trainplan.reports.short import short_officials
from trainplan.reports.succession import SuccessorFigure, successor_figures
from trainplan.reports.tables import ClassFigure as ClassFigure
from trainplan.reports.tables import LecturerYear as LecturerYear
from trainplan.reports.tables import OfferingYear as OfferingYear
from trainplan.reports.tables import ScheduleRow as ScheduleRow
from trainplan.reports.tables import Teaching as Teaching
from trainplan.reports.tables import UnitYear as UnitYear
from trainplan.reports.tables import YearCost as YearCost
from trainplan.reports.tables import (
    classes,
    costs,
    lecturers,
    offerings,
    schedule,
    units_by_year,
    vnd,
)


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
    other_paid: int = 0
    """The part of ``cost_total`` other sources pay (the budget pays the rest)."""
    self_paid: int = 0
    """Learners' fees the officials who study at their own cost pay: in no cost above."""


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
    changes: tuple[ChangeRow, ...] = ()
    """A re-plan's changes to its approved baseline (``reports.changerows``)."""
    as_of: int | None = None
    """A re-plan's as-of year; None: not a re-plan, or every year still to plan."""
    replanned: bool = False
    """Made against an approved baseline: the reports list its changes."""
    why: tuple[WhyTarget, ...] = ()
    """For each target the plan misses: why, and what would meet it (``reports.explained``)."""
    successors: tuple[SuccessorFigure, ...] = ()
    """The succession pool and whether each is ready by the congress (``reports.succession``)."""


# ---------------------------------------------------------------- computing them


def compute_figures(
    scenario: Scenario, plan: Plan, evaluation: Evaluation, *, today: date | None = None
) -> Figures:
    """Every figure of the report for ``plan`` (checked as ``evaluation``), made ``today``."""
    found = recount(scenario, plan)
    attainment = _attainment_by_year(scenario, found.by_official)
    year_costs = costs(scenario, evaluation, found)
    info = plan.solver or SolverInfo(status=SolveStatus.HAND_MADE)
    short = short_officials(scenario, found.by_official, evaluation.attainment)
    settings = scenario.settings
    summary = Summary(
        scenario_name=settings.name,
        scenario_title=settings.title,
        input_hash=info.input_hash,
        report_date=(today or date.today()).isoformat(),
        first_year=settings.horizon[0],
        last_year=settings.horizon[1],
        status=str(info.status),
        stages=tuple(
            StageFigure(
                str(s.get("name", "")), str(s.get("status", "")), float(s.get("seconds") or 0.0)
            )
            for s in info.stages
        ),
        valid=evaluation.valid,
        violations=len(evaluation.violations),
        targets=len(evaluation.attainment),
        targets_met=sum(a.met for a in evaluation.attainment),
        targets_met_by_year=tuple(
            YearTally(
                year,
                sum(a.met for a in attainment if a.year == year),
                sum(a.year == year for a in attainment),
            )
            for year in scenario.years
        ),
        enrollments=len(plan.enrollments),
        classes=len({(c.course_id, c.year, c.class_no) for c in plan.classes}),
        cost_total=vnd(evaluation.cost_total),
        budget_total=settings.budget.total,
        budget_per_year=settings.budget.per_year,
        learner_cost=vnd(evaluation.learner_cost),
        class_cost=vnd(evaluation.class_cost),
        lecturer_cost=vnd(evaluation.lecturer_cost),
        away_days_total=evaluation.away_days_total,
        away_value=vnd(evaluation.away_value),
        money=vnd(evaluation.money),
        weighted_shortfall=float(evaluation.weighted_shortfall),
        officials_short=len(short),
        other_paid=vnd(evaluation.other_paid),
        self_paid=vnd(evaluation.self_paid),
    )
    continuity = settings.continuity
    money = MoneyFigure(
        cost=summary.cost_total,
        away_days=summary.away_days_total,
        day_value=continuity.day_value,
        leader_factor=continuity.leader_factor,
        away_value=summary.away_value,
        money=summary.money,
        sentence=Message(
            "report.money_means",
            cost=summary.cost_total,
            days=summary.away_days_total,
            n=summary.away_days_total,
            day_value=continuity.day_value,
            leader_factor=continuity.leader_factor,
            away_value=summary.away_value,
            money=summary.money,
        ),
    )
    return Figures(
        summary=summary,
        money=money,
        attainment=tuple(attainment),
        cost_by_year=year_costs,
        units_by_year=units_by_year(scenario, found.unit_days, found.leaders_away),
        offerings_by_year=offerings(scenario, found.learners, found.class_count),
        lecturers_by_year=lecturers(scenario, found.lecturer_hours),
        schedule=schedule(scenario, found.enrollments),
        classes=classes(scenario, plan),
        short=tuple(short),
        changes=change_rows(scenario, plan),
        as_of=scenario.replan.as_of if scenario.replan else None,
        replanned=scenario.replan is not None,
        why=why_targets(plan.explanations),
        successors=successor_figures(scenario, found.by_official),
    )


def _attainment_by_year(
    scenario: Scenario, by_official: dict[str, list[Enrollment]]
) -> list[AttainmentFigure]:
    """Each target's who/has/standard measured at the end of every year of the horizon (SPEC
    rule 7's arithmetic, the checker's helpers; at the target's year it is rule 7 itself)."""
    rows = []
    for target in scenario.settings.targets:
        for year in scenario.years:
            population = [
                o
                for o in scenario.officials
                if matches(scenario, target.who, o) and in_service_at_end(o, year)
            ]
            qualified = 0
            for official in population:
                taken = by_official.get(official.official_id, [])
                qualified += qualifies(scenario, target, official, taken, year)
            required = target.required(len(population))
            rows.append(
                AttainmentFigure(
                    target_id=target.id,
                    target_year=target.year,
                    year=year,
                    population=len(population),
                    qualified=qualified,
                    required=required,
                    share=target.share,
                    attained=qualified / len(population) if population else 0.0,
                    met=qualified >= required,
                    shortfall=max(0, required - qualified),
                    hard=target.hard,
                    weight=target.weight,
                    is_target_year=year == target.year,
                )
            )
    return rows
