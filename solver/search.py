"""Solving a scenario: lexicographic CP-SAT stages, live progress, a clean stop, a Plan.

Stage ``targets`` minimises the weighted shortfall of the soft targets; when re-planning, stage
``changes`` keeps it and minimises the changes to the approved baseline. Stage ``money`` keeps
those at or below the best found and minimises money (cost plus the value of days
away), starting from the first stage's plan as a hint. Once both optima are proven, stage
``reproduce`` searches once more, single-threaded and without hints, for a plan at those
optima, so that the same scenario and seed give the same plan for any number of workers.
Each search runs in a worker thread so that the caller can stop it (Ctrl-C) and still get the
best plan found. Every search's CP-SAT parameters come from ``solver.parameters``.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ortools.sat.python import cp_model

from trainplan.models.plan import Plan, SolveStatus, Stage
from trainplan.models.scenario import Scenario
from trainplan.solver import parameters
from trainplan.solver.explain import Explanation, Infeasible, unkeepable_pins
from trainplan.solver.extract import StageResult, plan_rows, solver_info
from trainplan.solver.model import PlanModel
from trainplan.solver.objectives import Objective, ethnic_minority_enrollments
from trainplan.solver.parameters import SolveOptions
from trainplan.solver.replan import baseline_hint, change_list, new_teaching

POLL_SECONDS = 0.2
"""How often a running search checks for a stop and reports the elapsed time."""


@dataclass(frozen=True)
class Progress:
    """What the search knows now, in the objective's own units."""

    stage: str
    objective: float | None
    bound: float | None
    elapsed: float
    solutions: int


class TooLarge(Exception):
    """The amounts are too large for the solver's 64-bit arithmetic."""


class _Watcher(cp_model.CpSolverSolutionCallback):
    """Keeps the best objective and bound of a running stage, in the objective's units."""

    def __init__(
        self, stage: Stage, scale: Fraction, options: SolveOptions, started: float
    ) -> None:
        super().__init__()
        self.stage = stage
        self.scale = scale
        self.options = options
        self.started = started
        self.solutions = 0
        self.objective: float | None = None
        self.bound: float | None = None

    def on_solution_callback(self) -> None:
        self.solutions += 1
        self.objective = float(Fraction(round(self.objective_value)) / self.scale)
        self.on_bound(self.best_objective_bound)
        self.report()

    def on_bound(self, bound: float) -> None:
        """CP-SAT's ``best_bound_callback``: the bound rises between solutions too."""
        self.bound = float(Fraction(round(bound)) / self.scale)

    def report(self) -> None:
        if self.options.progress is not None:
            self.options.progress(
                Progress(
                    self.stage,
                    self.objective,
                    self.bound,
                    time.monotonic() - self.started,
                    self.solutions,
                )
            )


