"""``trainplan explain``: on tiny scenarios whose binding limit is known by construction, the
best count, the limit named with its numbers, and fixes that, applied, meet the target."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders import external, internal, lecturer, offer, official, target, tiny
from click.testing import CliRunner
from solving import M, continuity, options, youths

from cli import main
from trainplan.checking.checker import evaluate
from trainplan.files.scenario_writer import write_scenario
from trainplan.models.explanation import Limit, TargetExplanation
from trainplan.models.retirement import YearMonth
from trainplan.models.scenario import Budget, Scenario
from trainplan.models.whatif import with_setting
from trainplan.solver import solve
from trainplan.solver.diagnose import Diagnoser, hard_conflicts
from trainplan.solver.person import explain_official
from trainplan.wording import render


def explained(scenario: Scenario) -> TargetExplanation:
    (found,) = Diagnoser(scenario, options()).targets()
    return found


def met_after(scenario: Scenario, fix_settings: list[tuple[str, int | float]]) -> bool:
    """Whether the scenario with these settings changed, solved as ``solve`` does, meets
    every target (its plan checked independently)."""
    for setting, value in fix_settings:
        scenario = with_setting(scenario, setting, value)
    plan = solve(scenario, options())
    evaluation = evaluate(scenario, plan)
    assert evaluation.violations == []
    return all(a.met for a in evaluation.attainment)


def shown(limit: Limit) -> dict[str, object]:
    """A limit as ``explain --json`` shows it, without its words."""
    return {k: v for k, v in limit.as_json().items() if k != "words"}


def everything(fix: object) -> list[tuple[str, int | float]]:
    together = getattr(fix, "together", ())
    return [(fix.setting, fix.value)] + [(f.setting, f.value) for f in together]  # type: ignore[attr-defined]


def seats_only() -> Scenario:
    """6 officials need a college degree by 2022; 2 seats in 2020 and 2 in 2021."""
    return tiny(
        officials=youths(6),
        courses=(external("cd"),),
        offerings=(offer("cd", 2020, seats=2), offer("cd", 2021, seats=2)),
        targets=(target(year=2022),),
    )


def test_seats_only_names_both_years_and_each_fix_meets_the_target() -> None:
    scenario = seats_only()
    found = explained(scenario)
    assert (found.required, found.best_qualified, found.without_limits) == (6, 4, 6)
    assert found.proven and not found.met
    assert [shown(limit) for limit in found.limits] == [
        {"kind": "seats", "course": "cd", "year": 2020, "seats": 2},
        {"kind": "seats", "course": "cd", "year": 2021, "seats": 2},
    ]
    seats = [fix for fix in found.fixes if fix.kind == "seats"]
    assert [(f.setting, f.value, f.was, f.best) for f in seats] == [
        ("offerings.cd.2020.seats", 4, 2, 6),
        ("offerings.cd.2021.seats", 4, 2, 6),
    ]
    assert not met_after(scenario, [])
    for fix in seats:
        assert met_after(scenario, everything(fix))
    assert render(seats[0].message) == "4 seats of cd in 2020 instead of 2"
    assert render(seats[0].message, "vi") == "4 chỗ học cd năm 2020 thay vì 2"


def test_one_fewer_seat_than_the_fix_does_not_meet_the_target() -> None:
    """The fix is the smallest: 3 seats in 2020 leave the target short."""
    assert not met_after(seats_only(), [("offerings.cd.2020.seats", 3)])


def test_lecturer_hours_only() -> None:
    """80 hours a year teach 2 classes of 2: 4 of 6 reach elementary LLCT in 2021."""
    scenario = tiny(
        officials=youths(6),
        courses=(internal("sc", class_max=2, lecturer_hours=40),),
        offerings=(offer("sc", 2021, classes=5),),
        lecturers=(lecturer("L1", hours=80),),
        targets=(target(year=2021, has={"llct": "elementary"}),),
    )
    found = explained(scenario)
    assert (found.required, found.best_qualified) == (6, 4)
    hours = [shown(limit) for limit in found.limits if limit.kind == "lecturer_hours"]
    assert hours == [{"kind": "lecturer_hours", "lecturer": "L1", "year": 2021, "hours": 80}]
    fixes = [(f.setting, f.value, f.was) for f in found.fixes]
    assert ("lecturers.L1.hours_per_year", 120, 80) in fixes
    for fix in found.fixes:
        assert met_after(scenario, everything(fix))


def test_the_budget_of_one_year_only() -> None:
    """The course runs in 2021 only; 40 million a year pays for 4 of 6."""
    scenario = tiny(
        officials=youths(6),
        courses=(external("cd", cost=10 * M),),
        offerings=(offer("cd", 2021, seats=50),),
        targets=(target(year=2022),),
        budget=Budget(per_year=40 * M),
    )
    found = explained(scenario)
    assert (found.required, found.best_qualified) == (6, 4)
    assert [shown(limit) for limit in found.limits] == [
        {"kind": "budget_year", "year": 2021, "limit": 40 * M}
    ]
    assert [(f.setting, f.value, f.was) for f in found.fixes] == [
        ("budget.per_year", 60 * M, 40 * M)
    ]
    assert met_after(scenario, everything(found.fixes[0]))
    assert "a yearly budget of 60,000,000 VND instead of 40,000,000" in render(
        found.fixes[0].message
    )


def test_a_units_days_away_only() -> None:
    """6 staff x 250 days x 2 % = 30 days in 2021: 3 courses of 10 days."""
    scenario = tiny(
        officials=youths(6),
        courses=(external("cd", away_days=10),),
        offerings=(offer("cd", 2021, seats=50),),
        targets=(target(year=2021),),
        continuity=continuity(max_away_share=0.02),
    )
    found = explained(scenario)
    assert (found.required, found.best_qualified) == (6, 3)
    assert [shown(limit) for limit in found.limits] == [
        {"kind": "unit_away", "unit": "U1", "unit_name": "Xã U1", "year": 2021, "limit": 30.0}
    ]
    assert "limit: Xã U1 (U1) can spare 30 days in 2021" in render(found.limits[0].message)
    (fix,) = found.fixes
    assert (fix.setting, fix.value, fix.was) == ("continuity.years.2021.max_away_share", 0.04, 0.02)
    assert met_after(scenario, everything(fix))


def test_a_prerequisite_chain_that_takes_too_long_and_the_deadline_that_fixes_it() -> None:
    """University needs college first; college takes two years from 2020: no one holds a
    university degree by 2021, but all can by 2022."""
    scenario = tiny(
        officials=youths(3),
        courses=(
            external("cd", months=24),
            external("dh", grants="university", requires=(("degree", "college"),)),
        ),
        offerings=(
            offer("cd", 2020, seats=9),
            offer("dh", 2021, seats=9),
            offer("dh", 2022, seats=9),
        ),
        targets=(target(year=2021, has={"degree": "university"}),),
        horizon=(2020, 2022),
    )
    found = explained(scenario)
    assert (found.required, found.best_qualified, found.without_limits) == (3, 0, 0)
    assert [shown(limit) for limit in found.limits] == [
        {
            "kind": "prerequisite",
            "officials": 3,
            "official_ids": ["O1", "O2", "O3"],
            "track": "degree",
            "level": "university",
        }
    ]
    assert [(f.kind, f.setting, f.value, f.best) for f in found.fixes] == [
        ("deadline", "targets.t.year", 2022, 3)
    ]


def test_retirements_only() -> None:
    """Two of four retire in mid-2022, too soon to serve a year after a 2021 course."""
    soon = YearMonth(2022, 6)  # type: ignore[call-arg]
    scenario = tiny(
        officials=(
            *youths(2),
            official("R1", retires=soon),
            official("R2", retires=soon),
        ),
        courses=(external("cd"),),
        offerings=(offer("cd", 2021, seats=9),),
        targets=(target(year=2021),),
        service_obligation=1.0,
    )
    found = explained(scenario)
    assert (found.required, found.best_qualified, found.without_limits) == (4, 2, 2)
    assert [shown(limit) for limit in found.limits] == [
        {
            "kind": "obligation",
            "officials": 2,
            "official_ids": ["R1", "R2"],
            "track": "degree",
            "level": "college",
        }
    ]
    # by 2022 they have retired: out of the population, the two others meet the target
    assert [(f.kind, f.value, f.best) for f in found.fixes] == [("deadline", 2022, 2)]


def test_no_course_grants_the_level() -> None:
    scenario = tiny(
        officials=youths(2),
        courses=(external("cd"),),
        offerings=(offer("cd", 2020, seats=9),),
        targets=(target(year=2022, has={"degree": "university"}),),
    )
    found = explained(scenario)
    assert [limit.kind for limit in found.limits] == ["eligibility"]
    words = render(found.limits[0].message)
    assert words.startswith("2 officials (O1, O2) cannot reach university (degree)")
    vietnamese = render(found.limits[0].message, "vi")
    assert vietnamese.startswith("2 người (O1, O2) không thể đạt trình độ đại học (chuyên môn)")


def test_two_limits_together_get_one_fix_of_both() -> None:
    """2 seats and 20 million in the only year: neither alone can be raised to meet 6."""
    scenario = tiny(
        officials=youths(6),
        courses=(external("cd", cost=10 * M),),
        offerings=(offer("cd", 2021, seats=2),),
        targets=(target(year=2022),),
        budget=Budget(per_year=20 * M),
    )
    found = explained(scenario)
    assert sorted(limit.kind for limit in found.limits) == ["budget_year", "seats"]
    (fix,) = found.fixes
    assert sorted(everything(fix)) == [("budget.per_year", 60 * M), ("offerings.cd.2021.seats", 6)]
    assert met_after(scenario, everything(fix))


def test_a_met_target_is_said_to_be_met_with_its_best() -> None:
    scenario = replace_target_share(seats_only(), 0.5)
    found = explained(scenario)
    assert found.met and (found.required, found.best_qualified) == (3, 4)
    assert found.limits == () and found.fixes == ()


def replace_target_share(scenario: Scenario, share: float) -> Scenario:
    return with_setting(scenario, "targets.t.share", share)


# ---------------------------------------------------------------- conflicts


def test_the_conflict_of_hard_rules_is_minimal() -> None:
    """A hard target of 6 against 2 + 2 seats, and a budget that does not matter: the
    conflict names the target and both seats, and dropping any one of them leaves a plan."""
    scenario = tiny(
        officials=youths(6),
        courses=(external("cd", cost=M),),
        offerings=(offer("cd", 2020, seats=2), offer("cd", 2021, seats=2)),
        targets=(target(year=2022, hard=True),),
        budget=Budget(total=100 * M),
    )
    conflicts = hard_conflicts(scenario, options())
    keys = sorted(conflict.reason.key for conflict in conflicts)
    assert keys == ["conflict.target", "limit.seats", "limit.seats"]
    # each one dropped (made loose), the rest hold:
    assert hard_conflicts(with_setting(scenario, "targets.t.share", 0.5), options()) == []
    assert hard_conflicts(with_setting(scenario, "offerings.cd.2020.seats", 6), options()) == []
    assert hard_conflicts(with_setting(scenario, "offerings.cd.2021.seats", 6), options()) == []


# ---------------------------------------------------------------- one official


def test_an_official_left_out_by_a_tie_is_told_so() -> None:
    """Two identical officials, one needed: whoever is left out is a tie."""
    scenario = tiny(
        officials=youths(2),
        courses=(external("cd"),),
        offerings=(offer("cd", 2021, seats=9),),
        targets=(target(year=2022, share=0.5),),
    )
    best = solve(scenario, options())
    (chosen,) = {e.official_id for e in best.enrollments}
    other = "O2" if chosen == "O1" else "O1"
    found = explain_official(scenario, other, best, options())
    assert not found.in_plan and found.tie and found.alternative_course == "cd"
    inside = explain_official(scenario, chosen, best, options())
    assert inside.in_plan and inside.tie


def test_a_dearer_official_is_told_what_including_them_would_cost() -> None:
    """A leader's days away weigh double: the other official is 2 x 10 days x 100,000 cheaper."""
    scenario = tiny(
        officials=(official("Y1"), official("C1", post="chair")),
        courses=(external("cd", away_days=10),),
        offerings=(offer("cd", 2021, seats=9),),
        targets=(target(year=2022, share=0.5, has={"degree": "college"}),),
        continuity=continuity(day_value=100_000, leader_factor=2.0),
    )
    best = solve(scenario, options())
    assert {e.official_id for e in best.enrollments} == {"Y1"}
    found = explain_official(scenario, "C1", best, options())
    assert not found.in_plan and not found.tie
    assert found.best is not None and found.alternative is not None
    assert found.alternative[1] - found.best[1] == 1_000_000
    needed = explain_official(scenario, "Y1", best, options())
    assert needed.in_plan and needed.alternative is not None
    assert needed.alternative[1] - needed.best[1] == 1_000_000  # type: ignore[index]


