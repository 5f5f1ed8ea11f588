"""Problems found in input files: one line each, naming the file, row and column."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


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
