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
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from ortools.sat.python import cp_model

from trainplan.models.explanation import Fix, Limit, TargetExplanation
from trainplan.models.message import Message
from trainplan.models.plan import SolveStatus
from trainplan.models.scenario import Official, Scenario, Settings, Target, as_fraction
from trainplan.models.whatif import VaryError, with_setting
from trainplan.solver import parameters
from trainplan.solver.candidates import Facts, exclusion
from trainplan.solver.explain import Conflict, Explanation
from trainplan.solver.model import PlanModel
from trainplan.solver.parameters import SolveOptions
from trainplan.solver.variables import TargetCount

FOUND = (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)
PROBE_SECONDS = 60.0
"""Each question's time when the caller sets no limit."""
EXAMPLES = 5
"""Officials named for a structural reason (the JSON lists them all)."""
LAYERS = 8
"""Sets of binding limits looked for one behind the other (each set relaxed, the next one
found), so that a fix can move all the limits in the way."""
SHARE_STEP = Fraction(1, 1000)
"""A share (max_away_share) suggested by a fix is rounded up to this."""

KIND_OF = {
    "why.offering": "time",
    "why.horizon": "time",
    "why.joins": "time",
    "why.prerequisite": "prerequisite",
    "why.retirement": "retirement",
    "why.leaves": "retirement",
    "why.obligation": "obligation",
    "why.max_age": "age",
    "why.pin_forbid": "eligibility",
    "why.level": "eligibility",
    "why.personal_days": "personal_days",
    "why.leaders_away": "leaders_away",
}
"""The structural kind of each reason a candidate enrollment is ruled out for."""
ORDER = ("eligibility", "time", "prerequisite", "retirement", "obligation", "age")


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


def _probe(scenario: Scenario, target: Target) -> _Probe:
    built = PlanModel(scenario, explain=True)
    for literal in built.constraints.pin_literals.values():
        built.model.add(literal == 1)
    count = built.variables.target_count(target)
    return _Probe(built, count, list(built.constraints.rule_literals))


def required_of(scenario: Scenario, target: Target) -> int:
    return math.ceil(as_fraction(target.share) * len(scenario.population(target)))


