"""Write the built-in scenario binh-gia-2018 and print the figures its README quotes.

    .venv/bin/python scenarios/binh-gia-2018/make_scenario.py [--compare]

The CSV files are checked in; this script is how they were made (deterministic: the same
files every run). The README explains, figure by figure, where each number comes from. The
report ends with each target before any training (the independent checker on the empty plan)
and the solver's optimal plan, checked by the same checker: that is what shows the article's
late-2021 figures reachable. With ``--compare`` it also solves the variant pinned to what the
district did (11 degree places filled every year) and compares it with the free optimum.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path
from statistics import median

from trainplan.checking.checker import evaluate
from trainplan.files import read_scenario
from trainplan.generator.courses import COURSE_COLUMNS, COURSES, OFFERING_COLUMNS
from trainplan.generator.names import person_name
from trainplan.generator.posts import POST_BY_ID, POSTS, Profile, unit_class
from trainplan.generator.tables import (
    LECTURER_COLUMNS,
    OFFICIAL_COLUMNS,
    POST_COLUMNS,
    UNIT_COLUMNS,
    WOMEN_MAX_AGE,
    official_row,
    write_csv,
)
from trainplan.models.plan import Plan
from trainplan.models.retirement import YearMonth, retirement_month
from trainplan.models.scenario import Scenario
from trainplan.solver import SolveOptions, solve
from trainplan.solver.candidates import enumerate_candidates as candidates

FOLDER = Path(__file__).resolve().parent
SEED = 981129  # Plan 98-KH/HU of 29 Nov 2018
FIRST, LAST = 2018, 2022
PLAN_STARTS = 2019  # the first courses under Plan 98 (29 Nov 2018) start in 2019

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

# The commune post of Decree 34/2019 Art. 3 (wards and towns: "Địa chính - Xây dựng - Đô thị
# và Môi trường"); 18 of the 19 units are communes, so the file uses the commune title.
POST_NAMES = {"dc-xd": "Địa chính - Nông nghiệp - Xây dựng và Môi trường"}

# Hồng Thái, the article's model commune (17 officials; by 2021 all meet the standard and 15
# hold a university degree): its (degree, llct) in 2018, in roster order.
UNI, INT, ELE = "university", "intermediate", "elementary"
HONG_THAI = (
    *[(UNI, INT)] * 3,  # leaders
    *[(UNI, INT)] * 4,
    (INT, INT),  # mass organisations
    (UNI, INT),
    *[(UNI, ELE)] * 5,
    ("college", ELE),
    (UNI, "none"),
    (INT, "none"),  # civil servants
)

# (degree, llct, officials, age band) of each group in 2018: the README's table, calibrated so
# that the plan reaching the article's late-2021 figures needs what the district did.
PROFILES: dict[str, tuple[Profile, ...]] = {
    "leader": (
        Profile(UNI, INT, 23, "mid"),
        Profile("master", INT, 1, "mid"),
        Profile("college", INT, 5, "mid"),
        Profile(UNI, "advanced", 2, "old"),
        Profile(INT, INT, 25, "old"),
        Profile(INT, ELE, 3, "mid"),
        Profile(UNI, ELE, 5, "young"),
        Profile("college", ELE, 1, "young"),
    ),
    "mass": (
        Profile(UNI, INT, 9, "mid"),
        Profile("college", INT, 4, "mid"),
        Profile(INT, INT, 44, "old"),
        Profile(INT, ELE, 17, "mid"),
        Profile(UNI, ELE, 4, "young"),
        Profile("college", ELE, 2, "young"),
        Profile(UNI, "none", 1, "young"),
        Profile(INT, "none", 6, "mid"),
        Profile("none", ELE, 5, "old"),
        Profile("none", "none", 3, "old"),
    ),
    "cs": (
        Profile(UNI, ELE, 62, "young"),
        Profile(UNI, INT, 20, "mid"),
        Profile("college", ELE, 33, "young"),
        Profile("college", INT, 5, "mid"),
        Profile(UNI, "none", 9, "young"),
        Profile("college", "none", 4, "young"),
        Profile(INT, ELE, 47, "mid"),
        Profile(INT, INT, 5, "old"),
        Profile(INT, "none", 18, "mid"),
        Profile("none", ELE, 3, "old"),
        Profile("none", "none", 2, "old"),
    ),
}

# Turnover (U): cadres not re-elected at the commune Party congresses (mid-2020) and at the
# People's Council elections of 23 May 2021, by the month they leave; every vacancy, these and
# the retirements, is filled in the month it opens.
CONGRESS_2020, ELECTION_2021 = "2020-06", "2021-06"
LEAVERS = {CONGRESS_2020: 10, ELECTION_2021: 10}
CIRCULAR_13 = 2020  # Circular 13/2019/TT-BNV (25 Dec 2019): new civil servants hold a degree
RECRUIT = {"leader": (UNI, INT), "mass": (INT, ELE), "cs": (UNI, "none")}

# Courses: the generator's six, with the LLCT intermediate course open to an intermediate
# (trung cấp) degree, as the 2018 roster and the article's > 95 % LLCT standard imply.
LLCT_TC_REQUIRES = "llct>=elementary; degree>=intermediate"
# (course, year): classes (internal) or seats (external); degree seats add up to 11 a year
OFFERS: dict[str, dict[int, int]] = {
    "llct-sc": {2019: 1, 2020: 1, 2021: 1, 2022: 1},
    "llct-tc": {2019: 15, 2020: 15, 2021: 15, 2022: 15},
    "cm-tc": {2019: 1, 2020: 1},
    "cm-cd": {2019: 7, 2020: 7},
    "cm-dh-lt": {2019: 2, 2020: 3, 2021: 11},
    "cm-dh": {2019: 1},
}
DEGREE_COURSES = ("cm-tc", "cm-cd", "cm-dh-lt", "cm-dh")

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
  # What the article reports for late 2021 (Báo Lạng Sơn, 6 Dec 2021). Each share is the
  # lowest that the article's rounding gives: 41.85 % of 160 cadres is 67 (41.9 %), 70.65 %
  # of 208 civil servants is 147 (70.7 %), 97.75 % of 368 is 360 (97.8 %), and 95 % of 368
  # asks for 350 (95.1 %, "over 95 %").
  - id: cadres-2021
    year: 2021
    who: {category: cadre}
    has: {degree: college}
    standard: [llct]
    share: 0.4185
  - id: civil-servants-2021
    year: 2021
    who: {category: civil_servant}
    has: {degree: college}
    standard: [llct]
    share: 0.7065
  - id: expertise-standard-2021
    year: 2021
    standard: [degree]
    share: 0.9775
  - id: llct-standard-2021
    year: 2021
    standard: [llct]
    share: 0.95
  # Hồng Thái, the article's model commune: 17/17 at the standard, 15/17 with a university
  # degree (15/17 = 88.2 %; 0.88 x 17 = 14.96 asks for 15).
  - id: hong-thai-standard-2021
    year: 2021
    who: {unit: hong-thai}
    standard: [degree, llct]
    share: 1.0
  - id: hong-thai-university-2021
    year: 2021
    who: {unit: hong-thai}
    has: {degree: university}
    share: 0.88
  # Leaders with a university degree, ahead of the national standard for chairs.
  - id: leaders-university-2022
    year: 2022
    who: {leadership: true}
    has: {degree: university}
    share: 0.70
  # Civil servants with a university degree, the standard of Circular 13/2019/TT-BNV: what
  # the degree places of 2020-2021 (11 in 2021, the article) are for by 2022.
  - id: civil-servants-university-2022
    year: 2022
    who: {category: civil_servant}
    has: {degree: university}
    share: 0.545
budget: {per_year: 600000000, total: 2400000000}
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

COLUMNS = (*OFFICIAL_COLUMNS, "joins", "leaves")
"""officials.csv: the generator's columns plus when a recruit joins and a cadre leaves."""


