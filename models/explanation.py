"""Why a target is missed and what would meet it; why an official is (not) in the plan.

Data only, made by ``trainplan.solver.diagnose`` (``trainplan explain``) and worded by the
catalogue: each ``Limit`` and ``Fix`` carries the ``Message`` that says it and the ids and
numbers that identify it (SPEC.md, "Questions a committee asks": ``limits`` and ``fixes`` of
``explain --json``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from trainplan.models.message import Message

LIMIT_KINDS = (
    "seats",
    "classes",
    "class_size",
    "lecturer_hours",
    "budget_year",
    "budget_total",
    "unit_away",
    "personal_days",
    "leaders_away",
)
"""Capacity limits: a valid plan could qualify more officials without them."""
STRUCTURAL_KINDS = (
    "time",
    "prerequisite",
    "retirement",
    "obligation",
    "age",
    "eligibility",
    "field",
)
"""Reasons in the data itself: no plan, however large the capacities, qualifies these."""


@dataclass(frozen=True)
class Limit:
    """One thing that stops more officials from qualifying for a target.

    A capacity limit (``kind`` in ``LIMIT_KINDS``) comes with its ids and its number as the
    scenario sets it (``seats`` 10 of ``course`` cd in ``year`` 2021); a structural reason
    (``kind`` in ``STRUCTURAL_KINDS``) with how many officials of the target's population it
    rules out, some of their ids, and details (the earliest year a level can be held).
    """

    kind: str
    message: Message
    facts: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, **self.facts, "words": self.message.record()}

    @classmethod
    def of_json(cls, found: dict[str, Any]) -> Limit:
        facts = {k: v for k, v in found.items() if k not in ("kind", "words", "text")}
        return cls(str(found["kind"]), Message.of_record(found["words"]), facts)


@dataclass(frozen=True)
class Fix:
    """A change to the scenario that meets the target, verified by solving the changed
    scenario: ``setting`` (a path as ``trainplan sweep`` names it, or ``targets.<id>.year``)
    set to ``value`` (it was ``was``); ``best`` is what the changed scenario then reaches."""

    kind: str
    message: Message
    setting: str
    value: int | float
    was: int | float
    best: int
    together: tuple[Fix, ...] = ()
    """The other changes this one needs (a fix of several limits at once)."""

    def as_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "kind": self.kind,
            "setting": self.setting,
            "value": self.value,
            "was": self.was,
            "best_qualified": self.best,
        }
        if self.together:
            found["together"] = [fix.as_json() for fix in self.together]
        found["words"] = self.message.record()
        return found

    @classmethod
    def of_json(cls, found: dict[str, Any]) -> Fix:
        return cls(
            kind=str(found["kind"]),
            message=Message.of_record(found["words"]),
            setting=str(found["setting"]),
            value=found["value"],
            was=found["was"],
            best=int(found["best_qualified"]),
            together=tuple(cls.of_json(other) for other in found.get("together") or ()),
        )


@dataclass(frozen=True)
class TargetExplanation:
    """One target: how many its year requires, the most any valid plan qualifies when solved
    for this target alone (``proven`` when the search proved it), what stops more, and the
    smallest fixes found (each verified)."""

    target_id: str
    year: int
    required: int
    population: int
    best_qualified: int
    proven: bool
    hard: bool
    without_limits: int
    """The most qualified if no capacity limit applied: the data's own ceiling."""
    limits: tuple[Limit, ...] = ()
    fixes: tuple[Fix, ...] = ()
    best_together: int | None = None
    """When the target can be met alone but the best plan for all targets misses it: the
    most it reaches with every other target held where that plan has it. The limits and
    fixes are then those of this competition."""

    def heading(self) -> Message:
        """The first line said about the target: met, missed, or met only alone."""
        params: dict[str, Any] = {
            "target": self.target_id,
            "year": self.year,
            "best": self.best_qualified,
            "population": self.population,
            "required": self.required,
        }
        if self.best_together is not None:
            return Message("explain.target.competing", **params, together=self.best_together)
        key = "explain.target.met" if self.met else "explain.target.missed"
        return Message(key, **params)

    @property
    def met(self) -> bool:
        """Whether some valid plan meets the target (alone, or with the others held)."""
        best = self.best_qualified if self.best_together is None else self.best_together
        return best >= self.required

    def as_json(self) -> dict[str, Any]:
        return {
            "target_id": self.target_id,
            "year": self.year,
            "required": self.required,
            "population": self.population,
            "best_qualified": self.best_qualified,
            "proven": self.proven,
            "hard": self.hard,
            "without_limits": self.without_limits,
            "best_with_others_held": self.best_together,
            "limits": [limit.as_json() for limit in self.limits],
            "fixes": [fix.as_json() for fix in self.fixes],
        }

    @classmethod
    def of_json(cls, found: dict[str, Any]) -> TargetExplanation:
        """The explanation ``as_json`` wrote (plan.json keeps a plan's, for its reports)."""
        return cls(
            target_id=str(found["target_id"]),
            year=int(found["year"]),
            required=int(found["required"]),
            population=int(found["population"]),
            best_qualified=int(found["best_qualified"]),
            proven=bool(found["proven"]),
            hard=bool(found["hard"]),
            without_limits=int(found["without_limits"]),
            limits=tuple(Limit.of_json(limit) for limit in found.get("limits") or ()),
            fixes=tuple(Fix.of_json(fix) for fix in found.get("fixes") or ()),
            best_together=found.get("best_with_others_held"),
        )


