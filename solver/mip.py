"""The same rules as a MIP, solved by HiGHS (``highspy``): a peer of CP-SAT, measured in
``benchmarks/``.

The MIP is read off the CP-SAT model itself (``PlanModel``), so the two engines share every
candidate, rule and objective term and can never drift apart: each linear constraint becomes a
row (an enforcement literal relaxes it by the row's own range, a big-M no larger than needed),
each clause ``sum(literals) >= 1``, each at-most-one ``sum <= 1``, and the literals of the hard
targets and require pins are fixed to 1. What PERFORMANCE.md measured to help HiGHS is done here:

- every row is divided by the gcd of its coefficients, its bounds rounded inward;
- one solve of ``U x shortfall + money`` instead of two stages, with ``U`` one more than the
  most money any plan can cost, which keeps SPEC rule 9's order exactly (both are integers in
  their exact scales, ``solver.objectives``; the objective is whole, so an absolute gap below
  1 is a proof).
"""

from __future__ import annotations

import math
import os
import sys
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from importlib import metadata
from typing import Any

import highspy
import numpy as np

from trainplan.models.fingerprint import input_hash
from trainplan.models.plan import Plan, SolverInfo, SolveStatus, Stage
from trainplan.models.scenario import Scenario
from trainplan.solver.explain import Infeasible, unkeepable_pins
from trainplan.solver.extract import plan_rows
from trainplan.solver.model import PlanModel
from trainplan.solver.objectives import Objective
from trainplan.solver.parameters import SolveOptions
from trainplan.solver.replan import change_list
from trainplan.solver.search import POLL_SECONDS, Progress, Solver

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
"""CP-SAT's open domain ends, read as no bound."""
ABSOLUTE_GAP = 0.99
"""The combined objective is whole: a gap below 1 between plan and bound proves the optimum."""

HINTED_SECONDS = 10.0
"""The least search time left after the build when HiGHS starts from a plan: with 1 s on a
machine loaded 4 times over, a 3,360-official province ended with no plan at all, its start
not yet taken."""

Row = tuple[float, dict[int, int], float]
"""low <= sum(coefficient x column) <= high, the columns by index."""


def _literal(ref: int) -> tuple[int, int, int]:
    """A literal as ``constant + sign x column``: (column, sign, constant)."""
    return (ref, 1, 0) if ref >= 0 else (-ref - 1, -1, 1)


