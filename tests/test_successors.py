"""Successors as a rule (issue 13; Regulation 50-QĐ/TW on cadre planning): an official planned
for a post (``successor_for``) meets that post's standard by the congress of
``settings.succession`` and still has a whole term (60 months) of working life after it — in
validation, the solver, the independent checker, the greedy peer and ``solve``'s conflicts.

A (college, llct intermediate, born 1980) is planned for chair (standard: university, llct
intermediate) at the 2021 congress. U grants university in 12 months for 20 M.
"""

from __future__ import annotations

from pathlib import Path

from builders import accepting, external, offer, official, target, tiny
from click.testing import CliRunner
from solving import M, options, solve_optimal

from cli import main
from trainplan.checking.checker import evaluate
from trainplan.files.loader import read_scenario
from trainplan.files.scenario_writer import write_scenario
from trainplan.models.plan import Enrollment, Plan
from trainplan.models.retirement import YearMonth
from trainplan.models.rules import Rule
from trainplan.models.scenario import Need, Scenario, Succession
from trainplan.solver import solve
from trainplan.solver.greedy import greedy_plan


def scenario(
    *, planned: str | None = "chair", years: tuple[int, ...] = (2020, 2022), **extra: object
) -> Scenario:
    made = tiny(
        officials=(
            official("A", degree="college", llct="intermediate", successor_for=planned, **extra),
            official("B", degree="college", llct="intermediate"),
        ),
        courses=(external("U", grants="university", cost=20 * M),),
        offerings=tuple(offer("U", year, seats=2) for year in years),
        targets=(target(has={"degree": "none"}, successor=True),),
    )
    settings = made.settings.model_copy(update={"succession": Succession(year=2021)})
    return made.model_copy(update={"settings": settings})


def without_targets(found: Scenario) -> Scenario:
    settings = found.settings.model_copy(update={"targets": ()})
    return found.model_copy(update={"settings": settings})


def test_the_solver_readies_the_successor_by_the_congress_though_no_target_asks() -> None:
    plan, _ = solve_optimal(without_targets(scenario()), shortfall=0, money=20 * M)
    assert [(e.official_id, e.course_id, e.start_year) for e in plan.enrollments] == [
        ("A", "U", 2020)
    ]
    alone = solve(without_targets(scenario(planned=None)), options())  # nothing to do
    assert alone.enrollments == ()


def test_the_checker_catches_a_successor_not_ready_and_passes_one_who_is() -> None:
    late = Plan(enrollments=(Enrollment("A", "U", 2022),))
    broken = evaluate(scenario(), late).violations
    assert [v.rule for v in broken] == [Rule.SUCCESSOR]
    assert broken[0].params == {
        "official": "A",
        "post": "chair",
        "year": 2021,
        "lacking": "degree university",
    }
    assert evaluate(scenario(), Plan(enrollments=(Enrollment("A", "U", 2020),))).violations == []


def test_being_planned_for_a_post_makes_a_successor() -> None:
    found = scenario()
    assert found.official_by_id["A"].successor and not found.official_by_id["B"].successor
    (attained,) = evaluate(found, Plan()).attainment
    assert attained.population == 1  # who: {successor: true}


def test_the_greedy_peer_readies_the_successor() -> None:
    plan = greedy_plan(scenario())
    assert evaluate(scenario(), plan).violations == []
    assert Enrollment("A", "U", 2020) in plan.enrollments


def test_no_course_in_time_is_a_conflict_naming_the_successor(tmp_path: Path) -> None:
    write_scenario(scenario(years=(2022,)), tmp_path / "s")
    out = tmp_path / "plan"
    result = CliRunner().invoke(main, ["solve", str(tmp_path / "s"), "--out", str(out)])
    assert result.exit_code == 3, result.output
    assert "successor A ready for post chair by 2021" in result.output
    assert not out.exists()


def test_files_carry_the_post_and_the_congress(tmp_path: Path) -> None:
    write_scenario(scenario(), tmp_path / "s")
    assert read_scenario(tmp_path / "s").scenario == scenario()
    officials = (tmp_path / "s" / "officials.csv").read_text(encoding="utf-8")
    assert "successor_for" in officials.splitlines()[0]
    path = tmp_path / "s" / "officials.csv"
    path.write_text(officials.replace("successor_for", "Quy hoạch chức danh"), encoding="utf-8")
    assert read_scenario(tmp_path / "s").scenario == scenario()


def refused(tmp_path: Path, found: Scenario, yaml_tail: str = "") -> str:
    write_scenario(found, tmp_path / "s")
    settings = tmp_path / "s" / "scenario.yaml"
    text = settings.read_text(encoding="utf-8")
    if yaml_tail:
        text = text.replace("succession:\n  year: 2021\n  months: 60\n", yaml_tail)
    settings.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "s")])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.output


