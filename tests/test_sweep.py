"""``trainplan sweep``: variants of a setting named by its path, solved, one plan folder each
and sweep.csv (SPEC.md, "Questions a committee asks").

The scenario ``seats_scenario`` is worked out by hand: three youth cadres without a degree, one
external college course (12 months, 10,000,000 VND a learner, no value on days away) offered
in 2020 only with ``seats`` seats, and a target of every cadre with a college degree in 2022.
So with S seats (and no budget cap) S officials qualify, the shortfall is 3 - S and the money
is S x 10,000,000; a yearly budget B lets only B / 10,000,000 of them study.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.builders import external, offer, official, target, tiny
from trainplan.files.scenario_writer import write_scenario
from trainplan.files.sweepio import check_sweep_folder
from trainplan.models.message import Message
from trainplan.models.scenario import Budget, Scenario
from trainplan.models.whatif import VaryError, variants, with_setting
from trainplan.wording import render

TRAINPLAN = Path(sys.executable).parent / "trainplan"
COURSE_COST = 10_000_000


def seats_scenario(seats: int = 1, per_year: int | None = None) -> Scenario:
    return tiny(
        officials=tuple(official(f"O{i}") for i in (1, 2, 3)),
        courses=(external("deg", cost=COURSE_COST),),
        offerings=(offer("deg", 2020, seats=seats),),
        targets=(target("everyone", year=2022, share=1.0, category=("cadre",)),),
        budget=Budget(per_year=per_year),
    )


@pytest.fixture(scope="module")
def scenario_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seats") / "scenario"
    write_scenario(seats_scenario(), folder)
    return folder


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TRAINPLAN_STRICT_WORDS": "1"}
    return subprocess.run(
        [str(TRAINPLAN), *args], capture_output=True, text=True, env=env, timeout=300
    )


def table(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


# ------------------------------------------------------------------ settings by path


def test_a_setting_path_edits_a_copy_and_leaves_the_scenario_alone() -> None:
    base = seats_scenario()
    edited = with_setting(base, "budget.per_year", 5)
    assert edited.settings.budget.per_year == 5 and base.settings.budget.per_year is None
    year = with_setting(base, "continuity.years.2021.max_away_share", 0.05)
    assert year.settings.continuity.rules(2021).max_away_share == 0.05
    assert year.settings.continuity.rules(2022).max_away_share == 1.0
    share = with_setting(base, "targets.everyone.share", 0.5)
    assert share.settings.targets[0].share == 0.5
    assert with_setting(base, "service_obligation", 3).settings.service_obligation == 3


def test_every_year_of_an_offering_with_a_star() -> None:
    base = seats_scenario().model_copy(
        update={"offerings": (offer("deg", 2020, seats=1), offer("deg", 2021, seats=4))}
    )
    assert [o.seats for o in with_setting(base, "offerings.deg.*.seats", 7).offerings] == [7, 7]
    assert [o.seats for o in with_setting(base, "offerings.deg.2021.seats", 0).offerings] == [1, 0]
    assert (
        with_setting(base, "offerings.deg.2021.seats", 0).offering_by_key[("deg", 2021)].seats == 0
    )


def test_values_from_to_in_steps_and_a_grid_of_two() -> None:
    found = variants(seats_scenario(), ["offerings.deg.2020.seats=0:2:3"])
    assert [v.settings for v in found] == [
        (("offerings.deg.2020.seats", 0),),
        (("offerings.deg.2020.seats", 1),),
        (("offerings.deg.2020.seats", 2),),
    ]
    assert [v.scenario.offerings[0].seats for v in found] == [0, 1, 2]
    grid = variants(seats_scenario(), ["offerings.deg.*.seats=1:2:2", "budget.per_year=1e7:2e7:2"])
    assert [tuple(value for _, value in v.settings) for v in grid] == [
        (1, 10_000_000),
        (1, 20_000_000),
        (2, 10_000_000),
        (2, 20_000_000),
    ]
    shares = variants(seats_scenario(), ["continuity.max_away_share=0.1:0.3:3"])
    assert [v.settings[0][1] for v in shares] == [0.1, 0.2, 0.3]


@pytest.mark.parametrize(
    ("vary", "key"),
    [
        ("budget.per_year", "input.vary.shape"),
        ("budget.per_year=1:2", "input.vary.shape"),
        ("budget.per_year=a:2:3", "input.vary.shape"),
        ("budget.per_year=1:2:0", "input.vary.steps"),
        ("budget.per_year=1:2:1", "input.vary.steps"),
        ("budget.per_year=0:1:3", "input.vary.not_whole"),
        ("budget.per_day=1:2:2", "input.vary.unknown"),
        ("name=1:2:2", "input.vary.unknown"),
        ("continuity.years.2030.max_away_share=0:1:2", "input.vary.no_year"),
        ("targets.nobody.share=0:1:2", "input.vary.no_target"),
        ("targets.everyone.share=0:2:3", "input.vary.bad_value"),
        ("offerings.deg.2020.seats=-2:0:3", "input.vary.bad_value"),
        ("offerings.nope.2020.seats=0:1:2", "input.vary.no_course"),
        ("offerings.deg.2021.seats=0:1:2", "input.vary.no_offering"),
        ("offerings.deg.2020.classes=0:1:2", "input.vary.classes_external"),
        ("budget.per_year=1:2:10000", "input.vary.too_many"),
    ],
)
def test_a_bad_vary_is_refused_before_any_solve(vary: str, key: str) -> None:
    with pytest.raises(VaryError) as caught:
        variants(seats_scenario(), [vary])
    assert caught.value.message.key == key
    for lang in ("en", "vi"):
        assert "--vary" in render(caught.value.message, lang) or key.endswith("too_many")


def test_the_same_setting_twice_or_three_settings_are_refused() -> None:
    with pytest.raises(VaryError, match=r"input\.vary\.twice"):
        variants(seats_scenario(), ["budget.per_year=1:2:2", "budget.per_year=3:4:2"])
    three = ["budget.per_year=1:2:2", "budget.total=1:2:2", "service_obligation=1:2:2"]
    with pytest.raises(VaryError, match=r"input\.vary\.how_many"):
        variants(seats_scenario(), three)


# ------------------------------------------------------------------ solving and sweep.csv


def test_seats_zero_to_two_qualify_that_many_at_that_cost(
    scenario_folder: Path, tmp_path: Path
) -> None:
    """The docstring's arithmetic: S seats, S qualified, shortfall 3 - S, money S x 10 M."""
    out = tmp_path / "sweep"
    result = run(
        "sweep", str(scenario_folder), "--vary", "offerings.deg.*.seats=0:2:3", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    rows = table(out / "sweep.csv")
    assert list(rows[0]) == [
        "offerings.deg.*.seats",
        "plan",
        "status",
        "shortfall",
        "money",
        "cost",
        "everyone",
    ]
    assert [(r["offerings.deg.*.seats"], r["everyone"], r["shortfall"]) for r in rows] == [
        ("0", "0", "3"),
        ("1", "1", "2"),
        ("2", "2", "1"),
    ]
    assert [int(r["money"]) for r in rows] == [0, COURSE_COST, 2 * COURSE_COST]
    assert [r["status"] for r in rows] == ["OPTIMAL"] * 3
    for row in rows:  # each variant's plan folder, checked against its own scenario
        plan = out / row["plan"]
        enrolled = table(plan / "enrollments.csv")
        assert len(enrolled) == int(row["everyone"])
    assert "[3/3]" in result.stderr and "solving" in result.stderr
    assert "sweep.csv" in result.stdout


def test_a_grid_of_seats_and_budget(scenario_folder: Path, tmp_path: Path) -> None:
    """A budget of 10 M a year lets one official study whatever the seats; 20 M lets two."""
    out = tmp_path / "grid"
    result = run(
        "sweep",
        str(scenario_folder),
        "--vary",
        "offerings.deg.2020.seats=1:2:2",
        "--vary",
        "budget.per_year=10000000:20000000:2",
        "--out",
        str(out),
        "--lang",
        "vi",
    )
    assert result.returncode == 0, result.stderr
    rows = table(out / "sweep.csv")
    found = [
        (r["offerings.deg.2020.seats"], r["budget.per_year"], r["everyone"], r["cost"])
        for r in rows
    ]
    assert found == [
        ("1", "10000000", "1", "10000000"),
        ("1", "20000000", "1", "10000000"),
        ("2", "10000000", "1", "10000000"),
        ("2", "20000000", "2", "20000000"),
    ]
    assert "đang giải" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["sweep.csv", "v01", "v02", "v03", "v04"]


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "no such setting"), ("vi", "không có tham số này")],
)
def test_a_bad_vary_on_the_command_line_exits_2_in_words(
    scenario_folder: Path, tmp_path: Path, lang: str, words: str
) -> None:
    out = tmp_path / "never"
    result = run(
        "sweep", str(scenario_folder), "--vary", "budget.per_day=1:2:2", "--out", str(out),
        "--lang", lang,
    )  # fmt: skip
    assert result.returncode == 2
    assert words in result.stderr and "budget.per_day" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