class MipModel:
    """The rows, columns and objective of one scenario's MIP."""

    def __init__(self, scenario: Scenario) -> None:
        self.built = PlanModel(scenario)
        proto = self.built.model.proto
        domains = [list(v.domain) for v in proto.variables]  # (no negative index on a proto's
        self.lower = [float(d[0]) for d in domains]  # repeated field: list it first)
        self.upper = [float(d[-1]) for d in domains]
        for literal in self.built.constraints.assumptions():  # hard targets, require pins
            self.lower[literal.index] = 1.0
        self.rows: list[Row] = []
        for constraint in proto.constraints:
            self._add(constraint)
        objectives = self.built.objectives
        self.shortfall = objectives.shortfall
        self.money = objectives.money
        tiers = [(Stage.TARGETS, objectives.shortfall), (Stage.CHANGES, objectives.changes)]
        self.tiers: list[tuple[Stage, Objective, int]] = [(Stage.MONEY, self.money, 1)]
        """(stage, objective, weight), money first: as CP-SAT, a stage only when its
        objective can be above 0; each weight one more than the most all below can add up to,
        so that the combined optimum is the lexicographic one (SPEC rule 9)."""
        below = self._most(self.money)
        for stage, objective in reversed(tiers):
            if objective is None or not objective.terms or self._most(objective) <= 0:
                continue
            self.tiers.insert(0, (stage, objective, below + 1))
            below += (below + 1) * self._most(objective)
        self.unit = self.tiers[0][2] if len(self.tiers) > 1 else 0
        """U: the weight of the first stage (0 when money is the only one)."""

    def _most(self, objective: Objective) -> int:
        return sum(int(self.upper[var.index]) * coef for var, coef in objective.terms)

    def _span(self, terms: dict[int, int]) -> tuple[float, float]:
        """The least and most a sum of terms can be, by the columns' bounds."""
        low = sum(c * (self.lower[i] if c > 0 else self.upper[i]) for i, c in terms.items())
        high = sum(c * (self.upper[i] if c > 0 else self.lower[i]) for i, c in terms.items())
        return low, high

    def _add(self, constraint: Any) -> None:
        enforced = list(constraint.enforcement_literal)
        if constraint.has_linear():
            linear = constraint.linear
            terms: dict[int, int] = {}
            for ref, coef in zip(linear.vars, linear.coeffs, strict=True):
                index, sign = (ref, 1) if ref >= 0 else (-ref - 1, -1)
                terms[index] = terms.get(index, 0) + sign * coef
            domain = list(linear.domain)
            low = -math.inf if domain[0] <= INT64_MIN else float(domain[0])
            high = math.inf if domain[-1] >= INT64_MAX else float(domain[-1])
            self._enforced(terms, low, high, enforced)
        elif constraint.has_bool_or() or constraint.has_at_most_one():
            clause = constraint.has_bool_or()
            literals = constraint.bool_or.literals if clause else constraint.at_most_one.literals
            terms, constant = {}, 0
            for ref in literals:
                column, sign, offset = _literal(ref)
                terms[column] = terms.get(column, 0) + sign
                constant += offset
            if clause:  # sum(literals) >= 1
                self._enforced(terms, 1.0 - constant, math.inf, enforced)
            else:  # sum(literals) <= 1
                self._enforced(terms, -math.inf, 1.0 - constant, enforced)
        elif constraint.has_bool_and():
            for ref in constraint.bool_and.literals:
                column, sign, offset = _literal(ref)
                self._enforced({column: sign}, 1.0 - offset, 1.0 - offset, enforced)
        else:
            raise ValueError(f"no MIP row for the constraint {constraint.name!r}")

    def _enforced(
        self, terms: dict[int, int], low: float, high: float, enforced: list[int]
    ) -> None:
        """``low <= terms <= high`` if all of ``enforced`` hold, as one or two rows: each side
        that the sum could pass is relaxed by exactly that much when a literal fails."""
        if not enforced:
            self.rows.append((low, terms, high))
            return
        least, most = self._span(terms)
        for side in ("high", "low"):
            bound = high if side == "high" else low
            if (side == "high" and (bound >= most or math.isinf(bound))) or (
                side == "low" and (bound <= least or math.isinf(bound))
            ):
                continue
            relax = int(most - high) if side == "high" else int(low - least)
            row = dict(terms)
            shift = 0.0
            for ref in enforced:
                # (1 - l) with l = offset + sign x column: 1 - offset - sign x column
                column, sign, offset = _literal(ref)
                factor = relax if side == "high" else -relax
                row[column] = row.get(column, 0) + factor * sign
                shift += factor * (1 - offset)
            # high side: terms <= high + relax x (1 - l) -> terms + relax x sign x column
            #   <= high + relax x (1 - offset); low side alike with -relax
            if side == "high":
                self.rows.append((-math.inf, row, high + shift))
            else:
                self.rows.append((low + shift, row, math.inf))

    def costs(self) -> np.ndarray:
        """U x shortfall (+ U' x changes when re-planning) + money, per column."""
        cost = np.zeros(len(self.lower))
        for _, objective, weight in self.tiers:
            for var, coef in objective.terms:
                cost[var.index] += weight * coef
        return cost


