"""What the independent check returns: the rules a plan breaks, the targets it reaches and what
it costs, all recomputed from the plan alone (``trainplan.checking.checker``).

Amounts are exact fractions: a 3-year course's cost is spread in thirds over its years, and the
solver's objective must equal what is recomputed here to the dong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from trainplan.models.message import Message
from trainplan.models.rules import Rule
from trainplan.models.scenario import as_fraction


@dataclass(frozen=True)
class Violation:
    """One broken rule with the ids and numbers that locate it; ``message`` is what a
    committee reads (rendered by ``trainplan.wording``)."""

    rule: Rule
    params: dict[str, Any] = field(default_factory=dict)
    variant: str = ""
    """A second wording of the rule (``rule.<rule>.<variant>``), e.g. class sizes checked
    together when a hand-made plan leaves them blank."""

    @property
    def message(self) -> Message:
        key = f"rule.{self.rule}" + (f".{self.variant}" if self.variant else "")
        return Message(key, **self.params)


@dataclass(frozen=True)
class Attainment:
    """How far one target is reached (SPEC rule 7)."""

    target_id: str
    year: int
    population: int
    qualified: int
    required: int
    share: float
    hard: bool
    weight: float

    @property
    def shortfall(self) -> int:
        return max(0, self.required - self.qualified)

    @property
    def met(self) -> bool:
        return self.shortfall == 0


@dataclass
class Evaluation:
    """What a plan achieves and which rules it breaks, recomputed from the plan alone."""

    violations: list[Violation]
    attainment: list[Attainment]
    cost_by_year: dict[int, Fraction]
    learner_cost: Fraction
    class_cost: Fraction
    lecturer_cost: Fraction
    away_days_by_unit_year: dict[tuple[str, int], Fraction]
    away_days_total: int
    away_value: Fraction
    """Days away x day_value, a leader's days x leader_factor."""
    lecturer_hours_by_year: dict[tuple[str, int], Fraction] = field(default_factory=dict)
    """Hours each lecturer teaches per year, a long course's hours spread over its years."""
    self_paid: Fraction = Fraction(0)
    """Learners' costs the officials who asked to study at their own cost pay: in no cost."""
    other_paid: Fraction = Fraction(0)
    """The part of the cost other sources pay (not the budget): in the money, not the budget."""

    @property
    def valid(self) -> bool:
        return not self.violations

    @property
    def cost_total(self) -> Fraction:
        return self.learner_cost + self.class_cost + self.lecturer_cost

    @property
    def weighted_shortfall(self) -> Fraction:
        return sum(
            (as_fraction(a.weight) * a.shortfall for a in self.attainment if not a.hard),
            Fraction(0),
        )

    @property
    def money(self) -> Fraction:
        """The second objective: cost plus the value of days away."""
        return self.cost_total + self.away_value
