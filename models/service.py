"""When an official is in service: one meaning for staff counts, target populations and the
enrollments a plan may hold (SPEC.md rule 3 and "Version 2: Data as it comes").

Planning is by calendar year; the service obligation is counted in months. An official

- *joins* in a month (``Official.joins``; None: in service from before the horizon);
- *retires* in a month (``Official.retires`` when given, for early retirement or an extension;
  else the month Decree 135/2020 gives for their sex and birth), in service through it;
- may *leave* in a month before retiring (``Official.leaves``: their last month in service).

Their **last month** in service is the earlier of retirement and leaving. Then:

- **in service during year y** (a unit's staff that year, rule 6): joined by the end of y
  (``joins.year <= y``) and the last month falls in y or later;
- **in service at the end of y** (the population of a target of year y, rule 7): joined by the
  end of y and the last month falls after y;
- a course started in year s and completing at the end of year e needs the official in service
  for its whole span: joined *before* s (``joins.year < s``: rule ``joins``) and the last month
  after e (rules ``retirement`` and ``leaves``);
- the months from the end of e to the end of the last month owe the course's obligation
  (measured to retirement: rule ``obligation``; to leaving: rule ``leaves``).

An official whose last month lies before the horizon, or who joins after it, is in service in
no year of it: the loader warns and keeps them (no enrollment, no population, no staff count).
"""

from __future__ import annotations

from typing import NamedTuple

from trainplan.models.retirement import YearMonth


def months_after(end_year: int, last: YearMonth) -> int:
    """Months in service from the end of ``end_year`` to the end of month ``last`` (negative
    when ``last`` comes first)."""
    return last.index + 1 - (end_year + 1) * 12


class Service(NamedTuple):
    """When one official is in service (see the module's docstring)."""

    joins: YearMonth | None
    retirement: YearMonth
    leaves: YearMonth | None

    @property
    def last_month(self) -> YearMonth:
        """The last month in service: the earlier of retirement and leaving."""
        if self.leaves is not None and self.leaves < self.retirement:
            return self.leaves
        return self.retirement

    def joined_by(self, year: int) -> bool:
        """Joined by the end of ``year``."""
        return self.joins is None or self.joins.year <= year

    def during(self, year: int) -> bool:
        """In service during ``year``: joined by its end and not gone before it starts."""
        return self.joined_by(year) and self.last_month.year >= year

    def at_end(self, year: int) -> bool:
        """In service at the end of ``year``: joined by then and not gone within it."""
        return self.joined_by(year) and self.last_month.year > year

    def may_start(self, year: int) -> bool:
        """Joined before ``year``, so in service for the whole of it (rule ``joins``)."""
        return self.joins is None or self.joins.year < year

    def anywhere_in(self, first: int, last: int) -> bool:
        """In service in some year of ``first`` .. ``last``."""
        return any(self.during(year) for year in range(first, last + 1))
