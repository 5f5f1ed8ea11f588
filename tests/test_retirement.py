"""Retirement under the Labour Code 2019 and Decree 135/2020/NĐ-CP (DOMAIN.md, SPEC.md rule 3).

Who may be trained depends on when they retire, so the schedule and the month of retirement
are checked against the decree's own text and its appendix tables (Phụ lục I for men, Phụ lục
II for women; the appendix lists the month the pension starts, one month after the month of
retirement that ``retirement_month`` returns).
"""

from __future__ import annotations

from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainplan.models.retirement import YearMonth, retirement_age_months, retirement_month

Sex = Literal["M", "F"]


def years_months(years: int, months: int = 0) -> int:
    return years * 12 + months


# Men: 60y until 2020, then +3 months a year from 60y3m in 2021, 62y from 2028 on.
MEN = [
    (1995, years_months(60)),
    (2019, years_months(60)),
    (2020, years_months(60)),
    (2021, years_months(60, 3)),
    (2022, years_months(60, 6)),
    (2023, years_months(60, 9)),
    (2024, years_months(61)),
    (2025, years_months(61, 3)),
    (2026, years_months(61, 6)),
    (2027, years_months(61, 9)),
    (2028, years_months(62)),
    (2029, years_months(62)),
    (2050, years_months(62)),
]

# Women: 55y until 2020, then +4 months a year from 55y4m in 2021, 60y from 2035 on.
WOMEN = [
    (1995, years_months(55)),
    (2020, years_months(55)),
    (2021, years_months(55, 4)),
    (2022, years_months(55, 8)),
    (2023, years_months(56)),
    (2024, years_months(56, 4)),
    (2025, years_months(56, 8)),
    (2026, years_months(57)),
    (2027, years_months(57, 4)),
    (2028, years_months(57, 8)),
    (2029, years_months(58)),
    (2030, years_months(58, 4)),
    (2031, years_months(58, 8)),
    (2032, years_months(59)),
    (2033, years_months(59, 4)),
    (2034, years_months(59, 8)),
    (2035, years_months(60)),
    (2036, years_months(60)),
    (2060, years_months(60)),
]


@pytest.mark.parametrize(("year", "months"), MEN)
def test_age_for_men_by_year(year: int, months: int) -> None:
    """Men's retirement age in each calendar year follows the decree's schedule."""
    assert retirement_age_months("M", year) == months


@pytest.mark.parametrize(("year", "months"), WOMEN)
def test_age_for_women_by_year(year: int, months: int) -> None:
    """Women's retirement age in each calendar year follows the decree's schedule."""
    assert retirement_age_months("F", year) == months


