"""Reading tables as Excel really writes them: CSV (UTF-8 with or without BOM, UTF-16 "Unicode
text", comma, semicolon or tab separated) or the sheets of one ``scenario.xlsx`` workbook.

Every cell comes out as stripped text; row numbers are those a spreadsheet shows (header = 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from typing import Any

from trainplan.files.errors import os_reason
from trainplan.models.message import Message
from trainplan.models.problems import Problem

TABLES = ("units", "posts", "officials", "courses", "offerings", "lecturers", "pins")
OPTIONAL_TABLES = frozenset({"lecturers", "pins"})
WORKBOOK = "scenario.xlsx"
_LOOKS_GROUPED = re.compile(r"^-?\d{1,3}\.\d{3}$")
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
        if value.is_integer():
            return str(int(value))
        text = repr(value)
        # A real 2.125 must not read as '2.125', Vietnamese for 2125: a trailing 0 keeps it 2.125.
        return text + "0" if _LOOKS_GROUPED.match(text) else text
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return _text(str(value))


CSV_HINT = Message("input.hint.csv")
"""How to save a table right."""
TEXT_HINT = Message("input.hint.text")
"""How to save scenario.yaml right."""


def _line_of(data: bytes, at: int) -> int:
    return data[:at].count(b"\n") + 1


def decode_text(
    data: bytes, file: str, hint: Message = CSV_HINT
) -> tuple[str | None, list[Problem]]:
    """The text of a file: UTF-8 (with or without BOM) or UTF-16 with a BOM, as Excel writes.

    ``hint`` says how to save the file right (CSV by default).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            return None, [Problem(file, None, None, Message("input.utf16_undecodable"))]
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return None, [Problem(file, None, None, Message("input.binary_file", hint=hint))]
    if _utf16_without_bom(data):
        return None, [Problem(file, None, None, Message("input.utf16_without_bom", hint=hint))]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, [
            Problem(
                file,
                _line_of(data, error.start),
                None,
                Message("input.not_utf8", byte=f"0x{data[error.start]:02X}", hint=hint),
            )
        ]
    if "\x00" in text:
        line = _line_of(data, data.index(b"\x00"))
        return None, [Problem(file, line, None, Message("input.nul_byte"))]
    return text, []


def _utf16_without_bom(data: bytes) -> bool:
    """Text saved as UTF-16 with no byte-order mark: mostly ASCII, so every other byte is 0."""
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return False
    even, odd = sample[0::2], sample[1::2]
    return max(even.count(0), odd.count(0)) >= 0.8 * min(len(even), len(odd))


def read_csv(path: Path, name: str) -> tuple[RawTable | None, list[Problem]]:
    file = path.name
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [
            Problem(file, None, None, Message("input.unreadable", reason=os_reason(error)))
        ]
    text, problems = decode_text(data, file)
    if text is None:
        return None, problems
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        return None, [Problem(file, 1, None, Message("input.empty_csv"))]
    header_line = lines[0]
    delimiter = max(",;\t", key=header_line.count)
    records, problems = _records(text, delimiter, file)
    if not records:
        return None, problems
    header = [_normalise_header(cell) for cell in records[0]]
    table = RawTable(name, file, header)
    problems.extend(_header_problems(table))
    for index, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(header) and any(cell.strip() for cell in record[len(header) :]):
            message = Message("input.too_many_cells", cells=len(record), header=len(header))
            problems.append(Problem(file, index, None, message))
        values = {
            column: _cell_text(cell) for column, cell in zip(header, record, strict=False) if column
        }
        table.rows.append((index, values))
    return table, problems


def _records(text: str, delimiter: str, file: str) -> tuple[list[list[str]], list[Problem]]:
    """The CSV records of ``text``; a quote left open or a monstrous cell is a problem."""
    records: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for record in reader:
            records.append(record)
    except csv.Error as error:  # a cell above the field size limit: a quote never closed
        message = Message("input.csv.unreadable", reason=_csv_reason(error))
        return records, [Problem(file, len(records) + 1, None, message)]
    if text.count('"') % 2:  # a quote may be open at the end of the file: strict tells
        strict = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        read = 0
        try:
            for _ in strict:
                read += 1
        except csv.Error as error:
            if "unexpected end of data" in str(error):
                message = Message("input.csv.open_quote")
                return records, [Problem(file, read + 1, None, message)]
    return records, []


def _csv_reason(error: csv.Error) -> Message:
    """Why the csv module stopped: a cell over its size limit (a quote never closed) or else."""
    if str(error) == f"field larger than field limit ({csv.field_size_limit()})":
        return Message("input.csv.field_too_large", limit=csv.field_size_limit())
    return Message("input.csv.error", text=str(error))


def _header_problems(table: RawTable) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for column in table.columns:
        if column and column in seen:
            problems.append(Problem(table.file, 1, column, Message("input.column_twice")))
        seen.add(column)
    return problems