# ------------------------------------------------------------------ nothing lost


def test_a_folder_holding_anything_else_is_refused_untouched(
    scenario_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.docx").write_bytes(b"a planner's notes")
    result = run(
        "sweep", str(scenario_folder), "--vary", "offerings.deg.*.seats=0:1:2", "--out", str(out)
    )
    assert result.returncode == 2
    assert "notes.docx" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["notes.docx"]
    assert (out / "notes.docx").read_bytes() == b"a planner's notes"


def test_the_scenario_folder_and_a_folder_holding_it_are_refused(
    scenario_folder: Path, tmp_path: Path
) -> None:
    from trainplan.files.planio import RefusedOutput

    for folder in (scenario_folder, scenario_folder.parent):
        with pytest.raises(RefusedOutput):
            check_sweep_folder(folder, scenario_folder)
    check_sweep_folder(tmp_path / "new", scenario_folder)  # a new folder is fine


def test_a_sweep_trainplan_wrote_may_be_run_again(scenario_folder: Path, tmp_path: Path) -> None:
    """Re-running over an earlier sweep replaces its plans, keeping each in .previous."""
    out = tmp_path / "again"
    vary = ["--vary", "offerings.deg.*.seats=0:1:2", "--out", str(out)]
    assert run("sweep", str(scenario_folder), *vary).returncode == 0
    second = run("sweep", str(scenario_folder), *vary)
    assert second.returncode == 0, second.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == ["sweep.csv", "v01", "v01.previous", "v02", "v02.previous"]
    assert len(table(out / "sweep.csv")) == 2


def test_no_vary_message_lacks_words() -> None:
    """Every key the sweep raises has words in both languages (strict words are on)."""
    keys = [
        Message("input.vary.shape", text="x"),
        Message("input.vary.how_many", most=2),
        Message("input.vary.twice", setting="x"),
        Message("input.output.not_sweep", folder="d", file="f"),
    ]
    for message in keys:
        for lang in ("en", "vi"):
            assert render(message, lang) != message.key


def test_a_stop_keeps_the_variants_done_and_drops_the_one_cut_short(tmp_path: Path) -> None:
    """Ctrl-C sets the stop: here while the second of three variants starts. The first is
    kept (its plan folder and its sweep.csv row), the second and third are not solved."""
    from trainplan.files.sweepio import SweepWriter
    from trainplan.solver import SolveOptions
    from trainplan.solver.sweep import sweep

    base = seats_scenario()
    found = variants(base, ["offerings.deg.2020.seats=0:2:3"])
    options = SolveOptions(time_limit=60)
    started: list[int] = []

    def starting(index: int, variant: object) -> None:
        started.append(index)
        if index == 1:
            options.stop.set()

    writer = SweepWriter(tmp_path / "stopped", base, found)
    outcomes = list(sweep(found, options, starting))
    for index, outcome in enumerate(outcomes):
        writer.add(index, outcome)
    assert started == [0, 1]
    assert [o.variant.settings for o in outcomes] == [(("offerings.deg.2020.seats", 0),)]
    rows = table(tmp_path / "stopped" / "sweep.csv")
    assert [(r["plan"], r["everyone"]) for r in rows] == [("v01", "0")]
    assert sorted(p.name for p in (tmp_path / "stopped").iterdir()) == ["sweep.csv", "v01"]


def test_a_variant_without_a_plan_is_a_row_too(tmp_path: Path) -> None:
    """A hard target of all three cadres with one seat leaves no plan: the row says
    INFEASIBLE, names no plan folder, and the sweep goes on to the next variant."""
    from trainplan.files.sweepio import SweepWriter
    from trainplan.solver import SolveOptions
    from trainplan.solver.sweep import sweep

    base = seats_scenario()
    hard = base.settings.model_copy(
        update={"targets": (target("everyone", year=2022, share=1.0, hard=True),)}
    )
    base = base.model_copy(update={"settings": hard})
    found = variants(base, ["offerings.deg.2020.seats=2:3:2"])
    writer = SweepWriter(tmp_path / "hard", base, found)
    for index, outcome in enumerate(sweep(found, SolveOptions(time_limit=60))):
        writer.add(index, outcome)
    rows = table(tmp_path / "hard" / "sweep.csv")
    assert [(r["status"], r["plan"], r["everyone"]) for r in rows] == [
        ("INFEASIBLE", "", ""),
        ("OPTIMAL", "v02", "3"),
    ]
