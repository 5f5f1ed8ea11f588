"""``write_scenario`` writes a scenario folder that ``load_scenario`` reads back equal: the
built-in scenario, a generated district and a tiny scenario that sets every optional field
(pins, max_age, obligation, requires, year overrides, a total budget, who filters, lecturers'
years, successors, a unit's district and class)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml
from builders import external, internal, lecturer, offer, official, target, tiny

from trainplan.files import load_scenario
from trainplan.files.scenario_writer import write_scenario
from trainplan.models import Scenario
from trainplan.models.scenario import Budget, Continuity, ContinuityYear, Pin, Unit


def everything_set() -> Scenario:
    """A tiny scenario in which every optional field of every table and setting is used."""
    scenario = tiny(
        officials=(
            official("A", post="chair", degree="college", llct="elementary", successor=True),
            official("B", sex="F", birth=(1990, 12), ethnic_minority=True, unit="U2"),
        ),
        courses=(
            external("U", grants="university", requires=(("degree", "college"), ("llct", "none"))),
            external("C", max_age=45, obligation=0.3, months=20, mode="full_time"),
            internal("I", class_min=2, class_max=30),
        ),
        offerings=(
            offer("U", 2021, seats=3),
            offer("C", 2020, seats=0),
            offer("I", 2022, classes=2),
        ),
        lecturers=(
            lecturer("L1", subjects=("llct", "qlnn"), from_year=2020, to_year=2021),
            lecturer("L2"),
        ),
        targets=(
            target("t1", year=2021, share=0.28, hard=True, category=("cadre",), sex=("M", "F")),
            target("t2", has={"llct": "elementary"}, standard=("degree",), weight=2.5, unit="U2"),
            target("t3", leadership=True, successor=True, post=("chair", "youth")),
        ),
        pins=(
            Pin(official_id="A", course_id="U", year=2021, action="require"),
            Pin(official_id="B", course_id="C", year=2020, action="forbid"),
        ),
        budget=Budget(per_year=2_000_000_000, total=5_000_000_001),
        continuity=Continuity(
            working_days=240,
            max_away_share=0.07,
            max_leaders_away=2,
            max_personal_days=60,
            day_value=250_000,
            leader_factor=1.1,
            years={2021: ContinuityYear(max_away_share=0.05, max_personal_days=30)},
        ),
        units=("U1", "U2"),
        service_obligation=1.5,
    )
    units = (
        Unit(unit_id="U1", name="Xã Hồng Thái", district="Bình Gia", province="Lạng Sơn"),
        Unit(unit_id="U2", name="Thị trấn", unit_class="I"),
    )
    return scenario.model_copy(update={"units": units})


def test_a_scenario_setting_every_optional_field_reads_back_equal(tmp_path: Path) -> None:
    scenario = everything_set()
    write_scenario(scenario, tmp_path / "s")
    assert load_scenario(tmp_path / "s") == scenario


def test_the_builtin_scenario_reads_back_equal(builtin_scenario: Scenario, tmp_path: Path) -> None:
    write_scenario(builtin_scenario, tmp_path / "s")
    assert load_scenario(tmp_path / "s") == builtin_scenario


def test_a_generated_district_reads_back_equal(
    generated_scenario: Scenario, tmp_path: Path
) -> None:
    write_scenario(generated_scenario, tmp_path / "s")
    assert load_scenario(tmp_path / "s") == generated_scenario


def test_the_files_follow_the_scenario_format(tmp_path: Path) -> None:
    """SPEC.md's columns: std_<track> on posts, a column per track on officials, requires as
    ``track>=level; ...``; a blank cell where the value is unset; settings in scenario.yaml."""
    write_scenario(everything_set(), tmp_path)

    def table(name: str) -> list[dict[str, str]]:
        with open(tmp_path / f"{name}.csv", encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    posts = {row["post_id"]: row for row in table("posts")}
    assert (posts["chair"]["std_degree"], posts["finance"]["std_llct"]) == ("university", "")
    officials = {row["official_id"]: row for row in table("officials")}
    assert officials["A"]["degree"] == "college" and officials["A"]["llct"] == "elementary"
    assert officials["B"]["birth"] == "1990-12" and officials["A"]["successor"] == "true"
    courses = {row["course_id"]: row for row in table("courses")}
    assert courses["U"]["requires"] == "degree>=college; llct>=none"
    assert (courses["U"]["class_max"], courses["I"]["class_max"]) == ("", "30")
    assert table("lecturers")[0]["subjects"] == "llct; qlnn"
    settings = yaml.safe_load((tmp_path / "scenario.yaml").read_text(encoding="utf-8"))
    assert settings["continuity"]["years"] == {
        2021: {"max_away_share": 0.05, "max_personal_days": 30}
    }
    assert settings["budget"] == {"per_year": 2_000_000_000, "total": 5_000_000_001}


def test_writing_over_a_scenario_folder_replaces_its_tables(tmp_path: Path) -> None:
    """A what-if written over the folder of the original reads back as the what-if."""
    scenario = everything_set()
    write_scenario(scenario, tmp_path)
    fewer = scenario.model_copy(update={"pins": ()})
    write_scenario(fewer, tmp_path)
    assert load_scenario(tmp_path) == fewer


@pytest.mark.parametrize("share", [0.1, 0.28, 1 / 3])
def test_shares_read_back_to_the_same_float(tmp_path: Path, share: float) -> None:
    scenario = everything_set()
    targets = (scenario.settings.targets[0].model_copy(update={"share": share}),)
    what_if = scenario.model_copy(
        update={"settings": scenario.settings.model_copy(update={"targets": targets})}
    )
    write_scenario(what_if, tmp_path)
    assert load_scenario(tmp_path).settings.targets[0].share == share
