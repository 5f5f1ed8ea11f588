"""Matching fields (issue 13, Decree 33/2023 Art. 10): a degree counts for a post's standard
only in a field the post accepts — in the solver, the independent checker, the greedy peer,
``explain`` and the files planners write.

F1 holds a college degree in law on the finance post (standard: college). The finance post
accepts accounting and finance. Courses: ``cd-kt`` college in accounting (15 M), ``cd`` college
with no field (5 M), ``dh-luat`` university in law (20 M), ``dh-kt`` university in accounting
(25 M).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import accepting, external, offer, official, target, tiny
from click.testing import CliRunner
from solving import M, options, solve_optimal

from cli import main
from trainplan.checking.checker import evaluate
from trainplan.files.loader import read_scenario
from trainplan.files.scenario_writer import write_scenario
from trainplan.models.fingerprint import input_hash
from trainplan.models.plan import Enrollment, Plan
from trainplan.models.rules import Rule
from trainplan.models.scenario import Scenario
from trainplan.solver import solve
from trainplan.solver.diagnose import Diagnoser
from trainplan.solver.greedy import greedy_plan

ACCEPTED = ("Kế toán", "tài chính")  # as a planner types them: case does not matter

COURSES = {
    "cd-kt": external("cd-kt", grants="college", cost=15 * M, field="kế toán"),
    "cd": external("cd", grants="college", cost=5 * M),
    "dh-luat": external("dh-luat", grants="university", cost=20 * M, field="luật"),
    "dh-kt": external("dh-kt", grants="university", cost=25 * M, field="Kế Toán"),
}


def scenario(
    *,
    courses: tuple[str, ...] = ("cd-kt", "cd", "dh-luat"),
    fields: tuple[str, ...] = ACCEPTED,
    held: str | None = "luật",
    has: dict[str, str] | None = None,
    hard: bool = False,
) -> Scenario:
    made = tiny(
        officials=(
            official("F1", post="finance", degree="college", **_field(held)),
            official("F2", post="finance", degree="college", fields={"degree": "tài chính"}),
        ),
        courses=tuple(COURSES[c] for c in courses),
        offerings=tuple(offer(c, 2020, seats=5) for c in courses),
        targets=(target(has=has or {"degree": "none"}, standard=("degree",), hard=hard),),
    )
    return accepting(made, "finance", *fields) if fields else made


def _field(held: str | None) -> dict[str, object]:
    return {"fields": {"degree": held}} if held else {}


def qualified(found: Scenario, plan: Plan) -> int:
    (attained,) = evaluate(found, plan).attainment
    return attained.qualified


def test_a_degree_in_another_field_does_not_meet_the_standard_in_the_checker() -> None:
    assert qualified(scenario(), Plan()) == 1  # F2 (finance) counts, F1 (law) does not
    assert qualified(scenario(fields=()), Plan()) == 2  # a post naming no field: any field
    assert qualified(scenario(held=None), Plan()) == 1  # a blank field matches no named field


def test_fields_are_compared_as_planners_write_them() -> None:
    found = scenario()
    finance = found.post_by_id["finance"]
    assert finance.fields == {"degree": ("kế toán", "tài chính")}
    assert COURSES["dh-kt"].field == "kế toán"


def test_the_solver_trains_in_an_accepted_field_and_the_cheapest_such_course() -> None:
    """cd (5 M) has no field and dh-luat (20 M) is in law: only cd-kt (15 M) makes F1 count."""
    plan, _ = solve_optimal(scenario(), shortfall=0, money=15 * M)
    assert [(e.official_id, e.course_id) for e in plan.enrollments] == [("F1", "cd-kt")]
    assert qualified(scenario(), plan) == 2
    unnamed = scenario(fields=())  # met as they are: nothing to search for
    plan = solve(unnamed, options())
    assert plan.enrollments == () and evaluate(unnamed, plan).violations == []


def test_a_level_and_a_field_together_are_met_by_one_course_when_cheapest() -> None:
    """has university (any field) + the college standard in accounting: dh-kt alone (25 M)
    beats cd-kt + dh-luat (35 M); F2 needs a university degree too: dh-luat (20 M) suffices,
    since F2's college in finance already meets the field."""
    found = scenario(courses=("cd-kt", "cd", "dh-luat", "dh-kt"), has={"degree": "university"})
    plan, _ = solve_optimal(found, shortfall=0, money=45 * M)
    assert sorted((e.official_id, e.course_id) for e in plan.enrollments) == [
        ("F1", "dh-kt"),
        ("F2", "dh-luat"),
    ]


