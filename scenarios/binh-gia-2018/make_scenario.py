"""Write the built-in scenario binh-gia-2018 and print the figures its README quotes.

    .venv/bin/python scenarios/binh-gia-2018/make_scenario.py

The CSV files are checked in; this script is how they were made (deterministic: the same
files every run). The README explains, figure by figure, where each number comes from. The
report ends with each target before any training (the independent checker on the empty plan)
and the solver's optimal plan, checked by the same checker: that is what shows the targets
reachable.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path
from statistics import median

from trainplan.checking.checker import evaluate
from trainplan.files import read_scenario
from trainplan.generator.courses import COURSE_COLUMNS, OFFERING_COLUMNS, course_rows, offering_rows
from trainplan.generator.names import person_name
from trainplan.generator.posts import POST_BY_ID, Profile, profile_deck, unit_class
from trainplan.generator.tables import (
    LECTURER_COLUMNS,
    OFFICIAL_COLUMNS,
    POST_COLUMNS,
    UNIT_COLUMNS,
    official_row,
    post_rows,
    write_csv,
)
from trainplan.models.plan import Plan
from trainplan.models.scenario import Scenario
from trainplan.solver import SolveOptions, solve
from trainplan.solver.candidates import enumerate_candidates as candidates

FOLDER = Path(__file__).resolve().parent
SEED = 981129  # Plan 98-KH/HU of 29 Nov 2018
FIRST, LAST = 2018, 2022

MASS = ("ct-mttq", "bt-doan", "ct-phu-nu", "ct-nong-dan", "ct-cuu-chien-binh")
L3 = ("bi-thu", "ct-ubnd", "pct-ubnd")  # secretary also chairs the People's Council
L4H = (*L3, "pct-hdnd")
L4P = (*L3, "pho-bi-thu")
L5 = ("bi-thu", "ct-hdnd", "ct-ubnd", "pct-hdnd", "pct-ubnd")
LHT = ("bi-thu", "pho-bi-thu", "pct-ubnd")  # the secretary also chairs the People's Committee
CS11 = (
    "chqs",
    "vp-tk",
    "vp-tk",
    "dc-xd",
    "dc-xd",
    "tc-kt",
    "tc-kt",
    "tp-ht",
    "tp-ht",
    "vh-xh",
    "vh-xh",
)
CS12 = (*CS11, "dc-xd")
CS9 = ("chqs", "vp-tk", "vp-tk", "dc-xd", "dc-xd", "tc-kt", "tp-ht", "tp-ht", "vh-xh")

# The 19 units after Resolution 818/NQ-UBTVQH14 (21 Nov 2019; Tô Hiệu joined the town):
# unit_id, name, leadership posts, civil-servant posts. Every unit also has the 5 MASS chairs.
UNITS: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("tt-binh-gia", "Thị trấn Bình Gia", L5, CS12),
    ("hong-thai", "Xã Hồng Thái", LHT, CS9),
    ("binh-la", "Xã Bình La", L3, CS11),
    ("hoa-binh", "Xã Hòa Bình", L3, CS11),
    ("hoa-tham", "Xã Hoa Thám", L4H, CS11),
    ("hoang-van-thu", "Xã Hoàng Văn Thụ", L4H, CS11),
    ("hong-phong", "Xã Hồng Phong", L4H, CS11),
    ("hung-dao", "Xã Hưng Đạo", L3, CS11),
    ("minh-khai", "Xã Minh Khai", L3, CS11),
    ("mong-an", "Xã Mông Ân", L3, CS11),
    ("quang-trung", "Xã Quang Trung", L3, CS11),
    ("quy-hoa", "Xã Quý Hòa", L3, CS11),
    ("tan-hoa", "Xã Tân Hòa", L3, CS11),
    ("tan-van", "Xã Tân Văn", L4H, CS11),
    ("thien-hoa", "Xã Thiện Hòa", L3, CS11),
    ("thien-long", "Xã Thiện Long", L3, CS11),
    ("thien-thuat", "Xã Thiện Thuật", L4P, CS11),
    ("vinh-yen", "Xã Vĩnh Yên", L4P, CS11),
    ("yen-lo", "Xã Yên Lỗ", L3, CS11),
)

# Hồng Thái, the article's model commune (17 officials; by 2021 all meet the standard and 15
# hold a university degree): its (degree, llct) in 2018, in roster order.
UNI, INT = "university", "intermediate"
HONG_THAI = (
    *[(UNI, INT)] * 3,  # leaders
    *[(UNI, INT)] * 4,
    (INT, INT),  # mass organisations
    (UNI, INT),
    *[(UNI, "elementary")] * 6,
    (UNI, "none"),
    (INT, "none"),  # civil servants
)

# lecturer_id, subjects, hours_per_year, cost_per_hour, from_year, to_year
LECTURERS = (
    ("GV01", "llct; qlnn", 80, 150_000, "", ""),
    ("GV02", "llct; qlnn", 80, 150_000, "", ""),
    ("GV03", "llct; qlnn", 80, 150_000, "", ""),
    ("GV04", "llct; qlnn", 80, 150_000, "", ""),
    ("GV05", "llct; qlnn", 80, 125_000, "", ""),
    ("GV06", "llct; qlnn", 80, 125_000, "", ""),
    ("GV07", "llct; qlnn", 80, 125_000, "", ""),
    ("GV08", "llct; qlnn", 80, 125_000, "", ""),
    ("GV09", "llct", 80, 125_000, "", ""),
    ("GV10", "llct", 80, 125_000, "", ""),
    ("GV11", "llct", 80, 125_000, 2019, ""),
    ("GV12", "llct", 80, 125_000, "", 2020),
)

SETTINGS = """\
name: binh-gia-2018
title: "Huyện Bình Gia (Lạng Sơn): đào tạo cán bộ, công chức cấp xã 2018–2022"
horizon: [2018, 2022]
tracks:
  degree: [none, intermediate, college, university, master]
  llct: [none, elementary, intermediate, advanced]