@dataclass(frozen=True)
class OfficialExplanation:
    """Why an official is or is not in the best plan.

    ``enrollments`` are theirs in the best plan; ``closed`` says, course by course, the rule
    that closes every year of it to them; ``counts_for`` the targets whose population they are
    in and where they fall short; ``alternative`` is the plan's objectives with them in (or out)
    against the best plan's, so a tie can be told.
    """

    official_id: str
    in_plan: bool
    enrollments: tuple[tuple[str, int], ...]
    counts_for: tuple[str, ...]
    closed: tuple[tuple[str, Message], ...]
    open_courses: tuple[str, ...]
    best: tuple[float, int] | None
    """(weighted shortfall, money) of the best plan."""
    alternative: tuple[float, int] | None
    """(weighted shortfall, money) of the best plan with them in (or, if in, out); None when
    no such plan exists (no course open to them; or, if in, the plan needs them)."""
    alternative_course: str | None = None
    proven: bool = True
    """Every plan compared was proven best: a tie or a difference is then exact."""

    @property
    def tie(self) -> bool:
        return self.alternative is not None and self.alternative == self.best

    def as_json(self) -> dict[str, Any]:
        def pair(value: tuple[float, int] | None) -> dict[str, Any] | None:
            return None if value is None else {"shortfall": value[0], "money": value[1]}

        return {
            "official_id": self.official_id,
            "in_plan": self.in_plan,
            "enrollments": [{"course_id": c, "start_year": y} for c, y in self.enrollments],
            "counts_for": list(self.counts_for),
            "closed": [{"course_id": c, "reason": m.key.split(".", 1)[1]} for c, m in self.closed],
            "open_courses": list(self.open_courses),
            "best": pair(self.best),
            "alternative": pair(self.alternative),
            "alternative_course": self.alternative_course,
            "tie": self.tie,
            "proven": self.proven,
        }


def explanations_of(document: dict[str, Any] | None) -> tuple[TargetExplanation, ...]:
    """The explanations a plan.json records (``files.plancontent.plan_document``); none when
    it records none or they cannot be read (the reports then simply leave them out)."""
    try:
        return tuple(
            TargetExplanation.of_json(found) for found in (document or {}).get("explanations") or ()
        )
    except (KeyError, TypeError, ValueError):
        return ()
