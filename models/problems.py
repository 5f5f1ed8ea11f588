"""Problems found in input files: one line each, naming the file, row and column."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, located as a person would find it.

    ``row`` is the row as a spreadsheet shows it (the header is row 1, the first data row is
    row 2) or, for YAML, the line number. ``column`` is the column header or the setting's path.
    """

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" row {self.row}" if not self.file.endswith(".yaml") else f" line {self.row}"
        if self.column:
            where += f", {self.column}"
        return _one_line(f"{where}: {self.message}")


def _one_line(text: str) -> str:
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


def _order(problem: Problem) -> tuple[str, int, str, str]:
    return (problem.file, problem.row or 0, problem.column or "", problem.message)


SETTINGS_FILE = "scenario.yaml"


@dataclass
class Sources:
    """Where each record came from, so that whole-scenario problems can name file and row."""

    files: dict[str, str] = field(default_factory=dict)
    rows: dict[str, list[int]] = field(default_factory=dict)
    yaml_lines: dict[tuple[str | int, ...], int] = field(default_factory=dict)

    def at(self, table: str, index: int, column: str | None, message: str) -> Problem:
        rows = self.rows.get(table)
        row = rows[index] if rows is not None and index < len(rows) else index + 2
        return Problem(self.files.get(table, f"{table}.csv"), row, column, message)

    def setting(self, path: tuple[str | int, ...], message: str) -> Problem:
        line = None
        keys = tuple(yaml_key(part) for part in path)
        for length in range(len(keys), 0, -1):
            line = self.yaml_lines.get(keys[:length])
            if line is not None:
                break
        return Problem(SETTINGS_FILE, line, dotted(path), message)


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
