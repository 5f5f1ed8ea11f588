"""The second built-in scenario, lang-son-2026: Lạng Sơn's 65 merged communes, 2026–2030.

Its files are what its script writes; the figures its README quotes are recomputed from the
files (65 units, 2,376 staff, the national qualification and age mix of 31 Dec 2024, who
retires early and why); and its best plan, solved once through the command line
(``--builtin lang-son-2026``, HiGHS: about 20 s), is a proven optimum that the independent
checker (``checking.checker``) accepts and that meets every target — degrees in a matching
field included — recounted from the plan files alone."""

from __future__ import annotations

import csv
import importlib.util
import json
import subprocess
import sys
import tomllib
from collections import Counter
from fnmatch import fnmatch
from pathlib import Path

import pytest

from trainplan.checking.checker import evaluate
from trainplan.files import load_scenario, read_scenario
from trainplan.files.planio import read_plan
from trainplan.models import Scenario
from trainplan.models.retirement import YearMonth
from trainplan.scenarios import BUILTINS, builtin

ROOT = Path(__file__).resolve().parent.parent
LANG_SON = builtin("lang-son-2026")
TRAINPLAN = Path(sys.executable).parent / "trainplan"
FILES = (
    "scenario.yaml",
    "units.csv",
    "posts.csv",
    "officials.csv",
    "courses.csv",
    "offerings.csv",
    "lecturers.csv",
)
STAFF = 2376
"""Government-side commune staff in post in Lạng Sơn on 10 Sep 2025 (README: Lao Động)."""


def run(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(TRAINPLAN), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        encoding="utf-8",
        errors="replace",
    )


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(LANG_SON)