def _divided(row: Row) -> Row:
    """A row divided by the gcd of its coefficients, its bounds rounded inward."""
    low, terms, high = row
    divisor = math.gcd(*terms.values()) if terms else 1
    if divisor <= 1:
        return row
    low = low if math.isinf(low) else math.ceil(low / divisor - 1e-9)
    high = high if math.isinf(high) else math.floor(high / divisor + 1e-9)
    return low, {i: c // divisor for i, c in terms.items()}, high


@contextmanager
def _quiet() -> Iterator[None]:
    """Nothing printed on standard output meanwhile, C++ code's too (HiGHS prints a banner
    as it starts, whatever its options)."""
    sys.stdout.flush()
    saved = os.dup(1)
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 1)
        try:
            yield
        finally:
            os.dup2(saved, 1)
            os.close(saved)


def highs_of(
    mip: MipModel, options: SolveOptions, costs: Sequence[float] | None = None
) -> highspy.Highs:
    """A HiGHS instance holding ``mip``, with trainplan's options; ``costs`` per column in
    place of ``mip.costs()`` (the Lagrangian bound's, ``solver.lagrange``)."""
    with _quiet():
        highs = highspy.Highs()
    highs.setOptionValue("output_flag", bool(options.log))
    highs.setOptionValue("random_seed", options.seed)
    highs.setOptionValue("threads", 1)
    highs.setOptionValue("mip_rel_gap", 0.0)
    highs.setOptionValue("mip_abs_gap", ABSOLUTE_GAP)
    if options.time_limit is not None:
        highs.setOptionValue("time_limit", float(options.time_limit))
    count = len(mip.lower)
    inf = highspy.kHighsInf
    lower = np.array(mip.lower)
    upper = np.array(mip.upper)
    highs.addVars(count, lower, upper)
    cost = mip.costs() if costs is None else np.array(costs, dtype=float)
    highs.changeColsCost(count, np.arange(count, dtype=np.int32), cost)
    highs.changeColsIntegrality(
        count, np.arange(count, dtype=np.int32), np.ones(count, dtype=np.uint8)
    )
    lows: list[float] = []
    highs_: list[float] = []
    starts: list[int] = []
    indices: list[int] = []
    values: list[float] = []
    for row in map(_divided, mip.rows):
        low, terms, high = row
        lows.append(-inf if math.isinf(low) else low)
        highs_.append(inf if math.isinf(high) else high)
        starts.append(len(indices))
        for column, coef in terms.items():
            if coef:
                indices.append(column)
                values.append(float(coef))
    highs.addRows(
        len(lows),
        np.array(lows),
        np.array(highs_),
        len(indices),
        np.array(starts, dtype=np.int32),
        np.array(indices, dtype=np.int32),
        np.array(values),
    )
    return highs


def _run(highs: highspy.Highs, mip: MipModel, options: SolveOptions, started: float) -> bool:
    """Run HiGHS in a worker thread, so that a stop (Ctrl-C) cancels it and the best plan is
    kept; reports the best plan's objective and the bound meanwhile (``progress_of``). Whether
    a stop cut it short."""
    if options.stop.is_set():  # a stop before the search began is not lost
        return True
    highs.HandleUserInterrupt = True
    known = {"primal": math.inf, "dual": -math.inf, "solutions": 0}

    def seen(event: Any) -> None:  # in HiGHS's thread: two floats and a count
        known["primal"] = float(event.data_out.mip_primal_bound)
        known["dual"] = float(event.data_out.mip_dual_bound)
        if event.callback_type == highspy.cb.HighsCallbackType.kCallbackMipImprovingSolution:
            known["solutions"] += 1

    if options.progress is not None:
        highs.cbMipImprovingSolution.subscribe(seen)
        highs.cbMipInterrupt.subscribe(seen)
    thread = threading.Thread(target=highs.run, daemon=True)
    thread.start()
    interrupted = False
    while thread.is_alive():
        thread.join(POLL_SECONDS)
        if options.stop.is_set() and not interrupted:
            interrupted = True
            highs.cancelSolve()
        if options.progress is not None:
            elapsed = time.monotonic() - started
            options.progress(progress_of(mip, known, elapsed))
    if options.progress is not None:  # where it ended: the last callback may predate the proof
        info = highs.getInfo()
        found = info.primal_solution_status == 2  # kSolutionStatusFeasible
        known["primal"] = info.objective_function_value if found else math.inf
        known["dual"] = info.mip_dual_bound
        options.progress(progress_of(mip, known, time.monotonic() - started))
    return interrupted


