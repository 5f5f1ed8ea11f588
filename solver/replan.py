"""Re-planning in the model: history fixed, the years that are over left alone, changes counted.

``PlanModel`` uses ``ReplanConstraints`` instead of ``Constraints`` when the scenario carries a
``Replan`` (``trainplan.models.history``):

- every history enrollment that stays (completed, in progress) is a variable fixed to 1
  (``candidates`` gives it one whatever the pruning rules say now) and the classes of the
  years that are over keep the baseline's count and lecturers (``fix_history``), so that
  every rule counts their seats, money, days away and lecturers' hours in the years to come;
- the per-enrollment rules (``level``, ``prerequisite``) are not asked of history, and the
  capacity limits, class hours and hard targets of the years that are over are not enforced
  again;
- ``budget_total`` also counts what dropped and failed courses spent;
- ``changes`` is the objective of the ``changes`` stage: baseline enrollments not kept in
  their year plus enrollments of a course the baseline does not give the official.

``change_list`` says, after the search, what changed and why.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from fractions import Fraction
from typing import Any

from ortools.sat.python import cp_model

from trainplan.models.history import ChangeKind, Replan, Status
from trainplan.models.message import Message
from trainplan.models.plan import Change, Enrollment
from trainplan.models.scenario import Scenario, Target
from trainplan.solver.candidates import Facts, exclusion
from trainplan.solver.constraints import Constraints
from trainplan.solver.objectives import Objective, cost_terms, integer_terms
from trainplan.solver.variables import TargetCount, Variables


def dropped_spent(
    scenario: Scenario, replan: Replan, units: frozenset[str] | None = None
) -> Fraction:
    """What dropped and failed courses spent: the learner's cost over the years it spanned
    before the as-of year; with ``units``, only their officials' (a scope's own budget)."""
    spent = Fraction(0)
    for row in replan.history:
        course = scenario.course_by_id.get(row.course_id)
        if row.status.stays or course is None:
            continue
        official = scenario.official_by_id.get(row.official_id)
        if official is not None and scenario.payer(official, course) != "budget":
            continue  # the learner or another source paid
        if units is not None and (official is None or official.unit_id not in units):
            continue
        over = sum(1 for year in course.years(row.start_year) if replan.past(year))
        spent += Fraction(course.cost_per_learner * over, course.span)
    return spent


class ReplanConstraints(Constraints):
    """``Constraints`` for a re-plan: what is over is not decided again."""

    def __init__(
        self, model: cp_model.CpModel, scenario: Scenario, variables: Variables, *, explain: bool
    ) -> None:
        super().__init__(model, scenario, variables, explain=explain)
        assert scenario.replan is not None
        self.replan = scenario.replan
        self.never = model.new_constant(0)
        """Enforces a limit of a year that is over: never."""

    def _limit(self, constraints: list[cp_model.Constraint], reason: Message, *args: Any) -> None:
        """Caps of years that are over no longer bind; whole-horizon totals (the budget's, a
        scope's) count what dropped and failed courses already spent."""
        year = reason.params.get("year")
        period = str(reason.params.get("period", ""))
        if reason.key == "limit.budget_scope" and period.isdigit():
            year = int(period)  # a scope's yearly cap: over, like the budget's, when past
        if reason.key == "limit.budget_total":
            total = self.scenario.settings.budget.total
            units, terms = None, cost_terms(self.scenario, self.variables)
        elif reason.key == "limit.budget_scope" and not period.isdigit():
            scope = str(reason.params["scope"])
            total = self.scenario.settings.budget.scopes[scope].total
            units = self.scenario.scope_units.get(scope, frozenset())
            terms = self._scope_cost_terms(units)
        elif isinstance(year, int) and self.replan.past(year):
            for constraint in constraints:
                constraint.only_enforce_if(self.never)
            return
        else:
            super()._limit(constraints, reason, *args)
            return
        for constraint in constraints:  # replaced by the same total with the history's spending
            constraint.only_enforce_if(self.never)
        assert total is not None
        spent = dropped_spent(self.scenario, self.replan, units)
        expression = sum(var * cost * spent.denominator for var, cost, _, _ in terms if cost)
        limit = total * spent.denominator - spent.numerator
        super()._limit([self.model.add(expression <= limit)], reason, *args)

    def level(self) -> None:
        """``Constraints.level`` for enrollments still to come; history happened."""
        for key, var in self.variables.enroll.items():
            if key not in self.replan.kept:
                self._level_of(key, var)

    def prerequisite(self) -> None:
        """``Constraints.prerequisite`` for enrollments still to come; history happened."""
        scenario, kept = self.scenario, self.replan.kept
        for key, var in self.variables.enroll.items():
            if key in kept:
                continue
            official_id, course_id, start = key
            official = scenario.official_by_id[official_id]
            for requirement in scenario.course_by_id[course_id].requires:
                needed = scenario.rank(requirement.track, requirement.level)
                if scenario.rank(requirement.track, official.levels[requirement.track]) >= needed:
                    continue
                providers = self.variables.ends_by(
                    official_id, requirement.track, needed, start - 1
                )
                self.model.add_bool_or([var.Not(), *providers])

    def class_hours(self) -> None:
        """``Constraints.class_hours`` for classes still to open: a class of a year that is
        over keeps the baseline's lecturers (``fix_history``), whoever may teach it today."""
        by_offering: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
        for (_, course_id, year), var in self.variables.hours.items():
            by_offering[(course_id, year)].append(var)
        for (course_id, year), classes in self.variables.classes_open.items():
            if self.replan.past(year):
                continue
            needed = (self.scenario.course_by_id[course_id].lecturer_hours or 0) * classes
            self.model.add(sum(by_offering.get((course_id, year), [])) == needed)

    def hard_target(self, target: Target, count: TargetCount) -> None:
        """A hard target of a year that is over is what history made it."""
        if not self.replan.past(target.year):
            super().hard_target(target, count)


def fix_history(model: cp_model.CpModel, scenario: Scenario, variables: Variables) -> None:
    """History enrollments that stay are in the plan; the classes of the years that are over
    keep the baseline's count and lecturers' hours (none if no learner stayed)."""
    replan = scenario.replan
    assert replan is not None
    for key in sorted(replan.kept):
        var = variables.enroll.get(key)
        if var is not None:
            model.add(var == 1)
    opened: dict[tuple[str, int], set[int]] = defaultdict(set)
    taught: Counter[tuple[str, str, int]] = Counter()
    for row in replan.classes:
        opened[(row.course_id, row.year)].add(row.class_no)
        taught[(row.lecturer_id, row.course_id, row.year)] += row.hours
    for (course_id, year), var in variables.classes_open.items():
        if not replan.past(year):
            continue
        learners = len(variables.by_offering.get((course_id, year), ()))
        model.add(var == (len(opened[(course_id, year)]) if learners else 0))
    for (lecturer_id, course_id, year), var in variables.hours.items():
        if replan.past(year):
            stayed = bool(variables.by_offering.get((course_id, year)))
            model.add(var == (taught[(lecturer_id, course_id, year)] if stayed else 0))


def changes(model: cp_model.CpModel, scenario: Scenario, variables: Variables) -> Objective:
    """The number of changes to the baseline still to decide: each baseline enrollment to
    come that is not planned in its year, each enrollment planned for a course the baseline
    does not give the official in the years to come (a move counts once)."""
    replan = scenario.replan
    assert replan is not None
    future = replan.future
    pairs = {(row.official_id, row.course_id) for row in future}
    terms: list[tuple[cp_model.IntVar, Fraction]] = []
    impossible = 0
    for row in future:
        var = variables.enroll.get(row.key)
        if var is None:
            impossible += 1
            continue
        changed = model.new_bool_var(f"changed_{row.official_id}_{row.course_id}")
        model.add(changed + var == 1)
        terms.append((changed, Fraction(1)))
    for key, var in variables.enroll.items():
        if not replan.past(key[2]) and (key[0], key[1]) not in pairs:
            terms.append((var, Fraction(1)))
    if impossible:
        terms.append((model.new_constant(1), Fraction(impossible)))
    return integer_terms(terms)


def priced(money: Objective, counted: Objective, value: int) -> Objective:
    """Money plus ``value`` VND per change: changes then weigh together with money."""
    terms = [(var, Fraction(coef) / money.scale) for var, coef in money.terms]
    terms += [(var, Fraction(coef * value) / counted.scale) for var, coef in counted.terms]
    return integer_terms(terms)


def change_list(scenario: Scenario, enrollments: tuple[Enrollment, ...]) -> tuple[Change, ...]:
    """Every difference of the plan from the baseline, with its reason."""
    replan = scenario.replan
    if replan is None:
        return ()
    facts = Facts.of(scenario)
    found: list[Change] = []
    history = {(row.official_id, row.course_id): row for row in replan.history}
    for row in replan.baseline:  # what happened before the as-of year
        if not replan.past(row.start_year):
            continue
        past = history.get((row.official_id, row.course_id))
        if past is None:
            found.append(_change(row.key, None, ChangeKind.REMOVED, Message("change.gone")))
        elif past.start_year != row.start_year:
            kind = ChangeKind.MOVED if past.status.stays else ChangeKind.REMOVED
            after = past.start_year if past.status.stays else None
            found.append(_change(row.key, after, kind, _happened(past.status, past.start_year)))
        elif not past.status.stays:
            found.append(_change(row.key, None, ChangeKind.REMOVED, _happened(past.status)))
    baseline_pairs = {(row.official_id, row.course_id) for row in replan.baseline}
    for past in replan.history:
        if (past.official_id, past.course_id) not in baseline_pairs:
            after = past.start_year if past.status.stays else None
            message = _happened(past.status, past.start_year)
            found.append(_change((past.official_id, past.course_id, 0), after, None, message))
    planned = {(e.official_id, e.course_id): e.start_year for e in enrollments}
    future_pairs = {(row.official_id, row.course_id) for row in replan.future}
    for row in replan.future:  # what the re-plan chose
        after = planned.get((row.official_id, row.course_id))
        if after == row.start_year:
            continue
        kind = ChangeKind.REMOVED if after is None else ChangeKind.MOVED
        found.append(_change(row.key, after, kind, _why(scenario, facts, row.key)))
    for enrollment in enrollments:
        pair = (enrollment.official_id, enrollment.course_id)
        if replan.past(enrollment.start_year) or pair in future_pairs:
            continue
        past = history.get(pair)
        again = past is not None and not past.status.stays
        reason = Message("change.again") if again else Message("change.added")
        found.append(_change((*pair, 0), enrollment.start_year, None, reason))
    return tuple(sorted(found, key=lambda c: (c.history is False, c.official_id, c.course_id)))


def _change(
    key: tuple[str, str, int], after: int | None, kind: ChangeKind | None, reason: Message
) -> Change:
    """A change of ``key`` (start 0: not in the baseline) to ``after`` (None: removed)."""
    before = key[2] or None
    if kind is None:
        kind = ChangeKind.ADDED if after is not None else ChangeKind.REMOVED
    history = reason.key.startswith("change.history") or reason.key == "change.gone"
    return Change(key[0], key[1], kind, before, after, reason, history)


def _happened(status: Status, year: int | None = None) -> Message:
    """What the actuals say happened, as the reason of a change of history."""
    if year is None:
        return Message(f"change.history.{status}")
    return Message(f"change.history.{status}.in", year=year)


def _why(scenario: Scenario, facts: Facts, key: tuple[str, str, int]) -> Message:
    """Why a baseline enrollment to come was not kept in its year: it became impossible (the
    pruning rule that says so), or the re-plan found something better."""
    official = scenario.official_by_id.get(key[0])
    course = scenario.course_by_id.get(key[1])
    if official is None:
        return Message("change.no_official", official=key[0])
    if course is None:
        return Message("change.no_course", course=key[1])
    reason = exclusion(facts, official, course, key[2])
    if reason is not None:
        return Message("change.impossible", reason=reason)
    needed = {requirement.track for requirement in course.requires}
    replan = scenario.replan
    assert replan is not None
    for row in replan.history:
        other = scenario.course_by_id.get(row.course_id)
        if row.official_id == key[0] and not row.status.stays and other and other.track in needed:
            return Message("change.prerequisite_lost", course=row.course_id)
    return Message("change.better")


def baseline_hint(scenario: Scenario, variables: Variables) -> dict[str, int]:
    """The baseline as values of the decision variables (history as it stays): a hint that
    is part of the input, so a search from it is as repeatable as one without."""
    replan = scenario.replan
    assert replan is not None
    planned = {row.key for row in replan.future} | set(replan.kept)
    values = {var.name: int(key in planned) for key, var in variables.enroll.items()}
    opened: dict[tuple[str, int], set[int]] = defaultdict(set)
    taught: Counter[tuple[str, str, int]] = Counter()
    for row in replan.classes:
        opened[(row.course_id, row.year)].add(row.class_no)
        taught[(row.lecturer_id, row.course_id, row.year)] += row.hours
    for key, var in variables.classes_open.items():
        values[var.name] = len(opened.get(key, ()))
    for teach, var in variables.hours.items():
        values[var.name] = taught[teach]
    return values


def new_teaching(model: cp_model.CpModel, scenario: Scenario, variables: Variables) -> Any:
    """How far lecturers' hours stray from the baseline's (hours per lecturer and offering,
    in absolute value): the last search keeps the baseline's teaching where the optima allow."""
    replan = scenario.replan
    assert replan is not None
    taught: Counter[tuple[str, str, int]] = Counter()
    for row in replan.classes:
        taught[(row.lecturer_id, row.course_id, row.year)] += row.hours
    strays = []
    for teach, var in variables.hours.items():
        most = max(list(var.proto.domain)[-1], taught[teach])  # (a proto field has no [-1])
        stray = model.new_int_var(0, most, f"stray_{var.name}")
        model.add(stray >= var - taught[teach])
        model.add(stray >= taught[teach] - var)
        strays.append(stray)
    return sum(strays, cp_model.LinearExpr.constant(0))