def read_workbook(path: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read the sheets of ``scenario.xlsx`` named after the tables.

    The workbook is read twice, for the values Excel saved and for the formulas, so that a
    formula with no saved value (a workbook written by a program, never opened in Excel) is
    reported rather than read as a blank cell. A file that is no workbook, or is damaged
    (cut short, a sheet that is a chart, XML that does not parse), is one problem.
    """
    import openpyxl  # imported here: loading it costs time that CSV users need not pay

    file = path.name
    try:
        head = path.read_bytes()[:8]
    except OSError as error:
        return {}, [Problem(file, None, None, Message("input.unreadable", reason=os_reason(error)))]
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return {}, [Problem(file, None, None, Message("input.xls"))]
    books: list[Any] = []
    try:
        books.append(openpyxl.load_workbook(path, read_only=True, data_only=True))
        books.append(openpyxl.load_workbook(path, read_only=True, data_only=False))
        return _read_sheets(file, books[0], books[1])
    except Exception as error:  # openpyxl raises anything on a damaged file: name it, never crash
        text = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        reason = (
            Message("input.xlsx.not_zip")
            if isinstance(error, zipfile.BadZipFile)
            else Message("input.xlsx.error", text=text)
        )
        return {}, [Problem(file, None, None, Message("input.xlsx.unreadable", reason=reason))]
    finally:
        for book in books:
            book.close()


def _read_sheets(
    file: str, workbook: Any, formulas: Any
) -> tuple[dict[str, RawTable], list[Problem]]:
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    sheet_by_name: dict[str, str] = {}
    for sheet in workbook.sheetnames:
        key = _normalise_header(sheet)
        if key in TABLES and key in sheet_by_name:
            problems.append(
                Problem(
                    file,
                    None,
                    None,
                    Message(
                        "input.xlsx.sheet_twice", table=key, first=sheet_by_name[key], second=sheet
                    ),
                )
            )
        sheet_by_name.setdefault(key, sheet)
    for name in TABLES:
        sheet_name = sheet_by_name.get(name)
        if sheet_name is None:
            if name not in OPTIONAL_TABLES:
                sheets = ", ".join(workbook.sheetnames)
                problems.append(
                    Problem(
                        file, None, None, Message("input.xlsx.no_sheet", table=name, sheets=sheets)
                    )
                )
            continue
        display = f"{file} [{name}]"
        sheet = workbook[sheet_name]
        if not hasattr(sheet, "iter_rows"):
            problems.append(Problem(display, None, None, Message("input.xlsx.chart")))
            continue
        rows = zip_longest(
            sheet.iter_rows(values_only=True),
            formulas[sheet_name].iter_rows(values_only=True),
            fillvalue=(),
        )
        header_cells, _ = next(rows, ((), ()))
        if not any(cell is not None for cell in header_cells):
            problems.append(Problem(display, 1, None, Message("input.empty_sheet")))
            continue
        header = [_normalise_header(_cell_text(cell)) for cell in header_cells]
        table = RawTable(name, display, header)
        problems.extend(_header_problems(table))
        problems.extend(_merged_cells(sheet, display, header))
        for index, (cells, written) in enumerate(rows, start=2):
            texts = [_cell_text(cell) for cell in cells]
            unreadable = _unreadable_cells(display, index, header, cells, written)
            if unreadable:  # reported here; the row is left out, so no 'is blank' follows
                problems.extend(unreadable)
                continue
            if not any(texts):
                continue
            values = {column: text for column, text in zip(header, texts, strict=False) if column}
            table.rows.append((index, values))
        tables[name] = table
    return tables, problems


_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Za-z]+[0-9]+:[A-Za-z]+[0-9]+)\"")


def _merged_cells(sheet: Any, file: str, header: list[str]) -> list[Problem]:
    """Merged cells over the table: Excel keeps the value in the first cell only.

    A read-only sheet does not list its merged cells, so they are found in the sheet's XML.
    """
    from openpyxl.utils.cell import range_boundaries

    source = getattr(sheet, "_get_source", None)
    if source is None:
        return []
    with source() as stream:
        xml = stream.read()
    problems = []
    for match in _MERGE.finditer(xml):
        ref = match.group(1).decode("ascii")
        first_column, first_row, last_column, _ = range_boundaries(ref)
        if first_column is None or last_column is None:  # a whole-row merge names no column
            continue
        columns = header[first_column - 1 : last_column]
        named = [column for column in columns if column]
        if named:
            problems.append(
                Problem(
                    file,
                    first_row,
                    named[0],
                    Message("input.xlsx.merged", cells=ref),
                )
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
            problems.append(
                Problem(
                    file,
                    row,
                    column,
                    Message("input.xlsx.formula", formula=str(raw)),
                )
            )
        elif isinstance(value, str) and value in EXCEL_ERRORS:
            problems.append(
                Problem(file, row, column, Message("input.xlsx.excel_error", error=value))
            )
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
                    Message(
                        "input.xlsx_and_csv",
                        workbook=WORKBOOK,
                        files=", ".join(n + ".csv" for n in csv_names),
                    ),
                )
            ]
        return read_workbook(workbook)
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    for name in TABLES:
        path = folder / f"{name}.csv"
        if not path.exists():
            if name not in OPTIONAL_TABLES:
                message = Message("input.table_missing", table=name, workbook=WORKBOOK)
                problems.append(Problem(f"{name}.csv", None, None, message))
            continue
        table, found = read_csv(path, name)
        problems.extend(found)
        if table is not None:
            tables[name] = table
    return tables, problems
