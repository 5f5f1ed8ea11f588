"""Mutation tests of ``check``: take valid solved plans (the built-in scenario and a generated
district), break one rule at a time, and assert the checker names that rule.

A mutation either edits the plan (drop the course that gave a prerequisite, move a start to a
year with no offering, ...) or tightens the scenario just below what the plan uses (one seat
fewer than the plan fills, a budget one dong below the dearest year, ...). Either way the
plan stops keeping exactly one rule, which ``evaluate`` must report, and nothing else.

The same mutations also go through the command a committee runs, ``trainplan check SCENARIO
PLAN_DIR``: the mutated scenario is written to disk (``files.scenario_writer``), the plan as
``trainplan solve`` writes it, and the command must exit 3 naming the rule as ``[rule]``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from trainplan import cli
from trainplan.checking.checker import evaluate
from trainplan.files.planio import plan_files, write_plan_folder
from trainplan.files.scenario_writer import write_scenario
from trainplan.models.plan import ClassRow, Enrollment, Plan
from trainplan.models.retirement import YearMonth, retirement_month
from trainplan.models.scenario import (
    ContinuityYear,
    Course,
    Pin,
    Requirement,
    Scenario,
    Target,
    as_fraction,
)

Mutation = Callable[[Scenario, Plan], tuple[Scenario, Plan] | None]


def _course(scenario: Scenario, enrollment: Enrollment) -> Course:
    return scenario.course_by_id[enrollment.course_id]


def _edit_official(scenario: Scenario, official_id: str, **update: object) -> Scenario:
    officials = tuple(
        o.model_copy(update=update) if o.official_id == official_id else o
        for o in scenario.officials
    )
    return scenario.model_copy(update={"officials": officials})


def _edit_course(scenario: Scenario, course_id: str, **update: object) -> Scenario:
    courses = tuple(
        c.model_copy(update=update) if c.course_id == course_id else c for c in scenario.courses
    )
    return scenario.model_copy(update={"courses": courses})


def _settings(scenario: Scenario, **update: object) -> Scenario:
    return scenario.model_copy(update={"settings": scenario.settings.model_copy(update=update)})


def break_prerequisite(scenario: Scenario, plan: Plan) -> tuple[Scenario, Plan] | None:
    """Add to a planned course a requirement its trainee neither held nor gained in the plan."""
    for enrollment in plan.enrollments:
        course = _course(scenario, enrollment)
        official = scenario.official_by_id[enrollment.official_id]
        for track, levels in scenario.settings.tracks.items():
            if track == course.track:
                continue
            held = scenario.rank(track, official.levels[track])
            gained = [
                e
                for e in plan.enrollments
                if e.official_id == official.official_id and _course(scenario, e).track == track
            ]
            if held + 1 < len(levels) and not gained:
                extra = Requirement(track=track, level=levels[held + 1])
                changed = _edit_course(
                    scenario, course.course_id, requires=(*course.requires, extra)
                )
                return changed, plan
    return None


def break_seats(scenario: Scenario, plan: Plan) -> tuple[Scenario, Plan] | None:
    counts = Counter(
        (e.course_id, e.start_year)
        for e in plan.enrollments
        if _course(scenario, e).provider == "external"
    )
    if not counts:
        return None
    (course_id, year), used = max(counts.items(), key=lambda item: (item[1], item[0]))
    offerings = tuple(
        o.model_copy(update={"seats": used - 1})
        if (o.course_id, o.year) == (course_id, year)
        else o
        for o in scenario.offerings
    )
    return scenario.model_copy(update={"offerings": offerings}), plan


def break_lecturer_hours(scenario: Scenario, plan: Plan) -> tuple[Scenario, Plan] | None:
    load: Counter[tuple[str, int]] = Counter()
    for row in plan.classes:
        course = scenario.course_by_id[row.course_id]
        for year in course.years(row.year):
            load[(row.lecturer_id, year)] += Fraction(row.hours, course.span)  # type: ignore[assignment]
    if not load:
        return None
    (lecturer_id, _), hours = max(load.items(), key=lambda item: (item[1], item[0]))
    lecturers = tuple(
        lec.model_copy(update={"hours_per_year": math.ceil(hours) - 1})
        if lec.lecturer_id == lecturer_id
        else lec
        for lec in scenario.lecturers
    )
    return scenario.model_copy(update={"lecturers": lecturers}), plan


def break_budget_year(scenario: Scenario, plan: Plan) -> tuple[Scenario, Plan] | None:
    costs = evaluate(scenario, plan).cost_by_year
    dearest = max(costs.values())
    if dearest < 1:
        return None
    budget = scenario.settings.budget.model_copy(update={"per_year": math.ceil(dearest) - 1})
    return _settings(scenario, budget=budget), plan


def break_budget_total(scenario: Scenario, plan: Plan) -> tuple[Scenario, Plan] | None:
    total = evaluate(scenario, plan).cost_total
    if total < 1:
        return None
    budget = scenario.settings.budget.model_copy(update={"total": math.ceil(total) - 1})
    return _settings(scenario, budget=budget), plan


def break_unit_away(scenario: Scenario, plan: Plan) -> tuple[Scenario, Plan] | None:
    """Lower the away share in the busiest unit-year's year just below what it uses."""
    evaluation = evaluate(scenario, plan)
    if not evaluation.away_days_by_unit_year:
        return None
    continuity = scenario.settings.continuity
    staff = Counter(
        (o.unit_id, y)
        for o in scenario.officials
        for y in scenario.years
        if scenario.in_service(o, y)
    )
    shares = {
        key: days / (continuity.working_days * staff[key])
        for key, days in evaluation.away_days_by_unit_year.items()
        if staff[key]
    }
    (_, year), share = max(shares.items(), key=lambda item: (item[1], item[0]))
    override = ContinuityYear(max_away_share=float(share) * 0.999)
    years = {**continuity.years, year: override}
    return _settings(scenario, continuity=continuity.model_copy(update={"years": years})), plan


