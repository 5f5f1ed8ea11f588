"""Why no plan keeps the hard rules: the conflicts ``Infeasible`` names.

Two kinds of conflict. A require pin that no valid plan can keep, whatever else the plan does,
is found before solving from the candidates' reasons (``unkeepable_pins``). Hard rules that
collide only together (hard targets, require pins, and the capacity limits in their way) come
from an infeasibility core: a copy of the model built with ``explain=True`` enforces every hard
rule and every limit by a literal, and CP-SAT, solving under all of them as assumptions, names a
set that cannot all hold (``Explanation``; CP-SAT gives no cores while an objective is set),
which ``Explanation.minimal`` shrinks until dropping any one of it lets the rest hold.
``trainplan.solver.search`` runs that search; ``trainplan.wording`` words the conflicts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from trainplan.models.message import Message
from trainplan.models.plan import SolveStatus
from trainplan.models.scenario import Scenario
from trainplan.solver.candidates import Facts, exclusion
from trainplan.solver.model import PlanModel
from trainplan.solver.reasons import successor_reason


@dataclass(frozen=True)
class Conflict:
    """One hard rule among those that leave no plan: a hard target, a require pin, or a
    capacity limit in their way."""

    reason: Message
    pin: int | None = None
    """Index of the pin in ``scenario.pins``, so the caller can name its file and row."""


class Infeasible(Exception):
    """No plan can keep the hard rules; ``conflicts`` names them (worded by the caller)."""

    def __init__(self, conflicts: list[Conflict]) -> None:
        self.conflicts = conflicts
        super().__init__("; ".join(c.reason.key for c in conflicts))


def unkeepable_pins(scenario: Scenario) -> list[Conflict]:
    """Require pins that no valid plan can keep, each with the rule that rules it out."""
    facts = Facts.of(scenario)
    reasons = []
    for index, pin in enumerate(scenario.pins):
        if pin.action != "require":
            continue
        official = scenario.official_by_id[pin.official_id]
        course = scenario.course_by_id[pin.course_id]
        why = exclusion(facts, official, course, pin.year)
        if why is not None:
            params = {"official": pin.official_id, "course": pin.course_id, "year": pin.year}
            reasons.append(Conflict(Message("conflict.pin_cannot", **params, why=why), index))
    return reasons


class Explanation:
    """A feasibility copy of the model whose hard rules and limits are all assumptions."""

    def __init__(self, scenario: Scenario) -> None:
        built = PlanModel(scenario, explain=True)
        self.model = built.model
        self.labels: list[tuple[Conflict, cp_model.IntVar]] = []
        """Each assumed literal and the conflict it stands for."""
        constraints = built.constraints
        for target_id, literal in constraints.target_literals.items():
            required = constraints.required[target_id]
            reason = Message("conflict.target", target=target_id, required=required)
            self.labels.append((Conflict(reason), literal))
        year = scenario.settings.succession.year if scenario.settings.succession else 0
        facts = Facts.of(scenario) if constraints.successors_out_of_reach else None
        for official_id, literal in constraints.successor_literals.items():
            official = scenario.official_by_id[official_id]
            params = {"official": official_id, "post": official.successor_for, "year": year}
            if facts is not None and official_id in constraints.successors_out_of_reach:
                why = successor_reason(facts, official)  # say why, not only who
                reason = Message("conflict.successor_never", **params, why=why)
            else:
                reason = Message("conflict.successor", **params)
            self.labels.append((Conflict(reason), literal))
        for index, literal in constraints.pin_literals.items():
            pin = scenario.pins[index]
            params = {"official": pin.official_id, "course": pin.course_id, "year": pin.year}
            self.labels.append((Conflict(Message("conflict.pin", **params), index), literal))
        for literal, limit in constraints.rule_literals:
            self.labels.append((Conflict(limit), literal))
        self.model.add_assumptions([literal for _, literal in self.labels])

    def conflicts(self, solver: cp_model.CpSolver, status: SolveStatus) -> list[Conflict]:
        """The core ``solver`` found, hard rules first, then the limits they collide with."""
        if status != SolveStatus.INFEASIBLE:
            return [Conflict(Message("conflict.unknown"))]
        names = {literal.index: conflict for conflict, literal in self.labels}
        core = [names[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in names]
        hard_rules_then_limits = sorted(core, key=lambda c: c.reason.key.startswith("limit."))
        return hard_rules_then_limits or [Conflict(Message("conflict.any"))]

    def minimal(
        self, core: list[Conflict], search: Callable[[cp_model.CpModel], SolveStatus]
    ) -> list[Conflict]:
        """``core`` made minimal by deletion: each conflict in turn is dropped and, if the rest
        still leave no plan (``search`` says INFEASIBLE), stays dropped. What remains cannot
        all hold, and any one of it dropped, the rest can (or was not decided in time)."""
        literal_of = {id(conflict): literal for conflict, literal in self.labels}
        kept = [conflict for conflict in core if id(conflict) in literal_of]
        if not kept:
            return core
        for conflict in list(kept):
            trial = [c for c in kept if c is not conflict]
            self.model.clear_assumptions()
            self.model.add_assumptions([literal_of[id(c)] for c in trial])
            if search(self.model) == SolveStatus.INFEASIBLE:
                kept = trial
        return kept
