"""Re-planning from the command line: bad input refused (exit 2, nothing written), an approved
enrollment that collides with the budget named with the budget, and ``check`` reading the
history of a re-plan on its own.

The scenario (written to disk): officials A, B; course C (degree -> college, 12 months, 10M)
offered 2020-2022, one seat a year; target: both hold college by 2022.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from builders import external, offer, official, target, tiny
from click.testing import CliRunner

from trainplan import cli
from trainplan.files.scenario_writer import write_scenario
from trainplan.models.scenario import Budget, Scenario


def scenario(**changes: object) -> Scenario:
    values: dict[str, object] = {
        "officials": (official("A"), official("B")),
        "courses": (external("C"),),
        "offerings": tuple(offer("C", year, seats=1) for year in (2020, 2021, 2022)),
        "targets": (target(),),
    }
    values.update(changes)
    return tiny(**values)  # type: ignore[arg-type]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli.main, list(args))
    return result.exit_code, result.output


def replan(folder: Path, base: Path, out: Path, *options: str) -> tuple[int, str]:
    """``solve FOLDER --baseline BASE --out OUT [options]``."""
    return run("solve", str(folder), "--baseline", str(base), "--out", str(out), *options)


@pytest.fixture
def solved(tmp_path: Path) -> tuple[Path, Path]:
    """The scenario folder and its plan (A and B start C in two of the three years)."""
    folder = tmp_path / "scenario"
    write_scenario(scenario(), folder)
    code, output = run("solve", str(folder), "--out", str(tmp_path / "base"))
    assert code == 0, output
    return folder, tmp_path / "base"


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def write_actuals(folder: Path, *lines: str) -> None:
    text = "official_id,course_id,start_year,status\n" + "".join(f"{line}\n" for line in lines)
    (folder / "actuals.csv").write_text(text, encoding="utf-8")


def test_a_replan_as_of_with_actuals_passes_check_and_a_moved_history_row_does_not(
    solved: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, base = solved
    first = min(rows(base / "enrollments.csv"), key=lambda r: int(r["start_year"]))
    write_actuals(folder, f"{first['official_id']},C,{first['start_year']},completed")
    replan = tmp_path / "replan"
    as_of = str(int(first["start_year"]) + 1)
    code, output = run(
        "solve", str(folder), "--baseline", str(base), "--as-of", as_of, "--out", str(replan)
    )
    assert code == 0, output
    code, output = run("check", str(folder), str(replan))  # baseline, as-of from plan.json
    assert code == 0, output
    table = (replan / "enrollments.csv").read_text(encoding="utf-8-sig")
    moved = table.replace(f",C,{first['start_year']},", f",C,{as_of},", 1)
    assert moved != table
    (replan / "enrollments.csv").write_text(moved, encoding="utf-8-sig")
    code, output = run("check", str(folder), str(replan))
    assert code == 3
    assert "[history]" in output and first["official_id"] in output


def test_an_approved_enrollment_that_breaks_the_budget_is_named_with_the_budget(
    solved: tuple[Path, Path], tmp_path: Path
) -> None:
    """The committee approves A's enrollment; the budget is then cut to 5M a year: no plan
    can keep the approval; the conflict names the approved enrollment and the budget."""
    folder, base = solved
    table = rows(base / "enrollments.csv")
    header = [*table[0].keys(), "approved"]
    chosen = next(r for r in table if r["official_id"] == "A")
    with (base / "enrollments.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, header)
        writer.writeheader()
        for row in table:
            writer.writerow({**row, "approved": "x" if row is chosen else ""})
    write_scenario(scenario(budget=Budget(per_year=5_000_000)), folder)
    out = tmp_path / "replan"
    code, output = run("solve", str(folder), "--baseline", str(base), "--out", str(out))
    assert code == 3, output
    year = chosen["start_year"]
    assert f"approved in {base.resolve()}: A C {year}" in output
    assert f"the budget of {year} is 5,000,000 VND" in output
    assert not out.exists()


@pytest.mark.parametrize(
    ("actuals", "as_of", "where"),
    [
        ("Z,C,2020,completed", "2021", "actuals.csv row 2, official_id"),
        ("A,Q,2020,completed", "2021", "actuals.csv row 2, course_id"),
        ("A,C,2020,finished", "2021", "actuals.csv row 2, status"),
        ("A,C,2021,completed", "2021", "actuals.csv row 2, start_year"),
        ("A,C,2020,in_progress", "2021", "actuals.csv row 2, status"),
        ("A,C,2020,completed", "2030", "--as-of"),
    ],
)
def test_bad_replan_input_is_refused_naming_file_row_and_column(
    solved: tuple[Path, Path], tmp_path: Path, actuals: str, as_of: str, where: str
) -> None:
    folder, base = solved
    write_actuals(folder, actuals)
    out = tmp_path / "replan"
    code, output = run(
        "solve", str(folder), "--baseline", str(base), "--as-of", as_of, "--out", str(out)
    )
    assert code == 2, output
    assert where in output
    assert not out.exists()


def test_a_baseline_that_is_not_a_plan_is_refused(
    solved: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, _ = solved
    out = tmp_path / "replan"
    code, output = run("solve", str(folder), "--baseline", str(folder), "--out", str(out))
    assert code == 2 and "not a plan folder" in output
    assert not out.exists()
    code, output = run("--lang", "vi", "solve", str(folder), "--as-of", "2021", "--out", str(out))
    assert code == 2 and "--baseline" in output
    assert not out.exists()


def test_approvals_typed_into_plan_xlsx_are_kept_as_require_pins(
    solved: tuple[Path, Path], tmp_path: Path
) -> None:
    """The committee fills in the approved column of plan.xlsx's schedule and saves it: the
    re-plan reads it back (here it collides with a budget cut, and says so)."""
    from openpyxl import load_workbook

    folder, base = solved
    book = load_workbook(base / "plan.xlsx")
    sheet = book["Schedule"]
    header = [cell.value for cell in sheet[1]]
    official, approved = header.index("Official id"), header.index("Approved")
    start = header.index("Starts")
    row = next(r for r in sheet.iter_rows(min_row=2) if r[official].value == "A")
    row[approved].value = "yes"
    year = row[start].value
    book.save(base / "plan.xlsx")
    write_scenario(scenario(budget=Budget(per_year=5_000_000)), folder)
    code, output = replan(folder, base, tmp_path / "r")
    assert code == 3, output
    assert f"approved in {base.resolve()}: A C {year}" in output


def test_report_rewrites_a_replans_changes_from_its_plan_json(
    solved: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, base = solved
    first = min(rows(base / "enrollments.csv"), key=lambda r: int(r["start_year"]))
    write_actuals(folder, f"{first['official_id']},C,{first['start_year']},dropped")
    replan = tmp_path / "replan"
    as_of = str(int(first["start_year"]) + 1)
    code, output = run(
        "solve", str(folder), "--baseline", str(base), "--as-of", as_of, "--out", str(replan)
    )
    assert code == 0 and "history: dropped out (actuals)" in output, output
    (replan / "report.html").unlink()
    code, output = run("report", str(replan), str(folder))
    assert code == 0, output
    page = (replan / "report.html").read_text(encoding="utf-8")
    assert 'id="changes"' in page and "history: dropped out (actuals)" in page


def test_approval_cells_are_read_as_written_and_unclear_ones_are_named() -> None:
    from trainplan.files.approvals import approval

    for yes in ("x", "X", "Có", "co", "Duyệt", "đã duyệt", "Đồng ý", "ok", "✓", "1"):
        assert approval(yes) is True, yes
    for no in ("", None, "không", "Chưa", "chưa duyệt", "no", "0", "-", "Không đồng ý"):
        assert approval(no) is False, no
    for unclear in ("?", "xem lại", "maybe", "chưa rõ"):
        assert approval(unclear) is None, unclear


def test_an_unclear_approval_is_named_and_not_kept_and_the_approvals_read_are_counted(
    solved: tuple[Path, Path], tmp_path: Path
) -> None:
    """'chưa rõ' (not clear yet) for A and 'x' for B: B's enrollment is approved, A's is not,
    and the planner is told both."""
    from openpyxl import load_workbook

    folder, base = solved
    book = load_workbook(base / "plan.xlsx")
    sheet = book["Schedule"]
    header = [cell.value for cell in sheet[1]]
    official, approved = header.index("Official id"), header.index("Approved")
    for row in sheet.iter_rows(min_row=2):
        row[approved].value = {"A": "chưa rõ", "B": "x"}[row[official].value]
    book.save(base / "plan.xlsx")
    code, output = replan(folder, base, tmp_path / "r")
    assert code == 0, output
    where = f"warning: {base / 'plan.xlsx'} [Schedule] row "
    assert where in output
    assert "approved: 'chưa rõ' in the approved column is neither a yes nor a no" in output
    assert f"1 approved enrollment read from {base}" in output


def test_actuals_without_as_of_are_said_to_be_unread_and_a_missing_baseline_is_named(
    solved: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, base = solved
    write_actuals(folder, "A,C,2020,dropped")
    code, output = replan(folder, base, tmp_path / "r")
    assert code == 0, output
    assert "actuals.csv: not read: what really happened counts only with --as-of YEAR" in output
    code, output = run(
        "solve", str(folder), "--baseline", str(tmp_path / "nowhere"), "--out", str(tmp_path / "s")
    )
    assert code == 2 and "no such folder" in output


def test_bad_actuals_are_reported_as_the_scenarios_not_the_baselines(
    solved: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, base = solved
    write_actuals(folder, "Z9,C,2020,completed")
    code, output = replan(folder, base, tmp_path / "r", "--as-of", "2021")
    assert code == 2, output
    assert f"problem in {folder}" in output


def test_money_spent_on_a_dropped_course_is_shown_beside_the_cost(
    solved: tuple[Path, Path], tmp_path: Path
) -> None:
    """A dropped C in 2020 spent its 10 million: no year's cost shows it, the total budget
    counts it, and the summary says so."""
    folder, base = solved
    write_actuals(folder, "A,C,2020,dropped")
    code, output = replan(folder, base, tmp_path / "r", "--as-of", "2021")
    assert code == 0, output
    assert "Already spent on courses dropped or failed before the as-of year: 10,000,000 VND" in (
        output
    )


@pytest.mark.parametrize(
    ("actuals", "where"),
    [
        ("Z,C,2020,completed", "actuals.csv row 2, official_id"),
        ("A,C,2020,finished", "actuals.csv row 2, status"),
        ("A,C,twenty,completed", "actuals.csv row 2, start_year"),
    ],
)
def test_validate_reads_actuals_as_solve_will(tmp_path: Path, actuals: str, where: str) -> None:
    """A planner validates before re-planning: a bad actuals.csv is named there already."""
    folder = tmp_path / "scenario"
    write_scenario(scenario(), folder)
    write_actuals(folder, "A,C,2020,completed")
    code, output = run("validate", str(folder))
    assert code == 0, output
    assert "actuals.csv: 1 row of what happened" in output
    write_actuals(folder, actuals)
    code, output = run("validate", str(folder))
    assert code == 2, output
    assert where in output


def as_workbook(folder: Path) -> Path:
    """The scenario folder's tables as the sheets of one workbook (scenario.yaml kept)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for table in sorted(folder.glob("*.csv")):
        sheet = book.create_sheet(table.stem)
        with table.open(encoding="utf-8", newline="") as handle:
            for line in csv.reader(handle):
                sheet.append(line)
        table.unlink()
    book.save(folder / "scenario.xlsx")
    return folder / "scenario.xlsx"


