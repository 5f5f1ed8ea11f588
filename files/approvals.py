"""A committee's approvals in a plan's plan.xlsx: the ``approved`` column of its schedule,
filled in by hand. Whatever writes or replaces a plan folder keeps a workbook that holds them
(``trainplan.reports.publish``, ``trainplan.files.planio``); re-planning reads them back.
"""

from __future__ import annotations

from pathlib import Path

from trainplan.models.conventions import fold
from trainplan.models.message import Message
from trainplan.models.problems import Problem
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


APPROVED = frozenset(
    {"x", "v", "✓", "✔", "yes", "y", "ok", "true", "1", "approved", "approve"}
    | {"co", "duyet", "da duyet", "dong y", "dat"}
)
"""Cells of the ``approved`` column that say "approved" (folded: any case, with or without
Vietnamese marks: ``Có``, ``Duyệt``, ``Đã duyệt``, ``Đồng ý``)."""
NOT_APPROVED = frozenset(
    {"no", "n", "false", "0", "rejected", "not approved"}
    | {"khong", "chua", "chua duyet", "khong duyet", "khong dong y", "tu choi", "khong dat"}
)
"""Cells that say "not approved" (folded). Any other text is neither: it is not taken as an
approval, and the reader is told which cell it is."""

Key = tuple[str, str, int]
"""An enrollment: (official_id, course_id, start_year)."""


def approval(value: object) -> bool | None:
    """True for a cell that approves, False for an empty one or one that says no, None for
    text that is neither (``?``, ``xem lại``): never taken as an approval."""
    text = "" if value is None else str(value).strip()
    if not text:
        return False
    folded = fold(text)  # "Đã  duyệt" -> "da duyet"; "-" -> "" (a dash: no)
    if folded in APPROVED:
        return True
    return False if folded in NOT_APPROVED or not folded else None


def _year(value: object) -> int | None:
    try:
        return int(float(str(value).strip()))
    except ValueError:
        return None


def _approved_rows(rows: list[list[object]], unclear: list[tuple[int, str]]) -> set[Key]:
    """The approved enrollments of a table whose first row is its header (in any language);
    cells that neither approve nor refuse go to ``unclear`` as (row number, text)."""
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
    for number, row in enumerate(rows[1:], start=2):
        cells = [row[where[c]] if where[c] < len(row) else None for c in sorted(where)]
        approved, course, official, year = cells  # columns in name order
        start = _year(year)
        said = approval(approved)
        if said is None:
            unclear.append((number, str(approved).strip()))
        elif said and official and course and start is not None:
            found.add((str(official).strip(), str(course).strip(), start))
    return found


def approved_enrollments(folder: Path, unclear: list[Problem] | None = None) -> set[Key]:
    """The enrollments a committee approved in a plan folder: the ``approved`` column of
    plan.xlsx's schedule (any sheet that has the id columns) or of enrollments.csv. A cell
    that neither approves nor refuses is not an approval; it goes to ``unclear``, named."""
    import csv

    unclear = [] if unclear is None else unclear
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
                    cells: list[tuple[int, str]] = []
                    rows: list[list[object]] = [list(r) for r in sheet.iter_rows(values_only=True)]
                    found |= _approved_rows(rows, cells)
                    place = f"{book_path} [{sheet.title}]"
                    unclear += [_unclear(place, row, text) for row, text in cells]
            finally:
                book.close()
    table = folder / "enrollments.csv"
    if table.is_file():
        with table.open(encoding="utf-8-sig", newline="") as handle:
            cells = []
            found |= _approved_rows([list(row) for row in csv.reader(handle)], cells)
        unclear += [_unclear(str(table), row, text) for row, text in cells]
    return found


def _unclear(place: str, row: int, text: str) -> Problem:
    return Problem(place, row, "approved", Message("input.approval_unclear", value=text))
