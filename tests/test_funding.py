"""Who pays (issue 13, Decree 171/2025 Art. 32): a course's learners may pay their own way
(``courses.funding: self``, for officials with ``self_funding: true``), or another source may
fund a course (``funding: other``). Learners' own money counts toward nothing public; another
source's counts in the money but not against the budget — in the solver, the independent
checker, the reports and the files planners write.

Three youth secretaries need a college degree by 2022: S asked to study at their own cost, A
and B did not. ``cd`` costs 10 M a learner.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from builders import external, internal, lecturer, offer, official, target, tiny
from click.testing import CliRunner
from solving import M, solve_optimal

from cli import main
from trainplan.checking.checker import evaluate
from trainplan.files.loader import read_scenario
from trainplan.files.scenario_writer import write_scenario
from trainplan.models.fingerprint import input_hash
from trainplan.models.plan import Enrollment, Plan
from trainplan.models.rules import Rule
from trainplan.models.scenario import Budget, Scenario


def scenario(*, funding: str = "self", total: int | None = 10 * M, share: float = 1.0) -> Scenario:
    return tiny(
        officials=(official("S", self_funding=True), official("A"), official("B")),
        courses=(external("cd", cost=10 * M, funding=funding),),
        offerings=(offer("cd", 2020, seats=3),),
        targets=(target(share=share),),
        budget=Budget(total=total),
    )


def test_an_official_who_asked_pays_and_the_budget_pays_the_others() -> None:
    """Budget 10 M: S pays their own 10 M, so the budget trains one more (A or B), and the
    third cannot be trained: shortfall 1, money 10 M (S's fee is not public money)."""
    plan, evaluation = solve_optimal(scenario(), shortfall=1, money=10 * M)
    assert Enrollment("S", "cd", 2020) in plan.enrollments
    assert len(plan.enrollments) == 2
    assert evaluation.self_paid == 10 * M
    assert sum(evaluation.cost_by_year.values()) == 10 * M == evaluation.cost_total


def test_without_self_funding_the_budget_trains_only_one() -> None:
    plan, evaluation = solve_optimal(scenario(funding="budget"), shortfall=2, money=10 * M)
    assert len(plan.enrollments) == 1 and evaluation.self_paid == 0


def test_the_report_says_the_whole_cost_and_the_budgets_part(tmp_path: Path) -> None:
    """One word for one amount (trial): report.html's cost is the whole public cost, 30 M,
    with the budget's part of it (0 here) said beside it."""
    write_scenario(scenario(funding="other", total=0), tmp_path / "s")
    out = tmp_path / "plan"
    result = CliRunner().invoke(main, ["solve", str(tmp_path / "s"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "30,000,000 VND, of which the budget pays 0 VND" in page


def test_another_source_pays_outside_the_budget_but_in_the_money() -> None:
    """Budget 0: the province pays all three (30 M): every target met, money 30 M, the budget
    spends nothing."""
    plan, evaluation = solve_optimal(scenario(funding="other", total=0), shortfall=0, money=30 * M)
    assert len(plan.enrollments) == 3
    assert evaluation.other_paid == 30 * M
    assert sum(evaluation.cost_by_year.values()) == 0


def test_another_source_pays_an_internal_courses_classes_and_lecturers() -> None:
    """One llct class (1 M a learner, 5 M a class, 40 h at 100,000 VND) paid by the province:
    budget 0 and the class still opens; money 1 + 5 + 4 = 10 M."""
    found = tiny(
        officials=(official("A"),),
        courses=(internal("I", funding="other"),),
        offerings=(offer("I", 2020, classes=1),),
        lecturers=(lecturer("L1"),),
        targets=(target(has={"llct": "elementary"}),),
        budget=Budget(total=0),
    )
    _, evaluation = solve_optimal(found, shortfall=0, money=10 * M)
    assert evaluation.other_paid == 10 * M and sum(evaluation.cost_by_year.values()) == 0


def test_the_checker_counts_the_budget_only_for_what_it_pays() -> None:
    both = Plan(enrollments=(Enrollment("A", "cd", 2020), Enrollment("B", "cd", 2020)))
    broken = evaluate(scenario(), both)
    assert [v.rule for v in broken.violations] == [Rule.BUDGET_TOTAL]
    assert broken.violations[0].params["cost"] == 20 * M
    kept = Plan(enrollments=(Enrollment("A", "cd", 2020), Enrollment("S", "cd", 2020)))
    assert evaluate(scenario(), kept).violations == []
    assert evaluate(scenario(), kept).money == Fraction(10 * M)


def test_files_read_vietnamese_words_and_refuse_unknown_payers(tmp_path: Path) -> None:
    write_scenario(scenario(), tmp_path / "s")
    courses = tmp_path / "s" / "courses.csv"
    officials = tmp_path / "s" / "officials.csv"
    assert "funding" in courses.read_text(encoding="utf-8").splitlines()[0]
    courses.write_text(
        courses.read_text(encoding="utf-8")
        .replace("funding", "Nguồn kinh phí")
        .replace(",self", ",Tự túc"),
        encoding="utf-8",
    )
    officials.write_text(
        officials.read_text(encoding="utf-8").replace("self_funding", "Tự túc kinh phí"),
        encoding="utf-8",
    )
    assert read_scenario(tmp_path / "s").scenario == scenario()
    courses.write_text(
        courses.read_text(encoding="utf-8").replace(",Tự túc", ",the parents"), encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "s")])
    assert result.exit_code == 2, result.output
    assert "courses.csv" in result.output and "the parents" in result.output
    assert "Traceback" not in result.output


def test_scenarios_without_payers_write_and_hash_as_before(tmp_path: Path) -> None:
    plain = scenario(funding="budget")
    plain = plain.model_copy(
        update={
            "officials": tuple(
                o.model_copy(update={"self_funding": False}) for o in plain.officials
            )
        }
    )
    write_scenario(plain, tmp_path / "p")
    for table in ("officials", "courses"):
        header = (tmp_path / "p" / f"{table}.csv").read_text(encoding="utf-8").splitlines()[0]
        assert "funding" not in header, table
    assert input_hash(plain) != input_hash(scenario())


@pytest.mark.parametrize(("lang", "words"), [("en", "Who pays"), ("vi", "Nguồn kinh phí")])
def test_the_plan_folder_says_who_pays(tmp_path: Path, lang: str, words: str) -> None:
    write_scenario(scenario(), tmp_path / "s")
    out = tmp_path / "plan"
    result = CliRunner().invoke(
        main, ["--lang", lang, "solve", str(tmp_path / "s"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert words in result.output  # the terminal's line
    assert words in (out / "report.html").read_text(encoding="utf-8")
    book = openpyxl.load_workbook(out / "plan.xlsx", read_only=True)
    summary = [row for row in book.worksheets[0].iter_rows(values_only=True) if row[0]]
    paid = [row[1] for row in summary if "tự túc" in str(row[0]) or "own cost" in str(row[0])]
    assert paid == [10 * M]
    checked = CliRunner().invoke(main, ["check", str(tmp_path / "s"), str(out)])
    assert checked.exit_code == 0, checked.output
    rows = (out / "enrollments.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].endswith(",paid_by") and any(
        r.startswith("S,cd,") and r.endswith(",self") for r in rows
    )
    schedule = book["Lịch học" if lang == "vi" else "Schedule"]
    header = next(schedule.iter_rows(values_only=True))
    assert header[-1] == ("Nguồn kinh phí" if lang == "vi" else "Paid by")
    page = (out / "report.html").read_text(encoding="utf-8")
    assert ("cán bộ tự túc" if lang == "vi" else "the official (own cost)") in page


def test_validate_warns_when_nobody_can_pay_their_own_way(tmp_path: Path) -> None:
    write_scenario(scenario(funding="budget"), tmp_path / "s")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "officials.csv row 2, self_funding" in result.output
    assert "no course lets learners pay" in result.output