def break_leaders(scenario: Scenario, plan: Plan) -> tuple[Scenario, Plan] | None:
    """Allow no leader away full-time in a year a leader trains (making the course full-time
    if it is in-service: the mode counts for nothing else)."""
    for enrollment in plan.enrollments:
        course = _course(scenario, enrollment)
        official = scenario.official_by_id[enrollment.official_id]
        if scenario.post_of(official).leadership:
            if course.mode != "full_time":
                scenario = _edit_course(scenario, course.course_id, mode="full_time")
            continuity = scenario.settings.continuity
            year = enrollment.start_year
            current = continuity.years.get(year, ContinuityYear())
            years = {**continuity.years, year: current.model_copy(update={"max_leaders_away": 0})}
            return _settings(
                scenario, continuity=continuity.model_copy(update={"years": years})
            ), plan
    return None


def break_personal_days(scenario: Scenario, plan: Plan) -> tuple[Scenario, Plan] | None:
    busiest = max(
        (Fraction(_course(scenario, e).away_days, _course(scenario, e).span), e.start_year)
        for e in plan.enrollments
    )
    days, year = busiest
    if days < 1:
        return None
    continuity = scenario.settings.continuity
    current = continuity.years.get(year, ContinuityYear())
    update = {"max_personal_days": math.ceil(days) - 1}
    years = {**continuity.years, year: current.model_copy(update=update)}
    return _settings(scenario, continuity=continuity.model_copy(update={"years": years})), plan


def break_retirement(scenario: Scenario, plan: Plan) -> tuple[Scenario, Plan] | None:
    """Make a trainee old enough to retire in the year their course ends."""
    enrollment = plan.enrollments[0]
    end = _course(scenario, enrollment).end_year(enrollment.start_year)
    official = scenario.official_by_id[enrollment.official_id]
    # a man born in January of (end - 62) reaches 62 in January of ``end`` (from 2028), or an
    # earlier schedule age: search the birth year that retires exactly in ``end``
    for birth_year in range(end - 70, end - 50):
        birth = YearMonth(birth_year, 6)
        if retirement_month("M", birth).year == end:
            changed = _edit_official(scenario, official.official_id, sex="M", birth=birth)
            return changed, plan
    return None


def break_obligation(scenario: Scenario, plan: Plan) -> tuple[Scenario, Plan] | None:
    """Raise the obligation of a planned course beyond what its trainee can still serve: the
    enrollment closest to its trainee's retirement, so that the factor stays a valid input."""

    def factor(enrollment: Enrollment) -> float:
        course = _course(scenario, enrollment)
        official = scenario.official_by_id[enrollment.official_id]
        return (official.months_served_after(course.end_year(enrollment.start_year)) + 1) / (
            course.months
        )

    enrollment = min(plan.enrollments, key=lambda e: (factor(e), e.official_id, e.course_id))
    course = _course(scenario, enrollment)
    return _edit_course(scenario, course.course_id, obligation=factor(enrollment)), plan