def test_an_official_no_course_is_open_to_is_told_which_rule_closes_each() -> None:
    scenario = tiny(
        officials=(official("Y1"), official("OLD", birth=(1960, 1))),
        courses=(external("cd", max_age=45),),
        offerings=(offer("cd", 2021, seats=9),),
        targets=(target(year=2022, share=0.5),),
    )
    best = solve(scenario, options())
    found = explain_official(scenario, "OLD", best, options())
    assert not found.in_plan and found.open_courses == ()
    assert [(course, why.key) for course, why in found.closed] == [("cd", "why.max_age")]
    assert found.alternative is None


# ---------------------------------------------------------------- the command


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    write_scenario(seats_only(), tmp_path / "seats")
    return tmp_path / "seats"


def test_explain_json_follows_the_spec(folder: Path) -> None:
    result = CliRunner().invoke(main, ["explain", str(folder), "--json", "--time-limit", "20"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    (found,) = document["targets"]
    assert {"target_id", "year", "required", "best_qualified", "limits", "fixes"} <= set(found)
    assert (found["target_id"], found["required"], found["best_qualified"]) == ("t", 6, 4)
    assert found["limits"][0]["kind"] == "seats"
    assert found["limits"][0]["text"] == "limit: seats of cd in 2020: 2"


def test_explain_in_vietnamese_names_the_limit_and_the_fix(folder: Path) -> None:
    result = CliRunner().invoke(main, ["explain", str(folder), "--lang", "vi"])
    assert result.exit_code == 0, result.output
    assert "Chỉ tiêu t (2022): không thể đạt — dù chỉ xét riêng chỉ tiêu này" in result.stdout
    assert "thì nhiều nhất 4 trên 6 người đạt chuẩn, cần 6" in result.stdout
    assert "4 chỗ học cd năm 2020 thay vì 2" in result.stdout


def test_an_unknown_target_or_official_or_both_questions_are_refused(folder: Path) -> None:
    both = ["explain", str(folder), "--target", "t", "--official", "O1"]
    result = CliRunner().invoke(main, both)
    assert result.exit_code == 2
    assert "give one of them" in result.output
    result = CliRunner().invoke(main, ["explain", str(folder), "--target", "nope"])
    assert result.exit_code == 2
    assert "no target 'nope'; the targets are: t" in result.output
    result = CliRunner().invoke(main, ["explain", str(folder), "--official", "X9"])
    assert result.exit_code == 2
    assert "no official 'X9'" in result.output


def test_explain_of_hard_rules_that_leave_no_plan_exits_3(tmp_path: Path) -> None:
    scenario = seats_only()
    hard = scenario.settings.targets[0].model_copy(update={"hard": True})
    settings = scenario.settings.model_copy(update={"targets": (hard,)})
    folder = tmp_path / "h"
    write_scenario(scenario.model_copy(update={"settings": settings}), folder)
    result = CliRunner().invoke(main, ["explain", str(folder)])
    assert result.exit_code == 3
    assert "limit: seats of cd in 2020: 2" in result.stderr
    # and what would meet the hard target, as for a soft one
    assert "4 seats of cd in 2020 instead of 2 → 6 qualify" in result.stdout
    result = CliRunner().invoke(main, ["explain", str(folder), "--json"])
    document = json.loads(result.stdout)
    assert [c["key"] for c in document["conflicts"]] == [
        "conflict.target",
        "limit.seats",
        "limit.seats",
    ]
    assert document["conflicts"][1]["params"] == {"course": "cd", "year": 2020, "seats": 2}
    assert document["targets"][0]["fixes"]


def test_explain_official_on_the_command_line(folder: Path) -> None:
    result = CliRunner().invoke(main, ["explain", str(folder), "--official", "O1"])
    assert result.exit_code == 0, result.output
    assert "O1 (Cán bộ O1)" in result.stdout


def test_every_fix_and_structural_kind_has_words_in_both_languages() -> None:
    """``explain.fix.<kind>`` and ``explain.structural.<kind>`` are built from the kind: no
    extractor sees them."""
    from trainplan.models.explanation import LIMIT_KINDS, STRUCTURAL_KINDS
    from trainplan.solver.reasons import KIND_OF
    from trainplan.wording.catalogue import templates

    fixes = {kind for kind in LIMIT_KINDS if kind != "class_size"} | {"deadline"}
    structural = set(STRUCTURAL_KINDS) | set(KIND_OF.values())
    for lang in ("en", "vi"):
        held = set(templates(lang))
        assert {f"explain.fix.{kind}" for kind in fixes} <= held, lang
        assert {f"explain.structural.{kind}" for kind in structural} <= held, lang


def test_the_same_scenario_and_seed_give_the_same_explanation(tmp_path: Path) -> None:
    """A fix of several limits is one of several equally small ones: the seed picks it."""
    scenario = tiny(
        officials=youths(6),
        courses=(external("cd", cost=10 * M),),
        offerings=(offer("cd", 2020, seats=1), offer("cd", 2021, seats=1)),
        targets=(target(year=2022),),
        budget=Budget(per_year=10 * M),
    )
    write_scenario(scenario, tmp_path / "s")
    runs = [CliRunner().invoke(main, ["explain", str(tmp_path / "s"), "--json"]) for _ in range(3)]
    assert all(run.exit_code == 0 for run in runs), runs[0].output
    assert runs[0].stdout == runs[1].stdout == runs[2].stdout
    assert json.loads(runs[0].stdout)["targets"][0]["fixes"]


def test_solve_names_the_same_minimal_conflict() -> None:
    """``solve`` (exit 3) words the conflict it raises from the same minimal set."""
    from trainplan.solver import Infeasible

    scenario = tiny(
        officials=youths(6),
        courses=(external("cd", cost=M),),
        offerings=(offer("cd", 2020, seats=2), offer("cd", 2021, seats=2)),
        targets=(target(year=2022, hard=True),),
        budget=Budget(total=100 * M),
    )
    with pytest.raises(Infeasible) as raised:
        solve(scenario, options())
    found = sorted(conflict.reason for conflict in raised.value.conflicts)
    assert found == sorted(c.reason for c in hard_conflicts(scenario, options()))
    assert [m.key for m in found] == ["conflict.target", "limit.seats", "limit.seats"]


# ---------------------------------------------------------------- in the plan folder


def test_solve_records_why_a_missed_target_is_missed(folder: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["solve", str(folder), "--out", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    assert (
        "Target t (2022): cannot be met — at best 4 of 6 qualify even when it is solved alone"
        in (result.stdout)
    )
    document = json.loads((tmp_path / "p" / "plan.json").read_text(encoding="utf-8"))
    (found,) = document["explanations"]
    assert (found["target_id"], found["best_qualified"]) == ("t", 4)
    again = TargetExplanation.of_json(found)
    assert again == explained(seats_only())


def test_no_explain_and_a_plan_meeting_every_target_record_none(
    folder: Path, tmp_path: Path
) -> None:
    result = CliRunner().invoke(
        main, ["solve", str(folder), "--out", str(tmp_path / "p"), "--no-explain"]
    )
    assert result.exit_code == 0, result.output
    assert "explanations" not in json.loads((tmp_path / "p" / "plan.json").read_text())
    write_scenario(replace_target_share(seats_only(), 0.5), tmp_path / "met")
    result = CliRunner().invoke(
        main, ["solve", str(tmp_path / "met"), "--out", str(tmp_path / "q")]
    )
    assert result.exit_code == 0, result.output
    assert "explanations" not in json.loads((tmp_path / "q" / "plan.json").read_text())


def test_a_target_met_alone_but_not_with_the_others_is_explained_as_competing() -> None:
    """20 million pay for two degrees: the heavier target takes them, the other is met only
    alone; with the first held, the total budget is what stops it."""
    scenario = tiny(
        officials=(
            official("Y1"),
            official("Y2"),
            official("F1", post="finance"),
            official("F2", post="finance"),
        ),
        courses=(external("cd", cost=10 * M),),
        offerings=(offer("cd", 2021, seats=9),),
        targets=(
            target("youth", year=2022, post=("youth",), weight=2.0),
            target("finance", year=2022, post=("finance",)),
        ),
        budget=Budget(total=20 * M),
    )
    plan = solve(scenario, options())
    in_plan = {a.target_id: a.qualified for a in evaluate(scenario, plan).attainment}
    assert in_plan == {"youth": 2, "finance": 0}
    found = Diagnoser(scenario, options(), None, in_plan).targets("finance")[0]
    assert (found.best_qualified, found.best_together, found.met) == (2, 0, False)
    assert [shown(limit) for limit in found.limits] == [{"kind": "budget_total", "limit": 20 * M}]
    assert [(f.setting, f.value) for f in found.fixes] == [("budget.total", 40 * M)]
    assert met_after(scenario, everything(found.fixes[0]))
    words = render(found.fixes[0].message)
    assert words == "a total budget of 40,000,000 VND instead of 20,000,000"


def test_a_yearly_budget_binding_in_two_years_gives_one_fix() -> None:
    """One setting (budget.per_year) moves both years: one fix, not one per year."""
    scenario = tiny(
        officials=youths(6),
        courses=(external("cd", cost=10 * M),),
        offerings=(offer("cd", 2020, seats=9), offer("cd", 2021, seats=9)),
        targets=(target(year=2022),),
        budget=Budget(per_year=20 * M),
    )
    found = explained(scenario)
    assert sorted(limit.kind for limit in found.limits) == ["budget_year", "budget_year"]
    assert [(f.setting, f.value) for f in found.fixes] == [("budget.per_year", 30 * M)]
    assert met_after(scenario, everything(found.fixes[0]))


def test_a_deadline_fix_names_a_setting_sweep_can_vary() -> None:
    from trainplan.models.whatif import VaryError, variants

    scenario = with_setting(seats_only(), "targets.t.year", 2021)
    (found,) = variants(scenario, ["targets.t.year=2022:2022:1"])
    assert found.scenario.settings.targets[0].year == 2022
    with pytest.raises(VaryError) as refused:
        variants(scenario, ["targets.t.year=2020:2030:2"])
    assert refused.value.message.key == "input.vary.no_year"