def deck(rng: random.Random, group: str) -> list[Profile]:
    """The group's exact 2018 mix, shuffled."""
    cards = [p for p in PROFILES[group] for _ in range(p.count)]
    rng.shuffle(cards)
    return cards


def _take(cards: list[Profile], degree: str, llct: str) -> Profile:
    for index, profile in enumerate(cards):
        if (profile.degree, profile.llct) == (degree, llct):
            return cards.pop(index)
    raise ValueError(f"no profile {degree}/{llct} left")


def roster_2018(rng: random.Random) -> list[list[object]]:
    """The 368 officials in office when Plan 98 was issued (levels as of the end of 2018)."""
    rosters = [(unit_id, [*leaders, *MASS, *cs]) for unit_id, _, leaders, cs in UNITS]
    decks = {group: deck(rng, group) for group in sorted(PROFILES)}
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
            row = official_row(rng, f"{unit_id}-{index + 1:02d}", unit_id, post, profile, FIRST)
            rows.append([*row, "", ""])
    assert not any(decks.values()), "every profile is used"
    return rows


def retirement(row: list[object]) -> YearMonth:
    year, month = str(row[5]).split("-")
    return retirement_month("F" if row[4] == "F" else "M", YearMonth(int(year), int(month)))


def month(text: str) -> YearMonth:
    year, number = text.split("-")
    return YearMonth(int(year), int(number))


