"""The explanations of missed targets in the plan folder's reports: report.html (opened in a
real headless Chromium) and plan.xlsx (read back), in both languages, and rewritten by
``report`` from what plan.json keeps."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from builders import external, offer, target, tiny
from chromium import CHROMIUM, chromium
from click.testing import CliRunner
from solving import youths

from cli import main
from trainplan.files.scenario_writer import write_scenario


@pytest.fixture(scope="module")
def solved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """6 officials need a college degree by 2022; 2 seats in 2020 and 2 in 2021: missed."""
    scenario = tiny(
        officials=youths(6),
        courses=(external("cd"),),
        offerings=(offer("cd", 2020, seats=2), offer("cd", 2021, seats=2)),
        targets=(target("college-2022", year=2022),),
    )
    root = tmp_path_factory.mktemp("why")
    write_scenario(scenario, root / "scenario")
    result = CliRunner().invoke(
        main, ["solve", str(root / "scenario"), "--out", str(root / "plan"), "--lang", "vi"]
    )
    assert result.exit_code == 0, result.output
    return root / "scenario", root / "plan"


def test_the_page_shows_why_and_the_fixes_in_chromium(
    solved: tuple[Path, Path], tmp_path: Path
) -> None:
    _, plan = solved
    assert CHROMIUM.exists(), "no /usr/bin/chromium: run `make chromium-deps` (as root)"
    with chromium(tmp_path / "profile") as browser:
        page = browser.open((plan / "report.html").as_uri())
        assert page.console_errors() == []
        heading = page.evaluate("document.querySelector('#why h2').textContent")
        assert heading == "Vì sao chưa đạt chỉ tiêu"
        rows = page.evaluate(
            "[...document.querySelectorAll('#why tbody tr')].map(r => r.innerText)"
        )
        assert len(rows) == 4  # two seat limits, two fixes
        assert any("giới hạn: số chỗ học khóa cd năm 2020: 2" in row for row in rows)
        assert any("4 chỗ học cd năm 2020 thay vì 2" in row and row.endswith("6") for row in rows)
        linked = page.evaluate("[...document.querySelectorAll('nav a')].map(a => a.hash)")
        assert "#why" in linked
        page.screenshot(tmp_path / "why.png", height=1200)


def test_the_workbook_has_a_sheet_of_why(solved: tuple[Path, Path]) -> None:
    _, plan = solved
    book = openpyxl.load_workbook(plan / "plan.xlsx")
    sheet = book["Vì sao chưa đạt"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Chỉ tiêu", "Năm", "Loại", "Giải thích", "Số đạt chuẩn khi đó"]
    assert rows[1][:3] == ["college-2022", 2022, "giới hạn cản trở"]
    fixes = [row for row in rows[1:] if row[2] == "thay đổi giúp đạt"]
    assert [row[4] for row in fixes] == [6, 6]


def test_report_words_the_kept_explanations_again_in_english(
    solved: tuple[Path, Path], tmp_path: Path
) -> None:
    scenario, plan = solved
    document = json.loads((plan / "plan.json").read_text(encoding="utf-8"))
    assert document["explanations"][0]["target_id"] == "college-2022"
    result = CliRunner().invoke(main, ["report", str(plan), str(scenario), "--lang", "en"])
    assert result.exit_code == 0, result.output
    html = (plan / "report.html").read_text(encoding="utf-8")
    assert "Why targets are missed" in html
    assert "4 seats of cd in 2020 instead of 2" in html
    book = openpyxl.load_workbook(plan / "plan.xlsx")
    assert "Why missed" in book.sheetnames


def test_a_plan_meeting_every_target_has_no_why(tmp_path: Path) -> None:
    scenario = tiny(
        officials=youths(2),
        courses=(external("cd"),),
        offerings=(offer("cd", 2020, seats=2),),
        targets=(target(year=2022),),
    )
    write_scenario(scenario, tmp_path / "s")
    result = CliRunner().invoke(main, ["solve", str(tmp_path / "s"), "--out", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    assert 'id="why"' not in (tmp_path / "p" / "report.html").read_text(encoding="utf-8")
    assert "Why missed" not in openpyxl.load_workbook(tmp_path / "p" / "plan.xlsx").sheetnames