def progress_of(mip: MipModel, known: Mapping[str, float], elapsed: float) -> Progress:
    """What HiGHS knows, as CP-SAT's stages say it: the first stage the best plan has above 0
    (the money when none is), with its bound (every better plan is 0 in the stages before it
    too, so the combined bound bounds this stage alone). None for what is not known yet."""
    primal, dual = known["primal"], known["dual"]
    solutions = int(known.get("solutions", 0))
    if not math.isfinite(primal):
        return Progress(mip.tiers[0][0], None, None, elapsed, solutions)
    for stage, objective, weight in mip.tiers:
        amount = math.floor(primal / weight + 1e-9)
        if amount <= 0 and weight > 1:
            continue
        bound = None
        if math.isfinite(dual):
            least = max(0, math.ceil((dual - weight + 1) / weight - 1e-9))
            bound = float(objective.value(min(least, amount)))
        return Progress(stage, float(objective.value(amount)), bound, elapsed, solutions)
    raise AssertionError("the money's stage has weight 1")


def hint(highs: highspy.Highs, mip: MipModel, plan: Plan) -> None:
    """Give HiGHS ``plan`` (the greedy planner's) as its first solution: every enrollment,
    class count and lecturer's hours fixed as the plan has them; HiGHS completes the rest (who
    qualifies, shortfalls) itself. A province stopped early then still has a plan whose
    shortfall is proven when it is 0, and a bound of its money (``solve --by-province``)."""
    variables = mip.built.variables
    chosen = {(e.official_id, e.course_id, e.start_year) for e in plan.enrollments}
    numbers: dict[tuple[str, int], set[int]] = {}
    hours: dict[tuple[str, str, int], int] = {}
    for row in plan.classes:  # a row per lecturer of a class
        numbers.setdefault((row.course_id, row.year), set()).add(row.class_no)
        if row.lecturer_id is not None:
            key = (row.lecturer_id, row.course_id, row.year)
            hours[key] = hours.get(key, 0) + int(row.hours or 0)
    values = {var.index: float(key in chosen) for key, var in variables.enroll.items()}
    classes = {key: len(found) for key, found in numbers.items()}
    values.update({v.index: float(classes.get(k, 0)) for k, v in variables.classes_open.items()})
    values.update({v.index: float(hours.get(k, 0)) for k, v in variables.hours.items()})
    index = np.array(sorted(values), dtype=np.int32)
    highs.setSolution(len(index), index, np.array([values[i] for i in index.tolist()]))


def _bounds(mip: MipModel, raw: dict[Stage, int], dual: float) -> dict[str, float]:
    """Each stage's bound from the combined one ``dual``: the first stage's, since what all
    below add up to is less than its weight; and when the plan's first stage reaches that
    bound (it is proven, as a shortfall of 0 is), the next one's too: any plan at that first
    stage has the rest >= ``dual`` less what the first adds. (Only two stages: by province.)"""
    if not math.isfinite(dual):
        return {}
    stage, first, weight = mip.tiers[0]
    if len(mip.tiers) == 1:
        least = max(0, math.ceil(dual - 1e-6))
        return {stage.value: float(first.value(min(least, raw[stage])))}
    least = max(0, math.ceil((dual - weight + 1) / weight - 1e-9))
    bound = {stage.value: float(first.value(min(least, raw[stage])))}
    if least >= raw[stage] and len(mip.tiers) == 2:
        last_stage, last, _ = mip.tiers[1]
        rest = max(0, math.ceil(dual - weight * raw[stage] - 1e-6))
        bound[last_stage.value] = float(last.value(min(rest, raw[last_stage])))
    return bound