targets:
  # Plan 98-KH/HU (29 Nov 2018): by 2020, >= 40 % of cadres and >= 60 % of civil servants
  # hold a college or university degree and meet their post's LLCT standard.
  - id: cadres-2020
    year: 2020
    who: {category: cadre}
    has: {degree: college}
    standard: [llct]
    share: 0.40
  - id: civil-servants-2020
    year: 2020
    who: {category: civil_servant}
    has: {degree: college}
    standard: [llct]
    share: 0.60
  # Officials meeting their post standard on every track (article, late 2021: 97.8 % on
  # expertise, > 95 % on LLCT).
  - id: standard-2021
    year: 2021
    standard: [degree, llct]
    share: 0.85
  - id: standard-2022
    year: 2022
    standard: [degree, llct]
    share: 0.88
  # Leaders with a university degree, ahead of the national standard for chairs.
  - id: leaders-university-2022
    year: 2022
    who: {leadership: true}
    has: {degree: university}
    share: 0.50
budget: {per_year: 400000000, total: 1600000000}
continuity:
  working_days: 250
  max_away_share: 0.10
  max_leaders_away: 1
  max_personal_days: 80
  day_value: 300000
  leader_factor: 2.0
  years:
    2021: {max_away_share: 0.05}   # People's Council elections, 23 May 2021
service_obligation: 2.0
"""


def _take(deck: list[Profile], degree: str, llct: str) -> Profile:
    for index, profile in enumerate(deck):
        if (profile.degree, profile.llct) == (degree, llct):
            return deck.pop(index)
    raise ValueError(f"no profile {degree}/{llct} left")


def officials(rng: random.Random) -> list[list[object]]:
    rosters = [(unit_id, [*leaders, *MASS, *cs]) for unit_id, _, leaders, cs in UNITS]
    sizes = Counter(POST_BY_ID[post].group for _, roster in rosters for post in roster)
    decks = {group: profile_deck(rng, group, size) for group, size in sorted(sizes.items())}
    hong_thai = dict(rosters)["hong-thai"]
    chosen = {
        index: _take(decks[POST_BY_ID[post].group], *HONG_THAI[index])
        for index, post in enumerate(hong_thai)
    }
    rows = []
    for unit_id, roster in rosters:
        for index, post_id in enumerate(roster):
            post = POST_BY_ID[post_id]
            profile = chosen[index] if unit_id == "hong-thai" else decks[post.group].pop()
            rows.append(
                official_row(rng, f"{unit_id}-{index + 1:02d}", unit_id, post, profile, FIRST)
            )
    return rows


def write(folder: Path = FOLDER) -> None:
    """Write the scenario's files into ``folder``."""
    rng = random.Random(SEED)
    rows = officials(rng)
    size = Counter(str(row[2]) for row in rows)
    write_csv(
        folder / "units.csv",
        UNIT_COLUMNS,
        (
            [unit_id, name, "Bình Gia", "Lạng Sơn", unit_class(size[unit_id])]
            for unit_id, name, _, _ in UNITS
        ),
    )
    write_csv(folder / "posts.csv", POST_COLUMNS, post_rows())
    write_csv(folder / "officials.csv", OFFICIAL_COLUMNS, rows)
    write_csv(folder / "courses.csv", COURSE_COLUMNS, course_rows())
    write_csv(folder / "offerings.csv", OFFERING_COLUMNS, offering_rows(FIRST, LAST, len(rows)))
    write_csv(
        folder / "lecturers.csv",
        LECTURER_COLUMNS,
        (
            [lecturer_id, person_name(rng, "F" if i % 3 == 1 else "M")[0], *rest]
            for i, (lecturer_id, *rest) in enumerate(LECTURERS)
        ),
    )
    (folder / "scenario.yaml").write_text(SETTINGS, encoding="utf-8")