def turnover(rng: random.Random, rows: list[list[object]]) -> None:
    """Mark the cadres who leave at the 2020 congresses and the 2021 elections (U): aged 45 or
    more in the year, in office until then and beyond, never in Hồng Thái (the article's
    commune, 17/17 at the standard in 2021)."""
    pools = {
        CONGRESS_2020: ("bi-thu", "pho-bi-thu", *MASS),
        ELECTION_2021: ("ct-hdnd", "pct-hdnd", "ct-ubnd", "pct-ubnd"),
    }
    for when, count in LEAVERS.items():
        going = month(when)
        pool = [
            row
            for row in rows
            if row[3] in pools[when]
            and row[2] != "hong-thai"
            and not row[COLUMNS.index("leaves")]
            and going.year - int(str(row[5])[:4]) >= 45
            and retirement(row) > YearMonth(LAST, 12)
        ]
        for row in rng.sample(pool, count):
            row[COLUMNS.index("leaves")] = when


def recruits(rng: random.Random, rows: list[list[object]]) -> list[list[object]]:
    """One official for each vacancy of the horizon (a retirement or a cadre who leaves),
    same unit and post, joining in the month the vacancy opens, with the levels RECRUIT gives
    (civil servants recruited before Circular 13/2019 took effect: college)."""
    taken = Counter(str(row[2]) for row in rows)
    found = []
    for row in rows:
        left = row[COLUMNS.index("leaves")]
        gone = month(str(left)) if left else retirement(row)
        if gone.year > LAST:
            continue
        post = POST_BY_ID[str(row[3])]
        degree, llct = RECRUIT[post.group]
        if post.category == "civil_servant" and gone.year < CIRCULAR_13:
            degree = "college"
        taken[str(row[2])] += 1
        new_id = f"{row[2]}-{taken[str(row[2])]:02d}"
        recruit = official_row(
            rng, new_id, str(row[2]), post, Profile(degree, llct, 1, "young"), gone.year
        )
        youngest = post.ages[0]
        oldest = min(youngest + 12, post.ages[1], WOMEN_MAX_AGE if recruit[4] == "F" else 99)
        recruit[5] = f"{gone.year - rng.randint(youngest, oldest):04d}-{rng.randint(1, 12):02d}"
        found.append([*recruit, f"{gone.year:04d}-{gone.month:02d}", ""])
    return found


def officials(rng: random.Random) -> list[list[object]]:
    rows = roster_2018(rng)
    turnover(rng, rows)
    return rows + recruits(rng, rows)


