"""Standards that change (issue 13): from a year on, some posts' standard is another, and a
target measures against the standard in force at the end of its year — in the solver, in the
independent checker and in the reports' list of who stays below standard.

F1 holds a college degree in a finance post (standard: college). From 2021 civil servants'
standard is a university degree (as Circular 13/2019 did for new civil servants).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import external, offer, official, target, tiny
from click.testing import CliRunner
from solving import M, options, solve_optimal

from cli import main
from trainplan.checking.checker import evaluate
from trainplan.files.scenario_writer import write_scenario
from trainplan.models.plan import Enrollment, Plan
from trainplan.models.rules import Rule
from trainplan.models.scenario import Scenario, StandardChange
from trainplan.solver import solve

RAISED = StandardChange(from_year=2021, category="civil_servant", standard={"degree": "university"})


def scenario(*, year: int, hard: bool = False, changes: tuple[StandardChange, ...] = (RAISED,)):  # type: ignore[no-untyped-def]
    made = tiny(
        officials=(official("F1", post="finance", degree="college"),),
        courses=(external("dh", grants="university", cost=20 * M),),
        offerings=(offer("dh", 2020, seats=5),),
        targets=(target(year=year, has={"degree": "none"}, standard=("degree",), hard=hard),),
    )
    settings = made.settings.model_copy(update={"standards": changes})
    return made.model_copy(update={"settings": settings})


def qualified(found: Scenario, plan: Plan) -> int:
    (attained,) = evaluate(found, plan).attainment
    return attained.qualified


def test_before_the_change_the_posts_own_standard_counts() -> None:
    assert qualified(scenario(year=2020), Plan()) == 1


def test_from_the_change_on_the_new_standard_counts_in_the_checker() -> None:
    assert qualified(scenario(year=2022), Plan()) == 0
    assert qualified(scenario(year=2022, changes=()), Plan()) == 1


def test_the_solver_trains_for_the_standard_in_force() -> None:
    plan, _ = solve_optimal(scenario(year=2022), shortfall=0, money=20 * M)
    assert [(e.official_id, e.course_id) for e in plan.enrollments] == [("F1", "dh")]
    unchanged = scenario(year=2022, changes=())  # met as it is: nothing to search for
    plan = solve(unchanged, options())
    assert plan.enrollments == () and evaluate(unchanged, plan).violations == []


def test_missing_the_new_standard_breaks_a_hard_target_and_meeting_it_passes() -> None:
    hard = scenario(year=2022, hard=True)
    broken = evaluate(hard, Plan())
    assert [v.rule for v in broken.violations] == [Rule.HARD_TARGET]
    kept = Plan(enrollments=(Enrollment(official_id="F1", course_id="dh", start_year=2020),))
    assert evaluate(hard, kept).violations == []


def test_a_change_only_concerns_the_posts_it_names() -> None:
    other = StandardChange(from_year=2021, posts=("youth",), standard={"degree": "university"})
    assert qualified(scenario(year=2022, changes=(other,)), Plan()) == 1


def test_the_later_of_two_changes_wins_from_its_year() -> None:
    back = StandardChange(from_year=2022, category="civil_servant", standard={"degree": "college"})
    assert qualified(scenario(year=2021, changes=(RAISED, back)), Plan()) == 0
    assert qualified(scenario(year=2022, changes=(back, RAISED)), Plan()) == 1


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ("{from_year: 2021, posts: [nope], standard: {degree: university}}", "no post 'nope'"),
        ("{from_year: 2021, standard: {degree: doctor}}", "doctor"),
    ],
)
def test_a_bad_change_is_refused_naming_scenario_yaml(
    tmp_path: Path, change: str, words: str
) -> None:
    write_scenario(scenario(year=2022, changes=()), tmp_path / "s")
    settings = tmp_path / "s" / "scenario.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + f"standards:\n  - {change}\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "s")])
    assert result.exit_code == 2, result.output
    assert "scenario.yaml" in result.output and words in result.output


def test_the_yaml_form_is_read_and_solved(tmp_path: Path) -> None:
    write_scenario(scenario(year=2022, changes=()), tmp_path / "s")
    settings = tmp_path / "s" / "scenario.yaml"
    text = settings.read_text(encoding="utf-8")
    change = "{from_year: 2021, category: civil_servant, standard: {degree: university}}"
    text += f"standards:\n  - {change}\n"
    settings.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["solve", str(tmp_path / "s"), "--out", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    assert "F1,dh,2020" in (tmp_path / "p" / "enrollments.csv").read_text(encoding="utf-8")
