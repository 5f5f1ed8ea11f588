"""Reading tables as Excel really writes them: CSV (UTF-8 with or without BOM, UTF-16 "Unicode
text", comma, semicolon or tab separated) or the sheets of one ``scenario.xlsx`` workbook.

Every cell comes out as stripped text; row numbers are those a spreadsheet shows (header = 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path

from models.problems import Problem

TABLES = ("units", "posts", "officials", "courses", "offerings", "lecturers", "pins")
OPTIONAL_TABLES = frozenset({"lecturers", "pins"})
WORKBOOK = "scenario.xlsx"
EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"})


@dataclass
class RawTable:
    """A table as text: its displayed file name, header and rows with their row numbers."""

    name: str
    file: str
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def _normalise_header(value: str) -> str:
    return _text(value.replace("\ufeff", "")).lower()


def _text(value: str) -> str:
    """Stripped text in NFC, so 'Xã' typed precomposed or with a combining accent is one id."""
    return unicodedata.normalize("NFC", value.replace("\xa0", " ")).strip()


def _cell_text(value: object) -> str:
    """A cell as text, as the user meant it (1.0 -> '1', a date -> 'YYYY-MM-DD')."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return _text(str(value))


def _decode(data: bytes, file: str) -> tuple[str | None, list[Problem]]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            return None, [Problem(file, None, None, "looks like UTF-16 but cannot be decoded")]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [
            Problem(
                file,
                line,
                None,
                f"not UTF-8 text (byte 0x{data[error.start]:02X}); in Excel choose "
                "'Save as: CSV UTF-8' (Windows-1258 and other code pages are not read)",
            )
        ]


def read_csv(path: Path, name: str) -> tuple[RawTable | None, list[Problem]]:
    file = path.name
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [Problem(file, None, None, f"cannot be read: {error.strerror}")]
    text, problems = _decode(data, file)
    if text is None:
        return None, problems
    if "\x00" in text:
        return None, [Problem(file, None, None, "holds binary data, not CSV text")]
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        return None, [Problem(file, 1, None, "is empty: the first row must hold column names")]
    header_line = lines[0]
    delimiter = max(",;\t", key=header_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = list(reader)
    header = [_normalise_header(cell) for cell in records[0]]
    table = RawTable(name, file, header)
    problems.extend(_header_problems(table))
    for index, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(header) and any(cell.strip() for cell in record[len(header):]):
            message = f"has {len(record)} cells but the header has {len(header)}"
            problems.append(Problem(file, index, None, message))
        values = {
            column: _cell_text(cell) for column, cell in zip(header, record, strict=False) if column
        }
        table.rows.append((index, values))
    return table, problems


def _header_problems(table: RawTable) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for column in table.columns:
        if column and column in seen:
            problems.append(Problem(table.file, 1, column, "this column appears twice"))
        seen.add(column)
    return problems


def read_workbook(path: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read the sheets of ``scenario.xlsx`` named after the tables.

    The workbook is read twice, for the values Excel saved and for the formulas, so that a
    formula with no saved value (a workbook written by a program, never opened in Excel) is
    reported rather than read as a blank cell.
    """
    import openpyxl  # imported here: loading it costs time that CSV users need not pay

    file = path.name
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as error:
        return {}, [Problem(file, None, None, f"is not a readable .xlsx workbook ({error})")]
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    sheet_by_name = {_normalise_header(sheet): sheet for sheet in workbook.sheetnames}
    for name in TABLES:
        sheet_name = sheet_by_name.get(name)
        if sheet_name is None:
            if name not in OPTIONAL_TABLES:
                sheets = ", ".join(workbook.sheetnames)
                problems.append(
                    Problem(file, None, None, f"has no sheet '{name}' (its sheets: {sheets})")
                )
            continue
        display = f"{file} [{name}]"
        rows = zip_longest(
            workbook[sheet_name].iter_rows(values_only=True),
            formulas[sheet_name].iter_rows(values_only=True),
            fillvalue=(),
        )
        header_cells, _ = next(rows, ((), ()))
        if not any(cell is not None for cell in header_cells):
            problems.append(Problem(display, 1, None, "is empty: row 1 must hold column names"))
            continue
        header = [_normalise_header(_cell_text(cell)) for cell in header_cells]
        table = RawTable(name, display, header)
        problems.extend(_header_problems(table))
        for index, (cells, written) in enumerate(rows, start=2):
            texts = [_cell_text(cell) for cell in cells]
            unreadable = _unreadable_cells(display, index, header, cells, written)
            if unreadable:  # reported here; the row is left out, so no 'is blank' follows
                problems.extend(unreadable)
                continue
            if not any(texts):
                continue
            values = {
                column: text for column, text in zip(header, texts, strict=False) if column
            }
            table.rows.append((index, values))
        tables[name] = table
    workbook.close()
    formulas.close()
    return tables, problems


def _unreadable_cells(
    file: str, row: int, header: list[str], values: tuple[object, ...], written: tuple[object, ...]
) -> list[Problem]:
    """Cells whose value Excel did not save (a formula never calculated) or saved as an error."""
    problems = []
    for column, value, raw in zip_longest(header, values, written):
        if not column:
            continue
        if value is None and raw is not None:
            problems.append(
                Problem(
                    file, row, column,
                    f"holds a formula with no saved value ({raw}); open and save the "
                    "workbook in Excel, or paste values",
                )
            )
        elif isinstance(value, str) and value in EXCEL_ERRORS:
            problems.append(Problem(file, row, column, f"holds the Excel error {value}"))
    return problems


def read_tables(folder: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read every table of a scenario folder, from CSV files or from ``scenario.xlsx``."""
    workbook = folder / WORKBOOK
    csv_names = [name for name in TABLES if (folder / f"{name}.csv").exists()]
    if workbook.exists():
        if csv_names:
            return {}, [
                Problem(
                    WORKBOOK,
                    None,
                    None,
                    f"the folder holds both {WORKBOOK} and CSV tables "
                    f"({', '.join(n + '.csv' for n in csv_names)}); keep one of them",
                )
            ]
        return read_workbook(workbook)
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    for name in TABLES:
        path = folder / f"{name}.csv"
        if not path.exists():
            if name not in OPTIONAL_TABLES:
                message = f"is missing (or put a sheet '{name}' in {WORKBOOK})"
                problems.append(Problem(f"{name}.csv", None, None, message))
            continue
        table, found = read_csv(path, name)
        problems.extend(found)
        if table is not None:
            tables[name] = table
    return tables, problems