def report(scenario: Scenario) -> None:
    """The figures the README quotes."""
    describe_officials(scenario)
    describe_plan(scenario)


def describe_officials(scenario: Scenario) -> None:
    """Who the officials are: groups, qualification mix, ages, retirements."""
    groups = Counter(
        (scenario.post_of(o).category, scenario.post_of(o).leadership) for o in scenario.officials
    )
    print("officials", len(scenario.officials), dict(sorted(groups.items())))
    for category in ("cadre", "civil_servant"):
        mix = Counter(
            (o.levels["degree"], o.levels["llct"])
            for o in scenario.officials
            if scenario.post_of(o).category == category
        )
        print(category, sorted(mix.items(), key=lambda item: -item[1]))
    ages = Counter(
        "<35"
        if FIRST - o.birth.year < 35
        else "35-44"
        if FIRST - o.birth.year < 45
        else "45-54"
        if FIRST - o.birth.year < 55
        else "55+"
        for o in scenario.officials
    )
    print(
        "ages in 2018",
        dict(sorted(ages.items())),
        "median",
        median(FIRST - o.birth.year for o in scenario.officials),
        "women",
        sum(o.sex == "F" for o in scenario.officials),
        "successors",
        sum(o.successor for o in scenario.officials),
        "ethnic minority",
        sum(o.ethnic_minority for o in scenario.officials),
    )
    retiring = Counter(o.retirement.year for o in scenario.officials if o.retirement.year <= LAST)
    print("retirements by year", dict(sorted(retiring.items())))
    for year in (2020, 2021, 2022):
        print(
            year,
            "cadre/civil servant at the end of the year:",
            Counter(
                scenario.post_of(o).category
                for o in scenario.officials
                if scenario.in_service_at_end(o, year)
            ),
        )


def describe_plan(scenario: Scenario) -> None:
    """Each target before any training, and the solver's optimal plan as the checker sees it."""
    print("solver binaries (eligible official, course, start year):", len(candidates(scenario)))
    before = evaluate(scenario, Plan())
    print("target, year, population, qualified 2018 (no training), required, shortfall")
    for a in before.attainment:
        print(
            f"  {a.target_id:24} {a.year} {a.population:4} {a.qualified:4}"
            f"  need {a.required:4}  short {a.shortfall:3}"
        )
    plan = solve(scenario, SolveOptions(time_limit=None))
    assert plan.solver is not None
    after = evaluate(scenario, plan)
    print(
        "solver:",
        plan.solver.status,
        "objective",
        plan.solver.objective,
        "reproducible" if plan.solver.reproducible else "not reproducible",
        "seed",
        plan.solver.seed,
    )
    print(
        "independent check of the solver's plan:",
        "keeps every rule" if after.valid else f"{len(after.violations)} broken rules",
    )
    print("target, qualified 2018 -> with the solver's plan, required")
    for a, b in zip(before.attainment, after.attainment, strict=True):
        print(
            f"  {b.target_id:24} {a.qualified:4} -> {b.qualified:4}  need {b.required:4}"
            f"  {'met' if b.met else 'SHORT'}"
        )
    used = Counter((e.course_id, e.start_year) for e in plan.enrollments)
    print("plan enrollments by (course, start):", dict(sorted(used.items())))
    print(
        "plan classes (course, year, class, learners, lecturer, hours):",
        [
            (c.course_id, c.year, c.class_no, c.learners, c.lecturer_id, c.hours)
            for c in plan.classes
        ],
    )
    print(
        "plan cost by year (million VND):",
        {year: round(float(cost) / 1e6, 1) for year, cost in sorted(after.cost_by_year.items())},
        "total",
        round(float(after.cost_total) / 1e6, 1),
        "days away",
        after.away_days_total,
        "valued at",
        round(float(after.away_value) / 1e6, 1),
    )


if __name__ == "__main__":
    write()
    loaded = read_scenario(FOLDER)
    if loaded.warnings:
        sys.exit(f"warnings: {loaded.warnings}")
    report(loaded.scenario)
