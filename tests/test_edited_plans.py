"""A plan a planner edited by hand is their work: re-solving never drops it.

``solve`` keeps the plan it replaces in ``<out>.previous``; a plan kept there earlier is
dropped only if it is exactly as trainplan wrote it (plan.json records a digest of each
table), and set aside as ``<out>.previous-N`` if it was edited (the trial: a planner removed a
row, ``check`` said the plan keeps every rule, two re-solves later the edit was gone).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from trainplan import cli
from trainplan.files.planio import edited_by_hand

TINY = Path(__file__).parent / "data" / "tiny"


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    return folder


def _solve(scenario: Path, out: Path, lang: str = "en") -> str:
    result = CliRunner().invoke(
        cli.main, ["solve", str(scenario), "--out", str(out), "--time-limit", "30", "--lang", lang]
    )
    assert result.exit_code == 0, result.output
    return result.output


def _edit(plan: Path) -> bytes:
    """Add an enrollment, as a planner would in Excel; the edited file's bytes."""
    table = plan / "enrollments.csv"
    with table.open("a", encoding="utf-8", newline="") as handle:
        handle.write("O4,llct-elem,2019\r\n")
    return table.read_bytes()


def test_a_plan_as_written_is_not_edited_and_an_edit_is_seen(
    tmp_path: Path, scenario: Path
) -> None:
    plan = tmp_path / "plans" / "tiny"
    _solve(scenario, plan)
    assert not edited_by_hand(plan)
    _edit(plan)
    assert edited_by_hand(plan)


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "An earlier plan edited by hand is kept in"), ("vi", "đã được sửa tay được giữ lại")],
)
def test_re_solving_twice_keeps_a_plan_edited_by_hand(
    tmp_path: Path, scenario: Path, lang: str, words: str
) -> None:
    plan = tmp_path / "plans" / "tiny"
    _solve(scenario, plan)
    edited = _edit(plan)
    first = _solve(scenario, plan, lang)  # the edited plan becomes tiny.previous
    assert (tmp_path / "plans" / "tiny.previous" / "enrollments.csv").read_bytes() == edited
    assert words not in first
    second = _solve(scenario, plan, lang)  # tiny.previous (edited) is set aside, not dropped
    aside = tmp_path / "plans" / "tiny.previous-1"
    assert (aside / "enrollments.csv").read_bytes() == edited
    assert words in second and str(aside) in second
    third = _solve(scenario, plan, lang)  # tiny.previous is now as written: simply replaced
    assert words not in third
    assert sorted(p.name for p in (tmp_path / "plans").iterdir()) == [
        "tiny",
        "tiny.previous",
        "tiny.previous-1",
    ]


def test_a_plan_whose_workbook_holds_approvals_is_never_dropped(
    tmp_path: Path, scenario: Path
) -> None:
    """The committee marks a row approved in plan.xlsx; two re-solves later it is still there
    (set aside as tiny.previous-1), even though no CSV table was touched."""
    import openpyxl

    from trainplan.files.approvals import approvals
    from trainplan.wording import say

    plan = tmp_path / "plans" / "tiny"
    _solve(scenario, plan)
    book = openpyxl.load_workbook(plan / "plan.xlsx")
    header = say("report.col.approved", "en")
    for sheet in book.worksheets:
        titles = [cell.value for cell in sheet[1]]
        if header in titles:
            sheet.cell(row=2, column=titles.index(header) + 1, value="x")
            break
    else:
        pytest.fail("plan.xlsx has no approved column")
    book.save(plan / "plan.xlsx")
    assert approvals(plan / "plan.xlsx") == 1
    assert edited_by_hand(plan)
    _solve(scenario, plan)
    _solve(scenario, plan)
    assert approvals(tmp_path / "plans" / "tiny.previous-1" / "plan.xlsx") == 1


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "was changed by hand since trainplan wrote it"), ("vi", "đã được sửa tay")],
)
def test_report_keeps_a_workbook_edited_by_hand_and_refreshes_its_own(
    tmp_path: Path, scenario: Path, lang: str, words: str
) -> None:
    """A note typed into plan.xlsx (no approval) is not lost to ``trainplan report``; a
    workbook trainplan itself wrote (by solve, or by a report before) is rewritten."""
    import openpyxl

    plan = tmp_path / "plans" / "tiny"
    _solve(scenario, plan)
    refresh = ["report", str(plan), str(scenario), "--lang", lang]
    first = CliRunner().invoke(cli.main, refresh)  # its own workbook: refreshed
    assert first.exit_code == 0, first.output
    assert words not in first.output
    second = CliRunner().invoke(cli.main, refresh)  # still its own (plan.json says so)
    assert words not in second.output
    book = openpyxl.load_workbook(plan / "plan.xlsx")
    book.worksheets[0]["H1"] = "Ghi chú của hội đồng"
    book.save(plan / "plan.xlsx")
    edited = (plan / "plan.xlsx").read_bytes()
    (plan / "report.html").unlink()
    third = CliRunner().invoke(cli.main, refresh)
    assert third.exit_code == 0, third.output
    assert words in third.output
    assert (plan / "plan.xlsx").read_bytes() == edited
    assert (plan / "report.html").is_file()
    assert edited_by_hand(plan)  # a re-solve sets the plan aside rather than dropping it
