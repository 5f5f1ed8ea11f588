"""Why a target is missed and what would meet it (``trainplan explain``).

Each target is solved alone: the other targets are set aside, every hard rule and require pin
is kept. On a copy of the model built to explain (``PlanModel(explain=True)``: each capacity
limit enforced by a literal of its own), ``Diagnoser.target`` asks, in this order:

1. **best**: the most of the target's population any valid plan qualifies (its count maximised,
   every limit enforced);
2. **without limits**: the same with no capacity limit at all, the data's own ceiling;
3. when best < required <= without limits, the **capacity limits that bind**: a core of the
   limits that cannot all hold with the target met, made minimal by deletion (drop any one of
   them and the rest can hold with it); then, with those set aside, the next such set, until
   the rest can all hold. For each limit found, the least it must allow with every other limit
   kept (what it bounds, minimised) is a fix; if no single limit suffices, one fix of all of
   them together (their excess minimised);
4. when required > without limits, the **structural reasons**, official by official: no course
   grants the level, every course ends after the target year, a prerequisite, retirement or
   leaving, the service obligation, age, a forbid pin;
5. a later **deadline** within the horizon, when one meets the target.

Every fix is applied to the scenario and solved again: only fixes that meet the target are
given. ``hard_conflicts`` finds, for hard rules that leave no plan at all, a minimal set of them
(hard targets, require pins, capacity limits) that cannot all hold.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from ortools.sat.python import cp_model

from trainplan.models.explanation import Fix, Limit, TargetExplanation
from trainplan.models.message import Message
from trainplan.models.plan import SolveStatus
from trainplan.models.scenario import Scenario, Target, as_fraction
from trainplan.models.whatif import VaryError, with_setting
from trainplan.solver import parameters
from trainplan.solver.explain import Conflict, Explanation
from trainplan.solver.model import PlanModel
from trainplan.solver.parameters import SolveOptions
from trainplan.solver.reasons import structural
from trainplan.solver.variables import TargetCount

FOUND = (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)
PROBE_SECONDS = 60.0
"""Each question's time when the caller sets no limit."""
LAYERS = 8
"""Sets of binding limits looked for one behind the other (each set relaxed, the next one
found), so that a fix can move all the limits in the way."""
RATIO = 10_000
"""A limit's needed value as a share of its bound is found to 1 / RATIO."""
SHARE_STEP = Fraction(1, 1000)
"""A share (max_away_share) suggested by a fix is rounded up to this."""


@dataclass
class _Probe:
    """One target's model, built to explain: require pins on, other targets set aside."""

    built: PlanModel
    count: TargetCount
    limits: list[tuple[cp_model.IntVar, Message]]

    @property
    def model(self) -> cp_model.CpModel:
        return self.built.model

    def enforce(self, keep: Callable[[int], bool] = lambda _: True) -> None:
        """Enforce the limits whose position ``keep`` accepts (the others are dropped)."""
        for position, (literal, _) in enumerate(self.limits):
            if keep(position):
                self.model.add(literal == 1)


def _probe(scenario: Scenario, target: Target, floors: Mapping[str, int]) -> _Probe:
    """``target``'s model; each other target in ``floors`` keeps at least that many."""
    built = PlanModel(scenario, explain=True)
    for literal in built.constraints.pin_literals.values():
        built.model.add(literal == 1)
    for literal in built.constraints.successor_literals.values():
        built.model.add(literal == 1)
    for other in scenario.settings.targets:
        if other.id != target.id and floors.get(other.id, 0) > 0:
            held = built.variables.target_count(other)
            built.model.add(held.expression >= floors[other.id])
    count = built.variables.target_count(target)
    return _Probe(built, count, list(built.constraints.rule_literals))


def _setting_of(message: Message) -> str:
    """The setting a capacity limit's fix moves (as ``Diagnoser._fix`` names it)."""
    kind, params = message.key.split(".", 1)[1], message.params
    year = params.get("year")
    return {
        "seats": f"offerings.{params.get('course')}.{year}.seats",
        "classes": f"offerings.{params.get('course')}.{year}.classes",
        "lecturer_hours": f"lecturers.{params.get('lecturer')}.hours_per_year",
        "budget_year": "budget.per_year",
        "budget_total": "budget.total",
        "personal_days": f"continuity.years.{year}.max_personal_days",
        "leaders_away": f"continuity.years.{year}.max_leaders_away",
        "unit_away": f"continuity.years.{year}.max_away_share",
    }.get(kind, message.key)


