"""Reading the sheets of a workbook: the tables, and the settings sheets that may replace
``scenario.yaml`` (``trainplan.files.workbook`` reads those).

Sheets are found by name in English or Vietnamese (``trainplan.files.headers``); each table's
header row may sit below title rows. Rows hidden in Excel (by a filter, say) are read like the
others, with one warning per sheet naming them; a sheet trainplan does not read is named in a
warning, so an edited copy ("units (2)") is never ignored without a word.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from typing import Any

from trainplan.files.errors import os_reason
from trainplan.files.headers import INSTRUCTIONS, SETTINGS_SHEETS, sheet_kind
from trainplan.files.tables import (
    EXCEL_ERRORS,
    OPTIONAL_TABLES,
    TABLES,
    RawTable,
    _cell_text,
    _header_problems,
    header_index,
    header_names,
)
from trainplan.models.message import Message
from trainplan.models.problems import Problem, joined


@dataclass
class Workbook:
    """What one workbook holds: its tables and settings sheets by kind, and what is wrong."""

    file: str
    tables: dict[str, RawTable] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def settings_sheets(self) -> dict[str, RawTable]:
        return {kind: table for kind, table in self.tables.items() if kind in SETTINGS_SHEETS}


ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
"""The stream name, as an OLE directory writes it, of a workbook encrypted with a password."""


def read_workbook(path: Path) -> Workbook:
    """Read the sheets of the workbook at ``path``.

    The workbook is read twice, for the values Excel saved and for the formulas, so that a
    formula with no saved value (a workbook written by a program, never opened in Excel) is
    reported rather than read as a blank cell. A file that is no workbook, or is damaged
    (cut short, a sheet that is a chart, XML that does not parse), is one problem.
    """
    import openpyxl  # imported here: loading it costs time that CSV users need not pay

    file = path.name
    found = Workbook(file)
    try:
        data = path.read_bytes()
    except OSError as error:
        message = Message("input.unreadable", reason=os_reason(error))
        found.problems.append(Problem(file, None, None, message))
        return found
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE file: Excel 97-2003, or a password
        # Excel saves a password-protected .xlsx as an OLE file holding an EncryptedPackage
        protected = ENCRYPTED_PACKAGE in data and path.suffix.lower() in (".xlsx", ".xlsm")
        if protected:  # noqa: SIM108 (two literal keys, for the catalogue extractor)
            message = Message("input.xlsx.password")
        else:
            message = Message("input.xls")
        found.problems.append(Problem(file, None, None, message))
        return found
    books: list[Any] = []
    try:
        books.append(openpyxl.load_workbook(path, read_only=True, data_only=True))
        books.append(openpyxl.load_workbook(path, read_only=True, data_only=False))
        _read_sheets(found, books[0], books[1])
        return found
    except Exception as error:  # openpyxl raises anything on a damaged file: name it, never crash
        text = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        reason = (
            Message("input.xlsx.not_zip")
            if isinstance(error, zipfile.BadZipFile)
            else Message("input.xlsx.error", text=text)
        )
        message = Message("input.xlsx.unreadable", reason=reason)
        return Workbook(file, problems=[Problem(file, None, None, message)])
    finally:
        for book in books:
            book.close()


def _display(file: str, kind: str, title: str) -> str:
    """How problems name a sheet: ``scenario.xlsx [officials]``, or by its own title when it
    is not the table's English name (``scenario.xlsx [Cán bộ]``)."""
    return f"{file} [{kind if title.strip().lower() == kind else title}]"


def _read_sheets(found: Workbook, workbook: Any, formulas: Any) -> None:
    file = found.file
    sheet_by_kind: dict[str, str] = {}
    for title in workbook.sheetnames:
        kind = sheet_kind(title)
        if kind is None:
            message = Message("input.xlsx.unknown_sheet", sheet=title)
            found.warnings.append(Problem(file, None, None, message))
            continue
        if kind == INSTRUCTIONS:
            continue
        if kind in sheet_by_kind:
            first = sheet_by_kind[kind]
            message = Message("input.xlsx.sheet_twice", table=kind, first=first, second=title)
            found.problems.append(Problem(file, None, None, message))
            continue
        sheet_by_kind[kind] = title
    for name in TABLES:
        if name not in sheet_by_kind and name not in OPTIONAL_TABLES:
            sheets = ", ".join(workbook.sheetnames)
            message = Message("input.xlsx.no_sheet", table=name, sheets=sheets)
            found.problems.append(Problem(file, None, None, message))
    for kind, title in sheet_by_kind.items():
        display = _display(file, kind, title)
        sheet = workbook[title]
        if not hasattr(sheet, "iter_rows"):
            found.problems.append(Problem(display, None, None, Message("input.xlsx.chart")))
            continue
        table = _read_sheet(found, kind, display, sheet, formulas[title])
        if table is not None:
            found.tables[kind] = table