def test_a_second_degree_only_in_another_field() -> None:
    """F1 may take a college course in accounting (another field), never one in law again:
    the checker catches it, and the solver never plans it."""
    found = scenario(courses=("cd-kt", "cd", "dh-luat"))
    again = external("cd-luat", grants="college", cost=1 * M, field="luật")
    found = found.model_copy(
        update={
            "courses": (*found.courses, again),
            "offerings": (*found.offerings, offer("cd-luat", 2020, seats=5)),
        }
    )
    bad = Plan(enrollments=(Enrollment("F1", "cd-luat", 2020),))
    assert [v.rule for v in evaluate(found, bad).violations] == [Rule.LEVEL]
    good = Plan(enrollments=(Enrollment("F1", "cd-kt", 2020),))
    assert evaluate(found, good).violations == []
    assert Enrollment("F1", "cd", 2020) not in greedy_plan(found).enrollments  # no field: level


def test_a_hard_target_breaks_on_the_field_and_holds_with_the_right_course() -> None:
    hard = scenario(hard=True)
    assert [v.rule for v in evaluate(hard, Plan()).violations] == [Rule.HARD_TARGET]
    kept = Plan(enrollments=(Enrollment("F1", "cd-kt", 2020),))
    assert evaluate(hard, kept).violations == []
    dearer = Plan(enrollments=(Enrollment("F1", "dh-luat", 2020),))  # higher, wrong field
    assert [v.rule for v in evaluate(hard, dearer).violations] == [Rule.HARD_TARGET]


def test_the_greedy_peer_trains_in_an_accepted_field() -> None:
    found = scenario()
    plan = greedy_plan(found)
    assert evaluate(found, plan).violations == []
    assert qualified(found, plan) == 2
    assert {e.course_id for e in plan.enrollments} == {"cd-kt"}


def test_explain_says_no_course_grants_the_level_in_an_accepted_field() -> None:
    found = scenario(courses=("cd", "dh-luat"))
    (explained,) = Diagnoser(found, options()).targets()
    assert (explained.best_qualified, explained.without_limits) == (1, 1)
    assert [limit.kind for limit in explained.limits] == ["field"]
    assert explained.limits[0].facts["official_ids"] == ["F1"]


