"""Plan folders (SPEC.md, "A plan"): writing them atomically, reading them back, hand-made
ones too.

A plan folder is built in a temporary sibling and swapped in at once, under a lock, so a
failed, interrupted or concurrent run never leaves a half-written folder nor replaces an
earlier plan.
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import io
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from trainplan.checking.checker import Evaluation
from trainplan.files.cells import to_int
from trainplan.files.errors import os_reason
from trainplan.files.tables import RawTable, read_csv
from trainplan.models.message import Message
from trainplan.models.plan import ClassRow, Enrollment, Plan, SolverInfo, SolveStatus
from trainplan.models.problems import CellError, InputError, Problem
from trainplan.models.scenario import Scenario
from trainplan.wording.catalogue import render

PLAN_FORMAT = "trainplan-plan/1"


class OutputError(Exception):
    """The plan folder cannot be written (locked, read-only, disk full...): ``message`` says
    why, for ``trainplan.wording.render``; ``str(error)`` is the same in English."""

    def __init__(self, message: Message | str) -> None:
        if isinstance(message, str):  # words already chosen by the caller
            message = Message("input.text", text=message)
        super().__init__(render(message, "en"))
        self.message = message


# ------------------------------------------------------------------ writing


def _csv_text(header: list[str], rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _money(value: Fraction) -> int:
    return round(value)


def plan_document(scenario: Scenario, plan: Plan, evaluation: Evaluation) -> dict[str, Any]:
    """Everything about the plan as one JSON-ready document (plan.json)."""
    info = plan.solver or SolverInfo(status=SolveStatus.HAND_MADE)
    return {
        "format": PLAN_FORMAT,
        "scenario": {
            "name": scenario.settings.name,
            "title": scenario.settings.title,
            "horizon": list(scenario.settings.horizon),
            "input_hash": info.input_hash,
        },
        "solver": {
            "status": info.status,
            "objective": info.objective,
            "bound": info.bound,
            "gap": info.gap,
            "seconds": info.seconds,
            "seed": info.seed,
            "workers": info.workers,
            "time_limit": info.time_limit,
            "interrupted": info.interrupted,
            "reproducible": info.reproducible,
            "parameters": info.parameters,
            "ortools_version": info.ortools_version,
            "stages": info.stages,
        },
        "objective": {
            "weighted_shortfall": float(evaluation.weighted_shortfall),
            "money": _money(evaluation.money),
        },
        "totals": {
            "enrollments": len(plan.enrollments),
            "classes": len({(c.course_id, c.year, c.class_no) for c in plan.classes}),
            "cost": _money(evaluation.cost_total),
            "learner_cost": _money(evaluation.learner_cost),
            "class_cost": _money(evaluation.class_cost),
            "lecturer_cost": _money(evaluation.lecturer_cost),
            "away_days": evaluation.away_days_total,
            "away_value": _money(evaluation.away_value),
            "targets_met": sum(a.met for a in evaluation.attainment),
            "targets": len(evaluation.attainment),
        },
        "cost_by_year": {str(y): _money(c) for y, c in sorted(evaluation.cost_by_year.items())},
        "away_days_by_unit_year": [
            {"unit_id": u, "year": y, "days": float(d)}
            for (u, y), d in sorted(evaluation.away_days_by_unit_year.items())
        ],
        "attainment": [
            {
                "target_id": a.target_id,
                "year": a.year,
                "population": a.population,
                "qualified": a.qualified,
                "required": a.required,
                "share": a.share,
                "met": a.met,
                "shortfall": a.shortfall,
                "hard": a.hard,
                "weight": a.weight,
            }
            for a in evaluation.attainment
        ],
        "enrollments": [
            {"official_id": e.official_id, "course_id": e.course_id, "start_year": e.start_year}
            for e in plan.enrollments
        ],
        "classes": [
            {
                "course_id": c.course_id,
                "year": c.year,
                "class_no": c.class_no,
                "learners": c.learners,
                "lecturer_id": c.lecturer_id,
                "hours": c.hours,
            }
            for c in plan.classes
        ],
        "violations": [
            {"rule": str(v.rule), "message": render(v.message, "en")} for v in evaluation.violations
        ],
    }


def plan_files(scenario: Scenario, plan: Plan, evaluation: Evaluation) -> dict[str, str]:
    """The text of every file of the plan folder, by file name."""
    enrollment_rows = []
    for e in plan.enrollments:
        official = scenario.official_by_id[e.official_id]
        course = scenario.course_by_id[e.course_id]
        unit = scenario.unit_by_id[official.unit_id]
        enrollment_rows.append(
            [
                e.official_id,
                e.course_id,
                e.start_year,
                course.end_year(e.start_year),
                official.name,
                official.unit_id,
                unit.name,
                official.post_id,
                course.name,
                course.track,
                course.grants,
                course.mode,
                course.away_days,
                course.cost_per_learner,
            ]
        )
    class_rows = [
        [
            c.course_id,
            c.year,
            c.class_no,
            c.learners,
            c.lecturer_id,
            c.hours,
            scenario.lecturer_by_id[c.lecturer_id].name
            if c.lecturer_id in scenario.lecturer_by_id
            else "",
        ]
        for c in plan.classes
    ]
    attainment_rows = [
        [
            a.target_id,
            a.year,
            a.population,
            a.qualified,
            a.required,
            a.share,
            "true" if a.met else "false",
            a.shortfall,
            "true" if a.hard else "false",
        ]
        for a in evaluation.attainment
    ]
    document = plan_document(scenario, plan, evaluation)
    return {
        "enrollments.csv": _csv_text(
            [
                "official_id",
                "course_id",
                "start_year",
                "end_year",
                "official_name",
                "unit_id",
                "unit_name",
                "post_id",
                "course_name",
                "track",
                "grants",
                "mode",
                "away_days",
                "cost_per_learner",
            ],
            enrollment_rows,
        ),
        "classes.csv": _csv_text(
            ["course_id", "year", "class_no", "learners", "lecturer_id", "hours", "lecturer_name"],
            class_rows,
        ),
        "attainment.csv": _csv_text(
            [
                "target_id",
                "year",
                "population",
                "qualified",
                "required",
                "share",
                "met",
                "shortfall",
                "hard",
            ],
            attainment_rows,
        ),
        "plan.json": json.dumps(document, ensure_ascii=False, indent=2) + "\n",
    }


@contextlib.contextmanager
def plan_lock(folder: Path) -> Iterator[None]:
    """Hold the lock of a plan folder: a second run into the same folder stops at once."""
    parent = folder.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(
            Message("input.output.cannot_create", folder=str(parent), reason=os_reason(error))
        ) from None
    lock = FileLock(str(parent / f".{folder.name}.lock"), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise OutputError(Message("input.output.locked", folder=str(folder))) from None
    except OSError as error:
        raise OutputError(
            Message("input.output.cannot_write", folder=str(parent), reason=os_reason(error))
        ) from None
    try:
        aside = parent / f".{folder.name}.tmp-old"
        if aside.is_dir() and not folder.exists():
            # a run killed between moving the earlier plan aside and moving its own in
            with contextlib.suppress(OSError):
                os.rename(aside, folder)
        # left by a killed run: names are matched literally, not as a glob pattern, so that a
        # folder called "plan[1]" clears its own and never "plan1"'s (maybe its earlier plan)
        ours = re.compile(re.escape(f".{folder.name}.tmp-") + r"[A-Za-z0-9_]+")
        with contextlib.suppress(OSError):
            for name in os.listdir(parent):
                if ours.fullmatch(name):
                    shutil.rmtree(parent / name, ignore_errors=True)
        yield
    finally:
        lock.release()


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    return bool(result == 0)


def _sync_folder(path: Path) -> None:
    """Make a rename in ``path`` durable (a power cut after it keeps the new plan)."""
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some file systems cannot sync folders; the rename is still atomic
    finally:
        os.close(handle)


def write_plan_folder(folder: Path, files: dict[str, str]) -> None:
    """Write ``files`` into ``folder`` all at once: either the new folder or the old one."""
    parent = folder.resolve().parent
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.tmp-", dir=parent))
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)
    except OSError as error:
        raise OutputError(
            Message("input.output.cannot_write", folder=str(parent), reason=os_reason(error))
        ) from None
    try:
        for name, text in files.items():
            with open(
                staging / name,
                "w",
                encoding="utf-8-sig" if name.endswith(".csv") else "utf-8",
                newline="",
            ) as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
        if not folder.exists():
            os.rename(staging, folder)
        elif _exchange(staging, folder):
            shutil.rmtree(staging, ignore_errors=True)  # staging now holds the old plan
        else:
            old = parent / f".{folder.name}.tmp-old"
            if old.exists():  # left by a killed run of this fallback: not a plan to keep
                shutil.rmtree(old, ignore_errors=True)
            os.rename(folder, old)
            try:
                os.rename(staging, folder)
            except OSError:
                os.rename(old, folder)  # put the earlier plan back before reporting
                raise
            shutil.rmtree(old, ignore_errors=True)
        _sync_folder(parent)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(
            Message("input.output.not_written", folder=str(folder), reason=os_reason(error))
        ) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


# ------------------------------------------------------------------ reading


def _table(folder: Path, name: str, required: bool) -> tuple[RawTable | None, list[Problem]]:
    path = folder / name
    if not path.exists():
        if required:
            return None, [
                Problem(name, None, None, Message("input.file_missing", folder=str(folder)))
            ]
        return None, []
    return read_csv(path, name.removesuffix(".csv"))


def read_plan(folder: str | Path) -> Plan:
    """Read a plan folder (enrollments.csv and, for internal courses, classes.csv).

    Raises
    ------
    InputError
        When a file or cell cannot be read, naming file, row and column.
    """
    path = Path(folder)
    if not path.is_dir():
        raise InputError([Problem(str(path), None, None, Message("input.not_plan_folder"))])
    problems: list[Problem] = []
    enrollments: list[Enrollment] = []
    classes: list[ClassRow] = []
    table, found = _table(path, "enrollments.csv", required=True)
    problems += found
    if table is not None:
        for row, values in _rows(table, ["official_id", "course_id", "start_year"], problems):
            with _cell(problems, table.file, row, "start_year"):
                enrollments.append(
                    Enrollment(
                        values["official_id"], values["course_id"], to_int(values["start_year"])
                    )
                )
    table, found = _table(path, "classes.csv", required=False)
    problems += found
    if table is not None:
        columns = ["course_id", "year", "class_no", "learners", "lecturer_id", "hours"]
        for row, values in _rows(table, columns, problems, optional={"lecturer_id"}):
            numbers: dict[str, int] = {}
            for column in ("year", "class_no", "learners", "hours"):
                with _cell(problems, table.file, row, column):
                    numbers[column] = to_int(values[column])
            if len(numbers) == 4:
                classes.append(
                    ClassRow(
                        values["course_id"],
                        numbers["year"],
                        numbers["class_no"],
                        numbers["learners"],
                        values.get("lecturer_id", ""),
                        numbers["hours"],
                    )
                )
    if problems:
        raise InputError(problems)
    return Plan(tuple(enrollments), tuple(classes))


def _rows(
    table: RawTable, columns: list[str], problems: list[Problem], optional: set[str] | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    optional = optional or set()
    missing = [c for c in columns if c not in table.columns and c not in optional]
    for column in missing:
        problems.append(Problem(table.file, 1, column, Message("input.column_missing")))
    if missing:
        return
    for row, values in table.rows:
        blank = [c for c in columns if c not in optional and not values.get(c)]
        for column in blank:
            problems.append(Problem(table.file, row, column, Message("input.blank")))
        if not blank:
            yield row, values


@contextlib.contextmanager
def _cell(problems: list[Problem], file: str, row: int, column: str) -> Iterator[None]:
    try:
        yield
    except CellError as error:
        problems.append(Problem(file, row, column, error.message))
