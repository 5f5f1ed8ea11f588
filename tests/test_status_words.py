"""The solver's status in words, stage by stage, never overstating what is proven.

A plan cut short by the time limit can have a targets stage that is not proven while the
money stage, run under the targets stage's result, is: the summary must say so for each stage
(and plan.json keep each stage's objective, bound and gap), never print a 0 % gap for a plan
that is not proven.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from trainplan.models.plan import SolverInfo, SolveStatus, Stage
from trainplan.solver.extract import StageResult, stage_record
from trainplan.solver.objectives import Objective
from trainplan.terminal.summaries import verdict
from trainplan.wording import render


def _info(*stages: dict[str, object]) -> SolverInfo:
    return SolverInfo(status=SolveStatus.FEASIBLE, gap=0.0, stages=list(stages))


UNPROVEN_TARGETS = _info(
    {"name": "targets", "status": "FEASIBLE", "objective": 103.5, "bound": 100.5},
    {"name": "money", "status": "OPTIMAL", "objective": 5e9, "bound": 5e9},
)
"""The three-track district of the report: shortfall 103.5 against a bound of 100.5 after
50 s, money proven for that shortfall; the old summary said 'FEASIBLE, gap 0.00%'."""


@pytest.mark.parametrize(
    ("info", "english", "vietnamese"),
    [
        (
            UNPROVEN_TARGETS,
            "targets: best found, at most 3 officials from the best possible; "
            "money: proven best for those targets",
            "chỉ tiêu: tốt nhất tìm được, cách mức tốt nhất có thể tối đa 3 người; "
            "chi phí: tối ưu đã được chứng minh với kết quả chỉ tiêu này",
        ),
        (
            _info(
                {"name": "targets", "status": "OPTIMAL", "objective": 0, "bound": 0},
                {
                    "name": "money",
                    "status": "FEASIBLE",
                    "objective": 11_989_500_000.0,
                    "bound": 11_976_400_000.0,
                },
            ),
            "targets: proven best; money: best found, at most 0.11% above the best possible",
            "chỉ tiêu: tối ưu đã được chứng minh; chi phí: tốt nhất tìm được, cao hơn mức tốt "
            "nhất có thể tối đa 0,11%",
        ),
        (
            _info({"name": "targets", "status": "FEASIBLE", "objective": 1.0, "bound": 0.0}),
            "targets: best found, at most 1 official from the best possible",
            "chỉ tiêu: tốt nhất tìm được, cách mức tốt nhất có thể tối đa 1 người",
        ),
        (
            _info({"name": "money", "status": "FEASIBLE", "objective": None, "bound": None}),
            "money: best found, not proven",
            "chi phí: tốt nhất tìm được, chưa chứng minh tối ưu",
        ),
    ],
)
def test_each_stage_says_what_is_proven(info: SolverInfo, english: str, vietnamese: str) -> None:
    assert render(verdict(info), "en") == english
    assert render(verdict(info), "vi") == vietnamese


def test_an_unproven_plan_never_shows_a_zero_gap() -> None:
    """A money gap of 5 VND in 10 billion is not proven: 'less than 0.01%', not '0%'."""
    info = _info(
        {"name": "targets", "status": "OPTIMAL", "objective": 0, "bound": 0},
        {"name": "money", "status": "FEASIBLE", "objective": 1e10, "bound": 1e10 - 5},
    )
    english = render(verdict(info), "en")
    assert "less than 0.01%" in english and "not proven" in english
    assert "0%" not in english.replace("0.01%", "")
    assert "chưa đến 0,01%" in render(verdict(info), "vi")


def test_a_proven_plan_says_so_once() -> None:
    info = SolverInfo(status=SolveStatus.OPTIMAL, gap=0.0)
    assert render(verdict(info), "en") == "proven best plan"
    assert render(verdict(info), "vi") == "kế hoạch tối ưu đã được chứng minh"


def test_plan_json_keeps_each_stages_objective_bound_and_gap() -> None:
    """In the objective's own units: weighted officials short, then VND."""
    targets = stage_record(
        StageResult(Stage.TARGETS, SolveStatus.FEASIBLE, 207, 201, 25.0, None),
        Objective(terms=[], scale=Fraction(2)),
    )
    assert targets["objective"] == 103.5 and targets["bound"] == 100.5
    assert targets["gap"] == pytest.approx(6 / 207)
    assert targets["status"] == "FEASIBLE"
    reproduce = stage_record(
        StageResult(Stage.REPRODUCE, SolveStatus.OPTIMAL, None, None, 0.5, None), None
    )
    assert set(reproduce) == {"name", "status", "seconds"}


def test_a_solved_plan_records_every_stage(builtin_plan: object) -> None:
    info = builtin_plan.solver  # type: ignore[attr-defined]
    by_name = {stage["name"]: stage for stage in info.stages}
    assert by_name["money"]["status"] == "OPTIMAL"
    assert by_name["money"]["gap"] == 0
    assert by_name["money"]["objective"] == pytest.approx(info.objective["money"])


@pytest.mark.parametrize(
    ("gap", "english", "vietnamese"),
    [
        (0.004, "0.4%", "0,4%"),
        (0.00015, "0.02%", "0,02%"),
        (1e-7, "<0.01%", "<0,01%"),
        (0, "0%", "0%"),
    ],
)
def test_a_percentage_is_never_shown_as_zero_unless_it_is(
    gap: float, english: str, vietnamese: str
) -> None:
    """The progress line's gap: 0.015 % of 5.3 billion VND is 800,000 VND, not zero."""
    from trainplan.models.message import Message

    line = Message(
        "terminal.progress",
        stage=Message("terminal.stage.money"),
        best=5_327_900_000,
        bound=5_327_100_000,
        gap=gap,
        seconds=3.2,
    )
    assert f"gap {english}," in render(line, "en")
    assert f"khoảng cách {vietnamese}," in render(line, "vi")
