"""A SPEC rule is found in the solver by its ``Rule`` name alone.

Every rule the solver must keep (``set(Rule) - PLAN_ONLY``) is either a method of
``trainplan.solver.constraints.Constraints`` (a rule family of the model) or a predicate of
``trainplan.solver.candidates`` (a rule that decides which enrollments or lecturers get a
variable at all), under exactly the rule's name; and no such method or predicate bears a name
that is not a rule.
"""

from __future__ import annotations

import inspect

import pytest

from trainplan.models.rules import PLAN_ONLY, Rule
from trainplan.solver import candidates
from trainplan.solver.constraints import Constraints

SOLVER_RULES = sorted(set(Rule) - PLAN_ONLY)

NOT_RULES = {"add", "assumptions"}
"""Public methods of ``Constraints`` that are not rule families: ``add`` calls the families in
order, ``assumptions`` lists the literals of the hard rules a user chose."""

ADDED_IN_ORDER = [
    "repeat",
    "level",
    "prerequisite",
    "seats",
    "class_size",
    "classes",
    "class_hours",
    "lecturer_hours",
    "budget_year",
    "budget_total",
    "budget_scope",
    "unit_away",
    "personal_days",
    "leaders_away",
]
"""The documented order of ``Constraints.add`` (``solver/constraints.py``, ``solver/model.py``);
``PlanModel`` then calls ``hard_target`` per hard target and ``pin_require``."""


def constraint_families() -> set[str]:
    return {
        name
        for name, member in inspect.getmembers(Constraints, inspect.isfunction)
        if not name.startswith("_") and name not in NOT_RULES
    }


def candidate_predicates() -> set[str]:
    return {
        name
        for name, member in inspect.getmembers(candidates, inspect.isfunction)
        if member.__module__ == candidates.__name__ and name in {r.value for r in Rule}
    }


@pytest.mark.parametrize("rule", SOLVER_RULES, ids=str)
def test_every_rule_is_a_constraint_family_or_a_candidate_predicate(rule: Rule) -> None:
    homes = [
        home
        for home, names in (
            ("Constraints", constraint_families()),
            ("candidates", candidate_predicates()),
        )
        if rule.value in names
    ]
    assert homes, f"Rule.{rule.name}: no Constraints.{rule} nor candidates.{rule}"


def test_every_constraint_family_is_named_as_a_rule() -> None:
    assert constraint_families() <= set(SOLVER_RULES)


def test_plan_only_rules_have_no_home_in_the_solver() -> None:
    """Rules about how a plan folder is written hold by construction (``solver.extract``)."""
    assert not (constraint_families() | candidate_predicates()) & {r.value for r in PLAN_ONLY}


def test_exclusion_asks_every_enrollment_predicate() -> None:
    """Each predicate over enrollments is in ``PRUNING`` (so ``exclusion`` asks it) and says why
    with its own ``why.<rule>`` key; the lecturer predicates decide hours variables instead."""
    pruning = {rule.__name__ for rule in candidates.PRUNING}
    assert pruning == candidate_predicates() - {
        "lecturer_subject",
        "lecturer_active",
        "lecturer_scope",
    }
    for name in pruning:
        source = inspect.getsource(getattr(candidates, name))
        assert f'"why.{name}"' in source, name


def test_constraints_add_calls_every_family_in_the_documented_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    called: list[str] = []
    for name in ADDED_IN_ORDER:
        monkeypatch.setattr(Constraints, name, lambda self, name=name: called.append(name))
    Constraints.add(object.__new__(Constraints))
    assert called == ADDED_IN_ORDER
    called_by_the_model = {"hard_target", "successor", "pin_require"}  # solver.model's order
    assert set(ADDED_IN_ORDER) | called_by_the_model == constraint_families()
