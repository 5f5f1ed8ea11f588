"""Why (not) this official (``trainplan explain --official ID``).

The best plan is solved as ``trainplan solve`` solves it. Course by course, the candidates'
own predicates (``trainplan.solver.candidates``) say which courses are closed to the official
and by which rule. Then the best plan is solved once more with the official forced in
(qualified for the targets they count for, else any enrollment of theirs) or, if they are in,
kept out of every course; comparing the two plans'
objectives (weighted shortfall, then money) tells whether the choice was needed, merely cheaper,
or a tie.
"""

from __future__ import annotations

from dataclasses import replace

from ortools.sat.python import cp_model

from trainplan.models.explanation import OfficialExplanation
from trainplan.models.message import Message
from trainplan.models.plan import Plan, SolveStatus
from trainplan.models.scenario import Scenario
from trainplan.solver.candidates import Facts, exclusion
from trainplan.solver.explain import Infeasible
from trainplan.solver.parameters import SolveOptions
from trainplan.solver.search import Solver


def _objectives(plan: Plan) -> tuple[float, int] | None:
    info = plan.solver
    if info is None or info.status not in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE):
        return None
    return info.objective.get("targets", 0.0), round(info.objective.get("money", 0))


def _proven(plan: Plan) -> bool:
    return plan.solver is not None and plan.solver.status == SolveStatus.OPTIMAL


def _solve_with(
    scenario: Scenario,
    options: SolveOptions,
    official_id: str,
    *,
    inside: bool,
    targets: tuple[str, ...] = (),
) -> Plan | None:
    """The best plan with the official in some course (``inside``) — qualified for
    ``targets`` when they count for some, since only that could help them — or in none; None
    when no valid plan is like that."""
    solver = Solver(scenario, replace(options, deterministic=False, progress=None))
    variables = solver.built.variables
    mine = [variables.enroll[key] for key in variables.by_official.get(official_id, ())]
    model: cp_model.CpModel = solver.built.model
    official = scenario.official_by_id[official_id]
    if inside:
        if not mine:
            return None
        model.add(sum(mine) >= 1)
        for target in scenario.settings.targets:
            if target.id not in targets:
                continue
            needs = scenario.needs(target, official)
            qualified = variables.qualified_literal(official_id, needs, target.year)
            if isinstance(qualified, int):
                if qualified == 0:
                    return None  # no enrollment of theirs can ever qualify them
                continue
            model.add(qualified == 1)
    else:
        for var in mine:
            model.add(var == 0)
    try:
        return solver.solve()
    except Infeasible:
        return None


def explain_official(
    scenario: Scenario, official_id: str, best: Plan, options: SolveOptions
) -> OfficialExplanation:
    """Why ``official_id`` is or is not in ``best`` (the plan ``solve`` makes)."""
    official = scenario.official_by_id[official_id]
    facts = Facts.of(scenario)
    closed: list[tuple[str, Message]] = []
    open_courses: list[str] = []
    for course in scenario.courses:
        years = [o.year for o in scenario.offerings if o.course_id == course.course_id]
        reasons = [exclusion(facts, official, course, year) for year in years]
        if any(reason is None for reason in reasons):
            open_courses.append(course.course_id)
        elif reasons:
            first = next(r for r in reasons if r is not None)
            closed.append((course.course_id, first))
    counts_for = tuple(
        target.id
        for target in scenario.settings.targets
        if official in scenario.population(target)
        and any(
            not need.met_by(
                scenario.rank(need.track, official.levels[need.track]),
                official.fields.get(need.track),
            )
            for need in scenario.needs(target, official)
        )
    )
    enrollments = tuple(
        (e.course_id, e.start_year) for e in best.enrollments if e.official_id == official_id
    )
    other = _solve_with(scenario, options, official_id, inside=not enrollments, targets=counts_for)
    taken: str | None = None
    if other is not None and not enrollments:
        theirs = [e for e in other.enrollments if e.official_id == official_id]
        taken = theirs[0].course_id if theirs else None
    proven = _proven(best) and (other is None or _proven(other))
    return OfficialExplanation(
        official_id=official_id,
        in_plan=bool(enrollments),
        enrollments=enrollments,
        counts_for=counts_for,
        closed=tuple(closed),
        open_courses=tuple(open_courses),
        best=_objectives(best),
        alternative=None if other is None else _objectives(other),
        alternative_course=taken,
        proven=proven,
    )
