"""The command line as a planner meets it: real subprocesses of the installed command."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path
from typing import Any

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
    reports = ["plan.xlsx"] + (["report.html"] if find_spec("trainplan.reports.html") else [])
    assert sorted(p.name for p in (tmp_path / "plan").iterdir()) == sorted(
        ["attainment.csv", "classes.csv", "enrollments.csv", "plan.json", *reports]
    )
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
    assert "Internal error: the solver's plan breaks 1 rule; nothing written" in second.output
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


# ---------------------------------------------------------------- words of the terminal

PROGRESS = re.compile(r"^\[\w+\] best \d")
"""The English progress line that scripts and tests/test_faults.py wait for."""


def progress(stage: str, objective: float | None, bound: float | None, elapsed: float) -> Any:
    from trainplan.solver import Progress

    return Progress(stage, objective, bound, elapsed, solutions=1)


def test_progress_lines_name_the_stage_in_words() -> None:
    from trainplan.terminal import progress_line

    money = progress("money", 1_164_200_000.0, 1_160_000_000.0, 3.21)
    english = progress_line(money, "en")
    assert english == "[money] best 1,164,200,000, bound 1,160,000,000, gap 0.36%, 3.2 s"
    assert PROGRESS.match(english)
    assert PROGRESS.match(progress_line(progress("targets", 12.0, 10.0, 1.0), "en"))
    assert progress_line(money, "vi") == (
        "[chi phí quy đổi] tốt nhất 1.164.200.000, cận 1.160.000.000, khoảng cách 0,36%, 3,2 giây"
    )
    assert progress_line(progress("targets", 3.0, 1.0, 0.5), "vi").startswith("[chỉ tiêu] ")


def test_a_stage_without_a_plan_or_an_objective_says_it_is_searching() -> None:
    """Before a first plan there is no best; the reproduce stage has no objective of its own,
    so its zeros must not read as 'best 0'."""
    from trainplan.terminal import progress_line

    before = progress_line(progress("money", None, 5.0, 2.0), "en")
    assert before == "[money] searching, 2 s" and not PROGRESS.match(before)
    reproduce = progress_line(progress("reproduce", 0.0, 0.0, 4.25), "en")
    assert reproduce == "[making the plan reproducible] searching, 4.2 s"
    assert progress_line(progress("reproduce", 0.0, 0.0, 4.25), "vi") == (
        "[tìm kế hoạch tái lập được] đang tìm, 4,2 giây"
    )


def test_a_log_gets_a_line_per_better_plan_and_not_one_per_poll() -> None:
    from rich.console import Console

    from trainplan.terminal import ProgressPrinter

    console = Console(file=io.StringIO(), width=200)
    show = ProgressPrinter(console, "en")
    show(progress("money", 10.0, 5.0, 0.2))
    show(progress("money", 10.0, 5.0, 0.4))  # nothing new
    show(progress("money", 10.0, 6.0, 0.6))  # a better bound, but within a second
    show(progress("money", 9.0, 6.0, 0.8))  # a better plan
    show(progress("money", 9.0, 6.0, 11.0))  # ten quiet seconds
    show.stop()
    lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    assert [line.split(", gap")[0] for line in lines] == [
        "[money] best 10, bound 5",
        "[money] best 9, bound 6",
        "[money] best 9, bound 6",
    ]


@pytest.mark.parametrize(
    ("status", "gap", "english", "vietnamese"),
    [
        ("OPTIMAL", 0.0, "proven best plan", "kế hoạch tối ưu đã được chứng minh"),
        ("FEASIBLE", 0.0123, "best found, not proven (gap 1.23%)", "chưa chứng minh tối ưu"),
        ("FEASIBLE", None, "best found, not proven", "tốt nhất tìm được"),
        ("UNKNOWN", None, "no plan found", "không tìm được kế hoạch"),
        ("HAND_MADE", None, "HAND_MADE", "HAND_MADE"),
    ],
)
def test_the_solver_status_says_no_more_than_it_knows(
    status: str, gap: float | None, english: str, vietnamese: str
) -> None:
    """Only OPTIMAL is called a proven best plan; a FEASIBLE plan is the best found so far,
    even when its gap reads 0.00%."""
    from trainplan.models.plan import SolverInfo
    from trainplan.terminal import verdict
    from trainplan.wording import render

    said = verdict(SolverInfo(status=status, gap=gap))
    assert render(said, "en") == english
    assert vietnamese in render(said, "vi")


def test_solve_summarises_in_words_with_plurals_in_both_languages(tmp_path: Path) -> None:
    english = run("solve", str(TINY), "--out", str(tmp_path / "en"), "--time-limit", "30")
    assert english.returncode == 0, english.stderr
    assert re.search(
        r"^\d+ enrollments?, \d+ class(es)?; cost [\d,]+ VND; \d+ days? away$",
        english.stdout,
        re.MULTILINE,
    ), english.stdout
    assert re.search(r"^Solver: proven best plan; [\d.]+ s, seed 0, CP-SAT$", english.stdout, re.M)
    assert "(s)" not in english.stdout + english.stderr
    assert PROGRESS.search(english.stderr) or re.search(r"^\[\w+\] best", english.stderr, re.M)
    vietnamese = run(
        "solve", str(TINY), "--out", str(tmp_path / "vi"), "--time-limit", "30", "--lang", "vi"
    )
    assert vietnamese.returncode == 0, vietnamese.stderr
    assert re.search(r"^\d+ lượt học, \d+ lớp; chi phí [\d.]+ đồng;", vietnamese.stdout, re.M)
    assert "Bộ giải: kế hoạch tối ưu đã được chứng minh;" in vietnamese.stdout
    assert "Đã ghi kế hoạch vào" in vietnamese.stdout
    assert re.search(r"^\[chỉ tiêu\] tốt nhất \d", vietnamese.stderr, re.M), vietnamese.stderr


def test_check_words_a_broken_rule_in_vietnamese(tmp_path: Path) -> None:
    plan = tmp_path / "hand"
    plan.mkdir()
    (plan / "enrollments.csv").write_text(
        "official_id;course_id;start_year\nO1;deg-college;2018\nO4;deg-college;2018\n"
        "O2;deg-college;2018\n",
        encoding="utf-8-sig",
    )
    result = run("check", str(TINY), str(plan), "--lang", "vi")
    assert result.returncode == 3, result.stderr
    assert re.search(r"^Kế hoạch vi phạm \d+ quy định:$", result.stdout, re.MULTILINE)
    assert "  [seats] deg-college 2018:" in result.stdout
    assert "Tổng số" in result.stdout and "KHÔNG" in result.stdout


def test_amounts_too_large_are_worded_in_the_readers_language(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from trainplan import cli, solver

    def too_large(scenario: Any, options: Any) -> Any:
        raise solver.TooLarge("integer overflow")

    monkeypatch.setattr(solver, "solve", too_large)
    args = ["solve", str(TINY), "--out", str(tmp_path / "plan"), "--lang", "vi"]
    result = CliRunner().invoke(cli.main, args)
    assert result.exit_code == 2
    assert f"{TINY}: số tiền hoặc số lượng quá lớn để lập kế hoạch (integer overflow)" in (
        result.output
    )


def test_a_folder_that_cannot_be_written_is_one_error_line() -> None:
    """``error:`` with the reason: the error's ``message`` in the reader's words when it has
    one, else its English text."""
    from trainplan.files.planio import OutputError
    from trainplan.models.message import Message
    from trainplan.terminal import output_problem

    plain = OSError("plans/x: cannot write here")
    assert output_problem(plain, "en") == "error: plans/x: cannot write here"
    assert output_problem(plain, "vi") == "lỗi: plans/x: cannot write here"
    worded = OutputError(Message("terminal.place", file="pins.csv", row=2))
    assert output_problem(worded, "en") == "error: pins.csv row 2"
    assert output_problem(worded, "vi") == "lỗi: pins.csv dòng 2"


@pytest.mark.parametrize(
    ("argv", "environ", "lang"),
    [
        (["solve", "--lang", "vi"], {}, "vi"),
        (["solve", "--lang=vi"], {"TRAINPLAN_LANG": "en"}, "vi"),
        (["solve"], {"TRAINPLAN_LANG": "vi"}, "vi"),
        (["solve", "--lang", "fr"], {}, "en"),
        (["solve", "--lang"], {}, "en"),
    ],
)
def test_lines_outside_a_command_find_the_language(
    argv: list[str], environ: dict[str, str], lang: str
) -> None:
    from trainplan.terminal import language_of

    assert language_of(argv, environ) == lang


def test_ctrl_c_while_starting_says_stopped_in_the_readers_language(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from trainplan import cli

    def interrupted(**_: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "main", interrupted)
    monkeypatch.setattr(sys, "argv", ["trainplan", "validate", "--lang", "vi"])
    with pytest.raises(SystemExit) as stopped:
        cli.run()
    assert stopped.value.code == 130
    assert capsys.readouterr().err.strip() == "đã dừng"