def solve_mip(
    scenario: Scenario,
    options: SolveOptions | None = None,
    relative_gap: float = 0.0,
    start: Plan | None = None,
) -> Plan:
    """The best plan by HiGHS, with the same SolverInfo fields as CP-SAT's (``engine`` in its
    parameters says which engine found it). ``relative_gap`` > 0 stops the search once the
    plan is that close to its bound (``solve --by-province``): the plan is then FEASIBLE,
    OPTIMAL only when the gap is below one unit of the objective. ``start``: a first
    solution for HiGHS (``hint``).

    Raises
    ------
    Infeasible
        When hard targets or require pins leave no valid plan; names them (by CP-SAT's cores).
    """
    options = options or SolveOptions()
    reasons = unkeepable_pins(scenario)
    if reasons:
        raise Infeasible(reasons)
    started = time.monotonic()
    mip = MipModel(scenario)
    highs = highs_of(mip, options)
    highs.setOptionValue("mip_rel_gap", relative_gap)
    if start is not None:
        hint(highs, mip, start)
    built = time.monotonic() - started
    if options.time_limit is not None:  # the build counts, as in CP-SAT's stages
        least = HINTED_SECONDS if start is not None else 1.0
        highs.setOptionValue("time_limit", max(least, options.time_limit - built))
    interrupted = _run(highs, mip, options, started)
    status = highs.getModelStatus()
    if status == highspy.HighsModelStatus.kInfeasible:
        raise Solver(scenario, options).explain_infeasible()
    info = highs.getInfo()
    found = info.primal_solution_status == 2  # kSolutionStatusFeasible
    values: dict[str, int] | None = None
    objective: dict[str, float] = {}
    bound: dict[str, float] = {}
    optimal = (  # a relative gap stops HiGHS with kOptimal before the proof
        status == highspy.HighsModelStatus.kOptimal
        and info.objective_function_value - info.mip_dual_bound <= ABSOLUTE_GAP
    )
    if found:
        columns = highs.getSolution().col_value
        values = {
            var.name: round(columns[var.index]) for var in mip.built.variables.decision_vars()
        }
        raw = {
            stage: sum(coef * round(columns[v.index]) for v, coef in found_objective.terms)
            for stage, found_objective, _ in mip.tiers
        }
        objective = {stage.value: float(o.value(raw[stage])) for stage, o, _ in mip.tiers}
        bound = dict(objective) if optimal else _bounds(mip, raw, info.mip_dual_bound)
    seconds = round(time.monotonic() - started, 3)
    gap = None
    if found and Stage.MONEY.value in bound:
        last = objective[Stage.MONEY.value]
        gap = abs(last - bound[Stage.MONEY.value]) / max(1.0, abs(last))
    plan_status = (
        SolveStatus.OPTIMAL
        if optimal and found
        else (SolveStatus.FEASIBLE if found else SolveStatus.UNKNOWN)
    )
    stages = [
        {
            "name": stage,
            "status": plan_status if found else SolveStatus.UNKNOWN,
            "seconds": seconds if stage == Stage.MONEY else round(built, 3),
            "objective": objective.get(stage.value),
            "bound": bound.get(stage.value),
            "gap": None,
        }
        for stage, _, _ in mip.tiers
    ]
    enrollments, classes = plan_rows(scenario, mip.built.variables, values)
    changes = change_list(scenario, tuple(enrollments)) if values is not None else ()
    solver = SolverInfo(
        status=plan_status,
        objective=objective,
        bound=bound,
        gap=gap,
        seconds=seconds,
        seed=options.seed,
        workers=1,
        time_limit=options.time_limit,
        interrupted=interrupted,
        reproducible=optimal and found and relative_gap == 0 and not interrupted,
        parameters={
            "engine": "highs",
            "build_seconds": round(built, 3),
            "highs_version": metadata.version("highspy"),
            "threads": 1,
            "random_seed": options.seed,
            "objective": " + ".join(f"{w} x {stage}" for stage, _, w in mip.tiers),
            "max_time_in_seconds": options.time_limit,
        },
        ortools_version="",
        input_hash=input_hash(scenario),
        stages=stages,
    )
    return Plan(tuple(enrollments), tuple(classes), solver, changes)
