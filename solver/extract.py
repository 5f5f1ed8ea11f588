"""From the values of a solution to a ``Plan``, and from the searches to its ``SolverInfo``.

The plan's enrollments are the true ``enroll`` variables; each open offering of an internal
course becomes ``classes_open`` classes that share its learners evenly, each class's hours
filled from its lecturers in order. Rules about how a plan folder is written (known ids, class
rows that agree: ``rules.PLAN_ONLY``) hold by this construction.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import ortools

from trainplan.models.fingerprint import input_hash
from trainplan.models.plan import ClassRow, Enrollment, SolverInfo, SolveStatus, Stage
from trainplan.models.scenario import Scenario
from trainplan.solver.objectives import Objective, Objectives
from trainplan.solver.parameters import SolveOptions, recorded
from trainplan.solver.variables import Variables


@dataclass
class StageResult:
    """What one search left: its status, objective and bound as CP-SAT's integers (None
    without a solution) and the values of the decision variables by name."""

    name: Stage
    status: SolveStatus
    objective: int | None
    bound: int | None
    seconds: float
    values: dict[str, int] | None


def split_classes(
    course_id: str,
    year: int,
    count: int,
    learners: int,
    hours_per_class: int,
    teaching: list[tuple[str, int]],
) -> list[ClassRow]:
    """Share learners evenly over ``count`` classes and fill each class's hours from the
    lecturers in order; a lecturer may teach several classes, a class have several lecturers."""
    sizes = [learners // count + (1 if i < learners % count else 0) for i in range(count)]
    pool = [(lecturer_id, hours) for lecturer_id, hours in sorted(teaching) if hours > 0]
    rows = []
    for class_no, size in enumerate(sizes, start=1):
        needed = hours_per_class
        if needed == 0:
            rows.append(ClassRow(course_id, year, class_no, size, "", 0))
        while needed > 0 and pool:
            lecturer_id, available = pool[0]
            take = min(needed, available)
            rows.append(ClassRow(course_id, year, class_no, size, lecturer_id, take))
            needed -= take
            if available > take:
                pool[0] = (lecturer_id, available - take)
            else:
                pool.pop(0)
    return rows


def plan_rows(
    scenario: Scenario, variables: Variables, values: dict[str, int] | None
) -> tuple[list[Enrollment], list[ClassRow]]:
    """The enrollments and class rows of ``values``; none when there is no solution."""
    enrollments: list[Enrollment] = []
    classes: list[ClassRow] = []
    if values is None:
        return enrollments, classes
    for key, var in variables.enroll.items():
        if values.get(var.name):
            enrollments.append(Enrollment(*key))
    for (course_id, year), var in variables.classes_open.items():
        count = values.get(var.name, 0)
        if not count:
            continue
        learners = sum(1 for e in enrollments if (e.course_id, e.start_year) == (course_id, year))
        teaching = [
            (lecturer_id, values.get(hours_var.name, 0))
            for (lecturer_id, c, y), hours_var in variables.hours.items()
            if (c, y) == (course_id, year)
        ]
        course = scenario.course_by_id[course_id]
        classes.extend(
            split_classes(course_id, year, count, learners, course.lecturer_hours or 0, teaching)
        )
    return enrollments, classes


def solver_info(
    scenario: Scenario,
    options: SolveOptions,
    objectives: Objectives,
    stages: list[StageResult],
    *,
    found: bool,
    started: float,
    interrupted: bool,
) -> SolverInfo:
    """How the search went. ``objective`` holds each optimising stage's value as CP-SAT saw
    it; when every stage is OPTIMAL it equals what ``trainplan.checking.checker`` recomputes
    from the plan (before that, the targets stage's value is an upper bound)."""
    scales = {Stage.TARGETS: objectives.shortfall, Stage.MONEY: objectives.money}
    if objectives.changes is not None:
        scales[Stage.CHANGES] = objectives.changes
    optimising = [stage for stage in stages if stage.name in scales]
    objective = {
        stage.name.value: float(scales[stage.name].value(stage.objective))
        for stage in optimising
        if stage.objective is not None
    }
    bound = {
        stage.name.value: float(scales[stage.name].value(stage.bound))
        for stage in optimising
        if stage.bound is not None
    }
    last = optimising[-1] if optimising else None
    gap = None
    if last is not None and last.objective is not None and last.bound is not None:
        gap = abs(last.objective - last.bound) / max(1, abs(last.objective))
    reproduced = [stage for stage in stages if stage.name == Stage.REPRODUCE]
    if not found:
        status = SolveStatus.UNKNOWN
    elif all(stage.status == SolveStatus.OPTIMAL for stage in optimising):
        status = SolveStatus.OPTIMAL  # also when no stage was needed: the empty plan is best
    else:
        status = SolveStatus.FEASIBLE
    return SolverInfo(
        status=status,
        objective=objective,
        bound=bound,
        gap=gap,
        seconds=round(time.monotonic() - started, 3),
        seed=options.seed,
        workers=options.workers,
        time_limit=options.time_limit,
        interrupted=interrupted,
        reproducible=bool(reproduced) and reproduced[0].status == SolveStatus.OPTIMAL and found,
        parameters=recorded(options),
        ortools_version=ortools.__version__,  # type: ignore[attr-defined]
        input_hash=input_hash(scenario),
        stages=[stage_record(stage, scales.get(stage.name)) for stage in stages],
    )


def stage_record(stage: StageResult, scale: Objective | None) -> dict[str, Any]:
    """One stage as plan.json keeps it: its status and time and, for an optimising stage, its
    objective, bound and relative gap in the objective's own units (weighted officials short
    for the targets stage, VND for the money stage), so that no stage is read as proven
    because another one is."""
    record: dict[str, Any] = {
        "name": stage.name,
        "status": stage.status,
        "seconds": round(stage.seconds, 3),
    }
    if scale is None:
        return record
    objective = None if stage.objective is None else float(scale.value(stage.objective))
    bound = None if stage.bound is None else float(scale.value(stage.bound))
    record["objective"] = objective
    record["bound"] = bound
    record["gap"] = (
        None
        if stage.objective is None or stage.bound is None
        else abs(stage.objective - stage.bound) / max(1, abs(stage.objective))
    )
    return record