class Diagnoser:
    """Answers ``trainplan explain``'s questions about one scenario."""

    def __init__(
        self,
        scenario: Scenario,
        options: SolveOptions,
        said: Callable[[Message], None] | None = None,
        in_plan: Mapping[str, int] | None = None,
    ) -> None:
        self.scenario = scenario
        self.options = options
        self.said = said or (lambda _: None)
        self.seconds = options.time_limit or PROBE_SECONDS
        self.in_plan = dict(in_plan or {})
        """Qualified per target in the best plan for all targets, when known: a target that
        can be met alone but not there competes with the others, and is explained with each
        other target held where that plan has it."""
        self.floors: dict[str, int] = {}
        """The other targets' floors while one target is explained (empty: set aside)."""

    # ------------------------------------------------------------ searches

    def _solve(
        self, model: cp_model.CpModel, *, single: bool = False, repeatable: bool = False
    ) -> tuple[SolveStatus, cp_model.CpSolver]:
        """``single``: a core search; ``repeatable``: a search whose answer is one of several
        equally good ones, made single-threaded so that the same seed gives the same one."""
        if single:
            solver = parameters.explain_solver(self.options)
        elif repeatable:
            solver = parameters.reproduce_solver(self.options, self.seconds)
        else:
            solver = parameters.probe_solver(self.options, self.seconds)
        if self.options.stop.is_set():
            return SolveStatus.UNKNOWN, solver
        status = SolveStatus(solver.status_name(solver.solve(model)))
        return status, solver

    def most(
        self, scenario: Scenario, target: Target, *, limits: bool = True
    ) -> tuple[int, bool, _Probe, cp_model.CpSolver | None]:
        """The most of ``target``'s population a valid plan of ``scenario`` qualifies, and
        whether that is proven; with ``limits=False``, with no capacity limit."""
        probe = _probe(scenario, target, self.floors)
        if limits:
            probe.enforce()
        probe.model.maximize(probe.count.expression)
        status, solver = self._solve(probe.model)
        if status not in FOUND:
            return probe.count.constant, False, probe, None
        return round(solver.objective_value), status == SolveStatus.OPTIMAL, probe, solver

    def meets(self, scenario: Scenario, target: Target) -> int | None:
        """What ``scenario`` reaches for ``target`` if that meets it, else None."""
        best, _, _, _ = self.most(scenario, target)
        return best if best >= scenario.required(target) else None

    def _infeasible(self, probe: _Probe, assumed: Sequence[int]) -> bool | None:
        """Whether the limits at positions ``assumed`` cannot all hold with the target met
        (None: not decided in time)."""
        model = probe.model
        model.clear_assumptions()
        model.add_assumptions([probe.limits[p][0] for p in assumed])
        status, _ = self._solve(model, single=True)
        if status == SolveStatus.INFEASIBLE:
            return True
        return False if status in FOUND else None

    def binding(
        self, scenario: Scenario, target: Target, required: int, dropped: Sequence[int] = ()
    ) -> list[int]:
        """A minimal set of limits (positions) that cannot all hold with ``required`` met, the
        limits at ``dropped`` set aside; [] when the others can all hold."""
        probe = _probe(scenario, target, self.floors)
        probe.model.add(probe.count.expression >= required)
        everything = [p for p in range(len(probe.limits)) if p not in dropped]
        probe.model.add_assumptions([probe.limits[p][0] for p in everything])
        status, solver = self._solve(probe.model, single=True)
        if status != SolveStatus.INFEASIBLE:
            return []
        position = {literal.index: p for p, (literal, _) in enumerate(probe.limits)}
        core = sorted(
            position[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in position
        )
        core = core or everything
        for candidate in list(core):
            trial = [p for p in core if p != candidate]
            if self._infeasible(probe, trial):
                core = trial
        return core

    def least(
        self,
        scenario: Scenario,
        target: Target,
        required: int,
        free: Sequence[int],
        *,
        one_setting: bool = False,
    ) -> dict[int, int] | None:
        """For the limits at positions ``free`` (the others kept): the least value each must
        allow for ``required`` to be met, in its own units, or None if no value will do.

        One limit: what it bounds, minimised. ``one_setting`` (limits one setting moves
        together: a yearly budget in several years, several units' days in one year): the
        largest of them as a share of its bound, minimised. Else the excess of each over its
        bound, each as a share of its bound, summed and minimised."""
        probe = _probe(scenario, target, self.floors)
        probe.enforce(lambda p: p not in free)
        probe.model.add(probe.count.expression >= required)
        usages = probe.built.constraints.usages
        found = [(p, usages[probe.limits[p][0].index]) for p in free]
        model = probe.model
        if len(found) == 1:
            model.minimize(found[0][1].expression)
        elif one_setting:  # ratio / RATIO of every bound suffices
            ratio = model.new_int_var(0, RATIO * 10**6, "ratio")
            for _, usage in found:
                model.add(usage.expression * RATIO <= ratio * max(usage.bound, 1))
            model.minimize(ratio)
        else:
            biggest = max(max(usage.bound, 1) for _, usage in found)
            excess = []
            for p, usage in found:
                weight = max(1, biggest // max(usage.bound, 1))
                most = 2**60 // (weight * len(found))  # the sum stays within 64 bits
                over = model.new_int_var(0, most, f"over_{p}")
                model.add(over >= usage.expression - usage.bound)
                excess.append(over * weight)
            model.minimize(sum(excess))
        status, solver = self._solve(model, repeatable=len(found) > 1)
        if status not in FOUND:
            return None
        return {
            p: math.ceil(Fraction(solver.value(usage.expression), usage.divisor))
            for p, usage in found
        }

    # ------------------------------------------------------------ fixes

    def _fix(
        self, scenario: Scenario, message: Message, needed: int
    ) -> tuple[Scenario, str, int | float, int | float] | None:
        """``scenario`` with ``message``'s limit raised to allow ``needed``: (edited scenario,
        setting, new value, old value), or None for a limit no setting moves."""
        kind, params = message.key.split(".", 1)[1], message.params
        setting = _setting_of(message)
        value: int | float
        was_of = {
            "seats": "seats",
            "classes": "classes",
            "lecturer_hours": "hours",
            "budget_year": "limit",
            "budget_total": "limit",
            "personal_days": "limit",
            "leaders_away": "limit",
        }
        if kind == "unit_away":  # days a unit may spare = share x working days x staff
            share = as_fraction(scenario.settings.continuity.rules(params["year"]).max_away_share)
            exact = share * needed / Fraction(params["limit"]).limit_denominator(10**6)
            value = float(math.ceil(exact / SHARE_STEP) * SHARE_STEP)
            if value > 1:
                return None
            try:
                return with_setting(scenario, setting, value), setting, value, float(share)
            except VaryError:
                return None
        if kind not in was_of:  # class sizes: no single number to move
            return None
        was = params[was_of[kind]]
        if needed <= was:
            return None
        try:
            return with_setting(scenario, setting, needed), setting, needed, was
        except VaryError:
            return None

    def fixes(
        self, scenario: Scenario, target: Target, required: int, core: list[int], probe: _Probe
    ) -> list[Fix]:
        """The fixes of the binding limits ``core``: each alone, else all together; each
        verified by solving the changed scenario."""
        messages = [probe.limits[p][1] for p in core]
        usable = [p for p, m in zip(core, messages, strict=True) if m.key != "limit.class_size"]
        found: list[Fix] = []
        by_setting: dict[str, list[int]] = {}
        for position in usable:
            by_setting.setdefault(_setting_of(probe.limits[position][1]), []).append(position)
        for positions in by_setting.values():
            least = self.least(scenario, target, required, positions, one_setting=True)
            if least is None:
                continue
            moves = [(probe.limits[p][1], least[p]) for p in positions]
            fix = self._verified(scenario, target, moves)
            if fix is not None:
                found.append(fix)
        if found or len(by_setting) < 2:
            return found
        least = self.least(scenario, target, required, usable)
        if least is None:
            return []
        moves = [(probe.limits[p][1], least[p]) for p in usable if least[p] > 0]
        fix = self._verified(scenario, target, moves)
        return [fix] if fix is not None else []

    def _verified(
        self, scenario: Scenario, target: Target, moves: list[tuple[Message, int]]
    ) -> Fix | None:
        """The fix making all ``moves`` (limit, least value) at once, if it meets the target.
        Limits moved by one setting (a yearly budget binding in several years, the days of
        several units in one year) move it once, as far as the furthest of them needs."""
        chosen: dict[str, tuple[Message, int | float, int | float]] = {}
        for message, needed in moves:
            changed = self._fix(scenario, message, needed)
            if changed is None:
                continue
            _, setting, value, was = changed
            if setting not in chosen or value > chosen[setting][1]:
                chosen[setting] = (message, value, was)
        edited = scenario
        made: list[Fix] = []
        for setting, (message, value, was) in sorted(chosen.items()):
            edited = with_setting(edited, setting, value)
            kind = message.key.split(".", 1)[1]
            params = {k: v for k, v in message.params.items() if k not in ("limit",)}
            words = Message(f"explain.fix.{kind}", **params, value=value, was=was)
            made.append(Fix(kind, words, setting, value, was, 0))
        if not made:
            return None
        best = self.meets(edited, target)
        if best is None:
            return None
        first, *rest = made
        return replace(first, best=best, together=tuple(replace(f, best=best) for f in rest))

    def deadline(self, scenario: Scenario, target: Target) -> Fix | None:
        """The first later year within the horizon by which the target would be met."""
        last = scenario.settings.horizon[1]
        setting = f"targets.{target.id}.year"  # as sweep names it
        for year in range(target.year + 1, last + 1):
            edited = with_setting(scenario, setting, year)
            moved = edited.settings.targets[scenario.settings.targets.index(target)]
            self.said(Message("explain.progress.deadline", target=target.id, year=year))
            best = self.meets(edited, moved)
            if best is not None:
                required = edited.required(moved)
                words = Message(
                    "explain.fix.deadline",
                    target=target.id,
                    value=year,
                    was=target.year,
                    required=required,
                )
                return Fix("deadline", words, setting, year, target.year, best)
        return None

    # ------------------------------------------------------------ one target

    def target(self, target: Target) -> TargetExplanation:
        """Everything ``explain`` says about one target."""
        scenario = self.scenario
        required = scenario.required(target)
        population = len(scenario.population(target))
        self.said(Message("explain.progress.best", target=target.id))
        best, proven, probe, _ = self.most(scenario, target)
        self.said(Message("explain.progress.ceiling", target=target.id))
        ceiling, _, loose, loose_solver = self.most(scenario, target, limits=False)
        found = TargetExplanation(
            target.id, target.year, required, population, best, proven, target.hard, ceiling
        )
        if best >= required:
            if self.in_plan.get(target.id, required) >= required:
                return found
            return self._competing(target, found)
        return self._explained(target, found, probe, loose, loose_solver)

    def _competing(self, target: Target, alone: TargetExplanation) -> TargetExplanation:
        """A target met alone but not in the best plan for all: explained again with every
        other target held where that plan has it."""
        self.floors = {k: v for k, v in self.in_plan.items() if k != target.id}
        try:
            self.said(Message("explain.progress.together", target=target.id))
            best, proven, probe, _ = self.most(self.scenario, target)
            _, _, loose, loose_solver = self.most(self.scenario, target, limits=False)
            held = replace(alone, best_together=best, proven=alone.proven and proven)
            if best >= alone.required:
                return held
            found = self._explained(target, held, probe, loose, loose_solver)
            return replace(found, without_limits=alone.without_limits)
        finally:
            self.floors = {}

    def _explained(
        self,
        target: Target,
        found: TargetExplanation,
        probe: _Probe,
        loose: _Probe,
        loose_solver: cp_model.CpSolver | None,
    ) -> TargetExplanation:
        """``found`` with what stops more and what would meet it."""
        scenario, required = self.scenario, found.required
        best = found.best_qualified if found.best_together is None else found.best_together
        ceiling = found.without_limits
        if found.best_together is not None:
            ceiling = round(loose_solver.objective_value) if loose_solver is not None else 0
        if best >= required:
            return found
        limits: list[Limit] = []
        fixes: list[Fix] = []
        if ceiling < required:
            limits = structural(scenario, target, loose.built.variables, loose_solver)
        else:
            self.said(Message("explain.progress.limits", target=target.id))
            core: list[int] = []
            for _ in range(LAYERS):  # past one set of binding limits, the next may bind
                layer = self.binding(scenario, target, required, core)
                if not layer:
                    break
                core += layer
            for position in core:
                message = probe.limits[position][1]
                kind = message.key.split(".", 1)[1]
                facts = {k: v for k, v in message.params.items()}
                limits.append(Limit(kind, message, facts))
            self.said(Message("explain.progress.fixes", target=target.id))
            fixes = self.fixes(scenario, target, required, core, probe)
        later = self.deadline(scenario, target)
        if later is not None:
            fixes.append(later)
        return replace(found, limits=tuple(limits), fixes=tuple(fixes))

    def targets(
        self, only: str | None = None, *, only_ids: set[str] | None = None
    ) -> list[TargetExplanation]:
        """The targets explained, in the scenario's order: all, ``only`` that one, or those
        in ``only_ids``."""
        return [
            self.target(target)
            for target in self.scenario.settings.targets
            if (only is None or target.id == only) and (only_ids is None or target.id in only_ids)
        ]


def hard_conflicts(scenario: Scenario, options: SolveOptions) -> list[Conflict]:
    """A minimal set of hard rules (hard targets, require pins, capacity limits) that cannot
    all hold (any one of them dropped, the rest can); [] when the hard rules leave a plan."""
    explanation = Explanation(scenario)

    def search(model: cp_model.CpModel) -> SolveStatus:
        solver = parameters.explain_solver(options)
        return SolveStatus(solver.status_name(solver.solve(model)))

    solver = parameters.explain_solver(options)
    status = SolveStatus(solver.status_name(solver.solve(explanation.model)))
    if status in FOUND:
        return []
    return explanation.minimal(explanation.conflicts(solver, status), search)
