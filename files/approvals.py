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
