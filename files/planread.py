"""Reading plan folders (SPEC.md, "A plan"): the enrollments and classes of any plan folder,
hand-made ones too, and what trainplan's own plan.json says about a plan it wrote."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from trainplan.files.cells import to_int
from trainplan.files.plancontent import PLAN_FILES, PLAN_FORMAT
from trainplan.files.tables import RawTable, read_csv
from trainplan.models.message import Message
from trainplan.models.plan import ClassRow, Enrollment, Plan
from trainplan.models.problems import CellError, InputError, Problem


def plan_document_of(folder: Path) -> dict[str, object] | None:
    """The plan.json trainplan wrote in ``folder``, or None (no plan.json, unreadable, or not
    trainplan's format: a hand-made plan)."""
    try:
        document = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(document, dict) or document.get("format") != PLAN_FORMAT:
        return None
    return document


def plan_input_hash(folder: Path) -> str | None:
    """The hash of the scenario a plan trainplan wrote was made from (plan.json's
    ``scenario.input_hash``); None for a hand-made plan or one that records none."""
    document = plan_document_of(folder)
    scenario = document.get("scenario") if document else None
    found = scenario.get("input_hash") if isinstance(scenario, dict) else None
    return found if isinstance(found, str) and found else None


def foreign_entry(folder: Path) -> str | None:
    """The name of an entry of ``folder`` that trainplan does not write into a plan folder
    (the first in name order), or None if every entry is one of ``PLAN_FILES``, a file."""
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.name not in PLAN_FILES or not entry.is_file(follow_symlinks=False):
                return entry.name
    return None


def is_plan_folder(path: Path) -> bool:
    """Whether ``path`` is a plan folder trainplan wrote: a folder (not a link) holding only
    files trainplan writes, among them a plan.json of trainplan's format."""
    try:
        if path.is_symlink() or not path.is_dir() or foreign_entry(path) is not None:
            return False
    except OSError:
        return False
    return plan_document_of(path) is not None


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
        for row, values in _rows(table, columns, problems, optional={"lecturer_id", "learners"}):
            numbers: dict[str, int | None] = {"learners": None}  # blank: the checker infers it
            for column in ("year", "class_no", "learners", "hours"):
                if column == "learners" and not values.get(column):
                    continue
                with _cell(problems, table.file, row, column):
                    numbers[column] = to_int(values[column])
            year, class_no, hours = (
                numbers.get("year"),
                numbers.get("class_no"),
                numbers.get("hours"),
            )
            if year is not None and class_no is not None and hours is not None:
                classes.append(
                    ClassRow(
                        values["course_id"],
                        year,
                        class_no,
                        numbers["learners"],
                        values.get("lecturer_id", ""),
                        hours,
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