def break_joins(scenario: Scenario, plan: Plan) -> tuple[Scenario, Plan] | None:
    """Recruit the trainee of the earliest start in January of that year: not in service for
    the whole of it (an earliest start in the horizon's first year changes no staff count)."""
    enrollment = min(plan.enrollments, key=lambda e: (e.start_year, e.official_id, e.course_id))
    joins = YearMonth(enrollment.start_year, 1)
    return _edit_official(scenario, enrollment.official_id, joins=joins), plan


def break_leaves(scenario: Scenario, plan: Plan) -> tuple[Scenario, Plan] | None:
    """Make a trainee leave in December of the year their last course ends."""
    official_id = plan.enrollments[0].official_id
    end = max(
        _course(scenario, e).end_year(e.start_year)
        for e in plan.enrollments
        if e.official_id == official_id
    )
    return _edit_official(scenario, official_id, leaves=YearMonth(end, 12)), plan


def break_max_age(scenario: Scenario, plan: Plan) -> tuple[Scenario, Plan] | None:
    enrollment = plan.enrollments[0]
    course = _course(scenario, enrollment)
    ages = [
        e.start_year - scenario.official_by_id[e.official_id].birth.year
        for e in plan.enrollments
        if e.course_id == course.course_id
    ]
    return _edit_course(scenario, course.course_id, max_age=max(ages) - 1), plan


def break_forbid_pin(scenario: Scenario, plan: Plan) -> tuple[Scenario, Plan] | None:
    e = plan.enrollments[0]
    pin = Pin(official_id=e.official_id, course_id=e.course_id, year=e.start_year, action="forbid")
    return scenario.model_copy(update={"pins": (*scenario.pins, pin)}), plan


def break_require_pin(scenario: Scenario, plan: Plan) -> tuple[Scenario, Plan] | None:
    planned = {(e.official_id, e.course_id, e.start_year) for e in plan.enrollments}
    for official in scenario.officials:
        for offering in scenario.offerings:
            if (official.official_id, offering.course_id, offering.year) not in planned:
                pin = Pin(
                    official_id=official.official_id,
                    course_id=offering.course_id,
                    year=offering.year,
                    action="require",
                )
                return scenario.model_copy(update={"pins": (*scenario.pins, pin)}), plan
    return None


def break_offering(scenario: Scenario, plan: Plan) -> tuple[Scenario, Plan] | None:
    """Remove the offering an external enrollment starts in (no classes to redo)."""
    for e in plan.enrollments:
        if _course(scenario, e).provider == "external":
            offerings = tuple(
                o
                for o in scenario.offerings
                if (o.course_id, o.year) != (e.course_id, e.start_year)
            )
            return scenario.model_copy(update={"offerings": offerings}), plan
    return None


def break_level(scenario: Scenario, plan: Plan) -> tuple[Scenario, Plan] | None:
    """Give a trainee, from the start, the level their course grants."""
    e = plan.enrollments[0]
    course = _course(scenario, e)
    official = scenario.official_by_id[e.official_id]
    levels = {**official.levels, course.track: course.grants}
    return _edit_official(scenario, official.official_id, levels=levels), plan


def break_repeat(scenario: Scenario, plan: Plan) -> tuple[Scenario, Plan] | None:
    """Enroll a trainee twice in the same course (same year, the plan lists it twice)."""
    e = plan.enrollments[0]
    twice = Plan((*plan.enrollments, e), plan.classes, plan.solver)
    return scenario, twice


def break_class_hours(scenario: Scenario, plan: Plan) -> tuple[Scenario, Plan] | None:
    if not plan.classes:
        return None
    first = plan.classes[0]
    shorter = replace(first, hours=first.hours - 1)
    return scenario, Plan(plan.enrollments, (shorter, *plan.classes[1:]), plan.solver)


def break_class_size(scenario: Scenario, plan: Plan) -> tuple[Scenario, Plan] | None:
    if not plan.classes:
        return None
    row: ClassRow = max(plan.classes, key=lambda r: (r.learners, r.course_id, r.year))
    return _edit_course(scenario, row.course_id, class_max=row.learners - 1), plan


def break_lecturer_subject(scenario: Scenario, plan: Plan) -> tuple[Scenario, Plan] | None:
    if not plan.classes:
        return None
    row = plan.classes[0]
    subject = scenario.course_by_id[row.course_id].subject
    lecturers = tuple(
        lec.model_copy(
            update={"subjects": tuple(s for s in lec.subjects if s != subject) or ("x",)}
        )
        if lec.lecturer_id == row.lecturer_id
        else lec
        for lec in scenario.lecturers
    )
    return scenario.model_copy(update={"lecturers": lecturers}), plan


