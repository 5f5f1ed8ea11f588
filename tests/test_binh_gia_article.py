"""The built-in plan reproduces what the article (Báo Lạng Sơn, 6 Dec 2021) reports for late
2021, recomputed from the plan files alone: enrollments.csv read as text, levels raised by the
courses it lists that end by 2021, people counted from the scenario's tables. Neither the
solver's objective nor the checker's evaluation is used, so a slip in either cannot hide here.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from trainplan.checking.checker import evaluate
from trainplan.files.planio import plan_files, write_plan_folder
from trainplan.models import Scenario
from trainplan.models.plan import Plan

YEAR = 2021
DEGREE_COURSES = {"cm-tc", "cm-cd", "cm-dh-lt", "cm-dh"}


@pytest.fixture(scope="module")
def folder(
    builtin_scenario: Scenario, builtin_plan: Plan, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    out = tmp_path_factory.mktemp("binh-gia") / "plan"
    evaluation = evaluate(builtin_scenario, builtin_plan)
    write_plan_folder(out, plan_files(builtin_scenario, builtin_plan, evaluation))
    return out


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def in_office_at_end(scenario: Scenario, official_id: str, year: int) -> bool:
    """Joined by December of ``year``, and neither retired nor gone by then."""
    official = scenario.official_by_id[official_id]
    last = min(m for m in (official.leaves, official.retirement) if m is not None)
    joined = official.joins is None or official.joins.year <= year
    return joined and last.year > year


def levels_at_end(scenario: Scenario, folder: Path, year: int) -> dict[str, dict[str, int]]:
    """Each official's rank on each track at the end of ``year``: the 2018 level raised by the
    courses of enrollments.csv that end by then."""
    tracks = scenario.settings.tracks
    ranks = {
        o.official_id: {track: tracks[track].index(o.levels[track]) for track in tracks}
        for o in scenario.officials
    }
    for row in rows(folder / "enrollments.csv"):
        if int(row["end_year"]) <= year:
            course = scenario.course_by_id[row["course_id"]]
            grant = tracks[course.track].index(course.grants)
            held = ranks[row["official_id"]]
            held[course.track] = max(held[course.track], grant)
    return ranks


@pytest.fixture(scope="module")
def late_2021(builtin_scenario: Scenario, folder: Path) -> dict[str, tuple[int, int]]:
    """(meeting, of) for each of the article's late-2021 measures."""
    scenario = builtin_scenario
    tracks = scenario.settings.tracks
    ranks = levels_at_end(scenario, folder, YEAR)
    college = tracks["degree"].index("college")
    university = tracks["degree"].index("university")
    found: Counter[str] = Counter()
    for official in scenario.officials:
        if not in_office_at_end(scenario, official.official_id, YEAR):
            continue
        post = scenario.post_of(official)
        held = ranks[official.official_id]
        expertise = held["degree"] >= tracks["degree"].index(post.standard["degree"])
        llct = held["llct"] >= tracks["llct"].index(post.standard["llct"])
        found["all"] += 1
        found["expertise"] += expertise
        found["llct"] += llct
        found[post.category] += 1
        found[post.category + " measure"] += held["degree"] >= college and llct
        if official.unit_id == "hong-thai":
            found["hong-thai"] += 1
            found["hong-thai standard"] += expertise and llct
            found["hong-thai university"] += held["degree"] >= university
    return {
        "cadres": (found["cadre measure"], found["cadre"]),
        "civil servants": (found["civil_servant measure"], found["civil_servant"]),
        "expertise": (found["expertise"], found["all"]),
        "llct": (found["llct"], found["all"]),
        "hong-thai standard": (found["hong-thai standard"], found["hong-thai"]),
        "hong-thai university": (found["hong-thai university"], found["hong-thai"]),
    }


def percent(pair: tuple[int, int]) -> float:
    return round(100 * pair[0] / pair[1], 1)


def test_368_officials_in_office_at_the_end_of_2021(
    late_2021: dict[str, tuple[int, int]],
) -> None:
    """The article: "368 CBCC cấp xã"; 160 cadres and 208 civil servants."""
    assert late_2021["expertise"][1] == 368
    assert late_2021["cadres"][1] == 160 and late_2021["civil servants"][1] == 208


def test_the_plan_reaches_the_articles_late_2021_figures(
    late_2021: dict[str, tuple[int, int]],
) -> None:
    """41.9 % of cadres and 70.7 % of civil servants with a college degree and their LLCT
    standard; 97.8 % at the professional standard; over 95 % at the LLCT standard; Hồng Thái
    17/17 at the standard and 15/17 with a university degree."""
    assert percent(late_2021["cadres"]) >= 41.9
    assert percent(late_2021["civil servants"]) >= 70.7
    assert percent(late_2021["expertise"]) >= 97.8
    assert 100 * late_2021["llct"][0] / late_2021["llct"][1] > 95
    assert late_2021["hong-thai standard"] == (17, 17)
    assert late_2021["hong-thai university"][0] >= 15


def test_the_plan_files_agree_with_the_recount(
    late_2021: dict[str, tuple[int, int]], folder: Path
) -> None:
    """attainment.csv says the same as the recount from enrollments.csv."""
    written = {row["target_id"]: row for row in rows(folder / "attainment.csv")}
    recount = {
        "cadres-2021": late_2021["cadres"],
        "civil-servants-2021": late_2021["civil servants"],
        "expertise-standard-2021": late_2021["expertise"],
        "llct-standard-2021": late_2021["llct"],
        "hong-thai-standard-2021": late_2021["hong-thai standard"],
    }
    for target_id, (meeting, population) in recount.items():
        row = written[target_id]
        assert (int(row["qualified"]), int(row["population"])) == (meeting, population)
        assert row["met"] in ("true", "True", "1", "yes")


def test_over_ten_officials_a_year_go_to_degree_training(folder: Path) -> None:
    """The article: "trên 10 CBCC" a year on average since 2018, 11 in 2021; under Plan 98
    (29 Nov 2018) no course starts before 2019."""
    found = rows(folder / "enrollments.csv")
    assert min(int(row["start_year"]) for row in found) >= 2019
    starts = Counter(int(r["start_year"]) for r in found if r["course_id"] in DEGREE_COURSES)
    assert starts[2021] == 11
    assert sum(starts[year] for year in (2019, 2020, 2021)) / 3 > 10
    assert all(starts[year] >= 10 for year in (2019, 2020, 2021))