def test_fields_round_trip_through_the_files_and_leave_other_scenarios_alone(
    tmp_path: Path,
) -> None:
    found = scenario(courses=("cd-kt", "cd", "dh-kt"))
    write_scenario(found, tmp_path / "s")
    assert read_scenario(tmp_path / "s").scenario == found
    header = (tmp_path / "s" / "posts.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith("fields_degree")  # fields_llct: none given, left out
    plain = scenario(fields=(), held=None, courses=("cd",))
    plain = plain.model_copy(
        update={"officials": tuple(o.model_copy(update={"fields": {}}) for o in plain.officials)}
    )
    write_scenario(plain, tmp_path / "p")
    for table in ("posts", "officials", "courses"):
        text = (tmp_path / "p" / f"{table}.csv").read_text(encoding="utf-8")
        assert "field" not in text.splitlines()[0], table
    assert input_hash(plain) != input_hash(found)


def test_vietnamese_headers_name_the_fields(tmp_path: Path) -> None:
    write_scenario(scenario(courses=("cd-kt", "cd", "dh-kt")), tmp_path / "s")
    renames = {
        "posts": ("fields_degree", "Ngành phù hợp degree"),
        "officials": ("field_degree", "Ngành degree"),
        "courses": (",field", ",Chuyên ngành"),
    }
    for table, (old, new) in renames.items():
        path = tmp_path / "s" / f"{table}.csv"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        assert old in lines[0], table
        path.write_text(lines[0].replace(old, new) + "".join(lines[1:]), encoding="utf-8")
    assert read_scenario(tmp_path / "s").scenario == scenario(courses=("cd-kt", "cd", "dh-kt"))


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_solve_from_the_command_line_reads_fields(tmp_path: Path, lang: str) -> None:
    write_scenario(scenario(), tmp_path / "s")
    out = tmp_path / "plan"
    result = CliRunner().invoke(
        main, ["--lang", lang, "solve", str(tmp_path / "s"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "F1,cd-kt,2020" in (out / "enrollments.csv").read_text(encoding="utf-8")
    checked = CliRunner().invoke(main, ["check", str(tmp_path / "s"), str(out)])
    assert checked.exit_code == 0, checked.output


def test_the_reports_list_an_official_below_standard_by_field() -> None:
    """F1's college in law leaves them below the finance standard, though high enough: the
    reports' list of who stays below standard says so, and why (no course in an accepted
    field, when none is offered)."""
    from trainplan.reports.figures import ShortReason
    from trainplan.reports.short import short_officials

    found = scenario()
    (short,) = short_officials(found, {}, evaluate(found, Plan()).attainment)
    assert short.official_id == "F1"
    (gap,) = short.gaps
    assert (gap.level, gap.standard, gap.fields) == ("college", "college", ("kế toán", "tài chính"))
    assert gap.held_fields == ("luật",)  # what they hold, in the field that falls short
    assert gap.reason != ShortReason.NO_FIELD  # cd-kt is offered
    bare = scenario(courses=("cd", "dh-luat"))
    (short,) = short_officials(bare, {}, evaluate(bare, Plan()).attainment)
    assert short.gaps[0].reason == ShortReason.NO_FIELD
    trained = {"F1": [Enrollment("F1", "cd-kt", 2020)]}
    assert short_officials(found, trained, evaluate(found, Plan()).attainment) == []


def test_validate_warns_of_fields_that_look_like_slips(tmp_path: Path) -> None:
    """A field no course grants and nobody holds ('luat' for 'luật'), and an official with no
    field on a post that names fields: warnings naming file, row and column; still valid."""
    found = scenario(fields=("luat", "kế toán"), held=None)
    write_scenario(found, tmp_path / "s")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "posts.csv row 4, fields_degree" in result.output
    assert "luat" in result.output and "typo" in result.output
    assert "officials.csv row 2, field_degree" in result.output
    write_scenario(scenario(), tmp_path / "q")
    quiet = CliRunner().invoke(main, ["validate", str(tmp_path / "q")])
    assert (
        quiet.exit_code == 0 and "typo" not in quiet.output and "field_degree" not in quiet.output
    )


def test_the_plan_folder_shows_the_fields_an_official_lacks(tmp_path: Path) -> None:
    """No course in accounting or finance: F1 stays short, and report.html and plan.xlsx say
    the standard with its fields and the reason."""
    import openpyxl

    write_scenario(scenario(courses=("cd", "dh-luat")), tmp_path / "s")
    out = tmp_path / "plan"
    result = CliRunner().invoke(
        main, ["--lang", "vi", "solve", str(tmp_path / "s"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "(kế toán; tài chính)" in page
    assert "(luật) →" in page  # the field F1 holds, beside the fields the post accepts
    assert "đúng ngành chức danh yêu cầu" in page
    book = openpyxl.load_workbook(out / "plan.xlsx", read_only=True)
    cells = {
        str(c)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for c in row
    }
    assert any("(kế toán; tài chính)" in c for c in cells)


def test_a_second_degree_in_a_field_that_counts_for_nothing_is_not_proposed_and_says_why() -> None:
    """F2 (college in finance) could take a college in law, but the finance post does not
    accept law: no variable, and the reason says so; accounting is accepted: a candidate."""
    from trainplan.solver.candidates import Facts, enumerate_candidates, exclusion
    from trainplan.wording import render

    law = external("cd-luat", grants="college", cost=1 * M, field="luật")
    found = scenario(courses=("cd-kt",))
    found = found.model_copy(
        update={
            "courses": (*found.courses, law),
            "offerings": (*found.offerings, offer("cd-luat", 2020, seats=5)),
        }
    )
    keys = set(enumerate_candidates(found))
    assert ("F2", "cd-kt", 2020) in keys and ("F2", "cd-luat", 2020) not in keys
    why = exclusion(Facts.of(found), found.official_by_id["F2"], law, 2020)
    assert why is not None and why.key == "reason.second_degree"
    assert "a second degree in luật would count for nothing" in render(why)


def test_explain_official_forces_them_to_qualify_not_merely_to_enroll() -> None:
    """No course in accounting or finance: forcing F1 into any course (cd, 5 M) would say
    'dearer'; forcing F1 to meet the target they count for shows no plan can (trial)."""
    from trainplan.solver import solve
    from trainplan.solver.person import explain_official
    from trainplan.terminal.explain import official_lines

    found = scenario(courses=("cd", "dh-luat"))
    best = solve(found, options())
    explained = explain_official(found, "F1", best, options())
    assert explained.counts_for == ("t",) and not explained.in_plan
    assert explained.alternative is None
    lines = official_lines(explained, found, "en")
    assert any("No valid plan brings them to what t need" in line for line in lines), lines