class Diagnoser:
    """Answers ``trainplan explain``'s questions about one scenario."""

    def __init__(
        self,
        scenario: Scenario,
        options: SolveOptions,
        said: Callable[[Message], None] | None = None,
    ) -> None:
        self.scenario = scenario
        self.options = options
        self.said = said or (lambda _: None)
        self.seconds = options.time_limit or PROBE_SECONDS

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
        probe = _probe(scenario, target)
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
        return best if best >= required_of(scenario, target) else None

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
        probe = _probe(scenario, target)
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
        self, scenario: Scenario, target: Target, required: int, free: Sequence[int]
    ) -> dict[int, int] | None:
        """For the limits at positions ``free`` (the others kept): the least value each must
        allow for ``required`` to be met, in its own units, or None if no value will do."""
        probe = _probe(scenario, target)
        probe.enforce(lambda p: p not in free)
        probe.model.add(probe.count.expression >= required)
        usages = probe.built.constraints.usages
        found = [(p, usages[probe.limits[p][0].index]) for p in free]
        if len(found) == 1:
            probe.model.minimize(found[0][1].expression)
        else:  # the excess of each over its bound, each as a share of its bound
            biggest = max(max(usage.bound, 1) for _, usage in found)
            excess = []
            for p, usage in found:
                weight = max(1, biggest // max(usage.bound, 1))
                most = 2**60 // (weight * len(found))  # the sum stays within 64 bits
                over = probe.model.new_int_var(0, most, f"over_{p}")
                probe.model.add(over >= usage.expression - usage.bound)
                excess.append(over * weight)
            probe.model.minimize(sum(excess))
        status, solver = self._solve(probe.model, repeatable=len(found) > 1)
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
        year = params.get("year")
        value: int | float
        if kind == "seats":
            setting, was = f"offerings.{params['course']}.{year}.seats", params["seats"]
        elif kind == "classes":
            setting, was = f"offerings.{params['course']}.{year}.classes", params["classes"]
        elif kind == "lecturer_hours":
            setting, was = f"lecturers.{params['lecturer']}.hours_per_year", params["hours"]
        elif kind == "budget_year":
            setting, was = "budget.per_year", params["limit"]
        elif kind == "budget_total":
            setting, was = "budget.total", params["limit"]
        elif kind == "personal_days":
            setting, was = f"continuity.years.{year}.max_personal_days", params["limit"]
        elif kind == "leaders_away":
            setting, was = f"continuity.years.{year}.max_leaders_away", params["limit"]
        elif kind == "unit_away":  # days a unit may spare = share x working days x staff
            setting = f"continuity.years.{year}.max_away_share"
            share = as_fraction(scenario.settings.continuity.rules(params["year"]).max_away_share)
            exact = share * needed / Fraction(params["limit"]).limit_denominator(10**6)
            value = float(math.ceil(exact / SHARE_STEP) * SHARE_STEP)
            if value > 1:
                return None
            was = float(share)
            try:
                return with_setting(scenario, setting, value), setting, value, was
            except VaryError:
                return None
        else:  # class sizes: no single number to move
            return None
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
        for position in usable:
            least = self.least(scenario, target, required, [position])
            if least is None:
                continue
            fix = self._verified(scenario, target, [(probe.limits[position][1], least[position])])
            if fix is not None:
                found.append(fix)
        if found or len(usable) < 2:
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
        edited = scenario
        made: list[Fix] = []
        for message, needed in moves:
            changed = self._fix(edited, message, needed)
            if changed is None:
                continue
            edited, setting, value, was = changed
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
        for year in range(target.year + 1, last + 1):
            data = scenario.settings.model_dump()
            for found in data["targets"]:
                if found["id"] == target.id:
                    found["year"] = year
            edited = scenario.model_copy(update={"settings": Settings.model_validate(data)})
            moved = edited.settings.targets[scenario.settings.targets.index(target)]
            self.said(Message("explain.progress.deadline", target=target.id, year=year))
            best = self.meets(edited, moved)
            if best is not None:
                required = required_of(edited, moved)
                words = Message(
                    "explain.fix.deadline",
                    target=target.id,
                    value=year,
                    was=target.year,
                    required=required,
                )
                return Fix("deadline", words, f"targets.{target.id}.year", year, target.year, best)
        return None

    # ------------------------------------------------------------ reasons

    def structural(
        self, scenario: Scenario, target: Target, probe: _Probe, solver: cp_model.CpSolver | None
    ) -> list[Limit]:
        """Why the officials no plan can qualify (even without capacity limits) cannot."""
        facts = Facts.of(scenario)
        variables = probe.built.variables
        by_kind: dict[str, list[str]] = {}
        details: dict[str, Counter[str]] = {}
        for official in scenario.population(target):
            needs = scenario.required_levels(target, official)
            value = variables.qualified_literal(official.official_id, needs, target.year)
            if isinstance(value, int):
                if value == 1:
                    continue
            elif solver is not None and solver.value(value):
                continue
            kind, detail = self._reason(facts, official, needs, target)
            by_kind.setdefault(kind, []).append(official.official_id)
            details.setdefault(kind, Counter())[detail] += 1
        found = []
        for kind in sorted(by_kind, key=lambda k: ORDER.index(k) if k in ORDER else len(ORDER)):
            ids = by_kind[kind]
            detail = details[kind].most_common(1)[0][0]
            words = Message(
                f"explain.structural.{kind}",
                n=len(ids),
                examples=", ".join(ids[:EXAMPLES]) + (", …" if len(ids) > EXAMPLES else ""),
                detail=detail,
                year=target.year,
            )
            found.append(Limit(kind, words, {"officials": len(ids), "official_ids": ids}))
        return found

    def _reason(
        self, facts: Facts, official: Official, needs: dict[str, int], target: Target
    ) -> tuple[str, str]:
        """(kind, the track or course it concerns) of why ``official`` cannot qualify."""
        scenario = facts.scenario
        for track, rank in needs.items():
            if scenario.rank(track, official.levels[track]) >= rank:
                continue
            courses = [
                c
                for c in scenario.courses
                if c.track == track and scenario.rank(track, c.grants) >= rank
            ]
            level = scenario.settings.tracks[track][rank]
            if not courses:
                return "eligibility", level
            in_time = [
                (course, offering.year)
                for course in courses
                for offering in scenario.offerings
                if offering.course_id == course.course_id
                and course.end_year(offering.year) <= target.year
            ]
            if not in_time:
                return "time", level
            kinds: Counter[str] = Counter()
            for course, start in in_time:
                why = exclusion(facts, official, course, start)
                kinds[KIND_OF.get(why.key, "eligibility") if why else "prerequisite"] += 1
            kind = max(kinds, key=lambda k: (kinds[k], -ORDER.index(k) if k in ORDER else -99))
            return kind, level
        return "prerequisite", ""

    # ------------------------------------------------------------ one target

    def target(self, target: Target) -> TargetExplanation:
        """Everything ``explain`` says about one target."""
        scenario = self.scenario
        required = required_of(scenario, target)
        population = len(scenario.population(target))
        self.said(Message("explain.progress.best", target=target.id))
        best, proven, probe, _ = self.most(scenario, target)
        self.said(Message("explain.progress.ceiling", target=target.id))
        ceiling, _, loose, loose_solver = self.most(scenario, target, limits=False)
        found = TargetExplanation(
            target.id, target.year, required, population, best, proven, target.hard, ceiling
        )
        if best >= required:
            return found
        limits: list[Limit] = []
        fixes: list[Fix] = []
        if ceiling < required:
            limits = self.structural(scenario, target, loose, loose_solver)
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

    def targets(self, only: str | None = None) -> list[TargetExplanation]:
        return [
            self.target(target)
            for target in self.scenario.settings.targets
            if only is None or target.id == only
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
