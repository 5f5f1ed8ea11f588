"""Reading tables as Excel really writes them: CSV (UTF-8 with or without BOM, UTF-16 "Unicode
text", comma, semicolon or tab separated); ``trainplan.files.sheets`` reads workbooks.

Every cell comes out as stripped text; row numbers are those a spreadsheet shows. The header
row is the first row that names the table's columns (in English or Vietnamese, see
``trainplan.files.headers``), so title rows above it are skipped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from trainplan.files.errors import os_reason
from trainplan.files.headers import TABLE_SHEETS, canonical, fold, known_columns
from trainplan.models.message import Message
from trainplan.models.problems import Problem

TABLES = TABLE_SHEETS
OPTIONAL_TABLES = frozenset({"lecturers", "pins"})
WORKBOOK = "scenario.xlsx"
HEADER_SEARCH = 30
"""Rows searched for the header row: title rows above it are skipped."""
_LOOKS_GROUPED = re.compile(r"^-?\d{1,3}\.\d{3}$")
EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"})


@dataclass
class RawTable:
    """A table as text: its displayed file name, header and rows with their row numbers."""

    name: str
    file: str
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    header_row: int = 1
    """The row holding the column names (below any title rows)."""
    cells: dict[int, list[str]] = field(default_factory=dict)
    """Each row's cells in order, unnamed columns too (levels written one per column)."""
    written: dict[str, str] = field(default_factory=dict)
    """Headers written otherwise than their column's English name (``Họ và tên`` for
    ``name``): problems name the column as the planner wrote it."""

    def name_as_written(self, cells: list[str]) -> None:
        """Remember how the header row ``cells`` wrote each column."""
        for column, cell in zip(self.columns, cells, strict=False):
            if column and fold(cell) != fold(column):
                self.written.setdefault(column, _text(cell))


def header_index(name: str, rows: list[list[str]]) -> int:
    """The index in ``rows`` of the header row of table ``name``: the first of the first rows
    naming two of its columns, else the first row that is not blank."""
    known = known_columns(name)
    for index, cells in enumerate(rows[:HEADER_SEARCH]):
        named = {canonical(name, cell) for cell in cells if cell}
        if len(named & known) >= min(2, len(known)) and known:
            return index
    return next((index for index, cells in enumerate(rows) if any(cells)), 0)


def header_names(name: str, cells: list[str]) -> list[str]:
    """The column names of a header row of table ``name``, in English whatever the language."""
    return [canonical(name, _text(cell)) if cell.strip() else "" for cell in cells]


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
    marks = ",;\t"  # the header's most frequent; a title line above it may hold none
    sample = next((line for line in lines[:HEADER_SEARCH] if any(m in line for m in marks)), "")
    delimiter = max(marks, key=sample.count)
    records, problems = _records(text, delimiter, file)
    if not records:
        return None, problems
    first = header_index(name, [[cell.strip() for cell in record] for record in records])
    header = header_names(name, records[first])
    table = RawTable(name, file, header, header_row=first + 1)
    table.name_as_written(records[first])
    problems.extend(_header_problems(table))
    for index, record in enumerate(records[first + 1 :], start=first + 2):
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
            problems.append(
                Problem(table.file, table.header_row, column, Message("input.column_twice"))
            )
        seen.add(column)
    return problems
