"""A committee's approvals in a plan's plan.xlsx: the ``approved`` column of its schedule,
filled in by hand. Whatever writes or replaces a plan folder keeps a workbook that holds them
(``trainplan.reports.publish``, ``trainplan.files.planio``); re-planning reads them back.
"""

from __future__ import annotations

from pathlib import Path

from trainplan.wording.catalogue import LANGUAGES, say


def approvals(path: Path) -> int:
    """How many rows of the ``approved`` column (in any language) an existing plan.xlsx has
    filled in: a committee's work that rewriting the workbook would lose."""
    if not path.is_file():
        return 0
    from openpyxl import load_workbook

    headers = {say("report.col.approved", lang) for lang in LANGUAGES}
    try:
        book = load_workbook(path, read_only=True)
    except Exception:  # not a workbook we can read: count it as someone's work
        return 1
    filled = 0
    try:
        for sheet in book.worksheets:
            rows = sheet.iter_rows(values_only=True)
            header = next(rows, ())
            columns = [i for i, value in enumerate(header) if value in headers]
            for row in rows:
                filled += sum(1 for i in columns if i < len(row) and row[i] not in (None, ""))
    finally:
        book.close()
    return filled


NOT_APPROVED = frozenset({"no", "n", "false", "0", "-", "khong", "chua", "không", "chưa"})
"""Cells of the ``approved`` column that say "not approved" (any case)."""

Key = tuple[str, str, int]
"""An enrollment: (official_id, course_id, start_year)."""


def _approved_cell(value: object) -> bool:
    text = "" if value is None else str(value).strip()
    return bool(text) and text.lower() not in NOT_APPROVED


def _year(value: object) -> int | None:
    try:
        return int(float(str(value).strip()))
    except ValueError:
        return None


def _approved_rows(rows: list[list[object]]) -> set[Key]:
    """The approved enrollments of a table whose first row is its header (in any language)."""
    if not rows:
        return set()
    names = {
        say(f"report.col.{column}", lang): column
        for column in ("approved", "official_id", "course_id", "start_year")
        for lang in LANGUAGES
    }
    names.update({"approved": "approved", "official_id": "official_id"})
    names.update({"course_id": "course_id", "start_year": "start_year"})
    where = {names[str(cell)]: i for i, cell in enumerate(rows[0]) if str(cell) in names}
    if len(where) < 4:
        return set()
    found: set[Key] = set()
    for row in rows[1:]:
        cells = [row[where[c]] if where[c] < len(row) else None for c in sorted(where)]
        approved, course, official, year = cells  # columns in name order
        start = _year(year)
        if _approved_cell(approved) and official and course and start is not None:
            found.add((str(official).strip(), str(course).strip(), start))
    return found


def approved_enrollments(folder: Path) -> set[Key]:
    """The enrollments a committee approved in a plan folder: the ``approved`` column of
    plan.xlsx's schedule (any sheet that has the id columns) or of enrollments.csv."""
    import csv

    found: set[Key] = set()
    book_path = folder / "plan.xlsx"
    if book_path.is_file() and approvals(book_path):
        from openpyxl import load_workbook

        try:
            book = load_workbook(book_path, read_only=True)
        except Exception:  # unreadable: no approvals from it
            book = None
        if book is not None:
            try:
                for sheet in book.worksheets:
                    found |= _approved_rows([list(r) for r in sheet.iter_rows(values_only=True)])
            finally:
                book.close()
    table = folder / "enrollments.csv"
    if table.is_file():
        with table.open(encoding="utf-8-sig", newline="") as handle:
            found |= _approved_rows([list(row) for row in csv.reader(handle)])
    return found
