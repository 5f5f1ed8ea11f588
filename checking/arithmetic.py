"""SPEC.md's arithmetic as the checker reads it: the years a course spans, a continuity
setting in force, retirement and service months, the obligation owed, who leads.

Independent of the solver and of the rule helpers the solver relies on (see
``trainplan.checking.recount``): derived again from the scenario's data.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from trainplan.models.retirement import YearMonth, retirement_month
from trainplan.models.scenario import (
    Continuity,
    ContinuityYear,
    Course,
    Official,
    Scenario,
    as_fraction,
)


def years_spanned(course: Course, start: int) -> range:
    """Rule 1: a course started in ``start`` lasting m months spans start .. start + ⌈m/12⌉ - 1."""
    return range(start, start + math.ceil(course.months / 12))


def end_year(course: Course, start: int) -> int:
    """Rule 1: the last year the course spans; it completes at the end of that year."""
    return years_spanned(course, start)[-1]


def in_force(continuity: Continuity, year: int, setting: str) -> Any:
    """Rule 6: a continuity setting in ``year``: the year's override, else the default."""
    override = continuity.years.get(year, ContinuityYear())
    value = getattr(override, setting)
    return getattr(continuity, setting) if value is None else value


def retirement_of(official: Official) -> YearMonth:
    """Rule 3: the retirement month, ``retires`` when given, else Decree 135/2020's."""
    if official.retires is not None:
        return official.retires
    return retirement_month(official.sex, official.birth)


def last_month(official: Official) -> YearMonth:
    """Rule 3: the last month in service, the earlier of retirement and leaving."""
    retirement = retirement_of(official)
    leaves = official.leaves
    return leaves if leaves is not None and leaves < retirement else retirement


def joined_by(official: Official, year: int) -> bool:
    """Recruited by the end of ``year`` (or in service from before the horizon)."""
    return official.joins is None or official.joins.year <= year


def in_service(official: Official, year: int) -> bool:
    """Rule 3: in service in ``year`` if joined by its end and gone in that year or later."""
    return joined_by(official, year) and last_month(official).year >= year


def in_service_at_end(official: Official, year: int) -> bool:
    """Rule 3: in service at the end of ``year`` if joined by then and gone after it."""
    return joined_by(official, year) and last_month(official).year > year


def months_served_after(official: Official, end: int) -> int:
    """Rule 3: months from the end of year ``end`` to the end of the retirement month."""
    retirement = retirement_of(official)
    return (retirement.year - end - 1) * 12 + retirement.month


def months_before_leaving(leaves: YearMonth, end: int) -> int:
    """Rule 3: months from the end of year ``end`` to the end of the month of leaving."""
    return (leaves.year - end - 1) * 12 + leaves.month


def months_owed(scenario: Scenario, course: Course) -> Fraction:
    """Rule 3: obligation x months, the course's obligation else ``service_obligation``."""
    factor = course.obligation
    if factor is None:
        factor = scenario.settings.service_obligation
    return as_fraction(factor) * course.months


def is_leader(scenario: Scenario, official: Official) -> bool:
    return scenario.post_by_id[official.post_id].leadership