@pytest.fixture(scope="module")
def plan_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built-in solved once by the installed command, as ``make run`` does (HiGHS here:
    the same proven optimum as CP-SAT's, sooner)."""
    folder = tmp_path_factory.mktemp("lang-son") / "plan"
    solved = run("solve", "--builtin", "lang-son-2026", "--engine", "highs", "--out", folder)
    assert solved.returncode == 0, solved.stdout + solved.stderr
    return folder


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


# ---------------------------------------------------------------- the files


def test_files_are_what_its_script_writes(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_lang_son", LANG_SON / "make_scenario.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write(tmp_path)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (LANG_SON / name).read_bytes(), name


def test_every_builtin_is_a_valid_folder_shipped_as_package_data() -> None:
    """Each name of ``BUILTINS`` is a folder of the package whose files pyproject's
    package-data globs put in the wheel, and it loads without a warning."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["trainplan.scenarios"]
    folders = sorted(p.parent.name for p in (ROOT / "scenarios").glob("*/scenario.yaml"))
    assert sorted(BUILTINS) == folders
    for name in BUILTINS:
        for file in FILES:
            assert (builtin(name) / file).is_file(), (name, file)
            assert any(fnmatch(f"{name}/{file}", pattern) for pattern in globs), (name, file)
        assert read_scenario(builtin(name)).warnings == [], name


def test_65_units_without_a_district_and_2376_staff(scenario: Scenario) -> None:
    units = scenario.units
    assert len(units) == 65
    assert sum(u.unit_id.startswith("xa-") for u in units) == 61
    assert sum(u.unit_id.startswith("phuong-") for u in units) == 4
    assert all(u.district is None and u.province == "Lạng Sơn" for u in units)
    assert len(scenario.officials) == STAFF
    sizes = Counter(o.unit_id for o in scenario.officials)
    assert min(sizes.values()) >= 32 and max(sizes.values()) <= 40  # Dispatch 03: <= 40
    assert round(STAFF / 65, 1) == 36.6
    # the elected cadres: 2 chairs, a People's Council vice chair and 2.5 vice chairs on average
    posts = Counter(o.post_id for o in scenario.officials)
    assert posts["ct-hdnd"] == posts["ct-ubnd"] == posts["pct-hdnd"] == 65
    assert round(posts["pct-ubnd"] / 65, 1) == 2.5
    assert posts["truong-phong"] == 3 * 65


def test_the_qualification_and_age_mix_is_the_national_one_of_2024(scenario: Scenario) -> None:
    """Within one person of the shares of 31 Dec 2024 (206,707 commune staff) times 2,376."""
    people = scenario.officials
    degree = Counter(o.levels["degree"] for o in people)
    llct = Counter(o.levels["llct"] for o in people)
    ages = Counter(
        "under 45" if 2026 - o.birth.year < 45 else "45-55" if 2026 - o.birth.year <= 55 else "55+"
        for o in people
    )
    shares = {
        "degree below intermediate": (degree["none"], 1_335),
        "degree intermediate or college": (degree["intermediate"] + degree["college"], 14_324),
        "university": (degree["university"], 191_048),
        "LLCT none or elementary": (llct["none"] + llct["elementary"], 25_447),
        "LLCT intermediate": (llct["intermediate"], 166_638),
        "LLCT advanced": (llct["advanced"], 14_622),
        "under 45": (ages["under 45"], 122_143),
        "45-55": (ages["45-55"], 63_203),
        "over 55": (ages["55+"], 21_361),
    }
    for name, (count, national) in shares.items():
        assert abs(count - national / 206_707 * STAFF) < 1, name


def test_the_early_retirees_are_those_who_cannot_reach_a_degree_in_the_window(
    scenario: Scenario,
) -> None:
    """``retires`` marks exactly the staff below a university degree for whom no degree course
    offered in 2026 ends by 2029 with its service obligation (2 x its months) served before
    their Decree 135/2020 retirement; they leave in the first half of 2026."""
    university = scenario.rank("degree", "university")
    ways = [
        c
        for c in scenario.courses
        if c.track == "degree" and scenario.rank("degree", c.grants) >= university
    ]

    def can_finish(official_id: str) -> bool:
        official = scenario.official_by_id[official_id]
        decree = official.model_copy(update={"retires": None}).retirement
        for course in ways:
            if (course.course_id, 2026) not in scenario.offering_by_key:
                continue
            end = course.end_year(2026)
            held = {
                r.track: scenario.rank(r.track, official.levels[r.track]) for r in course.requires
            }
            if end > 2029 or any(
                held[r.track] < scenario.rank(r.track, r.level) for r in course.requires
            ):
                continue
            served = decree.index - YearMonth(end + 1, 1).index + 1
            if served >= 2 * course.months:
                return True
        return False

    below = [
        o for o in scenario.officials if scenario.rank("degree", o.levels["degree"]) < university
    ]
    assert len(below) == 180
    early = {o.official_id for o in scenario.officials if o.retires is not None}
    assert early == {o.official_id for o in below if not can_finish(o.official_id)}
    assert 30 <= len(early) <= 50  # the README's 40
    for official_id in early:
        retires = scenario.official_by_id[official_id].retires
        assert retires is not None and retires.year == 2026 and retires.month <= 6


# ---------------------------------------------------------------- the plan


def test_the_best_plan_is_proven_and_keeps_every_rule(scenario: Scenario, plan_dir: Path) -> None:
    document = json.loads((plan_dir / "plan.json").read_text(encoding="utf-8"))
    solver = document["solver"]
    assert solver["status"] == "OPTIMAL" and solver["gap"] == 0
    evaluation = evaluate(scenario, read_plan(plan_dir))
    assert evaluation.violations == []
    assert solver["objective"]["money"] == float(evaluation.money)
    assert evaluation.weighted_shortfall == 0


def test_every_target_is_met_recounted_from_the_plan_files(
    scenario: Scenario, plan_dir: Path
) -> None:
    """attainment.csv says every target is met, and the university-2029 target (the five-year
    window) is recounted from enrollments.csv: everyone in service at the end of 2029 holds a
    university degree, from the start or by a degree course that ended by 2029."""
    attainment = _rows(plan_dir / "attainment.csv")
    assert {row["target_id"] for row in attainment} == {t.id for t in scenario.settings.targets}
    assert all(row["met"] == "true" and row["shortfall"] == "0" for row in attainment)
    graduated = {
        row["official_id"]
        for row in _rows(plan_dir / "enrollments.csv")
        if row["course_id"].startswith("dh-") and int(row["end_year"]) <= 2029
    }
    staff = [o for o in scenario.officials if scenario.in_service_at_end(o, 2029)]
    lacking = [
        o.official_id
        for o in staff
        if o.levels["degree"] != "university" and o.official_id not in graduated
    ]
    assert lacking == []
    row = next(r for r in attainment if r["target_id"] == "university-2029")
    assert int(row["population"]) == len(staff) and int(row["qualified"]) == len(staff)


def test_graduates_in_another_field_take_a_second_degree_in_a_matching_one(
    scenario: Scenario, plan_dir: Path
) -> None:
    """Decree 33/2023's "matching field": the 60 professionals whose university degree is in a
    field their post does not accept each complete, by 2030, a degree course in a field it
    does (recounted from enrollments.csv, courses.csv and posts.csv)."""
    accepted = {row["post_id"]: row["fields_degree"] for row in _rows(LANG_SON / "posts.csv")}
    field_of = {row["course_id"]: row["field"] for row in _rows(LANG_SON / "courses.csv")}

    def fits(post_id: str, field: str) -> bool:
        return field in [f.strip() for f in accepted[post_id].split(";")]

    mismatched = {
        row["official_id"]: row["post_id"]
        for row in _rows(LANG_SON / "officials.csv")
        if row["degree"] == "university"
        and accepted[row["post_id"]]
        and not fits(row["post_id"], row["field_degree"])
    }
    assert len(mismatched) == 60
    matched = {
        row["official_id"]
        for row in _rows(plan_dir / "enrollments.csv")
        if row["official_id"] in mismatched
        and int(row["end_year"]) <= 2030
        and fits(mismatched[row["official_id"]], field_of[row["course_id"]])
    }
    assert matched == set(mismatched)


def test_the_plans_money_and_the_yearly_budget(scenario: Scenario, plan_dir: Path) -> None:
    """The proven optimum's money (README: 16,988,600,000 VND) and each year's cost under the
    2.5 billion VND cap; the school's classes hold 30 to 50."""
    evaluation = evaluate(scenario, read_plan(plan_dir))
    assert evaluation.money == 16_988_600_000
    cap = scenario.settings.budget.per_year
    assert cap is not None and all(cost <= cap for cost in evaluation.cost_by_year.values())
    classes = _rows(plan_dir / "classes.csv")
    assert classes and all(30 <= int(row["learners"]) <= 50 for row in classes)


def test_report_without_a_scenario_finds_this_builtin(plan_dir: Path) -> None:
    """``report PLAN_DIR`` of a plan of the second built-in needs no SCENARIO either."""
    reported = run("report", plan_dir)
    assert reported.returncode == 0, reported.stdout + reported.stderr
    assert (plan_dir / "report.html").is_file()


# ---------------------------------------------------------------- --builtin


def test_builtin_option_names_the_scenario() -> None:
    validated = run("validate", "--builtin", "lang-son-2026")
    assert validated.returncode == 0, validated.stderr
    assert "Scenario lang-son-2026 is valid." in validated.stdout
    assert "No scenario given" not in validated.stderr


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "not both"), ("vi", "không dùng cả hai")],
)
def test_a_folder_and_builtin_together_are_refused(lang: str, words: str, tmp_path: Path) -> None:
    refused = run("validate", tmp_path, "--builtin", "lang-son-2026", "--lang", lang)
    assert refused.returncode == 2
    assert words in refused.stderr and str(tmp_path) in refused.stderr


def test_an_unknown_builtin_is_a_usage_error() -> None:
    refused = run("solve", "--builtin", "nowhere-2030")
    assert refused.returncode == 2
    assert "lang-son-2026" in refused.stderr and "binh-gia-2018" in refused.stderr


def test_explain_takes_builtin_too() -> None:
    explained = run("explain", "--builtin", "binh-gia-2018", "--target", "cadres-2020")
    assert explained.returncode == 0, explained.stderr
    assert "Target cadres-2020 (2020): can be met" in explained.stdout
    assert "No scenario given" not in explained.stderr


def test_validate_sums_up_a_province_without_districts_by_commune() -> None:
    """65 units and no district level: by unit, not one '? (Lạng Sơn)' row."""
    validated = run("validate", "--builtin", "lang-son-2026")
    assert validated.returncode == 0, validated.stderr
    assert "Officials by category and unit" in validated.stdout
    assert "? (" not in validated.stdout
