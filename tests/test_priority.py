"""Ethnic minority as a priority (issue 13): with ``prefer_ethnic_minority``, among the plans
equally good by SPEC rule 9, the one that trains ethnic-minority officials; never a dearer one.

Four identical youths, two of them ethnic minority, 2 seats, and half must hold a college
degree: any two will do at the same money.
"""

from __future__ import annotations

import pytest
from builders import external, offer, official, target, tiny

from trainplan.checking.checker import evaluate
from trainplan.models.scenario import Scenario
from trainplan.solver import SolveOptions, solve


def scenario(prefer: bool) -> Scenario:
    made = tiny(
        officials=(
            official("M1", ethnic_minority=True),
            official("M2", ethnic_minority=True),
            official("A1"),
            official("A2"),
        ),
        courses=(external("cd"),),
        offerings=(offer("cd", 2021, seats=2),),
        targets=(target(year=2022, share=0.5),),
    )
    settings = made.settings.model_copy(update={"prefer_ethnic_minority": prefer})
    return made.model_copy(update={"settings": settings})


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_ethnic_minority_officials_are_chosen_among_equals(seed: int) -> None:
    preferring = scenario(prefer=True)
    plan = solve(preferring, SolveOptions(time_limit=20, seed=seed))
    assert {e.official_id for e in plan.enrollments} == {"M1", "M2"}
    assert plan.solver is not None and plan.solver.reproducible
    evaluation = evaluate(preferring, plan)
    assert evaluation.violations == []
    neutral = solve(scenario(prefer=False), SolveOptions(time_limit=20, seed=seed))
    assert evaluation.money == evaluate(scenario(prefer=False), neutral).money


def test_without_the_setting_the_choice_is_the_searchs_own() -> None:
    """Not vacuous: with these seeds the neutral search picks someone else at least once."""
    picked = [
        {e.official_id for e in solve(scenario(prefer=False), SolveOptions(seed=s)).enrollments}
        for s in range(4)
    ]
    assert any(chosen != {"M1", "M2"} for chosen in picked)
