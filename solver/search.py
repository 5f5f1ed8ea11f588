"""Solving a scenario: lexicographic CP-SAT stages, live progress, a clean stop, a Plan.

Stage 1 minimises the weighted shortfall of the soft targets. Stage 2 keeps that shortfall
at or below the best found and minimises money (cost plus the value of days away). Each stage
starts from the previous stage's plan as a hint. The search runs in a worker thread so that
the caller can stop it (Ctrl-C) and still get the best plan found.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import ortools
from ortools.sat.python import cp_model
from trainplan.models.message import Message
from trainplan.models.plan import ClassRow, Enrollment, Plan, SolverInfo
from trainplan.models.scenario import Scenario
from trainplan.solver.candidates import earliest_completion, exclusion
from trainplan.solver.model import Objectives, PlanModel


@dataclass(frozen=True)
class Progress:
    """What the search knows now, in the objective's own units."""

    stage: str
    objective: float | None
    bound: float | None
    elapsed: float
    solutions: int


@dataclass
class SolveOptions:
    time_limit: float | None = 120.0
    """Wall-clock seconds for the whole solve; None = until proven optimal."""
    seed: int = 0
    workers: int = 8
    """CP-SAT workers. 8 on 2 cores beats 2: the portfolio needs its LP and LNS workers."""
    linearization_level: int = 2
    deterministic: bool = True
    """Once both optima are proven, find the plan a single-threaded search reaches at them:
    the same scenario and seed then give the same plan for any --workers."""
    progress: Callable[[Progress], None] | None = None
    stop: threading.Event = field(default_factory=threading.Event)
    """Set it (from a signal handler, say) to stop the search and keep the best plan."""
    log: bool = False


class TooLarge(Exception):
    """The amounts are too large for the solver's 64-bit arithmetic."""


@dataclass(frozen=True)
class Conflict:
    """One hard rule among those that leave no plan: a hard target or a require pin."""

    reason: Message
    pin: int | None = None
    """Index of the pin in ``scenario.pins``, so the caller can name its file and row."""


class Infeasible(Exception):
    """No plan can keep the hard rules; ``conflicts`` names them (worded by the caller)."""

    def __init__(self, conflicts: list[Conflict]) -> None:
        self.conflicts = conflicts
        super().__init__("; ".join(c.reason.key for c in conflicts))


def input_hash(scenario: Scenario) -> str:
    """A hash of the scenario's content (not of its files' formatting)."""
    return hashlib.sha256(scenario.model_dump_json().encode()).hexdigest()


def unkeepable_pins(scenario: Scenario) -> list[Conflict]:
    """Require pins that no valid plan can keep, each with the rule that rules it out."""
    completion = earliest_completion(scenario)
    forbidden = {
        (p.official_id, p.course_id, p.year) for p in scenario.pins if p.action == "forbid"
    }
    reasons = []
    for index, pin in enumerate(scenario.pins):
        if pin.action != "require":
            continue
        official = scenario.official_by_id[pin.official_id]
        course = scenario.course_by_id[pin.course_id]
        why = exclusion(scenario, official, course, pin.year, completion, forbidden)
        if why is not None:
            params = {"official": pin.official_id, "course": pin.course_id, "year": pin.year}
            reasons.append(
                Conflict(Message("conflict.pin_cannot", **{**params, "why": why}), index)
            )
    return reasons


class _Watcher(cp_model.CpSolverSolutionCallback):
    """Keeps the best objective and bound of a running stage, in the objective's units."""

    def __init__(self, stage: str, scale: Fraction, options: SolveOptions, started: float) -> None:
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


@dataclass
class _StageResult:
    name: str
    status: str
    objective: int | None
    bound: int | None
    seconds: float
    values: dict[str, int] | None