def break_hard_target(scenario: Scenario, plan: Plan) -> tuple[Scenario, Plan] | None:
    attainment = evaluate(scenario, plan).attainment
    if not attainment:
        return None
    first = scenario.settings.targets[0]
    result = next(a for a in attainment if a.target_id == first.id)
    share = min(1.0, (result.qualified + 1) / result.population)
    if math.ceil(as_fraction(share) * result.population) <= result.qualified:
        return None
    hard: Target = first.model_copy(update={"hard": True, "share": share})
    return _settings(scenario, targets=(hard, *scenario.settings.targets[1:])), plan


MUTATIONS: dict[str, Mutation] = {
    "prerequisite": break_prerequisite,
    "seats": break_seats,
    "lecturer_hours": break_lecturer_hours,
    "budget_year": break_budget_year,
    "budget_total": break_budget_total,
    "unit_away": break_unit_away,
    "leaders_away": break_leaders,
    "personal_days": break_personal_days,
    "retirement": break_retirement,
    "obligation": break_obligation,
    "joins": break_joins,
    "leaves": break_leaves,
    "max_age": break_max_age,
    "pin_forbid": break_forbid_pin,
    "pin_require": break_require_pin,
    "offering": break_offering,
    "level": break_level,
    "repeat": break_repeat,
    "class_hours": break_class_hours,
    "class_size": break_class_size,
    "lecturer_subject": break_lecturer_subject,
    "hard_target": break_hard_target,
}

# Mutations that edit one enrollment's official or course can also trip rules tied to the same
# change (a retiree also leaves the unit's staff count; an extra requirement binds every
# trainee of that course). The named rule must be reported; these are tolerated beside it.
ALSO = {
    "retirement": {"unit_away"},
    "repeat": {"personal_days", "seats", "class_learners", "unit_away", "budget_year"},
}


@pytest.fixture(scope="module", params=["builtin", "generated"])
def solved(request: pytest.FixtureRequest) -> tuple[Scenario, Plan]:
    scenario = request.getfixturevalue(f"{request.param}_scenario")
    plan = request.getfixturevalue(f"{request.param}_plan")
    return scenario, plan


def test_unmodified_plans_pass(solved: tuple[Scenario, Plan]) -> None:
    scenario, plan = solved
    evaluation = evaluate(scenario, plan)
    assert plan.enrollments, "the solved plan trains nobody: the mutations would test nothing"
    assert evaluation.violations == []


@pytest.mark.parametrize("rule", sorted(MUTATIONS))
def test_check_names_the_broken_rule(solved: tuple[Scenario, Plan], rule: str) -> None:
    scenario, plan = solved
    mutated = MUTATIONS[rule](scenario, plan)
    if mutated is None:
        pytest.skip(f"this plan gives no handle to break {rule} (e.g. no internal class)")
    broken_scenario, broken_plan = mutated
    found = {v.rule for v in evaluate(broken_scenario, broken_plan).violations}
    assert rule in found
    assert found - {rule} <= ALSO.get(rule, set()), found


def test_every_listed_mutation_applies_to_the_builtin_plan(
    builtin_scenario: Scenario, builtin_plan: Plan
) -> None:
    """The built-in plan must exercise every mutation (so none is silently skipped there)."""
    missing = [
        rule for rule, mutate in MUTATIONS.items() if mutate(builtin_scenario, builtin_plan) is None
    ]
    assert missing == []


# ---------------------------------------------------------------- through the command line


def check_command(scenario: Scenario, plan: Plan, folder: Path) -> Result:
    """``trainplan check`` on ``scenario`` and ``plan`` written to files under ``folder``."""
    write_scenario(scenario, folder / "scenario")
    write_plan_folder(folder / "plan", plan_files(scenario, plan, evaluate(scenario, plan)))
    return CliRunner().invoke(cli.main, ["check", str(folder / "scenario"), str(folder / "plan")])


def test_unmodified_plans_pass_the_check_command(
    solved: tuple[Scenario, Plan], tmp_path: Path
) -> None:
    result = check_command(*solved, tmp_path)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("rule", sorted(MUTATIONS))
def test_the_check_command_names_the_broken_rule(
    solved: tuple[Scenario, Plan], rule: str, tmp_path: Path
) -> None:
    mutated = MUTATIONS[rule](*solved)
    if mutated is None:
        pytest.skip(f"this plan gives no handle to break {rule} (e.g. no internal class)")
    result = check_command(*mutated, tmp_path)
    assert result.exit_code == 3, result.output
    assert f"[{rule}]" in result.output