# (sex, born, retires): the month in which the age first reaches the age of that calendar year.
MONTHS = [
    # 1960-12 + 60y = 2020-12, in 2020 the age is 60y: retires 2020-12.
    ("M", (1960, 12), (2020, 12)),
    # 1960-01 + 60y = 2020-01, in 2020: retires 2020-01.
    ("M", (1960, 1), (2020, 1)),
    # 1961-01 + 60y3m = 2021-04, in 2021 whose age is 60y3m: 2021-04 (pension 05/2021).
    ("M", (1961, 1), (2021, 4)),
    # 1961-09 + 60y3m = 2021-12, still 2021: 2021-12 (pension 01/2022, the appendix's last
    # row for 2021).
    ("M", (1961, 9), (2021, 12)),
    # 1961-10 + 60y3m = 2022-01, which is in 2022, whose age is 60y6m: 1961-10 + 60y6m =
    # 2022-04 (pension 05/2022).
    ("M", (1961, 10), (2022, 4)),
    # 1962-06 + 60y6m = 2022-12, in 2022: 2022-12.
    ("M", (1962, 6), (2022, 12)),
    # 1962-07 + 60y6m = 2023-01, in 2023 whose age is 60y9m: 2023-04.
    ("M", (1962, 7), (2023, 4)),
    # 1963-04 + 60y9m = 2024-01 -> 2024 is 61y: 1963-04 + 61y = 2024-04.
    ("M", (1963, 4), (2024, 4)),
    # 1966-01 + 61y9m (the age of 2027) = 2027-10, in 2027: 2027-10. Born early in 1966, a man
    # still retires at 61y9m, before the 62 of 2028 applies.
    ("M", (1966, 1), (2027, 10)),
    # 1966-03 + 61y9m = 2027-12, in 2027: 2027-12 (pension 01/2028, the last 61y9m row).
    ("M", (1966, 3), (2027, 12)),
    # 1966-04 + 61y9m = 2028-01 -> 2028 is 62y: 1966-04 + 62y = 2028-04 ("from 04/1966 on").
    ("M", (1966, 4), (2028, 4)),
    # Later births: exactly 62 years.
    ("M", (1966, 12), (2028, 12)),
    ("M", (1970, 5), (2032, 5)),
    ("M", (1985, 11), (2047, 11)),
    # Women, 55y until 2020: 1965-12 + 55y = 2020-12.
    ("F", (1965, 12), (2020, 12)),
    # 1966-01 + 55y4m = 2021-05, in 2021: 2021-05 (pension 06/2021).
    ("F", (1966, 1), (2021, 5)),
    # 1966-08 + 55y4m = 2021-12, in 2021: 2021-12.
    ("F", (1966, 8), (2021, 12)),
    # 1966-09 + 55y4m = 2022-01, which is in 2022, whose age is 55y8m: 1966-09 + 55y8m =
    # 2022-05.
    ("F", (1966, 9), (2022, 5)),
    # 1967-04 + 55y8m = 2022-12, in 2022: 2022-12.
    ("F", (1967, 4), (2022, 12)),
    # 1967-05 + 55y8m = 2023-01 -> 2023 is 56y: 1967-05 + 56y = 2023-05.
    ("F", (1967, 5), (2023, 5)),
    # 1975-04 + 59y8m (the age of 2034) = 2034-12, in 2034: 2034-12 (last row before 60).
    ("F", (1975, 4), (2034, 12)),
    # 1975-05 + 59y8m = 2035-01 -> 2035 is 60y: 1975-05 + 60y = 2035-05 ("from 05/1975 on").
    ("F", (1975, 5), (2035, 5)),
    # Later births: exactly 60 years.
    ("F", (1980, 1), (2040, 1)),
    ("F", (1980, 7), (2040, 7)),
    ("F", (1990, 2), (2050, 2)),
]


@pytest.mark.parametrize(("sex", "born", "retires"), MONTHS)
def test_month_of_retirement(sex: Sex, born: tuple[int, int], retires: tuple[int, int]) -> None:
    """The month of retirement matches the decree's appendix for births around each step."""
    assert retirement_month(sex, YearMonth(*born)) == YearMonth(*retires)


@given(
    sex=st.sampled_from(["M", "F"]),
    index=st.integers(YearMonth(1940, 1).index, YearMonth(2005, 12).index),
)
def test_retirement_age_is_the_age_of_that_year(sex: Sex, index: int) -> None:
    """Whatever the birth month, the age at retirement is the age required in that year."""
    born = YearMonth.from_index(index)
    retires = retirement_month(sex, born)
    assert retires.index - born.index == retirement_age_months(sex, retires.year)


@given(
    sex=st.sampled_from(["M", "F"]),
    index=st.integers(YearMonth(1940, 1).index, YearMonth(2005, 11).index),
)
def test_later_birth_never_retires_earlier(sex: Sex, index: int) -> None:
    """One month younger never means retiring sooner (so nobody is skipped by the steps)."""
    older = retirement_month(sex, YearMonth.from_index(index))
    younger = retirement_month(sex, YearMonth.from_index(index + 1))
    assert older < younger


def test_yearmonth_parse_and_text() -> None:
    """Birth months are read as written in a table and shown back as YYYY-MM."""
    assert YearMonth.parse("1975-03") == YearMonth(1975, 3)
    assert YearMonth.parse("03/1975") == YearMonth(1975, 3)
    assert str(YearMonth(1975, 3)) == "1975-03"
    with pytest.raises(ValueError, match="month 13"):
        YearMonth.parse("1975-13")
