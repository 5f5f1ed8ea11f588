"""Retirement age under the Labour Code 2019 and Decree 135/2020/ND-CP.

Until 2020 men retire at 60 and women at 55. From 2021 the age rises each calendar year:
men by 3 months a year from 60y3m in 2021 to 62y in 2028, women by 4 months a year from
55y4m in 2021 to 60y in 2035. A person retires in the month in which their age first reaches
the age required in that calendar year (so someone who would reach this year's age only next
year must reach next year's higher age instead).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal, NamedTuple

from trainplan.models.message import Message
from trainplan.models.problems import CellError

YEARS = (1900, 2100)
"""The birth months a scenario may hold."""


class YearMonth(NamedTuple):
    """A calendar month: ``YearMonth(1975, 3)`` is March 1975."""

    year: int
    month: int

    @property
    def index(self) -> int:  # type: ignore[override]  # shadows tuple.index, never used here
        """Months since January of year 0: lets months be subtracted."""
        return self.year * 12 + self.month - 1

    @classmethod
    def from_index(cls, index: int) -> YearMonth:
        return cls(index // 12, index % 12 + 1)

    @classmethod
    def parse(cls, text: str) -> YearMonth:
        """Read ``YYYY-MM`` (also ``YYYY/MM``, ``MM/YYYY`` as Excel may show it)."""
        raw = text.strip()
        for sep in ("-", "/", "."):
            if sep in raw:
                left, _, right = raw.partition(sep)
                if len(left) == 4:
                    year, month = left, right
                else:
                    month, year = left, right
                break
        else:
            raise _not_a_month(text)
        if not (year.strip().isdigit() and month.strip().isdigit()):
            raise _not_a_month(text)
        result = cls(int(year), int(month))
        if not 1 <= result.month <= 12:
            raise CellError(
                Message("input.month.out_of_range", value=text, month=result.month, low=1, high=12),
                f"{text!r}: month {result.month} is not between 1 and 12",
            )
        low, high = YEARS
        if not low <= result.year <= high:
            raise CellError(
                Message(
                    "input.year.out_of_range", value=text, year=result.year, low=low, high=high
                ),
                f"{text!r}: year {result.year} is not between {low} and {high}",
            )
        return result

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def _not_a_month(text: str) -> CellError:
    return CellError(
        Message("input.not_a_month", value=text, example="1975-03"),
        f"{text!r} is not a month: write YYYY-MM, e.g. 1975-03",
    )


def retirement_age_months(sex: Literal["M", "F"], year: int) -> int:
    """The retirement age, in months, that applies in calendar ``year``."""
    if sex == "M":
        return 60 * 12 + min(max(year - 2020, 0) * 3, 24)
    return 55 * 12 + min(max(year - 2020, 0) * 4, 60)


@lru_cache(maxsize=4096)
def retirement_month(sex: Literal["M", "F"], birth: YearMonth) -> YearMonth:
    """The month in which a person born in ``birth`` reaches retirement age.

    The pension starts the month after; the person is in service through this month.
    """
    year = birth.year + 50
    while True:
        reached = YearMonth.from_index(birth.index + retirement_age_months(sex, year))
        if reached.year <= year:
            return reached
        year += 1
