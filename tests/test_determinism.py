"""Same scenario and seed, same plan files, byte for byte apart from timings: a committee
must be able to reproduce what it approved.

Once both optima are proven, trainplan searches once more, single-threaded and without hints,
for a plan at those optima (``SolveOptions.deterministic``, on by default): the model is then
the same whatever the parallel stages did, so the plan is the same for any ``--workers``.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from trainplan.checking.checker import evaluate
from trainplan.generator.generate import generate
from trainplan.models import Scenario
from trainplan.models.plan import Plan, SolveStatus

TIMINGS = {"seconds", "time_limit"}


def _without_timings(value: object) -> object:
    if isinstance(value, dict):
        return {k: _without_timings(v) for k, v in value.items() if k not in TIMINGS}
    if isinstance(value, list):
        return [_without_timings(v) for v in value]
    return value


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(
        tmp_path_factory.mktemp("det") / "district", units=6, officials_per_unit=14, seed=11
    )


def _solve(scenario: Path, out: Path, seed: int) -> None:
    result = CliRunner().invoke(
        main,
        ["solve", str(scenario), "--out", str(out), "--seed", str(seed), "--time-limit", "300"],
    )
    assert result.exit_code == 0, result.output
    assert json.loads((out / "plan.json").read_text())["solver"]["status"] == "OPTIMAL"


def test_same_seed_gives_byte_identical_plan_files(
    district: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the reports carry a date: pin it, or a run crossing midnight would differ by it
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # 2025-12-01
    _solve(district, tmp_path / "first", seed=5)
    time.sleep(1.1)  # plan.xlsx once carried the second it was written
    _solve(district, tmp_path / "second", seed=5)
    for name in ("enrollments.csv", "classes.csv", "attainment.csv", "plan.xlsx", "report.html"):
        assert (tmp_path / "first" / name).read_bytes() == (tmp_path / "second" / name).read_bytes()
    first = json.loads((tmp_path / "first" / "plan.json").read_text())
    second = json.loads((tmp_path / "second" / "plan.json").read_text())
    assert first["enrollments"], "an empty plan would make this test vacuous"
    assert _without_timings(first) == _without_timings(second)


def test_the_plan_does_not_depend_on_the_number_of_workers(district: Path, tmp_path: Path) -> None:
    """2, 4, 8 and 16 workers run different portfolios, yet each proves both optima (so few
    workers once never closed the money stage's gap: ``parameters.SMALL_PORTFOLIO``) and
    reaches the same reproducible plan."""
    for workers in ("2", "4", "8", "16"):
        result = CliRunner().invoke(
            main,
            [
                "solve",
                str(district),
                "--out",
                str(tmp_path / workers),
                "--seed",
                "3",
                "--workers",
                workers,
                "--time-limit",
                "300",
                "--no-explain",
            ],
        )
        assert result.exit_code == 0, result.output
        document = json.loads((tmp_path / workers / "plan.json").read_text())
        assert document["solver"]["status"] == "OPTIMAL", workers
    for workers in ("2", "4", "16"):
        for name in ("enrollments.csv", "classes.csv"):
            expected = (tmp_path / "8" / name).read_bytes()
            assert (tmp_path / workers / name).read_bytes() == expected, (workers, name)


def test_plan_json_records_what_reproduces_it(district: Path, tmp_path: Path) -> None:
    _solve(district, tmp_path / "plan", seed=9)
    solver = json.loads((tmp_path / "plan" / "plan.json").read_text())["solver"]
    assert solver["seed"] == 9
    assert solver["parameters"]["reproduce_at_optimum"] is True
    assert solver["reproducible"] is True
    assert solver["parameters"]["random_seed"] == 9
    assert solver["ortools_version"]


def test_builtin_optimum_is_unchanged(builtin_scenario: Scenario, builtin_plan: Plan) -> None:
    """The built-in Bình Gia scenario's proven optimum: every soft target met, cost 1,366,500,000
    VND and money (cost plus the value of days away) 3,109,500,000 VND. A change of the model
    that moves these is a change of behaviour, not a refactoring."""
    evaluation = evaluate(builtin_scenario, builtin_plan)
    assert evaluation.violations == []
    assert builtin_plan.solver is not None
    assert builtin_plan.solver.status == SolveStatus.OPTIMAL
    assert builtin_plan.solver.reproducible
    assert evaluation.weighted_shortfall == 0
    assert evaluation.cost_total == 1_366_500_000
    assert evaluation.money == 3_109_500_000
    assert builtin_plan.solver.objective == {"targets": 0.0, "money": 3_109_500_000.0}


def test_reports_carry_the_day_source_date_epoch_names(district: Path, tmp_path: Path) -> None:
    env = {"SOURCE_DATE_EPOCH": "1764547200"}  # 2025-12-01 00:00 UTC
    runner = CliRunner(env=env)
    result = runner.invoke(main, ["solve", str(district), "--out", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "p" / "report.html").read_text(encoding="utf-8")
    assert "December 1, 2025" in html


def test_a_malformed_source_date_epoch_is_refused_before_solving(
    district: Path, tmp_path: Path
) -> None:
    runner = CliRunner(env={"SOURCE_DATE_EPOCH": "yesterday"})
    result = runner.invoke(main, ["solve", str(district), "--out", str(tmp_path / "p")])
    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH is 'yesterday'" in result.output
    assert not (tmp_path / "p").exists()