def test_a_successor_without_a_whole_term_after_the_congress_is_refused(tmp_path: Path) -> None:
    """Retiring in June 2026: 54 months after 2021, 60 needed."""
    output = refused(tmp_path, scenario(retires=YearMonth(2026, 6)))
    assert "officials.csv" in output and "successor_for" in output
    assert "54" in output and "60" in output


def test_a_successor_needs_a_congress_and_a_known_post(tmp_path: Path) -> None:
    output = refused(tmp_path, scenario(), yaml_tail="\n")
    assert "succession" in output and "successor_for" in output
    output = refused(tmp_path / "b", scenario(), yaml_tail="succession:\n  year: 2030\n")
    assert "scenario.yaml" in output and "2030" in output
    output = refused(tmp_path / "c", scenario(planned="mayor"))
    assert "mayor" in output


def test_a_successor_out_of_reach_is_named_with_why(tmp_path: Path) -> None:
    """chair accepts only 'quản lý nhà nước', which no course grants: solve and explain say
    why no plan can ready A, not only that it cannot (trial)."""
    write_scenario(accepting(scenario(), "chair", "quản lý nhà nước"), tmp_path / "s")
    for lang, words in (
        ("en", "no plan can do it: 1 official (A) cannot reach"),
        ("vi", "không kế hoạch nào làm được: 1 người (A) không thể đạt"),
    ):
        result = CliRunner().invoke(
            main, ["--lang", lang, "solve", str(tmp_path / "s"), "--out", str(tmp_path / "p")]
        )
        assert result.exit_code == 3, result.output
        assert words in result.output, result.output
        assert ("in a field their post accepts" if lang == "en" else "đúng ngành") in result.output


def test_explain_names_the_need_no_course_can_meet_not_one_that_is_open() -> None:
    """A lacks llct elementary (a course is open) and a degree in a field the post accepts
    (no degree course at all): the reason is the degree, not a prerequisite (trial)."""
    from trainplan.solver.candidates import Facts
    from trainplan.solver.reasons import _reason

    found = tiny(
        officials=(official("A", post="finance", degree="college", fields={"degree": "luật"}),),
        courses=(external("E", track="llct", grants="elementary"),),
        offerings=(offer("E", 2020, seats=1),),
    )
    found = accepting(found, "finance", "kế toán")
    needs = (Need("llct", 1), Need("degree", 1, frozenset({"kế toán"})))
    kind, level = _reason(Facts.of(found), found.official_by_id["A"], needs, 2022)
    assert (kind, level.params["track"]) == ("eligibility", "degree")


def test_the_reports_show_the_succession_pool_as_people_see_them(tmp_path: Path) -> None:
    """report.html (in Chromium) and plan.xlsx list A, planned for chair, ready by 2021 with
    U (2020–2020); B, planned for nothing, is not listed."""
    import openpyxl
    from chromium import CHROMIUM, chromium

    write_scenario(without_targets(scenario()), tmp_path / "s")
    out = tmp_path / "plan"
    result = CliRunner().invoke(
        main, ["--lang", "vi", "solve", str(tmp_path / "s"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert CHROMIUM.exists(), "no /usr/bin/chromium: run `make chromium-deps` (as root)"
    with chromium(tmp_path / "profile") as browser:
        page = browser.open((out / "report.html").as_uri())
        assert page.console_errors() == []
        heading = page.evaluate("document.querySelector('#successors h2').textContent")
        assert heading == "Cán bộ quy hoạch"
        rows = page.evaluate(
            "[...document.querySelectorAll('#successors tbody tr')].map(r => r.innerText)"
        )
        assert len(rows) == 1 and "Cán bộ A" in rows[0], rows
        assert "có, chậm nhất cuối năm 2021" in rows[0] and "(2020–2020)" in rows[0], rows
        facts = page.evaluate("document.querySelector('#summary').innerText")
        assert "1/1 người được quy hoạch đạt chuẩn chức danh chậm nhất cuối năm 2021" in facts
        page.screenshot(tmp_path / "successors.png", height=1200)
    book = openpyxl.load_workbook(out / "plan.xlsx", read_only=True)
    sheet = [[c for c in row] for row in book["Quy hoạch"].iter_rows(values_only=True)]
    assert sheet[0][:6] == ["Đơn vị", "Họ và tên", "Chức vụ", "Quy hoạch vào", "Năm", "Đạt chuẩn"]
    assert sheet[1][1] == "Cán bộ A" and sheet[1][5] == "có" and len(sheet) == 2


def test_a_post_written_by_its_name_is_told_its_code(tmp_path: Path) -> None:
    """Planners write 'Chủ tịch' where the code 'chair' is wanted (trial)."""
    output = refused(tmp_path, scenario(planned="chủ tịch"))
    assert "successor_for" in output and "write the post's code, 'chair'" in output


def test_a_post_code_in_other_capitals_is_told_its_code(tmp_path: Path) -> None:
    output = refused(tmp_path, scenario(planned="CHAIR"))
    assert "write the post's code, 'chair'" in output