class Solver:
    """Runs the stages on one ``PlanModel``."""

    def __init__(self, scenario: Scenario, options: SolveOptions) -> None:
        self.scenario = scenario
        self.options = options
        self.started = time.monotonic()
        self.built = PlanModel(scenario)
        self.stages: list[_StageResult] = []
        self.interrupted = False

    def parameters(self, time_limit: float | None) -> cp_model.CpSolver:
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.num_workers = self.options.workers
        params.random_seed = self.options.seed
        params.linearization_level = self.options.linearization_level
        params.catch_sigint_signal = False  # our handler stops the search and keeps the plan
        params.log_search_progress = self.options.log
        if time_limit is not None:
            params.max_time_in_seconds = max(0.5, time_limit)
        return solver

    def remaining(self) -> float | None:
        if self.options.time_limit is None:
            return None
        return self.options.time_limit - (time.monotonic() - self.started)

    def run_stage(
        self,
        name: str,
        terms: list[tuple[cp_model.IntVar, int]],
        scale: Fraction,
        budget: float | None,
    ) -> _StageResult:
        model = self.built.model
        model.minimize(Objectives.expression(terms))
        return self._search(name, self.parameters(budget), scale)

    def _search(self, name: str, solver: cp_model.CpSolver, scale: Fraction) -> _StageResult:
        """Run one search in a worker thread, reporting progress and honouring a stop."""
        model = self.built.model
        watcher = _Watcher(name, scale, self.options, self.started)
        solver.best_bound_callback = watcher.on_bound
        status_box: list[Any] = []
        began = time.monotonic()
        thread = threading.Thread(
            target=lambda: status_box.append(solver.solve(model, watcher)), daemon=True
        )
        thread.start()
        while thread.is_alive():
            thread.join(0.2)
            if self.options.stop.is_set():  # again each poll: a stop before the search began
                self.interrupted = True  # is not lost
                solver.stop_search()
            watcher.report()  # elapsed time and bound move between solutions too
        status = status_box[0] if status_box else cp_model.UNKNOWN
        values = None
        objective = bound = None
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            values = {var.name: int(solver.value(var)) for var in self._decision_vars()}
            objective = round(solver.objective_value)
            bound = round(solver.best_objective_bound)
        result = _StageResult(
            name, solver.status_name(status), objective, bound, time.monotonic() - began, values
        )
        self.stages.append(result)
        return result

    def _decision_vars(self) -> list[cp_model.IntVar]:
        built = self.built
        return [
            *built.enroll.values(),
            *built.classes_open.values(),
            *built.hours.values(),
            *built.qualified.values(),
            *built.shortfall.values(),
        ]

    def hint(self, values: dict[str, int]) -> None:
        model = self.built.model
        model.clear_hints()
        for var in self._decision_vars():
            if var.name in values:
                model.add_hint(var, values[var.name])

    def explain_infeasible(self) -> list[Conflict]:
        """The hard rules (hard targets, require pins) that together leave no plan, and the
        capacity limits they collide with.

        A copy of the model enforces every hard rule and every limit by an assumption literal;
        CP-SAT's infeasibility core names a set of them that cannot all hold.
        """
        explained = PlanModel(self.scenario, explain=True)
        labels = self._labels(explained)
        explained.model.add_assumptions([literal for _, literal in labels])
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1  # cores come from the single-thread search
        solver.parameters.random_seed = self.options.seed
        solver.parameters.max_time_in_seconds = 60
        status = solver.solve(explained.model)
        if status != cp_model.INFEASIBLE:
            return [Conflict(Message("conflict.unknown"))]
        names = {literal.index: conflict for conflict, literal in labels}
        core = [names[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in names]
        hard_rules_then_limits = sorted(core, key=lambda c: c.reason.key.startswith("limit."))
        return hard_rules_then_limits or [Conflict(Message("conflict.any"))]

    def _labels(self, built: PlanModel) -> list[tuple[Conflict, cp_model.IntVar]]:
        labels = []
        for target_id, literal in built.target_literals.items():
            required = built.required[target_id]
            reason = Message("conflict.target", target=target_id, required=required)
            labels.append((Conflict(reason), literal))
        for index, literal in built.pin_literals.items():
            pin = self.scenario.pins[index]
            params = {"official": pin.official_id, "course": pin.course_id, "year": pin.year}
            labels.append((Conflict(Message("conflict.pin", **params), index), literal))
        for literal, reason in built.rule_literals:
            labels.append((Conflict(reason), literal))
        return labels

    def solve(self) -> Plan:
        built = self.built
        model = built.model
        problem = model.validate()
        if problem:
            raise TooLarge(problem.splitlines()[0])
        objectives = built.objectives
        assumptions = built.assumptions()
        if assumptions:
            model.add_assumptions(assumptions)
        half = None if self.options.time_limit is None else self.options.time_limit / 2
        stage1 = None
        shortfall_cap = sum(
            list(var.proto.domain)[-1] * coef for var, coef in objectives.shortfall_terms
        )
        if objectives.shortfall_terms and shortfall_cap > 0:
            stage1 = self.run_stage(
                "targets", objectives.shortfall_terms, Fraction(objectives.shortfall_scale), half
            )
            if stage1.status == "INFEASIBLE":
                raise Infeasible(self.explain_infeasible())
            if stage1.values is None:
                return self._plan(None)
            best = stage1.objective
            assert best is not None  # a stage with values has an objective
            model.add(Objectives.expression(objectives.shortfall_terms) <= best)
            self.hint(stage1.values)
        if self.interrupted:
            return self._plan(stage1.values if stage1 else None)
        stage2 = self.run_stage(
            "money", objectives.money_terms, Fraction(objectives.money_scale), self.remaining()
        )
        if stage2.status == "INFEASIBLE":
            raise Infeasible(self.explain_infeasible())
        values = stage2.values if stage2.values is not None else (stage1.values if stage1 else None)
        if (
            self.options.deterministic
            and not self.interrupted
            and all(stage.status == "OPTIMAL" for stage in self.stages)
            and stage2.objective is not None
        ):
            values = self.reproduce(objectives, stage2.objective) or values
        return self._plan(values)

    def reproduce(self, objectives: Objectives, money: int) -> dict[str, int] | None:
        """The plan a committee can reproduce: with both optima proven, search once more for
        any plan at those optima, single-threaded, with no hint and the user's seed. The model
        is then the same whatever the parallel stages did, so the same scenario and seed give
        the same plan, for any number of workers and however loaded the machine."""
        model = self.built.model
        model.add(Objectives.expression(objectives.money_terms) <= money)
        model.clear_objective()
        model.clear_hints()
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.num_workers = 1
        params.random_seed = self.options.seed
        params.linearization_level = self.options.linearization_level
        params.catch_sigint_signal = False
        remaining = self.remaining()
        if remaining is not None:
            params.max_time_in_seconds = max(1.0, remaining)
        result = self._search("reproduce", solver, Fraction(1))
        return result.values if result.status == "OPTIMAL" else None

    # ------------------------------------------------------------ the plan

    def _plan(self, values: dict[str, int] | None) -> Plan:
        """The plan of ``values`` (a stage's solution), or an empty plan if none was found."""
        built = self.built
        scenario = self.scenario
        enrollments: list[Enrollment] = []
        classes: list[ClassRow] = []
        if values is not None:
            for key, var in built.enroll.items():
                if values.get(var.name):
                    enrollments.append(Enrollment(*key))
            for (course_id, year), var in built.classes_open.items():
                count = values.get(var.name, 0)
                if not count:
                    continue
                learners = sum(
                    1 for e in enrollments if (e.course_id, e.start_year) == (course_id, year)
                )
                teaching = [
                    (lecturer_id, values.get(hours_var.name, 0))
                    for (lecturer_id, c, y), hours_var in built.hours.items()
                    if (c, y) == (course_id, year)
                ]
                course = scenario.course_by_id[course_id]
                classes.extend(
                    split_classes(
                        course_id, year, count, learners, course.lecturer_hours or 0, teaching
                    )
                )
        return Plan(tuple(enrollments), tuple(classes), self._info(found=values is not None))

    def _info(self, found: bool) -> SolverInfo:
        """How the search went. ``objective`` holds each stage's value as CP-SAT saw it; when
        every stage is OPTIMAL it equals what ``trainplan.checking.checker`` recomputes from the
        plan (before that, the targets stage's value is an upper bound)."""
        objectives = self.built.objectives
        scales = {
            "targets": Fraction(objectives.shortfall_scale),
            "money": Fraction(objectives.money_scale),
        }
        optimising = [stage for stage in self.stages if stage.name in scales]
        objective = {
            stage.name: float(Fraction(stage.objective) / scales[stage.name])
            for stage in optimising
            if stage.objective is not None
        }
        bound = {
            stage.name: float(Fraction(stage.bound) / scales[stage.name])
            for stage in optimising
            if stage.bound is not None
        }
        last = optimising[-1] if optimising else None
        gap = None
        if last is not None and last.objective is not None and last.bound is not None:
            gap = abs(last.objective - last.bound) / max(1, abs(last.objective))
        statuses = [stage.status for stage in optimising]
        reproduced = [stage for stage in self.stages if stage.name == "reproduce"]
        if not found:
            status = "UNKNOWN"
        elif all(s == "OPTIMAL" for s in statuses):
            status = "OPTIMAL"  # also when no stage was needed: the empty plan is best
        else:
            status = "FEASIBLE"
        return SolverInfo(
            status=status,
            objective=objective,
            bound=bound,
            gap=gap,
            seconds=round(time.monotonic() - self.started, 3),
            seed=self.options.seed,
            workers=self.options.workers,
            time_limit=self.options.time_limit,
            interrupted=self.interrupted,
            reproducible=bool(reproduced) and reproduced[0].status == "OPTIMAL" and found,
            parameters={
                "num_workers": self.options.workers,
                "random_seed": self.options.seed,
                "linearization_level": self.options.linearization_level,
                "reproduce_at_optimum": self.options.deterministic,
                "max_time_in_seconds": self.options.time_limit,
            },
            ortools_version=ortools.__version__,  # type: ignore[attr-defined]
            input_hash=input_hash(self.scenario),
            stages=[
                {"name": s.name, "status": s.status, "seconds": round(s.seconds, 3)}
                for s in self.stages
            ],
        )


def split_classes(
    course_id: str,
    year: int,
    count: int,
    learners: int,
    hours_per_class: int,
    teaching: list[tuple[str, int]],
) -> list[ClassRow]:
    """Share learners evenly over ``count`` classes and fill each class's hours from the
    lecturers in order; a lecturer may teach several classes, a class have several lecturers."""
    sizes = [learners // count + (1 if i < learners % count else 0) for i in range(count)]
    pool = [(lecturer_id, hours) for lecturer_id, hours in sorted(teaching) if hours > 0]
    rows = []
    for class_no, size in enumerate(sizes, start=1):
        needed = hours_per_class
        if needed == 0:
            rows.append(ClassRow(course_id, year, class_no, size, "", 0))
        while needed > 0 and pool:
            lecturer_id, available = pool[0]
            take = min(needed, available)
            rows.append(ClassRow(course_id, year, class_no, size, lecturer_id, take))
            needed -= take
            if available > take:
                pool[0] = (lecturer_id, available - take)
            else:
                pool.pop(0)
    return rows


def solve(scenario: Scenario, options: SolveOptions | None = None) -> Plan:
    """Find the best plan for ``scenario``.

    Raises
    ------
    Infeasible
        When hard targets or require pins leave no valid plan; names them.
    """
    options = options or SolveOptions()
    reasons = unkeepable_pins(scenario)
    if reasons:
        raise Infeasible(reasons)
    return Solver(scenario, options).solve()
