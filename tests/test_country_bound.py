"""``solve --by-province`` when a target spans provinces: the bound of the whole scenario
(``solver.lagrange``), the plans found by pricing the target, the engine chosen by size
(``--engine auto``), the run's time shared out over provinces, and HiGHS's bounds when it
stops at a relative gap.

The scenario: provinces P1 (A, A2) and P2 (B, B2), each with its own degree course (C1 10M a
learner in P1, C2 30M in P2; one seat a year in 2020 and 2021), and one target over both:
half of everyone a college degree by 2022. The whole scenario's best plan trains A and A2 in
P1 (20M); the split problem asks each province one of its two (10M + 30M = 40M).
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from builders import external, official, target, tiny
from click.testing import CliRunner
from test_by_province import OFFICIALS

from trainplan.checking.checker import evaluate
from trainplan.cli import main
from trainplan.files.loader import load_scenario
from trainplan.files.scenario_writer import write_scenario
from trainplan.models.plan import Stage
from trainplan.models.scenario import Offering, Scenario, Unit
from trainplan.models.split import allocate, asking, split_by_province
from trainplan.scenarios import builtin
from trainplan.solver import Engine, SolveOptions, provinces, solve
from trainplan.solver.distributed import Cluster
from trainplan.solver.engines import HIGHS_FROM, chosen
from trainplan.solver.lagrange import search_prices
from trainplan.solver.mip import MipModel, _bounds
from trainplan.solver.provinces import (
    LEAST_SECONDS,
    ProvinceDone,
    ProvinceJob,
    solve_by_province,
)

M = 1_000_000


def country(*, seats: int = 1, share: float = 0.5) -> Scenario:
    courses = (external("C1", cost=10 * M), external("C2", cost=30 * M))
    offerings = tuple(
        Offering(course_id=f"C{p}", year=y, seats=seats, scope=f"P{p}")
        for p in (1, 2)
        for y in (2020, 2021)
    )
    scenario = tiny(
        officials=OFFICIALS,
        courses=courses,
        offerings=offerings,
        targets=(target("half", share=share),),
        units=("U1", "U2"),
    )
    units = (
        Unit(unit_id="U1", name="Xã U1", district="D1", province="P1"),
        Unit(unit_id="U2", name="Xã U2", district="D2", province="P2"),
    )
    return scenario.model_copy(update={"units": units})


def options() -> SolveOptions:
    return SolveOptions(time_limit=60, seed=0)


def test_a_split_target_gets_a_bound_of_the_whole_and_the_whole_optimum() -> None:
    scenario = country()
    whole = solve(scenario, options())
    assert whole.solver is not None and whole.solver.objective["money"] == 20 * M
    plan, split = solve_by_province(scenario, options(), Cluster(jobs=1))
    assert split.split_targets == ("half",)
    assert plan.solver is not None
    evaluation = evaluate(scenario, plan)
    assert evaluation.violations == [] and evaluation.weighted_shortfall == 0
    assert plan.solver.parameters["bound_of"] == "whole"
    assert plan.solver.bound["money"] <= 20 * M == evaluation.money
    assert plan.solver.gap is not None and plan.solver.gap < 1e-6


def test_the_provinces_are_asked_where_the_prices_qualify_not_the_same_share() -> None:
    """Without a check the priced plans cannot be taken; the provinces' own plans then train
    where the prices said it is cheap: both of P1's officials (the whole's optimum), not one of
    each province's (40M)."""
    scenario = country()
    plan, _ = solve_by_province(scenario, options(), Cluster(jobs=1))
    assert plan.solver is not None
    assert plan.solver.objective["money"] == 20 * M
    assert {e.official_id for e in plan.enrollments} == {"A", "A2"}
    assert plan.solver.parameters["split_gap"] == 0  # the provinces' problems: proven
    assert plan.solver.bound["money"] <= 20 * M  # the whole's: no higher than its optimum
    assert plan.solver.gap is not None and plan.solver.gap < 1e-6


def test_a_missed_split_target_claims_no_bound_of_the_whole_money() -> None:
    scenario = country(share=1.0)  # everyone by 2022, but only the 2020 seats: one a province
    short = scenario.model_copy(
        update={"offerings": tuple(o for o in scenario.offerings if o.year == 2020)}
    )
    missed, _ = solve_by_province(short, options(), Cluster(jobs=1))
    assert missed.solver is not None and missed.solver.objective["targets"] == 2
    assert missed.solver.gap is None and "money" not in missed.solver.bound
    assert missed.solver.parameters["bound_of"] == "none"


