"""Where a scenario's tables are: CSV files named after the tables, or one workbook.

The workbook may have any name (``danh-sach-2024.xlsx`` as well as ``scenario.xlsx``), or be
given straight as the scenario's path. Excel's lock files (``~$name.xlsx``) are no workbook.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from trainplan.files.sheets import Workbook, read_workbook
from trainplan.files.tables import OPTIONAL_TABLES, TABLES, WORKBOOK, RawTable, read_csv
from trainplan.models.message import Message
from trainplan.models.problems import Problem, joined

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
LOCK_PREFIXES = ("~$", ".~", "._")
"""Excel's lock file of an open workbook, LibreOffice's, and macOS's resource files."""


@dataclass
class Inputs:
    """The tables of a scenario as text, with the workbook they came from (if any)."""

    folder: Path
    workbook: Workbook | None = None
    tables: dict[str, RawTable] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def is_workbook(path: Path) -> bool:
    """A file name Excel gives a workbook, not its lock file."""
    return path.suffix.lower() in WORKBOOK_SUFFIXES and not path.name.startswith(LOCK_PREFIXES)


def _listing(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError:
        return []


def workbooks_in(folder: Path) -> list[Path]:
    """The workbooks of ``folder``, sorted by name."""
    return [path for path in _listing(folder) if is_workbook(path)]


def read_tables(path: Path) -> Inputs:
    """Read every table of a scenario: the folder ``path`` (CSV files or its one workbook), or
    the workbook ``path`` itself."""
    if is_workbook(path) and not path.is_dir():
        return _from_workbook(path.parent, path)
    folder = path
    books = workbooks_in(folder)
    csv_names = [name for name in TABLES if (folder / f"{name}.csv").exists()]
    if len(books) > 1:
        names = joined([book.name for book in books])
        message = Message("input.xlsx.two_workbooks", workbooks=names, n=len(books))
        return Inputs(folder, problems=[Problem(books[0].name, None, None, message)])
    if books:
        if csv_names:
            files = ", ".join(n + ".csv" for n in csv_names)
            message = Message("input.xlsx_and_csv", workbook=books[0].name, files=files)
            return Inputs(folder, problems=[Problem(books[0].name, None, None, message)])
        return _from_workbook(folder, books[0])
    inputs = Inputs(folder)
    old_books = sorted(p.name for p in _listing(folder) if p.suffix.lower() == ".xls")
    if old_books and not csv_names:  # tables kept in Excel 97-2003: say so, not "missing"
        message = Message("input.xls")
        return Inputs(folder, problems=[Problem(name, None, None, message) for name in old_books])
    for name in TABLES:
        table_path = folder / f"{name}.csv"
        if not table_path.exists():
            if name not in OPTIONAL_TABLES:
                message = Message("input.table_missing", table=name, workbook=WORKBOOK)
                inputs.problems.append(Problem(f"{name}.csv", None, None, message))
            continue
        table, found = read_csv(table_path, name)
        inputs.problems.extend(found)
        if table is not None:
            inputs.tables[name] = table
    return inputs


def _from_workbook(folder: Path, path: Path) -> Inputs:
    book = read_workbook(path)
    tables = {kind: table for kind, table in book.tables.items() if kind in TABLES}
    return Inputs(folder, book, tables, list(book.problems), list(book.warnings))


def as_written(problems: list[Problem], inputs: Inputs) -> list[Problem]:
    """``problems`` with each column named as the planner's header wrote it (``Họ và tên``
    rather than ``name``), wherever it was written otherwise."""
    tables = dict(inputs.tables)
    if inputs.workbook is not None:
        tables.update(inputs.workbook.tables)
    written = {table.file: table.written for table in tables.values() if table.written}
    return [
        replace(problem, column=written[problem.file][problem.column])
        if problem.column and problem.column in written.get(problem.file, {})
        else problem
        for problem in problems
    ]