def course_rows() -> list[list[object]]:
    rows = []
    for course in COURSES:
        row = dict(course)
        if row["course_id"] == "llct-tc":
            row["requires"] = LLCT_TC_REQUIRES
        rows.append([row[column] for column in COURSE_COLUMNS])
    return rows


def offering_rows() -> list[list[object]]:
    internal = {str(c["course_id"]) for c in COURSES if c["provider"] == "internal"}
    return [
        [course_id, year, "", amount] if course_id in internal else [course_id, year, amount, ""]
        for course_id, years in OFFERS.items()
        for year, amount in years.items()
    ]


def post_rows() -> list[list[object]]:
    return [
        [
            post.post_id,
            POST_NAMES.get(post.post_id, post.name),
            post.category,
            "true" if post.leadership else "false",
            *post.standard,
        ]
        for post in POSTS
    ]


def write(folder: Path = FOLDER) -> None:
    """Write the scenario's files into ``folder``."""
    rng = random.Random(SEED)
    rows = officials(rng)
    size = Counter(str(row[2]) for row in rows if not row[COLUMNS.index("joins")])
    write_csv(
        folder / "units.csv",
        UNIT_COLUMNS,
        (
            [unit_id, name, "Bình Gia", "Lạng Sơn", unit_class(size[unit_id])]
            for unit_id, name, _, _ in UNITS
        ),
    )
    write_csv(folder / "posts.csv", POST_COLUMNS, post_rows())
    write_csv(folder / "officials.csv", COLUMNS, rows)
    write_csv(folder / "courses.csv", COURSE_COLUMNS, course_rows())
    write_csv(folder / "offerings.csv", OFFERING_COLUMNS, offering_rows())
    write_csv(
        folder / "lecturers.csv",
        LECTURER_COLUMNS,
        (
            [lecturer_id, person_name(rng, "F" if i % 3 == 1 else "M")[0], *rest]
            for i, (lecturer_id, *rest) in enumerate(LECTURERS)
        ),
    )
    (folder / "scenario.yaml").write_text(SETTINGS, encoding="utf-8")


def report(scenario: Scenario) -> Plan:
    """The figures the README quotes; returns the solver's optimal plan."""
    describe_officials(scenario)
    return describe_plan(scenario)


def describe_officials(scenario: Scenario) -> None:
    """Who the officials are: the 2018 roster's mix and ages, turnover, recruits."""
    splits = [
        (c, 368 - c)
        for c in range(1, 368)
        if round(1000 * round(c * 0.419) / c) == 419
        and round(1000 * round((368 - c) * 0.707) / (368 - c)) == 707
    ]
    print("splits of 368 where 41.9 % and 70.7 % are whole people:", splits)
    first = [o for o in scenario.officials if o.joins is None]
    groups = Counter((scenario.post_of(o).category, scenario.post_of(o).leadership) for o in first)
    print("officials in 2018", len(first), dict(sorted(groups.items())))
    for category in ("cadre", "civil_servant"):
        mix = Counter(
            (o.levels["degree"], o.levels["llct"])
            for o in first
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
        for o in first
    )
    print(
        "ages in 2018",
        dict(sorted(ages.items())),
        "median",
        median(FIRST - o.birth.year for o in first),
        "women",
        sum(o.sex == "F" for o in first),
        "successors",
        sum(o.successor for o in first),
        "ethnic minority",
        sum(o.ethnic_minority for o in first),
    )
    retiring = Counter(
        o.retirement.year for o in first if o.retirement.year <= LAST and o.leaves is None
    )
    print("retirements by year", dict(sorted(retiring.items())))
    leaving = Counter((str(o.leaves), scenario.post_of(o).leadership) for o in first if o.leaves)
    print("cadres leaving (month, leadership)", dict(sorted(leaving.items())))
    joining = Counter(
        (o.joins.year, scenario.post_of(o).category, o.levels["degree"], o.levels["llct"])
        for o in scenario.officials
        if o.joins is not None
    )
    print("recruits (year, category, degree, llct):", dict(sorted(joining.items())))
    for year in (2019, 2020, 2021, 2022):
        print(
            year,
            "cadre/civil servant at the end of the year:",
            dict(
                Counter(
                    scenario.post_of(o).category
                    for o in scenario.officials
                    if scenario.in_service_at_end(o, year)
                )
            ),
        )