def test_what_happened_may_be_a_sheet_of_the_workbook_in_vietnamese(
    solved: tuple[Path, Path], tmp_path: Path
) -> None:
    """A planner keeping everything in Excel writes actuals in a sheet 'Đã diễn ra' with
    Vietnamese headers and statuses; validate and the re-plan read it; a bad status is named
    at its sheet, row and column; the sheet and an actuals.csv together are refused."""
    import openpyxl

    folder, base = solved
    first = min(rows(base / "enrollments.csv"), key=lambda r: int(r["start_year"]))
    workbook = as_workbook(folder)
    book = openpyxl.load_workbook(workbook)
    sheet = book.create_sheet("Đã diễn ra")
    sheet.append(["Mã CB", "Mã khóa học", "Năm bắt đầu", "Tình trạng"])
    sheet.append([first["official_id"], "C", int(first["start_year"]), "Hoàn thành"])
    book.save(workbook)
    code, output = run("validate", str(folder))
    assert code == 0, output
    assert "scenario.xlsx [Đã diễn ra]: 1 row of what happened" in output
    out = tmp_path / "replan"
    as_of = str(int(first["start_year"]) + 1)
    code, output = replan(folder, base, out, "--as-of", as_of)
    assert code == 0, output
    document = (out / "plan.json").read_text(encoding="utf-8")
    assert '"actuals"' in document
    sheet.cell(2, 4).value = "xong rồi"
    book.save(workbook)
    code, output = run("validate", str(folder))
    assert code == 2, output
    assert "scenario.xlsx [Đã diễn ra] row 2, Tình trạng" in output
    code, output = replan(folder, base, tmp_path / "again", "--as-of", as_of)
    assert code == 2 and f"1 problem in {folder}:" in output, output  # the scenario's, not base's
    assert "scenario.xlsx [Đã diễn ra] row 2, Tình trạng" in output
    write_actuals(folder, f"{first['official_id']},C,{first['start_year']},completed")
    code, output = run("validate", str(folder))
    assert code == 2 and "keep one of them" in output, output