def _read_sheet(
    found: Workbook, kind: str, display: str, sheet: Any, formulas: Any
) -> RawTable | None:
    rows = list(
        zip_longest(
            sheet.iter_rows(values_only=True),
            formulas.iter_rows(values_only=True),
            fillvalue=(),
        )
    )
    texts = [[_cell_text(cell) for cell in cells] for cells, _ in rows]
    if not any(any(row) for row in texts):
        found.problems.append(Problem(display, 1, None, Message("input.empty_sheet")))
        return None
    first = header_index(kind, texts)
    header = header_names(kind, texts[first])
    table = RawTable(kind, display, header, header_row=first + 1)
    table.name_as_written(texts[first])
    found.problems.extend(_header_problems(table))
    merged, hidden = _sheet_xml(sheet)
    found.problems.extend(_merged_cells(merged, display, header, table.header_row))
    for index in range(first + 1, len(rows)):
        number = index + 1
        cells, written = rows[index]
        unreadable = _unreadable_cells(display, number, header, cells, written)
        if unreadable:  # reported here; the row is left out, so no 'is blank' follows
            found.problems.extend(unreadable)
            continue
        if not any(texts[index]):
            continue
        values = {
            column: text for column, text in zip(header, texts[index], strict=False) if column
        }
        table.rows.append((number, values))
        table.cells[number] = texts[index]
    shown = [number for number, _ in table.rows if number in hidden]
    if shown:
        message = Message("input.xlsx.hidden_rows", table=kind, rows=joined(shown), n=len(shown))
        found.warnings.append(Problem(display, None, None, message))
    return table


_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Za-z]+[0-9]+:[A-Za-z]+[0-9]+)\"")
_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_ROW_NUMBER = re.compile(rb"\br=\"(\d+)\"")
_HIDDEN = re.compile(rb"\bhidden=\"(?:1|true)\"")


def _sheet_xml(sheet: Any) -> tuple[list[str], set[int]]:
    """The merged ranges and the hidden rows of a sheet. A read-only sheet lists neither, so
    they are found in the sheet's XML."""
    source = getattr(sheet, "_get_source", None)
    if source is None:
        return [], set()
    with source() as stream:
        xml = stream.read()
    merged = [match.group(1).decode("ascii") for match in _MERGE.finditer(xml)]
    hidden: set[int] = set()
    for match in _ROW.finditer(xml):
        attributes = match.group(1)
        number = _ROW_NUMBER.search(attributes)
        if number is not None and _HIDDEN.search(attributes):
            hidden.add(int(number.group(1)))
    return merged, hidden


def _merged_cells(
    merged: list[str], file: str, header: list[str], header_row: int
) -> list[Problem]:
    """Merged cells over the table: Excel keeps the value in the first cell only. A title
    merged across the columns above the header row is no part of the table."""
    from openpyxl.utils.cell import range_boundaries

    problems = []
    for ref in merged:
        first_column, first_row, last_column, last_row = range_boundaries(ref)
        if first_column is None or last_column is None:  # a whole-row merge names no column
            continue
        if last_row is not None and last_row < header_row:
            continue
        columns = header[first_column - 1 : last_column]
        named = [column for column in columns if column]
        if named:
            problems.append(
                Problem(file, first_row, named[0], Message("input.xlsx.merged", cells=ref))
            )
    return problems


def _unreadable_cells(
    file: str, row: int, header: list[str], values: tuple[object, ...], written: tuple[object, ...]
) -> list[Problem]:
    """Cells whose value Excel did not save (a formula never calculated) or saved as an error."""
    problems = []
    for column, value, raw in zip_longest(header, values, written):
        if not column:
            continue
        if value is None and raw is not None:
            message = Message("input.xlsx.formula", formula=str(raw))
            problems.append(Problem(file, row, column, message))
        elif isinstance(value, str) and value in EXCEL_ERRORS:
            message = Message("input.xlsx.excel_error", error=value)
            problems.append(Problem(file, row, column, message))
    return problems