def describe_plan(scenario: Scenario) -> Plan:
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
    done = {
        (e.official_id, scenario.course_by_id[e.course_id].track)
        for e in plan.enrollments
        if scenario.course_by_id[e.course_id].end_year(e.start_year) <= 2021
    }
    print(
        "in service at the end of 2021 with no LLCT at all:",
        sum(
            o.levels["llct"] == "none" and (o.official_id, "llct") not in done
            for o in scenario.officials
            if scenario.in_service_at_end(o, 2021)
        ),
    )
    starts = Counter(e.start_year for e in plan.enrollments if e.course_id in DEGREE_COURSES)
    print("degree courses started by year:", dict(sorted(starts.items())))
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
    return plan


def district_pins(scenario: Scenario, plan: Plan) -> list[list[object]]:
    """``require`` pins for every degree place, as the district used them (the article: "over
    10 a year", 11 in 2021): the free optimum's degree enrollments, and for each place it
    leaves empty the youngest eligible official who has no course in that plan."""
    busy = {e.official_id for e in plan.enrollments}
    used = Counter((e.course_id, e.start_year) for e in plan.enrollments)
    birth = {o.official_id: o.birth for o in scenario.officials}
    eligible = sorted(
        (key for key in candidates(scenario) if key[1] in DEGREE_COURSES),
        key=lambda key: (key[2], key[1], -birth[key[0]].index, key[0]),
    )
    pins: list[list[object]] = [
        [e.official_id, e.course_id, e.start_year, "require"]
        for e in plan.enrollments
        if e.course_id in DEGREE_COURSES
    ]
    for official_id, course_id, year in eligible:
        if official_id in busy or used[course_id, year] >= OFFERS[course_id].get(year, 0):
            continue
        busy.add(official_id)
        used[course_id, year] += 1
        pins.append([official_id, course_id, year, "require"])
    return pins


def compare_with_district(scenario: Scenario, plan: Plan, folder: Path) -> None:
    """Solve the variant pinned to the district's 11 degree places a year and print both."""
    write(folder)
    pins = district_pins(scenario, plan)
    write_csv(folder / "pins.csv", ("official_id", "course_id", "year", "action"), pins)
    variant = read_scenario(folder).scenario
    pinned = solve(variant, SolveOptions(time_limit=None))
    assert pinned.solver is not None
    print("district variant:", len(pins), "pins", pinned.solver.status, pinned.solver.objective)
    for name, chosen, case in (("free", plan, scenario), ("district", pinned, variant)):
        checked = evaluate(case, chosen)
        starts = Counter(e.start_year for e in chosen.enrollments if e.course_id in DEGREE_COURSES)
        print(
            f"  {name}: degree starts {dict(sorted(starts.items()))}, enrollments",
            len(chosen.enrollments),
            "cost",
            round(float(checked.cost_total) / 1e6, 1),
            "days away",
            checked.away_days_total,
            "money",
            round(float(checked.money) / 1e6, 1),
            "targets met",
            sum(a.met for a in checked.attainment),
            "of",
            len(checked.attainment),
        )


if __name__ == "__main__":
    write()
    loaded = read_scenario(FOLDER)
    if loaded.warnings:
        sys.exit(f"warnings: {loaded.warnings}")
    optimum = report(loaded.scenario)
    if "--compare" in sys.argv:
        out = FOLDER.parent.parent / "build" / "binh-gia-as-the-district-did"
        out.mkdir(parents=True, exist_ok=True)
        compare_with_district(loaded.scenario, optimum, out)
