"""Reading one cell of a table: booleans, whole numbers, numbers, lists, prerequisites, months.

Each converter takes the cell's text and returns its value, or raises ``CellError`` carrying
what is wrong as a ``Message`` (``input.<name>``) for the loader to place at its row and column.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re

from trainplan.models.message import Message
from trainplan.models.problems import CellError
from trainplan.models.retirement import YearMonth
from trainplan.models.scenario import Requirement

_TRUE = {"true", "1", "yes", "y", "x", "có", "co", "đúng", "t"}
_FALSE = {"false", "0", "no", "n", "không", "khong", "sai", "f"}
_GROUPED = re.compile(r"^-?\d{1,3}([., \u00a0]\d{3})+$")


def to_bool(text: str) -> bool:
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise CellError(Message("input.not_true_or_false", value=text))


def to_int(text: str) -> int:
    value = text.strip().replace(" ", "").replace("\xa0", "")
    if _GROUPED.match(text.strip()):
        value = re.sub(r"[., \xa0]", "", text.strip())
    try:
        return int(value)
    except ValueError:
        pass
    try:
        number = float(value)
    except ValueError:
        raise CellError(Message("input.not_whole_number", value=text)) from None
    if not number.is_integer():
        raise CellError(Message("input.not_whole_number", value=text))
    return int(number)


def to_float(text: str) -> float:
    value = text.strip().replace(" ", "")
    if "," in value and "." not in value and value.count(",") == 1:
        value = value.replace(",", ".")
    percent = value.endswith("%")
    if percent:
        value = value[:-1]
    try:
        number = float(value)
    except ValueError:
        raise CellError(Message("input.not_a_number", value=text)) from None
    if not math.isfinite(number):
        raise CellError(Message("input.not_finite", value=text))
    return number / 100 if percent else number


def to_list(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in re.split(r"[;,]", text) if part.strip())


def to_requirements(text: str) -> tuple[Requirement, ...]:
    requirements = []
    for part in re.split(r"[;,]", text):
        if not part.strip():
            continue
        match = re.fullmatch(r"\s*([\w-]+)\s*>=\s*([\w-]+)\s*", part)
        if match is None:
            raise CellError(Message("input.not_requirement", value=part.strip()))
        requirements.append(Requirement(track=match.group(1), level=match.group(2)))
    return tuple(requirements)


MONTH_EXAMPLE = "1975-03"


def _date_problem(year: int, month: int, day: int) -> Message | None:
    """What makes year-month-day no date (as ``datetime.date`` would refuse it), or None."""
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return Message("input.date.year", year=year)
    if not 1 <= month <= 12:
        return Message("input.date.month")
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return Message("input.date.day")
    return None


def to_month(text: str) -> YearMonth:
    value = text.strip()
    if any(char.isdigit() and not char.isdecimal() for char in value):  # '²', '①'
        raise CellError(Message("input.not_a_month", value=text, example=MONTH_EXAMPLE))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):  # a date cell from Excel
        reason = _date_problem(int(value[:4]), int(value[5:7]), int(value[8:]))
        if reason is not None:
            raise CellError(Message("input.not_a_date", value=text, reason=reason))
        value = value[:7]
    day_first = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", value)
    if day_first:  # 15/11/1975, as a Vietnamese-locale Excel saves a date in CSV
        day, month, year = (int(part) for part in day_first.groups())
        reason = _date_problem(year, month, day)
        if reason is not None:
            raise CellError(Message("input.not_a_date.day_first", value=text, reason=reason))
        value = f"{year:04d}-{month:02d}"
    if re.fullmatch(r"\d{4}", value):  # a year alone: January (Decree 135/2020, Art. 3(3))
        value = f"{value}-01"
    return YearMonth.parse(value)
