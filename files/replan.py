"""Reading what a re-plan needs (SPEC.md, "Re-planning"): the approved baseline plan folder,
the committee's approvals in it, actuals.csv and the as-of year, into the scenario's
``Replan`` (``trainplan.models.history``).

Every problem names its file, row and column; nothing is guessed. A baseline enrollment of an
official or course the scenario no longer has is no error: the re-plan reports it as a change.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from trainplan.files.approvals import approved_enrollments
from trainplan.files.cells import to_int
from trainplan.files.planread import read_plan
from trainplan.files.tables import RawTable, read_csv
from trainplan.models.conventions import choice
from trainplan.models.history import Past, PastClass, Planned, Replan, Source, Status
from trainplan.models.message import Message
from trainplan.models.problems import CellError, InputError, Problem
from trainplan.models.scenario import Pin, Scenario

ACTUALS = "actuals.csv"
COLUMNS = ("official_id", "course_id", "start_year", "status")


def actuals_path(scenario_path: Path) -> Path:
    """Where a scenario keeps its actuals: actuals.csv in its folder (beside its workbook)."""
    folder = scenario_path if scenario_path.is_dir() else scenario_path.parent
    return folder / ACTUALS


def find_actuals(scenario_path: Path, sheet: RawTable | None) -> Path | RawTable:
    """A scenario's actuals: the ``actuals`` sheet of its workbook (``Đã diễn ra``, as the
    loader read it: ``Loaded.actuals``), else actuals.csv beside it (which may not exist).

    Raises
    ------
    InputError
        Both a sheet and actuals.csv: which one holds what happened is not for us to guess.
    """
    path = actuals_path(scenario_path)
    if sheet is None:
        return path
    if path.exists():
        message = Message("input.actuals.twice_kept", sheet=sheet.file)
        raise InputError([Problem(ACTUALS, None, None, message)])
    return sheet


def _end(scenario: Scenario, course_id: str, start: int) -> int:
    return scenario.course_by_id[course_id].end_year(start)


def read_actuals(scenario: Scenario, path: Path | RawTable, as_of: int | None) -> list[Past]:
    """The rows of actuals.csv, or of the workbook's actuals sheet (none if there is no such
    file).

    Raises
    ------
    InputError
        Naming file, row and column: a missing column, an unknown official or course, a status
        not in the list, a start in or after the as-of year, a status the years contradict.
    """
    if isinstance(path, RawTable):
        table, problems = path, list[Problem]()
    elif not path.is_file():
        return []
    else:
        found, problems = read_csv(path, "actuals")
        if found is None:
            raise InputError(problems)
        table = found
    name = table.file
    missing = [c for c in COLUMNS if c not in table.columns]
    for column in missing:
        problems.append(Problem(name, table.header_row, column, Message("input.column_missing")))
    if missing:
        raise InputError(problems)
    rows: list[Past] = []
    seen: set[tuple[str, str]] = set()
    statuses = ", ".join(status.value for status in Status)
    for row, values in table.rows:
        blank = [c for c in COLUMNS if not values.get(c)]
        for column in blank:
            problems.append(Problem(name, row, column, Message("input.blank")))
        if blank:
            continue
        official, course, status_text = (values[c] for c in ("official_id", "course_id", "status"))
        before = len(problems)
        if official not in scenario.official_by_id:
            problems.append(
                Problem(name, row, "official_id", Message("input.no_official", id=official))
            )
        if course not in scenario.course_by_id:
            problems.append(Problem(name, row, "course_id", Message("input.no_course", id=course)))
        try:
            start = to_int(values["start_year"])
        except CellError as error:
            problems.append(Problem(name, row, "start_year", error.message))
            continue
        canonical = choice("status", status_text)
        if canonical is None:
            message = Message("input.actuals.status", value=status_text, allowed=statuses)
            problems.append(Problem(name, row, "status", message))
            continue
        status = Status(canonical)
        if len(problems) > before:
            continue
        if (official, course) in seen:
            problems.append(Problem(name, row, "course_id", Message("input.actuals.twice")))
        seen.add((official, course))
        if as_of is not None:
            end = _end(scenario, course, start)
            problem = _status_problem(status, start, end, as_of)
            if problem is not None:
                column = "start_year" if problem.key.endswith("after_as_of") else "status"
                problems.append(Problem(name, row, column, problem))
        rows.append(
            Past(
                official_id=official,
                course_id=course,
                start_year=start,
                status=status,
                source=Source.ACTUALS,
            )
        )
    if problems:  # each column named as the planner's header wrote it (Tình trạng, ...)
        raise InputError(
            [
                replace(p, column=table.written.get(p.column, p.column)) if p.column else p
                for p in problems
            ]
        )
    return rows


def _status_problem(status: Status, start: int, end: int, as_of: int) -> Message | None:
    """What is wrong with a row's years given its status and the as-of year, if anything."""
    if start >= as_of:
        return Message("input.actuals.after_as_of", year=start, as_of=as_of)
    if status == Status.COMPLETED and end >= as_of:
        return Message("input.actuals.not_over", end=end, as_of=as_of)
    if status == Status.IN_PROGRESS and end < as_of:
        return Message("input.actuals.over", end=end, as_of=as_of)
    return None


