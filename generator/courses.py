"""The courses of the two tracks (degree and LLCT) and how many seats or classes each offers a
year, scaled to the number of officials."""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction

COURSE_COLUMNS: tuple[str, ...] = (
    "course_id",
    "name",
    "track",
    "grants",
    "requires",
    "months",
    "away_days",
    "mode",
    "cost_per_learner",
    "provider",
    "max_age",
    "obligation",
    "class_max",
    "class_min",
    "class_cost",
    "lecturer_hours",
    "subject",
)


def _course(*values: object) -> dict[str, object]:
    return dict(zip(COURSE_COLUMNS, values, strict=True))


COURSES: tuple[dict[str, object], ...] = (
    _course(
        "llct-sc",
        "Sơ cấp lý luận chính trị",
        "llct",
        "elementary",
        "",
        1,
        22,
        "full_time",
        1_500_000,
        "internal",
        "",
        0,
        40,
        5,
        20_000_000,
        120,
        "llct",
    ),
    _course(
        "llct-tc",
        "Trung cấp lý luận chính trị - hành chính (tại chức)",
        "llct",
        "intermediate",
        "llct>=elementary; degree>=college",
        12,
        60,
        "in_service",
        12_000_000,
        "external",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ),
    _course(
        "cm-tc",
        "Trung cấp chuyên môn (vừa làm vừa học)",
        "degree",
        "intermediate",
        "",
        18,
        60,
        "in_service",
        12_000_000,
        "external",
        50,
        "",
        "",
        "",
        "",
        "",
        "",
    ),
    _course(
        "cm-cd",
        "Cao đẳng liên thông từ trung cấp (vừa làm vừa học)",
        "degree",
        "college",
        "degree>=intermediate",
        24,
        60,
        "in_service",
        20_000_000,
        "external",
        50,
        "",
        "",
        "",
        "",
        "",
        "",
    ),
    _course(
        "cm-dh-lt",
        "Đại học liên thông từ cao đẳng (vừa làm vừa học)",
        "degree",
        "university",
        "degree>=college",
        24,
        60,
        "in_service",
        24_000_000,
        "external",
        50,
        "",
        "",
        "",
        "",
        "",
        "",
    ),
    _course(
        "cm-dh",
        "Đại học vừa làm vừa học (từ trung cấp)",
        "degree",
        "university",
        "degree>=intermediate",
        48,
        120,
        "in_service",
        40_000_000,
        "external",
        45,
        "",
        "",
        "",
        "",
        "",
        "",
    ),
)

OFFERING_COLUMNS: tuple[str, ...] = ("course_id", "year", "seats", "classes")

# Per 368 officials (Bình Gia): seats (external) or classes (internal) a year, by year offset
# from the first year; the last entry repeats. A year is offered only if the course ends in
# the horizon. Degree seats add up to 11 a year (the article: "10+ a year, 11 in 2021").
OFFER_RATES: dict[str, tuple[int, ...]] = {
    "llct-sc": (2,),
    "llct-tc": (10,),
    "cm-tc": (2,),
    "cm-cd": (5,),
    "cm-dh-lt": (2, 2, 4),
    "cm-dh": (2,),
}
BASE_OFFICIALS = 368


def course_span(course: dict[str, object]) -> int:
    return math.ceil(int(str(course["months"])) / 12)


def offering_rows(first_year: int, last_year: int, officials: int) -> Iterator[list[object]]:
    """Offerings scaled to ``officials``: at least one seat or class a year where offered."""
    factor = Fraction(officials, BASE_OFFICIALS)
    for course in COURSES:
        course_id = str(course["course_id"])
        per_year = OFFER_RATES[course_id]
        for offset, year in enumerate(range(first_year, last_year + 1)):
            if year + course_span(course) - 1 > last_year:
                break
            amount = max(1, math.ceil(per_year[min(offset, len(per_year) - 1)] * factor))
            if course["provider"] == "internal":
                yield [course_id, year, "", amount]
            else:
                yield [course_id, year, amount, ""]


def course_rows() -> Iterator[list[object]]:
    for course in COURSES:
        yield [course[column] for column in COURSE_COLUMNS]


PROVINCIAL = ("llct-sc", "llct-tc")
"""Courses each province's political school runs for its own officials: in a scenario of
several provinces, one course per province (``llct-sc-P01``), offered to that province only
(``scope``); the degree courses stay national, their seats shared by every province."""


def provincial_id(course_id: str, province: str) -> str:
    return f"{course_id}-{province}"


def scoped_course_rows(provinces: list[tuple[str, str]]) -> Iterator[list[object]]:
    """The courses of a scenario of several (province id, province name): the national ones,
    then each province's own copy of the ``PROVINCIAL`` courses."""
    for course in COURSES:
        if course["course_id"] not in PROVINCIAL:
            yield [course[column] for column in COURSE_COLUMNS]
    for province, name in provinces:
        for course in COURSES:
            if course["course_id"] in PROVINCIAL:
                row = dict(course)
                row["course_id"] = provincial_id(str(course["course_id"]), province)
                row["name"] = f"{course['name']} - {name}"
                yield [row[column] for column in COURSE_COLUMNS]


def scoped_offering_rows(
    first_year: int, last_year: int, officials: int, provinces: list[str]
) -> Iterator[list[object]]:
    """Offerings of a scenario of several provinces of equal size (``officials`` in all):
    national courses scaled to everyone and open to everyone, each province's courses scaled
    to its officials and open to them only (last column: ``scope``)."""
    for row in offering_rows(first_year, last_year, officials):
        if row[0] not in PROVINCIAL:
            yield [*row, ""]
    each = max(1, officials // len(provinces))
    for province in provinces:
        for row in offering_rows(first_year, last_year, each):
            if row[0] in PROVINCIAL:
                yield [provincial_id(str(row[0]), province), *row[1:], province]