class Solver:
    """Runs the stages on one ``PlanModel``."""

    def __init__(self, scenario: Scenario, options: SolveOptions) -> None:
        self.scenario = scenario
        self.options = options
        self.started = time.monotonic()
        self.built = PlanModel(scenario)
        self.stages: list[StageResult] = []
        self.interrupted = False

    def remaining(self) -> float | None:
        if self.options.time_limit is None:
            return None
        return self.options.time_limit - (time.monotonic() - self.started)

    def _run(
        self, model: cp_model.CpModel, solver: cp_model.CpSolver, watcher: _Watcher | None
    ) -> SolveStatus:
        """One search in a worker thread, reporting progress and honouring a stop."""
        if watcher is not None:
            solver.best_bound_callback = watcher.on_bound
        status_box: list[Any] = []
        thread = threading.Thread(
            target=lambda: status_box.append(solver.solve(model, watcher)), daemon=True
        )
        thread.start()
        while thread.is_alive():
            thread.join(POLL_SECONDS)
            if self.options.stop.is_set():  # again each poll: a stop before the search began
                self.interrupted = True  # is not lost
                solver.stop_search()
            if watcher is not None:
                watcher.report()  # elapsed time and bound move between solutions too
        status = status_box[0] if status_box else cp_model.UNKNOWN
        return SolveStatus(solver.status_name(status))

    def _stage(self, name: Stage, solver: cp_model.CpSolver, scale: Fraction) -> StageResult:
        """Run one stage on the model and keep its result."""
        began = time.monotonic()
        watcher = _Watcher(name, scale, self.options, self.started)
        status = self._run(self.built.model, solver, watcher)
        values = None
        objective = bound = None
        if status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE):
            variables = self.built.variables.decision_vars()
            values = {var.name: int(solver.value(var)) for var in variables}
            objective = round(solver.objective_value)
            bound = round(solver.best_objective_bound)
        result = StageResult(name, status, objective, bound, time.monotonic() - began, values)
        self.stages.append(result)
        return result

    def optimise(self, name: Stage, objective: Objective, time_limit: float | None) -> StageResult:
        """Minimise ``objective`` for at most ``time_limit`` seconds."""
        self.built.model.minimize(objective.expression)
        return self._stage(name, parameters.stage_solver(self.options, time_limit), objective.scale)

    def hint(self, values: dict[str, int]) -> None:
        model = self.built.model
        model.clear_hints()
        for var in self.built.variables.decision_vars():
            if var.name in values:
                model.add_hint(var, values[var.name])

    def explain_infeasible(self) -> Infeasible:
        """The hard rules (hard targets, require pins) that together leave no plan, and the
        capacity limits they collide with (``solver.explain``)."""
        explanation = Explanation(self.scenario)
        solver = parameters.explain_solver(self.options)
        status = self._run(explanation.model, solver, None)
        core = explanation.conflicts(solver, status)
        if status != SolveStatus.INFEASIBLE:
            return Infeasible(core)
        minimal = explanation.minimal(
            core, lambda model: self._run(model, parameters.explain_solver(self.options), None)
        )
        return Infeasible(minimal)

    def solve(self) -> Plan:
        model = self.built.model
        problem = model.validate()
        if problem:
            raise TooLarge(problem.splitlines()[0])
        objectives = self.built.objectives
        assumptions = self.built.constraints.assumptions()
        if assumptions:
            model.add_assumptions(assumptions)
        targets = None
        first = [(Stage.TARGETS, objectives.shortfall), (Stage.CHANGES, objectives.changes)]
        for name, objective in first:  # each kept at its best for the stages after it
            if objective is None or not objective.terms or objective.most <= 0:
                continue
            left = self.remaining()
            stage = self.optimise(name, objective, None if left is None else left / 2)
            if stage.status == SolveStatus.INFEASIBLE:
                raise self.explain_infeasible()
            if stage.values is None:
                return self._plan(targets.values if targets else None)
            assert stage.objective is not None  # a stage with values has an objective
            model.add(objective.expression <= stage.objective)
            self.hint(stage.values)
            targets = stage
            if self.interrupted:
                break
        if self.interrupted:
            return self._plan(targets.values if targets else None)
        money = self.optimise(Stage.MONEY, objectives.money, self.remaining())
        if money.status == SolveStatus.INFEASIBLE:
            raise self.explain_infeasible()
        values = money.values if money.values is not None else (targets.values if targets else None)
        if (
            self.options.deterministic
            and not self.interrupted
            and all(stage.status == SolveStatus.OPTIMAL for stage in self.stages)
            and money.objective is not None
        ):
            values = self.reproduce(money.objective) or values
        return self._plan(values)

    def reproduce(self, money: int) -> dict[str, int] | None:
        """The plan a committee can reproduce: with both optima proven, search once more for
        any plan at those optima, single-threaded, with no hint and the user's seed. The model
        is then the same whatever the parallel stages did, so the same scenario and seed give
        the same plan, for any number of workers and however loaded the machine."""
        model = self.built.model
        model.add(self.built.objectives.money.expression <= money)
        model.clear_objective()
        model.clear_hints()
        if self.scenario.replan is not None:  # the baseline's lecturers where still best
            model.minimize(new_teaching(model, self.scenario, self.built.variables))
            self.hint(baseline_hint(self.scenario, self.built.variables))
        elif self.scenario.settings.prefer_ethnic_minority:  # a priority among equals
            model.maximize(ethnic_minority_enrollments(self.scenario, self.built.variables))
        solver = parameters.reproduce_solver(self.options, self.remaining())
        result = self._stage(Stage.REPRODUCE, solver, Fraction(1))
        return result.values if result.status == SolveStatus.OPTIMAL else None

    def _plan(self, values: dict[str, int] | None) -> Plan:
        """The plan of ``values`` (a stage's solution), or an empty plan if none was found."""
        enrollments, classes = plan_rows(self.scenario, self.built.variables, values)
        changes = change_list(self.scenario, tuple(enrollments)) if values is not None else ()
        info = solver_info(
            self.scenario,
            self.options,
            self.built.objectives,
            self.stages,
            found=values is not None,
            started=self.started,
            interrupted=self.interrupted,
        )
        return Plan(tuple(enrollments), tuple(classes), info, changes)


def solve(scenario: Scenario, options: SolveOptions | None = None) -> Plan:
    """Find the best plan for ``scenario``.

    Raises
    ------
    Infeasible
        When hard targets or require pins leave no valid plan; names them.
    TooLarge
        When the amounts overflow CP-SAT's 64-bit arithmetic.
    """
    options = options or SolveOptions()
    reasons = unkeepable_pins(scenario)
    if reasons:
        raise Infeasible(reasons)
    return Solver(scenario, options).solve()
