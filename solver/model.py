"""The CP-SAT model of one scenario: variables, then constraints, then objectives.

``PlanModel(scenario)`` wires ``Variables`` (``solver.variables``) → ``Constraints``
(``solver.constraints``, one method per rule family, named as its ``Rule``) → ``Objectives``
(``solver.objectives``), in this order:

1. the variables of every candidate enrollment (``solver.candidates`` decides which), class
   and lecturer hours;
2. ``Constraints.add``: repeat, level, prerequisite, seats, class_size, classes, class_hours,
   lecturer_hours, budget_year, budget_total, unit_away, personal_days, leaders_away;
3. the targets, in the scenario's order: each target's count, then ``hard_target`` for a hard
   one or its shortfall variable for a soft one;
4. ``Constraints.successor`` (the succession pool ready by the congress), then
   ``Constraints.pin_require``;
5. the objectives (they add no constraint): shortfall, then money;
6. when re-planning (``solver.replan``): history fixed, then the changes to the baseline
   (an objective of its own, or priced into money by the ``change_value`` setting).

The objectives are set by the search, one stage at a time (``solver.search``).
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from trainplan.models.scenario import Scenario
from trainplan.solver import objectives, replan
from trainplan.solver.constraints import Constraints
from trainplan.solver.objectives import Objectives
from trainplan.solver.variables import Variables


class PlanModel:
    """Variables and constraints for one scenario, and its two objectives."""

    def __init__(self, scenario: Scenario, *, explain: bool = False) -> None:
        self.scenario = scenario
        self.explain = explain
        """Built for explaining infeasibility: each capacity limit is enforced by a literal of
        its own (``Constraints.rule_literals``), so that a core can name it."""
        self.model = cp_model.CpModel()
        self.model.name = f"trainplan-{scenario.settings.name}"
        self.variables = Variables.create(self.model, scenario, explain=explain)
        rules = Constraints if scenario.replan is None else replan.ReplanConstraints
        self.constraints = rules(self.model, scenario, self.variables, explain=explain)
        self.constraints.add()
        for target in scenario.settings.targets:  # one pass: variables keep the targets' order
            count = self.variables.target_count(target)
            if target.hard:
                self.constraints.hard_target(target, count)
            else:
                self.variables.add_shortfall(target, count)
        self.constraints.successor()
        self.constraints.pin_require()
        shortfall = objectives.shortfall(scenario, self.variables)
        money = objectives.money(scenario, self.variables)
        changes = None
        if scenario.replan is not None:  # 6. re-planning: history fixed, changes counted
            replan.fix_history(self.model, scenario, self.variables)
            changes = replan.changes(self.model, scenario, self.variables)
            value = scenario.settings.change_value
            if value is not None:  # changes priced: they weigh with money, no stage of theirs
                money, changes = replan.priced(money, changes, value), None
        self.objectives = Objectives(shortfall=shortfall, money=money, changes=changes)