def test_solve_by_province_prints_the_bound_first_the_provinces_gap_and_the_whole_gap(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "scenario"
    write_scenario(country(), folder)
    out = tmp_path / "plan"
    args = ["solve", str(folder), "--by-province", "--jobs", "1", "--out", str(out)]
    solved = CliRunner().invoke(main, [*args, "--engine", "auto", "--time-limit", "60"])
    assert solved.exit_code == 0, solved.output
    output = solved.output
    assert output.index("Bound of the whole scenario first") < output.index("[1/2] P1: proven")
    assert "gap of the provinces' own problems 0 %" in output
    assert "Combined gap of the whole scenario: 0 %" in output
    document = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    assert document["solver"]["objective"]["money"] == 20 * M
    parameters = document["solver"]["parameters"]
    assert parameters["counts"] == {"P1": {"half": 2}, "P2": {"half": 0}}
    assert 10 * M <= parameters["prices"]["half"] <= 30 * M  # between the two courses' fees
    assert "Prices kept, VND per official who qualifies: half " in output
    assert re.search(r"^Solver: .*, seed 0, by province \(CP-SAT/HiGHS\)$", output, re.M)


def test_auto_takes_cp_sat_for_the_builtin_and_highs_from_a_thousand_officials() -> None:
    assert chosen(load_scenario(builtin()), Engine.AUTO) == Engine.CP_SAT
    many = tuple(official(f"O{i}") for i in range(HIGHS_FROM))
    large = country().model_copy(update={"officials": many})
    assert chosen(large, Engine.AUTO) == Engine.HIGHS
    assert chosen(large, Engine.CP_SAT) == Engine.CP_SAT
    preferring = large.settings.model_copy(update={"prefer_ethnic_minority": True})
    assert chosen(large.model_copy(update={"settings": preferring}), Engine.AUTO) == Engine.CP_SAT


def test_a_province_takes_what_is_left_of_the_run_over_the_rounds_left() -> None:
    def job(deadline: float | None, rounds: int) -> ProvinceJob:
        return ProvinceJob("P1", country(), "plan", deadline, rounds, 0, 8, Engine.CP_SAT)

    seconds = job(time.time() + 100, 4).seconds()
    assert seconds is not None and 24 <= seconds <= 25
    assert job(time.time() - 5, 3).seconds() == LEAST_SECONDS
    assert job(None, 3).seconds() is None


def test_highs_stopped_at_a_gap_bounds_money_only_once_the_shortfall_is_proven() -> None:
    """The combined objective is ``weight x shortfall + money`` (money below ``weight``)."""
    mip = MipModel(country())
    (first, _, weight), (last, money, _) = mip.tiers
    assert first == Stage.TARGETS and last == Stage.MONEY and weight > 3
    raw = {Stage.TARGETS: 0, Stage.MONEY: weight - 1}
    bound = _bounds(mip, raw, 2.2)  # shortfall 0 is proven: money >= 3 raw
    assert bound == {"targets": 0.0, "money": float(money.value(3))}
    short = {Stage.TARGETS: 1, Stage.MONEY: weight - 1}
    assert _bounds(mip, short, 2.2) == {"targets": 0.0}  # shortfall 0 not ruled out: no money
    proven = _bounds(mip, short, weight + 2.2)  # shortfall 1 proven: money >= 3 raw
    assert proven == {"targets": float(mip.shortfall.value(1)), "money": float(money.value(3))}


def test_a_split_target_is_allocated_where_the_prices_made_officials_qualify() -> None:
    assert allocate(10, {"P1": 6, "P2": 2, "P3": 0}, {"P1": 8, "P2": 8, "P3": 8}) == {
        "P1": 8,  # 7.5 of 10 in proportion, at most its 8: the rest goes to P2
        "P2": 2,
        "P3": 0,
    }
    # nobody reached: by population; more than everyone: everyone
    assert allocate(3, {"P1": 0, "P2": 0}, {"P1": 1, "P2": 2}) == {"P1": 1, "P2": 2}
    assert allocate(9, {"P1": 1, "P2": 1}, {"P1": 1, "P2": 2}) == {"P1": 1, "P2": 2}
    assert sum(allocate(7, {"a": 3, "b": 3, "c": 1}, {"a": 9, "b": 9, "c": 9}).values()) == 7


def test_a_province_asked_a_count_needs_exactly_that_many() -> None:
    part = split_by_province(country()).parts[0].scenario
    (half,) = part.settings.targets
    population = len(part.population(half))
    for count in range(population + 1):
        asked = asking(part, {"half": count})
        assert asked.required(asked.settings.targets[0]) == count
    hard = part.model_copy(
        update={
            "settings": part.settings.model_copy(
                update={"targets": (half.model_copy(update={"hard": True}),)}
            )
        }
    )
    assert asking(hard, {"half": 0}).settings.targets[0].share == half.share  # kept


def test_the_price_search_finds_the_price_where_the_bound_is_highest() -> None:
    """One target asking 6 of 10 officials, each qualified for 5 VND: the bound at price λ
    is ``10 x min(0, 5 - λ) + 6λ``, highest (30, the optimum's money) at λ = 5, where the
    officials become worth qualifying. From the LP's 4, the search brackets it and halves."""

    def evaluate(prices: dict[str, float]) -> tuple[float, dict[str, int]]:
        price = prices["t"]
        qualified = 10 if price > 5 else 0
        return 10 * min(0.0, 5 - price) + 6 * price, {"t": qualified}

    tried: list[float] = []

    def recording(prices: dict[str, float]) -> tuple[float, dict[str, int]]:
        tried.append(prices["t"])
        return evaluate(prices)

    best = search_prices(recording, {"t": 4.0}, {"t": 6}, rounds=8)
    assert tried[:3] == [4.0, 6.0, 5.0]  # too few at 4, too many at 6, then halfway
    assert best == {"t": 5.0} and evaluate(best)[0] == 30
    assert search_prices(lambda prices: None, {"t": 4.0}, {"t": 6}) == {"t": 4.0}
    # a price at 0 with too few qualified is tried at a floor; too many at 0 stays 0
    floor = search_prices(recording, {"t": 0.0}, {"t": 6}, rounds=2)
    assert tried[-1] == 1_000_000.0 and floor == {"t": 0.0}


def test_a_hard_target_over_provinces_keeps_the_same_share_in_each() -> None:
    """A count out of a province's reach would leave it no plan: a hard split target is still
    asked at the same share everywhere (one of each province's two: 40M), and the bound of the
    whole (20M, the whole's optimum, at most) says how far that is."""
    scenario = country()
    hard = scenario.settings.model_copy(
        update={"targets": (scenario.settings.targets[0].model_copy(update={"hard": True}),)}
    )
    plan, _ = solve_by_province(
        scenario.model_copy(update={"settings": hard}), options(), Cluster(jobs=1)
    )
    assert plan.solver is not None and plan.solver.objective["money"] == 40 * M
    assert evaluate(scenario, plan).violations == []
    assert plan.solver.bound["money"] <= 20 * M and (plan.solver.gap or 0) >= 0.5


def test_with_the_run_out_of_time_the_search_stops_and_no_bound_round_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``--time-limit`` is the whole run's: no try of the prices starts after its share of the
    time (the first always runs). With the sample every province, that try's terms are the
    bound's (nothing more to run); with a sample of one province and the time up, no round of
    the bound runs: each province is asked the same share, and no gap of the whole is
    claimed."""
    seen: list[ProvinceDone] = []
    options = SolveOptions(time_limit=0.001, seed=0)
    plan, _ = solve_by_province(country(), options, Cluster(jobs=1), seen.append)
    assert [done.phase for done in seen].count("prices") == 1
    assert plan.solver is not None and plan.solver.objective["money"] == 20 * M
    assert plan.solver.parameters["bound_of"] == "whole"

    monkeypatch.setattr(provinces, "PRICED", 1)
    seen.clear()
    late, _ = solve_by_province(country(), options, Cluster(jobs=1), seen.append)
    assert [done.phase for done in seen].count("prices") == 1
    assert not any(done.phase in ("bound", "priced") for done in seen)
    assert late.solver is not None and late.solver.objective["money"] == 40 * M
    assert late.solver.parameters["bound_of"] == "none" and late.solver.gap is None
