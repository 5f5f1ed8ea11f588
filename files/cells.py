"""Reading one cell of a table: booleans, whole numbers, numbers, lists, prerequisites, months.

Each converter takes the cell's text and returns its value, or raises ``CellError`` carrying
what is wrong as a ``Message`` (``input.<name>``) for the loader to place at its row and column.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Callable

from trainplan.models.conventions import choice, read_number
from trainplan.models.message import Message
from trainplan.models.problems import CellError
from trainplan.models.retirement import YearMonth
from trainplan.models.scenario import Requirement

_TRUE = {"true", "1", "yes", "y", "x", "có", "co", "đúng", "t"}
_FALSE = {"false", "0", "no", "n", "không", "khong", "sai", "f"}


def to_bool(text: str) -> bool:
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise CellError(Message("input.not_true_or_false", value=text))


def to_int(text: str) -> int:
    """A whole number as Excel and Vietnamese users write it: 1500000, 1.500.000, 1,500,000,
    1 500 000, 1500000,00, 1500000.0, 1,5 triệu (``models.conventions``)."""
    number = read_number(text, whole=True)
    if number is None or number != number.to_integral_value():
        raise CellError(Message("input.not_whole_number", value=text))
    return int(number)


def to_float(text: str) -> float:
    """A number with a decimal point or comma (1.5, 1,5), or a percentage (60%)."""
    value = text.strip()
    percent = value.endswith("%")
    if value.casefold() in ("inf", "-inf", "+inf", "infinity", "-infinity", "nan"):
        raise CellError(Message("input.not_finite", value=text))
    number = read_number(value[:-1] if percent else value, words=False)
    if number is None:
        raise CellError(Message("input.not_a_number", value=text))
    result = float(number / 100 if percent else number)
    if not math.isfinite(result):
        raise CellError(Message("input.not_finite", value=text))
    return result


def _choice(kind: str) -> Callable[[str], str]:
    """The converter of one kind of choice: canonical or Vietnamese, any case or accents."""

    def convert(text: str) -> str:
        value = choice(kind, text)
        if value is None:
            raise CellError(
                Message("input.not_choice", value=text, write=Message(f"input.write.{kind}"))
            )
        return value

    convert.__name__ = f"to_{kind}"
    return convert


to_sex = _choice("sex")
to_category = _choice("category")
to_mode = _choice("mode")
to_provider = _choice("provider")
to_action = _choice("action")
to_funding = _choice("funding")


def to_list(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in re.split(r"[;,]", text) if part.strip())


def to_requirements(text: str) -> tuple[Requirement, ...]:
    """``llct>=elementary; degree>=Trung cấp``: a track or level name may hold spaces
    (``Chuyên môn>=Trung cấp``)."""
    requirements = []
    for part in re.split(r"[;,]", text):
        if not part.strip():
            continue
        match = re.fullmatch(r"\s*(\w[\w\s-]*?)\s*(?:>=|≥|=>)\s*(\w[\w\s-]*?)\s*", part)
        if match is None:
            raise CellError(Message("input.not_requirement", value=part.strip()))
        track, level = (" ".join(match.group(n).split()) for n in (1, 2))
        requirements.append(Requirement(track=track, level=level))
    return tuple(requirements)


MONTH_EXAMPLE = "1975-03"
EXCEL_EPOCH = dt.date(1899, 12, 30)
"""Day 0 of Excel's date serials (1900 system, past its fictitious 29 Feb 1900)."""
EXCEL_SERIALS = (10_000, 73_050)
"""Serials read as dates (1927-05-18 to 2099-12-31): a five-digit number in a month column is
a date cell Excel saved as its serial (24909 = 1968-03-12); no other reading of it is sensible."""


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
    serial = re.fullmatch(r"\d{5}(\.0+)?", value)
    if serial and EXCEL_SERIALS[0] <= float(value) <= EXCEL_SERIALS[1]:
        date = EXCEL_EPOCH + dt.timedelta(days=int(float(value)))  # a date cell saved as a number
        return YearMonth(date.year, date.month)
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
