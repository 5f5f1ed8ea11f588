"""The command line as a planner meets it: real subprocesses of the installed command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TINY = Path(__file__).parent / "data" / "tiny"
TRAINPLAN = Path(sys.executable).parent / "trainplan"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(TRAINPLAN), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        encoding="utf-8",
        errors="replace",
    )


def test_validate_summarises_in_vietnamese() -> None:
    result = run("validate", str(TINY), "--lang", "vi")
    assert result.returncode == 0, result.stderr
    assert "Kịch bản tiny hợp lệ." in result.stdout
    assert "Cán bộ" in result.stdout and "Công chức" in result.stdout


def test_a_terminal_that_cannot_show_vietnamese_still_gets_the_summary() -> None:
    """A console in ASCII must not turn a valid scenario into an 'internal error'."""
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    result = run("validate", str(TINY), "--lang", "vi", env=env)
    assert result.returncode == 0, result.stderr
    assert "internal error" not in result.stderr
    assert "Traceback" not in result.stderr


def test_solve_then_check_round_trip(tmp_path: Path) -> None:
    solved = run("solve", str(TINY), "--out", str(tmp_path / "plan"), "--time-limit", "30")
    assert solved.returncode == 0, solved.stderr
    assert sorted(p.name for p in (tmp_path / "plan").iterdir()) == [
        "attainment.csv",
        "classes.csv",
        "enrollments.csv",
        "plan.json",
    ]
    checked = run("check", str(TINY), str(tmp_path / "plan"))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "The plan keeps every rule." in checked.stdout


def test_check_names_a_broken_rule_of_a_hand_made_plan(tmp_path: Path) -> None:
    """O1 is a chair with a degree at intermediate level; the college course has 2 seats in
    2018. Three people in them breaks the seats rule by one."""
    plan = tmp_path / "hand"
    plan.mkdir()
    (plan / "enrollments.csv").write_text(
        "official_id;course_id;start_year;ghi chú\n"
        "O1;deg-college;2018;\nO4;deg-college;2018;\nO2;deg-college;2018;x\n",
        encoding="utf-8-sig",
    )
    result = run("check", str(TINY), str(plan))
    assert result.returncode == 3
    assert "deg-college 2018: 3 learners for 2 seats (1 too many)" in result.stdout


def test_a_solver_plan_that_fails_the_check_is_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the solver and the independent check ever disagree, that is a bug: say so, exit 3,
    and keep the earlier plan rather than replace it with a broken one."""
    from click.testing import CliRunner
    from trainplan import cli
    from trainplan.checking.checker import Violation, evaluate

    folder = tmp_path / "plan"
    first = CliRunner().invoke(cli.main, ["solve", str(TINY), "--out", str(folder)])
    assert first.exit_code == 0, first.output
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    def broken(scenario, plan):  # type: ignore[no-untyped-def]
        evaluation = evaluate(scenario, plan)
        evaluation.violations.append(
            Violation("budget_total", {"cost": 2.0, "limit": 1, "over": 1.0})
        )
        return evaluation

    monkeypatch.setattr(cli, "evaluate", broken)
    second = CliRunner().invoke(cli.main, ["solve", str(TINY), "--out", str(folder)])
    assert second.exit_code == 3
    assert "Internal error: the solver's plan breaks 1 rule(s); nothing written" in second.output
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
