"""The committee's reports: figures worked out by hand on tiny plans, plan.xlsx read back with
openpyxl against plan.json, and the ``report`` command (hand-made plans, other data, a
committee's approvals never overwritten)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders import external, internal, lecturer, offer, official, target, tiny
from click.testing import CliRunner
from openpyxl import load_workbook

from trainplan.checking.checker import evaluate
from trainplan.cli import main
from trainplan.files.planio import plan_files, write_plan_folder
from trainplan.models.plan import Enrollment, Plan
from trainplan.models.retirement import YearMonth
from trainplan.models.scenario import Budget, Scenario
from trainplan.reports.figures import Figures, ShortReason, compute_figures
from trainplan.reports.publish import report_files
from trainplan.wording.catalogue import LOCALE, say

TINY = Path(__file__).parent / "data" / "tiny"
M = 1_000_000


def short_cast() -> Scenario:
    """One unit U1 and one U2, 2020-2022, service obligation 2. Course ``deg`` (external,
    degree college, 24 months: spans two years, 10 M VND, 10 days away) offered in 2020;
    ``sc`` (internal, llct elementary, max_age 40) offered in 2020, never opened. Targets:
    ``t`` youth posts with a college degree, share 0.5; ``t2`` youth posts with llct
    elementary, share 1; ``t3`` civil servants of U1 with a college degree, share 0.

    - A (youth, llct elementary) takes ``deg`` in 2020: qualified from the end of 2021.
    - B (youth, college, born 1970): llct short; ``sc`` is closed to them by max_age (50 > 40).
    - C (finance, retires 2023-03): ``deg`` would end in 2021, 15 months before retiring, and
      owes 2 x 24 = 48: retiring.
    - D (finance, U1): ``deg`` is open to D, who counts only for ``t3``, met: targets_met.
    - E (youth, born 1985): both courses open, counts for ``t2``, short: limits.
    - F (finance, U2): counts for no target: not_needed.
    - G (chair, college): no course grants a university degree: no_course.
    """
    return tiny(
        officials=(
            official("A", llct="elementary"),
            official("B", degree="college", birth=(1970, 1)),
            official("C", post="finance", retires=YearMonth(2023, 3)),
            official("D", post="finance"),
            official("E"),
            official("F", post="finance", unit="U2"),
            official("G", post="chair", degree="college", llct="intermediate"),
        ),
        courses=(
            external("deg", months=24, cost=10 * M, away_days=10),
            internal("sc", max_age=40),
        ),
        offerings=(offer("deg", 2020, seats=5), offer("sc", 2020, classes=1)),
        lecturers=(lecturer(),),
        targets=(
            target("t", share=0.5, post=("youth",)),
            target("t2", share=1.0, has={"llct": "elementary"}, post=("youth",)),
            target("t3", share=0.0, category=("civil_servant",), unit=("U1",)),
        ),
        units=("U1", "U2"),
        budget=Budget(per_year=6 * M),
        service_obligation=2.0,
    )


def figures_of(scenario: Scenario, plan: Plan) -> Figures:
    return compute_figures(scenario, plan, evaluate(scenario, plan))


def test_attainment_cost_and_days_year_by_year_by_hand() -> None:
    scenario = short_cast()
    figures = figures_of(scenario, Plan((Enrollment("A", "deg", 2020),)))
    t = [(a.year, a.population, a.qualified, a.required, a.met) for a in figures.attainment]
    assert t[:3] == [(2020, 3, 1, 2, False), (2021, 3, 2, 2, True), (2022, 3, 2, 2, True)]
    at_target = [a for a in figures.attainment if a.is_target_year]
    assert [(a.target_id, a.qualified, a.required, a.met) for a in at_target] == [
        ("t", 2, 2, True),
        ("t2", 1, 3, False),
        ("t3", 0, 0, True),
    ]
    assert [(y.year, y.met, y.total) for y in figures.summary.targets_met_by_year] == [
        (2020, 1, 3),
        (2021, 2, 3),
        (2022, 2, 3),
    ]
    assert [(c.year, c.cost, c.learner_cost, c.within) for c in figures.cost_by_year] == [
        (2020, 5 * M, 5 * M, True),
        (2021, 5 * M, 5 * M, True),
        (2022, 0, 0, True),
    ]
    u1 = [(u.year, u.staff, u.days, u.limit) for u in figures.units_by_year if u.unit_id == "U1"]
    assert u1 == [(2020, 6, 5.0, 1500.0), (2021, 6, 5.0, 1500.0), (2022, 6, 0.0, 1500.0)]
    assert figures.summary.cost_total == 10 * M and figures.summary.targets_met == 2
    [row] = figures.schedule
    assert (row.official_name, row.unit_name, row.post_name, row.course_name) == (
        "Cán bộ A",
        "Xã U1",
        "Bí thư Đoàn",
        "Khóa deg",
    )
    assert (row.start_year, row.end_year, row.cost) == (2020, 2021, 10 * M)


def test_a_year_over_its_budget_is_marked() -> None:
    scenario = short_cast().model_copy(
        update={
            "settings": short_cast().settings.model_copy(update={"budget": Budget(per_year=4 * M)})
        }
    )
    figures = figures_of(scenario, Plan((Enrollment("A", "deg", 2020),)))
    assert [c.within for c in figures.cost_by_year] == [False, False, True]


def test_who_stays_short_and_why_by_hand() -> None:
    figures = figures_of(short_cast(), Plan((Enrollment("A", "deg", 2020),)))
    found = {s.official_id: [(g.track, g.reason, g.rule) for g in s.gaps] for s in figures.short}
    assert found == {
        "B": [("llct", ShortReason.NOT_ELIGIBLE, "max_age")],
        "C": [("degree", ShortReason.RETIRING, "obligation")],
        "D": [("degree", ShortReason.TARGETS_MET, "")],
        "E": [("degree", ShortReason.LIMITS, ""), ("llct", ShortReason.LIMITS, "")],
        "F": [("degree", ShortReason.NOT_NEEDED, "")],
        "G": [("degree", ShortReason.NO_COURSE, "")],
    }
    assert [s.official_id for s in figures.short] == ["B", "C", "D", "E", "G", "F"]  # by unit
    assert figures.summary.officials_short == 6


def test_the_plan_that_trains_e_leaves_e_off_the_list() -> None:
    plan = Plan((Enrollment("A", "deg", 2020), Enrollment("E", "deg", 2020)))
    figures = figures_of(short_cast(), plan)
    e = [s for s in figures.short if s.official_id == "E"]
    assert [(g.track, g.level) for s in e for g in s.gaps] == [("llct", "none")]


# ---------------------------------------------------------------- plan.xlsx against plan.json


def catalogue_words(lang: str) -> set[str]:
    from babel.messages.pofile import read_po

    with (LOCALE / lang / "LC_MESSAGES" / "report.po").open("rb") as handle:
        return {
            say(str(entry.id), lang)
            for entry in read_po(handle)
            if entry.id and "{" not in str(entry.string)
        }


def sheet_rows(book: object, index: int) -> list[dict[str, object]]:
    sheet = book.worksheets[index]  # type: ignore[attr-defined]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:] if any(row)]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_workbook_figures_equal_plan_json(
    builtin_scenario: Scenario, builtin_plan: Plan, tmp_path: Path, lang: str
) -> None:
    evaluation = evaluate(builtin_scenario, builtin_plan)
    files = {
        **plan_files(builtin_scenario, builtin_plan, evaluation),
        **report_files(builtin_scenario, builtin_plan, evaluation, lang),
    }
    write_plan_folder(tmp_path / "plan", files)
    document = json.loads((tmp_path / "plan" / "plan.json").read_text(encoding="utf-8"))
    book = load_workbook(tmp_path / "plan" / "plan.xlsx")
    w = lambda key: say(key, lang)  # noqa: E731

    summary = {row[0]: row[1] for row in book.worksheets[0].iter_rows(values_only=True)}
    assert summary[w("report.summary.cost_total")] == document["totals"]["cost"]
    assert summary[w("report.summary.money")] == document["objective"]["money"]
    assert summary[w("report.summary.away_days")] == document["totals"]["away_days"]
    assert summary[w("report.summary.targets_met")] == document["totals"]["targets_met"]

    budget = sheet_rows(book, 7)
    assert {str(r[w("report.col.year")]): r[w("report.col.cost")] for r in budget} == document[
        "cost_by_year"
    ]

    attained = [
        (
            r[w("report.col.target")],
            r[w("report.col.year")],
            r[w("report.col.population")],
            r[w("report.col.qualified")],
            r[w("report.col.required")],
            r[w("report.col.met")] == w("report.yes"),
        )
        for r in sheet_rows(book, 5)
        if r[w("report.col.year")] == r[w("report.col.target_year")]
    ]
    assert attained == [
        (a["target_id"], a["year"], a["population"], a["qualified"], a["required"], a["met"])
        for a in document["attainment"]
    ]

    schedule = sheet_rows(book, 1)
    assert sorted(
        (
            r[w("report.col.official_id")],
            r[w("report.col.course_id")],
            r[w("report.col.start_year")],
        )
        for r in schedule
    ) == sorted(
        (e["official_id"], e["course_id"], e["start_year"]) for e in document["enrollments"]
    )
    assert all(r[w("report.col.approved")] is None for r in schedule)
    assert sum(r[w("report.col.cost")] for r in schedule) == document["totals"]["learner_cost"]

    labels = set(book.sheetnames)
    for sheet in book.worksheets:
        labels |= {v for v in next(sheet.iter_rows(values_only=True)) if isinstance(v, str)}
    labels |= {v for v in summary if isinstance(v, str)}
    assert not [label for label in labels if label.startswith("report.")]
    other = "vi" if lang == "en" else "en"
    foreign = catalogue_words(other) - catalogue_words(lang)
    assert labels & foreign == set()
    assert len(labels) > 60


def test_charts_and_frozen_headers(
    builtin_scenario: Scenario, builtin_plan: Plan, tmp_path: Path
) -> None:
    evaluation = evaluate(builtin_scenario, builtin_plan)
    files = report_files(builtin_scenario, builtin_plan, evaluation, "vi")
    (tmp_path / "plan.xlsx").write_bytes(files["plan.xlsx"])  # type: ignore[arg-type]
    book = load_workbook(tmp_path / "plan.xlsx")
    assert [len(s._charts) for s in book.worksheets] == [0, 0, 0, 0, 0, 1, 0, 1, 0]
    assert all(s.freeze_panes == "A2" for s in book.worksheets)
    assert all(s.auto_filter.ref for s in book.worksheets[1:])
    cost = book.worksheets[7]["B2"]
    assert cost.number_format == "#,##0"
    assert book.worksheets[5]["H2"].number_format == "0.0%"


# ---------------------------------------------------------------- the report command


def hand_made(folder: Path) -> Path:
    folder.mkdir()
    (folder / "enrollments.csv").write_text(
        "official_id,course_id,start_year\nO2,llct-mid,2019\nO4,deg-college,2018\n",
        encoding="utf-8",
    )
    return folder


def test_report_on_a_hand_made_plan(tmp_path: Path) -> None:
    plan = hand_made(tmp_path / "plan")
    result = CliRunner().invoke(main, ["report", str(plan), str(TINY), "--lang", "vi"])
    assert result.exit_code == 0, result.output
    assert say("report.written", "vi", path=plan / "plan.xlsx") in result.output
    book = load_workbook(plan / "plan.xlsx")
    schedule = sheet_rows(book, 1)
    assert [(r["Họ và tên"], r["Năm bắt đầu"], r["Năm kết thúc"]) for r in schedule] == [
        ("Hoàng Thị Bình", 2019, 2019),
        ("Vi Thị Dung", 2018, 2019),
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan"]  # no temporary file left


def test_report_needs_the_scenario_of_a_hand_made_plan(tmp_path: Path) -> None:
    plan = hand_made(tmp_path / "plan")
    result = CliRunner().invoke(main, ["report", str(plan)])
    assert result.exit_code == 2
    assert say("report.scenario_needed", "en", folder=plan) in result.output
    assert not (plan / "plan.xlsx").exists()


def test_report_refuses_a_plan_made_from_other_data(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    solved = CliRunner().invoke(main, ["solve", str(TINY), "--out", str(plan)])
    assert solved.exit_code == 0, solved.output
    assert (plan / "plan.xlsx").is_file()
    before = (plan / "plan.xlsx").read_bytes()
    result = CliRunner().invoke(main, ["report", str(plan)])  # the built-in: not its scenario
    assert result.exit_code == 2
    assert say("report.scenario_needed", "en", folder=plan) in result.output
    edited = tmp_path / "edited"
    edited.mkdir()
    for path in TINY.iterdir():
        (edited / path.name).write_bytes(path.read_bytes())
    yaml = edited / "scenario.yaml"
    yaml.write_text(yaml.read_text().replace("share: 0.5", "share: 0.6"))
    result = CliRunner().invoke(main, ["report", str(plan), str(edited)])
    assert result.exit_code == 2
    assert "nothing written" in result.output
    assert (plan / "plan.xlsx").read_bytes() == before
    result = CliRunner().invoke(main, ["report", str(plan), str(TINY), "--lang", "vi"])
    assert result.exit_code == 0, result.output
    assert load_workbook(plan / "plan.xlsx").sheetnames[0] == say("report.sheet.summary", "vi")


def test_a_committees_approvals_are_never_overwritten(tmp_path: Path) -> None:
    plan = hand_made(tmp_path / "plan")
    assert CliRunner().invoke(main, ["report", str(plan), str(TINY)]).exit_code == 0
    book = load_workbook(plan / "plan.xlsx")
    book.worksheets[1]["J2"] = "OK"  # the approved column of the schedule
    book.save(plan / "plan.xlsx")
    before = (plan / "plan.xlsx").read_bytes()
    (plan / "report.html").unlink()
    result = CliRunner().invoke(main, ["report", str(plan), str(TINY)])
    assert result.exit_code == 0  # the workbook is kept; the rest is refreshed
    assert say("report.approvals_kept", "en", path=plan / "plan.xlsx", n=1) in result.output
    assert (plan / "plan.xlsx").read_bytes() == before
    assert (plan / "report.html").is_file()


def test_check_refreshes_the_reports_only_when_asked(tmp_path: Path) -> None:
    plan = hand_made(tmp_path / "plan")
    CliRunner().invoke(main, ["check", str(TINY), str(plan)])
    assert not (plan / "plan.xlsx").exists()
    CliRunner().invoke(main, ["check", str(TINY), str(plan), "--report"])
    assert (plan / "plan.xlsx").is_file()


def test_report_on_a_plan_that_breaks_rules_names_them(tmp_path: Path) -> None:
    """The report is written (a committee may want to see a draft), and the terminal lists
    each broken rule as check does."""
    plan = hand_made(tmp_path / "plan")
    with (plan / "enrollments.csv").open("a", encoding="utf-8") as handle:
        handle.write("nobody-99,llct-elem,2018\n")
    result = CliRunner().invoke(main, ["report", str(plan), str(TINY)])
    assert result.exit_code == 0
    assert "[unknown_official]" in result.output and "nobody-99" in result.output
