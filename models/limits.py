"""The scenario's limits on money and on units' work: the budget (and a province's or
district's own, ``scopes``) and the continuity rules (``trainplan.models.scenario`` re-exports
them)."""

from __future__ import annotations

from pydantic import Field

from trainplan.models.base import Count, Frozen, Money, Number, Share


class Budget(Frozen):
    per_year: Money | None = None
    total: Money | None = None
    scopes: dict[str, Budget] = Field(default_factory=dict)
    """A province's or district's own caps, by its id (their ``scopes`` unused)."""


class ContinuityYear(Frozen):
    """Per-year overrides of the continuity rules (an election year, say)."""

    max_away_share: Share | None = None
    max_leaders_away: Count | None = Field(default=None, ge=0)
    max_personal_days: Count | None = Field(default=None, ge=0)


class ContinuityRules(Frozen):
    """The continuity rules in force in one year."""

    max_away_share: float
    max_leaders_away: int
    max_personal_days: int


class Continuity(Frozen):
    working_days: Count = Field(default=250, gt=0, le=366)
    max_away_share: Share = 0.10
    max_leaders_away: Count = Field(default=1, ge=0)
    max_personal_days: Count = Field(default=80, ge=0)
    day_value: Money = 300_000
    leader_factor: Number = Field(default=2.0, ge=0, le=100)
    years: dict[int, ContinuityYear] = Field(default_factory=dict)

    def rules(self, year: int) -> ContinuityRules:
        override = self.years.get(year, ContinuityYear())
        return ContinuityRules(
            max_away_share=(
                self.max_away_share if override.max_away_share is None else override.max_away_share
            ),
            max_leaders_away=(
                self.max_leaders_away
                if override.max_leaders_away is None
                else override.max_leaders_away
            ),
            max_personal_days=(
                self.max_personal_days
                if override.max_personal_days is None
                else override.max_personal_days
            ),
        )