def with_replan(
    scenario: Scenario,
    scenario_path: Path | None,
    baseline: Path,
    as_of: int | None,
    notes: list[Problem] | None = None,
    sheet: RawTable | None = None,
) -> Scenario:
    """``scenario`` re-planning ``baseline`` (a plan folder) as of ``as_of`` (None: from the
    first year), with the actuals beside the scenario (or its workbook's actuals ``sheet``) and
    the baseline's approvals as ``require`` pins.

    Raises
    ------
    InputError
        An as-of year outside the horizon, a baseline that is not a plan folder, a bad
        actuals.csv: each problem names file, row and column.

    ``notes`` receives what does not stop the re-plan but the reader must know: approval
    cells that neither approve nor refuse, an actuals.csv left unread for want of ``--as-of``.
    """
    notes = [] if notes is None else notes
    first, last = scenario.settings.horizon
    if as_of is not None and not first <= as_of <= last:
        message = Message("input.as_of.outside", year=as_of, first=first, last=last)
        raise InputError([Problem("--as-of", None, None, message)])
    if not baseline.exists():
        raise InputError([Problem(str(baseline), None, None, Message("input.baseline.missing"))])
    if not (baseline / "enrollments.csv").is_file():
        raise InputError([Problem(str(baseline), None, None, Message("input.baseline.not_plan"))])
    plan = read_plan(baseline)
    planned = tuple(
        Planned(official_id=e.official_id, course_id=e.course_id, start_year=e.start_year)
        for e in plan.enrollments
    )
    actuals = (
        []
        if scenario_path is None
        else read_actuals(scenario, find_actuals(scenario_path, sheet), as_of)
    )
    if actuals and as_of is None:  # what happened matters only from an as-of year
        notes.append(Problem(ACTUALS, None, None, Message("input.actuals.no_as_of")))
    history: list[Past] = []
    if as_of is not None:
        history = [row for row in actuals if row.start_year < as_of]
        told = {(row.official_id, row.course_id) for row in history}
        for row in planned:
            known = (
                row.official_id in scenario.official_by_id
                and row.course_id in scenario.course_by_id
            )
            if row.start_year >= as_of or (row.official_id, row.course_id) in told or not known:
                continue
            over = _end(scenario, row.course_id, row.start_year) < as_of
            status = Status.COMPLETED if over else Status.IN_PROGRESS
            history.append(
                Past(
                    official_id=row.official_id,
                    course_id=row.course_id,
                    start_year=row.start_year,
                    status=status,
                    source=Source.BASELINE,
                )
            )

    classes = [
        PastClass(
            course_id=c.course_id,
            year=c.year,
            class_no=c.class_no,
            lecturer_id=c.lecturer_id,
            hours=c.hours,
        )
        for c in plan.classes
    ]
    approved = sorted(approved_enrollments(baseline, notes))
    pins = list(scenario.pins)
    held = {(p.official_id, p.course_id, p.year) for p in pins}
    for official, course, year in approved:
        if (
            (as_of is None or year >= as_of)
            and official in scenario.official_by_id
            and course in scenario.course_by_id
            and (official, course, year) not in held
        ):
            pins.append(Pin(official_id=official, course_id=course, year=year, action="require"))
    replan = Replan(
        baseline_folder=str(baseline.resolve()),
        baseline=planned,
        approved=tuple(Planned(official_id=o, course_id=c, start_year=y) for o, c, y in approved),
        as_of=as_of,
        history=tuple(sorted(history, key=lambda r: r.key)),
        classes=tuple(classes),
    )
    return scenario.model_copy(update={"replan": replan, "pins": tuple(pins)})
