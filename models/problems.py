"""Problems found in input files: one each, naming the file, row and column, and saying what is
wrong as a ``Message`` (a catalogue key and its parameters, worded by ``trainplan.wording``)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from trainplan.models.message import Message


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, located as a person would find it.

    ``row`` is the row as a spreadsheet shows it (the header is row 1, the first data row is
    row 2) or, for YAML, the line number. ``column`` is the column header or the setting's path.
    ``message`` says what is wrong; ``trainplan.wording.problem_text`` words the whole problem.
    """

    file: str
    row: int | None
    column: str | None
    message: Message

    def __str__(self) -> str:
        """The place and the message's key: for logs and tests, not for people."""
        where = self.file
        if self.row is not None:
            where += f":{self.row}"
        if self.column:
            where += f" [{self.column}]"
        return one_line(f"{where}: {self.message!r}")


def one_line(text: str) -> str:
    """Control characters and line separators (a newline inside a cell, an escape code) shown
    as escapes, so one problem stays one line and cannot repaint the planner's terminal."""
    return "".join(
        ascii(char)[1:-1] if unicodedata.category(char) in ("Cc", "Zl", "Zp") else char
        for char in text
    )


class InputError(Exception):
    """Input that cannot be used: carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=_order)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def _order(problem: Problem) -> tuple[str, int, str, Message]:
    return (problem.file, problem.row or 0, problem.column or "", problem.message)


class CellError(ValueError):
    """A cell (or a value) that cannot be read, with what is wrong as a ``Message``.

    ``english`` is an optional plain-English fallback for ``str(error)``, for callers that
    never render messages (the models layer cannot word them itself).
    """

    def __init__(self, message: Message, english: str = "") -> None:
        super().__init__(english or repr(message))
        self.message = message


def joined(items: Sequence[Any], conjunction: str = "and") -> Any:
    """``items`` as one phrase for the catalogue: "a, b and c" (``conjunction`` is ``and`` or
    ``or``), as nested ``input.list.*`` messages that each language words its own way."""
    if not items:
        return ""
    phrase: Any = items[0]
    for index, item in enumerate(items[1:], start=2):
        key = f"input.list.{conjunction}" if index == len(items) else "input.list.comma"
        phrase = Message(key, first=phrase, second=item)
    return phrase


def number(value: int) -> Message:
    """An integer for the catalogue to write in the reader's conventions (1,000 or 1.000); one
    too long to show (10**5000) by its number of digits."""
    if abs(value) >= 10**30:
        return Message("input.number.digits", digits=int(abs(value).bit_length() * 0.30103) + 1)
    return Message("input.number", value=value)


SETTINGS_FILE = "scenario.yaml"


@dataclass
class Sources:
    """Where each record came from, so that whole-scenario problems can name file and row."""

    files: dict[str, str] = field(default_factory=dict)
    rows: dict[str, list[int]] = field(default_factory=dict)
    yaml_lines: dict[tuple[str | int, ...], int] = field(default_factory=dict)
    setting_cells: dict[tuple[str | int, ...], tuple[str, int | None, str | None]] = field(
        default_factory=dict
    )
    """Settings read from the sheets of a workbook: the sheet, row and column of each."""

    def row(self, table: str, index: int) -> int:
        """The spreadsheet row of record ``index`` of ``table``."""
        rows = self.rows.get(table)
        return rows[index] if rows is not None and index < len(rows) else index + 2

    def at(self, table: str, index: int, column: str | None, message: Message) -> Problem:
        return Problem(
            self.files.get(table, f"{table}.csv"), self.row(table, index), column, message
        )

    def cell(self, path: tuple[str | int, ...]) -> tuple[str, int | None, str | None] | None:
        """Where a setting read from a sheet is (or its nearest parent), if it came from one."""
        keys = tuple(yaml_key(part) for part in path)
        for length in range(len(keys), 0, -1):
            found = self.setting_cells.get(keys[:length])
            if found is not None:
                return found
        return None

    def line(self, path: tuple[str | int, ...]) -> int | None:
        """The line of scenario.yaml holding the setting at ``path`` (or its nearest parent);
        for a setting read from a sheet, its row."""
        cell = self.cell(path)
        if cell is not None:
            return cell[1]
        keys = tuple(yaml_key(part) for part in path)
        for length in range(len(keys), 0, -1):
            line = self.yaml_lines.get(keys[:length])
            if line is not None:
                return line
        return None

    def setting(self, path: tuple[str | int, ...], message: Message) -> Problem:
        cell = self.cell(path)
        if cell is not None:
            return Problem(*cell, message)
        return Problem(SETTINGS_FILE, self.line(path), dotted(path), message)


def yaml_key(part: str | int) -> str | int:
    """A key as the line index holds it: '2021' and 2021 are one key (a year of continuity)."""
    if isinstance(part, str) and part.isascii() and part.isdigit() and len(part) < 10:
        return int(part)
    return part


def dotted(path: tuple[str | int, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
